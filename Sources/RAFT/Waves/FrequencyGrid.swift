#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// RAFT's frequency grid: `w = arange(min_freq, max_freq + min_freq/2, min_freq)·2π` (spec 00 §3.4).
///
/// The grid starts at one step (never at 0); `dw = w[0]`.
public struct FrequencyGrid: Sendable, Equatable {
    /// Frequencies [Hz], `f_i = min_freq + i·min_freq`.
    public var hz: [Double]
    /// Angular frequencies `w` [rad/s], evaluated as `(f_i·2)·π` like numpy.
    public var omega: [Double]

    public init(minHz: Double, maxHz: Double) {
        let n = max(0, Int(((maxHz + 0.5 * minHz - minHz) / minHz).rounded(.up)))
        hz = (0..<n).map { minHz + Double($0) * minHz }
        omega = hz.map { ($0 * 2) * Double.pi }
    }

    package init(settings: Settings) { self.init(minHz: settings.minFreqHz, maxHz: settings.maxFreqHz) }

    public var count: Int { omega.count }
    /// `dw = w[1] − w[0]` as the FOWT stores it [rad/s] (may differ from w[0] in the last ulp).
    public var dw: Double { omega.count > 1 ? omega[1] - omega[0] : (omega.first ?? 0) }
}

/// RAFT `helpers.waveNumber(ω, h, e=0.001)`: a loose fixed-point dispersion iteration, reproduced exactly.
///
/// Uses g = 9.81 regardless of `site.g` and stops at 1e-3 relative change, so it differs from the exact
/// root by up to ~4e-4 (spec 06 §8.4, 00 P2). Do not "improve" it.
/// - Parameters: omega [rad/s], depth [m]. - Returns: wave number [rad/m].
///   NaN when the iteration has not settled after `maxWaveNumberIterations` steps (it slows down as 1/(ω²h):
///   a few hundred steps at 200 m and 0.005 Hz, without end as the depth goes to 0).
public func waveNumber(omega: Double, depth: Double, tolerance e: Double = 0.001) -> Double {
    let g = 9.81
    var k1 = omega * omega / g
    var k2 = omega * omega / (tanh(k1 * depth) * g)
    var steps = 0
    while abs(k2 - k1) / k1 > e {
        k1 = k2
        k2 = omega * omega / (tanh(k1 * depth) * g)
        steps += 1
        if steps >= maxWaveNumberIterations { return .nan }
    }
    return k2
}

/// Bound of RAFT's dispersion iteration (`waveNumber`).
public let maxWaveNumberIterations = 1_000_000

/// Wave numbers of a grid, or a `SolveError` naming the first frequency whose dispersion iteration did not settle.
func waveNumbers(_ omega: [Double], depth: Double) throws -> [Double] {
    let k = omega.map { waveNumber(omega: $0, depth: depth) }
    if let i = k.firstIndex(where: { !$0.isFinite }) {
        throw SolveError.nonFinite("wave number at ω = \(omega[i]) rad/s: RAFT's dispersion iteration did not settle in \(maxWaveNumberIterations) steps for a water depth of \(depth) m")
    }
    return k
}
