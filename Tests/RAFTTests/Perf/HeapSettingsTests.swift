import Testing
@testable import RAFT

/// `HeapSettings`: glibc's malloc keeps freed heap between cases (Linux); the executables apply it at start.
@Suite("Heap settings")
struct HeapSettingsTests {
    @Test("applied on Linux: glibc's mallopt accepted both thresholds")
    func applied() {
        #if os(Linux)
        #expect(HeapSettings.applied)
        #else
        #expect(!HeapSettings.applied)
        #endif
    }
}
