import Foundation
import Testing
@testable import RAFT
@testable import RAFTReport

@Suite("SVG plots")
struct SVGPlotTests {
    @Test("a plot is well-formed XML with title, axis labels, ticks and a legend entry per series")
    func wellFormed() {
        let x = (1...50).map { Double($0) * 0.01 }
        var plot = SVGPlot(title: "surge <PSD> & pitch", xLabel: "frequency [Hz]", yLabel: "PSD [m²/(rad/s)]", yScale: .log,
                           series: [.init(name: "surge", x: x, y: x.map { 1 / ($0 * $0) }),
                                    .init(name: "reference", x: [0.1, 0.2], y: [100, 25], style: .markers),
                                    .init(name: "dashed", x: x, y: x.map { $0 }, style: .dashed)], id: "t1")
        plot.note = "a note"
        let svg = plot.render()
        let xml = XMLCheck.parse(svg)
        #expect(xml.error == nil, "\(xml.error ?? "")")
        #expect(xml.counts["svg"] == 1)
        #expect(xml.counts["polyline"] == 2, "one polyline per line series")
        #expect(xml.counts["circle"] == 2 + 1, "two reference markers plus the legend marker")
        #expect(xml.text.contains("surge <PSD> & pitch"), "title survives escaping")
        #expect(xml.text.contains("frequency [Hz]") && xml.text.contains("PSD [m²/(rad/s)]"))
        #expect(xml.text.contains("reference") && xml.text.contains("dashed") && xml.text.contains("a note"))
        #expect((xml.counts["line"] ?? 0) > 10, "grid lines and tick marks")
    }

    @Test("log axis: decades as ticks, zeros and NaN are gaps, floor at most logDecades below the maximum")
    func logAxis() {
        let r = SVGAxis.range([1e-30, 0, 3e2, .nan], scale: .log, decades: 8)
        #expect(r.high == 1e3)
        #expect(r.low == 1e-6)
        let axis = SVGAxis(scale: .log, low: 1e-6, high: 1e3, pixelLow: 300, pixelHigh: 0)
        #expect(axis.ticks().count == 10)
        #expect(axis.pixelIfValid(0) == nil && axis.pixelIfValid(.nan) == nil)
        #expect(axis.pixelIfValid(1e-20, clampLow: true) == 300)
        let runs = SVGPlot.runs([(0, 0), (1, 1), nil, (2, 2), (3, 3), (4, 4)])
        #expect(runs.map(\.count) == [2, 3])
    }

    @Test("linear axis: nice limits and ticks covering the data")
    func linearAxis() {
        let r = SVGAxis.range([0.013, 0.38], scale: .linear, decades: 8)
        #expect(r.low <= 0.013 && r.high >= 0.38)
        let axis = SVGAxis(scale: .linear, low: r.low, high: r.high, pixelLow: 0, pixelHigh: 100)
        let t = axis.ticks()
        #expect(t.count >= 4 && t.count <= 12)
        #expect(t.first.map { $0.value >= r.low - 1e-12 } == true && t.last.map { $0.value <= r.high + 1e-12 } == true)
        #expect(SVGText.tickLabel(250000, step: 50000) == "2.5e5")
        #expect(SVGText.tickMarkup(2.5e17, step: 5e16, exponent: 17) == "2.5×10<tspan dy=\"-5\" font-size=\"9\">17</tspan>")
        #expect(SVGText.tickMarkup(2e-5, step: 2e-5, exponent: -4) == "0.2×10<tspan dy=\"-5\" font-size=\"9\">-4</tspan>")
        #expect(SVGText.tickLabel(0.25, step: 0.05) == "0.25")
    }

    @Test("ids are valid XML names; text is escaped")
    func escaping() {
        #expect(SVGText.id("case 0/fowt.1") == "case-0-fowt-1")
        #expect(SVGText.id("0abc").hasPrefix("p-"))
        #expect(SVGText.powerOfTen(7) == "10⁷" && SVGText.powerOfTen(-12) == "10⁻¹²")
        #expect(SVGText.escape("a<b & \"c\" 'd'") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;")
    }
}
