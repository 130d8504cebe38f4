#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// One number format for a column, a row or a matrix of a terminal table.
///
/// Every value gets `digits` significant digits relative to the group's largest magnitude (its scale): fixed point
/// (`17.793`, `0.0072012`, `20937`) when the scale is in [1e-3, 1e6), engineering notation with an exponent that is a
/// multiple of 3 (`310.88e6`, `6.8417e-6`) otherwise. Values whose magnitude is below `noise` × scale are round-off
/// where zero is meant (a `1.49e-08` beside `3.1e8` in a stiffness matrix, a `-3.4e-15` sway in a head sea) and print
/// as `0`, as do values that round to zero at the group's precision.
package struct NumberFormat: Sendable {
    /// Largest magnitude of the group.
    package var scale: Double
    /// Significant digits of the largest value.
    package var digits: Int
    /// Fixed decimals, or nil for engineering notation.
    package var decimals: Int?
    /// Magnitudes below this print as `0`.
    package var zeroBelow: Double

    /// Relative size below which a value is taken as round-off noise of its group (Double round-off after the
    /// sums of a solve is ~1e-15 relative, finite-difference stiffnesses ~1e-9; a table shows 5 digits).
    package static let defaultNoise = 1e-7

    /// - Parameters:
    ///   - values: the group's values (non-finite values are ignored for the scale).
    ///   - digits: significant digits of the largest value (default 5).
    ///   - noiseScale: a wider scale for the noise test (e.g. the largest value of the rows with the same unit in
    ///     the same table), so that a row of round-off beside real values prints as zeros.
    ///   - noise: relative noise threshold (default `defaultNoise`).
    package init(values: [Double], digits: Int = 5, noiseScale: Double = 0, noise: Double = NumberFormat.defaultNoise) {
        let own = values.filter { $0.isFinite }.map(abs).max() ?? 0
        scale = own
        self.digits = digits
        zeroBelow = noise * max(own, noiseScale)
        if own == 0 || own < zeroBelow {
            decimals = 0
        } else if own >= 1e-3 && own < 1e6 {
            let e = Int(floor(log10(own)))
            decimals = max(0, digits - 1 - e)
        } else {
            decimals = nil
        }
    }

    /// Largest finite magnitude of `values` (0 when none).
    package static func scale(_ values: [Double]) -> Double { values.filter { $0.isFinite }.map(abs).max() ?? 0 }

    /// A unit with an SI prefix for large forces, moments and powers (N → kN/MN, N*m → kN·m/MN·m, W → kW/MW) and
    /// the factor to multiply the values by, chosen from the group's scale; other units unchanged.
    package static func prefixed(_ unit: String, scale: Double) -> (unit: String, factor: Double) {
        let base: String
        switch unit {
        case "N": base = "N"
        case "N*m", "N·m", "Nm": base = "N·m"
        case "W": base = "W"
        default: return (unit, 1)
        }
        if scale >= 1e6 { return ("M" + base, 1e-6) }
        if scale >= 1e3 { return ("k" + base, 1e-3) }
        return (base, 1)
    }

    /// `x` in this format.
    package func string(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        if x == 0 || abs(x) < zeroBelow { return "0" }
        if let decimals {
            let s = String(cFormat: "%.\(decimals)f", x)
            return s.allSatisfy { $0 == "0" || $0 == "." || $0 == "-" } ? "0" : s
        }
        return Self.engineering(x, digits: digits)
    }

    /// `x` with `digits` significant digits and an exponent that is a multiple of 3 (`12.345e6`, `-6.8417e-3`).
    package static func engineering(_ x: Double, digits: Int) -> String {
        guard x != 0, x.isFinite else { return x == 0 ? "0" : "\(x)" }
        var e = 3 * Int(floor(log10(abs(x)) / 3))
        var m = x / pow(10, Double(e))
        var intDigits = Int(floor(log10(abs(m)))) + 1
        var text = String(cFormat: "%.\(max(0, digits - intDigits))f", m)
        if let v = Double(text), abs(v) >= 1000 {  // rounding reached the next power of 1000
            e += 3
            m = x / pow(10, Double(e))
            intDigits = 1
            text = String(cFormat: "%.\(max(0, digits - intDigits))f", m)
        }
        return e == 0 ? text : "\(text)e\(e)"
    }
}

/// A plain-text table with right-aligned number columns, fitted to a width by wrapping column blocks.
package struct TextTable: Sendable {
    /// Header cells (first = the row-label column).
    package var header: [String]
    /// Rows of cells (first = the row label).
    package var rows: [[String]] = []
    /// Text after the last column of a row (e.g. a unit), not part of the wrapping.
    package var trailers: [String] = []
    package var indent = 2

    package init(header: [String]) { self.header = header }

    package mutating func append(_ cells: [String], trailer: String = "") {
        rows.append(cells)
        trailers.append(trailer)
    }

    /// The table, each line at most `width` characters: when the columns do not fit, they are printed in blocks
    /// (every block repeats the label column).
    package func render(width: Int = 80) -> [String] {
        let n = header.count
        var widths = (0..<n).map { c in ([header[c]] + rows.map { c < $0.count ? $0[c] : "" }).map { $0.count }.max() ?? 0 }
        if n > 0 { widths[0] = max(widths[0], 1) }
        let pad = String(repeating: " ", count: indent)
        func line(_ cells: [String], _ cols: [Int], trailer: String) -> String {
            var s = pad + cells[0].padded(toLength: widths[0])
            for c in cols { s += "  " + (c < cells.count ? cells[c] : "").rightAligned(to: widths[c]) }
            if !trailer.isEmpty { s += "  " + trailer }
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        // blocks of value columns that fit beside the label column (and the widest trailer)
        let trailerWidth = trailers.map { $0.isEmpty ? 0 : $0.count + 2 }.max() ?? 0
        var blocks: [[Int]] = []
        var current: [Int] = []
        var used = indent + widths[0] + trailerWidth
        for c in 1..<max(n, 1) {
            if !current.isEmpty && used + 2 + widths[c] > width {
                blocks.append(current)
                current = []
                used = indent + widths[0] + trailerWidth
            }
            current.append(c)
            used += 2 + widths[c]
        }
        if !current.isEmpty || blocks.isEmpty { blocks.append(current) }
        var out: [String] = []
        for (b, cols) in blocks.enumerated() {
            if b > 0 { out.append("") }
            out.append(line(header, cols, trailer: ""))
            for (r, row) in rows.enumerated() { out.append(line(row, cols, trailer: trailers[r])) }
        }
        return out
    }
}

extension String {
    /// Right-aligned in a field of `n` characters.
    func rightAligned(to n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

/// Matrices and labelled vectors for the terminal.
package enum MatrixText {
    /// RAFT's rigid-body DOF names.
    package static let dofs = ["surge", "sway", "heave", "roll", "pitch", "yaw"]

    /// A matrix as a table with one format for the whole matrix (noise relative to its largest entry), row and
    /// column labels (DOF names for 6×6, indices otherwise), wrapped by column blocks to `width`.
    package static func matrix(_ rows: [[Double]], labels: [String]? = nil, width: Int = 80, indent: Int = 4) -> [String] {
        let n = rows.first?.count ?? 0
        let names = labels ?? (rows.count == 6 && n == 6 ? dofs : (0..<max(rows.count, n)).map(String.init))
        let f = NumberFormat(values: rows.flatMap { $0 })
        var t = TextTable(header: [""] + (0..<n).map { $0 < names.count ? names[$0] : "\($0)" })
        t.indent = indent
        for (i, r) in rows.enumerated() { t.append([i < names.count ? names[i] : "\(i)"] + r.map(f.string)) }
        return t.render(width: width)
    }

    /// A labelled vector as a two-line table (labels over values, one format); `label` heads the value row
    /// (e.g. its unit).
    package static func vector(_ values: [Double], labels: [String], label: String = "", width: Int = 80, indent: Int = 4) -> [String] {
        let f = NumberFormat(values: values)
        var t = TextTable(header: [""] + labels)
        t.indent = indent
        t.append([label] + values.map(f.string))
        return t.render(width: width)
    }

    /// `text` split at spaces and wrapped like `wrap(_:first:width:indent:)`.
    package static func wrap(text: String, first: String, width: Int = 80, indent: Int = 4) -> [String] {
        wrap(text.split(separator: " ").map(String.init), first: first, width: width, indent: indent)
    }

    /// Words joined by spaces and wrapped to `width` (continuation lines indented by `indent`).
    package static func wrap(_ words: [String], first: String, width: Int = 80, indent: Int = 4) -> [String] {
        var lines: [String] = []
        var line = first
        for w in words {
            let sep = line.isEmpty || line.hasSuffix(" ") ? "" : " "
            if line.count + sep.count + w.count > width && !line.isWhitespaceOnly {
                lines.append(line)
                line = String(repeating: " ", count: indent) + w
            } else {
                line += sep + w
            }
        }
        if !line.isWhitespaceOnly { lines.append(line) }
        return lines
    }
}
