#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// One FOWT of a `Model` (RAFT 2.x's `FOWT` on structural nodes), in FOWT order, with the state RAFT carries from call
/// to call. What every FOWT has is stored here once: its array entry, platform and members, the site, its rotors, its
/// own mooring, its potential-flow coefficients, the rotors' aerodynamics of the last case and the mean wave drift.
/// Only what depends on the structure is in `structure`:
/// - `.rigid`: the one-node case, 6 DOFs about the PRP in `Matrix6` with no reduction (`RigidStructure`, the fast
///   path), or
/// - `.nodes`: a node graph with beam members in its reduced DOFs, the PRP node's 6 DOFs first (`FlexibleStructure`).
///
/// `Model`'s steps loop over `fowts` with per-FOWT DOF offsets (`dofCount`); the per-FOWT steps below dispatch once on
/// the structure, to `FOWT` methods of RigidStructure.swift (and Model+Dynamics, Model+Outputs) or
/// FlexibleStructure.swift. Shared lines and the own mooring act on the first 6 DOFs (the PRP) of either kind.
struct FOWT: Sendable {
    /// Array entry: reference position (x_ref, y_ref), `heading_adjust`, which turbine, platform and mooring.
    let entry: ArrayEntry
    let platform: PlatformInput
    /// Platform, tower and nacelle members, RNAs and point inertias, relative to the PRP at the reference pose.
    let members: FOWTMembers
    let site: Site
    /// The rotors of the FOWT's turbine (none without one), with the operating point of the last case.
    var rotors: [Rotor]
    /// The FOWT's own mooring system acting on the PRP (nil without `mooring`), with its warm starts.
    var mooring: MooringSystem?
    /// Potential-flow coefficients on the PRP DOFs: WAMIT files (potFirstOrder 1) from construction, replaced by the
    /// native BEM result in `analyzeCases` for potModMaster 0/2 with potMod members (Model+PotentialFlow.swift); nil
    /// for strip theory only.
    var potentialFlow: FOWTPotentialFlow?
    /// Each rotor's aerodynamics of the last case (RAFT `calcTurbineConstants`: `f_aero0`, `A_aero`, `B_aero` per
    /// frequency, excitation), about the PRP (rigid) or the rotor node (node graph); zero before the first case.
    var aero: [AeroResult]
    /// Mean wave drift `Σ_h Fhydro_2nd_mean[h]` on the PRP DOFs [N, N·m]: set after the dynamics of a potSecOrder case
    /// for the second statics solve, zero otherwise (spec 06 §10).
    var meanDriftForce = [Double](repeating: 0, count: 6)
    /// What differs between the one-node case and a node graph.
    var structure: FOWTStructure

    /// FOWT `index` of `design`: a node graph when a platform or tower member is a beam, else the rigid one-node case.
    /// - Parameter rotors: the FOWT's rotors as `FOWT.rotors(design:index:omega:)` builds them (a sweep shares its base
    ///   design's, `SweepMetrics.evaluator`); nil builds them here.
    init(design: Design, index: Int, grid: FrequencyGrid, waveNumbers: [Double], rotors prebuilt: [Rotor]? = nil) throws {
        entry = design.fowts[index]
        platform = design.platforms[entry.platformIndex]
        site = design.site
        members = try FOWTMembers(design: design, fowt: index)
        if platform.potSecOrder == 2 {
            throw SolveError.unsupported("second-order wave loads from a WAMIT .12d QTF file (platform.potSecOrder 2) are not supported yet; potSecOrder 1 (slender-body QTF) is")
        }
        if platform.potSecOrder == 1 && index > 0 {
            // RAFT slices the RAO of FOWT i > 0 out of its own 6-DOF response and crashes (spec 06 P8a).
            throw SolveError.unsupported("platform.potSecOrder 1 on FOWT \(index + 1) of an array: RAFT 2.0.4 only supports the slender-body QTF on the first FOWT")
        }
        if members.members.contains(where: { $0.type == .beam && $0.part != .nacelle }) {
            structure = .nodes(try FlexibleStructure(design: design, index: index, members: members))
        } else {
            structure = .rigid(try RigidStructure(design: design, index: index, members: members, grid: grid, waveNumbers: waveNumbers))
        }
        // WAMIT coefficients (potFirstOrder 1) act on the PRP DOFs, as RAFT's readHydro does for any nDOF
        potentialFlow = try FOWTPotentialFlow.setUp(design: design, platform: platform, grid: grid)
        mooring = try MooringSystem(design: design, fowtIndex: index)
        rotors = try prebuilt ?? Self.rotors(design: design, index: index, omega: grid.omega)
        aero = rotors.map { _ in AeroResult.zero(grid.count) }
    }

    /// The rotors of FOWT `index` of `design`: `Rotor(turbine:site:frequencies:index:)` for each rotor of its turbine,
    /// none for a FOWT without one. The one place a FOWT's rotors are built (`Model.rotors(of:)` shares them).
    static func rotors(design: Design, index: Int, omega: [Double]) throws -> [Rotor] {
        guard let ti = design.fowts[index].turbineIndex else { return [] }
        let t = design.turbines[ti]
        return try (0..<t.rotorCount).map { try Rotor(turbine: t, site: design.site, frequencies: omega, index: $0) }
    }

    // MARK: Access

    var isRigid: Bool { structure.isRigid }

    /// Reference pose (x_ref, y_ref, 0, 0, 0, 0) [m, rad].
    var referencePose: [Double] { [entry.x, entry.y, 0, 0, 0, 0] }
    /// Reference position (x_ref, y_ref, 0) of the PRP [m]; zero for a single FOWT.
    var referencePosition: Vec3 { Vec3(entry.x, entry.y, 0) }

    /// Absolute PRP pose r6 for a node graph's reduced displacement `x` (PRP first) [m, rad].
    func prpPose(_ x: [Double]) -> [Double] {
        let reference = referencePosition
        return reference == .zero ? Array(x.prefix(6)) : [x[0] + reference.x, x[1] + reference.y, x[2], x[3], x[4], x[5]]
    }

    /// Number of DOFs in the stacked system: 6 (rigid) or the reduced DOFs.
    var dofCount: Int {
        switch structure {
        case .rigid: return 6
        case .nodes(let f): return f.statics.nDOF
        }
    }

    /// Current absolute PRP pose r6 [m, rad] (a node graph: from its last mean equilibrium; the reference before one).
    var pose: [Double] {
        switch structure {
        case .rigid(let f): return f.r6
        case .nodes(let f): return prpPose(f.equilibrium?.x ?? [Double](repeating: 0, count: 6))
        }
    }

    /// `offset_unloaded` after the unloaded equilibrium: rigid `r6 − r6_ref`; a node graph its reduced displacement.
    var unloadedOffset: [Double] {
        switch structure {
        case .rigid(let f): return zip(f.r6, referencePose).map { $0 - $1 }
        case .nodes(let f): return f.equilibrium?.x ?? [Double](repeating: 0, count: f.statics.nDOF)
        }
    }

    /// `C_moor` of the last equilibrium (rigid: at the current pose).
    var mooringStiffness: Matrix6 {
        switch structure {
        case .rigid(let f): return f.mooringStiffness
        case .nodes(let f): return f.equilibrium?.mooringStiffness ?? Matrix6()
        }
    }

    /// The rotors' axes `R_q` when a case's nacelle yaw turns them from the zero-yaw shaft orientation, else nil (the
    /// RNA inertia and CG of `calcStatics` follow them; spec 06 §5.1, P1).
    var rnaAxes: [Matrix3]? {
        let axes = rotors.map { $0.axisRotation }
        return zip(axes, members.rnas).allSatisfy({ $0.0 == $0.1.shaftRotation }) ? nil : axes
    }

    /// RAFT `calcTurbineConstants(case)` at the reference pose: each rotor placed at the reference position with zero
    /// rotation, its aerodynamics (`aero`) about the PRP, or about its own node (`aboutRotorNode`, a node graph's rotor
    /// node). Returns each rotor's gyroscopic damping `B_gyro`.
    mutating func turbineConstants(_ c: LoadCase, aboutRotorNode: Bool) throws -> [Matrix6] {
        var gyroscopic: [Matrix6] = []
        for i in rotors.indices {
            let (a, g) = try rotors[i].placedTurbineConstants(RotorCase(c), fowtX: entry.x, fowtY: entry.y,
                                                              aboutRotorNode: aboutRotorNode)
            if let what = Self.firstNonFinite(a) {
                // RAFT carries the NaN on into the response; say where it came from instead.
                let v0 = rotors[i].scheduleWindSpeed.first ?? .nan
                throw SolveError.nonFinite("rotor \(i) aerodynamics (\(what)) at wind_speed \(c.windSpeed) m/s: the blade-element momentum solution failed; the operating schedule wt_ops starts at \(v0) m/s, so the rotor spins far faster than this wind can drive it")
            }
            aero[i] = a
            gyroscopic.append(g)
        }
        return gyroscopic
    }

    /// The first non-finite part of a rotor's aerodynamic result, named, or nil.
    static func firstNonFinite(_ a: AeroResult) -> String? {
        if a.meanForce.contains(where: { !$0.isFinite }) { return "mean force" }
        for (d, row) in a.excitation.enumerated() {
            if let k = row.firstIndex(where: { !($0.real.isFinite && $0.imaginary.isFinite) }) { return "excitation of DOF \(d) at frequency index \(k)" }
        }
        for (k, m) in a.damping.enumerated() where !m.storage.allSatisfy({ $0.isFinite }) { return "damping at frequency index \(k)" }
        for (k, m) in a.addedMass.enumerated() where !m.storage.allSatisfy({ $0.isFinite }) { return "added mass at frequency index \(k)" }
        return nil
    }

    // MARK: Steps

    /// RAFT `setPosition` at the reference pose, as `analyzeCases` starts with (a node graph: its own mooring solved
    /// at zero offsets, the warm starts for the first case).
    mutating func setReferencePose() throws {
        if isRigid { return try setPosition(referencePose) }
        guard mooring != nil else { return }
        do { try mooring!.setPose(prpPose([0, 0, 0, 0, 0, 0])) } catch { throw ContextualError("mooring at the reference pose", error) }
    }

    /// The mooring part of RAFT `analyzeUnloaded` (spec 06 §4): the FOWT at its undisplaced pose with no aero loads,
    /// `C_moor0` and `F_moor0` there (zero without a mooring system).
    mutating func unloadedMooring() throws -> (stiffness: Matrix6, force: [Double]) {
        if isRigid {
            try setPosition([0, 0, 0, 0, 0, 0])
            structure.modifyRigid { $0.meanAeroForce = [Double](repeating: 0, count: 6) }
        } else if mooring != nil {
            do { try mooring!.setPose(prpPose([0, 0, 0, 0, 0, 0])) } catch {
                throw ContextualError("mooring at the undisplaced pose", error)
            }
        }
        guard mooring != nil else { return (Matrix6(), [Double](repeating: 0, count: 6)) }
        do {
            let (k, f) = try mooring!.raftUnloadedStiffnessAndForce()
            return (Matrix6(rows: (0..<6).map { Array(k[6 * $0 ..< 6 * $0 + 6]) }), f)
        } catch { throw ContextualError("mooring at the undisplaced pose", error) }
    }

    /// Writes `M` and `C` of RAFT `solveEigen` (spec 06 §11) into the diagonal block at `o` of the row-major n×n
    /// `m` and `c`: `M_struc + A_hydro_morison + A_BEM(w₀)`, `C_struc + C_hydro (+ C_elast) + C_moor` with
    /// `yaw_stiffness` on the PRP yaw DOF.
    func addEigenMatrices(mass m: inout [Double], stiffness c: inout [Double], n: Int, at o: Int) {
        if case .rigid(let f) = structure {
            let mi = eigenMass
            var ci = f.restoringStiffness + f.mooringStiffness
            ci[5, 5] += platform.yawStiffness
            for r in 0..<6 { for col in 0..<6 {
                m[(o + r) * n + o + col] = mi[r, col]
                c[(o + r) * n + o + col] = ci[r, col]
            } }
            return
        }
        let (mi, ci, ni) = nodeEigenMatrices()
        for r in 0..<ni { for col in 0..<ni {
            m[(o + r) * n + o + col] = mi[r * ni + col]
            c[(o + r) * n + o + col] = ci[r * ni + col]
        } }
    }

    /// RAFT's drag-linearisation loop on wave train 0 at the mean pose of the case's statics (spec 06 §7.1): rigid in
    /// 6×6 (`rigidDragLinearization`), a node graph in its reduced DOFs (`nodeDragLinearization`).
    mutating func dragLinearization(_ c: LoadCase, seas: [SeaState], grid: FrequencyGrid, waveNumbers: [Double], settings: Settings,
                                    depth: Double) throws -> FOWTDragLinearization {
        if isRigid {
            return .rigid(try rigidDragLinearization(seas: seas, grid: grid, waveNumbers: waveNumbers, settings: settings, depth: depth))
        }
        return .nodes(try nodeDragLinearization(c, seas: seas, grid: grid, waveNumbers: waveNumbers, settings: settings))
    }

    /// RAFT `saveTurbineOutputs` for this FOWT after the dynamics of case `c` (spec 07 §2): the channels of the rigid
    /// body (`rigidCaseMetrics`) or of the node graph (`nodeCaseMetrics`), written by the same `CaseChannels` helpers,
    /// in one `FOWTCaseResult`.
    mutating func caseResult(_ c: LoadCase, response r: FOWTResponse, grid: FrequencyGrid, g: Double) throws -> FOWTCaseResult {
        let metrics: CaseMetrics
        if isRigid {
            metrics = try rigidCaseMetrics(response: r, case: c, grid: grid, g: g)
        } else {
            // the reduced response of every wave train (the rows before the wind row), dof-major
            let nw = grid.count, m = dofCount
            let xi: [[Complex]] = r.rows.dropLast().map { row in
                var x = [Complex](repeating: .zero, count: m * nw)
                for d in 0..<m { for j in 0..<nw { x[d * nw + j] = row[j * m + d] } }
                return x
            }
            metrics = try nodeCaseMetrics(c, response: xi, grid: grid)
        }
        return FOWTCaseResult(metrics: metrics, r6: pose, dynamicsIterations: r.iterations, dynamicsConverged: r.converged,
                              meanWaveDrift: r.secondOrder?.mean)
    }

    /// The part of RAFT `solveStatics(case)` before the equilibrium solve (spec 06 §5.1): with a case, turbine
    /// constants and current loads, the statics with the case's nacelle yaw (rigid: at the reference pose). Returns a
    /// node graph's constant `F_env` (mean aero + current) in its reduced DOFs, nil for a rigid FOWT; a node graph keeps
    /// its dynamics inputs (`FlexibleStructure.dynamicsInputs`).
    mutating func prepareStatics(_ c: LoadCase?, site: Site, grid: FrequencyGrid) throws -> [Double]? {
        guard isRigid else {
            let (env, inp) = try prepareNodeStatics(c, grid: grid)
            structure.modifyNodes { $0.dynamicsInputs = inp }
            return env
        }
        try setPosition(referencePose)
        if let c {
            let gyroscopic = try turbineConstants(c, aboutRotorNode: false)
            var f0 = [Double](repeating: 0, count: 6), b = Matrix6()
            for (a, g) in zip(aero, gyroscopic) {
                for k in 0..<6 { f0[k] += a.meanForce[k] }
                b += g
            }
            structure.modifyRigid {
                $0.meanAeroForce = f0
                $0.gyroscopicDamping = b
            }
        }
        try refreshStatics()
        if let c {
            let site = site
            structure.modifyRigid { $0.currentLoads(c, depth: site.waterDepth, shearExponent: site.shearExpWater) }
        }
        return nil
    }

    /// This FOWT's block of the stacked equilibrium problem after `prepareStatics` (and the mooring current).
    /// - Parameter environment: what `prepareStatics` returned.
    func staticsBlock(environment: [Double]?, withCase: Bool) throws -> FOWTStaticsBlock {
        switch structure {
        case .rigid: return .rigid(RigidStaticsProblem(fowt: self, withCase: withCase))
        case .nodes(let f):
            var env = environment ?? [Double](repeating: 0, count: f.statics.nDOF)
            // + the mean wave drift on the PRP node (its DOFs are the first 6 reduced ones), as `RigidStaticsProblem`
            if withCase { for k in 0..<6 where meanDriftForce[k] != 0 { env[k] += meanDriftForce[k] } }
            return .nodes(try FlexibleStaticsProblem(statics: f.statics, environment: env, mooring: mooring, reference: referencePosition))
        }
    }

    /// Takes the state the equilibrium solve left in this FOWT's block `x` (its slice of the stacked unknowns).
    mutating func adoptStatics(_ p: FOWTStaticsBlock, x: ArraySlice<Double>, evaluations: Int) {
        switch p {
        case .rigid(let r): self = r.fowt
        case .nodes(let n):
            let eq = n.equilibrium(x: Array(x), evaluations: evaluations)
            mooring = n.mooring
            structure.modifyNodes {
                $0.equilibrium = eq
                $0.dynamicsInputs?.equilibrium = eq
            }
        }
    }
}

/// What differs between FOWTs: the rigid one-node case or a node graph with beams (the rest is `FOWT`'s).
enum FOWTStructure: Sendable {
    case rigid(RigidStructure)
    case nodes(FlexibleStructure)

    var isRigid: Bool { if case .rigid = self { return true } else { return false } }

    /// The rigid body's state. Precondition: `.rigid`.
    var rigid: RigidStructure {
        guard case .rigid(let f) = self else { preconditionFailure("FOWT is not rigid") }
        return f
    }

    /// The node graph's state. Precondition: `.nodes`.
    var nodes: FlexibleStructure {
        guard case .nodes(let f) = self else { preconditionFailure("FOWT is not a node graph") }
        return f
    }

    /// Mutates the rigid body in place (moved out of the enum and back, so its buffers are not copied).
    /// Precondition: `.rigid`.
    @inline(__always)
    mutating func modifyRigid<R>(_ body: (inout RigidStructure) throws -> R) rethrows -> R {
        guard case .rigid(var f) = consume self else { preconditionFailure("FOWT is not rigid") }
        defer { self = .rigid(f) }
        return try body(&f)
    }

    /// Mutates the node graph in place. Precondition: `.nodes`.
    @inline(__always)
    mutating func modifyNodes<R>(_ body: (inout FlexibleStructure) throws -> R) rethrows -> R {
        guard case .nodes(var f) = consume self else { preconditionFailure("FOWT is not a node graph") }
        defer { self = .nodes(f) }
        return try body(&f)
    }
}

/// One FOWT's block of the stacked static equilibrium, rigid (6 DOFs, Matrix6) or a node graph (reduced DOFs),
/// dispatched without an existential.
enum FOWTStaticsBlock: FOWTStaticsProblem {
    case rigid(RigidStaticsProblem)
    case nodes(FlexibleStaticsProblem)

    var start: [Double] {
        switch self {
        case .rigid(let p): return p.start
        case .nodes(let p): return p.start
        }
    }
    var tolerances: [Double] {
        switch self {
        case .rigid(let p): return p.tolerances
        case .nodes(let p): return p.tolerances
        }
    }
    var solvesBlockwise: Bool {
        switch self {
        case .rigid(let p): return p.solvesBlockwise
        case .nodes(let p): return p.solvesBlockwise
        }
    }
    // (`guard case … = consume self` moves the payload out, so the mutation is in place; `switch consume self`
    // copied an array payload in an optimised test program.)
    mutating func place(_ x: [Double]) throws -> [Double] {
        if case .rigid = self {
            guard case .rigid(var p) = consume self else { preconditionFailure() }
            defer { self = .rigid(p) }
            return try p.place(x)
        }
        guard case .nodes(var p) = consume self else { preconditionFailure() }
        defer { self = .nodes(p) }
        return try p.place(x)
    }
    func residual(_ x: [Double], into y: inout [Double], at offset: Int) {
        switch self {
        case .rigid(let p): p.residual(x, into: &y, at: offset)
        case .nodes(let p): p.residual(x, into: &y, at: offset)
        }
    }
    mutating func addStiffness(into k: inout [Double], n: Int, at offset: Int) throws {
        if case .rigid = self {
            guard case .rigid(var p) = consume self else { preconditionFailure() }
            defer { self = .rigid(p) }
            try p.addStiffness(into: &k, n: n, at: offset)
            return
        }
        guard case .nodes(var p) = consume self else { preconditionFailure() }
        defer { self = .nodes(p) }
        try p.addStiffness(into: &k, n: n, at: offset)
    }
}
