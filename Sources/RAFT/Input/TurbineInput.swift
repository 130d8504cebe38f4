/// `turbine` section: RNA, rotor(s), blades, airfoils, operating schedule and control (spec 01 §7, 03 §2).
///
/// Per-rotor scalars accept a scalar (all rotors) or a list of `nrotors` values (RAFT `getFromDict(shape=nrotors)`).
/// Angles are kept in the YAML's degrees (`…Deg`); the rotor converts them (spec 03 §3).
package struct TurbineInput: Sendable {
    package var node: YAMLNode
    /// Tower(s), nacelle(s) and RNA data as members (read with the rest of the turbine, so `raft check` sees them).
    package var structure: TurbineStructureInput
    /// Number of rotors on this turbine (`nrotors`, default 1).
    package var rotorCount: Int

    /// `rRNA` per rotor: RNA reference point (tower top, yaw axis) relative to the PRP [m]; nil when absent.
    package var rRNA: [Vec3]?
    /// `hHub` per rotor: hub height [m] (overrides the RRP z); nil when absent.
    package var hubHeight: [Double]?
    /// `overhang` per rotor: hub offset along the shaft from the RRP [m] (negative = upwind).
    package var overhang: [Double]
    /// `xCG_RNA` per rotor: RNA CG offset along the shaft [m].
    package var xCGRNA: [Double]
    /// `mRNA` [kg], `IxRNA`, `IrRNA` [kg·m²] per rotor.
    package var massRNA: [Double]
    package var inertiaAxialRNA: [Double]
    package var inertiaRadialRNA: [Double]
    /// `speed_gain` per rotor (inflow speed factor, default 1).
    package var speedGain: [Double]
    /// `nBlades` per rotor.
    package var bladeCount: [Int]
    /// `yaw_mode` per rotor (0…3, default 0; spec 03 §4).
    package var yawMode: [Int]
    /// `Rhub` per rotor [m].
    package var hubRadius: [Double]
    /// `precone`, `shaft_tilt`, `shaft_toe` per rotor [deg] (negative precone/tilt = conventional upwind).
    package var preconeDeg: [Double]
    package var shaftTiltDeg: [Double]
    package var shaftToeDeg: [Double]
    /// `aeroServoMod` per rotor: 0 none, 1 aero only, 2 aero + control (default 1).
    package var aeroServoMod: [Int]
    /// `I_drivetrain` per rotor [kg·m²].
    package var drivetrainInertia: [Double]
    /// `gear_ratio` (Ng).
    package var gearRatio: Double
    /// `headings`: blade azimuths [deg] (default equally spaced over the first rotor's blades).
    package var bladeHeadingsDeg: [Double]
    /// `blade` entries as given (a single mapping is replicated to `nrotors` entries, as RAFT does).
    package var blades: [BladeInput]
    /// `airfoils` list.
    package var airfoils: [AirfoilInput]
    /// `wt_ops` per rotor (a single mapping is replicated).
    package var schedules: [OperatingSchedule]
    /// `pitch_control`.
    package var pitchControl: PitchControlInput
    /// `torque_control`: `VS_KP`, `VS_KI` (ROSCO sign).
    package var torqueKp: Double
    package var torqueKi: Double

    static let knownKeys: Set<String> = [
        "nrotors", "rRNA", "hHub", "overhang", "xCG_RNA", "mRNA", "IxRNA", "IrRNA", "speed_gain", "nBlades",
        "yaw_mode", "Rhub", "precone", "shaft_tilt", "shaft_toe", "aeroServoMod", "I_drivetrain", "gear_ratio",
        "headings", "blade", "airfoils", "wt_ops", "pitch_control", "torque_control", "tower", "nacelle",
        "Zhub", "Fthrust", "env", "rotorCoords", "aeroMod", "rho_air", "mu_air", "shearExp_air", "rho_water",
        "mu_water", "shearExp_water",
    ]

    package init(node: YAMLNode, diagnostics: inout Diagnostics) throws(InputError) {
        self.node = try node.requireMap("the turbine section (a mapping)")
        let n = try node.int("nrotors", default: 1)
        guard (1...1000).contains(n) else { throw (node["nrotors"] ?? node).error("expected 1...1000 rotors, got \(n)") }
        rotorCount = n
        node.warnUnknownKeys(Self.knownKeys, &diagnostics)

        if node.optional("rRNA") != nil {
            let table = try node.getTable("rRNA", rows: n, columns: 3, default: nil, "RNA reference point [x, y, z] in m")
            rRNA = table.map { Vec3($0[0], $0[1], $0[2]) }
        } else {
            if n > 1 { throw node.error("rRNA (the RNA reference point of each rotor) is required when nrotors > 1") }
            rRNA = nil
        }
        hubHeight = node.optional("hHub") == nil ? nil : try node.getStations("hHub", count: n, default: nil, "hub height in m")
        overhang = try node.getStations("overhang", count: n, default: nil, "overhang in m (negative = upwind)")
        xCGRNA = try node.getStations("xCG_RNA", count: n, default: nil, "RNA CG offset along the shaft in m")
        massRNA = try node.getStations("mRNA", count: n, default: nil, "RNA mass in kg")
        inertiaAxialRNA = try node.getStations("IxRNA", count: n, default: nil, "RNA inertia about the shaft in kg·m²")
        inertiaRadialRNA = try node.getStations("IrRNA", count: n, default: nil, "RNA transverse inertia in kg·m²")
        speedGain = try node.getStations("speed_gain", count: n, default: 1.0)
        try node.check("mRNA", massRNA, .nonNegative, "an RNA mass in kg")
        try node.check("IxRNA", inertiaAxialRNA, .nonNegative, "an RNA inertia in kg·m²")
        try node.check("IrRNA", inertiaRadialRNA, .nonNegative, "an RNA inertia in kg·m²")
        try node.check("speed_gain", speedGain, .positive, "an inflow speed factor")
        func ints(_ key: String, _ values: [Double], _ range: ClosedRange<Int>, _ what: String) throws(InputError) -> [Int] {
            var out: [Int] = []
            for v in values {
                guard v >= Double(range.lowerBound), v <= Double(range.upperBound) else {
                    throw (node[key] ?? node).error("expected \(what) in \(range.lowerBound)...\(range.upperBound), got \(v)")
                }
                out.append(Int(v))  // RAFT: int() truncation
            }
            return out
        }
        bladeCount = try ints("nBlades", node.getStations("nBlades", count: n, default: nil, "number of blades"), 1...1000, "a number of blades")
        yawMode = try ints("yaw_mode", node.getStations("yaw_mode", count: n, default: 0), 0...3, "yaw_mode 0, 1, 2 or 3")
        hubRadius = try node.getStations("Rhub", count: n, default: nil, "hub radius in m")
        try node.check("Rhub", hubRadius, .nonNegative, "a hub radius in m")
        preconeDeg = try node.getStations("precone", count: n, default: nil, "precone in deg")
        shaftTiltDeg = try node.getStations("shaft_tilt", count: n, default: nil, "shaft tilt in deg")
        shaftToeDeg = try node.getStations("shaft_toe", count: n, default: 0)
        // RAFT prints these reminders of the 2.x sign convention (spec 01 §7, 03 §3 step 1).
        for (key, values) in [("overhang", overhang), ("precone", preconeDeg), ("shaft_tilt", shaftTiltDeg)]
            where values.contains(where: { $0 > 0 }) {
            diagnostics.warn(node[key] ?? node, "positive \(key) means a DOWNWIND rotor in RAFT 2.x; use a negative value for a conventional upwind rotor")
        }
        aeroServoMod = try ints("aeroServoMod", node.getStations("aeroServoMod", count: n, default: 1), 0...2, "aeroServoMod 0, 1 or 2")
        drivetrainInertia = try node.getStations("I_drivetrain", count: n, default: nil, "drivetrain inertia in kg·m²")
        try node.check("I_drivetrain", drivetrainInertia, .positive, "a drivetrain inertia in kg·m²")
        gearRatio = try node.double(key: "gear_ratio", "the gear ratio")
        try node["gear_ratio"]!.check(gearRatio, .positive, "a gear ratio")
        if let h = node.optional("headings") {
            bladeHeadingsDeg = h.isScalar ? [try h.double()] : try h.doubles("blade azimuths in deg")
        } else {
            let b = bladeCount[0]
            bladeHeadingsDeg = (0..<b).map { Double($0) * 360.0 / Double(b) }
        }

        let bladeNode = try node.required("blade", "blade geometry (a mapping or one per rotor)")
        var blades: [BladeInput] = []
        if bladeNode.isList {
            for b in try bladeNode.list() { blades.append(try BladeInput(node: b, diagnostics: &diagnostics)) }
            guard blades.count >= n else { throw bladeNode.error("expected \(n) blade entries (one per rotor), got \(blades.count)") }
        } else {
            let b = try BladeInput(node: bladeNode, diagnostics: &diagnostics)
            blades = Array(repeating: b, count: n)
        }
        self.blades = blades

        let afNode = try node.required("airfoils", "the airfoil polars")
        var afs: [AirfoilInput] = []
        for a in try afNode.list("a list of airfoils") { afs.append(try AirfoilInput(node: a, diagnostics: &diagnostics)) }
        guard !afs.isEmpty else { throw afNode.error("expected at least one airfoil") }
        airfoils = afs
        for (ib, blade) in blades.enumerated() {
            for st in blade.stations where !afs.contains(where: { $0.name == st.name }) {
                throw bladeNode.error("blade \(ib): airfoil '\(st.name)' is not in the airfoils list (\(afs.map { $0.name }.joined(separator: ", ")))")
            }
        }

        // RAFT's checks at rotor construction, reported here with the YAML path (spec 03 §3 steps 7, P25).
        for ir in 0..<n {
            for (ib, b) in blades.enumerated() {
                let r0 = b.geometry[0][0], rl = b.geometry[b.geometry.count - 1][0]
                if !(r0 >= hubRadius[ir] && rl <= blades[ir].tipRadius) {
                    throw (bladeNode.isList ? (try bladeNode.list())[ib] : bladeNode).error(
                        "blade geometry radii must lie within [Rhub, Rtip] = [\(hubRadius[ir]), \(blades[ir].tipRadius)]; got \(r0) ... \(rl)")
                }
            }
        }
        for (ib, b) in blades.enumerated() {
            let th = b.stations.compactMap { st in afs.first { $0.name == st.name }?.relativeThickness }
            let where_ = bladeNode.isList ? "blade \(ib)" : "blade"
            if zip(th, th.dropFirst()).contains(where: { $0.0 < $0.1 }) {
                throw bladeNode.error("\(where_): airfoil relative thicknesses must not increase from root to tip (RAFT supports only that ordering), got \(th)")
            }
            if Set(th).count < 2 {
                throw bladeNode.error("\(where_): at least two airfoils of different relative thickness are needed for the spanwise interpolation")
            }
        }

        let opsNode = try node.required("wt_ops", "the operating schedule v, omega_op, pitch_op")
        var ops: [OperatingSchedule] = []
        if opsNode.isList {
            for o in try opsNode.list() { ops.append(try OperatingSchedule(node: o)) }
            guard ops.count >= n else { throw opsNode.error("expected \(n) wt_ops entries (one per rotor), got \(ops.count)") }
        } else {
            ops = Array(repeating: try OperatingSchedule(node: opsNode), count: n)
        }
        schedules = ops
        pitchControl = try PitchControlInput(node: node.required("pitch_control", "GS_Angles, GS_Kp, GS_Ki, Fl_Kp"))
        let tc = try node.required("torque_control", "VS_KP, VS_KI")
        torqueKp = try tc.double(key: "VS_KP", "the torque controller proportional gain")
        torqueKi = try tc.double(key: "VS_KI", "the torque controller integral gain")
        structure = try TurbineStructureInput(node: node, diagnostics: &diagnostics)
    }
}

/// One `blade` entry (spec 03 §2).
package struct BladeInput: Sendable {
    /// `Rtip`: tip radius [m].
    package var tipRadius: Double
    /// `precurveTip`, `presweepTip` [m].
    package var precurveTip: Double
    package var presweepTip: Double
    /// `geometry` rows `[r, chord, twist_deg, precurve, presweep]` (r increasing) [m, m, deg, m, m].
    package var geometry: [[Double]]
    /// `airfoils` rows `[relative span position 0…1, airfoil name]`.
    package var stations: [(position: Double, name: String)]
    /// `nSector` (default 4) and `nr` (default 20).
    package var sectorCount: Int
    package var elementCount: Int

    static let knownKeys: Set<String> = ["Rtip", "precurveTip", "presweepTip", "geometry", "airfoils", "nSector", "nr"]

    package init(node: YAMLNode, diagnostics: inout Diagnostics) throws(InputError) {
        _ = try node.requireMap("a blade mapping (Rtip, geometry, airfoils, ...)")
        node.warnUnknownKeys(Self.knownKeys, &diagnostics)
        tipRadius = try node.double(key: "Rtip", "the tip radius in m")
        precurveTip = try node.double(key: "precurveTip", "the tip precurve in m")
        presweepTip = try node.double(key: "presweepTip", "the tip presweep in m")
        let gNode = try node.required("geometry", "rows [r, chord, twist_deg, precurve, presweep]")
        geometry = try gNode.matrix("rows [r, chord, twist_deg, precurve, presweep]")
        guard geometry.count >= 2 else { throw gNode.error("expected at least 2 geometry rows, got \(geometry.count)") }
        let rows = try gNode.list()
        for (i, row) in geometry.enumerated() where row.count != 5 {
            throw rows[i].error("expected 5 values [r, chord, twist_deg, precurve, presweep] in every row, got \(row.count)")
        }
        for (i, row) in geometry.enumerated() {
            let cells = try rows[i].list()
            try cells[0].check(row[0], .nonNegative, "a blade radius in m")
            try cells[1].check(row[1], .positive, "a chord in m")
        }
        try node["Rtip"]!.check(tipRadius, .positive, "a tip radius in m")
        for i in 1..<geometry.count where !(geometry[i][0] > geometry[i - 1][0]) {
            throw gNode.error("geometry radii must increase from root to tip (row \(i))")
        }
        let aNode = try node.required("airfoils", "rows [relative position, airfoil name]")
        var st: [(Double, String)] = []
        for row in try aNode.list("rows [relative position, airfoil name]") {
            let items = try row.list("a row [relative position, airfoil name]")
            guard items.count == 2 else { throw row.error("expected [relative position, airfoil name], got \(items.count) values") }
            let position = try items[0].double("a relative span position")
            try items[0].check(position, .closed(0, 1), "a relative span position")
            st.append((position, try items[1].string("an airfoil name")))
        }
        guard st.count >= 2 else { throw aNode.error("expected at least 2 airfoil stations, got \(st.count)") }
        for i in 1..<st.count where !(st[i].0 > st[i - 1].0) {
            throw aNode.error("airfoil station positions must increase strictly (row \(i))")
        }
        stations = st.map { (position: $0.0, name: $0.1) }
        // RAFT reads these as given; floats break numpy's linspace (spec 03 P24).
        sectorCount = try node.int("nSector", default: 4, "an integer number of azimuth sectors")
        elementCount = try node.int("nr", default: 20, "an integer number of blade elements")
        if let v = node.optional("nr"), try v.double() != Double(elementCount) { throw v.error("nr must be an integer") }
        if let v = node.optional("nSector"), try v.double() != Double(sectorCount) { throw v.error("nSector must be an integer") }
        guard (2...10000).contains(elementCount) else { throw node.error("nr must be between 2 and 10000, got \(elementCount)") }
        guard (1...10000).contains(sectorCount) else { throw node.error("nSector must be between 1 and 10000, got \(sectorCount)") }
    }
}

/// One entry of `airfoils` (spec 03 §2).
package struct AirfoilInput: Sendable {
    package var name: String
    /// `relative_thickness` (thickness/chord).
    package var relativeThickness: Double
    /// `data` rows `[aoa_deg, cl, cd, cm(, cpmin)]`, aoa increasing.
    package var data: [[Double]]
    /// `added_mass_coeff` [edgewise, flapwise] (default [0.5, 1.0]; underwater rotors only).
    package var addedMassCoeff: [Double]

    package init(node: YAMLNode, diagnostics: inout Diagnostics) throws(InputError) {
        _ = try node.requireMap("an airfoil mapping (name, relative_thickness, data)")
        node.warnUnknownKeys(["name", "relative_thickness", "data", "added_mass_coeff"], &diagnostics)
        name = try node.string(key: "name", "the airfoil name")
        relativeThickness = try node.double(key: "relative_thickness", "the relative thickness")
        try node["relative_thickness"]!.check(relativeThickness, .leftOpen(0, 1), "a relative thickness (thickness/chord)")
        let dNode = try node.required("data", "rows [aoa_deg, cl, cd, cm]")
        data = try dNode.matrix("rows [aoa_deg, cl, cd, cm]")
        guard !data.isEmpty else { throw dNode.error("expected at least one polar row") }
        let rows = try dNode.list()
        for (i, row) in data.enumerated() where row.count < 4 || row.count > 5 || row.count != data[0].count {
            throw rows[i].error("expected \(data[0].count >= 4 && data[0].count <= 5 ? "\(data[0].count) values (as in the first row)" : "4 or 5 values") [aoa_deg, cl, cd, cm(, cpmin)] in every row, got \(row.count)")
        }
        for i in 1..<max(1, data.count) where !(data[i][0] >= data[i - 1][0]) {
            throw dNode.error("angles of attack must increase (row \(i))")
        }
        addedMassCoeff = node.optional("added_mass_coeff") == nil ? [0.5, 1.0]
            : try node.required("added_mass_coeff").doubles(count: 2, "added mass coefficients [edgewise, flapwise]")
    }
}

/// `wt_ops`: steady operating schedule (spec 03 §2).
package struct OperatingSchedule: Sendable {
    /// `v` [m/s], `omega_op` [rpm], `pitch_op` [deg].
    package var windSpeed: [Double]
    package var rotorSpeedRPM: [Double]
    package var pitchDeg: [Double]

    package init(node: YAMLNode) throws(InputError) {
        _ = try node.requireMap("wt_ops (v, omega_op, pitch_op)")
        windSpeed = try node.required("v").doubles("wind speeds in m/s")
        rotorSpeedRPM = try node.required("omega_op").doubles("rotor speeds in rpm")
        pitchDeg = try node.required("pitch_op").doubles("blade pitch angles in deg")
        guard !windSpeed.isEmpty, rotorSpeedRPM.count == windSpeed.count, pitchDeg.count == windSpeed.count else {
            throw node.error("v, omega_op and pitch_op must be non-empty and of equal length (\(windSpeed.count), \(rotorSpeedRPM.count), \(pitchDeg.count))")
        }
        for i in 1..<windSpeed.count where !(windSpeed[i] > windSpeed[i - 1]) {
            throw node.error("wt_ops.v must increase (entry \(i))")
        }
        try node.check("v", windSpeed, .nonNegative, "a wind speed in m/s")
        try node.check("omega_op", rotorSpeedRPM, .nonNegative, "a rotor speed in rpm")
    }
}

/// `pitch_control` (ROSCO sign convention; spec 03 §7.5).
package struct PitchControlInput: Sendable {
    /// `GS_Angles` [rad], `GS_Kp`, `GS_Ki`, `Fl_Kp`.
    package var angles: [Double]
    package var kp: [Double]
    package var ki: [Double]
    package var floatingKp: Double

    package init(node: YAMLNode) throws(InputError) {
        _ = try node.requireMap("pitch_control (GS_Angles, GS_Kp, GS_Ki, Fl_Kp)")
        angles = try node.required("GS_Angles").doubles("gain-schedule pitch angles in rad")
        kp = try node.required("GS_Kp").doubles("proportional gains")
        ki = try node.required("GS_Ki").doubles("integral gains")
        floatingKp = try node.double(key: "Fl_Kp", "the floating feedback gain")
        guard !angles.isEmpty, kp.count == angles.count, ki.count == angles.count else {
            throw node.error("GS_Angles, GS_Kp and GS_Ki must be non-empty and of equal length")
        }
    }
}
