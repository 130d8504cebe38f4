#if canImport(FoundationEssentials)
import Dispatch
import Glibc
#else
import Foundation
#endif
import LAPACK
import RAFT

/// The start-up work of a solving command that need not run on the main thread, on one background thread started
/// first thing in `main` (after `OPENBLAS_NUM_THREADS=1` is set if unset): one GCD worker thread created, the signal
/// handlers installed (their dispatch source starts GCD's manager thread), then OpenBLAS loaded and set to one thread
/// (`BLAS`). Before all that, it makes the next 1.5 MB of the main thread's heap present (`heapAhead`), so that the
/// design read and the model build write into pages that are already there instead of faulting each one in (~360
/// heap pages, 1.5 µs each in this VM).
///
/// Why this order, and why not on the main thread: while `dlopen` runs, creating a thread waits for the loader's lock
/// (glibc sets the new thread's TLS up under it), so the threads the run needs early are created here, before the load
/// starts. The worker is the one the airfoil fits' `concurrentPerform` wakes (the fits must not wait for the load once
/// the design read is faster than it); the handlers' ~0.3 ms (libdispatch's start, the manager thread) leave the main
/// thread's way to the design read. A signal that arrives before the handlers are installed ends the process as it
/// did before `main` (nothing has been written that early: a run creates its files once everything is computed).
/// Fresh `raft run` of OC3spar at real-time priority, 25 processes each (perf tracepoints, medians), exec to the last
/// thread's exit, with `StartupPages` in both: 9.92 (handlers on the main thread, then the loader) -> 9.66 ms; the heap
/// made present ahead: 11.82 -> 11.07 ms (40 each, loaded machine); `raft run` wall medians (minima) of 30 alternated
/// processes: OC3spar 11.30 (9.43) -> 10.48 (9.37), VolturnUS-S 10.34 (9.38) -> 10.39 (8.99), OC4semi 10.82 (9.72) ->
/// 10.11 (9.31) ms.
enum StartupThread {
    /// Bytes of the main thread's heap made present ahead of use (about what a run of a design writes into it).
    static let heapAhead = 1536 << 10
    /// The heap range the thread populates (set before it starts).
    nonisolated(unsafe) private static var heapRange: (start: UInt, end: UInt) = (0, 0)

    /// Starts the thread and returns at once (if no thread can be started: the handlers here, OpenBLAS on first use).
    /// Call after `HeapSettings`: with its thresholds the block below comes from the heap's top and stays there when
    /// freed (with glibc's defaults it would be mapped on its own and unmapped again).
    static func start(loadWhenIdle: Bool = false) {
        Self.loadWhenIdle = loadWhenIdle && CorePrediction.predicted != nil
        // OpenBLAS's constructor reads this: with one thread it starts no worker pool (that `BLAS` would shut down
        // again at once): one `pthread_create` and an idle worker's spin less while the fits start. Only when the
        // user has not set it (their pool is shut down after the load as before; the routines run on one thread
        // either way, same bits). Set on the only thread (`setenv` is not safe beside `getenv` on another one);
        // `raft` starts no child processes that would inherit it. `dlopen` + pool shutdown in a fresh C process,
        // minimum of 60: 1.76 → 1.61 ms of CPU.
        setenv("OPENBLAS_NUM_THREADS", "1", 0)
        // The heap grows by the block and keeps it as its free top, from which the next allocations are cut; its
        // pages are not present yet, so the other thread can populate them while this one goes on (a page this
        // thread touches first is simply faulted in here; nothing is zeroed twice or lost).
        if let block = malloc(heapAhead) {
            let start = UInt(bitPattern: block)
            heapRange = ((start + 4095) & ~4095, (start + UInt(heapAhead)) & ~4095)
            free(block)
        }
        // Started on the other core (`HelperPlacement`): placed on this one it waited for the next scheduler tick.
        var attributes = HelperPlacement.attributesAwayFromCurrentProcessor()
        defer { pthread_attr_destroy(&attributes) }
        let body: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { _ in StartupThread.run(); return nil }
        var thread = pthread_t()
        // Until the thread has loaded OpenBLAS, a LAPACK call elsewhere sleeps instead of loading it too.
        BLAS.expectLoadElsewhere()
        if pthread_create(&thread, &attributes, body, nil) == 0 || pthread_create(&thread, nil, body, nil) == 0 {
            pthread_detach(thread)
        } else {
            BLAS.cancelLoadElsewhere()
            Interrupts.install()
        }
    }

    private static func run() {
        if heapRange.end > heapRange.start, let p = UnsafeMutableRawPointer(bitPattern: heapRange.start) {
            _ = madvise(p, Int(heapRange.end - heapRange.start), 23 /* MADV_POPULATE_WRITE, as in `StartupPages` */)
        }
        // GCD creates a worker thread for this block now (on this thread), which then waits for work. The worker
        // starts where this thread may run, away from the main thread's core, and its block widens that again.
        DispatchQueue.global().async { HelperPlacement.widenCurrentThread() }
        // The processor count is first asked for by the airfoil fits on the main thread; its first read opens and
        // reads two cgroup CPU files (six system calls and ~117 k instructions; strace and callgrind, `raft run`
        // OC3spar): read here it is ready by then (a read meanwhile on the main thread waits for this one).
        _ = ActiveProcessors.count
        Interrupts.install()
        HelperPlacement.widenCurrentThread()
        if loadWhenIdle { runOnlyOnIdleProcessors() }
        BLAS.loadHere()
    }

    /// Whether the load runs at `SCHED_IDLE` (set before the thread starts): for `raft run` when `CorePrediction` has
    /// a core, so that nothing on the main thread's way to the outputs waits for the library.
    nonisolated(unsafe) private static var loadWhenIdle = false

    /// This thread from now on only gets a processor no other thread wants (`SCHED_IDLE`; the thread ends after the
    /// load). `raft run`'s main thread needs OpenBLAS only to confirm the predicted core before the first case is
    /// reported (the small solves use the mirrors meanwhile), so the load's ~1.5 ms of CPU now fills the gaps of the
    /// main thread and the fits instead of taking a core from them (Linux placed it beside them at normal priority: the
    /// main thread spent ~1–2 ms runnable but not running). Whoever waits for the library sleeps, which frees a
    /// processor for the load. Fresh `raft run` of OC3spar, 40 alternated processes each, scheduler tracepoints
    /// (medians, fast / slow third): last exit 8.08 / 10.79 → 7.90 / 9.72 ms, main runnable-not-running 0.02 / 0.99 →
    /// 0.02 / 0.19 ms.
    private static func runOnlyOnIdleProcessors() {
        #if canImport(Glibc)
        var parameters = sched_param()
        parameters.sched_priority = 0
        _ = sched_setscheduler(0, 5 /* SCHED_IDLE, hidden without _GNU_SOURCE */, &parameters)
        #endif
    }
}
