import Foundation
import Testing
@testable import RAFTIO

/// `JSONValue`'s writer without intermediate strings (issue 17: summary.json's formatting) gives the characters
/// of the formulas it replaced: `String(cFormat: "%.1f", x)` for whole numbers below 1e15, `String(i)` for
/// integers, and quoting scalar by scalar with `String(cFormat: "\\u%04x", …)` for control characters.
struct JSONValueFastPathTests {
    /// The quoting before the byte-level writer (one Unicode scalar at a time).
    static func legacyQuote(_ t: String) -> String {
        var out = "\""
        for u in t.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(cFormat: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// The number spelling before the integer fast path.
    static func legacyNumber(_ x: Double) -> String {
        if x.isNaN { return "\"NaN\"" }
        if x.isInfinite { return x > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
        return x == x.rounded() && abs(x) < 1e15 ? String(cFormat: "%.1f", x) : "\(x)"
    }

    @Test func wholeNumbersAndIntegersKeepTheirCharacters() {
        let two53 = 9_007_199_254_740_992.0
        var xs: [Double] = [0, -0.0, 1, -1, 9, 10, -10, 99, 100, 1e14, 1e15 - 1, -(1e15 - 1), 1e15, -1e15, 1e15 + 2,
                            two53, two53 - 1, -two53, two53 + 2, 1e16, 1e22, 1e300, .greatestFiniteMagnitude,
                            -.greatestFiniteMagnitude, 5e-324, -5e-324, .leastNormalMagnitude, 1e-300, 0.5, -0.5,
                            1.5, 2.5, -2.5, 999_999_999_999_999.5, .nan, .infinity, -.infinity]
        var rng = SystemRandomNumberGenerator()
        for k in 0..<20_000 {
            let digits = Double(Int.random(in: 0...16, using: &rng))
            let whole = (Double.random(in: -1...1, using: &rng) * pow(10, digits)).rounded()
            xs.append(k % 3 == 0 ? Double(bitPattern: rng.next()) : whole)
        }
        var mismatches: [Double] = []
        for x in xs where JSONValue.number(x).serialized() != Self.legacyNumber(x) { mismatches.append(x) }
        #expect(mismatches.isEmpty, "written differently: \(mismatches.prefix(5))")

        var ints: [Int] = [0, 1, -1, 9, 10, -10, Int.max, Int.min, Int.max - 1, Int.min + 1, 1 << 53, -(1 << 53)]
        for p in 0..<19 {
            let t = Int(pow(10, Double(p)).rounded())
            ints += [t, t - 1, -t, -(t - 1)]
        }
        for _ in 0..<5_000 { ints.append(Int.random(in: Int.min...Int.max, using: &rng) >> Int.random(in: 0...63, using: &rng)) }
        let badInts = ints.filter { JSONValue.int($0).serialized() != String($0) }
        #expect(badInts.isEmpty, "integers written differently: \(badInts.prefix(5))")
    }

    @Test func quotingKeepsItsCharacters() {
        var strings = ["", "plain_key", "surge_std_m", "a\"b", "back\\slash", "line\nbreak", "cr\rtab\t", "/slash/",
                       "é, ü, 波, 🌊 and \u{7F}", "\u{0}\u{1}\u{8}\u{B}\u{C}\u{1B}\u{1F} ", "\"\\\"", "\u{1F}é\u{10}"]
        for c in 0..<0x80 { strings.append("k\(Character(Unicode.Scalar(UInt8(c))))v") }
        var rng = SystemRandomNumberGenerator()
        let pool: [Character] = ["a", "Z", "0", "_", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "é", "波", "🌊"]
        for _ in 0..<2_000 {
            strings.append(String((0..<Int.random(in: 0...12, using: &rng)).map { _ in pool.randomElement(using: &rng)! }))
        }
        let bad = strings.filter { JSONValue.quote($0) != Self.legacyQuote($0) || JSONValue.string($0).serialized() != Self.legacyQuote($0) }
        #expect(bad.isEmpty, "quoted differently: \(bad.prefix(5).map { Array($0.utf8) })")

        // Keys, nesting and indents: the line form is the document plus "\n".
        let doc = JSONValue.object([
            ("a\"key", .array([.int(-3), .number(4), .number(-0.0)])), ("nested\t", .object([("x", .matrix([[1, 2.5], [3, 1e20]]))])),
            ("s", .string("v\u{2}")), ("empty", .array([])), ("e", .object([])), ("b", .bool(true)), ("n", .null),
        ])
        #expect(doc.serializedLine() == doc.serialized() + "\n")
        #expect(doc.serializedLine(indent: nil) == doc.serialized(indent: nil) + "\n")
        #expect(doc.serialized(indent: nil)
                == #"{"a\"key":[-3, 4.0, -0.0],"nested\t":{"x":[[1.0, 2.5],[3.0, 1e+20]]},"s":"v\u0002","empty":[],"e":{},"b":true,"n":null}"#)
    }
}
