import Foundation
import Testing
@testable import RAFT

@Suite("Frequency grid and sea states")
struct SeaStateTests {
    static let designs = ["OC3spar", "VolturnUS-S", "OC4semi_patched", "Vertical_cylinder", "VolturnUS-S_farm_testdata"]

    @Test("grid, spectrum S and amplitudes zeta match designs-e2e to 1e-10", .needsReference, arguments: designs)
    func seaStates(name: String) throws {
        let ref = try Reference.json("designs-e2e/\(name).json") as! [String: Any]
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/\(name).yaml").path)
        let grid = FrequencyGrid(settings: design.settings)
        let w = try ReferenceArray(ref["w_rad_s"])
        expectAllClose(grid.omega, w.re, rtol: 1e-14, "\(name) w")
        let internals = ref["case_internals"] as? [Any] ?? []
        #expect(!internals.isEmpty)
        for (k, ci) in internals.enumerated() {
            guard let fowts = (ci as? [String: Any])?["fowt"] as? [Any], let f0 = fowts.first as? [String: Any] else {
                Issue.record("\(name): case_internals[\(k)] has no fowt"); continue
            }
            let s = try ReferenceArray(f0["S"]), zeta = try ReferenceArray(f0["zeta"])
            let lc = design.cases!.cases[k]
            for (h, train) in lc.waves.enumerated() {
                let sea = SeaState(train: train, grid: grid)
                let nw = grid.count
                expectAllClose(sea.spectrum, Array(s.re[h * nw ..< (h + 1) * nw]), rtol: 1e-10, atol: 1e-300, "\(name) case \(k) S[\(h)]")
                expectAllClose(sea.amplitude, Array(zeta.re[h * nw ..< (h + 1) * nw]), rtol: 1e-10, atol: 1e-300, "\(name) case \(k) zeta[\(h)]")
            }
        }
    }

    @Test("frequency grid has RAFT's length and starts at one step")
    func gridShape() {
        #expect(FrequencyGrid(minHz: 0.005, maxHz: 0.2).count == 40)
        #expect(FrequencyGrid(minHz: 0.005, maxHz: 0.4).count == 80)
        #expect(FrequencyGrid(minHz: 0.0025, maxHz: 0.2).count == 80)
        #expect(FrequencyGrid(minHz: 0.02, maxHz: 0.2).count == 10)
        #expect(abs(FrequencyGrid(minHz: 0.005, maxHz: 0.2).omega[0] - 0.005 * 2 * .pi) < 1e-15)
    }

    @Test("JONSWAP default gamma rule: Tp/sqrt(Hs) ≥ 5 gives gamma 1 (Pierson-Moskowitz)")
    func jonswapGammaRule() {
        // With gamma = 1 the explicit and default forms must agree.
        for w in stride(from: 0.2, to: 2.0, by: 0.1) {
            #expect(jonswap(omega: w, hs: 2, tp: 12) == jonswap(omega: w, hs: 2, tp: 12, gamma: 1))
        }
        // Spectral moment m0 ≈ Hs²/16.
        let grid = FrequencyGrid(minHz: 0.001, maxHz: 2)
        let m0 = grid.omega.map { jonswap(omega: $0, hs: 4, tp: 10, gamma: 3.3) }.reduce(0, +) * grid.dw
        #expect(abs(m0 - 1.0) < 0.02)
    }

    @Test("waveNumber reproduces RAFT's loose iteration (inline_test_helpers test_waveKin)")
    func waveNumberLoose() {
        // Spec 06 §8.4 example: ω = 0.1 rad/s, h = 200 m.
        #expect(abs(waveNumber(omega: 0.1, depth: 200) / 0.0023362303994434786 - 1) < 1e-13)  // libm tanh may differ by an ulp
        // Deep water limit ω²/g.
        #expect(abs(waveNumber(omega: 2, depth: 1000) - 4 / 9.81) < 1e-12)
    }
}
