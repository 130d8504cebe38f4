#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The frequency-domain response of one FOWT in one case.
struct FOWTResponse: Sendable {
    /// Sea states per wave train.
    var seas: [SeaState]
    /// Response per excitation source (wave trains, then the wind row, which RAFT 2.x leaves at zero),
    /// frequency-major 6 DOFs [m, rad].
    var rows: [[Complex]]
    var iterations: Int
    var converged: Bool
    /// potSecOrder 1: second-order loads of wave train 0 from the slender-body QTF (nil when not computed).
    var secondOrder: SecondOrderForce?
    /// Mean pose r6 the dynamics were solved at; RAFT's `Xi_fullDOF = T·Xi` keeps this pose's `T` even when the
    /// second statics solve of a potSecOrder case moves the FOWT afterwards (spec 06 §7.2, §10).
    var pose: [Double] = []
}

extension Model {
    /// RAFT `solveDynamics(case)`: per FOWT, the drag-linearisation fixed point on wave train 0, then the coupled
    /// system response to every wave train (spec 06 §7). FOWTs must be at their mean poses (after `solveStatics`).
    mutating func solveDynamics(_ c: LoadCase) throws -> [FOWTResponse] {
        let nw = grid.count, n = dofCount
        let seas = c.waves.map { SeaState(train: $0, grid: grid) }
        var systems: [LinearSystem] = []
        var lins: [DragLinearization] = []
        var hydros: [StripHydrodynamics] = []
        var excitations: [[ComplexSeries6]] = []   // [fowt][train]
        var kinematics: [[WaveKinematics]] = []
        var results: [FOWTResponse] = []
        var lastIterates: [[Complex]] = []
        var lastSolve: (force: [Complex], response: [Complex])?
        if seas.count > 1, fowts.contains(where: { $0.platform.potSecOrder == 1 }) {
            // RAFT's QTF array has one heading slot; a second wave train crashes it (spec 06 P8b).
            throw SolveError.unsupported("platform.potSecOrder 1 with more than one wave train in case \(c.index) (RAFT 2.0.4 fails there)")
        }
        for i in fowts.indices {
            let d = try rigidDragLinearization(fowt: i, seas: seas)
            lastIterates.append(d.lastIterate)
            systems.append(d.system)
            lins.append(d.linearization)
            hydros.append(d.hydro)
            excitations.append(d.excitation)
            kinematics.append(d.kinematics)
            results.append(d.response)
            lastSolve = d.lastSolve
        }
        // Coupled system: block-diagonal FOWT impedances plus the shared mooring stiffness (spec 06 §7.2).
        var sys = LinearSystem(n: n, omega: grid.omega)
        for (i, s) in systems.enumerated() {
            for j in 0..<nw { for r in 0..<6 { for col in 0..<6 {
                sys.mass[j * n * n + (6 * i + r) * n + 6 * i + col] = s.mass[j * 36 + r * 6 + col]
                sys.damping[j * n * n + (6 * i + r) * n + 6 * i + col] = s.damping[j * 36 + r * 6 + col]
            } } }
            for r in 0..<6 { for col in 0..<6 { sys.stiffness[(6 * i + r) * n + 6 * i + col] = s.stiffness[r * 6 + col] } }
        }
        if let (ma, b, k) = try arrayMooringImpedance(lastIterates: lastIterates, spectrum: seas[0].spectrum) {
            if let ma { LinearSystem.addToAll(ma, &sys.mass, n: n) }
            if let b { LinearSystem.addToAll(b, &sys.damping, n: n) }
            for q in 0..<(n * n) { sys.stiffness[q] += k[q] }
            lastSolve = nil
        }
        // One FOWT alone: `sys` is its drag loop's last impedance, so a right-hand side equal bit for bit to that pass's
        // has that pass's solution (the same LAPACK call on the same numbers).
        if fowts.count != 1 { lastSolve = nil }
        let solver = FrequencyDomainSolver(n: n)
        var rowsPerFOWT = [[[Complex]]](repeating: [], count: fowts.count)
        for h in seas.indices {
            var force = [Complex](repeating: .zero, count: n * nw)
            let drag = fowts.indices.map { hydros[$0].dragExcitation(kinematics[$0][h], linearization: lins[$0]) }
            for i in fowts.indices {
                // RAFT rebuilds a potSecOrder-1 FOWT's wave force in a second loop with the drag excitation variable
                // left over from the first loop, i.e. the LAST FOWT's (only differs for mixed farms; spec 06 §7.2).
                let fd = fowts[i].platform.potSecOrder == 1 ? drag[fowts.count - 1] : drag[i]
                for d in 0..<6 { for j in 0..<nw { force[j * n + 6 * i + d] = excitations[i][h][d, j] + fd[d, j] } }
                if h == 0, let so = results[i].secondOrder {  // Fhydro_2nd[0] (real, phase-less; spec 06 §7.2, P9)
                    for d in 0..<6 { for j in 0..<nw { force[j * n + 6 * i + d] += Complex(so.slowDrift[d][j], 0) } }
                }
            }
            var x: [Complex] = []
            if h == 0, let last = lastSolve, Self.sameBits(force, last.force) {
                x = last.response
            } else {
                try solver.solve(sys, extraDamping: nil, force: force, into: &x)
            }
            for v in x where !(v.real.isFinite && v.imaginary.isFinite) {
                throw SolveError.nonFinite("response to wave train \(h)")
            }
            for i in fowts.indices {
                var row = [Complex](repeating: .zero, count: 6 * nw)
                for j in 0..<nw { for d in 0..<6 { row[j * 6 + d] = x[j * n + 6 * i + d] } }
                rowsPerFOWT[i].append(row)
            }
        }
        for i in fowts.indices {
            results[i].rows = rowsPerFOWT[i] + [[Complex](repeating: .zero, count: 6 * nw)]  // wind row
        }
        return results
    }
}

extension Model {
    /// Whether two complex vectors hold the same bits (so -0 ≠ +0; NaNs compare by payload).
    static func sameBits(_ a: [Complex], _ b: [Complex]) -> Bool {
        guard a.count == b.count else { return false }
        for k in a.indices where a[k].real.bitPattern != b[k].real.bitPattern || a[k].imaginary.bitPattern != b[k].imaginary.bitPattern {
            return false
        }
        return true
    }
}

/// One rigid FOWT after its drag-linearisation loop on wave train 0 (the per-FOWT part of RAFT `solveDynamics`).
struct RigidDragLinearization {
    /// `M_lin`, `B_lin` (with the last pass's linearised drag and moorMod-2 damping) and `C_lin`.
    var system: LinearSystem
    var linearization: DragLinearization
    /// Strip model at the mean pose, excitation (inertial + BEM) and wave kinematics per wave train.
    var hydro: StripHydrodynamics
    var excitation: [ComplexSeries6]
    var kinematics: [WaveKinematics]
    /// The last drag-loop iterate (frequency-major 6 DOFs).
    var lastIterate: [Complex]
    /// The last drag pass's right-hand side and solution when `system` (damping with the last pass's drag damping
    /// added) is the very impedance that pass solved (nil with moorMod 2, whose damping is summed in another order).
    var lastSolve: (force: [Complex], response: [Complex])?
    /// Iterations, convergence, second-order loads and pose (rows left empty).
    var response: FOWTResponse
}

extension Model {
    /// The drag-linearisation fixed point of rigid FOWT `i` (index into `fowts`) on wave train 0, at its mean pose
    /// (spec 06 §7.1); moorMod 2 leaves the own mooring as the lumped-mass iteration left it.
    mutating func rigidDragLinearization(fowt i: Int, seas: [SeaState]) throws -> RigidDragLinearization {
        let nw = grid.count
        let depth = design.site.waterDepth
        let omegas = grid.omega
        let solver6 = FrequencyDomainSolver(n: 6)
        let f = fowts[i]
        let t = Vec3(f.r6[0], f.r6[1], f.r6[2])
        let moved = f.hydroReference.moved(to: f.members.placed(translation: t, rotation: Vec3(f.r6[3], f.r6[4], f.r6[5])), reference: t)
        let kins = seas.map { moved.waveKinematics(amplitude: $0.amplitude, heading: $0.heading, depth: depth) }
        var fIner = kins.map { moved.inertialExcitation($0) }
        f.addPotentialFlowExcitation(seas, waveNumbers: waveNumbers, to: &fIner)  // + F_BEM[h]
        // M_lin, B_lin, C_lin (spec 06 §7.1).
        var s = LinearSystem(n: 6, omega: grid.omega)
        LinearSystem.addToAll((f.statics.structuralMass + f.hydroReference.addedMass).storage, &s.mass, n: 6)
        LinearSystem.addToAll(f.gyroscopicDamping.storage, &s.damping, n: 6)
        f.addPotentialFlowRadiation(to: &s)  // A_BEM(ω), B_BEM(ω)
        for a in f.aero {
            for j in 0..<nw { for q in 0..<36 {
                s.mass[j * 36 + q] += a.addedMass[j].storage[q]
                s.damping[j * 36 + q] += a.damping[j].storage[q]
            } }
        }
        s.stiffness = (f.restoringStiffness + f.mooringStiffness).storage
        // moorMod 2: lumped-mass mooring M + A, K and the iterated B (spec 06 §7.1; Model+LumpedMooring.swift).
        var lumped = try LumpedMooringDynamics(fowt: f, omegas: grid.omega, spectrum: seas[0].spectrum, xiStart: design.settings.xiStart)
        if let l = lumped {
            LinearSystem.addToAll((l.mass + l.addedMass).storage, &s.mass, n: 6)
            s.stiffness = (f.restoringStiffness + l.stiffness).storage
        }
        var force = [Complex](repeating: .zero, count: 6 * nw)
        for d in 0..<6 { for j in 0..<nw { force[j * 6 + d] = fIner[0][d, j] } }
        var lin = DragLinearization(nodeCount: 0, frequencyCount: 0)
        // potSecOrder 1: slender-body QTF from the first converged first-order RAO, slow drift added to F_lin.
        var secondOrder: SecondOrderForce?
        let sea0 = seas[0]
        let secondOrderHook: (([Complex]) throws -> [Complex])? = f.platform.potSecOrder != 1 ? nil : { xi in
            let rao = responseAmplitudeOperator(xi, zeta: sea0.amplitude)
            let qtf = try f.slenderBodyQTF(heading: sea0.heading, rao: rao, depth: depth)
            let sf = SecondOrderForce(qtf: qtf, omega: omegas, spectrum: sea0.spectrum)
            secondOrder = sf
            var extra = [Complex](repeating: .zero, count: 6 * nw)
            for d in 0..<6 { for j in 0..<nw { extra[j * 6 + d] = Complex(sf.slowDrift[d][j], 0) } }
            return extra
        }
        let sol = try solver6.solveDragLinearized(s, force: force, xiStart: design.settings.xiStart, nIter: design.settings.nIter,
                                                tol: design.settings.dragTolerance, linearize: { last in
            var xi = ComplexSeries6(frequencyCount: nw)
            for d in 0..<6 { for j in 0..<nw { xi[d, j] = last[j * 6 + d] } }
            moved.linearizeDrag(kins[0], response: xi, into: &lin)
            if lumped != nil {
                let bMoor = try lumped!.refreshDamping(last)
                let b = (0..<36).map { lin.damping.storage[$0] + bMoor.storage[$0] }
                var fd = [Complex](repeating: .zero, count: 6 * nw)
                for d in 0..<6 { for j in 0..<nw { fd[j * 6 + d] = lin.excitation[d, j] } }
                return (b, fd)
            }
            var fd = [Complex](repeating: .zero, count: 6 * nw)
            for d in 0..<6 { for j in 0..<nw { fd[j * 6 + d] = lin.excitation[d, j] } }
            return (lin.damping.storage, fd)
        }, secondOrder: secondOrderHook)
        s.damping.withUnsafeMutableBufferPointer { b in
            for j in 0..<nw { for q in 0..<36 { b[j * 36 + q] += lin.damping.storage[q] } }
        }
        if let l = lumped {
            LinearSystem.addToAll(l.damping.storage, &s.damping, n: 6)
            fowts[i].mooring = l.system
        }
        // Without moorMod 2, the damping the pass used was `s.damping + lin.damping` element by element, the sum just
        // stored into `s.damping`.
        return RigidDragLinearization(system: s, linearization: lin, hydro: moved, excitation: fIner, kinematics: kins,
                                      lastIterate: sol.lastIterate,
                                      lastSolve: lumped == nil ? (sol.lastForce, sol.response) : nil,
                                      response: FOWTResponse(seas: seas, rows: [], iterations: sol.iterations, converged: sol.converged,
                                                             secondOrder: secondOrder, pose: f.r6))
    }
}
