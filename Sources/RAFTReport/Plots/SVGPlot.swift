#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import RAFTIO

/// A self-contained SVG line plot: axes with ticks and labels, linear or logarithmic axes, several series
/// with a legend, a title. No dependencies; the output is one `<svg>` element that can be written to a
/// `.svg` file or inlined in (X)HTML.
///
/// Non-finite points are gaps. On a logarithmic axis, values ≤ 0 are gaps too, and the axis floor is at most
/// `logDecades` decades below the largest value so that numerically-zero tails do not flatten the curves.
package struct SVGPlot: Sendable {
    package enum Scale: String, Sendable { case linear, log }

    package enum Style: Sendable {
        /// Solid polyline.
        case line
        /// Dashed polyline.
        case dashed
        /// Circles at the points, no line (reference values).
        case markers
    }

    package struct Series: Sendable {
        package var name: String
        package var x: [Double]
        package var y: [Double]
        package var style: Style
        /// CSS colour; nil picks from the palette in order.
        package var color: String?

        package init(name: String, x: [Double], y: [Double], style: Style = .line, color: String? = nil) {
            precondition(x.count == y.count, "one y per x")
            self.name = name
            self.x = x
            self.y = y
            self.style = style
            self.color = color
        }
    }

    package var title: String
    /// Axis labels including the unit, e.g. "frequency [Hz]".
    package var xLabel: String
    package var yLabel: String
    package var xScale: Scale = .linear
    package var yScale: Scale = .linear
    package var series: [Series] = []
    /// Width and height of the whole picture [px].
    package var width: Double = 760
    package var height: Double = 420
    /// Prefix for element ids (clip path), unique per plot when several are inlined in one document.
    package var id: String = "plot"
    /// A line of small text under the title (e.g. "channels not shown: all zero").
    package var note: String?
    /// On a log axis, how many decades below the maximum the axis may reach.
    package var logDecades: Double = 8
    /// Fixed x range (panels stacked in one figure share it so that their x-axes line up); nil = from the data.
    package var xRange: (low: Double, high: Double)?
    /// Fixed y range (e.g. −180…180 for phases, with ticks every 90); nil = from the data.
    package var yRange: (low: Double, high: Double)?
    /// Linear y axis: start at 0 when the data are non-negative (spectra, magnitudes).
    package var yFromZero = false
    /// Draw the legend at the right of the plot (off when a figure shows one legend for all its panels).
    package var showLegend = true
    /// Vertical reference lines with a short label (e.g. natural frequencies), in x-axis units.
    package var markers: [Marker] = []
    /// `data-channel` attribute of the root element (lets tests and scripts find a panel).
    package var channel: String?

    /// A vertical dotted line at `x` labelled at the top of the plot area.
    package struct Marker: Sendable {
        package var x: Double
        package var label: String
        package init(x: Double, label: String) { self.x = x; self.label = label }
    }

    /// Colour-blind-friendly palette (Okabe–Ito, then greys).
    package static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
                                 "#F0E442", "#666666", "#999999"]

    package init(title: String, xLabel: String, yLabel: String, xScale: Scale = .linear, yScale: Scale = .linear,
                series: [Series] = [], id: String = "plot") {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.series = series
        self.id = id
    }

    // MARK: Layout

    private var legendWidth: Double {
        let longest = series.map { $0.name.count }.max() ?? 0
        return series.isEmpty ? 0 : min(260, 44 + 6.6 * Double(longest))
    }
    private var plotLeft: Double { 78 }
    private var plotTop: Double { note == nil ? 42 : 58 }
    private var plotRight: Double { width - (showLegend && !series.isEmpty ? 16 + legendWidth : 28) }
    private var plotBottom: Double { height - (xLabel.isEmpty ? 30 : 52) }

    /// Title font size [px] and text that fit `available` pixels (bold Helvetica ≈ 0.6 em per character):
    /// 15 px, shrunk down to 11 px, then cut with an ellipsis.
    static func fittedTitle(_ title: String, available: Double, maxSize: Double = 15) -> (size: Double, text: String) {
        let n = Double(max(title.count, 1))
        let size = min(maxSize, max(11, (available / (0.6 * n)).rounded(.down)))
        let maxChars = Int(available / (0.6 * size))
        guard title.count > maxChars, maxChars > 1 else { return (size, title) }
        return (size, String(title.prefix(maxChars - 1)) + "…")
    }

    /// Linear or logarithmic y for non-negative curves (spectra): logarithmic when the curves' peaks differ by
    /// more than `ratio` (a linear axis would flatten the smaller ones), with the floor `decades` below the
    /// highest value. Peaks are interior local maxima above 10⁻⁴ of the highest value, plus each curve's maximum.
    package static func autoScale(_ curves: [[Double]], ratio: Double = 30) -> Scale {
        let top = curves.flatMap { $0 }.filter { $0.isFinite }.max() ?? 0
        guard top > 0 else { return .linear }
        var smallest = top
        for y in curves {
            let finite = y.map { $0.isFinite ? $0 : 0 }
            guard let m = finite.max(), m > 0 else { continue }
            smallest = min(smallest, m)
            for i in finite.indices.dropFirst().dropLast() where finite[i] > 1e-4 * top {
                if finite[i] >= finite[i - 1] && finite[i] > finite[i + 1] { smallest = min(smallest, finite[i]) }
            }
        }
        return top / smallest > ratio ? .log : .linear
    }

    // MARK: Rendering

    /// The SVG document (one `<svg>` element, XML-escaped, usable inline in XHTML).
    package func render() -> String {
        let xr = xRange ?? SVGAxis.range(series.flatMap { $0.x }, scale: xScale, decades: logDecades)
        var yr = yRange ?? SVGAxis.range(series.flatMap { $0.y }, scale: yScale, decades: logDecades)
        if yFromZero && yScale == .linear && yr.low < 0 && series.allSatisfy({ $0.y.allSatisfy { !$0.isFinite || $0 >= 0 } }) { yr.low = 0 }
        let xAxis = SVGAxis(scale: xScale, low: xr.low, high: xr.high, pixelLow: plotLeft, pixelHigh: plotRight)
        var yAxis = SVGAxis(scale: yScale, low: yr.low, high: yr.high, pixelLow: plotBottom, pixelHigh: plotTop)
        if yRange.map({ $0.high - $0.low == 360 }) == true { yAxis.fixedStep = 90 }
        let clip = "\(SVGText.id(id))-clip"

        var s = ""
        s.reserveCapacity(8_000 + series.reduce(0) { $0 + 24 * $1.x.count })
        s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" "
        s += "viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" "
        s += "role=\"img\" aria-label=\"\(SVGText.escape(title))\"\(channel.map { " class=\"panel\" data-channel=\"\(SVGText.escape($0))\"" } ?? "")>\n"
        s += "<title>\(SVGText.escape(title))</title>\n"
        s += "<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#ffffff\"/>\n"
        s += "<defs><clipPath id=\"\(clip)\"><rect x=\"\(f(plotLeft))\" y=\"\(f(plotTop))\" "
        s += "width=\"\(f(plotRight - plotLeft))\" height=\"\(f(plotBottom - plotTop))\"/></clipPath></defs>\n"
        // Title and note.
        let fitted = SVGPlot.fittedTitle(title, available: width - 24)
        s += "<text x=\"\(f(width / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"\(f(fitted.size))\" "
        s += "font-weight=\"bold\">\(SVGText.escape(fitted.text))</text>\n"
        if let note {
            s += "<text x=\"\(f((plotLeft + plotRight) / 2))\" y=\"40\" text-anchor=\"middle\" font-size=\"11\" "
            s += "fill=\"#555555\">\(SVGText.escape(note))</text>\n"
        }
        // Grid and ticks.
        s += "<g stroke=\"#e3e3e3\" stroke-width=\"1\">\n"
        let xt = xAxis.ticks(), yt = yAxis.ticks()
        for t in xt { let p = xAxis.pixel(t.value); s += "<line x1=\"\(f(p))\" y1=\"\(f(plotTop))\" x2=\"\(f(p))\" y2=\"\(f(plotBottom))\"/>\n" }
        for t in yt { let p = yAxis.pixel(t.value); s += "<line x1=\"\(f(plotLeft))\" y1=\"\(f(p))\" x2=\"\(f(plotRight))\" y2=\"\(f(p))\"/>\n" }
        s += "</g>\n"
        s += "<rect x=\"\(f(plotLeft))\" y=\"\(f(plotTop))\" width=\"\(f(plotRight - plotLeft))\" "
        s += "height=\"\(f(plotBottom - plotTop))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
        s += "<g fill=\"#222222\" font-size=\"11\">\n"
        for t in xt {
            let p = xAxis.pixel(t.value)
            s += "<line x1=\"\(f(p))\" y1=\"\(f(plotBottom))\" x2=\"\(f(p))\" y2=\"\(f(plotBottom + 5))\" stroke=\"#333333\"/>\n"
            s += "<text x=\"\(f(p))\" y=\"\(f(plotBottom + 18))\" text-anchor=\"middle\">\(t.label)</text>\n"
        }
        for t in yt {
            let p = yAxis.pixel(t.value)
            s += "<line x1=\"\(f(plotLeft - 5))\" y1=\"\(f(p))\" x2=\"\(f(plotLeft))\" y2=\"\(f(p))\" stroke=\"#333333\"/>\n"
            s += "<text x=\"\(f(plotLeft - 8))\" y=\"\(f(p + 4))\" text-anchor=\"end\">\(t.label)</text>\n"
        }
        s += "</g>\n"
        // Vertical markers, labels staggered in rows so that neighbours do not overlap.
        if !markers.isEmpty {
            var rowEnds: [Double] = []
            s += "<g class=\"markers\" font-size=\"10\" fill=\"#555555\">\n"
            for m in markers.sorted(by: { $0.x < $1.x }) {
                guard let p = xAxis.pixelIfValid(m.x), p >= plotLeft - 0.5, p <= plotRight + 0.5 else { continue }
                s += "<line class=\"marker\" x1=\"\(f(p))\" y1=\"\(f(plotTop))\" x2=\"\(f(p))\" y2=\"\(f(plotBottom))\" "
                s += "stroke=\"#777777\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>\n"
                let w = 5.6 * Double(m.label.count) + 4
                let anchorRight = p + w > plotRight
                let left = anchorRight ? p - w - 2 : p + 2
                var row = rowEnds.firstIndex { $0 < left } ?? rowEnds.count
                if row > 3 { row = 3 }
                if row == rowEnds.count { rowEnds.append(left + w) } else { rowEnds[row] = left + w }
                s += "<text x=\"\(f(anchorRight ? p - 3 : p + 3))\" y=\"\(f(plotTop + 11 + 11 * Double(row)))\"\(anchorRight ? " text-anchor=\"end\"" : "") "
                s += "stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">"
                s += "\(SVGText.escape(m.label))</text>\n"
            }
            s += "</g>\n"
        }
        // Axis labels.
        if !xLabel.isEmpty {
            s += "<text x=\"\(f((plotLeft + plotRight) / 2))\" y=\"\(f(height - 12))\" text-anchor=\"middle\" "
            s += "font-size=\"13\">\(SVGText.escape(xLabel))</text>\n"
        }
        let ly = (plotTop + plotBottom) / 2
        s += "<text x=\"16\" y=\"\(f(ly))\" text-anchor=\"middle\" font-size=\"13\" "
        s += "transform=\"rotate(-90 16 \(f(ly)))\">\(SVGText.escape(yLabel))</text>\n"
        // Series.
        s += "<g clip-path=\"url(#\(clip))\" fill=\"none\" stroke-width=\"1.8\" stroke-linejoin=\"round\">\n"
        for (k, ser) in series.enumerated() {
            let color = SVGText.escape(ser.color ?? SVGPlot.palette[k % SVGPlot.palette.count])
            let points: [(Double, Double)?] = zip(ser.x, ser.y).map { x, y in
                // Values below a log axis floor are drawn where they fall and cut by the clip path.
                guard let px = xAxis.pixelIfValid(x), let py = yAxis.pixelIfValid(y) else { return nil }
                return (px, py)
            }
            switch ser.style {
            case .markers:
                for case let (px, py)? in points {
                    s += "<circle cx=\"\(f(px))\" cy=\"\(f(py))\" r=\"3.5\" stroke=\"\(color)\" fill=\"#ffffff\"/>\n"
                }
            case .line, .dashed:
                let dash = ser.style == .dashed ? " stroke-dasharray=\"6 4\"" : ""
                for run in SVGPlot.runs(points) {
                    let pts = run.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
                    s += "<polyline class=\"series\" data-series=\"\(SVGText.escape(ser.name))\" points=\"\(pts)\" stroke=\"\(color)\"\(dash)/>\n"
                }
            }
        }
        s += "</g>\n"
        // Legend.
        if showLegend && !series.isEmpty {
            let lx = plotRight + 14
            s += "<g font-size=\"12\">\n"
            for (k, ser) in series.enumerated() {
                let color = SVGText.escape(ser.color ?? SVGPlot.palette[k % SVGPlot.palette.count])
                let y = plotTop + 10 + 20 * Double(k)
                switch ser.style {
                case .markers:
                    s += "<circle cx=\"\(f(lx + 12))\" cy=\"\(f(y))\" r=\"3.5\" stroke=\"\(color)\" fill=\"#ffffff\" stroke-width=\"1.8\"/>\n"
                case .line, .dashed:
                    let dash = ser.style == .dashed ? " stroke-dasharray=\"6 4\"" : ""
                    s += "<line x1=\"\(f(lx))\" y1=\"\(f(y))\" x2=\"\(f(lx + 24))\" y2=\"\(f(y))\" stroke=\"\(color)\" stroke-width=\"1.8\"\(dash)/>\n"
                }
                s += "<text x=\"\(f(lx + 30))\" y=\"\(f(y + 4))\">\(SVGText.escape(ser.name))</text>\n"
            }
            s += "</g>\n"
        }
        s += "</svg>\n"
        return s
    }

    /// Consecutive runs of valid points (a nil breaks the line).
    static func runs(_ points: [(Double, Double)?]) -> [[(Double, Double)]] {
        var out: [[(Double, Double)]] = [], cur: [(Double, Double)] = []
        for p in points {
            if let p { cur.append(p) } else if !cur.isEmpty { out.append(cur); cur = [] }
        }
        if !cur.isEmpty { out.append(cur) }
        // A single point would be invisible as a polyline: draw it as a zero-length segment pair.
        return out.map { $0.count == 1 ? [$0[0], ($0[0].0 + 0.01, $0[0].1)] : $0 }
    }

    private func f(_ x: Double) -> String { SVGText.number(x) }
}
