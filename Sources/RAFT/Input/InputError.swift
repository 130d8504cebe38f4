/// Bad input: names the file, the YAML path and what was expected.
///
/// Rendered as `VolturnUS-S.yaml:57:9: platform.members[1].d: expected 1 or 2 values (one per station), got 3`.
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    /// File name as given by the user (or `<string>` for in-memory YAML).
    public var file: String
    /// Where in the document.
    package var path: YAMLPath
    /// 1-based line and column of the offending node, when known.
    public var line: Int?
    public var column: Int?
    /// What was wrong and what was expected.
    public var message: String
    /// The error is about the file itself (missing, a folder, unreadable), not a place in it: no YAML path shown.
    public var wholeFile = false

    package init(file: String, path: YAMLPath, line: Int? = nil, column: Int? = nil, message: String, wholeFile: Bool = false) {
        self.file = file; self.path = path; self.line = line; self.column = column; self.message = message
        self.wholeFile = wholeFile
    }

    public var description: String {
        if wholeFile { return "\(file): \(message)" }
        var loc = file
        if let line { loc += ":\(line)"; if let column { loc += ":\(column)" } }
        return "\(loc): \(path): \(message)"
    }
}

/// Non-fatal remarks found while loading or solving (unknown keys, RAFT's printed warnings).
public struct Diagnostics: Sendable, Equatable {
    public struct Warning: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        package var path: YAMLPath
        public var message: String
        public var description: String { "\(file): \(path): warning: \(message)" }
    }
    public var warnings: [Warning] = []
    public init() {}
    package mutating func warn(_ node: YAMLNode, _ message: String) {
        warnings.append(Warning(file: node.file, path: node.path, message: message))
    }
}

/// Levenshtein edit distance, used for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}

/// The closest candidate to `word`, if it is plausibly a typo of it. Ties go to the alphabetically first candidate,
/// so the hint does not depend on the order of `candidates` (often a `Set`'s, which changes from run to run).
func suggestion(for word: String, among candidates: [String]) -> String? {
    let best = candidates.map { ($0, editDistance(word, $0)) }.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
    guard let (name, d) = best, d <= max(2, word.count / 3) else { return nil }
    return name
}
