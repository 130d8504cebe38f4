#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// What only a rigid FOWT has (`FOWTStructure.rigid`, the one-node case): its statics and strip model at the reference
/// pose in `Matrix6`, its pose `r6` and the case's loads about the PRP (RAFT `FOWT` with `nDOF = 6`, spec 06 §1.1,
/// §3). The parts every FOWT has (rotors, own mooring, potential flow, ...) are `FOWT`'s; the steps that use both are
/// the `FOWT` methods below and in Model+Dynamics (`rigidDragLinearization`) and Model+Outputs (`rigidCaseMetrics`).
struct RigidStructure: Sendable {
    /// `calcStatics` at the reference pose: `M_struc`, `C_struc`, `C_hydro`, `W_struc`, `W_hydro`, ... .
    /// Re-evaluated by `FOWT.refreshStatics()` when a rotor's yaw changes the RNA orientation.
    private(set) var statics: FOWTStatics
    /// Rotor axes `R_q` the current `statics` were computed with (nil = zero-yaw shaft orientation).
    private var staticsRotorAxes: [Matrix3]?
    /// Strip-theory model at the reference pose (`A_hydro_morison`, member inertia coefficients).
    let hydroReference: StripHydrodynamics

    // MARK: State
    /// Absolute pose `r6` [m, rad].
    var r6: [Double]
    /// Mooring stiffness `C_moor` and force `F_moor0` at the current pose.
    var mooringStiffness = Matrix6()
    var mooringForce = [Double](repeating: 0, count: 6)
    /// Mean aero force `f_aero0` (sum over rotors) and gyroscopic damping `B_gyro` (sum) of the current case about the
    /// PRP (each rotor's aerodynamics: `FOWT.aero`).
    var meanAeroForce = [Double](repeating: 0, count: 6)
    var gyroscopicDamping = Matrix6()
    /// Mean current load `D_hydro` [N, N·m].
    var currentLoad = [Double](repeating: 0, count: 6)

    /// FOWT `index` of `design` with its `members`, at its reference position.
    init(design: Design, index: Int, members: FOWTMembers, grid: FrequencyGrid, waveNumbers: [Double]) throws {
        let entry = design.fowts[index]
        if let beam = members.members.first(where: { $0.type == .beam }) {
            throw SolveError.unsupported("flexible (beam) member '\(beam.name)' is not supported yet; use type: rigid")
        }
        statics = try FOWTStatics(members: members, platform: design.platforms[entry.platformIndex], rho: design.site.rhoWater,
                                  g: design.site.g)
        let t = Vec3(entry.x, entry.y, 0)
        hydroReference = StripHydrodynamics(members: members.placed(translation: t), reference: t, rho: design.site.rhoWater,
                                            omega: grid.omega, waveNumbers: waveNumbers)
        r6 = [entry.x, entry.y, 0, 0, 0, 0]
    }

    /// `calcStatics` with the RNAs along `rnaAxes` (nil: the zero-yaw shaft orientation), re-evaluated only when they
    /// changed since the last call.
    mutating func refreshStatics(rnaAxes wanted: [Matrix3]?, members: FOWTMembers, platform: PlatformInput, site: Site) throws {
        if wanted == staticsRotorAxes { return }
        statics = try FOWTStatics(members: members, platform: platform, rho: site.rhoWater, g: site.g, rnaAxes: wanted)
        staticsRotorAxes = wanted
    }

    /// RAFT `calcCurrentLoads(case)` at the reference pose.
    mutating func currentLoads(_ c: LoadCase, depth: Double, shearExponent: Double) {
        currentLoad = hydroReference.currentLoads(speed: c.currentSpeed ?? 0, headingDeg: c.currentHeadingDeg, zRef: 0,
                                                  shearExponent: shearExponent, depth: depth)
    }

    /// Hydrostatic + gravity stiffness `C_struc + C_hydro` (staticsMod 0).
    var restoringStiffness: Matrix6 { statics.structuralStiffness + statics.hydrostaticStiffness }
    /// Undisplaced static load `W_struc + W_hydro + f0_additional`.
    var undisplacedLoad: [Double] { (0..<6).map { statics.weight[$0] + statics.buoyancy[$0] + statics.additionalLoad[$0] } }
}

extension FOWT {
    /// RAFT `FOWT.setPosition(r6)` for a rigid FOWT: place rotors, re-solve the own mooring and update
    /// `C_moor`, `F_moor0` at this pose (spec 06 §3.1, 04 §6.4).
    mutating func setPosition(_ x: [Double]) throws {
        structure.modifyRigid { $0.r6 = x }
        let rot = rotationMatrix(roll: x[3], pitch: x[4], yaw: x[5])
        for i in rotors.indices {
            let p = Vec3(x[0], x[1], x[2]) + rot * rotors[i].rRel
            rotors[i].setPosition(nodePose: [p.x, p.y, p.z, x[3], x[4], x[5]])
        }
        if mooring != nil {
            try mooring!.setPose(x)
            let k = translateMatrix6to6DOF(try mooring!.raftStiffness6(), .zero), f = mooring!.force6()
            structure.modifyRigid {
                $0.mooringStiffness = k
                $0.mooringForce = f
            }
        }
    }

    /// RAFT `calcStatics()` as called in `solveStatics` after `calcTurbineConstants` for a rigid FOWT: the RNA inertia
    /// and CG follow each rotor's current axis `R_q` (case yaw), everything else is at the reference pose (spec 06
    /// §5.1, P1).
    mutating func refreshStatics() throws {
        guard !rotors.isEmpty else { return }
        let axes = rnaAxes, members = members, platform = platform, site = site
        try structure.modifyRigid { try $0.refreshStatics(rnaAxes: axes, members: members, platform: platform, site: site) }
    }

    /// Mooring stiffness for the statics step: `solveEquilibrium()` (default tol) then the analytic stiffness
    /// (moorMod 2: the lumped-mass K).
    mutating func stepMooringStiffness() throws -> Matrix6 {
        guard mooring != nil else { return Matrix6() }
        do {
            try mooring!.solveEquilibrium()
            return translateMatrix6to6DOF(try mooring!.raftStiffness6(), .zero)
        } catch { throw SolveError.staticsNotConverged(iterations: 0, residual: .nan, detail: "mooring: \(error)") }
    }

    /// Slender-body QTF (potSecOrder 1) of a rigid FOWT for wave heading `beta` [rad] with motion RAOs `rao` (per unit
    /// wave amplitude, main grid), members at the current mean pose, `M_struc` of the last statics (spec 06 §7.1,
    /// 02 §11).
    func slenderBodyQTF(heading beta: Double, rao: ComplexSeries6, depth: Double) throws -> SlenderBodyQTF {
        guard let lo = platform.minFreq2ndHz, let hi = platform.maxFreq2ndHz else {
            throw SolveError.unsupported("platform.potSecOrder 1 needs min_freq2nd and max_freq2nd")
        }
        let w2 = SlenderBodyQTF.grid(minHz: lo, maxHz: hi, stepHz: platform.dFreq2ndHz)
        let k2 = w2.map { waveNumber(omega: $0, depth: depth) }
        let b = structure.rigid, r6 = b.r6
        let placed = members.placed(translation: Vec3(r6[0], r6[1], r6[2]), rotation: Vec3(r6[3], r6[4], r6[5]))
        return SlenderBodyQTF(members: placed, endAreas: b.hydroReference.endAreas(for: placed), structuralMass: b.statics.structuralMass,
                              rao: rao, mainOmega: b.hydroReference.omega, omega: w2, waveNumbers: k2, heading: beta, depth: depth,
                              rho: site.rhoWater, g: site.g)
    }

    /// Total mass `M_struc + A_hydro_morison + A_BEM(w₀)` of a rigid FOWT (eigen analysis).
    var eigenMass: Matrix6 {
        let b = structure.rigid
        return b.statics.structuralMass + b.hydroReference.addedMass + potentialFlowEigenAddedMass
    }
}
