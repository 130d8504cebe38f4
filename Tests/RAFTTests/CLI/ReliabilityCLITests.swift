import Foundation
import Testing
@testable import RAFT

/// Issue 14's command-line reproducers: each gives exit 2 or 3 with a message naming the key or quantity, never a
/// trap; outputs and sweeps never report stale, partial or missing results as success.
@Suite("Reliability of the raft command (issue 14)")
struct ReliabilityCLITests {
    static var designs: String { Reference.repoRoot.appendingPathComponent("designs").path }
    static func tempDir() -> String { RunCommandTests.tempDir() }

    /// Run and also report whether the process died of a signal.
    static func run(_ exe: URL, _ args: [String]) throws -> (status: Int32, signaled: Bool, stdout: String, stderr: String) {
        let r = try RaftExecutable.run(exe, args)
        let crashed = ["Fatal error", "Current stack trace", "Illegal instruction"].contains { r.stderr.contains($0) }
        return (r.status, crashed, r.stdout, r.stderr)
    }

    @Test("raft rotor --wind 0 and 1e-20: no trap (was an Int conversion of an infinite value)", .needsRaftExecutable, arguments: ["0", "1e-20"])
    func rotorTinyWind(_ wind: String) throws {
        let exe = try #require(RaftExecutable.url)
        let r = try Self.run(exe, ["rotor", Self.designs + "/OC3spar.yaml", "--wind", wind])
        #expect(!r.signaled, "\(r.stderr)")
        #expect(r.status == 0 || r.status == 3, "\(r.stderr)")
        #expect(!r.stdout.lowercased().contains("nan") && !r.stdout.lowercased().contains("inf"))
    }

    @Test("a file as -o, or under a file: exit 2 before computing, nothing written", .needsRaftExecutable)
    func outputIsFile() throws {
        let exe = try #require(RaftExecutable.url)
        let dir = Self.tempDir()
        try "x".write(toFile: dir + "/file", atomically: true, encoding: .utf8)
        for o in [dir + "/file", dir + "/file/sub"] {
            let r = try Self.run(exe, ["run", Self.designs + "/OC3spar.yaml", "-o", o, "-q"])
            #expect(r.status == 2, "\(r.stderr)")
            #expect(r.stderr.contains("is a file") && !r.stderr.contains("NSCocoaErrorDomain"), "\(r.stderr)")
        }
        #expect(try String(contentsOfFile: dir + "/file", encoding: .utf8) == "x")
    }

    /// `raft run` ends with `_exit` once everything is written (`ProcessEnd`): what it printed to pipes is complete,
    /// and a missing design still exits 2 with its message.
    @Test("raft run ending without exit handlers: tables, --json and errors complete on pipes", .needsRaftExecutable)
    func outputsCompleteAtExit() throws {
        let exe = try #require(RaftExecutable.url)
        let dir = Self.tempDir()
        let r = try Self.run(exe, ["run", Self.designs + "/OC3spar.yaml", "-o", dir + "/a"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("unloaded equilibrium") && r.stdout.contains("case 2:"))
        #expect(r.stdout.hasSuffix("wrote \(dir)/a: summary.json, 3 PSD and 3 RAO CSV file(s)\n"), "\(r.stdout.suffix(200))")
        #expect(r.stderr.contains("case 3/3 done"), "\(r.stderr)")
        let j = try Self.run(exe, ["run", Self.designs + "/OC3spar.yaml", "-o", dir + "/b", "--json"])
        #expect(j.status == 0, "\(j.stderr)")
        #expect(j.stdout == (try String(contentsOfFile: dir + "/b/summary.json", encoding: .utf8)))
        let m = try Self.run(exe, ["run", dir + "/missing.yaml", "-o", dir + "/c"])
        #expect(m.status == 2 && m.stderr.contains("no such file") && m.stdout.isEmpty, "\(m.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/c"))
    }

    @Test("a 1-case run into a folder that held a 3-case run leaves only its own files; a failed run none", .needsRaftExecutable)
    func reusedFolder() throws {
        let exe = try #require(RaftExecutable.url)
        let dir = Self.tempDir()
        let out = dir + "/out"
        #expect(try Self.run(exe, ["run", Self.designs + "/OC3spar.yaml", "-o", out, "-q"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).count == 7)
        // plots drawn from the earlier run are removed with it
        try FileManager.default.createDirectory(atPath: out + "/plots", withIntermediateDirectories: true)
        try "old".write(toFile: out + "/plots/case2_fowt0_motions.svg", atomically: true, encoding: .utf8)
        try "keep".write(toFile: out + "/notes.txt", atomically: true, encoding: .utf8)
        var text = try String(contentsOfFile: Self.designs + "/OC3spar.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "    - [12, 0, 0.1, parked,    0, unit,     9, 4, 0]\n", with: "")
            .replacingOccurrences(of: "    - [14, 0, 0.1, operating, 0, JONSWAP, 10, 6, 0]\n", with: "")
        try text.write(toFile: dir + "/one-case.yaml", atomically: true, encoding: .utf8)
        let r = try Self.run(exe, ["run", dir + "/one-case.yaml", "-o", out, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted()
                == ["case0_fowt0_psd.csv", "case0_fowt0_rao.csv", "notes.txt", "summary.json"])
        // A physics failure (wind 1e-20 on an operating case) leaves no folder.
        try text.replacingOccurrences(of: "    - [10, 0, 0.1, operating", with: "    - [1e-20, 0, 0.1, operating")
            .write(toFile: dir + "/one-case.yaml", atomically: true, encoding: .utf8)
        let bad = try Self.run(exe, ["run", dir + "/one-case.yaml", "-o", dir + "/never", "-q"])
        #expect(bad.status == 3 && bad.stderr.contains("case 0: rotor 0 aerodynamics"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/never"))
    }

    @Test("publishing: new and reused folders hold exactly the run's files, no temporaries; 3 concurrent runs, one set", .needsRaftExecutable)
    func publishingLeavesNoTemporaries() throws {
        let exe = try #require(RaftExecutable.url)
        let fm = FileManager.default
        let dir = Self.tempDir()
        let out = dir + "/new/out"
        let names = ["case0_fowt0_psd.csv", "case0_fowt0_rao.csv", "case1_fowt0_psd.csv", "case1_fowt0_rao.csv",
                     "case2_fowt0_psd.csv", "case2_fowt0_rao.csv", "summary.json"]
        let first = try Self.run(exe, ["run", Self.designs + "/OC3spar.yaml", "-o", out, "-q"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try fm.contentsOfDirectory(atPath: out).sorted() == names)
        #expect(try fm.contentsOfDirectory(atPath: dir + "/new") == ["out"])
        let firstSummary = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
        // Into the existing folder: the same names, the same bytes, nothing hidden left over.
        let again = try Self.run(exe, ["run", Self.designs + "/OC3spar.yaml", "-o", out, "-q"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try fm.contentsOfDirectory(atPath: out).sorted() == names)
        #expect(try String(contentsOfFile: out + "/summary.json", encoding: .utf8) == firstSummary)
        // Concurrent runs into one new folder: one takes the folder whole, the others publish into it under the lock.
        let race = dir + "/race"
        let processes = try (0..<3).map { _ in
            let p = Process()
            p.executableURL = exe
            p.arguments = ["run", Self.designs + "/OC3spar.yaml", "-o", race, "-q"]
            p.environment = RaftExecutable.environment
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        for p in processes { p.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        #expect(try fm.contentsOfDirectory(atPath: race).sorted() == names)
        #expect(try String(contentsOfFile: race + "/summary.json", encoding: .utf8) == firstSummary)
        #expect(try fm.contentsOfDirectory(atPath: dir).sorted() == ["new", "race"])
    }

    /// A sweep over OC3spar's line length in `dir`: `n` values, the last one too short to reach when `failing`.
    static func sweep(_ dir: String, n: Int = 3, failing: Bool = false, path: String = "mooring.lines[*].length",
                      metrics: String = "[pitch_std, fn_heave]") throws -> String {
        var values = (0..<n).map { "\(890 + $0)" }
        if failing { values[n - 1] = "1" }
        try "design: \(designs)/OC3spar.yaml\nparameters:\n  - {path: \"\(path)\", values: [\(values.joined(separator: ", "))]}\nmetrics: \(metrics)\n"
            .write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        return dir + "/s.yaml"
    }

    @Test("sweep: a typo'd path or metric exits 2 with 'did you mean' before any variant runs", .needsRaftExecutable)
    func sweepTypos() throws {
        let exe = try #require(RaftExecutable.url)
        let dir = Self.tempDir()
        let a = try Self.run(exe, ["sweep", try Self.sweep(dir, path: "mooring.lines[*].lenght"), "-o", dir + "/out"])
        #expect(a.status == 2 && a.stderr.contains("did you mean 'length'?"), "\(a.stderr)")
        let b = try Self.run(exe, ["sweep", try Self.sweep(dir, metrics: "[pitch_sd]"), "-o", dir + "/out"])
        #expect(b.status == 2 && b.stderr.contains("did you mean 'pitch_std'?"), "\(b.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    @Test("sweep: a failing variant makes the exit non-zero and is counted (0 with --allow-failures)", .needsRaftExecutable)
    func sweepFailures() throws {
        let exe = try #require(RaftExecutable.url)
        let dir = Self.tempDir()
        let s = try Self.sweep(dir, failing: true)
        let a = try Self.run(exe, ["sweep", s, "-o", dir + "/out", "--jobs", "2"])
        #expect(a.status == 3 && a.stderr.contains("1 of 3 variant(s) failed"), "\(a.stderr)")
        #expect(!a.stderr.contains("\r"), "no live-bar frames in a log")
        let b = try Self.run(exe, ["sweep", s, "-o", dir + "/out", "--allow-failures"])
        #expect(b.status == 0 && b.stdout.contains("0 variant(s) computed, 3 already done"), "\(b.stdout) \(b.stderr)")
        let status = try String(contentsOfFile: dir + "/out/status.json", encoding: .utf8)
        #expect(status.contains("\"failed\": 1"), "\(status)")
    }

    @Test("sweep: SIGKILLed twice, resumed: every variant in results.csv exactly once", .needsRaftExecutable)
    func sweepKillResume() throws {
        let exe = try #require(RaftExecutable.url)
        let dir = Self.tempDir()
        let s = try Self.sweep(dir, n: 16)
        for delay in [1.0, 2.0] {
            let p = Process()
            p.executableURL = exe
            p.arguments = ["sweep", s, "-o", dir + "/out", "--jobs", "2", "-q"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
        let r = try Self.run(exe, ["sweep", s, "-o", dir + "/out", "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try String(contentsOfFile: dir + "/out/results.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(rows.map { Int($0.split(separator: ",")[0])! } == Array(0..<16))
        #expect(rows.allSatisfy { $0.contains(",ok,") })
    }

    @Test("raft check: 8 levels of YAML aliases are refused in well under a second's worth of memory", .needsRaftExecutable)
    func billionLaughs() throws {
        let exe = try #require(RaftExecutable.url)
        let dir = Self.tempDir()
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...8 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        try text.write(toFile: dir + "/laughs.yaml", atomically: true, encoding: .utf8)
        let r = try Self.run(exe, ["check", dir + "/laughs.yaml"])
        #expect(r.status == 2 && r.stderr.contains("through aliases"), "\(r.stderr)")
    }
}
