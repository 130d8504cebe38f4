import Foundation
import Testing
@testable import RAFT

/// `StartupPages`: the `.data` and `.bss` sections found in an executable's section headers (what `raft` populates
/// at start).
@Suite("Startup pages")
struct StartupPagesTests {
    @Test("this test executable's .data and .bss: non-empty, .bss after .data")
    func ownSections() throws {
        #if os(Linux)
        let s = try #require(StartupPages.sections(ofFile: "/proc/self/exe"))
        #expect(!s.data.isEmpty)
        #expect(!s.bss.isEmpty)
        #expect(s.data.upperBound <= s.bss.lowerBound)
        // populating is harmless in any process (a position-independent test executable is skipped)
        StartupPages.populate()
        #else
        #expect(StartupPages.sections(ofFile: "/proc/self/exe") == nil)
        #endif
    }

    @Test("no file, or not an ELF file: nil")
    func notAnExecutable() throws {
        #expect(StartupPages.sections(ofFile: "/nonexistent/raft") == nil)
        #expect(StartupPages.sections(ofFile: "/proc/self/status") == nil)
    }

    /// The dynamic-section tags of an ELF64 little-endian file (nil: not such a file or no dynamic section).
    static func dynamicTags(ofFile path: String) -> [Int64]? {
        guard let d = FileManager.default.contents(atPath: path), d.count >= 64,
              d.prefix(4).elementsEqual([0x7F, 0x45, 0x4C, 0x46]), d[d.startIndex + 4] == 2, d[d.startIndex + 5] == 1 else { return nil }
        let b = [UInt8](d)
        func u(_ o: Int, _ n: Int) -> UInt64 { (0..<n).reversed().reduce(0) { $0 << 8 | UInt64(b[o + $1]) } }
        let shoff = Int(u(0x28, 8)), shentsize = Int(u(0x3A, 2)), shnum = Int(u(0x3C, 2))
        for i in 0..<shnum {
            let o = shoff + i * shentsize
            guard o + 0x28 <= b.count else { return nil }
            guard u(o + 4, 4) == 6 else { continue }  // SHT_DYNAMIC
            let off = Int(u(o + 0x18, 8)), size = Int(u(o + 0x20, 8))
            guard off + size <= b.count else { return nil }
            return stride(from: off, to: off + size, by: 16).map { Int64(bitPattern: u($0, 8)) }
        }
        return nil
    }

    @Test("the raft executable has no run path (the loader looks for its libraries in the system paths only)", .needsRaftExecutable)
    func raftHasNoRunPath() throws {
        #if os(Linux)
        let exe = try #require(RaftExecutable.url)
        let tags = try #require(Self.dynamicTags(ofFile: exe.path))
        #expect(tags.contains(1))  // DT_NEEDED: it is a dynamic executable
        #expect(!tags.contains(0x1D) && !tags.contains(0x0F))  // DT_RUNPATH, DT_RPATH
        // the reader sees a run path where there is one: the test executable is linked with `-rpath=$ORIGIN`
        let own = try #require(Self.dynamicTags(ofFile: "/proc/self/exe"))
        #expect(own.contains(0x1D) || own.contains(0x0F))
        #endif
    }
}
