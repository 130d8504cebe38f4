import Foundation
import Testing
@testable import RAFT

/// Whole-run comparison with RAFT 2.0.4 (designs-e2e): every case_metrics statistic and PSD.
@Suite("End to end vs RAFT 2.0.4 (designs-e2e)")
struct EndToEndTests {
    static func compare(_ result: RunResult, _ ref: [String: Any], name: String) throws {
        let metrics = ref["case_metrics"] as! [String: Any]
        for c in result.cases {
            let cm = metrics["\(c.index)"] as! [String: Any]
            for (j, f) in c.fowts.enumerated() {
                let want = cm["\(j)"] as! [String: Any]
                let ctx = "\(name) case \(c.index) fowt \(j)"
                var checked = 0
                for (key, value) in f.metrics.values {
                    guard let w = want[key] else { continue }
                    let d = try ReferenceArray(w).re
                    let scale = d.map(abs).max() ?? 0
                    expectAllClose(value.values, d, rtol: 1e-5, atol: 1e-5 * scale + 1e-9, "\(ctx) \(key)")
                    checked += 1
                }
                #expect(checked >= 40, "\(ctx): only \(checked) statistics compared")
                for (key, values) in f.metrics.psd {
                    var refKey = key
                    var column: Int?
                    if key.hasPrefix("Tmoor"), let k = Int(key.dropFirst(5).dropLast(4)) { refKey = "Tmoor_PSD"; column = k }
                    guard let w = want[refKey] else { Issue.record("\(ctx): no reference for \(key)"); continue }
                    let d = try ReferenceArray(w)
                    var desired = d.re
                    if let column { desired = Array(d.re[column * d.shape[1] ..< (column + 1) * d.shape[1]]) }
                    else if d.shape.count == 2 { desired = (0..<d.shape[0]).map { d.re[$0 * d.shape[1]] } }  // [nw, nrotors]
                    expectAllClose(values, desired, rtol: 1e-5, atol: 1e-3, "\(ctx) \(key)")
                }
            }
        }
    }

    @Test("case_metrics of every case", .needsReference, arguments: ["OC3spar", "VolturnUS-S", "OC4semi_patched"])
    func designs(name: String) throws {
        let ref = try Reference.json("designs-e2e/\(name).json") as! [String: Any]
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/\(name).yaml").path)
        let result = try runDesign(design)
        try Self.compare(result, ref, name: name)
        let u = ref["unloaded"] as! [String: Any]
        expectAllClose(result.unloaded!.offset, try ReferenceArray(u["offset_unloaded"]).re, rtol: 1e-5, atol: 1e-8, "\(name) offset")
        let e = ref["eigen_after_cases"] as! [String: Any]
        expectAllClose(result.eigenAfterCases!.frequenciesHz, try ReferenceArray(e["fn_Hz"]).re, rtol: 1e-5, atol: 1e-6, "\(name) eigen after cases")
    }
}

extension EndToEndTests {
    @Test("farm with shared mooring: per-FOWT metrics, array_mooring tensions, eigen after cases", .needsReference)
    func farm() throws {
        let name = "VolturnUS-S_farm_testdata"
        let ref = try Reference.json("designs-e2e/\(name).json") as! [String: Any]
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/\(name).yaml").path)
        let result = try runDesign(design)
        #expect(result.unloaded == nil)
        #expect(result.cases.first?.fowts.count == 2)
        try Self.compare(result, ref, name: name)
        let metrics = ref["case_metrics"] as! [String: Any]
        for c in result.cases {
            let am = try #require(c.arrayMooring)
            let want = (metrics["\(c.index)"] as! [String: Any])["array_mooring"] as! [String: Any]
            for key in ["Tmoor_avg", "Tmoor_std", "Tmoor_max", "Tmoor_min"] {
                let d = try ReferenceArray(want[key]).re
                expectAllClose(am[key]!.values, d, rtol: 1e-5, atol: 1e-5 * (d.map(abs).max() ?? 0), "\(name) case \(c.index) array \(key)")
            }
            let psd = try ReferenceArray(want["Tmoor_PSD"])
            for (k, values) in am.psd.enumerated() {
                let desired = Array(psd.re[k * psd.shape[1] ..< (k + 1) * psd.shape[1]])
                let context = "\(name) case \(c.index) array Tmoor\(k)_PSD"
                expectAllClose(values.values, desired, rtol: 1e-5, atol: 1e-3, context)
            }
        }
        let e = ref["eigen_after_cases"] as! [String: Any]
        expectAllClose(result.eigenAfterCases!.frequenciesHz, try ReferenceArray(e["fn_Hz"]).re, rtol: 1e-5, atol: 1e-6, "\(name) eigen after cases")
    }
}
