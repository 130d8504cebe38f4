#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT

/// `raft plot --geometry`: side (x–z) and top (x–y) views of a `DesignGeometry`, each at equal scale in both
/// directions with axes in metres: the whole system (mooring spread to the anchors, seabed, waterline) and a close-up
/// of the floating structure (platform, tower, rotor, upper mooring).
package enum GeometrySVG {
    /// A view direction: which global axes go right and up, and the depth axis (larger = nearer the viewer).
    enum View {
        case side, top
        func project(_ p: Vec3) -> (Double, Double) { self == .side ? (p.x, p.z) : (p.x, p.y) }
        func depth(_ p: Vec3) -> Double { self == .side ? -p.y : p.z }
        var xLabel: String { "x [m]" }
        var yLabel: String { self == .side ? "z [m]" : "y [m]" }
    }

    static let fills: [DesignGeometry.Part: (fill: String, stroke: String)] = [
        .platform: ("#f3c98b", "#8a5a14"), .tower: ("#d9d9d9", "#555555"), .nacelle: ("#bdbdbd", "#444444"),
        .rotor: ("#9ecae1", "#2b6c99"),
    ]

    /// Convex hull (Andrew's monotone chain), counter-clockwise.
    static func hull(_ pts: [(Double, Double)]) -> [(Double, Double)] {
        let p = pts.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        guard p.count > 2 else { return p }
        func turn(_ o: (Double, Double), _ a: (Double, Double), _ b: (Double, Double)) -> Double {
            (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
        }
        var lower: [(Double, Double)] = [], upper: [(Double, Double)] = []
        for q in p {
            while lower.count >= 2 && turn(lower[lower.count - 2], lower[lower.count - 1], q) <= 0 { lower.removeLast() }
            lower.append(q)
        }
        for q in p.reversed() {
            while upper.count >= 2 && turn(upper[upper.count - 2], upper[upper.count - 1], q) <= 0 { upper.removeLast() }
            upper.append(q)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }

    /// One framed view: data box (xmin…xmax, ymin…ymax) drawn at equal scale into a `w`×`h` pixel panel at (x0, y0).
    struct Frame {
        var x0: Double, y0: Double, w: Double, h: Double
        var xmin: Double, xmax: Double, ymin: Double, ymax: Double
        let left = 70.0, right = 16.0, top = 30.0, bottom = 46.0

        /// Equal scale: widen the narrower data range so that one metre is the same length on both axes.
        init(x0: Double, y0: Double, w: Double, h: Double, box: (xmin: Double, xmax: Double, ymin: Double, ymax: Double)) {
            self.x0 = x0; self.y0 = y0; self.w = w; self.h = h
            let pw = w - 70 - 16, ph = h - 30 - 46
            var (a, b, c, d) = (box.xmin, box.xmax, box.ymin, box.ymax)
            let sx = (b - a) / pw, sy = (d - c) / ph
            if sx > sy { let e = (sx * ph - (d - c)) / 2; c -= e; d += e } else { let e = (sy * pw - (b - a)) / 2; a -= e; b += e }
            xmin = a; xmax = b; ymin = c; ymax = d
        }
        var plotLeft: Double { x0 + left }
        var plotRight: Double { x0 + w - right }
        var plotTop: Double { y0 + top }
        var plotBottom: Double { y0 + h - bottom }
        func px(_ x: Double) -> Double { plotLeft + (x - xmin) / (xmax - xmin) * (plotRight - plotLeft) }
        func py(_ y: Double) -> Double { plotBottom - (y - ymin) / (ymax - ymin) * (plotBottom - plotTop) }
    }

    static func n(_ x: Double) -> String { SVGText.number(x) }

    /// Data box of a set of points with a margin (fraction of the larger extent, at least `minimum` metres).
    static func box(_ pts: [(Double, Double)], margin: Double = 0.06, minimum: Double = 2) -> (xmin: Double, xmax: Double, ymin: Double, ymax: Double) {
        let xs = pts.map(\.0), ys = pts.map(\.1)
        let xmin = xs.min() ?? -1, xmax = xs.max() ?? 1, ymin = ys.min() ?? -1, ymax = ys.max() ?? 1
        let m = max(minimum, margin * max(xmax - xmin, ymax - ymin))
        return (xmin - m, xmax + m, ymin - m, ymax + m)
    }

    /// One view into `frame`: axes, grid, water and seabed (side view), solids, lines.
    static func view(_ g: DesignGeometry, _ v: View, _ fr: Frame, title: String, id: String, closeUp: Bool) -> String {
        var s = "<g class=\"view\" data-view=\"\(v == .side ? "side" : "top")\(closeUp ? "-close-up" : "")\">\n"
        s += "<text x=\"\(n(fr.x0 + fr.w / 2))\" y=\"\(n(fr.y0 + 18))\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">\(SVGText.escape(title))</text>\n"
        let clip = "\(id)-clip"
        s += "<defs><clipPath id=\"\(clip)\"><rect x=\"\(n(fr.plotLeft))\" y=\"\(n(fr.plotTop))\" width=\"\(n(fr.plotRight - fr.plotLeft))\" "
        s += "height=\"\(n(fr.plotBottom - fr.plotTop))\"/></clipPath></defs>\n"
        // Ticks and grid.
        let xa = SVGAxis(scale: .linear, low: fr.xmin, high: fr.xmax, pixelLow: fr.plotLeft, pixelHigh: fr.plotRight)
        let ya = SVGAxis(scale: .linear, low: fr.ymin, high: fr.ymax, pixelLow: fr.plotBottom, pixelHigh: fr.plotTop)
        s += "<g stroke=\"#ececec\" stroke-width=\"1\">\n"
        for t in xa.ticks() { s += "<line x1=\"\(n(fr.px(t.value)))\" y1=\"\(n(fr.plotTop))\" x2=\"\(n(fr.px(t.value)))\" y2=\"\(n(fr.plotBottom))\"/>\n" }
        for t in ya.ticks() { s += "<line x1=\"\(n(fr.plotLeft))\" y1=\"\(n(fr.py(t.value)))\" x2=\"\(n(fr.plotRight))\" y2=\"\(n(fr.py(t.value)))\"/>\n" }
        s += "</g>\n<g clip-path=\"url(#\(clip))\">\n"
        if v == .side {
            // Sea (light blue) between the seabed and the waterline; seabed below.
            let zw = fr.py(0), zb = fr.py(-g.waterDepth)
            s += "<rect x=\"\(n(fr.plotLeft))\" y=\"\(n(zw))\" width=\"\(n(fr.plotRight - fr.plotLeft))\" height=\"\(n(max(0, zb - zw)))\" fill=\"#eef6fb\"/>\n"
            s += "<rect x=\"\(n(fr.plotLeft))\" y=\"\(n(zb))\" width=\"\(n(fr.plotRight - fr.plotLeft))\" height=\"\(n(max(0, fr.plotBottom - zb)))\" fill=\"#e8dcc8\"/>\n"
            s += "<line class=\"waterline\" x1=\"\(n(fr.plotLeft))\" y1=\"\(n(zw))\" x2=\"\(n(fr.plotRight))\" y2=\"\(n(zw))\" stroke=\"#3182bd\" stroke-width=\"1.2\"/>\n"
            s += "<line class=\"seabed\" x1=\"\(n(fr.plotLeft))\" y1=\"\(n(zb))\" x2=\"\(n(fr.plotRight))\" y2=\"\(n(zb))\" stroke=\"#8c6d31\" stroke-width=\"1.5\"/>\n"
        }
        // Mooring lines first (behind the platform in the close-up), then solids far to near.
        for l in g.lines {
            let pts = l.nodes.map { v.project($0) }.map { "\(n(fr.px($0.0))),\(n(fr.py($0.1)))" }.joined(separator: " ")
            s += "<polyline class=\"mooring-line\" data-name=\"\(SVGText.escape(l.name))\" points=\"\(pts)\" fill=\"none\" "
            s += "stroke=\"\(l.shared ? "#7b3294" : "#b2182b")\" stroke-width=\"\(closeUp ? 2 : 1.5)\"/>\n"
        }
        // Members far to near; the pieces of one member are drawn as one shape: outlines first (twice the
        // stroke width), then the fills on top, so that only the member's outer outline shows.
        var groups: [Int: [Int]] = [:]
        for i in g.solids.indices { groups[g.solids[i].group, default: []].append(i) }
        func depth(_ i: Int) -> Double { g.solids[i].points.reduce(0) { $0 + v.depth($1) } / Double(g.solids[i].points.count) }
        let ordered = groups.values.sorted { a, b in
            a.map(depth).reduce(0, +) / Double(a.count) < b.map(depth).reduce(0, +) / Double(b.count)
        }
        for members in ordered {
            let first = g.solids[members[0]]
            let c = fills[first.part] ?? ("#dddddd", "#555555")
            let hulls = members.map { hull(g.solids[$0].points.map { v.project($0) }) }.filter { $0.count >= 2 }
            let pts = hulls.map { h in h.map { "\(n(fr.px($0.0))),\(n(fr.py($0.1)))" }.joined(separator: " ") }
            let rotor = first.part == .rotor
            s += "<g class=\"member \(first.part.rawValue)\" data-name=\"\(SVGText.escape(first.name))\">\n"
            for p in pts { s += "<polygon points=\"\(p)\" fill=\"none\" stroke=\"\(c.stroke)\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/>\n" }
            for p in pts { s += "<polygon points=\"\(p)\" fill=\"\(c.fill)\" fill-opacity=\"\(rotor ? "0.35" : "1")\" stroke=\"none\"/>\n" }
            s += "</g>\n"
        }
        s += "</g>\n"
        // Frame, tick labels and axis labels.
        s += "<rect x=\"\(n(fr.plotLeft))\" y=\"\(n(fr.plotTop))\" width=\"\(n(fr.plotRight - fr.plotLeft))\" height=\"\(n(fr.plotBottom - fr.plotTop))\" "
        s += "fill=\"none\" stroke=\"#333333\"/>\n<g font-size=\"11\" fill=\"#222222\">\n"
        for t in xa.ticks() {
            s += "<line x1=\"\(n(fr.px(t.value)))\" y1=\"\(n(fr.plotBottom))\" x2=\"\(n(fr.px(t.value)))\" y2=\"\(n(fr.plotBottom + 5))\" stroke=\"#333333\"/>\n"
            s += "<text x=\"\(n(fr.px(t.value)))\" y=\"\(n(fr.plotBottom + 17))\" text-anchor=\"middle\">\(t.label)</text>\n"
        }
        for t in ya.ticks() {
            s += "<line x1=\"\(n(fr.plotLeft - 5))\" y1=\"\(n(fr.py(t.value)))\" x2=\"\(n(fr.plotLeft))\" y2=\"\(n(fr.py(t.value)))\" stroke=\"#333333\"/>\n"
            s += "<text x=\"\(n(fr.plotLeft - 8))\" y=\"\(n(fr.py(t.value) + 4))\" text-anchor=\"end\">\(t.label)</text>\n"
        }
        s += "</g>\n"
        s += "<text x=\"\(n((fr.plotLeft + fr.plotRight) / 2))\" y=\"\(n(fr.y0 + fr.h - 12))\" text-anchor=\"middle\" font-size=\"12\">\(v.xLabel)</text>\n"
        let ly = (fr.plotTop + fr.plotBottom) / 2, lx = fr.x0 + 16
        s += "<text x=\"\(n(lx))\" y=\"\(n(ly))\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 \(n(lx)) \(n(ly)))\">\(v.yLabel)</text>\n"
        // Scale bar: a round length about a fifth of the width.
        let step = SVGAxis.niceStep((fr.xmax - fr.xmin) / 5)
        let bx = fr.plotRight - 12 - (fr.px(fr.xmin + step) - fr.plotLeft), by = fr.plotBottom - 12
        s += "<g class=\"scale-bar\"><line x1=\"\(n(bx))\" y1=\"\(n(by))\" x2=\"\(n(fr.plotRight - 12))\" y2=\"\(n(by))\" stroke=\"#000000\" stroke-width=\"3\"/>"
        s += "<text x=\"\(n((bx + fr.plotRight - 12) / 2))\" y=\"\(n(by - 6))\" text-anchor=\"middle\" font-size=\"11\" stroke=\"#ffffff\" "
        s += "stroke-width=\"3\" paint-order=\"stroke\">\(n(step)) m</text></g>\n"
        return s + "</g>\n"
    }

    /// The whole drawing: full side and top views on the first row, close-ups of the floating structure below.
    package static func render(_ g: DesignGeometry) -> String {
        let width = 1200.0, rowH = 520.0
        let header = 40 + 15 * Double(g.notes.count + 1)
        let height = header + 2 * rowH
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
        s += "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"\(SVGText.escape(g.designName)): geometry\">\n"
        s += "<title>\(SVGText.escape(g.designName)): geometry</title>\n"
        s += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
        let t = SVGPlot.fittedTitle("\(g.designName): geometry", available: width - 40, maxSize: 18)
        s += "<text x=\"\(n(width / 2))\" y=\"26\" text-anchor=\"middle\" font-size=\"\(n(t.size))\" font-weight=\"bold\">\(SVGText.escape(t.text))</text>\n"
        var y = 44.0
        let poseText = g.poses.enumerated().map { j, p in
            // Rounded first so that a tiny negative value does not print as "-0.00".
            let r = p.map { ($0 * 100).rounded() / 100 + 0 }
            return (g.poses.count > 1 ? "FOWT \(j + 1): " : "offset: ") + String(cFormat: "surge %.2f m, sway %.2f m, heave %.2f m, roll %.2f°, pitch %.2f°, yaw %.2f°", r[0], r[1], r[2], r[3], r[4], r[5])
        }
        for line in g.notes + [poseText.joined(separator: "; ")] {
            s += "<text class=\"note\" x=\"24\" y=\"\(n(y))\" font-size=\"11\" fill=\"#555555\">\(SVGText.escape(line))</text>\n"
            y += 15
        }
        // Full views: everything, seabed included.
        let all = g.solids.flatMap { $0.points } + g.lines.flatMap { $0.nodes }
        var side = box(all.map { View.side.project($0) })
        side.ymin = min(side.ymin, -g.waterDepth - 0.04 * (side.xmax - side.xmin))
        let top = box(all.map { View.top.project($0) })
        s += view(g, .side, Frame(x0: 0, y0: header, w: width / 2, h: rowH, box: side), title: "side view (from −y)", id: "side", closeUp: false)
        s += view(g, .top, Frame(x0: width / 2, y0: header, w: width / 2, h: rowH, box: top), title: "top view (from +z)", id: "top", closeUp: false)
        // Close-ups: the structure (and the lines within reach of it).
        let body = g.solids.flatMap { $0.points }
        let near = box(body.map { View.side.project($0) }, margin: 0.08)
        let nearTop = box(body.map { View.top.project($0) }, margin: 0.15)
        s += view(g, .side, Frame(x0: 0, y0: header + rowH, w: width / 2, h: rowH, box: near), title: "side view, floating structure", id: "side-near", closeUp: true)
        s += view(g, .top, Frame(x0: width / 2, y0: header + rowH, w: width / 2, h: rowH, box: nearTop), title: "top view, floating structure", id: "top-near", closeUp: true)
        return s + "</svg>\n"
    }
}
