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
    /// frequency-major over the FOWT's DOFs (6 for a rigid FOWT, its reduced DOFs with the PRP's 6 first) [m, rad].
    var rows: [[Complex]]
    var iterations: Int
    var converged: Bool
    /// potSecOrder 1: second-order loads of wave train 0 from the slender-body QTF (nil when not computed).
    var secondOrder: SecondOrderForce?
    /// Mean pose r6 the dynamics were solved at; RAFT's `Xi_fullDOF = T·Xi` keeps this pose's `T` even when the
    /// second statics solve of a potSecOrder case moves the FOWT afterwards (spec 06 §7.2, §10).
    var pose: [Double] = []
}

/// One FOWT after its drag-linearisation loop on wave train 0: rigid (6 DOFs) or a node graph (reduced DOFs).
enum FOWTDragLinearization {
    case rigid(RigidDragLinearization)
    case nodes(FlexibleDragLinearization)
}

extension Model {
    /// RAFT `solveDynamics(case)`: per FOWT, the drag-linearisation fixed point on wave train 0, then the response to
    /// every wave train (spec 06 §7.2): with an array mooring, the coupled system of every FOWT's DOFs stacked plus the
    /// shared lines' impedance on the PRP blocks; without one, a flexible FOWT's response to wave train 0 is that of its
    /// last drag pass (the same system and force), to the other trains that system's with their own excitation, and
    /// the rigid FOWTs are re-solved together with the final linearisation, as
    /// RAFT does (one rigid FOWT: its own 6×6 system).
    /// FOWTs must be at their mean poses (after `solveStatics`).
    mutating func solveDynamics(_ c: LoadCase) throws -> [FOWTResponse] {
        let nw = grid.count
        let seas = c.waves.map { SeaState(train: $0, grid: grid) }
        if seas.count > 1, fowts.contains(where: { $0.platform.potSecOrder == 1 }) {
            // RAFT's QTF array has one heading slot; a second wave train crashes it (spec 06 P8b).
            throw SolveError.unsupported("platform.potSecOrder 1 with more than one wave train in case \(c.index) (RAFT 2.0.4 fails there)")
        }
        var drags: [FOWTDragLinearization] = []
        var results: [FOWTResponse] = []
        for i in fowts.indices {
            let d = try fowts[i].dragLinearization(c, seas: seas, grid: grid, waveNumbers: waveNumbers, settings: design.settings,
                                                   depth: design.site.waterDepth)
            drags.append(d)
            switch d {
            case .rigid(let r): results.append(r.response)
            case .nodes(let n):
                results.append(FOWTResponse(seas: seas, rows: [], iterations: n.iterations, converged: n.converged,
                                            secondOrder: n.secondOrder, pose: fowts[i].pose))
            }
        }
        // Each FOWT's excitation per wave train (frequency-major, its DOFs): inertial (+ BEM) and linearised drag
        // (+ the slow drift of wave train 0, potSecOrder 1; a node graph's `force` includes it on the PRP DOFs).
        var forces = [[[Complex]]](repeating: [], count: fowts.count)
        for h in seas.indices {
            let rigidDrag: [ComplexSeries6?] = drags.indices.map {
                guard case .rigid(let d) = drags[$0] else { return nil }
                // Wave train 0 is the train the last drag pass linearised on: that pass summed `F_hydro_drag` with
                // these very `Bmat` and kinematics, node by node in the same order and with the same operations
                // (`DragExcitationReuseTests`), so its excitation is what `dragExcitation` would recompute.
                if h == 0, d.linearization.excitation.frequencyCount == nw { return d.linearization.excitation }
                return d.hydro.dragExcitation(d.kinematics[h], linearization: d.linearization)
            }
            for i in fowts.indices {
                switch drags[i] {
                case .rigid(let d):
                    // RAFT rebuilds a potSecOrder-1 FOWT's wave force in a second loop with the drag excitation variable
                    // left over from the first loop, i.e. the LAST FOWT's (only differs for mixed farms; spec 06 §7.2).
                    // A last FOWT with beams has no such variable (RAFT runs no farm with one): the FOWT's own.
                    let fd = fowts[i].platform.potSecOrder == 1 ? rigidDrag[fowts.count - 1] ?? rigidDrag[i]! : rigidDrag[i]!
                    var f = [Complex](repeating: .zero, count: 6 * nw)
                    for dof in 0..<6 { for j in 0..<nw { f[j * 6 + dof] = d.excitation[h][dof, j] + fd[dof, j] } }
                    if h == 0, let so = results[i].secondOrder {  // Fhydro_2nd[0] (real, phase-less; spec 06 §7.2, P9)
                        for dof in 0..<6 { for j in 0..<nw { f[j * 6 + dof] += Complex(so.slowDrift[dof][j], 0) } }
                    }
                    forces[i].append(f)
                case .nodes(let d):
                    forces[i].append(h == 0 ? zip(d.force, d.dragForce).map { $0 + $1 } : d.trainForces[h - 1])
                }
            }
        }
        var rows = [[[Complex]]](repeating: [], count: fowts.count)  // [FOWT][wave train], frequency-major
        if arrayMooring == nil {
            // a flexible FOWT: its last drag pass solved this system with this force (wave train 0)
            for i in fowts.indices {
                guard case .nodes(let d) = drags[i] else { continue }
                let m = d.system.n
                var x = [Complex](repeating: .zero, count: m * nw)
                for r in 0..<m { for j in 0..<nw { x[j * m + r] = d.xi[r * nw + j] } }
                rows[i] = [x]
                // the other wave trains: the same final system with their own excitation
                try solveStacked([i], drags: drags, forces: forces, seas: seas, firstTrain: 1, into: &rows)
            }
            // the rigid FOWTs re-solved together, as RAFT does (block-diagonal without shared lines)
            try solveStacked(fowts.indices.filter { fowts[$0].isRigid }, drags: drags, forces: forces, seas: seas, into: &rows)
        } else {
            try solveStacked(Array(fowts.indices), drags: drags, forces: forces, seas: seas, into: &rows)
        }
        for i in fowts.indices {
            results[i].rows = rows[i] + [[Complex](repeating: .zero, count: fowts[i].dofCount * nw)]  // wind row
        }
        return results
    }

    /// The response of FOWTs `members` to every wave train from their final linearised systems stacked in that order
    /// (each FOWT's DOFs; with an array mooring, which then couples every FOWT, its impedance on the PRP blocks),
    /// written to `rows[i]` (one row per wave train from `firstTrain` on, frequency-major over FOWT i's DOFs).
    private mutating func solveStacked(_ members: [Int], drags: [FOWTDragLinearization], forces: [[[Complex]]], seas: [SeaState],
                                       firstTrain: Int = 0, into rows: inout [[[Complex]]]) throws {
        guard !members.isEmpty, firstTrain < seas.count else { return }
        let nw = grid.count
        if members.count == 1, arrayMooring == nil, case .rigid(let d) = drags[members[0]] {
            // one rigid FOWT alone: its own 6×6 system (the single-FOWT fast path)
            let solver = FrequencyDomainSolver(n: 6)
            for h in seas.indices {
                var x: [Complex] = []
                // `d.system` is the drag loop's last impedance, so a right-hand side equal bit for bit to that pass's
                // has that pass's solution (the same LAPACK call on the same numbers).
                if h == 0, let last = d.lastSolve, Self.sameBits(forces[members[0]][h], last.force) {
                    x = last.response
                } else {
                    try solver.solve(d.system, extraDamping: nil, force: forces[members[0]][h], into: &x)
                }
                for v in x where !(v.real.isFinite && v.imaginary.isFinite) {
                    throw SolveError.nonFinite("response to wave train \(h)")
                }
                rows[members[0]].append(x)
            }
            return
        }
        var offsets: [Int] = [], n = 0
        for i in members { offsets.append(n); n += fowts[i].dofCount }
        var sys = LinearSystem(n: n, omega: grid.omega)
        var prpIterates: [[Complex]] = []
        for (p, i) in members.enumerated() {
            let o = offsets[p]
            let (s, extra, last): (LinearSystem, [Double]?, [Complex])
            switch drags[i] {
            case .rigid(let d): (s, extra, last) = (d.system, nil, d.lastIterate)
            case .nodes(let d): (s, extra, last) = (d.system, d.finalDamping, d.lastIterate)
            }
            let m = s.n, mm = m * m
            for j in 0..<nw {
                for r in 0..<m { for col in 0..<m {
                    let q = (o + r) * n + o + col
                    sys.mass[j * n * n + q] = s.mass[j * mm + r * m + col]
                    if let extra {
                        sys.damping[j * n * n + q] = s.damping[j * mm + r * m + col] + extra[r * m + col]
                    } else {
                        sys.damping[j * n * n + q] = s.damping[j * mm + r * m + col]
                    }
                } }
            }
            for r in 0..<m { for col in 0..<m { sys.stiffness[(o + r) * n + o + col] = s.stiffness[r * m + col] } }
            prpIterates.append(m == 6 ? last : (0..<(6 * nw)).map { last[($0 / 6) * m + $0 % 6] })
        }
        if arrayMooring != nil, let (ma, b, k) = try arrayMooringImpedance(lastIterates: prpIterates, spectrum: seas[0].spectrum) {
            let na = 6 * members.count
            func scatter(_ a: [Double], into t: inout [Double], frequency j: Int) {
                for p in members.indices { for q in members.indices { for r in 0..<6 { for col in 0..<6 {
                    t[j * n * n + (offsets[p] + r) * n + offsets[q] + col] += a[(6 * p + r) * na + 6 * q + col]
                } } } }
            }
            for j in 0..<nw {
                if let ma { scatter(ma, into: &sys.mass, frequency: j) }
                if let b { scatter(b, into: &sys.damping, frequency: j) }
            }
            scatter(k, into: &sys.stiffness, frequency: 0)
        }
        let solver = FrequencyDomainSolver(n: n)
        var force = [Complex](repeating: .zero, count: n * nw)
        var x: [Complex] = []
        for h in firstTrain..<seas.count {
            for (p, i) in members.enumerated() {
                let o = offsets[p], m = fowts[i].dofCount
                for j in 0..<nw { for r in 0..<m { force[j * n + o + r] = forces[i][h][j * m + r] } }
            }
            try solver.solve(sys, extraDamping: nil, force: force, into: &x)
            for v in x where !(v.real.isFinite && v.imaginary.isFinite) {
                throw SolveError.nonFinite("response to wave train \(h)")
            }
            for (p, i) in members.enumerated() {
                let o = offsets[p], m = fowts[i].dofCount
                var row = [Complex](repeating: .zero, count: m * nw)
                for j in 0..<nw { for d in 0..<m { row[j * m + d] = x[j * n + o + d] } }
                rows[i].append(row)
            }
        }
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

extension FOWT {
    /// The drag-linearisation fixed point of this rigid FOWT on wave train 0, at its mean pose (spec 06 §7.1);
    /// moorMod 2 leaves the own mooring as the lumped-mass iteration left it.
    mutating func rigidDragLinearization(seas: [SeaState], grid: FrequencyGrid, waveNumbers: [Double], settings: Settings,
                                         depth: Double) throws -> RigidDragLinearization {
        let nw = grid.count
        let omegas = grid.omega
        let solver6 = FrequencyDomainSolver(n: 6)
        let f = self, b = structure.rigid
        let t = Vec3(b.r6[0], b.r6[1], b.r6[2])
        let moved = b.hydroReference.moved(to: f.members.placed(translation: t, rotation: Vec3(b.r6[3], b.r6[4], b.r6[5])), reference: t)
        let kins = seas.map { moved.waveKinematics(amplitude: $0.amplitude, heading: $0.heading, depth: depth) }
        var fIner = kins.map { moved.inertialExcitation($0) }
        f.addPotentialFlowExcitation(seas, waveNumbers: waveNumbers, to: &fIner)  // + F_BEM[h]
        // M_lin, B_lin, C_lin (spec 06 §7.1).
        var s = LinearSystem(n: 6, omega: grid.omega)
        LinearSystem.addToAll((b.statics.structuralMass + b.hydroReference.addedMass).storage, &s.mass, n: 6)
        LinearSystem.addToAll(b.gyroscopicDamping.storage, &s.damping, n: 6)
        f.addPotentialFlowRadiation(to: &s)  // A_BEM(ω), B_BEM(ω)
        for a in f.aero {
            // the same additions through buffer pointers (an element update of `s.mass` checks uniqueness each time)
            s.mass.withUnsafeMutableBufferPointer { mass in
                s.damping.withUnsafeMutableBufferPointer { damping in
                    for j in 0..<nw {
                        a.addedMass[j].storage.withUnsafeBufferPointer { am in
                            a.damping[j].storage.withUnsafeBufferPointer { ad in
                                for q in 0..<36 { mass[j * 36 + q] += am[q]; damping[j * 36 + q] += ad[q] }
                            }
                        }
                    }
                }
            }
        }
        s.stiffness = (b.restoringStiffness + b.mooringStiffness).storage
        // moorMod 2: lumped-mass mooring M + A, K and the iterated B (spec 06 §7.1; Model+LumpedMooring.swift).
        var lumped = try LumpedMooringDynamics(mooring: f.mooring, pose: b.r6, omegas: grid.omega, spectrum: seas[0].spectrum, xiStart: settings.xiStart)
        if let l = lumped {
            LinearSystem.addToAll((l.mass + l.addedMass).storage, &s.mass, n: 6)
            s.stiffness = (b.restoringStiffness + l.stiffness).storage
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
        var xi = ComplexSeries6(frequencyCount: nw)  // each pass's iterate, every entry rewritten by the pass
        let sol = try solver6.solveDragLinearized(s, force: force, xiStart: settings.xiStart, nIter: settings.nIter,
                                                tol: settings.dragTolerance, linearize: { last in
            // transposes through buffer pointers (an element store into the captured series checks uniqueness)
            xi.values.withUnsafeMutableBufferPointer { x in
                last.withUnsafeBufferPointer { l in for d in 0..<6 { for j in 0..<nw { x[d * nw + j] = l[j * 6 + d] } } }
            }
            moved.linearizeDrag(kins[0], response: xi, into: &lin)
            // the pass's drag excitation, frequency-major (every entry written)
            let fd = lin.excitation.values.withUnsafeBufferPointer { e in
                [Complex](unsafeUninitializedCapacity: 6 * nw) { f, count in
                    for d in 0..<6 { for j in 0..<nw { f[j * 6 + d] = e[d * nw + j] } }
                    count = 6 * nw
                }
            }
            if lumped != nil {
                let bMoor = try lumped!.refreshDamping(last)
                let b = (0..<36).map { lin.damping.storage[$0] + bMoor.storage[$0] }
                return (b, fd)
            }
            return (lin.damping.storage, fd)
        }, secondOrder: secondOrderHook)
        s.damping.withUnsafeMutableBufferPointer { b in
            for j in 0..<nw { for q in 0..<36 { b[j * 36 + q] += lin.damping.storage[q] } }
        }
        if let l = lumped {
            LinearSystem.addToAll(l.damping.storage, &s.damping, n: 6)
            mooring = l.system
        }
        // Without moorMod 2, the damping the pass used was `s.damping + lin.damping` element by element, the sum just
        // stored into `s.damping`.
        return RigidDragLinearization(system: s, linearization: lin, hydro: moved, excitation: fIner, kinematics: kins,
                                      lastIterate: sol.lastIterate,
                                      lastSolve: lumped == nil ? (sol.lastForce, sol.response) : nil,
                                      response: FOWTResponse(seas: seas, rows: [], iterations: sol.iterations, converged: sol.converged,
                                                             secondOrder: secondOrder, pose: b.r6))
    }
}
