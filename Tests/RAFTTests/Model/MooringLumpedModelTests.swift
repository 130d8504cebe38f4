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

    @Test("farm moorMod 1: array_mooring Tmoor_PSD of every line end, FOWT motion PSDs unchanged by moorMod 1", .needsReference)
    func farmMoorMod1() throws {
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

    @Test("moorMod 2 (lumped-mass mooring in the dynamics, with potSecOrder 1): every PSD and statistic of RAFT's regression", .needsReference)
    func moorMod2Regression() throws {
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

    @Test("moorMod 2 without second-order loads vs the reference RAFT: tensions, motions, lumped-K eigen frequencies", .needsReference)
    func moorMod2FirstOrder() throws {
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

    /// Reference RAFT 2.0.4 on VolturnUS-S_farm-moorMod1 with `array_mooring.moorMod` set to 2 (shared lines' lumped
    /// M, A, B, K in the coupled system, lumped K in statics and eigen): per FOWT surge_avg [m], pitch_avg [deg],
    /// surge_std [m], pitch_std [deg]; array Tmoor_avg, Tmoor_std [N]; `solveEigen()` after the cases [Hz].
    enum FarmMoorMod2 {
        static let fowtStats: [[Double]] = [[28.29654375016523, 3.9448782475540343, 0.6138112606779381, 0.2723946650488992],
                                            [30.31691485485021, 4.081009869775648, 0.6387193569640118, 0.3116369317452887]]
        static let tmoorAvg = [3479760.956303177, 3513226.322101659, 489885.31182634307, 525805.1713605266, 2758028.5485559027,
                               3501712.8861176604, 3535152.911578245, 512378.95134312543, 548270.3731820469, 2769363.4947493044]
        static let tmoorStd = [37467.39866513731, 41796.69993672249, 44019.74768336374, 43835.722593194776, 32801.33218642155,
                               36261.20522910971, 40410.69721581524, 42656.94633620681, 42482.509713049134, 32642.984730080283]
        static let eigenHz = [0.010626493815399578, 0.007135133632680059, 0.05084864194786923, 0.037939089041221355,
                              0.03802037822132102, 0.01834769664676575, 0.007302668854582694, 0.006500830619626157,
                              0.050820251408643546, 0.03634933183285526, 0.03697382741459523, 0.012380345185583097]
    }

    @Test("farm with array_mooring moorMod 2 vs the reference RAFT: motions, shared-line tensions, eigen", .needsReference)
    func farmMoorMod2() throws {
        let base = try Design.load(path: Reference.url("reference/raft-regression/test_data/VolturnUS-S_farm-moorMod1.yaml").path)
        let design = try Design(root: base.root.setting(YAMLEditPath("array_mooring.moorMod"), number: 2), baseDirectory: base.baseDirectory)
        #expect(design.arrayMooring?.moorMod == 2)
        let result = try Self.run(design)
        let c = try #require(result.cases.first)
        for (j, want) in FarmMoorMod2.fowtStats.enumerated() {
            let m = c.fowts[j].metrics
            let got = try ["surge_avg", "pitch_avg", "surge_std", "pitch_std"].map { try #require(m[$0]).values[0] }
            expectAllClose(got, want, rtol: 1e-5, "farm moorMod 2 fowt \(j) surge/pitch avg/std")
        }
        let am = try #require(c.arrayMooring)
        expectAllClose(try #require(am["Tmoor_avg"]).values, FarmMoorMod2.tmoorAvg, rtol: 1e-5, "farm moorMod 2 array Tmoor_avg")
        expectAllClose(try #require(am["Tmoor_std"]).values, FarmMoorMod2.tmoorStd, rtol: 1e-5, "farm moorMod 2 array Tmoor_std")
        expectAllClose(try #require(result.eigenAfterCases).frequenciesHz, FarmMoorMod2.eigenHz, rtol: 1e-5, atol: 1e-6, "farm moorMod 2 eigen")
    }

    /// Reference RAFT `analyzeUnloaded()` on VolturnUS-S-moorMod2 (potSecOrder 0): `C_moor0` from the lumped K,
    /// `F_moor0`, the unloaded pose and `solveEigen()`.
    enum UnloadedMoorMod2 {
        static let cMoor0: [Double] = [74762.93083837628, 0.0, -0.9521275758743286, 0.0, 686371.9694412202, 0.0, 0.0, 74764.58435149983, 0.0,
                                       -686389.2365438114, 0.0, 20.77596300112782, -0.9521266669034958, 0.0, 53455.321255490184, 0.0,
                                       -24.005033433437347, 0.0, 0.0, -686389.2365438114, 0.0, 258673382.35337558, 0.0, 512.4229155182838,
                                       686371.9694412202, 0.0, -24.005033433437347, 0.0, 258673392.81588227, 0.0, 0.0, 20.77596300112782,
                                       0.0, 93.8968995437026, 0.0, 300576895.46211773]
        static let fMoor0 = [22.931477717123926, 0.0, -6084517.782115563, 0.0, 418.53087401390076, 0.0]
        static let r6 = [0.3960946978873649, 6.277740377806605e-17, -0.31951517292465154, 6.543727440718966e-18, -0.02562373263391616, -1.2751430369366908e-17]
        static let eigenHz = [0.0076780417615514, 0.0077010730690731935, 0.06063555222269432, 0.0380908088053583,
                              0.038019465186719524, 0.013035027763551506]
    }

    @Test("moorMod 2 analyzeUnloaded: lumped-K C_moor0, F_moor0, unloaded offset, eigen", .needsReference)
    func moorMod2Unloaded() throws {
        let design = try Design.load(path: Reference.url("reference/raft-regression/test_data/VolturnUS-S-moorMod2.yaml").path)
            .setting("platform.potSecOrder", to: 0)
        var model = try Model(design: design)
        let (offset, c0, f0) = try model.analyzeUnloaded()
        let scale = UnloadedMoorMod2.cMoor0.map(abs).max()!
        expectAllClose(c0.storage, UnloadedMoorMod2.cMoor0, rtol: 1e-5, atol: 1e-7 * scale, "C_moor0 (lumped K)")
        expectAllClose(f0, UnloadedMoorMod2.fMoor0, rtol: 1e-5, atol: 1e-3, "F_moor0")
        expectAllClose(offset, UnloadedMoorMod2.r6, rtol: 1e-5, atol: 1e-8, "unloaded offset")
        expectAllClose(try model.solveEigen().frequenciesHz, UnloadedMoorMod2.eigenHz, rtol: 1e-5, atol: 1e-6, "eigen after analyzeUnloaded")
    }
}
