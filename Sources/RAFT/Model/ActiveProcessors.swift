#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The number of processors this process may use, read once: `ProcessInfo.activeProcessorCount`'s number.
///
/// On Linux each `activeProcessorCount` opens and reads the cgroup's CPU quota and cpuset files (about 0.03 ms
/// each time; `raft run` asked for the airfoil fits, the aerodynamics prefetch, the mooring lines and the CSV
/// formatting, the BEM at every assembly). Every place that spreads work over threads reads it here. The answer
/// decides only how work is spread over threads, never a result.
///
/// On Linux the number is read here by `ProcessInfo`'s rule (`linuxCount`), not through `ProcessInfo`: Foundation
/// reads the files through `URL`, whose `path` builds a `Set<UInt8>` literal, and the first such set in a process
/// makes the Swift runtime scan all ~4,000 protocol conformance records of the executable for `UInt8: Hashable`
/// (~0.22 M instructions and the records' page faults, on `raft run`'s start-up thread).
package enum ActiveProcessors {
    #if os(Linux)
    package static let count = linuxCount(contents: FileName.contents(of:), online: { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) })
    #else
    package static let count = ProcessInfo.processInfo.activeProcessorCount
    #endif

    /// cgroup v1's CPU bandwidth quota and period (µs per period; a quota of -1: no limit), and cpuset.
    static let quotaFile = "/sys/fs/cgroup/cpu/cpu.cfs_quota_us"
    static let periodFile = "/sys/fs/cgroup/cpu/cpu.cfs_period_us"
    static let cpusetFile = "/sys/fs/cgroup/cpuset/cpuset.cpus"

    /// `ProcessInfo.activeProcessorCount` on Linux (swift-foundation's rule), with the files' bytes from `contents`
    /// (nil: the file cannot be read) and the online processors (`sysconf(_SC_NPROCESSORS_ONLN)`) from `online`:
    /// 1. a positive quota with a positive period: the quota in whole processors, a fraction rounded up
    ///    (150000 / 100000 → 2);
    /// 2. else the first range of the cpuset list ("0-3,8" → 4, "5" → 1);
    /// 3. else the online processors.
    /// A file's number is its first line (UTF-8 text split at "\n", empty lines skipped) read as a decimal `Int`;
    /// anything else (a missing file, text that is not a number, "max") counts as no number.
    static func linuxCount(contents: (String) -> Data?, online: () -> Int) -> Int {
        func firstLine(_ file: String) -> Substring? {
            guard let data = contents(file) else { return nil }
            guard let text = String(data: data, encoding: .utf8) else { return "" }
            return text.split(separator: "\n").first ?? ""
        }
        if let quota = firstLine(quotaFile).flatMap({ Int($0) }), quota > 0,
           let period = firstLine(periodFile).flatMap({ Int($0) }), period > 0 {
            return (quota - 1 + period) / period
        }
        if let range = firstLine(cpusetFile)?.split(separator: ",").first {
            let ends = range.split(separator: "-", maxSplits: 1)
            if let first = ends.first.flatMap({ Int($0) }), let last = ends.last.flatMap({ Int($0) }), last >= first {
                return 1 + last - first
            }
        }
        return online()
    }
}
