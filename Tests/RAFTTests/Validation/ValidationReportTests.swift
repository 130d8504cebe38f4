import Foundation
import Testing
@testable import RAFT
@testable import RAFTReport

@Suite("validation report: PSD points and loose agreement")
struct ValidationReportMarkingTests {
    /// A design case with two PSD quantities of 10 points on an 80-frequency grid and one loose published figure.
    static func outcome() -> CaseOutcome {
        let hz = (1...80).map { Double($0) * 0.005 }
        let psd = (0..<2).map { k in
            ValidationQuantity(name: "psd \(k)", key: "case[0].\(k == 0 ? "surge" : "pitch")_PSD", indices: Array(stride(from: 0, to: 80, by: 8)),
                               expected: Array(repeating: 1, count: 10), rtol: 1e-5, atol: 1e-3, source: "test")
        }
        let yaw = ValidationQuantity(name: "yaw natural frequency", key: "unloaded.fn_Hz[5]", expected: [0.12], rtol: 0.3, atol: 0, source: "paper")
        let c = ValidationCase(name: "demo", directory: "/tmp/demo", title: "demo", kind: .design, reference: "published", description: "",
                               designPath: nil, enabled: true, disabledReason: nil, parameters: [:], quantities: psd + [yaw])
        var qs = psd.map { q in
            var o = QuantityOutcome(quantity: q, status: .passed, computed: q.expected, worstRelativeError: 0, worstAbsoluteError: 0)
            o.curve = ValidationCurve(hz: hz, values: Array(repeating: 1, count: 80))
            o.expectedHz = q.indices?.map { hz[$0] }
            return o
        }
        qs.append(QuantityOutcome(quantity: yaw, status: .passed, computed: [0.153], worstRelativeError: 0.275, worstAbsoluteError: 0.033))
        return CaseOutcome(validationCase: c, status: .passed, quantities: qs)
    }

    @Test("the table and the report say how many PSD points a case compares")
    func psdPoints() throws {
        let o = Self.outcome()
        let p = ValidationReportText.psdPoints(o)
        #expect(p.points == 20 && p.spectra == 2 && p.gridSize == 80)
        #expect(ValidationReportText.psdPointsText(o) == "20 PSD points (2 spectra × 10 of 80 frequencies)")
        #expect(ValidationReportText.table([o]).contains("compares 20 PSD points (2 spectra × 10 of 80 frequencies)"))
        let html = ValidationReportHTML.render([o])
        #expect(XMLCheck.parse(html).error == nil)
        #expect(html.contains("20 (2 spectra, grid of 80)"))
        // PSD plots per Hz, with the compared points counted.
        let plots = ValidationReportHTML.plots(o, caseNumber: 0)
        #expect(plots.count == 2)
        #expect(plots.allSatisfy { $0.svg.contains("PSD [m²/Hz]") || $0.svg.contains("PSD [deg²/Hz]") })
        #expect(plots.allSatisfy { $0.svg.contains("10 compared points (markers) of 80") })
    }

    @Test("a published figure that passes only within a wide band is amber, not green")
    func loose() {
        let o = Self.outcome()
        #expect(o.quantities.map(ValidationReportText.isLoose) == [false, false, true])
        let text = ValidationReportText.table([o])
        #expect(text.contains("pass (loose)") && text.contains("PASSED, 1 loose"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })
        let html = ValidationReportHTML.render([o])
        #expect(html.contains("<td class=\"loose\">PASSED, 1 loose</td>"))
        #expect(html.contains("pass, loose (tolerance 30 %)"))
        let json = ValidationReportText.json([o]).serialized()
        #expect(json.contains("\"loose\":true") || json.contains("\"loose\": true"))
    }
}
