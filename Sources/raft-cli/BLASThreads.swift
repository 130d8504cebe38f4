#if canImport(Glibc)
import Glibc
#endif
import LAPACK

/// OpenBLAS (pthread build) starts its worker threads when the library loads, before `main`; an idle worker
/// spins (`sched_yield`) for about 0.1 s before it sleeps, occupying a second core for the whole of a short
/// `raft run`. The CLI only uses single-threaded BLAS (small systems; sweeps parallelise over variants), so it
/// does what `OPENBLAS_NUM_THREADS=1` would have done at load time: stop the workers (`blas_thread_shutdown_`)
/// and size the pool to one thread (`blas_num_threads`, `blas_cpu_number`), so that OpenBLAS's lazy re-start
/// of the pool (e.g. inside `openblas_set_num_threads`) creates no thread. Symbols are looked up at run time;
/// with a BLAS that lacks them this only sets one thread.
enum BLASThreads {
    static func useOneThread() {
        #if canImport(Glibc)
        if let shutdown = dlsym(nil, "blas_thread_shutdown_"),
           let poolSize = dlsym(nil, "blas_num_threads"), let cpuNumber = dlsym(nil, "blas_cpu_number") {
            typealias Shutdown = @convention(c) () -> Int32
            _ = unsafeBitCast(shutdown, to: Shutdown.self)()
            poolSize.assumingMemoryBound(to: Int32.self).pointee = 1
            cpuNumber.assumingMemoryBound(to: Int32.self).pointee = 1
        }
        #endif
        BLAS.setSingleThreaded()
    }
}
