import Foundation
import Testing
@testable import RAFT

/// The example designs in `examples/` stay what their comments say they are.
@Suite struct ExampleDesignTests {
    static let examples = Reference.repoRoot.appendingPathComponent("examples")
    static let designs = Reference.repoRoot.appendingPathComponent("designs")

    /// Lines of `text` from the first line starting with `from` up to (excluding) the first starting with `to`
    /// (to the end when `to` is nil).
    static func section(_ text: String, from: String, to: String?) -> [Substring] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let a = lines.firstIndex(where: { $0.hasPrefix(from) }) else { return [] }
        let b = to.flatMap { t in lines[a...].firstIndex(where: { $0.hasPrefix(t) }) } ?? lines.endIndex
        return Array(lines[a..<b])
    }

    /// VolturnUS-S-scatter.yaml is designs/VolturnUS-S.yaml with other cases and a `fatigue:` section: settings,
    /// site, turbine, platform and mooring are the same text, the case probabilities add up to 1, one per case,
    /// and the design loads without warnings.
    @Test func volturnScatterIsVolturnUSWithAScatter() throws {
        let example = try String(contentsOf: Self.examples.appendingPathComponent("VolturnUS-S-scatter.yaml"), encoding: .utf8)
        let design = try String(contentsOf: Self.designs.appendingPathComponent("VolturnUS-S.yaml"), encoding: .utf8)
        #expect(Self.section(example, from: "name:", to: "cases:") == Self.section(design, from: "name:", to: "cases:"))
        let tail = Self.section(design, from: "# --- Turbine", to: nil)
        #expect(tail.count > 1000)
        #expect(Self.section(example, from: "# --- Turbine", to: nil) == tail)

        let d = try Design.load(path: Self.examples.appendingPathComponent("VolturnUS-S-scatter.yaml").path)
        #expect(d.diagnostics.warnings.isEmpty, "\(d.diagnostics.warnings)")
        let p = try #require(d.fatigue.caseProbability)
        #expect(p.count == d.cases?.cases.count && p.count == 7)
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
        #expect(d.fatigue.designLifeYears == 25)
    }
}
