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

struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Local design sensitivities: derivatives and elasticities of run metrics by central differences.",
        discussion: """
        For each --param (a YAML path of the design, as in sweeps) with base value p0 and step h = STEP·|p0|, every --metric M (a sweep metric name: pitch_std, Tmoor_max, Mbase_DEL_m4, Mbase_mpm, fn_pitch, case0.surge_avg, ...; a plain statistic is the worst over cases) is differentiated as dM/dp = (M(p0 + h) − M(p0 − h)) / 2h, with the elasticity p0/M0 · dM/dp, and checked against the same difference with 2h: rows where the two differ by more than 1 % are flagged (converged = false). Runs are spread over all cores (1 + 4 per parameter; --no-check: 1 + 2).

        Output: a table (default), --csv or --json {parameters, parameter_values, metrics, values, derivatives[metric][parameter], elasticities[metric][parameter], converged[metric][parameter], step, runs}; --svg FILE adds a tornado chart of the elasticities.

        Global (Sobol) indices: --sobol N with --range PATH=LOW:HIGH per parameter runs Saltelli's N·(k + 2) variants as a sweep into -o DIR (resumable; --shard I/N like raft sweep, shards writing into one shared folder), then prints first-order and total indices per metric and writes DIR/sobol.json {parameters, ranges, metrics, first_order, total, base_samples, runs}.

        Smooth metrics: RAFT stops the drag linearisation at a 1 % change between passes, so a small design change can change the number of passes and move a response statistic by up to about that much, which a finite difference turns into a wrong derivative (flagged NOT CONVERGED). --smooth runs every variant with settings.dragTolerance 1e-6 and nIter ≥ 100 (metrics then differ from `raft run`'s by up to that 1 %). Rows can also stay flagged where the model itself jumps, e.g. a strip node crossing the still-water line as the mean heave changes: try another --step.

        Examples:
          raft sensitivity designs/OC3spar.yaml --param mooring.lines[*].length
              --metric pitch_std --metric Tmoor_DEL_m3
          raft sensitivity designs/OC3spar.yaml --param platform.members[0].rho_fill[0]
              --metric fn_pitch --json > sens.json
          raft sensitivity examples/VolturnUS-S-scatter.yaml --smooth --param platform.members[1].d
              --metric Mbase_DEL_life_m4 --metric pitch_std --svg tornado.svg
          raft sensitivity designs/OC3spar.yaml --sobol 64 --metric pitch_std
              --range platform.members[0].rho_fill[0]=1700:1900
              --range mooring.lines[*].length=890:910 -o raft-out/sobol
        """
    )

    @Argument(help: "Design YAML.")
    var design: String

    @Option(name: .customLong("param"), help: "YAML path of a parameter (repeatable).")
    var parameters: [String] = []

    @Option(name: .customLong("metric"), help: "Metric name (repeatable).")
    var metrics: [String] = []

    @Option(help: "Relative step h/|p0|.")
    var step: Double = 1e-3

    @Flag(help: "Skip the 2h convergence check (half the runs).")
    var noCheck = false

    @Option(help: "Concurrent runs (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Print CSV (metric, parameter, base values, derivative, elasticity, converged).")
    var csv = false

    @Option(help: "Global (Sobol) study with N base samples, N·(k + 2) runs; needs --range for each parameter.")
    var sobol: Int?

    @Option(name: .customLong("range"), help: "Sobol parameter PATH=LOW:HIGH (repeatable).")
    var ranges: [String] = []

    @Option(help: "Random seed of the Saltelli sample.")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: "Sobol: sweep output folder (default raft-out/<design stem>-sobol).")
    var output: String?

    @Option(help: "Sobol: run only shard I of N (I/N), like raft sweep.")
    var shard: String = "0/1"

    @Flag(help: "A tight drag-linearisation tolerance for every run (settings.dragTolerance 1e-6), for smooth metrics.")
    var smooth = false

    @Option(help: "Write a tornado chart of the elasticities (SVG) to this file.")
    var svg: String?

    func runSobol(_ n: Int) throws {
        guard n >= 2 else { throw ValidationError("--sobol needs at least 2 base samples, got \(n)") }
        guard !ranges.isEmpty, parameters.isEmpty else { throw ValidationError("--sobol takes --range PATH=LOW:HIGH (not --param)") }
        var params: [SobolStudy.Parameter] = []
        for r in ranges {
            let parts = r.split(separator: "=", maxSplits: 1)
            let bounds = parts.count == 2 ? parts[1].split(separator: ":").compactMap { Double($0) } : []
            guard parts.count == 2, bounds.count == 2, bounds[0] < bounds[1] else {
                throw ValidationError("--range must be PATH=LOW:HIGH with LOW < HIGH, got '\(r)'")
            }
            params.append(SobolStudy.Parameter(path: String(parts[0]), range: Sobol.Range(bounds[0], bounds[1])))
        }
        let sh = shard.split(separator: "/").compactMap { Int($0) }
        guard sh.count == 2, sh[1] >= 1, sh[0] >= 0, sh[0] < sh[1] else { throw ValidationError("--shard must be I/N with 0 ≤ I < N") }
        let base = try loadDesign(design, quiet: json || csv)
        for p in params { _ = try withExitCodes { try base.setting(p.path, to: p.range.lower) } }
        let study = SobolStudy(parameters: params, metrics: metrics, baseSamples: n, seed: seed)
        let dir = output ?? "raft-out/" + URL(fileURLWithPath: design).deletingPathExtension().lastPathComponent + "-sobol"
        var runner = SweepRunner(spec: study.sweep(designPath: design), outputDirectory: dir)
        runner.shardIndex = sh[0]
        runner.shardCount = sh[1]
        runner.jobs = jobs ?? ActiveProcessors.count
        _ = try withExitCodes { try runner.run(base: base, evaluate: { try SweepMetrics.evaluate($0) }) }
        let indices: [SobolStudy.Indices]
        do { indices = try study.indices(directories: [dir]) } catch let e as SobolError {
            if case .missingVariants = e, sh[1] > 1 { writeStdout("shard \(shard) done in \(dir); \(e)"); return }
            printError("error: \(e)")
            throw ExitCode(ExitCodes.solveFailure)
        }
        let doc = JSONValue.object([
            ("parameters", .array(params.map { .string($0.path) })),
            ("ranges", .array(params.map { .numbers([$0.range.lower, $0.range.upper]) })),
            ("metrics", .array(metrics.map { .string($0) })),
            ("first_order", .object(indices.map { ix in (ix.metric, .object(zip(params, ix.firstOrder).map { ($0.path, .number($1)) })) })),
            ("total", .object(indices.map { ix in (ix.metric, .object(zip(params, ix.total).map { ($0.path, .number($1)) })) })),
            ("base_samples", .int(n)), ("runs", .int(n * (params.count + 2))), ("seed", .int(Int(seed))),
        ])
        try withExitCodes { try AtomicFile.write(doc.serialized() + "\n", to: (dir).pathAppending("sobol.json")) }
        if json { writeStdout(doc.serialized()); return }
        var lines = ["metric", "parameter", "S_first", "S_total"].joined(separator: ",") + "\n"
        if !csv { lines = "" }
        for ix in indices {
            for (i, p) in params.enumerated() {
                lines += csv ? "\(ix.metric),\(p.path),\(ix.firstOrder[i]),\(ix.total[i])\n"
                    : ix.metric.padded(toLength: 16) + p.path.padded(toLength: 40)
                        + "first " + fmt(ix.firstOrder[i]).leftPad(8) + "   total " + fmt(ix.total[i]).leftPad(8) + "\n"
            }
        }
        writeStdout(lines + (csv ? "" : "\(n * (params.count + 2)) runs (N = \(n)); \(dir)/sobol.json"))
    }

    func run() throws {
        if let n = sobol { return try runSobol(n) }
        guard !parameters.isEmpty else { throw ValidationError("give at least one --param PATH") }
        guard !metrics.isEmpty else { throw ValidationError("give at least one --metric NAME") }
        guard step > 0 && step < 0.5 else { throw ValidationError("--step must be in (0, 0.5), got \(step)") }
        guard (jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
        var base = try loadDesign(design, quiet: json || csv)
        if smooth { base = try withExitCodes { try base.withSmoothSolverSettings() } }
        var options = Sensitivity.Options()
        options.step = step
        options.checkConvergence = !noCheck
        options.jobs = jobs ?? ActiveProcessors.count
        let r: SensitivityResult
        do {
            r = try withExitCodes {
                do { return try Sensitivity.local(design: base, parameters: parameters, metrics: metrics, options: options) }
                catch let e as SensitivityError {
                    printError("error: \(e)")
                    throw ExitCode(ExitCodes.badInput)
                }
            }
        }
        if let svg {
            try withExitCodes { try AtomicFile.write(TornadoChart.svg(r), to: svg) }
        }
        if json { writeStdout(SensitivityCommand.json(r, step: step).serialized()) } else if csv {
            var lines = ["metric,parameter,metric_value,parameter_value,derivative,elasticity,converged"]
            for (k, m) in r.metrics.enumerated() {
                for (i, p) in r.parameters.enumerated() {
                    lines.append("\(m),\(p),\(r.values[k]),\(r.baseValues[i]),\(r.derivatives[k][i]),\(r.elasticities[k][i]),\(r.converged[k][i])")
                }
            }
            writeStdout(lines.joined(separator: "\n"))
        } else {
            var rows: [[String]] = [["metric", "value", "parameter", "p0", "dM/dp", "elasticity", ""]]
            for (k, m) in r.metrics.enumerated() {
                for (i, p) in r.parameters.enumerated() {
                    rows.append([i == 0 ? m : "", i == 0 ? fmt(r.values[k]) : "", p, fmt(r.baseValues[i]),
                                 fmt(r.derivatives[k][i]), fmt(r.elasticities[k][i]), r.converged[k][i] ? "" : "NOT CONVERGED"])
                }
            }
            let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max()! }
            for row in rows {
                writeStdout(zip(row, widths).map { $0.padded(toLength: $1) }.joined(separator: "  "))
            }
            writeStdout("\(r.runs) runs, relative step \(step)")
            if r.converged.contains(where: { $0.contains(false) }) {
                writeStdout("NOT CONVERGED: the h and 2h differences disagree by more than 1 %: the metric is strongly nonlinear "
                    + (smooth ? "in that parameter (try a smaller --step)" : "in that parameter, jumps with it, or moves with RAFT's 1 % drag-linearisation tolerance (try --smooth)"))
            }
        }
    }

    static func json(_ r: SensitivityResult, step: Double) -> JSONValue {
        func table<T>(_ t: [[T]], _ f: (T) -> JSONValue) -> JSONValue {
            .object(r.metrics.enumerated().map { k, m in (m, .object(r.parameters.enumerated().map { i, p in (p, f(t[k][i])) })) })
        }
        return .object([
            ("parameters", .array(r.parameters.map { .string($0) })),
            ("parameter_values", .numbers(r.baseValues)),
            ("metrics", .array(r.metrics.map { .string($0) })),
            ("values", .object(zip(r.metrics, r.values).map { ($0, .number($1)) })),
            ("derivatives", table(r.derivatives) { .number($0) }),
            ("elasticities", table(r.elasticities) { .number($0) }),
            ("converged", table(r.converged) { .bool($0) }),
            ("step", .number(step)),
            ("runs", .int(r.runs)),
        ])
    }
}
