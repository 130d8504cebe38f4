#if canImport(Glibc)
import Glibc
import CSchedShim
import Foundation
import Testing
@testable import RAFT

/// `HelperPlacement`: a helper thread starts away from its creator's processor and then may run anywhere again.
@Suite("Helper thread placement")
struct HelperPlacementTests {
    /// Processors in a set, in order.
    static func processors(_ set: cpu_set_t) -> [Int] {
        withUnsafeBytes(of: set) { b in (0..<(8 * b.count)).filter { b[$0 / 8] & UInt8(1 << ($0 % 8)) != 0 } }
    }

    static let allowedCount = HelperPlacement.allowed.map { processors($0).count } ?? 0

    @Test("the set leaves out exactly one allowed processor")
    func awayLeavesOutOne() throws {
        let allowed = try #require(HelperPlacement.allowed)
        let all = Self.processors(allowed)
        #expect(!all.isEmpty)
        guard let away = HelperPlacement.awayFromCurrentProcessor() else {
            #expect(all.count == 1)  // nothing remains when one processor is allowed
            return
        }
        let rest = Self.processors(away)
        #expect(rest.count == all.count - 1)
        #expect(Set(rest).isSubset(of: all))
    }

    /// What the started thread saw: its processor on entry, and its processors after widening.
    final class Seen: @unchecked Sendable {
        var firstProcessor: Int32 = -1
        var widened = cpu_set_t()
        let done = DispatchSemaphore(value: 0)
    }

    @Test("a thread created with the attributes starts off the excluded processor, then may use all of them",
          .enabled(if: allowedCount >= 2, "one processor: nothing to place"))
    func threadStartsAwayThenWidens() throws {
        let allowed = try #require(HelperPlacement.allowed)
        for _ in 0..<20 {
            var attributes = HelperPlacement.attributesAwayFromCurrentProcessor()
            defer { pthread_attr_destroy(&attributes) }
            var given = cpu_set_t()
            #expect(pthread_attr_getaffinity_np(&attributes, MemoryLayout<cpu_set_t>.size, &given) == 0)
            let excluded = Set(Self.processors(allowed)).subtracting(Self.processors(given))
            #expect(excluded.count == 1)
            let seen = Seen()
            var thread = pthread_t()
            let box = Unmanaged.passRetained(seen).toOpaque()
            #expect(pthread_create(&thread, &attributes, { p in
                let seen = Unmanaged<Seen>.fromOpaque(p!).takeRetainedValue()
                seen.firstProcessor = sched_getcpu()
                HelperPlacement.widenCurrentThread()
                _ = sched_getaffinity(0, MemoryLayout<cpu_set_t>.size, &seen.widened)
                seen.done.signal()
                return nil
            }, box) == 0)
            seen.done.wait()
            pthread_join(thread, nil)
            #expect(seen.firstProcessor >= 0)
            #expect(!excluded.contains(Int(seen.firstProcessor)))
            #expect(Self.processors(seen.widened) == Self.processors(allowed))
        }
    }
}
#endif
