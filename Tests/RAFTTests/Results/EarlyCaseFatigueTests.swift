import Foundation
import Testing
@testable import RAFT

/// `runDesign` computes each case's fatigue and extremes on another thread as soon as the case is known
/// (`EarlyCaseFatigue`, issue 17): every metric keeps its bits and its place among the keys.
@Suite struct EarlyCaseFatigueTests {
    static let designs = Reference.repoRoot.appendingPathComponent("designs")

    /// Keys in order and values as bit patterns.
    static func bits(_ m: CaseMetrics) -> [String] {
        m.values.map { kv in "\(kv.key)=" + kv.value.values.map { String($0.bitPattern, radix: 16) }.joined(separator: ",") }
    }

    /// OC3spar with per-case durations (each case's DELs depend on its position) and case weights (lifetime).
    static func design() throws -> Design {
        let base = try String(contentsOf: designs.appendingPathComponent("OC3spar.yaml"), encoding: .utf8)
        return try Design.parse(base + "\nfatigue:\n  case_duration: [3600, 10800, 600]\n  case_probability: [0.5, 0.2, 0.3]\n",
                                file: "oc3-fatigue.yaml", baseDirectory: designs.path)
    }

    @Test("runDesign with the early per-case fatigue equals the serial addFatigue bit for bit")
    func runDesignKeepsEveryBit() throws {
        let design = try Self.design()
        let run = try runDesign(design)
        var serial = try runDesignChannels(design, options: RunOptions())
        serial.addFatigue(design.fatigue)
        #expect(run.cases.count == 3 && serial.cases.count == 3)
        for (a, b) in zip(run.cases, serial.cases) {
            for (fa, fb) in zip(a.fowts, b.fowts) {
                #expect(Self.bits(fa.metrics) == Self.bits(fb.metrics), "case \(a.index)")
                #expect(fa.metrics["Mbase_DEL_m4"] != nil)
            }
        }
        #expect(run.lifetimeFatigue != nil)
    }

    @Test("finish() computes the cases no worker has taken and waits for the others; same bits as CaseFatigue.append")
    func finishTakesWaitingCases() throws {
        let design = try Self.design()
        var options = RunOptions()
        options.fatigueAndExtremes = false
        let plain = try runDesign(design, options: options)
        for _ in 0..<5 {
            let early = EarlyCaseFatigue(design.fatigue, plan: nil)
            for (k, c) in plain.cases.enumerated() { early.add(k, c, grid: plain.grid) }
            let done = early.finish()
            #expect(done.keys.sorted() == [0, 1, 2])
            for (k, c) in plain.cases.enumerated() {
                var expected = c.fowts[0].metrics
                CaseFatigue.append(to: &expected, grid: plain.grid, settings: design.fatigue, caseIndex: k)
                #expect(Self.bits(try #require(done[k]?.first)) == Self.bits(expected), "case \(k)")
            }
        }
    }
}
