import Foundation
import Testing
@testable import RAFT
@testable import RAFTIO

/// The run files' text: numbers written through `TextBytes` are the characters of the formulas used before it
/// (`"\(x)"`, `x.write(to: &string)`, `"%.1f"` for whole numbers in JSON), and files formatted early
/// (`CaseFileFormatter`, while later cases run) are byte-identical to files formatted at the end.
struct RunFileTextTests {
    /// The JSON number spelling before `TextBytes`.
    static func legacyJSON(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(cFormat: "%.1f", x) : "\(x)"
    }

    @Test func numbersKeepTheirCharacters() {
        var rng = SystemRandomNumberGenerator()
        var samples: [Double] = [0, -0.0, 1, -2, 0.1, 1e15 - 1, -1e15 + 1, 1e15, 1e16, 5e-324, -5e-324, .greatestFiniteMagnitude,
                                 .leastNormalMagnitude, 123456789012345, 1e-5, 1e-4, 9.999999999999999e22]
        for k in 0..<20_000 {
            let x = k % 2 == 0 ? Double(bitPattern: rng.next()) : Double.random(in: -1...1) * pow(10, Double(Int.random(in: -30...30)))
            if x.isFinite { samples.append(x) }
        }
        var mismatches = 0
        for x in samples {
            var legacy = ""
            x.write(to: &legacy)
            var bytes = TextBytes(capacity: 32)
            bytes.append(x)
            if bytes.string != legacy || legacy != "\(x)" || JSONValue.number(x).serialized() != Self.legacyJSON(x) { mismatches += 1 }
        }
        #expect(mismatches == 0, "\(mismatches) of \(samples.count) numbers written differently")
        #expect(JSONValue.number(.nan).serialized() == "\"NaN\"")
        #expect(CSV.table(header: ["a", "b"], columns: [[1, .nan], [-.infinity, 0.5]]) == "a,b\n1.0,-inf\nNaN,0.5\n")
    }

    /// The CSV text before `CSV.table` wrote into the string's storage (row by row through `"\(x)"`).
    static func legacyCSV(header: [String], columns: [[Double]]) -> String {
        var s = header.joined(separator: ",") + "\n"
        for i in 0..<(columns.first?.count ?? 0) {
            s += columns.map { c in c[i].isFinite ? "\(c[i])" : (c[i].isNaN ? "NaN" : (c[i] > 0 ? "inf" : "-inf")) }
                .joined(separator: ",") + "\n"
        }
        return s
    }

    /// `width` columns of `rows` numbers cycling, with `period`, through a special value (`special[(stride·i + c)
    /// % count]`), a random bit pattern (any double, NaNs included) and random magnitudes over 60 decades.
    static func mixedColumns(_ width: Int, rows: Int, special: [Double], period: Int, stride: Int,
                             _ rng: inout SystemRandomNumberGenerator) -> [[Double]] {
        (0..<width).map { c in
            (0..<rows).map { i -> Double in
                switch (i + c) % period {
                case 0: return special[(i * stride + c) % special.count]
                case 1: return Double(bitPattern: rng.next())
                default: return Double.random(in: -1...1) * pow(10, Double(Int.random(in: -30...30)))
                }
            }
        }
    }

    @Test("CSV.table: the characters of the row-by-row formula, for extreme, zero, non-finite and random numbers")
    func csvTableKeepsItsCharacters() {
        var rng = SystemRandomNumberGenerator()
        let special: [Double] = [0, -0.0, 1, -2, 0.1, 1e16, -1e16, 5e-324, -5e-324, .greatestFiniteMagnitude,
                                 -.greatestFiniteMagnitude, .leastNormalMagnitude, -2.2250738585072014e-308, 1e-5, 1e-4,
                                 9.999999999999999e22, .nan, .infinity, -.infinity, 123456789012345678]
        for shape in [(rows: 0, width: 3), (rows: 1, width: 1), (rows: 80, width: 26), (rows: 333, width: 7)] {
            let columns = Self.mixedColumns(shape.width, rows: shape.rows, special: special, period: 4, stride: 7, &rng)
            let header = (0..<shape.width).map { "col\($0)_x" }
            #expect(CSV.table(header: header, columns: columns) == Self.legacyCSV(header: header, columns: columns),
                    "\(shape)")
        }
    }

    /// A table whose first columns' text comes from `CSV.LeadingColumns` (the frequency columns every case CSV starts
    /// with, made once per grid) equals the table of all the columns formatted together; `RunWriter.frequencyColumns`
    /// hands out the text of the grid it is given (one memo, replaced when the grid changes).
    @Test func leadingColumnsTextEqualsFormattingThemInTheTable() {
        var rng = SystemRandomNumberGenerator()
        let special: [Double] = [0, -0.0, 1, 0.1, 5e-324, -.greatestFiniteMagnitude, .nan, .infinity, -.infinity, 1e16]
        for shape in [(rows: 0, lead: 2, width: 3), (rows: 1, lead: 1, width: 0), (rows: 80, lead: 2, width: 24),
                      (rows: 37, lead: 3, width: 5)] {
            let all = Self.mixedColumns(shape.lead + shape.width, rows: shape.rows, special: special, period: 3, stride: 5, &rng)
            let header = (0..<all.count).map { "c\($0)" }
            let leading = CSV.LeadingColumns(Array(all[..<shape.lead]))
            #expect(CSV.table(header: header, leading: leading, columns: Array(all[shape.lead...]))
                    == CSV.table(header: header, columns: all), "\(shape)")
            #expect(CSV.table(header: header, leading: leading, columns: Array(all[shape.lead...]))
                    == Self.legacyCSV(header: header, columns: all), "\(shape)")
        }
        for (lo, hi) in [(0.05, 0.15), (0.1, 0.2), (0.05, 0.15), (0.005, 0.4)] {
            let grid = FrequencyGrid(minHz: lo, maxHz: hi), omega = grid.omega
            let text = RunWriter.frequencyColumns(grid)
            #expect(text.columns[1] == omega)
            #expect(text.rows == CSV.LeadingColumns([omega.map { $0 / (2 * Double.pi) }, omega]).rows)
        }
    }

    @Test func earlyFormattedFilesEqualLateOnes() throws {
        let run = SyntheticRun.make()
        let formatter = CaseFileFormatter()
        for c in run.cases { formatter.add(c, grid: run.grid) }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("runfiletext-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let late = try RunWriter.write(run, to: root + "/late")
        try FileManager.default.createDirectory(atPath: root + "/early", withIntermediateDirectories: true)
        let texts = formatter.texts()
        #expect(texts.count == run.cases.reduce(0) { $0 + RunWriter.caseFiles($1, grid: run.grid).count })
        let early = try RunWriter.write(run, to: root + "/early", formatted: texts, freshFolder: true)
        #expect(late.map { ($0 as NSString).lastPathComponent } == early.map { ($0 as NSString).lastPathComponent })
        for (a, b) in zip(late, early) {
            #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b), "\(a)")
        }
        // a fresh folder refuses to overwrite (the temporary folder is this process's own)
        #expect(throws: AtomicFile.WriteError.self) { try RunWriter.write(run, to: root + "/early", freshFolder: true) }
    }

    /// `texts()` called at once formats the files no worker has taken on the calling thread: every file comes back,
    /// each text equal to the file's own formatting, however the work was split between the threads.
    @Test func textsRightAfterAddingAreComplete() {
        let run = SyntheticRun.make()
        for _ in 0..<20 {
            let formatter = CaseFileFormatter()
            for c in run.cases { formatter.add(c, grid: run.grid) }
            let texts = formatter.texts()
            let files = run.cases.flatMap { RunWriter.caseFiles($0, grid: run.grid) }
            #expect(texts.count == files.count)
            for f in files { #expect(texts[f.name] == .some(f.text()), "\(f.name)") }
        }
    }
}
