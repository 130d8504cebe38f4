import Foundation
import Testing
@testable import RAFT

/// Rigid and flexible FOWTs through the same entry points (`Model`, `runDesign`) and the same result types.
@Suite("One model: rigid and flexible FOWTs through Model and runDesign")
struct OneModelTests {
    // RAFT 2.0.4 (openraft 2.0.4, moorpy 1.3.0), the whole flow on VolturnUS-S-flexible: Model(design);
    // analyzeUnloaded(); solveEigen(); analyzeCases(); solveEigen() — natural frequencies after the cases [Hz] and
    // case statistics (Tmoor_avg: line end 0).
    static let fnAfterRAFT = [0.00793591494562776, 0.012781420629862534, 0.015993136771731208, 0.03734285634133105, 0.038393753889734684, 0.049992203442115565, 0.43544221999151556, 0.4366357361263063, 1.169449485373228, 1.4315207734865385, 1.4315884409539654, 1.5576507001973154]
    static let casesRAFT: [[String: Double]] = [
        ["surge_avg": 0.3955739488168254, "pitch_avg": -1.3423020391286586, "heave_avg": -0.9112837503231457, "surge_std": 0.6025168099966529, "pitch_std": 0.2406674779452799, "Mbase_std": 48370619.15556874, "Tmoor_avg": 1433650.910784286],
        ["surge_avg": 23.245949812478415, "pitch_avg": 3.3827969954462276, "heave_avg": -1.1042570392671927, "surge_std": 0.5848492220295086, "pitch_std": 0.2574822722617406, "Mbase_std": 51957375.385173045, "Tmoor_avg": 3588768.024871076],
    ]
    @Test("runDesign on VolturnUS-S-flexible: unloaded section = analyzeUnloadedEigen (RAFT 2.0.4 fn rtol 1e-6), eigen after the cases, every case in CaseMetrics",
          .enabled(if: Reference.isAvailable))
    func flexibleRun() throws {
        let design = try Design.load(path: FlexibleDesigns.regressionPath)
        let model = try Model(design: design)
        #expect(model.isFlexible && model.fowtCount == 1)
        let r = try runDesign(design)
        let u = try #require(r.unloaded, "raft run of a flexible design has an unloaded section")
        let direct = try analyzeUnloadedEigen(design)
        #expect(u.eigen == direct.eigen, "same unloaded eigen analysis as raft eigen")
        #expect(u.offset == direct.offset)
        expectAllClose(Array(u.eigen.frequenciesHz.prefix(12)), FlexibleUnloadedTests.fnRAFT, rtol: 1e-6, "unloaded fn")
        let after = try #require(r.eigenAfterCases, "eigen analysis after the cases")
        #expect(after.frequenciesHz.count == 150 && after.frequenciesHz.allSatisfy { $0.isFinite && $0 > 0 })
        expectAllClose(Array(after.frequenciesHz.prefix(12)), Self.fnAfterRAFT, rtol: 1e-5, "fn after the cases")
        #expect(r.cases.count == 2)
        for c in r.cases {
            let m = c.fowts[0].metrics
            for (key, want) in Self.casesRAFT[c.index] {
                let v = try #require(m[key]?.values.first)
                expectAllClose([v], [want], rtol: 1e-5, atol: 1e-6, "case \(c.index) \(key) (RAFT's whole flow)")
            }
            for key in ["surge_avg", "pitch_std", "AxRNA_std", "Mbase_std", "FbaseX_avg", "Tmoor_avg", "omega_avg"] {
                #expect(m[key] != nil, "case \(c.index): \(key)")
            }
            #expect(m.responseAmplitude("pitch_RA")?.count == 2, "case \(c.index): pitch_RA over wave train and wind row")
        }
        #expect(!r.warnings.contains { $0.contains("not computed yet") })
    }

    @Test("moorMod 1 on a flexible FOWT: motions and mean tensions identical to moorMod 0; dynamic tensions from the lumped-mass lines",
          .enabled(if: Reference.isAvailable))
    func flexibleMoorMod1() throws {
        let base = FlexibleRigidLimitTests.caseZeroOnly(try FlexibleDesigns.text())
        let mod1 = FlexibleDesigns.replacing(base, "mooring:\n    water_depth: 200", "mooring:\n    moorMod: 1\n    water_depth: 200")
        var options = RunOptions()
        options.analyzeUnloaded = false
        let r0 = try runDesign(try FlexibleDesigns.design(base), options: options).cases[0].fowts[0].metrics
        let r1 = try runDesign(try FlexibleDesigns.design(mod1), options: options).cases[0].fowts[0].metrics
        // moorMod 1 only post-processes the line tensions (spec 07 §2.2): everything else is bit-identical
        for (key, value) in r0.values where !key.hasPrefix("Tmoor") {
            #expect(r1[key] == value, "\(key)")
        }
        #expect(r1["Tmoor_avg"] == r0["Tmoor_avg"], "mean tensions come from the same quasi-static solve")
        let s0 = try #require(r0["Tmoor_std"]?.values), s1 = try #require(r1["Tmoor_std"]?.values)
        #expect(s0.count == 6 && s1.count == 6)
        // lumped-mass line dynamics differ from J·X (inertia, drag) but stay the same order of magnitude
        for k in s0.indices {
            #expect(s1[k] != s0[k], "line end \(k): moorMod 1 tensions are the lumped-mass ones")
            #expect(s1[k] > 0.2 * s0[k] && s1[k] < 5 * s0[k], "line end \(k): Tmoor_std \(s1[k]) vs quasi-static \(s0[k])")
        }
    }
}
