#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// A Wöhler (S–N) curve in range form, `N(S) = K·S^(−m)`: the number of constant-amplitude cycles of *range* `S`
/// [unit] to failure. Palmgren–Miner damage of `n_i` cycles of range `S_i` is `D = Σ n_i·S_i^m / K`.
package struct SNCurve: Sendable, Equatable {
    /// Inverse slope m (Wöhler exponent) [-].
    package var slope: Double
    /// Intercept K [unit^m]: cycles to failure at a range of one unit.
    package var intercept: Double

    package init(slope: Double, intercept: Double) {
        self.slope = slope; self.intercept = intercept
    }

    /// DNV-OS-E301 (2013) Ch.2 Sec.2 §5.2 T–N curve of mooring components, `n = a_D·s^(−m)` with `s` the nominal
    /// stress range [MPa] = tension range / nominal area, expressed for tension ranges in N.
    /// - Parameters:
    ///   - component: studless or studlink chain (`m = 3`), six-strand or spiral rope.
    ///   - nominalDiameter: chain bar or rope diameter [m]; the nominal area is `2·πd²/4` for chain (two legs of a
    ///     link) and `πd²/4` for rope.
    package static func dnvMooring(_ component: MooringComponent, nominalDiameter d: Double) -> SNCurve {
        let (m, aD, legs): (Double, Double, Double) = switch component {
        case .studlessChain: (3.0, 6.0e10, 2)
        case .studlinkChain: (3.0, 1.2e11, 2)
        case .sixStrandRope: (4.0, 3.4e14, 1)
        case .spiralRope: (4.8, 1.7e17, 1)
        }
        let areaMM2 = legs * Double.pi * d * d / 4 * 1e6
        // n = a_D·(ΔT/A)^(−m) with ΔT in N and A in mm² (1 MPa = 1 N/mm²) ⇒ K = a_D·A^m [N^m].
        return SNCurve(slope: m, intercept: aD * pow(areaMM2, m))
    }

    /// Mooring components with a DNV T–N curve.
    package enum MooringComponent: String, Sendable, CaseIterable {
        case studlessChain = "studless_chain", studlinkChain = "studlink_chain"
        case sixStrandRope = "six_strand_rope", spiralRope = "spiral_rope"
    }
}

/// Spectral (frequency-domain) fatigue methods for a stationary Gaussian response.
package enum SpectralFatigueMethod: String, Sendable, CaseIterable {
    /// Dirlik (1985): empirical rainflow-range density from m0, m1, m2, m4; cycles at the peak rate √(m4/m2).
    case dirlik
    /// Narrow-band Rayleigh (Bendat 1964; Miles 1954): Rayleigh ranges of scale 2σ at the zero-up-crossing rate.
    case narrowBand = "nb"
    /// Tovo–Benasciutti (Benasciutti & Tovo 2005, improved b): `D = D_NB·[b + (1 − b)·α2^(m−1)]`.
    case tovoBenasciutti = "tb"
}

/// Damage per unit time of a Gaussian response, split into a cycle rate and the mean of S^m over the rainflow
/// range distribution, `d = ν_c·E[S^m]` [unit^m/s]: damage over T seconds is `d·T/K`.
package struct FatigueDamageRate: Sendable, Equatable {
    /// Cycle rate ν_c [1/s] (√(m4/m2) for Dirlik, √(m2/m0) for the narrow-band and Tovo–Benasciutti methods).
    package var cycleRate: Double
    /// E[S^m] over the method's range distribution [unit^m] (Tovo–Benasciutti: the narrow-band value times its
    /// correction factor, so that `cycleRate·meanRangePower` is the damage intensity).
    package var meanRangePower: Double
    /// Damage intensity `ν_c·E[S^m]` [unit^m/s].
    package var intensity: Double { cycleRate * meanRangePower }
}

/// Spectral fatigue: damage and damage-equivalent loads (DELs) from spectral moments.
///
/// All ranges are full ranges (peak to valley), as S–N curves and rainflow counting use them.
package enum SpectralFatigue {
    /// Damage intensity of a response with moments `mom` for Wöhler exponent `m`.
    package static func damageRate(_ mom: SpectralMoments, slope m: Double,
                                  method: SpectralFatigueMethod = .dirlik) -> FatigueDamageRate {
        guard mom.m0 > 0, mom.m2 > 0 else { return FatigueDamageRate(cycleRate: 0, meanRangePower: 0) }
        switch method {
        case .narrowBand:
            return FatigueDamageRate(cycleRate: mom.zeroUpcrossingRate, meanRangePower: narrowBandRangePower(mom, m))
        case .tovoBenasciutti:
            let a2 = mom.alpha2
            let b = tovoBenasciuttiWeight(alpha1: mom.alpha1, alpha2: a2)
            let factor = b + (1 - b) * pow(a2, m - 1)
            return FatigueDamageRate(cycleRate: mom.zeroUpcrossingRate,
                                     meanRangePower: narrowBandRangePower(mom, m) * factor)
        case .dirlik:
            guard let c = DirlikCoefficients(mom) else {
                // Exactly narrow band (γ = 1): Dirlik's density is the Rayleigh one and E[P] = ν0.
                return damageRate(mom, slope: m, method: .narrowBand)
            }
            let scale = pow(2 * mom.m0.squareRoot(), m)
            let zm = c.d1 * pow(c.q, m) * tgamma(1 + m)
                + pow(2.0.squareRoot(), m) * tgamma(1 + m / 2) * (c.d2 * pow(abs(c.r), m) + c.d3)
            return FatigueDamageRate(cycleRate: mom.peakRate, meanRangePower: scale * zm)
        }
    }

    /// Miner damage over `duration` seconds [-] for the S–N curve `curve`.
    package static func damage(_ mom: SpectralMoments, curve: SNCurve, duration: Double,
                              method: SpectralFatigueMethod = .dirlik) -> Double {
        damageRate(mom, slope: curve.slope, method: method).intensity * duration / curve.intercept
    }

    /// Damage-equivalent load *range* [unit]: the constant range that, repeated `referenceCycles` times, does the
    /// damage of `duration` seconds of the response, `DEL = (ν_c·E[S^m]·T / N_eq)^(1/m)`. With the default
    /// `N_eq = T` (1 Hz equivalent) this is `(ν_c·E[S^m])^(1/m)`, independent of T.
    package static func damageEquivalentLoad(_ mom: SpectralMoments, slope m: Double, duration: Double,
                                            referenceCycles: Double? = nil,
                                            method: SpectralFatigueMethod = .dirlik) -> Double {
        let neq = referenceCycles ?? duration
        let d = damageRate(mom, slope: m, method: method).intensity * duration / neq
        return d > 0 ? pow(d, 1 / m) : 0
    }

    /// E[S^m] for Rayleigh-distributed ranges of scale 2σ: `(2√2·σ)^m·Γ(1 + m/2)`.
    static func narrowBandRangePower(_ mom: SpectralMoments, _ m: Double) -> Double {
        pow(2 * (2 * mom.m0).squareRoot(), m) * tgamma(1 + m / 2)
    }

    /// Benasciutti & Tovo (2005), eq. for the improved weighting b(α1, α2), clamped to [0, 1]; 1 for a narrow band.
    package static func tovoBenasciuttiWeight(alpha1 a1: Double, alpha2 a2: Double) -> Double {
        let den = (a2 - 1) * (a2 - 1)
        guard den > 1e-14 else { return 1 }
        let b = (a1 - a2) * (1.112 * (1 + a1 * a2 - (a1 + a2)) * exp(2.11 * a2) + (a1 - a2)) / den
        return b.isFinite ? min(1, max(0, b)) : 1
    }

    /// Dirlik's probability density of rainflow ranges at range `s` [1/unit].
    package static func dirlikRangeDensity(_ mom: SpectralMoments, range s: Double) -> Double {
        let sd = mom.m0.squareRoot()
        guard let c = DirlikCoefficients(mom) else {
            return s / (4 * mom.m0) * exp(-s * s / (8 * mom.m0))
        }
        let z = s / (2 * sd)
        let p = c.d1 / c.q * exp(-z / c.q) + c.d2 * z / (c.r * c.r) * exp(-z * z / (2 * c.r * c.r)) + c.d3 * z * exp(-z * z / 2)
        return p / (2 * sd)
    }
}

/// Dirlik's (1985) coefficients of the rainflow-range density in the normalised range Z = S/(2√m0):
/// `p(Z) = D1/Q·e^(−Z/Q) + D2·Z/R²·e^(−Z²/2R²) + D3·Z·e^(−Z²/2)`.
struct DirlikCoefficients {
    var d1: Double, d2: Double, d3: Double, q: Double, r: Double

    /// nil when the spectrum is (numerically) narrow band and the coefficients degenerate.
    init?(_ mom: SpectralMoments) {
        let g = mom.alpha2                                     // γ = m2/√(m0·m4)
        let xm = (mom.m1 / mom.m0) * (mom.m2 / mom.m4).squareRoot()
        guard 1 - g > 1e-9 else { return nil }
        d1 = 2 * (xm - g * g) / (1 + g * g)
        let den = 1 - g - d1 + d1 * d1
        r = (g - xm - d1 * d1) / den
        d2 = den / (1 - r)
        d3 = 1 - d1 - d2
        q = 1.25 * (g - d3 - d2 * r) / d1
        guard d1 > 0, q > 0, [d1, d2, d3, q, r].allSatisfy({ $0.isFinite }) else { return nil }
    }
}
