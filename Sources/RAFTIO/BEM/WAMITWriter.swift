#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import LAPACK

/// WAMIT-format text of BEM results as pyHAMS writes `Buoy.1`, `Buoy.3`, `Buoy.hst` (spec 05 §2–§5; ULEN = 1).
package enum WAMITWriter {
    static func e(_ x: Double) -> String { String(cFormat: "%14.6E", x) }
    static func i(_ x: Int) -> String { String(cFormat: "%6d", x) }

    /// `.1`: 36 rows PER = −1 (zero frequency, Ā only), 36 rows PER = 0 (infinite frequency), then periods in
    /// decreasing order (ascending ω), rows `PER I J Ā B̄`.
    package static func radiation(_ c: BEMCoefficients) -> String {
        var s = ""
        for (per, a) in [(-1.0, c.addedMassZero), (0.0, c.addedMassInfinite)] {
            for r in 0..<6 { for col in 0..<6 { s += e(per) + i(r + 1) + i(col + 1) + e(a[6 * r + col]) + "\n" } }
        }
        for (k, w) in c.omega.enumerated() {
            let per = 2 * Double.pi / w
            for r in 0..<6 {
                for col in 0..<6 { s += e(per) + i(r + 1) + i(col + 1) + e(c.addedMass[k][6 * r + col]) + e(c.damping[k][6 * r + col]) + "\n" }
            }
        }
        return s
    }

    /// `.3`: rows `PER β I |X̄| phase[deg] Re Im` per period (decreasing), heading, mode.
    package static func excitation(_ c: BEMCoefficients) -> String {
        var s = ""
        for (k, w) in c.omega.enumerated() {
            let per = 2 * Double.pi / w
            for (h, beta) in c.headingsDeg.enumerated() {
                for m in 0..<6 {
                    let x = c.excitation[k][h][m]
                    s += e(per) + e(beta) + i(m + 1) + e(x.length) + e(atan2(x.imaginary, x.real) * 180 / Double.pi)
                        + e(x.real) + e(x.imaginary) + "\n"
                }
            }
        }
        return s
    }

    /// `.hst`: 36 rows `I J C̄` of a hydrostatic stiffness nondimensionalised by ρg (ULEN = 1).
    package static func hydrostatics(_ cBar: [Double]) -> String {
        var s = ""
        for r in 0..<6 { for col in 0..<6 { s += i(r + 1) + i(col + 1) + "    " + String(cFormat: "%.6E", cBar[6 * r + col]) + "\n" } }
        return s
    }
}
