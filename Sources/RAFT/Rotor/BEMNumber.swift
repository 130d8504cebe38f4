#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Scalar type of the BEM section equations: plain `Double` for the root solve, `Dual` for the
/// forward-mode derivatives (spec 03 §6.7). Branches always test `.value`.
protocol BEMNumber {
    init(_ v: Double)
    var value: Double { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    static func sinBEM(_ x: Self) -> Self
    static func cosBEM(_ x: Self) -> Self
    static func expBEM(_ x: Self) -> Self
    static func acosBEM(_ x: Self) -> Self
    static func sqrtBEM(_ x: Self) -> Self
}

extension Double: BEMNumber {
    var value: Double { self }
    static func sinBEM(_ x: Double) -> Double { sin(x) }
    static func cosBEM(_ x: Double) -> Double { cos(x) }
    static func expBEM(_ x: Double) -> Double { exp(x) }
    static func acosBEM(_ x: Double) -> Double { acos(x) }
    static func sqrtBEM(_ x: Double) -> Double { x.squareRoot() }
}

/// Forward-mode dual number over the four section inputs (φ, Vx, Vy, pitch) [rad, m/s, m/s, rad].
struct Dual: BEMNumber {
    var value: Double
    var grad: SIMD4<Double>

    init(_ v: Double) { value = v; grad = .zero }
    init(_ v: Double, _ g: SIMD4<Double>) { value = v; grad = g }
    static func seed(_ v: Double, _ i: Int) -> Dual { var g = SIMD4<Double>.zero; g[i] = 1; return Dual(v, g) }

    static func + (a: Dual, b: Dual) -> Dual { Dual(a.value + b.value, a.grad + b.grad) }
    static func - (a: Dual, b: Dual) -> Dual { Dual(a.value - b.value, a.grad - b.grad) }
    static func * (a: Dual, b: Dual) -> Dual { Dual(a.value * b.value, b.value * a.grad + a.value * b.grad) }
    static func / (a: Dual, b: Dual) -> Dual {
        let q = a.value / b.value
        return Dual(q, (a.grad - q * b.grad) / b.value)
    }
    static prefix func - (a: Dual) -> Dual { Dual(-a.value, -a.grad) }
    static func sinBEM(_ x: Dual) -> Dual { Dual(sin(x.value), cos(x.value) * x.grad) }
    static func cosBEM(_ x: Dual) -> Dual { Dual(cos(x.value), -sin(x.value) * x.grad) }
    static func expBEM(_ x: Dual) -> Dual { let e = exp(x.value); return Dual(e, e * x.grad) }
    /// d acos(x) = −dx/√(1 − x²), taken as 0 at x = ±1 exactly (Tapenade's rule in CCBlade).
    static func acosBEM(_ x: Dual) -> Dual {
        let v = acos(x.value)
        if x.value == 1 || x.value == -1 { return Dual(v, .zero) }
        return Dual(v, -x.grad / (1 - x.value * x.value).squareRoot())
    }
    /// d √x = dx/(2√x), taken as 0 at x = 0.
    static func sqrtBEM(_ x: Dual) -> Dual {
        let s = x.value.squareRoot()
        if x.value == 0 { return Dual(s, .zero) }
        return Dual(s, x.grad / (2 * s))
    }
}
