import Foundation
import Testing
@testable import RAFT

/// Tower-base load components of a beam tower under `flexible_formulation: consistent`
/// (`FlexibleFOWTStatics.consistentTowerBaseLoads`).
@Suite("Model: flexible tower-base loads under `consistent` (rigid limit)")
struct FlexibleTowerBaseTests {
    static let components = ["FbaseX", "FbaseY", "FbaseZ", "MbaseX", "MbaseY", "MbaseZ"]

    /// Case 0 of VolturnUS-S-flexible (waves only) with E and G × `factor`, cases only (as `caseStatistics`).
    static func caseZero(_ factor: Double, consistent: Bool) throws -> CaseMetrics {
        var text = FlexibleRigidLimitTests.caseZeroOnly(FlexibleDesigns.stiffened(try FlexibleDesigns.text(), factor))
        if consistent { text = FlexibleDesigns.consistent(text) }
        var options = RunOptions()
        options.analyzeUnloaded = false
        options.fatigueAndExtremes = false
        let run = try runDesign(try FlexibleDesigns.design(text), options: options)
        return run.cases[0].fowts[0].metrics
    }

    /// Measured: the largest difference is 4.5e-7 of the scale (`MbaseY_avg`); RAFT's formulation at ×1e6 has
    /// `MbaseY_avg` 5.4e12 N·m and `FbaseZ_avg` 2.4e14 N.
    @Test("E, G ×1e4 and ×1e6: FbaseX/Y/Z and MbaseX/Y/Z means and stds agree within 1e-5 of their scale (RAFT's −K·Xi grows with E)",
          .needsReference)
    func boundedAsBeamsStiffen() throws {
        let a = try Self.caseZero(1e4, consistent: true), b = try Self.caseZero(1e6, consistent: true)
        // scales: forces by the turbine weight, moments by the weight times the hub height (≈ 2.2e7 N, 3e9 N·m)
        let weight = abs(try #require(a["FbaseZ_avg"]).values[0])
        #expect(weight > 1e7 && weight < 5e7, "FbaseZ_avg \(weight) N: the tower and RNA weight")
        for name in Self.components {
            let scale = name.hasPrefix("F") ? weight : weight * 100
            for stat in ["avg", "std"] {
                let x = try #require(a["\(name)_\(stat)"]).values[0], y = try #require(b["\(name)_\(stat)"]).values[0]
                #expect(abs(x - y) <= 1e-5 * scale, "\(name)_\(stat): ×1e4 \(x) vs ×1e6 \(y)")
            }
        }
        // the sea state loads the tower fore-aft: the fore-aft components are not trivially zero
        #expect(try #require(a["MbaseY_std"]).values[0] > 1e-3 * weight * 100 && a["FbaseX_std"]!.values[0] > 1e-4 * weight)
        // RAFT's formulation at ×1e6: the mean fore-aft moment is the beam stiffness times the mean placement's strain
        let raft = try Self.caseZero(1e6, consistent: false)
        #expect(abs(raft["MbaseY_avg"]!.values[0]) > 100 * abs(b["MbaseY_avg"]!.values[0]),
                "raft MbaseY_avg \(raft["MbaseY_avg"]!.values[0]) vs consistent \(b["MbaseY_avg"]!.values[0])")
    }

    /// The other motions do not couple into the y moment of a vertical beam (measured: the same bits).
    @Test("MbaseY (every motion) equals Mbase (RAFT's fore-aft formula) on the vertical, unyawed tower (rel 1e-12)", .needsReference)
    func mbaseYIsMbase() throws {
        for factor in [1.0, 1e4] {
            let m = try Self.caseZero(factor, consistent: true)
            for stat in ["avg", "std"] {
                let y = try #require(m["MbaseY_\(stat)"]).values[0], mb = try #require(m["Mbase_\(stat)"]).values[0]
                #expect(abs(y - mb) <= 1e-12 * abs(mb), "×\(factor) \(stat): MbaseY \(y) vs Mbase \(mb)")
            }
        }
    }
}
