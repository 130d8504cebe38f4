/// Wave spectrum kinds RAFT accepts in `wave_spectrum` (case-sensitive, spec 01 §5).
public enum WaveSpectrumKind: String, Sendable, Equatable, CaseIterable {
    case jonswap = "JONSWAP"
    /// Unit spectrum: S = 1 m²/(rad/s) at every frequency.
    case unit
    /// `constant`: S equals `wave_height` at every frequency.
    case constant
    /// `none` and `still`: no waves.
    case none
    case still
}

/// One wave train of a load case.
public struct WaveTrain: Sendable, Equatable {
    public var spectrum: WaveSpectrumKind
    /// Peak period `wave_period` (Tp) [s].
    public var periodS: Double
    /// Significant height `wave_height` (Hs) [m] (`constant`: spectral level [m²/(rad/s)]).
    public var heightM: Double
    /// Direction of travel `wave_heading` [deg], from +x toward +y.
    public var headingDeg: Double
    /// JONSWAP peak-enhancement `wave_gamma`; 0 → RAFT's default rule from Tp and Hs.
    public var gamma: Double
}

/// Turbulence input: a number (reference intensity) or an IEC class string such as `"IB_NTM"`.
public enum Turbulence: Sendable, Equatable {
    case intensity(Double)
    case iec(String)
}

/// One row of the `cases` table, typed, with RAFT's defaults applied (spec 01 §5).
public struct LoadCase: Sendable {
    /// Row index in the table (RAFT's `iCase`).
    public var index: Int
    /// Hub-height mean wind speed `wind_speed` [m/s] (default 10).
    public var windSpeed: Double
    /// `wind_heading` [deg] (default 0).
    public var windHeadingDeg: Double
    public var turbulence: Turbulence
    /// `turbine_status`; aero loads only when exactly `operating` (spec 01 P11).
    public var turbineStatus: String
    /// `turbine_heading` [deg], used with yaw_mode 1.
    public var turbineHeadingDeg: Double
    /// `yaw_misalign` [deg]: carried for output, never read by RAFT's physics (spec 03 P7).
    public var yawMisalignDeg: Double?
    /// Wave trains (≥ 1); only train 0 drives the drag linearisation.
    public var waves: [WaveTrain]
    /// `current_speed` [m/s]; nil when absent (readers default to 0, underwater rotors to 1.0).
    public var currentSpeed: Double?
    /// `current_heading` [deg].
    public var currentHeadingDeg: Double
    public var currentTurbulence: Turbulence
    /// The raw row, key by key, for output.
    package var cells: [(key: String, value: YAMLNode)]

    public var isOperating: Bool { turbineStatus == "operating" }

    /// The `turbine_status` values accepted (RAFT runs the rotor only for `operating`).
    static let knownStatuses = ["operating", "parked", "idle"]
}

extension Turbulence {
    /// Allowed numeric turbulence intensities (a fraction: 0.1 is 10 %).
    static let intensityDomain = Domain.closed(0, 1)

    /// Why `text` is not an IEC turbulence class RAFT understands (`<I|II|III|IV><A|B|C>_<NTM|ETM|EWM>`), or nil.
    public static func iecProblem(_ text: String) -> String? {
        let form = "expected a turbulence intensity in [0, 1] (e.g. 0.1) or an IEC class <I|II|III|IV><A|B|C>_<NTM|ETM|EWM> such as IB_NTM"
        var rest = Substring(text)
        var cls = ""
        while let ch = rest.first, ch == "I" || ch == "V" { cls.append(ch); rest = rest.dropFirst() }
        guard ["I", "II", "III", "IV"].contains(cls) else { return "\(form), got '\(text)'" }
        guard let cat = rest.first, "ABC".contains(cat) else { return "\(form), got '\(text)' (no category A, B or C after the class)" }
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count >= 2, ["NTM", "ETM", "EWM"].contains(String(parts[1])) else {
            return "\(form), got '\(text)' (the wind model after '_' must be NTM, ETM or EWM)"
        }
        return nil
    }

    /// A turbulence given as text (command-line form): a number in [0, 1] or an IEC class; nil when invalid.
    public static func parse(_ text: String) -> Turbulence? {
        if let x = YAMLNode.number(text) { return intensityDomain.contains(x) ? .intensity(x) : nil }
        return iecProblem(text) == nil ? .iec(text) : nil
    }
}

/// The `cases` table: column names and rows, kept raw and also typed.
public struct CaseTable: Sendable {
    public var keys: [String]
    public var cases: [LoadCase]

    static let knownColumns: Set<String> = [
        "wind_speed", "wind_heading", "turbulence", "turbine_status", "turbine_heading", "yaw_misalign",
        "wave_spectrum", "wave_period", "wave_height", "wave_heading", "wave_gamma", "current_speed",
        "current_heading", "current_turbulence",
    ]

    package init(node: YAMLNode, diagnostics: inout Diagnostics) throws(InputError) {
        _ = try node.requireMap("the cases section (a mapping with keys and data)")
        let keysNode = try node.required("keys", "the column names")
        keys = []
        let keyNodes = try keysNode.list("a list of column names")
        for k in keyNodes { keys.append(try k.string("a column name")) }
        for (i, k) in keys.enumerated() where keys[..<i].contains(k) {
            throw keyNodes[i].error("column '\(k)' appears twice; column names must be unique")
        }
        for (i, k) in keys.enumerated() where !CaseTable.knownColumns.contains(k) {
            var msg = "unknown case column '\(k)' is carried along but not used"
            if let s = suggestion(for: k, among: Array(CaseTable.knownColumns)) { msg += "; did you mean '\(s)'?" }
            diagnostics.warn(keyNodes[i], msg)
        }
        let dataNode = try node.required("data", "the case rows")
        cases = []
        for (i, row) in try dataNode.list("a list of case rows").enumerated() {
            let cells = try row.list("a case row (a list with one value per key)")
            guard cells.count == keys.count else {
                throw row.error("expected \(keys.count) values (one per key in cases.keys: \(keys.joined(separator: ", "))), got \(cells.count)")
            }
            cases.append(try LoadCase(index: i, cells: Array(zip(keys, cells)).map { ($0.0, $0.1) }, row: row))
        }
        node.warnUnknownKeys(["keys", "data"], &diagnostics)
    }
}

extension LoadCase {
    init(index: Int, cells: [(key: String, value: YAMLNode)], row: YAMLNode) throws(InputError) {
        self.index = index
        self.cells = cells
        func cell(_ k: String) -> YAMLNode? {
            guard let v = cells.first(where: { $0.key == k })?.value, !v.isNull else { return nil }
            return v
        }
        func number(_ k: String, default d: Double, _ what: String) throws(InputError) -> Double {
            guard let v = cell(k) else { return d }
            if v.isList {
                throw v.error("expected a single number (\(what)); per-FOWT lists are not supported (RAFT 2.0.4 fails on them)")
            }
            return try v.double(what)
        }
        func readTurbulence(_ k: String) throws(InputError) -> Turbulence {
            guard let v = cell(k) else { return .intensity(0) }
            let s = try v.string("a turbulence intensity (e.g. 0.1) or an IEC class such as IB_NTM")
            if let x = YAMLNode.number(s) {
                guard x.isFinite, x >= 0 else { throw v.error("expected a non-negative turbulence intensity, got \(s)") }
                try v.check(x, Turbulence.intensityDomain, "a turbulence intensity")
                return .intensity(x)
            }
            if let problem = Turbulence.iecProblem(s) { throw v.error(problem) }
            return .iec(s)
        }
        windSpeed = try number("wind_speed", default: 10, "the hub-height wind speed in m/s")
        if windSpeed < 0 { throw cell("wind_speed")!.error("expected a non-negative wind speed in m/s, got \(windSpeed)") }
        windHeadingDeg = try number("wind_heading", default: 0, "the wind heading in deg")
        turbulence = try readTurbulence("turbulence")
        let status = try cell("turbine_status")?.string("operating, parked or idle") ?? "operating"
        turbineStatus = status
        if !LoadCase.knownStatuses.contains(status) {
            // RAFT compares with 'operating' exactly and treats every other text as no aerodynamics; a typo would
            // silently park the turbine.
            var msg = "unknown turbine_status '\(status)'; expected one of operating, parked, idle (case-sensitive: RAFT runs the rotor only for exactly 'operating')"
            if let m = LoadCase.knownStatuses.first(where: { $0 == status.lowercased() }) ?? suggestion(for: status, among: LoadCase.knownStatuses) {
                msg += "; did you mean '\(m)'?"
            }
            throw cell("turbine_status")!.error(msg)
        }
        turbineHeadingDeg = try number("turbine_heading", default: 0, "the turbine heading in deg")
        yawMisalignDeg = try cell("yaw_misalign").map { v throws(InputError) in try v.double("the yaw misalignment in deg") }
        currentSpeed = try cell("current_speed").map { v throws(InputError) in try v.double("the current speed in m/s") }
        if let u = currentSpeed { try cell("current_speed")!.check(u, .nonNegative, "a current speed in m/s") }
        currentHeadingDeg = try number("current_heading", default: 0, "the current heading in deg")
        currentTurbulence = try readTurbulence("current_turbulence")
        waves = try LoadCase.waveTrains(cell: cell, row: row)
    }

    /// Broadcast the wave fields to nWaves trains (nWaves = length of `wave_heading`).
    private static func waveTrains(cell: (String) -> YAMLNode?, row: YAMLNode) throws(InputError) -> [WaveTrain] {
        guard let headingNode = cell("wave_heading") else {
            throw row.error("missing 'wave_heading' in this case (RAFT requires wave_period, wave_height and wave_heading in every case; use 0 for still water)")
        }
        let n = headingNode.isList ? try headingNode.list().count : 1
        if n == 0 { throw headingNode.error("expected at least one wave heading") }
        func values(_ k: String, default d: Double?, _ what: String) throws(InputError) -> [Double] {
            guard let v = cell(k) else {
                if let d { return Array(repeating: d, count: n) }
                throw row.error("missing '\(k)' (\(what)) in this case; RAFT requires it")
            }
            if v.isList {
                let xs = try v.doubles(what)
                guard xs.count == n else {
                    throw v.error("expected 1 or \(n) values (one per wave heading) for \(what), got \(xs.count)")
                }
                return xs
            }
            return Array(repeating: try v.double(what), count: n)
        }
        var kinds: [WaveSpectrumKind] = []
        let specNode = cell("wave_spectrum")
        let names: [YAMLNode] = specNode.map { $0.isList ? ((try? $0.list()) ?? []) : [$0] } ?? []
        if let specNode, names.count != 1 && names.count != n {
            throw specNode.error("expected 1 or \(n) spectrum names (one per wave heading), got \(names.count)")
        }
        for i in 0..<n {
            guard !names.isEmpty else { kinds.append(.jonswap); continue }
            let node = names[names.count == 1 ? 0 : i]
            let s = try node.string("a wave spectrum name")
            guard let k = WaveSpectrumKind(rawValue: s) else {
                var msg = "unknown wave spectrum '\(s)'; expected one of JONSWAP, unit, constant, none, still (case-sensitive)"
                if let m = WaveSpectrumKind.allCases.first(where: { $0.rawValue.lowercased() == s.lowercased() }) {
                    msg += "; did you mean '\(m.rawValue)'?"
                }
                throw node.error(msg)
            }
            kinds.append(k)
        }
        let periods = try values("wave_period", default: nil, "the peak period Tp in s")
        let heights = try values("wave_height", default: nil, "the significant wave height Hs in m")
        let headings = try values("wave_heading", default: nil, "the wave heading in deg")
        let gammas = try values("wave_gamma", default: 0, "the JONSWAP peak-enhancement factor")
        if let g = gammas.first(where: { !Domain.nonNegative.contains($0) }) {
            throw cell("wave_gamma")!.error("expected a JONSWAP peak-enhancement factor ≥ 0 (0: RAFT's default from Tp and Hs), got \(g)")
        }
        var trains: [WaveTrain] = []
        for i in 0..<n {
            if kinds[i] == .jonswap {
                if heights[i] < 0 { throw cell("wave_height")!.error("expected a non-negative significant wave height, got \(heights[i])") }
                if heights[i] > 0 && periods[i] <= 0 {
                    throw cell("wave_period")!.error("expected a positive peak period for a JONSWAP sea with Hs > 0, got \(periods[i])")
                }
            }
            trains.append(WaveTrain(spectrum: kinds[i], periodS: periods[i], heightM: heights[i],
                                    headingDeg: headings[i], gamma: gammas[i]))
        }
        return trains
    }
}
