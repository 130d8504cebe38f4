import Foundation
import Testing
@testable import RAFT

/// The libyaml fast path of `YAMLNode.parse` must build exactly the tree the general composer + conversion builds,
/// and must hand everything unusual to the general composer.
@Suite("Fast YAML path")
struct FastYAMLTests {
    static func same(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        guard a.path == b.path, a.file == b.file, a.line == b.line, a.column == b.column else { return false }
        switch (a.value, b.value) {
        case (.null, .null): return true
        case let (.scalar(s1, q1), .scalar(s2, q2)): return s1 == s2 && q1 == q2
        case let (.list(l1), .list(l2)): return l1.count == l2.count && zip(l1, l2).allSatisfy { same($0, $1) }
        case let (.map(m1), .map(m2)):
            return m1.count == m2.count && zip(m1, m2).allSatisfy { $0.key == $1.key && same($0.value, $1.value) }
        default: return false
        }
    }

    static func yamlFiles() -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var out: [String] = []
        for dir in ["designs", "Tests/RAFTTests", "examples"] {
            guard let e = FileManager.default.enumerator(atPath: root.appendingPathComponent(dir).path) else { continue }
            for case let f as String in e where f.hasSuffix(".yaml") || f.hasSuffix(".yml") {
                out.append(root.appendingPathComponent(dir).appendingPathComponent(f).path)
            }
        }
        return out.sorted()
    }

    @Test func sameTreeForEveryRepositoryYAML() throws {
        let files = Self.yamlFiles()
        #expect(files.count >= 3)
        var fastCount = 0
        for f in files {
            let text = try String(contentsOfFile: f, encoding: .utf8)
            let name = (f as NSString).lastPathComponent
            let slow = try? YAMLNode.parseGeneral(text, file: name)
            if let fast = FastYAML.parse(text, file: name) {
                fastCount += 1
                #expect(slow.map { Self.same(fast, $0) } == true, "\(f)")
            }
        }
        #expect(fastCount >= 3)
    }

    @Test(arguments: [
        "a: 1\na: 2\n",                    // repeated key → the composer decides
        "a: &x 1\nb: *x\n",                 // anchors, aliases
        "a: !!str 1\n",                     // explicit tag
        "? [1, 2]\n: 3\n",                  // non-scalar key
        "a: é\n",                           // non-ASCII scalar
        "a: 1\n---\nb: 2\n",                // two documents
        "",                                 // empty
        "a: [1, 2\n",                       // syntax error
    ])
    func unusualInputGoesToComposer(text: String) {
        #expect(FastYAML.parse(text, file: "t.yaml") == nil)
    }

    @Test func plainShapes() throws {
        let text = "a: 1\nb: 'q'\nc: ~\nd: [1, 2.5, null]\ne:\n  - {x: 1, y: \"\"}\n  - |\n    block\nf:\n"
        let fast = try #require(FastYAML.parse(text, file: "t.yaml"))
        let slow = try YAMLNode.parseGeneral(text, file: "t.yaml")
        #expect(Self.same(fast, slow))
    }
}
