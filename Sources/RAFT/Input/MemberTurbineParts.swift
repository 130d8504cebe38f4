/// RNA mass properties and placement of one rotor, read from the raw `turbine` map (spec 03 §2–§4, 06 §3.2).
///
/// Only what statics needs; the rotor helper owns the aerodynamic part of `turbine`.
package struct RNAInput: Sendable, Equatable {
    /// `mRNA` [kg], `IxRNA` (about the shaft) and `IrRNA` (transverse) [kg·m²].
    package var mass: Double
    package var inertiaShaft: Double
    package var inertiaTransverse: Double
    /// `xCG_RNA`: CG offset along the shaft from the RNA reference point [m].
    package var xCG: Double
    /// `overhang`: hub offset along the shaft [m] (negative = upwind).
    package var overhang: Double
    /// `shaft_tilt`, `shaft_toe` [deg].
    package var shaftTiltDeg: Double
    package var shaftToeDeg: Double
    /// RNA reference point (tower top) relative to the PRP, after the `hHub` override (RAFT `r_rel`) [m].
    package var referencePoint: Vec3

    /// Shaft tilt/toe in radians, as RAFT converts them (`x·π/180`).
    package var shaftTilt: Double { shaftTiltDeg * Double.pi / 180 }
    package var shaftToe: Double { shaftToeDeg * Double.pi / 180 }

    /// Rotation from the platform x axis to the shaft axis at zero platform pose and zero yaw (RAFT `R_q`).
    package var shaftRotation: Matrix3 { rotationMatrix(roll: 0, pitch: -shaftTilt, yaw: shaftToe) }
    /// Shaft axis unit vector `q` (downwind) at zero pose.
    package var shaftAxis: Vec3 { shaftRotation * Vec3(1, 0, 0) }
    /// RNA CG relative to the PRP at zero pose (`r_CG_rel`) [m].
    package var centerOfGravity: Vec3 { referencePoint + shaftAxis * xCG }
}

/// Tower and nacelle members and RNA data of one turbine (FOWT construction, spec 06 §1.1 step 4/6).
package struct TurbineStructureInput: Sendable {
    /// `tower` maps, one per rotor (a single map is replicated `nrotors` times).
    package var towers: [MemberInput]
    /// `nacelle` maps, one per rotor.
    package var nacelles: [MemberInput]
    /// One per rotor.
    package var rnas: [RNAInput]

    package init(node: YAMLNode, diagnostics: inout Diagnostics) throws(InputError) {
        let nr = try node.int("nrotors", default: 1, "the number of rotors")
        guard nr >= 0 else { throw (node["nrotors"] ?? node).error("expected a non-negative number of rotors, got \(nr)") }
        func parts(_ key: String) throws(InputError) -> [MemberInput] {
            guard let t = node.optional(key) else { return [] }
            if t.isMap {
                let m = try MemberInput(node: t, diagnostics: &diagnostics)
                return Array(repeating: m, count: nr)
            }
            var out: [MemberInput] = []
            for item in try t.list("a \(key) member map or a list of them (one per rotor)") {
                out.append(try MemberInput(node: item, diagnostics: &diagnostics))
            }
            return out
        }
        towers = try parts("tower")
        nacelles = try parts("nacelle")
        rnas = []
        guard nr > 0 else { return }
        func perRotor(_ key: String, default d: Double? = nil) throws(InputError) -> [Double] {
            try node.getStations(key, count: nr, default: d, "one value per rotor")
        }
        let m = try perRotor("mRNA"), ix = try perRotor("IxRNA"), ir = try perRotor("IrRNA")
        let xcg = try perRotor("xCG_RNA"), oh = try perRotor("overhang")
        let tilt = try perRotor("shaft_tilt"), toe = try perRotor("shaft_toe", default: 0)
        let hubs: [Double]? = node.has("hHub") ? try perRotor("hHub") : nil
        var refs: [Vec3]
        if node.optional("rRNA") != nil {
            refs = try node.getTable("rRNA", rows: nr, columns: 3, default: nil, "RNA reference points [x, y, z] in m").map { Vec3($0[0], $0[1], $0[2]) }
        } else {
            if nr > 1 { _ = try node.required("rRNA", "one RNA reference point per rotor, required with several rotors") }
            refs = [Vec3.zero]
        }
        for i in 0..<nr {
            var rna = RNAInput(mass: m[i], inertiaShaft: ix[i], inertiaTransverse: ir[i], xCG: xcg[i], overhang: oh[i],
                               shaftTiltDeg: tilt[i], shaftToeDeg: toe[i], referencePoint: refs[i])
            if let hubs {
                let q = rotationMatrix(roll: 0, pitch: -rna.shaftTilt, yaw: rna.shaftToe) * Vec3(1, 0, 0)
                rna.referencePoint.z = hubs[i] - q.z * rna.overhang
            }
            rnas.append(rna)
        }
    }
}
