import Foundation
import Testing
@testable import RAFT

/// Timing of one IEA-15MW calcAero (prints; the assertion is only a loose sanity bound so debug builds pass).
@Suite struct RotorTimingTests {
    @Test func calcAeroTiming() throws {
        guard Reference.isAvailable else { print(Reference.skipMessage); return }
        var rotor = try RotorTests.makeRotor()
        let c = RotorCase(windSpeed: 10.59, windHeadingDeg: 0, turbulence: .intensity(0.5))
        _ = try rotor.calcAero(c)
        let clock = ContinuousClock()
        let n = 50
        let t = clock.measure { for _ in 0..<n { _ = try? rotor.calcAero(c) } }
        let perCall = Double(t.components.attoseconds) / 1e18 / Double(n) + Double(t.components.seconds) / Double(n)
        print("calcAero IEA-15MW: \(perCall * 1e3) ms per call")
        #expect(perCall < 1.0)
    }
}
