#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The number of processors this process may use, read once (`ProcessInfo.activeProcessorCount`).
///
/// On Linux each `activeProcessorCount` opens and reads the cgroup's CPU quota and cpuset files (about 0.03 ms
/// each time, `raft run` asked twice: once for the airfoil fits, once for the aerodynamics prefetch). The answer
/// decides only whether work is spread over threads, never a result.
package enum ActiveProcessors {
    package static let count = ProcessInfo.processInfo.activeProcessorCount
}
