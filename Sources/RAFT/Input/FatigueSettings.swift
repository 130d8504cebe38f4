#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The optional `fatigue:` section of a design (a swift-raft extension; RAFT ignores unknown top-level keys, so a
/// design with it stays a valid RAFT input).
///
/// ```yaml
/// fatigue:
///   duration: 3600              # [s] case duration: cycles of the DELs and the extremes' time window
///   case_duration: [3600, 3600, 10800]      # [s] optional, per case (overrides duration; e.g. 3-hour storms)
///   reference_frequency: 1      # [Hz] DEL reference cycles N_eq = f_ref·duration (1 Hz DELs)
///   slopes: [3, 4, 5]           # S–N (Wöhler) exponents m
///   channels: [Mbase, Tmoor, torque]         # fatigue channels (any case_metrics channel with a PSD)
///   extremes: [surge, pitch, Mbase, Tmoor]   # channels given a most-probable maximum <ch>_mpm
///   exceedance: [0.1, 0.01]     # also <ch>_max_pe<p>: the maximum exceeded with probability p over the duration
///   design_life: 25             # [years]
///   case_probability: [0.5, 0.3, 0.2]       # per case, fraction of the life (or case_hours: hours per year)
///   sn_curves:                  # optional, for lifetime damage
///     - {channel: Mbase, slope: 4, intercept: 1.0e45}     # N = K·S^−m, S in the channel's unit (range)
///     - {channel: Tmoor, dnv: studless_chain, diameter: 0.185}   # DNV-OS-E301 T–N curve
///   goodman:                    # optional mean-load correction: <ch>_DEL_gm_m<m> = DEL/(1 − |mean|/ultimate)
///     - {channel: Mbase, ultimate: 1.2e9}   # ultimate load in the channel's unit
/// ```
package struct FatigueSettings: Sendable, Equatable {
    /// Case duration T [s] (default 3600).
    package var duration: Double = 3600
    /// DEL reference frequency f_ref [Hz]: N_eq = f_ref·T (default 1).
    package var referenceFrequency: Double = 1
    /// Wöhler exponents m (default 3, 4, 5).
    package var slopes: [Double] = [3, 4, 5]
    /// Fatigue channels (default tower-base moment, line-end tensions, rotor torque).
    package var channels: [String] = ["Mbase", "Tmoor", "torque"]
    /// Channels with extreme-value estimates (default motions, nacelle accelerations, Mbase, Tmoor, torque).
    package var extremes: [String] = ["surge", "sway", "heave", "roll", "pitch", "yaw", "AxRNA", "AyRNA", "AzRNA",
                                     "Mbase", "Tmoor", "torque"]
    /// Exceedance probabilities p of extra extreme values `<ch>_max_pe<p>` (default none).
    package var exceedance: [Double] = []
    /// Design life [years] (default 25).
    package var designLifeYears: Double = 25
    /// Fraction of the life spent in each case (from `case_probability`, or `case_hours`/8766), nil without weights.
    package var caseProbability: [Double]?
    /// S–N curves per channel for lifetime damage.
    package var snCurves: [(channel: String, curve: SNCurveInput)] = []
    /// Per-case durations T_c [s] (`case_duration`), nil when every case lasts `duration`.
    package var caseDuration: [Double]?
    /// Goodman mean-load corrections: channel and ultimate load [channel unit] (`goodman`).
    package var goodman: [(channel: String, ultimate: Double)] = []

    /// Duration of case `i` [s]: `case_duration[i]`, else `duration`.
    package func duration(ofCase i: Int) -> Double {
        if let d = caseDuration, i < d.count { return d[i] }
        return duration
    }

    /// The ultimate load of `channel`'s Goodman correction, nil without one.
    package func goodmanUltimate(_ channel: String) -> Double? { goodman.first { $0.channel == channel }?.ultimate }

    /// An S–N curve as given in the YAML.
    package enum SNCurveInput: Sendable, Equatable {
        /// N = K·S^(−m), S a range in the channel's unit.
        case power(slope: Double, intercept: Double)
        /// DNV-OS-E301 T–N curve of a mooring component of nominal diameter d [m].
        case dnv(component: String, diameter: Double)
    }

    /// Hours in a year (365.25 days).
    package static let hoursPerYear = 8766.0

    package init() {}

    package static func == (a: FatigueSettings, b: FatigueSettings) -> Bool {
        a.duration == b.duration && a.referenceFrequency == b.referenceFrequency && a.slopes == b.slopes
            && a.channels == b.channels && a.extremes == b.extremes && a.exceedance == b.exceedance
            && a.designLifeYears == b.designLifeYears && a.caseProbability == b.caseProbability
            && a.snCurves.map { $0.channel } == b.snCurves.map { $0.channel } && a.snCurves.map { $0.curve } == b.snCurves.map { $0.curve }
            && a.caseDuration == b.caseDuration
            && a.goodman.map { $0.channel } == b.goodman.map { $0.channel } && a.goodman.map { $0.ultimate } == b.goodman.map { $0.ultimate }
    }

    static let knownKeys: Set<String> = ["duration", "reference_frequency", "slopes", "channels", "extremes", "exceedance",
                                         "design_life", "case_probability", "case_hours", "sn_curves", "case_duration", "goodman"]
    static let dnvComponents: Set<String> = ["studless_chain", "studlink_chain", "six_strand_rope", "spiral_rope"]

    /// Parse the section. `caseCount` is the number of load cases (weights must match it).
    package init(node: YAMLNode, caseCount: Int, diagnostics: inout Diagnostics) throws(InputError) {
        _ = try node.requireMap("the fatigue section (a mapping with duration, slopes, case_probability, ...)")
        duration = try node.double("duration", default: 3600, "a case duration in s")
        guard duration > 0 else { throw node["duration"]!.error("expected a positive duration in s, got \(duration)") }
        if let d = node.optional("case_duration") {
            let v = try d.doubles("one duration in s per load case")
            guard v.count == caseCount else { throw d.error("expected \(caseCount) values (one per load case), got \(v.count)") }
            guard v.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw d.error("expected positive durations in s, got \(v)") }
            caseDuration = v
        }
        referenceFrequency = try node.double("reference_frequency", default: 1, "the DEL reference frequency in Hz")
        guard referenceFrequency > 0 else {
            throw node["reference_frequency"]!.error("expected a positive frequency in Hz, got \(referenceFrequency)")
        }
        if let s = node.optional("slopes") {
            slopes = s.isList ? try s.doubles("a list of S–N slopes m") : [try s.double("an S–N slope m")]
            if slopes.isEmpty || slopes.contains(where: { !($0 > 0) }) {
                throw s.error("expected positive S–N slopes such as [3, 4, 5], got \(slopes)")
            }
        }
        func names(_ key: String) throws(InputError) -> [String]? {
            guard let n = node.optional(key) else { return nil }
            var out: [String] = []
            for e in try n.list("a list of channel names such as [Mbase, Tmoor]") { out.append(try e.string("a channel name")) }
            return out
        }
        if let c = try names("channels") { channels = c }
        if let e = try names("extremes") { extremes = e }
        if let p = node.optional("exceedance") {
            exceedance = p.isList ? try p.doubles("exceedance probabilities") : [try p.double("an exceedance probability")]
            if exceedance.contains(where: { !($0 > 0 && $0 < 1) }) {
                throw p.error("expected probabilities between 0 and 1 (exclusive), got \(exceedance)")
            }
        }
        designLifeYears = try node.double("design_life", default: 25, "a design life in years")
        guard designLifeYears > 0 else { throw node["design_life"]!.error("expected a positive life in years, got \(designLifeYears)") }
        if node.has("case_probability") && node.has("case_hours") {
            throw node["case_hours"]!.error("give either case_probability or case_hours, not both")
        }
        for (key, scale) in [("case_probability", 1.0), ("case_hours", 1 / FatigueSettings.hoursPerYear)] {
            guard let w = node.optional(key) else { continue }
            let v = try w.doubles(key == "case_probability" ? "one probability per load case" : "hours per year for each load case")
            guard v.count == caseCount else {
                throw w.error("expected \(caseCount) values (one per load case), got \(v.count)")
            }
            guard v.allSatisfy({ $0 >= 0 && $0.isFinite }) else { throw w.error("expected non-negative values, got \(v)") }
            let p = v.map { $0 * scale }
            if p.reduce(0, +) > 1 + 1e-9 {
                throw w.error(key == "case_probability"
                              ? "probabilities add up to \(p.reduce(0, +)); expected at most 1"
                              : "hours add up to \(v.reduce(0, +)); expected at most \(FatigueSettings.hoursPerYear) per year")
            }
            caseProbability = p
        }
        if let list = node.optional("sn_curves") {
            for c in try list.list("a list of S–N curves {channel, slope, intercept} or {channel, dnv, diameter}") {
                _ = try c.requireMap("an S–N curve {channel, slope, intercept} or {channel, dnv, diameter}")
                let channel = try c.string(key: "channel", "the channel name, e.g. Mbase or Tmoor")
                if let d = c.optional("dnv") {
                    let comp = try d.string("a DNV component")
                    guard FatigueSettings.dnvComponents.contains(comp) else {
                        throw d.error("expected one of \(FatigueSettings.dnvComponents.sorted().joined(separator: ", ")), got \(comp)")
                    }
                    let dia = try c.double(key: "diameter", "the nominal diameter in m")
                    guard dia > 0 else { throw c["diameter"]!.error("expected a positive diameter in m, got \(dia)") }
                    let slope = ["studless_chain": 3.0, "studlink_chain": 3.0, "six_strand_rope": 4.0, "spiral_rope": 4.8][comp]!
                    if !slopes.contains(slope) { slopes.append(slope) }
                    snCurves.append((channel, .dnv(component: comp, diameter: dia)))
                    c.warnUnknownKeys(["channel", "dnv", "diameter"], &diagnostics)
                } else {
                    let m = try c.double(key: "slope", "the S–N slope m")
                    let k = try c.double(key: "intercept", "the S–N intercept K of N = K·S^−m")
                    guard m > 0, k > 0 else { throw c.error("expected a positive slope and intercept, got m = \(m), K = \(k)") }
                    if !slopes.contains(m) { slopes.append(m) }
                    snCurves.append((channel, .power(slope: m, intercept: k)))
                    c.warnUnknownKeys(["channel", "slope", "intercept"], &diagnostics)
                }
            }
        }
        if let list = node.optional("goodman") {
            for g in try list.list("a list of Goodman corrections {channel, ultimate}") {
                _ = try g.requireMap("a Goodman correction {channel, ultimate}")
                let channel = try g.string(key: "channel", "the channel name, e.g. Mbase or Tmoor")
                let u = try g.double(key: "ultimate", "the ultimate load in the channel's unit")
                guard u > 0, u.isFinite else { throw g["ultimate"]!.error("expected a positive ultimate load, got \(u)") }
                guard !goodman.contains(where: { $0.channel == channel }) else {
                    throw g["channel"]!.error("a second Goodman correction for \(channel)")
                }
                goodman.append((channel, u))
                g.warnUnknownKeys(["channel", "ultimate"], &diagnostics)
            }
        }
        node.warnUnknownKeys(FatigueSettings.knownKeys, &diagnostics)
    }
}
