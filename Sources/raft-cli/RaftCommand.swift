import ArgumentParser
#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK
import RAFT
import RAFTIO
import RAFTReport

@main
struct RaftCommand: ParsableCommand {
    static func main() {
        // malloc keeps the heap a case frees for the next one (no page faults again; same numbers). Before any other
        // thread starts: the settings look `mallopt` up with `dlsym`, which waits for the loader's lock while `dlopen`
        // runs (the whole ~2-4 ms load; it happened in 2 of 26 fresh OC3spar runs at real-time priority, in 13 of 20
        // on the loaded machine: perf sched_switch stacks).
        _ = HeapSettings.applied
        let arguments = CommandLine.arguments  // read once: each read copies the process's arguments into new Strings
        if let first = arguments.dropFirst().first, solvingSubcommands.contains(first) {
            // The executable's data pages writable at once, while this is the only thread (see there); then one
            // thread installs the signal handlers and loads OpenBLAS on another core while the design is read.
            StartupPages.populate()
            StartupThread.start(loadWhenIdle: first == "run")
        } else {
            // The other commands never load OpenBLAS.
            Interrupts.install()
        }
        // Reuse fitted airfoil splines between runs (exact-bit keys; results identical to a fresh fit).
        SmoothingSpline.persistentStore = DiskFitCache.fromEnvironment()
        // Reuse BEM results of the same hull mesh, frequencies and headings (exact-bit keys).
        BEMCache.persistentStore = DiskBEMCache.fromEnvironment()
        if let message = unknownSubcommandMessage(Array(arguments.dropFirst())) {
            printError(message)
            ProcessEnd.exit(ExitCode.validationFailure.rawValue)
        }
        // The command's type (for usage messages) and its work.
        let leaf: any ParsableCommand.Type
        let work: () throws -> Void
        if let first = arguments.dropFirst().first, first == "run", let plain = Run.parsePlain(Array(arguments.dropFirst(2))) {
            leaf = Run.self
            work = { try plain.perform() }
        } else {
            var command: any ParsableCommand
            do {
                command = try parseLeafDirectly() ?? parseAsRoot()
            } catch {
                exit(withError: error)
            }
            leaf = type(of: command)
            work = { try command.run() }
        }
        ProcessEnd.isProcessCommand = true
        do {
            try work()
        } catch let e as ValidationError {
            // a usage error found after parsing: the subcommand's own usage, not the root's
            let path = leaf == SweepRun.self || leaf == SweepMerge.self ? "raft sweep \(leaf._commandName)" : "raft \(leaf._commandName)"
            printError("Error: \(e.message)\nUsage: \(usageString(for: leaf))\n  See '\(path) --help' for more information.")
            ProcessEnd.exit(ExitCode.validationFailure.rawValue)
        } catch let e as ExitCode {
            // the command has written its message (`write(2)`); ArgumentParser would print nothing for an `ExitCode`
            ProcessEnd.exit(e.rawValue)
        } catch {
            exit(withError: error)
        }
    }

    /// Subcommand names (`raft <name>`).
    static var subcommandNames: [String] { configuration.subcommands.map { $0._commandName } }

    /// "unknown subcommand 'rn'; did you mean 'run'?" when the first argument is neither an option nor a
    /// subcommand (ArgumentParser would report it as an unexpected argument of the root command).
    static func unknownSubcommandMessage(_ args: [String]) -> String? {
        guard let first = args.first, !first.hasPrefix("-"), first != "help" else { return nil }
        // The leaves `parseLeafDirectly` knows are subcommands; `subcommandNames` (reflection over every command
        // type, ~0.6 ms) is needed only for other words.
        if directLeafNames.contains(first) || subcommandNames.contains(first) { return nil }
        var message = "Error: unknown subcommand '\(first)'"
        let best = subcommandNames.map { ($0, editDistance(first, $0)) }.min { $0.1 < $1.1 }
        if let (name, d) = best, d <= max(2, first.count / 3) { message += ". Did you mean '\(name)'?" }
        else if first.hasSuffix(".yaml") || first.hasSuffix(".yml") { message += ". Did you mean 'raft run \(first)' or 'raft check \(first)'?" }
        return message + "\nSubcommands: " + subcommandNames.joined(separator: ", ") + "\n  See 'raft --help' for more information."
    }

    /// Levenshtein distance (for "did you mean").
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count { cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)) }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// Subcommands that call LAPACK in a normal run.
    static let solvingSubcommands = ["run", "eigen", "properties", "mooring", "rotor", "bem", "sweep", "sensitivity", "validate"]

    /// The subcommands `parseLeafDirectly` parses without the root command.
    static let directLeafNames = ["run", "check", "eigen", "properties", "mooring", "rotor"]

    /// `raft <leaf> ARGS` parsed by the leaf command alone: ArgumentParser's reflection over the whole command
    /// tree was a measurable part of a short `raft run`. Anything the leaf cannot parse (help, version, usage
    /// errors) returns nil and goes through `parseAsRoot` as before, so messages are unchanged.
    static func parseLeafDirectly() -> (any ParsableCommand)? {
        let args = Array(CommandLine.arguments.dropFirst())
        guard let name = args.first else { return nil }
        let rest = Array(args.dropFirst())
        func leaf<C: ParsableCommand>(_ type: C.Type) -> (any ParsableCommand)? { try? C.parse(rest) }
        switch name {
        case "run": return leaf(Run.self)  // the plain grammar never comes here (`Run.parsePlain`, in `main`)
        case "check": return leaf(Check.self)
        case "eigen": return leaf(Eigen.self)
        case "properties": return leaf(Properties.self)
        case "mooring": return leaf(Mooring.self)
        case "rotor": return leaf(RotorCommand.self)
        default: return nil
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "raft",
        abstract: "Frequency-domain dynamics of floating offshore wind turbines (a Swift RAFT).",
        discussion: """
        Reads a design YAML in RAFT's input format (site, cases, turbine, platform, mooring) and computes what RAFT 2.0.4 computes, to RAFT's tolerances. Start with:

          raft check designs/VolturnUS-S.yaml        validate a design and print a summary
          raft run designs/VolturnUS-S.yaml          solve every load case; write spectra and a summary
          raft eigen designs/OC3spar.yaml            natural frequencies and modes
          raft properties designs/OC4semi.yaml       mass, hydrostatics, added mass, mooring stiffness
          raft bem examples/VolturnUS-S_BEM.yaml      panel-method (BEM) coefficients as WAMIT files
          raft mooring designs/OC3spar.yaml --offset 10,0,0,0,0,0
          raft rotor designs/VolturnUS-S.yaml --wind 10.5
          raft sweep examples/sweep-oc3.yaml         parameter sweeps (shardable over Slurm/Kubernetes)
          raft validate --report out/                validation cases with an HTML report
          raft plot raft-out/VolturnUS-S             SVG plots of a run's spectra

        -q/--quiet means the same everywhere: print only errors (no warnings, progress, tables or summaries); the exit code tells the outcome.

        Fitted airfoil splines are cached in ~/.cache/swift-raft/fits and BEM results in ~/.cache/swift-raft/bem (RAFT_CACHE_DIR moves both, RAFT_NO_CACHE=1 turns them off); cached results are bit-identical to fresh ones.

        Exit codes: 0 success, 1 other failure, 2 bad input, 3 physics failure (unstable design, statics not converged, unsupported feature), 64 usage error.
        """,
        version: raftVersion,
        subcommands: [Check.self, Run.self, BEMCommand.self, Eigen.self, Properties.self, Mooring.self, RotorCommand.self, Sweep.self, SensitivityCommand.self, Validate.self, Plot.self]
    )
}

/// How the `raft` process ends once a command has written everything it writes: `_exit`, without freeing the
/// command's values or running the exit handlers (fresh `raft run` processes at real-time priority on the loaded
/// machine, perf tracepoints: OC3spar last rename -> `exit_group` 0.21 -> 0.03 ms; `raft run` of a missing file
/// 6.0 -> 2.9 ms wall median, 40 processes).
enum ProcessEnd {
    /// Set by `RaftCommand.main` before it runs the command: the command is the process (not a test calling `run()`).
    nonisolated(unsafe) static var isProcessCommand = false

    /// Ends the process with exit code 0 at once when the command is the process; otherwise returns. For the last
    /// statement of a command whose outputs are all written (files published, messages written with `write(2)`; C
    /// stdio is flushed here): the process then skips freeing the run's values (`values`, kept alive until here) and
    /// the exit handlers, among them OpenBLAS's destructor, which unmaps its buffers while the worker threads still
    /// live (TLB shoot-downs between the cores).
    static func succeed(keeping values: Any...) {
        guard isProcessCommand else { return }
        fflush(nil)
        withExtendedLifetime(values) { _exit(0) }
    }

    /// Ends the process with `code` without the exit handlers (C stdio flushed first), for a failed command whose
    /// message is written (`ExitCode` errors, usage errors found after parsing, unknown subcommands): exit handlers wait for the loader's lock while OpenBLAS is still being loaded in the
    /// background (`_dl_fini`), which made `raft run` of a missing file wait for the whole load.
    static func exit(_ code: Int32) -> Never {
        fflush(nil)
        _exit(code)
    }
}

/// Exit codes: 2 bad input, 3 physics failure (unstable, not converged), 1 anything else.
enum ExitCodes {
    static let badInput: Int32 = 2
    static let solveFailure: Int32 = 3
}

/// Load a design, printing warnings to stderr and mapping input errors to exit code 2. With `sanity`, also the
/// design sanity warnings (`Design.sanityWarnings`: wind without a turbine, no mooring, degrees for radians).
func loadDesign(_ path: String, quiet: Bool = false, sanity: Bool = false) throws -> Design {
    do {
        let design = try Design.load(path: path)
        if !quiet { for w in design.diagnostics.warnings { printError(w.description) } }
        if !quiet && sanity { for w in design.sanityWarnings { printError(w.description) } }
        return design
    } catch {
        printError("error: \(error)")
        throw ExitCode(ExitCodes.badInput)
    }
}

func printError(_ s: String) {
    writeAll(2, s + "\n")
}

/// All of `s` to the file descriptor with `write(2)` (unbuffered, as FileHandle wrote; retried when interrupted).
func writeAll(_ fd: Int32, _ s: String) {
    var s = s
    s.withUTF8 { buf in
        var done = 0
        while done < buf.count {
            let n = write(fd, buf.baseAddress! + done, buf.count - done)
            if n < 0 { if errno == EINTR { continue }; return }
            done += n
        }
    }
}

/// Run a command body, mapping library errors to exit codes with a one-line message on stderr.
func withExitCodes<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as ExitCode {
        throw e
    } catch let e as InputError {
        printError("error: \(e)")
        throw ExitCode(ExitCodes.badInput)
    } catch let e as any ClassifiedError {
        printError("error: \(e)")
        throw ExitCode(e.failureKind == .badInput ? ExitCodes.badInput : ExitCodes.solveFailure)
    } catch let e as SweepError {
        printError("error: \(e)")
        if case .cannotWrite = e { throw ExitCode(1) }
        throw ExitCode(ExitCodes.badInput)
    } catch let e as OutputFolder.Problem {
        printError("error: \(e)")
        throw ExitCode(ExitCodes.badInput)
    } catch let e as LAPACKError {
        printError("error: \(e)")
        throw ExitCode(ExitCodes.solveFailure)
    } catch let e as AtomicFile.WriteError {
        printError("error: \(e)")
        throw ExitCode(1)
    } catch {
        printError("error: \(plainFileErrorText(error))")
        throw ExitCode(1)
    }
}

/// Format a number for the human tables (4 significant digits, scientific when large or small).
func fmt(_ x: Double) -> String {
    if x == 0 { return "0" }
    if !x.isFinite { return "\(x)" }
    let a = abs(x)
    if a >= 1e5 || a < 1e-3 { return String(cFormat: "%.4g", x) }
    return stripTrailingZeros(String(cFormat: "%.4f", x))
}

/// Removes `\.?0+$` from a fixed-point rendering ("12.3400" → "12.34", "100.0000" → "100") without a regex.
func stripTrailingZeros(_ s: String) -> String {
    var u = Array(s.utf8)
    guard u.last == UInt8(ascii: "0") else { return s }
    while u.last == UInt8(ascii: "0") { u.removeLast() }
    if u.last == UInt8(ascii: ".") { u.removeLast() }
    return String(decoding: u, as: UTF8.self)
}

func writeStdout(_ s: String) { writeAll(1, s + "\n") }

/// Throws `SolveError.nonFinite` naming the first NaN or infinity in a result about to be printed (by its JSON key
/// path), so that no command prints a non-finite number as if it were a result.
func requireFinite(_ v: JSONValue, _ what: String) throws {
    func walk(_ v: JSONValue, _ path: String) -> String? {
        switch v {
        case .number(let x): return x.isFinite ? nil : "\(path) = \(x)"
        case .array(let items):
            for (i, item) in items.enumerated() { if let p = walk(item, "\(path)[\(i)]") { return p } }
            return nil
        case .object(let pairs):
            for (k, item) in pairs { if let p = walk(item, path.isEmpty ? k : "\(path).\(k)") { return p } }
            return nil
        default: return nil
        }
    }
    if let p = walk(v, "") { throw SolveError.nonFinite("\(what): \(p)") }
}


/// Output folders given with `-o`: checked before any computing starts.
enum OutputFolder {
    struct Problem: Error, CustomStringConvertible { var description: String }

    /// Throws unless `path` is a writable folder or can be created as one (its nearest existing ancestor is a
    /// writable folder). Creates nothing: a run that fails leaves no folder behind.
    static func requireWritable(_ path: String) throws {
        let fm = FileManager.default
        var isDir: DirectoryFlag = false
        var probe = path.isEmpty ? "." : path
        var missing = false
        while !fm.fileExists(atPath: probe, isDirectory: &isDir) {
            missing = true
            let up = (probe).pathDeletingLastComponent
            probe = up.isEmpty ? "." : up
        }
        guard isDir.boolValue else {
            throw Problem(description: missing ? "cannot create the output folder '\(path)': '\(probe)' is a file"
                                               : "output folder '\(path)' is a file; give a folder with -o")
        }
        guard access(probe, W_OK | X_OK) == 0 else {
            throw Problem(description: "cannot write into \(missing ? "'\(probe)' to create the output folder '\(path)'" : "the output folder '\(path)'") (\(String(cString: strerror(errno))))")
        }
    }

    /// The POSIX reason inside a Foundation error, without the `NSCocoaErrorDomain` wrapping.
    static func reason(_ error: Error) -> String { FileProblem.reason(error) }
}

/// Any error as one plain line (Foundation file errors without `NSCocoaErrorDomain`).
func plainFileErrorText(_ error: Error) -> String { FileProblem.describe(error) }
