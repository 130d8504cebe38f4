import Foundation
import Testing
@testable import RAFT

/// Flexible FOWTs in farms: the stacked system of every FOWT's reduced DOFs, the array mooring on the PRP DOFs
/// (`Model`'s one case path over `FOWT`s). RAFT 2.0.4 runs none of these (array mode drops `joints`; shared moorings raise for
/// non-rigid FOWTs), so they are checked by invariants.
@Suite("Flexible FOWTs in farms and with shared moorings")
struct FlexibleFarmTests {
    /// The flexible regression design with an `array` table (rows: turbineID, platformID, mooringID, x, y, heading)
    /// and optionally an `array_mooring` file.
    static func farm(_ text: String, rows: [[Double]], arrayMooring: String? = nil) -> String {
        var section = "\narray:\n    keys : [turbineID, platformID, mooringID, x_location, y_location, heading_adjust]\n    data :\n"
        for r in rows { section += "        - [" + r.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }.joined(separator: ", ") + "]\n" }
        if let f = arrayMooring { section += "\narray_mooring:\n    file: \"\(f)\"\n" }
        guard let r = text.range(of: "\nturbine:") else { Issue.record("no turbine section"); return text }
        var s = text
        s.insert(contentsOf: section, at: r.lowerBound)
        return s
    }

    static func options() -> RunOptions {
        var o = RunOptions()
        o.analyzeUnloaded = false  // RAFT has no unloaded equilibrium for farms; compare the cases alone
        o.fatigueAndExtremes = false
        return o
    }

    /// Largest |value| of a channel (`<stem>_avg/std/max/min`) of `m`.
    static func channelScale(_ m: CaseMetrics, _ key: String) -> Double {
        let stem = key.split(separator: "_").dropLast().joined(separator: "_")
        return ["avg", "max", "min", "std"].compactMap { m["\(stem)_\($0)"]?.values.map(abs).max() }.max() ?? 0
    }

    /// Absolute tolerance of a channel: loads in N / N·m (and their PSDs) 1e-3, motions (m, deg, m/s²) 1e-9, their
    /// PSDs 1e-15 — far below any channel that is not zero by symmetry.
    static func atol(_ key: String) -> Double {
        let load = ["Mbase", "Fbase", "Tmoor", "torque"].contains { key.hasPrefix($0) }
        return load ? 1e-3 : key.hasSuffix("_PSD") ? 1e-15 : 1e-9
    }

    /// Worst |a − b| / (rtol·channel scale + atol) over every statistic and PSD of FOWT results `a` vs `b` (≤ 1
    /// passes; with rtol 0 and atol 0 any difference fails).
    static func worstDifference(_ a: CaseMetrics, _ b: CaseMetrics, rtol: Double, exact: Bool = false) -> (Double, String) {
        var worst = 0.0, which = ""
        func check(_ key: String, _ av: [Double], _ bv: [Double], scale: Double) {
            let allowed = exact ? 0 : rtol * scale + atol(key)
            for (x, y) in zip(av, bv) where x != y {
                let r = allowed == 0 ? .infinity : abs(x - y) / allowed
                if r > worst { worst = r; which = key }
            }
        }
        for (key, value) in b.values {
            guard let av = a[key]?.values, av.count == value.values.count else { return (.infinity, "\(key) missing") }
            check(key, av, value.values, scale: channelScale(b, key))
        }
        for (key, values) in b.psd {
            guard let av = a.psd.first(where: { $0.key == key })?.values, av.count == values.count else { return (.infinity, "\(key) missing") }
            check(key, av, values, scale: values.map(abs).max() ?? 0)
        }
        return (worst, which)
    }

    /// Invariant (b). Both FOWTs at the origin (independent, overlapping), case 0: bit-identical to the single FOWT,
    /// which checks the stacking exactly (debug suite). 5 km apart, both cases (release step, `make test`): within
    /// 5e-8 of each channel's scale (+ `atol`): the own mooring is solved at absolute positions (anchors 5 km out),
    /// whose round-off changes the catenary iterations and so the mean offsets by ~1e-8 relative (measured worst
    /// 1.3e-8, FbaseY_avg of case 1); the wave phase at x = 5 km cancels in every statistic.
    @Test("invariant (b): two identical flexible FOWTs with their own moorings and no shared lines each give the single-FOWT result (at one position bit-identical, eigen rtol 1e-12)",
          .enabled(if: Reference.isAvailable))
    func farmAtOnePositionMatchesSingle() throws { try farmMatchesSingle(separation: 0) }

    @Test("invariant (b), 5 km apart, both cases: every statistic and PSD within 5e-8 of its channel scale (+ atol), eigen rtol 1e-7",
          .enabled(if: Reference.isAvailable && HeavyTests.enabled))
    func farFarmMatchesSingle() throws { try farmMatchesSingle(separation: 5000) }

    func farmMatchesSingle(separation x: Double) throws {
        let text = x == 0 ? FlexibleRigidLimitTests.caseZeroOnly(try FlexibleDesigns.text()) : try FlexibleDesigns.text()
        let single = try runDesign(try FlexibleDesigns.design(text), options: Self.options())
        let farmDesign = try FlexibleDesigns.design(Self.farm(text, rows: [[1, 1, 1, 0, 0, 0], [1, 1, 1, x, 0, 0]]))
        var model = try Model(design: farmDesign)
        #expect(model.fowtCount == 2 && model.isFlexible)
        let farm = try runDesign(farmDesign, options: Self.options())
        #expect(farm.cases.count == single.cases.count && single.cases.count == (x == 0 ? 1 : 2))
        for (c, s) in zip(farm.cases, single.cases) {
            #expect(c.fowts.count == 2 && c.arrayMooring == nil)
            for (j, f) in c.fowts.enumerated() {
                let (worst, key) = Self.worstDifference(f.metrics, s.fowts[0].metrics, rtol: 5e-8, exact: x == 0)
                #expect(worst <= 1, "case \(c.index) FOWT \(j): \(key) differs by \(worst) of its scale")
                let r6 = f.r6, r6s = s.fowts[0].r6
                #expect(abs(r6[0] - x * Double(j) - r6s[0]) <= 1e-8 * abs(r6s[0]) && abs(r6[4] - r6s[4]) <= 1e-8 * abs(r6s[4]), "r6 \(r6) vs \(r6s)")
            }
        }
        // eigen analysis after the cases: each single-FOWT frequency twice (FOWT blocks solved alone)
        _ = try model.analyzeCases()
        let fe = try model.solveEigen().frequenciesHz
        let se = try #require(single.eigenAfterCases).frequenciesHz
        #expect(fe.count == 2 * se.count)
        for (a, b) in zip(fe, se.flatMap { [$0, $0] }) where abs(a - b) > (x == 0 ? 1e-12 : 1e-7) * b {
            Issue.record("farm fn \(a) vs single \(b)")
        }
    }
}

/// A flexible FOWT and a rigid one (no turbine) joined by the shared line of RAFT's VolturnUS-S_farm test
/// (`shared_mooring_volturnus.dat`: FOWT 1 at the origin with heading_adjust 180, FOWT 2 at x = 1600 m, each with two
/// anchor lines, a 3-segment shared line between them; 600 m depth). RAFT 2.0.4 raises for this ("Shared moorings
/// does not work with flexible/multibody FOWTs yet").
@Suite("Flexible + rigid FOWT with a shared line")
struct FlexibleSharedLineTests {
    /// `text` (the flexible regression design, case 0) as that farm: platform 1 the design's (beam pontoons),
    /// platform 2 its rigid version; joints kept for platform 1.
    static func farm(_ text: String) -> String {
        var t = FlexibleDesigns.replacing(FlexibleRigidLimitTests.caseZeroOnly(text), "    water_depth : 200\n", "    water_depth : 600\n")
        let rigid = FlexibleDesigns.rigid(t)
        func body(_ s: String, until end: String) -> String {
            let a = s.range(of: "\nplatform:\n")!, b = s.range(of: end, range: a.upperBound..<s.endIndex)!
            return String(s[a.upperBound..<b.lowerBound])
        }
        let flexibleBody = body(t, until: "\njoints:"), rigidBody = body(rigid, until: "\nmooring:")
        let a = t.range(of: "\nplatform:\n")!, b = t.range(of: "\njoints:", range: a.upperBound..<t.endIndex)!
        t.replaceSubrange(a.lowerBound..<b.lowerBound, with: "\nplatforms:\n  -\n" + flexibleBody + "\n  -\n" + rigidBody)
        return FlexibleFarmTests.farm(t, rows: [[1, 1, 0, 0, 0, 180], [0, 2, 0, 1600, 0, 0]], arrayMooring: "shared_mooring_volturnus.dat")
    }

    @Test("runs; symmetric about the x axis: sway, roll, yaw of both FOWTs zero within 1e-6 (m, deg) in a head sea; mirrored anchor lines carry equal tensions (avg 1e-6, std 1e-4 relative); eigen frequencies positive",
          .enabled(if: Reference.isAvailable))
    func sharedLineFarmRuns() throws {
        let design = try FlexibleDesigns.design(Self.farm(try FlexibleDesigns.text()))
        var model = try Model(design: design)
        #expect(model.fowtCount == 2 && model.isFlexible)
        let cases = try model.analyzeCases()
        let c = try #require(cases.first)
        #expect(c.fowts.count == 2)
        for (j, f) in c.fowts.enumerated() {
            for key in ["sway_avg", "roll_avg", "yaw_avg", "sway_std", "roll_std", "yaw_std"] {
                let v = try #require(f.metrics[key]?.values.first)
                #expect(abs(v) < 1e-6, "FOWT \(j) \(key) = \(v)")
            }
            #expect(abs(try #require(f.metrics["surge_std"]?.values.first)) > 1e-3)
        }
        // the array mooring: lines 4/5 (FOWT 1's anchors, mirrored in y) and 6/7 (FOWT 2's) carry equal tensions
        let t = try #require(c.arrayMooring?["Tmoor_avg"]?.values), s = try #require(c.arrayMooring?["Tmoor_std"]?.values)
        // after RAFT's composite-line conversion: 4 anchor lines, then the shared line (ends A, then ends B)
        #expect(t.count == 10)
        for (p, q) in [(0, 1), (2, 3), (5, 6), (7, 8)] {
            #expect(abs(t[p] - t[q]) <= 1e-6 * t[p], "Tmoor_avg[\(p)] \(t[p]) vs [\(q)] \(t[q])")
            #expect(abs(s[p] - s[q]) <= 1e-4 * s[p], "Tmoor_std[\(p)] \(s[p]) vs [\(q)] \(s[q])")
        }
        let e = try model.solveEigen()
        #expect(e.frequenciesHz.allSatisfy { $0 > 0 && $0.isFinite } && e.frequenciesHz.count == e.modes.count)
    }

    /// Checks the shared-line coupling of a flexible FOWT against RAFT 2.0.4's validated rigid farm: with stiff beams
    /// the `consistent` formulation reduces to the rigid model (README, "Differences from RAFT"), so the farm with the
    /// flexible FOWT should reproduce the same farm with that FOWT made rigid, shared line included. Every std (the
    /// dynamics, the shared and anchor line tension amplitudes) agrees within 1e-3 of its scale. The mean surge does
    /// not: 0.651 vs 0.667 m (FOWT 1) and 3.166 vs 3.222 m (FOWT 2), a 0.02–0.06 m shift of the pair that the
    /// single-FOWT rigid limit (stiff own catenary mooring) does not show. RAFT's equilibrium tolerance (0.05 m per
    /// step) explains it only in part (with a tighter dsolve2 tolerance the rigid farm moves to 0.675 / 3.254 m), so
    /// the means get atol 0.1 m / 0.3° here: an open question, not a property of the formulation.
    @Test("rigid limit with a shared line: E, G ×1e4 and flexible_formulation consistent (uniform tower) give the rigid farm's std of every channel and of the shared-mooring tensions within 1e-3 of its scale; mean motions within 0.1 m / 0.3°, mean tensions within 1 %",
          .enabled(if: Reference.isAvailable))
    func sharedLineRigidLimit() throws {
        let base = Self.farm(FlexibleDesigns.uniformTower(try FlexibleDesigns.text()))
        let rigidDesign = try FlexibleDesigns.design(FlexibleDesigns.rigid(base))
        #expect(try !Model(design: rigidDesign).isFlexible)
        let rigid = try runDesign(rigidDesign, options: FlexibleFarmTests.options())
        let flex = try runDesign(try FlexibleDesigns.design(FlexibleDesigns.consistent(FlexibleDesigns.stiffened(base, 1e4))),
                                 options: FlexibleFarmTests.options())
        let statistics = ["_avg", "_std", "_max", "_min"]
        func compare(_ f: CaseMetrics, _ r: CaseMetrics, _ what: String) -> Int {
            var compared = 0
            for (key, value) in r.values where statistics.contains(where: { key.hasSuffix($0) }) {
                guard let fv = f[key]?.values else { Issue.record("\(what) \(key) missing in the flexible results"); continue }
                let scale = FlexibleFarmTests.channelScale(r, key)
                let motion = ["surge", "sway", "heave", "roll", "pitch", "yaw"].firstIndex { key.hasPrefix($0 + "_") }
                let mean = key.hasSuffix("_std") ? 0 : motion.map { $0 < 3 ? 0.1 : 0.3 } ?? (key.hasPrefix("Tmoor") ? 1e-2 * scale : 0)
                expectAllClose(fv, value.values, rtol: 0, atol: max(1e-3 * scale, 1e-5, mean), "\(what) \(key)")
                compared += 1
            }
            return compared
        }
        let rc = rigid.cases[0], fc = flex.cases[0]
        #expect(compare(fc.fowts[0].metrics, rc.fowts[0].metrics, "FOWT 1") > 40)
        #expect(compare(fc.fowts[1].metrics, rc.fowts[1].metrics, "FOWT 2") > 20)
        #expect(compare(try #require(fc.arrayMooring), try #require(rc.arrayMooring), "array mooring") == 4)
    }

    /// Combinations still unsupported keep a clear `SolveError.unsupported` (exit 3 in the CLI).
    @Test("still unsupported, with a clear message: second-order loads from a QTF file (potSecOrder 2) on a flexible FOWT (alone or in a farm)",
          .enabled(if: Reference.isAvailable))
    func unsupportedCombinations() throws {
        let text = FlexibleRigidLimitTests.caseZeroOnly(try FlexibleDesigns.text())
        let secondOrder = FlexibleDesigns.replacing(text, "    potModMaster :   1\n",
                                                    "    potModMaster :   1\n    potSecOrder  :   2\n    min_freq2nd  :   0.01\n    max_freq2nd  :   0.1\n")
        let rows: [[Double]] = [[1, 1, 1, 0, 0, 0], [1, 1, 1, 5000, 0, 0]]
        for text in [secondOrder, FlexibleFarmTests.farm(secondOrder, rows: rows)] {
            do {
                _ = try Model(design: try FlexibleDesigns.design(text))
                Issue.record("a flexible FOWT with potSecOrder 2 was accepted")
            } catch let SolveError.unsupported(message) {
                #expect(message.contains("potSecOrder 2") && message.contains("potSecOrder 1 (slender-body QTF) is"), "\(message)")
            }
        }
    }
}
