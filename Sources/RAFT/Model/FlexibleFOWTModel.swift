#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// One FOWT with flexible (beam) members inside a `Model`, in its reduced DOFs (RAFT `FOWT` with `nDOF > 6`), plus
/// the state RAFT carries from call to call: mooring warm starts, rotor operating points, the statics of the last
/// case (nacelle yaw) and the last mean equilibrium. The `.nodes` structure of a `FOWT` (the rigid one-node case is
/// `FOWTModel`); `Model`'s steps reach it through `FOWT`.
///
/// Supported: any number of wave trains per case, own mooring (moorMod 0, 1 or 2) without line current, strip theory
/// and WAMIT coefficients (potFirstOrder 1) on the PRP node, slender-body second-order loads (potSecOrder 1, on the
/// PRP node: FlexibleFOWTSecondOrder.swift); alone or in a farm. Anything else throws `SolveError.unsupported`.
struct FlexibleFOWTModel: Sendable {
    let members: FOWTMembers
    let platform: PlatformInput
    let joints: [JointInput]?
    let site: Site
    /// Reference position (x_ref, y_ref, 0) of the PRP [m]; zero for a single FOWT.
    let reference: Vec3
    /// The FOWT's array entry (reference position, `heading_adjust`).
    let entry: ArrayEntry
    /// Potential-flow coefficients acting on the first 6 reduced DOFs (PRP node): WAMIT files (potFirstOrder 1) from
    /// construction, the native BEM result from `analyzeCases` on (potModMaster 0/2), or nil.
    var potentialFlow: FOWTPotentialFlow?
    let formulation: FlexibleFormulation
    var rotors: [Rotor]
    var mooring: MooringSystem?
    /// Statics of the last `calcStatics` (reference pose; RNA axes of the last case) and `A_hydro_morison` there.
    var statics: FlexibleFOWTStatics
    var addedMass: DenseMatrix
    /// The last mean equilibrium (nil before the first statics solve).
    var equilibrium: FlexibleEquilibrium?
    /// Each rotor's aerodynamics of the last case with a load case (about the rotor node; the tower-base moment of
    /// the `consistent` formulation uses `A_aero[0,0]`, `B_aero[0,0]` as RAFT's rigid formula does).
    var caseAero: [AeroResult] = []
    /// The dynamics inputs the last `prepareStatics` left (added mass, aero matrices; the equilibrium once solved).
    var dynamicsInputs: FlexibleDynamicsInputs?
    /// Mean wave drift `Fhydro_2nd_mean` on the PRP DOFs [N, N·m]: set after the dynamics of a potSecOrder case for the
    /// second statics solve, zero otherwise (as `FOWTModel.meanDriftForce`).
    var meanDriftForce = [Double](repeating: 0, count: 6)

    /// FOWT `index` of a design (a farm's FOWTs each get their own), at its reference position (x_ref, y_ref): the
    /// reduced displacements stay relative to it; the own mooring, wave kinematics and output poses are absolute.
    /// Joints follow the FOWT's `heading_adjust` like its platform members.
    init(design: Design, index: Int, grid: FrequencyGrid) throws {
        let entry = design.fowts[index]
        let platform = design.platforms[entry.platformIndex]
        // potSecOrder 1: RAFT 2.0.4 has no slender-body QTF for nDOF > 6 (it prints a notice and uses a zero QTF, i.e.
        // gives the potSecOrder 0 results: a RAFT bug); here the rigid FOWT's QTF acts on the PRP node
        // (FlexibleFOWTSecondOrder.swift), with the rigid FOWT's rules:
        if platform.potSecOrder == 2 {
            throw SolveError.unsupported("second-order wave loads from a WAMIT .12d QTF file (platform.potSecOrder 2) are not supported yet; potSecOrder 1 (slender-body QTF) is")
        }
        if platform.potSecOrder == 1 && index > 0 {
            throw SolveError.unsupported("platform.potSecOrder 1 on FOWT \(index + 1) of an array: RAFT 2.0.4 only supports the slender-body QTF on the first FOWT")
        }
        guard design.mooringCurrentMod == 0 else {
            throw SolveError.unsupported("flexible FOWTs: mooring current (mooring.currentMod 1) is not supported yet")
        }
        // WAMIT coefficients (potFirstOrder 1) on the rigid-body node, as RAFT's readHydro for nDOF > 6; potModMaster
        // 0/2 replace them by the native BEM solve in `analyzeCases` (`Model.solvePotentialFlow`)
        potentialFlow = try FOWTPotentialFlow.setUp(design: design, platform: platform, grid: grid)
        self.entry = entry
        self.platform = platform
        site = design.site
        reference = Vec3(entry.x, entry.y, 0)
        // In a farm, joints belong to platforms with beam members; other FOWTs use RAFT's origin joint.
        var joints = design.joints
        if design.isArray && !platform.members.contains(where: { $0.type == .beam }) { joints = nil }
        if entry.headingAdjustDeg != 0, let js = joints {
            let h = entry.headingAdjustDeg * (Double.pi / 180), c = cos(h), sn = sin(h)
            joints = js.map { j in
                var r = j
                r.position = Vec3(c * j.position.x - sn * j.position.y, sn * j.position.x + c * j.position.y, j.position.z)
                return r
            }
        }
        self.joints = joints
        formulation = design.settings.flexibleFormulation
        members = try FOWTMembers(design: design, fowt: index)
        rotors = []
        if let ti = entry.turbineIndex {
            for ir in 0..<design.turbines[ti].rotorCount {
                let r = try Rotor(turbine: design.turbines[ti], site: site, frequencies: grid.omega, index: ir)
                rotors.append(r)
            }
        }
        mooring = try MooringSystem(design: design, fowtIndex: index)
        statics = try FlexibleFOWTStatics(members: members, joints: joints, platform: platform, rho: site.rhoWater, g: site.g,
                                          formulation: formulation)
        addedMass = statics.morisonAddedMass(members: members, rho: site.rhoWater)
    }

    /// Absolute PRP pose r6 for the reduced displacement `x` [m, rad].
    func prpPose(_ x: [Double]) -> [Double] {
        reference == .zero ? Array(x.prefix(6)) : [x[0] + reference.x, x[1] + reference.y, x[2], x[3], x[4], x[5]]
    }

    /// RAFT `setPosition` at the reference pose, as `analyzeCases` starts with: the own mooring solved at zero
    /// offsets (warm starts for the first case as for a rigid FOWT).
    mutating func setReferencePose() throws {
        guard mooring != nil else { return }
        do { try mooring!.setPose(prpPose([0, 0, 0, 0, 0, 0])) } catch { throw ContextualError("mooring at the reference pose", error) }
    }

    /// `M` and `C` of RAFT `solveEigen()` (spec 06 §11), row-major nDOF×nDOF, and nDOF: `M = M_struc +
    /// A_hydro_morison (+ A_BEM(w₀) on the PRP DOFs)`, `C = C_struc + C_hydro + C_elast + C_moor` (`C_moor` of the last
    /// equilibrium, `yaw_stiffness` on the PRP yaw DOF).
    func eigenMatrices() -> (mass: [Double], stiffness: [Double], n: Int) {
        let s = statics, n = s.nDOF
        var m = [Double](repeating: 0, count: n * n), c = m
        for i in 0..<(n * n) {
            m[i] = s.structuralMass.storage[i] + addedMass.storage[i]
            c[i] = s.structuralStiffness.storage[i] + s.hydrostaticStiffness.storage[i] + s.elasticStiffness.storage[i]
        }
        // A_BEM at RAFT's first frequency w₀ on the PRP DOFs (spec 06 §11, P21)
        if let a = potentialFlow?.coefficients.radiation.addedMass.first {
            for r in 0..<6 { for col in 0..<6 { m[r * n + col] += a[r, col] } }
        }
        let k = equilibrium?.mooringStiffness ?? Matrix6()
        for r in 0..<6 { for col in 0..<6 { c[r * n + col] += k[r, col] } }
        c[5 * n + 5] += platform.yawStiffness
        return (m, c, n)
    }

    /// The part of RAFT `solveStatics(case)` before the equilibrium solve (spec 06 §5), in the reduced DOFs: with a
    /// case, turbine constants at the reference pose about each rotor node and statics with the case's nacelle yaw;
    /// without one (nil), zero-yaw RNA axes and no environmental loads. Leaves `statics` and `addedMass` for the case;
    /// returns the constant `F_env` (current + mean aero) and the dynamics inputs without the equilibrium.
    mutating func prepareStatics(_ c: LoadCase?, grid: FrequencyGrid) throws -> (environment: [Double], inputs: FlexibleDynamicsInputs) {
        var aeroForces: [[Double]] = [], aeroMass: [[Matrix6]] = [], aeroDamping: [[Matrix6]] = []
        if let c {
            caseAero = []
            for i in rotors.indices {
                let rr = rotors[i].rRel
                let at = reference == .zero ? rr : rr + reference
                rotors[i].setPosition(nodePose: [at.x, at.y, rr.z, 0, 0, 0])
                let (a, gyro) = try rotors[i].turbineConstants(RotorCase(c), nodePosition: .zero)
                aeroForces.append(a.meanForce)
                caseAero.append(a)
                aeroMass.append(a.addedMass)
                aeroDamping.append(a.damping.map { $0 + gyro })
            }
        }
        let zeroYaw = c == nil || zip(rotors, members.rnas).allSatisfy { $0.0.axisRotation == $0.1.shaftRotation }
        let s = try FlexibleFOWTStatics(members: members, joints: joints, platform: platform, rho: site.rhoWater, g: site.g,
                                        rnaAxes: zeroYaw ? nil : rotors.map(\.axisRotation), formulation: formulation)
        statics = s
        addedMass = s.morisonAddedMass(members: members, rho: site.rhoWater)
        var env = [Double](repeating: 0, count: s.nDOF)
        if let c {
            env = s.currentLoads(members: members, rho: site.rhoWater, speed: c.currentSpeed ?? 0, headingDeg: c.currentHeadingDeg,
                                 shearExponent: site.shearExpWater, depth: site.waterDepth)
        }
        var inp = FlexibleDynamicsInputs(equilibrium: FlexibleEquilibrium(x: [], evaluations: 0, mooringStiffness: Matrix6(),
                                                                          nodeDisplacements: [], t: s.t),
                                         addedMass: addedMass)
        inp.potentialFlow = potentialFlow
        inp.entry = entry
        if !aeroForces.isEmpty {
            var am = [DenseMatrix](repeating: DenseMatrix(rows: s.nDOF, cols: s.nDOF), count: grid.count), ad = am
            for (ir, node) in s.graph.rotorNodes.enumerated() {
                let f = s.reducedLoad(aeroForces[ir], atNode: node)
                for j in env.indices { env[j] += f[j] }
                for m in 0..<grid.count {
                    am[m] = am[m] + s.reducedMatrix(aeroMass[ir][m], atNode: node)
                    ad[m] = ad[m] + s.reducedMatrix(aeroDamping[ir][m], atNode: node)
                }
            }
            inp.aeroMass = am
            inp.aeroDamping = ad
        }
        return (env, inp)
    }

    /// The drag-linearised dynamics of one case at the mean pose of the case's statics (moorMod 2: keeps the mooring as
    /// the lumped-mass iteration left it).
    mutating func caseDynamics(_ c: LoadCase, _ inp: FlexibleDynamicsInputs, grid: FrequencyGrid, waveNumbers k: [Double],
                               settings: Settings) throws -> FlexibleDragLinearization {
        let seas = c.waves.map { SeaState(train: $0, grid: grid) }
        let hook = secondOrderHook(sea: seas[0], pose: prpPose(inp.equilibrium.x), grid: grid, waveNumbers: k)
        let d = try statics.dragLinearization(inp, members: members, sea: seas[0], rho: site.rhoWater, depth: site.waterDepth,
                                              omega: grid.omega, waveNumbers: k, iterations: settings.nIter,
                                              xiStart: settings.xiStart, tolerance: settings.dragTolerance, offset: reference,
                                              otherTrains: Array(seas.dropFirst()), secondOrder: hook)
        if let m = d.lumpedMooring { mooring = m }
        return d
    }

    /// The case's channels for the reduced responses `xi` (one per wave train, [nDOF·nw] dof-major) at the last
    /// equilibrium.
    mutating func caseResult(_ c: LoadCase, response xi: [[Complex]], iterations: Int, converged: Bool,
                             grid: FrequencyGrid) throws -> FOWTCaseResult {
        guard let eq = equilibrium else { throw SolveError.unsupported("flexible FOWT outputs need the statics of the case first") }
        let seas = c.waves.map { SeaState(train: $0, grid: grid) }
        let metrics = try statics.caseMetrics(equilibrium: eq, response: xi, seas: seas, members: members, omega: grid.omega,
                                              dw: grid.dw, g: site.g, rotors: rotors, aero: caseAero, windSpeed: c.windSpeed,
                                              currentSpeed: c.currentSpeed, mooring: &mooring, reference: reference)
        return FOWTCaseResult(metrics: metrics, r6: prpPose(eq.x), dynamicsIterations: iterations, dynamicsConverged: converged)
    }

    /// `raft properties` under RAFT's names (matrices in the reduced DOFs, with `dofs` naming each one as
    /// [node index, DOF 0–5]); at `.unloaded` (after `analyzeUnloaded`) also `offset_unloaded`, `C_moor`, `C_moor0`,
    /// `F_moor0`.
    func properties(unloaded: (offset: [Double], mooringStiffness: Matrix6, mooringForce: [Double])?) -> FOWTProperties {
        let s = statics, rho = site.rhoWater, g = site.g
        func m(_ x: DenseMatrix) -> ResultValue { .matrix((0..<x.rows).map { r in (0..<x.cols).map { x[r, $0] } }) }
        func v(_ x: Vec3) -> ResultValue { .vector([x.x, x.y, x.z]) }
        var out: [(name: String, value: ResultValue)] = [
            ("nDOF", .scalar(Double(s.nDOF))),
            ("dofs", .matrix(s.dofs.map { [Double($0.node), Double($0.dof)] })),
            ("M_struc", m(s.structuralMass)), ("M_struc_sub", m(s.substructureMass)),
            ("C_struc", m(s.structuralStiffness)), ("C_struc_sub", m(s.substructureStiffness)),
            ("C_hydro", m(s.hydrostaticStiffness)), ("C_elast", m(s.elasticStiffness)), ("A_hydro_morison", m(addedMass)),
            ("W_struc", .vector(s.weight)), ("W_hydro", .vector(s.buoyancy)),
            ("rCG", v(s.rCG)), ("rCG_sub", v(s.rCGSub)), ("rCB", v(s.rCB)),
            ("V", .scalar(s.volume)), ("m_sub", .scalar(s.substructureMassTotal)),
            ("m_ballast", .vector(s.ballastMasses)), ("pb", .vector(s.ballastDensities)),
            ("total mass", .scalar(s.mass)), ("buoyancy (pgV)", .scalar(rho * g * s.volume)),
        ]
        if let u = unloaded {
            out.append(("offset_unloaded", .vector(u.offset)))
            out.append(("C_moor", .matrix((equilibrium?.mooringStiffness ?? Matrix6()).rows)))
            out.append(("C_moor0", .matrix(u.mooringStiffness.rows)))
            out.append(("F_moor0", .vector(u.mooringForce)))
        }
        return FOWTProperties(entries: out)
    }
}
