import Foundation
import Testing
@testable import RAFT

/// WAMIT `.1`/`.3` reading and RAFT's `readHydro` processing vs RAFT 2.0.4 (spec 05 §3, §4).
@Suite("WAMIT coefficients (readHydro)")
struct WAMITCoefficientTests {
    /// `[6, 6, nw]` reference → per-frequency matrices.
    static func matrices(_ r: ReferenceArray) -> [Matrix6] {
        let nw = r.shape[2]
        return (0..<nw).map { k in Matrix6(rows: (0..<6).map { i in (0..<6).map { j in r.re[(i * 6 + j) * nw + k] } }) }
    }

    static func compare(_ ours: [Matrix6], _ ref: ReferenceArray, _ context: String) {
        let want = matrices(ref)
        #expect(ours.count == want.count, "\(context): \(ours.count) vs \(want.count) frequencies")
        expectAllClose(ours.flatMap(\.storage), want.flatMap(\.storage), rtol: 1e-5, atol: 1e-3, context)
    }

    @Test("OC4semi marin_semi.1 (no limit rows): A_BEM, B_BEM [6,6,40]", .needsReference)
    func oc4semiRadiation() throws {
        // The reference copy has no marin_semi.3, so the design is read without its WAMIT files (grid and ρ only).
        let design = try Design.load(path: Reference.url("reference/raft-regression/test_data/OC4semi-WAMIT_Coefs.yaml").path,
                                     readingHydroFiles: false)
        let grid = FrequencyGrid(settings: design.settings)
        let path = Reference.url("reference/raft-regression/test_data/OC4semi-WAMIT_Coefs/marin_semi.1").path
        let data = try WAMITRadiationData(text: String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(data.periods.count == 498 && data.omega.allSatisfy { $0 > 0 })
        let r = try RadiationCoefficients(data, omega: grid.omega, rho: design.site.rhoWater, file: path)
        let file = try Reference.json("raft-regression/json/OC4semi-WAMIT_Coefs_true_BEM_forces.json") as! [String: Any]
        let ref = file["data"] as! [String: Any]
        Self.compare(r.addedMass, try ReferenceArray(ref["A_BEM"]), "OC4semi A_BEM")
        Self.compare(r.damping, try ReferenceArray(ref["B_BEM"]), "OC4semi B_BEM")
    }

    @Test("OC4semi: the missing marin_semi.3 is an InputError at platform.hydroPath", .needsReference)
    func oc4semiMissingExcitation() throws {
        // The reference copy has no marin_semi.3, so the design is read without its WAMIT files (grid and ρ only).
        let design = try Design.load(path: Reference.url("reference/raft-regression/test_data/OC4semi-WAMIT_Coefs.yaml").path,
                                     readingHydroFiles: false)
        do {
            // RAFT reads hydroPath when the FOWT is built; here the design itself does not load (`raft check` finds it).
            _ = try Design.load(path: Reference.url("reference/raft-regression/test_data/OC4semi-WAMIT_Coefs.yaml").path)
            Issue.record("expected an error for the missing .3 file")
        } catch let e as InputError {
            #expect(e.path.description == "platform.hydroPath", "\(e)")
            #expect(e.message.contains("marin_semi.3") && e.message.contains("not found"), "\(e)")
        }
    }

    @Test("VolturnUS-S_WAMITcoefs (HAMS Buoy.1/.3 with limit rows): bem_after_cases A_BEM, B_BEM, X_BEM", .needsReference)
    func volturnCoefficients() throws {
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/VolturnUS-S_WAMITcoefs.yaml").path)
        let model = try Model(design: design)
        let pf = try #require(model.fowts[0].potentialFlow)
        #expect(pf.appliesExcitation)
        let ref = try Reference.json("designs-e2e/VolturnUS-S_WAMITcoefs.json") as! [String: Any]
        let bem = (ref["bem_after_cases"] as! [[String: Any]])[0]
        Self.compare(pf.coefficients.radiation.addedMass, try ReferenceArray(bem["A_BEM"]), "A_BEM")
        Self.compare(pf.coefficients.radiation.damping, try ReferenceArray(bem["B_BEM"]), "B_BEM")
        let x = try ReferenceArray(bem["X_BEM"])
        let ex = pf.coefficients.excitation
        #expect(ex.headingsDeg == (try ReferenceArray(bem["BEM_headings_deg"]).re))
        #expect(x.shape == [ex.coefficients.count, 6, model.grid.count])
        let ours = ex.coefficients.flatMap(\.values)  // [heading][dof][freq], as the reference
        let scale = x.re.map(abs).max() ?? 1
        expectAllClose(ours.map(\.real), x.re, rtol: 1e-5, atol: 1e-9 * scale, "X_BEM re")
        expectAllClose(ours.map(\.imaginary), x.im ?? [], rtol: 1e-5, atol: 1e-9 * scale, "X_BEM im")
        // Eigen analysis uses A_BEM at w0, not at ω = 0 (spec 05 §3: A11 7569831.54 at w0).
        #expect(abs(model.fowts[0].potentialFlowEigenAddedMass[0, 0] - 7569831.5375) < 1e-3)
    }
}

/// File-format rules and RAFT's conventions on small synthetic files.
@Suite("WAMIT files: formats and conventions")
struct WAMITFormatTests {
    /// A `.1` file with limit rows (PER −1 and 0, 4 columns) and two periods, diagonal entries only.
    static let radiation = """
      -1.0 1 1 100.0
      -1.0 3 3 300.0
       0.0 1 1 50.0
       0.0 3 3 150.0
      10.0 1 1 90.0 0.5  # comment
      10.0 3 3 280.0 1.5
       5.0 1 1 80.0 2.0
       5.0 3 3 260.0 3.0
      """

    @Test("periods: PER −1 is ω = 0 (kept at ω = 0), PER 0 is dropped, B → 0 at ω = 0, B = ω·ρ·B̄")
    func limits() throws {
        let d = try WAMITRadiationData(text: Self.radiation, file: "t.1")
        #expect(d.periods == [-1, 0, 5, 10])
        #expect(d.omega[0] == -1 && d.omega[1] == 0)
        #expect(d.damping[0][0, 0].isNaN)
        let w1 = 2 * Double.pi / 10, w2 = 2 * Double.pi / 5
        let grid = [w1 / 2, w1, (w1 + w2) / 2, w2]
        let r = try RadiationCoefficients(d, omega: grid, rho: 2, file: "t.1")
        // Halfway between ω = 0 (zero-frequency row, 100) and ω1 (90); damping halfway between 0 and 0.5.
        #expect(abs(r.addedMass[0][0, 0] - 2 * 95) < 1e-9)
        #expect(abs(r.damping[0][0, 0] - grid[0] * 2 * 0.25) < 1e-12)
        #expect(abs(r.addedMass[2][2, 2] - 2 * 270) < 1e-9)
        #expect(abs(r.damping[3][2, 2] - w2 * 2 * 3.0) < 1e-12)
        // No extrapolation above the highest tabulated frequency.
        #expect(throws: WAMITFileError.self) { try RadiationCoefficients(d, omega: [w2 * 1.01], rho: 2, file: "t.1") }
    }

    @Test("translateMatrix6to6DOF quirk: the lower-left block becomes the transpose of the upper-right one")
    func lowerLeftBlock() throws {
        let text = Self.radiation + "\n 10.0 5 1 7.0 0.0\n 5.0 5 1 7.0 0.0\n -1.0 5 1 7.0\n"
        let r = try RadiationCoefficients(WAMITRadiationData(text: text, file: "t.1"), omega: [1.0], rho: 1, file: "t.1")
        #expect(r.addedMass[0][4, 0] == 0)  // (5,1) replaced by (1,5)ᵀ = 0
    }

    @Test("malformed rows name the file and line")
    func malformed() {
        #expect(throws: WAMITFileError(file: "b.1", line: 2, message: "expected 5 columns (PER I J A [B]), found 4")) {
            try WAMITRadiationData(text: " 10 1 1 1 1\n 5 1 1 1\n", file: "b.1")
        }
        #expect(throws: WAMITFileError(file: "b.1", line: 1, message: "mode index 7.0 is not one of 1...6")) {
            try WAMITRadiationData(text: " 10 7 1 1 1\n", file: "b.1")
        }
        #expect(throws: WAMITFileError(file: "b.3", line: 1, message: "expected numbers, found 'x'")) {
            try WAMITExcitationData(text: " 10 0 x 1 1 1 1\n", file: "b.3")
        }
    }

    /// A `.3` file with the given headings; X̄ in the wave frame is (1 + i, 0, 2, 0, 3i, 0) at every heading, written in
    /// global axes (rotated by the heading) as an axisymmetric body would have it.
    static func excitation(headings: [Double]) -> String {
        var lines: [String] = []
        for per in [10.0, 5.0] {
            for h in headings {
                let c = cos(h * .pi / 180), s = sin(h * .pi / 180)
                // Global = wave frame rotated by the heading: (c, s)·(1 + i) and moments (−s, c)·3i.
                let modes: [(Double, Double)] = [(c, c), (s, s), (2, 0), (0, -3 * s), (0, 3 * c), (0, 0)]
                for (m, (re, im)) in modes.enumerated() { lines.append("\(per) \(h) \(m + 1) 0 0 \(re) \(im)") }
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test("headings: mod 360 and sorted with duplicates, periodic interpolation, rotation back with the global heading")
    func headings() throws {
        let w = [2 * Double.pi / 10]
        let one = try ExcitationCoefficients(WAMITExcitationData(text: Self.excitation(headings: [0]), file: "a.3"),
                                             omega: w, rho: 1, g: 1, file: "a.3")
        let many = try ExcitationCoefficients(WAMITExcitationData(text: Self.excitation(headings: [-180, -90, 0, 90, 180]), file: "m.3"),
                                              omega: w, rho: 1, g: 1, file: "m.3")
        #expect(many.headingsDeg == [0, 90, 180, 180, 270])
        // In the wave frame every heading has the same coefficients.
        for c in many.coefficients {
            #expect((c[0, 0] - Complex(1, 1)).length < 1e-12 && c[1, 0].length < 1e-12 && (c[4, 0] - Complex(0, 3)).length < 1e-12)
        }
        for beta in [0.0, 30, 135, 200, 300, 359] {
            let b = beta * 0.017453292519943295
            let a = one.waveExcitation(heading: b, headingAdjustDeg: 0, amplitude: [2], waveNumbers: [0.1], referenceX: 0, referenceY: 0)
            let m = many.waveExcitation(heading: b, headingAdjustDeg: 0, amplitude: [2], waveNumbers: [0.1], referenceX: 0, referenceY: 0)
            for d in 0..<6 { #expect((a[d, 0] - m[d, 0]).length < 1e-9, "β \(beta) dof \(d)") }
            // Surge/sway follow the wave direction: F = 2·(1 + i)·(cos β, sin β).
            #expect((a[0, 0] - Complex(2 * cos(b), 2 * cos(b))).length < 1e-12 && (a[1, 0] - Complex(2 * sin(b), 2 * sin(b))).length < 1e-12)
        }
        // Array position: phase exp(−i k (x cos β + y sin β)).
        let p = one.waveExcitation(heading: 0, headingAdjustDeg: 0, amplitude: [1], waveNumbers: [0.1], referenceX: 10, referenceY: 0)
        #expect((p[2, 0] - Complex(2 * cos(1.0), -2 * sin(1.0))).length < 1e-12)
    }

    @Test("heading_adjust shifts the tabulated heading used (platform-relative), interpolation is linear in heading")
    func headingAdjust() throws {
        // Heave X̄ = 1, 2, 3, 4 at headings 0, 90, 180, 270 (other modes 0).
        var lines: [String] = []
        for per in [10.0, 5.0] { for (i, h) in [0.0, 90, 180, 270].enumerated() { for m in 1...6 {
            lines.append("\(per) \(h) \(m) 0 0 \(m == 3 ? Double(i + 1) : 0) 0")
        } } }
        let x = try ExcitationCoefficients(WAMITExcitationData(text: lines.joined(separator: "\n"), file: "h.3"),
                                           omega: [2 * Double.pi / 10], rho: 1, g: 1, file: "h.3")
        func heave(_ betaDeg: Double, _ adjust: Double) -> Double {
            x.waveExcitation(heading: betaDeg * 0.017453292519943295, headingAdjustDeg: adjust, amplitude: [1], waveNumbers: [0.1],
                             referenceX: 0, referenceY: 0)[2, 0].real
        }
        #expect(abs(heave(90, 0) - 2) < 1e-12 && abs(heave(90, 90) - 1) < 1e-12 && abs(heave(45, 0) - 1.5) < 1e-12)
        #expect(abs(heave(315, 0) - 2.5) < 1e-12 && abs(heave(0, 90) - 4) < 1e-12)
    }

    @Test("Python modulo for headings")
    func modulo() {
        #expect(pythonModulo(-180, 360) == 180 && pythonModulo(360, 360) == 0 && pythonModulo(-0.5, 360) == 359.5)
    }
}
