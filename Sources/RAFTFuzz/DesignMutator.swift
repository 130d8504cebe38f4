import RAFT

extension SeededGenerator {
    /// The generator for mutation `index` of a run seeded with `seed` (independent of the order they run in);
    /// the same seed gives the same mutations on every platform.
    package static func forMutation(seed: UInt64, index: Int) -> SeededGenerator {
        var g = SeededGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        _ = g.next()
        return g
    }
}

/// Structured, hostile mutations of a design tree, the kinds a user (or a script) gets wrong: deleted keys;
/// strings, nulls, NaN/inf, zeros, negatives, huge and tiny values; lists one too short or too long; swapped and
/// duplicated entries; unknown keys; a value of the wrong shape.
package struct DesignMutator: Sendable {
    /// One applied edit, for the report (`platform.members[0].d: scalar → -3.0`).
    package struct Edit: Sendable, CustomStringConvertible {
        package var path: String
        package var operation: String
        package var description: String { "\(path): \(operation)" }
    }

    package init() {}

    /// Apply 1–3 mutations to `root`.
    package func mutate(_ root: YAMLNode, using g: inout SeededGenerator) -> (YAMLNode, [Edit]) {
        var tree = root
        var edits: [Edit] = []
        let count = 1 + Int(g.next() % 3)
        for _ in 0..<count {
            var all: [[Step]] = []
            collect(tree, [], into: &all)
            guard !all.isEmpty else { break }
            let target = all[Int(g.next() % UInt64(all.count))]
            var edit = Edit(path: "", operation: "")
            tree = apply(tree, target[...], using: &g, edit: &edit, path: "")
            edits.append(edit)
        }
        return (tree, edits)
    }

    enum Step { case key(String), index(Int) }

    private func collect(_ n: YAMLNode, _ at: [Step], into out: inout [[Step]]) {
        out.append(at)
        switch n.value {
        case .list(let items): for (i, c) in items.enumerated() { collect(c, at + [.index(i)], into: &out) }
        case .map(let pairs): for p in pairs { collect(p.value, at + [.key(p.key)], into: &out) }
        default: break
        }
    }

    private func apply(_ n: YAMLNode, _ steps: ArraySlice<Step>, using g: inout SeededGenerator, edit: inout Edit, path: String) -> YAMLNode {
        var copy = n
        guard let step = steps.first else {
            edit.path = path.isEmpty ? "(root)" : path
            copy.value = mutateValue(n, using: &g, edit: &edit)
            return copy
        }
        switch (step, n.value) {
        case (.key(let k), .map(var pairs)):
            if let i = pairs.firstIndex(where: { $0.key == k }) {
                // Deleting a key happens one level up, where the mapping is.
                if steps.count == 1 && g.next() % 6 == 0 {
                    pairs.remove(at: i)
                    edit = Edit(path: path.isEmpty ? k : "\(path).\(k)", operation: "deleted")
                } else {
                    pairs[i].value = apply(pairs[i].value, steps.dropFirst(), using: &g, edit: &edit, path: path.isEmpty ? k : "\(path).\(k)")
                }
            }
            copy.value = .map(pairs)
        case (.index(let i), .list(var items)):
            if i < items.count { items[i] = apply(items[i], steps.dropFirst(), using: &g, edit: &edit, path: "\(path)[\(i)]") }
            copy.value = .list(items)
        default: break
        }
        return copy
    }

    static let hostileScalars = ["null", "''", "abc", ".nan", ".inf", "-.inf", "nan", "inf", "0", "-0.0", "-1", "1e308", "-1e308",
                                 "1e-308", "1e300", "1e-300", "1e20", "1e-20", "true", "[]", "{}", "[1, 2]", "'1'", "Operating", "2.5"]

    private func mutateValue(_ n: YAMLNode, using g: inout SeededGenerator, edit: inout Edit) -> YAMLNode.Value {
        func scalar(_ text: String) -> YAMLNode.Value {
            switch text {
            case "null": return .null
            case "''": return .scalar("", quoted: true)
            case "'1'": return .scalar("1", quoted: true)
            case "[]": return .list([])
            case "{}": return .map([])
            case "[1, 2]":
                return .list([YAMLNode(value: .scalar("1", quoted: false), path: n.path, file: n.file),
                              YAMLNode(value: .scalar("2", quoted: false), path: n.path, file: n.file)])
            default: return .scalar(text, quoted: false)
            }
        }
        switch n.value {
        case .scalar(let s, _):
            if let x = Double(s), g.next() % 2 == 0 {
                let factors: [(String, Double)] = [("negated", -1), ("×0", 0), ("×1e12", 1e12), ("×1e-12", 1e-12), ("×1.5", 1.5), ("×1e300", 1e300), ("×1e-300", 1e-300)]
                let (name, f) = factors[Int(g.next() % UInt64(factors.count))]
                edit.operation = "\(s) \(name)"
                return .scalar("\(x * f)", quoted: false)
            }
            let t = Self.hostileScalars[Int(g.next() % UInt64(Self.hostileScalars.count))]
            edit.operation = "\(s) → \(t)"
            return scalar(t)
        case .list(var items):
            switch g.next() % 7 {
            case 0 where !items.isEmpty: items.removeLast(); edit.operation = "list one shorter"
            case 1 where !items.isEmpty: items.append(items[items.count - 1]); edit.operation = "list one longer"
            case 2 where items.count >= 2:
                let a = Int(g.next() % UInt64(items.count)), b = Int(g.next() % UInt64(items.count))
                items.swapAt(a, b); edit.operation = "swapped [\(a)] and [\(b)]"
            case 3 where !items.isEmpty:
                let a = Int(g.next() % UInt64(items.count)); items.insert(items[a], at: a); edit.operation = "duplicated [\(a)]"
            case 4: items = []; edit.operation = "emptied"
            default:
                let t = Self.hostileScalars[Int(g.next() % UInt64(Self.hostileScalars.count))]
                edit.operation = "list → \(t)"
                return scalar(t)
            }
            return .list(items)
        case .map(var pairs):
            switch g.next() % 4 {
            case 0 where !pairs.isEmpty:
                let k = Int(g.next() % UInt64(pairs.count)); edit.operation = "deleted key \(pairs[k].key)"; pairs.remove(at: k)
            case 1:
                pairs.append((key: "unknwon_key", value: YAMLNode(value: .scalar("1", quoted: false), path: n.path, file: n.file)))
                edit.operation = "added an unknown key"
            default:
                let t = Self.hostileScalars[Int(g.next() % UInt64(Self.hostileScalars.count))]
                edit.operation = "mapping → \(t)"
                return scalar(t)
            }
            return .map(pairs)
        case .null:
            edit.operation = "null → 1"
            return .scalar("1", quoted: false)
        }
    }
}

/// YAML text for a node tree (flow style, one line per top-level key), parseable by `YAMLNode.parse` and PyYAML.
package enum YAMLEmitter {
    package static func text(_ root: YAMLNode) -> String {
        if case .map(let pairs) = root.value {
            return pairs.map { "\(key($0.key)): \(flow($0.value))" }.joined(separator: "\n") + "\n"
        }
        return flow(root) + "\n"
    }

    static func flow(_ n: YAMLNode) -> String {
        switch n.value {
        case .null: return "null"
        case .scalar(let s, let quoted): return quoted || !isPlainSafe(s) ? quote(s) : s
        case .list(let items): return "[" + items.map(flow).joined(separator: ", ") + "]"
        case .map(let pairs): return "{" + pairs.map { "\(key($0.key)): \(flow($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    static func key(_ k: String) -> String { isPlainSafe(k) ? k : quote(k) }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    /// Plain (unquoted) flow scalars: letters, digits and `._+-/` only, not starting with a YAML indicator.
    static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, !"-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) || (first == "-" && s.count > 1) else {
            return false
        }
        return s.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || "._+-/ ".unicodeScalars.contains($0) }
            && !s.hasSuffix(" ") && !s.hasPrefix(" ")
    }
}
