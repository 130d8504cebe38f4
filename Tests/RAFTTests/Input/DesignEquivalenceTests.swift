import Foundation
import Testing
@testable import RAFT

/// Differences between two YAML trees, as readable lines (empty when equivalent).
///
/// Mappings must have the same keys (order is free) apart from `ignoring` (YAML paths such as `type` or
/// `settings.forcingMod`, dropped on either side); lists the same length; scalars that both read as
/// numbers must agree to `rtol` relative; other scalars must be the same text with the same quoting.
func yamlDifferences(_ a: YAMLNode, _ b: YAMLNode, ignoring: Set<String> = [], rtol: Double = 1e-12) -> [String] {
    var out: [String] = []
    func walk(_ a: YAMLNode, _ b: YAMLNode) {
        let here = a.path.description
        switch (a.value, b.value) {
        case (.map(let pa), .map(let pb)):
            let ka = Set(pa.map(\.key)).filter { !ignoring.contains(a.path.appending(key: $0).description) }
            let kb = Set(pb.map(\.key)).filter { !ignoring.contains(b.path.appending(key: $0).description) }
            for k in ka.subtracting(kb).sorted() { out.append("\(a.path.appending(key: k)): only in the first file") }
            for k in kb.subtracting(ka).sorted() { out.append("\(b.path.appending(key: k)): only in the second file") }
            for k in ka.intersection(kb).sorted() { walk(a[k]!, b[k]!) }
        case (.list(let la), .list(let lb)):
            guard la.count == lb.count else { out.append("\(here): \(la.count) items vs \(lb.count)"); return }
            for (x, y) in zip(la, lb) { walk(x, y) }
        case (.scalar(let sa, let qa), .scalar(let sb, let qb)):
            if !qa, !qb, let x = YAMLNode.number(sa), let y = YAMLNode.number(sb) {
                let same = x == y || (x.isNaN && y.isNaN) || abs(x - y) <= rtol * max(abs(x), abs(y))
                if !same { out.append("\(here): \(sa) vs \(sb)") }
            } else if sa != sb || qa != qb {
                out.append("\(here): \(a) vs \(b)")
            }
        case (.null, .null):
            break
        default:
            out.append("\(here): \(a.kindName) vs \(b.kindName)")
        }
    }
    walk(a, b)
    return out
}

/// Our `designs/` files describe exactly what RAFT's designs describe (designs-e2e/inputs).
@Suite("designs/ files match RAFT's designs")
struct DesignEquivalenceTests {
    struct Pair: CustomTestStringConvertible, Sendable {
        /// File in `designs/`.
        let ours: String
        /// RAFT's design, under `../shared/reference/`.
        let reference: String
        /// Keys left out of our file: RAFT reads neither (documented in designs/README.md).
        let dropped: Set<String>
        var testDescription: String { ours }
    }

    static let pairs: [Pair] = [
        Pair(ours: "OC3spar.yaml", reference: "designs-e2e/inputs/OC3spar.yaml", dropped: ["type"]),
        // RAFT 2.x member types (`rigid`): the patched copy, not RAFT's integer-typed OC4semi.yaml.
        Pair(ours: "OC4semi.yaml", reference: "designs-e2e/inputs/OC4semi_patched.yaml", dropped: ["type"]),
        Pair(ours: "VolturnUS-S.yaml", reference: "designs-e2e/inputs/VolturnUS-S.yaml",
             dropped: ["type", "settings.forcingMod"]),
    ]

    static func designURL(_ name: String) -> URL { Reference.repoRoot.appendingPathComponent("designs/\(name)") }

    @Test("same keys, numbers and strings as the reference input", .needsReference, arguments: pairs)
    func equivalent(_ pair: Pair) throws {
        let ours = try YAMLNode.load(contentsOf: Self.designURL(pair.ours))
        let reference = try YAMLNode.load(contentsOf: Reference.url("reference/" + pair.reference))
        let diffs = yamlDifferences(ours, reference, ignoring: pair.dropped)
        #expect(diffs.isEmpty, "\(pair.ours) vs \(pair.reference): \(diffs.count) differences:\n\(diffs.prefix(20).joined(separator: "\n"))")
        // The dropped keys really are absent from ours (so nothing RAFT might read is missing silently).
        for key in pair.dropped {
            let parts = key.split(separator: ".").map(String.init)
            var node: YAMLNode? = ours
            for p in parts { node = node?[p] }
            #expect(node == nil, "\(pair.ours) still has \(key)")
        }
    }

    @Test("the comparison catches changed numbers, keys, lengths and strings")
    func comparatorIsStrict() throws {
        let base = try YAMLNode.parse("a: 1.0\nb: [x, 2, 3]\nc: {d: JONSWAP}\ntype: label\n", file: "base")
        #expect(yamlDifferences(base, base).isEmpty)
        let same = try YAMLNode.parse("c: {d: JONSWAP}\nb: [x, 2.0, 3e0]\na: 1\ntype: label\n", file: "same")
        #expect(yamlDifferences(base, same).isEmpty, "key order and number spelling are free")
        let cases: [(String, String)] = [
            ("a: 1.000000001\nb: [x, 2, 3]\nc: {d: JONSWAP}\ntype: label\n", "a"),
            ("a: 1.0\nb: [x, 2]\nc: {d: JONSWAP}\ntype: label\n", "b"),
            ("a: 1.0\nb: [y, 2, 3]\nc: {d: JONSWAP}\ntype: label\n", "b[0]"),
            ("a: 1.0\nb: [x, 2, 3]\nc: {d: jonswap}\ntype: label\n", "c.d"),
            ("a: 1.0\nb: [x, '2', 3]\nc: {d: JONSWAP}\ntype: label\n", "b[1]"),
            ("a: 1.0\nb: [x, 2, 3]\nc: {d: JONSWAP, e: 1}\ntype: label\n", "c.e"),
            ("a: 1.0\nb: [x, 2, 3]\nc: {d: JONSWAP}\n", "type"),
        ]
        for (text, path) in cases {
            let other = try YAMLNode.parse(text, file: "other")
            let diffs = yamlDifferences(base, other)
            #expect(diffs.count == 1 && diffs[0].hasPrefix("\(path):"), "\(path): \(diffs)")
        }
        let noType = try YAMLNode.parse("a: 1.0\nb: [x, 2, 3]\nc: {d: JONSWAP}\n", file: "other")
        #expect(yamlDifferences(base, noType, ignoring: ["type"]).isEmpty)
    }
}
