/// The text of a finite `Double` exactly as `x.description` (and `"\(x)"`, `x.write(to:)`) spells it, written
/// straight into a byte buffer: the shortest decimal that reads back as `x` (of those, the closest to `x`; of two
/// equally close, the one with an even last digit), as `1.0`, `0.0001`, `123.45`, `9007199254740992.0` (plain
/// digits for magnitudes in [1e-4, 2^53]) or `1e-05`, `1.5e+16`, `5e-324` (otherwise; at least two exponent digits).
///
/// Why not `x.write(to:)`: the standard library's formatter (`_Float64ToASCII`) took ~510 instructions per
/// number, and the generic `write(to:)` around it with the stream's `_writeASCII` ~80 more; the spectra CSVs and
/// summary.json of a `raft run` hold ~10,000–20,000 numbers (OC3spar: 5.3 M of its 84 M instructions). This one
/// takes ~280 instructions and 22 instead of 34 ns per number (raft-bench `--only format`, rows "shortest Double
/// text"; a whole fresh `raft run` of OC3spar 83.9 → 80.4 M instructions).
///
/// The digits come from Raffaello Giulietti's Schubfach method ("The Schubfach way to render doubles", 2020),
/// written here from the paper: with `x = c·2^q`, the rounding interval of `x` (the reals that read back as `x`,
/// ends included when `c` is even) is scaled by `10^-k`, for the `k` that makes it between 1 and 10 units wide, by
/// one 126-bit multiplication per end (`powers`, rounded so that comparisons with the ends stay exact). The
/// interval then holds at most one multiple of 10 units (one digit shorter: taken if inside) and at least one of
/// `s = ⌊x·10^-k⌋` and `s + 1` (the closer one if both are inside).
///
/// Proven identical to `description` in `ShortestDoubleTests` (every class of doubles: random bit patterns,
/// every binary exponent, subnormals, powers of ten and their neighbours, short decimals, the ties of `c/4`, the
/// notation boundaries 1e-4 and 2^53) and `ShortestDoubleHeavyTests` (tens of millions, release filter).
package enum ShortestDouble {
    /// Room to give `write`: the longest text is 24 bytes ("-2.2250738585072014e-308"); `write` may put scratch
    /// bytes after the text, up to `maxBytes` from its start (the next text overwrites them).
    package static let maxBytes = 32

    /// Writes `x.description` of a finite `x` at `out` (room for `maxBytes`); returns the number of bytes.
    package static func write(_ x: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        assert(x.isFinite, "finite numbers only")
        var p = out
        let bits = x.bitPattern
        if bits >> 63 != 0 {
            p.pointee = UInt8(ascii: "-")
            p += 1
        }
        let fraction = bits & (1 << 52 - 1)
        let biased = Int(truncatingIfNeeded: (bits >> 52) & 0x7FF)
        if biased == 0 && fraction == 0 {
            p[0] = UInt8(ascii: "0"); p[1] = UInt8(ascii: "."); p[2] = UInt8(ascii: "0")
            return out.distance(to: p) + 3
        }
        let (f, e) = biased == 0 ? decimal(c: fraction, q: -1074) : decimal(c: fraction | 1 << 52, q: biased - 1075)
        return out.distance(to: p) + layout(f, e, exponential: x.magnitude > 0x1p53, into: p)
    }

    /// The shortest (then closest, then even) decimal `f·10^e` in the rounding interval of `c·2^q`
    /// (`c` < 2^53, `c·2^q` a positive finite Double): Schubfach's choice, see the type's comment.
    @inline(__always)
    static func decimal(c: UInt64, q: Int) -> (f: UInt64, e: Int) {
        let odd: UInt64 = c & 1  // an odd c excludes the interval's ends
        let cb = c << 2, cbr = cb &+ 2
        let cbl: UInt64, k: Int
        if c != 1 << 52 || q == -1074 {
            cbl = cb &- 2  // half a unit below, as above
            k = (q &* 661_971_961_083) >> 41  // ⌊log10(2^q)⌋ (exact for |q| < 5 million)
        } else {
            cbl = cb &- 1  // a power of two: the next Double below is half as far away
            k = (q &* 661_971_961_083 &- 274_743_187_321) >> 41  // ⌊log10(3/4·2^q)⌋
        }
        // scaled ends and centre, in quarter units of 10^k (h: 1...4, so that the products keep 2 fraction bits)
        let h = q &+ ((0 &- k) &* 913_124_641_741) >> 38 &+ 2  // ⌊log2(10^-k)⌋ = (-k·913124641741) >> 38
        let (g1, g0) = powers.withUnsafeBufferPointer { t in (t[2 &* (k &+ 324)], t[2 &* (k &+ 324) &+ 1]) }
        let vb = roundToOdd(g1, g0, cb &<< h)
        let vbl = roundToOdd(g1, g0, cbl &<< h)
        let vbr = roundToOdd(g1, g0, cbr &<< h)
        let s = vb >> 2
        if s >= 10 {  // the one multiple of 10 units in reach, if inside: a digit shorter
            let sp10 = s / 10 &* 10, tp10 = sp10 &+ 10
            let lowerIn = vbl &+ odd <= sp10 << 2
            let upperIn = (tp10 << 2) &+ odd <= vbr
            if lowerIn != upperIn { return (lowerIn ? sp10 : tp10, k) }
        }
        let t = s &+ 1
        let sIn = vbl &+ odd <= s << 2
        let tIn = (t << 2) &+ odd <= vbr
        if sIn != tIn { return (sIn ? s : t, k) }
        // both inside: the closer (vb against the midpoint 4s + 2; a tie only when vb is exact, then the even one)
        let midpoint = (s &+ t) << 1
        return (vb < midpoint || vb == midpoint && s & 1 == 0 ? s : t, k)
    }

    /// ⌊g·cp / 2^127⌋ with its lowest bit set when the dropped part is not zero (rounded to odd; g = g1·2^63 + g0,
    /// cp < 2^60). Schubfach's comparisons on such values are exact.
    @inline(__always)
    static func roundToOdd(_ g1: UInt64, _ g0: UInt64, _ cp: UInt64) -> UInt64 {
        let x1 = g0.multipliedFullWidth(by: cp).high
        let y = g1.multipliedFullWidth(by: cp)
        let z = (y.low >> 1) &+ x1  // < 2^64: y.low >> 1 < 2^63, x1 < 2^59
        let mask: UInt64 = 1 << 63 - 1
        return (y.high &+ (z >> 63)) | (((z & mask) &+ mask) >> 63)
    }

    /// Writes `f·10^e` (1 ≤ f < 10^17) as `description` spells it; returns the number of bytes (scratch bytes may
    /// follow them, up to `maxBytes` from the start of the text).
    ///
    /// The digits are made in registers, eight to a word (`asciiEight`), from `f` scaled to exactly 17 digits
    /// (the first one not zero; the trailing zeros are counted from the words), and stored a word at a time where
    /// the layout puts them: a digit loop waits on one division after the other, and bytes stored one by one and
    /// read back as words stall the loads.
    @inline(__always)
    static func layout(_ f: UInt64, _ e: Int, exponential: Bool, into p: UnsafeMutablePointer<UInt8>) -> Int {
        let n = f >= 1_000_000_000_000_000 ? (f >= 10_000_000_000_000_000 ? 17 : 16) : digitCount(f)  // 16 or 17 unless subnormal
        let point = e &+ n &- 1  // the scientific exponent: f·10^e = d.ddd·10^point
        let full = n == 17 ? f : f &* powersOfTen.withUnsafeBufferPointer { $0[17 &- n] }  // 17 digits, the first not zero
        let top = full / 10_000_000_000_000_000, rest = full &- top &* 10_000_000_000_000_000
        let high = rest / 100_000_000, low = rest &- high &* 100_000_000
        let first = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: top)
        let v1 = digitValues(UInt32(truncatingIfNeeded: high)), v2 = digitValues(UInt32(truncatingIfNeeded: low))
        let zeros = v2 != 0 ? v2.leadingZeroBitCount >> 3 : (v1 != 0 ? 8 + v1.leadingZeroBitCount >> 3 : 16)
        let digits = 17 - zeros  // significant digits
        let w1 = v1 | 0x3030_3030_3030_3030, w2 = v2 | 0x3030_3030_3030_3030  // ASCII
        if point < -4 || exponential {
            p[0] = first
            var end = p + 1
            if digits > 1 {
                p[1] = UInt8(ascii: ".")
                store(w1, at: p + 2)
                store(w2, at: p + 10)
                end = p + digits + 1
            }
            end[0] = UInt8(ascii: "e")
            end[1] = point < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            var a = UInt64(point.magnitude)
            var length = p.distance(to: end) + 4
            if a >= 100 {
                end[2] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: a / 100)
                a %= 100
                end += 1
                length += 1
            }
            writePair(a, to: end + 2)
            return length
        }
        if point < 0 {  // 0.000ddd (up to three zeros after the point)
            p[0] = UInt8(ascii: "0"); p[1] = UInt8(ascii: ".")
            store(0x3030_3030_3030_3030, at: p + 2)
            let q = p + 1 - point
            q[0] = first
            store(w1, at: q + 1)
            store(w2, at: q + 9)
            return 1 - point + digits
        }
        // ddd.ddd or ddd000.0 (point ≤ 15: at most 2^53): the 17 digits, then the integer ones moved one to the left
        p[1] = first
        store(w1, at: p + 2)
        store(w2, at: p + 10)
        for i in 0...point { p[i] = p[i + 1] }
        p[point + 1] = UInt8(ascii: ".")
        if digits <= point + 1 {  // a whole number: its places after the last digit hold zeros already
            p[point + 2] = UInt8(ascii: "0")
            return point + 3
        }
        return digits + 1
    }

    /// `w` stored at `p` (unaligned), its first byte the lowest.
    @inline(__always)
    static func store(_ w: UInt64, at p: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(p).storeBytes(of: w.littleEndian, as: UInt64.self)
    }

    /// The eight decimal digits of `x` < 10^8 (leading zeros included) as byte values 0...9 in one word, the first
    /// digit in the lowest byte: split in halves of four digits, each into two pairs, each into two digits, with
    /// multiplications that divide all lanes at once (x·10486 >> 20 = x/100 for x < 10^4, x·103 >> 10 = x/10 for
    /// x < 100, rounded down; no lane overflows into the next).
    @inline(__always)
    static func digitValues(_ x: UInt32) -> UInt64 {
        let a = x / 10_000
        let fours = UInt64(a) | UInt64(x &- a &* 10_000) << 32  // two 32-bit lanes < 10^4
        let hundreds = ((fours &* 10486) >> 20) & 0x0000_007F_0000_007F
        let pairs = hundreds | (fours &- hundreds &* 100) << 16  // four 16-bit lanes < 100
        let tens = ((pairs &* 103) >> 10) & 0x000F_000F_000F_000F
        return tens | (pairs &- tens &* 10) << 8  // eight byte lanes < 10
    }

    /// Decimal digits of `f` ≥ 1.
    @inline(__always)
    static func digitCount(_ f: UInt64) -> Int {
        let guess = ((64 - f.leadingZeroBitCount) * 1233) >> 12  // ⌊log10(2^bits)⌋: the count or one less
        return powersOfTen.withUnsafeBufferPointer { guess + (f >= $0[guess] ? 1 : 0) }
    }

    /// Two digits of `d` < 100 at `p`.
    @inline(__always)
    static func writePair(_ d: UInt64, to p: UnsafeMutablePointer<UInt8>) {
        let pairs = digitPairs.utf8Start
        let i = Int(truncatingIfNeeded: d) &* 2
        p[0] = pairs[i]
        p[1] = pairs[i &+ 1]
    }

    static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// 10^i for i = 0...19.
    static let powersOfTen: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ]
}
