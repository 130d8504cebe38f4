import Foundation
import Testing
@testable import RAFT
@testable import RAFTReport
@testable import RAFTIO

/// A synthetic run result (two cases, one FOWT, three lines, rotor channels zero in the parked case).
enum SyntheticRun {
    static func make() -> RunResult {
        let grid = FrequencyGrid(minHz: 0.01, maxHz: 0.2)
        let w = grid.omega
        func peak(_ w0: Double, _ a: Double) -> [Double] { w.map { a / (1 + pow(($0 - w0) / (0.1 * w0), 2)) } }
        var cases: [CaseResult] = []
        for i in 0..<2 {
            var m = CaseMetrics()
            m.set("surge_avg", 10.0 + Double(i))
            m.set("surge_std", 1.5)
            m.set("Tmoor_avg", [1e6, 2e6, 3e6, 1.1e6, 2.1e6, 3.1e6])
            m.psd = [("wave_PSD", peak(0.6, 2)), ("surge_PSD", peak(0.05, 30)), ("sway_PSD", w.map { _ in 0 }),
                     ("heave_PSD", peak(0.2, 0.5)), ("roll_PSD", w.map { _ in 0 }), ("pitch_PSD", peak(0.21, 3)),
                     ("yaw_PSD", w.map { _ in 0 })]
            for k in 0..<6 { m.psd.append(("Tmoor\(k)_PSD", peak(0.6, 1e10 * Double(k + 1)))) }
            m.psd.append(("AxRNA_PSD", peak(0.6, 0.01)))
            m.psd.append(("Mbase_PSD", peak(0.6, 1e14)))
            m.psd.append(("omega_PSD", i == 0 ? peak(0.05, 0.3) : w.map { _ in 0 }))
            m.psd.append(("torque_PSD", i == 0 ? peak(0.05, 1e12) : w.map { _ in 0 }))
            cases.append(CaseResult(index: i, inputs: [("wind_speed", .number(12)), ("turbine_status", .string(i == 0 ? "operating" : "parked"))],
                                    fowts: [FOWTCaseResult(metrics: m, r6: [10, 0, -0.5, 0, 0.05, 0], dynamicsIterations: 3, dynamicsConverged: true)],
                                    arrayMooring: nil, staticsIterations: 5))
        }
        return RunResult(designName: "synthetic", grid: grid, unloaded: nil, cases: cases, eigenAfterCases: nil, warnings: [])
    }

    static func temporaryDirectory(_ tag: String) -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("raft-\(tag)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }
}

@Suite("raft plot")
struct RunPlotsTests {
    @Test("one SVG per case and channel group, well-formed, PSD against frequency in Hz with units")
    func plotsOfRunFolder() throws {
        let dir = SyntheticRun.temporaryDirectory("plot")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try RunWriter.write(SyntheticRun.make(), to: dir)
        let written = try RunPlots.write(runDirectory: dir)
        let names = written.map { ($0 as NSString).lastPathComponent }.sorted()
        #expect(names == ["case0_fowt0_motions.svg", "case0_fowt0_rotor.svg", "case0_fowt0_tensions.svg", "case0_fowt0_tower.svg",
                          "case1_fowt0_motions.svg", "case1_fowt0_rotor.svg", "case1_fowt0_tensions.svg", "case1_fowt0_tower.svg"])
        for p in written {
            #expect(p.hasPrefix((dir as NSString).appendingPathComponent("plots") + "/"))
            let svg = try String(contentsOfFile: p, encoding: .utf8)
            let xml = XMLCheck.parse(svg)
            #expect(xml.error == nil, "\(p): \(xml.error ?? "")")
            #expect(xml.text.contains("frequency [Hz]"), "\(p)")
            #expect(xml.text.contains("/(rad/s)"), "PSD unit in \(p)")
        }
        let motions = XMLCheck.parse(try String(contentsOfFile: (dir as NSString).appendingPathComponent("plots/case0_fowt0_motions.svg"), encoding: .utf8))
        #expect(motions.text.contains("surge [m²/(rad/s)]") && motions.text.contains("pitch [deg²/(rad/s)]"))
        #expect(motions.text.contains("zero, not shown: sway") && motions.text.contains("zero, not shown: roll, yaw"))
        #expect(motions.counts["svg"] == 3, "translations and rotations panels in one figure")
        #expect(motions.counts["polyline"].map { $0 >= 4 } == true, "wave, surge, heave, pitch")
        let tensions = XMLCheck.parse(try String(contentsOfFile: (dir as NSString).appendingPathComponent("plots/case0_fowt0_tensions.svg"), encoding: .utf8))
        #expect((0..<6).allSatisfy { tensions.text.contains("Tmoor\($0) [N²/(rad/s)]") })
        let parkedRotor = XMLCheck.parse(try String(contentsOfFile: (dir as NSString).appendingPathComponent("plots/case1_fowt0_rotor.svg"), encoding: .utf8))
        #expect(parkedRotor.text.contains("all channels are zero"))
        #expect(parkedRotor.counts["polyline"] == nil)
        // No temporary files left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (dir as NSString).appendingPathComponent("plots")).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test("a folder without summary.json and a malformed CSV are reported, not crashed on")
    func badFolders() throws {
        let dir = SyntheticRun.temporaryDirectory("plotbad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: RunFolderError.self) { try RunPlots.write(runDirectory: dir) }
        try RunWriter.write(SyntheticRun.make(), to: dir)
        try "freq_Hz,omega_rad_s,surge_PSD\n0.01,0.06,abc\n".write(toFile: (dir as NSString).appendingPathComponent("case0_fowt0_psd.csv"), atomically: true, encoding: .utf8)
        do {
            try RunPlots.write(runDirectory: dir)
            Issue.record("expected an error for a malformed CSV")
        } catch let e as RunFolderError {
            #expect(e.description.contains("case0_fowt0_psd.csv") && e.description.contains("abc"))
        }
    }
}
