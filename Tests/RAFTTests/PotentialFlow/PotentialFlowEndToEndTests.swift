import Foundation
import Testing
@testable import RAFT

/// Whole RAFT runs with WAMIT-file potential flow (potModMaster 3, potFirstOrder 1) vs RAFT 2.0.4 (designs-e2e).
@Suite("Potential flow end to end (designs-e2e)")
struct PotentialFlowEndToEndTests {
    @Test("VolturnUS-S_WAMITcoefs: case_metrics, unloaded offset and eigen (both with A_BEM(w0)), A support structure", .needsReference)
    func volturnWAMIT() throws {
        let name = "VolturnUS-S_WAMITcoefs"
        let ref = try Reference.json("designs-e2e/\(name).json") as! [String: Any]
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/\(name).yaml").path)
        let result = try runDesign(design)
        #expect(result.cases.count == 1)
        try EndToEndTests.compare(result, ref, name: name)
        let u = ref["unloaded"] as! [String: Any]
        let unloaded = try #require(result.unloaded)
        expectAllClose(unloaded.offset, try ReferenceArray(u["offset_unloaded"]).re, rtol: 1e-5, atol: 1e-8, "\(name) offset_unloaded")
        // potFirstOrder 1 reads the files at construction, so the unloaded eigen analysis already has A_BEM(w0).
        let eu = ref["eigen_unloaded"] as! [String: Any]
        expectAllClose(unloaded.eigen.frequenciesHz, try ReferenceArray(eu["fn_Hz"]).re, rtol: 1e-5, atol: 1e-5, "\(name) eigen_unloaded")
        let ea = ref["eigen_after_cases"] as! [String: Any]
        let after = try #require(result.eigenAfterCases)
        expectAllClose(after.frequenciesHz, try ReferenceArray(ea["fn_Hz"]).re, rtol: 1e-5, atol: 1e-5, "\(name) eigen_after_cases")

        var model = try Model(design: design)
        let f0 = try #require((u["fowt"] as? [[String: Any]])?.first)
        expectMatrixClose(model.fowts[0].eigenMass - model.fowts[0].structure.rigid.statics.structuralMass,
                          try ReferenceArray(f0["A_total_eigen"]).matrix6, rtol: 1e-9, "A_total_eigen")
        let ours = try #require(try model.properties(pose: .undisplaced)["A support structure"],
                                "properties has no 'A support structure' matrix").flattened
        let props0 = ref["properties"] as! [String: Any]
        let want = try ReferenceArray(props0["A support structure"])
        expectAllClose(ours, want.re, rtol: 1e-5, atol: 1e-5 * (want.re.map(abs).max() ?? 0), "A support structure")
    }

    @Test("VolturnUS-S_WAMITcoefs: F_BEM of each case (heading interpolation, rotation, ζ) vs case_internals", .needsReference)
    func excitationPerCase() throws {
        let name = "VolturnUS-S_WAMITcoefs"
        let ref = try Reference.json("designs-e2e/\(name).json") as! [String: Any]
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/\(name).yaml").path)
        let model = try Model(design: design)
        let internals = try #require(ref["case_internals"] as? [[String: Any]])
        let cases = try #require(design.cases?.cases)
        #expect(internals.count == cases.count)
        for (k, c) in cases.enumerated() {
            let fowt = try #require((internals[k]["fowt"] as? [[String: Any]])?.first)
            let want = try ReferenceArray(fowt["F_BEM"])
            let seas = c.waves.map { SeaState(train: $0, grid: model.grid) }
            var forces = seas.map { _ in ComplexSeries6(frequencyCount: model.grid.count) }
            model.fowts[0].addPotentialFlowExcitation(seas, waveNumbers: model.waveNumbers, to: &forces)
            let ours = forces.flatMap(\.values)  // [train][dof][freq], as the reference
            let scale = want.re.map(abs).max() ?? 1
            #expect(scale > 1e5, "case \(k): no wave excitation in the reference")
            expectAllClose(ours.map(\.real), want.re, rtol: 1e-5, atol: 1e-9 * scale, "case \(k) F_BEM re")
            expectAllClose(ours.map(\.imaginary), want.im ?? [], rtol: 1e-5, atol: 1e-9 * scale, "case \(k) F_BEM im")
        }
    }
}
