import Foundation
import Testing
import LAPACK
import Numerics
@testable import RAFT

/// Truncated vertical cylinder in finite depth: the panel method against the eigenfunction-matching solution
/// (`TruncatedCylinderReference`, Yeung 1981's method). Release step: `swift test -c release --filter BEMFiniteDepthCylinderTests`.
@Suite("BEM truncated cylinder in finite depth")
struct BEMFiniteDepthCylinderTests {
    static let kas = [0.1, 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 3.0]

    /// Worst |BEM − reference| over ka = 0.1…3 as a fraction of the reference curve's peak, per coefficient.
    static func worstErrors(draft T: Double, depth h: Double, nZ: Int, nR: Int, nAz: Int) throws -> [(String, Double)] {
        let a = 1.0, g = 9.80665
        let ref = TruncatedCylinderReference(a: a, draft: T, depth: h, exteriorModes: 120, interiorModes: 60)
        let refs = kas.map { ref.coefficients(nu: $0 / a) }
        let panels = AnalyticHulls.truncatedCylinder(radius: a, draft: T, nZ: nZ, nR: nR, nAz: nAz, graded: true)
        let r = try BEMSolver(panels: panels, gravity: g, depth: h).solve(omega: kas.map { ($0 * g / a).squareRoot() }, headingsDeg: [0])
        let pairs: [(String, (TruncatedCylinderReference.Coefficients) -> Double, Int, Bool)] = [
            ("A33", \.a33, 14, true), ("B33", \.b33, 14, false), ("A11", \.a11, 0, true), ("B11", \.b11, 0, false),
            ("A15", \.a15, 4, true), ("B15", \.b15, 4, false), ("A55", \.a55, 28, true), ("B55", \.b55, 28, false),
        ]
        return pairs.map { name, get, e, isA in
            let expected = refs.map(get)
            let peak = expected.map(abs).max()!
            var worst = 0.0
            for k in kas.indices {
                let got = isA ? r.addedMass[k][e] : r.damping[k][e]
                worst = max(worst, abs(got - expected[k]) / peak)
            }
            print(String(format: "cylinder T %.2f h %.2f (%d panels) %@: worst %.4f of peak", T, h, panels.count, name, worst))
            return (name, worst)
        }
    }

    @Test("a = 1, T = 1, h = 2 (T/h = 0.5) and h = 4 (T/h = 0.25), graded mesh of 2,688 panels: heave, surge, pitch and surge–pitch added mass and damping within 2 % of each curve's peak over ka = 0.1…3",
          .enabled(if: HeavyTests.enabled), arguments: [2.0, 4.0])
    func againstEigenfunctionMatching(_ depth: Double) throws {
        for (name, worst) in try Self.worstErrors(draft: 1, depth: depth, nZ: 16, nR: 12, nAz: 96) {
            #expect(worst < 0.02, "\(name): worst \(worst) of peak")
        }
    }

    /// T = 0.5, h = 1.5: the surge–pitch coupling and the pitch damping nearly cancel (peaks 2–7 % of √(A₁₁A₅₅)),
    /// so only the diagonal added mass, heave/surge damping are held to 2 % of their own peaks here.
    @Test("a = 1, T = 0.5, h = 1.5 (T/h = 1/3), 2,688 panels: A33, B33, A11, B11, A55 within 2 % of each curve's peak over ka = 0.1…3",
          .enabled(if: HeavyTests.enabled))
    func shallowDraft() throws {
        for (name, worst) in try Self.worstErrors(draft: 0.5, depth: 1.5, nZ: 16, nR: 12, nAz: 96)
        where ["A33", "B33", "A11", "B11", "A55"].contains(name) {
            #expect(worst < 0.02, "\(name): worst \(worst) of peak")
        }
    }
}
