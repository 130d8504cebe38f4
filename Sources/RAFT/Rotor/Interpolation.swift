/// numpy-compatible 1-D helpers used by the rotor (spec 03 notation): `np.interp`, `np.linspace`, SciPy PCHIP.

/// numpy `interp(x, xp, fp, left, right)`: piecewise-linear, clamped to the end values (or `left`/`right`).
/// `xp` must be increasing. Value = slope·(x − xp_j) + fp_j, as numpy computes it.
func numpyInterp(_ x: Double, _ xp: [Double], _ fp: [Double], left: Double? = nil, right: Double? = nil) -> Double {
    let n = xp.count
    if n == 0 { return .nan }
    if x.isNaN { return x }
    if x < xp[0] { return left ?? fp[0] }
    if x > xp[n - 1] { return right ?? fp[n - 1] }
    if x == xp[n - 1] { return fp[n - 1] }
    if n == 1 { return fp[0] }
    // largest j with xp[j] <= x
    var lo = 0, hi = n - 1
    while hi - lo > 1 {
        let mid = (lo + hi) / 2
        if xp[mid] <= x { lo = mid } else { hi = mid }
    }
    let j = lo
    let slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
    var v = slope * (x - xp[j]) + fp[j]
    if v.isNaN { v = slope * (x - xp[j + 1]) + fp[j + 1] }
    return v
}

/// numpy `linspace(a, b, n, endpoint:)`.
func numpyLinspace(_ a: Double, _ b: Double, _ n: Int, endpoint: Bool = true) -> [Double] {
    if n <= 0 { return [] }
    if n == 1 { return [a] }
    let div = Double(endpoint ? n - 1 : n)
    let step = (b - a) / div
    var y = (0..<n).map { Double($0) * step + a }
    if endpoint { y[n - 1] = b }
    return y
}

/// SciPy `PchipInterpolator` (monotone cubic Hermite) reproduced bit-for-bit (spec 03 §3.1).
struct Pchip {
    let x: [Double]
    let y: [Double]
    let d: [Double]

    /// - Parameters: x strictly increasing knots (≥ 2), y values.
    init(x: [Double], y: [Double]) {
        self.x = x
        self.y = y
        var m = [Double](repeating: 0, count: x.count - 1), d = [Double](repeating: 0, count: x.count)
        y.withUnsafeBufferPointer { PchipWeights(x: x).derivatives(y: $0, secants: &m, into: &d) }
        self.d = d
    }

    /// Interval index i with x_i <= v < x_{i+1} (clamped to the end intervals).
    func interval(_ v: Double) -> Int {
        let n = x.count
        if v >= x[n - 1] { return n - 2 }
        if v < x[0] { return 0 }
        var lo = 0, hi = n - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if x[mid] <= v { lo = mid } else { hi = mid }
        }
        return lo
    }

    func callAsFunction(_ v: Double) -> Double {
        Self.evaluate(x: x, y: y, d: d, interval: interval(v), at: v)
    }

    /// Cubic Hermite piece in SciPy's power-basis form, accumulated in SciPy's order.
    static func evaluate(x: [Double], y: [Double], d: [Double], interval i: Int, at v: Double) -> Double {
        let dx = x[i + 1] - x[i]
        let slope = (y[i + 1] - y[i]) / dx
        let t = (d[i] + d[i + 1] - 2 * slope) / dx
        let c0 = t / dx, c1 = (slope - d[i]) / dx - t, c2 = d[i], c3 = y[i]
        let s = v - x[i]
        let s2 = s * s
        return (((0 + c3 * 1) + c2 * s) + c1 * s2) + c0 * (s2 * s)
    }
}

/// What SciPy's PCHIP derivatives need from the knots alone: the spacings, the interior weights and the end weights.
/// One rule serves `Pchip` (one value set) and `PchipGrid` (many value sets on the same knots); the weights are the
/// operands `2h_k + h_{k−1}` etc. that the rule would otherwise form per value set, so the bits are the same.
struct PchipWeights {
    /// Knot spacings h_k = x_{k+1} − x_k.
    let h: [Double]
    /// Interior derivative weights for knot k (index k − 1): w1 = 2h_k + h_{k−1}, w2 = h_k + 2h_{k−1}, w1 + w2.
    private let w1: [Double], w2: [Double], wSum: [Double]
    /// End-derivative weights (2h0 + h1, h0 + h1) at the first and at the last knot (n ≥ 3).
    private let edgeFirst: (a: Double, s: Double), edgeLast: (a: Double, s: Double)

    /// - Parameter x: knots, strictly increasing, ≥ 2.
    init(x: [Double]) {
        let n = x.count
        var h = [Double](repeating: 0, count: n - 1)
        for k in 0..<(n - 1) { h[k] = x[k + 1] - x[k] }
        self.h = h
        var w1: [Double] = [], w2: [Double] = [], wSum: [Double] = []
        if n > 2 {
            for k in 1..<(n - 1) {
                let a = 2 * h[k] + h[k - 1], b = h[k] + 2 * h[k - 1]
                w1.append(a); w2.append(b); wSum.append(a + b)
            }
            edgeFirst = (2 * h[0] + h[1], h[0] + h[1])
            edgeLast = (2 * h[n - 2] + h[n - 3], h[n - 2] + h[n - 3])
        } else {
            edgeFirst = (0, 0); edgeLast = (0, 0)
        }
        self.w1 = w1; self.w2 = w2; self.wSum = wSum
    }

    /// The secants m_k = (y_{k+1} − y_k)/h_k and SciPy's knot derivatives d: inside, the weighted harmonic mean of
    /// the neighbouring secants (zero at a sign change or a flat secant); at the ends, the one-sided three-point
    /// rule, limited as SciPy limits it.
    /// - Parameters: y the n knot values; secants (n − 1) and d (n) are overwritten.
    func derivatives(y: UnsafeBufferPointer<Double>, secants m: inout [Double], into d: inout [Double]) {
        let n = h.count + 1
        for k in 0..<(n - 1) { m[k] = (y[k + 1] - y[k]) / h[k] }
        if n == 2 {
            d[0] = m[0]; d[1] = m[0]
            return
        }
        func sgn(_ v: Double) -> Double { v > 0 ? 1 : (v < 0 ? -1 : 0) }
        for k in 1..<(n - 1) {
            if sgn(m[k]) != sgn(m[k - 1]) || m[k] == 0 || m[k - 1] == 0 {
                d[k] = 0
            } else {
                d[k] = 1.0 / ((w1[k - 1] / m[k - 1] + w2[k - 1] / m[k]) / wSum[k - 1])
            }
        }
        func edge(_ w: (a: Double, s: Double), _ h0: Double, _ m0: Double, _ m1: Double) -> Double {
            var dd = (w.a * m0 - h0 * m1) / w.s
            if sgn(dd) != sgn(m0) { dd = 0 } else if sgn(m0) != sgn(m1) && abs(dd) > 3 * abs(m0) { dd = 3 * m0 }
            return dd
        }
        d[0] = edge(edgeFirst, h[0], m[0], m[1])
        d[n - 1] = edge(edgeLast, h[n - 2], m[n - 2], m[n - 3])
    }
}

/// `Pchip` for many value sets that share the same knots and evaluation points (the rotor's per-angle thickness
/// blend of cl/cd: one set per angle of attack, the same knots = airfoil thicknesses, the same points = element
/// thicknesses). Everything that depends only on the knots and points — knot spacings, the derivative weights,
/// each point's interval and powers of its offset — is computed once here; `evaluate` then does only the
/// value-dependent operations, exactly the ones `Pchip.init` + `Pchip.callAsFunction` do, in the same order, so
/// every result has the same bits (checked against `Pchip` in `PchipGridTests`). It saves the ~2 array
/// allocations and ~20 interval searches per value set that building a `Pchip` per angle costs.
struct PchipGrid {
    /// Knots [same unit as the points], strictly increasing, ≥ 2.
    let x: [Double]
    /// Spacings and derivative weights of the knots.
    private let weights: PchipWeights
    /// Per evaluation point: interval i, offset s = v − x_i, s², s²·s.
    private let interval: [Int], s: [Double], s2: [Double], s3: [Double]
    /// Scratch for the value-dependent secants and derivatives (reused by every `evaluate`).
    private var m: [Double], d: [Double]

    /// Number of evaluation points.
    var pointCount: Int { interval.count }

    /// - Parameters: x knots as for `Pchip`; points where every value set is evaluated.
    init(x: [Double], points: [Double]) {
        self.x = x
        let n = x.count
        weights = PchipWeights(x: x)
        let knots = Pchip(x: x, y: [Double](repeating: 0, count: n))  // only its interval search is used
        var interval: [Int] = [], s: [Double] = [], s2: [Double] = [], s3: [Double] = []
        for v in points {
            let i = knots.interval(v)
            let si = v - x[i]
            let si2 = si * si
            interval.append(i); s.append(si); s2.append(si2); s3.append(si2 * si)
        }
        self.interval = interval; self.s = s; self.s2 = s2; self.s3 = s3
        m = [Double](repeating: 0, count: n - 1)
        d = [Double](repeating: 0, count: n)
    }

    /// The PCHIP through (x, `y(k)`) at every point p, written to `out[base + p·stride]`.
    /// - Parameter y: knot value k (called once per knot, in order).
    mutating func evaluate(_ y: (Int) -> Double, into out: inout [Double], base: Int, stride: Int) {
        let n = x.count
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { yv in
            for k in 0..<n { yv[k] = y(k) }
            weights.derivatives(y: UnsafeBufferPointer(yv), secants: &m, into: &d)
            // Pchip.evaluate's operations: its dx is h_i and its slope is m_i (same operands, same operation).
            for p in 0..<interval.count {
                let i = interval[p]
                let dx = weights.h[i], slope = m[i]
                let t = (d[i] + d[i + 1] - 2 * slope) / dx
                let c0 = t / dx, c1 = (slope - d[i]) / dx - t, c2 = d[i], c3 = yv[i]
                out[base + p * stride] = (((0 + c3 * 1) + c2 * s[p]) + c1 * s2[p]) + c0 * s3[p]
            }
        }
    }
}
