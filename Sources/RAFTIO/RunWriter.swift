#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT

/// Writes a `RunResult` as `summary.json` plus one spectra CSV per case and FOWT (spec 07 §7; `raft run` contract).
package enum RunWriter {
    /// CSV file name of case i, FOWT j.
    package static func spectraFileName(caseIndex i: Int, fowt j: Int) -> String { "case\(i)_fowt\(j)_psd.csv" }

    /// The spectra CSV of one FOWT in one case: `freq_Hz, omega_rad_s`, then every PSD column.
    package static func spectraCSV(_ m: CaseMetrics, grid: FrequencyGrid) -> String {
        CSV.table(header: ["freq_Hz", "omega_rad_s"] + m.psd.map { $0.key }, leading: frequencyColumns(grid),
                  columns: m.psd.map { $0.values })
    }

    /// The last grid's frequency columns (`freq_Hz`, `omega_rad_s`) as CSV text, shared by every case CSV of a run.
    nonisolated(unsafe) private static var lastFrequencyColumns: CSV.LeadingColumns?
    private static let frequencyColumnsLock = MutexLock()

    /// The frequency columns every case CSV starts with, `ω/2π` and `ω`, formatted once per grid (they were ~10 % of
    /// the numbers of a run's CSVs): the same text as formatting them in each table.
    static func frequencyColumns(_ grid: FrequencyGrid) -> CSV.LeadingColumns {
        let omega = grid.omega
        frequencyColumnsLock.lock()
        let last = lastFrequencyColumns
        frequencyColumnsLock.unlock()
        if let last, last.columns[1].elementsEqual(omega, by: { $0.bitPattern == $1.bitPattern }) { return last }
        let made = CSV.LeadingColumns([omega.map { $0 / (2 * Double.pi) }, omega])
        frequencyColumnsLock.lock()
        lastFrequencyColumns = made
        frequencyColumnsLock.unlock()
        return made
    }

    /// RAO CSV file name of case i, FOWT j.
    package static func raoFileName(caseIndex i: Int, fowt j: Int) -> String { "case\(i)_fowt\(j)_rao.csv" }

    /// The response-amplitude CSV of one FOWT in one case: `freq_Hz, omega_rad_s`, then per excitation source and DOF
    /// RAFT's `<dof>_RA` as `<dof>_RA_re, <dof>_RA_im` [m, deg] and, for wave trains, the RAO per metre of wave
    /// amplitude `<dof>_RAO_mag` [m/m, deg/m] = |RA|/ζ and `<dof>_RAO_phase_deg` = arg(RA) relative to the wave
    /// elevation at the origin (RAFT's wave phase reference). Source 0 (RAFT's `<dof>_RA[0]`) has no suffix, source k a suffix `_s<k>`. RAFT's last
    /// row (the wind source, zero in RAFT 2.0.4) is written only when it is not zero, without RAO columns. Where the
    /// wave spectrum is exactly zero (no excitation, RAO undefined) the RAO columns hold 0. Nil when the case has no
    /// response amplitudes.
    package static func raoCSV(_ m: CaseMetrics, grid: FrequencyGrid) -> String? {
        guard !m.responseAmplitudes.isEmpty else { return nil }
        let nw = grid.count
        // (a closure: the key path `\.sources.count` was instantiated by the runtime at every call, ~200,000
        // instructions the first time in a process, in the tail of a one-case run)
        let sources = m.responseAmplitudes.map { $0.sources.count }.min() ?? 0
        var header = ["freq_Hz", "omega_rad_s"]
        var columns: [[Double]] = []
        for s in 0..<sources {
            let isWave = s < m.waveAmplitudes.count
            if !isWave && m.responseAmplitudes.allSatisfy({ $0.sources[s].allSatisfy { $0 == .zero } }) { continue }
            let suffix = s == 0 ? "" : "_s\(s)"
            for (key, rows) in m.responseAmplitudes {
                let dof = key.hasSuffix("_RA") ? String(key.dropLast(3)) : key
                let ra = rows[s]
                header += ["\(dof)_RA_re\(suffix)", "\(dof)_RA_im\(suffix)"]
                columns += [ra.map { $0.real }, ra.map { $0.imaginary }]  // closures: a key path to another module's property was read through `swift_getAtKeyPath` (~700 instructions) per number
                guard isWave else { continue }
                let zeta = m.waveAmplitudes[s]
                header += ["\(dof)_RAO_mag\(suffix)", "\(dof)_RAO_phase_deg\(suffix)"]
                columns.append((0..<nw).map { j in zeta[j] > 0 ? ra[j].length / zeta[j] : 0 })
                columns.append((0..<nw).map { j in zeta[j] > 0 ? atan2(ra[j].imaginary, ra[j].real) * 180 / Double.pi : 0 })
            }
        }
        return CSV.table(header: header, leading: frequencyColumns(grid), columns: columns)
    }

    static func eigenJSON(_ e: EigenResult) -> JSONValue {
        .object([("natural_frequencies_Hz", .numbers(e.frequenciesHz)), ("periods_s", .numbers(e.periodsS)),
                 ("modes", .matrix(e.modes))])
    }

    /// The summary document (no `_PSD`/`_RA` keys; those are in the CSVs).
    package static func summary(_ r: RunResult) -> JSONValue {
        var top: [(String, JSONValue)] = [
            ("design", .string(r.designName)),
            ("compat", .string("openraft 2.0.4")),
            ("frequencies_Hz", .numbers(r.grid.omega.map { $0 / (2 * Double.pi) })),
            ("omega_rad_s", .numbers(r.grid.omega)),
        ]
        if let u = r.unloaded {
            top.append(("unloaded", .object([
                ("offset", .numbers(u.offset)),
                ("natural_frequencies_Hz", .numbers(u.eigen.frequenciesHz)),
                ("periods_s", .numbers(u.eigen.periodsS)),
                ("modes", .matrix(u.eigen.modes)),
                ("F_lines0", .numbers(u.mooringForce)),
                ("C_lines0", .matrix(u.mooringStiffness.rows)),
                ("dofs", .array(dofNames.map { .string($0) })),
                ("offset_units", .array(["m", "m", "m", "rad", "rad", "rad"].map { .string($0) })),
                ("modes_layout", .string("modes[i][j] = DOF i (dofs order) of mode j (natural_frequencies_Hz order)")),
            ])))
        }
        var cases: [JSONValue] = []
        for c in r.cases {
            var obj: [(String, JSONValue)] = [("index", .int(c.index)), ("inputs", .object(c.inputs.map { ($0.key, JSONValue($0.value)) }))]
            var fowts: [JSONValue] = []
            for (j, f) in c.fowts.enumerated() {
                var fo: [(String, JSONValue)] = f.metrics.values.map { kv in
                    switch kv.value {
                    case .scalar(let x): return (kv.key, .number(x))
                    case .vector(let v): return (kv.key, .numbers(v))
                    }
                }
                fo.append(("r6", .numbers(f.r6)))
                fo.append(("spectra_csv", .string(spectraFileName(caseIndex: c.index, fowt: j))))
                if !f.metrics.responseAmplitudes.isEmpty {
                    fo.append(("rao_csv", .string(raoFileName(caseIndex: c.index, fowt: j))))
                }
                fo.append(("dynamics_iterations", .int(f.dynamicsIterations)))
                fo.append(("dynamics_converged", .bool(f.dynamicsConverged)))
                fowts.append(.object(fo))
            }
            obj.append(("fowts", .array(fowts)))
            if let am = c.arrayMooring {
                obj.append(("array_mooring", .object(am.values.map { ($0.key, .numbers($0.value.values)) }
                                                     + [("spectra_csv", .string("case\(c.index)_array_mooring_psd.csv"))])))
            }
            obj.append(("statics_iterations", .int(c.staticsIterations)))
            cases.append(.object(obj))
        }
        top.append(("cases", .array(cases)))
        if let f = r.fatigueSettings { top.append(("fatigue", fatigueJSON(f, lifetime: r.lifetimeFatigue))) }
        if let e = r.eigenAfterCases { top.append(("eigen_after_cases", eigenJSON(e))) }
        top.append(("units", .object([
            ("surge", .string("m")), ("roll", .string("deg")), ("Tmoor", .string("N")), ("AxRNA", .string("m/s^2")),
            ("Mbase", .string("N*m")), ("omega", .string("rpm")), ("torque", .string("N*m")), ("power", .string("W")),
            ("bPitch", .string("deg")), ("PSD", .string("unit^2/(rad/s)")),
            ("DEL", .string("channel unit (load range)")), ("mpm", .string("channel unit")), ("natural_frequencies", .string("Hz")),
        ] + extraUnits)))
        top.append(("warnings", .array(r.warnings.map { .string($0) })))
        return .object(top)
    }

    /// The text of `summary.json`: the summary document and a final newline.
    package static func summaryFile(_ r: RunResult) -> String { summary(r).serializedLine() }

    /// RAFT's rigid-body DOF names, the order of `offset`, `r6`, `F_lines0`, `C_lines0` and mode-shape rows.
    package static let dofNames = ["surge", "sway", "heave", "roll", "pitch", "yaw"]

    /// `units` entries for every channel not in the original list (appended so earlier keys keep their place).
    static let extraUnits: [(String, JSONValue)] = [
        ("sway", "m"), ("heave", "m"), ("pitch", "deg"), ("yaw", "deg"), ("AyRNA", "m/s^2"), ("AzRNA", "m/s^2"),
        ("FbaseX", "N"), ("FbaseY", "N"), ("FbaseZ", "N"), ("MbaseX", "N*m"), ("MbaseY", "N*m"), ("MbaseZ", "N*m"),
        ("wave", "m"), ("wave_PSD", "m^2/(rad/s)"), ("r6", "m, m, m, rad, rad, rad"), ("offset", "m, m, m, rad, rad, rad"),
        ("periods", "s"), ("F_lines0", "N, N, N, N*m, N*m, N*m"),
        ("C_lines0", "N/m, N/rad (rows 0-2); N*m/m, N*m/rad (rows 3-5)"),
        ("RA", "m (surge, sway, heave), deg (roll, pitch, yaw)"),
        ("RAO", "m/m (surge, sway, heave), deg/m (roll, pitch, yaw) per metre of wave amplitude"),
        ("RAO_phase", "deg"),
    ].map { ($0.0, .string($0.1)) }

    /// The `fatigue` object: the settings behind the per-case `<ch>_DEL_*`/`<ch>_mpm` keys and, with case
    /// weights, `lifetime[j]` per FOWT (`<ch>_DEL_life_m<m>`, `<ch>_damage_life`).
    static func fatigueJSON(_ f: FatigueSettings, lifetime: LifetimeFatigue?) -> JSONValue {
        var o: [(String, JSONValue)] = [
            ("duration_s", .number(f.duration)), ("reference_frequency_Hz", .number(f.referenceFrequency)),
            ("slopes", .numbers(f.slopes)), ("channels", .array(f.channels.map { .string($0) })),
            ("extremes", .array(f.extremes.map { .string($0) })), ("exceedance", .numbers(f.exceedance)),
            ("psd", .string("one-sided per rad/s (the spectra CSV columns); moments in Hz")),
        ]
        if let d = f.caseDuration { o.append(("case_duration_s", .numbers(d))) }
        if !f.goodman.isEmpty {
            o.append(("goodman_ultimate", .object(f.goodman.map { ($0.channel, .number($0.ultimate)) })))
        }
        if let life = lifetime {
            o.append(("design_life_years", .number(f.designLifeYears)))
            o.append(("case_probability", .numbers(f.caseProbability ?? [])))
            o.append(("lifetime", .array(life.fowts.map { entries in
                .object(entries.map { kv in
                    switch kv.value {
                    case .scalar(let x): return (kv.key, .number(x))
                    case .vector(let v): return (kv.key, .numbers(v))
                    }
                })
            })))
        }
        return .object(o)
    }

    /// The files of one case: per FOWT its spectra and RAO CSVs, then the shared lines' spectra (farms); a text
    /// of nil means no file (a case without response amplitudes has no RAO CSV).
    package static func caseFiles(_ c: CaseResult, grid: FrequencyGrid) -> [(name: String, text: @Sendable () -> String?)] {
        var files: [(name: String, text: @Sendable () -> String?)] = []
        for (j, f) in c.fowts.enumerated() {
            files.append((spectraFileName(caseIndex: c.index, fowt: j), { spectraCSV(f.metrics, grid: grid) }))
            files.append((raoFileName(caseIndex: c.index, fowt: j), { raoCSV(f.metrics, grid: grid) }))
        }
        if let am = c.arrayMooring {
            files.append(("case\(c.index)_array_mooring_psd.csv", { spectraCSV(am, grid: grid) }))
        }
        return files
    }

    /// Write every file into `directory` (created if needed). Each file is written atomically; the summary last.
    /// The texts are formatted concurrently (number formatting is most of the work; each file on its own), then
    /// written in order, so the files and a failure are those of a sequential write.
    /// - Parameters:
    ///   - formatted: texts already formatted by `CaseFileFormatter` for this result, by file name (nil value: no
    ///     such file); the others are formatted here.
    ///   - freshFolder: `directory` is a new folder of this process's own (removed on failure): the files are
    ///     written under their names at once, without a temporary file each.
    /// - Returns: paths written.
    @discardableResult
    package static func write(_ r: RunResult, to directory: String, formatted: [String: String?] = [:],
                              freshFolder: Bool = false) throws -> [String] {
        var written: [String] = []
        for file in files(r, formatted: formatted) {
            let p = directory.pathAppending(file.name)
            if freshFolder { try AtomicFile.writeNew(file.text, to: p) } else { try AtomicFile.write(file.text, to: p) }
            written.append(p)
        }
        return written
    }

    /// The run's files in writing order (per case its CSVs, the summary last) with their texts; a case without
    /// response amplitudes has no RAO file. The texts not in `formatted` (see `write`) are formatted here,
    /// concurrently when there are several.
    package static func files(_ r: RunResult, formatted: [String: String?] = [:]) -> [(name: String, text: String)] {
        var files = r.cases.flatMap { caseFiles($0, grid: r.grid) }
        files.append(("summary.json", { summaryFile(r) }))
        let texts = UnsafeMutableBufferPointer<String?>.allocate(capacity: files.count)
        texts.initialize(repeating: nil)
        defer { texts.deinitialize(); texts.deallocate() }
        var pending: [Int] = []
        for (k, file) in files.enumerated() {
            if let text = formatted[file.name] { texts[k] = text } else { pending.append(k) }
        }
        let slots = TextSlots(buffer: texts)
        let format: @Sendable (Int) -> Void = { [files, pending] k in slots.buffer[pending[k]] = files[pending[k]].text() }
        if pending.count >= 4 && ActiveProcessors.count > 1 {
            DispatchQueue.concurrentPerform(iterations: pending.count, execute: format)
        } else {
            for k in pending.indices { format(k) }
        }
        return files.indices.compactMap { k in texts[k].map { (files[k].name, $0) } }
    }
}

/// Formats the case files of a run while the later cases are computed (`RunOptions.caseFinished`), on the other
/// cores: `texts()` waits for them and gives them to `RunWriter.files(_:formatted:)` or `RunWriter.write(_:to:formatted:)`.
///
/// The files wait in a first-in-first-out list; each `add` wakes one background worker per file, and a worker
/// formats the oldest file nobody has taken yet. `texts()` (called by the thread that ran the cases, once the summary
/// is formatted) formats the files still waiting itself instead of sleeping until a worker is free: the last case's
/// CSVs were formatted one after the other on the one other core while the main thread waited (`raft run`, 2 cores).
/// Each file is formatted exactly once, by whichever thread takes it, so the texts are the same.
package final class CaseFileFormatter: @unchecked Sendable {
    private let lock = MutexLock()
    private let group = DispatchGroup()
    private var done: [String: String?] = [:]
    /// Files added and not yet taken by a thread, oldest first (`next` is the oldest's index).
    private var waiting: [(name: String, text: @Sendable () -> String?)] = []
    private var next = 0
    /// Called with each formatted file (name, text) on the thread that formatted it, before `texts()` can return it
    /// (`raft run` writes the file's temporary there: `EarlyFiles`).
    private let formatted: (@Sendable (_ name: String, _ text: String) -> Void)?

    package init(formatted: (@Sendable (_ name: String, _ text: String) -> Void)? = nil) {
        self.formatted = formatted
    }

    /// Start formatting the files of case `c` in the background.
    package func add(_ c: CaseResult, grid: FrequencyGrid) {
        let files = RunWriter.caseFiles(c, grid: grid)
        lock.lock()
        waiting += files
        lock.unlock()
        for _ in files {
            DispatchQueue.global().async(group: group) { [self] in _ = formatOldest() }
        }
    }

    /// Formats the oldest file not yet taken; false when none is left.
    private func formatOldest() -> Bool {
        lock.lock()
        guard next < waiting.count else { lock.unlock(); return false }
        let file = waiting[next]
        next += 1
        lock.unlock()
        let text = file.text()
        if let text, let formatted { formatted(file.name, text) }
        lock.lock()
        done[file.name] = .some(text)
        lock.unlock()
        return true
    }

    /// Every text started so far, by file name: the files still waiting are formatted on the calling thread, then
    /// the ones the workers are formatting are waited for.
    package func texts() -> [String: String?] {
        while formatOldest() {}
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        return done
    }
}

/// Texts formatted by `RunWriter.write`'s workers (each index by exactly one worker).
private struct TextSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<String?>
}
