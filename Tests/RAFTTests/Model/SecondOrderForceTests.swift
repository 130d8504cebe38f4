import Foundation
import Testing
@testable import RAFT

/// `calcHydroForce_2ndOrd` (spec 05 §6): mean drift and slow-drift amplitudes from RAFT's own slender-body QTF
/// (VolturnUS-S_true_calcQTF_slenderBody.json) and a JONSWAP sea state (Hs 6 m, Tp 12 s) on the 0.005…0.2 Hz grid.
@Suite("Second-order wave force from a QTF")
struct SecondOrderForceTests {
    /// Expected values computed by openraft 2.0.4's `FOWT.calcHydroForce_2ndOrd(radians(30), JONSWAP(w, 6, 12))`
    /// with `fowt.qtf` set to the reference QTF (values at bins 0, 5, 10, 20 of the shifted slow-drift force).
    static let mean = [78179.06486486353, 45304.97731375685, 229992.30630175263, -127255.14644258317,
                       -270783.00574614934, 98003.65132836618]
    static let slowDrift: [[Double]] = [
        [31680.224821866042, 54315.48864232577, 81360.65471626497, 65625.73166723829],
        [19688.322494277807, 25836.1256866786, 6374.455141027892, 36463.42555083598],
        [108996.38374455141, 100895.184015257, 83695.0651723084, 30350.555854891274],
        [114254.74463191393, 533177.4750221627, 700778.7511715083, 352016.4965229125],
        [327992.8411351092, 1589135.406445053, 2144821.151532071, 612596.3683528085],
        [102391.89634707016, 1282187.5176958, 2056858.6692615056, 691430.0492273034],
    ]

    @Test("mean drift and slow-drift amplitudes match RAFT", .needsReference)
    func matchesRAFT() throws {
        let ref = try Reference.json("raft-regression/json/VolturnUS-S_true_calcQTF_slenderBody.json") as! [String: Any]
        let q = try ReferenceArray((ref["data"] as! [String: Any])["qtf"])
        let n2 = q.shape[0]
        #expect(q.shape == [23, 23, 1, 6])
        let grid = FrequencyGrid(minHz: 0.005, maxHz: 0.2)
        let w2 = SlenderBodyQTF.grid(minHz: 0.04, maxHz: 0.2, stepHz: 0.008)
        #expect(w2.count == n2)
        var qtf = SlenderBodyQTF(members: [], endAreas: [], structuralMass: Matrix6(), rao: nil, mainOmega: grid.omega,
                                 omega: w2, waveNumbers: w2.map { waveNumber(omega: $0, depth: 200) }, heading: 0,
                                 depth: 200, rho: 1025, g: 9.81)
        let im = try #require(q.im)
        qtf.values = (0..<(n2 * n2 * 6)).map { Complex(q.re[$0], im[$0]) }  // [i1][i2][heading 0][dof]
        let s = grid.omega.map { jonswap(omega: $0, hs: 6, tp: 12) }
        let f = SecondOrderForce(qtf: qtf, omega: grid.omega, spectrum: s)
        expectAllClose(f.mean, Self.mean, rtol: 1e-10, atol: 0, "mean drift")
        for d in 0..<6 {
            expectAllClose([0, 5, 10, 20].map { f.slowDrift[d][$0] }, Self.slowDrift[d], rtol: 1e-10, atol: 0, "slow drift DOF \(d)")
            #expect(f.slowDrift[d][grid.count - 1] == 0, "last bin carries no load (shift)")
        }
        // Pairs (w_a, w_a+μ) inside the QTF grid (0.04…0.2 Hz of the main grid) span at most μ = 32 bins; the QTF is 0
        // outside, so shifted bins j ≥ 32 (μ = j + 1) carry no load while j = 31 does.
        #expect(f.slowDrift[0][32] == 0 && f.slowDrift[0][36] == 0)
        #expect(f.slowDrift[0][31] > 0)
    }

    @Test("getRAO divides by the amplitude and zeroes negligible components")
    func rao() {
        let xi = (0..<12).map { Complex(Double($0), 1) }
        let r = responseAmplitudeOperator(xi, zeta: [2, 1e-7])
        #expect(r[0, 0] == Complex(0, 0.5))
        #expect(r[5, 0] == Complex(2.5, 0.5))
        #expect(r[3, 1] == .zero)
    }
}
