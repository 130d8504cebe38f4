import Foundation
import Testing
@testable import RAFT

@Suite("Model: unloaded equilibrium and eigen analysis (designs-e2e)")
struct ModelUnloadedTests {
    @Test("offset_unloaded, C_moor0, F_moor0, C_moor and eigen_unloaded", .needsReference, arguments: ["OC3spar", "VolturnUS-S", "OC4semi_patched"])
    func unloaded(name: String) throws {
        let ref = try Reference.json("designs-e2e/\(name).json") as! [String: Any]
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/\(name).yaml").path)
        var model = try Model(design: design)
        let (offset, c0, f0) = try model.analyzeUnloaded()
        let u = ref["unloaded"] as! [String: Any]
        expectAllClose(offset, try ReferenceArray(u["offset_unloaded"]).re, rtol: 1e-5, atol: 1e-8, "\(name) offset_unloaded")
        expectMatrixClose(c0, try ReferenceArray(u["C_moor0"]).matrix6, rtol: 1e-5, "\(name) C_moor0")
        let f0ref = try ReferenceArray(u["F_moor0"]).re
        expectAllClose(f0, f0ref, rtol: 1e-5, atol: 1e-5 * f0ref.map(abs).max()!, "\(name) F_moor0")
        let f = SolverFromReferenceTests.fowt0(u["fowt"])
        expectMatrixClose(model.fowts[0].mooringStiffness, try ReferenceArray(f["C_moor"]).matrix6, rtol: 1e-5, "\(name) C_moor at the unloaded pose")
        let eig = try model.solveEigen()
        let e = ref["eigen_unloaded"] as! [String: Any]
        expectAllClose(eig.frequenciesHz, try ReferenceArray(e["fn_Hz"]).re, rtol: 1e-5, atol: 1e-6, "\(name) fn_Hz")
    }
}
