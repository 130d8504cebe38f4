import Foundation
import Testing
@testable import RAFT

/// Physical invariants of whole runs (independent of the reference data).
@Suite("Model invariants")
struct ModelPropertyTests {
    static func oc3(_ rows: String, keys: String = "[wind_speed, wind_heading, turbulence, turbine_status, yaw_misalign, wave_spectrum, wave_period, wave_height, wave_heading]") throws -> Design {
        var text = try String(contentsOf: Reference.repoRoot.appendingPathComponent("designs/OC3spar.yaml"), encoding: .utf8)
        let start = text.range(of: "\ncases:")!.lowerBound
        let end = text.range(of: "\n", options: [], range: text.range(of: "data:", range: start..<text.endIndex)!.upperBound..<text.endIndex)!
        // Replace the cases block (keys + rows) by our own.
        let after = text[end.upperBound...].drop { $0 != "\n" || false }
        _ = after
        var lines = text.components(separatedBy: "\n")
        let ci = lines.firstIndex { $0.hasPrefix("cases:") }!
        var cj = ci + 1
        while cj < lines.count, lines[cj].isEmpty || lines[cj].hasPrefix(" ") || lines[cj].hasPrefix("#") { cj += 1 }
        lines.replaceSubrange(ci..<cj, with: ["cases:", "  keys: \(keys)", "  data:", rows])
        text = lines.joined(separator: "\n")
        return try Design.parse(text, file: "OC3spar-variant.yaml")
    }

    @Test("still water: zero wave spectrum and zero dynamic response")
    func stillWater() throws {
        let d = try Self.oc3("    - [0, 0, 0, parked, 0, still, 10, 2, 0]")
        let r = try runDesign(d)
        let m = r.cases[0].fowts[0].metrics
        for dof in ["surge", "heave", "pitch"] { #expect(m["\(dof)_std"]!.values[0] == 0) }
        #expect(m.psd("wave_PSD")!.allSatisfy { $0 == 0 })
        #expect(m["Tmoor_std"]!.values.allSatisfy { $0 == 0 })
    }

    @Test("two identical wave trains double every PSD (sources add in power) and keep the means")
    func twoTrains() throws {
        let one = try runDesign(Self.oc3("    - [0, 0, 0, parked, 0, JONSWAP, 10, 4, 30]"))
        let two = try runDesign(Self.oc3("    - [0, 0, 0, parked, 0, JONSWAP, 10, 4, [30, 30]]"))
        let a = one.cases[0].fowts[0].metrics, b = two.cases[0].fowts[0].metrics
        for key in ["wave_PSD", "surge_PSD", "pitch_PSD", "Tmoor3_PSD"] {
            expectAllClose(b.psd(key)!, a.psd(key)!.map { 2 * $0 }, rtol: 1e-9, atol: 1e-12, key)
        }
        expectAllClose(b["surge_std"]!.values, a["surge_std"]!.values.map { $0 * 2.0.squareRoot() }, rtol: 1e-9, "surge_std")
        expectAllClose(b["surge_avg"]!.values, a["surge_avg"]!.values, rtol: 1e-12, atol: 1e-12, "surge_avg")
    }

    @Test("waves from +y on an axisymmetric spar move it in sway, not in surge")
    func headingSymmetry() throws {
        let x = try runDesign(Self.oc3("    - [0, 0, 0, parked, 0, JONSWAP, 10, 4, 0]")).cases[0].fowts[0].metrics
        let y = try runDesign(Self.oc3("    - [0, 0, 0, parked, 0, JONSWAP, 10, 4, 90]")).cases[0].fowts[0].metrics
        expectAllClose(y.psd("sway_PSD")!, x.psd("surge_PSD")!, rtol: 1e-3, atol: 1e-6, "sway(90°) vs surge(0°)")
        expectAllClose(y.psd("roll_PSD")!, x.psd("pitch_PSD")!, rtol: 1e-3, atol: 1e-6, "roll(90°) vs pitch(0°)")
        #expect(y["surge_std"]!.values[0] < 1e-3 * x["surge_std"]!.values[0])
    }
}
