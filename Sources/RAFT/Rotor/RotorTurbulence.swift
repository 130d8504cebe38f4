#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Rotor-averaged IEC Kaimal turbulence spectrum as RAFT computes it (`Rotor.IECKaimal` + `pyIECWind_extreme`;
/// spec 03 §8), including SciPy's floating-point behaviour of `modstruve − iv` at large arguments (spec 03 P9).
package enum RotorTurbulence {
    /// Parsed `turbulence` case entry: the IEC standard deviation σ₁ of the longitudinal wind [m/s].
    static func sigma(turbulence: Turbulence, speed v: Double) throws(RotorError) -> Double {
        switch turbulence {
        case .intensity(let ti):
            return ti * (0.75 * v + 5.6)  // NTM with I_ref = the number (spec 03 P8)
        case .iec(let text):
            var cls = ""
            var rest = Substring(text)
            while let ch = rest.first, ch == "I" || ch == "V" { cls.append(ch); rest = rest.dropFirst() }
            if cls.isEmpty {
                guard let ti = Double(text.trimmingWhitespace()) else {
                    throw .unsupported("turbulence class must start with I, II, III or IV, or be a number: '\(text)'")
                }
                return ti * (0.75 * v + 5.6)
            }
            let vref: Double
            switch cls {
            case "I": vref = 50
            case "II": vref = 42.5
            case "III": vref = 37.5
            case "IV": vref = 30
            default: throw .unsupported("unknown IEC turbine class '\(cls)' in turbulence '\(text)'")
            }
            let category = rest.first.map(String.init) ?? ""
            let iref: Double
            switch category {
            case "A": iref = 0.16
            case "B": iref = 0.14
            case "C": iref = 0.12
            default: throw .unsupported("unknown IEC turbulence category '\(category)' in turbulence '\(text)'")
            }
            let parts = text.split(separator: "_", omittingEmptySubsequences: false)
            guard parts.count >= 2 else { throw .unsupported("turbulence '\(text)' needs a model suffix _NTM, _ETM or _EWM") }
            let vave = vref * 0.2
            switch parts[1] {
            case "NTM": return iref * (0.75 * v + 5.6)
            case "ETM": let c = 2.0; return c * iref * (0.072 * (vave / c + 3) * (v / c - 4) + 10)
            case "EWM": return 0.11 * v
            default: throw .unsupported("wind model must be NTM, ETM or EWM, got '\(parts[1])' in '\(text)'")
            }
        }
    }

    /// Rotor-averaged longitudinal spectrum S_rot per frequency [(m/s)²/Hz] (`Rot` of IECKaimal).
    /// - Parameters: w [rad/s], mean speed V [m/s], σ₁ [m/s], hub height HH [m], rotor radius R [m].
    static func spectrum(omega w: [Double], speed v: Double, sigma: Double, hubHeight hh: Double, radius r: Double) -> [Double] {
        let l1 = hh <= 60 ? 0.7 * hh : 42.0
        let lu = 8.1 * l1
        // The Bessel functions I₁(x), I₂(x) of every frequency first, four frequencies at a time (`besselI12`, the
        // bits of `besselI`), then the rest per frequency as before.
        let kappas = w.map { wi in
            let f = wi / 2 / Double.pi
            let fv = f / v, c = 0.12 / lu
            return 12 * (fv * fv + c * c).squareRoot()
        }
        let xs = kappas.map { 2 * r * $0 }
        let (i1, i2) = besselI12(xs)
        return w.indices.map { j in
            let f = w[j] / 2 / Double.pi
            let su = (4 * lu / v) * (sigma * sigma) / pow(1 + 6 * f * lu / v, 5.0 / 3.0)
            let kappa = kappas[j], x = xs[j]
            let rk = r * kappa
            let d1 = struveMinusBessel(nu: 1, x: x, besselI: i1[j])
            let d2 = struveMinusBessel(nu: -2, x: x, besselI: i2[j])
            let rot = (2 * su / (rk * rk * rk)) * (((d1) - 2 / Double.pi) + rk * ((-2 * d2) + 1))
            return rot.isNaN ? 0 : rot
        }
    }

    /// L_ν(x) − I_|ν|(x) for ν ∈ {1, −2}, x > 0, computed as SciPy's `modstruve(ν,x) − iv(|ν|,x)` comes out.
    static func struveMinusBessel(nu: Int, x: Double) -> Double {
        struveMinusBessel(nu: nu, x: x, besselI: besselI(order: abs(nu), x: x))
    }

    /// `struveMinusBessel(nu:x:)` with `i` = `besselI(order: |ν|, x: x)` already known.
    static func struveMinusBessel(nu: Int, x: Double, besselI i: Double) -> Double {
        let nuD = Double(nu)
        if x >= 0.7 * nuD + 12 {
            // Large-argument expansion of M_ν = L_ν − I_ν; SciPy adds I_ν then RAFT subtracts it again.
            var t = nu == 1 ? -2 / Double.pi : -6 / (Double.pi * x * x * x)
            var c = t
            var maxterm = 0.0
            let nmax = x / 2 < 10000 ? Int((x / 2).rounded(.down)) : 10000  // x may be huge (wind → 0): no Int overflow
            var n = 0
            while n < nmax {
                let fn = Double(n)
                t = t * ((1 * (1 + 2 * fn)) * (1 + 2 * fn - 2 * nuD) / (x * x))
                c += t
                maxterm = max(maxterm, abs(t))
                if abs(t) < 1e-16 * abs(c) || t == 0 || !c.isFinite { break }
                n += 1
            }
            let err = abs(t) + maxterm * 1e-16
            let l = c + i
            if err < 1e-12 * abs(l) { return l - i }
        }
        return struveL(nu: nu, x: x) - i
    }

    /// Modified Struve function L_ν(x) by its power series (ν = 1 or −2, moderate x).
    static func struveL(nu: Int, x: Double) -> Double {
        let half = x / 2
        let h2 = half * half
        let sqrtPi = Double.pi.squareRoot()
        // term_0 = (x/2)^{ν+1} / (Γ(3/2) Γ(ν+3/2))
        var term: Double
        if nu == 1 {
            term = h2 / ((sqrtPi / 2) * (3 * sqrtPi / 4))
        } else {
            term = (1 / half) / ((sqrtPi / 2) * (-2 * sqrtPi))
        }
        var sum = term
        var k = 0.0
        while k < 2000 {
            term = term * h2 / ((k + 1.5) * (k + Double(nu) + 1.5))
            sum += term
            if abs(term) <= 1e-17 * abs(sum) { break }
            k += 1
        }
        return sum
    }

    /// `besselI(order: 1, x:)` and `besselI(order: 2, x:)` of every argument, with `besselI`'s bits
    /// (`BesselLanesTests`; raft-bench "Kaimal spectrum Bessel I1, I2").
    ///
    /// Each series is a chain of dependent divisions (`term · (x/2)² / ((k+1)(k+1+n))`), so one series at a time
    /// leaves the divider mostly waiting. Here four arguments go through `SIMD4` lanes and both orders side by side
    /// (eight chains): each lane does, for its own argument, exactly the scalar loop's operations in its order (the
    /// same products, quotients and sums, the same stopping test); a lane that has stopped keeps its term and sum
    /// while the others go on. The last `count mod 4` arguments go through `besselI` itself.
    package static func besselI12(_ x: [Double]) -> (i1: [Double], i2: [Double]) {
        typealias L = SIMD4<Double>
        typealias Mask = SIMDMask<SIMD4<Int64>>
        var i1 = [Double](repeating: 0, count: x.count), i2 = i1
        var g = 0
        while g + 4 <= x.count {
            let half = L(x[g], x[g + 1], x[g + 2], x[g + 3]) / 2
            let h2 = half * half
            // the scalar preamble: term = term · half / k for k = 1…n
            var t1 = L(repeating: 1) * half / L(repeating: 1)
            var t2 = L(repeating: 1) * half / L(repeating: 1)
            t2 = t2 * half / L(repeating: 2)
            var s1 = t1, s2 = t2
            var a1 = Mask(repeating: true), a2 = Mask(repeating: true)
            @inline(__always) func stopped(_ t: L, _ s: L) -> Mask {
                // `term <= 1e-17 * sum || !sum.isFinite` (NaN compares false in both)
                (t .<= L(repeating: 1e-17) * s) .| .!((s .< L(repeating: .infinity)) .& (s .> L(repeating: -.infinity)))
            }
            var k = 0.0
            while k < 5000 {
                let n1 = t1 * h2 / L(repeating: (k + 1) * (k + 1 + 1.0))
                let n2 = t2 * h2 / L(repeating: (k + 1) * (k + 1 + 2.0))
                t1.replace(with: n1, where: a1); s1.replace(with: s1 + n1, where: a1)
                t2.replace(with: n2, where: a2); s2.replace(with: s2 + n2, where: a2)
                a1 = a1 .& .!stopped(t1, s1)
                a2 = a2 .& .!stopped(t2, s2)
                if !any(a1 .| a2) { break }
                k += 1
            }
            for l in 0..<4 { i1[g + l] = s1[l]; i2[g + l] = s2[l] }
            g += 4
        }
        while g < x.count {
            i1[g] = besselI(order: 1, x: x[g])
            i2[g] = besselI(order: 2, x: x[g])
            g += 1
        }
        return (i1, i2)
    }

    /// Modified Bessel function I_n(x), integer n ≥ 0, x ≥ 0, by its (all-positive) power series.
    package static func besselI(order n: Int, x: Double) -> Double {
        let half = x / 2
        let h2 = half * half
        var term = 1.0
        for k in 1...max(1, n) where n >= 1 { term = term * half / Double(k) }
        var sum = term
        var k = 0.0
        while k < 5000 {
            term = term * h2 / ((k + 1) * (k + 1 + Double(n)))
            sum += term
            if term <= 1e-17 * sum || !sum.isFinite { break }
            k += 1
        }
        return sum
    }
}
