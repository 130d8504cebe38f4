import Foundation
import Testing
@testable import RAFT

@Suite struct CaseFatigueTests {
    static let designs = Reference.repoRoot.appendingPathComponent("designs")

    /// Every case and FOWT gets the documented keys; the moments are those of the PSD columns (m0 = std² to
    /// round-off), the narrow-band DEL and the MPM follow their closed forms from `<ch>_std` and ν0.
    @Test func keysAndClosedFormsOnOC3spar() throws {
        let design = try Design.load(path: Self.designs.appendingPathComponent("OC3spar.yaml").path)
        let run = try runDesign(design)
        let g = run.grid
        for c in run.cases {
            let m = c.fowts[0].metrics
            for (channel, psdKeys, dw) in [("Mbase", ["Mbase_PSD"], g.dw), ("Tmoor", (0..<6).map { "Tmoor\($0)_PSD" }, g.omega[0])] {
                let std = try #require(m["\(channel)_std"]).values, avg = try #require(m["\(channel)_avg"]).values
                #expect(std.count == psdKeys.count)
                for (k, key) in psdKeys.enumerated() {
                    let mom = SpectralMoments(psd: try #require(m.psd(key)), omega: g.omega, dw: dw)
                    #expect(abs(mom.std / std[k] - 1) < 1e-12, "case \(c.index) \(key): √m0 vs std")
                    let nu0 = mom.zeroUpcrossingRate
                    for slope in [3.0, 4.0, 5.0] {
                        let nb = try #require(m["\(channel)_DEL_nb_m\(Int(slope))"]).values[k]
                        let closed = pow(nu0 * pow(2 * (2.0).squareRoot() * std[k], slope) * tgamma(1 + slope / 2), 1 / slope)
                        #expect(abs(nb / closed - 1) < 1e-12, "case \(c.index) \(key) m = \(slope)")
                        let dirlik = try #require(m["\(channel)_DEL_m\(Int(slope))"]).values[k]
                        let tb = try #require(m["\(channel)_DEL_tb_m\(Int(slope))"]).values[k]
                        #expect(dirlik > 0 && dirlik <= nb * (1 + 1e-12) && tb <= nb * (1 + 1e-12))
                    }
                    let mpm = try #require(m["\(channel)_mpm"]).values[k]
                    #expect(abs(mpm - (avg[k] + std[k] * (2 * log(nu0 * 3600)).squareRoot())) <= 1e-12 * abs(mpm))
                }
            }
            #expect(m["pitch_mpm"] != nil && m["surge_mpm"] != nil && m["AxRNA_mpm"] != nil)
            if case .scalar = try #require(m["pitch_mpm"]) {} else { Issue.record("pitch_mpm should be a scalar like pitch_avg") }
        }
        #expect(run.lifetimeFatigue == nil)
    }

    /// The `fatigue:` section: lifetime DELs are the probability-weighted m-norm of the case DELs; damage uses the
    /// DNV chain curve; a duration change rescales the DEL only through N_eq.
    @Test func lifetimeFromCaseWeights() throws {
        let text = try String(contentsOf: Self.designs.appendingPathComponent("OC3spar.yaml"), encoding: .utf8) + """

        fatigue:
          design_life: 20
          case_hours: [4383, 1753.2, 2629.8]
          slopes: [4]
          reference_frequency: 0.5
          exceedance: [0.01]
          sn_curves:
            - {channel: Tmoor, dnv: studless_chain, diameter: 0.09}
        """
        let design = try Design.parse(text, file: "oc3-fatigue.yaml", baseDirectory: Self.designs.path)
        #expect(design.fatigue.slopes == [4, 3])
        let p = try #require(design.fatigue.caseProbability)
        #expect(abs(p[0] - 0.5) < 1e-15 && abs(p.reduce(0, +) - 1) < 1e-12)
        let run = try runDesign(design)
        let life = try #require(run.lifetimeFatigue)
        let f = Dictionary(uniqueKeysWithValues: life.fowts[0].map { ($0.key, $0.value) })
        for (key, m) in [("Mbase_DEL", 4.0), ("Tmoor_DEL", 3.0)] {
            let lifeDEL = try #require(f["\(key)_life_m\(Int(m))"]).values
            for k in lifeDEL.indices {
                let sum = zip(run.cases, p).reduce(0.0) { $0 + $1.1 * pow($1.0.fowts[0].metrics["\(key)_m\(Int(m))"]!.values[k], m) }
                #expect(abs(lifeDEL[k] / pow(sum, 1 / m) - 1) < 1e-12)
            }
        }
        let tDEL = try #require(f["Tmoor_DEL_life_m3"]).values
        let damage = try #require(f["Tmoor_damage_life"]).values
        let k = 6.0e10 * pow(2 * Double.pi * 90 * 90 / 4, 3)
        for i in damage.indices {
            #expect(abs(damage[i] / (20 * 8766 * 3600 * 0.5 * pow(tDEL[i], 3) / k) - 1) < 1e-12)
        }
        // 0.5 Hz reference: DEL = (ν·E[S^m]/0.5)^(1/m).
        let m0 = run.cases[0].fowts[0].metrics
        let mom = SpectralMoments(psd: m0.psd("Mbase_PSD")!, omega: run.grid.omega, dw: run.grid.dw)
        let expected = pow(SpectralFatigue.damageRate(mom, slope: 4).intensity / 0.5, 0.25)
        #expect(abs(m0["Mbase_DEL_m4"]!.values[0] / expected - 1) < 1e-12)
        #expect(m0["Mbase_max_pe0.01"] != nil)
        // Sweep metrics carry the lifetime values.
        let names = Set(SweepMetrics.metrics(of: run).map(\.0))
        #expect(names.isSuperset(of: ["Mbase_DEL_m4", "Mbase_mpm", "Tmoor_DEL_life_m3", "Tmoor_damage_life", "case0.Mbase_DEL_m4"]))
    }

    @Test(arguments: [
        ("case_probability: [0.5, 0.5]", "fatigue.case_probability", "expected 3 values (one per load case), got 2"),
        ("case_probability: [0.5, 0.5, 0.5]", "fatigue.case_probability", "add up to 1.5"),
        ("slopes: [3, -1]", "fatigue.slopes", "expected positive S–N slopes"),
        ("sn_curves: [{channel: Tmoor, dnv: chain, diameter: 0.1}]", "fatigue.sn_curves[0].dnv", "expected one of"),
        ("duration: 0", "fatigue.duration", "expected a positive duration"),
        ("case_duration: [3600, 3600]", "fatigue.case_duration", "expected 3 values (one per load case), got 2"),
        ("case_duration: [3600, 0, 3600]", "fatigue.case_duration", "expected positive durations in s"),
        ("goodman: [{channel: Mbase, ultimate: -1}]", "fatigue.goodman[0].ultimate", "expected a positive ultimate load"),
        ("goodman: [{channel: Mbase, ultimate: 1e9}, {channel: Mbase, ultimate: 2e9}]", "fatigue.goodman[1].channel", "a second Goodman correction"),
    ])
    func badFatigueSection(_ line: String, _ path: String, _ message: String) throws {
        let text = try String(contentsOf: Self.designs.appendingPathComponent("OC3spar.yaml"), encoding: .utf8)
            + "\nfatigue:\n  \(line)\n"
        do {
            _ = try Design.parse(text, file: "bad.yaml", baseDirectory: Self.designs.path)
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.file == "bad.yaml" && error.line != nil)
            #expect(error.path.description == path, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }
}

/// `fatigue.case_duration` and `fatigue.goodman` (issue 15: per-case durations, Goodman mean-load correction).
@Suite struct FatigueDurationGoodmanTests {
    static let designs = Reference.repoRoot.appendingPathComponent("designs")

    @Test func perCaseDurationAndGoodman() throws {
        let base = try String(contentsOf: Self.designs.appendingPathComponent("OC3spar.yaml"), encoding: .utf8)
        let plain = try runDesign(try Design.parse(base, file: "oc3.yaml", baseDirectory: Self.designs.path))
        let text = base + """

        fatigue:
          case_duration: [3600, 10800, 600]
          case_probability: [0.5, 0.2, 0.3]
          slopes: [4]
          goodman:
            - {channel: Mbase, ultimate: 1.5e9}
            - {channel: Tmoor, ultimate: 8.0e6}
          sn_curves:
            - {channel: Tmoor, dnv: studless_chain, diameter: 0.09}
        """
        let design = try Design.parse(text, file: "oc3-fatigue.yaml", baseDirectory: Self.designs.path)
        #expect(design.fatigue.caseDuration == [3600, 10800, 600])
        #expect(design.fatigue.duration(ofCase: 1) == 10800 && design.fatigue.goodmanUltimate("Mbase") == 1.5e9)
        let run = try runDesign(design)
        for c in run.cases.indices {
            let m = run.cases[c].fowts[0].metrics, p = plain.cases[c].fowts[0].metrics
            // 1 Hz DELs do not depend on T (N_eq = f_ref·T); the most-probable maximum does.
            #expect(m["Mbase_DEL_m4"]!.values == p["Mbase_DEL_m4"]!.values)
            let mean = m["Mbase_avg"]!.values[0], sigma = m["Mbase_std"]!.values[0]
            let mom = SpectralMoments(psd: m.psd("Mbase_PSD")!, omega: run.grid.omega, dw: run.grid.dw)
            let t = [3600.0, 10800, 600][c]
            let expected = mean + sigma * (2 * log(mom.zeroUpcrossingRate * t)).squareRoot()
            #expect(abs(m["Mbase_mpm"]!.values[0] / expected - 1) < 1e-12, "case \(c)")
            if c == 0 { #expect(m["Mbase_mpm"]!.values == p["Mbase_mpm"]!.values) }
            if c != 0 { #expect(m["Mbase_mpm"]!.values != p["Mbase_mpm"]!.values) }
            // Goodman: DEL/(1 − |mean|/S_u) per entry.
            for (ch, su) in [("Mbase", 1.5e9), ("Tmoor", 8.0e6)] {
                let del = m["\(ch)_DEL_m4"]!.values, gm = m["\(ch)_DEL_gm_m4"]!.values, avg = m["\(ch)_avg"]!.values
                for k in del.indices {
                    #expect(abs(gm[k] / (del[k] / (1 - abs(avg[k]) / su)) - 1) < 1e-14)
                    #expect(gm[k] > del[k])
                }
            }
        }
        // Lifetime: corrected lifetime DELs, and the damage uses the corrected DELs (slope 3 of the chain curve).
        let life = Dictionary(uniqueKeysWithValues: try #require(run.lifetimeFatigue).fowts[0].map { ($0.key, $0.value) })
        let gm3 = try #require(life["Tmoor_DEL_gm_life_m3"]).values
        let damage = try #require(life["Tmoor_damage_life"]).values
        let k = 6.0e10 * pow(2 * Double.pi * 90 * 90 / 4, 3)
        for i in damage.indices { #expect(abs(damage[i] / (25 * 8766 * 3600 * pow(gm3[i], 3) / k) - 1) < 1e-12) }
        #expect(life["Mbase_DEL_gm_life_m4"] != nil)
    }
}
