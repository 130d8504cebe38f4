#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import RAFTIO

/// Errors reading a `raft run` output folder.
package enum RunFolderError: Error, CustomStringConvertible, Sendable {
    case missing(String)
    case malformed(file: String, reason: String)

    package var description: String {
        switch self {
        case .missing(let p): return "\(p): not found (expected a `raft run` output folder with summary.json and case*_psd.csv)"
        case .malformed(let f, let r): return "\(f): \(r)"
        }
    }
}

/// One CSV table of a run folder (spectra or RAOs): a header and numeric columns.
package struct SpectraTable: Sendable {
    package var header: [String]
    package var columns: [[Double]]

    package func column(_ name: String) -> [Double]? { header.firstIndex(of: name).map { columns[$0] } }

    /// Parse CSV text as `RunWriter` writes it (numbers, `NaN`, `inf`, `-inf`).
    package init(csv text: String, file: String) throws {
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw RunFolderError.malformed(file: file, reason: "empty file") }
        header = lines.removeFirst().split(separator: ",").map { $0.trimmingWhitespace() }
        columns = Array(repeating: [], count: header.count)
        for (r, line) in lines.enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count == header.count else {
                throw RunFolderError.malformed(file: file, reason: "row \(r + 2) has \(cells.count) values, the header \(header.count)")
            }
            for (c, cell) in cells.enumerated() {
                let t = cell.trimmingWhitespace()
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

    /// Read and parse a CSV file.
    package static func read(_ path: String) throws -> SpectraTable {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw RunFolderError.malformed(file: path, reason: "cannot be read as UTF-8 text")
        }
        return try SpectraTable(csv: text, file: path)
    }
}

/// What `raft plot` needs from a `raft run` output folder: summary.json (design name, case inputs, natural
/// frequencies, the CSV files per case) and the CSV tables it names.
package struct RunFolder: Sendable {
    /// One load case: its index, the inputs row and the CSV files of its FOWTs and array mooring.
    package struct Case: Sendable {
        package var index: Int
        /// Case inputs by RAFT's keys (numbers or text; lists for several wave components).
        package var inputs: [String: CaseInputValue]
        /// `case<i>_fowt<j>_psd.csv` per FOWT.
        package var spectraFiles: [String]
        /// `case<i>_fowt<j>_rao.csv` per FOWT as summary.json names it (`rao_csv`), nil where it names none.
        package var raoFiles: [String?] = []
        /// `case<i>_array_mooring_psd.csv` for farms with shared lines.
        package var arrayMooringFile: String?
    }

    /// A case input value as summary.json stores it.
    package enum CaseInputValue: Sendable, Equatable {
        case number(Double), text(String), numbers([Double]), texts([String])
    }

    package var directory: String
    package var design: String
    package var cases: [Case]
    /// Unloaded natural frequencies [Hz] in DOF order (surge … yaw), nil for farms.
    package var naturalFrequenciesHz: [Double]?

    /// The folder of `path`: the path itself, or its parent when it names a `summary.json` file.
    package static func directory(of path: String) -> String {
        var isDir: DirectoryFlag = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
           (path).pathLastComponent.hasSuffix(".json") {
            let parent = (path).pathDeletingLastComponent
            return parent.isEmpty ? "." : parent
        }
        return path
    }

    /// Read the folder's summary.json (`path` is the folder or the summary.json in it).
    package static func load(_ path: String) throws -> RunFolder {
        let dir = directory(of: path)
        let fm = FileManager.default
        var isDir: DirectoryFlag = false
        guard fm.fileExists(atPath: dir, isDirectory: &isDir) else { throw RunFolderError.missing(dir) }
        guard isDir.boolValue else {
            throw RunFolderError.malformed(file: dir, reason: "is a file; expected a `raft run` output folder or its summary.json")
        }
        // The file itself when a JSON file was named (a renamed summary), else the folder's summary.json.
        let summaryPath = dir == path ? (dir).pathAppending("summary.json") : path
        guard let data = fm.contents(atPath: summaryPath) else { throw RunFolderError.missing(summaryPath) }
        let obj: Any
        do { obj = try JSONObject.parse(data) } catch {
            throw RunFolderError.malformed(file: summaryPath, reason: "not valid JSON")
        }
        guard let top = obj as? [String: Any] else { throw RunFolderError.malformed(file: summaryPath, reason: "not a JSON object") }
        guard top["cases"] is [Any] else {
            throw RunFolderError.malformed(file: summaryPath, reason: "not a `raft run` summary (no 'cases' list)")
        }
        var cases: [Case] = []
        for (k, c) in (top["cases"] as? [[String: Any]] ?? []).enumerated() {
            let index = JSONObject.int(c["index"]) ?? k
            var inputs: [String: CaseInputValue] = [:]
            for (key, v) in c["inputs"] as? [String: Any] ?? [:] {
                if let s = v as? String { inputs[key] = .text(s) }
                else if let n = JSONObject.double(v) { inputs[key] = .number(n) }
                else if let l = JSONObject.doubles(v) { inputs[key] = .numbers(l) }
                else if let l = v as? [String] { inputs[key] = .texts(l) }
            }
            let files = (c["fowts"] as? [[String: Any]] ?? []).enumerated().map { j, f in
                f["spectra_csv"] as? String ?? RunWriter.spectraFileName(caseIndex: index, fowt: j)
            }
            let raos = (c["fowts"] as? [[String: Any]] ?? []).map { $0["rao_csv"] as? String }
            let am = (c["array_mooring"] as? [String: Any]).map { $0["spectra_csv"] as? String ?? "case\(index)_array_mooring_psd.csv" }
            cases.append(Case(index: index, inputs: inputs, spectraFiles: files, raoFiles: raos, arrayMooringFile: am))
        }
        let fn = JSONObject.doubles((top["unloaded"] as? [String: Any])?["natural_frequencies_Hz"])
        return RunFolder(directory: dir, design: top["design"] as? String ?? (dir).pathLastComponent,
                         cases: cases, naturalFrequenciesHz: fn)
    }

    /// Parse `name` in the folder; nil when `optional` and the file does not exist.
    func table(_ name: String, optional: Bool = false) throws -> SpectraTable? {
        let path = (directory).pathAppending(name)
        guard FileManager.default.fileExists(atPath: path) else {
            if optional { return nil }
            throw RunFolderError.missing(path)
        }
        return try SpectraTable.read(path)
    }
}

extension RunFolder.Case {
    /// The legend text of the case: sea state, then wind and turbine status, e.g.
    /// "case 0: JONSWAP Hs 2 m, Tp 8 s; wind 10 m/s, TI 0.1, operating".
    package var label: String {
        func num(_ key: String) -> [Double] {
            switch inputs[key] {
            case .number(let x)?: return [x]
            case .numbers(let l)?: return l
            case .text(let s)?: return Double(s).map { [$0] } ?? []
            default: return []
            }
        }
        func text(_ key: String) -> [String] {
            switch inputs[key] {
            case .text(let s)?: return [s]
            case .texts(let l)?: return l
            case .number(let x)?: return [RunFolder.Case.short(x)]
            case .numbers(let l)?: return l.map(RunFolder.Case.short)
            default: return []
            }
        }
        let spectra = text("wave_spectrum"), hs = num("wave_height"), tp = num("wave_period"), dir = num("wave_heading")
        var waves: [String] = []
        for k in 0..<max(spectra.count, hs.count) {
            let kind = k < spectra.count ? spectra[k] : "JONSWAP"
            let h = k < hs.count ? hs[k] : 0
            if kind.lowercased() == "still" || (h == 0 && kind.lowercased() != "unit") { continue }
            var w = kind.lowercased() == "unit" ? "unit spectrum" : kind
            if kind.lowercased() != "unit" { w += " Hs \(RunFolder.Case.short(h)) m" }
            if k < tp.count { w += ", Tp \(RunFolder.Case.short(tp[k])) s" }
            if k < dir.count, dir[k] != 0 { w += ", from \(RunFolder.Case.short(dir[k]))°" }
            waves.append(w)
        }
        var parts = [waves.isEmpty ? "still water" : waves.joined(separator: " + ")]
        let u = num("wind_speed").first ?? 0
        if u > 0 {
            var w = "wind \(RunFolder.Case.short(u)) m/s"
            if let ti = num("turbulence").first, ti > 0 { w += ", TI \(RunFolder.Case.short(ti))" }
            if let h = num("wind_heading").first, h != 0 { w += ", from \(RunFolder.Case.short(h))°" }
            if let s = text("turbine_status").first { w += ", \(s)" }
            if let y = num("yaw_misalign").first, y != 0 { w += ", yaw misalignment \(RunFolder.Case.short(y))°" }
            parts.append(w)
        } else {
            parts.append("no wind" + (text("turbine_status").first.map { ", \($0)" } ?? ""))
        }
        if let c = num("current_speed").first, c > 0 { parts.append("current \(RunFolder.Case.short(c)) m/s") }
        return "case \(index): " + parts.joined(separator: "; ")
    }

    /// A number without trailing zeros (up to 4 significant digits).
    static func short(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e6 { return String(Int(x)) }
        var s = String(cFormat: "%.4g", x)
        if s.contains(".") && !s.contains("e") { while s.hasSuffix("0") { s.removeLast() } }
        return s
    }
}
