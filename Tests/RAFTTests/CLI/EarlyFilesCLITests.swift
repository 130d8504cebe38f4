import Foundation
import Testing
@testable import RAFT

/// `raft run` writes each case's CSVs as temporaries while the later cases run (`EarlyFiles`, issue 17): a failed or
/// interrupted run still leaves no partial file and no temporary, in a new output folder and in an existing one.
@Suite("raft run: early case files leave no temporaries (issue 17)")
struct EarlyFilesCLITests {
    static var designs: String { Reference.repoRoot.appendingPathComponent("designs").path }

    /// OC3spar's design with its three cases repeated `repeats` times, then `last` as the final case row.
    static func design(in dir: String, repeats: Int, last: String? = nil) throws -> String {
        let text = try String(contentsOfFile: designs + "/OC3spar.yaml", encoding: .utf8)
        let rows = "    - [10, 0, 0.1, operating, 0, JONSWAP,  8, 2, 0]\n"
            + "    - [12, 0, 0.1, parked,    0, unit,     9, 4, 0]\n"
            + "    - [14, 0, 0.1, operating, 0, JONSWAP, 10, 6, 0]\n"
        #expect(text.contains(rows))
        let path = dir + "/many.yaml"
        try text.replacingOccurrences(of: rows, with: String(repeating: rows, count: repeats) + (last.map { $0 + "\n" } ?? ""))
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Names in `dir` that are temporaries (`.<name>.tmp-<pid>-<n>`, files or folders).
    static func temporaries(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasPrefix(".") && $0.contains(".tmp-") }
    }

    @Test("a run failing after many cases: exit 3, no folder, no temporary; an existing folder keeps its files", .needsRaftExecutable)
    func failingRun() throws {
        let exe = try #require(RaftExecutable.url)
        let dir = RunCommandTests.tempDir()
        // 24 good cases (their CSVs formatted and written early), then an operating case at a wind speed too low
        let bad = try Self.design(in: dir, repeats: 8, last: "    - [1e-20, 0, 0.1, operating, 0, JONSWAP,  8, 2, 0]")
        let r = try RaftExecutable.run(exe, ["run", bad, "-o", dir + "/new", "-q"])
        #expect(r.status == 3 && r.stderr.contains("case 24: rotor 0 aerodynamics"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/new"))
        #expect(Self.temporaries(dir).isEmpty, "\(Self.temporaries(dir))")
        // into an existing folder holding a complete earlier run: it stays as it was
        let out = dir + "/out"
        #expect(try RaftExecutable.run(exe, ["run", Self.designs + "/OC3spar.yaml", "-o", out, "-q"]).status == 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        let summary = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
        let again = try RaftExecutable.run(exe, ["run", bad, "-o", out, "-q"])
        #expect(again.status == 3, "\(again.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == before)
        #expect(try String(contentsOfFile: out + "/summary.json", encoding: .utf8) == summary)
    }

    @Test("SIGINT once early temporaries exist: exit 130, none left (new and existing folder)", .needsRaftExecutable)
    func interruptedRun() throws {
        let exe = try #require(RaftExecutable.url)
        let dir = RunCommandTests.tempDir()
        let long = try Self.design(in: dir, repeats: 400)  // 1,200 cases: long enough to be interrupted
        try FileManager.default.createDirectory(atPath: dir + "/existing", withIntermediateDirectories: true)
        try "keep".write(toFile: dir + "/existing/notes.txt", atomically: true, encoding: .utf8)
        // where the early temporaries appear: beside the new folder (its temporary folder), or in the existing one
        for (out, watched) in [(dir + "/new", dir), (dir + "/existing", dir + "/existing")] {
            let p = Process()
            p.executableURL = exe
            p.arguments = ["run", long, "-o", out, "-q"]
            p.environment = RaftExecutable.environment
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            let start = Date()
            while Self.temporaries(watched).isEmpty && p.isRunning && Date().timeIntervalSince(start) < 60 { usleep(2_000) }
            let sawTemporaries = !Self.temporaries(watched).isEmpty
            kill(p.processIdentifier, SIGINT)
            p.waitUntilExit()
            #expect(sawTemporaries, "no early temporary appeared in \(watched)")
            #expect(p.terminationStatus == 130, "\(out): status \(p.terminationStatus)")
            #expect(Self.temporaries(watched).isEmpty, "\(Self.temporaries(watched))")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/new"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/existing") == ["notes.txt"])
    }
}
