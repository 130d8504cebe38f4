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

        Metric names: RAFT statistics taken as the worst over cases (surge_avg, pitch_std, Tmoor_max, ...), fatigue and extremes from the design's fatigue settings (Mbase_DEL_m4, Tmoor_DEL_nb_m3, pitch_mpm, ...; worst over cases) and lifetime values with case weights (Mbase_DEL_life_m4, Tmoor_damage_life), case<i>.<key> for one case, fn_<dof>, T_<dof> and offset_<dof> for the unloaded equilibrium.

        Before any variant runs, every parameter path must name a value of the design and every metric must be one raft produces (exit 2 with "did you mean" otherwise).

        Output: DIR/results.csv (one row per variant: parameters, status, error, metrics), DIR/variants/v<i>.json and DIR/status.json (counts). A rerun skips finished variants (resume after a kill) written by the same sweep file, design file and raft version (a fingerprint in each variant file); variants from another definition are computed again. A failing variant (unstable, bad input) is recorded with its error and the sweep goes on; at the end the number of failed variants is printed and the exit code is 3 when any failed (0 with --allow-failures).

        Progress: a live bar on a terminal; one line per 5 % otherwise (logs).

        Cluster: --shard I/N runs the variants with index ≡ I (mod N); give N explicitly (the total number of shards), so that one failed shard can be rerun alone.

        Examples:
          raft sweep examples/sweep-oc3.yaml -o raft-out/sweep
          raft sweep run examples/sweep-oc3.yaml --shard 3/16 -o raft-out/sweep/shard3
          sbatch --array=0-15 examples/slurm/sweep.sbatch examples/sweep-oc3.yaml 16
          sbatch --array=6 examples/slurm/sweep.sbatch examples/sweep-oc3.yaml 16
              (rerun shard 6 of 16 only)
          raft sweep merge examples/sweep-oc3.yaml raft-out/sweep/shard*
              -o raft-out/sweep/all
        """,
        subcommands: [SweepRun.self, SweepMerge.self],
        defaultSubcommand: SweepRun.self
    )
}

struct SweepRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a sweep (the default subcommand: raft sweep SWEEP.yaml is raft sweep run SWEEP.yaml).",
        usage: """
        raft sweep [run] <sweep> [-o <dir>] [--shard <I/N>] [--jobs <K>] [-q]
                         [--allow-failures]
        """,
        discussion: """
        Runs the variants of SWEEP.yaml (see raft sweep --help for the file) on --jobs cores and writes DIR/results.csv, DIR/variants/v<i>.json and DIR/status.json. A rerun into the same folder skips finished variants, so a killed run resumes where it stopped.

        Examples:
          raft sweep run examples/sweep-oc3.yaml -o raft-out/sweep
          raft sweep run examples/sweep-oc3.yaml --jobs 1 -q
          raft sweep run examples/sweep-oc3.yaml --shard 0/4 -o raft-out/sweep/shard0
        """)

    @Argument(help: "Sweep description (YAML).")
    var sweep: String

    @Option(name: .shortAndLong, help: "Output folder (default raft-out/<sweep file stem>).")
    var output: String?

    @Option(help: ArgumentHelp("Run only shard I of N: the variants with index ≡ I (mod N); I is 0-based, N the total number of shards (e.g. 3/16).", valueName: "I/N"))
    var shard: String = "0/1"

    @Option(help: ArgumentHelp("Concurrent variants (default: the number of cores).", valueName: "K"))
    var jobs: Int?

    @Flag(name: .shortAndLong, help: "Print only errors (no warnings, progress bar or summary line).")
    var quiet = false

    @Flag(name: .customLong("allow-failures"), help: "Exit 0 even when some variants failed (they are still listed in results.csv).")
    var allowFailures = false

    func run() throws {
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, parts[0] >= 0, parts[0] < parts[1] else {
            throw ValidationError("--shard must be I/N with 0 ≤ I < N, got '\(shard)'")
        }
        guard (jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
        let spec = try withExitCodes { try SweepSpec.load(path: sweep) }
        if !quiet { for w in spec.diagnostics.warnings { printError(w.description) } }
        let base = try loadDesign(spec.designPath, quiet: quiet)
        try withExitCodes { try spec.validate(against: base) }
        let dir = output ?? "raft-out/" + URL(fileURLWithPath: sweep).deletingPathExtension().lastPathComponent
        try withExitCodes { try OutputFolder.requireWritable(dir) }
        Interrupts.watch(folder: dir)
        var runner = SweepRunner(spec: spec, outputDirectory: dir)
        runner.shardIndex = parts[0]
        runner.shardCount = parts[1]
        runner.jobs = jobs ?? ActiveProcessors.count
        let start = Date()
        let live = isatty(STDERR_FILENO) == 1
        let progress: (@Sendable (Int, Int) -> Void)? = quiet ? nil : { @Sendable (done: Int, total: Int) -> Void in
            SweepRun.showProgress(done: done, total: total, since: start, live: live)
        }
        let outcome = try withExitCodes {
            try runner.run(base: base, evaluate: SweepMetrics.evaluator(spec: spec, base: base), progress: progress)
        }
        if !quiet {
            writeStdout("\(outcome.computed) variant(s) computed, \(outcome.skipped) already done; results in \(dir)/results.csv")
        }
        if outcome.failed > 0 {
            printError("\(outcome.failed) of \(outcome.total) variant(s) failed (status and error columns of \(dir)/results.csv)")
            if !allowFailures { throw ExitCode(ExitCodes.solveFailure) }
        }
    }
}

extension SweepRun {
    /// Progress on stderr: a live one-line bar on a terminal; in a log, one plain line per 5 % (no `\r` frames).
    static func showProgress(done: Int, total: Int, since start: Date, live: Bool) {
        if !live {
            let step = max(1, total / 20)
            guard done == total || (done > 0 && done % step == 0) else { return }
            let elapsed = Date().timeIntervalSince(start)
            printError("sweep: \(done)/\(total) variants (\(total == 0 ? 100 : 100 * done / total) %), \(String(cFormat: "%.1f", elapsed)) s")
            return
        }
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let elapsed = Date().timeIntervalSince(start)
        writeAll(2, "\r[\(bar)] \(done)/\(total) variants, \(String(cFormat: "%.1f", elapsed)) s")
        if done == total { writeAll(2, "\n") }
    }
}

struct SweepMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the outputs of several shards into one results.csv.",
        discussion: """
        Reads the variant files of every shard folder and writes OUT/results.csv, identical to the table an unsharded run gives. Fails (exit 2) naming the variants when a shard is missing or unfinished, when a variant appears in two folders, or when a variant was written for another sweep file, design or raft version; rerun that shard (same --shard I/N) and merge again.

        Examples:
          raft sweep merge examples/sweep-oc3.yaml raft-out/sweep/shard* -o raft-out/sweep/all
          raft sweep merge s.yaml out/shard0 out/shard1 out/shard2 -o out/all
        """)

    @Argument(help: "The sweep description used for the shards.")
    var sweep: String

    @Argument(help: "Shard output folders.")
    var directories: [String]

    @Option(name: .shortAndLong, help: "Merged output folder.")
    var output: String

    func run() throws {
        let spec = try withExitCodes { try SweepSpec.load(path: sweep) }
        try withExitCodes { try OutputFolder.requireWritable(output) }
        try withExitCodes { try SweepRunner.writeResults(spec: spec, directories: directories, into: output) }
        writeStdout("merged \(directories.count) folder(s) into \(output)/results.csv")
    }
}
