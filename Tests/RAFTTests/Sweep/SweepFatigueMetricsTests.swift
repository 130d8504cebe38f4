import Foundation
import Testing
@testable import RAFT
@testable import RAFTIO

/// Fatigue and extreme metrics (`CaseFatigue`, `LifetimeFatigue`) in sweeps: the names a design's `fatigue` settings
/// give are accepted, others are rejected with the file, line, YAML path and a suggestion, and a swept value is the
/// one `raft run` writes for the same variant.
@Suite("Sweep: fatigue and extreme metrics")
struct SweepFatigueMetricsTests {
    static var designs: String { Reference.repoRoot.appendingPathComponent("designs").path }

    /// OC3spar with a `fatigue` section: case weights, exceedance, a Goodman correction and a DNV chain curve.
    static func fatigueDesign(weights: Bool = true) throws -> String {
        try String(contentsOfFile: designs + "/OC3spar.yaml", encoding: .utf8) + """

        fatigue:
          slopes: [3, 4, 5]
          exceedance: [0.01]
        \(weights ? "  case_hours: [4383, 1753.2, 2629.8]\n" : "")  goodman:
            - {channel: Mbase, ultimate: 1.0e9}
          sn_curves:
            - {channel: Tmoor, dnv: studless_chain, diameter: 0.09}

        """
    }

    static func tempDir() -> String {
        let d = NSTemporaryDirectory() + "raft-sweepfat-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// The problem `SweepSpec.validate` reports for `metrics` on `design`, nil when accepted.
    static func problem(design: String, metrics: String) throws -> String? {
        let dir = tempDir()
        try design.write(toFile: dir + "/fat.yaml", atomically: true, encoding: .utf8)
        try "design: fat.yaml\nparameters:\n  - {path: \"mooring.lines[*].length\", values: [895]}\nmetrics: \(metrics)\n"
            .write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        let spec = try SweepSpec.load(path: dir + "/s.yaml")
        let base = try Design.load(path: spec.designPath)
        do { try spec.validate(against: base); return nil } catch { return "\(error)" }
    }

    static let accepted = ["Mbase_DEL_m4", "Tmoor_DEL_nb_m3", "torque_DEL_tb_m5", "Mbase_DEL_gm_m4", "pitch_mpm",
                           "AxRNA_mpm", "Mbase_max_pe0.01", "case1.Mbase_DEL_m3", "case0.Tmoor_DEL_tb_m5[2]",
                           "case2.surge_mpm", "Mbase_DEL_life_m4", "Mbase_DEL_gm_life_m5", "Tmoor_DEL_nb_life_m3",
                           "Tmoor_damage_life"]

    @Test("the fatigue, extreme and lifetime names of the design's fatigue settings are accepted", .needsReference)
    func acceptsFatigueNames() throws {
        let list = "[" + Self.accepted.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        #expect(try Self.problem(design: Self.fatigueDesign(), metrics: list) == nil)
        // The defaults (no fatigue section): Dirlik/nb/tb DELs for m = 3, 4, 5 and the extremes, no lifetime values.
        let plain = try String(contentsOfFile: Self.designs + "/OC3spar.yaml", encoding: .utf8)
        #expect(try Self.problem(design: plain, metrics: "[Mbase_DEL_m4, Tmoor_DEL_nb_m5, heave_mpm, case0.yaw_mpm]") == nil)
    }

    @Test("names the settings do not give are rejected with file, line, YAML path, suggestion and the settings",
          .needsReference, arguments: [
            ("[pitch_std, Mbase_DEL_m7]", ["s.yaml:4", "metrics[1]", "did you mean 'Mbase_DEL_m", "slopes 3, 4, 5"]),
            ("[Mbase_mpmm]", ["metrics[0]", "did you mean 'Mbase_mpm'?"]),
            ("[Mbase_max_pe0.1]", ["did you mean 'Mbase_max_pe0.01'?", "exceedance 0.01"]),
            ("[\"case0.Mbase_DEL_life_m4\"]", ["metrics[0]", "drop the case<i>. prefix"]),
            ("[Mbase_DEL_gm_m4x]", ["unknown metric 'Mbase_DEL_gm_m4x'", "did you mean 'Mbase_DEL_gm_m4'?"]),
          ])
    func rejectsOtherNames(metrics: String, expected: [String]) throws {
        let p = try #require(try Self.problem(design: Self.fatigueDesign(), metrics: metrics))
        for e in expected { #expect(p.contains(e), "\(p)") }
    }

    @Test("lifetime names without case weights are rejected, saying what the design lacks", .needsReference)
    func lifetimeNeedsWeights() throws {
        let p = try #require(try Self.problem(design: Self.fatigueDesign(weights: false), metrics: "[Mbase_DEL_life_m4]"))
        #expect(p.contains("unknown metric 'Mbase_DEL_life_m4'") && p.contains("case_probability or case_hours"), "\(p)")
        // ... and the example names of the message are this design's own
        #expect(p.contains("e.g. Mbase_DEL_m3, surge_mpm"), "\(p)")
    }

    @Test("the names come from the key lists that compute the values: every listed key of a run is accepted",
          .needsReference)
    func everyProducedKeyIsAccepted() throws {
        let text = try Self.fatigueDesign()
        let design = try Design.parse(text, file: "fat.yaml", baseDirectory: Self.designs)
        let run = try runDesign(design)
        var checked = 0
        for (name, _) in SweepMetrics.metrics(of: run) {
            guard name.contains("_DEL_") || name.contains("_mpm") || name.contains("_max_pe") || name.contains("_life") else { continue }
            #expect(SweepMetrics.problem(with: name, design: design) == nil, "\(name)")
            checked += 1
        }
        #expect(checked > 100)
        // and every accepted fatigue name of a single-case metric is produced by the run
        let produced = Set(SweepMetrics.metrics(of: run).map(\.0))
        let names = SweepMetrics.fatigueNames(design)
        for name in names.perCase + names.lifetime {
            #expect(produced.contains(name), "\(name) accepted but not produced")
        }
    }

    @Test("raft sweep: fatigue metrics equal the values raft run writes for the same variant (exact)",
          .needsReference, .needsRaftExecutable)
    func sweptEqualsRun() throws {
        let exe = try #require(RaftExecutable.url)
        let dir = Self.tempDir()
        let design = try Self.fatigueDesign()
        try design.write(toFile: dir + "/fat.yaml", atomically: true, encoding: .utf8)
        let metrics = Self.accepted
        try """
        design: fat.yaml
        parameters:
          - path: mooring.lines[*].length
            values: [895]
        metrics: [\(metrics.map { "\"\($0)\"" }.joined(separator: ", "))]
        """.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        let sweep = try RaftExecutable.run(exe, ["sweep", dir + "/s.yaml", "-o", dir + "/sweep", "-q"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let rows = try String(contentsOfFile: dir + "/sweep/results.csv", encoding: .utf8).split(separator: "\n")
        try #require(rows.count == 2)
        let header = rows[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let values = rows[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(values[header.firstIndex(of: "status")!] == "ok", "\(rows[1])")

        // The same variant as a design file, through raft run.
        let variant = design.replacingOccurrences(of: "length: 902.2 ", with: "length: 895 ")
        #expect(variant.components(separatedBy: "length: 895 ").count == 4)
        try variant.write(toFile: dir + "/variant.yaml", atomically: true, encoding: .utf8)
        let run = try RaftExecutable.run(exe, ["run", dir + "/variant.yaml", "-o", dir + "/run", "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        // RAFTIO's parser reads numbers exactly (Foundation's JSONSerialization can be 1 ulp off)
        let summary = try JSONObject.parse(Data(contentsOf: URL(fileURLWithPath: dir + "/run/summary.json"))) as! [String: Any]
        let cases = (summary["cases"] as! [[String: Any]]).map { ($0["fowts"] as! [[String: Any]])[0] }
        let lifetime = ((summary["fatigue"] as! [String: Any])["lifetime"] as! [[String: Any]])[0]
        func numbers(_ v: Any?) -> [Double] { (v as? [Any])?.compactMap(JSONObject.double) ?? JSONObject.double(v).map { [$0] } ?? [] }
        for name in metrics {
            let expected: Double
            if name.hasPrefix("case") {
                let i = Int(name.dropFirst(4).prefix { $0 != "." })!
                var key = String(name.drop { $0 != "." }.dropFirst()), k = 0
                if let open = key.firstIndex(of: "[") { k = Int(key[key.index(after: open)...].dropLast())!; key = String(key[..<open]) }
                expected = numbers(cases[i][key])[k]
            } else if name.contains("_life") {
                expected = numbers(lifetime[name]).max()!
            } else {
                expected = cases.flatMap { numbers($0[name]) }.max()!
            }
            let swept = try #require(Double(values[header.firstIndex(of: name)!]), "\(name)")
            #expect(swept == expected, "\(name): sweep \(swept) vs raft run \(expected)")
        }
    }
}
