/// Exact decimal → `Double` conversion for the short numbers design files are written with, without `strtod`.
///
/// A number of at most 19 significant digits whose digits form an integer w ≤ 2⁵³ and whose decimal exponent e
/// (after moving the point to the end of the digits) has |e| ≤ 22 is w·10ᵉ or w / 10⁻ᵉ with both operands exact
/// doubles (10²² is the largest power of ten a double holds exactly), so the one IEEE multiplication or division
/// rounds the exact value once, to nearest: the correctly rounded result `Double(text)` (strtod) returns too. Any
/// other text — more digits, a larger exponent, anything but `[+-]digits[.digits][e[+-]digits]` — returns nil and
/// the caller converts it as before. Why: number tables (airfoil polars above all) are most of a design's scalars,
/// and strtod's general algorithm was a visible share of building a `Design` (raft-bench "Design from tree").
enum ShortDecimal {
    /// 10⁰ … 10²², each exactly representable.
    static let powersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
                                        1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    /// The value of the ASCII number in `b`, or nil when it is not of the short form (not: not a number).
    @inline(__always)
    static func value(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = b.count
        var i = 0
        var negative = false
        if i < n && (b[i] == 0x2B || b[i] == 0x2D) { negative = b[i] == 0x2D; i += 1 }
        var w: UInt64 = 0      // the significant digits as an integer
        var digits = 0         // significant digits in w (leading zeros not counted)
        var scale = 0          // power of ten of w's last digit
        var sawDigit = false
        while i < n, b[i] &- 0x30 < 10 {
            let d = UInt64(b[i] &- 0x30)
            if w != 0 || d != 0 { digits += 1; w = w &* 10 &+ d }
            sawDigit = true; i += 1
        }
        if i < n && b[i] == 0x2E {
            i += 1
            while i < n, b[i] &- 0x30 < 10 {
                let d = UInt64(b[i] &- 0x30)
                if w != 0 || d != 0 { digits += 1; w = w &* 10 &+ d }
                scale -= 1; sawDigit = true; i += 1
            }
        }
        guard sawDigit, digits <= 19 else { return nil }  // 19 digits cannot overflow UInt64
        if i < n && (b[i] | 0x20) == 0x65 {  // e E
            i += 1
            var expNegative = false
            if i < n && (b[i] == 0x2B || b[i] == 0x2D) { expNegative = b[i] == 0x2D; i += 1 }
            var exp = 0, expDigits = 0
            while i < n, b[i] &- 0x30 < 10, expDigits < 4 { exp = exp * 10 + Int(b[i] &- 0x30); expDigits += 1; i += 1 }
            guard expDigits > 0 else { return nil }
            scale += expNegative ? -exp : exp
        }
        guard i == n, w <= 1 << 53 else { return nil }
        var x = Double(w)  // exact
        if w != 0 && scale != 0 {
            guard scale >= -22 && scale <= 22 else { return nil }
            x = scale > 0 ? x * powersOfTen[scale] : x / powersOfTen[-scale]
        }
        return negative ? -x : x
    }
}
