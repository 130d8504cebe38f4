#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// One FOWT's block of RAFT's stacked static equilibrium (`solveStatics`, spec 06 §5): its unknowns, `dsolve2`
/// tolerances, residual and stiffness. A rigid FOWT is the 6-DOF case (`RigidStaticsProblem`, Matrix6); a FOWT with
/// beams has its reduced DOFs (`FlexibleStaticsProblem`). Shared lines act on each block's first 6 DOFs (the PRP).
protocol FOWTStaticsProblem {
    /// Start of the iteration [m, rad]: the absolute reference pose (rigid) or zero displacements (flexible).
    var start: [Double] { get }
    /// 0.05 m on translations, 0.005 rad on rotations (RAFT's `dsolve2` tolerances).
    var tolerances: [Double] { get }
    /// Place the FOWT at its unknowns `x` (RAFT `setPosition`, own mooring included); returns the absolute PRP pose.
    mutating func place(_ x: [Double]) throws -> [Double]
    /// `Y(x)` at the pose of the last `place(x)`: weight, buoyancy, constant and environmental loads, hydrostatic and
    /// elastic restoring, own mooring [N, N·m]; written to `y[offset...]`.
    func residual(_ x: [Double], into y: inout [Double], at offset: Int)
    /// Add the stiffness of the statics step (restoring plus the own mooring's) to the diagonal block at `offset` of
    /// the row-major n×n `k`.
    mutating func addStiffness(into k: inout [Double], n: Int, at offset: Int) throws
    /// Whether the stacked step may be solved block by block when no shared line couples the FOWTs (flexible FOWTs:
    /// one LU of the stacked, ill-conditioned K puts ~1e-10 relative round-off into each block).
    var solvesBlockwise: Bool { get }
}

/// A rigid FOWT's residual, linear hydrostatics about its reference pose plus the mooring at the placed pose
/// (spec 06 §5.2): `Y = W + W_hydro + f0 − (C_struc + C_hydro)·(X − X_ref) + F_env + F_moor(X)`.
struct RigidStaticsProblem: FOWTStaticsProblem {
    var fowt: FOWT
    let restoring: Matrix6
    let undisplacedLoad: [Double]
    /// Mean aero + current + mean drift [N, N·m].
    let environment: [Double]

    /// The FOWT at its reference pose with the case's statics (the caller has run `setPosition(reference)`,
    /// `turbineConstants`, `refreshStatics` and `currentLoads`).
    init(fowt: FOWT, withCase: Bool) {
        self.fowt = fowt
        let b = fowt.structure.rigid
        restoring = b.restoringStiffness
        undisplacedLoad = b.undisplacedLoad
        var env = [Double](repeating: 0, count: 6)
        if withCase { for k in 0..<6 { env[k] = b.meanAeroForce[k] + b.currentLoad[k] + fowt.meanDriftForce[k] } }
        environment = env
    }
    var start: [Double] { fowt.referencePose }
    var tolerances: [Double] { [0.05, 0.05, 0.05, 0.005, 0.005, 0.005] }
    var solvesBlockwise: Bool { false }
    mutating func place(_ x: [Double]) throws -> [Double] {
        try fowt.setPosition(x)
        return x  // the pose `setPosition` placed it at (`r6`)
    }
    func residual(_ x: [Double], into y: inout [Double], at offset: Int) {
        let ref = fowt.referencePose, mooringForce = fowt.structure.rigid.mooringForce
        let kx = restoring * (0..<6).map { x[$0] - ref[$0] }
        for k in 0..<6 { y[offset + k] = undisplacedLoad[k] - kx[k] + environment[k] + mooringForce[k] }
    }
    mutating func addStiffness(into k: inout [Double], n: Int, at o: Int) throws {
        let ki = restoring + (try fowt.stepMooringStiffness())
        for r in 0..<6 { for c in 0..<6 { k[(o + r) * n + o + c] += ki[r, c] } }
    }
}

/// The result of `solveStackedStatics`: the unknowns, `dsolve2`'s iteration count, and the first error a residual or
/// stiffness evaluation threw (the iteration stops there).
struct StackedStaticsResult {
    var x: [Double]
    var iterations: Int
    var failure: Error?
}

extension Model {
    /// RAFT `solveStatics` over any FOWTs, rigid or flexible (spec 06 §5): every FOWT's residual, the shared lines'
    /// forces on the PRP DOFs, one `dsolve2` over the stacked unknowns with the stacked stiffness (shared-line 6×6
    /// blocks between PRPs) and RAFT's step `K⁻¹·Y`. Without shared lines and with a flexible FOWT, the step is solved
    /// block by block (`staticsStep(k:y:n:blocks:)`).
    static func solveStackedStatics<P: FOWTStaticsProblem>(_ problems: inout [P], arrayMooring: inout MooringSystem?) -> StackedStaticsResult {
        var offsets: [Int] = [], xInit: [Double] = [], tolerances: [Double] = []
        for p in problems { offsets.append(xInit.count); xInit += p.start; tolerances += p.tolerances }
        let n = xInit.count
        let blocks = problems.indices.map { (offset: offsets[$0], count: problems[$0].start.count) }
        let blockwise = arrayMooring == nil && problems.contains { $0.solvesBlockwise }
        var failure: Error?
        let evaluate: ([Double]) -> [Double]? = { x in
            do {
                var poses: [[Double]] = []
                for i in problems.indices { poses.append(try problems[i].place(Array(x[blocks[i].offset ..< blocks[i].offset + blocks[i].count]))) }
                if arrayMooring != nil {
                    do { try arrayMooring!.setPoses(poses) } catch {
                        throw SolveError.staticsNotConverged(iterations: 0, residual: .nan, detail: "shared mooring: \(error)")
                    }
                }
            } catch { failure = error; return nil }
            var y = [Double](repeating: 0, count: n)
            let arrayForces = arrayMooring?.coupledForces()
            for i in problems.indices {
                let o = offsets[i]
                problems[i].residual(Array(x[o ..< o + blocks[i].count]), into: &y, at: o)
                if let af = arrayForces { for d in 0..<6 { y[o + d] += af[6 * i + d] } }
            }
            return y
        }
        let step: ([Double], [Double]) -> [Double] = { _, y in
            var k = [Double](repeating: 0, count: n * n)
            do {
                if arrayMooring != nil {
                    let ka = try Model.arrayMooringStiffness(&arrayMooring!)
                    let na = 6 * problems.count
                    for a in problems.indices { for b in problems.indices { for r in 0..<6 { for c in 0..<6 {
                        k[(offsets[a] + r) * n + offsets[b] + c] += ka[(6 * a + r) * na + 6 * b + c]
                    } } } }
                }
                for i in problems.indices { try problems[i].addStiffness(into: &k, n: n, at: offsets[i]) }
            } catch { failure = error; return [Double](repeating: 0, count: n) }
            return blockwise ? Model.staticsStep(k: k, y: y, n: n, blocks: blocks) : Model.staticsStep(k: k, y: y, n: n)
        }
        let solver = GenericSolve(tolerances: tolerances, aMax: 1.6, maxIterations: 20, dodamping: false)
        let result = solver.run(x0: xInit, evaluate: evaluate, step: step)
        return StackedStaticsResult(x: result.x, iterations: result.iterations, failure: failure)
    }
}
