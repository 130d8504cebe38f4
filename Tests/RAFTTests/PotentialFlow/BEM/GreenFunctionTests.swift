import Foundation
import Testing
@testable import RAFT

/// The deep-water wave Green function and the Rankine panel integrals against independent values.
@Suite("BEM Green function and panel integrals")
struct GreenFunctionTests {
    /// F and ∂F/∂X by direct principal-value integration of ∫₀^∞ e^{−tV} J₀(tX)/(t − 1) dt (scipy quad with
    /// Cauchy weight on [0, 2] plus the tail; ~1e-10 absolute), computed outside the repository.
    static let direct: [(x: Double, v: Double, f: Double, fx: Double)] = [
        (0.5, 0.3, -0.33243987996862606, -1.513714287377892),
        (2, 1, -1.0532199224245664, 0.0813898755372474),
        (5, 0.2, 0.5987280448873682, 0.41756872801170075),
        (0.01, 2, -0.67048469761225, -0.00039754241958580314),
        (10, 3, -0.10632391499064471, 0.04825549089661646),
    ]

    @Test("F and ∂F/∂X match direct PV integration within 1e-6 (table region)")
    func tableValues() {
        let g = DeepWaterGreenFunction.shared
        for d in Self.direct {
            let r = g.evaluate(x: d.x, v: d.v)
            #expect(abs(r.f - d.f) < 1e-6, "F(\(d.x), \(d.v)) = \(r.f) vs \(d.f)")
            #expect(abs(r.fx - d.fx) < 1e-6, "F_X(\(d.x), \(d.v)) = \(r.fx) vs \(d.fx)")
        }
    }

    @Test("far field and table agree across ρ = 40; ∂F/∂X matches a finite difference")
    func continuity() {
        let g = DeepWaterGreenFunction.shared
        for angle in stride(from: 0.02, to: 1.55, by: 0.1) {
            let xIn = 39.999 * cos(angle), vIn = 39.999 * sin(angle)
            let xOut = 40.001 * cos(angle), vOut = 40.001 * sin(angle)
            let a = g.evaluate(x: xIn, v: vIn), b = g.evaluate(x: xOut, v: vOut)
            // interpolation error of the oscillatory part where the grid is coarsest (ΔX ≈ 0.2 at X = 40)
            #expect(abs(a.f - b.f) < 5e-4, "F jump at angle \(angle): \(a.f) vs \(b.f)")
            #expect(abs(a.fx - b.fx) < 5e-4, "F_X jump at angle \(angle): \(a.fx) vs \(b.fx)")
        }
        for (x, v) in [(0.3, 0.1), (3.0, 0.5), (12.0, 4.0), (25.0, 1.0)] {
            let h = 1e-5
            let fd = (g.evaluate(x: x + h, v: v).f - g.evaluate(x: x - h, v: v).f) / (2 * h)
            #expect(abs(fd - g.evaluate(x: x, v: v).fx) < 5e-5, "F_X(\(x), \(v))")
            let fdv = (g.evaluate(x: x, v: v + h).f - g.evaluate(x: x, v: v - h).f) / (2 * h)
            #expect(abs(fdv - g.evaluate(x: x, v: v).fv) < 5e-5, "F_V(\(x), \(v))")
        }
    }

    /// Brute-force midpoint integration of 1/r and n·(P − ξ)/r³ over a unit square (z = 0, normal +z).
    static func bruteForce(_ p: Vec3, _ n: Int = 400) -> (Double, Double) {
        var s = 0.0, d = 0.0
        let h = 1.0 / Double(n)
        for i in 0..<n {
            for j in 0..<n {
                let q = Vec3((Double(i) + 0.5) * h, (Double(j) + 0.5) * h, 0)
                let r = p - q, l = norm(r)
                s += h * h / l
                d += h * h * r.z / (l * l * l)
            }
        }
        return (s, d)
    }

    @Test("Rankine source and dipole integrals over a square match brute-force quadrature; in-plane dipole is 0; orientation-independent")
    func rankine() {
        let sq = [Vec3(0, 0, 0), Vec3(1, 0, 0), Vec3(1, 1, 0), Vec3(0, 1, 0)]
        for p in [Vec3(0.3, 0.4, 0.5), Vec3(1.7, -0.2, 0.3), Vec3(0.5, 0.5, -2), Vec3(3, 4, 1)] {
            let exact = sq.withUnsafeBufferPointer { RankinePanelIntegrals.sourceAndDipole(at: p, vertices: $0, normal: Vec3(0, 0, 1)) }
            let reversed = Array(sq.reversed()).withUnsafeBufferPointer { RankinePanelIntegrals.sourceAndDipole(at: p, vertices: $0, normal: Vec3(0, 0, 1)) }
            let bf = Self.bruteForce(p)
            #expect(abs(exact.s - bf.0) < 1e-4 * abs(bf.0), "S at \(p): \(exact.s) vs \(bf.0)")
            #expect(abs(exact.d - bf.1) < 1e-4 * max(abs(bf.1), 0.01), "D at \(p): \(exact.d) vs \(bf.1)")
            #expect(abs(exact.s - reversed.s) < 1e-13 && abs(exact.d - reversed.d) < 1e-13)
        }
        // centre of the unit square, in its plane: S = 4 ln(1 + √2) (closed form), D = 0
        let c = sq.withUnsafeBufferPointer { RankinePanelIntegrals.sourceAndDipole(at: Vec3(0.5, 0.5, 0), vertices: $0, normal: Vec3(0, 0, 1)) }
        #expect(abs(c.s - 4 * log(1 + 2.0.squareRoot())) < 1e-12 && c.d == 0)
        // just above the centre: the solid angle tends to 2π
        let above = sq.withUnsafeBufferPointer { RankinePanelIntegrals.sourceAndDipole(at: Vec3(0.5, 0.5, 1e-9), vertices: $0, normal: Vec3(0, 0, 1)) }
        #expect(abs(above.d - 2 * Double.pi) < 1e-6)
    }

    @Test("tabulated J₀, J₁ match libm within 1e-10 on [0, 50]")
    func besselTable() {
        let g = DeepWaterGreenFunction.shared
        var worst = 0.0
        for k in 0..<50_000 {
            let x = Double(k) * 0.001 + 0.000_37 * Double(k % 7)
            let b = g.bessel(x)
            worst = max(worst, abs(b.j0 - j0(x)), abs(b.j1 - j1(x)))
        }
        #expect(worst < 1e-10, "worst \(worst)")
    }
}
