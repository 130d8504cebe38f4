#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT

/// A tornado chart (SVG) of sensitivity elasticities: one panel per metric, one horizontal bar per parameter,
/// sorted by magnitude; bars left of zero (blue) lower the metric, right (orange) raise it.
package enum TornadoChart {
    package static func svg(_ r: SensitivityResult) -> String {
        // Label column wide enough for the longest parameter label (≈ 6.8 px per character at 12 px Helvetica).
        let longest = Double(r.parameters.map { $0.count }.max() ?? 0)
        let rowH = 22.0, labelW = max(300.0, 6.8 * longest + 16), barW = 360.0, panelGap = 30.0, top = 40.0
        let panelH = { (n: Int) in Double(n) * rowH + 34 }
        let height = top + Double(r.metrics.count) * (panelH(r.parameters.count) + panelGap)
        let width = labelW + barW + 120
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        s += "<text x=\"\(Int(width / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">Elasticities p0/M0 · dM/dp (dashed: step not converged)</text>\n"
        var y0 = top
        for (k, metric) in r.metrics.enumerated() {
            let e = r.elasticities[k].map { $0.isFinite ? $0 : 0 }
            let order = e.indices.sorted { abs(e[$0]) > abs(e[$1]) }
            let extent = max(e.map(abs).max() ?? 0, 1e-300)
            let x0 = labelW + barW / 2
            s += "<text x=\"\(Int(labelW))\" y=\"\(Int(y0 + 14))\" font-weight=\"bold\">\(escape(metric)) = \(escape(format(r.values[k])))</text>\n"
            s += "<line x1=\"\(x0)\" y1=\"\(y0 + 20)\" x2=\"\(x0)\" y2=\"\(y0 + panelH(r.parameters.count) - 6)\" stroke=\"#444\"/>\n"
            for (row, i) in order.enumerated() {
                let y = y0 + 24 + Double(row) * rowH
                let w = abs(e[i]) / extent * (barW / 2)
                let x = e[i] < 0 ? x0 - w : x0
                let color = e[i] < 0 ? "#0072B2" : "#D55E00"
                s += "<text x=\"\(labelW - 8)\" y=\"\(y + 14)\" text-anchor=\"end\">\(escape(r.parameters[i]))</text>\n"
                s += "<rect x=\"\(x)\" y=\"\(y + 3)\" width=\"\(max(w, 0.5))\" height=\"\(rowH - 6)\" fill=\"\(color)\""
                    + (r.converged[k][i] ? "" : " fill-opacity=\"0.4\" stroke=\"black\" stroke-dasharray=\"3,2\"") + "/>\n"
                let tx = e[i] < 0 ? x0 + 6 : x0 - 6
                s += "<text x=\"\(tx)\" y=\"\(y + 14)\" text-anchor=\"\(e[i] < 0 ? "start" : "end")\" fill=\"#333\">\(escape(format(e[i])))\(r.converged[k][i] ? "" : " (not converged)")</text>\n"
            }
            y0 += panelH(r.parameters.count) + panelGap
        }
        return s + "</svg>\n"
    }

    static func format(_ x: Double) -> String { String(cFormat: "%.4g", x) }

    static func escape(_ t: String) -> String { SVGText.escape(t) }
}
