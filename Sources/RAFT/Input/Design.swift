#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// One row of the `array` table: where a FOWT sits and which turbine/platform/mooring it uses (spec 01 §8.1).
public struct ArrayEntry: Sendable, Equatable {
    /// 0-based index into `Design.turbines`, or nil for no turbine (YAML `turbineID` 0).
    public var turbineIndex: Int?
    /// 0-based index into `Design.platforms` (YAML `platformID`, 1-based, required).
    public var platformIndex: Int
    /// 0-based index into `Design.moorings`, or nil (YAML `mooringID` 0).
    public var mooringIndex: Int?
    /// Reference position of the PRP [m].
    public var x: Double
    public var y: Double
    /// `heading_adjust` [deg]: added to member headings and rotates the FOWT's own mooring.
    public var headingAdjustDeg: Double
}

/// `array_mooring` (spec 01 §8.2).
public struct ArrayMooringInput: Sendable {
    /// MoorDyn-style file path as written in the YAML.
    public var file: String
    /// Resolved path (against the design folder, then the working directory).
    public var resolvedPath: String
    public var bathymetry: String?
    /// 0 quasi-static, 1 lumped-mass tensions, 2 lumped-mass dynamics.
    public var moorMod: Int
    package var node: YAMLNode
    /// The file's points, lines and line types (read when the design is loaded, so `raft check` finds its errors).
    package var layout: MooringLayout
}

/// A whole RAFT design: the typed content of a design YAML (spec 01).
///
/// Single-FOWT designs have one entry in `platforms` (and at most one in `turbines`, `moorings`) and an
/// `array` of one FOWT at the origin; farm designs list them as in RAFT's `array` table.
public struct Design: Sendable {
    /// The file name used in messages.
    public var file: String
    /// Folder of the design file, for relative paths (MoorDyn files).
    public var baseDirectory: String?
    public var name: String?
    package var settings: Settings
    package var site: Site
    public var cases: CaseTable?
    /// `fatigue` section (swift-raft extension): spectral fatigue, extremes and lifetime settings (defaults if absent).
    package var fatigue = FatigueSettings()
    package var turbines: [TurbineInput]
    package var platforms: [PlatformInput]
    package var moorings: [MooringInput]
    /// FOWTs in array order (one entry at the origin for single-FOWT designs).
    public var fowts: [ArrayEntry]
    /// True when the design has an `array` table (farm mode).
    public var isArray: Bool
    public var arrayMooring: ArrayMooringInput?
    /// Top-level `joints` (nil when absent; in array mode only read when a platform has beam members, spec 01 P14).
    package var joints: [JointInput]?
    /// `mooring.currentMod` of the top-level mooring (0 if absent).
    public var mooringCurrentMod: Int
    /// `mooring.tol` of the top-level mooring (MoorPy equilibrium tolerance, default 0.05).
    public var mooringTolerance: Double
    /// Warnings collected while loading (unknown keys, ignored legacy keys).
    public var diagnostics: Diagnostics
    /// The parsed document.
    package var root: YAMLNode
    /// Strips of each turbine's tower and nacelle members (`checkModelSize`), kept so that an edit outside the turbine
    /// (`setting`) checks the model size without reading the turbine again.
    var turbineStrips: [Double] = []

    static let knownKeys: Set<String> = [
        "type", "name", "comments", "settings", "site", "cases", "turbine", "turbines", "platform", "platforms",
        "joints", "mooring", "moorings", "array", "array_mooring", "fatigue",
    ]

    /// Load and validate a design file.
    public static func load(path: String) throws(InputError) -> Design {
        try load(path: path, readingHydroFiles: true)
    }

    /// Load a design; with `readingHydroFiles` false the WAMIT files of `hydroPath` are not read (for tests of
    /// the strip-theory parts of a design whose files are absent; the model then has no potential-flow data).
    package static func load(path: String, readingHydroFiles: Bool) throws(InputError) -> Design {
        let root = try YAMLNode.load(path: path)
        return try Design(root: root, baseDirectory: FileName.parentDirectory(of: path), readingHydroFiles: readingHydroFiles)
    }

    /// Parse a design from YAML text (`file` is used in messages).
    public static func parse(_ text: String, file: String = "<string>", baseDirectory: String? = nil) throws(InputError) -> Design {
        try Design(root: YAMLNode.parse(text, file: file), baseDirectory: baseDirectory)
    }

    package init(root: YAMLNode, baseDirectory: String?, readingHydroFiles: Bool = true) throws(InputError) {
        var diagnostics = Diagnostics()
        _ = try root.requireMap("a RAFT design (a mapping with site, platform, ...)")
        self.root = root
        self.file = root.file
        self.baseDirectory = baseDirectory
        name = try root.optional("name")?.string()
        root.warnUnknownKeys(Design.knownKeys, &diagnostics)
        settings = try Settings(node: root["settings"], diagnostics: &diagnostics)
        site = try Site(node: root.required("site", "water depth and fluid properties"), diagnostics: &diagnostics)
        (cases, fatigue) = try Design.casesSection(root, diagnostics: &diagnostics)
        platforms = try Design.platformsSection(root, baseDirectory: baseDirectory, readingHydroFiles: readingHydroFiles,
                                                diagnostics: &diagnostics)
        turbines = try Design.turbinesSection(root, diagnostics: &diagnostics)
        moorings = try Design.mooringsSection(root, baseDirectory: baseDirectory, diagnostics: &diagnostics)
        turbineStrips = Design.turbineStrips(turbines)
        try Design.checkModelSize(platforms: platforms, turbineStrips: turbineStrips, settings: settings, root: root)
        (mooringCurrentMod, mooringTolerance) = try Design.mooringSettings(root)
        let topMooring = root.optional("mooring")

        if let arrayNode = root.optional("array") {
            isArray = true
            fowts = try Design.arrayEntries(arrayNode, turbines: turbines.count, platforms: platforms.count,
                                            moorings: moorings.count)
            // RAFT ignores joints in array mode (spec 01 P14) and then rejects beam platform members; swift-raft reads
            // them when a platform has beam members, for every such FOWT (flexible FOWTs in farms).
            let flexiblePlatforms = platforms.contains { $0.members.contains { $0.type == .beam } }
            joints = flexiblePlatforms ? try root.optional("joints").map { n throws(InputError) in try JointInput.list(n) } : nil
            if let am = root.optional("array_mooring") {
                let file = try am.string(key: "file", "a MoorDyn-style file describing the shared mooring")
                let resolved = Design.resolve(file, baseDirectory: baseDirectory)
                guard FileManager.default.isReadableFile(atPath: resolved) else {
                    throw (am["file"] ?? am).error("cannot read the MoorDyn-style mooring file '\(resolved)'")
                }
                // Errors inside the file name the file and its line.
                let layout = try MoorDynFile.load(path: resolved, depth: site.waterDepth, diagnostics: &diagnostics)
                arrayMooring = ArrayMooringInput(file: file, resolvedPath: resolved,
                                                 bathymetry: try am.optional("bathymetry")?.string(),
                                                 moorMod: try am.int("moorMod", default: 0, "0, 1 or 2"), node: am, layout: layout)
                am.warnUnknownKeys(["file", "bathymetry", "moorMod"], &diagnostics)

                if topMooring == nil {
                    diagnostics.warn(am, "RAFT also reads mooring.tol and mooring.currentMod from a top-level 'mooring' mapping; defaults are used")
                }
            } else {
                arrayMooring = nil
            }
        } else {
            isArray = false
            fowts = [Design.singleFOWT(turbines: turbines, moorings: moorings)]
            joints = try root.optional("joints").map { n throws(InputError) in try JointInput.list(n) }
            arrayMooring = nil
            if let am = root["array_mooring"] { diagnostics.warn(am, "array_mooring is only used with an 'array' table; ignored") }
        }
        self.diagnostics = diagnostics
    }

    /// The `cases` table and the `fatigue` section (which needs the number of cases).
    static func casesSection(_ root: YAMLNode, diagnostics: inout Diagnostics) throws(InputError) -> (CaseTable?, FatigueSettings) {
        let cases = try root.optional("cases").map { n throws(InputError) in try CaseTable(node: n, diagnostics: &diagnostics) }
        var fatigue = FatigueSettings()
        if let f = root.optional("fatigue"), !f.isNull {
            fatigue = try FatigueSettings(node: f, caseCount: cases?.cases.count ?? 0, diagnostics: &diagnostics)
        }
        return (cases, fatigue)
    }

    /// The nodes of a section written either once (`platform`) or as a list (`platforms`, which wins).
    static func section(_ root: YAMLNode, _ singular: String, _ plural: String) -> [YAMLNode] {
        if let p = root.optional(plural) { return p.oneOrMany() }
        if let s = root.optional(singular) { return [s] }
        return []
    }

    static func platformsSection(_ root: YAMLNode, baseDirectory: String?, readingHydroFiles: Bool,
                                 diagnostics: inout Diagnostics) throws(InputError) -> [PlatformInput] {
        let platformNodes = section(root, "platform", "platforms")
        if platformNodes.isEmpty {
            throw YAMLPath.root.appending(key: "platform").errorAt(root, "missing required key 'platform' (the floating substructure: members, ...)")
        }
        var platforms: [PlatformInput] = []
        for n in platformNodes { platforms.append(try PlatformInput(node: n, baseDirectory: baseDirectory, readingHydroFiles: readingHydroFiles, diagnostics: &diagnostics)) }
        return platforms
    }

    static func turbinesSection(_ root: YAMLNode, diagnostics: inout Diagnostics) throws(InputError) -> [TurbineInput] {
        var turbines: [TurbineInput] = []
        for n in section(root, "turbine", "turbines") {
            turbines.append(try TurbineInput(node: n, diagnostics: &diagnostics))
            // Tower, nacelle and RNA placement are read again when the FOWT is built; read them here too so that
            // `raft check` finds what `raft run` would.
            _ = try TurbineStructureInput(node: n, diagnostics: &diagnostics)
        }
        return turbines
    }

    static func mooringsSection(_ root: YAMLNode, baseDirectory: String?, diagnostics: inout Diagnostics) throws(InputError) -> [MooringInput] {
        var moorings: [MooringInput] = []
        for n in section(root, "mooring", "moorings") {
            moorings.append(try MooringInput(node: n, baseDirectory: baseDirectory, diagnostics: &diagnostics))
        }
        return moorings
    }

    /// `mooring.currentMod` and `mooring.tol` of the top-level mooring.
    static func mooringSettings(_ root: YAMLNode) throws(InputError) -> (currentMod: Int, tolerance: Double) {
        let topMooring = root.optional("mooring")
        return (try topMooring?.int("currentMod", default: 0, "0 or 1") ?? 0,
                try topMooring?.double("tol", default: 0.05, "a tolerance") ?? 0.05)
    }

    /// The one FOWT of a design without an `array` table: at the origin, with the first turbine and mooring if any.
    static func singleFOWT(turbines: [TurbineInput], moorings: [MooringInput]) -> ArrayEntry {
        ArrayEntry(turbineIndex: turbines.isEmpty ? nil : 0, platformIndex: 0, mooringIndex: moorings.isEmpty ? nil : 0,
                   x: 0, y: 0, headingAdjustDeg: 0)
    }

    /// Most strip × frequency pairs a model may hold (every strip keeps per-frequency loads; about 200 bytes each).
    public static let maxStripFrequencies = 5_000_000

    /// Strips of one member for `checkModelSize`.
    static func strips(_ m: MemberInput, _ dls: Double) -> Double {
        let len = ((m.rB - m.rA) * (m.rB - m.rA)).sum().squareRoot()
        let span = m.stations[m.stations.count - 1] - m.stations[0]
        var n = 1.0
        for i in 1..<m.stations.count { n += ((m.stations[i] - m.stations[i - 1]) / span * len / dls).rounded(.up) }
        return n
    }

    /// Strips of the tower and nacelle members, one entry per member in turbine order (`checkModelSize` adds them).
    static func turbineStrips(_ turbines: [TurbineInput]) -> [Double] {
        var out: [Double] = []
        for t in turbines {
            var d = Diagnostics()
            if let parts = try? TurbineStructureInput(node: t.node, diagnostics: &d) {
                for m in parts.towers + parts.nacelles { out.append(strips(m, m.dlsMax ?? 5)) }
            }
        }
        return out
    }

    /// Resource bound checked before anything is allocated: strips (after heading copies, with towers and nacelles,
    /// `turbineStrips`) times frequencies.
    static func checkModelSize(platforms: [PlatformInput], turbineStrips: [Double], settings: Settings,
                               root: YAMLNode) throws(InputError) {
        var total = 0.0
        for p in platforms {
            for m in p.members { total += Double(m.headingsDeg?.count ?? 1) * strips(m, m.dlsMax ?? p.dlsMax) }
        }
        for t in turbineStrips { total += t }
        let nw = ((settings.maxFreqHz + 0.5 * settings.minFreqHz - settings.minFreqHz) / settings.minFreqHz).rounded(.up)
        if total * nw > Double(maxStripFrequencies) {
            let at = root["settings"]?["min_freq"] ?? root["platform"]?["dlsMax"] ?? root
            throw at.error("the model would have \(Int(total)) strips × \(Int(nw)) frequencies = \(String(cFormat: "%.3g", total * nw)) strip-frequencies, more than \(maxStripFrequencies) (memory); raise dlsMax or min_freq, or lower max_freq")
        }
    }

    static func resolve(_ file: String, baseDirectory: String?) -> String {
        if file.hasPrefix("/") { return file }
        if let base = baseDirectory {
            let p = URL(fileURLWithPath: base).appendingPathComponent(file).path
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        return file
    }

    private static func arrayEntries(_ node: YAMLNode, turbines: Int, platforms: Int, moorings: Int) throws(InputError) -> [ArrayEntry] {
        _ = try node.requireMap("the array section (a mapping with keys and data)")
        let keysNode = try node.required("keys", "column names")
        var keys: [String] = []
        for k in try keysNode.list("a list of column names") { keys.append(try k.string()) }
        let required = ["turbineID", "platformID", "mooringID", "x_location", "y_location", "heading_adjust"]
        for r in required where !keys.contains(r) {
            throw keysNode.error("missing column '\(r)'; the array table needs \(required.joined(separator: ", "))")
        }
        var out: [ArrayEntry] = []
        for row in try node.required("data", "one row per FOWT").list("a list of rows") {
            let cells = try row.list("an array row")
            guard cells.count == keys.count else {
                throw row.error("expected \(keys.count) values (one per key in array.keys), got \(cells.count)")
            }
            func cell(_ k: String) -> YAMLNode { cells[keys.firstIndex(of: k)!] }
            let t = try cell("turbineID").int("a turbine number (1-based, 0 for none)")
            let p = try cell("platformID").int("a platform number (1-based)")
            let m = try cell("mooringID").int("a mooring number (1-based, 0 for none)")
            guard t >= 0 && t <= turbines else { throw cell("turbineID").error("expected 0..\(turbines) (\(turbines) turbine\(turbines == 1 ? "" : "s") defined), got \(t)") }
            guard p >= 1 && p <= platforms else { throw cell("platformID").error("expected 1..\(platforms) (\(platforms) platform\(platforms == 1 ? "" : "s") defined; 0 is not supported), got \(p)") }
            guard m >= 0 && m <= moorings else { throw cell("mooringID").error("expected 0..\(moorings) (\(moorings) mooring\(moorings == 1 ? "" : "s") defined), got \(m)") }
            out.append(ArrayEntry(turbineIndex: t == 0 ? nil : t - 1, platformIndex: p - 1, mooringIndex: m == 0 ? nil : m - 1,
                                  x: try cell("x_location").double("an x position in m"),
                                  y: try cell("y_location").double("a y position in m"),
                                  headingAdjustDeg: try cell("heading_adjust").double("a heading in deg")))
        }
        if out.isEmpty { throw node.error("the array table has no rows; expected one row per FOWT") }
        return out
    }
}
