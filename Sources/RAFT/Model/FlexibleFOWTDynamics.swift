import Foundation
import LAPACK

/// Inputs of one flexible FOWT's frequency-domain solve that come from the statics stage.
struct FlexibleDynamicsInputs {
    /// State after `solveEquilibrium` (mean pose, node placement, T, `C_moor`).
    var equilibrium: FlexibleEquilibrium
    /// `A_hydro_morison` at the reference pose (reduced) [kg, kg·m, kg·m²].
    var addedMass: DenseMatrix
    /// Aero-servo mass/damping per frequency (reduced, nil = none) and gyroscopic damping.
    var aeroMass: [DenseMatrix]?
    var aeroDamping: [DenseMatrix]?
}

extension FlexibleFOWTStatics {
    /// Members placed at the mean pose `x` (RAFT `setPosition` → `setNodesPosition(linear=False)`, member
    /// `setPosition`): rigid members at their node's pose, beam strip nodes at the structural nodes; plus `T` there.
    func meanPose(_ eq: FlexibleEquilibrium, members fm: FOWTMembers) -> (members: [Member], t: DenseMatrix) {
        let xi0 = eq.nodeDisplacements
        let r = graph.nodes.indices.map { k in graph.nodes[k].r0 + Vec3(xi0[k][0], xi0[k][1], xi0[k][2]) }
        let t2 = eq.t
        var placed = fm.members
        for m in placed.indices {
            let ids = graph.memberNodes[m]
            let k = ids[0]
            placed[m].setPosition(node: r[k], rotation: Vec3(xi0[k][3], xi0[k][4], xi0[k][5]))
            if placed[m].type == .beam {
                placed[m].r = ids.map { r[$0] }
                placed[m].rB = r[ids[ids.count - 1]]
            }
        }
        return (placed, t2)
    }

    /// RAFT `solveDynamics` for one flexible FOWT and its primary wave train (spec 06 §7.1): strip inertial
    /// excitation and drag at the mean pose (coefficients from the reference pose), under-relaxed drag iteration,
    /// `Z_j = −ω²M + iω(B + B_drag) + C` in the reduced DOFs. Returns `Xi` [nDOF·nw] (row-major [dof, ω]), the
    /// number of linearisation passes and whether RAFT's 1 % criterion was met.
    func solveDynamics(_ inp: FlexibleDynamicsInputs, members fm: FOWTMembers, sea: SeaState, rho: Double, depth: Double,
                       omega w: [Double], waveNumbers k: [Double], iterations nIter: Int, xiStart: Double, tolerance tol: Double = 0.01) throws
        -> (xi: [Complex], iterations: Int, converged: Bool) {
        let n = nDOF, nw = w.count
        let (placed, tMean) = meanPose(inp.equilibrium, members: fm)
        // strip models: reference-pose coefficients, mean-pose positions
        var parts: [(strips: StripHydrodynamics, node: Int)] = []
        for (m, mem) in fm.members.enumerated() {
            let ids = graph.memberNodes[m]
            let base = StripHydrodynamics(members: [mem], reference: mem.rA, rho: rho, omega: w, waveNumbers: k)
            if mem.type == .beam {
                for (i, node) in ids.enumerated() {
                    parts.append((base.moved(to: [placed[m]], reference: placed[m].r[i]).keeping(index: i), node))
                }
            } else {
                parts.append((base.moved(to: [placed[m]], reference: placed[m].rA), ids[0]))
            }
        }
        let strips = FlexibleStrips(parts: parts, nDOF: n, t: tMean)
        // inertial excitation
        var fIner = [Complex](repeating: .zero, count: n * nw)
        for (s, node) in parts {
            let kin = s.waveKinematics(amplitude: sea.amplitude, heading: sea.heading, depth: depth)
            let f = s.inertialExcitation(kin)
            for a in 0..<6 {
                for j in 0..<n {
                    let c = tMean[6 * node + a, j]
                    if c == 0 { continue }
                    for mm in 0..<nw { fIner[j * nw + mm] += Complex(c, 0) * f.values[a * nw + mm] }
                }
            }
        }
        var cLin = DenseMatrix(rows: n, cols: n)
        for i in 0..<(n * n) {
            cLin.storage[i] = structuralStiffness.storage[i] + hydrostaticStiffness.storage[i] + elasticStiffness.storage[i]
        }
        for a in 0..<6 { for b in 0..<6 { cLin[a, b] += inp.equilibrium.mooringStiffness[a, b] } }
        var xiLast = [Complex](repeating: Complex(xiStart, 0), count: n * nw)
        var xi = xiLast
        let solver = ComplexLinearSolver(n: n)
        var passes = 0, done = false
        for _ in 0..<(nIter + 1) {
            passes += 1
            let (bDrag, fDrag) = strips.dragLinearization(amplitude: sea.amplitude, heading: sea.heading, depth: depth, response: xiLast)
            for j in 0..<nw {
                let w2 = w[j] * w[j]
                for c in 0..<n {
                    for r in 0..<n {
                        var mm = structuralMass[r, c] + inp.addedMass[r, c]
                        var bb = bDrag[r, c]
                        if let am = inp.aeroMass { mm += am[j][r, c] }
                        if let ab = inp.aeroDamping { bb += ab[j][r, c] }
                        solver.matrix[c * n + r] = Complex(-w2 * mm + cLin[r, c], w[j] * bb)
                    }
                }
                for r in 0..<n { solver.rhs[r] = fIner[r * nw + j] + fDrag[r * nw + j] }
                try solver.solveInPlace()
                for r in 0..<n { xi[r * nw + j] = solver.rhs[r] }
            }
            if xi.contains(where: { !$0.real.isFinite || !$0.imaginary.isFinite }) {
                throw SolveError.unsupported("flexible dynamics: non-finite response")
            }
            var converged = true
            for i in xi.indices where (xi[i] - xiLast[i]).length / (xi[i].length + tol) >= tol { converged = false; break }
            if converged { done = true; break }
            for i in xi.indices { xiLast[i] = Complex(0.2, 0) * xiLast[i] + Complex(0.8, 0) * xi[i] }
        }
        return (xi, passes, done)
    }
}

extension FlexibleStrips {
    init(parts: [(strips: StripHydrodynamics, node: Int)], nDOF: Int, t: DenseMatrix) {
        self.parts = parts
        self.nDOF = nDOF
        self.t = t
    }
}
