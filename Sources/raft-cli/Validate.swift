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

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the validation cases and print a pass/fail table.",
        discussion: """
        Each case is a folder with an expected.json listing quantities, each with its source and tolerance \
        (see validation/README.md). Without PATH, runs every enabled case of the repository's validation/ \
        folder: ./validation when there is one, otherwise the validation/ folder of the repository the raft \
        executable was built in (found from the executable's location), so it works from any directory. A \
        PATH is a case folder or the name of one of the repository's cases (run even if disabled), or a folder \
        of cases (disabled ones skipped).

        The table and the report say how many PSD points each case compares. A passing quantity whose \
        agreement is only within a wide band (tolerance of 10 % or more, or an error of 5 % or more, as for \
        published figures from other codes) is marked loose, amber in the report.

        Exit status: 0 when every case run passed; 1 when any failed, could not run, or is pending \
        (needs a model function not wired yet: pending is never counted as passed); 2 for a malformed case.

        Examples:
          raft validate
          raft validate oscillator-1dof raft204-oc3spar
          raft validate validation/oscillator-1dof --report out/validation
        """
    )

    @Argument(help: ArgumentHelp("Case folders or case names, or folders containing case folders (default: the repository's validation folder).", valueName: "PATH"))
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write report.html (self-contained, with SVG plots) and report.json into this folder.", valueName: "DIR"))
    var report: String?

    /// `./validation` if it holds case folders, else the `validation/` folder of the repository the executable lives
    /// in (`<repo>/.build/<config>/raft`: searched upwards from the executable's resolved path).
    static func defaultFolder() -> String? {
        let fm = FileManager.default
        func holdsCases(_ dir: String) -> Bool { ((try? ValidationCase.discover(root: dir)) ?? []).isEmpty == false }
        if holdsCases("validation") { return "validation" }
        let exe = (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = (URL(fileURLWithPath: exe).resolvingSymlinksInPath().path).pathDeletingLastComponent
        for _ in 0..<8 {
            let candidate = (dir).pathAppending("validation")
            if holdsCases(candidate) { return candidate }
            let up = (dir).pathDeletingLastComponent
            if up == dir || up.isEmpty { break }
            dir = up
        }
        return nil
    }

    func run() throws {
        let fm = FileManager.default
        var targets: [(path: String, explicit: Bool)] = []
        var caseFolders: [String] = []
        var roots = paths
        if roots.isEmpty {
            guard let found = Validate.defaultFolder() else {
                printError("error: no validation folder: neither ./validation nor a validation/ folder beside the raft executable's repository; pass the folder")
                throw ExitCode(ExitCodes.badInput)
            }
            roots = [found]
        }
        for var p in roots {
            var isDir: DirectoryFlag = false
            // A bare case name ("oscillator-1dof") that is not a folder here names a case of the repository's folder.
            if !fm.fileExists(atPath: p), !p.contains("/"), let base = Validate.defaultFolder(),
               fm.fileExists(atPath: (base).pathAppending("\(p)/expected.json")) {
                p = (base).pathAppending(p)
            }
            guard fm.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue else {
                printError("error: \(p): no such folder")
                throw ExitCode(ExitCodes.badInput)
            }
            if fm.fileExists(atPath: (p).pathAppending("expected.json")) {
                targets.append((p, true))
            } else {
                caseFolders.append(p)
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
            let html = (dir).pathAppending("report.html")
            let json = (dir).pathAppending("report.json")
            // A whole validation folder: the report also shows the design answers of the repository's example
            // scatter design (lifetime DELs, tornado chart), when it is there.
            var answers: DesignAnswers?
            if let folder = caseFolders.first, let path = DesignAnswers.exampleDesign(besideValidationFolder: folder) {
                do { answers = try DesignAnswers.compute(designPath: path) } catch {
                    printError("warning: \(path): design answers left out of the report: \(error)")
                }
            }
            try AtomicFile.write(ValidationReportHTML.render(outcomes, generated: now, designAnswers: answers), to: html)
            try AtomicFile.write(ValidationReportText.json(outcomes, generated: now).serialized() + "\n", to: json)
            print("report: \(html)\n        \(json)")
        }
        let summary = ValidationReportText.Summary(outcomes)
        if !summary.allPassed {
            let pending = outcomes.filter { $0.status == .pending }.map { $0.validationCase.name }
            if !pending.isEmpty { printError("pending (not passed): \(pending.joined(separator: ", "))") }
            throw ExitCode(1)
        }
    }
}
