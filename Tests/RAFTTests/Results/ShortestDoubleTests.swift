import Foundation
import Testing
@testable import RAFTIO

/// `ShortestDouble` writes the characters of `Double.description` for every finite double: checked here on each
/// class where a shortest-digits formatter can go wrong (both signs of each value).
struct ShortestDoubleTests {
    /// `ShortestDouble`'s text of `x`.
    static func text(_ x: Double) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ShortestDouble.maxBytes) { b in
            let n = ShortestDouble.write(x, to: b.baseAddress!)
            return String(decoding: UnsafeBufferPointer(rebasing: b[..<n]), as: UTF8.self)
        }
    }

    /// Values whose text differs from `description` (each value and its negation), at most `limit` of them listed.
    static func mismatches(_ values: some Sequence<Double>, limit: Int = 5) -> (count: Int, checked: Int, first: [String]) {
        var count = 0, checked = 0
        var first: [String] = []
        for x in values where x.isFinite {
            for y in [x, -x] {
                checked += 1
                let mine = text(y), std = y.description
                if mine != std {
                    count += 1
                    if first.count < limit { first.append("\(std) (bits \(String(y.bitPattern, radix: 16))): \(mine)") }
                }
            }
        }
        return (count, checked, first)
    }

    /// `per` random doubles of each class (see `ShortestDoubleHeavyTests` for tens of millions).
    static func samples(per n: Int, _ rng: inout SystemRandomNumberGenerator) -> [[Double]] {
        let fractionMask: UInt64 = 1 << 52 - 1
        // every binary exponent: its first, last and middle fractions and `n / 1000` random ones
        let exponents = (0..<2047).flatMap { be -> [Double] in
            let top = UInt64(be) << 52
            return ([0, 1, 2, 3, fractionMask, fractionMask - 1, 1 << 51] + (0..<max(1, n / 1000)).map { _ in rng.next() & fractionMask })
                .map { Double(bitPattern: top | $0) }
        }
        // powers of ten (as parsed) and their four neighbours on each side
        let tens = (-325...309).flatMap { e -> [Double] in
            guard let x = Double("1e\(e)") else { return [] }
            var around = [x]
            var up = x, down = x
            for _ in 0..<4 { up = up.nextUp; down = down.nextDown; around += [up, down] }
            return around
        }
        // subnormals: the smallest ones (one or two digits) and random ones
        let subnormals = (1...UInt64(n)).map { Double(bitPattern: $0) } + (0..<n).map { _ in Double(bitPattern: rng.next() & fractionMask) }
        // c/4 in [2^50, 2^51): the ties between two shortest decimals (…25 and …75: the even last digit wins)
        let ties = (0..<n).map { _ in Double(bitPattern: UInt64(1023 + 50) << 52 | (rng.next() & fractionMask)) }
        // short decimals (1–17 digits over the whole exponent range), as parsed: the shorter candidate's branch
        let short = (0..<n).compactMap { _ -> Double? in
            var m: UInt64 = 0
            for _ in 0..<Int.random(in: 1...17, using: &rng) { m = m * 10 + UInt64.random(in: 0...9, using: &rng) }
            return Double("\(m)e\(Int.random(in: -340...310, using: &rng))")
        }
        // whole numbers and simple fractions, and the notation boundaries 1e-4 and 2^53
        var plain: [Double] = [0, 1, 0.1, 0.5, 1e-4, 1e-5, 0x1p53, .leastNonzeroMagnitude, .leastNormalMagnitude,
                               .greatestFiniteMagnitude, .ulpOfOne, 9.999999999999999e-5, 1e15, 1e16, 1e22, 1e23]
        for x in [1e-4, 0x1p53, 1e15, 1e16] {
            var up = x, down = x
            for _ in 0..<50 { up = up.nextUp; down = down.nextDown; plain += [up, down] }
        }
        for i in 0..<n { plain += [Double(i), Double(i) / 4, Double(i) / 8, Double(i) / 10, Double(i) * 1e-7] }
        let random = (0..<(4 * n)).map { _ in Double(bitPattern: rng.next()) }
        return [exponents, tens, subnormals, ties, short, plain, random]
    }

    @Test func everyClassOfDoublesKeepsItsDescription() {
        var rng = SystemRandomNumberGenerator()
        for (k, values) in Self.samples(per: 5_000, &rng).enumerated() {
            let m = Self.mismatches(values)
            #expect(m.count == 0, "class \(k): \(m.count) of \(m.checked) differ, e.g. \(m.first)")
            #expect(m.checked > 0)
        }
    }

    @Test func notationAndZeros() {
        #expect(Self.text(0) == "0.0")
        #expect(Self.text(-0.0) == "-0.0")
        #expect(Self.text(1e-4) == "0.0001")
        #expect(Self.text(1e-5) == "1e-05")
        #expect(Self.text(0x1p53) == "9007199254740992.0")
        #expect(Self.text(0x1p53 + 2) == "9.007199254740994e+15")
        #expect(Self.text(1e15) == "1000000000000000.0")
        #expect(Self.text(-.leastNormalMagnitude) == "-2.2250738585072014e-308")
        #expect(Self.text(.leastNonzeroMagnitude) == "5e-324")
        #expect(Self.text(1125899906842624.25) == "1125899906842624.2")  // a tie: the even digit
        #expect(Self.text(1125899906842624.75) == "1125899906842624.8")
        #expect(Self.text(123.45) == "123.45")
        #expect(Self.text(-.greatestFiniteMagnitude).utf8.count <= ShortestDouble.maxBytes)
    }

    /// The files' writers use it: a CSV row and a JSON number keep `description`'s characters.
    @Test func writersUseIt() {
        let xs: [Double] = [0.1, -2.5e-7, 1e300, 3, -0.0]
        #expect(CSV.table(header: ["a"], columns: [xs]) == "a\n" + xs.map { "\($0)\n" }.joined())
        #expect(JSONValue.numbers([0.1, 2.5e-7, 1e300]).serialized() == "[0.1, 2.5e-07, 1e+300]")
    }
}

/// Tens of millions of doubles of every class (release builds only, in the release filter of the Makefile's `test`
/// target: ~1 min).
struct ShortestDoubleHeavyTests {
    @Test(.enabled(if: HeavyTests.enabled)) func tensOfMillionsKeepTheirDescription() {
        var rng = SystemRandomNumberGenerator()
        var total = 0
        for _ in 0..<5 {
            for (k, values) in ShortestDoubleTests.samples(per: 400_000, &rng).enumerated() {
                let m = ShortestDoubleTests.mismatches(values)
                #expect(m.count == 0, "class \(k): \(m.count) of \(m.checked) differ, e.g. \(m.first)")
                total += m.checked
            }
        }
        #expect(total > 50_000_000)
    }
}
