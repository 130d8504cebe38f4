/// Cubic smoothing spline of airfoil polars, equivalent to SciPy's
/// `RectBivariateSpline(alpha, [10, 1e15], [z, z], kx: 3, ky: 1, s:)` as CCBlade (wisdem 3.22.5, `CCAirfoil`)
/// builds it for a single-Reynolds-number polar.
///
/// The 2-D FITPACK problem (`regrid` → `fpregr`/`fpgrre`/`fpknot`/`fpdisc`/`fprati`) reduces exactly to a 1-D
/// problem when both Reynolds columns are identical (spec 03 §5.2): the y-direction contributes the factor
/// `γ = 1 − 2⁻⁵³` and each residual is counted twice. The knot-placement heuristics and the smoothing-parameter
/// iteration follow FITPACK step by step (spec 03 §5.3) so that the discrete knot choices match SciPy.
package struct SmoothingSpline: Sendable, Equatable {
    /// Knots `t` (count n, clamped: 4 × x₀ … 4 × x_{m−1}) [rad].
    package private(set) var knots: [Double]
    /// B-spline coefficients (count n − 4).
    package private(set) var coefficients: [Double]
    /// Weighted sum of squared residuals of the fit (`fp`, both Reynolds columns counted).
    package private(set) var residual: Double
    /// FITPACK `ier` (0 smoothing spline, −1 interpolating, −2 least-squares polynomial).
    package private(set) var status: Int
    /// Derivative (degree-2) knots `t₂ … t_{n−1}` and coefficients (spec 03 §5.4, FITPACK `parder`).
    private var derivativeKnots: [Double]
    private var derivativeCoefficients: [Double]

    /// The FITPACK failure codes that SciPy raises on (RAFT crashes there).
    package enum FitError: Error, Sendable, Equatable, CustomStringConvertible {
        case storageExceeded, notConverging, maxIterations, badInput(String)
        package var description: String {
            switch self {
            case .storageExceeded: return "FITPACK regrid: knot storage exceeded (ier 1)"
            case .notConverging: return "FITPACK regrid: smoothing-parameter iteration failed (ier 2)"
            case .maxIterations: return "FITPACK regrid: maximum number of iterations reached (ier 3)"
            case .badInput(let s): return "FITPACK regrid: \(s)"
            }
        }
    }

    // Fortran single-precision literals stored as doubles (spec 03 P2).
    static let tol = 0.0010000000474974513
    static let con1 = 0.10000000149011612
    static let con9 = 0.8999999761581421
    static let con4 = 0.03999999910593033
    /// Linear B-spline value of a Reynolds point in the padded y-direction, fl(fl(1/D)·D) (spec 03 P3).
    static let gamma = 0.9999999999999999
    static let reLow = 10.0, reHigh = 1e15

    /// Fits the smoothing spline through `(x, z)` with smoothing factor `s` (FITPACK iopt 0, maxit 20).
    /// - Parameters:
    ///   - x: strictly increasing abscissae (angle of attack [rad]), at least 4 points.
    ///   - z: ordinates (lift or drag coefficient).
    ///   - s: smoothing factor (CCBlade: 0.1 for cl, 0.001 for cd).
    ///   - memo: least-squares reductions shared with other fits on the same `x` (same result, less work).
    package init(x: [Double], z: [Double], s: Double, memo: LeastSquaresMemo? = nil) throws(FitError) {
        switch try Self.prepare(x: x, z: z, s: s, memo: memo) {
        case .known(let fit): self = fit
        case .fit(let w, let key): self = Self.finish(key, try w.run(s: s))
        }
    }

    /// A fit's inputs, checked: its memoised (or stored) result, or a workspace to fit it in and the key to
    /// memoise the fit under (`finish`).
    enum Preparation { case known(SmoothingSpline), fit(Workspace, FitCache.Key) }

    static func prepare(x: [Double], z: [Double], s: Double, memo: LeastSquaresMemo?) throws(FitError) -> Preparation {
        let m = x.count
        guard m >= 4, z.count == m else { throw .badInput("need at least 4 points and equal lengths") }
        for i in 1..<m where !(x[i] > x[i - 1]) { throw .badInput("abscissae not strictly increasing") }
        guard s > 0 else { throw .badInput("smoothing factor must be positive") }
        let key = FitCache.Key(x: x, z: z, s: s)
        if let hit = FitCache.shared[key] { return .known(hit) }
        if let stored = FitCache.shared.persistentStore?.load(key) {
            let fit = SmoothingSpline(knots: stored.knots, coefficients: stored.coefficients, residual: stored.residual,
                                      status: stored.status)
            FitCache.shared[key] = fit
            return .known(fit)
        }
        return .fit(Workspace(x: x, z: z, memo: memo), key)
    }

    /// The spline of a finished fit, memoised under `key` (and stored in the persistent store, if any).
    static func finish(_ key: FitCache.Key, _ r: Workspace.Result) -> SmoothingSpline {
        let fit = SmoothingSpline(knots: r.t, coefficients: r.c, residual: r.fp, status: r.ier)
        FitCache.shared[key] = fit
        FitCache.shared.persistentStore?.store(
            key, StoredSplineFit(knots: fit.knots, coefficients: fit.coefficients, residual: fit.residual, status: fit.status))
        return fit
    }

    /// A fit restored from its stored knots, coefficients, residual and FITPACK status (exact bits).
    init(knots: [Double], coefficients: [Double], residual: Double, status: Int) {
        self.knots = knots
        self.coefficients = coefficients
        self.residual = residual
        self.status = status
        (derivativeKnots, derivativeCoefficients) = Self.derivative(knots: knots, coefficients: coefficients)
    }

    /// Coefficients and knots of the first derivative (FITPACK `parder`, nux = 1).
    static func derivative(knots t: [Double], coefficients c: [Double]) -> ([Double], [Double]) {
        let n = t.count
        var d = c
        // parder updates in place and only advances when the knot span is positive.
        var m0 = 0
        for i in 1...(n - 5) {  // 1-based i; knots t_{i+1}, t_{i+4}
            let fac = t[i + 3] - t[i]
            if fac <= 0 { continue }
            d[m0] = ((d[m0 + 1] - d[m0]) * 3.0) / fac
            m0 += 1
        }
        return (Array(t[1..<(n - 1)]), Array(d[0..<(n - 5)]))
    }

    /// Spline value at angle `alpha` [rad] and Reynolds number `re` (FITPACK `bispeu`; α clamped to the data range).
    package func value(_ alpha: Double, re: Double = 1e7) -> Double {
        Self.evaluate(knots: knots, coefficients: coefficients, degree: 3, alpha, re)
    }

    /// Derivative d/dα [1/rad] (FITPACK `parder` dx = 1; the boundary slope outside the range, spec 03 P4).
    package func slope(_ alpha: Double, re: Double = 1e7) -> Double {
        Self.evaluate(knots: derivativeKnots, coefficients: derivativeCoefficients, degree: 2, alpha, re)
    }

    /// Value and slope at once.
    package func valueAndSlope(_ alpha: Double, re: Double = 1e7) -> (Double, Double) {
        (value(alpha, re: re), slope(alpha, re: re))
    }


    static func evaluate(knots t: [Double], coefficients c: [Double], degree k: Int, _ alpha: Double, _ re: Double) -> Double {
        let n = t.count
        return t.withUnsafeBufferPointer { t in
            c.withUnsafeBufferPointer { c in
                // 0-based: t[k] = left end, t[n-k-1] = right end.
                var arg = alpha
                let tb = t[k], te = t[n - k - 1]
                if arg < tb { arg = tb }
                if arg > te { arg = te }
                // interval search: l (1-based) with t_l <= arg < t_{l+1}, l in k+1 ... n-k-1
                var l = k + 1
                let nk1 = n - k - 1
                // binary search equivalent of FITPACK's linear scan
                if !(arg < t[l] || l == nk1) {
                    var lo = l, hi = nk1  // answer in [lo, hi]
                    while lo < hi {
                        let mid = (lo + hi + 1) / 2
                        if arg >= t[mid - 1] { lo = mid } else { hi = mid - 1 }
                    }
                    l = lo
                }
                var h = (0.0, 0.0, 0.0, 0.0)
                if k == 3 { bsplineCubic(t, arg, l, &h) } else { bspline(t, k, arg, l, &h) }
                var yre = re
                if yre < reLow { yre = reLow }
                if yre > reHigh { yre = reHigh }
                let f = 1.0 / (reHigh - reLow)
                let wy1 = 0.0 + f * (reHigh - yre)
                let wy2 = f * (yre - reLow)
                var sp = 0.0
                let base = l - k - 1
                withUnsafeBytes(of: &h) { hb in
                    let hp = hb.bindMemory(to: Double.self)
                    for i in 0...k {
                        let cc = c[base + i]
                        sp = sp + (cc * hp[i]) * wy1
                        sp = sp + (cc * hp[i]) * wy2
                    }
                }
                return sp
            }
        }
    }

    /// `fpbspl` unrolled for k = 3 (same operations in the same order; hot path of the BEM root solve).
    @inline(__always)
    static func bsplineCubic(_ t: UnsafeBufferPointer<Double>, _ x: Double, _ l: Int,
                             _ out: inout (Double, Double, Double, Double)) {
        // 1-based knot t_j is t[j - 1].
        @inline(__always) func step(_ hh: Double, _ li: Int, _ lj: Int, _ hi: inout Double, _ hnext: inout Double) {
            let tli = t[li - 1], tlj = t[lj - 1]
            if tli == tlj { hnext = 0; return }
            let f = hh / (tli - tlj)
            hi = hi + f * (tli - x)
            hnext = f * (x - tlj)
        }
        var h0 = 1.0, h1 = 0.0, h2 = 0.0, h3 = 0.0
        // j = 1
        var hh0 = h0
        h0 = 0
        step(hh0, l + 1, l, &h0, &h1)
        // j = 2
        hh0 = h0; var hh1 = h1
        h0 = 0
        step(hh0, l + 1, l - 1, &h0, &h1)
        step(hh1, l + 2, l, &h1, &h2)
        // j = 3
        hh0 = h0; hh1 = h1; let hh2 = h2
        h0 = 0
        step(hh0, l + 1, l - 2, &h0, &h1)
        step(hh1, l + 2, l - 1, &h1, &h2)
        step(hh2, l + 3, l, &h2, &h3)
        out = (h0, h1, h2, h3)
    }

    /// FITPACK `fpbspl`: the k+1 non-zero B-splines of degree k ≤ 3 at x, with t_l ≤ x < t_{l+1} (l 1-based).

    static func bspline(_ t: UnsafeBufferPointer<Double>, _ k: Int, _ x: Double, _ l: Int,
                        _ out: inout (Double, Double, Double, Double)) {
        var h: (Double, Double, Double, Double) = (1, 0, 0, 0)
        var hh: (Double, Double, Double, Double) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &h) { hb in
            withUnsafeMutableBytes(of: &hh) { hhb in
                let h = hb.bindMemory(to: Double.self), hh = hhb.bindMemory(to: Double.self)
                if k >= 1 {
                    for j in 1...k {
                        for i in 0..<j { hh[i] = h[i] }
                        h[0] = 0
                        for i in 1...j {
                            let li = l + i, lj = li - j  // 1-based knot indices
                            let tli = t[li - 1], tlj = t[lj - 1]
                            if tli == tlj { h[i] = 0; continue }
                            let f = hh[i - 1] / (tli - tlj)
                            h[i - 1] = h[i - 1] + f * (tli - x)
                            h[i] = f * (x - tlj)
                        }
                    }
                }
            }
        }
        out = h
    }
}
