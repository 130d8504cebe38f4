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

    static func spec(dir: String) throws -> SweepSpec {
        let text = """
        design: base.yaml
        parameters:
          - path: platform.members[0].d
            values: [8, 9, 10]
          - path: site.water_depth
            range: {start: 300, stop: 400, count: 3}
        metrics: [product, diameter, missing_metric]
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
        #expect(lines[0] == "variant,platform.members[0].d,site.water_depth,status,error,product,diameter,missing_metric")
        #expect(lines[1].hasPrefix("0,8.0,300.0,ok,,2400.0,8.0,NaN"))
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
        #expect(first.computed == 9 && first.skipped == 0)
        // Simulate a kill: two variants never finished.
        try FileManager.default.removeItem(atPath: dir + "/out/variants/v3.json")
        try FileManager.default.removeItem(atPath: dir + "/out/variants/v7.json")
        let before = try String(contentsOfFile: dir + "/out/results.csv", encoding: .utf8)
        let second = try r.run(base: base, evaluate: Self.evaluate)
        #expect(second.computed == 2 && second.skipped == 7)
        #expect(try String(contentsOfFile: dir + "/out/results.csv", encoding: .utf8) == before)
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
}
