import Foundation

/// Which pose `raft properties` evaluates at.
public enum PropertiesPose: String, Sendable, CaseIterable {
    /// Zero offsets (statics are always taken at the reference pose, as RAFT does).
    case undisplaced
    /// Unloaded equilibrium (weight, buoyancy, mooring; no wind, waves or current).
    case unloaded
}

extension Model {
    /// Static properties of FOWT `i` under RAFT's names (spec 07 §5 and `calcStatics` outputs), as JSON.
    /// With `.unloaded`, solves the unloaded equilibrium first and adds `offset_unloaded`, `C_moor`, `C_moor0`, `F_moor0`.
    public mutating func properties(fowt i: Int = 0, pose: PropertiesPose) throws -> JSONValue {
        let f = fowts[i]
        let s = f.statics
        let g = design.site.g, rho = design.site.rhoWater
        func m(_ x: Matrix6) -> JSONValue { .matrix(x.rows) }
        func v(_ x: Vec3) -> JSONValue { .numbers([x.x, x.y, x.z]) }
        var out: [(String, JSONValue)] = [
            ("M_struc", m(s.structuralMass)), ("M_struc_sub", m(s.substructureMass)),
            ("C_struc", m(s.structuralStiffness)), ("C_struc_sub", m(s.substructureStiffness)),
            ("C_hydro", m(s.hydrostaticStiffness)), ("A_hydro_morison", m(f.hydroReference.addedMass)), ("A support structure", m(f.supportStructureAddedMass)),
            ("W_struc", .numbers(s.weight)), ("W_hydro", .numbers(s.buoyancy)),
            ("rCG", v(s.rCG)), ("rCG_sub", v(s.rCGSub)), ("rCB", v(s.rCB)),
            ("V", .number(s.volume)), ("m_sub", .number(s.substructureMassTotal)), ("m_shell", .number(s.shellMass)),
            ("m_ballast", .numbers(s.ballastMasses)), ("pb", .numbers(s.ballastDensities)),
            ("total mass", .number(s.mass)), ("mtower", .numbers(s.towerMasses)),
            ("rCG_tow", .array(s.towerCGs.map(v))),
            ("AWP", .number(s.waterplaneArea)),
            ("buoyancy (pgV)", .number(rho * g * s.volume)),
            ("zMeta", .number(s.zMeta)),
            // Metacentric heights GM = z_M − z_G (roll uses the x waterplane moment, pitch the y one).
            ("GM_roll", .number(s.rCB.z + (s.volume > 0 ? s.waterplaneInertiaX / s.volume : 0) - s.rCG.z)),
            ("GM_pitch", .number(s.rCB.z + (s.volume > 0 ? s.waterplaneInertiaY / s.volume : 0) - s.rCG.z)),
            ("Ixx_Iyy_Izz_about_CG", v(s.inertiaAboutCG)), ("Ixx_Iyy_Izz_sub_about_subCG", v(s.substructureInertiaAboutCG)),
        ]
        if pose == .unloaded {
            guard fowts.count == 1 else { throw SolveError.unsupported("--pose unloaded needs a single-FOWT design; use --pose undisplaced") }
            guard fowts[0].mooring != nil else {
                throw SolveError.unsupported("--pose unloaded needs a mooring system (this design has none); use --pose undisplaced")
            }
            let (offset, c0, f0) = try analyzeUnloaded()
            out.append(("offset_unloaded", .numbers(offset)))
            out.append(("C_moor", m(fowts[0].mooringStiffness)))
            out.append(("C_moor0", m(c0)))
            out.append(("F_moor0", .numbers(f0)))
        }
        return .object(out)
    }

    /// Mooring state of FOWT `i` at an absolute pose: line ends, tensions, seabed length and the 6×6 stiffness.
    public mutating func mooringReport(fowt i: Int = 0, pose r6: [Double]) throws -> JSONValue {
        guard fowts[i].mooring != nil else { throw SolveError.unsupported("this FOWT has no mooring system") }
        try fowts[i].setPosition(r6)
        let ms = fowts[i].mooring!
        var lines: [JSONValue] = []
        for (k, l) in ms.lines.enumerated() {
            lines.append(.object([
                ("line", .int(k)), ("type", .string(l.lineType.name)), ("length_m", .number(l.length)),
                ("endA_m", .numbers([l.endA.x, l.endA.y, l.endA.z])), ("endB_m", .numbers([l.endB.x, l.endB.y, l.endB.z])),
                ("tensionA_N", .number(l.tensionA)), ("tensionB_N", .number(l.tensionB)),
                ("length_on_seabed_m", .number(l.lengthOnSeabed)),
            ]))
        }
        return .object([
            ("pose", .numbers(r6)),
            ("lines", .array(lines)),
            ("force_N_Nm", .numbers(fowts[i].mooringForce)),
            ("stiffness", .matrix(fowts[i].mooringStiffness.rows)),
        ])
    }
}
