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
        /// The quick knot search's normal equations (band rows, then their LDLᵀ factors), right-hand side and
        /// coefficients (0-based), and the lineage of each residual sum `fpint` (see `addKnot(margin:)`).
        let gram: UnsafeMutablePointer<SIMD4<Double>>
        let rhs: UnsafeMutablePointer<Double>
        let quickCoefficients: UnsafeMutablePointer<Double>
        let fpintLineage: UnsafeMutablePointer<UInt64>
        var lineageCounter: UInt64 = 0
        /// √(2·Σz²): the data's scale in the quick search's error bound.
        let dataNorm: Double

        private static func buffer<T: Numeric>(_ count: Int) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: count)
            p.initialize(repeating: 0, count: count)
            return p
        }

        private static func buffer<T: SIMD>(_ count: Int) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: count)
            p.initialize(repeating: T(), count: count)
            return p
        }

        init(x xs: [Double], z zs: [Double], memo: LeastSquaresMemo? = nil) {
            m = xs.count
            self.memo = memo.flatMap { $0.abscissae == xs.map(\.bitPattern) ? $0 : nil }
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
            spx = Self.buffer(4 * m)
            a = Self.buffer(5 * (nest + 1))
            q = Self.buffer(nest + 2)
            b = Self.buffer(5 * (nest + 1))
            h = Self.buffer(10)
            rowKnots = Self.buffer(nest + 2)
            gram = Self.buffer(nest + 4)
            rhs = Self.buffer(nest + 4)
            quickCoefficients = Self.buffer(nest + 8)
            fpintLineage = Self.buffer(nest + 2)
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
            for it in 1...m {
                let arg = x[it]
                while !(arg < t[l + 1] || l == nk1) { l += 1; number += 1 }
                if reuse {
                    let old = num[it] + 4  // the point's interval when its row was computed
                    if old + 3 <= rowKnotCount && sameKnots(t + l - 2, rowKnots + old - 2) { num[it] = number; continue }
                }
                var hv = (0.0, 0.0, 0.0, 0.0)
                SmoothingSpline.bsplineCubic(tp, arg, l, &hv)
                let row = spx + 4 * (it - 1)
                row[0] = hv.0; row[1] = hv.1; row[2] = hv.2; row[3] = hv.3
                num[it] = number
            }
            noteRowKnots()
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

        /// The Givens reduction as a wavefront (software pipeline) over the observation rows. FITPACK reduces the
        /// rows one after the other, each by up to 5 rotations (stage i: the row's column i meets the diagonal of
        /// band row `after + i + 1`); every rotation is a chain of a division, a square root and a division, and
        /// each waits for the previous row's rotation of the same band row, so a fit is bound by the latency of
        /// those chains (x86-64 divides a 4-lane vector in about the time of one scalar). Here, at step S, the row that
        /// entered at step S − i applies stage i, for i = 0…4: up to five rotations of different rows at once, whose
        /// divisions and square roots run as SIMD lanes (lanes 0–3; lane 4, met only by 5-wide rows, is scalar).
        /// A row enters at least Δafter + 1 steps after the previous row (Δafter: the difference of their `after`),
        /// so the rotations of one step touch different band rows, and every band row and `q` entry receives the
        /// rotations of the rows in FITPACK's order: each value gets the same operations in the same order as in a
        /// row-by-row reduction (every lane computes what the scalar `givens` computes), hence the same bits
        /// (`SmoothingSplineFitIdentityTests`). With the other changes of issue 17's fitfast branch (operand
        /// selection in `givens`, kept observation rows, the residual sums in registers) the fits of a rotor take
        /// ~20 % less CPU than with the paired row-by-row reduction before (raft-bench "16 polar fits" rows).
        struct Wavefront {
            /// Ring of rows in flight (the row that entered at step S is at S & 7): remaining columns, right-hand
            /// side, `after`, last stage (3 or 4; −1: an empty slot) and data point (0: a smoothing row).
            var h: UnsafeMutablePointer<SIMD8<Double>>
            var right: UnsafeMutablePointer<Double>
            var after: UnsafeMutablePointer<Int>
            var last: UnsafeMutablePointer<Int>
            var row: UnsafeMutablePointer<Int>
            var step = 0
            var lastEntry = Int.min / 2
            var lastAfter = 0
            /// `Workspace.recording`, read once per solve (reading the class's stored property at every rotation
            /// went through the runtime's exclusivity check, `swift_beginAccess`: 2 % of an OC3spar rotor's fit
            /// instructions, 7 % of raft-bench's fit rows, callgrind).
            var recording = false
        }

        /// Enters one row into the wavefront (running the steps it has to wait for), then runs one step.
        @inline(__always)
        func enter(_ w: inout Wavefront, _ h: SIMD8<Double>, right: Double, after: Int, wide: Bool, row: Int) {
            let earliest = w.lastEntry + max(1, after - w.lastAfter + 1)
            if w.step < earliest { wait(&w, until: earliest) }
            let s = w.step & 7
            w.h[s] = h; w.right[s] = right; w.after[s] = after; w.last[s] = wide ? 4 : 3; w.row[s] = row
            w.lastEntry = w.step
            w.lastAfter = after
            advance(&w)
        }

        /// Marks ring slot `s` empty: a zero row at `after` 0.
        @inline(__always)
        func clear(_ w: inout Wavefront, _ s: Int) { w.h[s] = .zero; w.right[s] = 0; w.after[s] = 0; w.last[s] = -1 }

        /// Runs steps without new rows until step `earliest`.
        @inline(never)
        func wait(_ w: inout Wavefront, until earliest: Int) {
            while w.step < earliest { clear(&w, w.step & 7); advance(&w) }
        }

        /// Runs steps without new rows until every row in flight is reduced.
        func drain(_ w: inout Wavefront) {
            for _ in 0..<5 { clear(&w, w.step & 7); advance(&w) }
        }

        /// One step of the wavefront: stage i of the row that entered at step `w.step − i`, i = 0…4.
        @inline(__always)
        func advance(_ w: inout Wavefront) {
            let S = w.step
            w.step = S + 1
            // Lanes 0–3: gather the pivots and diagonals. Empty slots hold zero rows with `after` 0, and every row
            // has stages 0–3, so lane i is active exactly when its pivot is non-zero (FITPACK skips a zero pivot);
            // inactive lanes compute on 1s and are not stored.
            let r0 = S & 7, r1 = (S - 1) & 7, r2 = (S - 2) & 7, r3 = (S - 3) & 7
            let pivots = SIMD4(w.h[r0][0], w.h[r1][1], w.h[r2][2], w.h[r3][3])
            let diagonals = SIMD4(a[5 * w.after[r0]], a[5 * (w.after[r1] + 1)], a[5 * (w.after[r2] + 2)],
                                  a[5 * (w.after[r3] + 3)])
            let zero = pivots .== 0
            let piv = pivots.replacing(with: 1, where: zero), ww = diagonals.replacing(with: 1, where: zero)
            let nonZero = unsafeBitCast(pivots .!= 0, to: SIMD4<UInt64>.self)  // all ones where the lane is active
            let active = UInt8(truncatingIfNeeded: (nonZero & SIMD4<UInt64>(1, 2, 4, 8)).wrappedSum())
            if active != 0 {
                // `givens` in four lanes.
                let store = piv.replacing(with: -piv, where: piv .< 0)  // |piv| (pivots are non-zero)
                let small = store .< ww
                let r = ww.replacing(with: piv, where: small) / piv.replacing(with: ww, where: small)
                let dd = store.replacing(with: ww, where: small) * (1 + r * r).squareRoot()
                let cs = ww / dd, sn = piv / dd
                // Through memory: used lane by lane under conditions, the vectors would be split back into scalar
                // divisions and square roots by the optimiser.
                lanes[0] = dd; lanes[1] = cs; lanes[2] = sn
                lane(0, &w, S, active)
                lane(1, &w, S, active)
                lane(2, &w, S, active)
                lane(3, &w, S, active)
            }
            // Lane 4 (5-wide rows only): scalar.
            let r4 = (S - 4) & 7
            if w.last[r4] == 4 {
                let p = w.h[r4][4]
                if p != 0 {
                    let band = a + 5 * (w.after[r4] + 4)
                    let (cs, sn) = Self.givens(p, &band[0])
                    Self.rotate(cs, sn, &w.right[r4], &q[w.after[r4] + 5])
                }
            }
        }

        /// Stores lane `i`'s rotation: the new diagonal, the rotated right-hand side and row entries.
        @inline(__always)
        func lane(_ i: Int, _ w: inout Wavefront, _ S: Int, _ active: UInt8) {
            if active & (UInt8(1) << UInt8(i)) == 0 { return }
            let r = (S - i) & 7
            let after = w.after[r]
            let band = a + 5 * (after + i)
            band[0] = lanes[0][i]
            let c = lanes[1][i], s = lanes[2][i]
            if w.recording { record(w.row[r], i, c, s) }
            Self.rotate(c, s, &w.right[r], &q[after + i + 1])
            let h = w.h + r
            if i < 1 { Self.rotate(c, s, &h.pointee[1], &band[1 - i]) }
            if i < 2 { Self.rotate(c, s, &h.pointee[2], &band[2 - i]) }
            if i < 3 { Self.rotate(c, s, &h.pointee[3], &band[3 - i]) }
            if w.last[r] == 4 { Self.rotate(c, s, &h.pointee[4], &band[4 - i]) }
        }

        /// Notes rotation `stage` of data point `row` for the least-squares memo (stages 0–3 only: recorded
        /// solves have no discontinuity rows, so their rows are 4 wide).
        @inline(__always)
        func record(_ row: Int, _ stage: Int, _ cs: Double, _ sn: Double) {
            rotations[4 * (row - 1) + stage] = SIMD2(cs, sn)
            stages[row] |= UInt8(1) << UInt8(stage)
        }

        /// FITPACK `fpgrre` (1-D reduction): least squares (p ≤ 0) or smoothing spline with weight 1/p.
        /// Returns fp and fills `c` and `fpint`.
        func solve(p: Double) -> Double {
            let nk1 = n - 4
            if p > 0 && n > 8 && discontinuityVersion != knotVersion {
                discontinuities()
                discontinuityVersion = knotVersion
            }
            let pinv = p > 0 ? 1.0 / p : 0
            for i in 0...(nk1 + 1) { q[i] = 0 }
            for i in 0..<(5 * (nk1 + 1)) { a[i] = 0 }
            // Rows enter the Givens reduction in FITPACK's order: for each data point, first the discontinuity rows
            // of the intervals passed since the previous point (p > 0 only), then the point's own row.
            var w = Wavefront(h: flightH, right: flightRight, after: flightAfter, last: flightLast, row: flightRow)
            w.recording = recording
            for s in 0..<8 { clear(&w, s) }
            var iband = 4
            var nrold = 0
            for it in 1...m {
                let number = num[it]
                while nrold != number {
                    if p > 0 {
                        iband = 5
                        let r = b + 5 * nrold
                        enter(&w, SIMD8(r[0] * pinv, r[1] * pinv, r[2] * pinv, r[3] * pinv, r[4] * pinv, 0, 0, 0),
                              right: 0, after: nrold, wide: true, row: 0)
                    }
                    nrold += 1
                }
                let o = spx + 4 * (it - 1)
                enter(&w, SIMD8(o[0], o[1], o[2], o[3], 0, 0, 0, 0), right: z[it], after: number, wide: iband == 5, row: it)
            }
            drain(&w)
            return backSubstituteAndResiduals(iband: iband)
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
                var v = 0.0
                for l in 1...4 { v = v + (spx[4 * (it - 1) + l - 1] * g) * c[numx + l] }
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
            var outcome = try searchKnotsQuickly(s: s)
            if outcome == nil { outcome = try searchKnotsExactly(s: s) }
            switch outcome! {
            case .done(let r): return r
            case .smooth(let fp0, let fpms): return try smooth(s: s, fp0: fp0, fpms: fpms)
            }
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
            let acc = SmoothingSpline.tol * s
            var p1 = 0.0, f1 = fp0 - s, p3 = -1.0, f3 = fpmsLS, p = 1.0
            var ich1 = 0, ich3 = 0
            for iter in 1...20 {
                let fp = solve(p: p)
                let fpms = fp - s
                if abs(fpms) < acc { return result(fp: fp, ier: 0) }
                if iter == 20 { throw .maxIterations }
                let p2 = p, f2 = fpms
                if ich3 == 0 {
                    if !(f2 - f3 > acc) {
                        p3 = p2; f3 = f2
                        p = p * SmoothingSpline.con4
                        if p <= p1 { p = p1 * SmoothingSpline.con9 + p2 * SmoothingSpline.con1 }
                        continue
                    }
                    if f2 < 0 { ich3 = 1 }
                }
                if ich1 == 0 {
                    if !(f1 - f2 > acc) {
                        p1 = p2; f1 = f2
                        p = p / SmoothingSpline.con4
                        if p3 < 0 { continue }
                        if p >= p3 { p = p2 * SmoothingSpline.con1 + p3 * SmoothingSpline.con9 }
                        continue
                    }
                    if f2 > 0 { ich1 = 1 }
                }
                if f2 >= f1 || f2 <= f3 { throw .notConverging }
                p = Self.rati(&p1, &f1, p2, f2, &p3, &f3)
            }
            throw .maxIterations
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

    package init(x: [Double]) { abscissae = x.map(\.bitPattern) }

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
