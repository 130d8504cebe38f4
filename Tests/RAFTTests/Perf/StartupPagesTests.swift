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
}
