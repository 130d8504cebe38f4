#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT

/// The "design answers" section of the validation report (issue 15): a design run over its scatter diagram with
/// per-case and lifetime damage-equivalent loads, and a tornado chart of local sensitivities.
///
/// The report uses `examples/VolturnUS-S-scatter.yaml` (VolturnUS-S over seven sea states with life fractions and
/// the DNV chain T–N curve). Sensitivities are central differences with the tight drag-linearisation tolerance of
/// `raft sensitivity --smooth`, without the 2h check (1 + 2·k runs).
package struct DesignAnswers: Sendable {
    /// The design file, as shown in the report.
    package var file: String
    /// The run with its fatigue channels and lifetime values.
    package var run: RunResult
    /// Local sensitivities of `metrics` to `parameters`.
    package var sensitivity: SensitivityResult

    /// YAML paths varied for the tornado chart, with the label the report gives them.
    package static let parameters: [(path: String, label: String)] = [
        ("platform.members[1].d", "outer-column diameter"),
        ("platform.members[2].rho_fill", "pontoon fill density"),
        ("mooring.lines[*].length", "mooring line length"),
        ("mooring.line_types[0].mass_density", "chain mass per metre"),
        ("turbine.mRNA", "RNA mass"),
    ]
    /// Metrics of the tornado chart.
    package static let metrics = ["Mbase_DEL_life_m4", "Tmoor_DEL_life_m3", "pitch_std"]

    /// `examples/VolturnUS-S-scatter.yaml` of the repository that holds `validationFolder`, nil if absent.
    package static func exampleDesign(besideValidationFolder validationFolder: String) -> String? {
        let repo = (validationFolder).pathDeletingLastComponent
        let path = (repo).pathAppending("examples/VolturnUS-S-scatter.yaml")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Run the design and its sensitivities (about 1 + 2·5 runs of seven cases).
    package static func compute(designPath: String) throws -> DesignAnswers {
        let design = try Design.load(path: designPath)
        let run = try runDesign(design)
        var options = Sensitivity.Options()
        options.checkConvergence = false
        let sensitivity = try Sensitivity.local(design: try design.withSmoothSolverSettings(),
                                                parameters: parameters.map { $0.path }, metrics: metrics, options: options)
        return DesignAnswers(file: (designPath).pathLastComponent, run: run, sensitivity: sensitivity)
    }

    /// The HTML section: scatter table with per-case DELs, lifetime row, chain damage, tornado chart.
    package func html() -> String {
        func e(_ s: String) -> String { SVGText.escape(s) }
        func f(_ x: Double?, _ scale: Double = 1, _ digits: Int = 3) -> String {
            guard let x else { return "-" }
            return String(cFormat: "%.\(digits)g", x / scale)
        }
        func input(_ c: CaseResult, _ key: String) -> String {
            guard let v = c.inputs.first(where: { $0.key == key })?.value else { return "-" }
            if case .number(let x) = v { return String(cFormat: "%g", x) }
            return "\(v)"
        }
        let probability = run.fatigueSettings?.caseProbability ?? []
        let life = Dictionary(run.lifetimeFatigue?.fowts.first?.map { ($0.key, $0.value.values) } ?? [], uniquingKeysWith: { a, _ in a })
        // The most loaded line end over the life (Tmoor_DEL_life_m3), reported per case.
        let tLife = life["Tmoor_DEL_life_m3"] ?? []
        let k = tLife.indices.max { tLife[$0] < tLife[$1] } ?? 0
        var h = "<h2 id=\"design-answers\">Design answers: \(e(run.designName)) over a scatter diagram</h2>\n"
        h += "<p class=\"note\">\(e(file)): per case the 1 Hz damage-equivalent load ranges over one hour (Dirlik), the most-probable "
        h += "maximum, and the most loaded line end over the life (Tmoor[\(k)]); the life row weights each case by its fraction of the "
        h += "life: DEL_life = (Σ p·DEL^m)^(1/m). RAFT's rotor excitation is off (as in RAFT 2.0.4): wave- and mean-wind-driven loads.</p>\n"
        h += "<table>\n<tr><th>case</th><th>wind [m/s]</th><th>Hs [m]</th><th>Tp [s]</th><th>life fraction</th>"
        h += "<th>Mbase DEL m=4 [MN·m]</th><th>Mbase mpm [MN·m]</th><th>Tmoor[\(k)] DEL m=3 [kN]</th><th>pitch std [deg]</th></tr>\n"
        for (i, c) in run.cases.enumerated() {
            let m = c.fowts[0].metrics
            h += "<tr><td>\(c.index)</td><td class=\"num\">\(e(input(c, "wind_speed")))</td><td class=\"num\">\(e(input(c, "wave_height")))</td>"
            h += "<td class=\"num\">\(e(input(c, "wave_period")))</td><td class=\"num\">\(f(i < probability.count ? probability[i] : nil))</td>"
            h += "<td class=\"num\">\(f(m["Mbase_DEL_m4"]?.values.first, 1e6))</td><td class=\"num\">\(f(m["Mbase_mpm"]?.values.first, 1e6))</td>"
            let t = m["Tmoor_DEL_m3"]?.values
            h += "<td class=\"num\">\(f(t.flatMap { k < $0.count ? $0[k] : nil }, 1e3))</td>"
            h += "<td class=\"num\">\(f(m["pitch_std"]?.values.first))</td></tr>\n"
        }
        h += "<tr><th>life</th><td></td><td></td><td></td><td class=\"num\">\(f(probability.reduce(0, +)))</td>"
        h += "<td class=\"num\">\(f(life["Mbase_DEL_life_m4"]?.first, 1e6))</td><td></td>"
        h += "<td class=\"num\">\(f(k < tLife.count ? tLife[k] : nil, 1e3))</td><td></td></tr>\n</table>\n"
        if let damage = life["Tmoor_damage_life"] {
            let years = run.fatigueSettings.map { String(cFormat: "%g", $0.designLifeYears) } ?? "?"
            h += "<p class=\"note\">Lifetime chain damage (Miner sum, DNV studless-chain T–N curve, \(e(years)) years), per line end in Tmoor order: "
            h += e(damage.map { String(cFormat: "%.3g", $0) }.joined(separator: ", ")) + "</p>\n"
        }
        let labels = Dictionary(uniqueKeysWithValues: DesignAnswers.parameters.map { ($0.path, $0.label) })
        var labelled = sensitivity
        labelled.parameters = sensitivity.parameters.map { p in labels[p].map { "\($0) (\(p))" } ?? p }
        h += "<p class=\"note\">Elasticities (p0/M0)·dM/dp by central differences (relative step 1e-3, drag-linearisation "
        h += "tolerance 1e-6, \(sensitivity.runs) runs): a bar of 1 means a 1 % change of the parameter changes the metric by 1 %.</p>\n"
        h += "<div class=\"plots\">" + TornadoChart.svg(labelled) + "</div>\n"
        return h
    }
}
