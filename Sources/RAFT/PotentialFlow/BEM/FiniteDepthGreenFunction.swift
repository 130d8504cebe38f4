#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK
import Numerics

/// The free-surface Green function in water of finite depth h at one frequency (John 1950; Wehausen & Laitone
/// 1960 eq. 13.18), e^{iωt} convention, outgoing waves, field point x = (x, y, z), source ξ = (ξ, η, ζ), −h < z, ζ < 0:
///
///     G = 1/r + 1/r₂ + 2 PV∫₀^∞ (k + ν) e^{−kh} cosh k(z+h) cosh k(ζ+h) / (k sinh kh − ν cosh kh) J₀(kR) dk
///         − iπ c₀ Σₘ e^{−k₀aₘ} J₀(k₀R),
///
/// ν = ω²/g, k₀ tanh k₀h = ν, r₂ the distance to the source's image in the bottom, and
/// c₀ = (k₀ + ν)² / (2(ν + h(k₀² − ν²))) the residue at k₀. Expanding the cosh products, the integrand is
/// K(k)·Σₘ e^{−k aₘ} J₀(kR) with K = (k + ν)/((k − ν) − (k + ν)e^{−2kh}) and the four image distances
/// a₁ = −(z+ζ), a₂ = z+ζ+4h, a₃ = 2h − (z−ζ), a₄ = 2h + (z−ζ) (all ≥ 0). Splitting K = (k+ν)/(k−ν) + B(k)
/// (derived here; the decomposition of Delhommeau's finite-depth kernel into deep-water terms plus a remainder):
///
///     Re G = 1/r + 1/r₂ + Σₘ [1/ρₘ + 2ν F(νR, νaₘ)] + Σₘ W(R, aₘ),    ρₘ = √(R² + aₘ²),
///     W(R, a) = PV∫₀^∞ B(k) e^{−ka} J₀(kR) dk,    B = (k + ν)² e^{−2kh} / ((k − ν)·D(k)),  D = (k−ν) − (k+ν)e^{−2kh},
///
/// with F the deep-water function (`DeepWaterGreenFunction`; its ρ₁ = r₁ part is the free-surface image of the
/// panel method's exact Rankine integrals). B decays like e^{−2kh}, so W is smooth for every a ≥ 0; its poles
/// (ν with residue −2ν, k₀ with residue c₀) are subtracted and integrated analytically, the smooth rest by
/// composite 16-point Gauss–Legendre on [0, K], and W, ∂W/∂R, ∂W/∂a are tabulated per frequency on uniform
/// grids over the (R, a) ranges the mesh needs and interpolated with 4×4-point Lagrange polynomials.
/// As h → ∞, k₀ → ν, c₀ → 2ν and the extra terms vanish: the deep-water function (tests: ≤ 1e-6 relative).
package struct FiniteDepthGreenFunction: Sendable {
    /// ν = ω²/g [1/m], depth h [m], wavenumber k₀ [1/m] and residue c₀ [1/m].
    package let nu: Double, depth: Double, k0: Double, c0: Double
    /// W tables for the ranges of a₁, a₃/a₄, a₂.
    let tables: [Table]
    let deep = DeepWaterGreenFunction.shared

    /// W, ∂W/∂R, ∂W/∂a on a uniform (R, a) grid.
    struct Table: Sendable {
        let dR: Double, a0: Double, da: Double, nR: Int, na: Int
        /// (W, W_R, W_a), index i + nR·j for R = i·dR, a = a0 + j·da.
        let values: [SIMD3<Double>]
    }

    /// Real wavenumber k₀ of the dispersion relation k tanh(kh) = ν [1/m] (Newton on x tanh x = νh).
    package static func waveNumber(nu: Double, depth h: Double) -> Double {
        let y = nu * h
        guard y > 0 else { return 0 }
        if y > 20 { return nu }   // tanh(20) = 1 − 8e-18
        var x = max(y.squareRoot(), y)
        for _ in 0..<60 {
            let t = tanh(x)
            let f = x * t - y, df = t + x * (1 - t * t)
            let dx = f / df
            x -= dx
            if abs(dx) <= 1e-16 * x { break }
        }
        return x / h
    }

    /// - Parameters: nu: ω²/g [1/m]; depth: h [m]; maxHorizontalDistance: largest R between collocation
    ///   points and sources [m]; zRange: the lowest and highest z of those points [m] (−h < z ≤ 0).
    package init(nu: Double, depth h: Double, maxHorizontalDistance rMax: Double, zRange: (lo: Double, hi: Double)) {
        self.nu = nu
        self.depth = h
        let k0 = Self.waveNumber(nu: nu, depth: h)
        self.k0 = k0
        c0 = (k0 + nu) * (k0 + nu) / (2 * (nu + h * (k0 * k0 - nu * nu)))
        let span = zRange.hi - zRange.lo
        let ranges = [(-2 * zRange.hi, -2 * zRange.lo),               // a₁
                      (2 * h - span, 2 * h + span),                    // a₃, a₄
                      (4 * h + 2 * zRange.lo, 4 * h + 2 * zRange.hi)]  // a₂
        let c0 = self.c0
        tables = ranges.map { Self.makeTable(nu: nu, h: h, k0: k0, c0: c0, rMax: max(rMax, 1e-9), aLo: max($0.0, 0), aHi: max($0.1, 0)) }
    }

    /// B(k) = K(k) − (k+ν)/(k−ν) (finite-depth kernel minus the deep-water one).
    @inline(__always)
    static func kernelRemainder(_ k: Double, nu: Double, h: Double) -> Double {
        let e = exp(-2 * k * h)
        let d = (k - nu) - (k + nu) * e
        return (k + nu) * (k + nu) * e / ((k - nu) * d)
    }

    static func makeTable(nu: Double, h: Double, k0: Double, c0: Double, rMax: Double, aLo: Double, aHi: Double) -> Table {
        // k quadrature: B e^{−ka} ≤ e^{−k(2h + a)}; panels no wider than the J₀(kR) period or the decay length
        let kTop = 1.2 * max(k0, nu) + 38 / (2 * h + aLo)
        let width = min(2 * Double.pi / rMax, 4 / (2 * h + aHi), kTop / 8)
        var edges: [Double] = [0]
        func addSegment(to end: Double) {
            let start = edges.last!
            let m = max(1, Int(((end - start) / width).rounded(.up)))
            for i in 1...m { edges.append(start + (end - start) * Double(i) / Double(m)) }
        }
        if k0 - nu > 1e-3 * width {
            addSegment(to: nu); addSegment(to: k0)
        } else {
            addSegment(to: 0.5 * (nu + k0))
        }
        addSegment(to: kTop)
        var nodes: [Double] = [], weights: [Double] = []
        let gl = GaussLegendre.rule16
        for s in 0..<(edges.count - 1) {
            let c = 0.5 * (edges[s] + edges[s + 1]), hw = 0.5 * (edges[s + 1] - edges[s])
            for (x, w) in zip(gl.nodes, gl.weights) { nodes.append(c + hw * x); weights.append(hw * w) }
        }
        // w_q B(k_q), and the pole corrections c_p = PV∫₀^K dk/(k − p) − Σ w_q/(k_q − p)
        let wb = zip(nodes, weights).map { $1 * kernelRemainder($0, nu: nu, h: h) }
        let poles = [(p: nu, r: -2 * nu), (p: k0, r: c0)].map { pole -> (p: Double, rc: Double) in
            var sum = 0.0
            for (k, w) in zip(nodes, weights) { sum += w / (k - pole.p) }
            return (pole.p, pole.r * (log((kTop - pole.p) / pole.p) - sum))
        }
        // grid: W varies on the scale of the decay length 2h + a and, where e^{−pa} is not negligible, 1/p
        var scale = 2 * h + aLo
        if max(nu, k0) * aLo < 40 { scale = min(scale, 1 / max(nu, k0)) }
        let step = 0.08 * scale
        let nR = Int((rMax / step).rounded(.up)) + 4
        let na = Int(((aHi - aLo) / step).rounded(.up)) + 4
        let dR = rMax / Double(nR - 4), da = max(aHi - aLo, 1e-12) / Double(na - 4)
        let a0 = aLo - da   // one node below the range, two above (cubic stencils)
        let dRc = dR
        // J-side factors per R node, e^{−ka} per a node
        let nq = nodes.count
        var expTable = [Double](repeating: 0, count: nq * na)   // e^{−k_q a_j}, index q + nq·j
        for j in 0..<na {
            let a = a0 + Double(j) * da   // the node below aLo may be negative: W is analytic for a > −2h
            for q in 0..<nq { expTable[q + nq * j] = exp(-nodes[q] * a) }
        }
        var values = [SIMD3<Double>](repeating: .zero, count: nR * na)
        let nodesC = nodes, expC = expTable
        values.withUnsafeMutableBufferPointer { vp in
            let out = SharedBuffer(base: vp.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: nR) { i in
                let r = Double(i) * dRc
                var j0k = [Double](repeating: 0, count: nq), j1k = j0k, kj0k = j0k
                for q in 0..<nq {
                    let k = nodesC[q]
                    j0k[q] = wb[q] * j0(k * r)
                    j1k[q] = -wb[q] * k * j1(k * r)
                    kj0k[q] = -k * j0k[q]
                }
                let pj = poles.map { (j0($0.p * r), -$0.p * j1($0.p * r)) }
                for j in 0..<na {
                    let a = a0 + Double(j) * da   // the node below aLo may be negative: W is analytic for a > −2h
                    var w = 0.0, wr = 0.0, wa = 0.0
                    let eRow = nq * j
                    for q in 0..<nq {
                        let e = expC[eRow + q]
                        w += j0k[q] * e
                        wr += j1k[q] * e
                        wa += kj0k[q] * e
                    }
                    for (pole, jp) in zip(poles, pj) {
                        let e = pole.rc * exp(-pole.p * a)
                        w += e * jp.0
                        wr += e * jp.1
                        wa -= pole.p * e * jp.0
                    }
                    out.base[i + nR * j] = SIMD3(w, wr, wa)
                }
            }
        }
        return Table(dR: dR, a0: a0, da: da, nR: nR, na: na, values: values)
    }

    /// (W, ∂W/∂R, ∂W/∂a) at (R, a) from the table covering a.
    @inline(__always)
    func remainder(r: Double, a: Double) -> SIMD3<Double> {
        let t = a < tables[1].a0 ? tables[0] : (a < tables[2].a0 ? tables[1] : tables[2])
        let sx = r / t.dR, sa = (a - t.a0) / t.da
        let ix = min(max(Int(sx) - 1, 0), t.nR - 4), ia = min(max(Int(sa) - 1, 0), t.na - 4)
        let wx = DeepWaterGreenFunction.lagrange(sx - Double(ix)), wa = DeepWaterGreenFunction.lagrange(sa - Double(ia))
        return t.values.withUnsafeBufferPointer { v in
            func row(_ b: Int) -> SIMD3<Double> {
                let o = (ia + b) * t.nR + ix
                var q = v[o] * wx.0
                q += v[o + 1] * wx.1
                q += v[o + 2] * wx.2
                q += v[o + 3] * wx.3
                return q
            }
            var acc = row(0) * wa.0
            acc += row(1) * wa.1
            acc += row(2) * wa.2
            acc += row(3) * wa.3
            return acc
        }
    }

    /// G minus the panel method's exact Rankine parts 1/r + 1/r₁, and its derivatives with respect to the
    /// horizontal distance R and the source height ζ, at field height z and source height ζ [m].
    package func wavePart(r: Double, z: Double, zeta: Double) -> WaveTerms {
        let h = depth, nu = self.nu
        let a = (-(z + zeta), z + zeta + 4 * h, 2 * h - (z - zeta), 2 * h + (z - zeta))
        let sigma = (-1.0, 1.0, 1.0, -1.0)   // ∂aₘ/∂ζ
        let s = z + zeta + 2 * h             // bottom image of the source
        let rs = (r * r + s * s).squareRoot()
        var g = 1 / rs, gr = -r / (rs * rs * rs), gz = -s / (rs * rs * rs)
        var gi = 0.0, gir = 0.0, giz = 0.0
        let j0v = j0(k0 * r), j1v = j1(k0 * r)
        func add(_ am: Double, _ sm: Double, rankine: Bool) {
            if rankine {
                let rho = (r * r + am * am).squareRoot(), r3 = rho * rho * rho
                g += 1 / rho; gr -= r / r3; gz -= sm * am / r3
            }
            let f = deep.evaluate(x: nu * r, v: nu * am)
            let w = remainder(r: r, a: am)
            g += 2 * nu * f.f + w.x
            gr += 2 * nu * nu * f.fx + w.y
            gz += sm * (2 * nu * nu * f.fv + w.z)
            let e = exp(-k0 * am)
            gi += e * j0v; gir += e * j1v; giz += sm * e * j0v
        }
        add(a.0, sigma.0, rankine: false)
        add(a.1, sigma.1, rankine: true)
        add(a.2, sigma.2, rankine: true)
        add(a.3, sigma.3, rankine: true)
        let pc = Double.pi * c0
        return WaveTerms(g: ComplexDouble(g, -pc * gi), dR: ComplexDouble(gr, pc * k0 * gir),
                         dZeta: ComplexDouble(gz, pc * k0 * giz))
    }

    /// cosh k₀(z + h) / cosh k₀h, the depth decay of the incident wave (z ≤ 0).
    package static func depthFactor(k0: Double, depth h: Double, z: Double) -> Double {
        (exp(k0 * z) + exp(-k0 * (z + 2 * h))) / (1 + exp(-2 * k0 * h))
    }
}

/// The image series of the infinite-frequency limit in finite depth (φ = 0 on z = 0, ∂φ/∂z = 0 on z = −h):
/// G∞ = 1/r − 1/r₁ + Σ_{n≠0} (−1)ⁿ [1/|x − ξ − 2hn ẑ| − 1/|x − ξ̄ − 2hn ẑ|], ξ̄ the source's image in z = 0.
/// The sum (terms O(1/n²), alternating) is truncated at |n| = 64: error < 1e-6 of the leading image.
package struct FiniteDepthInfiniteFrequencyImages: Sendable {
    package let depth: Double
    package init(depth: Double) { self.depth = depth }

    package func wavePart(r: Double, z: Double, zeta: Double) -> WaveTerms {
        var g = 0.0, gr = 0.0, gz = 0.0
        let r2 = r * r
        for n in 1...64 {
            let sign = n % 2 == 0 ? 1.0 : -1.0
            for m in [Double(n), -Double(n)] {
                let shift = 2 * depth * m
                let dp = z - zeta - shift, dm = z + zeta - shift
                let lp = (r2 + dp * dp).squareRoot(), lm = (r2 + dm * dm).squareRoot()
                let lp3 = lp * lp * lp, lm3 = lm * lm * lm
                g += sign * (1 / lp - 1 / lm)
                gr += sign * (-r / lp3 + r / lm3)
                // ∂/∂ζ: dp = z − ζ − s → ∂(1/lp)/∂ζ = dp/lp³; dm = z + ζ − s → ∂(1/lm)/∂ζ = −dm/lm³
                gz += sign * (dp / lp3 + dm / lm3)
            }
        }
        return WaveTerms(g: ComplexDouble(g, 0), dR: ComplexDouble(gr, 0), dZeta: ComplexDouble(gz, 0))
    }
}

/// A smooth part of the Green function at a (field, source) pair: value, ∂/∂R (horizontal distance) and ∂/∂ζ
/// (source height).
package struct WaveTerms: Sendable {
    package var g: ComplexDouble, dR: ComplexDouble, dZeta: ComplexDouble
}

/// Gauss–Legendre rules.
enum GaussLegendre {
    /// 16-point rule on [−1, 1] (nodes by Newton on P₁₆).
    static let rule16: (nodes: [Double], weights: [Double]) = rule(16)

    static func rule(_ n: Int) -> (nodes: [Double], weights: [Double]) {
        var x = [Double](repeating: 0, count: n), w = x
        for i in 0..<n {
            var t = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            var dp = 0.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = t
                for k in 2...n {
                    let p2 = (Double(2 * k - 1) * t * p1 - Double(k - 1) * p0) / Double(k)
                    p0 = p1; p1 = p2
                }
                dp = Double(n) * (t * p1 - p0) / (t * t - 1)
                let dt = p1 / dp
                t -= dt
                if abs(dt) < 1e-16 { break }
            }
            x[i] = t
            w[i] = 2 / ((1 - t * t) * dp * dp)
        }
        return (x, w)
    }
}
