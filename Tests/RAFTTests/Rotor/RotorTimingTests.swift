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
        print("calcAero IEA-15MW (nw \(rotor.omega.count)): \(perCall * 1e3) ms per call")
        #expect(perCall < 1.0)
        // Separate parts: CCBlade evaluation and the turbulence spectrum on a 200-frequency grid.
        let t2 = clock.measure { for _ in 0..<n { _ = rotor.runCCBlade(speed: 10.59, tilt: 0.1, yawMisalignment: 0) } }
        let w200 = FrequencyGrid(minHz: 0.001, maxHz: 0.2).omega
        let t3 = clock.measure { for _ in 0..<n { _ = RotorTurbulence.spectrum(omega: w200, speed: 10.59, sigma: 1, hubHeight: 150, radius: 120) } }
        print("  CCBlade.evaluate: \(t2 / n), IECKaimal (nw \(w200.count)): \(t3 / n)")
    }
}
