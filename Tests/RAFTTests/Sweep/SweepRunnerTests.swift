import Foundation
import Testing
@testable import RAFT
@testable import RAFTIO

/// A small but complete spar design used by the sweep machinery tests.
let miniSparYAML = """
name: mini spar
settings: {min_freq: 0.01, max_freq: 0.1}
site: {water_depth: 320, rho_water: 1025, g: 9.81}
cases:
  keys: [wind_speed, wind_heading, turbulence, turbine_status, yaw_misalign, wave_spectrum, wave_period, wave_height, wave_heading]
  data:
    - [0, 0, 0, parked, 0, JONSWAP, 10, 4, 0]
platform:
  potModMaster: 1
  members:
    - name: column
      type: rigid
      rA: [0, 0, -120]
      rB: [0, 0, 10]
      shape: circ
      stations: [0, 1]
      d: 9.4
      t: 0.05
      Cd: 0.6
      Ca: 1.0
      CdEnd: 0.6
      CaEnd: 0.6
      rho_shell: 7850
      l_fill: 0.4
      rho_fill: 2000
"""

@Suite("Sweep machinery")
struct SweepRunnerTests {
    static func tempDir() -> String {
        let d = NSTemporaryDirectory() + "raft-sweep-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// Test evaluator: reads the edited values back from the variant design, fails for depth ≥ 400.
    static let evaluate: @Sendable (Design) throws -> [(String, Double)] = { d in
        if d.site.waterDepth >= 400 { throw SolveError.unstable("test failure for depth \(d.site.waterDepth)") }
        let dia = try d.root.node(at: YAMLEditPath("platform.members[0].d"))!.double()
        return [("diameter", dia), ("depth", d.site.waterDepth), ("product", dia * d.site.waterDepth)]
    }

    static func spec(dir: String, metrics: String = "[product, diameter]", values: String = "[8, 9, 10]") throws -> SweepSpec {
        let text = """
        design: base.yaml
        parameters:
          - path: platform.members[0].d
            values: \(values)
          - path: site.water_depth
            range: {start: 300, stop: 400, count: 3}
        metrics: \(metrics)
        """
        try text.write(toFile: dir + "/sweep.yaml", atomically: true, encoding: .utf8)
        try miniSparYAML.write(toFile: dir + "/base.yaml", atomically: true, encoding: .utf8)
        return try SweepSpec.load(path: dir + "/sweep.yaml")
    }

    @Test("factorial expansion: last parameter fastest, ranges inclusive")
    func expansion() throws {
        let dir = Self.tempDir()
        let s = try Self.spec(dir: dir)
        #expect(s.variantCount == 9)
        #expect(s.values(ofVariant: 0) == [8, 300])
        #expect(s.values(ofVariant: 1) == [8, 350])
        #expect(s.values(ofVariant: 5) == [9, 400])
        #expect(s.values(ofVariant: 8) == [10, 400])
    }

    @Test("4 shards + merge give the same results.csv as one run; failures recorded, not fatal")
    func shardsMatch() throws {
        let dir = Self.tempDir()
        let s = try Self.spec(dir: dir)
        let base = try Design.load(path: s.designPath)
        var whole = SweepRunner(spec: s, outputDirectory: dir + "/whole")
        whole.jobs = 2
        try whole.run(base: base, evaluate: Self.evaluate)
        var shardDirs: [String] = []
        for i in 0..<4 {
            var r = SweepRunner(spec: s, outputDirectory: dir + "/shard\(i)")
            r.shardIndex = i; r.shardCount = 4
            try r.run(base: base, evaluate: Self.evaluate)
            shardDirs.append(dir + "/shard\(i)")
        }
        try SweepRunner.writeResults(spec: s, directories: shardDirs, into: dir + "/merged")
        let a = try String(contentsOfFile: dir + "/whole/results.csv", encoding: .utf8)
        let b = try String(contentsOfFile: dir + "/merged/results.csv", encoding: .utf8)
        #expect(a == b)
        let lines = a.split(separator: "\n")
        #expect(lines.count == 10)
        #expect(lines[0] == "variant,platform.members[0].d,site.water_depth,status,error,product,diameter")
        #expect(lines[1] == "0,8.0,300.0,ok,,2400.0,8.0")
        #expect(lines.filter { $0.contains(",failed,") }.count == 3)   // depth 400 for each diameter
        #expect(lines[3].contains("test failure for depth 400"))
    }

    @Test("a rerun skips finished variants and recomputes missing ones")
    func resume() throws {
        let dir = Self.tempDir()
        let s = try Self.spec(dir: dir)
        let base = try Design.load(path: s.designPath)
        let r = SweepRunner(spec: s, outputDirectory: dir + "/out")
        let first = try r.run(base: base, evaluate: Self.evaluate)
        #expect(first.computed == 9 && first.skipped == 0 && first.failed == 3 && first.total == 9)
        // Simulate a kill: two variants never finished.
        try FileManager.default.removeItem(atPath: dir + "/out/variants/v3.json")
        try FileManager.default.removeItem(atPath: dir + "/out/variants/v7.json")
        let before = try String(contentsOfFile: dir + "/out/results.csv", encoding: .utf8)
        let second = try r.run(base: base, evaluate: Self.evaluate)
        #expect(second.computed == 2 && second.skipped == 7)
        #expect(try String(contentsOfFile: dir + "/out/results.csv", encoding: .utf8) == before)
        // A truncated variant file (a kill during an OS crash) is computed again, not an error.
        try "{\"index\": 4, \"fingerp".write(toFile: dir + "/out/variants/v4.json", atomically: true, encoding: .utf8)
        let third = try r.run(base: base, evaluate: Self.evaluate)
        #expect(third.computed == 1 && third.skipped == 8)
        #expect(try String(contentsOfFile: dir + "/out/results.csv", encoding: .utf8) == before)
    }

    @Test("an edited sweep file never reuses the old definition's variants")
    func editedDefinition() throws {
        let dir = Self.tempDir()
        let s1 = try Self.spec(dir: dir)
        let base = try Design.load(path: s1.designPath)
        _ = try SweepRunner(spec: s1, outputDirectory: dir + "/out").run(base: base, evaluate: Self.evaluate)
        let s2 = try Self.spec(dir: dir, values: "[11, 12]")
        #expect(s2.fingerprint != s1.fingerprint)
        let again = try SweepRunner(spec: s2, outputDirectory: dir + "/out").run(base: base, evaluate: Self.evaluate)
        #expect(again.computed == 6 && again.skipped == 0)
        let lines = try String(contentsOfFile: dir + "/out/results.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines[1] == "0,11.0,300.0,ok,,3300.0,11.0")
        #expect(!lines.contains { $0.contains(",8.0,") })
        // Same definition again: everything reused.
        let third = try SweepRunner(spec: s2, outputDirectory: dir + "/out").run(base: base, evaluate: Self.evaluate)
        #expect(third.computed == 0 && third.skipped == 6)
    }

    @Test("merge fails naming the missing variants when a shard is not given; duplicates are refused")
    func mergeChecks() throws {
        let dir = Self.tempDir()
        let s = try Self.spec(dir: dir)
        let base = try Design.load(path: s.designPath)
        for i in 0..<3 {
            var r = SweepRunner(spec: s, outputDirectory: dir + "/shard\(i)")
            r.shardIndex = i; r.shardCount = 3
            try r.run(base: base, evaluate: Self.evaluate)
        }
        do {
            try SweepRunner.writeResults(spec: s, directories: [dir + "/shard0", dir + "/shard2"], into: dir + "/merged")
            Issue.record("merge with a missing shard succeeded")
        } catch let e as SweepError {
            #expect(e.description.contains("3 of 9 variants are missing") && e.description.contains("1, 4, 7"), "\(e)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/merged/results.csv"))
        #expect(throws: SweepError.self) {
            try SweepRunner.writeResults(spec: s, directories: [dir + "/shard0", dir + "/shard1", dir + "/shard2", dir + "/shard1"], into: dir + "/m2")
        }
        try SweepRunner.writeResults(spec: s, directories: [dir + "/shard0", dir + "/shard1", dir + "/shard2"], into: dir + "/m3")
        #expect(try String(contentsOfFile: dir + "/m3/results.csv", encoding: .utf8).split(separator: "\n").count == 10)
    }

    @Test("a metric the run does not produce fails the variant with its name, never a NaN column")
    func missingMetric() throws {
        let dir = Self.tempDir()
        let s = try Self.spec(dir: dir, metrics: "[product, missing_metric]")
        let base = try Design.load(path: s.designPath)
        let out = try SweepRunner(spec: s, outputDirectory: dir + "/out").run(base: base, evaluate: Self.evaluate)
        #expect(out.failed == 9)
        let csv = try String(contentsOfFile: dir + "/out/results.csv", encoding: .utf8)
        #expect(!csv.contains("NaN"))
        #expect(csv.contains("metric 'missing_metric' was not produced"))
    }

    @Test("parameter paths and metric names are checked against the design before any variant runs")
    func validation() throws {
        let dir = Self.tempDir()
        try miniSparYAML.write(toFile: dir + "/base.yaml", atomically: true, encoding: .utf8)
        func spec(_ path: String, _ metrics: String = "[pitch_std]") throws -> SweepSpec {
            try "design: base.yaml\nparameters:\n  - {path: \"\(path)\", values: [1, 2]}\nmetrics: \(metrics)\n"
                .write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
            return try SweepSpec.load(path: dir + "/s.yaml")
        }
        let base = try Design.load(path: dir + "/base.yaml")
        func problem(_ s: SweepSpec) -> String? { do { try s.validate(against: base); return nil } catch { return "\(error)" } }
        #expect(problem(try spec("platform.members[0].d")) == nil)
        #expect(problem(try spec("platform.members[0].Cd_q")) == nil)   // absent but read: the default is overridden
        let typo = problem(try spec("platform.members[*].rho_fil"))
        #expect(typo?.contains("parameters[0].path") == true && typo?.contains("did you mean 'rho_fill'?") == true, "\(typo ?? "accepted")")
        let deep = problem(try spec("platfrom.members[0].d"))
        #expect(deep?.contains("did you mean 'platform'?") == true, "\(deep ?? "accepted")")
        #expect(problem(try spec("platform.members[0]"))?.contains("is a mapping") == true)
        let metric = problem(try spec("site.water_depth", "[pitch_sdt]"))
        #expect(metric?.contains("metrics[0]") == true && metric?.contains("did you mean 'pitch_std'?") == true, "\(metric ?? "accepted")")
        #expect(problem(try spec("site.water_depth", "[case3.surge_avg]"))?.contains("1 case(s)") == true)
        #expect(problem(try spec("site.water_depth", "[\"case0.Tmoor_avg[3]\", fn_heave, T_pitch, offset_surge, power_avg]")) == nil)
    }

    @Test("sweep sizes are bounded before anything is allocated")
    func sizes() throws {
        let dir = Self.tempDir()
        try miniSparYAML.write(toFile: dir + "/base.yaml", atomically: true, encoding: .utf8)
        for (range, fragment) in [("{start: 0, stop: 1, step: 1e-300}", "more than 1000000 values"),
                                  ("{start: 0, stop: 1, count: 1e14}", "expected a count in [1, 1000000]")] {
            try "design: base.yaml\nparameters:\n  - {path: site.water_depth, range: \(range)}\n".write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
            do { _ = try SweepSpec.load(path: dir + "/s.yaml"); Issue.record("accepted \(range)") } catch {
                #expect(error.message.contains(fragment), "\(error)")
            }
        }
        let ten = "[" + (0..<1000).map(String.init).joined(separator: ", ") + "]"
        var text = "design: base.yaml\nparameters:\n"
        for _ in 0..<7 { text += "  - {path: site.water_depth, values: \(ten)}\n" }
        try text.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        do { _ = try SweepSpec.load(path: dir + "/s.yaml"); Issue.record("accepted 1e21 variants") } catch {
            #expect(error.message.contains("more than 1000000 variants"), "\(error)")
        }
    }

    @Test("editing by path: [*] edits every element, bad paths name the problem")
    func editing() throws {
        let d = try Design.parse(miniSparYAML, file: "mini.yaml")
        let e = try d.setting("platform.members[*].d", to: 7.5)
        #expect(try e.root.node(at: YAMLEditPath("platform.members[0].d"))!.double() == 7.5)
        #expect(throws: InputError.self) { try d.setting("platform.memberz[0].d", to: 1) }
        do { _ = try d.setting("platform.members[3].d", to: 1) } catch {
            #expect(error.message.contains("out of range"))
        }
        // Re-validation applies to edited designs.
        #expect(throws: InputError.self) { try d.setting("site.water_depth", to: -1) }
    }

    @Test("results.csv is streamed through a temporary file: a failure half-way leaves the old table and no temporary")
    func streamedTable() throws {
        let dir = Self.tempDir()
        let path = dir + "/results.csv"
        try AtomicFile.stream(to: path) { emit in for i in 0..<20_000 { try emit("\(i),row\n") } }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 20_000 && text.hasPrefix("0,row\n") && text.hasSuffix("19999,row\n"))
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try AtomicFile.stream(to: path) { emit in
                for i in 0..<10_000 { try emit("\(i),new\n") }
                throw Stop()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["results.csv"])
    }
}
