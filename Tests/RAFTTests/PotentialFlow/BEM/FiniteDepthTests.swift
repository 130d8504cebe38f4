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
    static func johnSeries(nu: Double, h: Double, r: Double, z: Double, zeta: Double, roots: [Double]? = nil) -> ComplexDouble {
        let k = roots ?? TruncatedCylinderReference(a: 1, draft: 0.5, depth: h, exteriorModes: 400, interiorModes: 1).waveNumbers(nu: nu)
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
            let roots = TruncatedCylinderReference(a: 1, draft: 0.5, depth: h, exteriorModes: 400, interiorModes: 1).waveNumbers(nu: nu)
            func john(_ r: Double, _ z: Double, _ zeta: Double) -> ComplexDouble { Self.johnSeries(nu: nu, h: h, r: r, z: z, zeta: zeta, roots: roots) }
            for (r, z, zeta) in [(1.5, -0.2, -0.4), (2.5, -0.05 * h, -0.8 * h), (4.0, -0.5 * h, -0.5 * h), (5.5, -0.01, -0.3)] where r >= 0.25 * h {
                let w = green.wavePart(r: r, z: z, zeta: zeta)
                let r0 = (r * r + (z - zeta) * (z - zeta)).squareRoot(), r1 = (r * r + (z + zeta) * (z + zeta)).squareRoot()
                let g = w.g + ComplexDouble(1 / r0 + 1 / r1, 0)
                let series = john(r, z, zeta)
                #expect((g - series).length < 1e-5 * max(series.length, 1 / r0), "ν \(nu) h \(h) R \(r) z \(z) ζ \(zeta): \(g) vs John \(series)")
                // derivatives against central differences of the series
                let e = 1e-4
                let dR = (john(r + e, z, zeta) - john(r - e, z, zeta)) / ComplexDouble(2 * e, 0)
                let dZ = (john(r, z, zeta + e) - john(r, z, zeta - e)) / ComplexDouble(2 * e, 0)
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

/// `settings.bem_depth` and what it changes in the BEM problem.
@Suite("Input: settings.bem_depth")
struct BEMDepthSettingTests {
    static func settings(_ yaml: String) throws(InputError) -> Settings {
        let root = try YAMLNode.parse(yaml, file: "s.yaml")
        var diagnostics = Diagnostics()
        return try Settings(node: root["settings"], diagnostics: &diagnostics)
    }

    @Test("default deep (RAFT's pyHAMS runs); deep and finite parsed; anything else names the file, line and YAML path")
    func parse() throws {
        #expect(try Self.settings("settings: {min_freq: 0.01}\n").bemDepth == .deep)
        #expect(try Self.settings("settings: {bem_depth: deep}\n").bemDepth == .deep)
        #expect(try Self.settings("settings:\n  bem_depth: finite\n").bemDepth == .finite)
        do {
            _ = try Self.settings("settings:\n  bem_depth: shallow\n")
            Issue.record("an unknown depth model was accepted")
        } catch {
            let text = "\(error)"
            #expect(text.contains("s.yaml:2") && text.contains("settings.bem_depth") && text.contains("deep") && text.contains("finite"), "\(text)")
        }
    }

    @Test("VolturnUS-S_BEM: bem_depth finite gives the site depth to the BEM problem and a different cache key; deep keeps the deep key")
    func problemDepth() throws {
        let url = Reference.repoRoot.appendingPathComponent("examples/VolturnUS-S_BEM.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let base = url.deletingLastPathComponent().path
        let deep = try Design.parse(text, file: "d.yaml", baseDirectory: base)
        #expect(text.contains("settings:"), "fixture has a settings section")
        let finite = try Design.parse(text.replacingOccurrences(of: "settings:", with: "settings:\n  bem_depth: finite"),
                                      file: "f.yaml", baseDirectory: base)
        #expect(finite.settings.bemDepth == .finite)
        let pd = try Model(design: deep).bemRuns()[0].problem, pf = try Model(design: finite).bemRuns()[0].problem
        #expect(pd.waterDepth == nil)
        #expect(pf.waterDepth == finite.site.waterDepth && finite.site.waterDepth > 0)
        #expect(pd.cacheKey != pf.cacheKey)
        // the deep key is the one used before the depth option existed (depth word = +∞)
        #expect(pd.cacheKey.words[2] == Double.infinity.bitPattern)
        #expect(pf.cacheKey.words[2] == finite.site.waterDepth.bitPattern)
    }
}

/// Small finite-depth panel-method checks (debug-fast): symmetric = full solve, reciprocity, Haskind.
@Suite("BEM finite depth (small mesh)")
struct BEMFiniteDepthSmallTests {
    @Test("truncated cylinder a = 1, T = 1, h = 2 (216 graded panels): xz-symmetric solve equals the full solve (1e-9); A, B symmetric (1e-2 of the diagonal); Haskind excitation with the finite-depth incident wave equals the diffraction excitation within 2 % of peak (coarse faceted mesh with a sharp edge; the 2 % is its discretisation error)")
    func symmetryAndHaskind() throws {
        let panels = AnalyticHulls.truncatedCylinder(radius: 1, draft: 1, nZ: 6, nR: 3, nAz: 24, graded: true)
        let h = 2.0, g = 9.80665
        let omegas = [1.2, 2.6]
        let full = BEMSolver(panels: panels, useSymmetry: false, depth: h)
        let half = BEMSolver(panels: panels, useSymmetry: true, depth: h)
        #expect(half.mirror != nil)
        let a = try full.solve(omega: omegas, headingsDeg: [0, 30])
        let b = try half.solve(omega: omegas, headingsDeg: [0, 30])
        for k in omegas.indices {
            for e in 0..<36 {
                #expect(abs(a.addedMass[k][e] - b.addedMass[k][e]) < 1e-9 && abs(a.damping[k][e] - b.damping[k][e]) < 1e-9)
            }
            for hh in 0..<2 { for m in 0..<6 { #expect((a.excitation[k][hh][m] - b.excitation[k][hh][m]).length < 1e-9) } }
            for i in 0..<6 { for j in 0..<i {
                let scale = max(a.addedMass[k][7 * i], a.addedMass[k][7 * j], 1e-3)
                #expect(abs(a.addedMass[k][6 * i + j] - a.addedMass[k][6 * j + i]) < 1e-2 * scale, "A\(i)\(j) ω \(omegas[k])")
                #expect(abs(a.damping[k][6 * i + j] - a.damping[k][6 * j + i]) < 1e-2 * scale, "B\(i)\(j) ω \(omegas[k])")
            }}
        }
        for e in 0..<36 { #expect(abs(a.addedMassInfinite[e] - b.addedMassInfinite[e]) < 1e-9) }
        // Haskind: X̄ₖ = (iω/g) ∫ (φ_I nₖ − φₖ ∂φ_I/∂n) dS, φ_I = (ig/ω) cosh k₀(z+h)/cosh k₀h e^{−ik₀x}
        for (k, w) in omegas.enumerated() {
            let k0 = FiniteDepthGreenFunction.waveNumber(nu: w * w / g, depth: h)
            let r = try full.potentials(omega: w)
            for m in [0, 2, 4] {
                var acc = ComplexDouble.zero
                for (p, pg) in panels.enumerated() {
                    let c = pg.centroid
                    let f = cosh(k0 * (c.z + h)) / cosh(k0 * h), fz = k0 * sinh(k0 * (c.z + h)) / cosh(k0 * h)
                    let wave = ComplexDouble(cos(-k0 * c.x), sin(-k0 * c.x)) * ComplexDouble(0, g / w)
                    let phiI = wave * ComplexDouble(f, 0)
                    let dphi = wave * ComplexDouble(fz * pg.normal.z, -k0 * f * pg.normal.x)
                    acc = acc + (phiI * ComplexDouble(pg.generalizedNormal(m), 0) - r[m][p] * dphi) * ComplexDouble(pg.area, 0)
                }
                let haskind = ComplexDouble(0, w / g) * acc
                let direct = a.excitation[k][0][m]
                let scale = omegas.indices.map { a.excitation[$0][0][m].length }.max()!
                #expect((haskind - direct).length < 0.02 * scale, "mode \(m) ω \(w): Haskind \(haskind) vs \(direct)")
            }
        }
    }

    @Test("h = 1000 m under a 1 m hemisphere (192 panels): finite depth reproduces the deep-water solver (A, B, X within 1e-5 of each peak; A(∞) within 1e-6)")
    func deepLimit() throws {
        let panels = AnalyticHulls.hemisphere(radius: 1, nPolar: 8, nAz: 24)
        let omegas = [0.9, 2.0, 3.5]
        let deep = try BEMSolver(panels: panels).solve(omega: omegas, headingsDeg: [0, 45])
        let fin = try BEMSolver(panels: panels, depth: 1000).solve(omega: omegas, headingsDeg: [0, 45])
        var worst = 0.0
        for e in [0, 7, 14, 21, 28, 35, 4, 24] {
            let pa = omegas.indices.map { abs(deep.addedMass[$0][e]) }.max()!, pb = omegas.indices.map { abs(deep.damping[$0][e]) }.max()!
            for k in omegas.indices {
                worst = max(worst, abs(fin.addedMass[k][e] - deep.addedMass[k][e]) / pa)
                if pb > 1e-6 { worst = max(worst, abs(fin.damping[k][e] - deep.damping[k][e]) / pb) }
            }
            #expect(abs(fin.addedMassInfinite[e] - deep.addedMassInfinite[e]) < 1e-6 * max(pa, 1e-3), "A∞ entry \(e)")
        }
        for m in 0..<6 {
            let px = omegas.indices.map { deep.excitation[$0][0][m].length }.max()!
            guard px > 1e-6 else { continue }
            for k in omegas.indices { for hh in 0..<2 { worst = max(worst, (fin.excitation[k][hh][m] - deep.excitation[k][hh][m]).length / px) } }
        }
        print("finite depth h = 1000 vs deep water: worst difference \(worst) of the peak")
        #expect(worst < 1e-5, "worst \(worst)")
    }

    @Test("truncated-cylinder reference: A₁₅ = A₅₁ and B₁₅ = B₅₁ (1e-4 of the diagonal), modes converged (60/30 vs 120/60 within 1e-3 of the peak; 120/60 vs 240/120 measured 1e-4)")
    func referenceConsistency() {
        let coarse = TruncatedCylinderReference(a: 1, draft: 1, depth: 2, exteriorModes: 60, interiorModes: 30)
        let fine = TruncatedCylinderReference(a: 1, draft: 1, depth: 2, exteriorModes: 120, interiorModes: 60)
        for nu in [0.5, 1.5] {
            let c = coarse.coefficients(nu: nu), f = fine.coefficients(nu: nu)
            #expect(abs(c.a15 - c.a51) < 1e-4 * c.a11 && abs(c.b15 - c.b51) < 1e-4 * c.a11, "ν \(nu): \(c)")
            for (x, y, peak) in [(c.a33, f.a33, 1.87), (c.b33, f.b33, 0.62), (c.a11, f.a11, 2.4), (c.b11, f.b11, 1.55), (c.a55, f.a55, 0.54), (c.b55, f.b55, 0.144)] {
                #expect(abs(x - y) < 1e-3 * peak, "ν \(nu): \(x) vs \(y)")
            }
        }
    }
}
