import Foundation
import Testing
@testable import RAFT

@Suite("Design sanity warnings")
struct DesignSanityTests {
    static func design(_ name: String) throws -> String {
        try String(contentsOfFile: Reference.repoRoot.appendingPathComponent("designs/\(name).yaml").path, encoding: .utf8)
    }
    /// `text` without its top-level section `key` (up to the next top-level key).
    static func dropping(_ key: String, from text: String) -> String {
        var out: [Substring] = [], skipping = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let c = line.first, c != " ", c != "#", c != "-" { skipping = line.hasPrefix("\(key):") }
            if !skipping { out.append(line) }
        }
        return out.joined(separator: "\n")
    }

    @Test("the shipped designs give no sanity warning", arguments: ["OC3spar", "OC4semi", "VolturnUS-S"])
    func clean(_ name: String) throws {
        let d = try Design.parse(try Self.design(name), file: "\(name).yaml")
        #expect(d.sanityWarnings.isEmpty, "\(d.sanityWarnings)")
    }

    @Test("wind without a turbine: one warning at cases.data naming the windy cases")
    func windWithoutTurbine() throws {
        let d = try Design.parse(Self.dropping("turbine", from: try Self.design("OC3spar")), file: "t.yaml")
        let w = d.sanityWarnings
        #expect(w.count == 1 && w[0].path.description == "cases.data[0]" && w[0].message.contains("cases 0, 1, 2") && w[0].message.contains("no turbine"), "\(w)")
    }

    @Test("no mooring: a warning at mooring before the solver fails; the run still fails with exit-3 physics (unstable)")
    func noMooring() throws {
        let d = try Design.parse(Self.dropping("mooring", from: try Self.design("VolturnUS-S")), file: "m.yaml")
        let w = d.sanityWarnings
        #expect(w.count == 1 && w[0].path.description == "mooring" && w[0].message.contains("surge, sway and yaw"), "\(w)")
        #expect(throws: (any Error).self) { _ = try analyzeUnloadedEigen(d) }
    }

    @Test("GS_Angles beyond 2π look like degrees")
    func degreesForRadians() throws {
        let text = try Self.design("OC3spar").replacingOccurrences(of: "GS_Angles: [0.08951732571568687", with: "GS_Angles: [51.3")
        let w = try Design.parse(text, file: "g.yaml").sanityWarnings
        #expect(w.count == 1 && w[0].path.description == "turbine.pitch_control.GS_Angles" && w[0].message.contains("radians"), "\(w)")
    }
}
