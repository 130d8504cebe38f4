import Foundation
import Testing
@testable import RAFT

/// The byte scanner (`PlainYAML`) must build exactly the libyaml route's tree — values, styles, null spellings,
/// paths, line and column of every node — or decline, so that libyaml decides the tree or the error.
@Suite("Plain YAML scanner")
struct PlainYAMLTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let sharedReference = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference").path

    /// The tree of the libyaml route (`FastYAML`, else the composer), nil when it reports an error.
    static func libyamlTree(_ text: String) -> YAMLNode? {
        try? YAMLNode.parseWithLibYAML(text, file: "t.yaml")
    }

    /// nil when the scanner agrees with the libyaml route (same tree, or declined); else what differs.
    static func disagreement(_ text: String) -> String? {
        guard let plain = PlainYAML.parse(text, file: "t.yaml") else { return nil }
        guard let reference = libyamlTree(text) else { return "the scanner took text that libyaml rejects" }
        return FastYAMLTests.same(plain, reference) ? nil : "different trees"
    }

    static func yamlFiles(under dir: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var out: [String] = []
        for case let f as String in e where f.hasSuffix(".yaml") || f.hasSuffix(".yml") { out.append(dir + "/" + f) }
        return out.sorted()
    }

    static func checkFiles(_ files: [String]) throws -> (accepted: Int, total: Int) {
        var accepted = 0
        for f in files {
            let text = try String(contentsOfFile: f, encoding: .utf8)
            #expect(disagreement(text) == nil, "\(f)")
            if PlainYAML.parse(text, file: "t.yaml") != nil { accepted += 1 }
        }
        return (accepted, files.count)
    }

    @Test func repositoryYAMLFiles() throws {
        let files = ["designs", "examples", "validation", "Tests/RAFTTests"]
            .flatMap { Self.yamlFiles(under: Self.packageRoot.appendingPathComponent($0).path) }
        let (accepted, total) = try Self.checkFiles(files)
        #expect(total >= 50)
        #expect(accepted >= total * 9 / 10, "the scanner should take nearly every file (\(accepted) of \(total))")
        // The designs are exactly what the scanner is for: none may fall back.
        for d in ["OC3spar", "OC4semi", "VolturnUS-S"] {
            let text = try String(contentsOfFile: Self.packageRoot.appendingPathComponent("designs/\(d).yaml").path, encoding: .utf8)
            #expect(PlainYAML.parse(text, file: "t.yaml") != nil, "\(d)")
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedReference), "../shared/reference is absent"))
    func sharedReferenceYAMLFiles() throws {
        let (accepted, total) = try Self.checkFiles(Self.yamlFiles(under: Self.sharedReference))
        #expect(total >= 10)
        #expect(accepted >= total * 8 / 10, "\(accepted) of \(total)")
    }

    /// Snippets the scanner must take, with the libyaml route's tree.
    @Test(arguments: [
        "a: 1\n", "a:\n", "a:", "a: 1", "a:\nb:\n", "a: # c\nb: 2\n", "a:  \n  # c\nb:\n",
        "- a\n- b\n", "-\n- b\n-", "- \n-  # c\n", "- - a\n  - b\n- c\n", "- - - x\n", "-\n  - a\n",
        "- a: 1\n  b: 2\n- c: 3\n", "- a:\n  - x\n  b: 1\n", "a:\n- 1\n- 2\nb: 3\n", "a:\n  - 1\n  -\nb:\n  c: [1]\n",
        "a: [1, 2, 3]\n", "a: []\nb: {}\n", "a: [[1, 2], [3, 4]]\n", "a: {x: 1, y: [2, {z: 3}]}\n",
        "a: [1,\n  2,\n  3]\n", "a: [\n  [1, 2],\n  [3, 4]\n]\n", "a: [1, # one\n  2]  # two\n", "a: [1\n  , 2]\n",
        "a: {x: 1,\n  y: 2}\n", "[1, 2]\n", "{a: 1}\n", "- [a, b]\n- {c: d}\n",
        "a: x # comment\n", "a: 'x # y'\n", "a: \"x # y\"\n", "a: x#y\n", "a: b:c\n", "a: http://x.y/z\n",
        "a: x   y\n", "a: x   \n", "a b c: 1\n", "'a b': 1\n\"c\": 2\n", "'': 1\n", "a: ''\nb: \"\"\n",
        "a: 1e3\nb: .5\nc: -0\nd: .inf\ne: -.inf\nf: .nan\ng: ~\nh: null\ni: Null\nj: NULL\nk: nul\nl: 'null'\n",
        "a: [~, null, 'null', \"~\", -1, +1, 1_000, 0x10]\n", "~: 1\nnull: 2\n", "-a: 1\n", "a: -x\n",
        "a: 1\r\nb:\r\n  - 2\r\n", "a: 1 \r\n", "---\na: 1\n", "--- # c\na: 1\n", "# c\n\n---\n\na: 1\n",
        "  a: 1\n  b: 2\n", "a:\n    b: 1\n    c:\n      d: 2\nd: 3\n", "a: [1, 2]   # c\n", "a: it`s\n",
        "a: {b: c, d: 'e, f'}\n", "a: [a b, c  d]\n", "a: [x#y]\n", "a: [-1, -.5, -x]\n", "a: [1 # c\n]\n",
        "# é comment ü\na: 1  # ° —\n", "a: \\\\x\n", "a: 'c:\\\\x'\n",
    ])
    func taken(text: String) throws {
        let plain = try #require(PlainYAML.parse(text, file: "t.yaml"), "declined: \(text.debugDescription)")
        let reference = try #require(Self.libyamlTree(text))
        #expect(FastYAMLTests.same(plain, reference), "\(text.debugDescription)")
    }

    /// Snippets outside the subset: the scanner declines and libyaml decides (tree or message).
    @Test(arguments: [
        "", "# only a comment\n", "a\n", "'a'\n", "a: 1\na: 2\n", "{a: 1, a: 2}\n", "a: &x 1\nb: *x\n", "a: !!str 1\n",
        "a: |\n  x\n", "a: >\n  x\n", "? a\n: 1\n", "a: 1\n---\nb: 2\n", "a: 1\n...\n", "%YAML 1.1\n---\na: 1\n",
        "a:\tb\n", "a: 1\t\n", "\ta: 1\n", "a: é\n", "é: 1\n", "a: \"x\\ny\"\n", "a: 'it''s'\n", "a: 'x\n  y'\n",
        "- a\n  b\n", "a: b\n  c\n", "a:\n  b\n  c\n", "a: 1\n b: 2\n", "a:\n    b: 1\n  c: 2\n", "- a\n - b\n",
        "a:\n  - 1\n  b: 2\n", "a: b: c\n", "a: - b\n", "a: [1, 2\n", "a: [1, 2]]\n", "a: [1, 2, ]\n", "a: [1, , 2]\n",
        "a: [a: 1]\n", "a: {b}\n", "a: {b: }\n", "a: --x\n", "a: ---\n", "a: [x\n  y]\n", "a: [x:y]\n", "a: [a?b]\n",
        "a: 1\rb: 2\n", "a: 1\u{85}b: 2\n", "a: 1 # \u{85}\nb: 2\n", "a: 1\u{0}\n", "a: 1\u{7}\n", "[1, 2]: 3\n",
        "a: [1]x\n", "a: 'x'y\n", "a: 'x'#c\n", "@a: 1\n", "`a`: 1\n", "a: %x\n", "a: @x\n", "- ? a\n",
        String(repeating: "k", count: 1100) + ": 1\n", "\u{FEFF}a: 1\n", "a: 1\n# \u{FEFF}\n",
    ])
    func declined(text: String) {
        #expect(PlainYAML.parse(text, file: "t.yaml") == nil, "\(text.debugDescription)")
    }

    /// Random mutations (bytes deleted, YAML punctuation inserted or replaced, lines repeated or dropped) of small
    /// snippets and of windows of a design: the scanner agrees with libyaml on every one it takes.
    @Test func mutations() throws {
        let oc3 = try String(contentsOfFile: Self.packageRoot.appendingPathComponent("designs/OC3spar.yaml").path, encoding: .utf8)
        let small = """
            a: 1
            b: 'q'
            c: ~
            d: [1, 2.5, null, -0, .inf, 1e3]
            e:
              - {x: 1, y: ""}
              - - a
                - b
              -
              - k: v
                l:
                - 1
                - 2
                m: "x # y"
            f:
            key with spaces: x y  # c
            g: [[1, 2],
                [3, 4]]
            h: {a: [1], b: {c: d}}

            """
        let bases = [Array(small.utf8), Array(oc3.utf8)]
        let pieces: [[UInt8]] = [" ", "  ", "\n", "-", "- ", ":", ": ", "#", " #", "[", "]", "{", "}", ",", "'", "\"", "\t",
                                 "\r\n", "\r", "~", "null", "a", "1", ".5", "&a ", "*a", "!", "|", ">", "?", "---", "...",
                                 "\\", "''", "é", "x: y", "\n  ", "\n    - ", "%", "@", "\n- ", "{a: 1}", "[1, 2]"].map { Array($0.utf8) }
        var rng = SplitMix64(seed: 17)
        var taken = 0, failures = 0
        let count = 3000
        for _ in 0..<count {
            var b = bases[rng.below(2)]
            if b.count > 400 { let s = rng.below(b.count - 300); b = Array(b[s..<(s + 300)]) }
            for _ in 0...rng.below(3) {
                let at = rng.below(b.count + 1)
                switch rng.below(4) {
                case 0: if at < b.count { b.remove(at: at) }
                case 1: b.insert(contentsOf: pieces[rng.below(pieces.count)], at: at)
                case 2: if at < b.count { b[at] = pieces[rng.below(pieces.count)][0] }
                default:
                    var lines = b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                    let i = rng.below(lines.count)
                    if rng.below(2) == 0 { lines.insert(lines[i], at: i) } else { lines.remove(at: i) }
                    b = Array(lines.joined(separator: [0x0A]))
                }
            }
            let text = String(decoding: b, as: UTF8.self)
            if PlainYAML.parse(text, file: "t.yaml") != nil { taken += 1 }
            if let why = Self.disagreement(text) {
                failures += 1
                if failures <= 3 { Issue.record("\(why): \(text.debugDescription)") }
            }
        }
        #expect(failures == 0)
        #expect(taken > count / 10, "the mutations should leave many texts in the subset (\(taken) of \(count))")
    }
}
