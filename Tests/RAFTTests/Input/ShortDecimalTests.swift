import Testing
@testable import RAFT

/// `ShortDecimal` must give `Double(text)`'s bits wherever it answers, and must answer for the usual spellings.
@Suite("Short decimal conversion")
struct ShortDecimalTests {
    static func short(_ s: String) -> Double? {
        var s = s
        return s.withUTF8 { ShortDecimal.value($0) }
    }

    @Test(arguments: ["0", "-0", "+0", "0.0", "-0.0", "1", "-1", "+1", "1.", ".5", "-.5", "1e3", "1E3", "1e+3", "1e-3",
                      "0.005", "0.40", "1025.0", "1.81e-05", "800.0E3", "35444067", "26159984.0", "-90.0", "0.1",
                      "0.3", "2.225073858507201e-7", "9007199254740992", "1e22", "1e-22", "12345678901234e-10",
                      "007", "0.0000000000000000000001", "00000000000000000000000000001.5"])
    func sameBitsAsStrtod(text: String) throws {
        let fast = try #require(Self.short(text), "\(text) should take the short path")
        let slow = try #require(Double(text))
        #expect(fast.bitPattern == slow.bitPattern, "\(text)")
    }

    @Test(arguments: ["", "-", ".", "e5", "1e", "1e+", "1.2.3", "1-2", "--1", "1e23", "1e-23", "9007199254740993",
                      "12345678901234567890", "1e00005", "+-1", "1e5.0",
                      "2.2250738585072014e-8", "0.000000000000000000000000000001"])
    func declinesOtherForms(text: String) {
        #expect(Self.short(text) == nil, "\(text)")
    }

    /// Random short numbers in many spellings: where the fast path answers, the bits are strtod's.
    @Test func randomSpellings() {
        var rng = SplitMix64(seed: 5)
        var answered = 0
        for _ in 0..<20_000 {
            var s = ["", "-", "+"][rng.below(3)]
            let intDigits = rng.below(12), fracDigits = rng.below(12)
            for _ in 0..<intDigits { s.append(Character(String(rng.below(10)))) }
            if fracDigits > 0 || rng.below(2) == 0 { s += "." }
            for _ in 0..<fracDigits { s.append(Character(String(rng.below(10)))) }
            if rng.below(3) == 0 { s += ["e", "E"][rng.below(2)] + ["", "-", "+"][rng.below(3)] + String(rng.below(30)) }
            let fast = Self.short(s)
            if let fast {
                answered += 1
                #expect(fast.bitPattern == Double(s)?.bitPattern, "\(s)")
            }
        }
        #expect(answered > 10_000)
    }
}
