import Foundation
import RAFT
import RAFTIO

/// Channel groups and units of the spectra columns `raft run` writes (RAFT's `case_metrics` `_PSD` names).
public enum SpectraChannels {
    /// Plot groups, in the order they are written.
    public enum Group: String, CaseIterable, Sendable {
        /// Platform motions and the wave elevation.
        case motions
        /// Mooring line-end tensions.
        case tensions
        /// Rotor speed, generator torque, blade pitch, wind.
        case rotor
        /// Hub-node accelerations and tower-base loads.
        case tower

        public var title: String {
            switch self {
            case .motions: return "platform motions"
            case .tensions: return "mooring tensions"
            case .rotor: return "rotor"
            case .tower: return "RNA acceleration and tower base"
            }
        }
    }

    /// Channel name without `_PSD` ("surge", "Tmoor3", "AxRNA").
    public static func channel(_ column: String) -> String {
        column.hasSuffix("_PSD") ? String(column.dropLast(4)) : column
    }

    /// Group of a PSD column, nil for non-PSD columns (`freq_Hz`, `omega_rad_s`).
    public static func group(ofColumn column: String) -> Group? {
        guard column.hasSuffix("_PSD") else { return nil }
        let c = channel(column)
        if ["surge", "sway", "heave", "roll", "pitch", "yaw", "wave"].contains(c) { return .motions }
        if c.hasPrefix("Tmoor") || c.hasPrefix("T_") || c.hasPrefix("Tline") { return .tensions }
        if ["omega", "torque", "bPitch", "power", "wind"].contains(where: { c.hasPrefix($0) }) { return .rotor }
        return .tower
    }

    /// Unit of the channel's signal (RAFT's output units: summary.json `units`).
    public static func signalUnit(_ column: String) -> String {
        let c = channel(column)
        if ["surge", "sway", "heave", "wave"].contains(c) { return "m" }
        if ["roll", "pitch", "yaw"].contains(c) || c.hasPrefix("bPitch") { return "deg" }
        if c.hasPrefix("Tmoor") || c.hasPrefix("Fbase") { return "N" }
        if c.hasPrefix("A") && c.contains("RNA") { return "m/s²" }
        if c.hasPrefix("Mbase") || c.hasPrefix("torque") { return "N·m" }
        if c.hasPrefix("omega") { return "rpm" }
        if c.hasPrefix("wind") { return "m/s" }
        if c.hasPrefix("power") { return "W" }
        return "-"
    }

    /// PSD unit, e.g. "m²/(rad/s)" (RAFT's PSDs are per rad/s even when plotted against Hz).
    public static func psdUnit(_ column: String) -> String {
        let u = signalUnit(column)
        let squared = u.contains("/") || u.contains("·") ? "(\(u))²" : "\(u)²"
        return "\(squared)/(rad/s)"
    }
}

/// Errors reading a `raft run` output folder.
public enum RunFolderError: Error, CustomStringConvertible, Sendable {
    case missing(String)
    case malformed(file: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let p): return "\(p): not found (expected a `raft run` output folder with summary.json and case*_psd.csv)"
        case .malformed(let f, let r): return "\(f): \(r)"
        }
    }
}

/// One spectra CSV of a run folder: `freq_Hz, omega_rad_s`, then PSD columns.
public struct SpectraTable: Sendable {
    public var header: [String]
    public var columns: [[Double]]

    public func column(_ name: String) -> [Double]? { header.firstIndex(of: name).map { columns[$0] } }

    /// Parse CSV text as `RunWriter.spectraCSV` writes it (numbers, `NaN`, `inf`, `-inf`).
    public init(csv text: String, file: String) throws {
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw RunFolderError.malformed(file: file, reason: "empty file") }
        header = lines.removeFirst().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        columns = Array(repeating: [], count: header.count)
        for (r, line) in lines.enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count == header.count else {
                throw RunFolderError.malformed(file: file, reason: "row \(r + 2) has \(cells.count) values, the header \(header.count)")
            }
            for (c, cell) in cells.enumerated() {
                let t = cell.trimmingCharacters(in: .whitespaces)
                let v: Double?
                switch t.lowercased() {
                case "nan": v = .nan
                case "inf", "infinity": v = .infinity
                case "-inf", "-infinity": v = -.infinity
                default: v = Double(t)
                }
                guard let v else { throw RunFolderError.malformed(file: file, reason: "row \(r + 2), column '\(header[c])': '\(t)' is not a number") }
                columns[c].append(v)
            }
        }
        guard header.contains("freq_Hz") else { throw RunFolderError.malformed(file: file, reason: "no freq_Hz column") }
    }
}

/// `raft plot`: SVG plots of the PSDs of a `raft run` output folder, one per case, FOWT and channel group.
public enum RunPlots {
    /// Plots of one spectra table: (group, SVG text), groups without any column are left out.
    /// A group whose channels are all zero is still drawn, with a note saying so.
    public static func plots(_ table: SpectraTable, caption: String, idPrefix: String) -> [(group: SpectraChannels.Group, svg: String)] {
        guard let hz = table.column("freq_Hz") else { return [] }
        var out: [(SpectraChannels.Group, String)] = []
        for g in SpectraChannels.Group.allCases {
            let cols = table.header.indices.filter { SpectraChannels.group(ofColumn: table.header[$0]) == g }
            guard !cols.isEmpty else { continue }
            // One panel per unit so that channels of very different magnitude stay readable.
            var units: [String] = []
            for c in cols where !units.contains(SpectraChannels.psdUnit(table.header[c])) { units.append(SpectraChannels.psdUnit(table.header[c])) }
            var panels: [SVGPlot] = []
            for unit in units {
                let title = units.count > 1 ? "\(caption): \(g.title), \(unit)" : "\(caption): \(g.title)"
                var plot = SVGPlot(title: title, xLabel: "frequency [Hz]", yLabel: "PSD [\(unit)]", yScale: .log,
                                   id: "\(idPrefix)-\(g.rawValue)-\(panels.count)")
                plot.height = units.count > 1 ? 340 : 420
                var zero: [String] = []
                for c in cols where SpectraChannels.psdUnit(table.header[c]) == unit {
                    let name = table.header[c]
                    if table.columns[c].allSatisfy({ $0 == 0 || !$0.isFinite }) { zero.append(SpectraChannels.channel(name)); continue }
                    plot.series.append(.init(name: "\(SpectraChannels.channel(name)) [\(unit)]", x: hz, y: table.columns[c],
                                             style: name == "wave_PSD" ? .dashed : .line))
                }
                if !zero.isEmpty {
                    plot.note = (plot.series.isEmpty ? "all channels are zero: " : "zero, not shown: ") + zero.joined(separator: ", ")
                }
                panels.append(plot)
            }
            out.append((g, SVGPlot.stack(panels, title: "\(caption): \(g.title)")))
        }
        return out
    }

    /// Write `plots/<csv name>_<group>.svg` for every spectra CSV the folder's summary.json names
    /// (or, without a list there, every `case*_psd.csv`). Each file is written atomically.
    /// - Returns: the paths written.
    @discardableResult
    public static func write(runDirectory dir: String) throws -> [String] {
        let fm = FileManager.default
        let summaryPath = (dir as NSString).appendingPathComponent("summary.json")
        guard fm.fileExists(atPath: summaryPath) else { throw RunFolderError.missing(summaryPath) }
        let design: String
        var files: [String] = []
        do {
            let obj = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: summaryPath)))
            guard let top = obj as? [String: Any] else { throw RunFolderError.malformed(file: summaryPath, reason: "not a JSON object") }
            design = top["design"] as? String ?? (dir as NSString).lastPathComponent
            for c in top["cases"] as? [[String: Any]] ?? [] {
                for f in c["fowts"] as? [[String: Any]] ?? [] { if let s = f["spectra_csv"] as? String { files.append(s) } }
                if let am = c["array_mooring"] as? [String: Any], let s = am["spectra_csv"] as? String { files.append(s) }
            }
        } catch let e as RunFolderError { throw e } catch {
            throw RunFolderError.malformed(file: summaryPath, reason: "not valid JSON (\(error.localizedDescription))")
        }
        if files.isEmpty {
            files = (try fm.contentsOfDirectory(atPath: dir)).filter { $0.hasPrefix("case") && $0.hasSuffix("_psd.csv") }.sorted()
        }
        var written: [String] = []
        let plotsDir = (dir as NSString).appendingPathComponent("plots")
        for name in files {
            let path = (dir as NSString).appendingPathComponent(name)
            guard fm.fileExists(atPath: path) else { throw RunFolderError.missing(path) }
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let table = try SpectraTable(csv: text, file: path)
            let stem = name.hasSuffix("_psd.csv") ? String(name.dropLast(8)) : (name as NSString).deletingPathExtension
            let caption = "\(design) \(stem.replacingOccurrences(of: "_", with: " "))"
            for (g, svg) in plots(table, caption: caption, idPrefix: stem) {
                let out = (plotsDir as NSString).appendingPathComponent("\(stem)_\(g.rawValue).svg")
                try AtomicFile.write(svg, to: out)
                written.append(out)
            }
        }
        return written
    }
}
