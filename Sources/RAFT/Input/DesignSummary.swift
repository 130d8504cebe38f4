/// A short human summary of a design, as printed by `raft check`.
package struct DesignSummary {
    package let text: String

    package init(_ d: Design) {
        var lines: [String] = []
        lines.append("\(d.file)\(d.name.map { " (\($0))" } ?? ""): valid")
        lines.append("  FOWTs:         \(d.fowts.count)\(d.isArray ? " (array)" : "")")
        let members = d.platforms.map { $0.memberCount }.reduce(0, +)
        lines.append("  platforms:     \(d.platforms.count), \(members) member definition\(members == 1 ? "" : "s")")
        let rotors = d.turbines.map { $0.rotorCount }.reduce(0, +)
        lines.append("  turbines:      \(d.turbines.count), \(rotors) rotor\(rotors == 1 ? "" : "s")")
        let lines_ = d.moorings.map { $0.lineCount }.reduce(0, +)
        var moor = "  mooring lines: \(lines_)"
        if let am = d.arrayMooring { moor += " + shared mooring file \(am.file)" }
        lines.append(moor)
        let grid = FrequencyGrid(settings: d.settings)
        lines.append("  frequencies:   \(grid.count) from \(d.settings.minFreqHz) to \(grid.hz.last ?? 0) Hz (step \(d.settings.minFreqHz) Hz)")
        lines.append("  water depth:   \(d.site.waterDepth) m")
        if let c = d.cases {
            lines.append("  cases:         \(c.cases.count)")
            for lc in c.cases {
                let w = lc.waves[0]
                var s = "    [\(lc.index)] wind \(lc.windSpeed) m/s, \(lc.turbineStatus), \(w.spectrum.rawValue)"
                if w.spectrum == .jonswap { s += " Hs \(w.heightM) m Tp \(w.periodS) s" }
                s += " heading \(w.headingDeg) deg"
                if lc.waves.count > 1 { s += " (+\(lc.waves.count - 1) more wave trains)" }
                lines.append(s)
            }
        } else {
            lines.append("  cases:         none")
        }
        if !d.diagnostics.warnings.isEmpty { lines.append("  warnings:      \(d.diagnostics.warnings.count)") }
        text = lines.joined(separator: "\n")
    }
}
