import Foundation
import Testing
import LAPACK
import Numerics
@testable import RAFT

/// The finite-depth Green function against John's eigenfunction series, and its deep-water limit.
@Suite("BEM finite-depth Green function")
struct FiniteDepthGreenFunctionTests {
    /// John (1950) eigenfunction series (e^{iωt}, outgoing): G = −C cosh k₀(z+h) cosh k₀(ζ+h) [Y₀ + iJ₀](k₀R)
    /// + 4 Σₙ (kₙ² + ν²)/(h(kₙ² + ν²) − ν) cos kₙ(z+h) cos kₙ(ζ+h) K₀(kₙR), C = 2π(k₀² − ν²)/(ν + h(k₀² − ν²)).
    static func johnSeries(nu: Double, h: Double, r: Double, z: Double, zeta: Double) -> ComplexDouble {
        let ref = TruncatedCylinderReference(a: 1, draft: 0.5, depth: h, exteriorModes: 400, interiorModes: 1)
        let k = ref.waveNumbers(nu: nu)
        let k0 = k[0]
        let c = 2 * Double.pi * (k0 * k0 - nu * nu) / (nu + h * (k0 * k0 - nu * nu))
        let cc = cosh(k0 * (z + h)) * cosh(k0 * (zeta + h))
        var g = ComplexDouble(-c * cc * y0(k0 * r), -c * cc * j0(k0 * r))
        for kn in k.dropFirst() {
            let x = kn * r
            if x > 700 { break }
            let k0v = TruncatedCylinderReference.scaledK(0, x) * exp(-x)
            g = g + ComplexDouble(4 * (kn * kn + nu * nu) / (h * (kn * kn + nu * nu) - nu) * cos(kn * (z + h)) * cos(kn * (zeta + h)) * k0v, 0)
        }
        return g
    }

    @Test("G = wave part + 1/r + 1/r₁ matches John's series within 1e-5 of |G| (R/h ≥ 0.25, three depths νh)")
    func againstJohnSeries() {
        for (nu, h) in [(0.5, 4.0), (2.0, 1.5), (0.05, 10.0)] {
            let rMax = 6.0
            let green = FiniteDepthGreenFunction(nu: nu, depth: h, maxHorizontalDistance: rMax, zRange: (-0.9 * h, -0.01))
            for (r, z, zeta) in [(1.5, -0.2, -0.4), (2.5, -0.05 * h, -0.8 * h), (4.0, -0.5 * h, -0.5 * h), (5.5, -0.01, -0.3)] where r >= 0.25 * h {
                let w = green.wavePart(r: r, z: z, zeta: zeta)
                let r0 = (r * r + (z - zeta) * (z - zeta)).squareRoot(), r1 = (r * r + (z + zeta) * (z + zeta)).squareRoot()
                let g = w.g + ComplexDouble(1 / r0 + 1 / r1, 0)
                let john = Self.johnSeries(nu: nu, h: h, r: r, z: z, zeta: zeta)
                #expect((g - john).length < 1e-5 * max(john.length, 1 / r0), "ν \(nu) h \(h) R \(r) z \(z) ζ \(zeta): \(g) vs John \(john)")
                // derivatives against central differences of the series
                let e = 1e-4
                let dR = (Self.johnSeries(nu: nu, h: h, r: r + e, z: z, zeta: zeta) - Self.johnSeries(nu: nu, h: h, r: r - e, z: z, zeta: zeta)) / ComplexDouble(2 * e, 0)
                let dZ = (Self.johnSeries(nu: nu, h: h, r: r, z: z, zeta: zeta + e) - Self.johnSeries(nu: nu, h: h, r: r, z: z, zeta: zeta - e)) / ComplexDouble(2 * e, 0)
                let dR0 = -r / (r0 * r0 * r0) - r / (r1 * r1 * r1), dZ0 = (z - zeta) / (r0 * r0 * r0) - (z + zeta) / (r1 * r1 * r1)
                let gr = w.dR + ComplexDouble(dR0, 0), gz = w.dZeta + ComplexDouble(dZ0, 0)
                #expect((gr - dR).length < 1e-4 * max(dR.length, 1 / (r0 * r0)), "∂G/∂R ν \(nu) h \(h) R \(r): \(gr) vs \(dR)")
                #expect((gz - dZ).length < 1e-4 * max(dZ.length, 1 / (r0 * r0)), "∂G/∂ζ ν \(nu) h \(h) R \(r): \(gz) vs \(dZ)")
            }
        }
    }

    @Test("h → ∞ (νh = 1000): the finite-depth wave part equals the deep-water one within 1e-6")
    func deepLimit() {
        let nu = 1.0, h = 1000.0
        let green = FiniteDepthGreenFunction(nu: nu, depth: h, maxHorizontalDistance: 5, zRange: (-2, -0.01))
        let deep = DeepWaterHalfKernel(nu: nu)
        for (r, z, zeta) in [(0.0, -0.1, -0.3), (0.5, -0.02, -0.05), (2.0, -1.0, -1.5), (4.5, -0.3, -1.9)] {
            let f = green.wavePart(r: r, z: z, zeta: zeta)
            let d = deep.terms(rh: r, zField: z, zSource: zeta, pf: exp(nu * z), ps: exp(nu * zeta))
            #expect((f.g - d.g).length < 1e-6, "G R \(r): \(f.g) vs \(d.g)")
            #expect((f.dR - d.dR).length < 1e-6, "G_R R \(r): \(f.dR) vs \(d.dR)")
            #expect((f.dZeta - d.dZeta).length < 1e-6, "G_ζ R \(r): \(f.dZeta) vs \(d.dZeta)")
        }
    }
}
