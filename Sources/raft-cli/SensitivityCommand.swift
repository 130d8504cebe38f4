import ArgumentParser
import Foundation
import RAFT
import RAFTIO

struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Local design sensitivities: derivatives and elasticities of run metrics by central differences.",
        discussion: """
        For each --param (a YAML path of the design, as in sweeps) with base value p0 and step h = STEP·|p0|,
        every --metric M (a sweep metric name: pitch_std, Tmoor_max, Mbase_DEL_m4, Mbase_mpm, fn_pitch,
        case0.surge_avg, ...; a plain statistic is the worst over cases) is differentiated as
          dM/dp = (M(p0 + h) − M(p0 − h)) / 2h,   elasticity = p0/M0 · dM/dp,
        and checked against the same difference with 2h: rows where the two differ by more than 1 % are
        flagged (converged = false). Runs are spread over all cores (1 + 4 per parameter; --no-check: 1 + 2).

          raft sensitivity designs/OC3spar.yaml --param platform.members[0].rho_fill[0] \\
              --param mooring.lines[*].length --metric pitch_std --metric Tmoor_DEL_m3 --json

        Output: a table (default), --csv or --json
          {parameters, parameter_values, metrics, values, derivatives[metric][parameter],
           elasticities[metric][parameter], converged[metric][parameter], step, runs}.
        """
    )

    @Argument(help: "Design YAML.")
    var design: String

    @Option(name: .customLong("param"), help: "YAML path of a parameter (repeatable).")
    var parameters: [String] = []

    @Option(name: .customLong("metric"), help: "Metric name (repeatable).")
    var metrics: [String] = []

    @Option(help: "Relative step h/|p0| (default 1e-3).")
    var step: Double = 1e-3

    @Flag(help: "Skip the 2h convergence check (half the runs).")
    var noCheck = false

    @Option(help: "Concurrent runs (default: number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Print CSV (metric, parameter, base values, derivative, elasticity, converged).")
    var csv = false

    func run() throws {
        guard !parameters.isEmpty else { throw ValidationError("give at least one --param PATH") }
        guard !metrics.isEmpty else { throw ValidationError("give at least one --metric NAME") }
        guard step > 0 && step < 0.5 else { throw ValidationError("--step must be in (0, 0.5), got \(step)") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        let base = try loadDesign(design, quiet: json || csv)
        var options = Sensitivity.Options()
        options.step = step
        options.checkConvergence = !noCheck
        options.jobs = jobs
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
                writeStdout(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
            }
            writeStdout("\(r.runs) runs, relative step \(step)")
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
