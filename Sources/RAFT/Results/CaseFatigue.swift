#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Spectral fatigue and extreme-value channels of one FOWT in one case, added to its `CaseMetrics` under fixed names
/// (summary.json `fowts[j]`, sweep metrics):
/// - `<ch>_DEL_m<m>` — Dirlik damage-equivalent load *range* for N_eq = f_ref·T cycles (1 Hz, T = 3600 s default);
/// - `<ch>_DEL_nb_m<m>`, `<ch>_DEL_tb_m<m>` — the same by the narrow-band Rayleigh and Tovo–Benasciutti methods;
/// - `<ch>_mpm` — most-probable maximum over T, mean included, `μ + σ·√(2·ln(ν0·T))`;
/// - `<ch>_max_pe<p>` — the maximum exceeded with probability p over T (when `exceedance` is set);
/// - `<ch>_DEL_gm_m<m>` — with a Goodman correction for the channel: the Dirlik DEL divided by `1 − |mean|/S_u`
///   (S_u the ultimate load; the case mean is every cycle's mean in a frequency-domain model).
/// T is the case's duration (`case_duration[i]`, else `duration`).
/// Each has the shape of `<ch>_avg` (a list per line end for `Tmoor`, per rotor for `Mbase`/`torque` in
/// multi-rotor designs). Moments come from the channel's one-sided PSD per rad/s exactly as the spectra CSV holds it
/// (`SpectralMoments`), with the Δω that formed it (`w[0]` for tensions), so m0 = `<ch>_std`².
package enum CaseFatigue {
    /// Append the fatigue and extreme channels named in `settings` to `metrics`. Channels without a PSD (e.g. torque
    /// when the rotor is not modelled) are skipped; an all-zero PSD gives DELs 0 and the mean as its maximum.
    package static func append(to metrics: inout CaseMetrics, grid: FrequencyGrid, settings: FatigueSettings,
                              caseIndex: Int = 0) {
        append(to: &metrics, grid: grid, settings: settings, plan: Plan(settings), caseIndex: caseIndex)
    }

    /// `append(to:grid:settings:caseIndex:)` with the keys of `settings` laid out once (`plan`, built from settings
    /// that `plan.matches`): a run's cases and a sweep's variants share one.
    package static func append(to metrics: inout CaseMetrics, grid: FrequencyGrid, settings: FatigueSettings, plan: Plan,
                              caseIndex: Int = 0) {
        // Per channel of the plan: the mean and moments once computed (nil inside: the case lacks the channel).
        var cache = [(mean: MetricValue, moments: [SpectralMoments])??](repeating: nil, count: plan.channels.count)
        func moments(_ c: Int) -> (mean: MetricValue, moments: [SpectralMoments])? {
            if let known = cache[c] { return known }
            let channel = plan.channels[c]
            var found: (MetricValue, [SpectralMoments])?
            if let mean = metrics[channel.avgKey] {
                let n = mean.values.count
                let dw = channel.name == "Tmoor" ? (grid.omega.first ?? grid.dw) : grid.dw
                var out: [SpectralMoments] = []
                out.reserveCapacity(n)
                var complete = true
                for j in 0..<n {
                    guard let psd = channel.psdColumn(metrics, entry: j, entries: n), psd.count == grid.count else {
                        complete = false
                        break
                    }
                    out.append(SpectralMoments(psd: psd, omega: grid.omega, dw: dw))
                }
                if complete { found = (mean, out) }
            }
            cache[c] = .some(found)
            return found
        }
        func set(_ key: String, _ like: MetricValue, _ v: [Double]) {
            if case .scalar = like { metrics.set(key, v[0]) } else { metrics.set(key, v) }
        }
        let duration = settings.duration(ofCase: caseIndex)
        let neq = settings.referenceFrequency * duration
        var estimates: (channel: Int, values: [ExtremeEstimate])?
        for item in plan.items {
            guard let (mean, mom) = moments(item.channel) else { continue }
            let values: [Double]
            switch item.quantity {
            case .damageEquivalentLoad(let method, let m):
                values = mom.map {
                    SpectralFatigue.damageEquivalentLoad($0, slope: m, duration: duration, referenceCycles: neq, method: method)
                }
            case .goodmanDamageEquivalentLoad:
                // |mean| ≥ S_u gives an infinite DEL, which the run's finite-results guard reports by name (exit 3).
                let ultimate = item.ultimate
                let dirlik = metrics[item.dirlikKey]!.values
                values = zip(dirlik, mean.values).map { $0 * (1 / max(0, 1 - abs($1) / ultimate)) }
            case .mostProbableMaximum, .maximum:
                if estimates?.channel != item.channel {
                    estimates = (item.channel, zip(mean.values, mom).map { ExtremeEstimate(mean: $0, moments: $1, duration: duration) })
                }
                if case .maximum(let p) = item.quantity {
                    values = estimates!.values.map { $0.maximum(exceedanceProbability: p) }
                } else {
                    values = estimates!.values.map { $0.mostProbableMaximum }
                }
            }
            set(item.key, mean, values)
        }
    }

    /// `keys(_:)` of some settings with the names `append` looks up written out once (issue 17: a sweep variant
    /// built every key and lookup name again for each case).
    package struct Plan: Sendable {
        /// A channel of the keys, once per name, with the metric names `append` reads.
        struct Channel: Sendable {
            var name: String
            /// `<ch>_avg`.
            var avgKey: String
            /// Per entry j < `named`: `<ch><j>_PSD` and `<ch>_PSD_r<j>`; `<ch>_PSD`.
            var entryKeys: [(line: String, rotor: String)]
            var singleKey: String
            static let named = 8

            init(_ name: String) {
                self.name = name
                avgKey = "\(name)_avg"
                entryKeys = (0..<Channel.named).map { ("\(name)\($0)_PSD", "\(name)_PSD_r\($0)") }
                singleKey = "\(name)_PSD"
            }

            /// `CaseFatigue.psdColumn` of this channel.
            func psdColumn(_ m: CaseMetrics, entry j: Int, entries n: Int) -> [Double]? {
                guard j < entryKeys.count else { return CaseFatigue.psdColumn(m, channel: name, entry: j, entries: n) }
                if let p = m.psd(entryKeys[j].line) { return p }
                if n == 1, let p = m.psd(singleKey) { return p }
                return m.psd(entryKeys[j].rotor)
            }
        }

        /// One key of `keys(_:)`: its channel (index into `channels`) and, for a Goodman DEL, the Dirlik key it scales
        /// and the ultimate load.
        struct Item: Sendable {
            var channel: Int
            var key: String
            var quantity: Quantity
            var dirlikKey: String = ""
            var ultimate: Double = 0
        }

        let channels: [Channel]
        let items: [Item]
        /// What `keys(_:)` reads from the settings it was built from (`matches`).
        private let channelNames: [String], extremes: [String], slopes: [UInt64], exceedance: [UInt64]
        private let goodman: [(channel: String, ultimate: UInt64)]

        package init(_ settings: FatigueSettings) {
            // A channel's slot is found by name in `channels` (a dozen or so), not through a `[String: Int]`, whose
            // first growth in a process scans all conformance records for `String: Hashable` (see
            // `MooringInput.parseLayout`).
            var channels: [Channel] = []
            var items: [Item] = []
            for (channel, key, quantity) in CaseFatigue.keys(settings) {
                let c: Int
                if let known = channels.firstIndex(where: { $0.name == channel }) { c = known } else {
                    c = channels.count
                    channels.append(Channel(channel))
                }
                var item = Item(channel: c, key: key, quantity: quantity)
                if case .goodmanDamageEquivalentLoad(let m, let ultimate) = quantity {
                    item.dirlikKey = "\(channel)_DEL_m\(keyNumber(m))"
                    item.ultimate = ultimate
                }
                items.append(item)
            }
            self.channels = channels
            self.items = items
            channelNames = settings.channels
            extremes = settings.extremes
            slopes = settings.slopes.map { $0.bitPattern }
            exceedance = settings.exceedance.map { $0.bitPattern }
            goodman = settings.goodman.map { ($0.channel, $0.ultimate.bitPattern) }
        }

        /// Whether `keys(settings)` is the list this plan was built from: the same channels, extremes, and the same
        /// bits of slopes, exceedance probabilities and Goodman ultimate loads.
        package func matches(_ settings: FatigueSettings) -> Bool {
            settings.channels == channelNames && settings.extremes == extremes
                && settings.slopes.map { $0.bitPattern } == slopes && settings.exceedance.map { $0.bitPattern } == exceedance
                && settings.goodman.count == goodman.count
                && zip(settings.goodman, goodman).allSatisfy { $0.channel == $1.channel && $0.ultimate.bitPattern == $1.ultimate }
        }
    }

    /// A fatigue or extreme quantity of one channel (`keys(_:)`).
    package enum Quantity: Sendable, Equatable {
        /// `<ch>_DEL[_nb|_tb]_m<m>`: the DEL range by `method` for S–N slope m.
        case damageEquivalentLoad(SpectralFatigueMethod, slope: Double)
        /// `<ch>_DEL_gm_m<m>`: the Dirlik DEL with the Goodman correction for the ultimate load.
        case goodmanDamageEquivalentLoad(slope: Double, ultimate: Double)
        /// `<ch>_mpm`.
        case mostProbableMaximum
        /// `<ch>_max_pe<p>`: the maximum exceeded with probability p.
        case maximum(exceedanceProbability: Double)
    }

    /// Every key `append` writes for `settings`, in the order it writes them, with its channel and quantity (a key is
    /// written when the case has the channel's `<ch>_avg` and PSD). The one list of these names: `append` computes
    /// exactly these, and sweeps check metric names against them.
    package static func keys(_ settings: FatigueSettings) -> [(channel: String, key: String, quantity: Quantity)] {
        var out: [(String, String, Quantity)] = []
        for channel in settings.channels {
            for (suffix, method) in [("", SpectralFatigueMethod.dirlik), ("nb_", .narrowBand), ("tb_", .tovoBenasciutti)] {
                for m in settings.slopes {
                    out.append((channel, "\(channel)_DEL_\(suffix)m\(keyNumber(m))", .damageEquivalentLoad(method, slope: m)))
                }
            }
            if let ultimate = settings.goodmanUltimate(channel) {
                for m in settings.slopes {
                    out.append((channel, "\(channel)_DEL_gm_m\(keyNumber(m))", .goodmanDamageEquivalentLoad(slope: m, ultimate: ultimate)))
                }
            }
        }
        for channel in settings.extremes {
            out.append((channel, "\(channel)_mpm", .mostProbableMaximum))
            for p in settings.exceedance { out.append((channel, "\(channel)_max_pe\(keyNumber(p))", .maximum(exceedanceProbability: p))) }
        }
        return out
    }

    /// The PSD column of entry j of a channel: `Tmoor<j>_PSD`, `<ch>_PSD` (single entry) or `<ch>_PSD_r<j>` (rotors).
    static func psdColumn(_ m: CaseMetrics, channel: String, entry j: Int, entries n: Int) -> [Double]? {
        if let p = m.psd("\(channel)\(j)_PSD") { return p }
        if n == 1, let p = m.psd("\(channel)_PSD") { return p }
        return m.psd("\(channel)_PSD_r\(j)")
    }

    /// A number as it appears in a key: `3` for 3.0, `3.5`, `0.01`.
    package static func keyNumber(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}

/// Lifetime fatigue of one FOWT from the per-case DELs and the fraction of the life spent in each case.
///
/// With damage intensities `d_c = f_ref·DEL_c^m` [unit^m/s] per case and life fractions p_c,
/// `DEL_life = (Σ_c p_c·DEL_c^m)^(1/m)` (the same f_ref, i.e. 1 Hz cycles over the life) and, for a channel with an
/// S–N curve, `D_life = L·f_ref·Σ_c p_c·DEL_c^m / K` with L the design life in seconds.
package struct LifetimeFatigue: Sendable {
    /// Per FOWT: `<ch>_DEL_life_m<m>`, `<ch>_DEL_nb_life_m<m>`, `<ch>_DEL_tb_life_m<m>` and `<ch>_damage_life`
    /// (Dirlik, when an S–N curve is given), shaped like `<ch>_avg`.
    package var fowts: [[(key: String, value: MetricValue)]]
    /// The settings used (life, probabilities, slopes).
    package var settings: FatigueSettings

    /// nil when the settings give no case weights or the cases' FOWT counts differ from the weights.
    package init?(cases: [CaseResult], settings: FatigueSettings) {
        guard let p = settings.caseProbability, p.count == cases.count, let first = cases.first else { return nil }
        self.settings = settings
        let lifeSeconds = settings.designLifeYears * FatigueSettings.hoursPerYear * 3600
        let keys = LifetimeFatigue.keys(settings)
        fowts = []
        for j in 0..<first.fowts.count {
            var out: [(String, MetricValue)] = []
            for (key, caseKey, quantity) in keys {
                switch quantity {
                case .damageEquivalentLoad(let m):
                    guard let sum = LifetimeFatigue.weightedSum(cases, fowt: j, key: caseKey, slope: m, weights: p) else { continue }
                    out.append((key, LifetimeFatigue.shaped(sum, sum.values.map { pow($0, 1 / m) })))
                case .damage(let slope, let k):
                    guard let sum = LifetimeFatigue.weightedSum(cases, fowt: j, key: caseKey, slope: slope, weights: p) else { continue }
                    out.append((key, LifetimeFatigue.shaped(sum, sum.values.map { lifeSeconds * settings.referenceFrequency * $0 / k })))
                }
            }
            fowts.append(out)
        }
    }

    /// A lifetime quantity (`keys(_:)`).
    package enum Quantity: Sendable, Equatable {
        /// `(Σ_c p_c·DEL_c^m)^(1/m)` of a per-case DEL key.
        case damageEquivalentLoad(slope: Double)
        /// `L·f_ref·Σ_c p_c·DEL_c^m / K` of the per-case DEL key of the S–N curve's slope.
        case damage(slope: Double, intercept: Double)
    }

    /// Every key a FOWT's lifetime fatigue holds for `settings` (when they give case weights), in order, with the
    /// per-case `CaseFatigue` key it reduces and its quantity: the one list of these names (`init`, sweep checks).
    package static func keys(_ settings: FatigueSettings) -> [(key: String, caseKey: String, quantity: Quantity)] {
        guard settings.caseProbability != nil else { return [] }
        var out: [(String, String, Quantity)] = []
        for channel in settings.channels {
            for suffix in settings.goodmanUltimate(channel) == nil ? ["", "nb_", "tb_"] : ["", "nb_", "tb_", "gm_"] {
                for m in settings.slopes {
                    let number = CaseFatigue.keyNumber(m)
                    out.append(("\(channel)_DEL_\(suffix)life_m\(number)", "\(channel)_DEL_\(suffix)m\(number)", .damageEquivalentLoad(slope: m)))
                }
            }
            for (c, curve) in settings.snCurves where c == channel {
                let slope: Double, k: Double
                switch curve {
                case .power(let m, let intercept): (slope, k) = (m, intercept)
                case .dnv(let comp, let d):
                    slope = SNCurve.dnvMooring(SNCurve.MooringComponent(rawValue: comp)!, nominalDiameter: 1).slope
                    k = SNCurve.dnvMooring(SNCurve.MooringComponent(rawValue: comp)!, nominalDiameter: d).intercept
                }
                // With a Goodman correction the damage uses the corrected DELs.
                let corrected = settings.goodmanUltimate(channel) == nil ? "" : "gm_"
                out.append(("\(channel)_damage_life", "\(channel)_DEL_\(corrected)m\(CaseFatigue.keyNumber(slope))", .damage(slope: slope, intercept: k)))
            }
        }
        return out
    }

    /// `Σ_c p_c·DEL_c^m` per entry of `key` (nil if a case lacks it).
    static func weightedSum(_ cases: [CaseResult], fowt j: Int, key: String, slope m: Double, weights p: [Double]) -> MetricValue? {
        var total: [Double]?
        var like: MetricValue?
        for (c, w) in zip(cases, p) {
            guard j < c.fowts.count, let v = c.fowts[j].metrics[key] else { return nil }
            like = like ?? v
            let terms = v.values.map { w * pow($0, m) }
            total = total.map { zip($0, terms).map(+) } ?? terms
        }
        guard let total, let like else { return nil }
        return shaped(like, total)
    }

    static func shaped(_ like: MetricValue, _ v: [Double]) -> MetricValue {
        if case .scalar = like { return .scalar(v[0]) } else { return .vector(v) }
    }
}
