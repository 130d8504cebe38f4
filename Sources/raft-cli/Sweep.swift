import ArgumentParser
import Foundation
import RAFT
import RAFTIO
import RAFTReport

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parameter sweeps: many design variants on all cores, shardable over a cluster.",
        discussion: """
        SWEEP.yaml names a base design, the parameters to vary (by YAML path, with value lists or ranges; full factorial or zipped) and the metrics to collect:

          design: ../designs/OC3spar.yaml
          combine: factorial               # or zip
          parameters:
            - path: platform.members[0].d  # [*] edits every element
              values: [9.0, 9.4, 9.8]
            - path: mooring.lines[*].length
              range: {start: 880, stop: 920, count: 5}
          metrics: [pitch_std, Tmoor_max, fn_pitch, case0.surge_avg]

        Metric names: RAFT statistics taken as the worst over cases (surge_avg, pitch_std, Tmoor_max, ...), case<i>.<key> for one case, fn_<dof>, T_<dof> and offset_<dof> for the unloaded equilibrium.

        Output: DIR/results.csv (one row per variant: parameters, status, error, metrics) and DIR/variants/v<i>.json. A rerun skips finished variants (resume after a kill). A failing variant (unstable, bad input) is recorded with its error and the sweep goes on.

        Cluster: --shard I/N runs the variants with index ≡ I (mod N).
          Slurm job array (see examples/slurm/sweep.sbatch):
            raft sweep s.yaml -o out/shard$SLURM_ARRAY_TASK_ID
              --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT
          Kubernetes Indexed Job (see examples/k8s/sweep-job.yaml):
            --shard $JOB_COMPLETION_INDEX/<completions>
          Then: raft sweep merge s.yaml out/shard* -o out/all
        """,
        subcommands: [SweepRun.self, SweepMerge.self],
        defaultSubcommand: SweepRun.self
    )
}

struct SweepRun: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a sweep (the default subcommand).")

    @Argument(help: "Sweep description (YAML).")
    var sweep: String

    @Option(name: .shortAndLong, help: "Output folder (default raft-out/<sweep file stem>).")
    var output: String?

    @Option(help: "Run only shard I of N (I/N, 0-based; e.g. 3/16).")
    var shard: String = "0/1"

    @Option(help: "Concurrent variants (default: number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .shortAndLong, help: "No progress bar.")
    var quiet = false

    func run() throws {
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, parts[0] >= 0, parts[0] < parts[1] else {
            throw ValidationError("--shard must be I/N with 0 ≤ I < N, got '\(shard)'")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        let spec = try withExitCodes { try SweepSpec.load(path: sweep) }
        if !quiet { for w in spec.diagnostics.warnings { printError(w.description) } }
        let base = try loadDesign(spec.designPath, quiet: quiet)
        let dir = output ?? "raft-out/" + URL(fileURLWithPath: sweep).deletingPathExtension().lastPathComponent
        var runner = SweepRunner(spec: spec, outputDirectory: dir)
        runner.shardIndex = parts[0]
        runner.shardCount = parts[1]
        runner.jobs = jobs
        let start = Date()
        let progress: (@Sendable (Int, Int) -> Void)? = quiet ? nil : { @Sendable (done: Int, total: Int) -> Void in
            SweepRun.showProgress(done: done, total: total, since: start)
        }
        let (computed, skipped) = try withExitCodes {
            try runner.run(base: base, evaluate: { try SweepMetrics.evaluate($0) }, progress: progress)
        }
        if !quiet {
            writeStdout("\(computed) variant(s) computed, \(skipped) already done; results in \(dir)/results.csv")
        }
    }
}

extension SweepRun {
    /// A one-line progress bar on stderr.
    static func showProgress(done: Int, total: Int, since start: Date) {
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let elapsed = Date().timeIntervalSince(start)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) variants, \(String(format: "%.1f", elapsed)) s".utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

struct SweepMerge: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "Join the outputs of several shards into one results.csv.")

    @Argument(help: "The sweep description used for the shards.")
    var sweep: String

    @Argument(help: "Shard output folders.")
    var directories: [String]

    @Option(name: .shortAndLong, help: "Merged output folder.")
    var output: String

    func run() throws {
        let spec = try withExitCodes { try SweepSpec.load(path: sweep) }
        try withExitCodes { try SweepRunner.writeResults(spec: spec, directories: directories, into: output) }
        writeStdout("merged \(directories.count) folder(s) into \(output)/results.csv")
    }
}
