/// Cross-section shape of a member (`shape`: first letter c/C circular, r/R rectangular).
package enum MemberShape: String, Sendable, Equatable {
    case circular
    case rectangular
}

/// Structural model of a member (`type`).
package enum MemberType: String, Sendable, Equatable {
    /// One node at end A, rigidly attached (RAFT `'rigid'`).
    case rigid
    /// Flexible Euler–Timoshenko beam, one node per strip node (RAFT `'beam'`).
    case beam
}

/// One member map of `platform.members`, `turbine.tower` or `turbine.nacelle` (spec 01 §6.2, 02 §1).
///
/// Values are as in the YAML after RAFT's `getFromDict` broadcasting: station units are kept (scaling to
/// metres happens in `Member`), angles in degrees. Rectangular sizes are (side along p1, side along p2) pairs;
/// circular members store the diameter in both lanes.
package struct MemberInput: Sendable {
    package var name: String
    package var type: MemberType
    /// End A / end B in the platform frame, relative to the PRP, before any heading rotation [m].
    package var rA: Vec3
    package var rB: Vec3
    package var shape: MemberShape
    /// `heading` list [deg]: one member copy per entry (platform members only). nil when absent.
    package var headingsDeg: [Double]?
    /// `gamma`: twist about the member axis [deg] (RAFT forces 0 for circular members).
    package var gammaDeg: Double
    /// `stations` (arbitrary units mapped linearly onto A→B), non-decreasing, at least 2.
    package var stations: [Double]
    /// `d`: diameter (both lanes) or side-length pair per station [m].
    package var sizes: [SIMD2<Double>]
    /// `t`: shell thickness per station [m] (default 0).
    package var thickness: [Double]
    /// `rho_shell` [kg/m³] (default 8500).
    package var rhoShell: Double
    /// `l_fill`: ballast fill height per section, in station units (default 0).
    package var fillLength: [Double]
    /// `rho_fill` per section [kg/m³] (default 1025).
    package var rhoFill: [Double]
    /// `cap_stations` (station units), `cap_t` [m], `cap_d_in` [m] (pairs for rectangles).
    package var capStations: [Double]
    package var capThickness: [Double]
    package var capInnerSize: [SIMD2<Double>]
    /// Transverse drag `Cd` along p1 / p2 per station (RAFT `Cd_p1`, `Cd_p2`; getFromDict index rule, spec 02 PF8).
    package var cdP1: [Double]
    package var cdP2: [Double]
    /// Transverse added mass `Ca` along p1 / p2 per station.
    package var caP1: [Double]
    package var caP2: [Double]
    /// `CdEnd`, `CaEnd`, `Cd_q`, `Ca_q` per station (`Ca_q` is read but unused by RAFT, PF19).
    package var cdEnd: [Double]
    package var caEnd: [Double]
    package var cdAxial: [Double]
    package var caAxial: [Double]
    /// `dlsMax`: maximum strip length [m]; nil = not given (platform default or 5).
    package var dlsMax: Double?
    /// `potMod`; nil when absent.
    package var potMod: Bool?
    /// `MCF` (MacCamy–Fuchs); forced false for rectangles.
    package var mcf: Bool
    /// `E`, `G` [Pa] (beams only).
    package var youngsModulus: Double?
    package var shearModulus: Double?
    /// The raw member map.
    package var node: YAMLNode

    /// Most strips one member may be cut into (`dlsMax`): more costs memory and time in every frequency loop
    /// without changing the answer (RAFT's default of 5 m gives tens per member).
    package static let maxStrips = 10_000

    static let knownKeys: Set<String> = [
        "name", "type", "rA", "rB", "shape", "heading", "gamma", "stations", "d", "t", "rho_shell", "E", "G",
        "dlsMax", "l_fill", "rho_fill", "cap_stations", "cap_t", "cap_d_in", "Cd", "Ca", "CdEnd", "CaEnd",
        "Cd_q", "Ca_q", "potMod", "MCF", "extensionA", "extensionB",
    ]

    package init(node: YAMLNode, diagnostics: inout Diagnostics) throws(InputError) {
        _ = try node.requireMap("a member mapping (name, type, rA, rB, shape, stations, d, ...)")
        self.node = node
        node.warnUnknownKeys(Self.knownKeys, &diagnostics)
        name = try node.string(key: "name", "the member name")
        let typeNode = try node.required("type", "rigid or beam")
        let typeText = try typeNode.string("rigid or beam")
        guard let t = MemberType(rawValue: typeText) else {
            throw typeNode.error("member type '\(typeText)' is not supported; expected 'rigid' or 'beam'")
        }
        type = t
        let rANode = try node.required("rA", "end A position [x, y, z] in m")
        let rBNode = try node.required("rB", "end B position [x, y, z] in m")
        rA = try rANode.vector3("end A position [x, y, z] in m")
        rB = try rBNode.vector3("end B position [x, y, z] in m")
        if rA.z == 0 { throw rANode.error("members cannot start or end on the waterplane (z = 0); move end A slightly") }
        if rB.z == 0 { throw rBNode.error("members cannot start or end on the waterplane (z = 0); move end B slightly") }
        if rA == rB { throw rBNode.error("member '\(name)' has the same start and end points (zero length)") }

        let shapeNode = try node.required("shape", "circular or rectangular")
        let shapeText = try shapeNode.string("circular or rectangular")
        switch shapeText.first {
        case "c", "C": shape = .circular
        case "r", "R": shape = .rectangular
        default: throw shapeNode.error("expected 'circular' or 'rectangular' (first letter c or r), got '\(shapeText)'")
        }
        if let h = node.optional("heading") {
            headingsDeg = h.isScalar ? [try h.double("a heading in deg")] : try h.doubles("a list of headings in deg")
        } else {
            headingsDeg = nil
        }
        gammaDeg = try node.getScalar("gamma", default: 0, "a twist angle in deg")

        let stNode = try node.required("stations", "a list of at least 2 station positions")
        stations = try stNode.doubles("a list of at least 2 station positions")
        guard stations.count >= 2 else { throw stNode.error("expected at least 2 stations, got \(stations.count)") }
        for i in 1..<stations.count where stations[i] < stations[i - 1] {
            throw stNode.error("stations must be in ascending order (station \(i) = \(stations[i]) < \(stations[i - 1]))")
        }
        let n = stations.count
        guard stations[n - 1] > stations[0] else {
            throw stNode.error("the first and last stations are equal (\(stations[0])); stations must span the member from end A to end B")
        }
        switch shape {
        case .circular:
            sizes = try node.getStations("d", count: n, default: nil, "diameters (one per station)").map { SIMD2($0, $0) }
        case .rectangular:
            guard n == 2 else {
                throw stNode.error("rectangular members with \(n) stations are not supported (RAFT 2.0.4 crashes for more than 2; spec 02 PF13)")
            }
            sizes = try node.getTable("d", rows: n, columns: 2, default: nil, "side-length pairs").map { SIMD2($0[0], $0[1]) }
        }
        switch shape {
        case .circular: try node.check("d", sizes.map { $0.x }, .positive, "a diameter in m")
        case .rectangular:
            for (i, s) in sizes.enumerated() where !(Domain.positive.contains(s.x) && Domain.positive.contains(s.y)) {
                throw node.elementNode("d", index: i, count: n).node.error("expected side lengths in m > 0, got [\(s.x), \(s.y)]")
            }
        }
        thickness = try node.getStations("t", count: n, default: 0, "wall thicknesses (one per station)")
        try node.check("t", thickness, .nonNegative, "a wall thickness in m")
        for i in 0..<n {
            // A wall thicker than the radius leaves a negative inner size (RAFT clamps it to 0 and the member gets the
            // mass of a solid one); accept a solid section (t = d/2) but nothing beyond it.
            let half = 0.5 * min(sizes[i].x, sizes[i].y)
            if thickness[i] > half {
                throw node.elementNode("t", index: i, count: n).node.error(
                    "expected a wall thickness in m ≤ half the \(shape == .circular ? "diameter" : "smaller side") (\(half) m at station \(i)), got \(thickness[i])")
            }
        }
        rhoShell = try node.getScalar("rho_shell", default: 8500, "a shell density in kg/m^3")
        try (node["rho_shell"] ?? node).check(rhoShell, .nonNegative, "a shell density in kg/m^3")
        if type == .beam, let i = thickness.firstIndex(where: { $0 <= 0 }) {
            throw (node["t"] ?? node).error("beam member '\(name)' needs positive shell thickness at every station (station \(i) has \(thickness[i]))")
        }
        fillLength = try node.getStations("l_fill", count: n - 1, default: 0, "fill heights (one per section, station units)")
        for i in 0..<(n - 1) {
            let where_ = node["l_fill"] ?? node
            if fillLength[i] < 0 { throw where_.error("ballast level in section \(i + 1) is negative (\(fillLength[i]))") }
            if fillLength[i] > stations[i + 1] - stations[i] {
                throw where_.error("ballast level in section \(i + 1) exceeds the section length (\(fillLength[i]) > \(stations[i + 1] - stations[i]), station units)")
            }
        }
        if let rf = node.optional("rho_fill"), rf.isList {
            let v = try rf.doubles("fill densities in kg/m^3")
            guard v.count == n - 1 else {
                throw rf.error("expected 1 or \(n - 1) values (one per section between stations), got \(v.count)")
            }
            rhoFill = v
        } else {
            rhoFill = Array(repeating: try node.getScalar("rho_fill", default: 1025, "a fill density in kg/m^3"), count: n - 1)
        }
        try node.check("rho_fill", rhoFill, .nonNegative, "a fill density in kg/m^3")

        if let cs = node.optional("cap_stations") {
            guard cs.isList else { throw cs.error("expected a list of cap stations (a single number crashes RAFT); write [\(cs)]") }
            capStations = try cs.doubles("cap station positions (station units)")
        } else {
            capStations = []
        }
        let nc = capStations.count
        if nc > 0 {
            capThickness = try node.getStations("cap_t", count: nc, default: nil, "cap thicknesses (one per cap station)")
            switch shape {
            case .circular:
                capInnerSize = try node.getStations("cap_d_in", count: nc, default: nil, "cap inner diameters (one per cap station)").map { SIMD2($0, $0) }
            case .rectangular:
                capInnerSize = try node.getTable("cap_d_in", rows: nc, columns: 2, default: nil, "cap inner side pairs").map { SIMD2($0[0], $0[1]) }
            }
            try node.check("cap_t", capThickness, .nonNegative, "a cap thickness in m")
            try node.check("cap_d_in", capInnerSize.map { min($0.x, $0.y) }, .nonNegative, "a cap inner size in m")
        } else {
            capThickness = []
            capInnerSize = []
        }

        cdAxial = try node.getStations("Cd_q", count: n, default: 0.0, "axial drag coefficients")
        cdP1 = try node.getStations("Cd", count: n, default: 0.6, index: 0, "transverse drag coefficients")
        cdP2 = try node.getStations("Cd", count: n, default: 0.6, index: 1, "transverse drag coefficients")
        cdEnd = try node.getStations("CdEnd", count: n, default: 0.6, "end drag coefficients")
        caAxial = try node.getStations("Ca_q", count: n, default: 0.0, "axial added-mass coefficients")
        caP1 = try node.getStations("Ca", count: n, default: 0.97, index: 0, "transverse added-mass coefficients")
        caP2 = try node.getStations("Ca", count: n, default: 0.97, index: 1, "transverse added-mass coefficients")
        caEnd = try node.getStations("CaEnd", count: n, default: 0.6, "end added-mass coefficients")
        for (key, values, what) in [("Cd_q", cdAxial, "an axial drag coefficient"), ("Cd", cdP1, "a drag coefficient"),
                                    ("Cd", cdP2, "a drag coefficient"), ("CdEnd", cdEnd, "an end drag coefficient"),
                                    ("Ca_q", caAxial, "an axial added-mass coefficient"), ("Ca", caP1, "an added-mass coefficient"),
                                    ("Ca", caP2, "an added-mass coefficient"), ("CaEnd", caEnd, "an end added-mass coefficient")] {
            try node.check(key, values, .nonNegative, what)
        }

        if let dn = node.optional("dlsMax") {
            let v = try dn.double("a maximum strip length in m")
            guard v > 0 else { throw dn.error("expected a positive maximum strip length in m, got \(v)") }
            let len = ((rB - rA) * (rB - rA)).sum().squareRoot()
            guard len / v <= Double(MemberInput.maxStrips) else {
                throw dn.error("a maximum strip length of \(v) m splits this \(len) m member into more than \(MemberInput.maxStrips) strips; expected dlsMax ≥ \(len / Double(MemberInput.maxStrips)) m")
            }
            dlsMax = v
        } else {
            dlsMax = nil
            let len = ((rB - rA) * (rB - rA)).sum().squareRoot()
            guard len < 5e6 else { throw rBNode.error("member '\(name)' is \(len) m long; expected a physical length (< 5000 km)") }
        }
        potMod = try node.optional("potMod")?.bool()
        mcf = try node.bool("MCF", default: false)
        if mcf && shape != .circular {
            diagnostics.warn(node["MCF"] ?? node, "MacCamy-Fuchs correction is only for circular members; disabled for '\(name)'")
            mcf = false
        }
        youngsModulus = try node.optional("E")?.double("Young's modulus in Pa")
        shearModulus = try node.optional("G")?.double("shear modulus in Pa")
        if let e = youngsModulus { try node["E"]!.check(e, .positive, "Young's modulus in Pa") }
        if let g = shearModulus { try node["G"]!.check(g, .positive, "a shear modulus in Pa") }
        if type == .beam {
            if youngsModulus == nil { _ = try node.required("E", "Young's modulus in Pa, required for beam members") }
            if shearModulus == nil { _ = try node.required("G", "shear modulus in Pa, required for beam members") }
        }
    }
}
