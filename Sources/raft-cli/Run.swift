import ArgumentParser
import Foundation
import RAFT
import RAFTIO
import RAFTReport

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve every load case of a design; write response spectra (CSV) and a summary (JSON).",
        discussion: """
        Runs RAFT's standard flow: unloaded equilibrium and eigen analysis (single FOWT), then per case the mean offsets (statics), the drag-linearised frequency-domain response and the statistics, then eigen analysis again. Files are written atomically: nothing partial is left on failure.

        Output files:
          summary.json               unloaded offset and natural frequencies,
                                     per-case statistics under RAFT's names
                                     (surge_avg, pitch_std, Tmoor_max, ...),
                                     eigen analysis after the cases
          case<i>_fowt<j>_psd.csv    one row per frequency: freq_Hz, omega_rad_s,
                                     wave_PSD, surge_PSD ... yaw_PSD, AxRNA_PSD,
                                     Mbase_PSD, Tmoor<k>_PSD, omega/torque/bPitch
                                     (one-sided, per rad/s, like RAFT)
          case<i>_array_mooring_psd.csv   farms with shared moorings

        Examples:
          raft run designs/VolturnUS-S.yaml      (writes raft-out/VolturnUS-S/)
          raft run designs/OC3spar.yaml -o results/oc3
          pandas: pd.read_csv("raft-out/OC3spar/case0_fowt0_psd.csv")
        """
    )

    @Argument(help: "Design YAML file (RAFT input format).")
    var design: String

    @Option(name: .shortAndLong, help: "Output folder (default raft-out/<design file stem>).")
    var output: String?

    @Flag(name: .shortAndLong, help: "Print only errors (no warnings, progress or tables).")
    var quiet = false

    @Flag(name: [.customLong("fatigue"), .customLong("extremes")],
          help: "Show the fatigue and extremes view: DELs (Dirlik, narrow band, Tovo–Benasciutti), most-probable maxima, lifetime DELs.")
    var fatigueView = false

    func run() throws {
        let d = try loadDesign(design, quiet: quiet)
        let stem = URL(fileURLWithPath: design).deletingPathExtension().lastPathComponent
        let dir = output ?? "raft-out/\(stem)"
        try withExitCodes { try OutputFolder.requireWritable(dir) }
        var options = RunOptions()
        let total = d.cases?.cases.count ?? 0
        if !quiet && total > 1 {
            options.progress = { done, all in printError("case \(done)/\(all) done") }
        }
        options.bemStatus = BEMStatusPrinter.make(quiet: quiet)
        let result = try withExitCodes { try runDesign(d, options: options) }
        try withExitCodes { _ = try RunPublisher.publish(into: dir) { tmp in try RunWriter.write(result, to: tmp) } }
        if !quiet {
            for w in result.warnings where !d.diagnostics.warnings.map(\.description).contains(w) { printError("warning: \(w)") }
            writeStdout(fatigueView ? RunTable.fatigueText(result, settings: d.fatigue) : RunTable.text(result))
            writeStdout("wrote \(dir)/summary.json and \(result.cases.reduce(0) { $0 + $1.fowts.count }) spectra CSV file(s)")
        }
    }
}

/// The one-screen human table per case.
enum RunTable {
    static func text(_ r: RunResult) -> String {
        var lines: [String] = []
        if let u = r.unloaded {
            lines.append("unloaded equilibrium: surge \(fmt(u.offset[0])) m, heave \(fmt(u.offset[2])) m, pitch \(fmt(u.offset[4] * 57.29577951308232)) deg")
            let names = ["surge", "sway", "heave", "roll", "pitch", "yaw"]
            lines.append("natural periods [s]:  " + zip(names, u.eigen.periodsS).map { "\($0) \(fmt($1))" }.joined(separator: ", "))
        }
        for c in r.cases {
            let inputs = c.inputs.map { "\($0.key)=\(JSONValue($0.value).serialized(indent: nil).replacingOccurrences(of: "\"", with: ""))" }
            lines.append("")
            lines.append("case \(c.index): " + inputs.prefix(9).joined(separator: " "))
            for (j, f) in c.fowts.enumerated() {
                if c.fowts.count > 1 { lines.append("  FOWT \(j)") }
                lines.append("  " + "channel".padding(toLength: 12, withPad: " ", startingAt: 0) + "mean".leftPad(13) + "std".leftPad(13) + "max".leftPad(13) + "  unit")
                func row(_ name: String, _ unit: String, index: Int? = nil, label: String? = nil) {
                    guard let a = f.metrics["\(name)_avg"]?.values, let s = f.metrics["\(name)_std"]?.values else { return }
                    let mx = f.metrics["\(name)_max"]?.values
                    let idx = index ?? 0
                    guard idx < a.count, idx < s.count else { return }
                    let maxText = mx.map { idx < $0.count ? fmt($0[idx]) : "" } ?? ""
                    lines.append("  " + (label ?? name).padding(toLength: 12, withPad: " ", startingAt: 0)
                                 + fmt(a[idx]).leftPad(13) + fmt(s[idx]).leftPad(13) + maxText.leftPad(13) + "  " + unit)
                }
                for (n, u) in [("surge", "m"), ("sway", "m"), ("heave", "m"), ("roll", "deg"), ("pitch", "deg"), ("yaw", "deg")] { row(n, u) }
                if let t = f.metrics["Tmoor_avg"]?.values {
                    let nl = t.count / 2
                    for k in 0..<nl { row("Tmoor", "N (fairlead, line \(k))", index: nl + k, label: "Tmoor[\(nl + k)]") }
                }
                row("AxRNA", "m/s^2")
                row("Mbase", "N*m")
                if let om = f.metrics["omega_avg"]?.values, om.contains(where: { $0 != 0 }) {
                    row("omega", "rpm")
                    row("torque", "N*m")
                    row("bPitch", "deg")
                    if let p = f.metrics["power_avg"]?.values.first { lines.append("  power       " + fmt(p).leftPad(13) + "  W (mean)") }
                }
            }
            if let am = c.arrayMooring, let t = am["Tmoor_avg"]?.values, let s = am["Tmoor_std"]?.values {
                lines.append("  shared mooring tensions [N]: " + zip(t, s).map { "\(fmt($0))±\(fmt($1))" }.joined(separator: ", "))
            }
        }
        if let e = r.eigenAfterCases {
            lines.append("")
            lines.append("natural frequencies after the cases [Hz]: " + e.frequenciesHz.map(fmt).joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}

extension RunTable {
    /// The fatigue and extremes view (`raft run --fatigue`): per case and channel entry, σ, RAFT's avg + 3σ, the
    /// most-probable maximum and the DELs; then the lifetime DELs when the design gives case weights.
    static func fatigueText(_ r: RunResult, settings: FatigueSettings) -> String {
        let slopes = settings.slopes.map(CaseFatigue.keyNumber)
        var lines = ["fatigue: DEL = 1 Hz-equivalent load range over \(fmt(settings.duration)) s (Dirlik; nb = narrow band, tb = Tovo–Benasciutti); "
                     + "mpm = most-probable maximum over \(fmt(settings.duration)) s"]
        func header() -> String {
            "  " + "channel".padding(toLength: 12, withPad: " ", startingAt: 0) + "std".leftPad(11) + "avg+3std".leftPad(11)
                + "mpm".leftPad(11) + slopes.map { "DEL m\($0)".leftPad(11) }.joined() + "nb m\(slopes[0])".leftPad(11) + "tb m\(slopes[0])".leftPad(11)
        }
        func entries(_ m: CaseMetrics, _ channel: String) -> Int { m["\(channel)_avg"]?.values.count ?? 0 }
        for c in r.cases {
            lines.append("")
            lines.append("case \(c.index): " + c.inputs.prefix(9).map { "\($0.key)=\(JSONValue($0.value).serialized(indent: nil).replacingOccurrences(of: "\"", with: ""))" }.joined(separator: " "))
            for (j, f) in c.fowts.enumerated() {
                if c.fowts.count > 1 { lines.append("  FOWT \(j)") }
                lines.append(header())
                var channels = settings.channels
                for e in settings.extremes where !channels.contains(e) { channels.append(e) }
                for ch in channels {
                    let n = entries(f.metrics, ch)
                    for k in 0..<n {
                        func v(_ key: String) -> String {
                            guard let x = f.metrics[key]?.values, k < x.count else { return "" }
                            return fmt(x[k])
                        }
                        let label = n > 1 ? "\(ch)[\(k)]" : ch
                        var row = "  " + label.padding(toLength: 12, withPad: " ", startingAt: 0) + v("\(ch)_std").leftPad(11)
                            + v("\(ch)_max").leftPad(11) + v("\(ch)_mpm").leftPad(11)
                        row += slopes.map { v("\(ch)_DEL_m\($0)").leftPad(11) }.joined()
                        row += v("\(ch)_DEL_nb_m\(slopes[0])").leftPad(11) + v("\(ch)_DEL_tb_m\(slopes[0])").leftPad(11)
                        lines.append(row)
                    }
                }
            }
        }
        if let life = r.lifetimeFatigue {
            lines.append("")
            lines.append("lifetime (\(fmt(settings.designLifeYears)) years; case probabilities "
                         + (settings.caseProbability ?? []).map(fmt).joined(separator: ", ") + "):")
            for (j, f) in life.fowts.enumerated() {
                if life.fowts.count > 1 { lines.append("  FOWT \(j)") }
                for (key, value) in f where !key.contains("_nb_") && !key.contains("_tb_") {
                    lines.append("  " + key.padding(toLength: 24, withPad: " ", startingAt: 0) + value.values.map(fmt).joined(separator: ", "))
                }
            }
        } else {
            lines.append("")
            lines.append("lifetime: give fatigue.case_probability (or case_hours) in the design for lifetime DELs and damage")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

extension Run {
    /// `raft run DESIGN [-o DIR | --output DIR | --output=DIR] [-q | --quiet]` recognised without ArgumentParser,
    /// whose reflection (protocol-conformance scans over the whole binary) was a large part of a short run's
    /// start-up. Only this exact grammar is accepted (each option at most once, no value starting with "-");
    /// anything else returns nil and is parsed by ArgumentParser as before.
    static func parsePlain(_ args: [String]) -> Run? {
        var design: String?, output: String?, quiet = false
        var i = 0
        while i < args.count {
            let a = args[i]
            switch a {
            case "-q", "--quiet":
                if quiet { return nil }
                quiet = true
            case "-o", "--output":
                guard output == nil, i + 1 < args.count, !args[i + 1].hasPrefix("-"), !args[i + 1].isEmpty else { return nil }
                output = args[i + 1]
                i += 1
            default:
                if a.hasPrefix("--output=") {
                    let v = String(a.dropFirst("--output=".count))
                    guard output == nil, !v.isEmpty, !v.hasPrefix("-") else { return nil }
                    output = v
                } else if a.hasPrefix("-") || a.isEmpty || design != nil {
                    return nil
                } else {
                    design = a
                }
            }
            i += 1
        }
        guard let design else { return nil }
        var run = Run()
        run.design = design
        run.output = output
        run.quiet = quiet
        run.fatigueView = false
        return run
    }
}
