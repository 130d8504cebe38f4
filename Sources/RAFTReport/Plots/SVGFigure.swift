#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Several `SVGPlot` panels stacked in one SVG document under a common header: a title, one legend for all
/// panels (the panels draw none), and notes. Panels should share `xRange` and width so that their x-axes line
/// up (`RunPlots` does so).
package struct SVGFigure: Sendable {
    /// A legend entry: the name and how its curves are drawn in every panel.
    package struct LegendEntry: Sendable {
        package var name: String
        package var color: String
        package var style: SVGPlot.Style
        package init(name: String, color: String, style: SVGPlot.Style = .line) {
            self.name = name
            self.color = color
            self.style = style
        }
    }

    package var title: String
    package var legend: [LegendEntry]
    /// Lines of small text under the legend (zero channels, units, markers).
    package var notes: [String]
    package var panels: [SVGPlot]
    /// Width of the whole picture [px] (panels keep their own width; use the same).
    package var width: Double

    package init(title: String, legend: [LegendEntry] = [], notes: [String] = [], panels: [SVGPlot], width: Double = 900) {
        self.title = title
        self.legend = legend
        self.notes = notes
        self.panels = panels
        self.width = width
    }

    /// Height of the header (title, legend, notes) [px].
    var headerHeight: Double {
        36 + 18 * Double(legend.count) + 15 * Double(noteLines.count) + (legend.isEmpty && notes.isEmpty ? 0 : 8)
    }

    /// The notes wrapped at word boundaries to the figure width (11 px text ≈ 5.8 px per character).
    var noteLines: [String] {
        let maxChars = max(20, Int((width - 100) / 5.8))
        var out: [String] = []
        for note in notes {
            var line = ""
            for word in note.split(separator: " ", omittingEmptySubsequences: false) {
                if !line.isEmpty && line.count + 1 + word.count > maxChars { out.append(line); line = "    " }
                line += (line.isEmpty || line == "    " ? "" : " ") + word
            }
            out.append(line)
        }
        return out
    }

    package func render() -> String {
        let height = headerHeight + panels.reduce(0) { $0 + $1.height }
        let n = SVGText.number
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
        s += "viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" "
        s += "role=\"img\" aria-label=\"\(SVGText.escape(title))\">\n"
        s += "<title>\(SVGText.escape(title))</title>\n"
        s += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
        let fitted = SVGPlot.fittedTitle(title, available: width - 24, maxSize: 17)
        s += "<text x=\"\(n(width / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"\(n(fitted.size))\" font-weight=\"bold\">"
        s += "\(SVGText.escape(fitted.text))</text>\n"
        var y = 36.0
        if !legend.isEmpty {
            s += "<g class=\"legend\" font-size=\"12\">\n"
            let maxChars = Int((width - 130) / 6.4)
            for e in legend {
                let cy = y + 9
                let color = SVGText.escape(e.color)
                switch e.style {
                case .markers:
                    s += "<circle cx=\"90\" cy=\"\(n(cy))\" r=\"3.5\" stroke=\"\(color)\" fill=\"#ffffff\" stroke-width=\"1.8\"/>\n"
                case .line, .dashed:
                    let dash = e.style == .dashed ? " stroke-dasharray=\"6 4\"" : ""
                    s += "<line x1=\"78\" y1=\"\(n(cy))\" x2=\"102\" y2=\"\(n(cy))\" stroke=\"\(color)\" stroke-width=\"2.2\"\(dash)/>\n"
                }
                let text = e.name.count > maxChars ? String(e.name.prefix(maxChars - 1)) + "…" : e.name
                s += "<text x=\"110\" y=\"\(n(cy + 4))\">\(SVGText.escape(text))</text>\n"
                y += 18
            }
            s += "</g>\n"
        }
        if !notes.isEmpty {
            s += "<g class=\"notes\" font-size=\"11\" fill=\"#555555\">\n"
            for text in noteLines {
                s += "<text class=\"note\" x=\"78\" y=\"\(n(y + 11))\" xml:space=\"preserve\">\(SVGText.escape(text))</text>\n"
                y += 15
            }
            s += "</g>\n"
        }
        y = headerHeight
        for p in panels {
            // The panel's own root element becomes a nested, positioned <svg>.
            s += p.render().replacing("<svg xmlns=\"http://www.w3.org/2000/svg\" ", with: "<svg x=\"0\" y=\"\(n(y))\" ")
            y += p.height
        }
        return s + "</svg>\n"
    }
}
