import Foundation
import Testing
@testable import RAFT

/// Mesh convergence of the panel method (validation/bem-mesh-convergence/README.md): the panel size halved twice
/// on a floating hemisphere (against Hulme 1982) and on a truncated vertical cylinder (self-convergence).
/// Release only (up to 1,792 panels): `swift test -c release --filter BEMMeshConvergenceTests`.
@Suite("BEM mesh convergence")
struct BEMMeshConvergenceTests {
    /// Worst |computed − reference| over the frequencies, as a fraction of the reference's peak.
    static func peakError(_ c: [Double], _ r: [Double]) -> Double {
        zip(c, r).map { abs($0 - $1) }.max()! / r.map(abs).max()!
    }

    @Test("hemisphere 64 → 256 → 1,024 panels: the error against Hulme (heave, surge) falls with each halving, ≤ 2 % at the finest",
          .enabled(if: HeavyTests.enabled))
    func hemisphere() throws {
        let g = 9.80665, vol = 2.0 / 3.0 * Double.pi
        let heave = BEMValidationTests.hulmeHeave
        let surge = HemisphereTests.hulmeSurge
        let ka = heave.map(\.ka)
        var errors: [[Double]] = []
        for level in 0..<3 {
            let k = 1 << level
            let panels = AnalyticHulls.hemisphere(radius: 1, nPolar: 4 * k, nAz: 16 * k)
            let r = try BEMSolver(panels: panels, gravity: g).solve(omega: ka.map { ($0 * g).squareRoot() }, headingsDeg: [0])
            let a33 = r.addedMass.map { $0[14] / vol }, b33 = r.damping.map { $0[14] / vol }
            // surge: Hulme's Table 2 at the ka values both tables share
            let shared = surge.compactMap { s in ka.firstIndex(of: s.ka).map { (s, $0) } }
            let a11 = shared.map { r.addedMass[$0.1][0] / vol }, b11 = shared.compactMap { $0.0.lambda == nil ? nil : r.damping[$0.1][0] / vol }
            let e = [Self.peakError(a33, heave.map(\.mu)), Self.peakError(b33, heave.map(\.lambda)),
                     Self.peakError(a11, shared.map(\.0.mu)), Self.peakError(b11, shared.compactMap(\.0.lambda))]
            errors.append(e)
            print(String(format: "hemisphere %5d panels: error of peak  A33 %.3f %%  B33 %.3f %%  A11 %.3f %%  B11 %.3f %%",
                         panels.count, 100 * e[0], 100 * e[1], 100 * e[2], 100 * e[3]))
        }
        for q in 0..<4 {
            #expect(errors[1][q] < errors[0][q] && errors[2][q] < errors[1][q], "quantity \(q): \(errors.map { $0[q] })")
            #expect(errors[2][q] < 0.02)
        }
    }

    /// The sharp bottom edge (singular velocity) and uniform panels make pitch converge at about first order
    /// (measured: A55 7.3 % → 3.9 %, B55 9.7 % → 3.4 % of peak), heave/surge faster; frequencies stay below the
    /// first irregular frequency (ω ≈ 4.9 rad/s for a = T = 1 m).
    @Test("truncated cylinder (a = T = 1 m) 112 → 448 → 1,792 panels, ω = 0.5…3 rad/s: successive changes shrink; finest change ≤ 4 % of peak",
          .enabled(if: HeavyTests.enabled))
    func cylinder() throws {
        let g = 9.80665
        let omegas = stride(from: 0.5, through: 3.0, by: 0.25).map { $0 }
        var results: [BEMCoefficients] = []
        for level in 0..<3 {
            let k = 1 << level
            let panels = AnalyticHulls.truncatedCylinder(radius: 1, draft: 1, nZ: 4 * k, nR: 3 * k, nAz: 16 * k)
            results.append(try BEMSolver(panels: panels, gravity: g).solve(omega: omegas, headingsDeg: [0]))
            print("cylinder \(panels.count) panels")
        }
        let entries: [(name: String, value: (BEMCoefficients) -> [Double])] = [
            ("A11", { $0.addedMass.map { $0[0] } }), ("A33", { $0.addedMass.map { $0[14] } }), ("A55", { $0.addedMass.map { $0[28] } }),
            ("B11", { $0.damping.map { $0[0] } }), ("B33", { $0.damping.map { $0[14] } }), ("B55", { $0.damping.map { $0[28] } }),
            ("|X1|", { $0.excitation.map { $0[0][0].length } }), ("|X3|", { $0.excitation.map { $0[0][2].length } }),
        ]
        for e in entries {
            let v = results.map(e.value)
            let peak = v[2].map(abs).max()!
            let d1 = zip(v[1], v[0]).map { abs($0 - $1) }.max()! / peak, d2 = zip(v[2], v[1]).map { abs($0 - $1) }.max()! / peak
            let order = log2(d1 / d2)
            print(String(format: "cylinder %@: change coarse→medium %.3f %%, medium→fine %.3f %% of peak, observed order %.2f", e.name, 100 * d1, 100 * d2, order))
            #expect(d2 < d1, "\(e.name): \(d1) → \(d2)")
            #expect(d2 < 0.04, "\(e.name): medium → fine change \(d2)")
        }
    }
}
