import Foundation
import Testing
@testable import RAFT

/// Flexible FOWTs in cases with more than one wave train (RAFT 2.0.4 has no reference for them): train 0 from the drag
/// loop, the others from the same final linearised system with their own excitation, summed in the statistics.
@Suite("Model: flexible FOWTs with several wave trains per case")
struct FlexibleWaveTrainsTests {
    static let caseWaves = "JONSWAP,         12,         6,           0      ,"

    /// `base` with case 0's single wave train replaced by the trains (spectrum, Tp [s], Hs [m], heading [deg]).
    static func trains(_ base: String, _ t: [(tp: Double, hs: Double, heading: Double)]) -> String {
        let spectra = t.map { _ in "JONSWAP" }.joined(separator: ", ")
        let tp = t.map { "\($0.tp)" }.joined(separator: ", "), hs = t.map { "\($0.hs)" }.joined(separator: ", ")
        let heading = t.map { "\($0.heading)" }.joined(separator: ", ")
        return FlexibleDesigns.replacing(base, caseWaves, "[\(spectra)], [\(tp)], [\(hs)], [\(heading)],")
    }

    static func statistics(_ m: CaseMetrics) -> [(String, [Double])] {
        m.values.filter { k, _ in ["_avg", "_std", "_max", "_min"].contains(where: { k.hasSuffix($0) }) }.map { ($0.key, $0.value.values) }
    }

    @Test("a second train at the same heading with Hs × 1e-6 leaves every statistic of the single train within 1e-9 (rel)",
          .enabled(if: Reference.isAvailable))
    func negligibleSecondTrain() throws {
        let base = FlexibleRigidLimitTests.caseZeroOnly(try FlexibleDesigns.text())
        var options = RunOptions()
        options.analyzeUnloaded = false
        let one = try runDesign(try FlexibleDesigns.design(base), options: options)
        let two = try runDesign(try FlexibleDesigns.design(Self.trains(base, [(12, 6, 0), (12, 6e-6, 0)])), options: options)
        let a = one.cases[0].fowts[0].metrics, b = two.cases[0].fowts[0].metrics
        var compared = 0
        for (key, v) in Self.statistics(a) {
            let w = try #require(b[key]?.values, "\(key) missing with two trains")
            // channel scale: the largest |avg|, |std| of the channel (1e-12 floor for channels zero by symmetry)
            let stem = key.split(separator: "_").dropLast().joined(separator: "_")
            let scale = ["avg", "std"].compactMap { a["\(stem)_\($0)"]?.values.map(abs).max() }.max() ?? 0
            expectAllClose(w, v, rtol: 1e-9, atol: max(1e-9 * scale, 1e-12), "two trains \(key)")
            compared += 1
        }
        #expect(compared > 40)
        #expect(two.cases[0].fowts[0].dynamicsConverged == one.cases[0].fowts[0].dynamicsConverged)
    }

    @Test("VolturnUS-S-flexible, E and G ×1e4, consistent, trains at 0° and 30°: surge/heave/pitch avg and std of the rigid model within 1e-3",
          .enabled(if: Reference.isAvailable))
    func rigidLimitTwoTrains() throws {
        let base = Self.trains(FlexibleRigidLimitTests.caseZeroOnly(FlexibleDesigns.uniformTower(try FlexibleDesigns.text())),
                               [(12, 6, 0), (8, 2, 30)])
        var options = RunOptions()
        options.analyzeUnloaded = false
        let rigid = try runDesign(try FlexibleDesigns.design(FlexibleDesigns.rigid(base)), options: options)
        let flex = try runDesign(try FlexibleDesigns.design(FlexibleDesigns.consistent(FlexibleDesigns.stiffened(base, 1e4))), options: options)
        let r = rigid.cases[0].fowts[0].metrics, f = flex.cases[0].fowts[0].metrics
        for key in ["surge_avg", "surge_std", "heave_avg", "heave_std", "pitch_avg", "pitch_std", "sway_std", "roll_std"] {
            expectAllClose(try #require(f[key]?.values), try #require(r[key]?.values), rtol: 1e-3, "\(key)")
        }
        // the second train shows: the 30° train moves sway and roll, which are zero by symmetry with the 0° train alone
        #expect(r["sway_std"]!.values[0] > 1e-3 && r["roll_std"]!.values[0] > 1e-5)
    }

    @Test("two identical flexible FOWTs at one position, trains at 0° and 30°: each bit-identical to the single FOWT",
          .enabled(if: Reference.isAvailable))
    func farmTwoTrains() throws {
        let text = Self.trains(FlexibleRigidLimitTests.caseZeroOnly(try FlexibleDesigns.text()), [(12, 6, 0), (8, 2, 30)])
        let single = try runDesign(try FlexibleDesigns.design(text), options: FlexibleFarmTests.options())
        let farm = try runDesign(try FlexibleDesigns.design(FlexibleFarmTests.farm(text, rows: [[1, 1, 1, 0, 0, 0], [1, 1, 1, 0, 0, 0]])),
                                 options: FlexibleFarmTests.options())
        #expect(farm.cases.count == 1 && farm.cases[0].fowts.count == 2)
        for (j, f) in farm.cases[0].fowts.enumerated() {
            let (worst, key) = FlexibleFarmTests.worstDifference(f.metrics, single.cases[0].fowts[0].metrics, rtol: 0, exact: true)
            #expect(worst == 0, "FOWT \(j): \(key) differs")
        }
        // the 30° train is in the statistics: sway is zero by symmetry without it
        #expect(single.cases[0].fowts[0].metrics["sway_std"]!.values[0] > 1e-3)
    }
}
