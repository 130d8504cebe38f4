import ArgumentParser
#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import RAFTIO
import RAFTReport

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve every load case of a design; write response spectra (CSV) and a summary (JSON).",
        discussion: """
        Runs RAFT's standard flow: unloaded equilibrium and eigen analysis (single FOWT), then per case the mean offsets (statics), the drag-linearised frequency-domain response and the statistics, then eigen analysis again. The tables give per case the mean, std, min and max of each channel in its unit (RAFT's min/max = mean ∓ 3 std).

        Files are written atomically into the output folder: nothing partial is left on failure, and the files of an earlier run in the same folder (summary.json, case*_psd.csv, case*_rao.csv, plots/) are replaced as one set; other files are left alone.

        Output files:
          summary.json             offsets, natural frequencies, per-case statistics
                                   under RAFT's names (surge_avg, pitch_std,
                                   Tmoor_max, ...), units, eigen after the cases
          case<i>_fowt<j>_psd.csv  per frequency: freq_Hz, omega_rad_s, wave_PSD,
                                   surge_PSD ... yaw_PSD, AxRNA_PSD, Mbase_PSD,
                                   Tmoor<k>_PSD, omega/torque/bPitch_PSD
                                   (one-sided, per rad/s, like RAFT)
          case<i>_fowt<j>_rao.csv  per frequency and DOF: RAFT's <dof>_RA as
                                   <dof>_RA_re, <dof>_RA_im [m, deg], the RAO
                                   <dof>_RAO_mag [m/m, deg/m], <dof>_RAO_phase_deg
          case<i>_array_mooring_psd.csv   farms with shared moorings

        Examples:
          raft run designs/VolturnUS-S.yaml      (writes raft-out/VolturnUS-S/)
          raft run designs/OC3spar.yaml -o results/oc3
          raft run designs/OC3spar.yaml --fatigue
          raft run designs/OC3spar.yaml --json > summary.json
          pandas: pd.read_csv("raft-out/OC3spar/case0_fowt0_rao.csv")
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

    @Flag(help: "Print the summary document (the summary.json written to the output folder) on stdout instead of the tables.")
    var json = false

    func run() throws {
        try Arguments(design: design, output: output, quiet: quiet, fatigueView: fatigueView, json: json).perform()
    }

    /// The parsed arguments of `raft run`, without ArgumentParser's property wrappers: `parsePlain` makes this and
    /// the command runs without a `Run` value (see there).
    struct Arguments {
        var design: String
        var output: String?
        var quiet: Bool
        var fatigueView: Bool
        var json: Bool
    }
}

extension Run.Arguments {
    /// Solve, write the files and print (the command's whole work).
    func perform() throws {
        let d = try loadDesign(design, quiet: quiet || json, sanity: true)
        let dir = output ?? "raft-out/\(FileName.stem(of: design))"
        try withExitCodes { try OutputFolder.requireWritable(dir) }
        var options = RunOptions()
        options.predictOpenBLASCore = true
        let total = d.cases?.cases.count ?? 0
        if !quiet && total > 1 {
            options.progress = { done, all in printError("case \(done)/\(all) done") }
        }
        options.bemStatus = BEMStatusPrinter.make(quiet: quiet)
        // Each case's CSVs are formatted on the other cores while the next case is computed, and written there as
        // temporaries (`EarlyFiles`: published with the summary at the end, removed if the run fails).
        let early = EarlyFiles(for: dir)
        let formatter = CaseFileFormatter(formatted: { name, text in early.write(name, text) })
        options.caseFinished = { c, grid in formatter.add(c, grid: grid) }
        let result: RunResult
        do { result = try withExitCodes { try runDesign(d, options: options) } } catch {
            early.discard()
            throw error
        }
        // The tables are formatted on another thread while this one formats the summary and publishes the files
        // (the other core finishes the last case's CSVs first): they were ~5 M instructions of this thread's tail.
        let fatigue = fatigueView ? d.fatigue : nil
        let table = json || quiet ? nil : BackgroundText {
            if let fatigue { RunTable.fatigueText(result, settings: fatigue) } else { RunTable.text(result) }
        }
        // The summary is formatted here while the other core finishes the last case's CSVs (`summaryFile`'s text).
        // Its tree of values is kept until the process ends (`ProcessEnd`): freeing it was ~0.37 M instructions
        // of this thread's tail (OC3spar).
        let summaryValue = RunWriter.summary(result)
        let summary = summaryValue.serializedLine()
        try withExitCodes {
            var texts = formatter.texts()
            texts["summary.json"] = .some(summary)
            _ = try RunPublisher.publish(into: dir, files: RunWriter.files(result, formatted: texts), early: early)
        }
        if json {
            writeAll(1, summary)  // summary.json's text: `serialized() + "\n"`, what `writeStdout` would print (made once)
        } else if !quiet {
            for w in result.warnings where !d.diagnostics.warnings.map({ $0.description }).contains(w) { printError("warning: \(w)") }
            writeStdout(table?.value ?? "")
            let n = result.cases.reduce(0) { $0 + $1.fowts.count }
            writeStdout("wrote \(dir): summary.json, \(n) PSD and \(n) RAO CSV file(s)")
        }
        ProcessEnd.succeed(keeping: result, d, formatter, early, summaryValue)
    }
}

/// A text made on a global-queue thread; `value` waits for it.
final class BackgroundText: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var text = ""  // written once by the background thread before `done` is signalled

    init(_ make: @escaping @Sendable () -> String) {
        DispatchQueue.global().async { [self] in
            text = make()
            done.signal()
        }
    }

    /// The text (waits until it is made; read it once).
    var value: String {
        done.wait()
        return text
    }
}

extension RunTable {
    /// Unit of a channel's statistics (RAFT's `case_metrics` units).
    static func unit(_ channel: String) -> String {
        switch channel {
        case "surge", "sway", "heave": return "m"
        case "roll", "pitch", "yaw", "bPitch": return "deg"
        case "AxRNA", "AyRNA", "AzRNA": return "m/s^2"
        case "Tmoor", "FbaseX", "FbaseY", "FbaseZ": return "N"
        case "Mbase", "torque", "MbaseX", "MbaseY", "MbaseZ": return "N*m"
        case "omega": return "rpm"
        case "power": return "W"
        default: return ""
        }
    }

    /// The fatigue and extremes view (`raft run --fatigue`): per case and FOWT, an extremes table (σ, RAFT's
    /// avg + 3σ, the most-probable maximum) and a DEL table; then the lifetime DELs when the design gives case weights.
    static func fatigueText(_ r: RunResult, settings: FatigueSettings) -> String {
        let slopes = settings.slopes.map(CaseFatigue.keyNumber)
        let duration = String(cFormat: "%g", settings.duration)
        var lines = MatrixText.wrap(text: "DEL = damage-equivalent load range for 1 Hz-equivalent cycles over \(duration) s (Dirlik; "
                                    + "nb = narrow band, tb = Tovo–Benasciutti); mpm = most-probable maximum over \(duration) s; "
                                    + "avg+3std = RAFT's max.", first: "fatigue:", width: width, indent: 4)
        func entries(_ m: CaseMetrics, _ channel: String) -> Int { m["\(channel)_avg"]?.values.count ?? 0 }
        for c in r.cases {
            lines.append("")
            lines += caseHeader(c)
            for (j, f) in c.fowts.enumerated() {
                if c.fowts.count > 1 { lines.append("FOWT \(j)") }
                var extremes = TextTable(header: ["channel", "std", "avg+3std", "mpm"])
                var dels = TextTable(header: ["channel"] + slopes.map { "DEL m\($0)" } + ["nb m\(slopes[0])", "tb m\(slopes[0])"])
                var channels = settings.channels
                for e in settings.extremes where !channels.contains(e) { channels.append(e) }
                // round-off is judged against the largest value of the same unit in this table
                var unitScale: [String: Double] = [:]
                for ch in channels {
                    let v = ["\(ch)_std", "\(ch)_max", "\(ch)_mpm"].flatMap { f.metrics[$0]?.values ?? [] }
                    unitScale[unit(ch), default: 0] = max(unitScale[unit(ch), default: 0], NumberFormat.scale(v))
                }
                for ch in channels {
                    let n = entries(f.metrics, ch)
                    guard n > 0 else { continue }
                    func values(_ key: String) -> [Double] {
                        let x = f.metrics[key]?.values ?? []
                        return (0..<n).map { $0 < x.count ? x[$0] : .nan }
                    }
                    let ext = ["\(ch)_std", "\(ch)_max", "\(ch)_mpm"].map(values)
                    let del = (slopes.map { "\(ch)_DEL_m\($0)" } + ["\(ch)_DEL_nb_m\(slopes[0])", "\(ch)_DEL_tb_m\(slopes[0])"]).map(values)
                    let isFatigue = settings.channels.contains(ch)
                    let (u, k) = NumberFormat.prefixed(unit(ch), scale: NumberFormat.scale(ext.flatMap { $0 }))
                    let (ud, kd) = NumberFormat.prefixed(unit(ch), scale: NumberFormat.scale(del.flatMap { $0 }))
                    let noise = unitScale[unit(ch), default: 0]
                    for i in 0..<n {
                        let label = n > 1 ? "\(ch)[\(i)]" : ch
                        let e = ext.map { $0[i] * k }
                        let fe = NumberFormat(values: e.filter { $0.isFinite }, noiseScale: noise * k)
                        extremes.append([label] + e.map { $0.isFinite ? fe.string($0) : "" }, trailer: u)
                        if isFatigue {
                            let d = del.map { $0[i] * kd }
                            let fd = NumberFormat(values: d.filter { $0.isFinite })
                            dels.append([label] + d.map { $0.isFinite ? fd.string($0) : "" }, trailer: ud)
                        }
                    }
                }
                lines += extremes.render(width: width)
                lines.append("")
                lines += dels.render(width: width)
            }
        }
        if let life = r.lifetimeFatigue {
            lines.append("")
            let years = String(cFormat: "%g", settings.designLifeYears)
            let p = settings.caseProbability ?? []
            let words = p.enumerated().map { String(cFormat: "%g", $0.element) + ($0.offset == p.count - 1 ? "):" : ",") }
            lines += MatrixText.wrap(words, first: "lifetime (\(years) years; case probabilities", width: width, indent: 4)
            for (j, f) in life.fowts.enumerated() {
                if life.fowts.count > 1 { lines.append("FOWT \(j)") }
                for (key, value) in f where !key.contains("_nb_") && !key.contains("_tb_") {
                    let ch = String(key.prefix { $0 != "_" })
                    let isDamage = key.hasSuffix("_damage_life")
                    let (u, k) = isDamage ? ("(Miner damage)", 1.0) : NumberFormat.prefixed(unit(ch), scale: NumberFormat.scale(value.values))
                    let v = value.values.map { $0 * k }
                    let fv = NumberFormat(values: v)
                    lines += MatrixText.wrap(v.map(fv.string) + [u], first: "  " + key.padded(toLength: 24),
                                             width: width, indent: 26)
                }
            }
        } else {
            lines.append("")
            lines += MatrixText.wrap(text: "give fatigue.case_probability (or case_hours) in the design for lifetime DELs and damage",
                                     first: "lifetime:", width: width, indent: 4)
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
    /// anything else returns nil and is parsed by ArgumentParser as before. No `Run` value is made: its property
    /// wrappers build ArgumentParser's option-name sets (`NameSpecification`), whose `Set` storage the Swift runtime
    /// instantiates by mangled name, scanning all ~4,000 conformance records for the element's `Hashable` (~0.25 M
    /// instructions on the main thread before the design is read, callgrind).
    static func parsePlain(_ args: [String]) -> Arguments? {
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
        return Arguments(design: design, output: output, quiet: quiet, fatigueView: false, json: false)
    }
}
