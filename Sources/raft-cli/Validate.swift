import ArgumentParser
import Foundation
import RAFT
import RAFTIO
import RAFTReport

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the validation cases and print a pass/fail table.",
        discussion: """
        Each case is a folder with an expected.json listing quantities, each with its source and tolerance
        (see validation/README.md). Without PATH, runs every enabled case under ./validation; a PATH is a
        case folder (run even if disabled) or a folder of cases (disabled ones skipped).

        Exit status: 0 when every case run passed; 1 when any failed, could not run, or is pending
        (needs a model function not wired yet: pending is never counted as passed); 2 for a malformed case.

        Examples:
          raft validate
          raft validate validation/oscillator-1dof --report out/validation
        """
    )

    @Argument(help: "Case folders, or folders containing case folders (default: ./validation).")
    var paths: [String] = []

    @Option(name: .long, help: "Write report.html (self-contained, with SVG plots) and report.json into this folder.")
    var report: String?

    func run() throws {
        let fm = FileManager.default
        var targets: [(path: String, explicit: Bool)] = []
        let roots = paths.isEmpty ? ["validation"] : paths
        for p in roots {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue else {
                printError("error: \(p): no such folder" + (paths.isEmpty ? " (run from the repository root or pass the validation folder)" : ""))
                throw ExitCode(ExitCodes.badInput)
            }
            if fm.fileExists(atPath: (p as NSString).appendingPathComponent("expected.json")) {
                targets.append((p, true))
            } else {
                let found = try ValidationCase.discover(root: p)
                if found.isEmpty { printError("error: \(p): no case folders (with expected.json) found"); throw ExitCode(ExitCodes.badInput) }
                targets += found.map { ($0, false) }
            }
        }
        var cases: [(ValidationCase, Bool)] = []
        for t in targets {
            do { cases.append((try ValidationCase.load(directory: t.path), t.explicit)) } catch {
                printError("error: \(error)")
                throw ExitCode(ExitCodes.badInput)
            }
        }
        let runner = ValidationRunner(hooks: .standard)
        var outcomes: [CaseOutcome] = []
        for (c, explicit) in cases { outcomes.append(runner.run(c, includeDisabled: explicit)) }
        print(ValidationReportText.table(outcomes), terminator: "")

        if let dir = report {
            let now = Date()
            let html = (dir as NSString).appendingPathComponent("report.html")
            let json = (dir as NSString).appendingPathComponent("report.json")
            try AtomicFile.write(ValidationReportHTML.render(outcomes, generated: now), to: html)
            try AtomicFile.write(ValidationReportText.json(outcomes, generated: now).serialized() + "\n", to: json)
            print("report: \(html)\n        \(json)")
        }
        let summary = ValidationReportText.Summary(outcomes)
        if !summary.allPassed {
            let pending = outcomes.filter { $0.status == .pending }.map(\.validationCase.name)
            if !pending.isEmpty { printError("pending (not passed): \(pending.joined(separator: ", "))") }
            throw ExitCode(1)
        }
    }
}
