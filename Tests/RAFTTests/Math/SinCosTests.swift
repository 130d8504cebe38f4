#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import CMathShim
import Testing

/// `raft_sincos` (libm's `sincos`, used by `StripHydrodynamics.waveKinematics` for the wave phase of every node and
/// frequency) must give the bits of the separate `sin` and `cos` calls it replaced, or the wave kinematics, and every
/// output after them, would change.
@Suite("Math: sincos has the bits of sin and cos")
struct SinCosTests {
    static func check(_ x: Double) -> Bool {
        var s = 0.0, c = 0.0
        raft_sincos(x, &s, &c)
        let s0 = sin(x), c0 = cos(x)
        return s.bitPattern == s0.bitPattern && c.bitPattern == c0.bitPattern
            || (s.isNaN && s0.isNaN && c.isNaN && c0.isNaN)
    }

    @Test("special values, multiples of pi/2 and powers of two")
    func specialValues() {
        var xs: [Double] = [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                            .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .ulpOfOne]
        for k in -200...200 {
            let x = Double(k) * (Double.pi / 2)
            xs += [x, x.nextUp, x.nextDown]
        }
        for e in -1074...1023 { xs += [Double(sign: .plus, exponent: e, significand: 1), Double(sign: .minus, exponent: e, significand: 1.5)] }
        let bad = xs.filter { !Self.check($0) }
        #expect(bad.isEmpty, "sincos differs at \(bad.prefix(5))")
    }

    @Test("random arguments: wave phases (|x| < 100, < 10^4) and random bit patterns")
    func randomArguments() {
        var g = SystemRandomNumberGenerator()
        var bad: [Double] = []
        for i in 0..<60_000 {
            let x: Double
            switch i % 3 {
            case 0: x = Double.random(in: -100...100, using: &g)
            case 1: x = Double.random(in: -1e4...1e4, using: &g)
            default: x = Double(bitPattern: g.next())
            }
            if !Self.check(x) { bad.append(x) }
        }
        #expect(bad.isEmpty, "sincos differs at \(bad.prefix(5))")
    }
}
