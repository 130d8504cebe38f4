import Foundation
import Testing

@Suite("raft messages: usage errors, did you mean, file errors")
struct MessagesCLITests {
    static var designs: String { Reference.repoRoot.appendingPathComponent("designs").path }

    @Test("a mistyped subcommand: exit 64 with 'did you mean'; a design given without a subcommand suggests run/check", .needsRaftExecutable)
    func didYouMean() throws {
        let exe = try #require(RaftExecutable.url)
        let r = try RaftExecutable.run(exe, ["rn", "x.yaml"])
        #expect(r.status == 64 && r.stderr.contains("Did you mean 'run'?"), "\(r.stderr)")
        let d = try RaftExecutable.run(exe, [Self.designs + "/OC3spar.yaml"])
        #expect(d.status == 64 && d.stderr.contains("raft run ") && d.stderr.contains("raft check "), "\(d.stderr)")
    }

    @Test("a usage error found after parsing shows the subcommand's own usage", .needsRaftExecutable)
    func subcommandUsage() throws {
        let exe = try #require(RaftExecutable.url)
        let r = try RaftExecutable.run(exe, ["mooring", Self.designs + "/OC3spar.yaml", "--offset", "1,2"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("Usage: raft mooring <design>") && r.stderr.contains("'raft mooring --help'"), "\(r.stderr)")
        let s = try RaftExecutable.run(exe, ["sweep", "run", "x.yaml", "--shard", "5/2"])
        #expect(s.status == 64 && s.stderr.contains("Usage: raft sweep [run]") && s.stderr.contains("'raft sweep run --help'"), "\(s.stderr)")
    }

    @Test("file errors in plain words: missing file, a folder; no NSCocoaErrorDomain, no (document root)", .needsRaftExecutable)
    func fileErrors() throws {
        let exe = try #require(RaftExecutable.url)
        let missing = try RaftExecutable.run(exe, ["eigen", "/nonexistent/design.yaml"])
        #expect(missing.status == 2 && missing.stderr.contains("no such file"), "\(missing.stderr)")
        let folder = try RaftExecutable.run(exe, ["check", NSTemporaryDirectory()])
        #expect(folder.status == 2 && folder.stderr.contains("is a folder, not a file"), "\(folder.stderr)")
        let sweep = try RaftExecutable.run(exe, ["sweep", "/nonexistent/sweep.yaml"])
        #expect(sweep.status == 2 && sweep.stderr.contains("no such file"), "\(sweep.stderr)")
        for r in [missing, folder, sweep] {
            #expect(!r.stderr.contains("NSCocoaErrorDomain") && !r.stderr.contains("(document root)") && !r.stderr.contains("could not be completed"))
        }
    }

    @Test("a shard that cannot write its variant files says which file and why, in plain words", .needsRaftExecutable)
    func shardWriteFailure() throws {
        let exe = try #require(RaftExecutable.url)
        let dir = NSTemporaryDirectory() + "raft-shard-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/shard1", withIntermediateDirectories: true)
        try "".write(toFile: dir + "/shard1/variants", atomically: true, encoding: .utf8)
        let sweep = Reference.repoRoot.appendingPathComponent("examples/sweep-oc3.yaml").path
        let r = try RaftExecutable.run(exe, ["sweep", sweep, "-o", dir + "/shard1", "--shard", "1/4", "-q"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("shard1/variants") && r.stderr.contains("a file of that name exists"), "\(r.stderr)")
        #expect(!r.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test("--json on every subcommand that prints results gives one JSON document on stdout", .needsRaftExecutable)
    func jsonEverywhere() throws {
        let exe = try #require(RaftExecutable.url)
        let oc3 = Self.designs + "/OC3spar.yaml", vus = Self.designs + "/VolturnUS-S.yaml"
        let dir = NSTemporaryDirectory() + "raft-json-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let commands: [([String], String)] = [
            (["check", oc3, "--json"], "cases"), (["run", oc3, "--json", "-o", dir], "unloaded"), (["eigen", oc3, "--json"], "periods_s"),
            (["properties", oc3, "--json"], "fowts"), (["mooring", oc3, "--json"], "units"),
            (["rotor", vus, "--wind", "10", "--json"], "Ct"), (["rotor", vus, "--curve", "--json"], "wind_m_s"),
        ]
        for (args, key) in commands {
            let r = try RaftExecutable.run(exe, args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            #expect(obj?[key] != nil, "raft \(args.joined(separator: " ")): no \(key)")
        }
        // run --json prints exactly the summary.json it writes
        let written = try String(contentsOfFile: dir + "/summary.json", encoding: .utf8)
        #expect(try RaftExecutable.run(exe, ["run", oc3, "--json", "-o", dir]).stdout == written)
        // the curve spans cut-in to cut-out in whole m/s (VolturnUS-S: 3 ... 25 m/s)
        let curve = try JSONSerialization.jsonObject(with: Data(try RaftExecutable.run(exe, ["rotor", vus, "--curve", "--json"]).stdout.utf8)) as! [String: Any]
        #expect(curve["wind_m_s"] as? [Double] == (3...25).map(Double.init))
    }

    @Test("-q prints only errors for check, run and sweep", .needsRaftExecutable)
    func quiet() throws {
        let exe = try #require(RaftExecutable.url)
        let c = try RaftExecutable.run(exe, ["check", "-q", Self.designs + "/OC3spar.yaml"])
        #expect(c.status == 0 && c.stdout.isEmpty && c.stderr.isEmpty)
        let dir = NSTemporaryDirectory() + "raft-q-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try RaftExecutable.run(exe, ["run", "-q", Self.designs + "/OC3spar.yaml", "-o", dir])
        #expect(r.status == 0 && r.stdout.isEmpty && r.stderr.isEmpty)
    }
}
