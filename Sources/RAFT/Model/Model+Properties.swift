#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Which pose `raft properties` evaluates at.
public enum PropertiesPose: String, Sendable, CaseIterable {
    /// Zero offsets (statics are always taken at the reference pose, as RAFT does).
    case undisplaced
    /// Unloaded equilibrium (weight, buoyancy, mooring; no wind, waves or current).
    case unloaded
}

extension Model {
    /// Static properties of FOWT `i` under RAFT's names (spec 07 §5 and `calcStatics` outputs).
    /// With `.unloaded`, solves the unloaded equilibrium first and adds `offset_unloaded`, `C_moor`, `C_moor0`, `F_moor0`.
    package mutating func properties(fowt i: Int = 0, pose: PropertiesPose) throws -> FOWTProperties {
        if !fowts[i].isRigid {
            if pose == .unloaded && fowts.count > 1 {
                throw SolveError.unsupported("--pose unloaded needs a single-FOWT design; use --pose undisplaced")
            }
            let unloaded = pose == .unloaded ? try analyzeUnloaded() : nil
            return fowts[i].nodeProperties(unloaded: unloaded)
        }
        let f = fowts[i], s = f.structure.rigid.statics
        let g = design.site.g, rho = design.site.rhoWater
        func m(_ x: Matrix6) -> ResultValue { .matrix(x.rows) }
        func v(_ x: Vec3) -> ResultValue { .vector([x.x, x.y, x.z]) }
        var out: [(name: String, value: ResultValue)] = [
            ("M_struc", m(s.structuralMass)), ("M_struc_sub", m(s.substructureMass)),
            ("C_struc", m(s.structuralStiffness)), ("C_struc_sub", m(s.substructureStiffness)),
            ("C_hydro", m(s.hydrostaticStiffness)), ("A_hydro_morison", m(f.structure.rigid.hydroReference.addedMass)), ("A support structure", m(f.supportStructureAddedMass)),
            ("W_struc", .vector(s.weight)), ("W_hydro", .vector(s.buoyancy)),
            ("rCG", v(s.rCG)), ("rCG_sub", v(s.rCGSub)), ("rCB", v(s.rCB)),
            ("V", .scalar(s.volume)), ("m_sub", .scalar(s.substructureMassTotal)), ("m_shell", .scalar(s.shellMass)),
            ("m_ballast", .vector(s.ballastMasses)), ("pb", .vector(s.ballastDensities)),
            ("total mass", .scalar(s.mass)), ("mtower", .vector(s.towerMasses)),
            ("rCG_tow", .matrix(s.towerCGs.map { [$0.x, $0.y, $0.z] })),
            ("AWP", .scalar(s.waterplaneArea)),
            ("buoyancy (pgV)", .scalar(rho * g * s.volume)),
            ("zMeta", .scalar(s.zMeta)),
            // Metacentric heights GM = z_M − z_G (roll uses the x waterplane moment, pitch the y one).
            ("GM_roll", .scalar(s.rCB.z + (s.volume > 0 ? s.waterplaneInertiaX / s.volume : 0) - s.rCG.z)),
            ("GM_pitch", .scalar(s.rCB.z + (s.volume > 0 ? s.waterplaneInertiaY / s.volume : 0) - s.rCG.z)),
            ("Ixx_Iyy_Izz_about_CG", v(s.inertiaAboutCG)), ("Ixx_Iyy_Izz_sub_about_subCG", v(s.substructureInertiaAboutCG)),
        ]
        if pose == .unloaded {
            guard fowts.count == 1 else { throw SolveError.unsupported("--pose unloaded needs a single-FOWT design; use --pose undisplaced") }
            guard fowts[0].mooring != nil else {
                throw SolveError.unsupported("--pose unloaded needs a mooring system (this design has none); use --pose undisplaced")
            }
            let (offset, c0, f0) = try analyzeUnloaded()
            out.append(("offset_unloaded", .vector(offset)))
            out.append(("C_moor", m(fowts[0].mooringStiffness)))
            out.append(("C_moor0", m(c0)))
            out.append(("F_moor0", .vector(f0)))
        }
        return FOWTProperties(entries: out)
    }

    /// Mooring state of FOWT `i` at an absolute pose: line ends, tensions, seabed length and the 6×6 stiffness.
    package mutating func mooringReport(fowt i: Int = 0, pose r6: [Double]) throws -> MooringPoseReport {
        var ms: MooringSystem, force: [Double], stiffness: Matrix6
        guard fowts[i].mooring != nil else { throw SolveError.unsupported("this FOWT has no mooring system") }
        if fowts[i].isRigid {
            try fowts[i].setPosition(r6)
            ms = fowts[i].mooring!
            force = fowts[i].structure.rigid.mooringForce
            stiffness = fowts[i].structure.rigid.mooringStiffness
        } else {
            // the own mooring acts on the PRP node (the first 6 reduced DOFs)
            try fowts[i].mooring!.setPose(r6)
            ms = fowts[i].mooring!
            force = ms.force6()
            stiffness = translateMatrix6to6DOF(try ms.raftStiffness6(), .zero)
        }
        let lines = ms.lines.enumerated().map { k, l in
            MooringLineState(index: k, type: l.lineType.name, length: l.length,
                             endA: [l.endA.x, l.endA.y, l.endA.z], endB: [l.endB.x, l.endB.y, l.endB.z],
                             tensionA: l.tensionA, tensionB: l.tensionB, lengthOnSeabed: l.lengthOnSeabed)
        }
        return MooringPoseReport(pose: r6, lines: lines, force: force, stiffness: stiffness.rows)
    }
}
