import Foundation
import Testing
@testable import RAFT

@Suite("Case channels from RAFT's responses")
struct CaseChannelTests {
    @Test("motion and wave channels from case_internals Xi/r6 match case_metrics", .needsReference, arguments: ["OC3spar", "VolturnUS-S", "OC4semi_patched"])
    func motions(name: String) throws {
        let ref = try Reference.json("designs-e2e/\(name).json") as! [String: Any]
        let omega = try ReferenceArray(ref["w_rad_s"]).re
        let nw = omega.count
        let metrics = ref["case_metrics"] as! [String: Any]
        for (k, ciAny) in (ref["case_internals"] as! [Any]).enumerated() {
            let f = SolverFromReferenceTests.fowt0((ciAny as! [String: Any])["fowt"])
            let xi = try ReferenceArray(f["Xi"])   // [rows, 6, nw]
            let rows = xi.shape[0]
            let response: [[Complex]] = (0..<rows).map { h in
                var r = [Complex](repeating: .zero, count: 6 * nw)
                for d in 0..<6 { for j in 0..<nw { let i = (h * 6 + d) * nw + j; r[j * 6 + d] = Complex(xi.re[i], xi.im![i]) } }
                return r
            }
            let zeta = try ReferenceArray(f["zeta"])
            let nWaves = zeta.shape[0]
            let input = MotionChannelInputs(r6: try ReferenceArray(f["r6"]).re, xRef: 0, yRef: 0, response: response,
                                            omega: omega, dw: omega[1] - omega[0],
                                            zeta: (0..<nWaves).map { Array(zeta.re[$0 * nw ..< ($0 + 1) * nw]) })
            var out = CaseMetrics()
            CaseChannels.motions(input, into: &out)
            let cm = (metrics["\(k)"] as! [String: Any])["0"] as! [String: Any]
            for dof in CaseChannels.dofNames {
                for stat in ["avg", "std", "max", "min"] {
                    let want = try ReferenceArray(cm["\(dof)_\(stat)"]).re
                    expectAllClose(out["\(dof)_\(stat)"]!.values, want, rtol: 1e-6, atol: 1e-9, "\(name) case \(k) \(dof)_\(stat)")
                }
                expectAllClose(out.psd("\(dof)_PSD")!, try ReferenceArray(cm["\(dof)_PSD"]).re, rtol: 1e-5, atol: 1e-3,
                               "\(name) case \(k) \(dof)_PSD")
            }
            expectAllClose(out.psd("wave_PSD")!, try ReferenceArray(cm["wave_PSD"]).re, rtol: 1e-10, atol: 0, "\(name) case \(k) wave_PSD")
        }
    }
}
