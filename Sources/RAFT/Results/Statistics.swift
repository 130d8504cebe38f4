#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// RAFT's statistics helpers (spec 07 §1).
package enum Statistics {
    /// `getRMS(X)` = sqrt(0.5·Σ|X|²) over all sources and frequencies: the standard deviation of the signal.
    package static func rms(_ x: [Complex]) -> Double {
        (0.5 * x.reduce(0) { $0 + $1.lengthSquared }).squareRoot()
    }
    /// `getRMS` over several sources.
    package static func rms(sources: [[Complex]]) -> Double {
        (0.5 * sources.reduce(0) { acc, s in acc + s.reduce(0) { $0 + $1.lengthSquared } }).squareRoot()
    }
    /// `getPSD(X, dw)`: Σ_sources 0.5·|X|²/dw per frequency [unit²/(rad/s)].
    package static func psd(sources: [[Complex]], dw: Double) -> [Double] {
        guard let nw = sources.first?.count else { return [] }
        var out = [Double](repeating: 0, count: nw)
        for s in sources { for j in 0..<nw { out[j] += 0.5 * s[j].lengthSquared / dw } }
        return out
    }
    /// RAFT `rad2deg` (exact constant).
    package static let rad2deg = 57.29577951308232
    /// RAFT `radps2rpm(x) = x/0.1047` (RAFT's approximate constant, kept on purpose: spec 07 §1).
    package static func radPerSecondToRPM(_ x: Double) -> Double { x / 0.1047 }
}
