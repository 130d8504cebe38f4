import Foundation
import Testing
@testable import RAFT

/// Number tables the byte scanner converts while scanning (`PlainYAML` → `MatrixMemo`) must read exactly as
/// `YAMLNode.matrix` reads them from the libyaml route's tree (which never pre-fills the memo): the same bits for
/// every table it accepts, the same error (file, line, path, message) for every table it rejects.
@Suite("Plain YAML number tables")
struct PlainYAMLTableTests {
    typealias Outcome = Result<[[UInt64]], InputError>

    /// `matrix()` of `node` as bit patterns, or its error.
    static func outcome(_ node: YAMLNode) -> Outcome {
        do throws(InputError) { return .success(try node.matrix().map { $0.map(\.bitPattern) }) } catch { return .failure(error) }
    }

    /// Every list of at least `MatrixMemo.minimumRows` items in the tree (the tables the memo may hold).
    static func tables(_ node: YAMLNode, into out: inout [YAMLNode]) {
        switch node.value {
        case .list(let items):
            if items.count >= MatrixMemo.minimumRows { out.append(node) }
            for i in items { tables(i, into: &out) }
        case .map(let pairs):
            for p in pairs { tables(p.value, into: &out) }
        case .scalar, .null:
            break
        }
    }

    /// Compares every table of `text` read both ways; returns how many the scanner had pre-filled in the memo.
    static func compareTables(_ text: String, _ label: String) -> Int {
        guard let plain = PlainYAML.parse(text, file: "t.yaml") else { return 0 }
        guard let reference = try? YAMLNode.parseWithLibYAML(text, file: "t.yaml") else {
            Issue.record("libyaml rejects what the scanner took: \(label)")
            return 0
        }
        var a: [YAMLNode] = [], b: [YAMLNode] = []
        tables(plain, into: &a)
        tables(reference, into: &b)
        #expect(a.count == b.count, "\(label)")
        // Counted before any `matrix` call: a store into the full memo empties it (`MatrixMemo.capacity`).
        let prefilled = a.count(where: { if case .list(let items) = $0.value { MatrixMemo.shared.rows(for: items) != nil } else { false } })
        for (x, y) in zip(a, b) {
            #expect(outcome(x) == outcome(y), "\(label): \(x.path)")
        }
        return prefilled
    }

    @Test func designAndReferenceTables() throws {
        let root = PlainYAMLTests.packageRoot
        var files = ["designs", "examples", "validation", "Tests/RAFTTests"]
            .flatMap { PlainYAMLTests.yamlFiles(under: root.appendingPathComponent($0).path) }
        files += PlainYAMLTests.yamlFiles(under: PlainYAMLTests.sharedReference)
        #expect(files.count >= 50)
        // The designs' airfoil tables are what the scanner converts: they must come pre-filled (so the comparison
        // covers the scanner's numbers, not only `matrix`'s own conversion). At least one: a store into a full
        // memo (other tests fill it too) empties it, but the stores after that one stay. A test running in parallel
        // can also fill it between this parse and the count and so empty it (seen once in a fresh-clone CI run):
        // the parse is tried up to 5 times, and one of them must find a pre-filled table.
        for d in ["OC3spar", "OC4semi", "VolturnUS-S"] {
            let text = try String(contentsOfFile: root.appendingPathComponent("designs/\(d).yaml").path, encoding: .utf8)
            #expect((1...5).contains { _ in Self.compareTables(text, d) >= 1 }, "\(d)")
        }
        for f in files {
            _ = Self.compareTables(try String(contentsOfFile: f, encoding: .utf8), f)
        }
    }

    /// Spellings YAML (1.1/1.2) and `YAMLNode.number` accept, reject, or convert only on the slow path.
    static let spellings = [
        "0", "-0", "-0.0", "+0", "00012", "1", "+1", "-1", ".5", "+.5", "-.5e-3", "1.", "5.", "1.e5", "1e5", "1E5",
        "1e+5", "1e-5", "1.5e22", "1e22", "1e23", "1e-22", "1e-23", "0.1", "0.30000000000000004",
        "12345678901234567890", "1234567890123456789", "123456789012345678901234", "9007199254740992",
        "9007199254740993", "0.000000000000000000001234", "4.9e-324", "2.2250738585072014e-308",
        "1.7976931348623157e308", "1e309", "-1e400", "1e0001", "1e00001", ".inf", "-.inf", "+.inf", ".Inf", ".NaN",
        ".nan", "inf", "nan", "Infinity", "0x1F", "0x1f", "0o17", "1_000", "1_0.5", "1e", "e5", ".e5", "1.2.3", "--1",
        "+-1", "1e+", "12abc", "'1'", "\"2\"", "~", "null", "true", "-", "+", ".",
    ]

    @Test(arguments: spellings)
    func spelling(_ s: String) {
        // The spelling in the last row (the scanner has converted 15 rows by then), and in every row.
        var last = "t:\n"
        for _ in 0..<15 { last += "  - [1.5, -2, 3e-4]\n" }
        last += "  - [0.25, \(s), 7]\n"
        var every = "t:\n"
        for i in 0..<16 { every += "  - [\(s), \(i)]\n" }
        for text in [last, every] {
            guard let plain = try? YAMLNode.parse(text, file: "t.yaml"),
                  let reference = try? YAMLNode.parseWithLibYAML(text, file: "t.yaml") else {
                #expect((try? YAMLNode.parse(text, file: "t.yaml")) == nil, "\(s)")
                #expect((try? YAMLNode.parseWithLibYAML(text, file: "t.yaml")) == nil, "\(s)")
                continue
            }
            guard let a = plain["t"], let b = reference["t"] else { Issue.record("no table: \(s)"); continue }
            #expect(Self.outcome(a) == Self.outcome(b), "\(s)")
        }
    }

    @Test func plainNumberTableIsPrefilled() throws {
        var text = "t:\n"
        for i in 0..<16 { text += "  - [\(i).5, -1e-3, +.25]\n" }
        let tree = try #require(PlainYAML.parse(text, file: "t.yaml"))
        guard case .list(let items) = try #require(tree["t"]).value else { Issue.record("not a list"); return }
        let rows = try #require(MatrixMemo.shared.rows(for: items))
        #expect(rows.count == 16)
        #expect(rows[3].map(\.bitPattern) == [3.5, -1e-3, 0.25].map(\.bitPattern))
        // A quoted cell, a word or a nested list in any row: the scanner leaves the table to `matrix`.
        for odd in ["'2'", "x", "[1]", "~"] {
            let t = text.replacingOccurrences(of: "[7.5, -1e-3", with: "[\(odd), -1e-3")
            guard let tree = PlainYAML.parse(t, file: "t.yaml"), case .list(let items)? = tree["t"]?.value else { continue }
            #expect(MatrixMemo.shared.rows(for: items) == nil, "\(odd)")
        }
    }
}
