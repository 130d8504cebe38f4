import Foundation
import Testing
@testable import RAFT

/// The shared (array-level) mooring of designs-e2e VolturnUS-S_farm_testdata (spec 04 §1.3, §9.1).
@Suite("Array mooring (shared lines, free points, lines2ss)")
struct MooringArrayTests {
    static func load() throws -> (Design, [String: Any], [[Double]]) {
        let ref = try Reference.json("designs-e2e/VolturnUS-S_farm_testdata.json") as! [String: Any]
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/VolturnUS-S_farm_testdata.yaml").path)
        let ci = (ref["case_internals"] as! [Any])[0] as! [String: Any]
        let r6s = try (ci["fowt"] as! [Any]).map { try ReferenceArray(($0 as! [String: Any])["r6"]).re }
        return (design, ref, r6s)
    }

    static func arrayMetrics(_ ref: [String: Any]) -> [String: Any] {
        ((ref["case_metrics"] as! [String: Any])["0"] as! [String: Any])["array_mooring"] as! [String: Any]
    }

    @Test("system layout: two coupled FOWT bodies, two free 100 t points, depth from the file's options", .needsReference)
    func layout() throws {
        let (design, _, _) = try Self.load()
        let ms = try #require(try MooringSystem(arrayOf: design))
        #expect(ms.depth == 600 && ms.bodies.count == 2 && ms.lines.count == 7)
        #expect(ms.dofCount(.free) == 6 && ms.dofCount(.coupled) == 12)
        #expect(ms.bodies[1].r6 == [1600, 0, 0, 0, 0, 0])
        // Turbine points are relative to the bodies and not rotated by heading_adjust (spec 04 pitfall 14).
        #expect(ms.points[0].position == Vec3(58, 0, -14))
    }

    @Test("case 0 mean poses: free-point equilibrium, then lines2ss ordering, Tmoor_avg and Tmoor_std (J·Xi)", .needsReference)
    func tensions() throws {
        let (design, ref, r6s) = try Self.load()
        var ms = try #require(try MooringSystem(arrayOf: design))
        try ms.setPoses(r6s)
        let tRef = try ReferenceArray(Self.arrayMetrics(ref)["Tmoor_avg"]).re
        // Before conversion: 7 lines; the anchor lines 4–7 do not depend on the shared chain (agreement at the
        // line tolerance 5e-4 m of setPoses); the shared chain ends at the free-point tolerance 0.05 m.
        let t7 = ms.tensions()
        expectAllClose([t7[3], t7[4], t7[5], t7[6], t7[10], t7[11], t7[12], t7[13]],
                       [tRef[0], tRef[1], tRef[2], tRef[3], tRef[5], tRef[6], tRef[7], tRef[8]], rtol: 5e-6, "anchor lines")
        expectAllClose([t7[0], t7[9]], [tRef[4], tRef[9]], rtol: 5e-5, "shared chain ends (free-point model)")
        let k12 = try ms.coupledStiffness()
        let scaleBefore = MoorPyFarmStiffness.beforeLines2ss.map(abs).max()!
        expectAllClose(k12, MoorPyFarmStiffness.beforeLines2ss, rtol: 0, atol: 1e-8 * scaleBefore, "12x12 K before lines2ss vs MoorPy")

        try ms.convertCompositeLines()
        #expect(ms.lines.count == 5 && ms.points.count == 10 && ms.dofCount(.free) == 0)
        #expect(ms.lines[4].subsystem?.lines.count == 3)
        let kAfter = try ms.coupledStiffness()
        let scaleAfter = MoorPyFarmStiffness.afterLines2ss.map(abs).max()!
        expectAllClose(kAfter, MoorPyFarmStiffness.afterLines2ss, rtol: 0, atol: 1e-6 * scaleAfter, "12x12 K after lines2ss vs MoorPy")
        let (t, j) = try ms.tensionsAndJacobian()
        expectAllClose(t, tRef, rtol: 1e-5, "array Tmoor_avg")
        let ci = (ref["case_internals"] as! [Any])[0] as! [String: Any]
        let xi = try ReferenceArray(ci["model_Xi"])
        let (nh, nd, nw) = (xi.shape[0], xi.shape[1], xi.shape[2])
        var std = [Double](repeating: 0, count: t.count)
        for r in 0..<t.count {
            var s = 0.0
            for h in 0..<nh { for w in 0..<nw {
                var re = 0.0, im = 0.0
                for d in 0..<nd { let idx = (h * nd + d) * nw + w; re += j[r * nd + d] * xi.re[idx]; im += j[r * nd + d] * xi.im![idx] }
                s += re * re + im * im
            } }
            std[r] = (0.5 * s).squareRoot()
        }
        expectAllClose(std, try ReferenceArray(Self.arrayMetrics(ref)["Tmoor_std"]).re, rtol: 1e-5, "array Tmoor_std")
    }
}

@Suite("Array mooring moorMod 1 (lumped-mass tension spectra)")
struct MooringArrayMoorMod1Tests {
    /// VolturnUS-S_farm-moorMod1 differs from VolturnUS-S_farm_testdata only by `moorMod: 1`, which changes
    /// only the tension statistics, so the farm's response `model_Xi` drives the line-end motions.
    @Test("Tmoor_PSD of every line end (single lines and the lines2ss composite) from line-end RAOs and the lumped-mass dynamic tension", .needsReference)
    func anchorLinePSD() throws {
        let (design, ref, r6s) = try MooringArrayTests.load()
        let expected = try Reference.json("raft-regression/json/VolturnUS-S_farm-moorMod1_true_analyzeCases.json") as! [String: Any]
        let am = (((expected["data"] as! [String: Any])["case_metrics"] as! [String: Any])["0"] as! [String: Any])["array_mooring"] as! [String: Any]
        let psdRef = try ReferenceArray(am["Tmoor_PSD"])
        let omegas = try ReferenceArray(ref["w_rad_s"]).re
        let ci = (ref["case_internals"] as! [Any])[0] as! [String: Any]
        let fowt0 = (ci["fowt"] as! [Any])[0] as! [String: Any]
        let s = try ReferenceArray(fowt0["S"]), xi = try ReferenceArray(ci["model_Xi"])
        let nw = omegas.count, nd = xi.shape[1], nWaves = xi.shape[0] - 1
        var ms = try #require(try MooringSystem(arrayOf: design))
        try ms.setPoses(r6s)
        try ms.convertCompositeLines()
        let nLines = ms.lines.count
        let rBody = r6s.map { Vec3($0[0], $0[1], $0[2]) }
        for il in 0 ..< nLines {
            var psdA = [Double](repeating: 0, count: nw), psdB = psdA
            for h in 0..<nWaves {
                let spectrum = Array(s.re[h * nw ..< (h + 1) * nw])
                let bodyXi: [[[Complex]]] = (0 ..< nd / 6).map { b in
                    (0..<6).map { d in (0..<nw).map { w in
                        let idx = (h * nd + 6 * b + d) * nw + w
                        return Complex(xi.re[idx], xi.im![idx])
                    } }
                }
                let (raoA, raoB) = ms.lineEndRAOs(il, omegas: omegas, spectrum: spectrum, xi: bodyXi, bodyReference: rBody)
                let model = try ms.lumpedMassLine(il)
                let sol = try model.dynamicTension(omegas: omegas, spectrum: spectrum, raoA: raoA, raoB: raoB)
                for w in 0..<nw {
                    psdA[w] += 0.5 * sol.tensionAmplitudes[w][0].lengthSquared / omegas[0]
                    psdB[w] += 0.5 * sol.tensionAmplitudes[w][model.count - 1].lengthSquared / omegas[0]
                }
            }
            expectAllClose(psdA, Array(psdRef.re[il * nw ..< (il + 1) * nw]), rtol: 1e-5, atol: 1e-3, "line \(il) end A PSD")
            expectAllClose(psdB, Array(psdRef.re[(il + nLines) * nw ..< (il + nLines + 1) * nw]), rtol: 1e-5, atol: 1e-3, "line \(il) end B PSD")
        }
    }
}

@Suite("Array mooring: composite-line tension Jacobian (lines2ss Subsystem in its 2-D local frame)")
struct MooringCompositeJacobianTests {
    /// RAFT `analyzeCases` array output (moorMod 0): `Tmoor_PSD = Σ_h 0.5·|J·Xi[h]|²/w[0]` with MoorPy's finite-difference
    /// `J` on the lines2ss-converted system; RAFT's own response `model_Xi` isolates `J` from the dynamics.
    @Test("J vs MoorPy, and Tmoor_PSD of every line end from J and RAFT's model_Xi (shared composite line included)", .needsReference)
    func psdFromJacobian() throws {
        let (design, ref, r6s) = try MooringArrayTests.load()
        var ms = try #require(try MooringSystem(arrayOf: design))
        try ms.setPoses(r6s)
        try ms.convertCompositeLines()
        let (t, j) = try ms.tensionsAndJacobian()
        // J entry by entry vs MoorPy (rows scaled by their largest entry: some entries are ~1e-4 of it).
        let nc = 12
        for r in 0..<t.count {
            let want = Array(MoorPyFarmJacobian.afterLines2ss[r * nc ..< (r + 1) * nc])
            let scale = want.map(abs).max() ?? 0
            expectAllClose(Array(j[r * nc ..< (r + 1) * nc]), want, rtol: 1e-5, atol: 1e-6 * scale, "J row \(r) vs MoorPy")
        }
        let ci = (ref["case_internals"] as! [Any])[0] as! [String: Any]
        let xi = try ReferenceArray(ci["model_Xi"])
        let omegas = try ReferenceArray(ref["w_rad_s"]).re
        let (nh, nd, nw) = (xi.shape[0], xi.shape[1], xi.shape[2])
        let psdRef = try ReferenceArray(MooringArrayTests.arrayMetrics(ref)["Tmoor_PSD"])
        for r in 0..<t.count {
            var psd = [Double](repeating: 0, count: nw)
            for h in 0..<nh { for w in 0..<nw {
                var re = 0.0, im = 0.0
                for d in 0..<nd { let idx = (h * nd + d) * nw + w; re += j[r * nd + d] * xi.re[idx]; im += j[r * nd + d] * xi.im![idx] }
                psd[w] += 0.5 * (re * re + im * im) / omegas[0]
            } }
            expectAllClose(psd, Array(psdRef.re[r * nw ..< (r + 1) * nw]), rtol: 1e-5, atol: 1e-3, "Tmoor\(r)_PSD from J·Xi")
        }
    }
}
