/// A small seeded generator (SplitMix64) for tests whose samples must be the same on every run, so that a failure
/// can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A value in 0..<n (n ≥ 1; modulo, so slightly biased: fine for tests).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// A value in [0, 1): the top 53 bits of the next draw.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
