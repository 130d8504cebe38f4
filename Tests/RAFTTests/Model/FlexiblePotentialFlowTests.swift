import Foundation
import Testing
@testable import RAFT

/// Flexible FOWTs with WAMIT coefficients (potModMaster 3, potFirstOrder 1): `A_BEM`, `B_BEM` and `F_BEM` act on the
/// first 6 reduced DOFs (the rigid-body node at the PRP), as RAFT 2.0.4's `readHydro` puts them for nDOF > 6.
@Suite("Flexible FOWTs with potential flow (WAMIT files, native-BEM path)")
struct FlexiblePotentialFlowTests {
    /// The VolturnUS-S pyHAMS files of designs-e2e (columns only; potModMaster 3 marks every member potential flow).
    static func wamit(_ text: String) -> String {
        let hams = Reference.url("reference/designs-e2e/inputs/VolturnUS-S_BEM_hams/Buoy").path
        return FlexibleDesigns.replacing(text, "    potModMaster :   1",
                                         "    potFirstOrder:   1\n    hydroPath    :   '\(hams)'\n    potModMaster :   3")
    }

    // RAFT 2.0.4 (openraft 2.0.4, pyhams 1.3.1): VolturnUS-S-flexible with potModMaster 3, potFirstOrder 1 and that
    // hydroPath; Model(design).analyzeCases() (no unloaded pre-pass), case_metrics of FOWT 0, then solveEigen().
    static let raftCases: [[String: [Double]]] = [
        ["surge_avg": [0.3955742270496231], "surge_std": [0.3980855163718667], "heave_avg": [-0.9112837541401351],
         "heave_std": [1.5278804634582606], "pitch_avg": [-1.3423020418508158], "pitch_std": [0.3304230984662796],
         "AxRNA_std": [0.30118566825853543], "Mbase_avg": [-112486306.02663994], "Mbase_std": [64636228.28067054],
         "Tmoor_avg": [1433650.92437354, 1437259.6466332779, 1437259.653618337, 2617920.3901077495, 2634661.549198613, 2634661.555255102],
         "Tmoor_std": [58656.31586172794, 33318.48732362611, 33318.48632730166, 69453.17265828291, 42484.81839084211, 42484.81751954131]],
        ["surge_avg": [23.245949812297216], "surge_std": [0.3819055029754578], "heave_avg": [-1.1042570392244377],
         "heave_std": [1.720929986597802], "pitch_avg": [3.3827969951091923], "pitch_std": [0.3551661958786785],
         "roll_std": [0.06985971041802069], "yaw_std": [0.009482271519949962], "AxRNA_std": [0.311540735920301],
         "Mbase_avg": [269225914.6866129], "Mbase_std": [49979982.355327405],
         "Tmoor_avg": [3588768.024797901, 531244.2031326859, 1833616.7861339154, 4801980.933745218, 1702608.230778197, 3024288.4388533277],
         "Tmoor_std": [152889.13080305827, 18496.929455037993, 47262.838363417955, 164585.7938548592, 29383.752202493863, 57585.02120042172]],
    ]
    static let raftEigen: [Double] = [0.007945828381222923, 0.012804998954288401, 0.015876249861110733, 0.04043001004479384,
                                      0.04154030774430147, 0.07161910407471789, 0.5051549593728093, 0.5064960882135352,
                                      1.431356712145582, 1.5821650909093747, 1.592093393083466, 1.8754042948248542]

    @Test("VolturnUS-S-flexible with the VolturnUS-S WAMIT files: both cases' statistics and the eigen frequencies after the cases as RAFT 2.0.4 (rtol 1e-5)",
          .enabled(if: Reference.isAvailable))
    func matchesRAFT() throws {
        var options = RunOptions()
        options.analyzeUnloaded = false
        options.fatigueAndExtremes = false
        let r = try runDesign(try FlexibleDesigns.design(Self.wamit(try FlexibleDesigns.text())), options: options)
        #expect(r.cases.count == 2)
        for (c, expected) in zip(r.cases, Self.raftCases) {
            let m = c.fowts[0].metrics
            for (key, values) in expected {
                let v = try #require(m[key]?.values, "\(key)")
                expectAllClose(v, values, rtol: 1e-5, atol: 0, "case \(c.index) \(key)")
            }
        }
        let fn = try #require(r.eigenAfterCases).frequenciesHz
        expectAllClose(Array(fn.prefix(12)), Self.raftEigen, rtol: 1e-5, atol: 0, "eigen after the cases")
    }

    /// With stiff beams the `consistent` formulation reduces to the rigid model (README, "Differences from RAFT"); the
    /// WAMIT terms sit on the PRP node of one and on the PRP of the other, so the two must agree.
    @Test("rigid limit with WAMIT coefficients: E, G ×1e4, flexible_formulation consistent (uniform tower) give the rigid twin's statistics of case 0 within 1e-3 of each channel's scale and its natural frequencies within 1e-3",
          .enabled(if: Reference.isAvailable))
    func rigidLimit() throws {
        let base = Self.wamit(FlexibleRigidLimitTests.caseZeroOnly(FlexibleDesigns.uniformTower(try FlexibleDesigns.text())))
        var options = RunOptions()
        options.analyzeUnloaded = false
        options.fatigueAndExtremes = false
        let rigid = try runDesign(try FlexibleDesigns.design(FlexibleDesigns.rigid(base)), options: options)
        let flex = try runDesign(try FlexibleDesigns.design(FlexibleDesigns.consistent(FlexibleDesigns.stiffened(base, 1e4))), options: options)
        let r = rigid.cases[0].fowts[0].metrics, f = flex.cases[0].fowts[0].metrics
        var compared = 0
        for (key, value) in r.values where ["_avg", "_std", "_max", "_min"].contains(where: { key.hasSuffix($0) }) {
            guard let fv = f[key]?.values else { Issue.record("\(key) missing in the flexible results"); continue }
            expectAllClose(fv, value.values, rtol: 0, atol: max(1e-3 * FlexibleFarmTests.channelScale(r, key), 1e-6), "case 0 \(key)")
            compared += 1
        }
        #expect(compared > 40)
        // the rigid-body modes (the six lowest) of the stiff flexible model are the rigid model's
        let fr = try #require(rigid.eigenAfterCases).frequenciesHz.sorted(), ff = try #require(flex.eigenAfterCases).frequenciesHz
        expectAllClose(Array(ff.prefix(6)), fr, rtol: 1e-3, atol: 0, "rigid-body natural frequencies")
    }

    // RAFT 2.0.4 (pyhams 1.3.1): VolturnUS-S-flexible with potModMaster 0, min_freq_BEM 0.02 and potMod True on
    // center_column and outer_column (RAFT meshes them: 1,168 panels, and runs pyHAMS in analyzeCases);
    // Model(design).analyzeCases(), case_metrics of FOWT 0, then solveEigen(). pyHAMS's Buoy.1/.3 of that run are
    // in Reference/raft-flexible-bem.
    static let raftBEMCases: [[String: [Double]]] = [
        ["surge_avg": [0.3955742270496231], "surge_std": [0.6187652862716022], "heave_avg": [-0.9112837541401351], "heave_std": [0.554289762661816], "pitch_avg": [-1.3423020418508158], "pitch_std": [0.25228377272686225], "AxRNA_std": [0.277840987827672], "Mbase_avg": [-112486306.02663994], "Mbase_std": [53256424.192343734], "Tmoor_avg": [1433650.92437354, 1437259.6466332779, 1437259.653618337, 2617920.3901077495, 2634661.549198613, 2634661.555255102], "Tmoor_std": [30059.272965007043, 21274.314506564137, 21274.311540864972, 30749.284145375692, 23735.610497970792, 23735.60761602008]],
        ["surge_avg": [23.245949812297216], "surge_std": [0.5986072503902257], "heave_avg": [-1.1042570392244377], "heave_std": [0.6058074209555595], "pitch_avg": [3.3827969951091923], "pitch_std": [0.42039244139042564], "roll_std": [0.02805329354582839], "yaw_std": [0.012658197913282876], "AxRNA_std": [0.3072368886347612], "Mbase_avg": [269225914.6866129], "Mbase_std": [42464308.53111733], "Tmoor_avg": [3588768.024797901, 531244.2031326859, 1833616.7861339154, 4801980.933745218, 1702608.230778197, 3024288.4388533277], "Tmoor_std": [103608.68044149234, 6210.500528245018, 18110.756625231752, 105081.23180290587, 9410.615908738333, 19922.410528790828]],
    ]
    static let raftBEMEigen: [Double] = [0.00782778070489838, 0.012610485919253464, 0.015662438588659528, 0.037172468851469936,
                                         0.038210114272233364, 0.04946434056916816, 0.43732669583257844, 0.4385558155557711,
                                         1.2153093557364518, 1.5078831092310307, 1.5238186832264895, 1.8460318127722146]

    @Test("native-BEM path (potModMaster 0, potMod columns) of VolturnUS-S-flexible: the 1,168-panel mesh of RAFT, and with pyHAMS's own coefficients both cases' statistics and the eigen frequencies after the cases as RAFT 2.0.4 (rtol 1e-5)",
          .enabled(if: Reference.isAvailable))
    func nativeBEMPathMatchesRAFT() throws {
        var text = FlexibleDesigns.replacing(try FlexibleDesigns.text(), "    potModMaster :   1", "    min_freq_BEM :   0.02\n    potModMaster :   0")
        for name in ["center_column", "outer_column"] {
            let a = try #require(text.range(of: "name      :  \(name)"))
            let b = try #require(text.range(of: "potMod    :  False", range: a.upperBound..<text.endIndex))
            text.replaceSubrange(b, with: "potMod    :  True")
        }
        var model = try Model(design: try FlexibleDesigns.design(text))
        let dir = Reference.url("reference/raft-flexible-bem")
        let t1 = try String(contentsOf: dir.appendingPathComponent("Buoy.1"), encoding: .utf8)
        let t3 = try String(contentsOf: dir.appendingPathComponent("Buoy.3"), encoding: .utf8)
        let hams = try BEMCoefficients(radiation: WAMITRadiationData(text: t1, file: "Buoy.1"),
                                       excitation: WAMITExcitationData(text: t3, file: "Buoy.3"))
        var panels = 0
        try model.solvePotentialFlow(status: nil, using: { problem in
            panels = problem.mesh.panels.count
            return hams
        })
        #expect(panels == 1168, "RAFT's HullMesh.pnl has 1,168 panels")
        let cases = try model.analyzeCases()
        #expect(cases.count == 2)
        for (c, expected) in zip(cases, Self.raftBEMCases) {
            let m = c.fowts[0].metrics
            for (key, values) in expected {
                let v = try #require(m[key]?.values, "\(key)")
                expectAllClose(v, values, rtol: 1e-5, atol: 0, "case \(c.index) \(key)")
            }
        }
        let fn = try model.solveEigen().frequenciesHz
        expectAllClose(Array(fn.prefix(12)), Self.raftBEMEigen, rtol: 1e-5, atol: 0, "eigen after the cases")
    }
}
