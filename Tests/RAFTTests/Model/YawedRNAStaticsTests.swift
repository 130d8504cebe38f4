import Foundation
import Testing
@testable import RAFT

/// RAFT's `calcStatics` inside `solveStatics` rotates the RNA inertia with the rotor's current `R_q` (spec 06 §5.1):
/// OC3spar (IxRNA ≠ IrRNA) with wind from 30° yaws the nacelle, which changes `M_struc`.
@Suite("Statics with a yawed nacelle")
struct YawedRNAStaticsTests {
    @Test("M_struc after solveStatics of a 30° wind case", .needsReference)
    func yawedMass() throws {
        let design = try Design.load(path: Reference.url("reference/raft-regression/test_data/OC3spar.yaml").path)
        var model = try Model(design: design)
        let cases = try #require(design.cases?.cases)
        try model.solveStatics(cases[0])
        let m0 = model.fowts[0].structure.rigid.statics.structuralMass
        #expect(m0[3, 4] == 0, "no yaw: no roll–pitch inertia coupling")
        try model.solveStatics(cases[1])
        let m = model.fowts[0].structure.rigid.statics.structuralMass
        // openraft 2.0.4: fowt.M_struc after model.solveStatics(case 1) (printed to 11 significant digits)
        expectAllClose([m[3, 3], m[4, 4], m[3, 4], m[3, 5], m[4, 5], m[5, 5]],
                       [6.7737137004e10, 6.7732530224e10, 3.9895884919e6, -6.9808753035e5, -4.0304102356e5, 1.1810081796e8],
                       rtol: 1e-9, atol: 0, "M_struc with the case-1 nacelle yaw")
        #expect(m[0, 0] == m0[0, 0], "mass unchanged")
    }
}
