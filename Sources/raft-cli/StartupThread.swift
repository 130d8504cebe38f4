#if canImport(FoundationEssentials)
import Dispatch
import Glibc
#else
import Foundation
#endif
import LAPACK

/// The start-up work of a solving command that need not run on the main thread, on one background thread started
/// first thing in `main`: one GCD worker thread created, the signal handlers installed (their dispatch source starts
/// GCD's manager thread), then OpenBLAS loaded and set to one thread (`BLAS`).
///
/// Why this order, and why not on the main thread: while `dlopen` runs, creating a thread waits for the loader's lock
/// (glibc sets the new thread's TLS up under it), so the threads the run needs early are created here, before the load
/// starts. The worker is the one the airfoil fits' `concurrentPerform` wakes (the fits must not wait for the load once
/// the design read is faster than it); the handlers' ~0.3 ms (libdispatch's start, the manager thread) leave the main
/// thread's way to the design read. A signal that arrives before the handlers are installed ends the process as it
/// did before `main` (nothing has been written that early: a run creates its files once everything is computed).
/// Fresh `raft run` of OC3spar at real-time priority, 25 processes each (perf tracepoints, medians), exec to the last
/// thread's exit, with `StartupPages` in both: 9.92 (handlers on the main thread, then the loader) -> 9.66 ms.
enum StartupThread {
    /// Starts the thread and returns at once (if no thread can be started: the handlers here, OpenBLAS on first use).
    static func start() {
        var thread = pthread_t()
        if pthread_create(&thread, nil, { _ in StartupThread.run(); return nil }, nil) == 0 {
            pthread_detach(thread)
        } else {
            Interrupts.install()
        }
    }

    private static func run() {
        // An empty block: GCD creates a worker thread for it now (on this thread), which then waits for work.
        DispatchQueue.global().async {}
        Interrupts.install()
        BLAS.setSingleThreaded()
    }
}
