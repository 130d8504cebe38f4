import Foundation
import Testing
@testable import RAFT
@testable import RAFTIO

/// `case<i>_fowt<j>_rao.csv` against RAFT 2.0.4's `<dof>_RA` (designs-e2e `case_metrics`).
@Suite("RAO CSV vs RAFT's <dof>_RA")
struct RAOOutputTests {
    /// Columns of a CSV by header name.
    static func columns(_ text: String) -> [String: [Double]] {
        let lines = text.split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        var out: [String: [Double]] = [:]
        for (c, name) in header.enumerated() { out[name] = lines.dropFirst().map { Double($0.split(separator: ",")[c])! } }
        return out
    }

    /// Tolerances: RAFT's rtol 1e-5 with an absolute floor of 1e-5 × the case's largest |RA| over the six DOFs (m and
    /// deg), as RAFT's PSD comparisons use an absolute floor: a DOF that is not excited (sway or roll in a head
    /// sea, |RA| ~ 1e-11) is round-off in both codes. Phases are compared where |RA| > 1e-3 × that scale.
    @Test("RA_re/RA_im equal RAFT's <dof>_RA[0] (rtol 1e-5, atol 1e-5 of the case's peak |RA|); RAO = RA/zeta",
          .needsReference, arguments: ["OC3spar", "VolturnUS-S", "OC4semi_patched"])
    func againstRAFT(name: String) throws {
        let ref = try Reference.json("designs-e2e/\(name).json") as! [String: Any]
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/\(name).yaml").path)
        let result = try runDesign(design)
        let metrics = ref["case_metrics"] as! [String: Any]
        let internals = ref["case_internals"] as? [Any]
        for c in result.cases {
            let cm = (metrics["\(c.index)"] as! [String: Any])["0"] as! [String: Any]
            let text = try #require(RunWriter.raoCSV(c.fowts[0].metrics, grid: result.grid))
            let cols = Self.columns(text)
            let header = text.prefix { $0 != "\n" }.split(separator: ",").map(String.init)
            // one wave train and RAFT's zero wind row: 2 + 6 × 4 columns, no `_s1`
            #expect(header.count == 2 + 6 * 4, "\(name) case \(c.index): \(header)")
            #expect(Array(header.prefix(6)) == ["freq_Hz", "omega_rad_s", "surge_RA_re", "surge_RA_im", "surge_RAO_mag", "surge_RAO_phase_deg"])
            let zeta: [Double]? = try internals.map { list in
                let f = SolverFromReferenceTests.fowt0((list[c.index] as! [String: Any])["fowt"])
                return Array(try ReferenceArray(f["zeta"]).re.prefix(result.grid.count))
            }
            let caseScale = try CaseChannels.dofNames.map { dof -> Double in
                let ra = try ReferenceArray(cm["\(dof)_RA"])
                return zip(ra.re, ra.im!).map { ($0 * $0 + $1 * $1).squareRoot() }.max()!
            }.max()!
            for dof in CaseChannels.dofNames {
                let ra = try ReferenceArray(cm["\(dof)_RA"])
                let nw = ra.shape[1]
                #expect(ra.shape[0] == 2 && ra.re[nw...].allSatisfy { $0 == 0 } && ra.im![nw...].allSatisfy { $0 == 0 },
                        "\(name): RAFT's wind row of \(dof)_RA is zero")
                let re = Array(ra.re[0..<nw]), im = Array(ra.im![0..<nw])
                let scale = caseScale
                let ctx = "\(name) case \(c.index) \(dof)"
                expectAllClose(cols["\(dof)_RA_re"]!, re, rtol: 1e-5, atol: 1e-5 * scale, "\(ctx) RA_re")
                expectAllClose(cols["\(dof)_RA_im"]!, im, rtol: 1e-5, atol: 1e-5 * scale, "\(ctx) RA_im")
                if let zeta {
                    let want = (0..<nw).map { j in zeta[j] > 0 ? (re[j] * re[j] + im[j] * im[j]).squareRoot() / zeta[j] : 0 }
                    let rao = cols["\(dof)_RAO_mag"]!
                    #expect(rao.max()! > 0)
                    // |RAO| = |RA|/ζ: the floor of RA divided by ζ at each frequency
                    for j in 0..<nw where zeta[j] > 0 {
                        #expect(abs(rao[j] - want[j]) <= 1e-5 * want[j] + 1e-5 * scale / zeta[j], "\(ctx) RAO_mag[\(j)] \(rao[j]) vs \(want[j])")
                    }
                    // phase where the response is not negligible
                    let phase = cols["\(dof)_RAO_phase_deg"]!
                    for j in 0..<nw where want[j] * zeta[j] > 1e-3 * scale {
                        var d = phase[j] - atan2(im[j], re[j]) * 180 / .pi
                        d -= 360 * (d / 360).rounded()
                        #expect(abs(d) < 1e-3, "\(ctx) phase at \(j): \(phase[j])")
                    }
                }
            }
        }
    }

    @Test("a second wave train gets _s1 columns; the CSV has one row per frequency")
    func secondSource() throws {
        var m = CaseMetrics()
        let grid = FrequencyGrid(settings: try Design.load(path: Reference.repoRoot.appendingPathComponent("designs/OC3spar.yaml").path).settings)
        let nw = grid.count
        let a = (0..<nw).map { Complex(Double($0), 1) }
        m.responseAmplitudes = CaseChannels.dofNames.map { ("\($0)_RA", [a, a, [Complex](repeating: .zero, count: nw)]) }
        m.waveAmplitudes = [[Double](repeating: 2, count: nw), [Double](repeating: 0, count: nw)]
        let text = try #require(RunWriter.raoCSV(m, grid: grid))
        let cols = Self.columns(text)
        #expect(text.split(separator: "\n").count == nw + 1)
        #expect(cols["pitch_RA_re_s1"] != nil && cols["pitch_RAO_mag_s1"] != nil && cols["pitch_RA_re_s2"] == nil)
        #expect(cols["pitch_RAO_mag"]![3] == Complex(3, 1).length / 2)
        #expect(cols["pitch_RAO_mag_s1"]!.allSatisfy { $0 == 0 }, "zero wave amplitude: RAO written as 0")
    }
}
