import Foundation
import Testing
@testable import RAFT

/// What the knot search carries over from one knot set to the next — observation rows of points whose six knots
/// kept their bits (`Workspace.observations`) and the quick least squares' per-interval sums of intervals that kept
/// their knots and points (`Workspace.quickLeastSquares`) — equals what a fresh workspace computes for the same
/// knots, bit for bit, and the rows equal `SmoothingSpline.bsplineCubic`'s.
@Suite struct SmoothingSplineCarriedRowsTests {
    /// Sets `w`'s knots: the boundary knots and interior knots at the data points `interior` (1-based, sorted).
    static func setKnots(_ w: SmoothingSpline.Workspace, interior: [Int]) {
        w.n = 8 + interior.count
        w.nrint = w.n - 7
        for j in 1...4 { w.t[j] = w.x[1]; w.t[w.n - j + 1] = w.x[w.m] }
        for (k, i) in interior.enumerated() { w.t[5 + k] = w.x[i] }
        w.knotVersion += 1
    }

    static func bits(_ p: UnsafeMutablePointer<Double>, _ count: Int) -> [UInt64] {
        (0..<count).map { p[$0].bitPattern }
    }

    /// A sequence of knot sets as the knot search makes them (1–6 knots added at a time, so that some intervals keep
    /// their knots and points and others do not), with a restart from fewer knots now and then (a knot set unlike
    /// the previous one), on the airfoil angle grid and on uneven abscissae: after each quick least squares on the
    /// one workspace, its rows, intervals, interval starts, fp and error bound, residual sums and coefficients have
    /// the bits of a fresh workspace's.
    @Test func carriedRowsAndIntervalSumsEqualFreshOnes() {
        var rng = SplitMix64(seed: 1313)
        let grid = AirfoilPolar.angleGridRad
        var uneven = (0..<150).map { _ in -2 + 5 * rng.unit() }.sorted()
        for i in 1..<uneven.count where !(uneven[i] > uneven[i - 1]) { uneven[i] = uneven[i - 1].nextUp }
        var compared = 0, carried = 0
        for x in [grid, uneven] {
            let m = x.count
            let z = x.map { 0.8 * sin(2 * $0) + 0.1 * cos(7 * $0) + 0.01 * rng.unit() }
            let w = SmoothingSpline.Workspace(x: x, z: z)
            var interior: Set<Int> = []
            var previous: Set<[UInt64]> = []  // the previous knot set's intervals, as their six knots
            for step in 0..<40 {
                if step % 13 == 12 { interior = Set(interior.sorted().prefix(interior.count / 3)) }
                let add = 1 + rng.below(6)
                for _ in 0..<add where interior.count < m / 3 { interior.insert(2 + rng.below(m - 2)) }
                let knots = interior.sorted()
                Self.setKnots(w, interior: knots)
                let sixes = (0..<(w.n - 7)).map { k in (0..<6).map { w.t[k + 2 + $0].bitPattern } }
                if sixes.contains(where: previous.contains) { carried += 1 }
                previous = Set(sixes)
                let mine = w.quickLeastSquares()
                let fresh = SmoothingSpline.Workspace(x: x, z: z)
                Self.setKnots(fresh, interior: knots)
                let theirs = fresh.quickLeastSquares()
                let label = "m \(m), step \(step), \(knots.count) interior knots"
                #expect(Self.bits(w.spx, 4 * m) == Self.bits(fresh.spx, 4 * m), "\(label): rows")
                #expect((1...m).allSatisfy { w.num[$0] == fresh.num[$0] }, "\(label): intervals")
                let intervals = w.n - 7
                #expect((0...intervals).allSatisfy { w.intervalStart[$0] == fresh.intervalStart[$0] },
                        "\(label): interval starts")
                #expect(mine?.fp.bitPattern == theirs?.fp.bitPattern && mine?.error.bitPattern == theirs?.error.bitPattern,
                        "\(label): fp and its bound")
                if mine != nil && theirs != nil {
                    #expect(Self.bits(w.fpint + 1, intervals) == Self.bits(fresh.fpint + 1, intervals), "\(label): fpint")
                    #expect(Self.bits(w.quickCoefficients, w.n - 4) == Self.bits(fresh.quickCoefficients, w.n - 4),
                            "\(label): coefficients")
                }
                // The rows are `bsplineCubic`'s (four points per lane group in `IntervalBasis.values4`).
                let tp = UnsafeBufferPointer(start: w.t + 1, count: w.n)
                var rowsMatch = true
                for it in 1...m {
                    var h = (0.0, 0.0, 0.0, 0.0)
                    SmoothingSpline.bsplineCubic(tp, x[it - 1], w.num[it] + 4, &h)
                    let o = w.spx + 4 * (it - 1)
                    if o[0].bitPattern != h.0.bitPattern || o[1].bitPattern != h.1.bitPattern
                        || o[2].bitPattern != h.2.bitPattern || o[3].bitPattern != h.3.bitPattern { rowsMatch = false }
                }
                #expect(rowsMatch, "\(label): rows are bsplineCubic's")
                compared += 1
            }
        }
        #expect(compared == 80)
        #expect(carried >= 70, "most knot sets keep some intervals of the previous one")
    }
}
