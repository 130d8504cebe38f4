#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK
import Synchronization

/// Options of a whole RAFT run.
public struct RunOptions: Sendable {
    /// Evaluate the unloaded equilibrium and eigen analysis first (single-FOWT designs), as RAFT's examples do.
    public var analyzeUnloaded: Bool = true
    /// Called after each load case with (done, total).
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Called after each load case with its result and the frequency grid (before `progress`); the result is the
    /// one the run returns, without the fatigue metrics added at the end.
    package var caseFinished: (@Sendable (CaseResult, FrequencyGrid) -> Void)?
    /// Progress of the native BEM solve for potMod members (potModMaster 0/2), before the first case.
    public var bemStatus: (@Sendable (BEMStatus) -> Void)?
    /// Add spectral fatigue (DELs), extreme-value estimates and lifetime fatigue (`Design.fatigue`) to the results.
    public var fatigueAndExtremes: Bool = true
    /// The rotors of every FOWT, prebuilt from a design that differs from this one only outside the turbine, site
    /// and settings sections (`SweepMetrics.evaluator`); nil builds them from the design.
    package var rotors: [[Rotor]]?
    /// Parts a sweep's variants share (`SweepMetrics.evaluator`): the wave numbers of the base design's grid and depth,
    /// and its fatigue keys; each is used only where the variant's inputs have the same bits.
    package var waveNumbers: SharedWaveNumbers?
    package var fatiguePlan: CaseFatigue.Plan?
    /// Solve the eigen problem again after the cases (`RunResult.eigenAfterCases` and its warning). A sweep, which
    /// reads neither, skips it (the solve changes no other result).
    package var eigenAfterCases = true
    /// Solve the small systems with the OpenBLAS kernels predicted from the CPU while the library is still loading
    /// (`CorePrediction`; `raft run`): the run is checked against the loaded library before its first case is
    /// reported, and computed again with the library's own kernels if the prediction was wrong.
    package var predictOpenBLASCore = false
    public init() {}
}

/// Run a design as RAFT's standard flow does: unloaded equilibrium and eigen analysis (single FOWT), every load
/// case (statics, drag-linearised dynamics, outputs), then eigen analysis again (spec 00 §2).
///
/// - Throws: `SolveError` for unstable, unsupported or non-converging designs, `InputError` for inputs only
///   detected here.
public func runDesign(_ design: Design, options: RunOptions = RunOptions()) throws -> RunResult {
    var result = try runDesignChannels(design, options: options)
    if options.fatigueAndExtremes { result.addFatigue(design.fatigue, plan: options.fatiguePlan) }
    try result.requireFinite()
    return result
}

/// RAFT's flow without the fatigue and extreme post-processing and without the final check that every result
/// is finite. With `predictOpenBLASCore`: the run with `CorePrediction`, confirmed before its first case is handed to
/// the callbacks (or at its end); a wrong prediction discards it and runs again with the loaded library's kernels.
func runDesignChannels(_ design: Design, options: RunOptions) throws -> RunResult {
    guard options.predictOpenBLASCore else { return try runDesignChannels(design, options: options, prediction: nil) }
    let prediction = PredictionCheck()
    CorePrediction.begin()
    do {
        let result = try runDesignChannels(design, options: options, prediction: prediction)
        if prediction.confirmed { return result }
    } catch {
        if prediction.confirmed { throw error }
    }
    return try runDesignChannels(design, options: options, prediction: nil)
}

/// Whether a run with `CorePrediction` may be reported: asked once (`CorePrediction.end()`), remembered after.
private final class PredictionCheck: Sendable {
    private let answer = Mutex<Bool?>(nil)

    var confirmed: Bool {
        answer.withLock { known in
            if let known { return known }
            let now = CorePrediction.end()
            known = now
            return now
        }
    }
}

/// `runDesignChannels`; with `prediction`, a case (or BEM status) is reported only once the prediction is confirmed.
///
/// The unloaded eigen analysis of rigid FOWTs (RAFT's `solveEigen()` right after `analyzeUnloaded()`) is solved
/// after the cases, from the matrices it would have had (`Model.rigidEigenMatrices`; the same solve, so the same
/// bits): its `dgeev` needs OpenBLAS, and the cases need not wait for the library any more. An unstable unloaded
/// system is therefore reported after the cases are computed (the same error).
private func runDesignChannels(_ design: Design, options: RunOptions, prediction: PredictionCheck?) throws -> RunResult {
    var model = try Model(design: design, rotors: options.rotors, waveNumbers: options.waveNumbers)
    // each case's rotor aerodynamics on the other core while the unloaded analysis and the earlier cases run
    if options.rotors == nil { model.prefetchCaseAerodynamics() }
    var unloaded: UnloadedResult?
    var deferred: (offset: [Double], c0: Matrix6, f0: [Double], mass: [Double], stiffness: [Double], n: Int)?
    if options.analyzeUnloaded && model.fowtCount == 1 && design.arrayMooring == nil {
        let (offset, c0, f0) = try model.analyzeUnloaded()
        if let e = model.rigidEigenMatrices() {
            deferred = (offset, c0, f0, e.mass, e.stiffness, e.n)
        } else {
            let eig = try model.solveEigen()
            unloaded = UnloadedResult(offset: offset, eigen: eig, mooringForce: f0, mooringStiffness: c0)
        }
    }
    let grid = model.grid
    let bemStatus = options.bemStatus.map { report in
        { @Sendable (status: BEMStatus) in if prediction?.confirmed ?? true { report(status) } }
    }
    let cases = try model.analyzeCases(bemStatus: bemStatus) { done, total, result in
        guard prediction?.confirmed ?? true else { return }
        options.caseFinished?(result, grid)
        options.progress?(done, total)
    }
    if let d = deferred {
        let eig = try solveEigen(mass: d.mass, stiffness: d.stiffness, n: d.n, rigid: true)
        unloaded = UnloadedResult(offset: d.offset, eigen: eig, mooringForce: d.f0, mooringStiffness: d.c0)
    }
    var eigenAfter = options.eigenAfterCases ? try? model.solveEigen() : nil
    if let e = eigenAfter, !(e.frequenciesHz + e.modes.flatMap { $0 }).allSatisfy({ $0.isFinite }) { eigenAfter = nil }
    var warnings = design.diagnostics.warnings.map { $0.description } + model.warnings
    if options.eigenAfterCases && eigenAfter == nil && !cases.isEmpty {
        warnings.append("eigen analysis after the cases failed (unstable system at the last case's pose)")
    }
    let name = design.name ?? FileName.stem(of: design.file)
    return RunResult(designName: name, grid: model.grid, unloaded: unloaded, cases: cases, eigenAfterCases: eigenAfter,
                     warnings: warnings)
}

/// Unloaded equilibrium and eigen analysis of a single-FOWT design, rigid or flexible (RAFT `analyzeUnloaded()` +
/// `solveEigen()`); flexible FOWTs in their reduced DOFs (frequencies sorted ascending, `offset` = the reduced mean
/// displacement, PRP first).
public func analyzeUnloadedEigen(_ design: Design) throws -> UnloadedResult {
    var model = try Model(design: design)
    guard model.fowtCount == 1, design.arrayMooring == nil else {
        throw SolveError.unsupported("the unloaded equilibrium needs a single-FOWT design (RAFT has none for farms); `raft run` reports eigen_after_cases for farms")
    }
    let (offset, c0, f0) = try model.analyzeUnloaded()
    return UnloadedResult(offset: offset, eigen: try model.solveEigen(), mooringForce: f0, mooringStiffness: c0)
}

/// `raft properties` of every FOWT of a design, rigid or flexible, under RAFT's names.
package func designProperties(_ design: Design, pose: PropertiesPose) throws -> [FOWTProperties] {
    var model = try Model(design: design)
    if pose == .unloaded && model.fowtCount > 1 {
        throw SolveError.unsupported("--pose unloaded needs a single-FOWT design; use --pose undisplaced for farms")
    }
    return try (0..<model.fowtCount).map { try model.properties(fowt: $0, pose: pose) }
}
