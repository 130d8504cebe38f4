#if canImport(Glibc)
import Glibc
#endif

/// How glibc's `malloc` keeps the memory a case frees (Linux only; a no-op elsewhere). Set once per process by the
/// executables (`raft`, `raft-bench`) before any work: the library itself never changes the allocator of a process
/// that embeds it (a Python interpreter, an optimiser).
///
/// Why: a case allocates and frees a few hundred kilobytes to a few megabytes of arrays (kinematics per strip node,
/// impedances per frequency, response rows). With glibc's defaults the top of the heap is given back to the kernel
/// (`brk`) as soon as more than 128 KB of it is free, and arrays of 128 KB and more are `mmap`ed and unmapped each
/// time, so the next case faults the same pages in again, zeroed by the kernel: 10 % of an OC3spar case's CPU went to
/// page faults, `brk` and `munmap` (perf, `raft-bench --only cases`). Keeping up to 8 MB of free heap top and taking
/// blocks up to 4 MB from the heap removes that; the peak memory is the same (only memory the process already
/// used is kept), and no number changes. OC3spar per case, CPU: 0.93 → 0.79 ms (the same settings through
/// `GLIBC_TUNABLES` on the previous build, three alternating runs of 300).
///
/// Explicit values also turn off glibc's own adjustment of these thresholds, which only ever raises them (to the
/// size of the largest mapped block freed so far, at most 32 MB); larger blocks (a BEM system's matrices) are still
/// mapped and unmapped on their own.
package enum HeapSettings {
    /// glibc `mallopt` parameters (malloc.h): `M_TRIM_THRESHOLD`, `M_MMAP_THRESHOLD`.
    private static let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3

    /// Applies the settings (once; later reads are a load and a compare).
    package static let applied: Bool = {
        #if os(Linux)
        // `mallopt` is not in the Glibc module's headers: looked up in the process (glibc exports it).
        guard let symbol = dlsym(nil, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        return mallopt(trimThreshold, 8 << 20) == 1 && mallopt(mmapThreshold, 4 << 20) == 1
        #else
        return false
        #endif
    }()
}
