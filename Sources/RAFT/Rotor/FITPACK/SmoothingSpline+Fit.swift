#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The fitting part of `SmoothingSpline`: FITPACK `fpregr` specialised to one Reynolds column (spec 03 §5.3).
/// Arrays are 1-based (index 0 unused) to follow the FITPACK index arithmetic literally.
extension SmoothingSpline {
    /// FITPACK work arrays, 1-based (index 0 unused) like the Fortran, held in raw buffers so that the
    /// O(m) passes repeated for every knot set and smoothing parameter run without bounds or uniqueness checks.
    final class Workspace {
        let m: Int
        let nest: Int
        let x: UnsafeMutablePointer<Double>      // 1-based, m + 1
        let z: UnsafeMutablePointer<Double>      // 1-based, m + 1
        let t: UnsafeMutablePointer<Double>      // knots, 1-based, nest + 2
        var n = 8
        let c: UnsafeMutablePointer<Double>      // coefficients, 1-based, nest + 2
        let fpint: UnsafeMutablePointer<Double>  // nest + 2
        let nrdata: UnsafeMutablePointer<Int>    // nest + 2
        var nrint = 1
        /// Incremented whenever the knots change; `b` (fpdisc) is recomputed only for a new knot set
        /// (it depends on the knots alone, so reusing it across smoothing parameters is bit-identical).
        var knotVersion = 0
        var discontinuityVersion = -1
        // observation rows (per data point): interval number and B-spline values
        let num: UnsafeMutablePointer<Int>       // m + 1
        /// The first data point of each interval (0-based interval numbers as in `num`; entry nk1 − 3 is m + 1),
        /// set by `observations`.
        let intervalStart: UnsafeMutablePointer<Int>  // nest + 2
        let spx: UnsafeMutablePointer<Double>    // 4 per point, 0-based flat: spx[4*(i-1) + j-1]
        // band matrix and rhs
        let a: UnsafeMutablePointer<Double>      // (n-4) x 5, 1-based rows, flat: a[5*(r-1) + j-1]
        let q: UnsafeMutablePointer<Double>
        let b: UnsafeMutablePointer<Double>      // discontinuity rows, 5 per row
        let h: UnsafeMutablePointer<Double>      // scratch row (fpgrre h, fpdisc h), 10
        /// Least-squares reductions shared between fits on the same abscissae (nil: none).
        let memo: LeastSquaresMemo?
        /// While a least-squares solve is recorded for `memo`: per data point the (cos, sin) of its rotations
        /// (4 slots, stage i in slot i) and a bit mask of the stages that rotated (FITPACK skips zero pivots).
        var recording = false
        let rotations: UnsafeMutablePointer<SIMD2<Double>>  // 4 per point, 0-based: 4*(it-1) + stage
        let stages: UnsafeMutablePointer<UInt8>             // 1-based, m + 1
        /// The knots (1-based, `rowKnotCount` of them; 0: none yet) that `spx` and `num` were computed for.
        let rowKnots: UnsafeMutablePointer<Double>
        var rowKnotCount = 0
        /// The ring of rows in flight of `Wavefront` (8 slots each) and the lanes of one step (new diagonals,
        /// cosines, sines).
        let flightH: UnsafeMutablePointer<SIMD8<Double>> = Workspace.buffer(8)
        let flightRight: UnsafeMutablePointer<Double> = Workspace.buffer(8)
        let flightAfter: UnsafeMutablePointer<Int> = Workspace.buffer(8)
        let flightLast: UnsafeMutablePointer<Int> = Workspace.buffer(8)
        let flightRow: UnsafeMutablePointer<Int> = Workspace.buffer(8)
        let lanes: UnsafeMutablePointer<SIMD4<Double>> = Workspace.buffer(3)
        /// `keepMasks[k]`: all ones in lanes k…3, none below (k = 0…4), for the wavefront's 4-lane rotations.
        /// One table for every workspace (never freed): building it per workspace with arrays cost ~2,700
        /// instructions of each fit's set-up.
        nonisolated(unsafe) static let keepMasks: UnsafePointer<SIMD4<UInt64>> = {
            let p = UnsafeMutablePointer<SIMD4<UInt64>>.allocate(capacity: 5)
            let all = UInt64.max
            p[0] = SIMD4(all, all, all, all); p[1] = SIMD4(0, all, all, all); p[2] = SIMD4(0, 0, all, all)
            p[3] = SIMD4(0, 0, 0, all); p[4] = SIMD4(0, 0, 0, 0)
            return UnsafePointer(p)
        }()
        /// The quick knot search's normal equations (band rows, then their LDLᵀ factors), right-hand side and
        /// coefficients (0-based), and the lineage of each residual sum `fpint` (see `addKnot(margin:)`).
        let gram: UnsafeMutablePointer<SIMD4<Double>>
        let rhs: UnsafeMutablePointer<Double>
        let quickCoefficients: UnsafeMutablePointer<Double>
        let fpintLineage: UnsafeMutablePointer<UInt64>
        var lineageCounter: UInt64 = 0
        /// The quick least squares' per-interval sums (see `quickLeastSquares`) of its latest two knot sets, side
        /// `blockSide` the latest: 5 vectors per interval (the 4×4 block's rows and Aᵀz's four entries) at
        /// `blockSums[side·5·(nest+1) + 5·k]`, the interval's first point at `blockStarts[side·(nest+2) + k]`
        /// (entry `blockIntervals` is m + 1), and the knots of the latest set (1-based, as `t`).
        let blockSums: UnsafeMutablePointer<SIMD4<Double>>
        let blockStarts: UnsafeMutablePointer<Int>
        let blockKnots: UnsafeMutablePointer<Double>
        /// The interval count of the latest set (0: none yet) and its side.
        var blockIntervals = 0
        var blockSide = 0
        /// √(2·Σz²): the data's scale in the quick search's error bound.
        let dataNorm: Double

        /// A buffer of zeros, set by one `memset` (the zero of every element type here — 0.0, 0, the zero vector —
        /// has all bits zero). `initialize(repeating:count:)` stored element by element: with the memo's abscissae
        /// check below, ~25,000 instructions of each fit's set-up (callgrind, `raft run` OC3spar: the 30 workspaces'
        /// set-up 776 k instructions).
        private static func buffer<T: BitwiseCopyable>(_ count: Int) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: count)
            memset(p, 0, count * MemoryLayout<T>.stride)
            return p
        }

        /// A buffer left unset: for the arrays every pass writes before it reads them (zeroing a fit's buffers
        /// was ~30,000 instructions of `memset` per workspace, raft-bench `--only fits`, callgrind).
        private static func scratch<T>(_ count: Int) -> UnsafeMutablePointer<T> { .allocate(capacity: count) }

        init(x xs: [Double], z zs: [Double], memo: LeastSquaresMemo? = nil) {
            m = xs.count
            self.memo = memo.flatMap { memo in
                memo.abscissae.count == xs.count && zip(memo.abscissae, xs).allSatisfy { $0 == $1.bitPattern } ? memo : nil
            }
            rotations = .allocate(capacity: self.memo == nil ? 0 : 4 * m)
            stages = Self.buffer(self.memo == nil ? 0 : m + 1)
            nest = m + 3 + 1
            x = Self.buffer(m + 1)
            z = Self.buffer(m + 1)
            for i in 0..<m { x[i + 1] = xs[i]; z[i + 1] = zs[i] }
            t = Self.buffer(nest + 2)
            c = Self.buffer(nest + 2)
            fpint = Self.buffer(nest + 2)
            nrdata = Self.buffer(nest + 2)
            num = Self.buffer(m + 1)
            spx = Self.scratch(4 * m)       // every row written by `observations` (or copied by `leastSquares`)
            a = Self.scratch(5 * (nest + 1))  // cleared by `startReduction`, or copied by `replay`
            q = Self.buffer(nest + 2)
            b = Self.buffer(5 * (nest + 1))
            h = Self.buffer(10)
            rowKnots = Self.buffer(nest + 2)
            gram = Self.scratch(nest + 4)  // cleared by `quickLeastSquares`
            rhs = Self.buffer(nest + 4)
            quickCoefficients = Self.buffer(nest + 8)
            fpintLineage = Self.buffer(nest + 2)
            intervalStart = Self.scratch(nest + 2)     // written by `observations`
            blockSums = Self.scratch(2 * 5 * (nest + 1))  // written by `quickLeastSquares` before it reads them
            blockStarts = Self.scratch(2 * (nest + 2))
            blockKnots = Self.scratch(nest + 2)
            var sum = 0.0
            for v in zs { sum += v * v }
            dataNorm = (2 * sum).squareRoot()
        }

        deinit {
            x.deallocate(); z.deallocate(); t.deallocate(); c.deallocate(); fpint.deallocate()
            nrdata.deallocate(); num.deallocate(); spx.deallocate(); a.deallocate(); q.deallocate()
            b.deallocate(); h.deallocate(); rotations.deallocate(); stages.deallocate()
            flightH.deallocate(); flightRight.deallocate(); flightAfter.deallocate(); flightLast.deallocate()
            flightRow.deallocate(); lanes.deallocate(); rowKnots.deallocate()
            gram.deallocate(); rhs.deallocate(); quickCoefficients.deallocate(); fpintLineage.deallocate()
            intervalStart.deallocate(); blockSums.deallocate(); blockStarts.deallocate(); blockKnots.deallocate()
        }

        struct Result { var t: [Double]; var c: [Double]; var fp: Double; var ier: Int }

        func result(fp: Double, ier: Int) -> Result {
            Result(t: Array(UnsafeBufferPointer(start: t + 1, count: n)),
                   c: Array(UnsafeBufferPointer(start: c + 1, count: n - 4)), fp: fp, ier: ier)
        }

        func setBoundaryKnots() {
            knotVersion += 1
            for j in 1...4 { t[j] = x[1]; t[n - j + 1] = x[m] }
        }

        /// Observation matrix: interval numbers and cubic B-spline values at every data point.
        /// A point's B-splines depend on its value and the six knots t_{l−2} … t_{l+3} around its interval l alone:
        /// a point whose six knots have the same bits as when its row was last computed (`rowKnots`) keeps its row.
        /// Consecutive knot sets differ by a few knots, so most rows are kept (their bits are those a new
        /// computation gives).
        func observations() {
            var l = 4
            var number = 0
            let nk1 = n - 4
            let tp = UnsafeBufferPointer(start: t + 1, count: nest + 1)
            let reuse = rowKnotCount > 0
            // The reuse test of the previous point: its new and old interval, and the answer.
            var testedL = -1, testedOld = -1, same = false
            var basis = IntervalBasis(t: t, l: l)
            intervalStart[0] = 1
            var it = 1
            while it <= m {
                let arg = x[it]
                if !(arg < t[l + 1] || l == nk1) {
                    repeat { l += 1; number += 1; intervalStart[number] = it } while !(arg < t[l + 1] || l == nk1)
                    basis = IntervalBasis(t: t, l: l)
                }
                if reuse {
                    let old = num[it] + 4  // the point's interval when its row was computed
                    if l != testedL || old != testedOld {
                        testedL = l; testedOld = old
                        same = old + 3 <= rowKnotCount && sameKnots(t + l - 2, rowKnots + old - 2)
                    }
                    if same {
                        // The following points of the same old and new interval keep their rows too (the tests
                        // above, with their answers known): a tight loop instead of ~15 instructions per point.
                        let last = l == nk1, end = t[l + 1]
                        repeat {
                            num[it] = number
                            it &+= 1
                        } while it <= m && num[it] &+ 4 == old && (last || x[it] < end)
                        continue
                    }
                }
                // This point and the following ones of interval l (that came from the same old interval) get new
                // rows: with distinct knots, four points at a time (`IntervalBasis.values4`). With the tight loop
                // above, `observations` ran 492 → 379 M instructions (raft-bench `--only fits`, callgrind): two
                // thirds of the rows are new in each knot set, since every added knot changes six intervals' rows.
                let last = l == nk1, end = t[l + 1], old = num[it]
                var stop = it &+ 1
                while stop <= m && (last || x[stop] < end) && (!reuse || num[stop] == old) { stop &+= 1 }
                for k in it..<stop { num[k] = number }
                if basis.distinct {
                    while it < stop {
                        let count = min(4, stop &- it)
                        let xs = SIMD4(x[it], x[min(it &+ 1, stop &- 1)], x[min(it &+ 2, stop &- 1)],
                                       x[min(it &+ 3, stop &- 1)])
                        basis.values4(at: xs, into: spx + 4 &* (it &- 1), count: count)
                        it &+= count
                    }
                } else {
                    while it < stop {
                        var hv = (0.0, 0.0, 0.0, 0.0)
                        SmoothingSpline.bsplineCubic(tp, x[it], l, &hv)
                        let row = spx + 4 &* (it &- 1)
                        row[0] = hv.0; row[1] = hv.1; row[2] = hv.2; row[3] = hv.3
                        it &+= 1
                    }
                }
            }
            // Intervals past the last point (none when every interval holds data) start after it.
            if number < nk1 - 3 { for k in (number + 1)...(nk1 - 3) { intervalStart[k] = m + 1 } }
            noteRowKnots()
        }

        /// The knot differences of `SmoothingSpline.bsplineCubic` in interval l (t_l ≤ x < t_{l+1}; 1-based knots),
        /// shared by the interval's points: `values4` gives four points' B-splines with the same operations on the
        /// same values as `bsplineCubic` (each difference formed once, the same bits), each of its six divisions
        /// one 4-lane division for the four points. When t_l < t_{l+1} (`distinct`) no difference is zero, so none
        /// of `bsplineCubic`'s zero-width branches is taken.
        struct IntervalBasis {
            let knots: SIMD8<Double>  // t_{l−2} … t_{l+3} in lanes 0…5
            let first: Double         // 1 / (t_{l+1} − t_l)
            let second: SIMD2<Double>, third: SIMD4<Double>
            let distinct: Bool

            @inline(__always)
            init(t: UnsafeMutablePointer<Double>, l: Int) {
                let k = t + l - 2
                knots = SIMD8(k[0], k[1], k[2], k[3], k[4], k[5], 0, 0)
                distinct = k[2] < k[3]
                first = 1.0 / (k[3] - k[2])
                second = SIMD2(k[3] - k[1], k[4] - k[2])
                third = SIMD4(k[3] - k[0], k[4] - k[1], k[5] - k[2], 1)
            }

            /// The four B-splines of up to four data points `x` of this interval, one point per lane: the rows of
            /// the first `count` lanes into `out[0…4·count − 1]` (lanes past `count` hold copies of a point and are
            /// not stored). Each lane runs `bsplineCubic`'s operations on the same values, so the same bits.
            @inline(__always)
            func values4(at x: SIMD4<Double>, into out: UnsafeMutablePointer<Double>, count: Int) {
                let a1 = knots[3] - x, a2 = knots[4] - x, a3 = knots[5] - x        // t_{l+1}, t_{l+2}, t_{l+3} − x
                let b0 = x - knots[2], b1 = x - knots[1], b2 = x - knots[0]        // x − t_l, t_{l−1}, t_{l−2}
                // j = 1
                let g0 = 0 + first * a1, g1 = first * b0
                // j = 2
                let f0 = g0 / second[0], f1 = g1 / second[1]
                let k0 = 0 + f0 * a1
                let k1 = f0 * b1 + f1 * a2
                let k2 = f1 * b0
                // j = 3
                let e0 = k0 / third[0], e1 = k1 / third[1], e2 = k2 / third[2]
                let o0 = 0 + e0 * a1
                let o1 = e0 * b2 + e1 * a2
                let o2 = e1 * b1 + e2 * a3
                let o3 = e2 * b0
                let raw = UnsafeMutableRawPointer(out)
                raw.storeBytes(of: SIMD4(o0[0], o1[0], o2[0], o3[0]), as: SIMD4<Double>.self)
                if count > 1 { raw.storeBytes(of: SIMD4(o0[1], o1[1], o2[1], o3[1]), toByteOffset: 32, as: SIMD4<Double>.self) }
                if count > 2 { raw.storeBytes(of: SIMD4(o0[2], o1[2], o2[2], o3[2]), toByteOffset: 64, as: SIMD4<Double>.self) }
                if count > 3 { raw.storeBytes(of: SIMD4(o0[3], o1[3], o2[3], o3[3]), toByteOffset: 96, as: SIMD4<Double>.self) }
            }
        }

        /// Whether six consecutive knots have the same bits.
        @inline(__always)
        func sameKnots(_ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>) -> Bool {
            for k in 0..<6 where a[k].bitPattern != b[k].bitPattern { return false }
            return true
        }

        /// Notes the knots that the observation rows `spx` and intervals `num` now belong to.
        func noteRowKnots() {
            rowKnots.update(from: t, count: n + 1)
            rowKnotCount = n
        }

        /// FITPACK `fpdisc`: discontinuity jumps of the third derivative at the interior knots.
        func discontinuities() {
            let nk1 = n - 4
            let nrintD = nk1 - 3
            let fac = Double(nrintD) / (t[nk1 + 1] - t[4])
            for l in 5...nk1 {
                let lmk = l - 4
                for j in 1...4 {
                    h[j] = t[l] - t[l + j - 5]
                    h[j + 4] = t[l] - t[l + j]
                }
                var lp = lmk
                for j in 1...5 {
                    var prod = h[j]
                    var jk = j
                    for _ in 1...3 { jk += 1; prod = prod * h[jk] * fac }
                    b[5 * (lmk - 1) + j - 1] = (t[lp + 4] - t[lp]) / prod
                    lp += 1
                }
            }
        }

        @inline(__always) static func givens(_ piv: Double, _ ww: inout Double) -> (Double, Double) {
            let store = abs(piv)
            // FITPACK: if |piv| >= ww { r = ww/piv; dd = |piv|·√(1+r²) } else { r = piv/ww; dd = ww·√(1+r²) }.
            // The operands are selected, then divided: selecting between two quotients let the optimiser move the
            // division into a data-dependent branch.
            let small = store < ww
            let numerator = small ? piv : ww, denominator = small ? ww : piv
            let r = numerator / denominator
            let dd = (small ? ww : store) * (1 + r * r).squareRoot()
            let cos = ww / dd, sin = piv / dd
            ww = dd
            return (cos, sin)
        }

        @inline(__always) static func rotate(_ cos: Double, _ sin: Double, _ a: inout Double, _ b: inout Double) {
            let s1 = a, s2 = b
            b = cos * s2 + sin * s1
            a = cos * s1 - sin * s2
        }

        /// `observations()` and the least-squares `solve(p: -1)` for the current knots, replayed from `memo` when
        /// these knots were reduced before (then the observation rows are the recorded ones).
        func leastSquares() -> Double {
            guard let memo else { observations(); return solve(p: -1) }
            let key = (1...n).map { t[$0].bitPattern }
            if let r = memo.reduction(key) {
                r.observationRows.withUnsafeBufferPointer { spx.update(from: $0.baseAddress!, count: $0.count) }
                r.intervals.withUnsafeBufferPointer { num.update(from: $0.baseAddress!, count: $0.count) }
                noteRowKnots()
                return replay(r)
            }
            observations()
            // Knot sets met once (most of them) are not recorded: the copy would cost more than it saves.
            guard memo.markSeen(key) else { return solve(p: -1) }
            for it in 1...m { stages[it] = 0 }
            recording = true
            let fp = solve(p: -1)
            recording = false
            memo.store(key, LeastSquaresMemo.Reduction(
                rotations: Array(UnsafeBufferPointer(start: rotations, count: 4 * m)),
                stages: Array(UnsafeBufferPointer(start: stages, count: m + 1)),
                band: Array(UnsafeBufferPointer(start: a, count: 5 * (n - 3))),
                observationRows: Array(UnsafeBufferPointer(start: spx, count: 4 * m)),
                intervals: Array(UnsafeBufferPointer(start: num, count: m + 1))))
            return fp
        }

        /// A least-squares solve whose knots were reduced before (same abscissae): the recorded rotations applied
        /// to this fit's ordinates, in each point's order — every `q` entry gets the same operations in the same
        /// order as in `solve`, so the bits are those of a full solve — then the recorded band.
        func replay(_ r: LeastSquaresMemo.Reduction) -> Double {
            let nk1 = n - 4
            for i in 0...(nk1 + 1) { q[i] = 0 }
            r.rotations.withUnsafeBufferPointer { rot in
                r.stages.withUnsafeBufferPointer { stages in
                    for it in 1...m {
                        var right = z[it]
                        let mask = stages[it], after = num[it]
                        for i in 0..<4 where mask & (UInt8(1) << UInt8(i)) != 0 {
                            let cs = rot[4 * (it - 1) + i]
                            Self.rotate(cs[0], cs[1], &right, &q[after + i + 1])
                        }
                    }
                }
            }
            r.band.withUnsafeBufferPointer { a.update(from: $0.baseAddress!, count: $0.count) }
            return backSubstituteAndResiduals(iband: 4)
        }

        /// The end of `fpgrre` after the reduction: y-direction factor, back substitution, residuals `fp`, `fpint`.
        func backSubstituteAndResiduals(iband: Int) -> Double {
            let nk1 = n - 4
            // y-direction: R_y = γ·I (spec 03 §5.2).
            for r in 1...nk1 { q[r] = q[r] / SmoothingSpline.gamma }
            // back substitution (fpback)
            let k1 = iband - 1
            c[nk1] = q[nk1] / a[5 * (nk1 - 1)]
            var i = nk1 - 1
            if i > 0 {
                for j in 2...nk1 {
                    var store = q[i]
                    let i1 = j <= k1 ? j - 1 : k1
                    var mm = i
                    for l in 1...i1 {
                        mm += 1
                        store = store - c[mm] * a[5 * (i - 1) + l]
                    }
                    c[i] = store / a[5 * (i - 1)]
                    i -= 1
                }
            }
            // residuals, each counted twice (two identical Reynolds columns)
            var fp = 0.0
            for j in 0...(n + 1) { fpint[j] = 0 }
            var nroldx = 0
            // fpint(nroldx + 1) stays in a register while the points are in one interval (the same additions in
            // the same order as FITPACK's updates of the array).
            var current = 0.0
            let g = SmoothingSpline.gamma
            for it in 1...m {
                let numx = num[it]
                // v = Σ_l (spx_l·γ)·c_{numx+l}, the eight products as two 4-lane multiplications (each lane the
                // scalar product, the same bits) and the sum in FITPACK's order from 0: 28 → 15 instructions per
                // point (raft-bench `--only fits`, callgrind: this line 172 → 92 M).
                let row = UnsafeRawPointer(spx + 4 &* (it &- 1)).loadUnaligned(as: SIMD4<Double>.self)
                let cv = UnsafeRawPointer(c + (numx &+ 1)).loadUnaligned(as: SIMD4<Double>.self)
                let products = (row * g) * cv
                let v = (((0.0 + products[0]) + products[1]) + products[2]) + products[3]
                let d = z[it] - v
                let term = d * d
                if numx == nroldx {
                    for _ in 0..<2 { fp = fp + term; current = current + term }
                } else {
                    // The first point of a new interval: half of its residual goes to the previous interval.
                    fpint[nroldx + 1] = current
                    var previous = fpint[numx], next = fpint[numx + 1]
                    for _ in 0..<2 {
                        fp = fp + term
                        next = next + term
                        let fac = term * 0.5
                        next = next - fac
                        previous = previous + fac
                    }
                    fpint[numx] = previous
                    current = next
                }
                nroldx = numx
            }
            fpint[nroldx + 1] = current
            return fp
        }

        /// FITPACK `fpknot` (istart = 1): add one knot in the interval with the largest residual sum.
        func addKnot() {
            knotVersion += 1
            var fpmax = 0.0
            var jbegin = 1
            var number = 0, maxpt = 0, maxbeg = 0
            for j in 1...nrint {
                let jpoint = nrdata[j]
                if !(fpmax >= fpint[j] || jpoint == 0) {
                    fpmax = fpint[j]; number = j; maxpt = jpoint; maxbeg = jbegin
                }
                jbegin = jbegin + jpoint + 1
            }
            if number == 0 { n += 1; nrint += 1; return }  // degenerate (not expected)
            splitInterval(number, points: maxpt, from: maxbeg, residual: fpmax, lineage: nil)
        }

        /// The insertion step of FITPACK `fpknot`, shared by both knot searches: a knot at the middle data point of
        /// interval `number` (its `maxpt` points start at data point `maxbeg`; residual sum `fpmax`), the later
        /// intervals' point counts, residual sums and knots moved up by one, and `fpmax` shared between the two
        /// halves in proportion to their points. With a `lineage` (the quick search's `addKnot(margin:)`: the
        /// lineage of `fpmax`), `fpintLineage` moves along and the halves get lineages derived from it.
        @inline(__always)
        func splitInterval(_ number: Int, points maxpt: Int, from maxbeg: Int, residual fpmax: Double,
                           lineage: UInt64?) {
            let k = (n - nrint - 1) / 2
            let ihalf = maxpt / 2 + 1
            let nrx = maxbeg + ihalf
            let next = number + 1
            if next <= nrint {
                for j in next...nrint {
                    let jj = next + nrint - j
                    fpint[jj + 1] = fpint[jj]
                    if lineage != nil { fpintLineage[jj + 1] = fpintLineage[jj] }
                    nrdata[jj + 1] = nrdata[jj]
                    let jk = jj + k
                    t[jk + 1] = t[jk]
                }
            }
            nrdata[number] = ihalf - 1
            nrdata[next] = maxpt - ihalf
            let am = Double(maxpt)
            fpint[number] = fpmax * Double(nrdata[number]) / am
            fpint[next] = fpmax * Double(nrdata[next]) / am
            if let lineage {
                fpintLineage[number] = Self.lineage(of: lineage, share: nrdata[number], of: maxpt)
                fpintLineage[next] = Self.lineage(of: lineage, share: nrdata[next], of: maxpt)
            }
            t[next + k] = x[nrx]
            n += 1
            nrint += 1
        }

        static func rati(_ p1: inout Double, _ f1: inout Double, _ p2: Double, _ f2: Double,
                         _ p3: inout Double, _ f3: inout Double) -> Double {
            let p: Double
            if p3 > 0 {
                let h1 = f1 * (f2 - f3), h2 = f2 * (f3 - f1), h3 = f3 * (f1 - f2)
                p = -(p1 * p2 * h3 + p2 * p3 * h1 + p3 * p1 * h2) / (p1 * h1 + p2 * h2 + p3 * h3)
            } else {
                p = (p1 * (f1 - f3) * f2 - p2 * (f2 - f3) * f1) / ((f1 - f2) * f3)
            }
            if f2 < 0 { p3 = p2; f3 = f2 } else { p1 = p2; f1 = f2 }
            return p
        }

        /// The fit: the knot search on approximate least squares (`searchKnotsQuickly`), or, when one of its
        /// decisions is too close to call, FITPACK's knot search on exact solves (`searchKnotsExactly`); then the
        /// smoothing-parameter iteration. Both searches give the same knots and the same exact values to part 2.
        func run(s: Double) throws(FitError) -> Result {
            switch try searchKnots(s: s) {
            case .done(let r): return r
            case .smooth(let fp0, let fpms): return try smooth(s: s, fp0: fp0, fpms: fpms)
            }
        }

        /// FITPACK `fpcurf` part 1: the quick knot search, or the exact one where the quick one cannot decide.
        func searchKnots(s: Double) throws(FitError) -> KnotSearchOutcome {
            if let outcome = try searchKnotsQuickly(s: s) { return outcome }
            return try searchKnotsExactly(s: s)
        }

        /// FITPACK's fit exactly as `fpcurf` runs it (no quick knot search): the reference for the quick one.
        func runExactly(s: Double) throws(FitError) -> Result {
            switch try searchKnotsExactly(s: s) {
            case .done(let r): return r
            case .smooth(let fp0, let fpms): return try smooth(s: s, fp0: fp0, fpms: fpms)
            }
        }

        /// How the knot search (part 1) ended: with the fit itself (`fpms` within tolerance, or the least-squares
        /// polynomial), or with the knots fixed for part 2, given the exact `fp0` (least squares on the boundary
        /// knots) and `fpms = fp − s` of the least-squares fit on the final knots (negative).
        enum KnotSearchOutcome { case done(Result), smooth(fp0: Double, fpms: Double) }

        /// FITPACK `fpcurf` part 1 (iopt 0): least squares on a growing knot set, adding knots where the residual
        /// sums `fpint` are largest, until `fp ≤ s`.
        func searchKnotsExactly(s: Double) throws(FitError) -> KnotSearchOutcome {
            let acc = SmoothingSpline.tol * s
            let nmax = m + 4
            let ne = min(nmax, nest)
            n = 8
            nrdata[1] = m - 2
            var nplus = 0
            var fp0 = 0.0, fpold = 0.0, reduc = 0.0
            var lastdi = 0
            var ier = 0
            var fp = 0.0
            var fpms = 0.0
            var knotsFixed = false
            for _ in 1...(m + 2) {
                if n == 8 { ier = -2 }
                nrint = n - 7
                setBoundaryKnots()
                fp = leastSquares()
                if ier == -2 { fp0 = fp }
                fpms = fp - s
                if abs(fpms) < acc { return .done(result(fp: fp, ier: ier)) }
                if fpms < 0 { knotsFixed = true; break }
                if n == nmax { return .done(result(fp: 0, ier: -1)) }  // interpolating spline (not reached in practice)
                if n == ne { throw .storageExceeded }
                ier = 0
                if lastdi < 0 { reduc = fpold - fp }
                fpold = fp
                var npl = 1
                if n != 8 {
                    var npl1 = 2 * nplus
                    if reduc > acc { npl1 = Self.truncatedKnotCount(Double(nplus) * fpms / reduc) }
                    npl = min(2 * nplus, max(npl1, nplus / 2, 1))
                }
                lastdi = -1
                nplus = npl
                for _ in 0..<nplus {
                    addKnot()
                    if n == ne { break }
                }
            }
            if ier == -2 { return .done(result(fp: fp, ier: ier)) }
            if !knotsFixed { nrint = n - 7; setBoundaryKnots(); observations() }
            return .smooth(fp0: fp0, fpms: fpms)
        }

        /// Fortran's `int()` of FITPACK's knot-count estimate `nplus·fpms/reduc`, clamped to 32-bit integers.
        static func truncatedKnotCount(_ r: Double) -> Int {
            r >= Double(Int32.max) ? Int(Int32.max) : (r <= -Double(Int32.max) ? -Int(Int32.max) : Int(r))
        }

        /// FITPACK `fpcurf` part 2: the smoothing parameter p by rational interpolation on the fixed knots, from
        /// `f1 = fp0 − s` (p = 0) and `f3 = fpms` (least squares, p = ∞).
        func smooth(s: Double, fp0: Double, fpms fpmsLS: Double) throws(FitError) -> Result {
            var iteration = SmoothingIteration(s: s, fp0: fp0, fpms: fpmsLS)
            while true {
                let fp = solve(p: iteration.p)
                if try iteration.accepts(fp: fp) { return result(fp: fp, ier: 0) }
            }
        }
    }

    /// The state of FITPACK `fpcurf` part 2 between its solves: the next smoothing parameter `p`, and the
    /// brackets (p1, f1), (p3, f3) of the rational interpolation of fp − s.
    struct SmoothingIteration {
        let s: Double, acc: Double
        var p1 = 0.0, f1: Double, p3 = -1.0, f3: Double
        /// The smoothing parameter to solve for next.
        private(set) var p = 1.0
        var ich1 = 0, ich3 = 0
        var iter = 1

        /// Part 2 from `f1 = fp0 − s` (p = 0) and `f3 = fpms` (least squares, p = ∞).
        init(s: Double, fp0: Double, fpms: Double) {
            self.s = s
            acc = SmoothingSpline.tol * s
            f1 = fp0 - s
            f3 = fpms
        }

        /// Takes `fp` of the solve at `p`: true when it is the fit's (within tolerance of s); else moves `p` on.
        mutating func accepts(fp: Double) throws(FitError) -> Bool {
            let fpms = fp - s
            if abs(fpms) < acc { return true }
            if iter == 20 { throw .maxIterations }
            iter += 1
            let p2 = p, f2 = fpms
            if ich3 == 0 {
                if !(f2 - f3 > acc) {
                    p3 = p2; f3 = f2
                    p = p * SmoothingSpline.con4
                    if p <= p1 { p = p1 * SmoothingSpline.con9 + p2 * SmoothingSpline.con1 }
                    return false
                }
                if f2 < 0 { ich3 = 1 }
            }
            if ich1 == 0 {
                if !(f1 - f2 > acc) {
                    p1 = p2; f1 = f2
                    p = p / SmoothingSpline.con4
                    if p3 < 0 { return false }
                    if p >= p3 { p = p2 * SmoothingSpline.con1 + p3 * SmoothingSpline.con9 }
                    return false
                }
                if f2 > 0 { ich1 = 1 }
            }
            if f2 >= f1 || f2 <= f3 { throw .notConverging }
            p = Workspace.rati(&p1, &f1, p2, f2, &p3, &f3)
            return false
        }
    }
}

/// Least-squares reductions (FITPACK `fpgrre` with p ≤ 0) keyed by the exact bits of the knots, for fits on one set
/// of abscissae. Without smoothing rows the Givens rotations and the triangular band depend on the abscissae and the
/// knots alone, not on the ordinates; the knot search of FITPACK (`fpcurf` part 1) starts every fit from the same
/// knots and similar polars pass through the same knot sets, so a rotor's fits repeat many of their least-squares
/// solves (OC3spar: 172 of 399, in 47 knot sets). A knot set met a second time is recorded, and from then on a solve
/// applies the recorded rotations to its own ordinates (see `Workspace.replay`): about 4× cheaper than a solve,
/// and ~11 % of the fits' time for OC3spar (raft-bench rows "16 polar fits, alone" / "…, shared LS"). Thread-safe; meant to live for one batch of fits (`ElementAirfoil.fitAll`).
package final class LeastSquaresMemo: @unchecked Sendable {
    struct Reduction: Sendable {
        /// (cos, sin) of the rotation of data point i at stage j, at 4·(i − 1) + j (1-based points).
        var rotations: [SIMD2<Double>]
        /// Per data point (1-based), the bit mask of the stages that rotated.
        var stages: [UInt8]
        /// The triangular band `a` after the reduction.
        var band: [Double]
        /// The observation rows `spx` and interval numbers `num` of these knots.
        var observationRows: [Double]
        var intervals: [Int]
    }

    /// The bits of the abscissae every fit using this memo must have.
    let abscissae: [UInt64]
    private let lock = MutexLock()
    private var entries: [[UInt64]: Reduction] = [:]
    private var seen: Set<[UInt64]> = []
    private var replayCount = 0

    package init(x: [Double]) { abscissae = FitCache.Key.bits(x) }

    /// Whether `knots` were met before (and notes them).
    func markSeen(_ knots: [UInt64]) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return !seen.insert(knots).inserted
    }

    /// The recorded reduction of `knots`, if any (counted in `replayed`).
    func reduction(_ knots: [UInt64]) -> Reduction? {
        lock.lock(); defer { lock.unlock() }
        let r = entries[knots]
        if r != nil { replayCount += 1 }
        return r
    }

    func store(_ knots: [UInt64], _ reduction: Reduction) {
        lock.lock(); entries[knots] = reduction; lock.unlock()
    }

    /// Number of least-squares solves replayed so far (tests and benchmarks).
    package var replayed: Int { lock.lock(); defer { lock.unlock() }; return replayCount }
}
