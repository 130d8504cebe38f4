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
}
