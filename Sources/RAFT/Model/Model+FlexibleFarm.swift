#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Where FOWT i of a farm with flexible FOWTs lives (`Model.farmSlots`).
enum FarmSlot: Sendable, Equatable {
    /// Index into `Model.fowts` (6 DOFs about the PRP).
    case rigid(Int)
    /// Index into `Model.flexibles` (its reduced DOFs, PRP node first).
    case flexible(Int)
}

/// The per-FOWT state a farm's statics leave for its dynamics.
struct FarmStaticsResult {
    var evaluations: Int
    /// Dynamics inputs of each flexible FOWT (by FOWT index; nil for rigid ones).
    var flexibleInputs: [FlexibleDynamicsInputs?]
}

/// A farm (two or more FOWTs, or an array mooring) in which one or more FOWTs have flexible (beam) members: RAFT
/// 2.x's system of stacked reduced DOFs (rigid FOWTs 6, flexible ones their reduced DOFs), the array mooring acting
/// on each FOWT's PRP DOFs (for a flexible FOWT: the first 6 reduced DOFs, node 0 = PRP, as its own mooring).
///
/// RAFT 2.0.4 does not run these: in array mode it drops `joints` (beam platform members then fail), its
/// `solveStatics` raises "Shared moorings does not work with flexible/multibody FOWTs yet" with an array mooring,
/// its `solveEigen` raises for an array mooring with non-rigid FOWTs, and `solveDynamics` slices FOWT i's block as
/// `i·nDOF`, wrong when the FOWTs' DOF counts differ. swift-raft assembles the stacked system directly; a flexible
/// FOWT's reduced displacements stay relative to its reference position in the equilibrium solve (RAFT adds x_ref
/// to every x translation), which is the same equilibrium without the round-off of large absolute positions.
/// Checked by invariants (FlexibleFarmTests): two identical flexible FOWTs far apart without shared lines each give
/// the single-FOWT result; a flexible + rigid farm with a shared line has a symmetric stiffness and balanced statics.
extension Model {
    /// Builds `farmSlots`, `flexibles` and the rigid `fowts` of a farm with flexible FOWTs.
    mutating func setUpFarmWithFlexibleFOWTs() throws {
        fowts = []
        flexibles = []
        farmSlots = []
        warnings = []
        for i in design.fowts.indices {
            let members = try FOWTMembers(design: design, fowt: i)
            if members.members.contains(where: { $0.type == .beam && $0.part != .nacelle }) {
                farmSlots.append(.flexible(flexibles.count))
                flexibles.append(try FlexibleFOWTModel(design: design, index: i, grid: grid))
                warnings += flexibles.last!.potentialFlow?.warnings ?? []
            } else {
                let f = try FOWTModel(design: design, index: i, grid: grid, waveNumbers: waveNumbers, members: members)
                if f.platform.potSecOrder != 0 {
                    throw SolveError.unsupported("FOWT \(i + 1): second-order wave loads (potSecOrder) in a farm with flexible FOWTs are not supported yet")
                }
                farmSlots.append(.rigid(fowts.count))
                fowts.append(f)
                warnings += f.potentialFlow?.warnings ?? []
            }
        }
    }

    /// Number of DOFs of FOWT i in the stacked system.
    func farmDOFCount(_ i: Int) -> Int {
        switch farmSlots[i] {
        case .rigid: return 6
        case .flexible(let k): return flexibles[k].statics.nDOF
        }
    }

    /// Absolute PRP pose r6 of FOWT i [m, rad].
    func farmPose(_ i: Int) -> [Double] {
        switch farmSlots[i] {
        case .rigid(let k): return fowts[k].r6
        case .flexible(let k): return flexibles[k].prpPose(flexibles[k].equilibrium?.x ?? [Double](repeating: 0, count: 6))
        }
    }

    /// First DOF of each FOWT in the stacked system, and the total.
    func farmOffsets() -> (offsets: [Int], count: Int) {
        var offsets: [Int] = [], n = 0
        for i in farmSlots.indices { offsets.append(n); n += farmDOFCount(i) }
        return (offsets, n)
    }

    // MARK: Statics

    /// RAFT `solveStatics(case)` for the stacked system (spec 06 §5): every FOWT's residual (rigid: linear
    /// hydrostatics about its reference; flexible: `FlexibleStaticsProblem`), the array mooring's forces on the PRP
    /// DOFs, one `dsolve2` over all DOFs with the stacked stiffness (array mooring 6×6 blocks between PRPs).
    mutating func farmStatics(_ loadCase: LoadCase?) throws -> FarmStaticsResult {
        var flexibleProblems = [FlexibleStaticsProblem?](repeating: nil, count: farmSlots.count)
        var inputs = [FlexibleDynamicsInputs?](repeating: nil, count: farmSlots.count)
        for (i, slot) in farmSlots.enumerated() {
            switch slot {
            case .rigid(let k):
                try fowts[k].setPosition(fowts[k].reference)
                if let c = loadCase { try fowts[k].turbineConstants(c) }
                try fowts[k].refreshStatics()
                if let c = loadCase { fowts[k].currentLoads(c, depth: design.site.waterDepth, shearExponent: design.site.shearExpWater) }
            case .flexible(let k):
                let (env, inp) = try flexibles[k].prepareStatics(loadCase, grid: grid)
                flexibleProblems[i] = try FlexibleStaticsProblem(statics: flexibles[k].statics, environment: env, mooring: flexibles[k].mooring,
                                                                 reference: flexibles[k].reference)
                inputs[i] = inp
            }
        }
        applyMooringCurrent(loadCase)
        var problems: [AnyFOWTStaticsProblem] = farmSlots.enumerated().map { i, slot in
            switch slot {
            case .rigid(let k): return AnyFOWTStaticsProblem(base: RigidStaticsProblem(fowt: fowts[k], withCase: loadCase != nil))
            case .flexible: return AnyFOWTStaticsProblem(base: flexibleProblems[i]!)
            }
        }
        var array = arrayMooring
        let result = Model.solveStackedStatics(&problems, arrayMooring: &array)
        if let failure = result.failure { throw ContextualError("farm statics", failure) }
        for v in result.x where !v.isFinite {
            throw SolveError.staticsNotConverged(iterations: result.iterations, residual: .nan, detail: "the mean position became non-finite")
        }
        if result.iterations >= 19 {
            let which = loadCase.map { "case \($0.index)" } ?? "the unloaded equilibrium"
            throw SolveError.staticsNotConverged(iterations: 20, residual: .nan,
                detail: "\(which): no static equilibrium of the farm within RAFT's 20 evaluations; check ballast, buoyancy and mooring (e.g. raft properties, raft mooring)")
        }
        arrayMooring = array
        var o = 0
        for (i, slot) in farmSlots.enumerated() {
            switch slot {
            case .rigid(let k):
                fowts[k] = (problems[i].base as! RigidStaticsProblem).fowt
                o += 6
            case .flexible(let k):
                let p = problems[i].base as! FlexibleStaticsProblem
                let eq = p.equilibrium(x: Array(result.x[o ..< o + p.statics.nDOF]), evaluations: result.iterations + 1)
                o += p.statics.nDOF
                flexibles[k].mooring = p.mooring
                flexibles[k].equilibrium = eq
                inputs[i]!.equilibrium = eq
                inputs[i]!.mooring = p.mooring
            }
        }
        return FarmStaticsResult(evaluations: result.iterations + 1, flexibleInputs: inputs)
    }

    // MARK: Cases

    /// RAFT `analyzeCases()` for a farm with flexible FOWTs: every FOWT at its reference pose, potential flow of the
    /// rigid FOWTs' platforms, then per case the stacked statics, each FOWT's drag linearisation, the coupled
    /// response and the channels (per FOWT as alone, plus the array mooring's tensions).
    mutating func analyzeFarmCases(_ cases: [LoadCase], progress: ((Int, Int) -> Void)?,
                                   bemStatus: (@Sendable (BEMStatus) -> Void)?) throws -> [CaseResult] {
        for (i, slot) in farmSlots.enumerated() {
            switch slot {
            case .rigid(let k): try fowts[k].setPosition(fowts[k].reference)
            case .flexible(let k):
                do { try flexibles[k].setReferencePose() } catch let e as SolveError { throw e.located("FOWT \(i + 1)") }
            }
        }
        try solvePotentialFlow(status: bemStatus)
        var out: [CaseResult] = []
        for c in cases {
            do {
                out.append(try analyzeFarmCase(c))
            } catch let e as SolveError {
                throw e.located("case \(c.index)")
            }
            progress?(out.count, cases.count)
        }
        return out
    }

    private mutating func analyzeFarmCase(_ c: LoadCase) throws -> CaseResult {
        guard c.waves.count == 1 else {
            throw SolveError.unsupported("flexible FOWTs: case \(c.index) needs exactly one wave train")
        }
        let statics = try farmStatics(c)
        let seas = c.waves.map { SeaState(train: $0, grid: grid) }
        let nw = grid.count
        // each FOWT's drag-linearisation fixed point on wave train 0 (spec 06 §7.1)
        var rigid = [RigidDragLinearization?](repeating: nil, count: farmSlots.count)
        var flexible = [FlexibleDragLinearization?](repeating: nil, count: farmSlots.count)
        for (i, slot) in farmSlots.enumerated() {
            switch slot {
            case .rigid(let k): rigid[i] = try rigidDragLinearization(fowt: k, seas: seas)
            case .flexible(let k):
                flexible[i] = try flexibles[k].caseDynamics(c, statics.flexibleInputs[i]!, grid: grid, waveNumbers: waveNumbers,
                                                            settings: design.settings)
            }
        }
        // response of each FOWT to the wave train: alone without an array mooring, else the coupled system (06 §7.2)
        let (offsets, n) = farmOffsets()
        var responses = [[Complex]](repeating: [], count: farmSlots.count)  // frequency-major, the FOWT's DOFs
        if arrayMooring == nil {
            for i in farmSlots.indices {
                if let d = flexible[i] {
                    let m = d.system.n
                    var x = [Complex](repeating: .zero, count: m * nw)
                    for r in 0..<m { for j in 0..<nw { x[j * m + r] = d.xi[r * nw + j] } }
                    responses[i] = x
                } else if let d = rigid[i] {
                    let force = farmForce(rigid: d)
                    var x: [Complex] = []
                    try FrequencyDomainSolver(n: 6).solve(d.system, extraDamping: nil, force: force, into: &x)
                    responses[i] = x
                }
            }
        } else {
            var sys = LinearSystem(n: n, omega: grid.omega)
            var force = [Complex](repeating: .zero, count: n * nw)
            var prpIterates: [[Complex]] = []
            for i in farmSlots.indices {
                let o = offsets[i]
                let (s, extra, f, last): (LinearSystem, [Double]?, [Complex], [Complex])
                if let d = flexible[i] {
                    s = d.system; extra = d.finalDamping; last = d.lastIterate
                    f = zip(d.force, d.dragForce).map { $0 + $1 }
                } else {
                    let d = rigid[i]!
                    s = d.system; extra = nil; last = d.lastIterate
                    f = farmForce(rigid: d)
                }
                let m = s.n, mm = m * m
                for j in 0..<nw {
                    for r in 0..<m { for col in 0..<m {
                        let q = (o + r) * n + o + col
                        sys.mass[j * n * n + q] = s.mass[j * mm + r * m + col]
                        sys.damping[j * n * n + q] = s.damping[j * mm + r * m + col] + (extra?[r * m + col] ?? 0)
                    } }
                    for r in 0..<m { force[j * n + o + r] = f[j * m + r] }
                }
                for r in 0..<m { for col in 0..<m { sys.stiffness[(o + r) * n + o + col] = s.stiffness[r * m + col] } }
                prpIterates.append((0..<(6 * nw)).map { last[($0 / 6) * m + $0 % 6] })
            }
            let poses = farmSlots.indices.map(farmPose)
            if let (ma, b, k) = try arrayMooringImpedance(lastIterates: prpIterates, spectrum: seas[0].spectrum,
                                                          bodyReferences: poses.map { Vec3($0[0], $0[1], $0[2]) }) {
                let na = 6 * farmSlots.count
                func scatter(_ a: [Double], into t: inout [Double], frequency j: Int) {
                    for p in farmSlots.indices { for q in farmSlots.indices { for r in 0..<6 { for col in 0..<6 {
                        t[j * n * n + (offsets[p] + r) * n + offsets[q] + col] += a[(6 * p + r) * na + 6 * q + col]
                    } } } }
                }
                for j in 0..<nw {
                    if let ma { scatter(ma, into: &sys.mass, frequency: j) }
                    if let b { scatter(b, into: &sys.damping, frequency: j) }
                }
                scatter(k, into: &sys.stiffness, frequency: 0)
            }
            var x: [Complex] = []
            try FrequencyDomainSolver(n: n).solve(sys, extraDamping: nil, force: force, into: &x)
            for v in x where !(v.real.isFinite && v.imaginary.isFinite) { throw SolveError.nonFinite("farm response to wave train 0") }
            for i in farmSlots.indices {
                let m = farmDOFCount(i), o = offsets[i]
                var r = [Complex](repeating: .zero, count: m * nw)
                for j in 0..<nw { for d in 0..<m { r[j * m + d] = x[j * n + o + d] } }
                responses[i] = r
            }
        }
        // channels
        var results: [FOWTCaseResult] = []
        var prpRows: [[Complex]] = []   // per FOWT, frequency-major 6 DOFs (wave train 0)
        for (i, slot) in farmSlots.enumerated() {
            let m = farmDOFCount(i)
            prpRows.append((0..<(6 * nw)).map { responses[i][($0 / 6) * m + $0 % 6] })
            switch slot {
            case .rigid(let k):
                var resp = rigid[i]!.response
                resp.rows = [responses[i], [Complex](repeating: .zero, count: 6 * nw)]  // wave train, wind row
                let metrics = try caseMetrics(fowt: k, response: resp, case: c)
                results.append(FOWTCaseResult(metrics: metrics, r6: fowts[k].r6, dynamicsIterations: resp.iterations,
                                              dynamicsConverged: resp.converged))
            case .flexible(let k):
                let d = flexible[i]!
                var xi = [Complex](repeating: .zero, count: m * nw)
                for r in 0..<m { for j in 0..<nw { xi[r * nw + j] = responses[i][j * m + r] } }
                results.append(try flexibles[k].caseResult(c, response: xi, iterations: d.iterations, converged: d.converged, grid: grid))
            }
            if !results[i].dynamicsConverged {
                warnings.append("case \(c.index), FOWT \(i): drag linearisation did not meet RAFT's 1 % criterion in \(results[i].dynamicsIterations) passes (RAFT continues silently; so do we)")
            }
        }
        var arrayMetrics: CaseMetrics?
        if arrayMooring != nil { arrayMetrics = try farmArrayMooringMetrics(prpRows: prpRows, seas: seas) }
        return CaseResult(index: c.index, inputs: c.cells.map { ($0.key, $0.value.inputValue) }, fowts: results,
                          arrayMooring: arrayMetrics, staticsIterations: statics.evaluations)
    }

    /// Wave train 0's excitation of a rigid FOWT: inertial (+ BEM) and linearised drag (frequency-major).
    private func farmForce(rigid d: RigidDragLinearization) -> [Complex] {
        let nw = grid.count
        let drag = d.hydro.dragExcitation(d.kinematics[0], linearization: d.linearization)
        var force = [Complex](repeating: .zero, count: 6 * nw)
        for dof in 0..<6 { for j in 0..<nw { force[j * 6 + dof] = d.excitation[0][dof, j] + drag[dof, j] } }
        return force
    }

    /// Array mooring tensions (spec 07 §3) from each FOWT's PRP response (`J·Xi_PRP`, or the lumped-mass lines).
    private mutating func farmArrayMooringMetrics(prpRows: [[Complex]], seas: [SeaState]) throws -> CaseMetrics {
        let nw = grid.count, n = 6 * farmSlots.count
        let poses = farmSlots.indices.map(farmPose)
        do {
            try arrayMooring!.convertCompositeLines()
            let (t, jac) = try arrayMooring!.tensionsAndJacobian()
            var row = [Complex](repeating: .zero, count: n * nw)
            for (i, r) in prpRows.enumerated() { for j in 0..<nw { for d in 0..<6 { row[j * n + 6 * i + d] = r[j * 6 + d] } } }
            let rows = [row, [Complex](repeating: .zero, count: n * nw)]
            let amps: [[[Complex]]]
            if arrayMooring!.moorMod == 0 {
                amps = (0..<t.count).map { k in
                    rows.map { row in
                        (0..<nw).map { j in
                            var s = Complex.zero
                            for d in 0..<n { s = s + row[j * n + d].multiplied(by: jac[k * n + d]) }
                            return s
                        }
                    }
                }
            } else {
                amps = try arrayMooring!.lumpedTensionAmplitudes(
                    omegas: grid.omega, spectra: seas.map(\.spectrum),
                    xi: [farmSlots.indices.map { dofMajor(row, nw: nw, offset: 6 * $0, stride: n) }],
                    bodyReferences: poses.map { Vec3($0[0], $0[1], $0[2]) })
            }
            var m = CaseMetrics()
            CaseChannels.tensions(mean: t, amplitudes: amps, w0: grid.omega[0], into: &m)
            return m
        } catch {
            throw ContextualError("array mooring tensions", error)
        }
    }

    // MARK: Eigen

    /// RAFT `solveEigen()` of the stacked system: each FOWT's `M` and `C` (with its own `C_moor` and yaw stiffness),
    /// the array mooring stiffness on the PRP blocks; frequencies ascending (RAFT's order with non-rigid FOWTs).
    /// Without an array mooring the system is block-diagonal and each FOWT's block is solved alone (the same
    /// eigenpairs, modes zero outside the block; identical FOWTs then get bit-identical frequencies, where one
    /// eigen solve of the stacked matrix splits a repeated eigenvalue by ~1e-8).
    func farmEigen() throws -> EigenResult {
        let (offsets, n) = farmOffsets()
        var m = [Double](repeating: 0, count: n * n), c = m
        for (i, slot) in farmSlots.enumerated() {
            let o = offsets[i]
            switch slot {
            case .rigid(let k):
                let f = fowts[k]
                let mi = f.eigenMass
                var ci = f.restoringStiffness + f.mooringStiffness
                ci[5, 5] += f.yawStiffness
                for r in 0..<6 { for col in 0..<6 {
                    m[(o + r) * n + o + col] = mi[r, col]
                    c[(o + r) * n + o + col] = ci[r, col]
                } }
            case .flexible(let k):
                let (mi, ci, ni) = flexibles[k].eigenMatrices()
                for r in 0..<ni { for col in 0..<ni {
                    m[(o + r) * n + o + col] = mi[r * ni + col]
                    c[(o + r) * n + o + col] = ci[r * ni + col]
                } }
            }
        }
        if arrayMooring == nil {
            var pairs: [(lambda: Double, block: Int, mode: [Double])] = []
            for i in farmSlots.indices {
                let o = offsets[i], ni = farmDOFCount(i)
                var mb = [Double](repeating: 0, count: ni * ni), cb = mb
                for r in 0..<ni { for col in 0..<ni { mb[r * ni + col] = m[(o + r) * n + o + col]; cb[r * ni + col] = c[(o + r) * n + o + col] } }
                let e: EigenResult
                do { e = try RAFT.solveEigen(mass: mb, stiffness: cb, n: ni, rigid: false) } catch let err as SolveError {
                    throw err.located("FOWT \(i + 1)")
                }
                for (j, f) in e.frequenciesHz.enumerated() {
                    var mode = [Double](repeating: 0, count: n)
                    for r in 0..<ni { mode[o + r] = e.modes[r][j] }
                    pairs.append((f, i, mode))
                }
            }
            let order = pairs.indices.sorted { (pairs[$0].lambda, pairs[$0].block, $0) < (pairs[$1].lambda, pairs[$1].block, $1) }
            return EigenResult(frequenciesHz: order.map { pairs[$0].lambda }, modes: (0..<n).map { r in order.map { pairs[$0].mode[r] } })
        }
        if var am = arrayMooring {
            let k = try Model.arrayMooringStiffness(&am)
            let na = 6 * farmSlots.count
            for a in farmSlots.indices { for b in farmSlots.indices { for r in 0..<6 { for col in 0..<6 {
                c[(offsets[a] + r) * n + offsets[b] + col] += k[(6 * a + r) * na + 6 * b + col]
            } } } }
        }
        return try RAFT.solveEigen(mass: m, stiffness: c, n: n, rigid: false)
    }
}
