import Foundation
import Testing
@testable import RAFT

@Suite("raft sensitivity, raft run --fatigue (CLI)", .enabled(if: RaftExecutable.url != nil, "raft executable not built: CLI tests skipped"))
struct SensitivityCommandTests {
    static var designs: String { Reference.repoRoot.appendingPathComponent("designs").path }

    @Test("--json has the documented shape and matches the library; an unknown metric exits 2")
    func sensitivityJSON() throws {
        let exe = try #require(RaftExecutable.url)
        let path = Self.designs + "/OC3spar.yaml"
        let param = "platform.members[0].rho_fill[0]"
        let r = try RaftExecutable.run(exe, ["sensitivity", path, "--param", param, "--metric", "pitch_std",
                                             "--metric", "Tmoor_DEL_m3", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["parameters", "metrics", "values", "derivatives", "elasticities", "converged"] { #expect(obj[key] != nil, "\(key)") }
        #expect(obj["parameters"] as? [String] == [param])
        let d = try #require((obj["derivatives"] as? [String: [String: Double]])?["pitch_std"]?[param])
        let lib = try Sensitivity.local(design: Design.load(path: path), parameters: [param], metrics: ["pitch_std"])
        #expect(abs(d / lib.derivatives[0][0] - 1) < 1e-12)
        #expect((obj["converged"] as? [String: [String: Bool]])?["Tmoor_DEL_m3"]?[param] != nil)
        let bad = try RaftExecutable.run(exe, ["sensitivity", path, "--param", param, "--metric", "pitch_sdt"])
        #expect(bad.status == 2 && bad.stderr.contains("unknown metric 'pitch_sdt'"))
        let badPath = try RaftExecutable.run(exe, ["sensitivity", path, "--param", "platform.members[0].rho_fill", "--metric", "pitch_std"])
        #expect(badPath.status == 2 && badPath.stderr.contains("platform.members[0].rho_fill"))
    }

    @Test("raft run --fatigue prints DELs and MPMs")
    func runFatigueView() throws {
        let exe = try #require(RaftExecutable.url)
        let dir = NSTemporaryDirectory() + "raft-fatigue-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try RaftExecutable.run(exe, ["run", Self.designs + "/VolturnUS-S.yaml", "-o", dir, "--fatigue"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("DEL m4") && r.stdout.contains("mpm") && r.stdout.contains("Tmoor[5]"))
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/summary.json"))) as? [String: Any])
        let fowt = try #require(((summary["cases"] as? [[String: Any]])?[0]["fowts"] as? [[String: Any]])?[0])
        #expect((fowt["Tmoor_DEL_m3"] as? [Double])?.count == (fowt["Tmoor_avg"] as? [Double])?.count)
        #expect(fowt["Mbase_mpm"] != nil && fowt["Mbase_DEL_nb_m5"] != nil && fowt["Mbase_DEL_tb_m4"] != nil)
    }
}
