#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
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
    /// - Parameter offset: the FOWT's reference position in a farm (absolute member positions for the wave phase) [m].
    func meanPose(_ eq: FlexibleEquilibrium, members fm: FOWTMembers, offset: Vec3 = .zero) -> (members: [Member], t: DenseMatrix) {
        let xi0 = eq.nodeDisplacements
        let r = graph.nodes.indices.map { k in
            let p = graph.nodes[k].r0 + Vec3(xi0[k][0], xi0[k][1], xi0[k][2])
            return offset == .zero ? p : p + offset
        }
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
    /// `Z_j = −ω²M + iω(B + B_drag) + C` in the reduced DOFs (`FrequencyDomainSolver.solveDragLinearized`). Returns
    /// `Xi` [nDOF·nw] (row-major [dof, ω]), the number of linearisation passes, whether RAFT's 1 % criterion was met and (moorMod 2) the mooring system as the
    /// lumped-mass iteration left it.
    func solveDynamics(_ inp: FlexibleDynamicsInputs, members fm: FOWTMembers, sea: SeaState, rho: Double, depth: Double,
                       omega w: [Double], waveNumbers k: [Double], iterations nIter: Int, xiStart: Double,
                       tolerance tol: Double = 0.01) throws
        -> (xi: [Complex], iterations: Int, converged: Bool, lumpedMooring: MooringSystem?) {
        let d = try dragLinearization(inp, members: fm, sea: sea, rho: rho, depth: depth, omega: w, waveNumbers: k,
                                      iterations: nIter, xiStart: xiStart, tolerance: tol)
        return (d.xi, d.iterations, d.converged, d.lumpedMooring)
    }

    /// `solveDynamics` with everything a farm's coupled solve needs: the final impedance terms and excitation.
    /// - Parameters:
    ///   - offset: the FOWT's reference position (x_ref, y_ref, 0) [m] (wave phase, lumped-mass lines).
    ///   - otherTrains: the case's wave trains after `sea` (their forces in `trainForces`).
    ///   - secondOrder: potSecOrder 1 (`FOWT.secondOrderHook`): the second-order force of `sea` (6 DOFs
    ///     about the PRP) from the first converged response; its slow drift is added to the PRP node's excitation.
    ///   - mooring: the FOWT's own mooring system at the mean pose (moorMod 2: its lumped-mass matrices enter the
    ///     dynamics), or nil.
    ///   - potentialFlow: potential-flow coefficients (WAMIT files) on the PRP node, nil for strip theory only.
    ///   - entry: the FOWT's array entry (reference position and `heading_adjust` for the excitation's phase and heading).
    func dragLinearization(_ inp: FlexibleDynamicsInputs, members fm: FOWTMembers, sea: SeaState, rho: Double, depth: Double,
                           omega w: [Double], waveNumbers k: [Double], iterations nIter: Int, xiStart: Double,
                           tolerance tol: Double = 0.01, offset: Vec3 = .zero, otherTrains: [SeaState] = [],
                           secondOrder: (([Complex]) throws -> SecondOrderForce)? = nil, mooring: MooringSystem? = nil,
                           potentialFlow: FOWTPotentialFlow? = nil, entry: ArrayEntry? = nil) throws -> FlexibleDragLinearization {
        let n = nDOF, nw = w.count
        let (placed, tMean) = meanPose(inp.equilibrium, members: fm, offset: offset)
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
        // inertial excitation of one wave train (dof-major), + F_BEM below
        func inertialExcitation(_ sea: SeaState) -> [Complex] {
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
            return fIner
        }
        var fIner = inertialExcitation(sea)
        var trainExcitation = otherTrains.map(inertialExcitation)
        // M_lin, B_lin (aero) per frequency and C_lin in the reduced DOFs, solved by the same drag-linearisation loop
        // as a rigid FOWT (`FrequencyDomainSolver`, frequency-major layout)
        var system = LinearSystem(n: n, omega: w)
        let nn = n * n
        system.mass.withUnsafeMutableBufferPointer { mass in
            system.damping.withUnsafeMutableBufferPointer { damping in
                for j in 0..<nw {
                    for q in 0..<nn {
                        var mm = structuralMass.storage[q] + inp.addedMass.storage[q]
                        if let am = inp.aeroMass { mm += am[j].storage[q] }
                        mass[j * nn + q] = mm
                        if let ab = inp.aeroDamping { damping[j * nn + q] = ab[j].storage[q] }
                    }
                }
            }
        }
        for q in 0..<nn {
            system.stiffness[q] = structuralStiffness.storage[q] + hydrostaticStiffness.storage[q] + elasticStiffness.storage[q]
        }
        // potential flow (RAFT `readHydro` for nDOF > 6): A_BEM(ω), B_BEM(ω) and F_BEM on the first 6 reduced DOFs,
        // the rigid-body node 0 at the PRP (so RAFT's translation by −r0 of that node is zero)
        if let pf = potentialFlow {
            let r = pf.coefficients.radiation
            for j in 0..<nw { for a in 0..<6 { for b in 0..<6 {
                system.mass[j * nn + a * n + b] += r.addedMass[j][a, b]
                system.damping[j * nn + a * n + b] += r.damping[j][a, b]
            } } }
            if pf.appliesExcitation, let e = entry {
                let f = pf.coefficients.excitation.waveExcitation(heading: sea.heading, headingAdjustDeg: e.headingAdjustDeg,
                                                                  amplitude: sea.amplitude, waveNumbers: k,
                                                                  referenceX: e.x, referenceY: e.y)
                for d in 0..<6 { for m in 0..<nw { fIner[d * nw + m] += f[d, m] } }
                for h in otherTrains.indices {
                    let f = pf.coefficients.excitation.waveExcitation(heading: otherTrains[h].heading, headingAdjustDeg: e.headingAdjustDeg,
                                                                      amplitude: otherTrains[h].amplitude, waveNumbers: k,
                                                                      referenceX: e.x, referenceY: e.y)
                    for d in 0..<6 { for m in 0..<nw { trainExcitation[h][d * nw + m] += f[d, m] } }
                }
            }
        }
        // moorMod 2: the lumped-mass mooring's M + A and K on the PRP node (K in place of C_moor), its B refreshed
        // from every iterate, as for a rigid FOWT (spec 06 §7.1)
        let prp = Array(inp.equilibrium.x.prefix(6))
        var lumped = try LumpedMooringDynamics(mooring: mooring,
                                               pose: offset == .zero ? prp : [prp[0] + offset.x, prp[1] + offset.y] + prp[2...], omegas: w,
                                               spectrum: sea.spectrum, xiStart: xiStart)
        let cMoor = lumped?.stiffness ?? inp.equilibrium.mooringStiffness
        for a in 0..<6 { for b in 0..<6 { system.stiffness[a * n + b] += cMoor[a, b] } }
        if let l = lumped {
            let mMoor = l.mass + l.addedMass
            for j in 0..<nw { for a in 0..<6 { for b in 0..<6 { system.mass[j * nn + a * n + b] += mMoor[a, b] } } }
        }
        var prpLast = [Complex](repeating: .zero, count: 6 * nw)
        var force = [Complex](repeating: .zero, count: n * nw)
        for r in 0..<n { for j in 0..<nw { force[j * n + r] = fIner[r * nw + j] } }
        var lastDofMajor = [Complex](repeating: .zero, count: n * nw)
        var dragForce = [Complex](repeating: .zero, count: n * nw)
        // potSecOrder 1: the slow drift `Fhydro_2nd` (real, phase-less; spec 06 P9) on the PRP node, whose DOFs are
        // the first 6 reduced ones (`T` is the identity there), frequency-major
        var secondOrderForce: SecondOrderForce?, secondOrderExtra: [Complex]?
        let secondOrderHook: (([Complex]) throws -> [Complex])? = secondOrder.map { compute in { xi in
            let sf = try compute(xi)
            var extra = [Complex](repeating: .zero, count: n * nw)
            for j in 0..<nw { for d in 0..<6 { extra[j * n + d] = Complex(sf.slowDrift[d][j], 0) } }
            secondOrderForce = sf
            secondOrderExtra = extra
            return extra
        } }
        let sol = try FrequencyDomainSolver(n: n).solveDragLinearized(system, force: force, xiStart: xiStart, nIter: nIter,
                                                                      tol: tol, linearize: { last in
            for r in 0..<n { for j in 0..<nw { lastDofMajor[r * nw + j] = last[j * n + r] } }
            let (bDrag, fDrag) = strips.dragLinearization(amplitude: sea.amplitude, heading: sea.heading, depth: depth,
                                                          response: lastDofMajor)
            for r in 0..<n { for j in 0..<nw { dragForce[j * n + r] = fDrag[r * nw + j] } }
            guard lumped != nil else { return (bDrag.storage, dragForce) }
            for j in 0..<nw { for d in 0..<6 { prpLast[j * 6 + d] = last[j * n + d] } }
            let bMoor = try lumped!.refreshDamping(prpLast)
            var b = bDrag.storage
            for a in 0..<6 { for c in 0..<6 { b[a * n + c] += bMoor[a, c] } }
            return (b, dragForce)
        }, secondOrder: secondOrderHook)
        if let extra = secondOrderExtra {  // the excitation of wave train 0 as the solver summed it
            for q in force.indices { force[q] = force[q] + extra[q] }
        }
        var xi = [Complex](repeating: .zero, count: n * nw)
        for r in 0..<n { for j in 0..<nw { xi[r * nw + j] = sol.response[j * n + r] } }
        // wave trains after the first: inertial (+ BEM) and the drag excitation with the last pass's linearisation
        // (`lastDofMajor` holds the iterate that pass linearised about), frequency-major
        let trainForces: [[Complex]] = otherTrains.indices.map { h in
            let fd = strips.dragExcitation(train: otherTrains[h], primary: sea, depth: depth, response: lastDofMajor)
            var f = [Complex](repeating: .zero, count: n * nw)
            for r in 0..<n { for j in 0..<nw { f[j * n + r] = trainExcitation[h][r * nw + j] + fd[r * nw + j] } }
            return f
        }
        return FlexibleDragLinearization(xi: xi, iterations: sol.iterations, converged: sol.converged, lumpedMooring: lumped?.system,
                                         system: system, finalDamping: sol.dragDamping, force: force, dragForce: sol.dragForce,
                                         lastIterate: sol.lastIterate, trainForces: trainForces, secondOrder: secondOrderForce)
    }
}

/// One flexible FOWT after its drag-linearisation loop on wave train 0.
struct FlexibleDragLinearization {
    /// Response `Xi` [nDOF·nw] dof-major, passes run, RAFT's 1 % criterion met, moorMod-2 mooring state.
    var xi: [Complex]
    var iterations: Int
    var converged: Bool
    var lumpedMooring: MooringSystem?
    /// `M_lin`, `B_lin`, `C_lin` without the linearised terms, which the last pass adds: `finalDamping` (drag +
    /// moorMod-2 mooring, row-major) and `dragForce` (frequency-major) on top of the inertial `force`.
    var system: LinearSystem
    var finalDamping: [Double]
    var force: [Complex]
    var dragForce: [Complex]
    /// The last drag-loop iterate (frequency-major nDOF).
    var lastIterate: [Complex]
    /// Excitation of each wave train after the first (inertial + BEM + drag with the final linearisation),
    /// frequency-major nDOF.
    var trainForces: [[Complex]] = []
    /// potSecOrder 1: the second-order loads of wave train 0 (6 DOFs about the PRP), whose slow drift `force`
    /// includes; nil when not computed.
    var secondOrder: SecondOrderForce?
}

extension FlexibleStrips {
    init(parts: [(strips: StripHydrodynamics, node: Int)], nDOF: Int, t: DenseMatrix) {
        self.parts = parts
        self.nDOF = nDOF
        self.t = t
    }
}
