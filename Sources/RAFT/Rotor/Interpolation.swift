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
        let n = x.count
        var h = [Double](repeating: 0, count: n - 1), m = [Double](repeating: 0, count: n - 1)
        for k in 0..<(n - 1) { h[k] = x[k + 1] - x[k]; m[k] = (y[k + 1] - y[k]) / h[k] }
        var d = [Double](repeating: 0, count: n)
        if n == 2 {
            d[0] = m[0]; d[1] = m[0]
        } else {
            func sgn(_ v: Double) -> Double { v > 0 ? 1 : (v < 0 ? -1 : 0) }
            for k in 1..<(n - 1) {
                if sgn(m[k]) != sgn(m[k - 1]) || m[k] == 0 || m[k - 1] == 0 {
                    d[k] = 0
                } else {
                    let w1 = 2 * h[k] + h[k - 1], w2 = h[k] + 2 * h[k - 1]
                    d[k] = 1.0 / ((w1 / m[k - 1] + w2 / m[k]) / (w1 + w2))
                }
            }
            func edge(_ h0: Double, _ h1: Double, _ m0: Double, _ m1: Double) -> Double {
                var dd = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1)
                if sgn(dd) != sgn(m0) { dd = 0 } else if sgn(m0) != sgn(m1) && abs(dd) > 3 * abs(m0) { dd = 3 * m0 }
                return dd
            }
            d[0] = edge(h[0], h[1], m[0], m[1])
            d[n - 1] = edge(h[n - 2], h[n - 3], m[n - 2], m[n - 3])
        }
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
