#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// One rigid FOWT inside a `Model`: constant properties at the reference pose plus the state RAFT carries
/// from call to call (mooring warm starts, rotor operating points, mean pose) (RAFT `FOWT`, spec 06 §1.1, §3).
struct FOWTModel: Sendable {
    /// Array entry (reference position, heading adjustment, which turbine/platform/mooring).
    let entry: ArrayEntry
    let members: FOWTMembers
    /// `calcStatics` at the reference pose: `M_struc`, `C_struc`, `C_hydro`, `W_struc`, `W_hydro`, ... .
    /// Re-evaluated by `refreshStatics()` when a rotor's yaw changes the RNA orientation.
    private(set) var statics: FOWTStatics
    /// Rotor axes `R_q` the current `statics` were computed with (nil = zero-yaw shaft orientation).
    private var staticsRotorAxes: [Matrix3]?
    let platform: PlatformInput
    let rho: Double, g: Double
    /// Strip-theory model at the reference pose (`A_hydro_morison`, member inertia coefficients).
    let hydroReference: StripHydrodynamics
    /// Potential-flow coefficients: WAMIT files (potFirstOrder 1) from construction, replaced by the native BEM
    /// result in `analyzeCases` for potModMaster 0/2 with potMod members; nil for strip theory only
    /// (Model+PotentialFlow.swift).
    var potentialFlow: FOWTPotentialFlow?
    /// `yaw_stiffness` [N·m/rad], eigen analysis only (spec 00 P6).
    let yawStiffness: Double
    /// The FOWT's own mooring system (nil without `mooring`).
    var mooring: MooringSystem?
    var rotors: [Rotor]

    // MARK: State
    /// Absolute pose `r6` [m, rad].
    var r6: [Double]
    /// Mooring stiffness `C_moor` and force `F_moor0` at the current pose.
    var mooringStiffness = Matrix6()
    var mooringForce = [Double](repeating: 0, count: 6)
    /// Aero-servo quantities of the current case about the PRP: `f_aero0` (sum over rotors), per-rotor
    /// `A_aero`/`B_aero` per frequency, `B_gyro` (sum).
    var aero: [AeroResult] = []
    var meanAeroForce = [Double](repeating: 0, count: 6)
    var gyroscopicDamping = Matrix6()
    /// Mean current load `D_hydro` [N, N·m].
    var currentLoad = [Double](repeating: 0, count: 6)
    /// Mean wave drift `Σ_h Fhydro_2nd_mean[h]` [N, N·m]: set after the dynamics of a potSecOrder case for the second
    /// statics solve, zero otherwise (spec 06 §10).
    var meanDriftForce = [Double](repeating: 0, count: 6)

    /// Reference position vector (x_ref, y_ref on the translations).
    var reference: [Double] { [entry.x, entry.y, 0, 0, 0, 0] }

    /// - Parameter members: the FOWT's members when already built (`Model` builds them to tell rigid from flexible).
    /// - Parameter prebuiltRotors: this FOWT's rotors as `Rotor(turbine:site:frequencies:index:)` builds them from
    ///   `design` (a sweep shares its base design's, `SweepMetrics.evaluator`); nil builds them here.
    init(design: Design, index: Int, grid: FrequencyGrid, waveNumbers: [Double], members: FOWTMembers? = nil,
         prebuiltRotors: [Rotor]? = nil) throws {
        entry = design.fowts[index]
        let platform = design.platforms[entry.platformIndex]
        potentialFlow = try FOWTPotentialFlow.setUp(design: design, platform: platform, grid: grid)
        if platform.potSecOrder == 2 {
            throw SolveError.unsupported("second-order wave loads from a WAMIT .12d QTF file (platform.potSecOrder 2) are not supported yet; potSecOrder 1 (slender-body QTF) is")
        }
        if platform.potSecOrder == 1 && index > 0 {
            // RAFT slices the RAO of FOWT i > 0 out of its own 6-DOF response and crashes (spec 06 P8a).
            throw SolveError.unsupported("platform.potSecOrder 1 on FOWT \(index + 1) of an array: RAFT 2.0.4 only supports the slender-body QTF on the first FOWT")
        }
        self.platform = platform
        rho = design.site.rhoWater
        g = design.site.g
        self.members = try members ?? FOWTMembers(design: design, fowt: index)
        if let beam = self.members.members.first(where: { $0.type == .beam }) {
            throw SolveError.unsupported("flexible (beam) member '\(beam.name)' is not supported yet; use type: rigid")
        }
        statics = try FOWTStatics(members: self.members, platform: platform, rho: design.site.rhoWater, g: design.site.g)
        let t = Vec3(entry.x, entry.y, 0)
        hydroReference = StripHydrodynamics(members: self.members.placed(translation: t), reference: t, rho: design.site.rhoWater,
                                            omega: grid.omega, waveNumbers: waveNumbers)
        yawStiffness = platform.yawStiffness
        mooring = try MooringSystem(design: design, fowtIndex: index)
        rotors = try prebuiltRotors ?? Self.rotors(design: design, index: index, omega: grid.omega)
        r6 = [entry.x, entry.y, 0, 0, 0, 0]
        aero = rotors.map { _ in AeroResult.zero(grid.count) }
    }

    /// The rotors of FOWT `index` of `design`: `Rotor(turbine:site:frequencies:index:)` for each rotor of its turbine,
    /// none for a FOWT without one. The one place a rigid FOWT's rotors are built (`Model.rotors(of:)` shares them).
    static func rotors(design: Design, index: Int, omega: [Double]) throws -> [Rotor] {
        guard let ti = design.fowts[index].turbineIndex else { return [] }
        let t = design.turbines[ti]
        return try (0..<t.rotorCount).map { try Rotor(turbine: t, site: design.site, frequencies: omega, index: $0) }
    }

    /// RAFT `FOWT.setPosition(r6)` for a rigid FOWT: place rotors, re-solve the own mooring and update
    /// `C_moor`, `F_moor0` at this pose (spec 06 §3.1, 04 §6.4).
    mutating func setPosition(_ x: [Double]) throws {
        r6 = x
        let rot = rotationMatrix(roll: x[3], pitch: x[4], yaw: x[5])
        for i in rotors.indices {
            let p = Vec3(x[0], x[1], x[2]) + rot * rotors[i].rRel
            rotors[i].setPosition(nodePose: [p.x, p.y, p.z, x[3], x[4], x[5]])
        }
        if mooring != nil {
            try mooring!.setPose(x)
            mooringStiffness = translateMatrix6to6DOF(try mooring!.raftStiffness6(), .zero)
            mooringForce = mooring!.force6()
        }
    }

    /// RAFT `calcStatics()` as called in `solveStatics` after `calcTurbineConstants`: the RNA inertia and CG follow
    /// each rotor's current axis `R_q` (case yaw), everything else is at the reference pose (spec 06 §5.1, P1).
    mutating func refreshStatics() throws {
        guard !rotors.isEmpty else { return }
        let axes = rotors.map(\.axisRotation)
        let zeroYaw = zip(axes, members.rnas).allSatisfy { $0.0 == $0.1.shaftRotation }
        let wanted: [Matrix3]? = zeroYaw ? nil : axes
        if wanted == staticsRotorAxes { return }
        statics = try FOWTStatics(members: self.members, platform: platform, rho: rho, g: g, rnaAxes: wanted)
        staticsRotorAxes = wanted
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

    /// RAFT `calcTurbineConstants(case)` at the reference pose (rotor nodes at the reference position).
    mutating func turbineConstants(_ c: LoadCase) throws {
        meanAeroForce = [Double](repeating: 0, count: 6)
        gyroscopicDamping = Matrix6()
        for i in rotors.indices {
            let rr = rotors[i].rRel
            rotors[i].setPosition(nodePose: [entry.x + rr.x, entry.y + rr.y, rr.z, 0, 0, 0])
            let (a, g) = try rotors[i].turbineConstants(RotorCase(c), nodePosition: rotors[i].rRRPRel)
            if let what = Self.firstNonFinite(a) {
                // RAFT carries the NaN on into the response; say where it came from instead.
                let v0 = rotors[i].scheduleWindSpeed.first ?? .nan
                throw SolveError.nonFinite("rotor \(i) aerodynamics (\(what)) at wind_speed \(c.windSpeed) m/s: the blade-element momentum solution failed; the operating schedule wt_ops starts at \(v0) m/s, so the rotor spins far faster than this wind can drive it")
            }
            aero[i] = a
            for k in 0..<6 { meanAeroForce[k] += a.meanForce[k] }
            gyroscopicDamping += g
        }
    }

    /// The first non-finite part of a rotor's aerodynamic result, named, or nil.
    static func firstNonFinite(_ a: AeroResult) -> String? {
        if a.meanForce.contains(where: { !$0.isFinite }) { return "mean force" }
        for (d, row) in a.excitation.enumerated() {
            if let k = row.firstIndex(where: { !($0.real.isFinite && $0.imaginary.isFinite) }) { return "excitation of DOF \(d) at frequency index \(k)" }
        }
        for (k, m) in a.damping.enumerated() where !m.storage.allSatisfy(\.isFinite) { return "damping at frequency index \(k)" }
        for (k, m) in a.addedMass.enumerated() where !m.storage.allSatisfy(\.isFinite) { return "added mass at frequency index \(k)" }
        return nil
    }

    /// RAFT `calcCurrentLoads(case)` at the reference pose.
    mutating func currentLoads(_ c: LoadCase, depth: Double, shearExponent: Double) {
        currentLoad = hydroReference.currentLoads(speed: c.currentSpeed ?? 0, headingDeg: c.currentHeadingDeg, zRef: 0,
                                                  shearExponent: shearExponent, depth: depth)
    }

    /// Slender-body QTF (potSecOrder 1) for wave heading `beta` [rad] with motion RAOs `rao` (per unit wave
    /// amplitude, main grid), members at the current mean pose, `M_struc` of the last statics (spec 06 §7.1, 02 §11).
    func slenderBodyQTF(heading beta: Double, rao: ComplexSeries6, depth: Double) throws -> SlenderBodyQTF {
        guard let lo = platform.minFreq2ndHz, let hi = platform.maxFreq2ndHz else {
            throw SolveError.unsupported("platform.potSecOrder 1 needs min_freq2nd and max_freq2nd")
        }
        let w2 = SlenderBodyQTF.grid(minHz: lo, maxHz: hi, stepHz: platform.dFreq2ndHz)
        let k2 = w2.map { waveNumber(omega: $0, depth: depth) }
        let placed = members.placed(translation: Vec3(r6[0], r6[1], r6[2]), rotation: Vec3(r6[3], r6[4], r6[5]))
        return SlenderBodyQTF(members: placed, endAreas: hydroReference.endAreas(for: placed), structuralMass: statics.structuralMass,
                              rao: rao, mainOmega: hydroReference.omega, omega: w2, waveNumbers: k2, heading: beta, depth: depth,
                              rho: rho, g: g)
    }

    /// Hydrostatic + gravity stiffness `C_struc + C_hydro` (staticsMod 0).
    var restoringStiffness: Matrix6 { statics.structuralStiffness + statics.hydrostaticStiffness }
    /// Undisplaced static load `W_struc + W_hydro + f0_additional`.
    var undisplacedLoad: [Double] { (0..<6).map { statics.weight[$0] + statics.buoyancy[$0] + statics.additionalLoad[$0] } }
    /// Total mass `M_struc + A_hydro_morison + A_BEM(w₀)` (eigen analysis).
    var eigenMass: Matrix6 { statics.structuralMass + hydroReference.addedMass + potentialFlowEigenAddedMass }
}
