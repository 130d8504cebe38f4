import Foundation
import Testing
@testable import RAFT
@testable import RAFTIO

/// What a sweep computes once for all its variants (issue 17): the parameter paths, the wave numbers, the fatigue
/// keys, and the variant file text written without a `JSONValue` tree. Each must give a variant the bits it would
/// compute alone.
@Suite("Sweep: parts shared between variants")
struct SweepSharedPartsTests {
    static let designs = Reference.repoRoot.appendingPathComponent("designs")

    /// The fatigue post-processing as it was before `CaseFatigue.Plan` (every key and lookup name built per case):
    /// the frozen reference the plan must equal bit for bit.
    static func referenceAppend(to metrics: inout CaseMetrics, grid: FrequencyGrid, settings: FatigueSettings, caseIndex: Int) {
        var cache: [String: [SpectralMoments]] = [:]
        func moments(_ channel: String) -> (mean: MetricValue, moments: [SpectralMoments])? {
            guard let mean = metrics["\(channel)_avg"] else { return nil }
            if let m = cache[channel] { return (mean, m) }
            let n = mean.values.count
            let dw = channel == "Tmoor" ? (grid.omega.first ?? grid.dw) : grid.dw
            var out: [SpectralMoments] = []
            for j in 0..<n {
                guard let psd = CaseFatigue.psdColumn(metrics, channel: channel, entry: j, entries: n), psd.count == grid.count else { return nil }
                out.append(SpectralMoments(psd: psd, omega: grid.omega, dw: dw))
            }
            cache[channel] = out
            return (mean, out)
        }
        func set(_ key: String, _ like: MetricValue, _ v: [Double]) {
            if case .scalar = like { metrics.set(key, v[0]) } else { metrics.set(key, v) }
        }
        let duration = settings.duration(ofCase: caseIndex)
        let neq = settings.referenceFrequency * duration
        var estimates: (channel: String, values: [ExtremeEstimate])?
        for (channel, key, quantity) in CaseFatigue.keys(settings) {
            guard let (mean, mom) = moments(channel) else { continue }
            let values: [Double]
            switch quantity {
            case .damageEquivalentLoad(let method, let m):
                values = mom.map { SpectralFatigue.damageEquivalentLoad($0, slope: m, duration: duration, referenceCycles: neq, method: method) }
            case .goodmanDamageEquivalentLoad(let m, let ultimate):
                let dirlik = metrics["\(channel)_DEL_m\(CaseFatigue.keyNumber(m))"]!.values
                values = zip(dirlik, mean.values).map { $0 * (1 / max(0, 1 - abs($1) / ultimate)) }
            case .mostProbableMaximum, .maximum:
                if estimates?.channel != channel {
                    estimates = (channel, zip(mean.values, mom).map { ExtremeEstimate(mean: $0, moments: $1, duration: duration) })
                }
                if case .maximum(let p) = quantity {
                    values = estimates!.values.map { $0.maximum(exceedanceProbability: p) }
                } else {
                    values = estimates!.values.map(\.mostProbableMaximum)
                }
            }
            set(key, mean, values)
        }
    }

    static func bits(_ m: CaseMetrics) -> [(String, [UInt64])] { m.values.map { ($0.key, $0.value.values.map(\.bitPattern)) } }

    @Test("fatigue keys laid out once give the frozen per-case computation's keys, order and bits")
    func fatiguePlanBits() throws {
        let design = try Design.load(path: Self.designs.appendingPathComponent("OC3spar.yaml").path)
        var options = RunOptions()
        options.fatigueAndExtremes = false
        let plain = try runDesign(design, options: options)
        var custom = FatigueSettings()
        custom.slopes = [3, 4.5, 10]
        custom.channels = ["Tmoor", "Mbase", "Tmoor", "nothing", "torque"]
        custom.extremes = ["pitch", "Tmoor", "pitch", "AxRNA", "missing"]
        custom.exceedance = [0.01, 0.5]
        custom.goodman = [("Mbase", 2.0e8), ("Tmoor", 1.0e3)]  // the Tmoor ultimate is below the mean: infinite DELs
        custom.caseDuration = [3600, 600, 10800]
        for settings in [FatigueSettings(), custom] {
            let plan = CaseFatigue.Plan(settings)
            #expect(plan.matches(settings))
            for c in plain.cases {
                var a = c.fowts[0].metrics, b = a
                Self.referenceAppend(to: &a, grid: plain.grid, settings: settings, caseIndex: c.index)
                CaseFatigue.append(to: &b, grid: plain.grid, settings: settings, plan: plan, caseIndex: c.index)
                let ra = Self.bits(a), rb = Self.bits(b)
                #expect(ra.count == rb.count && ra.count > c.fowts[0].metrics.values.count, "case \(c.index): keys added")
                #expect(ra.map(\.0) == rb.map(\.0), "case \(c.index): key order")
                #expect(ra.map(\.1) == rb.map(\.1), "case \(c.index): value bits")
            }
        }
        // A plan is used only for the settings it was built from: any key-relevant change is noticed.
        let plan = CaseFatigue.Plan(custom)
        var other = custom
        other.slopes[1] = 4.5.nextUp
        #expect(!plan.matches(other))
        other = custom; other.goodman[1].ultimate = 1.0e3.nextDown
        #expect(!plan.matches(other))
        other = custom; other.extremes.removeLast()
        #expect(!plan.matches(other))
        other = custom; other.caseDuration = nil  // durations are read per case, not from the plan
        #expect(plan.matches(other))
        // addFatigue with a plan of other settings builds its own (the same bits as without a plan).
        var viaWrongPlan = plain, viaNone = plain
        viaWrongPlan.addFatigue(FatigueSettings(), plan: plan)
        viaNone.addFatigue(FatigueSettings())
        for (x, y) in zip(viaWrongPlan.cases, viaNone.cases) {
            #expect(Self.bits(x.fowts[0].metrics).map(\.0) == Self.bits(y.fowts[0].metrics).map(\.0))
            #expect(Self.bits(x.fowts[0].metrics).map(\.1) == Self.bits(y.fowts[0].metrics).map(\.1))
        }
    }

    @Test("shared wave numbers are handed out only for the same bits of every frequency and of the depth")
    func sharedWaveNumbers() throws {
        let omega = FrequencyGrid(minHz: 0.005, maxHz: 0.4).omega
        let shared = try SharedWaveNumbers(omega: omega, depth: 320)
        let direct = try waveNumbers(omega, depth: 320)
        #expect(shared.values(omega: omega, depth: 320)?.map(\.bitPattern) == direct.map(\.bitPattern))
        #expect(shared.values(omega: omega, depth: 320.0.nextUp) == nil)
        var moved = omega
        moved[17] = moved[17].nextDown
        #expect(shared.values(omega: moved, depth: 320) == nil)
        #expect(shared.values(omega: Array(omega.dropLast()), depth: 320) == nil)
    }

    @Test("variant files written directly are the JSONValue tree's text, byte for byte")
    func variantText() {
        let spec = SweepSpec(designPath: "/nonexistent/design.yaml", combine: .zip,
                             parameters: [.init(path: "platform.members[0].rA[2]", values: [1]),
                                          .init(path: "a \"quoted\"\\path\té", values: [2]),
                                          .init(path: "mooring.lines[*].length", values: [3])],
                             metrics: ["surge_avg", "case0.Tmoor_avg[3]", "odd \"name\"\n"])
        let runner = SweepRunner(spec: spec, outputDirectory: "/nonexistent")
        let writer = VariantJSON(spec: spec)
        let numbers: [Double] = [0, -0.0, 1, -1, 895, 902.2, -125, 0.1, 1e-300, -2.5e-310, 1e15, 1e15.nextDown, -1e15,
                                 999_999_999_999_999, 123_456_789.0, 1e16, 1.7976931348623157e308, .nan, .infinity,
                                 -.infinity, 4503599627370496.5, 0.30000000000000004, 17]
        var results: [VariantResult] = []
        for (k, x) in numbers.enumerated() {
            let p = [x, numbers[(k + 5) % numbers.count], numbers[(k + 11) % numbers.count]]
            results.append(VariantResult(index: k * 7919, parameters: p,
                                         metrics: [("surge_avg", x), ("case0.Tmoor_avg[3]", -x), ("odd \"name\"\n", p[1])], error: nil))
            results.append(VariantResult(index: k, parameters: p, metrics: [],
                                         error: "unstable: \"pitch\" ⇒ \u{1}\n\ttab \\ \(x)"))
        }
        // Metrics other than the spec's (not produced by `SweepExecution`, still written like the tree).
        results.append(VariantResult(index: 3, parameters: [1, 2, 3], metrics: [("surge_avg", 1), ("x\u{7f}", 2), ("y", 3), ("z", 4)], error: nil))
        results.append(VariantResult(index: 4, parameters: [1, 2, 3], metrics: [("case0.Tmoor_avg[3]", 1)], error: nil))
        for r in results {
            let tree = runner.json(r).serialized(indent: nil)
            #expect(writer.text(r) == tree, "variant \(r.index)")
        }
    }

    @Test("a sweep reads its parameter paths once; a path that does not read fails every variant as before")
    func parsedEdits() throws {
        let base = try Design.load(path: Self.designs.appendingPathComponent("OC3spar.yaml").path)
        let good = SweepSpec(designPath: base.file, combine: .zip,
                             parameters: [.init(path: "platform.members[0].rA[2]", values: [-121]),
                                          .init(path: "mooring.lines[*].length", values: [903])], metrics: ["pitch_std"])
        let edits = SweepExecution.ParsedEdits(good)
        #expect(edits.paths?.count == 2)
        let a = try edits.apply([-121, 903], to: base, spec: good)
        let b = try base.setting([("platform.members[0].rA[2]", -121), ("mooring.lines[*].length", 903)])
        #expect(SweepSpec.canonicalText(a.root) == SweepSpec.canonicalText(b.root))
        #expect(SweepSpec.canonicalText(a.root) != SweepSpec.canonicalText(base.root))
        #expect(a.platforms[0].members[0].rA == b.platforms[0].members[0].rA)
        for bad in ["platform.members[x].d", "platform.nothing.x", "platform.members[99].d", "platform.members[0.d"] {
            let spec = SweepSpec(designPath: base.file, combine: .zip,
                                 parameters: [.init(path: "mooring.lines[*].length", values: [903]), .init(path: bad, values: [1])],
                                 metrics: ["pitch_std"])
            let r = SweepExecution.variant(0, spec: spec, base: base) { _ in [] }
            var expected = ""
            do { _ = try base.setting([("mooring.lines[*].length", 903), (bad, 1)]) } catch { expected = "\(error)" }
            #expect(!expected.isEmpty && r.error == expected, "\(bad)")
        }
    }
}
