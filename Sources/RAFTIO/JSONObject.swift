/// Untyped JSON as Foundation's `JSONSerialization` gave it (which is full Foundation only, with its ICU data):
/// objects `[String: Any]`, arrays `[Any]`, `String`, `Bool`, `JSONObject.null`, and numbers as `Int` when written
/// as integers that fit, else `Double`. Read numbers with `JSONObject.double`/`int`, which accept both, as
/// `NSNumber` did. `compact(sortedKeys:)` writes the bytes `JSONSerialization.data(withJSONObject:options:.sortedKeys)`
/// wrote (`Tests/RAFTTests/Perf/JSONObjectTests` compares them).
package enum JSONObject {
    /// JSON `null`.
    package struct Null: Equatable, Sendable {}
    package static let null = Null()

    package struct SyntaxError: Error, CustomStringConvertible {
        package var offset: Int
        package var description: String { "The data is not valid JSON (at byte \(offset))." }
    }

    /// The value in `bytes` (UTF-8 JSON text, one value, whitespace around it allowed).
    package static func parse<C: Collection>(_ bytes: C) throws(SyntaxError) -> Any where C.Element == UInt8 {
        let a = Array(bytes)
        var p = Parser(b: a)
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        guard p.i == a.count else { throw SyntaxError(offset: p.i) }
        return v
    }

    /// A number read as `Double` (from an `Int` or a `Double`).
    package static func double(_ v: Any?) -> Double? {
        if let d = v as? Double { return d }
        if let i = v as? Int { return Double(i) }
        return nil
    }

    /// A number read as `Int` (an `Int`, or a `Double` that is a whole number in range).
    package static func int(_ v: Any?) -> Int? {
        if let i = v as? Int { return i }
        if let d = v as? Double, let i = Int(exactly: d) { return i }
        return nil
    }

    /// Every element of an array of numbers as `Double` (nil if one is not a number).
    package static func doubles(_ v: Any?) -> [Double]? {
        guard let a = v as? [Any] else { return nil }
        var out: [Double] = []
        out.reserveCapacity(a.count)
        for x in a { guard let d = double(x) else { return nil }; out.append(d) }
        return out
    }

    /// Compact JSON text (no spaces) with object keys sorted; doubles as Swift prints them without a trailing
    /// `.0`, `/` escaped as `\/`. Nil for a value JSON cannot hold (non-finite numbers, other types).
    package static func compact(_ v: Any, sortedKeys: Bool = true) -> String? {
        var s = ""
        return write(v, into: &s, sorted: sortedKeys) ? s : nil
    }

    private static func write(_ v: Any, into s: inout String, sorted: Bool) -> Bool {
        switch v {
        case let t as String: quote(t, into: &s)
        case let b as Bool: s += b ? "true" : "false"
        case let i as Int: s += "\(i)"
        case let d as Double:
            guard d.isFinite else { return false }
            var t = "\(d)"
            if t.hasSuffix(".0") { t.removeLast(2) }
            s += t
        case is Null: s += "null"
        case let a as [Any]:
            s += "["
            for (k, x) in a.enumerated() {
                if k > 0 { s += "," }
                guard write(x, into: &s, sorted: sorted) else { return false }
            }
            s += "]"
        case let o as [String: Any]:
            s += "{"
            let keys = sorted ? o.keys.sorted() : Array(o.keys)
            for (k, key) in keys.enumerated() {
                if k > 0 { s += "," }
                quote(key, into: &s)
                s += ":"
                guard write(o[key]!, into: &s, sorted: sorted) else { return false }
            }
            s += "}"
        default: return false
        }
        return true
    }

    private static func quote(_ t: String, into s: inout String) {
        s += "\""
        for u in t.unicodeScalars {
            switch u {
            case "\"": s += "\\\""
            case "\\": s += "\\\\"
            case "/": s += "\\/"
            case "\n": s += "\\n"
            case "\r": s += "\\r"
            case "\t": s += "\\t"
            case "\u{08}": s += "\\b"
            case "\u{0C}": s += "\\f"
            default:
                if u.value < 0x20 { s += String(cFormat: "\\u%04x", u.value) } else { s.unicodeScalars.append(u) }
            }
        }
        s += "\""
    }

    private struct Parser {
        let b: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        }

        mutating func literal(_ word: String, _ v: Any) throws(SyntaxError) -> Any {
            for c in word.utf8 {
                guard i < b.count, b[i] == c else { throw SyntaxError(offset: i) }
                i += 1
            }
            return v
        }

        mutating func value(depth: Int) throws(SyntaxError) -> Any {
            guard i < b.count, depth < 512 else { throw SyntaxError(offset: i) }
            switch b[i] {
            case UInt8(ascii: "{"):
                i += 1
                var o: [String: Any] = [:]
                skipSpace()
                if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return o }
                while true {
                    skipSpace()
                    guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw SyntaxError(offset: i) }
                    let k = try string()
                    skipSpace()
                    guard i < b.count, b[i] == UInt8(ascii: ":") else { throw SyntaxError(offset: i) }
                    i += 1
                    skipSpace()
                    o[k] = try value(depth: depth + 1)
                    skipSpace()
                    guard i < b.count else { throw SyntaxError(offset: i) }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "}") { i += 1; return o }
                    throw SyntaxError(offset: i)
                }
            case UInt8(ascii: "["):
                i += 1
                var a: [Any] = []
                skipSpace()
                if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return a }
                while true {
                    skipSpace()
                    a.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < b.count else { throw SyntaxError(offset: i) }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "]") { i += 1; return a }
                    throw SyntaxError(offset: i)
                }
            case UInt8(ascii: "\""): return try string()
            case UInt8(ascii: "t"): return try literal("true", true)
            case UInt8(ascii: "f"): return try literal("false", false)
            case UInt8(ascii: "n"): return try literal("null", JSONObject.null)
            default: return try number()
            }
        }

        mutating func number() throws(SyntaxError) -> Any {
            let start = i
            var integral = true
            if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
            let digitsStart = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            guard i > digitsStart else { throw SyntaxError(offset: start) }
            if b[digitsStart] == 0x30 && i - digitsStart > 1 { throw SyntaxError(offset: start) }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                integral = false
                i += 1
                let f = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                guard i > f else { throw SyntaxError(offset: i) }
            }
            if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                integral = false
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                let e = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                guard i > e else { throw SyntaxError(offset: i) }
            }
            let text = String(decoding: b[start..<i], as: UTF8.self)
            if integral, let n = Int(text) { return n }
            guard let d = Double(text) else { throw SyntaxError(offset: start) }
            return d
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard i + 4 <= b.count, let v = UInt32(String(decoding: b[i..<i + 4], as: UTF8.self), radix: 16) else {
                throw SyntaxError(offset: i)
            }
            i += 4
            return v
        }

        mutating func string() throws(SyntaxError) -> String {
            i += 1  // opening quote
            var bytes: [UInt8] = []
            while true {
                guard i < b.count else { throw SyntaxError(offset: i) }
                let c = b[i]
                if c == UInt8(ascii: "\"") { i += 1; break }
                if c < 0x20 { throw SyntaxError(offset: i) }
                if c != UInt8(ascii: "\\") { bytes.append(c); i += 1; continue }
                i += 1
                guard i < b.count else { throw SyntaxError(offset: i) }
                let e = b[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "u"):
                    var v = try hex4()
                    if v >= 0xD800 && v < 0xDC00 {
                        guard i + 6 <= b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else { throw SyntaxError(offset: i) }
                        i += 2
                        let lo = try hex4()
                        guard lo >= 0xDC00 && lo < 0xE000 else { throw SyntaxError(offset: i) }
                        v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(v) else { throw SyntaxError(offset: i) }
                    bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: throw SyntaxError(offset: i - 1)
                }
            }
            guard let s = String(validating: bytes, as: UTF8.self) else { throw SyntaxError(offset: i) }
            return s
        }
    }
}
