#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Short-term extremes of a stationary Gaussian response over a duration T (Rice 1944; Davenport 1964;
/// DNV-RP-C205 (2021) §3.5.8).
///
/// Up-crossings of a high level `x` are taken as a Poisson process of rate `ν0·exp(−(x−μ)²/2σ²)` with
/// `ν0 = √(m2/m0)` the mean zero-up-crossing rate (Hz moments, `SpectralMoments`), so the largest value over T has
/// the distribution `P(max ≤ x) = exp(−ν0·T·exp(−(x−μ)²/2σ²))`. Its most-probable value (asymptotically, for
/// ν0·T ≫ 1) is `μ + σ·√(2·ln(ν0·T))`, the value exceeded with probability 1 − 1/e ≈ 0.632.
package struct ExtremeEstimate: Sendable, Equatable {
    /// Mean μ of the response [unit].
    package var mean: Double
    /// Standard deviation σ = √m0 [unit].
    package var std: Double
    /// Expected number of zero (mean-level) up-crossings over the duration, ν0·T [-].
    package var upcrossings: Double

    package init(mean: Double, moments: SpectralMoments, duration: Double) {
        self.mean = mean
        std = moments.std
        upcrossings = moments.zeroUpcrossingRate * duration
    }

    /// The reduced variate u with `P(max > μ + u·σ) = p`, `u = √(2·ln(ν0·T / −ln(1 − p)))` (0 when ν0·T is too
    /// small for the level to be crossed once on average).
    package func reducedLevel(exceedanceProbability p: Double) -> Double {
        let lnP = -log1p(-p)
        guard upcrossings > 0, lnP > 0 else { return 0 }
        return (2 * max(0, log(upcrossings / lnP))).squareRoot()
    }

    /// Most-probable maximum (MPM) over the duration, mean included: `μ + σ·√(2·ln(ν0·T))` [unit].
    package var mostProbableMaximum: Double { mean + std * (2 * max(0, log(upcrossings))).squareRoot() }
    /// Most-probable minimum, `μ − σ·√(2·ln(ν0·T))` [unit] (the response is symmetric about its mean).
    package var mostProbableMinimum: Double { 2 * mean - mostProbableMaximum }
    /// The maximum exceeded with probability `p` over the duration [unit].
    package func maximum(exceedanceProbability p: Double) -> Double { mean + std * reducedLevel(exceedanceProbability: p) }
    /// Probability that the largest value over the duration exceeds `x` [-].
    package func exceedanceProbability(of x: Double) -> Double {
        guard std > 0 else { return x < mean ? 1 : 0 }
        let u = (x - mean) / std
        return -expm1(-upcrossings * exp(-0.5 * u * u))
    }
}
