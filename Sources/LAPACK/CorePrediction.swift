import CLapack
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The OpenBLAS core predicted from the CPU, so that a run's small solves (`SmallZgesv`, `SmallDgesv`) need not wait
/// for OpenBLAS to be loaded (`BLAS.loadInBackground`: ~1.5 ms of CPU that ends after the design is read and the
/// model built, on a loaded machine often later) — and a check afterwards that the prediction was right, so that a
/// wrong one costs time, never a bit.
///
/// The prediction is what OpenBLAS 0.3.21's `DYNAMIC_ARCH` start-up chooses on an AMD family 17h/19h CPU (`Zen`, or
/// `Cooperlake` with AVX-512 BF16, `lpk_predicted_core` in CLapack's shim), `OPENBLAS_CORETYPE` when it names one of
/// those two cores, and nothing otherwise (other CPUs, another forced core, `RAFT_ZGESV` or `RAFT_DGESV` set).
/// `RAFT_CORE_PREDICTION=zen|cooperlake` replaces the prediction (to prove that a wrong one changes no output:
/// `raft run` then computes the run again with the library's kernels).
///
/// Use (`runDesign` for `raft run`): `begin()`, the run, then `end()`, which waits for the library and says whether the
/// library runs the predicted core for both mirrors (a library other than OpenBLAS 0.3.21 with `DYNAMIC_ARCH`, or
/// another core, gives false): only then may the run's results be reported; otherwise the run is computed again
/// without a prediction. Between the two calls every mirrored solve that finds the library not loaded yet uses the
/// prediction; once it is loaded, its own core.
package enum CorePrediction {
    /// The predicted core (computed once; a few `cpuid` instructions).
    package static let predicted: OpenBLASCore? = {
        #if arch(x86_64)
        if getenv("RAFT_ZGESV") != nil || getenv("RAFT_DGESV") != nil { return nil }
        if let given = getenv("RAFT_CORE_PREDICTION") { return named(String(cString: given)) }
        // OpenBLAS compares the name without regard to case.
        if let forced = getenv("OPENBLAS_CORETYPE") { return named(String(cString: forced)) }
        switch lpk_predicted_core() {
        case 1: return .zen
        case 2: return .cooperlake
        default: return nil
        }
        #else
        return nil
        #endif
    }()

    /// The mirrored core `name` stands for, ignoring case.
    private static func named(_ name: String) -> OpenBLASCore? {
        switch name.lowercased() {
        case "zen": return .zen
        case "cooperlake": return .cooperlake
        default: return nil
        }
    }

    private static let active = Atomic<Bool>(false)

    /// Start using the prediction while OpenBLAS loads.
    package static func begin() { active.store(true, ordering: .releasing) }

    /// Stop using it; true if the results since `begin()` are those of the loaded library: no prediction, or the
    /// library's mirrored core (`zgesvCore` and `dgesvCore`) is the predicted one. Waits for the library when there is
    /// a prediction (also when no solve used it yet, so that one racing with this call is covered too).
    package static func end() -> Bool {
        active.store(false, ordering: .releasing)
        guard let predicted else { return true }
        return BLAS.routines.zgesvCore == predicted && BLAS.routines.dgesvCore == predicted
    }

    /// The core a mirrored solve uses now instead of the library's: the prediction, while it is in use and the
    /// library is not loaded yet; nil otherwise (then the caller reads `BLAS.routines`).
    @inline(__always)
    static func coreWhileLoading() -> OpenBLASCore? {
        guard active.load(ordering: .acquiring), !BLAS.isLoaded else { return nil }
        return predicted
    }
}
