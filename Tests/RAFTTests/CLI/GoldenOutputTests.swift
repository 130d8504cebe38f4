import Foundation
import Testing

/// Golden outputs of the `raft` terminal tables and of every subcommand's `--help`, at 80 columns.
///
/// Each case runs `raft` from the repository root with `COLUMNS=80` and compares stdout with
/// `Tests/RAFTTests/CLI/Golden/<name>.txt` (temporary output folders are written as `OUT`). Every line must be at
/// most 80 characters. To regenerate after an intended change:
///
///     RAFT_UPDATE_GOLDEN=1 swift test --filter GoldenOutputTests
///
/// then review `git diff Tests/RAFTTests/CLI/Golden`.
@Suite("Golden terminal output (80 columns)")
struct GoldenOutputTests {
    static let folder = Reference.repoRoot.appendingPathComponent("Tests/RAFTTests/CLI/Golden")
    static let update = ProcessInfo.processInfo.environment["RAFT_UPDATE_GOLDEN"] == "1"

    /// (golden file name, arguments); `OUT` in an argument is replaced by a fresh temporary folder.
    static let tables: [(String, [String])] = [
        ("run-OC3spar", ["run", "designs/OC3spar.yaml", "-o", "OUT"]),
        ("run-VolturnUS-S", ["run", "designs/VolturnUS-S.yaml", "-o", "OUT"]),
        ("run-fatigue-OC3spar", ["run", "designs/OC3spar.yaml", "--fatigue", "-o", "OUT"]),
        ("eigen-OC3spar", ["eigen", "designs/OC3spar.yaml"]),
        ("eigen-VolturnUS-S", ["eigen", "designs/VolturnUS-S.yaml"]),
        ("properties-OC3spar", ["properties", "designs/OC3spar.yaml"]),
        ("properties-OC4semi", ["properties", "designs/OC4semi.yaml", "--pose", "undisplaced"]),
        ("mooring-OC3spar", ["mooring", "designs/OC3spar.yaml", "--offset", "20,0,0,0,3,0"]),
        ("mooring-VolturnUS-S", ["mooring", "designs/VolturnUS-S.yaml"]),
        ("rotor-VolturnUS-S", ["rotor", "designs/VolturnUS-S.yaml", "--wind", "10.5"]),
        ("rotor-curve-VolturnUS-S", ["rotor", "designs/VolturnUS-S.yaml", "--curve"]),
        ("check-OC3spar", ["check", "designs/OC3spar.yaml"]),
    ]

    /// Every subcommand's help.
    static let helps: [(String, [String])] = [
        ("help-raft", ["--help"]),
        ("help-check", ["check", "--help"]),
        ("help-run", ["run", "--help"]),
        ("help-eigen", ["eigen", "--help"]),
        ("help-properties", ["properties", "--help"]),
        ("help-mooring", ["mooring", "--help"]),
        ("help-rotor", ["rotor", "--help"]),
        ("help-sweep", ["sweep", "--help"]),
        ("help-sweep-run", ["sweep", "run", "--help"]),
        ("help-sweep-merge", ["sweep", "merge", "--help"]),
        ("help-sensitivity", ["sensitivity", "--help"]),
        ("help-validate", ["validate", "--help"]),
        ("help-plot", ["plot", "--help"]),
        ("help-bem", ["bem", "--help"]),
    ]

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let exe = try #require(RaftExecutable.url)
        let tmp = NSTemporaryDirectory() + "raft-golden-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let process = Process()
        process.executableURL = exe
        process.arguments = arguments.map { $0 == "OUT" ? tmp : $0 }
        process.currentDirectoryURL = Reference.repoRoot
        var env = RaftExecutable.environment
        env["COLUMNS"] = "80"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self).replacingOccurrences(of: tmp, with: "OUT"),
                String(decoding: e, as: UTF8.self))
    }

    static func check(_ name: String, _ arguments: [String]) throws {
        let r = try run(arguments)
        #expect(r.status == 0, "raft \(arguments.joined(separator: " ")): \(r.stderr)")
        let long = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.count > 80 }.map(String.init)
        #expect(long.isEmpty, "\(name): lines over 80 characters:\n\(long.joined(separator: "\n"))")
        let file = folder.appendingPathComponent("\(name).txt")
        if update {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try r.stdout.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let want = try String(contentsOf: file, encoding: .utf8)
        if r.stdout != want {
            let got = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let exp = want.split(separator: "\n", omittingEmptySubsequences: false)
            let i = (0..<min(got.count, exp.count)).first { got[$0] != exp[$0] } ?? min(got.count, exp.count)
            Issue.record("""
                \(name): stdout differs from Golden/\(name).txt at line \(i + 1):
                  got:  \(i < got.count ? String(got[i]) : "<end>")
                  want: \(i < exp.count ? String(exp[i]) : "<end>")
                (RAFT_UPDATE_GOLDEN=1 swift test --filter GoldenOutputTests regenerates after an intended change)
                """)
        }
    }

    @Test("terminal tables", .needsRaftExecutable, arguments: tables.map(\.0))
    func table(_ name: String) throws {
        try Self.check(name, Self.tables.first { $0.0 == name }!.1)
    }

    @Test("--help of every subcommand", .needsRaftExecutable, arguments: helps.map(\.0))
    func help(_ name: String) throws {
        try Self.check(name, Self.helps.first { $0.0 == name }!.1)
    }

    @Test("the golden cases cover every subcommand `raft --help` lists", .needsRaftExecutable)
    func coverage() throws {
        let commands = Set(Self.helps.map { $0.1.dropLast().joined(separator: " ") })
        let help = try Self.run(["--help"]).stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(help.firstIndex { $0.hasPrefix("SUBCOMMANDS:") })
        // Subcommand lines have a two-space indent; wrapped abstracts are indented further.
        let listed = help[(start + 1)...].prefix { !$0.isEmpty && $0.hasPrefix("  ") }
            .filter { !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(listed.count >= 11, "\(listed)")
        for c in [""] + listed + ["sweep run", "sweep merge"] {
            #expect(commands.contains(c), "no --help golden file for 'raft \(c)'")
        }
    }
}
