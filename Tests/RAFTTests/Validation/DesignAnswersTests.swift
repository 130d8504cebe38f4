import Foundation
import Testing
@testable import RAFT
@testable import RAFTReport

/// The validation report's design-answers section (issue 15): VolturnUS-S over its scatter diagram. Eleven runs of a
/// seven-case turbine design: release step only (`swift test -c release --filter DesignAnswersTests`).
@Suite struct DesignAnswersTests {
    static let validation = Reference.repoRoot.appendingPathComponent("validation").path

    @Test(.enabled(if: BuildMode.isRelease, "eleven runs of a seven-case design: run with -c release"))
    func scatterTableLifetimeRowAndTornado() throws {
        let path = try #require(DesignAnswers.exampleDesign(besideValidationFolder: Self.validation))
        let a = try DesignAnswers.compute(designPath: path)
        #expect(a.run.cases.count == 7 && a.sensitivity.runs == 1 + 2 * DesignAnswers.parameters.count)
        let html = a.html()
        // One table row per case plus the life row; the life row's Mbase DEL is the weighted m-norm of the cases'.
        #expect(html.components(separatedBy: "<tr><td>").count - 1 == 7)
        let p = try #require(a.run.fatigueSettings?.caseProbability)
        let sum = zip(a.run.cases, p).reduce(0.0) { $0 + $1.1 * pow($1.0.fowts[0].metrics["Mbase_DEL_m4"]!.values[0], 4) }
        let life = try #require(a.run.lifetimeFatigue?.fowts[0].first { $0.key == "Mbase_DEL_life_m4" }?.value.values[0])
        #expect(abs(life / pow(sum, 0.25) - 1) < 1e-12)
        #expect(html.contains(String(format: "%.3g", life / 1e6)))
        // The tornado chart: one panel per metric, one bar per parameter, every parameter labelled.
        #expect(html.contains("<svg") && html.components(separatedBy: "<rect x=").count - 1 == 3 * DesignAnswers.parameters.count)
        for (_, label) in DesignAnswers.parameters { #expect(html.contains(label)) }
        // The smooth settings keep every elasticity finite; the outer-column diameter raises the tower-base DEL.
        #expect(a.sensitivity.elasticities.allSatisfy { $0.allSatisfy(\.isFinite) })
        #expect(a.sensitivity.elasticities[0][0] > 1)
    }
}
