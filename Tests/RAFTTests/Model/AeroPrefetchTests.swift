import Foundation
import Testing
@testable import RAFT

/// Each case's rotor aerodynamics computed ahead of the cases on another thread (`Model.prefetchCaseAerodynamics`,
/// through `RotorAeroMemo`; issue 17) keeps every bit, and the cases really take them from the memo.
@Suite("Model: case rotor aerodynamics prefetched")
struct AeroPrefetchTests {
    static let path = Reference.repoRoot.appendingPathComponent("designs/OC3spar.yaml").path
    static let design: Design? = try? Design.load(path: path)

    static func bits(_ r: RunResult) -> [String] {
        SweepMetrics.metrics(of: r).map { "\($0.0)=\($0.1.bitPattern)" }
            + r.cases.flatMap { $0.fowts.flatMap { f in f.r6.map { "r6=\($0.bitPattern)" } + f.metrics.psd.flatMap { $0.values.map { "\($0.bitPattern)" } } } }
    }

    @Test("runDesign with the prefetch: the bits of a run on rotors built beforehand (no prefetch)", .enabled(if: design != nil))
    func sameBits() throws {
        let design = try #require(Self.design)
        var serial = RunOptions()
        serial.rotors = try Model.rotors(of: design)  // prebuilt rotors: no prefetch
        let overlapped = try runDesign(design), reference = try runDesign(design, options: serial)
        #expect(Self.bits(overlapped) == Self.bits(reference))
        #expect(overlapped.warnings == reference.warnings)
    }

    @Test("the cases find their rotor aerodynamics prefetched (OC3spar: cases 0 and 2 operate, case 1 is parked)",
          .enabled(if: design != nil && ProcessInfo.processInfo.activeProcessorCount > 1))
    func prefetchHits() throws {
        let design = try #require(Self.design)
        var model = try Model(design: design)
        model.prefetchCaseAerodynamics()
        let memo = try #require(model.fowts[0].rotors[0].aeroMemo)
        _ = try model.analyzeUnloaded()
        let cases = try model.analyzeCases()
        #expect(cases.count == 3)
        #expect(memo.hits == 2)
    }

    @Test("a lookup that misses waits for the producer; the producer's own view never waits")
    func memoWaits() throws {
        let memo = RotorAeroMemo(producing: true)
        let key = RotorAeroMemo.Key(bits: [1, 2, 3], status: "operating", turbulenceClass: nil)
        #expect(memo.producerView.entry(key) == nil)  // would hang if the producer waited for itself
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            usleep(20_000)
            memo.finishProducing()
            finished.signal()
        }
        #expect(memo.entry(key) == nil)  // returns once the producer has finished
        finished.wait()
    }
}
