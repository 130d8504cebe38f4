#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// What only a FOWT with beams has (`FOWTStructure.nodes`): its node graph in the reduced DOFs (RAFT `FOWT` with
/// `nDOF > 6`), the statics of the last case (nacelle yaw) and the last mean equilibrium. The parts every FOWT has
/// (rotors, own mooring, potential flow, ...) are `FOWT`'s; the steps that use both are the `FOWT` methods below.
///
/// Supported: any number of wave trains per case, own mooring (moorMod 0, 1 or 2) without line current, strip theory
/// and WAMIT coefficients (potFirstOrder 1) on the PRP node, slender-body second-order loads (potSecOrder 1, on the
/// PRP node: FlexibleFOWTSecondOrder.swift); alone or in a farm. Anything else throws `SolveError.unsupported`.
struct FlexibleStructure: Sendable {
    let joints: [JointInput]?
    let formulation: FlexibleFormulation
    /// Statics of the last `calcStatics` (reference pose; RNA axes of the last case) and `A_hydro_morison` there.
    var statics: FlexibleFOWTStatics
    var addedMass: DenseMatrix
    /// The last mean equilibrium (nil before the first statics solve).
    var equilibrium: FlexibleEquilibrium?
    /// The dynamics inputs the last `prepareStatics` left (added mass, aero matrices; the equilibrium once solved).
    var dynamicsInputs: FlexibleDynamicsInputs?

    /// FOWT `index` of a design with its `members` (a farm's FOWTs each get their own), at its reference position
    /// (x_ref, y_ref): the reduced displacements stay relative to it; the own mooring, wave kinematics and output poses
    /// are absolute. Joints follow the FOWT's `heading_adjust` like its platform members.
    init(design: Design, index: Int, members: FOWTMembers) throws {
        let entry = design.fowts[index]
        let platform = design.platforms[entry.platformIndex]
        // potSecOrder 1: RAFT 2.0.4 has no slender-body QTF for nDOF > 6 (it prints a notice and uses a zero QTF, i.e.
        // gives the potSecOrder 0 results: a RAFT bug); here the rigid FOWT's QTF acts on the PRP node
        // (FlexibleFOWTSecondOrder.swift), with the rigid FOWT's rules (potSecOrder 2 and FOWTs after the first are
        // refused by `FOWT.init`).
        guard design.mooringCurrentMod == 0 else {
            throw SolveError.unsupported("flexible FOWTs: mooring current (mooring.currentMod 1) is not supported yet")
        }
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
        statics = try FlexibleFOWTStatics(members: members, joints: joints, platform: platform, rho: design.site.rhoWater, g: design.site.g,
                                          formulation: formulation)
        addedMass = statics.morisonAddedMass(members: members, rho: design.site.rhoWater)
    }
}

extension FOWT {
    /// `M` and `C` of RAFT `solveEigen()` for a node graph (spec 06 §11), row-major nDOF×nDOF, and nDOF: `M = M_struc +
    /// A_hydro_morison (+ A_BEM(w₀) on the PRP DOFs)`, `C = C_struc + C_hydro + C_elast + C_moor` (`C_moor` of the last
    /// equilibrium, `yaw_stiffness` on the PRP yaw DOF).
    func nodeEigenMatrices() -> (mass: [Double], stiffness: [Double], n: Int) {
        let f = structure.nodes, s = f.statics, n = s.nDOF
        var m = [Double](repeating: 0, count: n * n), c = m
        for i in 0..<(n * n) {
            m[i] = s.structuralMass.storage[i] + f.addedMass.storage[i]
            c[i] = s.structuralStiffness.storage[i] + s.hydrostaticStiffness.storage[i] + s.elasticStiffness.storage[i]
        }
        // A_BEM at RAFT's first frequency w₀ on the PRP DOFs (spec 06 §11, P21)
        if potentialFlow != nil {
            let a = potentialFlowEigenAddedMass
            for r in 0..<6 { for col in 0..<6 { m[r * n + col] += a[r, col] } }
        }
        let k = f.equilibrium?.mooringStiffness ?? Matrix6()
        for r in 0..<6 { for col in 0..<6 { c[r * n + col] += k[r, col] } }
        c[5 * n + 5] += platform.yawStiffness
        return (m, c, n)
    }

    /// The part of RAFT `solveStatics(case)` before the equilibrium solve for a node graph (spec 06 §5), in the reduced
    /// DOFs: with a case, turbine constants at the reference pose about each rotor node and statics with the case's
    /// nacelle yaw; without one (nil), zero-yaw RNA axes and no environmental loads. Leaves `statics` and `addedMass`
    /// for the case; returns the constant `F_env` (current + mean aero) and the dynamics inputs without the equilibrium.
    mutating func prepareNodeStatics(_ c: LoadCase?, grid: FrequencyGrid) throws -> (environment: [Double], inputs: FlexibleDynamicsInputs) {
        let gyroscopic = try c.map { try turbineConstants($0, aboutRotorNode: true) } ?? []
        let s = try FlexibleFOWTStatics(members: members, joints: structure.nodes.joints, platform: platform, rho: site.rhoWater, g: site.g,
                                        rnaAxes: c == nil ? nil : rnaAxes, formulation: structure.nodes.formulation)
        let addedMass = s.morisonAddedMass(members: members, rho: site.rhoWater)
        structure.modifyNodes {
            $0.statics = s
            $0.addedMass = addedMass
        }
        var env = [Double](repeating: 0, count: s.nDOF)
        if let c {
            env = s.currentLoads(members: members, rho: site.rhoWater, speed: c.currentSpeed ?? 0, headingDeg: c.currentHeadingDeg,
                                 shearExponent: site.shearExpWater, depth: site.waterDepth)
        }
        var inp = FlexibleDynamicsInputs(equilibrium: FlexibleEquilibrium(x: [], evaluations: 0, mooringStiffness: Matrix6(),
                                                                          nodeDisplacements: [], t: s.t),
                                         addedMass: addedMass)
        if !gyroscopic.isEmpty {
            var am = [DenseMatrix](repeating: DenseMatrix(rows: s.nDOF, cols: s.nDOF), count: grid.count), ad = am
            for (ir, node) in s.graph.rotorNodes.enumerated() {
                let f = s.reducedLoad(aero[ir].meanForce, atNode: node)
                for j in env.indices { env[j] += f[j] }
                for m in 0..<grid.count {
                    am[m] = am[m] + s.reducedMatrix(aero[ir].addedMass[m], atNode: node)
                    ad[m] = ad[m] + s.reducedMatrix(aero[ir].damping[m] + gyroscopic[ir], atNode: node)
                }
            }
            inp.aeroMass = am
            inp.aeroDamping = ad
        }
        return (env, inp)
    }

    /// The drag-linearised dynamics of a node graph for one case at the mean pose of the case's statics (moorMod 2:
    /// keeps the mooring as the lumped-mass iteration left it).
    mutating func nodeDragLinearization(_ c: LoadCase, seas: [SeaState], grid: FrequencyGrid, waveNumbers k: [Double],
                                        settings: Settings) throws -> FlexibleDragLinearization {
        guard let inp = structure.nodes.dynamicsInputs else { throw SolveError.unsupported("flexible FOWT dynamics need the statics of the case first") }
        let hook = secondOrderHook(sea: seas[0], pose: prpPose(inp.equilibrium.x), grid: grid, waveNumbers: k)
        let d = try structure.nodes.statics.dragLinearization(inp, members: members, sea: seas[0], rho: site.rhoWater, depth: site.waterDepth,
                                                              omega: grid.omega, waveNumbers: k, iterations: settings.nIter,
                                                              xiStart: settings.xiStart, tolerance: settings.dragTolerance,
                                                              offset: referencePosition, otherTrains: Array(seas.dropFirst()),
                                                              secondOrder: hook, mooring: mooring, potentialFlow: potentialFlow,
                                                              entry: entry)
        if let m = d.lumpedMooring { mooring = m }
        return d
    }

    /// A node graph's channels of case `c` for the reduced responses `xi` (one per wave train, [nDOF·nw] dof-major)
    /// at the last equilibrium.
    mutating func nodeCaseMetrics(_ c: LoadCase, response xi: [[Complex]], grid: FrequencyGrid) throws -> CaseMetrics {
        guard let eq = structure.nodes.equilibrium else { throw SolveError.unsupported("flexible FOWT outputs need the statics of the case first") }
        let seas = c.waves.map { SeaState(train: $0, grid: grid) }
        return try structure.nodes.statics.caseMetrics(equilibrium: eq, response: xi, seas: seas, members: members, omega: grid.omega,
                                                       dw: grid.dw, g: site.g, rotors: rotors, aero: aero, windSpeed: c.windSpeed,
                                                       currentSpeed: c.currentSpeed, mooring: &mooring, reference: referencePosition)
    }

    /// `raft properties` of a node graph under RAFT's names (matrices in the reduced DOFs, with `dofs` naming each one as
    /// [node index, DOF 0–5]); at `.unloaded` (after `analyzeUnloaded`) also `offset_unloaded`, `C_moor`, `C_moor0`,
    /// `F_moor0`.
    func nodeProperties(unloaded: (offset: [Double], mooringStiffness: Matrix6, mooringForce: [Double])?) -> FOWTProperties {
        let f = structure.nodes, s = f.statics, rho = site.rhoWater, g = site.g
        func m(_ x: DenseMatrix) -> ResultValue { .matrix((0..<x.rows).map { r in (0..<x.cols).map { x[r, $0] } }) }
        func v(_ x: Vec3) -> ResultValue { .vector([x.x, x.y, x.z]) }
        var out: [(name: String, value: ResultValue)] = [
            ("nDOF", .scalar(Double(s.nDOF))),
            ("dofs", .matrix(s.dofs.map { [Double($0.node), Double($0.dof)] })),
            ("M_struc", m(s.structuralMass)), ("M_struc_sub", m(s.substructureMass)),
            ("C_struc", m(s.structuralStiffness)), ("C_struc_sub", m(s.substructureStiffness)),
            ("C_hydro", m(s.hydrostaticStiffness)), ("C_elast", m(s.elasticStiffness)), ("A_hydro_morison", m(f.addedMass)),
            ("W_struc", .vector(s.weight)), ("W_hydro", .vector(s.buoyancy)),
            ("rCG", v(s.rCG)), ("rCG_sub", v(s.rCGSub)), ("rCB", v(s.rCB)),
            ("V", .scalar(s.volume)), ("m_sub", .scalar(s.substructureMassTotal)),
            ("m_ballast", .vector(s.ballastMasses)), ("pb", .vector(s.ballastDensities)),
            ("total mass", .scalar(s.mass)), ("buoyancy (pgV)", .scalar(rho * g * s.volume)),
        ]
        if let u = unloaded {
            out.append(("offset_unloaded", .vector(u.offset)))
            out.append(("C_moor", .matrix((f.equilibrium?.mooringStiffness ?? Matrix6()).rows)))
            out.append(("C_moor0", .matrix(u.mooringStiffness.rows)))
            out.append(("F_moor0", .vector(u.mooringForce)))
        }
        return FOWTProperties(entries: out)
    }
}
