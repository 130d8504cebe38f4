import Foundation
import Testing
@testable import RAFT

@Suite("Members: strip-theory hydrodynamics of a FOWT")
struct StripHydroTests {
    static let designs = ["OC3spar", "VolturnUS-S", "VolturnUS-S-pointInertia", "OC4semi-WAMIT_Coefs"]

    static func setup(_ name: String) throws -> (Design, StripHydrodynamics, FrequencyGrid) {
        // Strip theory only: OC4semi-WAMIT_Coefs names a marin_semi.3 that the reference copy lacks.
        let design = try Design.load(path: Reference.url("reference/raft-regression/test_data/\(name).yaml").path, readingHydroFiles: false)
        let fm = try FOWTMembers(design: design, fowt: 0)
        let grid = FrequencyGrid(settings: design.settings)
        let k = grid.omega.map { waveNumber(omega: $0, depth: design.site.waterDepth) }
        let hydro = StripHydrodynamics(members: fm.members, rho: design.site.rhoWater, omega: grid.omega, waveNumbers: k)
        return (design, hydro, grid)
    }

    static func data(_ name: String, _ quantity: String) throws -> Any? {
        (try Reference.json("raft-regression/json/\(name)_true_\(quantity).json") as! [String: Any])["data"]
    }

    static func flatten(_ f: ComplexSeries6) -> (re: [Double], im: [Double]) {
        (f.values.map(\.real), f.values.map(\.imaginary))
    }

    /// numpy allclose on complex values: |a − d| ≤ atol + rtol·|d|.
    static func expectComplexClose(_ a: ComplexSeries6, _ d: ReferenceArray, rtol: Double, atol: Double, _ ctx: String) {
        let im = d.im ?? Array(repeating: 0, count: d.re.count)
        #expect(a.values.count == d.re.count, "\(ctx): size")
        guard a.values.count == d.re.count else { return }
        var bad = 0, worst = 0.0, worstAt = -1
        for i in 0..<d.re.count {
            let err = (a.values[i] - Complex(d.re[i], im[i])).length
            let tol = atol + rtol * Complex(d.re[i], im[i]).length
            if !(err <= tol) { bad += 1; if err / max(tol, 1e-300) > worst { worst = err / max(tol, 1e-300); worstAt = i } }
        }
        if bad > 0 {
            Issue.record("\(ctx): \(bad)/\(d.re.count) entries outside tolerance; worst [\(worstAt)] \(a.values[worstAt]) vs \(d.re[worstAt]) + \(im[worstAt])i")
        }
    }

    @Test("A_hydro_morison matches <D>_true_hydroConstants (rtol 1e-5, atol 1e-3)", .needsReference, arguments: designs)
    func addedMass(name: String) throws {
        let (_, hydro, _) = try Self.setup(name)
        let ref = try ReferenceArray((try Self.data(name, "hydroConstants") as! [String: Any])["A_hydro_morison"])
        expectAllClose(hydro.addedMass.storage, ref.re, rtol: 1e-5, atol: 1e-3, "\(name) A_hydro_morison")
    }

    @Test("F_hydro_iner matches <D>_true_hydroExcitation for all 72 sea states", .needsReference, arguments: designs)
    func excitation(name: String) throws {
        let (design, hydro, grid) = try Self.setup(name)
        let list = try Self.data(name, "hydroExcitation") as! [Any]
        #expect(list.count == 72)
        var idx = 0
        for heading in stride(from: 0.0, through: 360.0, by: 45.0) {
            for period in [5.0, 10, 15, 20] {
                for height in [1.0, 2] {
                    let entry = list[idx] as! [String: Any]
                    let train = WaveTrain(spectrum: .jonswap, periodS: period, heightM: height, headingDeg: heading, gamma: 0)
                    let sea = SeaState(train: train, grid: grid)
                    let kin = hydro.waveKinematics(amplitude: sea.amplitude, heading: sea.heading, depth: design.site.waterDepth)
                    let F = hydro.inertialExcitation(kin)
                    Self.expectComplexClose(F, try ReferenceArray(entry["F_hydro_iner"]), rtol: 1e-5, atol: 1e-3,
                                            "\(name) F_hydro_iner #\(idx) (β \(heading), Tp \(period), Hs \(height))")
                    idx += 1
                }
            }
        }
    }

    @Test("B_hydro_drag and F_hydro_drag match <D>_true_hydroLinearization", .needsReference, arguments: designs)
    func dragLinearization(name: String) throws {
        let (design, hydro, grid) = try Self.setup(name)
        let data = try Self.data(name, "hydroLinearization") as! [String: Any]
        let train = WaveTrain(spectrum: .unit, periodS: 10, heightM: 2, headingDeg: 0, gamma: 0)
        let sea = SeaState(train: train, grid: grid)
        let kin = hydro.waveKinematics(amplitude: sea.amplitude, heading: sea.heading, depth: design.site.waterDepth)
        let nw = grid.count
        var xi = ComplexSeries6(frequencyCount: nw)
        let n = 6 * nw
        for i in 0..<n {  // 0.1·exp(i·linspace(0, 2π, nw·nDOF)) reshaped [nDOF, nw]
            let phase = 2 * Double.pi * Double(i) / Double(n - 1)
            xi.values[i] = Complex(0.1 * cos(phase), 0.1 * sin(phase))
        }
        var lin = DragLinearization(nodeCount: 0, frequencyCount: 0)
        hydro.linearizeDrag(kin, response: xi, into: &lin)
        expectAllClose(lin.damping.storage, try ReferenceArray(data["B_hydro_drag"]).re, rtol: 1e-5, atol: 1e-10, "\(name) B_hydro_drag")
        let F = hydro.dragExcitation(kin, linearization: lin)
        Self.expectComplexClose(F, try ReferenceArray(data["F_hydro_drag"]), rtol: 1e-5, atol: 0, "\(name) F_hydro_drag")
        Self.expectComplexClose(lin.excitation, try ReferenceArray(data["F_hydro_drag"]), rtol: 1e-5, atol: 0, "\(name) linearisation F")
    }

    @Test("mean current loads match <D>_true_calcCurrentLoads (2 m/s toward 15°)", .needsReference, arguments: designs)
    func current(name: String) throws {
        let (design, hydro, _) = try Self.setup(name)
        let D = hydro.currentLoads(speed: 2.0, headingDeg: 15, zRef: 0, shearExponent: design.site.shearExpWater,
                                   depth: design.site.waterDepth)
        expectAllClose(D, try ReferenceArray(try Self.data(name, "calcCurrentLoads")).re, rtol: 1e-5, atol: 1e-3, "\(name) D_hydro")
    }
}
