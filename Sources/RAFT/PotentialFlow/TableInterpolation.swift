/// Linear interpolation in a table with unsorted abscissae and no extrapolation, as scipy's
/// `interp1d(x, y, kind='linear', assume_sorted=False)` evaluates it (stable sort of x; for each query the
/// interval found by a left binary search clipped to [1, n−1]; `y_lo + slope·(x − x_lo)`; a query outside
/// [min x, max x] is an error). RAFT uses it for every WAMIT table (spec 05 §3, §4; pitfall 7).
struct TableInterpolation {
    /// Sorted abscissae.
    let x: [Double]
    /// Original index of each sorted abscissa.
    let order: [Int]

    init(x unsorted: [Double]) {
        // Stable sort (scipy uses a mergesort here).
        order = unsorted.indices.sorted { unsorted[$0] < unsorted[$1] || (unsorted[$0] == unsorted[$1] && $0 < $1) }
        x = order.map { unsorted[$0] }
    }

    /// A query outside the table.
    struct OutOfRange: Error {
        var value: Double
        var lower: Double
        var upper: Double
    }

    /// Interval and weight for query `v`: value = `y[lo] + slope·(v − x[lo])`.
    struct Stencil {
        /// Original (unsorted) indices of the interval ends.
        var lo: Int, hi: Int
        /// `v − x_lo` and `x_hi − x_lo`.
        var offset: Double, width: Double

        /// scipy's `slope·(x − x_lo) + y_lo` with `slope = (y_hi − y_lo)/(x_hi − x_lo)`.
        @inline(__always) func apply(_ yLo: Double, _ yHi: Double) -> Double { (yHi - yLo) / width * offset + yLo }
    }

    func stencil(at v: Double) throws(OutOfRange) -> Stencil {
        guard let first = x.first, let last = x.last, x.count >= 2, v >= first, v <= last else {
            throw OutOfRange(value: v, lower: x.first ?? .nan, upper: x.last ?? .nan)
        }
        // searchsorted(x, v, side='left'): first index with x[i] >= v.
        var a = 0, b = x.count
        while a < b {
            let m = (a + b) / 2
            if x[m] < v { a = m + 1 } else { b = m }
        }
        let hi = min(max(a, 1), x.count - 1)
        return Stencil(lo: order[hi - 1], hi: order[hi], offset: v - x[hi - 1], width: x[hi] - x[hi - 1])
    }
}
