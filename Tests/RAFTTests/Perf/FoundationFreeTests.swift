import Foundation
import Testing
@testable import RAFT
@testable import RAFTIO

/// The Foundation-free replacements used by the `raft` executable give the bytes full Foundation gave:
/// `String(cFormat:)` vs `String(format:)`, the path helpers vs NSString, `JSONObject` vs `JSONSerialization`.
@Suite("Foundation-free text")
struct FoundationFreeTests {
    /// Every number format the package uses (Sources/: `String(cFormat:` with a double argument).
    static let doubleFormats = ["%.1f", "%g", "%.4g", "%.0f", "%.2f", "%.6E", "%.3g", "%.4f", "%.2e", "%.6g", "%8.2f",
                                "%8.1f", "%14.6E", "%14.6f", "%18.3f", "%.5f", "%.10f", "%.3f", "%.0e", "%.12g", "%.17g"]

    /// Doubles of every magnitude, ties of rounding, integers, signs and specials; seeded, so a failure repeats.
    static func sampleDoubles(_ n: Int) -> [Double] {
        var rng = SplitMix64(seed: 17)
        var out: [Double] = [0, -0.0, 1, -1, 0.5, 1.5, 2.5, 0.125, 0.05, 0.15, 0.25, 0.35, 1e-300, 5e-324, 1e300, .greatestFiniteMagnitude,
                             .infinity, -.infinity, .nan, 123456789.0, 999999.5, 9.9999995, 0.000123456, 1e15, 1e16, 1e21, 1e22]
        for _ in 0..<n {
            switch rng.next() % 4 {
            case 0: out.append(Double(bitPattern: rng.next()))  // any bit pattern
            case 1: out.append((Double(rng.next() % 2_000_001) - 1_000_000) / 1000)  // decimal ties
            case 2: out.append(Double(rng.next() % 1_000_000_000) * pow(10, Double(Int(rng.next() % 40) - 25)))
            default: out.append(Double(Int64(bitPattern: rng.next()) % 100_000) / 8)
            }
        }
        return out
    }

    @Test func cFormatMatchesFoundationOnRandomDoubles() {
        var mismatches = 0
        for x in Self.sampleDoubles(20_000) {
            for f in Self.doubleFormats where String(cFormat: f, x) != String(format: f, x) {
                mismatches += 1
                if mismatches < 5 { Issue.record("\(f) of \(x.bitPattern): \(String(cFormat: f, x)) vs \(String(format: f, x))") }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func cFormatIntegersMixedAndLong() {
        for i in [0, 1, -1, 42, 99_999, Int(Int32.max), -123_456] {
            #expect(String(cFormat: "%d", i) == String(format: "%d", i))
            #expect(String(cFormat: "%6d", i) == String(format: "%6d", i))
        }
        for u: UInt32 in [0, 1, 0x1f, 0xab] { #expect(String(cFormat: "\\u%04x", u) == String(format: "\\u%04x", u)) }
        let mixed = String(cFormat: "platform %d: %d panels, %.4g…%.4g rad/s", 1, 1168, 0.05, 3.2)
        #expect(mixed == String(format: "platform %d: %d panels, %.4g…%.4g rad/s", 1, 1168, 0.05, 3.2))
        // Longer than the inline buffer.
        let long = String(cFormat: "%300.3f|%d", 1.5, 7)
        #expect(long == String(format: "%300.3f|%d", 1.5, 7))
        #expect(long.utf8.count == 302)
    }

    static let paths = ["", "/", "//", "a", "a/", "a//", "/a", "/a/", "a/b", "a/b/", "a//b", "/a/b/c.yaml", "./x", "../x",
                        "x/..", ".hidden", "dir/.hidden", "a.b/c", "a/b.c.d", "a/b.", "raft-out/VolturnUS-S", "~/x",
                        "designs/OC3spar.yaml", "a b/c d.yaml", "é/ü.json", "/tmp//x//", "a/b c.e f"]

    @Test func pathHelpersMatchNSString() {
        // (corelibs' NSString traps on one-character relative paths: those are checked in pathHelpersOnOneCharacter.)
        for p in Self.paths where p.pathFixingSlashes.utf8.count != 1 || p.hasPrefix("/") {
            let ns = p as NSString
            #expect(p.pathLastComponent == ns.lastPathComponent, "lastPathComponent of '\(p)'")
            #expect(p.pathDeletingLastComponent == ns.deletingLastPathComponent, "deletingLastPathComponent of '\(p)'")
            #expect(p.pathDeletingExtension == ns.deletingPathExtension, "deletingPathExtension of '\(p)'")
            for c in ["", "b", "b.json", "/b", "v1.json"] {
                #expect(p.pathAppending(c) == ns.appendingPathComponent(c), "'\(p)' + '\(c)'")
            }
        }
    }

    @Test func pathHelpersOnOneCharacter() {
        #expect("a".pathDeletingLastComponent == "")
        #expect("a".pathLastComponent == "a")
        #expect("a".pathAppending("b") == "a/b")
    }

    @Test func jsonObjectReadsAsJSONSerialization() throws {
        let text = #"{"index": 12, "fingerprint": "ab/c", "parameters": {"a.b": 0.5, "c": 2, "d": -1e-7, "e": 1E3},"#
            + #" "status": "ok", "error": "x \"q\" \\ \u00e9 \ud83d\ude00 \n", "metrics": {"m": 1.25, "n": "NaN"},"#
            + #" "list": [1, 2.5, true, false, null, []], "empty": {}}"#
        let mine = try #require(try JSONObject.parse(Array(text.utf8)) as? [String: Any])
        let theirs = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(JSONObject.int(mine["index"]) == (theirs["index"] as? Int))
        #expect(mine["fingerprint"] as? String == theirs["fingerprint"] as? String)
        #expect(mine["error"] as? String == theirs["error"] as? String)
        let p = try #require(mine["parameters"] as? [String: Any]), q = try #require(theirs["parameters"] as? [String: Any])
        for k in ["a.b", "c", "d", "e"] { #expect(JSONObject.double(p[k]) == (q[k] as? NSNumber)?.doubleValue) }
        // Written back with sorted keys: the same bytes as JSONSerialization.
        let parameters = try #require(mine["parameters"] as? [String: Any])
        let written: [String: Any] = ["x": parameters, "i": 12, "s": "a/b\"c\\\n\u{1}\té", "t": true,
                                      "y": [0.1, 100.0, -0.0, 1e22, 1e-7, 123456789.123, 12345678901234567.0]]
        for obj in [written, parameters] {
            let reference = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
            #expect(JSONObject.compact(obj) == String(decoding: reference, as: UTF8.self))
        }
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"\\x\"", "tru", "[1] 2"] {
            #expect(throws: JSONObject.SyntaxError.self) { try JSONObject.parse(Array(bad.utf8)) }
        }
    }

    /// `JSONObject`'s null as Foundation's.
    static func foundationValue(_ v: Any) -> Any {
        switch v {
        case is JSONObject.Null: return NSNull()
        case let a as [Any]: return a.map(foundationValue)
        case let o as [String: Any]: return o.mapValues(foundationValue)
        default: return v
        }
    }
}
