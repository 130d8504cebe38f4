import Foundation
import Testing
import LAPACK
@testable import RAFT

/// Whether heavy numerics run: release builds only (`swift test -c release --filter BEM`).
enum HeavyTests {
    #if DEBUG
    static let enabled = false
    #else
    static let enabled = true
    #endif
}

/// Floating hemisphere (radius a, centre at the origin) against Hulme (1982).
@Suite("BEM floating hemisphere")
struct HemisphereTests {
    /// Quadrilateral mesh of the wetted hemisphere: `nPolar` rings from the waterline to the pole, `nAz` around.
    static func hemisphere(radius a: Double, nPolar: Int, nAz: Int) -> [PanelGeometry] {
        AnalyticHulls.hemisphere(radius: a, nPolar: nPolar, nAz: nAz)
    }

    /// Hulme (1982) Table 2, surge: ka → (μ₁₁, λ₁₁) = (A₁₁, B₁₁/ω) / (ρ·⅔πa³).
    static let hulmeSurge: [(ka: Double, mu: Double, lambda: Double?)] = [
        (0.1, 0.5223, 0.0010), (0.2, 0.5515, 0.0082), (0.4, 0.6175, 0.0557), (0.6, 0.6586, 0.1516),
        (0.8, 0.6421, 0.2653), (1.0, 0.5740, 0.3535), (1.2, 0.4860, 0.3978), (1.4, 0.4038, 0.4060),
        (1.6, 0.3371, nil), (2.0, 0.2493, nil), (2.5, 0.1961, nil), (3.0, 0.1720, nil),
    ]

    @Test("surge added mass and damping vs Hulme (1982) within 2 % of the peak; A, B symmetric; limits",
          .enabled(if: HeavyTests.enabled))
    func surgeHulme() throws {
        let a = 1.0, g = 9.80665
        let panels = Self.hemisphere(radius: a, nPolar: 16, nAz: 64)
        let solver = BEMSolver(panels: panels, gravity: g)
        let omegas = Self.hulmeSurge.map { ($0.ka * g / a).squareRoot() }
        let r = try solver.solve(omega: omegas, headingsDeg: [0])
        let vol = 2.0 / 3.0 * Double.pi * a * a * a
        var worstA = 0.0, worstB = 0.0
        for (k, h) in Self.hulmeSurge.enumerated() {
            let mu = r.addedMass[k][0] / vol, lam = r.damping[k][0] / vol
            worstA = max(worstA, abs(mu - h.mu) / 0.6682)
            if let l = h.lambda { worstB = max(worstB, abs(lam - l) / 0.4060) }
            print(String(format: "hemisphere surge ka %.2f  mu %.4f (Hulme %.4f)  lambda %.4f (Hulme %@)", h.ka, mu, h.mu, lam, h.lambda.map { String($0) } ?? "-"))
        }
        #expect(worstA < 0.02, "surge added mass worst error \(worstA) of peak")
        #expect(worstB < 0.02, "surge damping worst error \(worstB) of peak")
        // infinite-frequency surge limit 0.2732 (Hulme); symmetry of A and B
        #expect(abs(r.addedMassInfinite[0] / vol - 0.2732) < 0.01, "μ11(∞) = \(r.addedMassInfinite[0] / vol)")
        #expect(abs(r.addedMassInfinite[14] / vol - 0.5) < 0.01, "μ33(∞) = \(r.addedMassInfinite[14] / vol)")
        for k in 0..<omegas.count {
            for i in 0..<6 { for j in 0..<i {
                #expect(abs(r.addedMass[k][6 * i + j] - r.addedMass[k][6 * j + i]) < 0.01 * vol)
                #expect(abs(r.damping[k][6 * i + j] - r.damping[k][6 * j + i]) < 0.01 * vol)
            }}
        }
    }
}

@Suite("BEM symmetry and reciprocity (small mesh)")
struct BEMSmallMeshTests {
    @Test("xz-symmetric solve equals the full solve (1e-9); Haskind excitation equals the diffraction excitation within 1 % of peak")
    func symmetryAndHaskind() throws {
        let panels = HemisphereTests.hemisphere(radius: 1, nPolar: 8, nAz: 24)
        let omegas = [0.8, 1.6, 2.4]
        let full = BEMSolver(panels: panels, useSymmetry: false)
        let half = BEMSolver(panels: panels, useSymmetry: true)
        #expect(half.mirror != nil)
        let a = try full.solve(omega: omegas, headingsDeg: [0, 30])
        let b = try half.solve(omega: omegas, headingsDeg: [0, 30])
        for k in omegas.indices {
            for e in 0..<36 {
                #expect(abs(a.addedMass[k][e] - b.addedMass[k][e]) < 1e-9 && abs(a.damping[k][e] - b.damping[k][e]) < 1e-9)
            }
            for h in 0..<2 { for m in 0..<6 { #expect((a.excitation[k][h][m] - b.excitation[k][h][m]).length < 1e-9) } }
        }
        // Haskind: X̄ₖ = (iω/g) ∫ (φ_I nₖ − φₖ ∂φ_I/∂n) dS with the radiation potentials φₖ
        let g = 9.80665
        for (k, w) in omegas.enumerated() {
            let nu = w * w / g
            let r = try full.potentials(omega: w)
            for m in [0, 2, 4] {
                var acc = ComplexDouble.zero
                for (p, pg) in panels.enumerated() {
                    let c = pg.centroid
                    let phiI = ComplexDouble(-g / w * exp(nu * c.z) * sin(-nu * c.x), g / w * exp(nu * c.z) * cos(-nu * c.x))
                    // ∂φ_I/∂n = φ_I · (−iν n_x + ν n_z)
                    let dphi = phiI * ComplexDouble(nu * pg.normal.z, -nu * pg.normal.x)
                    let term = phiI * ComplexDouble(pg.generalizedNormal(m), 0) - r[m][p] * dphi
                    acc = acc + term * ComplexDouble(pg.area, 0)
                }
                let haskind = ComplexDouble(0, w / g) * acc
                let direct = a.excitation[k][0][m]
                let scale = omegas.indices.map { a.excitation[$0][0][m].length }.max()!
                #expect((haskind - direct).length < 0.01 * scale, "mode \(m) ω \(w): Haskind \(haskind) vs \(direct)")
            }
        }
    }
}
