import Foundation
import Testing
@testable import RAFT

/// The Kaimal spectrum's Bessel functions I₁, I₂ go four arguments per SIMD lane group (`besselI12`, issue 17).
/// These tests hold them to the bits of the scalar series `besselI` (tolerance 0) over the arguments a spectrum sees
/// (small to ~10³), special values and counts that leave 0 to 3 arguments to the scalar tail, and the spectrum
/// itself to the per-frequency loop it replaced (frozen below).
@Suite("Rotor: Bessel I1, I2 in lanes against the scalar series")
struct BesselLanesTests {
    /// Arguments over many magnitudes (lanes of one group far apart, so some stop long before others).
    static func arguments(count: Int, seed: UInt64) -> [Double] {
        var rng = seed
        return (0..<count).map { q in
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            let u = Double(rng >> 11) / Double(1 << 53)
            switch q % 13 {
            case 5: return 0
            case 11: return 1e-300 * u
            default: return pow(10, -3 + 6 * u)  // 1e-3 … 1e3
            }
        }
    }

    @Test("I1 and I2 are bit-identical to besselI", arguments: [80, 81, 82, 83, 3, 0, 257])
    func identical(count: Int) {
        for seed: UInt64 in [1, 7, 2026] {
            let x = Self.arguments(count: count, seed: seed)
            let (i1, i2) = RotorTurbulence.besselI12(x)
            #expect(i1.count == count && i2.count == count)
            #expect(i1.map(\.bitPattern) == x.map { RotorTurbulence.besselI(order: 1, x: $0).bitPattern }, "I1, \(count), seed \(seed)")
            #expect(i2.map(\.bitPattern) == x.map { RotorTurbulence.besselI(order: 2, x: $0).bitPattern }, "I2, \(count), seed \(seed)")
            if count > 10 { #expect(i1.contains { $0 > 1 } && i2.contains { $0 > 0 && $0 < 1e-3 }, "a range of values") }
        }
    }

    @Test("special values (0, −0, subnormal, huge, ∞, NaN) in every lane position")
    func specialValues() {
        let specials: [Double] = [0, -0.0, .leastNonzeroMagnitude, 1e-310, 700, 1e5, .infinity, .nan, 2.5]
        for shift in 0..<4 {
            let x = Array(repeating: 1.0, count: shift) + specials
            let (i1, i2) = RotorTurbulence.besselI12(x)
            #expect(i1.map(\.bitPattern) == x.map { RotorTurbulence.besselI(order: 1, x: $0).bitPattern }, "I1, shift \(shift)")
            #expect(i2.map(\.bitPattern) == x.map { RotorTurbulence.besselI(order: 2, x: $0).bitPattern }, "I2, shift \(shift)")
        }
    }

    /// `RotorTurbulence.spectrum` as it was: per frequency, `struveMinusBessel` computing its own `besselI`.
    static func spectrumReference(omega w: [Double], speed v: Double, sigma: Double, hubHeight hh: Double, radius r: Double) -> [Double] {
        let l1 = hh <= 60 ? 0.7 * hh : 42.0
        let lu = 8.1 * l1
        return w.map { wi in
            let f = wi / 2 / Double.pi
            let su = (4 * lu / v) * (sigma * sigma) / pow(1 + 6 * f * lu / v, 5.0 / 3.0)
            let fv = f / v, c = 0.12 / lu
            let kappa = 12 * (fv * fv + c * c).squareRoot()
            let x = 2 * r * kappa
            let rk = r * kappa
            let d1 = RotorTurbulence.struveMinusBessel(nu: 1, x: x)
            let d2 = RotorTurbulence.struveMinusBessel(nu: -2, x: x)
            let rot = (2 * su / (rk * rk * rk)) * (((d1) - 2 / Double.pi) + rk * ((-2 * d2) + 1))
            return rot.isNaN ? 0 : rot
        }
    }

    @Test("the rotor-averaged spectrum is bit-identical to the per-frequency loop")
    func spectrum() {
        for (nw, dw) in [(80, 0.0314), (81, 0.05), (3, 0.2), (200, 0.01)] {
            let omega = (1...nw).map { Double($0) * dw }
            for (v, hh, r) in [(3.0, 150.0, 120.0), (10.59, 90.0, 63.0), (25.0, 50.0, 40.0), (0.5, 150.0, 120.0)] {
                let sigma = 0.1 * v + 0.5
                let s = RotorTurbulence.spectrum(omega: omega, speed: v, sigma: sigma, hubHeight: hh, radius: r)
                let ref = Self.spectrumReference(omega: omega, speed: v, sigma: sigma, hubHeight: hh, radius: r)
                #expect(s.map(\.bitPattern) == ref.map(\.bitPattern), "nw \(nw), V \(v), HH \(hh), R \(r)")
                #expect(s.contains { $0 > 0 })
            }
        }
    }
}
