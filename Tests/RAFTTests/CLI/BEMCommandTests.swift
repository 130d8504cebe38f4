import Foundation
import Testing
@testable import RAFT

@Suite("raft bem (CLI)")
struct BEMCommandTests {
    /// examples/VolturnUS-S_BEM.yaml with a coarse mesh and a short grid (a few seconds in debug builds).
    static func coarseDesign(in dir: String) throws -> String {
        var text = try String(contentsOf: Reference.repoRoot.appendingPathComponent("examples/VolturnUS-S_BEM.yaml"), encoding: .utf8)
        for (a, b) in [("min_freq_BEM: 0.02", "min_freq_BEM: 0.05"), ("dz_BEM: 3.0 ", "dz_BEM: 12.0"), ("da_BEM: 2.0 ", "da_BEM: 9.0 ")] {
            #expect(text.contains(a), "example design has no '\(a)'")
            text = text.replacingOccurrences(of: a, with: b)
        }
        #expect(text.contains("max_freq:   0.40"))
        text = text.replacingOccurrences(of: "max_freq:   0.40", with: "max_freq:   0.20")
        let path = dir + "/coarse.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("writes .1/.3/.hst/.pnl/.gdf, a second run takes the cache (identical files), the files run with potModMaster 3",
          .needsRaftExecutable)
    func writesAndCaches() throws {
        let exe = try #require(RaftExecutable.url)
        let tmp = RunCommandTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let design = try Self.coarseDesign(in: tmp)
        let r1 = try RaftExecutable.run(exe, ["bem", design, "-o", tmp + "/a"])
        #expect(r1.status == 0, "\(r1.stderr)")
        #expect(r1.stderr.contains("panels") && r1.stderr.contains("4 frequencies"), "\(r1.stderr)")
        #expect(r1.stdout.contains("hydroPath: \(tmp)/a/coarse"), "\(r1.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: tmp + "/a").sorted()
        #expect(files == ["coarse.1", "coarse.3", "coarse.gdf", "coarse.hst", "coarse.pnl"])
        let r2 = try RaftExecutable.run(exe, ["bem", design, "-o", tmp + "/b"])
        #expect(r2.status == 0 && r2.stderr.contains("from the cache"), "\(r2.stderr)")
        for f in files {
            #expect(FileManager.default.contents(atPath: tmp + "/a/" + f) == FileManager.default.contents(atPath: tmp + "/b/" + f), "\(f)")
        }
        // read back: potModMaster 3 with hydroPath
        var text = try String(contentsOfFile: design, encoding: .utf8)
        text = text.replacingOccurrences(of: "potModMaster: 0 ", with: "potFirstOrder: 1\n  hydroPath: \(tmp)/a/coarse\n  potModMaster: 3 ")
        try text.write(toFile: tmp + "/files.yaml", atomically: true, encoding: .utf8)
        let r3 = try RaftExecutable.run(exe, ["run", "-q", tmp + "/files.yaml", "-o", tmp + "/run"])
        #expect(r3.status == 0, "\(r3.stderr)")
        #expect(FileManager.default.fileExists(atPath: tmp + "/run/summary.json"))
    }

    @Test("a design without potMod members: exit 2 saying what to set; bad --headings: exit 2", .needsRaftExecutable)
    func noPotMod() throws {
        let exe = try #require(RaftExecutable.url)
        let tmp = RunCommandTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let r = try RaftExecutable.run(exe, ["bem", RunCommandTests.designs + "/VolturnUS-S.yaml", "-o", tmp + "/x"])
        #expect(r.status == 2 && r.stderr.contains("potMod: true"), "\(r.status) \(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tmp + "/x"))
        let h = try RaftExecutable.run(exe, ["bem", RunCommandTests.designs + "/VolturnUS-S.yaml", "--headings", "0,abc"])
        #expect(h.status == 2 && h.stderr.contains("--headings"), "\(h.stderr)")
    }

    @Test("--mesh-hydrostatics: NAME.hst is the mesh's C̄ (MeshHydrostatics of the same mesh, 1e-6), not RAFT's C_hydro/ρg",
          .needsRaftExecutable)
    func meshHydrostatics() throws {
        let exe = try #require(RaftExecutable.url)
        let tmp = RunCommandTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let design = try Self.coarseDesign(in: tmp)
        let r = try RaftExecutable.run(exe, ["bem", design, "-o", tmp + "/m", "--mesh-hydrostatics", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let d = try RaftExecutable.run(exe, ["bem", design, "-o", tmp + "/d", "-q"])
        #expect(d.status == 0, "\(d.stderr)")
        func rows(_ path: String) throws -> [[Double]] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
                .map { $0.split(separator: " ").compactMap { Double($0) } }.filter { $0.count == 3 }
        }
        let mesh = try #require(try Model(design: Design.load(path: design)).bemRuns().first).problem.mesh
        let expected = MeshHydrostatics(panels: mesh.geometry).stiffnessOverRhoG
        let written = try rows(tmp + "/m/coarse.hst"), raft = try rows(tmp + "/d/coarse.hst")
        #expect(written.count == 36 && raft.count == 36)
        for row in written {
            let k = 6 * (Int(row[0]) - 1) + Int(row[1]) - 1
            #expect(abs(row[2] - expected[k]) <= 1e-6 * max(abs(expected[k]), 1), "C̄\(Int(row[0]))\(Int(row[1])): \(row[2]) vs \(expected[k])")
        }
        let c33 = written.first { $0[0] == 3 && $0[1] == 3 }![2], raft33 = raft.first { $0[0] == 3 && $0[1] == 3 }![2]
        // the coarse mesh's waterline polygons (8- and 16-gons) cover less than RAFT's circles
        #expect(c33 < raft33 && c33 > 0.5 * raft33, "mesh \(c33) vs RAFT \(raft33)")
    }
}
