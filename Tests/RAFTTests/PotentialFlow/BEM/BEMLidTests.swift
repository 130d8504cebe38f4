import Foundation
import Testing
import LAPACK
@testable import RAFT

/// Irregular-frequency removal by the interior waterplane lid (`WaterplaneLid`, `BEMLidSystem`) on a truncated
/// vertical cylinder, radius a = 1 m, draft T = 1 m. Its irregular frequencies are the eigenvalues of the interior
/// problem W = 0 on the hull, ∂W/∂z = νW on the waterplane: W = J_m(kr) cos mθ sinh k(z + T) with J_m(ka) = 0 and
/// ν = k coth(kT): first axisymmetric (heave) one at ka = j₀,₁, ν = 2.4445 m⁻¹, ω = 4.896 rad/s; first m = 1
/// (surge/pitch) one at ka = j₁,₁, ν = 3.8353 m⁻¹, ω = 6.133 rad/s.
///
/// Reference: Capytaine 3.0 (independent code, source formulation with its own lid), 5,000 hull + 578 lid panels,
/// deep water, g = 9.80665, nondimensional as WAMIT files (Ā = A/ρ, B̄ = B/(ρω), |X̄| = |X|/(ρg), heading 0).
@Suite("BEM irregular-frequency lid")
struct BEMLidTests {
    static let g = 9.80665
    static let j01 = 2.404825557695773, j11 = 3.831705970207512

    /// ω of the first irregular frequency of azimuthal order with Bessel zero `j` (a = T = 1 m, deep water).
    static func irregularOmega(_ j: Double, a: Double = 1, draft t: Double = 1) -> Double {
        let k = j / a, nu = k / tanh(k * t)
        return (nu * g).squareRoot()
    }

    /// Capytaine, ω → (Ā11, Ā33, B̄11, B̄33, |X̄1|, |X̄3|).
    static let capytaine: [Double: (a11: Double, a33: Double, b11: Double, b33: Double, x1: Double, x3: Double)] = [
        2.0: (2.42146, 1.82538, 0.32769, 0.46672, 1.78608, 1.51641),
        4.896: (0.44049, 1.76190, 0.86977, 0.00550, 1.19056, 0.06842),
        6.133: (0.47880, 1.79836, 0.40953, 0.00024, 0.65215, 0.01109),
    ]

    static func cylinder(level: Int) -> [PanelGeometry] {
        AnalyticHulls.truncatedCylinder(radius: 1, draft: 1, nZ: 4 * level, nR: 3 * level, nAz: 16 * level)
    }

    @Test("∫ ln r dS over flat panels equals 2-D adaptive quadrature (1e-9), point inside, on an edge's line and outside")
    func logIntegral() {
        let quad = [Vec3(0, 0, 0), Vec3(1.2, 0.1, 0), Vec3(1.0, 0.9, 0), Vec3(-0.1, 0.7, 0)]
        let tri = [Vec3(0, 0, 0), Vec3(1, 0, 0), Vec3(0.3, 0.8, 0)]
        // brute force: ∫ over the polygon in polar coordinates about P (every polygon here is star-shaped about P
        // when P is inside; outside points use the fan of signed triangles as the formula does, checked here
        // against a plain Gauss grid over the bounding box with the indicator — too slow; so only inside points
        // and a far point, where the integrand is smooth, are compared)
        func polar(_ p: Vec3, _ v: [Vec3]) -> Double {
            var sum = 0.0
            for k in 0..<v.count {
                let a = v[k] - p, b = v[(k + 1) % v.count] - p
                let ta = atan2(a.y, a.x)
                var dt = atan2(b.y, b.x) - ta
                if dt > .pi { dt -= 2 * .pi } else if dt < -.pi { dt += 2 * .pi }
                sum += AdaptiveQuadrature.integrate(0, 1, tol: 1e-13) { s in
                    let th = ta + s * dt
                    let dx = cos(th), dy = sin(th)
                    // distance to the edge line along direction θ
                    let e = b - a
                    let den = dx * e.y - dy * e.x
                    let rho = (a.x * e.y - a.y * e.x) / den
                    return rho * rho / 2 * (log(rho) - 0.5) * dt
                }
            }
            return sum
        }
        for (v, p) in [(quad, Vec3(0.5, 0.4, 0)), (quad, Vec3(1.1, 0.2, 0)), (tri, Vec3(0.4, 0.3, 0)), (tri, Vec3(0.3, 0.05, 0))] {
            let exact = BEMLidSystem.logIntegral(at: p, vertices: v), brute = polar(p, v)
            #expect(abs(exact - brute) < 1e-9, "\(p): \(exact) vs \(brute)")
        }
        // far away: ∫ ln r ≈ A ln|P − c| (smooth integrand; second-order term ≈ 1e-5 here)
        let far = Vec3(60, 40, 0), g = PanelGeometry(vertices: quad)
        #expect(abs(BEMLidSystem.logIntegral(at: far, vertices: quad) - g.area * log(norm(far - g.centroid))) < 1e-4)
        // orientation independent
        #expect(abs(BEMLidSystem.logIntegral(at: Vec3(0.5, 0.4, 0), vertices: quad.reversed())
                    - BEMLidSystem.logIntegral(at: Vec3(0.5, 0.4, 0), vertices: quad)) < 1e-13)
    }

    @Test("lid of the truncated cylinder: covers the waterline polygon (area 1e-12), normals +z, xz-symmetric")
    func lidMesh() throws {
        let hull = Self.cylinder(level: 1)
        let lid = try WaterplaneLid.panels(closing: hull)
        let polygon = 0.5 * 16 * sin(2 * Double.pi / 16)   // inscribed 16-gon, a = 1
        #expect(abs(lid.reduce(0) { $0 + $1.area } - polygon) < 1e-12)
        #expect(lid.allSatisfy { abs($0.normal.z - 1) < 1e-12 && abs($0.centroid.z) < 1e-15 })
        #expect(BEMSolver.xzMirror(lid).0 != nil)
        // waterplane area from the hull: −∫ n_z dS over the wetted surface
        let awp = -hull.reduce(0) { $0 + $1.normal.z * $1.area }
        #expect(abs(awp - polygon) < 1e-12)
    }

    @Test("lid of the VolturnUS-S columns: four loops, area = the mesh's waterplane area (1e-9), xz-symmetric",
          .enabled(if: Reference.isAvailable))
    func volturnLidMesh() throws {
        let columns = try PanelMeshTests.volturnMesh().geometry
        let volturnLid = try WaterplaneLid.panels(closing: columns)
        let loops = try WaterplaneLid.waterlineLoops(columns)
        #expect(loops.count == 4)
        let awpColumns = -columns.reduce(0) { $0 + $1.normal.z * $1.area }
        #expect(abs(volturnLid.reduce(0) { $0 + $1.area } - awpColumns) < 1e-9 * awpColumns)
        #expect(BEMSolver.xzMirror(volturnLid).0 != nil)
        print("VolturnUS-S: \(columns.count) hull panels, \(volturnLid.count) lid panels, A_wp \(awpColumns) m²")
    }

    @Test("112-panel cylinder: lid solve xz-symmetric = full (1e-9); at ω ≤ 2 rad/s the lid changes A, B, |X| by < 1 % of peak; at the heave irregular frequency it removes the spike")
    func smallCylinder() throws {
        let hull = Self.cylinder(level: 1)
        let lid = try WaterplaneLid.panels(closing: hull)
        let wIrr = Self.irregularOmega(Self.j01)
        #expect(abs(wIrr - 4.896) < 1e-3)
        let omegas = [0.5, 1.0, 1.5, 2.0, wIrr]
        let plain = try BEMSolver(panels: hull, gravity: Self.g).solve(omega: omegas, headingsDeg: [0, 30])
        let sym = try BEMSolver(panels: hull, gravity: Self.g, lid: lid).solve(omega: omegas, headingsDeg: [0, 30])
        let full = try BEMSolver(panels: hull, gravity: Self.g, useSymmetry: false, lid: lid).solve(omega: omegas, headingsDeg: [0, 30])
        for k in omegas.indices {
            for e in 0..<36 {
                #expect(abs(sym.addedMass[k][e] - full.addedMass[k][e]) < 1e-9 && abs(sym.damping[k][e] - full.damping[k][e]) < 1e-9)
            }
            for h in 0..<2 { for m in 0..<6 { #expect((sym.excitation[k][h][m] - full.excitation[k][h][m]).length < 1e-9) } }
        }
        // zero- and infinite-frequency limits are solved without the lid: identical
        #expect(sym.addedMassZero == plain.addedMassZero && sym.addedMassInfinite == plain.addedMassInfinite)
        // away from the irregular frequencies (ν a ≤ 0.41): lid ≈ no lid
        for (i, name) in [(0, "11"), (14, "33"), (28, "55"), (4, "15")] {
            let peakA = omegas.indices.dropLast().map { abs(plain.addedMass[$0][i]) }.max()!
            let peakB = omegas.indices.dropLast().map { abs(plain.damping[$0][i]) }.max()!
            for k in omegas.indices.dropLast() {
                #expect(abs(sym.addedMass[k][i] - plain.addedMass[k][i]) < 0.01 * peakA, "A\(name) ω \(omegas[k])")
                #expect(abs(sym.damping[k][i] - plain.damping[k][i]) < 0.01 * peakB, "B\(name) ω \(omegas[k])")
            }
        }
        for m in [0, 2, 4] {
            let peak = omegas.indices.dropLast().map { plain.excitation[$0][0][m].length }.max()!
            for k in omegas.indices.dropLast() {
                #expect(abs(sym.excitation[k][0][m].length - plain.excitation[k][0][m].length) < 0.01 * peak, "|X\(m + 1)| ω \(omegas[k])")
            }
        }
        // at the heave irregular frequency: |X̄3| against Capytaine (converged, lid) within 15 % of the local value on
        // this coarse mesh (measured 11 %); without the lid it is off by more than 100 % (the spike, measured 147 %)
        let ref = Self.capytaine[4.896]!, k = omegas.count - 1
        let x3Lid = sym.excitation[k][0][2].length, x3Plain = plain.excitation[k][0][2].length
        print(String(format: "ω %.4f: |X3| lid %.5f, no lid %.5f, Capytaine %.5f; B33 lid %.5f, no lid %.5f, Capytaine %.5f",
                     wIrr, x3Lid, x3Plain, ref.x3, sym.damping[k][14], plain.damping[k][14], ref.b33))
        #expect(abs(x3Lid - ref.x3) < 0.15 * ref.x3)
        #expect(abs(x3Plain - ref.x3) > 1.0 * ref.x3)
        // B̄33 is 1 % of its peak there; the coarse mesh gets it within 25 % (measured 20 %; without the lid 35 %)
        #expect(abs(sym.damping[k][14] - ref.b33) < 0.25 * ref.b33)
    }

    @Test("448-panel cylinder at both irregular frequencies and across them: lid against Capytaine within 2 % of each quantity's peak (measured 1.64 %; no lid: up to 11.5 %); smooth; Haskind within 1 %",
          .enabled(if: HeavyTests.enabled))
    func irregularFrequencies() throws {
        let hull = Self.cylinder(level: 2)
        let lid = try WaterplaneLid.panels(closing: hull)
        let w0 = Self.irregularOmega(Self.j01), w1 = Self.irregularOmega(Self.j11)
        #expect(abs(w1 - 6.133) < 1e-3)
        let omegas = [2.0, w0, w1]
        let solverLid = BEMSolver(panels: hull, gravity: Self.g, lid: lid)
        let withLid = try solverLid.solve(omega: omegas, headingsDeg: [0])
        let plain = try BEMSolver(panels: hull, gravity: Self.g).solve(omega: omegas, headingsDeg: [0])
        // peaks over frequency of each quantity (Capytaine: A11 at ω → 0 ≈ 2.5, B11 1.76 at ω ≈ 3.3, |X1| 2.36, A33 1.85,
        // B33 0.47, |X3| π): taken from the 2 rad/s column and these constants
        let peaks = (a11: 2.5, a33: 1.85, b11: 1.76, b33: 0.47, x1: 2.36, x3: Double.pi)
        for (k, w) in omegas.enumerated() {
            let ref = Self.capytaine[[2.0, 4.896, 6.133][k]]!
            func errs(_ r: BEMCoefficients) -> [Double] {
                [abs(r.addedMass[k][0] - ref.a11) / peaks.a11, abs(r.addedMass[k][14] - ref.a33) / peaks.a33,
                 abs(r.damping[k][0] - ref.b11) / peaks.b11, abs(r.damping[k][14] - ref.b33) / peaks.b33,
                 abs(r.excitation[k][0][0].length - ref.x1) / peaks.x1, abs(r.excitation[k][0][2].length - ref.x3) / peaks.x3]
            }
            let e = errs(withLid), p = errs(plain)
            print(String(format: "ω %.3f  lid error of peak: A11 %.2f%% A33 %.2f%% B11 %.2f%% B33 %.2f%% X1 %.2f%% X3 %.2f%%   no lid: %.2f%% %.2f%% %.2f%% %.2f%% %.2f%% %.2f%%",
                         w, e[0] * 100, e[1] * 100, e[2] * 100, e[3] * 100, e[4] * 100, e[5] * 100,
                         p[0] * 100, p[1] * 100, p[2] * 100, p[3] * 100, p[4] * 100, p[5] * 100))
            for q in 0..<6 { #expect(e[q] < 0.02, "ω \(w) quantity \(q): \(e[q])") }
            if k == 2 { #expect(p[0] > 0.05 && p[2] > 0.05, "the surge spike without the lid: \(p)") }
        }
        // Haskind with the lid's radiation potentials at the surge irregular frequency, heading 0
        let w = w1, nu = w * w / Self.g
        let phi = try solverLid.potentials(omega: w)
        for m in [0, 2, 4] {
            var acc = ComplexDouble.zero
            for (p, pg) in hull.enumerated() {
                let c = pg.centroid
                let phiI = ComplexDouble(-Self.g / w * exp(nu * c.z) * sin(-nu * c.x), Self.g / w * exp(nu * c.z) * cos(-nu * c.x))
                let dphi = phiI * ComplexDouble(nu * pg.normal.z, -nu * pg.normal.x)
                acc = acc + (phiI * ComplexDouble(pg.generalizedNormal(m), 0) - phi[m][p] * dphi) * ComplexDouble(pg.area, 0)
            }
            let haskind = ComplexDouble(0, w / Self.g) * acc, direct = withLid.excitation[2][0][m]
            let peak = [peaks.x1, peaks.x3, 0.8][m / 2]
            #expect((haskind - direct).length < 0.01 * peak, "mode \(m + 1): Haskind \(haskind) vs \(direct)")
        }
        // smooth across the heave irregular frequency: second differences of |X̄3| on a 0.05 rad/s grid
        let grid = stride(from: w0 - 0.2, through: w0 + 0.2001, by: 0.05).map { $0 }
        let scan = try solverLid.solve(omega: grid, headingsDeg: [0]).excitation.map { $0[0][2].length }
        let scanPlain = try BEMSolver(panels: hull, gravity: Self.g).solve(omega: grid, headingsDeg: [0]).excitation.map { $0[0][2].length }
        func roughness(_ v: [Double]) -> Double {
            var worst = 0.0
            for i in 1..<(v.count - 1) { worst = max(worst, abs(v[i + 1] - 2 * v[i] + v[i - 1])) }
            return worst
        }
        print("|X3| second differences: lid \(roughness(scan)), no lid \(roughness(scanPlain))")
        #expect(roughness(scan) < 0.002 && roughness(scanPlain) > 10 * roughness(scan))
    }

    /// The VolturnUS-S columns (outer a = 6.25 m, centre a = 5 m, draft 20 m) have irregular frequencies inside RAFT's
    /// BEM range: axisymmetric ones at ω ≈ 1.94 and 2.17 rad/s (ν = j₀,₁/a), so pyHAMS's Buoy.1/.3 (no lid) carry them.
    /// Measured: below 1.1 rad/s within 0.4 % of peak; above, surge/pitch entries move by up to 3.8 % (A11), 5.7 % (B11),
    /// 5.6 % (|X1|) of peak, heave by < 0.15 %. Capytaine 3.0 (direct method) on the same mesh, lid − no lid, |X̄1|:
    /// 348.73 → 348.32 at 1.0053 rad/s, 396.96 → 398.36 at 1.5080, 54.80 → 71.37 at 1.8850 (ours: 0.10 %, 3.7 %, 4.6 %
    /// of peak): the change next to the irregular frequency agrees, the one at 1.5 rad/s does not (open question).
    @Test("VolturnUS-S with the lid: below ω = 1.1 rad/s within 1 % of each entry's peak of the no-lid solve; prints the changes above",
          .enabled(if: Reference.isAvailable && HeavyTests.enabled))
    func volturn() throws {
        let mesh = try PanelMeshTests.volturnMesh()
        let lid = try WaterplaneLid.panels(closing: mesh.geometry)
        let omegas = (1...20).map { Double($0) * 2 * Double.pi * 0.02 }
        let start = Date()
        let r = try BEMSolver(panels: mesh.geometry, lid: lid).solve(omega: omegas, headingsDeg: [0])
        print("VolturnUS-S with lid: \(mesh.panels.count) + \(lid.count) panels, \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        let p = try BEMSolver(panels: mesh.geometry).solve(omega: omegas, headingsDeg: [0])
        let low = omegas.indices.filter { omegas[$0] < 1.1 }
        for (i, name) in [(0, "A11"), (14, "A33"), (28, "A55"), (4, "A15")] {
            let peakA = omegas.indices.map { abs(p.addedMass[$0][i]) }.max()!, peakB = omegas.indices.map { abs(p.damping[$0][i]) }.max()!
            let dA = omegas.indices.map { abs(r.addedMass[$0][i] - p.addedMass[$0][i]) / peakA }
            let dB = omegas.indices.map { abs(r.damping[$0][i] - p.damping[$0][i]) / peakB }
            let cells: [String] = omegas.indices.map { (k: Int) -> String in String(format: "%.2f:%.2f/%.2f", omegas[k], 100 * dA[k], 100 * dB[k]) }
            print(name + " lid − no lid, % of peak (A/B): " + cells.joined(separator: " "))
            for k in low { #expect(dA[k] < 0.01 && dB[k] < 0.01, "\(name) ω \(omegas[k])") }
        }
        for m in [0, 2, 4] {
            let peak = omegas.indices.map { p.excitation[$0][0][m].length }.max()!
            let d = omegas.indices.map { abs(r.excitation[$0][0][m].length - p.excitation[$0][0][m].length) / peak }
            let cells: [String] = omegas.indices.map { (k: Int) -> String in String(format: "%.2f:%.2f", omegas[k], 100 * d[k]) }
            print("|X\(m + 1)| lid − no lid, % of peak: " + cells.joined(separator: " "))
            for k in low { #expect(d[k] < 0.01, "|X\(m + 1)| ω \(omegas[k])") }
        }
    }
}
