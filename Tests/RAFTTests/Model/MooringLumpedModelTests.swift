import Foundation
import Testing
@testable import RAFT

/// The Model with lumped-mass mooring lines (moorMod 1/2) and current on mooring lines (spec 04 §10–11, 06 §7,
/// 07 §2.2/§3) against RAFT's regression expectations.
@Suite("Model with lumped-mass mooring (moorMod 1/2)")
struct MooringLumpedModelTests {
    static func run(_ design: Design) throws -> RunResult {
        var options = RunOptions()
        options.analyzeUnloaded = false  // the regression producer: Model(design).analyzeCases()
        return try runDesign(design, options: options)
    }

    static func data(_ name: String) throws -> [String: Any] {
        let ref = try Reference.json("raft-regression/json/\(name)_true_analyzeCases.json") as! [String: Any]
        return ref["data"] as! [String: Any]
    }

    @Test("farm moorMod 1: array_mooring Tmoor_PSD of every line end, FOWT motion PSDs unchanged by moorMod 1")
    func farmMoorMod1() throws {
        guard Reference.isAvailable else { print(Reference.skipMessage); return }
        let name = "VolturnUS-S_farm-moorMod1"
        let design = try Design.load(path: Reference.url("reference/raft-regression/test_data/\(name).yaml").path)
        let result = try Self.run(design)
        let metrics = try Self.data(name)["case_metrics"] as! [String: Any]
        #expect(result.cases.count == metrics.count)
        for c in result.cases {
            let cm = metrics["\(c.index)"] as! [String: Any]
            let am = try #require(c.arrayMooring)
            let want = cm["array_mooring"] as! [String: Any]
            let psd = try ReferenceArray(want["Tmoor_PSD"])
            #expect(am.psd.count == psd.shape[0])
            for (k, values) in am.psd.enumerated() {
                let desired = Array(psd.re[k * psd.shape[1] ..< (k + 1) * psd.shape[1]])
                expectAllClose(values.values, desired, rtol: 1e-5, atol: 1e-3, "\(name) case \(c.index) array Tmoor\(k)_PSD")
            }
            for key in ["Tmoor_avg", "Tmoor_std"] {
                let d = try ReferenceArray(want[key]).re
                expectAllClose(am[key]!.values, d, rtol: 1e-5, atol: 1e-5 * (d.map(abs).max() ?? 0), "\(name) case \(c.index) array \(key)")
            }
            for (j, f) in c.fowts.enumerated() {
                let wantF = cm["\(j)"] as! [String: Any]
                for key in ["surge_PSD", "heave_PSD", "pitch_PSD"] {
                    let d = try ReferenceArray(wantF[key]).re
                    expectAllClose(try #require(f.metrics.psd(key)), d, rtol: 1e-5, atol: 1e-3, "\(name) case \(c.index) fowt \(j) \(key)")
                }
            }
        }
    }

    @Test("moorMod 2 (lumped-mass mooring in the dynamics, with potSecOrder 1): every PSD and statistic of RAFT's regression")
    func moorMod2Regression() throws {
        guard Reference.isAvailable else { print(Reference.skipMessage); return }
        let name = "VolturnUS-S-moorMod2"
        let (result, data) = try RegressionAnalyzeCasesTests.run(name)
        try RegressionAnalyzeCasesTests.compare(result, data, name: name)
        // The spec's quoted mean tensions of case 0 (04 §12).
        expectAllClose(try #require(result.cases.first?.fowts[0].metrics["Tmoor_avg"]).values,
                       [1341230.6, 1343454.9, 1343454.9, 2417093.4, 2432334.0, 2432334.0], rtol: 1e-7, "\(name) Tmoor_avg")
    }

    /// RAFT 2.0.4 (openraft 2.0.4, MoorPy 1.3.0) `Model(design).analyzeCases()` on VolturnUS-S-moorMod2 with
    /// `platform.potSecOrder` set to 0 (case 1: 10 m/s wind at 30°, 1 m/s current at 15°), then `solveEigen()`.
    enum MoorMod2FirstOrder {
        static let tmoorStd: [[Double]] = [
            [32596.04659996594, 40360.99805969641, 40361.01965790263, 50294.61079002527, 59871.720615841274, 59871.91602962253],
            [128332.48136697238, 11526.282672298652, 49268.03080334202, 153112.82266848217, 28075.14664241997, 67149.14484634221]]
        static let surgeStd = [0.6629496183995006, 0.6355627353787989]
        static let pitchStd = [0.17020313598588538, 0.25142788777608754]
        static let surgeAvg = [0.3960946978873649, 24.301499065930603]
        static let pitchAvgDeg = [-1.4681317352950325, 3.779589503074322]
        /// `Tmoor_PSD[3][10..<14]` (end A of line 4) [N²/(rad/s)].
        static let tmoor3PSD: [[Double]] = [[829048432.2134608, 15557930954.045855, 4929968728.202196, 5323429594.314343],
                                            [7481404542.401649, 129032182359.22508, 62567264892.613464, 67939242726.7188]]
        static let eigenHz = [0.011809237807673558, 0.00747414648704723, 0.060691339262764016, 0.03789451408548232,
                              0.03915647194353224, 0.01523166844092048]
    }

    @Test("moorMod 2 without second-order loads vs the reference RAFT: tensions, motions, lumped-K eigen frequencies")
    func moorMod2FirstOrder() throws {
        guard Reference.isAvailable else { print(Reference.skipMessage); return }
        let design = try Design.load(path: Reference.url("reference/raft-regression/test_data/VolturnUS-S-moorMod2.yaml").path)
            .setting("platform.potSecOrder", to: 0)
        let result = try Self.run(design)
        let r = MoorMod2FirstOrder.self
        #expect(result.cases.count == 2)
        for (k, c) in result.cases.enumerated() {
            let m = c.fowts[0].metrics
            let ctx = "moorMod 2, potSecOrder 0, case \(k)"
            expectAllClose(try #require(m["Tmoor_std"]).values, r.tmoorStd[k], rtol: 1e-5, "\(ctx) Tmoor_std")
            expectAllClose(try #require(m["surge_std"]).values, [r.surgeStd[k]], rtol: 1e-5, "\(ctx) surge_std")
            expectAllClose(try #require(m["pitch_std"]).values, [r.pitchStd[k]], rtol: 1e-5, "\(ctx) pitch_std")
            expectAllClose(try #require(m["surge_avg"]).values, [r.surgeAvg[k]], rtol: 1e-5, "\(ctx) surge_avg")
            expectAllClose(try #require(m["pitch_avg"]).values, [r.pitchAvgDeg[k]], rtol: 1e-5, "\(ctx) pitch_avg")
            expectAllClose(Array(try #require(m.psd("Tmoor3_PSD"))[10..<14]), r.tmoor3PSD[k], rtol: 1e-5, atol: 1e-3, "\(ctx) Tmoor3_PSD")
        }
        expectAllClose(try #require(result.eigenAfterCases).frequenciesHz, r.eigenHz, rtol: 1e-5, atol: 1e-6, "moorMod 2 eigen after cases")
    }
}
