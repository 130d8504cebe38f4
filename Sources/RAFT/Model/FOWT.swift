#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// One FOWT of a `Model` (RAFT 2.x's `FOWT` on structural nodes), in FOWT order, with the state RAFT carries from call
/// to call. Its structure is either
/// - `.rigid`: the one-node case, 6 DOFs about the PRP in `Matrix6` with no reduction (`FOWTModel`, the fast path), or
/// - `.nodes`: a node graph with beam members in its reduced DOFs, the PRP node's 6 DOFs first (`FlexibleFOWTModel`).
///
/// `Model`'s steps loop over `fowts` with per-FOWT DOF offsets (`dofCount`); only the per-FOWT physics dispatch on the
/// structure. Shared lines and the own mooring act on the first 6 DOFs (the PRP) of either kind.
enum FOWT: Sendable {
    case rigid(FOWTModel)
    case nodes(FlexibleFOWTModel)

    /// FOWT `index` of `design`: a node graph when a platform or tower member is a beam, else the rigid one-node case.
    /// - Parameter rotors: a rigid FOWT's rotors as `FOWTModel.rotors(design:index:omega:)` builds them (nil: built here).
    init(design: Design, index: Int, grid: FrequencyGrid, waveNumbers: [Double], rotors: [Rotor]? = nil) throws {
        let members = try FOWTMembers(design: design, fowt: index)
        if members.members.contains(where: { $0.type == .beam && $0.part != .nacelle }) {
            self = .nodes(try FlexibleFOWTModel(design: design, index: index, grid: grid))
        } else {
            self = .rigid(try FOWTModel(design: design, index: index, grid: grid, waveNumbers: waveNumbers, members: members,
                                             prebuiltRotors: rotors))
        }
    }

    // MARK: Access

    /// The rigid body, or nil for a node graph.
    var rigid: FOWTModel? { if case .rigid(let f) = self { return f } else { return nil } }
    /// The node graph, or nil for a rigid FOWT.
    var nodes: FlexibleFOWTModel? { if case .nodes(let f) = self { return f } else { return nil } }
    var isRigid: Bool { if case .rigid = self { return true } else { return false } }

    /// Mutate the rigid body in place (moved out of `self` and back, so its buffers are not copied).
    @inline(__always)
    mutating func modifyRigid<R>(_ body: (inout FOWTModel) throws -> R) rethrows -> R {
        guard case .rigid(var f) = consume self else { preconditionFailure("FOWT is not rigid") }
        defer { self = .rigid(f) }
        return try body(&f)
    }

    /// Mutate the node graph in place.
    @inline(__always)
    mutating func modifyNodes<R>(_ body: (inout FlexibleFOWTModel) throws -> R) rethrows -> R {
        guard case .nodes(var f) = consume self else { preconditionFailure("FOWT is not a node graph") }
        defer { self = .nodes(f) }
        return try body(&f)
    }

    /// Number of DOFs in the stacked system: 6 (rigid) or the reduced DOFs.
    var dofCount: Int {
        switch self {
        case .rigid: return 6
        case .nodes(let f): return f.statics.nDOF
        }
    }

    /// Current absolute PRP pose r6 [m, rad] (a node graph: from its last mean equilibrium; the reference before one).
    var pose: [Double] {
        switch self {
        case .rigid(let f): return f.r6
        case .nodes(let f): return f.prpPose(f.equilibrium?.x ?? [Double](repeating: 0, count: 6))
        }
    }

    var entry: ArrayEntry {
        switch self {
        case .rigid(let f): return f.entry
        case .nodes(let f): return f.entry
        }
    }

    var platform: PlatformInput {
        switch self {
        case .rigid(let f): return f.platform
        case .nodes(let f): return f.platform
        }
    }

    var members: FOWTMembers {
        switch self {
        case .rigid(let f): return f.members
        case .nodes(let f): return f.members
        }
    }

    /// Potential-flow coefficients (on the PRP DOFs).
    var potentialFlow: FOWTPotentialFlow? {
        get {
            switch self {
            case .rigid(let f): return f.potentialFlow
            case .nodes(let f): return f.potentialFlow
            }
        }
        set {
            if isRigid { modifyRigid { $0.potentialFlow = newValue } } else { modifyNodes { $0.potentialFlow = newValue } }
        }
    }

    /// The own mooring system (acting on the PRP), or nil.
    var mooring: MooringSystem? {
        get {
            switch self {
            case .rigid(let f): return f.mooring
            case .nodes(let f): return f.mooring
            }
        }
        set {
            if isRigid { modifyRigid { $0.mooring = newValue } } else { modifyNodes { $0.mooring = newValue } }
        }
    }

    /// Mean wave drift on the PRP DOFs for the second statics solve of a potSecOrder case [N, N·m] (zero otherwise).
    var meanDriftForce: [Double] {
        get {
            switch self {
            case .rigid(let f): return f.meanDriftForce
            case .nodes(let f): return f.meanDriftForce
            }
        }
        set {
            if isRigid { modifyRigid { $0.meanDriftForce = newValue } } else { modifyNodes { $0.meanDriftForce = newValue } }
        }
    }

    // MARK: Steps

    /// RAFT `setPosition` at the reference pose, as `analyzeCases` starts with.
    mutating func setReferencePose() throws {
        if isRigid {
            try modifyRigid { try $0.setPosition($0.reference) }
        } else {
            try modifyNodes { try $0.setReferencePose() }
        }
    }

    /// The mooring part of RAFT `analyzeUnloaded` (spec 06 §4): the FOWT at its undisplaced pose with no aero loads,
    /// `C_moor0` and `F_moor0` there (zero without a mooring system).
    mutating func unloadedMooring() throws -> (stiffness: Matrix6, force: [Double]) {
        /// `C_moor0`, `F_moor0` of the own mooring, solved in place.
        func unloaded(_ m: inout MooringSystem?) throws -> (stiffness: Matrix6, force: [Double]) {
            guard m != nil else { return (Matrix6(), [Double](repeating: 0, count: 6)) }
            do {
                let (k, f) = try m!.raftUnloadedStiffnessAndForce()
                return (Matrix6(rows: (0..<6).map { Array(k[6 * $0 ..< 6 * $0 + 6]) }), f)
            } catch { throw ContextualError("mooring at the undisplaced pose", error) }
        }
        if isRigid {
            return try modifyRigid { f in
                try f.setPosition([0, 0, 0, 0, 0, 0])
                f.meanAeroForce = [Double](repeating: 0, count: 6)
                return try unloaded(&f.mooring)
            }
        }
        return try modifyNodes { f in
            if f.mooring != nil {
                do { try f.mooring!.setPose(f.prpPose([0, 0, 0, 0, 0, 0])) } catch {
                    throw ContextualError("mooring at the undisplaced pose", error)
                }
            }
            return try unloaded(&f.mooring)
        }
    }

    /// `offset_unloaded` after the unloaded equilibrium: rigid `r6 − r6_ref`; a node graph its reduced displacement.
    var unloadedOffset: [Double] {
        switch self {
        case .rigid(let f): return zip(f.r6, f.reference).map { $0 - $1 }
        case .nodes(let f): return f.equilibrium?.x ?? [Double](repeating: 0, count: f.statics.nDOF)
        }
    }

    /// `C_moor` of the last equilibrium (rigid: at the current pose).
    var mooringStiffness: Matrix6 {
        switch self {
        case .rigid(let f): return f.mooringStiffness
        case .nodes(let f): return f.equilibrium?.mooringStiffness ?? Matrix6()
        }
    }

    /// Writes `M` and `C` of RAFT `solveEigen` (spec 06 §11) into the diagonal block at `o` of the row-major n×n
    /// `m` and `c`: `M_struc + A_hydro_morison + A_BEM(w₀)`, `C_struc + C_hydro (+ C_elast) + C_moor` with
    /// `yaw_stiffness` on the PRP yaw DOF.
    func addEigenMatrices(mass m: inout [Double], stiffness c: inout [Double], n: Int, at o: Int) {
        switch self {
        case .rigid(let f):
            let mi = f.eigenMass
            var ci = f.restoringStiffness + f.mooringStiffness
            ci[5, 5] += f.yawStiffness
            for r in 0..<6 { for col in 0..<6 {
                m[(o + r) * n + o + col] = mi[r, col]
                c[(o + r) * n + o + col] = ci[r, col]
            } }
        case .nodes(let f):
            let (mi, ci, ni) = f.eigenMatrices()
            for r in 0..<ni { for col in 0..<ni {
                m[(o + r) * n + o + col] = mi[r * ni + col]
                c[(o + r) * n + o + col] = ci[r * ni + col]
            } }
        }
    }

    /// RAFT's drag-linearisation loop on wave train 0 at the mean pose of the case's statics (spec 06 §7.1): rigid in
    /// 6×6 (`FOWTModel.dragLinearization`), a node graph in its reduced DOFs (`FlexibleFOWTModel.caseDynamics`).
    mutating func dragLinearization(_ c: LoadCase, seas: [SeaState], grid: FrequencyGrid, waveNumbers: [Double], settings: Settings,
                                    depth: Double) throws -> FOWTDragLinearization {
        if isRigid {
            return .rigid(try modifyRigid {
                try $0.dragLinearization(seas: seas, grid: grid, waveNumbers: waveNumbers, settings: settings, depth: depth)
            })
        }
        return .nodes(try modifyNodes { f in
            guard let inp = f.dynamicsInputs else { throw SolveError.unsupported("flexible FOWT dynamics need the statics of the case first") }
            return try f.caseDynamics(c, inp, grid: grid, waveNumbers: waveNumbers, settings: settings)
        })
    }

    /// RAFT `saveTurbineOutputs` for this FOWT after the dynamics of case `c` (spec 07 §2): rigid
    /// (`FOWTModel.caseMetrics`) or a node graph (`FlexibleFOWTModel.caseResult`), written by the same `CaseChannels`
    /// helpers.
    mutating func caseResult(_ c: LoadCase, response r: FOWTResponse, grid: FrequencyGrid, g: Double) throws -> FOWTCaseResult {
        if isRigid {
            let m = try modifyRigid { try $0.caseMetrics(response: r, case: c, grid: grid, g: g) }
            return FOWTCaseResult(metrics: m, r6: pose, dynamicsIterations: r.iterations, dynamicsConverged: r.converged,
                                  meanWaveDrift: r.secondOrder?.mean)
        }
        // the reduced response of every wave train (the rows before the wind row), dof-major
        let nw = grid.count, m = dofCount
        let xi: [[Complex]] = r.rows.dropLast().map { row in
            var x = [Complex](repeating: .zero, count: m * nw)
            for d in 0..<m { for j in 0..<nw { x[d * nw + j] = row[j * m + d] } }
            return x
        }
        var out = try modifyNodes { try $0.caseResult(c, response: xi, iterations: r.iterations, converged: r.converged, grid: grid) }
        out.meanWaveDrift = r.secondOrder?.mean
        return out
    }

    /// The part of RAFT `solveStatics(case)` before the equilibrium solve (spec 06 §5.1): with a case, turbine
    /// constants and current loads, the statics with the case's nacelle yaw (rigid: at the reference pose). Returns a
    /// node graph's constant `F_env` (mean aero + current) in its reduced DOFs, nil for a rigid FOWT; a node graph keeps
    /// its dynamics inputs (`FlexibleFOWTModel.dynamicsInputs`).
    mutating func prepareStatics(_ c: LoadCase?, site: Site, grid: FrequencyGrid) throws -> [Double]? {
        if isRigid {
            try modifyRigid { f in
                try f.setPosition(f.reference)
                if let c { try f.turbineConstants(c) }
                try f.refreshStatics()
                if let c { f.currentLoads(c, depth: site.waterDepth, shearExponent: site.shearExpWater) }
            }
            return nil
        }
        return try modifyNodes { f in
            let (env, inp) = try f.prepareStatics(c, grid: grid)
            f.dynamicsInputs = inp
            return env
        }
    }

    /// This FOWT's block of the stacked equilibrium problem after `prepareStatics` (and the mooring current).
    /// - Parameter environment: what `prepareStatics` returned.
    func staticsBlock(environment: [Double]?, withCase: Bool) throws -> FOWTStaticsBlock {
        switch self {
        case .rigid(let f): return .rigid(RigidStaticsProblem(fowt: f, withCase: withCase))
        case .nodes(let f):
            var env = environment ?? [Double](repeating: 0, count: f.statics.nDOF)
            // + the mean wave drift on the PRP node (its DOFs are the first 6 reduced ones), as `RigidStaticsProblem`
            if withCase { for k in 0..<6 where f.meanDriftForce[k] != 0 { env[k] += f.meanDriftForce[k] } }
            return .nodes(try FlexibleStaticsProblem(statics: f.statics, environment: env, mooring: f.mooring, reference: f.reference))
        }
    }

    /// Takes the state the equilibrium solve left in this FOWT's block `x` (its slice of the stacked unknowns).
    mutating func adoptStatics(_ p: FOWTStaticsBlock, x: ArraySlice<Double>, evaluations: Int) {
        switch p {
        case .rigid(let r): self = .rigid(r.fowt)
        case .nodes(let n):
            modifyNodes { f in
                let eq = n.equilibrium(x: Array(x), evaluations: evaluations)
                f.mooring = n.mooring
                f.equilibrium = eq
                f.dynamicsInputs?.equilibrium = eq
                f.dynamicsInputs?.mooring = n.mooring
            }
        }
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
