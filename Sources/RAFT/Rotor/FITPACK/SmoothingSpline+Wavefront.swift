/// The Givens reduction of `fpgrre` (`Workspace.solve`) as a wavefront over the observation rows, and two such
/// reductions interleaved (`solvePair`).
///
/// FITPACK reduces the rows one after the other, each by up to 5 rotations (stage i: the row's column i meets the
/// diagonal of band row `after + i + 1`); every rotation is a chain of a division, a square root and a division, and
/// each waits for the previous row's rotation of the same band row, so a fit is bound by the latency of those chains
/// (x86-64 divides a 4-lane vector in about the time of one scalar). Here, at step S, the row that entered at step
/// S − i applies stage i, for i = 0…4: up to five rotations of different rows at once, whose divisions and square
/// roots run as SIMD lanes (lanes 0–3; lane 4, met only by 5-wide rows, is scalar). A row enters at least Δafter + 1
/// steps after the previous row (Δafter: the difference of their `after`), so the rotations of one step touch
/// different band rows, and every band row and `q` entry receives the rotations of the rows in FITPACK's order: each
/// value gets the same operations in the same order as in a row-by-row reduction (every lane computes what the
/// scalar `givens` computes), hence the same bits (`SmoothingSplineFitIdentityTests`). With the other changes of
/// issue 17's fitfast branch (operand selection in `givens`, kept observation rows, the residual sums in registers)
/// the fits of a rotor take ~20 % less CPU than with the paired row-by-row reduction before (raft-bench "16 polar
/// fits" rows).
///
/// A step is split in two halves: `beginStep` (the row entering, the pivots and diagonals gathered, the lanes'
/// divisions and square roots) and `endStep` (the lanes' rotations, which wait for those). The next step's pivots
/// wait for the rotations, so one reduction runs its chains one after the other; `solvePair` runs two independent
/// reductions (of two fits) in the order begin A, begin B, end A, end B, so that the chains of B run while A's wait
/// (raft-bench, loaded machine, minimum CPU: "OC3spar 30 fits, one thread" 2.86 ms, "…, paired" 2.56 ms).
extension SmoothingSpline.Workspace {
    /// One Givens reduction in progress: the ring of rows in flight and the rows still to enter. It holds the
    /// workspace's buffers as its own pointers and its index arithmetic wraps (`&+`): all indices are small, and
    /// the overflow checks and the reloads of the class's properties after every store were a third of a step's
    /// instructions.
    struct Wavefront {
        /// Ring of rows in flight (the row that entered at step S is at S & 7): remaining columns, right-hand
        /// side, `after`, last stage (3 or 4; −1: an empty slot) and data point (0: a smoothing row).
        let h: UnsafeMutablePointer<SIMD8<Double>>
        let right: UnsafeMutablePointer<Double>
        let after: UnsafeMutablePointer<Int>
        let last: UnsafeMutablePointer<Int>
        let row: UnsafeMutablePointer<Int>
        /// The workspace's band `a`, right-hand side `q`, discontinuity rows `b`, observation rows `spx`, intervals
        /// `num`, ordinates `z`, the lanes of one step (new diagonals, cosines, sines) and the memo's recording
        /// buffers (`rotations`, `stages`).
        let a: UnsafeMutablePointer<Double>
        let q: UnsafeMutablePointer<Double>
        let b: UnsafeMutablePointer<Double>
        let spx: UnsafeMutablePointer<Double>
        let num: UnsafeMutablePointer<Int>
        let z: UnsafeMutablePointer<Double>
        let lanes: UnsafeMutablePointer<SIMD4<Double>>
        let rotations: UnsafeMutablePointer<SIMD2<Double>>
        let stages: UnsafeMutablePointer<UInt8>
        /// `keepMasks[k]`: all ones in lanes k…3 (the band entries a 4-lane rotation must keep; see `lane`).
        let keepMasks: UnsafePointer<SIMD4<UInt64>>
        let m: Int
        var step = 0
        var lastEntry = Int.min / 2
        var lastAfter = 0
        /// `Workspace.recording`, read once per solve (reading the class's stored property at every rotation
        /// went through the runtime's exclusivity check, `swift_beginAccess`: 2 % of an OC3spar rotor's fit
        /// instructions, 7 % of raft-bench's fit rows, callgrind).
        let recording: Bool
        /// The rows to come, in FITPACK's order: for each data point, first the discontinuity rows (weight 1/p,
        /// p > 0 only) of the intervals passed since the previous point, then the point's own row. `point`: the next
        /// data point; `interval`: FITPACK's `nrold`; `wide`: a discontinuity row has entered (`iband` 5).
        var point = 1
        var interval = 0
        let smoothing: Bool, pinv: Double
        var wide = false
        /// The next row to enter (valid while `hasNext`).
        var next = SIMD8<Double>.zero
        var nextRight = 0.0, nextAfter = 0, nextWide = false, nextRow = 0
        var hasNext = false
        /// Steps still to run after the last row entered (its stages 1…4, and one more as FITPACK's drain did).
        var drainSteps = 5
        /// Lanes 0–3 that rotate in the current step (bit i: lane i), set by `beginStep`.
        var active: UInt8 = 0

        init(_ w: SmoothingSpline.Workspace, p: Double) {
            h = w.flightH; right = w.flightRight; after = w.flightAfter; last = w.flightLast; row = w.flightRow
            a = w.a; q = w.q; b = w.b; spx = w.spx; num = w.num; z = w.z; lanes = w.lanes
            rotations = w.rotations; stages = w.stages; keepMasks = SmoothingSpline.Workspace.keepMasks
            m = w.m
            recording = w.recording
            smoothing = p > 0
            pinv = p > 0 ? 1.0 / p : 0
            for s in 0..<8 { clear(s) }
            fetch()
        }

        /// Readies the next row in FITPACK's order (`hasNext` false after the last data point).
        @inline(__always)
        mutating func fetch() {
            guard point <= m else { hasNext = false; return }
            let number = num[point]
            if interval != number {
                if smoothing {
                    wide = true
                    let r = b + 5 &* interval
                    next = SIMD8(r[0] * pinv, r[1] * pinv, r[2] * pinv, r[3] * pinv, r[4] * pinv, 0, 0, 0)
                    nextRight = 0; nextAfter = interval; nextWide = true; nextRow = 0
                    interval &+= 1
                    hasNext = true
                    return
                }
                interval = number  // least squares: no discontinuity rows
            }
            let o = spx + 4 &* (point &- 1)
            next = SIMD8(o[0], o[1], o[2], o[3], 0, 0, 0, 0)
            nextRight = z[point]; nextAfter = number; nextWide = wide; nextRow = point
            point &+= 1
            hasNext = true
        }

        /// Marks ring slot `s` empty: a zero row at `after` 0.
        @inline(__always)
        func clear(_ s: Int) { h[s] = .zero; right[s] = 0; after[s] = 0; last[s] = -1 }

        /// The first half of step `step` (false when the reduction is complete): the next row enters if it may
        /// (else the slot stays empty), then stage i of the row that entered at step `step − i`, i = 0…4, computes
        /// its rotation (lanes 0–3 into `lanes`, stored by `endStep`; lane 4 whole).
        @inline(__always)
        mutating func beginStep() -> Bool {
            let S = step
            if hasNext && S >= lastEntry &+ max(1, nextAfter &- lastAfter &+ 1) {
                let s = S & 7
                h[s] = next; right[s] = nextRight; after[s] = nextAfter; last[s] = nextWide ? 4 : 3
                row[s] = nextRow
                lastEntry = S
                lastAfter = nextAfter
                fetch()
            } else {
                if !hasNext {
                    if drainSteps == 0 { return false }
                    drainSteps &-= 1
                }
                clear(S & 7)
            }
            // Lanes 0–3: gather the pivots and diagonals. Empty slots hold zero rows with `after` 0, and every row
            // has stages 0–3, so lane i is active exactly when its pivot is non-zero (FITPACK skips a zero pivot);
            // inactive lanes compute on 1s and are not stored.
            let r0 = S & 7, r1 = (S &- 1) & 7, r2 = (S &- 2) & 7, r3 = (S &- 3) & 7
            let pivots = SIMD4(h[r0][0], h[r1][1], h[r2][2], h[r3][3])
            let diagonals = SIMD4(a[5 &* after[r0]], a[5 &* (after[r1] &+ 1)], a[5 &* (after[r2] &+ 2)],
                                  a[5 &* (after[r3] &+ 3)])
            let zero = pivots .== 0
            let piv = pivots.replacing(with: 1, where: zero), ww = diagonals.replacing(with: 1, where: zero)
            let nonZero = unsafeBitCast(pivots .!= 0, to: SIMD4<UInt64>.self)  // all ones where the lane is active
            active = UInt8(truncatingIfNeeded: (nonZero & SIMD4<UInt64>(1, 2, 4, 8)).wrappedSum())
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
            }
            // Lane 4 (5-wide rows only): scalar. Its band row and `q` entry are none of lanes 0–3's.
            let r4 = (S &- 4) & 7
            if last[r4] == 4 {
                let p = h[r4][4]
                if p != 0 {
                    let band = a + 5 &* (after[r4] &+ 4)
                    let (cs, sn) = SmoothingSpline.Workspace.givens(p, &band[0])
                    SmoothingSpline.Workspace.rotate(cs, sn, &right[r4], &q[after[r4] &+ 5])
                }
            }
            return true
        }

        /// The second half of step `step`: lanes 0–3 store their rotations.
        @inline(__always)
        mutating func endStep() {
            let S = step
            step = S &+ 1
            if active != 0 {
                lane(0, S)
                lane(1, S)
                lane(2, S)
                lane(3, S)
                if recording { record(S) }
            }
        }

        /// Notes the rotations of this step's lanes 0–3 for the least-squares memo (stages 0–3 only: recorded
        /// solves have no discontinuity rows).
        @inline(never)
        func record(_ S: Int) {
            for i in 0..<4 where active & (UInt8(1) << UInt8(i)) != 0 {
                let point = row[(S &- i) & 7]
                rotations[4 &* (point &- 1) &+ i] = SIMD2(lanes[1][i], lanes[2][i])
                stages[point] |= UInt8(1) << UInt8(i)
            }
        }

        /// Stores lane `i`'s rotation: the new diagonal, the rotated right-hand side and row entries.
        @inline(__always)
        func lane(_ i: Int, _ S: Int) {
            if active & (UInt8(1) << UInt8(i)) == 0 { return }
            let r = (S &- i) & 7
            let after = after[r]
            let band = a + 5 &* (after &+ i)
            band[0] = lanes[0][i]
            let c = lanes[1][i], s = lanes[2][i]
            SmoothingSpline.Workspace.rotate(c, s, &right[r], &q[after &+ i &+ 1])
            let h = h + r
            if i < 2 {
                // Row entries i + 1 … i + 4 against band entries 1 … 4 as one 4-lane rotation (each lane the scalar
                // `rotate`'s operations). Band entries past the row's last column (3 − i, or 4 − i for a 5-wide row)
                // keep their bits (bit masks: a comparison mask compiled to branches and blends); the row's entries
                // past its last column are never read. Lanes 2 and 3 rotate 1–2 entries and stay scalar.
                let hv = UnsafeMutableRawPointer(h) + 8 &* (i &+ 1), bv = UnsafeMutableRawPointer(band + 1)
                let s1 = hv.loadUnaligned(as: SIMD4<Double>.self), s2 = bv.loadUnaligned(as: SIMD4<Double>.self)
                let cv = SIMD4(repeating: c), sv = SIMD4(repeating: s)
                let rotated = unsafeBitCast(cv * s2 + sv * s1, to: SIMD4<UInt64>.self)
                hv.storeBytes(of: cv * s1 - sv * s2, as: SIMD4<Double>.self)
                // Band entry k + 1 (lane k) is the row's when k < last − i: the others keep their bits.
                let keep = keepMasks[last[r] &- i], old = unsafeBitCast(s2, to: SIMD4<UInt64>.self)
                bv.storeBytes(of: (rotated & ~keep) | (old & keep), as: SIMD4<UInt64>.self)
            } else {
                if i < 3 { SmoothingSpline.Workspace.rotate(c, s, &h.pointee[3], &band[3 &- i]) }
                if last[r] == 4 { SmoothingSpline.Workspace.rotate(c, s, &h.pointee[4], &band[4 &- i]) }
            }
        }
    }

    /// FITPACK `fpgrre` (1-D reduction): least squares (p ≤ 0) or smoothing spline with weight 1/p.
    /// Returns fp and fills `c` and `fpint`.
    func solve(p: Double) -> Double {
        var w = startReduction(p: p)
        while w.beginStep() { w.endStep() }
        return backSubstituteAndResiduals(iband: w.wide ? 5 : 4)
    }

    /// `solve(p: pu)` of `u` and `solve(p: pv)` of `v` (two fits' workspaces, neither recording), their steps
    /// interleaved: the same operations on each fit's values as the separate solves, so the same bits.
    static func solvePair(_ u: SmoothingSpline.Workspace, _ pu: Double,
                          _ v: SmoothingSpline.Workspace, _ pv: Double) -> (Double, Double) {
        var wu = u.startReduction(p: pu), wv = v.startReduction(p: pv)
        var goU = true, goV = true
        while goU && goV {
            goU = wu.beginStep()
            goV = wv.beginStep()
            if goU { wu.endStep() }
            if goV { wv.endStep() }
        }
        while goU { goU = wu.beginStep(); if goU { wu.endStep() } }
        while goV { goV = wv.beginStep(); if goV { wv.endStep() } }
        return (u.backSubstituteAndResiduals(iband: wu.wide ? 5 : 4), v.backSubstituteAndResiduals(iband: wv.wide ? 5 : 4))
    }

    /// Clears the band and right-hand side, forms the discontinuity rows if needed and readies the first row.
    func startReduction(p: Double) -> Wavefront {
        let nk1 = n - 4
        if p > 0 && n > 8 && discontinuityVersion != knotVersion {
            discontinuities()
            discontinuityVersion = knotVersion
        }
        for i in 0...(nk1 + 1) { q[i] = 0 }
        for i in 0..<(5 * (nk1 + 1)) { a[i] = 0 }
        return Wavefront(self, p: p)
    }
}
