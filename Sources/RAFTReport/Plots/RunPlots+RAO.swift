#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import RAFTIO

extension RunPlots {
    /// RAO figure of FOWT j from `case<i>_fowt<j>_rao.csv` tables (columns `<dof>_RAO_mag`, `<dof>_RAO_phase_deg`):
    /// per DOF with a non-zero response, a |RAO| panel and a phase panel; nil when no case has a RAO table.
    package static func raoFigure(design: String, source: String, stem: String, cases: [RunFolder.Case], tables: [SpectraTable?],
                                 naturalFrequenciesHz: [Double]?, unit: SpectraChannels.FrequencyUnit = .hertz) -> Figure? {
        let present = zip(cases, tables).enumerated().compactMap { k, ct in ct.1.map { (k, ct.0, $0) } }
        guard !present.isEmpty else { return nil }
        let allX = present.flatMap { $0.2.column("freq_Hz") ?? [] }.map { $0 * unit.frequencyFactor }
        let xr = SVGAxis.range(allX, scale: .linear, decades: 8)
        let markers = naturalFrequencyMarkers(naturalFrequenciesHz, unit: unit)
        var panels: [SVGPlot] = []
        var zero: [String] = [], missing: [String] = []
        // Frequencies where every DOF's RAO is exactly 0: no wave energy there, the RAO is undefined (a gap, not 0).
        let undefined: [[Bool]] = present.map { _, _, t in
            let mags = dofNames.compactMap { t.column("\($0)_RAO_mag") }
            return (0..<(t.column("freq_Hz")?.count ?? 0)).map { i in !mags.isEmpty && mags.allSatisfy { $0[i] == 0 } }
        }
        for (d, dof) in dofNames.enumerated() {
            var mags: [(k: Int, x: [Double], mag: [Double], phase: [Double])] = []
            for (p, (k, _, t)) in present.enumerated() {
                guard let hz = t.column("freq_Hz"), let m = t.column("\(dof)_RAO_mag"), let ph = t.column("\(dof)_RAO_phase_deg") else { continue }
                let gap = undefined[p]
                mags.append((k, hz.map { $0 * unit.frequencyFactor }, m.indices.map { gap[$0] ? .nan : m[$0] },
                             ph.indices.map { gap[$0] ? .nan : ph[$0] }))
            }
            if mags.isEmpty { missing.append(dof); continue }
            let top = mags.flatMap { $0.mag }.filter { $0.isFinite }.max() ?? 0
            if top <= 0 { zero.append(dof); continue }
            let u = d < 3 ? "m/m" : "deg/m"
            var pm = panel(title: "\(dof): |RAO|", yLabel: "|RAO| [\(u)]", channel: "\(dof)_RAO_mag", xRange: xr, unit: unit,
                           markers: markers, id: "\(stem)-\(dof)-mag")
            pm.yFromZero = true
            var pp = panel(title: "\(dof): RAO phase (relative to the wave elevation at the origin)", yLabel: "phase [deg]",
                           channel: "\(dof)_RAO_phase_deg", xRange: xr, unit: unit, markers: markers, id: "\(stem)-\(dof)-phase")
            pp.height = 170
            pp.yRange = (-180, 180)
            for (k, x, m, ph) in mags {
                pm.series.append(.init(name: "case \(cases[k].index)", x: x, y: m, color: color(k)))
                // The phase of a response at the noise level is meaningless: a gap where |RAO| < 0.1 % of the peak.
                let shown = zip(m, ph).map { abs($0) >= 1e-3 * top ? $1 : .nan }
                let wrapped = breakingWraps(x, shown)
                pp.series.append(.init(name: "case \(cases[k].index)", x: wrapped.x, y: wrapped.y, color: color(k)))
            }
            panels.append(pm)
            panels.append(pp)
        }
        guard !panels.isEmpty else { return nil }
        finish(&panels, unit: unit)
        var notes = ["response amplitude operators per metre of wave amplitude (first wave component; linearised at each case's drag); "
                     + "gaps where the wave spectrum is zero (RAO undefined) and, for the phase, where |RAO| < 0.1 % of its peak"]
        if !markers.isEmpty, let n = naturalFrequencyNote(naturalFrequenciesHz) { notes.append(n) }
        if !zero.isEmpty { notes.append("zero in every case, not drawn: " + zero.joined(separator: ", ")) }
        if !missing.isEmpty { notes.append("not in the RAO files: " + missing.joined(separator: ", ")) }
        let title = "\(design), \(source): response amplitude operators"
        let legend = present.map { k, c, _ in SVGFigure.LegendEntry(name: c.label, color: color(k)) }
        return Figure(fileName: "\(stem)_rao.svg", title: title,
                      svg: SVGFigure(title: title, legend: legend, notes: notes, panels: panels, width: figureWidth).render())
    }

    /// A phase curve with a gap (NaN point) wherever it wraps between ±180° (a jump of more than 180°), so that no
    /// vertical line is drawn across the panel.
    static func breakingWraps(_ x: [Double], _ y: [Double]) -> (x: [Double], y: [Double]) {
        var ox: [Double] = [], oy: [Double] = []
        for i in x.indices {
            if i > 0, y[i].isFinite, y[i - 1].isFinite, abs(y[i] - y[i - 1]) > 180 {
                ox.append(0.5 * (x[i] + x[i - 1])); oy.append(.nan)
            }
            ox.append(x[i]); oy.append(y[i])
        }
        return (ox, oy)
    }
}
