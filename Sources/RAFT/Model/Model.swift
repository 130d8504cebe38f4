#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK

/// A whole RAFT model: one or more rigid FOWTs or one FOWT with flexible (beam) members, optional shared mooring,
/// and the state carried from call to call (RAFT `Model`, spec 06). Run the same sequence as RAFT to reproduce its numbers:
/// `analyzeUnloaded()` → `solveEigen()` → `analyzeCases()` → `solveEigen()` (RAFT's regression tests skip the
/// first two). Platforms with `potSecOrder: 1` get slender-body second-order wave loads (`SecondOrderForce`).
public struct Model: Sendable {
    public let design: Design
    public let grid: FrequencyGrid
    /// Wave numbers `k(ω)` from RAFT's loose dispersion iteration [rad/m].
    public let waveNumbers: [Double]
    var fowts: [FOWTModel]
    /// The FOWT of a single-FOWT design with flexible (beam) platform or tower members, in its reduced DOFs (`fowts`
    /// is then empty); every public step dispatches to it.
    var flexible: FlexibleFOWTModel?
    /// A farm with flexible FOWTs (`Model+FlexibleFarm.swift`): where each FOWT lives, in FOWT order — rigid ones in
    /// `fowts`, flexible ones in `flexibles`. Empty otherwise (`fowts` then holds every FOWT in order).
    var farmSlots: [FarmSlot] = []
    var flexibles: [FlexibleFOWTModel] = []
    /// Shared (array-level) mooring system of a farm.
    var arrayMooring: MooringSystem?
    /// Set once `solvePotentialFlow` has run (RAFT's `calcBEM` in `analyzeCases`).
    var potentialFlowSolved = false
    /// Warnings gathered while solving (non-converged iterations, ...).
    public internal(set) var warnings: [String] = []

    public var fowtCount: Int { !farmSlots.isEmpty ? farmSlots.count : flexible == nil ? fowts.count : 1 }
    /// Whether a FOWT of the design has flexible (beam) members (solved in its reduced DOFs).
    public var isFlexible: Bool { flexible != nil || !flexibles.isEmpty }

    /// Current absolute pose `r6` of every FOWT [m, rad] (RAFT `fowtList[i].r6`), e.g. after `solveStatics`.
    /// A flexible FOWT: the PRP's mean displacement (its reference is the origin; zeros before any statics).
    public var fowtPoses: [[Double]] {
        if let flexible { return [flexible.prpPose(flexible.equilibrium?.x ?? [Double](repeating: 0, count: 6))] }
        if !farmSlots.isEmpty { return farmSlots.indices.map(farmPose) }
        return fowts.map(\.r6)
    }

    var dofCount: Int { 6 * fowts.count }

    public init(design: Design) throws { try self.init(design: design, rotors: nil) }

    /// `init(design:)` with the rigid FOWTs' rotors given, one list per FOWT, exactly as `Model.rotors(of:)` builds
    /// them (a sweep builds its base design's once, `SweepMetrics.evaluator`); nil builds them per FOWT.
    package init(design: Design, rotors: [[Rotor]]?) throws {
        self.design = design
        grid = FrequencyGrid(settings: design.settings)
        guard grid.count >= 2 else {
            throw SolveError.unsupported("the frequency grid has \(grid.count) point(s); set settings.max_freq to at least 2·min_freq")
        }
        let depth = design.site.waterDepth
        waveNumbers = try RAFT.waveNumbers(grid.omega, depth: depth)
        fowts = []
        for i in design.fowts.indices {
            let members = try FOWTMembers(design: design, fowt: i)
            if members.members.contains(where: { $0.type == .beam && $0.part != .nacelle }) {
                fowts = []
                if design.fowts.count == 1 && design.arrayMooring == nil {
                    flexible = try FlexibleFOWTModel(design: design, index: 0, grid: grid)
                    warnings += flexible!.potentialFlow?.warnings ?? []
                } else {
                    try setUpFarmWithFlexibleFOWTs()
                }
                break
            }
            fowts.append(try FOWTModel(design: design, index: i, grid: grid, waveNumbers: waveNumbers, members: members,
                                       prebuiltRotors: rotors?.count == design.fowts.count ? rotors?[i] : nil))
            warnings += fowts[i].potentialFlow?.warnings ?? []
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
    public mutating func analyzeUnloaded() throws -> (offset: [Double], mooringStiffness: Matrix6, mooringForce: [Double]) {
        guard fowtCount == 1, arrayMooring == nil else {
            throw SolveError.unsupported("analyzeUnloaded is for single-FOWT designs (RAFT raises for arrays)")
        }
        if flexible != nil { return try flexible!.analyzeUnloaded() }
        try fowts[0].setPosition([0, 0, 0, 0, 0, 0])
        fowts[0].meanAeroForce = [Double](repeating: 0, count: 6)
        var c0 = Matrix6(), f0 = [Double](repeating: 0, count: 6)
        if fowts[0].mooring != nil {
            do {
                let (k, f) = try fowts[0].mooring!.raftUnloadedStiffnessAndForce()
                c0 = Matrix6(rows: (0..<6).map { Array(k[6 * $0 ..< 6 * $0 + 6]) })
                f0 = f
            } catch { throw ContextualError("mooring at the undisplaced pose", error) }
        }
        _ = try solveStatics(nil)
        let x = fowts[0].r6
        return (zip(x, fowts[0].reference).map { $0 - $1 }, c0, f0)
    }

    // MARK: Eigen analysis

    /// RAFT `solveEigen()` with the current mooring stiffness (spec 06 §11).
    public func solveEigen() throws -> EigenResult {
        if let flexible { return try flexible.solveEigen() }
        if !farmSlots.isEmpty { return try farmEigen() }
        let n = dofCount
        var m = [Double](repeating: 0, count: n * n), c = m
        for (i, f) in fowts.enumerated() {
            let mi = f.eigenMass
            var ci = f.restoringStiffness + f.mooringStiffness
            ci[5, 5] += f.yawStiffness
            for r in 0..<6 { for col in 0..<6 {
                m[(6 * i + r) * n + 6 * i + col] = mi[r, col]
                c[(6 * i + r) * n + 6 * i + col] = ci[r, col]
            } }
        }
        if var am = arrayMooring {
            let k = try Model.arrayMooringStiffness(&am)  // moorMod 2 updates a copy (RAFT updates its system)
            for q in 0..<(n * n) { c[q] += k[q] }
        }
        return try RAFT.solveEigen(mass: m, stiffness: c, n: n, rigid: true)
    }

    // MARK: Statics

    /// RAFT `solveStatics(case)`: mean equilibrium under weight, buoyancy, mooring and (with a case) mean wind and
    /// current loads, with MoorPy's `dsolve2` (spec 06 §5). Leaves every FOWT at its equilibrium pose (a flexible
    /// FOWT: in its reduced DOFs, `fowtPoses` giving the PRP).
    /// - Returns: number of residual evaluations.
    @discardableResult
    public mutating func solveStatics(_ loadCase: LoadCase?) throws -> Int {
        if flexible != nil { return try flexible!.caseStatics(loadCase, grid: grid).equilibrium.evaluations }
        if !farmSlots.isEmpty { return try farmStatics(loadCase).evaluations }
        for i in fowts.indices {
            try fowts[i].setPosition(fowts[i].reference)
            if let c = loadCase {
                try fowts[i].turbineConstants(c)
            }
            try fowts[i].refreshStatics()
            if let c = loadCase {
                fowts[i].currentLoads(c, depth: design.site.waterDepth, shearExponent: design.site.shearExpWater)
            }
        }
        applyMooringCurrent(loadCase)
        var problems = fowts.map { RigidStaticsProblem(fowt: $0, withCase: loadCase != nil) }
        var array = arrayMooring
        let result = Model.solveStackedStatics(&problems, arrayMooring: &array)
        if let failure = result.failure { throw failure }
        for i in fowts.indices { fowts[i] = problems[i].fowt }
        arrayMooring = array
        for v in result.x where !v.isFinite {
            throw SolveError.staticsNotConverged(iterations: result.iterations, residual: .nan, detail: "the mean position became non-finite")
        }
        if result.iterations >= 19 {
            // RAFT continues silently with the last iterate; we stop with a clear message instead, since the
            // "equilibrium" is then not one (all reference designs converge in 2-5 evaluations).
            let which = loadCase.map { "case \($0.index)" } ?? "the unloaded equilibrium"
            let pose = fowts.map { f in f.r6.map { String(cFormat: "%.4g", $0) }.joined(separator: ", ") }.joined(separator: "; ")
            throw SolveError.staticsNotConverged(iterations: 20, residual: .nan,
                detail: "\(which): no static equilibrium within RAFT's 20 evaluations (last pose [\(pose)] m/rad); check ballast, buoyancy and mooring (e.g. raft properties, raft mooring)")
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
    /// The rotors of every FOWT of `design` as the rigid FOWT model builds them (`Rotor(turbine:site:frequencies:
    /// index:)` for each rotor of the FOWT's turbine; an empty list for a FOWT without one).
    package static func rotors(of design: Design) throws -> [[Rotor]] {
        let omega = FrequencyGrid(settings: design.settings).omega
        return try design.fowts.indices.map { try FOWTModel.rotors(design: design, index: $0, omega: omega) }
    }
}
