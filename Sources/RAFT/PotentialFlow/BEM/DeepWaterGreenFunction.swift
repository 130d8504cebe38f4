#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The wave part of the infinite-depth free-surface Green function in nondimensional form,
///
///     F(X, V) = PV ∫₀^∞ e^{−tV} J₀(tX) / (t − 1) dt,     X = νR ≥ 0,  V = −ν(z + ζ) > 0,
///
/// so that (e^{iωt} convention, outgoing waves) `G = 1/r + 1/r₁ + 2ν F(νR, −ν(z+ζ)) − 2πiν e^{ν(z+ζ)} J₀(νR)`.
///
/// Method (derived here; tabulation in the spirit of Delhommeau's): from `∂F/∂V = −F − 1/ρ` (ρ = √(X² + V²)),
/// integrating in V from the free surface, where `F(X, 0) = −(π/2)[H₀(X) + Y₀(X)]`:
///
///     F = −e^{−V} (π/2)[H₀ + Y₀](X) − ∫₀^V e^{s−V} / √(X² + s²) ds
///     ∂F/∂X = −e^{−V} [1 − (π/2)(H₁ + Y₁)(X)] + (1/X) ∫₀^{atan(V/X)} e^{X tanθ − V} cosθ dθ
///
/// with `(π/2)(H₀ − Y₀)(x) = ∫₀^∞ e^{−x sinh u} du` and `(π/2)(H₁ − Y₁)(x) = 1 + ∫₀^∞ sinh u e^{−x sinh u} du`.
/// These are evaluated (adaptive Gauss–Kronrod) once on a grid uniform in (√(X/40), √(V/40)) for the regular
/// parts `R = F + e^{−V}[ln((V + ρ)/2) + γ]` and `R_X = ∂F/∂X + e^{−V} X / (ρ(V + ρ))` (the logarithmic
/// singularity at X = V = 0 removed), interpolated with 4×4-point Lagrange polynomials. For ρ ≥ 40 the
/// far-field expansion `F = −π e^{−V} Y₀(X) − Σₖ k! Pₖ(V/ρ)/ρ^{k+1}` (8 terms) is used.
/// Checked against direct principal-value integration to < 1e-7 (tests).
package struct DeepWaterGreenFunction: Sendable {
    package static let shared = DeepWaterGreenFunction()

    static let extent = 40.0
    static let nx = 400, nv = 320
    static let eulerGamma = 0.57721566490153286061
    /// (R, R_X) on the grid, index `i + (nx + 1)·j` for X = 40 (i/nx)², V = 40 (j/nv)².
    let table: [SIMD2<Double>]

    init() {
        let nx = Self.nx, nv = Self.nv, L = Self.extent
        var t = [SIMD2<Double>](repeating: .zero, count: (nx + 1) * (nv + 1))
        // X-only functions (π/2)(H₀−Y₀), (π/2)(H₁−Y₁) per column
        var k0 = [Double](repeating: 0, count: nx + 1), k1 = k0
        for i in 1...nx {
            let x = L * pow(Double(i) / Double(nx), 2)
            let uMax = asinh(60 / x)
            k0[i] = AdaptiveQuadrature.integrate(0, uMax) { u in exp(-x * sinh(u)) }
            k1[i] = 1 + AdaptiveQuadrature.integrate(0, uMax) { u in sinh(u) * exp(-x * sinh(u)) }
        }
        let k0c = k0, k1c = k1
        t.withUnsafeMutableBufferPointer { tp in
            let base = SharedBuffer(base: tp.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: nv + 1) { j in
                let v = L * pow(Double(j) / Double(nv), 2)
                for i in 0...nx {
                    let x = L * pow(Double(i) / Double(nx), 2)
                    base.base[i + (nx + 1) * j] = Self.exactRegular(x: x, v: v, k0: k0c[i], k1: k1c[i])
                }
            }
        }
        table = t
    }

    /// (R, R_X) from the integral formulas (k0, k1: the X-only quadratures).
    static func exactRegular(x: Double, v: Double, k0: Double, k1: Double) -> SIMD2<Double> {
        let ev = exp(-v), rho = (x * x + v * v).squareRoot()
        if x == 0 {
            if v == 0 { return .zero }
            // F(0, V) = −e^{−V} Ei(V); Ei(V) − ln V − γ = Σ V^k/(k·k!)
            var term = 1.0, sum = 0.0, k = 1.0
            while true {
                term *= v / k
                let add = term / k
                sum += add
                if add < 1e-17 * sum { break }
                k += 1
            }
            return SIMD2(-ev * sum, 0)
        }
        let y0v = y0(x), y1v = y1(x)
        let I = v == 0 ? 0 : AdaptiveQuadrature.integrate(max(0, asinh((v - 45) / x)), asinh(v / x)) { u in exp(x * sinh(u) - v) }
        let J = v == 0 ? 0 : AdaptiveQuadrature.integrate(0, atan2(v, x)) { th in exp(x * tan(th) - v) * cos(th) }
        let f = -ev * (k0 + Double.pi * y0v) - I
        let fx = -ev * (1 - k1 - Double.pi * y1v) + J / x
        let sing = log((v + rho) / 2) + eulerGamma
        return SIMD2(f + ev * sing, fx + ev * x / (rho * (v + rho)))
    }

    /// F, ∂F/∂X, ∂F/∂V at (X, V), X ≥ 0, V > 0 (V = 0 allowed for X > 0).
    package func evaluate(x: Double, v: Double) -> (f: Double, fx: Double, fv: Double) {
        evaluate(x: x, v: v, expMinusV: exp(-v))
    }

    /// The same with `e^{−V}` given (the panel method forms it as a product of per-panel factors e^{νz}).
    @inline(__always)
    package func evaluate(x: Double, v: Double, expMinusV ev: Double) -> (f: Double, fx: Double, fv: Double) {
        let rho = (x * x + v * v).squareRoot()
        let f: Double, fx: Double
        if rho >= Self.extent {
            (f, fx) = Self.farField(x: x, v: v, rho: rho, ev: ev)
        } else {
            let r = interpolate(x: x, v: v)
            f = r.x - ev * (log((v + rho) / 2) + Self.eulerGamma)
            fx = r.y - ev * x / (rho * (v + rho))
        }
        return (f, fx, -f - 1 / rho)
    }

    /// Far-field expansion (ρ ≥ 40): F = −π e^{−V} Y₀(X) − Σₖ₌₀⁷ k! Pₖ(c)/ρ^{k+1}, c = V/ρ; and ∂F/∂X.
    static func farField(x: Double, v: Double, rho: Double, ev: Double) -> (Double, Double) {
        let c = v / rho
        var pPrev = 1.0, p = c          // P₀, P₁
        var dPrev = 0.0, d = 1.0        // P₀', P₁'
        var fact = 1.0, rk = 1 / rho    // k!, 1/ρ^{k+1}
        // k = 0
        var s = rk, sx = -x / (rho * rho * rho)   // ∂/∂X(1/ρ)
        for k in 1...7 {
            fact *= Double(k)
            rk /= rho
            if k >= 2 {
                let pn = (Double(2 * k - 1) * c * p - Double(k - 1) * pPrev) / Double(k)
                let dn = dPrev + Double(2 * k - 1) * p
                pPrev = p; p = pn; dPrev = d; d = dn
            }
            s += fact * p * rk
            // ∂/∂X [Pₖ(c)/ρ^{k+1}] = −(k+1) X Pₖ/ρ^{k+3} − (V X/ρ³) Pₖ'(c)/ρ^{k+1}
            sx += fact * (-Double(k + 1) * x * p * rk / (rho * rho) - v * x / (rho * rho * rho) * d * rk)
        }
        // the oscillatory term matters only for X ≳ 1 (for X < 1, V > 39 and e^{−V} Y(X) is below round-off)
        let f = x < 1 ? -s : -Double.pi * ev * y0(x) - s
        let fx = x < 1 ? -sx : Double.pi * ev * y1(x) - sx
        return (f, fx)
    }

    func interpolate(x: Double, v: Double) -> SIMD2<Double> {
        let nx = Self.nx, nv = Self.nv
        let sx = (x / Self.extent).squareRoot() * Double(nx), sv = (v / Self.extent).squareRoot() * Double(nv)
        let ix = min(max(Int(sx) - 1, 0), nx - 3), iv = min(max(Int(sv) - 1, 0), nv - 3)
        let wx = Self.lagrange(sx - Double(ix)), wv = Self.lagrange(sv - Double(iv))
        var acc = SIMD2<Double>.zero
        table.withUnsafeBufferPointer { t in
            func row(_ b: Int) -> SIMD2<Double> {
                let r = (iv + b) * (nx + 1) + ix
                var q = t[r] * wx.0
                q += t[r + 1] * wx.1
                q += t[r + 2] * wx.2
                q += t[r + 3] * wx.3
                return q
            }
            acc = row(0) * wv.0
            acc += row(1) * wv.1
            acc += row(2) * wv.2
            acc += row(3) * wv.3
        }
        return acc
    }

    /// Bessel J₀, J₁ on a uniform grid of step 1/`besselDensity` over [0, `besselExtent`] (cubic Lagrange
    /// interpolation error < 1e-11): the panel method needs both at every wave-part evaluation, where libm's
    /// `j0`/`j1` would take about half of the assembly time.
    static let besselExtent = 48.0, besselDensity = 256.0
    let besselTable: [SIMD2<Double>] = {
        let n = Int(DeepWaterGreenFunction.besselExtent * DeepWaterGreenFunction.besselDensity) + 4
        return (0..<n).map { k in
            let x = (Double(k) - 1) / DeepWaterGreenFunction.besselDensity   // node k at x = (k − 1)·step
            return SIMD2(j0(x), j1(x))
        }
    }()

    /// (J₀(x), J₁(x)) for x ≥ 0: table below `besselExtent` − 1, libm above.
    @inline(__always)
    package func bessel(_ x: Double) -> (j0: Double, j1: Double) {
        guard x < Self.besselExtent - 1 else { return (j0(x), j1(x)) }
        let s = x * Self.besselDensity
        let i = Int(s)                 // nodes i−1 … i+2 are table entries i … i+3
        let w = Self.lagrange(s - Double(i) + 1)
        return besselTable.withUnsafeBufferPointer { t in
            var q = t[i] * w.0
            q += t[i + 1] * w.1
            q += t[i + 2] * w.2
            q += t[i + 3] * w.3
            // J₁ is odd: the node at x = −step holds j1(−step) = −J₁(step), as the interpolant needs
            return (q.x, q.y)
        }
    }

    /// Cubic Lagrange weights for nodes 0, 1, 2, 3 at position `t`.
    static func lagrange(_ t: Double) -> (Double, Double, Double, Double) {
        let a = t, b = t - 1, c = t - 2, d = t - 3
        return (-b * c * d / 6, a * c * d / 2, -a * b * d / 2, a * b * c / 6)
    }
}
