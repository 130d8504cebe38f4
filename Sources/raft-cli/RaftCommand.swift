import ArgumentParser
import Foundation
import LAPACK
import RAFT

@main
struct RaftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raft",
        abstract: "Frequency-domain dynamics of floating offshore wind turbines (a Swift RAFT).",
        discussion: """
        Reads a design YAML in RAFT's input format (site, cases, turbine, platform, mooring) and
        computes what RAFT computes. Start with:

          raft check designs/VolturnUS-S.yaml     validate a design and print a summary
        """,
        version: raftVersion,
        subcommands: [Check.self, Validate.self, Plot.self]
    )
}

/// Exit codes: 2 bad input, 3 physics failure (unstable, not converged), 1 anything else.
enum ExitCodes {
    static let badInput: Int32 = 2
    static let solveFailure: Int32 = 3
}

/// Load a design, printing warnings to stderr and mapping input errors to exit code 2.
func loadDesign(_ path: String, quiet: Bool = false) throws -> Design {
    do {
        let design = try Design.load(path: path)
        if !quiet { for w in design.diagnostics.warnings { printError(w.description) } }
        return design
    } catch {
        printError("error: \(error)")
        throw ExitCode(ExitCodes.badInput)
    }
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
