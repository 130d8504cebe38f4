#if canImport(Glibc)
import Glibc
import CSchedShim
#endif

/// Where `raft`'s helper threads start: on any processor the process may use except the one the main thread is
/// running on (Linux; elsewhere nothing is restricted). The thread is created with that processor set and widens it
/// back to the process's whole set as its first act, so it is never pinned: only its first placement is chosen.
///
/// Why: Linux places a new thread on a processor when it is created, and on this 2-core VM it put it on its creator's
/// processor about half the time even with the other one idle. There it waited behind the main thread until the next
/// scheduler tick (HZ 250: up to 4 ms) and then preempted it. A fresh `raft run` of OC3spar at normal priority
/// (perf tracepoints, 60 processes): a thread created on its creator's processor first ran a median 3.1 ms later (on
/// the other one: 0.03 ms), and the main thread of the slowest third of the runs spent ~2 ms runnable but not running,
/// preempted by its own start-up thread and GCD workers (the fastest third: 0.07 ms). Threads that already exist are
/// woken onto an idle processor when there is one, so only creation needs this. The numbers never depend on it.
package enum HelperPlacement {
    #if canImport(Glibc)
    /// The processors the process may run on, as read at first use (before any helper thread starts); nil if unknown.
    package static let allowed: cpu_set_t? = {
        var set = cpu_set_t()
        return sched_getaffinity(0, MemoryLayout<cpu_set_t>.size, &set) == 0 ? set : nil
    }()

    /// `allowed` without the processor the calling thread runs on now; nil when that leaves no processor, or when
    /// either is unknown (the caller then creates its thread unrestricted).
    package static func awayFromCurrentProcessor() -> cpu_set_t? {
        guard var set = allowed else { return nil }
        let current = Int(sched_getcpu())
        guard current >= 0, current < 8 * MemoryLayout<cpu_set_t>.size else { return nil }
        let remaining = withUnsafeMutableBytes(of: &set) { bytes -> Int in
            bytes[current / 8] &= ~UInt8(1 << (current % 8))
            return bytes.reduce(0) { $0 + $1.nonzeroBitCount }
        }
        return remaining > 0 ? set : nil
    }

    /// Thread attributes that start a thread away from the calling thread's processor (unrestricted if that is not
    /// possible). The caller destroys them (`pthread_attr_destroy`).
    package static func attributesAwayFromCurrentProcessor() -> pthread_attr_t {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        if var set = awayFromCurrentProcessor() {
            _ = pthread_attr_setaffinity_np(&attributes, MemoryLayout<cpu_set_t>.size, &set)
        }
        return attributes
    }

    /// Lets the calling thread run on every processor the process may use again.
    package static func widenCurrentThread() {
        guard var set = allowed else { return }
        _ = sched_setaffinity(0, MemoryLayout<cpu_set_t>.size, &set)
    }
    #else
    package static func widenCurrentThread() {}
    #endif
}
