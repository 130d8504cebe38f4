import Foundation
import Testing
@testable import RAFT

/// `ActiveProcessors` counts as `ProcessInfo.activeProcessorCount` does on Linux, without `URL`.
@Suite("Active processors as ProcessInfo counts them")
struct ActiveProcessorsTests {
    /// cgroup file contents (quota, period, cpuset; nil: no such file) and the count `ProcessInfo` gave for them
    /// with 2 processors online. Recorded by running `agreesWithProcessInfo` in a private mount namespace with these
    /// files on tmpfs over /sys/fs/cgroup/cpu and /sys/fs/cgroup/cpuset (`unshare -m`, as root).
    static let cases: [(quota: String?, period: String?, cpuset: String?, count: Int)] = [
        ("-1\n", "100000\n", "0-1\n", 2),        // this machine: no quota, cpuset 0-1
        ("150000\n", "100000\n", "0-1\n", 2),    // 1.5 processors: rounded up
        ("50000", "100000", "0-7", 1),
        ("400000", "100000", "0-1", 4),          // a quota above the cpuset still counts
        ("100000", "100000", "", 1),
        ("-1", nil, "0-3,8-9", 4),               // the first range of the cpuset only
        ("-1", nil, "5", 1),
        ("max", nil, "2-2", 1),
        ("0", "100000", "3-1", 2),               // no quota, an empty range: the online processors
        (nil, nil, nil, 2),
        ("150000", "0", "0-5", 6),
        ("150000", "abc", "0-5", 6),
        (" 150000", "100000", "0-5", 6),         // not a number: leading space
        ("\n\n300000\n", "100000", "0-1", 3),    // empty lines are skipped
        ("+200000", "100000", "0-1", 2),
        ("150000\r\n", "100000", "0-3", 4),      // "\r\n" is one character: "150000\r\n" is not a number
        ("-1", nil, "-3", 1),
        ("-1", nil, "0-1-2", 2),
        ("-1", nil, ",0-3", 4),
        ("-1", nil, "0-3\n4-5", 4),
        ("-1", nil, "a-b", 2),
        ("-1", nil, " 0-3", 2),
        ("-1", nil, "0-0", 1),
        ("200000", "-5", "0-2", 3),
        ("1", "1000000", "0-1", 1),
        ("\u{FEFF}200000", "100000", "0-1", 2),  // a byte-order mark: not a number
    ]

    /// The count from injected file contents (the recorded cases, and bytes that are not UTF-8).
    @Test func countsInjectedFiles() {
        for c in Self.cases {
            let files = [ActiveProcessors.quotaFile: c.quota, ActiveProcessors.periodFile: c.period,
                         ActiveProcessors.cpusetFile: c.cpuset]
            let n = ActiveProcessors.linuxCount(contents: { files[$0]??.data(using: .utf8) }, online: { 2 })
            #expect(n == c.count, "\(c)")
        }
        let notUTF8 = Data([0x32, 0x30, 0x30, 0x30, 0x30, 0x30, 0xFF])
        let files = [ActiveProcessors.quotaFile: notUTF8, ActiveProcessors.periodFile: Data("100000".utf8),
                     ActiveProcessors.cpusetFile: Data("0-4".utf8)]
        #expect(ActiveProcessors.linuxCount(contents: { files[$0] }, online: { 2 }) == 5)
        #expect(ActiveProcessors.linuxCount(contents: { _ in nil }, online: { 7 }) == 7)
    }

    /// The count from this machine's files is `ProcessInfo`'s (run in a namespace with each case's files to
    /// record `cases`).
    @Test func agreesWithProcessInfo() {
        #if os(Linux)
        let online = { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
        #expect(ActiveProcessors.linuxCount(contents: FileName.contents(of:), online: online)
                == ProcessInfo.processInfo.activeProcessorCount)
        #endif
        #expect(ActiveProcessors.count == ProcessInfo.processInfo.activeProcessorCount)
    }
}
