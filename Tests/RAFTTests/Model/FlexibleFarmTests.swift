import Foundation
import Testing
@testable import RAFT

/// Flexible FOWTs in farms: the stacked system of every FOWT's reduced DOFs, the array mooring on the PRP DOFs
/// (`Model+FlexibleFarm.swift`). RAFT 2.0.4 runs none of these (array mode drops `joints`; shared moorings raise for
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
