#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import RAFTIO

/// The human tables of `raft run`: the unloaded equilibrium, then one table per case and FOWT, at most 80 columns.
enum RunTable {
    static let width = 80
    static let deg = 57.29577951308232

    /// The case row as `key=value` words, wrapped.
    static func caseHeader(_ c: CaseResult) -> [String] {
        let words = c.inputs.map { "\($0.key)=\(JSONValue($0.value).serialized(indent: nil).filter { $0 != "\"" })" }
        return MatrixText.wrap(words, first: "case \(c.index):", width: width)
    }

    /// Offsets [m, deg], natural frequencies [Hz] and periods [s] labelled by DOF.
    static func unloadedLines(_ u: UnloadedResult) -> [String] {
        let offset = u.offset.enumerated().map { $0 >= 3 ? $1 * deg : $1 }
        var lines = ["unloaded equilibrium (offset: translations in m, rotations in deg)"]
        lines += eigenTable(u.eigen, offset: offset)
        return lines
    }

    /// Natural frequencies and periods labelled by mode (DOF names for rigid FOWTs), optionally with an offset row.
    static func eigenTable(_ e: EigenResult, offset: [Double]? = nil) -> [String] {
        let rigid = e.frequenciesHz.count == 6
        let labels = rigid ? MatrixText.dofs : e.frequenciesHz.indices.map { "mode \($0)" }
        var t = TextTable(header: [""] + labels)
        if let offset {
            let f = NumberFormat(values: offset)
            t.append(["offset"] + offset.map(f.string))
        }
        let ff = NumberFormat(values: e.frequenciesHz), fp = NumberFormat(values: e.periodsS)
        t.append(["fn [Hz]"] + e.frequenciesHz.map(ff.string))
        t.append(["Tn [s]"] + e.periodsS.map(fp.string))
        return t.render(width: width)
    }

    static func text(_ r: RunResult) -> String {
        var lines: [String] = []
        if let u = r.unloaded { lines += unloadedLines(u) }
        for c in r.cases {
            if !lines.isEmpty { lines.append("") }
            lines += caseHeader(c)
            for (j, f) in c.fowts.enumerated() {
                if c.fowts.count > 1 { lines.append("FOWT \(j)") }
                lines += statisticsTable(f.metrics)
            }
            if let am = c.arrayMooring, let t = am["Tmoor_avg"]?.values, let s = am["Tmoor_std"]?.values {
                lines.append("shared mooring lines")
                var table = TextTable(header: ["end", "mean", "std", "min", "max"])
                let (unit, k) = NumberFormat.prefixed("N", scale: NumberFormat.scale(t + s))
                let mn = am["Tmoor_min"]?.values ?? [], mx = am["Tmoor_max"]?.values ?? []
                for i in t.indices {
                    let v = [t[i], s[i], i < mn.count ? mn[i] : .nan, i < mx.count ? mx[i] : .nan].map { $0 * k }
                    let f = NumberFormat(values: v.filter { $0.isFinite })
                    table.append(["Tmoor[\(i)]"] + v.map { $0.isFinite ? f.string($0) : "" }, trailer: unit)
                }
                lines += table.render(width: width)
            }
        }
        if !r.cases.isEmpty {
            lines.append("")
            lines += MatrixText.wrap(text: "min/max are RAFT's mean ∓ 3 std (rotor speed: ∓ 2 std), not extremes of a time "
                                     + "series; raft run --fatigue shows most-probable maxima. Tmoor[k]: k < n anchor ends, "
                                     + "k ≥ n fairleads of the n lines (all ends in summary.json).", first: "note:", width: width, indent: 6)
        }
        if let e = r.eigenAfterCases {
            lines.append("")
            lines.append("natural frequencies after the cases (at the last case's state, as RAFT)")
            lines += eigenTable(e)
        }
        return lines.joined(separator: "\n")
    }

    /// One FOWT's statistics: mean, std, min, max per channel with its unit; forces, moments and power in k/M units.
    static func statisticsTable(_ m: CaseMetrics) -> [String] {
        var t = TextTable(header: ["channel", "mean", "std", "min", "max"])
        func stats(_ name: String, _ i: Int) -> [Double]? {
            guard let a = m["\(name)_avg"]?.values, i < a.count else { return nil }
            return ["std", "min", "max"].reduce([a[i]]) { acc, s in
                guard let v = m["\(name)_\(s)"]?.values, i < v.count else { return acc + [.nan] }
                return acc + [v[i]]
            }
        }
        /// Rows of a group sharing a unit (and an SI prefix) and a noise scale.
        func group(_ rows: [(label: String, name: String, index: Int, note: String)], unit: String) {
            let data = rows.compactMap { r in stats(r.name, r.index).map { (r, $0) } }
            let all = data.flatMap { $0.1 }
            let (u, k) = NumberFormat.prefixed(unit, scale: NumberFormat.scale(all))
            let noise = NumberFormat.scale(all) * k
            for (r, v) in data {
                let scaled = v.map { $0 * k }
                let f = NumberFormat(values: scaled, noiseScale: noise)
                t.append([r.label] + scaled.map { $0.isFinite ? f.string($0) : "" }, trailer: r.note.isEmpty ? u : "\(u)  \(r.note)")
            }
        }
        group(["surge", "sway", "heave"].map { ($0, $0, 0, "") }, unit: "m")
        group(["roll", "pitch", "yaw"].map { ($0, $0, 0, "") }, unit: "deg")
        if let n = m["Tmoor_avg"]?.values.count, n > 0 {
            let nl = n / 2
            group((0..<nl).map { ("Tmoor[\(nl + $0)]", "Tmoor", nl + $0, "fairlead, line \($0)") }, unit: "N")
        }
        let nr = m["AxRNA_avg"]?.values.count ?? 0
        func perRotor(_ name: String) -> [(String, String, Int, String)] {
            (0..<nr).map { (nr > 1 ? "\(name)[\($0)]" : name, name, $0, "") }
        }
        group(perRotor("AxRNA"), unit: "m/s^2")
        group(perRotor("Mbase"), unit: "N*m")
        if let om = m["omega_avg"]?.values, om.contains(where: { $0 != 0 }) {
            group(perRotor("omega"), unit: "rpm")
            group(perRotor("torque"), unit: "N*m")
            group(perRotor("bPitch"), unit: "deg")
            if let p = m["power_avg"]?.values {
                let (u, k) = NumberFormat.prefixed("W", scale: NumberFormat.scale(p))
                for (i, x) in p.enumerated() {
                    t.append([p.count > 1 ? "power[\(i)]" : "power", NumberFormat(values: [x * k]).string(x * k)], trailer: u)
                }
            }
        }
        return t.render(width: width)
    }
}
