#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Spectral moments of a stationary Gaussian response and the rates and bandwidth parameters derived from them.
///
/// Input convention (the one RAFT's std and the spectra CSVs use): a **one-sided PSD per rad/s**, `S(ω)`
/// [unit²/(rad/s)], sampled at the grid frequencies `ω_i` [rad/s] and integrated by RAFT's rectangle rule,
/// `m_k^ω = Σ_i S(ω_i)·ω_i^k·Δω`, so that `m0 = σ²` equals the square of RAFT's `<channel>_std`.
/// The stored moments are the **Hz moments** `m_k = m_k^ω/(2π)^k` [unit²·Hz^k], so that the rates below are in
/// cycles per second [Hz] (Rice 1944; Lutes & Sarkani, *Random Vibrations*, 2004, §7).
package struct SpectralMoments: Sendable, Equatable {
    /// Hz moments m0 [unit²], m1 [unit²·Hz], m2 [unit²·Hz²], m4 [unit²·Hz⁴].
    package var m0: Double, m1: Double, m2: Double, m4: Double

    package init(m0: Double, m1: Double, m2: Double, m4: Double) {
        self.m0 = m0; self.m1 = m1; self.m2 = m2; self.m4 = m4
    }

    /// Moments of a one-sided PSD per rad/s by the rectangle rule with step `dw` [rad/s].
    /// - Parameters:
    ///   - psd: `S(ω_i)` [unit²/(rad/s)], one-sided.
    ///   - omega: `ω_i` [rad/s].
    ///   - dw: Δω [rad/s]; RAFT's grid step (`w[1] − w[0]`; `w[0]` for tension PSDs, equal to the last ulp).
    package init(psd: [Double], omega: [Double], dw: Double) {
        precondition(psd.count == omega.count, "PSD and frequency counts differ")
        var a0 = 0.0, a1 = 0.0, a2 = 0.0, a4 = 0.0
        for i in 0..<psd.count {
            let s = psd[i] * dw, w = omega[i], w2 = w * w
            a0 += s; a1 += s * w; a2 += s * w2; a4 += s * w2 * w2
        }
        let c = 1 / (2 * Double.pi)
        self.init(m0: a0, m1: a1 * c, m2: a2 * c * c, m4: a4 * c * c * c * c)
    }

    /// Standard deviation σ = √m0 [unit].
    package var std: Double { m0.squareRoot() }
    /// Mean zero-up-crossing rate ν0 = √(m2/m0) [1/s] (Rice).
    package var zeroUpcrossingRate: Double { m0 > 0 ? (m2 / m0).squareRoot() : 0 }
    /// Mean rate of peaks (local maxima) E[P] = √(m4/m2) [1/s] (Rice).
    package var peakRate: Double { m2 > 0 ? (m4 / m2).squareRoot() : 0 }
    /// Mean zero-up-crossing period T_z = 1/ν0 [s].
    package var zeroUpcrossingPeriod: Double { 1 / zeroUpcrossingRate }
    /// Bandwidth parameter α1 = m1/√(m0·m2) (1 for a narrow band).
    package var alpha1: Double { m0 > 0 && m2 > 0 ? m1 / (m0 * m2).squareRoot() : 1 }
    /// Irregularity factor α2 = γ = m2/√(m0·m4) = ν0/E[P] (1 for a narrow band).
    package var alpha2: Double { m0 > 0 && m4 > 0 ? m2 / (m0 * m4).squareRoot() : 1 }
    /// Spectral bandwidth ε = √(1 − α2²) (Cartwright & Longuet-Higgins 1956).
    package var epsilon: Double { max(0, 1 - alpha2 * alpha2).squareRoot() }
    /// Vanmarcke's bandwidth q = √(1 − α1²).
    package var vanmarckeQ: Double { max(0, 1 - alpha1 * alpha1).squareRoot() }
}
