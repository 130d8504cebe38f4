#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The number of processors this process may use, read once (`ProcessInfo.activeProcessorCount`).
///
/// On Linux each `activeProcessorCount` opens and reads the cgroup's CPU quota and cpuset files (about 0.03 ms
/// each time; `raft run` asked for the airfoil fits, the aerodynamics prefetch, the mooring lines and the CSV
/// formatting, the BEM at every assembly). Every place that spreads work over threads reads it here. The answer
/// decides only how work is spread over threads, never a result.
package enum ActiveProcessors {
    package static let count = ProcessInfo.processInfo.activeProcessorCount
}
