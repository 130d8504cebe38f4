#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK

/// A whole RAFT model: one or more FOWTs (`FOWT`: rigid, or with flexible beam members in their reduced DOFs), an
/// optional shared mooring, and the state carried from call to call (RAFT `Model`, spec 06). Run the same sequence as
/// RAFT to reproduce its numbers: `analyzeUnloaded()` → `solveEigen()` → `analyzeCases()` → `solveEigen()` (RAFT's
/// regression tests skip the first two). Platforms with `potSecOrder: 1` get slender-body second-order wave loads
/// (`SecondOrderForce`).
///
/// Every step works on the FOWTs stacked in FOWT order with per-FOWT DOF offsets (`dofOffsets`: a rigid FOWT
/// contributes 6, a flexible one its reduced DOFs, the PRP's 6 first); shared lines act on the PRP DOFs. RAFT 2.0.4
/// does not run farms with flexible FOWTs (array mode drops `joints`, `solveStatics` raises with shared moorings and
/// non-rigid FOWTs, `solveDynamics` slices FOWT i's block as `i·nDOF`); swift-raft assembles the stacked system
/// directly, checked by invariants (FlexibleFarmTests: two identical flexible FOWTs far apart without shared lines each
/// give the single-FOWT result; a flexible + rigid farm with a shared line has a symmetric stiffness and balanced
/// statics).
public struct Model: Sendable {
    public let design: Design
    public let grid: FrequencyGrid
    /// Wave numbers `k(ω)` from RAFT's loose dispersion iteration [rad/m].
    public let waveNumbers: [Double]
    /// Every FOWT, in FOWT order.
    var fowts: [FOWT]
    /// Shared (array-level) mooring system of a farm.
    var arrayMooring: MooringSystem?
    /// Set once `solvePotentialFlow` has run (RAFT's `calcBEM` in `analyzeCases`).
    var potentialFlowSolved = false
    /// Warnings gathered while solving (non-converged iterations, ...).
    public internal(set) var warnings: [String] = []

    public var fowtCount: Int { fowts.count }
    /// Whether a FOWT of the design has flexible (beam) members (solved in its reduced DOFs).
    public var isFlexible: Bool { fowts.contains { !$0.isRigid } }

    /// Current absolute pose `r6` of every FOWT [m, rad] (RAFT `fowtList[i].r6`), e.g. after `solveStatics`.
    /// A flexible FOWT: the PRP's mean displacement from its reference position (the reference before any statics).
    public var fowtPoses: [[Double]] { fowts.map { $0.pose } }

    /// First DOF of each FOWT in the stacked system, and the total number of DOFs.
    var dofOffsets: (offsets: [Int], count: Int) {
        var offsets: [Int] = [], n = 0
        for f in fowts { offsets.append(n); n += f.dofCount }
        return (offsets, n)
    }

    public init(design: Design) throws { try self.init(design: design, rotors: nil) }

    /// `init(design:)` with the FOWTs' rotors given, one list per FOWT, exactly as `Model.rotors(of:)` builds
    /// them (a sweep builds its base design's once, `SweepMetrics.evaluator`); nil builds them per FOWT. `shared`:
    /// wave numbers computed once for a sweep, used when they were computed for this grid and depth.
    package init(design: Design, rotors: [[Rotor]]?, waveNumbers shared: SharedWaveNumbers? = nil) throws {
        self.design = design
        grid = FrequencyGrid(settings: design.settings)
        guard grid.count >= 2 else {
            throw SolveError.unsupported("the frequency grid has \(grid.count) point(s); set settings.max_freq to at least 2·min_freq")
        }
        let depth = design.site.waterDepth
        waveNumbers = try shared?.values(omega: grid.omega, depth: depth) ?? RAFT.waveNumbers(grid.omega, depth: depth)
        fowts = []
        for i in design.fowts.indices {
            let f = try FOWT(design: design, index: i, grid: grid, waveNumbers: waveNumbers,
                             rotors: rotors?.count == design.fowts.count ? rotors?[i] : nil)
            fowts.append(f)
            warnings += f.potentialFlow?.warnings ?? []
        }
        if design.arrayMooring != nil {
            do { arrayMooring = try MooringSystem(arrayOf: design) } catch let e as InputError { throw e } catch {
                throw ContextualError("array mooring", error)
            }
        }
        if design.settings.staticsMod != 0 || design.settings.forcingsMod != 0 {
            throw SolveError.unsupported("settings.staticsMod/forcingsMod other than 0 are not supported yet")
        }
    }

    // MARK: Unloaded equilibrium

    /// RAFT `analyzeUnloaded()` (single FOWT): `C_moor0`, `F_moor0` (finite differences at the undisplaced pose),
    /// then the equilibrium without environmental loads (spec 06 §4).
    /// - Returns: `offset_unloaded` (rigid: `r6 − r6_ref`; flexible: the reduced mean displacement, PRP first),
    ///   `C_moor0`, `F_moor0`.
    public mutating func analyzeUnloaded() throws -> (offset: [Double], mooringStiffness: Matrix6, mooringForce: [Double]) {
        guard fowtCount == 1, arrayMooring == nil else {
            throw SolveError.unsupported("analyzeUnloaded is for single-FOWT designs (RAFT raises for arrays)")
        }
        let (c0, f0) = try fowts[0].unloadedMooring()
        _ = try solveStatics(nil)
        return (fowts[0].unloadedOffset, c0, f0)
    }

    // MARK: Eigen analysis

    /// RAFT `solveEigen()` with the current mooring stiffness (spec 06 §11): each FOWT's `M` and `C` (with its own
    /// `C_moor` and yaw stiffness) stacked, the array mooring stiffness on the PRP blocks. Rigid FOWTs only: RAFT's
    /// DOF-dominance order; otherwise frequencies ascending (RAFT's order with non-rigid FOWTs), and without an array
    /// mooring each FOWT's block is solved alone (the same eigenpairs, modes zero outside the block; identical FOWTs
    /// then get bit-identical frequencies, where one eigen solve of the stacked matrix splits a repeated eigenvalue by
    /// ~1e-8).
    public func solveEigen() throws -> EigenResult {
        let (offsets, n) = dofOffsets
        let rigid = fowts.allSatisfy { $0.isRigid }
        let m: [Double]
        var c: [Double]
        (m, c) = stackedEigenMatrices(offsets: offsets, n: n)
        if arrayMooring == nil && !rigid {
            var pairs: [(lambda: Double, block: Int, mode: [Double])] = []
            for i in fowts.indices {
                let o = offsets[i], ni = fowts[i].dofCount
                var mb = [Double](repeating: 0, count: ni * ni), cb = mb
                for r in 0..<ni { for col in 0..<ni { mb[r * ni + col] = m[(o + r) * n + o + col]; cb[r * ni + col] = c[(o + r) * n + o + col] } }
                let e: EigenResult
                do { e = try RAFT.solveEigen(mass: mb, stiffness: cb, n: ni, rigid: false) } catch let err as SolveError {
                    throw fowts.count > 1 ? err.located("FOWT \(i + 1)") : err
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
            let k = try Model.arrayMooringStiffness(&am)  // moorMod 2 updates a copy (RAFT updates its system)
            let na = 6 * fowts.count
            for a in fowts.indices { for b in fowts.indices { for r in 0..<6 { for col in 0..<6 {
                c[(offsets[a] + r) * n + offsets[b] + col] += k[(6 * a + r) * na + 6 * b + col]
            } } } }
        }
        return try RAFT.solveEigen(mass: m, stiffness: c, n: n, rigid: rigid)
    }

    /// The stacked `M` and `C` of `solveEigen` for a design whose FOWTs are all rigid and without an array mooring
    /// (where `solveEigen` is `RAFT.solveEigen` of these), nil otherwise.
    func rigidEigenMatrices() -> (mass: [Double], stiffness: [Double], n: Int)? {
        guard arrayMooring == nil, fowts.allSatisfy({ $0.isRigid }) else { return nil }
        let (offsets, n) = dofOffsets
        let (m, c) = stackedEigenMatrices(offsets: offsets, n: n)
        return (m, c, n)
    }

    /// Each FOWT's `M` and `C` of the eigen analysis (`FOWT.addEigenMatrices`) on its block of the n×n matrices
    /// (row-major), the block of FOWT i starting at DOF `offsets[i]` (`dofOffsets`).
    private func stackedEigenMatrices(offsets: [Int], n: Int) -> (mass: [Double], stiffness: [Double]) {
        var m = [Double](repeating: 0, count: n * n), c = m
        for i in fowts.indices { fowts[i].addEigenMatrices(mass: &m, stiffness: &c, n: n, at: offsets[i]) }
        return (m, c)
    }

    // MARK: Statics

    /// RAFT `solveStatics(case)`: mean equilibrium under weight, buoyancy, mooring and (with a case) mean wind and
    /// current loads, with MoorPy's `dsolve2` over every FOWT's DOFs stacked (spec 06 §5; `solveStackedStatics`).
    /// Leaves every FOWT at its equilibrium pose (a flexible FOWT: in its reduced DOFs, `fowtPoses` giving the PRP).
    /// - Returns: number of residual evaluations.
    @discardableResult
    public mutating func solveStatics(_ loadCase: LoadCase?) throws -> Int {
        var environments: [[Double]?] = []
        for i in fowts.indices { environments.append(try fowts[i].prepareStatics(loadCase, site: design.site, grid: grid)) }
        applyMooringCurrent(loadCase)
        var problems = try fowts.indices.map { try fowts[$0].staticsBlock(environment: environments[$0], withCase: loadCase != nil) }
        var array = arrayMooring
        let result = Model.solveStackedStatics(&problems, arrayMooring: &array)
        if let failure = result.failure { throw failure }
        var o = 0
        for i in fowts.indices {
            let m = fowts[i].dofCount
            fowts[i].adoptStatics(problems[i], x: result.x[o ..< o + m], evaluations: result.iterations + 1)
            o += m
        }
        arrayMooring = array
        // A case's errors get "case i: " from `analyzeCases`; the unloaded equilibrium names itself here.
        let which = loadCase == nil ? "the unloaded equilibrium: " : ""
        for v in result.x where !v.isFinite {
            throw SolveError.staticsNotConverged(iterations: result.iterations, residual: .nan, detail: "\(which)the mean position became non-finite")
        }
        if result.iterations >= 19 {
            // RAFT continues silently with the last iterate; we stop with a clear message instead, since the
            // "equilibrium" is then not one (all reference designs converge in 2-5 evaluations).
            let pose = fowts.map { f in f.pose.map { String(cFormat: "%.4g", $0) }.joined(separator: ", ") }.joined(separator: "; ")
            let what = fowts.contains { !$0.isRigid } ? "ballast, buoyancy, mooring and beam stiffness" : "ballast, buoyancy and mooring"
            throw SolveError.staticsNotConverged(iterations: 20, residual: .nan,
                detail: "\(which)no static equilibrium within RAFT's 20 evaluations (last pose [\(pose)] m/rad); check \(what) (e.g. raft properties, raft mooring)")
        }
        return result.iterations + 1
    }

    /// `staticsStep` for a block-diagonal K (a farm's FOWTs without shared lines) with more than 36 DOFs: RAFT's
    /// sparse branch (no diagonal stiffening) solved block by block, the same step without the round-off that one
    /// LU of the stacked, ill-conditioned flexible K puts into each block (~1e-10 relative); zero diagonal entries
    /// get the mean of the whole diagonal first, as in the stacked step. Any singular block: the stacked step.
    static func staticsStep(k kIn: [Double], y: [Double], n: Int, blocks: [(offset: Int, count: Int)]) -> [Double] {
        guard n > 36, blocks.count > 1 else { return staticsStep(k: kIn, y: y, n: n) }
        var k = kIn
        let kmean = (0..<n).map { k[$0 * n + $0] }.reduce(0, +) / Double(n)
        for j in 0..<n where k[j * n + j] == 0 { k[j * n + j] = kmean }
        var dx = [Double](repeating: 0, count: n)
        for b in blocks {
            let m = b.count, o = b.offset
            var cm = [Double](repeating: 0, count: m * m)
            for r in 0..<m { for c in 0..<m { cm[r + c * m] = k[(o + r) * n + o + c] } }
            guard let d = try? RealLAPACK.solve(cm, Array(y[o ..< o + m]), n: m) else { return staticsStep(k: kIn, y: y, n: n) }
            for r in 0..<m { dx[o + r] = d[r] }
        }
        return dx
    }

    /// RAFT's statics step `dX = K⁻¹Y` for any number of DOFs, rigid or flexible (spec 06 §5.3): zero diagonal
    /// entries get the mean diagonal; up to 36 DOFs the diagonal is stiffened while the step opposes the force, above
    /// (RAFT's sparse branch) it is not. A singular K falls back to `Y / (2·diag K)` (≤ 36 DOFs: RAFT's retry fails
    /// there) or to a solve with the diagonal doubled, then that fallback (> 36 DOFs).
    /// - Parameter k: row-major n×n.
    static func staticsStep(k kIn: [Double], y: [Double], n: Int) -> [Double] {
        var k = kIn
        let diag = (0..<n).map { k[$0 * n + $0] }
        let kmean = diag.reduce(0, +) / Double(n)
        for j in 0..<n where k[j * n + j] == 0 { k[j * n + j] = kmean }
        func solve(_ k: [Double]) -> [Double]? {
            var cm = [Double](repeating: 0, count: n * n)
            for r in 0..<n { for c in 0..<n { cm[r + c * n] = k[r * n + c] } }
            return try? RealLAPACK.solve(cm, y, n: n)
        }
        guard var dx = solve(k) else {
            if n > 36 {
                for j in 0..<n { k[j * n + j] *= 2 }
                if let d = solve(k) { return d }
                return (0..<n).map { y[$0] / k[$0 * n + $0] }
            }
            return (0..<n).map { y[$0] / (2 * k[$0 * n + $0]) }
        }
        guard n <= 36 else { return dx }
        for _ in 0..<10 {
            let proj = zip(dx, y).reduce(0) { $0 + $1.0 * $1.1 }
            guard proj < 0 else { break }
            for j in 0..<n { k[j * n + j] += 0.1 * abs(k[j * n + j]) }
            guard let d = solve(k) else { break }
            dx = d
        }
        return dx
    }
}

extension Model {
    /// The rotors of every FOWT of `design` as `FOWT` builds them (`Rotor(turbine:site:frequencies:
    /// index:)` for each rotor of the FOWT's turbine; an empty list for a FOWT without one).
    package static func rotors(of design: Design) throws -> [[Rotor]] {
        let omega = FrequencyGrid(settings: design.settings).omega
        return try design.fowts.indices.map { try FOWT.rotors(design: design, index: $0, omega: omega) }
    }
}
