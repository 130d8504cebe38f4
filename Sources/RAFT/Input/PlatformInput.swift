/// A `point_inertia` entry of `platform.additional_effects` (spec 01 §6.3, 06 §3.4).
package struct PointInertiaInput: Sendable, Equatable {
    /// `mass` [kg].
    package var mass: Double
    /// `moments_of_inertia` [Jxx, Jyy, Jzz, Jxy, Jxz, Jyz] about `location` [kg·m²].
    package var moments: [Double]
    /// `location` in the platform frame [m].
    package var location: Vec3
}

/// A `mean_load` entry of `platform.additional_effects`: constant load in global axes (statics only).
package struct MeanLoadInput: Sendable, Equatable {
    /// `load` [Fx, Fy, Fz, Mx, My, Mz] [N, N·m].
    package var load: [Double]
    /// `location` [m].
    package var location: Vec3
}

/// `platform` section (spec 01 §6): platform switches and the member maps, with RAFT's FOWT-level
/// preprocessing applied (`potModMaster` → member `potMod`, platform `dlsMax` default; spec 02 §1.1).
package struct PlatformInput: Sendable {
    /// The raw `platform` node.
    package var node: YAMLNode
    /// Number of entries in `platform.members` (before heading copies).
    package var memberCount: Int
    /// Member maps in YAML order. `potMod` and `dlsMax` are always set here (resolved as RAFT does).
    package var members: [MemberInput]
    /// `potModMaster`: 0 keep member potMod, 1 all strip theory, 2/3 all potential flow.
    package var potModMaster: Int
    /// `dlsMax`: default maximum strip length for platform members [m] (5).
    package var dlsMax: Double
    /// `potFirstOrder` (0/1) and `hydroPath` (WAMIT prefix, relative to the working directory).
    package var potFirstOrder: Int
    package var hydroPath: String?
    /// The WAMIT `.1`/`.3` files named by `hydroPath`, read at load time when `potFirstOrder` is 1 (RAFT reads
    /// them at construction); nil otherwise.
    package var hydroFiles: WAMITFiles?
    /// Where the platform section and its potential-flow switches were written (for errors found by the model).
    package var location: InputLocation
    package var potModMasterLocation: InputLocation?
    package var potFirstOrderLocation: InputLocation?
    /// `potSecOrder` 0/1/2 and the slender-body QTF grid [Hz].
    package var potSecOrder: Int
    package var minFreq2ndHz: Double?
    package var maxFreq2ndHz: Double?
    package var dFreq2ndHz: Double?
    /// `yaw_stiffness` [N·m/rad] (eigen analysis only).
    package var yawStiffness: Double
    /// Panel-mesh and BEM settings (`min_freq_BEM`, `dz_BEM`, `da_BEM`, `intersectMesh`; spec 05 §1).
    package var bem: BEMSettingsInput
    /// `additional_effects` of type `point_inertia` and `mean_load`, in YAML order.
    package var pointInertias: [PointInertiaInput]
    package var meanLoads: [MeanLoadInput]
    /// True when any member uses potential flow (RAFT `FOWT.potMod`).
    package var anyPotMod: Bool { members.contains { $0.potMod == true } }
    /// Members after heading copies (RAFT `nplatmems`).
    package var expandedMemberCount: Int { members.reduce(0) { $0 + ($1.headingsDeg?.count ?? 1) } }

    static let knownKeys: Set<String> = [
        "members", "potModMaster", "dlsMax", "min_freq_BEM", "dz_BEM", "da_BEM", "intersectMesh", "lid_BEM", "rectangularMesh_BEM",
        "characteristic_length_min", "characteristic_length_max", "potFirstOrder", "hydroPath", "potSecOrder",
        "min_freq2nd", "max_freq2nd", "df_freq2nd", "outFolderQTF", "yaw_stiffness", "additional_effects", "qtfPath",
        "type", "name",
    ]

    package init(node: YAMLNode, baseDirectory: String? = nil, readingHydroFiles: Bool = true,
                 diagnostics: inout Diagnostics) throws(InputError) {
        self.node = try node.requireMap("the platform section (a mapping with members, ...)")
        location = node.location
        potModMasterLocation = node["potModMaster"]?.location
        potFirstOrderLocation = node["potFirstOrder"]?.location
        node.warnUnknownKeys(Self.knownKeys, &diagnostics)
        let memberNodes = try node.required("members", "list of platform members").list("a list of member mappings")
        memberCount = memberNodes.count
        guard memberCount > 0 else { throw node["members"]!.error("expected at least one platform member, got an empty list") }
        potModMaster = try node.int("potModMaster", default: 0, "0, 1, 2 or 3")
        guard (0...3).contains(potModMaster) else {
            throw (node["potModMaster"] ?? node).error("expected 0, 1, 2 or 3, got \(potModMaster)")
        }
        dlsMax = try node.double("dlsMax", default: 5.0, "a maximum strip length in m")
        guard dlsMax > 0 else { throw (node["dlsMax"] ?? node).error("expected a positive maximum strip length in m, got \(dlsMax)") }
        potFirstOrder = try node.int("potFirstOrder", default: 0, "0 or 1")
        hydroPath = try node.optional("hydroPath")?.string("a WAMIT file prefix")
        if potFirstOrder == 1 {
            let pathNode = try node.required("hydroPath", "WAMIT file prefix, required with potFirstOrder 1")
            hydroFiles = readingHydroFiles ? try WAMITFiles(hydroPath: pathNode, baseDirectory: baseDirectory) : nil
        } else {
            hydroFiles = nil
        }
        potSecOrder = try node.int("potSecOrder", default: 0, "0, 1 or 2")
        minFreq2ndHz = try node.optional("min_freq2nd")?.double("a frequency in Hz")
        maxFreq2ndHz = try node.optional("max_freq2nd")?.double("a frequency in Hz")
        dFreq2ndHz = try node.optional("df_freq2nd")?.double("a frequency step in Hz")
        for (key, v) in [("min_freq2nd", minFreq2ndHz), ("max_freq2nd", maxFreq2ndHz), ("df_freq2nd", dFreq2ndHz)] {
            if let v, !(v > 0) { throw (node[key] ?? node).error("expected a positive frequency in Hz, got \(v)") }
        }
        if let lo = minFreq2ndHz, let hi = maxFreq2ndHz, (hi - lo) / (dFreq2ndHz ?? lo) > 1e5 {
            throw (node["df_freq2nd"] ?? node).error("the second-order frequency grid would have more than 100000 points")
        }
        if potSecOrder == 1 {
            if minFreq2ndHz == nil { _ = try node.required("min_freq2nd", "required with potSecOrder 1") }
            if maxFreq2ndHz == nil { _ = try node.required("max_freq2nd", "required with potSecOrder 1") }
        }
        yawStiffness = try node.double("yaw_stiffness", default: 0, "a yaw stiffness in N·m/rad")
        try (node["yaw_stiffness"] ?? node).check(yawStiffness, .nonNegative, "a yaw stiffness in N·m/rad")
        bem = try BEMSettingsInput(platform: node)

        members = []
        var names: [String: YAMLNode] = [:]
        for m in memberNodes {
            var mi = try MemberInput(node: m, diagnostics: &diagnostics)
            if names[mi.name] != nil {
                throw (m["name"] ?? m).error("member name '\(mi.name)' is used twice; platform member names must be unique")
            }
            names[mi.name] = m
            switch potModMaster {
            case 1: mi.potMod = false
            case 2, 3: mi.potMod = true
            default:
                if mi.potMod == nil {
                    _ = try m.required("potMod", "true or false; required for every platform member when potModMaster is 0")
                }
            }
            if mi.dlsMax == nil {
                let len = ((mi.rB - mi.rA) * (mi.rB - mi.rA)).sum().squareRoot()
                guard len / dlsMax <= Double(MemberInput.maxStrips) else {
                    throw (node["dlsMax"] ?? node).error("a maximum strip length of \(dlsMax) m splits member '\(mi.name)' (\(len) m) into more than \(MemberInput.maxStrips) strips; expected dlsMax ≥ \(len / Double(MemberInput.maxStrips)) m")
                }
                mi.dlsMax = dlsMax
            }
            if let h = mi.headingsDeg, h.isEmpty { throw (m["heading"] ?? m).error("expected at least one heading in deg") }
            members.append(mi)
        }

        pointInertias = []
        meanLoads = []
        if let ae = node.optional("additional_effects") {
            for e in try ae.list("a list of additional effects (point_inertia, mean_load)") {
                let type = try e.string(key: "type", "point_inertia or mean_load")
                switch type {
                case "point_inertia":
                    e.warnUnknownKeys(["type", "mass", "moments_of_inertia", "location"], &diagnostics)
                    let pi = PointInertiaInput(
                        mass: try e.double("mass", default: 0, "a mass in kg"),
                        moments: try e.required("moments_of_inertia", "[Jxx, Jyy, Jzz, Jxy, Jxz, Jyz] in kg·m²")
                            .doubles(count: 6, "moments of inertia [Jxx, Jyy, Jzz, Jxy, Jxz, Jyz] in kg·m²"),
                        location: try e.required("location", "[x, y, z] in m").vector3())
                    try (e["mass"] ?? e).check(pi.mass, .nonNegative, "a mass in kg")
                    try e.check("moments_of_inertia", Array(pi.moments.prefix(3)) + [0, 0, 0], .nonNegative, "a principal moment of inertia in kg·m²")
                    pointInertias.append(pi)
                case "mean_load":
                    e.warnUnknownKeys(["type", "load", "location"], &diagnostics)
                    meanLoads.append(MeanLoadInput(
                        load: try e.required("load", "[Fx, Fy, Fz, Mx, My, Mz] in N and N·m").doubles(count: 6, "a load [Fx, Fy, Fz, Mx, My, Mz]"),
                        location: try e.required("location", "[x, y, z] in m").vector3()))
                default:
                    diagnostics.warn(e, "additional effect type '\(type)' is ignored by RAFT (known: point_inertia, mean_load)")
                }
            }
        }
    }
}
