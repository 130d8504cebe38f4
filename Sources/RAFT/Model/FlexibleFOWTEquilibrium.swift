#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK

extension FlexibleFOWTStatics {
    /// RAFT `Model.solveStatics` for one flexible FOWT at reference (0, 0) with staticsMod 0 / forcingMod 0 (spec 06
    /// §5): residual `W_struc + W_hydro + f0 − (C_struc + C_hydro + C_elast)·X + F_env + F_moor0(X)`, the own mooring
    /// lumped on the first 6 reduced DOFs (node 0 = PRP), steps `K⁻¹·Y` (RAFT's sparse branch for nDOF > 36: no
    /// diagonal stiffening), `dsolve2` with 0.05 m / 0.005 rad tolerances.
    /// - Parameters:
    ///   - environment: constant `F_env` (mean aero + current) in the reduced DOFs [N, N·m].
    ///   - mooring: the FOWT's own mooring system (warm-started in place), or nil.
    /// - Returns: the mean reduced displacement `X` [m, rad], the number of residual evaluations and `C_moor` at the
    ///   last evaluated pose (RAFT's `fowt.C_moor` used by the dynamics).
    func solveEquilibrium(environment: [Double], mooring: inout MooringSystem?) throws -> FlexibleEquilibrium {
        let n = nDOF
        guard graph.nodes[0].r0 == .zero, dofs.prefix(6).enumerated().allSatisfy({ $0.element == NodeDOF(node: 0, dof: $0.offset) }) else {
            throw SolveError.unsupported("flexible FOWT statics needs the rigid-body node at the PRP with the first 6 reduced DOFs")
        }
        var kHs = DenseMatrix(rows: n, cols: n)
        for i in 0..<(n * n) { kHs.storage[i] = structuralStiffness.storage[i] + hydrostaticStiffness.storage[i] + elasticStiffness.storage[i] }
        let f0 = (0..<n).map { weight[$0] + buoyancy[$0] + additionalLoad[$0] + environment[$0] }
        let tolerances = dofs.map { $0.dof < 3 ? 0.05 : 0.005 }
        var failure: Error?
        var ms = mooring
        var lastK = Matrix6()
        // RAFT's setPosition places the nodes with the T of the previous pose, then rebuilds T (spec 06 §3.1)
        var tPrev = t, lastXi0: [[Double]] = [], lastT = t
        let g = graph, ps = parents, ds = dofs
        let evaluate: ([Double]) -> [Double]? = { x in
            let xi0 = g.placeNodes(x, t: tPrev, parents: ps)
            let pos = g.nodes.indices.map { k in g.nodes[k].r0 + Vec3(xi0[k][0], xi0[k][1], xi0[k][2]) }
            do {
                let (d2, t2, _) = try g.reduce(positions: pos)
                guard d2 == ds else { throw SolveError.unsupported("reduced DOFs change with the pose") }
                tPrev = t2; lastT = t2; lastXi0 = xi0
            } catch { failure = error; return nil }
            var y = f0
            let kx = kHs.times(x)
            for i in 0..<n { y[i] -= kx[i] }
            if ms != nil {
                do {
                    try ms!.setPose(Array(x[0..<6]))
                    lastK = translateMatrix6to6DOF(try ms!.raftStiffness6(), .zero)
                } catch { failure = error; return nil }
                let f = ms!.force6()
                for k in 0..<6 { y[k] += f[k] }
            }
            return y
        }
        let step: ([Double], [Double]) -> [Double] = { _, y in
            var k = kHs
            if ms != nil {
                do {
                    try ms!.solveEquilibrium()
                    let km = translateMatrix6to6DOF(try ms!.raftStiffness6(), .zero)
                    for r in 0..<6 { for c in 0..<6 { k[r, c] += km[r, c] } }
                } catch { failure = error; return [Double](repeating: 0, count: n) }
            }
            return Model.staticsStep(k: k.storage, y: y, n: n)
        }
        let solver = GenericSolve(tolerances: tolerances, aMax: 1.6, maxIterations: 20, dodamping: false)
        let result = solver.run(x0: [Double](repeating: 0, count: n), evaluate: evaluate, step: step)
        if let failure { throw ContextualError("flexible statics", failure) }
        mooring = ms
        if formulation == .consistent { lastT = consistentMeanTransformation(nodeDisplacements: lastXi0) }
        return FlexibleEquilibrium(x: result.x, evaluations: result.iterations + 1, mooringStiffness: lastK,
                                   nodeDisplacements: lastXi0, t: lastT)
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
