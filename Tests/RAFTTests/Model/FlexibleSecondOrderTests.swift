import Foundation
import Testing
@testable import RAFT

/// Slender-body second-order wave loads (potSecOrder 1) on flexible FOWTs (FlexibleFOWTSecondOrder.swift). RAFT 2.0.4
/// has no QTF for them (it uses a zero one, i.e. the potSecOrder 0 results), so they are checked against the rigid
/// model in the rigid limit and by the farm invariant.
@Suite("Model: second-order wave loads on flexible FOWTs")
struct FlexibleSecondOrderTests {
    /// `platform.potSecOrder` 1 with the second-order grid of RAFT's VolturnUS-S regression design (0.04–0.2 Hz,
    /// 0.008 Hz steps).
    static func secondOrder(_ t: String) -> String {
        FlexibleDesigns.replacing(t, "    potModMaster :   1\n",
                                  "    potModMaster :   1\n    potSecOrder  :   1\n    min_freq2nd  :   0.040\n    df_freq2nd   :   0.008\n    max_freq2nd  :   0.200\n")
    }

    static func options() -> RunOptions {
        var o = RunOptions()
        o.analyzeUnloaded = false  // the cases alone (see FlexibleRigidLimitTests.caseStatistics)
        return o
    }

    /// The in-plane channel whose scale a channel that is zero by symmetry in a head sea is measured on (the
    /// flexible model's statics leave ~1e-6 m of sway without second-order loads; the slow drift carries that on).
    static let inPlane = ["sway": "surge", "roll": "pitch", "yaw": "pitch", "AyRNA": "AxRNA", "FbaseY": "FbaseX",
                          "MbaseX": "MbaseY", "MbaseZ": "MbaseY"]

    /// Largest |avg|, |max|, |min|, |std| of channel `stem` in `m`.
    static func scale(_ m: CaseMetrics, _ stem: String) -> Double {
        ["avg", "max", "min", "std"].compactMap { m["\(stem)_\($0)"]?.values.map(abs).max() }.max() ?? 0
    }

    /// RAFT's statistics (`_avg/_std/_max/_min`) of `a` against `b`, each within `rtol` of its channel's scale in `b`
    /// (channels zero by symmetry: of their in-plane counterpart's; 1e-6 floor); returns the number compared.
    static func compareStatistics(_ a: CaseMetrics, _ b: CaseMetrics, rtol: Double, _ what: String) -> Int {
        var compared = 0
        for (key, value) in b.values where ["_avg", "_std", "_max", "_min"].contains(where: { key.hasSuffix($0) }) {
            guard let av = a[key]?.values else { Issue.record("\(what): \(key) missing"); continue }
            let stem = key.split(separator: "_").dropLast().joined(separator: "_")
            let scale = max(Self.scale(b, stem), Self.inPlane[stem].map { Self.scale(b, $0) } ?? 0)
            expectAllClose(av, value.values, rtol: 0, atol: max(rtol * scale, 1e-6), "\(what) \(key)")
            compared += 1
        }
        return compared
    }

    @Test("Rᵀ·M_struc·R of VolturnUS-S-flexible (uniform tower, E and G ×1e4) is the rigid twin's M_struc (1e-9 of its largest entry; moments of inertia 2e-3); R maps the PRP's rigid-body motion onto every node",
          .enabled(if: Reference.isAvailable))
    func rigidBodyMass() throws {
        let base = FlexibleDesigns.uniformTower(try FlexibleDesigns.text())
        let rd = try FlexibleDesigns.design(FlexibleDesigns.rigid(base))
        let rigid = try FOWTStatics(members: try FOWTMembers(design: rd, fowt: 0), platform: rd.platforms[0], rho: rd.site.rhoWater, g: rd.site.g)
        let fd = try FlexibleDesigns.design(FlexibleDesigns.stiffened(base, 1e4))
        for f in FlexibleFormulation.allCases {
            let s = try FlexibleRigidLimitTests.statics(fd, f)
            let m = s.rigidBodyMass, mr = rigid.structuralMass
            let scale = mr.storage.map(abs).max()!
            // mass, first moments and products of inertia to round-off; the moments of inertia within 2e-3 (the beams'
            // FE mass matrices lump each segment's rotary inertia differently from the rigid members' strips: measured
            // 2.5e-4 in roll and pitch, 1.1e-3 in yaw)
            let diagonal = [21, 28, 35]
            expectAllClose(m.storage.indices.filter { !diagonal.contains($0) }.map { m.storage[$0] },
                           mr.storage.indices.filter { !diagonal.contains($0) }.map { mr.storage[$0] },
                           rtol: 0, atol: 1e-9 * scale, "\(f) Rᵀ·M_struc·R")
            expectAllClose(diagonal.map { m.storage[$0] }, diagonal.map { mr.storage[$0] }, rtol: 2e-3, "\(f) moments of inertia")
            // T·R is a rigid-body motion of every node: a pitch θ moves node k by θ·z_k in surge
            let tr = s.rigidBodyMap
            for (j, d) in s.dofs.enumerated() where d.dof == 0 {
                #expect(tr[j, 4] == s.graph.nodes[d.node].r0.z && tr[j, 0] == 1)
            }
        }
    }

    @Test("rigid limit: VolturnUS-S-flexible with potSecOrder 1, E and G ×1e4, consistent: every case statistic and the mean drift of the rigid model within 1e-3 of their scale; the second-order loads move surge by > 50× that",
          .enabled(if: Reference.isAvailable))
    func rigidLimit() throws {
        let base = FlexibleRigidLimitTests.caseZeroOnly(FlexibleDesigns.uniformTower(try FlexibleDesigns.text()))
        func run(_ text: String) throws -> FOWTCaseResult {
            let r = try runDesign(try FlexibleDesigns.design(text), options: Self.options())
            #expect(r.cases.count == 1)
            return r.cases[0].fowts[0]
        }
        let flexible = { (t: String) in FlexibleDesigns.consistent(FlexibleDesigns.stiffened(t, 1e4)) }
        let rigid2 = try run(FlexibleDesigns.rigid(Self.secondOrder(base)))
        let flex2 = try run(flexible(Self.secondOrder(base)))
        let flex1 = try run(flexible(base))
        #expect(Self.compareStatistics(flex2.metrics, rigid2.metrics, rtol: 1e-3, "potSecOrder 1") > 40)
        // the mean drift itself (surge force, pitch moment, ...) on the scale of its largest force and moment
        let dr = try #require(rigid2.meanWaveDrift), df = try #require(flex2.meanWaveDrift)
        let fScale = dr[0..<3].map(abs).max()!, mScale = dr[3..<6].map(abs).max()!
        expectAllClose(Array(df[0..<3]), Array(dr[0..<3]), rtol: 0, atol: 1e-3 * fScale, "mean drift force")
        expectAllClose(Array(df[3..<6]), Array(dr[3..<6]), rtol: 0, atol: 1e-3 * mScale, "mean drift moment")
        #expect(flex1.meanWaveDrift == nil)
        // not negligible: the mean surge and its std change by far more than the tolerance above (measured: 227 and
        // 93 times; mean surge 0.48 → 1.55 m, std 0.61 → 1.05 m)
        for key in ["surge_avg", "surge_std"] {
            let with = flex2.metrics[key]!.values[0], without = flex1.metrics[key]!.values[0]
            let scale = Self.scale(rigid2.metrics, "surge")
            #expect(abs(with - without) > 50 * 1e-3 * scale, "\(key): potSecOrder 1 \(with) vs 0 \(without) (scale \(scale))")
        }
        #expect(dr[0] > 0, "a head sea drifts the FOWT downwave (surge drift \(dr[0]) N)")
    }

    /// `text` as a farm of FOWTs on two platforms (`platforms:` the design's platform twice; the second with
    /// `secondEdit` applied), rows (turbineID, platformID, mooringID, x, y, heading).
    static func twoPlatformFarm(_ text: String, firstEdit: (String) -> String = { $0 }, secondEdit: (String) -> String,
                                rows: [[Double]]) throws -> String {
        let a = try #require(text.range(of: "\nplatform:\n")), b = try #require(text.range(of: "\njoints:"))
        let body = String(text[a.upperBound..<b.lowerBound])
        // the platform's keys are indented by 4: the first becomes a list item, the others keep their column
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.firstIndex { $0.hasPrefix("    ") && !$0.hasPrefix("     ") })
        func item(_ s: String) -> String {
            var l = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            l[first] = "  - " + l[first].dropFirst(4)
            return l.joined(separator: "\n")
        }
        var s = text
        s.replaceSubrange(a.lowerBound..<b.lowerBound, with: "\nplatforms:\n" + item(firstEdit(body)) + "\n" + item(secondEdit(body)))
        return FlexibleFarmTests.farm(s, rows: rows)
    }

    @Test("farm: FOWT 1 with potSecOrder 1 and FOWT 2 without (RAFT's rule: the QTF on the first FOWT only), both flexible, no shared lines: FOWT 1 as its single-FOWT run (at one position bit-identical, 5 km apart within 5e-8 of each channel's scale), FOWT 2 within 1e-6; potSecOrder 1 on FOWT 2 is refused",
          .enabled(if: Reference.isAvailable), arguments: [0.0, 5000.0])
    func farm(separation x: Double) throws {
        // nIter 10: with RAFT's 4 the drag linearisation of this design does not converge in case 0, so no QTF is
        // computed (as in RAFT)
        let base = FlexibleDesigns.replacing(FlexibleRigidLimitTests.caseZeroOnly(try FlexibleDesigns.text()),
                                             "    nIter        :   4\n", "    nIter        :   10\n")
        let with = Self.secondOrder(base)
        let single2 = try runDesign(try FlexibleDesigns.design(with), options: FlexibleFarmTests.options())
        let single1 = try runDesign(try FlexibleDesigns.design(base), options: FlexibleFarmTests.options())
        let farmText = try Self.twoPlatformFarm(with, secondEdit: { $0.replacingOccurrences(of: "    potSecOrder  :   1\n", with: "") },
                                                rows: [[1, 1, 1, 0, 0, 0], [1, 2, 1, x, 0, 0]])
        let design = try FlexibleDesigns.design(farmText)
        #expect(design.platforms.count == 2 && design.platforms[0].potSecOrder == 1 && design.platforms[1].potSecOrder == 0)
        let farm = try runDesign(design, options: FlexibleFarmTests.options())
        #expect(farm.cases.count == 1 && farm.cases[0].fowts.count == 2)
        for (j, single) in [single2, single1].enumerated() {
            let f = farm.cases[0].fowts[j], s = single.cases[0].fowts[0]
            if j == 0 {
                // 5 km apart: FOWT 2's mooring, solved at absolute positions, changes the stacked statics' iterations
                // (FlexibleFarmTests.farmMatchesSingle)
                let (worst, key) = FlexibleFarmTests.worstDifference(f.metrics, s.metrics, rtol: 5e-8, exact: x == 0)
                #expect(worst <= (x == 0 ? 0 : 1), "FOWT 1: \(key) differs by \(worst) of its scale")
            } else {
                var worst = 0.0, which = ""
                for (key, value) in s.metrics.values where ["_avg", "_std", "_max", "_min"].contains(where: { key.hasSuffix($0) }) {
                    let stem = key.split(separator: "_").dropLast().joined(separator: "_")
                    let scale = max(Self.scale(s.metrics, stem), Self.inPlane[stem].map { Self.scale(s.metrics, $0) } ?? 0)
                    for (x, y) in zip(try #require(f.metrics[key]?.values), value.values) where abs(x - y) > worst * scale {
                        worst = abs(x - y) / scale
                        which = key
                    }
                }
                // FOWT 2 goes through the model's second statics solve of a potSecOrder case too (as in RAFT, every
                // FOWT is re-solved), which its single run without potSecOrder skips: the mooring's warm start
                // moves its mean pose within the catenary tolerance (measured worst 1.3e-7, surge_max)
                #expect(worst <= 1e-6, "FOWT 2: \(which) differs by \(worst) of its scale")
            }
            #expect(f.meanWaveDrift == s.meanWaveDrift && (f.meanWaveDrift != nil) == (j == 0))
        }
        // the drift is in FOWT 1's result: its mean surge differs from FOWT 2's
        let s1 = farm.cases[0].fowts[0].metrics["surge_avg"]!.values[0], s2 = farm.cases[0].fowts[1].metrics["surge_avg"]!.values[0]
        #expect(abs(s1 - s2) > 0.1, "surge_avg \(s1) vs \(s2)")
        // both FOWTs on the potSecOrder-1 platform: refused for the second, as for rigid FOWTs
        do {
            _ = try Model(design: try FlexibleDesigns.design(FlexibleFarmTests.farm(with, rows: [[1, 1, 1, 0, 0, 0], [1, 1, 1, 5000, 0, 0]])))
            Issue.record("potSecOrder 1 on the second FOWT was accepted")
        } catch let SolveError.unsupported(message) {
            #expect(message.contains("FOWT 2") && message.contains("first FOWT"), "\(message)")
        }
    }

    @Test("mixed farm: a rigid FOWT 1 with potSecOrder 1 (no turbine) and a flexible FOWT 2 (the last) 5 km away: FOWT 1's statistics and mean drift as in the farm without FOWT 2 within 1e-6 of their scale (its own drag excitation: RAFT's last-FOWT rule has no rigid last FOWT to take it from)",
          .enabled(if: Reference.isAvailable))
    func mixedFarm() throws {
        let base = FlexibleDesigns.replacing(FlexibleRigidLimitTests.caseZeroOnly(try FlexibleDesigns.text()),
                                             "    nIter        :   4\n", "    nIter        :   10\n")
        func rigidMembers(_ body: String) -> String {
            var b = body
            while let r = b.range(of: #"type(\s*):(\s*)beam"#, options: .regularExpression) {
                b.replaceSubrange(r, with: b[r].replacingOccurrences(of: "beam", with: "rigid"))
            }
            return b
        }
        let without = { (b: String) in b.replacingOccurrences(of: "    potSecOrder  :   1\n", with: "") }
        let with = Self.secondOrder(base)
        let alone = try runDesign(try FlexibleDesigns.design(Self.twoPlatformFarm(with, firstEdit: rigidMembers, secondEdit: without,
                                                                                   rows: [[0, 1, 1, 0, 0, 0]])),
                                  options: FlexibleFarmTests.options())
        let design = try FlexibleDesigns.design(Self.twoPlatformFarm(with, firstEdit: rigidMembers, secondEdit: without,
                                                                     rows: [[0, 1, 1, 0, 0, 0], [1, 2, 1, 5000, 0, 0]]))
        let model = try Model(design: design)
        #expect(model.fowts[0].isRigid && !model.fowts[1].isRigid)
        let farm = try runDesign(design, options: FlexibleFarmTests.options())
        let f = farm.cases[0].fowts[0], a = alone.cases[0].fowts[0]
        // 1e-6, not exact: the stacked statics iterate over both FOWTs' unknowns with FOWT 2's mooring 5 km out
        // (measured: every statistic within 1e-9 of its scale or 1e-6 absolute)
        #expect(Self.compareStatistics(f.metrics, a.metrics, rtol: 1e-6, "rigid FOWT 1") > 20)
        let df = try #require(f.meanWaveDrift), da = try #require(a.meanWaveDrift)
        expectAllClose(df, da, rtol: 0, atol: 1e-6 * da.map(abs).max()!, "mean drift")
        #expect(farm.cases[0].fowts[1].meanWaveDrift == nil)
    }
}
