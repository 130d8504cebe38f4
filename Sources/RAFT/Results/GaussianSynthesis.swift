#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seeded generator, so synthesised series are reproducible.
package struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    package init(seed: UInt64) { state = seed }
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random-phase synthesis of a stationary Gaussian time series from a one-sided PSD per rad/s (the time-domain
/// reference of the spectral fatigue and extreme-value estimates; Shinozuka & Deodatis 1991).
///
/// The PSD `S(ω_i)` is read as piecewise constant over RAFT's rectangle-rule bins `[ω_i − Δω/2, ω_i + Δω/2]`
/// and resampled at the harmonics `ω_q = q·δω` of the record, `δω = 2π/T`, so that a record of length T does
/// not repeat (a series on RAFT's own grid would repeat every 2π/Δω seconds). The record is
/// `x(t_n) = μ + Σ_q a_q·cos(ω_q·t_n + φ_q)` with `a_q = √(2·S(ω_q)·δω)` and independent uniform phases, evaluated by
/// one inverse FFT of `2^p` samples. `spectrum` is the discrete PSD actually synthesised: compare spectral
/// estimates made from *it* with statistics of the records.
package struct GaussianSynthesis: Sendable {
    /// Record length T [s] and sample interval dt = T/N [s].
    package let duration: Double
    package let timeStep: Double
    /// Harmonic frequencies ω_q [rad/s] and the resampled one-sided PSD S(ω_q) [unit²/(rad/s)] (δω = 2π/T).
    package let spectrum: (omega: [Double], psd: [Double], dw: Double)
    /// Amplitudes a_q [unit] indexed by harmonic q (0 for q outside the PSD's support).
    let amplitudes: [Double]
    let fft: FFTPlan

    /// - Parameters:
    ///   - psd, omega, dw: one-sided PSD per rad/s on a uniform grid and its step [rad/s].
    ///   - duration: record length T [s].
    ///   - samplesPerPeriod: at least this many samples per period of the highest frequency with energy.
    package init(psd: [Double], omega: [Double], dw: Double, duration: Double, samplesPerPeriod: Double = 16) {
        precondition(psd.count == omega.count && !psd.isEmpty && duration > 0 && dw > 0)
        let dOmega = 2 * Double.pi / duration
        let top = psd.lastIndex { $0 > 0 }.map { omega[$0] } ?? omega.last!
        let qMax = Int(((top + dw / 2) / dOmega).rounded(.down))
        var n = 16
        while Double(n) < max(2.0 * Double(qMax + 1), samplesPerPeriod * (top + dw / 2) / dOmega) { n *= 2 }
        self.duration = duration
        timeStep = duration / Double(n)
        fft = FFTPlan(count: n)
        var amps = [Double](repeating: 0, count: qMax + 1)
        var sw: [Double] = [], sp: [Double] = []
        let lo = omega[0] - dw / 2
        for q in 1...max(1, qMax) {
            let w = Double(q) * dOmega
            let i = Int(((w - lo) / dw).rounded(.down))
            guard i >= 0, i < psd.count else { continue }
            amps[q] = (2 * psd[i] * dOmega).squareRoot()
            sw.append(w); sp.append(psd[i])
        }
        amplitudes = amps
        spectrum = (sw, sp, dOmega)
    }

    /// Number of samples per record.
    package var count: Int { fft.count }

    /// One record `x(t_n)`, n = 0..<count, with phases drawn from `rng`.
    package func record(mean: Double = 0, using rng: inout SeededGenerator) -> [Double] {
        var re = [Double](repeating: 0, count: fft.count), im = re
        for q in 1..<amplitudes.count {
            let phase = Double.random(in: 0..<(2 * Double.pi), using: &rng)
            re[q] = amplitudes[q] * cos(phase)
            im[q] = amplitudes[q] * sin(phase)
        }
        fft.inverse(&re, &im)
        if mean != 0 { for k in 0..<re.count { re[k] += mean } }
        return re
    }
}

/// In-place radix-2 complex FFT of a fixed power-of-two size (only what the synthesiser needs).
struct FFTPlan: Sendable {
    let count: Int
    let cosTable: [Double], sinTable: [Double]
    let bitReversed: [Int]

    init(count n: Int) {
        precondition(n >= 2 && n & (n - 1) == 0, "FFT size must be a power of two")
        count = n
        cosTable = (0..<n / 2).map { cos(2 * Double.pi * Double($0) / Double(n)) }
        sinTable = (0..<n / 2).map { sin(2 * Double.pi * Double($0) / Double(n)) }
        var bits = 0
        while 1 << bits < n { bits += 1 }
        bitReversed = (0..<n).map { i in
            var r = 0, v = i
            for _ in 0..<bits { r = (r << 1) | (v & 1); v >>= 1 }
            return r
        }
    }

    /// `x_n ← Σ_q x_q·e^(+2πi·q·n/N)` (no 1/N scaling).
    func inverse(_ re: inout [Double], _ im: inout [Double]) {
        let n = count
        for i in 0..<n {
            let j = bitReversed[i]
            if j > i { re.swapAt(i, j); im.swapAt(i, j) }
        }
        var size = 2
        while size <= n {
            let half = size / 2, stride = n / size
            var start = 0
            while start < n {
                for k in 0..<half {
                    let c = cosTable[k * stride], s = sinTable[k * stride]
                    let a = start + k, b = a + half
                    let tr = re[b] * c - im[b] * s, ti = re[b] * s + im[b] * c
                    re[b] = re[a] - tr; im[b] = im[a] - ti
                    re[a] += tr; im[a] += ti
                }
                start += size
            }
            size *= 2
        }
    }
}
