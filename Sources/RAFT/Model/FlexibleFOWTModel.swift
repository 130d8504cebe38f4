#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// One FOWT with flexible (beam) members inside a `Model`, in its reduced DOFs (RAFT `FOWT` with `nDOF > 6`), plus
/// the state RAFT carries from call to call: mooring warm starts, rotor operating points, the statics of the last
/// case (nacelle yaw) and the last mean equilibrium. The rigid counterpart is `FOWTModel`; `Model` dispatches.
///
/// Supported: one FOWT at reference (0, 0), one wave train per case, own mooring (moorMod 0, 1 or 2) without line current,
/// strip theory only, no second-order loads. Anything else throws `SolveError.unsupported`.
struct FlexibleFOWTModel: Sendable {
    let members: FOWTMembers
    let platform: PlatformInput
    let joints: [JointInput]?
    let site: Site
    let formulation: FlexibleFormulation
    var rotors: [Rotor]
    var mooring: MooringSystem?
    /// Statics of the last `calcStatics` (reference pose; RNA axes of the last case) and `A_hydro_morison` there.
    var statics: FlexibleFOWTStatics
    var addedMass: DenseMatrix
    /// The last mean equilibrium (nil before the first statics solve).
    var equilibrium: FlexibleEquilibrium?

    init(design: Design, grid: FrequencyGrid) throws {
        guard design.fowts.count == 1, design.arrayMooring == nil else {
            throw SolveError.unsupported("flexible FOWTs are supported in single-FOWT designs only")
        }
        let platform = design.platforms[design.fowts[0].platformIndex]
        guard platform.potSecOrder == 0, platform.potFirstOrder == 0, design.mooringCurrentMod == 0 else {
            throw SolveError.unsupported("flexible FOWTs: potential flow, second-order loads and mooring current are not supported yet")
        }
        guard design.fowts[0].x == 0, design.fowts[0].y == 0 else {
            throw SolveError.unsupported("flexible FOWTs: a reference position other than (0, 0) is not supported yet")
        }
        self.platform = platform
        site = design.site
        joints = design.joints
        formulation = design.settings.flexibleFormulation
        members = try FOWTMembers(design: design, fowt: 0)
        if members.members.contains(where: \.potMod) {
            throw SolveError.unsupported("flexible FOWTs: potential-flow members (potMod) are not supported yet")
        }
        rotors = []
        if let ti = design.fowts[0].turbineIndex {
            for ir in 0..<design.turbines[ti].rotorCount {
                let r = try Rotor(turbine: design.turbines[ti], site: site, frequencies: grid.omega, index: ir)
                rotors.append(r)
            }
        }
        mooring = try MooringSystem(design: design, fowtIndex: 0)
        statics = try FlexibleFOWTStatics(members: members, joints: joints, platform: platform, rho: site.rhoWater, g: site.g,
                                          formulation: formulation)
        addedMass = statics.morisonAddedMass(members: members, rho: site.rhoWater)
    }

    /// RAFT `setPosition` at the reference pose, as `analyzeCases` starts with: the own mooring solved at zero
    /// offsets (warm starts for the first case as for a rigid FOWT).
    mutating func setReferencePose() throws {
        guard mooring != nil else { return }
        do { try mooring!.setPose([0, 0, 0, 0, 0, 0]) } catch { throw ContextualError("mooring at the reference pose", error) }
    }

    /// RAFT `analyzeUnloaded()` (spec 06 §4): statics at the reference pose with zero-yaw RNA axes, `C_moor0`/`F_moor0`
    /// at the undisplaced pose, then the equilibrium without environmental loads.
    /// - Returns: `offset_unloaded` (the reduced mean displacement, PRP first), `C_moor0`, `F_moor0`.
    mutating func analyzeUnloaded() throws -> (offset: [Double], mooringStiffness: Matrix6, mooringForce: [Double]) {
        statics = try FlexibleFOWTStatics(members: members, joints: joints, platform: platform, rho: site.rhoWater, g: site.g,
                                          formulation: formulation)
        addedMass = statics.morisonAddedMass(members: members, rho: site.rhoWater)
        var c0 = Matrix6(), f0 = [Double](repeating: 0, count: 6)
        if mooring != nil {
            do {
                try mooring!.setPose([0, 0, 0, 0, 0, 0])
                let (k, f) = try mooring!.raftUnloadedStiffnessAndForce()
                c0 = Matrix6(rows: (0..<6).map { Array(k[6 * $0 ..< 6 * $0 + 6]) })
                f0 = f
            } catch { throw ContextualError("mooring at the undisplaced pose", error) }
        }
        let eq = try statics.solveEquilibrium(environment: [Double](repeating: 0, count: statics.nDOF), mooring: &mooring)
        equilibrium = eq
        return (eq.x, c0, f0)
    }

    /// RAFT `solveEigen()` (spec 06 §11): `M = M_struc + A_hydro_morison`, `C = C_struc + C_hydro + C_elast + C_moor`
    /// (`C_moor` of the last equilibrium, `yaw_stiffness` on the PRP yaw DOF); eigenvalues sorted ascending (RAFT's
    /// flexible branch).
    func solveEigen() throws -> EigenResult {
        let s = statics, n = s.nDOF
        var m = [Double](repeating: 0, count: n * n), c = m
        for i in 0..<(n * n) {
            m[i] = s.structuralMass.storage[i] + addedMass.storage[i]
            c[i] = s.structuralStiffness.storage[i] + s.hydrostaticStiffness.storage[i] + s.elasticStiffness.storage[i]
        }
        let k = equilibrium?.mooringStiffness ?? Matrix6()
        for r in 0..<6 { for col in 0..<6 { c[r * n + col] += k[r, col] } }
        c[5 * n + 5] += platform.yawStiffness
        return try RAFT.solveEigen(mass: m, stiffness: c, n: n, rigid: false)
    }

    /// RAFT `solveStatics(case)` in the reduced DOFs (spec 06 §5): with a case, turbine constants at the reference
    /// pose about each rotor node, statics with the case's nacelle yaw, current and mean aero loads; without one
    /// (nil), zero-yaw RNA axes and no environmental loads. Leaves `statics`, `addedMass` and `equilibrium` at the
    /// new state and returns the inputs of the dynamics (added mass, aero mass and damping per frequency).
    mutating func caseStatics(_ c: LoadCase?, grid: FrequencyGrid) throws -> FlexibleDynamicsInputs {
        var aeroForces: [[Double]] = [], aeroMass: [[Matrix6]] = [], aeroDamping: [[Matrix6]] = []
        if let c {
            for i in rotors.indices {
                let rr = rotors[i].rRel
                rotors[i].setPosition(nodePose: [rr.x, rr.y, rr.z, 0, 0, 0])
                let (a, gyro) = try rotors[i].turbineConstants(RotorCase(c), nodePosition: .zero)
                aeroForces.append(a.meanForce)
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
        let eq = try s.solveEquilibrium(environment: env, mooring: &mooring)
        equilibrium = eq
        inp.equilibrium = eq
        inp.mooring = mooring
        return inp
    }

    /// One load case of RAFT `analyzeCases()` (spec 06 §5, §7, §10; 07 §2): `caseStatics`, then drag-linearised
    /// dynamics and the case's channels.
    mutating func analyzeCase(_ c: LoadCase, grid: FrequencyGrid, waveNumbers k: [Double], settings: Settings) throws -> CaseResult {
        guard c.waves.count == 1 else { throw SolveError.unsupported("flexible FOWTs: case \(c.index) needs exactly one wave train") }
        let inp = try caseStatics(c, grid: grid)
        let s = statics, eq = inp.equilibrium
        let sea = SeaState(train: c.waves[0], grid: grid)
        let (xi, passes, converged, lumpedMooring) = try s.solveDynamics(inp, members: members, sea: sea, rho: site.rhoWater, depth: site.waterDepth,
                                                          omega: grid.omega, waveNumbers: k, iterations: settings.nIter,
                                                          xiStart: settings.xiStart, tolerance: settings.dragTolerance)
        if let lumpedMooring { mooring = lumpedMooring }
        let metrics = try s.caseMetrics(equilibrium: eq, response: xi, sea: sea, members: members, omega: grid.omega,
                                        dw: grid.dw, g: site.g, rotors: rotors, windSpeed: c.windSpeed,
                                        currentSpeed: c.currentSpeed, mooring: &mooring)
        return CaseResult(index: c.index, inputs: c.cells.map { ($0.key, $0.value.inputValue) },
                          fowts: [FOWTCaseResult(metrics: metrics, r6: Array(eq.x.prefix(6)), dynamicsIterations: passes,
                                                 dynamicsConverged: converged)],
                          arrayMooring: nil, staticsIterations: eq.evaluations)
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
