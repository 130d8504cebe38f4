#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK

extension FlexibleFOWTStatics {
    /// RAFT `Model.solveStatics` for one flexible FOWT with staticsMod 0 / forcingMod 0 (spec 06 §5): residual
    /// `W_struc + W_hydro + f0 − (C_struc + C_hydro + C_elast)·X + F_env + F_moor0(X)`, the own mooring lumped on the
    /// first 6 reduced DOFs (node 0 = PRP), steps `K⁻¹·Y` (RAFT's sparse branch for nDOF > 36: no diagonal
    /// stiffening), `dsolve2` with 0.05 m / 0.005 rad tolerances. `Model.solveStatics` solves every FOWT's
    /// block together (`FOWTStaticsBlock`); this is the same solve for one FOWT alone.
    /// - Parameters:
    ///   - environment: constant `F_env` (mean aero + current) in the reduced DOFs [N, N·m].
    ///   - mooring: the FOWT's own mooring system (warm-started in place), or nil.
    ///   - reference: the FOWT's reference position (x_ref, y_ref) [m]: the own mooring is set at the PRP pose
    ///     `X[0..<6] + (x_ref, y_ref, 0, 0, 0, 0)`.
    /// - Returns: the mean reduced displacement `X` [m, rad] (from the reference position), the number of residual
    ///   evaluations and `C_moor` at the last evaluated pose (RAFT's `fowt.C_moor` used by the dynamics).
    func solveEquilibrium(environment: [Double], mooring: inout MooringSystem?, reference: Vec3 = .zero) throws -> FlexibleEquilibrium {
        var problems = [try FlexibleStaticsProblem(statics: self, environment: environment, mooring: mooring, reference: reference)]
        var noSharedLines: MooringSystem? = nil
        let result = Model.solveStackedStatics(&problems, arrayMooring: &noSharedLines)
        if let failure = result.failure { throw ContextualError("flexible statics", failure) }
        mooring = problems[0].mooring
        return problems[0].equilibrium(x: result.x, evaluations: result.iterations + 1)
    }
}

/// The static residual and stiffness of one flexible FOWT in its reduced DOFs, with the state RAFT's
/// `setPosition` carries between evaluations (the `T` of the previous pose, the own mooring's warm start).
struct FlexibleStaticsProblem: FOWTStaticsProblem {
    let statics: FlexibleFOWTStatics
    /// `C_struc + C_hydro + C_elast` and `W_struc + W_hydro + f0_additional + F_env` in the reduced DOFs.
    let stiffnessHS: DenseMatrix
    let constantLoad: [Double]
    /// Reference position of the PRP [m] (farm position); zero for a single FOWT.
    let reference: Vec3
    /// 0.05 m on translations, 0.005 rad on rotations (RAFT's `dsolve2` tolerances).
    let tolerances: [Double]
    var mooring: MooringSystem?
    /// RAFT's setPosition places the nodes with the T of the previous pose, then rebuilds T (spec 06 §3.1).
    private var tPrev: DenseMatrix
    private(set) var lastNodeDisplacements: [[Double]] = []
    private(set) var lastT: DenseMatrix
    /// `C_moor` at the last evaluated pose [N/m, N, N·m/rad].
    private(set) var lastMooringStiffness = Matrix6()

    init(statics s: FlexibleFOWTStatics, environment: [Double], mooring: MooringSystem?, reference: Vec3) throws {
        guard s.graph.nodes[0].r0 == .zero, s.dofs.prefix(6).enumerated().allSatisfy({ $0.element == NodeDOF(node: 0, dof: $0.offset) }) else {
            throw SolveError.unsupported("flexible FOWT statics needs the rigid-body node at the PRP with the first 6 reduced DOFs")
        }
        let n = s.nDOF
        statics = s
        var kHs = DenseMatrix(rows: n, cols: n)
        for i in 0..<(n * n) { kHs.storage[i] = s.structuralStiffness.storage[i] + s.hydrostaticStiffness.storage[i] + s.elasticStiffness.storage[i] }
        stiffnessHS = kHs
        constantLoad = (0..<n).map { s.weight[$0] + s.buoyancy[$0] + s.additionalLoad[$0] + environment[$0] }
        tolerances = s.dofs.map { $0.dof < 3 ? 0.05 : 0.005 }
        self.mooring = mooring
        self.reference = reference
        tPrev = s.t
        lastT = s.t
    }

    /// Absolute PRP pose for the reduced displacement `x` [m, rad].
    func prpPose(_ x: [Double]) -> [Double] {
        reference == .zero ? Array(x[0..<6]) : [x[0] + reference.x, x[1] + reference.y, x[2] + reference.z, x[3], x[4], x[5]]
    }

    var start: [Double] { [Double](repeating: 0, count: statics.nDOF) }
    var solvesBlockwise: Bool { true }

    /// Place the nodes at `x` (RAFT `setPosition`: node positions with the previous pose's T, then T rebuilt) and
    /// the own mooring at the PRP pose; returns the absolute PRP pose.
    mutating func place(_ x: [Double]) throws -> [Double] {
        let g = statics.graph
        let xi0 = g.placeNodes(x, t: tPrev, parents: statics.parents)
        let pos = g.nodes.indices.map { k in g.nodes[k].r0 + Vec3(xi0[k][0], xi0[k][1], xi0[k][2]) }
        let (d2, t2, _) = try g.reduce(positions: pos)
        guard d2 == statics.dofs else { throw SolveError.unsupported("reduced DOFs change with the pose") }
        tPrev = t2; lastT = t2; lastNodeDisplacements = xi0
        if mooring != nil {
            try mooring!.setPose(prpPose(x))
            lastMooringStiffness = translateMatrix6to6DOF(try mooring!.raftStiffness6(), .zero)
        }
        return prpPose(x)
    }

    /// `Y(x)` at the placed pose, with the own mooring's force on the PRP DOFs.
    func residual(_ x: [Double], into y: inout [Double], at o: Int) {
        let n = statics.nDOF
        let kx = stiffnessHS.times(x)
        for i in 0..<n { y[o + i] = constantLoad[i] - kx[i] }
        if let m = mooring {
            let f = m.force6()
            for k in 0..<6 { y[o + k] += f[k] }
        }
    }

    /// Stiffness of the statics step: `C_struc + C_hydro + C_elast` plus the own mooring's (after its
    /// `solveEquilibrium`) on the PRP DOFs.
    mutating func addStiffness(into k: inout [Double], n: Int, at o: Int) throws {
        var ki = stiffnessHS
        if mooring != nil {
            try mooring!.solveEquilibrium()
            let km = translateMatrix6to6DOF(try mooring!.raftStiffness6(), .zero)
            for r in 0..<6 { for c in 0..<6 { ki[r, c] += km[r, c] } }
        }
        let m = ki.rows
        for r in 0..<m { for c in 0..<m { k[(o + r) * n + o + c] += ki[r, c] } }
    }

    /// The FOWT state after the solve (the `consistent` formulation's mean-pose T).
    func equilibrium(x: [Double], evaluations: Int) -> FlexibleEquilibrium {
        let t = statics.formulation == .consistent ? statics.consistentMeanTransformation(nodeDisplacements: lastNodeDisplacements) : lastT
        return FlexibleEquilibrium(x: x, evaluations: evaluations, mooringStiffness: lastMooringStiffness,
                                   nodeDisplacements: lastNodeDisplacements, t: t)
    }
}

extension FlexibleFOWTStatics {
    /// `T` for the dynamics of the `consistent` formulation at a mean pose with node displacements `Xi0`: the
    /// reference-pose `T` (the geometry of `M`, `C` and `C_elast`) with each node's translation rows moved by the
    /// change of its lever from node 0, `δ_k = (r_k − r_0)_mean − (r_k − r_0)_ref`, as a rigid link would:
    /// `u_k += θ_k × δ_k`. Loads at the mean pose then reach the reduced DOFs with their mean levers, and with stiff
    /// beams every node moves as in the rigid model (which uses reference-pose matrices and mean-pose loads about
    /// the displaced PRP). RAFT instead uses `T` rebuilt at the mean pose, which moves only rigid-link levers, so
    /// loads on beam nodes keep their reference levers.
    func consistentMeanTransformation(nodeDisplacements xi0: [[Double]]) -> DenseMatrix {
        var out = t
        let p0 = graph.nodes[0].r0 + Vec3(xi0[0][0], xi0[0][1], xi0[0][2])
        for k in graph.nodes.indices {
            let pk = graph.nodes[k].r0 + Vec3(xi0[k][0], xi0[k][1], xi0[k][2])
            let h = Matrix3.skew((pk - p0) - (graph.nodes[k].r0 - graph.nodes[0].r0))
            for a in 0..<3 {
                for c in 0..<nDOF {
                    var sum = 0.0
                    for b in 0..<3 { sum += h[a, b] * t[6 * k + 3 + b, c] }
                    out[6 * k + a, c] += sum
                }
            }
        }
        return out
    }
}

/// Result of `FlexibleFOWTStatics.solveEquilibrium`: the FOWT state RAFT leaves after `solveStatics`.
struct FlexibleEquilibrium {
    /// Mean reduced displacement `X` [m, rad].
    var x: [Double]
    var evaluations: Int
    /// `C_moor` at the last evaluated pose (first 6 reduced DOFs) [N/m, N, N·m/rad].
    var mooringStiffness: Matrix6
    /// Node mean displacements `Xi0` (6 per node) and `T` at the last evaluated pose.
    var nodeDisplacements: [[Double]]
    var t: DenseMatrix
}
