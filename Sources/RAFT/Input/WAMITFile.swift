#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// A WAMIT-format file that cannot be used: which file, where, and why.
package struct WAMITFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// File name or path as shown to the user.
    package var file: String
    /// 1-based line, when the problem is on one line.
    package var line: Int?
    package var message: String

    package var description: String { line.map { "\(file) line \($0): \(message)" } ?? "\(file): \(message)" }
}

/// Numeric rows of a whitespace-separated text table (numpy `loadtxt` rules: `#` starts a comment, blank lines
/// are skipped).
struct WAMITRows {
    /// Each row's numbers with its 1-based line number.
    var rows: [(line: Int, values: [Double])] = []

    init(text: String, file: String) throws(WAMITFileError) {
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var content = rawLine
            if let hash = content.firstIndex(of: "#") { content = content[..<hash] }
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "," })
            if fields.isEmpty { continue }
            var values: [Double] = []
            values.reserveCapacity(fields.count)
            for f in fields {
                guard let v = Double(f) else {
                    throw WAMITFileError(file: file, line: lineNumber, message: "expected numbers, found '\(f)'")
                }
                values.append(v)
            }
            rows.append((lineNumber, values))
        }
        if rows.isEmpty { throw WAMITFileError(file: file, line: nil, message: "no data rows") }
    }
}

/// Maps a WAMIT period column to RAFT's frequencies as pyHAMS does with `TFlag`: `PER > 0` → `2π/PER`,
/// `PER = 0` (infinite frequency) → 0, `PER < 0` (zero frequency) → −1 (spec 05 §2, §3 step 2; pitfall 2).
func wamitOmega(period t: Double) -> Double {
    if t == 0 { return 0 }
    let w = 2 * Double.pi / t
    return w < 0 ? -1 : w
}

/// A WAMIT `.1` file: non-dimensional added mass `Ā` and radiation damping `B̄` per period, as pyHAMS
/// `read_wamit1(path, TFlag=True)` returns them (spec 05 §3).
///
/// Entries are in ascending order of the period column (so the `PER = −1` zero-frequency block, then the
/// `PER = 0` infinite-frequency block, then decreasing frequencies); pairs missing from the file stay 0.
package struct WAMITRadiationData: Sendable {
    /// Distinct periods, ascending [s] (−1: zero frequency, 0: infinite frequency).
    package var periods: [Double]
    /// pyHAMS's frequency labels per entry [rad/s]: `2π/PER`, with −1 for `PER < 0` and 0 for `PER = 0`.
    package var omega: [Double]
    /// `Ā_ij = A_ij/ρ` per entry (ULEN = 1) [m³, m⁴, m⁵].
    package var addedMass: [Matrix6]
    /// `B̄_ij = B_ij/(ρω)` per entry; NaN for the 4-column limit rows [m³, m⁴, m⁵].
    package var damping: [Matrix6]

    /// Parse the text of a `.1` file.
    /// - Parameter file: name used in error messages.
    package init(text: String, file: String) throws(WAMITFileError) {
        let table = try WAMITRows(text: text, file: file)
        var per: [Double] = [], rows: [(i: Int, j: Int, a: Double, b: Double)] = []
        per.reserveCapacity(table.rows.count)
        rows.reserveCapacity(table.rows.count)
        for (line, v) in table.rows {
            // Limit rows (PER 0 or −1) have 4 columns (no damping); pyHAMS pads them with NaN.
            let isLimit = v[0] == 0 || v[0] == -1
            guard v.count == 5 || (v.count == 4 && isLimit) else {
                let want = isLimit ? "4 or 5" : "5"
                throw WAMITFileError(file: file, line: line, message: "expected \(want) columns (PER I J A [B]), found \(v.count)")
            }
            let i = try Self.dofIndex(v[1], file: file, line: line), j = try Self.dofIndex(v[2], file: file, line: line)
            per.append(v[0])
            rows.append((i, j, v[3], v.count == 5 ? v[4] : .nan))
        }
        periods = Array(Set(per)).sorted()
        omega = periods.map(wamitOmega)
        let position = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, $0) })
        addedMass = Array(repeating: Matrix6(), count: periods.count)
        damping = addedMass
        for (k, r) in rows.enumerated() {
            guard let p = position[per[k]] else { continue }
            addedMass[p][r.i, r.j] = r.a
            damping[p][r.i, r.j] = r.b
        }
    }

    static func dofIndex(_ x: Double, file: String, line: Int) throws(WAMITFileError) -> Int {
        guard x == x.rounded(), x >= 1, x <= 6 else {
            throw WAMITFileError(file: file, line: line, message: "mode index \(x) is not one of 1...6")
        }
        return Int(x) - 1
    }
}

/// A WAMIT `.3` file: non-dimensional wave excitation `X̄ = Re + i·Im` per heading, mode and period, as pyHAMS
/// `read_wamit3(path, TFlag=True)` returns it (spec 05 §4). Modulus and phase columns are not used by RAFT.
package struct WAMITExcitationData: Sendable {
    /// Distinct periods, ascending [s].
    package var periods: [Double]
    /// Frequency labels per period entry [rad/s] (as `WAMITRadiationData.omega`).
    package var omega: [Double]
    /// Distinct headings as written in the file, ascending [deg].
    package var headingsDeg: [Double]
    /// `X̄` per heading, mode and period entry: `values[(h * 6 + mode) * periods.count + p]` [m², m³ per m].
    package var real: [Double]
    package var imaginary: [Double]

    package init(text: String, file: String) throws(WAMITFileError) {
        let table = try WAMITRows(text: text, file: file)
        for (line, v) in table.rows where v.count != 7 {
            throw WAMITFileError(file: file, line: line, message: "expected 7 columns (PER β I |X| phase Re Im), found \(v.count)")
        }
        periods = Array(Set(table.rows.map { $0.values[0] })).sorted()
        omega = periods.map(wamitOmega)
        headingsDeg = Array(Set(table.rows.map { $0.values[1] })).sorted()
        let pIndex = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, $0) })
        let hIndex = Dictionary(uniqueKeysWithValues: headingsDeg.enumerated().map { ($1, $0) })
        let np = periods.count
        real = Array(repeating: 0, count: headingsDeg.count * 6 * np)
        imaginary = real
        for (line, v) in table.rows {
            let mode = try WAMITRadiationData.dofIndex(v[2], file: file, line: line)
            guard let p = pIndex[v[0]], let h = hIndex[v[1]] else { continue }
            real[(h * 6 + mode) * np + p] = v[5]
            imaginary[(h * 6 + mode) * np + p] = v[6]
        }
    }

    /// `X̄` of heading entry `h`, mode `mode` (0-based) across the period entries.
    func series(heading h: Int, mode: Int) -> (re: ArraySlice<Double>, im: ArraySlice<Double>) {
        let np = periods.count, s = (h * 6 + mode) * np
        return (real[s ..< s + np], imaginary[s ..< s + np])
    }
}
