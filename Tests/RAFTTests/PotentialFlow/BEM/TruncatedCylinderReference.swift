import Foundation
import LAPACK
import Numerics
@testable import RAFT

/// Semi-analytic radiation solution for a floating truncated vertical circular cylinder (radius a, draft T) in
/// water of depth h by eigenfunction matching (the method of Yeung 1981, Applied Ocean Research 3(3) 119–133),
/// written here from the boundary-value problem; test-side reference for the panel method in finite depth.
///
/// With u = z + h ∈ [0, h], d = h − T and φ = ψ(r, u)·cos(qθ) (q = 0 heave, q = 1 surge and pitch):
/// * exterior r > a: ψ = Σₙ Aₙ Rₙ(r)/Rₙ(a) Zₙ(u), Z₀ = cosh k₀u/√N₀, Zₙ = cos kₙu/√Nₙ (k₀ tanh k₀h = ν,
///   kₙ tan kₙh = −ν), R₀ = H_q⁽²⁾(k₀r) (outgoing for e^{iωt}), Rₙ = K_q(kₙr); ∫₀ʰ ZₘZₙ du = h δₘₙ;
/// * under the body r < a, 0 < u < d: ψ = ψ_p + Σₘ Bₘ εₘ(r) cos λₘu, λₘ = mπ/d, εₘ = I_q(λₘr)/I_q(λₘa)
///   (ε₀ = 1 for q = 0, r/a for q = 1), with the particular solutions ψ_p = (u² − r²/2)/(2d) (heave, ∂ψ/∂u = 1
///   on the bottom) and ψ_p = −(u²r/(2d) − r³/(8d)) (pitch about the origin on the free surface, ∂ψ/∂u = −r);
/// * at r = a: ∂ψ/∂r continuous on 0 < u < d and equal to the side-wall velocity (0, 1, u − h) above, projected on
///   Zₙ over [0, h]; ψ continuous on 0 < u < d, projected on cos λₘu. The Bₘ solve an (M+1)² complex system.
/// Coefficients as the panel method's (nondimensional Ā = A/ρ, B̄ = B/(ρω), about the origin):
/// Ā_ij = −Re ∫ φⱼ nᵢ dS, B̄_ij = Im ∫ φⱼ nᵢ dS with n out of the body.
struct TruncatedCylinderReference {
    let a: Double, draft: Double, depth: Double
    /// Exterior (n = 0…N) and interior (m = 0…M) mode counts.
    var exteriorModes = 120, interiorModes = 60

    /// (Ā, B̄) for (heave-heave, surge-surge, surge-pitch, pitch-surge, pitch-pitch) at ν = ω²/g.
    struct Coefficients {
        var a33 = 0.0, b33 = 0.0, a11 = 0.0, b11 = 0.0, a15 = 0.0, b15 = 0.0, a51 = 0.0, b51 = 0.0, a55 = 0.0, b55 = 0.0
    }

    func coefficients(nu: Double) -> Coefficients {
        let h = depth, d = depth - draft
        let k = waveNumbers(nu: nu)
        let nModes = k.count, mModes = interiorModes + 1
        // mode integrals
        var norm = [Double](repeating: 0, count: nModes)
        var intSide = norm, intSideZ = norm, intUnder = norm, intUnderU2 = norm
        var L = [[Double]](repeating: [Double](repeating: 0, count: nModes), count: mModes)   // L[m][n]
        for n in 0..<nModes {
            let kk = k[n], kd = kk * d, kh = kk * h
            if n == 0 {
                norm[n] = (0.5 * (1 + sinh(2 * kh) / (2 * kh))).squareRoot()
                intSide[n] = (sinh(kh) - sinh(kd)) / kk
                intSideZ[n] = -cosh(kh) / (kk * kk) + draft * sinh(kd) / kk + cosh(kd) / (kk * kk)
                intUnder[n] = sinh(kd) / kk
                intUnderU2[n] = d * d * sinh(kd) / kk - 2 * d * cosh(kd) / (kk * kk) + 2 * sinh(kd) / (kk * kk * kk)
                for m in 0..<mModes {
                    let l = Double(m) * Double.pi / d
                    L[m][n] = (m % 2 == 0 ? 1 : -1) * kk * sinh(kd) / (kk * kk + l * l)
                }
            } else {
                norm[n] = (0.5 * (1 + sin(2 * kh) / (2 * kh))).squareRoot()
                intSide[n] = (sin(kh) - sin(kd)) / kk
                intSideZ[n] = cos(kh) / (kk * kk) + draft * sin(kd) / kk - cos(kd) / (kk * kk)
                intUnder[n] = sin(kd) / kk
                intUnderU2[n] = d * d * sin(kd) / kk + 2 * d * cos(kd) / (kk * kk) - 2 * sin(kd) / (kk * kk * kk)
                for m in 0..<mModes {
                    let l = Double(m) * Double.pi / d
                    if abs(kk - l) < 1e-12 * kk {
                        L[m][n] = 0.5 * d + sin(2 * kk * d) / (4 * kk)
                    } else {
                        L[m][n] = (m % 2 == 0 ? 1 : -1) * kk * sin(kd) / (kk * kk - l * l)
                    }
                }
            }
            intSide[n] /= norm[n]; intSideZ[n] /= norm[n]; intUnder[n] /= norm[n]; intUnderU2[n] /= norm[n]
            for m in 0..<mModes { L[m][n] /= norm[n] }
        }
        // ∫₀^d u² cos λu du and ∫₀^d cos λu du
        let u2 = (0..<mModes).map { m -> Double in
            m == 0 ? d * d * d / 3 : 2 * d * (m % 2 == 0 ? 1 : -1) / pow(Double(m) * Double.pi / d, 2)
        }
        let u0 = (0..<mModes).map { $0 == 0 ? d : 0 }
        var out = Coefficients()
        // heave (q = 0)
        do {
            let rp = radialDerivatives(order: 0, k: k)
            let ep = (0..<mModes).map { m -> Double in
                guard m > 0 else { return 0 }
                let l = Double(m) * Double.pi / d
                return l * Self.scaledI(1, l * a) / Self.scaledI(0, l * a)
            }
            let c = (0..<nModes).map { -(a / (2 * d)) * intUnder[$0] }
            let p = (0..<mModes).map { (u2[$0] - a * a / 2 * u0[$0]) / (2 * d) }
            let (A, B) = solve(c: c, p: p, ep: ep, rp: rp, L: L, d: d)
            var ib = ComplexDouble((d * d * a * a / 2 - a * a * a * a / 8) / (2 * d), 0) + B[0] * ComplexDouble(a * a / 2, 0)
            for m in 1..<mModes {
                let l = Double(m) * Double.pi / d
                ib = ib + B[m] * ComplexDouble((m % 2 == 0 ? 1 : -1) * a * Self.scaledI(1, l * a) / (l * Self.scaledI(0, l * a)), 0)
            }
            _ = A
            let f = ib * ComplexDouble(-2 * Double.pi, 0)
            out.a33 = -f.real; out.b33 = f.imaginary
        }
        // surge and pitch (q = 1)
        let rp = radialDerivatives(order: 1, k: k)
        let ep = (0..<mModes).map { m -> Double in
            guard m > 0 else { return 1 / a }
            let l = Double(m) * Double.pi / d
            return l * (Self.scaledI(0, l * a) / Self.scaledI(1, l * a) - 1 / (l * a))
        }
        func forces(A: [ComplexDouble], B: [ComplexDouble], bottomParticular: Double) -> (n1: ComplexDouble, n5: ComplexDouble) {
            var side = ComplexDouble.zero, sideZ = ComplexDouble.zero
            for n in 0..<nModes {
                side = side + A[n] * ComplexDouble(intSide[n], 0)
                sideZ = sideZ + A[n] * ComplexDouble(intSideZ[n], 0)
            }
            var bottom = ComplexDouble(bottomParticular, 0) + B[0] * ComplexDouble(a * a * a / 4, 0)
            for m in 1..<mModes {
                let l = Double(m) * Double.pi / d
                bottom = bottom + B[m] * ComplexDouble((m % 2 == 0 ? 1 : -1) * a * a * Self.scaledI(2, l * a) / (l * Self.scaledI(1, l * a)), 0)
            }
            let pa = ComplexDouble(Double.pi * a, 0)
            return (pa * side, pa * sideZ + ComplexDouble(Double.pi, 0) * bottom)
        }
        do {   // surge
            let (A, B) = solve(c: intSide, p: [Double](repeating: 0, count: mModes), ep: ep, rp: rp, L: L, d: d)
            let f = forces(A: A, B: B, bottomParticular: 0)
            out.a11 = -f.n1.real; out.b11 = f.n1.imaginary
            out.a51 = -f.n5.real; out.b51 = f.n5.imaginary
        }
        do {   // pitch
            let c = (0..<nModes).map { -intUnderU2[$0] / (2 * d) + 3 * a * a / (8 * d) * intUnder[$0] + intSideZ[$0] }
            let p = (0..<mModes).map { -(a / (2 * d)) * u2[$0] + a * a * a / (8 * d) * u0[$0] }
            let (A, B) = solve(c: c, p: p, ep: ep, rp: rp, L: L, d: d)
            let f = forces(A: A, B: B, bottomParticular: -(d * pow(a, 4) / 8 - pow(a, 6) / (48 * d)))
            out.a15 = -f.n1.real; out.b15 = f.n1.imaginary
            out.a55 = -f.n5.real; out.b55 = f.n5.imaginary
        }
        return out
    }

    /// Bₘ from Σₙ Aₙ L[m][n] − Bₘ dₘ = pₘ with Aₙ = (cₙ + Σₘ Bₘ εₘ′ L[m][n]) / (h Rₙ′); returns (A, B).
    private func solve(c: [Double], p: [Double], ep: [Double], rp: [ComplexDouble], L: [[Double]], d: Double)
        -> ([ComplexDouble], [ComplexDouble]) {
        let mm = p.count, nn = c.count, h = depth
        let inv = rp.map { ComplexDouble(1, 0) / ($0 * ComplexDouble(h, 0)) }
        var mat = [ComplexDouble](repeating: .zero, count: mm * mm), rhs = [ComplexDouble](repeating: .zero, count: mm)
        for m in 0..<mm {
            var r = ComplexDouble(p[m], 0)
            for n in 0..<nn { r = r - ComplexDouble(c[n] * L[m][n], 0) * inv[n] }
            rhs[m] = r
            for m2 in 0..<mm {
                var s = ComplexDouble.zero
                if ep[m2] != 0 { for n in 0..<nn { s = s + ComplexDouble(ep[m2] * L[m2][n] * L[m][n], 0) * inv[n] } }
                if m == m2 { s = s - ComplexDouble(m == 0 ? d : d / 2, 0) }
                mat[m + mm * m2] = s
            }
        }
        let b = Self.gaussSolve(mat, rhs, n: mm)
        let A = (0..<nn).map { n -> ComplexDouble in
            var s = ComplexDouble(c[n], 0)
            for m in 0..<mm { s = s + b[m] * ComplexDouble(ep[m] * L[m][n], 0) }
            return s * inv[n]
        }
        return (A, b)
    }

    /// Rₙ′(a)/Rₙ(a) for the exterior modes of azimuthal order q.
    private func radialDerivatives(order q: Int, k: [Double]) -> [ComplexDouble] {
        k.enumerated().map { n, kk in
            let x = kk * a
            if n == 0 {
                let h0 = ComplexDouble(j0(x), -y0(x)), h1 = ComplexDouble(j1(x), -y1(x))
                if q == 0 { return ComplexDouble(-kk, 0) * h1 / h0 }
                return ComplexDouble(kk, 0) * (h0 - h1 * ComplexDouble(1 / x, 0)) / h1
            }
            if q == 0 { return ComplexDouble(-kk * Self.scaledK(1, x) / Self.scaledK(0, x), 0) }
            return ComplexDouble(-kk * (Self.scaledK(0, x) / Self.scaledK(1, x) + 1 / x), 0)
        }
    }

    /// k₀ and kₙ (n = 1…N) [1/m].
    func waveNumbers(nu: Double) -> [Double] {
        let h = depth, y = nu * h
        var out = [FiniteDepthGreenFunction.waveNumber(nu: nu, depth: h)]
        for n in 1...exteriorModes {
            // x sin x + y cos x = 0 on ((n − ½)π, nπ)
            var lo = (Double(n) - 0.5) * Double.pi, hi = Double(n) * Double.pi
            let fLo = lo * sin(lo) + y * cos(lo)
            for _ in 0..<200 {
                let mid = 0.5 * (lo + hi)
                let f = mid * sin(mid) + y * cos(mid)
                if (f < 0) == (fLo < 0) { lo = mid } else { hi = mid }
                if hi - lo < 1e-15 * hi { break }
            }
            out.append(0.5 * (lo + hi) / h)
        }
        return out
    }

    /// e^{−x} Iₙ(x) = (1/π) ∫₀^π e^{x(cos t − 1)} cos nt dt (trapezoid rule: exact to round-off for this periodic integrand).
    static func scaledI(_ n: Int, _ x: Double) -> Double {
        let m = 64 + Int(12 * x.squareRoot())
        var s = 0.0
        for i in 0...m {
            let t = Double.pi * Double(i) / Double(m)
            let f = exp(x * (cos(t) - 1)) * cos(Double(n) * t)
            s += (i == 0 || i == m) ? 0.5 * f : f
        }
        return s / Double(m)
    }

    /// e^{x} Kₙ(x) = ∫₀^∞ e^{−x(cosh t − 1)} cosh nt dt (trapezoid rule, step 0.02).
    static func scaledK(_ n: Int, _ x: Double) -> Double {
        let step = 0.02
        var s = 0.5, t = 0.0
        while true {
            t += step
            let e = x * (cosh(t) - 1)
            if e > 50 { break }
            s += exp(-e) * cosh(Double(n) * t)
        }
        return s * step
    }

    /// Gaussian elimination with partial pivoting (column-major n×n).
    static func gaussSolve(_ a0: [ComplexDouble], _ b0: [ComplexDouble], n: Int) -> [ComplexDouble] {
        var a = a0, b = b0
        for col in 0..<n {
            var piv = col
            for r in col..<n where a[r + n * col].length > a[piv + n * col].length { piv = r }
            if piv != col {
                for c in 0..<n { a.swapAt(col + n * c, piv + n * c) }
                b.swapAt(col, piv)
            }
            let d = a[col + n * col]
            for r in (col + 1)..<n {
                let f = a[r + n * col] / d
                if f == .zero { continue }
                for c in col..<n { a[r + n * c] = a[r + n * c] - f * a[col + n * c] }
                b[r] = b[r] - f * b[col]
            }
        }
        var x = [ComplexDouble](repeating: .zero, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = b[r]
            for c in (r + 1)..<n { s = s - a[r + n * c] * x[c] }
            x[r] = s / a[r + n * r]
        }
        return x
    }
}
