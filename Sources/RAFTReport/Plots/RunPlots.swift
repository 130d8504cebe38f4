#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import RAFTIO

/// `raft plot`: SVG figures of a `raft run` output folder. One figure per FOWT and channel group, one panel per
/// channel, every case of the run overlaid in each panel (as RAFT's `plotResponses`), a legend naming each case's
/// sea state and wind, dotted lines at the unloaded natural frequencies; RAO magnitude and phase when the run
/// wrote `case<i>_fowt<j>_rao.csv`; `plots/index.html` shows them all.
package enum RunPlots {
    /// Height of one panel and of the bottom panel (which carries the x-axis label) [px].
    static let panelHeight = 210.0, bottomPanelHeight = 232.0
    static let figureWidth = 900.0
    static let dofNames = ["surge", "sway", "heave", "roll", "pitch", "yaw"]

    /// One written figure.
    package struct Figure: Sendable {
        package var fileName: String
        package var title: String
        package var svg: String
        /// Set when every channel of the figure is zero: the figure is not written, this note says why.
        package var emptyNote: String?
    }

    /// Natural-frequency markers in the plot's frequency unit: DOFs closer than 3 % share one line ("roll/pitch").
    static func naturalFrequencyMarkers(_ fn: [Double]?, unit: SpectraChannels.FrequencyUnit) -> [SVGPlot.Marker] {
        guard let fn else { return [] }
        var groups: [(f: Double, dofs: [Int])] = []
        for (k, f) in fn.enumerated().sorted(by: { $0.element < $1.element }) where f.isFinite && f > 0 {
            if let last = groups.last, abs(f - last.f) <= 0.03 * last.f { groups[groups.count - 1].dofs.append(k) } else { groups.append((f, [k])) }
        }
        // Names in DOF order within a group ("surge/sway" even when sway is the lower of the two).
        return groups.map { g in
            SVGPlot.Marker(x: g.f * unit.frequencyFactor, label: g.dofs.sorted().map { $0 < 6 ? dofNames[$0] : "mode \($0 + 1)" }.joined(separator: "/"))
        }
    }

    /// The note listing the natural frequencies, e.g. "dotted lines: natural frequencies …: surge 0.00797 Hz (125.5 s), …".
    static func naturalFrequencyNote(_ fn: [Double]?) -> String? {
        guard let fn, !fn.isEmpty else { return nil }
        let items = fn.enumerated().map { k, f in
            "\(k < 6 ? dofNames[k] : "mode \(k + 1)") \(String(cFormat: "%.4g", f)) Hz (\(String(cFormat: "%.1f", 1 / f)) s)"
        }
        return "dotted lines: natural frequencies at the unloaded equilibrium: " + items.joined(separator: ", ")
    }

    /// Case colours: the Okabe–Ito palette in case order (the same colour for a case in every panel and figure).
    static func color(_ k: Int) -> String { SVGPlot.palette[k % SVGPlot.palette.count] }

    /// A panel with the figure's common settings.
    static func panel(title: String, yLabel: String, channel: String, xRange: (low: Double, high: Double),
                      unit: SpectraChannels.FrequencyUnit, markers: [SVGPlot.Marker], id: String) -> SVGPlot {
        var p = SVGPlot(title: title, xLabel: "", yLabel: yLabel, id: id)
        p.width = figureWidth
        p.height = panelHeight
        p.xRange = xRange
        p.showLegend = false
        p.markers = markers
        p.channel = channel
        return p
    }

    /// Give the last panel the x-axis label; the others keep their tick labels only.
    static func finish(_ panels: inout [SVGPlot], unit: SpectraChannels.FrequencyUnit) {
        guard !panels.isEmpty else { return }
        panels[panels.count - 1].xLabel = unit.axisLabel
        panels[panels.count - 1].height = bottomPanelHeight
    }

    /// PSD figures of one source (FOWT j or the array mooring): per group, one panel per non-zero channel.
    /// - Parameter tables: per case (in run order) its spectra table, nil when the case has none.
    package static func psdFigures(design: String, source: String, stem: String, cases: [RunFolder.Case], tables: [SpectraTable?],
                                  naturalFrequenciesHz: [Double]?, unit: SpectraChannels.FrequencyUnit = .hertz,
                                  sharedLines: Bool = false) -> [Figure] {
        let present = zip(cases, tables).enumerated().compactMap { k, ct in ct.1.map { (k, ct.0, $0) } }
        guard !present.isEmpty else { return [] }
        var columns: [String] = []
        for (_, _, t) in present { for h in t.header where h.hasSuffix("_PSD") && !columns.contains(h) { columns.append(h) } }
        let lineCount = { () -> Int? in
            let n = columns.filter { $0.hasPrefix("Tmoor") && $0.hasSuffix("_PSD") && !$0.contains("_r") }.count
            return n > 0 && n % 2 == 0 ? n / 2 : nil
        }()
        let allX = present.flatMap { $0.2.column("freq_Hz") ?? [] }.map { $0 * unit.frequencyFactor }
        let xr = SVGAxis.range(allX, scale: .linear, decades: 8)
        let markers = naturalFrequencyMarkers(naturalFrequenciesHz, unit: unit)
        let legend = present.map { k, c, _ in SVGFigure.LegendEntry(name: c.label, color: color(k)) }

        var figures: [Figure] = []
        for g in SpectraChannels.Group.allCases {
            let cols = columns.filter { SpectraChannels.group(ofColumn: $0) == g }
            guard !cols.isEmpty else { continue }
            var panels: [SVGPlot] = []
            var zero: [String] = []
            for col in cols {
                let name = SpectraChannels.displayName(col, lineCount: lineCount, sharedLines: sharedLines)
                let psdUnit = SpectraChannels.psdUnit(col, unit)
                var curves: [(k: Int, x: [Double], y: [Double])] = []
                for (k, _, t) in present {
                    guard let hz = t.column("freq_Hz"), let y = t.column(col) else { continue }
                    curves.append((k, hz.map { $0 * unit.frequencyFactor }, y.map { $0 * unit.densityFactor }))
                }
                if curves.allSatisfy({ $0.y.allSatisfy { $0 == 0 || !$0.isFinite } }) {
                    zero.append(SpectraChannels.channel(col))
                    continue
                }
                var p = panel(title: name, yLabel: "PSD [\(psdUnit)]", channel: SpectraChannels.channel(col), xRange: xr, unit: unit,
                              markers: markers, id: "\(stem)-\(SpectraChannels.channel(col))")
                p.yScale = SVGPlot.autoScale(curves.map { $0.y })
                p.logDecades = 4
                p.yFromZero = true
                for (k, x, y) in curves { p.series.append(.init(name: "case \(cases[k].index)", x: x, y: y, color: color(k))) }
                panels.append(p)
            }
            // Panels of one unit share the y scale (log when any of them needs it), so that e.g. the tensions of
            // different lines read alike; on a log axis, curves entirely below the floor are named in a note.
            for unitName in Set(panels.map({ $0.yLabel })) {
                let same = panels.indices.filter { panels[$0].yLabel == unitName }
                guard same.contains(where: { panels[$0].yScale == .log }) else { continue }
                for i in same {
                    panels[i].yScale = .log
                    let floor = SVGAxis.range(panels[i].series.flatMap { $0.y }, scale: .log, decades: panels[i].logDecades).low
                    let hidden = panels[i].series.filter { s in s.y.allSatisfy { !$0.isFinite || $0 < floor } }.map { $0.name }
                    if !hidden.isEmpty {
                        panels[i].note = "below the axis floor (\(SVGText.powerOfTen(Int(log10(floor).rounded())))): \(hidden.joined(separator: ", "))"
                    }
                }
            }
            guard !panels.isEmpty else {
                figures.append(Figure(fileName: "\(stem)_\(g.rawValue).svg", title: "\(design), \(source): \(g.title)", svg: "",
                                      emptyNote: "\(source) \(g.title): zero in every case (\(zero.joined(separator: ", "))), no figure"))
                continue
            }
            finish(&panels, unit: unit)
            var notes: [String] = []
            notes.append("one-sided power spectral densities per \(unit == .hertz ? "Hz (RAFT's per-rad/s values × 2π)" : "rad/s, as RAFT computes them")"
                         + "; log y-axis where the peaks differ by more than 30×, floor 4 decades below the highest")
            if !markers.isEmpty, let n = naturalFrequencyNote(naturalFrequenciesHz) { notes.append(n) }
            if !zero.isEmpty { notes.append("zero in every case, not drawn: " + zero.joined(separator: ", ")) }
            if g == .tensions, lineCount != nil, !sharedLines {
                notes.append("Tmoor[k]: RAFT's order, ends A of all lines then ends B; end A is taken as the anchor, end B as the fairlead")
            }
            let title = "\(design), \(source): \(g.title)"
            figures.append(Figure(fileName: "\(stem)_\(g.rawValue).svg", title: title,
                                  svg: SVGFigure(title: title, legend: legend, notes: notes, panels: panels, width: figureWidth).render()))
        }
        return figures
    }

    /// Every figure of a run folder (PSDs per FOWT and of the array mooring; RAOs where the run wrote them).
    package static func figures(_ run: RunFolder, unit: SpectraChannels.FrequencyUnit = .hertz) throws -> [Figure] {
        let fowtCount = run.cases.map { $0.spectraFiles.count }.max() ?? 0
        var out: [Figure] = []
        for j in 0..<fowtCount {
            let tables = try run.cases.map { c in j < c.spectraFiles.count ? try run.table(c.spectraFiles[j]) : nil }
            let source = fowtCount > 1 ? "FOWT \(j + 1)" : "FOWT"
            out += psdFigures(design: run.design, source: source, stem: "fowt\(j)", cases: run.cases, tables: tables,
                              naturalFrequenciesHz: fowtCount == 1 ? run.naturalFrequenciesHz : nil, unit: unit)
            let raos = try run.cases.map { c in
                try run.table(j < c.raoFiles.count ? c.raoFiles[j] ?? "case\(c.index)_fowt\(j)_rao.csv" : "case\(c.index)_fowt\(j)_rao.csv", optional: true)
            }
            if let f = raoFigure(design: run.design, source: source, stem: "fowt\(j)", cases: run.cases, tables: raos,
                                 naturalFrequenciesHz: fowtCount == 1 ? run.naturalFrequenciesHz : nil, unit: unit) {
                out.append(f)
            }
        }
        if run.cases.contains(where: { $0.arrayMooringFile != nil }) {
            let tables = try run.cases.map { c in try c.arrayMooringFile.map { try run.table($0) } ?? nil }
            out += psdFigures(design: run.design, source: "shared mooring lines", stem: "array_mooring", cases: run.cases,
                              tables: tables, naturalFrequenciesHz: nil, unit: unit, sharedLines: true)
        }
        return out
    }

    /// `plots/index.html`: every figure of the folder on one page.
    static func indexHTML(design: String, figures: [Figure]) -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>\(SVGText.escape(design)): raft plot</title>\n"
        h += "<style>body { font-family: Helvetica, Arial, sans-serif; margin: 16px 24px; color: #222; } "
        h += "img { display: block; margin: 8px 0 28px 0; border: 1px solid #ddd; max-width: 100%; }</style>\n</head>\n<body>\n"
        h += "<h1>\(SVGText.escape(design))</h1>\n"
        let empty = figures.compactMap { $0.emptyNote }
        if !empty.isEmpty { h += "<p>Not drawn: " + empty.map(SVGText.escape).joined(separator: "; ") + ".</p>\n" }
        for f in figures where f.emptyNote == nil { h += "<img src=\"\(SVGText.escape(f.fileName))\" alt=\"\(SVGText.escape(f.title))\"/>\n" }
        return h + "</body>\n</html>\n"
    }

    /// Write the figures into `<folder>/plots/` (each file atomically) plus `plots/index.html`; earlier `raft plot`
    /// SVGs there that this run does not produce are removed. `path` is the run folder or its summary.json.
    /// - Returns: the paths written.
    @discardableResult
    package static func write(runDirectory path: String, unit: SpectraChannels.FrequencyUnit = .hertz,
                             notes: ((String) -> Void)? = nil) throws -> [String] {
        let run = try RunFolder.load(path)
        let figures = try figures(run, unit: unit)
        let plotsDir = (run.directory).pathAppending("plots")
        var written: [String] = []
        for f in figures {
            if let note = f.emptyNote { notes?(note); continue }
            let out = (plotsDir).pathAppending(f.fileName)
            try AtomicFile.write(f.svg, to: out)
            written.append(out)
        }
        if !figures.isEmpty {
            let index = (plotsDir).pathAppending("index.html")
            try AtomicFile.write(indexHTML(design: run.design, figures: figures), to: index)
            written.append(index)
            let keep = Set(figures.filter { $0.emptyNote == nil }.map { $0.fileName })
            for name in (try? FileManager.default.contentsOfDirectory(atPath: plotsDir)) ?? []
            where name.hasSuffix(".svg") && !keep.contains(name) && (name.hasPrefix("case") || name.hasPrefix("fowt") || name.hasPrefix("array_mooring")) {
                try? FileManager.default.removeItem(atPath: (plotsDir).pathAppending(name))
            }
        }
        return written
    }
}
