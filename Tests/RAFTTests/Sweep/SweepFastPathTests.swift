import Foundation
import Testing
@testable import RAFT

/// The per-variant shortcuts of a sweep (issue 17) keep every bit: the rotor-aero memo shared by the variants'
/// rotors, and the metric lookup by name.
@Suite("Sweep: rotor aero memo and metrics by name")
struct SweepFastPathTests {
    static let path = Reference.repoRoot.appendingPathComponent("designs/OC3spar.yaml").path
    static let base: Design? = try? Design.load(path: path)

    static func bits(_ m: [(String, Double)]) -> [String] { m.map { "\($0.0)=\($0.1.bitPattern)" } }

    @Test("variants on rotors with a shared memo: the same metric bits as rotors built per variant", .enabled(if: base != nil))
    func memo() throws {
        let base = try #require(Self.base)
        var rotors = try Model.rotors(of: base)
        let memo = RotorAeroMemo()
        for k in rotors.indices { for r in rotors[k].indices { rotors[k][r].aeroMemo = memo } }
        var options = RunOptions()
        options.rotors = rotors
        // The first two variants fill the memo (cases 0 and 2 are operating; case 1 is parked and never asks it), the
        // others hit it; the wind-speed edit misses it on case 0 only.
        let edits: [[(path: String, value: Double)]] = [
            [("platform.members[0].rA[2]", -122)], [("mooring.lines[*].length", 897)],
            [("platform.members[0].rA[2]", -118), ("mooring.lines[*].length", 904)],
            [("cases.data[0][0]", 8.5)],
        ]
        for e in edits {
            let design = try base.setting(e)
            let shared = try runDesign(design, options: options), own = try runDesign(design)
            #expect(Self.bits(SweepMetrics.metrics(of: shared)) == Self.bits(SweepMetrics.metrics(of: own)), "\(e)")
        }
        #expect(memo.hits == 0 + 2 + 2 + 1, "memo hits")
    }

    @Test("a full memo starts again empty and still answers exactly", .enabled(if: base != nil))
    func boundedMemo() throws {
        let base = try #require(Self.base)
        var rotors = try Model.rotors(of: base)
        let memo = RotorAeroMemo(capacity: 1)
        for k in rotors.indices { for r in rotors[k].indices { rotors[k][r].aeroMemo = memo } }
        var options = RunOptions()
        options.rotors = rotors
        // Case 2 at case 0's wind speed hits within the run; the base design's case 0 then hits, and its case 2 fills
        // the full memo again (emptied), so the third run misses both.
        let designs = [try base.setting("cases.data[2][0]", to: 10), base, base]
        for (i, design) in designs.enumerated() {
            let shared = try runDesign(design, options: options), own = try runDesign(design)
            #expect(Self.bits(SweepMetrics.metrics(of: shared)) == Self.bits(SweepMetrics.metrics(of: own)), "run \(i)")
        }
        #expect(memo.hits == 2)
    }

    @Test("metrics(of:named:) gives each name the value of its first entry in metrics(of:)", .enabled(if: base != nil))
    func named() throws {
        // OC3spar with case weights, so lifetime fatigue values are listed too.
        let text = try String(contentsOfFile: Self.path, encoding: .utf8) + "\nfatigue:\n  case_probability: [0.5, 0.2, 0.3]\n"
        let design = try Design.parse(text, file: "OC3spar-fatigue.yaml", baseDirectory: Reference.repoRoot.appendingPathComponent("designs").path)
        let r = try runDesign(design)
        let all = SweepMetrics.metrics(of: r)
        #expect(r.lifetimeFatigue != nil && all.count > 300)
        let odd = ["nope", "case9.surge_std", "case01.surge_std", "case+1.surge_std", "case0.Tmoor_avg", "case0.Tmoor_avg[7]",
                   "case0.Tmoor_avg[-1]", "case0.Tmoor_avg[01]", "case0.surge_std[0]", "fn_foo", "case0.", "case.surge_std",
                   "case0.Tmoor_avg[1]", "Tmoor_min", "fn_yaw"]
        let names = all.map(\.0) + odd + all.map(\.0).reversed()
        let expected = names.compactMap { n in all.first { $0.0 == n } }
        #expect(Self.bits(SweepMetrics.metrics(of: r, named: names)) == Self.bits(expected))
    }
}
