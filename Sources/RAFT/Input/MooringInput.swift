#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// FOWT-level `mooring` section (spec 01 §9, 04 §1.1), parsed with MoorPy's `System.parseYAML` rules, or
/// the MoorDyn-style file it names (`file:`).
///
/// `baseDirectory` is the folder of the design file (MoorDyn `file:` paths are resolved against it,
/// then against the working directory as RAFT does).
package struct MooringInput: Sendable {
    package var node: YAMLNode
    /// Where the mooring section was written.
    package var location: InputLocation
    /// Number of mooring lines.
    package var lineCount: Int
    /// `water_depth`: MoorPy's depth [m] (independent of `site.water_depth`, spec 04 pitfall 1). A MoorDyn
    /// file's depth option replaces it.
    package var waterDepth: Double
    /// `rho`/`water_density` [kg/m³] (default 1025; a MoorDyn `rho` option replaces it).
    package var rho: Double
    /// Gravity [m/s²] (9.81 unless a MoorDyn option sets it).
    package var g: Double
    /// `moorMod`: 0 quasi-static, 1 lumped-mass tensions, 2 lumped-mass dynamics.
    package var moorMod: Int
    /// `tol`: MoorPy equilibrium tolerance `ms_tol` [m] (default 0.05).
    package var tolerance: Double
    /// `currentMod` (read by RAFT from the top-level mooring only).
    package var currentMod: Int
    /// `file` as written, and the path it was read from.
    package var file: String?
    package var resolvedFile: String?
    /// The points, lines and line types.
    package var layout: MooringLayout

    static let knownKeys: Set<String> = [
        "water_depth", "rho", "water_density", "file", "line_types", "points", "lines", "anchor_types", "bodies",
        "moorMod", "tol", "currentMod", "name", "comments",
    ]

    package init(node: YAMLNode, baseDirectory: String?, diagnostics: inout Diagnostics) throws(InputError) {
        self.node = try node.requireMap("the mooring section (a mapping)")
        location = node.location
        node.warnUnknownKeys(MooringInput.knownKeys, &diagnostics)
        // In farms the top-level `mooring` may only carry tol/currentMod (spec 01 P14); MoorPy reads the
        // objects only when a FOWT uses the section, so an empty section is accepted here.
        let hasObjects = node.optional("file") != nil || node.has("line_types") || node.has("points") || node.has("lines")
        if let depthNode = node.optional("water_depth") {
            waterDepth = try depthNode.double("a water depth in m")
        } else if hasObjects {
            throw node.path.appending(key: "water_depth").errorAt(node,
                "missing required key 'water_depth' (MoorPy's depth for the mooring, independent of site.water_depth)")
        } else {
            waterDepth = 0
        }
        if let r = node.optional("rho") ?? node.optional("water_density") {
            rho = try r.double("a water density in kg/m^3")
        } else {
            rho = 1025
        }
        g = 9.81
        moorMod = try node.int("moorMod", default: 0, "0, 1 or 2")
        guard (0...2).contains(moorMod) else { throw (node["moorMod"] ?? node).error("expected 0, 1 or 2, got \(moorMod)") }
        try (node["rho"] ?? node["water_density"] ?? node).check(rho, .positive, "a water density in kg/m^3")
        tolerance = try node.double("tol", default: 0.05, "an equilibrium tolerance in m")
        try (node["tol"] ?? node).check(tolerance, .positive, "an equilibrium tolerance in m")
        currentMod = try node.int("currentMod", default: 0, "0 or 1")

        if let fileNode = node.optional("file"), case let f = try fileNode.string("a MoorDyn-style file name"), !f.isEmpty {
            file = f
            let path = MooringInput.resolve(f, baseDirectory: baseDirectory)
            resolvedFile = path
            guard FileManager.default.fileExists(atPath: path) else {
                throw fileNode.error("mooring file '\(f)' not found (looked in the design's folder and the working directory)")
            }
            if f.lowercased().contains(".yaml") || f.lowercased().contains(".yml") {
                let sub = try YAMLNode.load(contentsOf: URL(fileURLWithPath: path))
                let inner = try MooringInput(node: sub, baseDirectory: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                                             diagnostics: &diagnostics)
                layout = inner.layout; waterDepth = inner.waterDepth; rho = inner.rho; g = inner.g
            } else {
                layout = try MoorDynFile.load(path: path, depth: waterDepth, diagnostics: &diagnostics)
                if let d = layout.optionDepth { waterDepth = d }
                if let r = layout.optionRho { rho = r }
                if let gg = layout.optionG { g = gg }
            }
        } else if hasObjects {
            file = nil; resolvedFile = nil
            layout = try MooringInput.parseLayout(node, diagnostics: &diagnostics)
            try MooringInput.checkGeometry(layout, node: node, depth: waterDepth, diagnostics: &diagnostics)
        } else {
            file = nil; resolvedFile = nil
            layout = MooringLayout()
        }
        lineCount = layout.lines.count
    }

    /// `mooring.file` resolution: design folder, then working directory, then (RAFT's tests run from the
    /// folder above `test_data/`) the file name alone in the design folder.
    static func resolve(_ file: String, baseDirectory: String?) -> String {
        let fm = FileManager.default
        if file.hasPrefix("/") { return file }
        if let base = baseDirectory {
            let p = URL(fileURLWithPath: base).appendingPathComponent(file).path
            if fm.fileExists(atPath: p) { return p }
        }
        if fm.fileExists(atPath: file) { return file }
        if let base = baseDirectory {
            let p = URL(fileURLWithPath: base).appendingPathComponent(URL(fileURLWithPath: file).lastPathComponent).path
            if fm.fileExists(atPath: p) { return p }
        }
        return file
    }

    /// Keys of a line type, a point and a line (built once: a sweep reads the mooring section once per variant).
    static let lineTypeKeys: Set<String> = ["name", "diameter", "mass_density", "stiffness", "breaking_load", "cost", "transverse_drag",
                                            "tangential_drag", "transverse_added_mass", "tangential_added_mass", "material", "comment"]
    static let pointKeys: Set<String> = ["name", "type", "location", "mass", "volume", "anchor_type", "comment"]
    static let lineKeys: Set<String> = ["name", "endA", "endB", "type", "length", "comment"]

    /// `text.contains(part)` for an ASCII `part`: a byte search when `text` is ASCII too (each byte is then one
    /// Character, so the answers agree), `contains` otherwise. The generic `contains` was most of a sweep variant's
    /// mooring re-read (issue 17).
    static func containsText(_ text: String, _ part: String) -> Bool {
        let t = text.utf8, p = part.utf8
        guard t.allSatisfy({ $0 < 0x80 }), p.allSatisfy({ $0 < 0x80 }) else { return text.contains(part) }
        guard p.count <= t.count else { return false }
        let tb = Array(t), pb = Array(p)
        for start in 0...(tb.count - pb.count) where tb[start] == pb[0] {
            if tb[start..<(start + pb.count)].elementsEqual(pb) { return true }
        }
        return false
    }

    /// MoorPy `System.parseYAML` for `line_types`, `points` and `lines` (spec 04 §1.1).
    static func parseLayout(_ node: YAMLNode, diagnostics: inout Diagnostics) throws(InputError) -> MooringLayout {
        var layout = MooringLayout()
        for item in try node.required("line_types", "the mooring line types").list("a list of line types") {
            _ = try item.requireMap("a line type (name, diameter, mass_density, stiffness, ...)")
            item.warnUnknownKeys(lineTypeKeys, &diagnostics)
            var t = LineType(name: try item.string(key: "name", "the line type name"),
                             diameter: try item.double(key: "diameter", "a volume-equivalent diameter in m"),
                             massDensity: try item.double(key: "mass_density", "a mass per length in kg/m"),
                             stiffness: try item.double(key: "stiffness", "an axial stiffness EA in N"))
            // MoorPy would fail later inside the catenary solve; say what is wrong where it is written.
            guard t.diameter > 0 else { throw item["diameter"]!.error("expected a positive diameter in m, got \(t.diameter)") }
            guard t.massDensity >= 0 else { throw item["mass_density"]!.error("expected a non-negative mass per length in kg/m, got \(t.massDensity)") }
            guard t.stiffness > 0 else { throw item["stiffness"]!.error("expected a positive axial stiffness EA in N, got \(t.stiffness)") }
            t.breakingLoad = try item.double("breaking_load", default: 0)
            t.cost = try item.double("cost", default: 0)
            t.transverseDrag = try item.double("transverse_drag", default: 0)
            t.tangentialDrag = try item.double("tangential_drag", default: 0)
            t.transverseAddedMass = try item.double("transverse_added_mass", default: 0)
            t.tangentialAddedMass = try item.double("tangential_added_mass", default: 0)
            for (key, what, v) in [("breaking_load", "breaking load", t.breakingLoad), ("transverse_drag", "transverse drag", t.transverseDrag),
                                   ("tangential_drag", "tangential drag", t.tangentialDrag),
                                   ("transverse_added_mass", "transverse added mass", t.transverseAddedMass),
                                   ("tangential_added_mass", "tangential added mass", t.tangentialAddedMass)] {
                try (item[key] ?? item).check(v, .nonNegative, what)
            }
            if let i = layout.lineTypes.firstIndex(where: { $0.name == t.name }) { layout.lineTypes[i] = t }  // dict: last wins
            else { layout.lineTypes.append(t) }
        }

        // Point names are looked up in `layout.points` (point i at index i), not in a `[String: Int]`: that
        // dictionary's growth is a standard-library specialization the linker takes from FoundationEssentials, which
        // names its storage type by mangled name, and its first use in a process scanned all ~4,000 conformance
        // records for `String: Hashable` (~0.24 M instructions on the main thread while the design is read). A
        // mooring section has a few dozen points.
        var bodyCount = 0
        let pointNodes = try node.required("points", "the mooring points").list("a list of points")
        for (i, item) in pointNodes.enumerated() {
            _ = try item.requireMap("a point (name, type, location)")
            item.warnUnknownKeys(pointKeys, &diagnostics)
            let name = try item.string(key: "name", "the point name")
            let typeNode = try item.required("type", "fixed, vessel or free")
            let type = try typeNode.string("a point type").lowercased()
            let attachment: PointAttachment
            // MoorPy tests the type by substring, in this order.
            func has(_ part: String) -> Bool { containsText(type, part) }
            if has("anch") || has("fix") {
                attachment = .fixed
            } else if has("body") {
                guard let n = MoorDynFile.digits(type), n >= 1, n <= bodyCount else {
                    throw typeNode.error("point type '\(type)' refers to a body that does not exist (the YAML mooring section defines no bodies; use 'vessel' for points on the FOWT)")
                }
                attachment = .body(n)
            } else if has("fair") || has("ves") {
                bodyCount = max(bodyCount, 1)  // body 1 is created on first use
                attachment = .body(1)
            } else if has("con") || has("free") {
                attachment = .free
            } else {
                throw typeNode.error("point type '\(type)' not recognised; expected fixed/anchor, vessel/fairlead or free/connection")
            }
            let locationNode = try item.required("location", "[x, y, z] in m")
            let point = MooringPointInput(number: i + 1, name: name, attachment: attachment,
                                          location: try locationNode.vector3(),
                                          mass: try item.double("mass", default: 0, "a mass in kg"),
                                          volume: try item.double("volume", default: 0, "a volume in m^3"))
            try (item["mass"] ?? item).check(point.mass, .nonNegative, "a point mass in kg")
            try (item["volume"] ?? item).check(point.volume, .nonNegative, "a point volume in m^3")
            if case .fixed = attachment, point.location.z > 0 {
                throw locationNode.error("anchor (fixed point) '\(name)' is \(point.location.z) m above the water surface; expected z ≤ 0 (between the seabed and the surface)")
            }
            layout.points.append(point)
        }

        let lineNodes = try node.required("lines", "the mooring lines").list("a list of lines")
        for (i, item) in lineNodes.enumerated() {
            _ = try item.requireMap("a line (endA, endB, type, length)")
            item.warnUnknownKeys(lineKeys, &diagnostics)
            var ends: [Int] = []
            for key in ["endA", "endB"] {
                let n = try item.required(key, "a point name")
                let s = try n.string("a point name")
                // MoorPy's dict of names: a repeated name points to the last point of that name.
                guard let p = layout.points.lastIndex(where: { $0.name == s }) else {
                    throw n.error("unknown point '\(s)'; known: \(layout.points.map { $0.name }.joined(separator: ", "))")
                }
                ends.append(p)
            }
            if ends[0] == ends[1] {
                throw (item["endB"] ?? item).error("line \(i) starts and ends at the same point '\(layout.points[ends[0]].name)'; expected two different points")
            }
            let typeNode = try item.required("type", "a line type name")
            let typeName = try typeNode.string("a line type name")
            guard let t = layout.lineTypes.firstIndex(where: { $0.name == typeName }) else {
                throw typeNode.error("unknown line type '\(typeName)'; known: \(layout.lineTypes.map { $0.name }.joined(separator: ", "))")
            }
            let length = try item.double(key: "length", "an unstretched length in m")
            guard length > 0 else { throw (item["length"] ?? item).error("expected a positive length in m, got \(length)") }
            layout.lines.append(MooringLineInput(number: i + 1, typeIndex: t, endA: ends[0], endB: ends[1], length: length, segments: 100))
        }
        return layout
    }

    /// Geometry checks MoorPy leaves to the catenary solve: no point below the seabed; a line that must stretch to
    /// more than 11 times its length to span its ends at the undisplaced pose is an input error, one that must stretch
    /// more than 10 % a warning (MoorPy then models it as a straight elastic spring; RAFT's Vertical_cylinder example
    /// uses such 1 m springs on purpose).
    static func checkGeometry(_ layout: MooringLayout, node: YAMLNode, depth: Double,
                              diagnostics: inout Diagnostics) throws(InputError) {
        guard depth > 0 else { throw (node["water_depth"] ?? node).error("expected a positive water depth in m, got \(depth)") }
        let pointNodes = (try? node.required("points").list()) ?? []
        for (i, p) in layout.points.enumerated() where p.location.z < -depth * (1 + 1e-9) - 1e-6 {
            let at = i < pointNodes.count ? (pointNodes[i]["location"] ?? pointNodes[i]) : node
            throw at.error("point '\(p.name)' is \(-p.location.z) m deep, below the seabed (mooring.water_depth \(depth) m)")
        }
        let lineNodes = (try? node.required("lines").list()) ?? []
        for (i, l) in layout.lines.enumerated() {
            let a = layout.points[l.endA], b = layout.points[l.endB]
            if case .free = a.attachment { continue }
            if case .free = b.attachment { continue }
            let span = norm(b.location - a.location)
            let at = i < lineNodes.count ? (lineNodes[i]["length"] ?? lineNodes[i]) : node
            if span > 1.1 * l.length && span <= 11 * l.length {
                diagnostics.warn(at, "line \(i) (\(l.length) m) must stretch \(String(cFormat: "%.0f", (span / l.length - 1) * 100)) % to span its ends (\(String(cFormat: "%.1f", span)) m apart); it will act as a straight elastic spring")
            }
            if span > 11 * l.length {
                throw at.error("a line of \(l.length) m cannot reach from point '\(a.name)' to point '\(b.name)' \(String(cFormat: "%.1f", span)) m apart (it would stretch \(String(cFormat: "%.0f", (span / l.length - 1) * 100)) %); expected a length of at least about \(String(cFormat: "%.1f", span)) m")
            }
        }
    }
}
