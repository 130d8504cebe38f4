#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import RAFTIO

/// `report.html`: one self-contained XHTML-compatible file (inline SVG, inline CSS, no scripts or links)
/// with the summary table, natural frequencies side by side, and per case the quantity table and one plot
/// of computed vs reference values per spectrum / transfer-function channel.
package enum ValidationReportHTML {
    static let dofNames = ["surge", "sway", "heave", "roll", "pitch", "yaw"]

    /// Plots of one case: one per quantity that carries a computed curve (PSD channel or transfer function).
    package static func plots(_ o: CaseOutcome, caseNumber: Int) -> [(quantity: String, svg: String)] {
        var out: [(String, String)] = []
        for (k, q) in o.quantities.enumerated() {
            guard let curve = q.curve else { continue }
            let key = q.quantity.key
            let channel = plotChannel(key)
            let isPSD = key.hasSuffix("_PSD")
            let positive = curve.values.allSatisfy { !$0.isFinite || $0 >= 0 } && q.quantity.expected.allSatisfy { $0 >= 0 }
            let yLabel = isPSD ? "PSD [\(SpectraChannels.psdUnit(channel, .hertz))]" : oscillatorLabel(key)
            // PSDs per Hz (RAFT's per-rad/s values × 2π), as `raft plot` draws them.
            let factor = isPSD ? 2 * Double.pi : 1
            var plot = SVGPlot(title: "\(o.validationCase.name): \(q.quantity.name)", xLabel: "frequency [Hz]", yLabel: yLabel,
                               yScale: positive ? .log : .linear, id: "case\(caseNumber)-q\(k)")
            plot.width = 640
            plot.height = 360
            if isPSD { plot.yScale = SVGPlot.autoScale([curve.values]); plot.logDecades = 4; plot.yFromZero = true }
            if let count = q.expectedHz?.count { plot.note = "\(count) compared point\(count == 1 ? "" : "s") (markers) of \(curve.hz.count)" }
            plot.series.append(.init(name: "swift-raft (computed)", x: curve.hz, y: curve.values.map { $0 * factor }, style: .line, color: "#0072B2"))
            let refName = o.validationCase.reference == "raft-2.0.4" ? "RAFT 2.0.4 (reference)" : "expected (\(o.validationCase.reference))"
            plot.series.append(.init(name: refName, x: q.expectedHz ?? curve.hz, y: q.quantity.expected.map { $0 * factor }, style: .markers, color: "#D55E00"))
            out.append((q.quantity.name, plot.render()))
        }
        return out
    }

    /// "case[0].surge_PSD" → "surge_PSD".
    static func plotChannel(_ key: String) -> String { String(key.split(separator: ".").last ?? Substring(key)) }

    static func oscillatorLabel(_ key: String) -> String {
        if key.hasPrefix("A[") { return "added mass A/ρ (nondimensional as in the case)" }
        if key.hasPrefix("B[") { return "damping B/(ρω) (nondimensional as in the case)" }
        if key.hasPrefix("X_abs[") { return "|X|/(ρg) (nondimensional as in the case)" }
        switch key {
        case "H_phase_deg": return "phase of X/F [deg]"
        default: return "X/F [m/N]"
        }
    }

    static func e(_ s: String) -> String { SVGText.escape(s) }

    static func fmt(_ x: Double) -> String {
        if x == 0 { return "0" }
        if x.isNaN { return "NaN" }
        return String(cFormat: "%.6g", x)
    }

    static func fmtList(_ xs: [Double]?, limit: Int = 3) -> String {
        guard let xs else { return "-" }
        let shown = xs.prefix(limit).map(fmt).joined(separator: ", ")
        return xs.count > limit ? "\(shown), … (\(xs.count) values)" : shown
    }

    static func statusClass(_ s: CaseOutcome.Status) -> String { s == .passed ? "pass" : s == .disabled ? "off" : "fail" }

    /// Class and word of a case: a passed case with loose quantities is amber ("PASSED, 1 loose").
    static func caseStatus(_ o: CaseOutcome) -> (cls: String, word: String) {
        let loose = o.quantities.filter(ValidationReportText.isLoose).count
        if o.status == .passed && loose > 0 { return ("loose", "PASSED, \(loose) loose") }
        return (statusClass(o.status), ValidationReportText.caseStatusWord(o.status))
    }

    /// The whole document.
    package static func render(_ outcomes: [CaseOutcome], generated: Date = Date(), designAnswers: DesignAnswers? = nil) -> String {
        let summary = ValidationReportText.Summary(outcomes)
        var h = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
        h += "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"UTF-8\"/>\n"
        h += "<title>swift-raft validation report</title>\n<style>\n"
        h += """
        body { font-family: Helvetica, Arial, sans-serif; margin: 24px 32px; color: #222; max-width: 1400px; }
        h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 36px; border-bottom: 1px solid #ccc; }
        table { border-collapse: collapse; margin: 8px 0 16px 0; font-size: 13px; }
        th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
        th { background: #f2f2f2; } td.num { text-align: right; font-family: Menlo, Consolas, monospace; white-space: nowrap; }
        td.list { text-align: right; font-family: Menlo, Consolas, monospace; max-width: 260px; }
        .pass { color: #0a7a2f; font-weight: bold; } .loose { color: #b36b00; font-weight: bold; } .fail { color: #b00020; font-weight: bold; } .off { color: #777; }
        .note { color: #555; font-size: 12px; } .plots { display: flex; flex-wrap: wrap; gap: 12px; }
        .plots svg { border: 1px solid #ddd; }

        """
        h += "</style>\n</head>\n<body>\n"
        h += "<h1>swift-raft validation report</h1>\n"
        h += "<p>swift-raft \(e(raftVersion)), generated \(e(generated.formatted(.iso8601))). "
        let loose = outcomes.flatMap { $0.quantities }.filter(ValidationReportText.isLoose).count
        h += "Result: <span class=\"\(summary.allPassed ? "pass" : "fail")\">\(e(summary.line))</span>"
        if loose > 0 { h += ", <span class=\"loose\">\(loose) loose</span>" }
        h += ". "
        h += "A quantity passes when every compared value satisfies |computed − expected| ≤ atol + rtol·|expected|; "
        h += "pending cases (model function not wired yet) and cases that could not run count as not passed. "
        h += "<span class=\"loose\">Amber</span>: passed, but only within a wide band (tolerance ≥ \(Int(ValidationReportText.looseTolerance * 100)) % "
        h += "or error ≥ \(Int(ValidationReportText.looseError * 100)) %), typically a comparison with published figures from other codes.</p>\n"

        // Summary table.
        h += "<h2>Cases</h2>\n<table>\n<tr><th>case</th><th>title</th><th>reference</th><th>status</th>"
        h += "<th>quantities passed</th><th>worst relative error</th><th>PSD points compared</th><th>time [s]</th></tr>\n"
        for o in outcomes {
            let worst = o.quantities.compactMap { $0.worstRelativeError }.max()
            h += "<tr><td><a href=\"#\(SVGText.id(o.validationCase.name))\">\(e(o.validationCase.name))</a></td>"
            h += "<td>\(e(o.validationCase.title))</td><td>\(e(o.validationCase.reference))</td>"
            let st = caseStatus(o)
            h += "<td class=\"\(st.cls)\">\(e(st.word))</td>"
            h += "<td class=\"num\">\(o.quantities.filter { $0.passed }.count)/\(o.validationCase.quantities.count)</td>"
            let psd = ValidationReportText.psdPoints(o)
            let psdCell = psd.spectra == 0 ? "-" : "\(psd.points) (\(psd.spectra) spectra\(psd.gridSize.map { ", grid of \($0)" } ?? ""))"
            h += "<td class=\"num\">\(e(ValidationReportText.sci(worst)))</td><td class=\"num\">\(e(psdCell))</td>"
            h += "<td class=\"num\">\(String(cFormat: "%.2f", o.seconds))</td></tr>\n"
        }
        h += "</table>\n"
        h += naturalFrequencies(outcomes)

        for (n, o) in outcomes.enumerated() { h += caseSection(o, number: n) }
        if let designAnswers { h += designAnswers.html() }
        h += "</body>\n</html>\n"
        return h
    }

    /// Natural frequencies per design: computed, RAFT 2.0.4 and published side by side.
    static func naturalFrequencies(_ outcomes: [CaseOutcome]) -> String {
        struct Row { var computed: Double?; var raft: Double?; var published: Double? }
        var designs: [String] = []
        var table: [String: [Int: Row]] = [:]
        for o in outcomes {
            guard let d = o.validationCase.designPath, o.validationCase.kind == .design else { continue }
            for q in o.quantities {
                guard let key = try? QuantityKey(q.quantity.key), key.segments.count == 2, key.segments[0].name == "unloaded",
                      key.segments[1].name == "fn_Hz" else { continue }
                let dofs: [Int] = key.segments[1].selectors.first.map { [$0] } ?? q.quantity.indices ?? Array(0..<q.quantity.expected.count)
                if table[d] == nil { designs.append(d); table[d] = [:] }
                for (i, dof) in dofs.enumerated() where i < q.quantity.expected.count {
                    var row = table[d]?[dof] ?? Row()
                    if let c = q.computed, i < c.count { row.computed = c[i] }
                    if o.validationCase.reference == "published" { row.published = q.quantity.expected[i] } else { row.raft = q.quantity.expected[i] }
                    table[d]?[dof] = row
                }
            }
        }
        guard !designs.isEmpty else { return "" }
        var h = "<h2>Natural frequencies (unloaded eigen analysis)</h2>\n"
        h += "<p class=\"note\">Hz; period = 1/f. Published values are the references' own (rounded) figures; see each case for its tolerance.</p>\n"
        for d in designs {
            h += "<h3>\(e((d).pathLastComponent))</h3>\n<table>\n<tr><th>DOF</th><th>swift-raft</th><th>RAFT 2.0.4</th>"
            h += "<th>published</th><th>swift-raft period [s]</th></tr>\n"
            for dof in (table[d] ?? [:]).keys.sorted() {
                guard let r = table[d]?[dof] else { continue }
                let name = dof < 6 ? dofNames[dof] : "DOF \(dof)"
                h += "<tr><td>\(name)</td><td class=\"num\">\(r.computed.map(fmt) ?? "not run")</td>"
                // A published figure more than 5 % away from the computed one is amber (the case's tolerance may be wide).
                let far = r.published.flatMap { p in r.computed.map { abs($0 - p) > ValidationReportText.looseError * abs(p) } } ?? false
                h += "<td class=\"num\">\(r.raft.map(fmt) ?? "-")</td><td class=\"num\(far ? " loose" : "")\">\(r.published.map(fmt) ?? "-")</td>"
                h += "<td class=\"num\">\(r.computed.map { fmt(1 / $0) } ?? "-")</td></tr>\n"
            }
            h += "</table>\n"
        }
        return h
    }

    static func caseSection(_ o: CaseOutcome, number: Int) -> String {
        let c = o.validationCase
        var h = "<h2 id=\"\(SVGText.id(c.name))\">\(e(c.name)): \(e(c.title))</h2>\n"
        let st = caseStatus(o)
        h += "<p>Status: <span class=\"\(st.cls)\">\(e(st.word))</span>"
        if let m = o.message { h += " — \(e(m))" }
        h += "</p>\n"
        if !c.description.isEmpty { h += "<p class=\"note\">\(e(c.description))</p>\n" }
        if let d = c.designPath { h += "<p class=\"note\">Design: \(e(d))</p>\n" }
        if o.status != .disabled, let p = ValidationReportText.psdPointsText(o) { h += "<p class=\"note\">Compares \(e(p)).</p>\n" }
        guard o.status != .disabled else { return h }
        h += "<table>\n<tr><th>quantity</th><th>key</th><th>expected</th><th>computed</th><th>worst rel. error</th>"
        h += "<th>rtol</th><th>atol</th><th>result</th><th>source</th><th>note</th></tr>\n"
        for q in o.quantities {
            let (word, cls): (String, String)
            switch q.status {
            case .passed where ValidationReportText.isLoose(q):
                (word, cls) = ("pass, loose (tolerance \(String(cFormat: "%.0f", q.quantity.rtol * 100)) %)", "loose")
            case .passed: (word, cls) = ("pass", "pass")
            case .failed: (word, cls) = ("FAIL (\(q.violations) of \(q.quantity.expected.count))", "fail")
            case .pending(let m): (word, cls) = ("PENDING: \(m)", "fail")
            case .error(let m): (word, cls) = ("ERROR: \(m)", "fail")
            }
            h += "<tr><td>\(e(q.quantity.name))</td><td><code>\(e(q.quantity.key))</code></td>"
            h += "<td class=\"list\">\(e(fmtList(q.quantity.expected)))</td><td class=\"list\">\(e(fmtList(q.computed)))</td>"
            h += "<td class=\"num\">\(e(ValidationReportText.sci(q.worstRelativeError)))</td>"
            h += "<td class=\"num\">\(e(ValidationReportText.sci(q.quantity.rtol)))</td><td class=\"num\">\(e(ValidationReportText.sci(q.quantity.atol)))</td>"
            h += "<td class=\"\(cls)\">\(e(word))</td><td class=\"note\">\(e(q.quantity.source))</td>"
            h += "<td class=\"note\">\(e(q.quantity.note ?? ""))</td></tr>\n"
        }
        h += "</table>\n"
        let plots = plots(o, caseNumber: number)
        if !plots.isEmpty {
            h += "<div class=\"plots\">\n"
            for p in plots { h += p.svg }
            h += "</div>\n"
        }
        return h
    }
}
