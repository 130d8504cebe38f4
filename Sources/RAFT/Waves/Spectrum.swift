#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// RAFT `helpers.JONSWAP(ws, Hs, Tp, Gamma)`: one-sided JONSWAP spectrum S(ω) [m²/(rad/s)] (spec 06 §6.3).
///
/// `gamma` 0 selects RAFT's default peak-enhancement rule from Tp/√Hs (IEC 61400-3). The operation order
/// follows RAFT's so results agree to ~1 ulp.
package func jonswap(omega w: Double, hs: Double, tp: Double, gamma: Double = 0) -> Double {
    var g = gamma
    if g == 0 {
        let r = tp / hs.squareRoot()
        if r <= 3.6 { g = 5.0 } else if r >= 5.0 { g = 1.0 } else { g = exp(5.75 - 1.15 * r) }
    }
    let f = 0.5 / Double.pi * w
    let a4 = pow(tp * f, -4.0)
    let c = 1 - 0.287 * log(g)
    let sigma = f <= 1.0 / tp ? 0.07 : 0.09
    let x = (f * tp - 1.0) / sigma
    let alpha = exp(-0.5 * (x * x))
    return 0.5 / Double.pi * c * 0.3125 * hs * hs * a4 / f * exp(-1.25 * a4) * pow(g, alpha)
}

/// A discretised sea state for one wave train: spectrum and component amplitudes on the frequency grid.
package struct SeaState: Sendable, Equatable {
    /// Wave spectrum `S` [m²/(rad/s)] per frequency.
    package var spectrum: [Double]
    /// Component amplitudes `zeta = sqrt(2·S·dw)` [m].
    package var amplitude: [Double]
    /// Direction of travel `beta` [rad].
    package var heading: Double

    /// Build RAFT's spectrum for a wave train on the grid (`dw = w[1] − w[0]`, spec 06 §6.2).
    package init(train: WaveTrain, grid: FrequencyGrid) {
        let dw = grid.dw
        heading = train.headingDeg * 0.017453292519943295
        switch train.spectrum {
        case .jonswap:
            spectrum = grid.omega.map { jonswap(omega: $0, hs: train.heightM, tp: train.periodS, gamma: train.gamma) }
        case .unit:
            spectrum = Array(repeating: 1, count: grid.count)
        case .constant:
            spectrum = Array(repeating: train.heightM, count: grid.count)
        case .none, .still:
            spectrum = Array(repeating: 0, count: grid.count)
        }
        amplitude = spectrum.map { (2 * $0 * dw).squareRoot() }
    }
}
