/// The quick knot search: FITPACK's part 1 (`fpcurf`, iopt 0) with most least-squares fits replaced by cheap
/// approximate ones, giving the same knots as `searchKnotsExactly`.
///
/// Part 1 uses the result of each least-squares fit only through discrete decisions — stop or go on, how many knots
/// to add (`npl`, an integer), and where (`fpknot`: the interval with the largest residual sum `fpint`) — except at
/// its ends: `fp0` (the boundary knots, solved exactly here as in FITPACK, usually replayed from the memo) and the
/// final fit, whose `fpms` enters part 2's rational interpolation (solved exactly here too). In between, an
/// approximate fit from the normal equations (`quickLeastSquares`: no square roots or divisions per data point,
/// ~6× cheaper than the Givens reduction) gives `fp` and `fpint` to within a bound `E`, and each decision is taken
/// only if it holds for every value within `E` of the approximations; otherwise the search gives up (nil) and
/// the caller runs FITPACK's search on exact fits. So the knots, and then every bit of the fit, are FITPACK's.
///
/// The bound: both FITPACK's and the approximate solution differ from the exact least-squares solution c* by
/// δ with ‖Aδ‖ ≲ κ(A)²·u·‖z‖ (u = 2⁻⁵³; for FITPACK's Givens QR, κ·u). `fp` is minimal at c*, so its error is
/// second order in δ, and each `fpint` (a partial sum of squared residuals d) moves by at most 2‖d‖‖Aδ‖ plus
/// rounding of a few u·‖z‖‖d‖. With κ(A) ≤ 10 on every knot set of the designs' polars (B-splines on knots at the
/// data points, each interval holding data), those are ~1e-14·‖z‖√fp; `E = 1e-9·(fp + ‖z‖√fp) + (1e-12‖z‖)²`
/// leaves five orders of magnitude of headroom, and a pivot of the LDLᵀ factorisation that loses more than six
/// digits of its diagonal (κ(A) ≳ 10³) makes the search give up. Ties that are exact in FITPACK too — the two
/// halves of a split interval get `fpmax·k/am` with the same k, the same bits in both computations — are
/// recognised by their lineage (`fpintLineage`), not by their values.
extension SmoothingSpline.Workspace {
    /// Part 1 with approximate intermediate fits; nil when a decision is too close to call (then the caller runs
    /// `searchKnotsExactly`, which starts afresh and gives the same outcome as if this had not run).
    func searchKnotsQuickly(s: Double) throws(SmoothingSpline.FitError) -> KnotSearchOutcome? {
        let acc = SmoothingSpline.tol * s
        let nmax = m + 4
        let ne = min(nmax, nest)
        n = 8
        nrdata[1] = m - 2
        var nplus = 0
        var fp0 = 0.0, fpold = 0.0, reduc = 0.0
        // Bounds on |value − FITPACK's value| for fp (and every fpint), fpold and reduc; 0 when exact.
        var fpError = 0.0, fpoldError = 0.0, reducError = 0.0
        var lastdi = 0
        var ier = 0
        for _ in 1...(m + 2) {
            if n == 8 { ier = -2 }
            nrint = n - 7
            setBoundaryKnots()
            var fp: Double
            if n == 8 {
                fp = leastSquares()
                fpError = 0
            } else {
                guard let quick = quickLeastSquares() else { return nil }
                (fp, fpError) = quick
                // Unless fp − s is certainly above the tolerance (the search goes on), this may be the last fit:
                // its exact fp ends the search or enters part 2.
                if !(fp - s - fpError > acc) {
                    fp = leastSquares()
                    fpError = 0
                }
            }
            newLineages()
            if ier == -2 { fp0 = fp }
            let fpms = fp - s
            if abs(fpms) < acc { return .done(result(fp: fp, ier: ier)) }
            if fpms < 0 { return ier == -2 ? .done(result(fp: fp, ier: ier)) : .smooth(fp0: fp0, fpms: fpms) }
            // The interpolating spline and full knot storage are left to the exact search.
            if n == nmax || n == ne { return nil }
            ier = 0
            if lastdi < 0 { reduc = fpold - fp; reducError = fpoldError + fpError }
            fpold = fp
            fpoldError = fpError
            var npl = 1
            if n != 8 {
                guard let k = Self.knotCount(nplus: nplus, fpms: fpms, fpmsError: fpError, reduc: reduc,
                                             reducError: reducError, acc: acc) else { return nil }
                npl = k
            }
            lastdi = -1
            nplus = npl
            for _ in 0..<nplus {
                guard addKnot(margin: 2 * fpError) else { return nil }
                if n == ne { break }
            }
        }
        return nil  // no fit reached fp < s: the exact search handles the end (not reached in practice)
    }

    /// FITPACK's number of knots to add next, `min(2·nplus, max(int(nplus·fpms/reduc), nplus/2, 1))` (or
    /// 2·nplus when `reduc ≤ acc`), if it is the same for every fpms and reduc within the error bounds; else nil.
    static func knotCount(nplus: Int, fpms: Double, fpmsError: Double, reduc: Double, reducError: Double,
                          acc: Double) -> Int? {
        func count(_ fpms: Double, _ reduc: Double) -> Int {
            var npl1 = 2 * nplus
            if reduc > acc { npl1 = truncatedKnotCount(Double(nplus) * fpms / reduc) }
            return min(2 * nplus, max(npl1, nplus / 2, 1))
        }
        if fpmsError == 0 && reducError == 0 { return count(fpms, reduc) }
        // The count is monotone in fpms (> 0 here) and in reduc on each side of acc: its extremes are at the
        // corners of the error box, widened by a few ulps for the rounding of the quotient.
        let widen = 1 + 1e-12
        let lowFpms = (fpms - fpmsError) / widen, highFpms = (fpms + fpmsError) * widen
        let lowReduc = reduc - reducError * widen, highReduc = reduc + reducError * widen
        let k = count(fpms, reduc)
        for (f, r) in [(lowFpms, lowReduc), (lowFpms, highReduc), (highFpms, lowReduc), (highFpms, highReduc)] {
            if count(f, r) != k { return nil }
        }
        // Across acc the count switches branch; both sides must agree.
        if lowReduc <= acc && highReduc > acc && count(fpms, acc) != k { return nil }
        return k
    }

    /// Gives every residual sum of the latest least-squares fit its own lineage.
    func newLineages() {
        for j in 1...nrint {
            lineageCounter &+= 1
            fpintLineage[j] = lineageCounter
        }
    }

    /// FITPACK `fpknot` (istart = 1) on residual sums known to within `margin` of FITPACK's: adds the same knot,
    /// or returns false when a comparison of the interval search is too close to call. Two sums with the same
    /// lineage have the same bits here and in FITPACK (a tie, which FITPACK resolves to the first interval).
    func addKnot(margin: Double) -> Bool {
        knotVersion += 1
        var fpmax = 0.0
        var maxLineage: UInt64 = 0  // the exact zero FITPACK starts from
        var jbegin = 1
        var number = 0, maxpt = 0, maxbeg = 0
        for j in 1...nrint {
            let jpoint = nrdata[j]
            if jpoint != 0 {
                // FITPACK: fpint(j) > fpmax moves the maximum.
                let d = fpint[j] - fpmax
                if margin > 0 && abs(d) <= margin && fpintLineage[j] != maxLineage { return false }
                if d > margin || (margin == 0 && d > 0) {
                    fpmax = fpint[j]; maxLineage = fpintLineage[j]; number = j; maxpt = jpoint; maxbeg = jbegin
                }
            }
            jbegin = jbegin + jpoint + 1
        }
        if number == 0 { return false }  // no interval with data points: left to the exact search
        splitInterval(number, points: maxpt, from: maxbeg, residual: fpmax, lineage: maxLineage)
        return true
    }

    /// The lineage of `fpmax·share/total` from a sum of lineage `parent` (a 64-bit mix: equal lineages mean the
    /// same operations on the same value).
    static func lineage(of parent: UInt64, share: Int, of total: Int) -> UInt64 {
        var h = parent ^ (UInt64(truncatingIfNeeded: share) &* 0x9E37_79B9_7F4A_7C15)
            ^ (UInt64(truncatingIfNeeded: total) &* 0xC2B2_AE3D_27D4_EB4F)
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        return (h ^ (h >> 31)) | (1 << 63)  // derived lineages never equal the counter's
    }

    /// An approximate least-squares fit on the current knots from the normal equations (banded Gram matrix,
    /// LDLᵀ): sets `fpint` to approximations of FITPACK's residual sums and returns fp with the bound E of the
    /// type's comment (valid for fp and for each fpint); nil when a pivot shows poor conditioning.
    func quickLeastSquares() -> (fp: Double, error: Double)? {
        observations()
        let nk1 = n - 4
        // Gram band G[j][j + e] at gram[j][e] and right-hand side Aᵀz, accumulated per knot interval: the points of
        // one interval share their four B-splines, so their 4×4 blocks add up in registers first.
        for j in 0..<(nk1 + 4) { gram[j] = .zero; rhs[j] = 0 }
        // An interval's sums depend only on its points' rows and ordinates, and a row only on its point and the six
        // knots around its interval: an interval with the same six knots (bits) and the same points as one of the
        // previous knot set's has the same sums (the same bits), and takes them from there. Consecutive knot sets
        // differ by a few knots, so many intervals are carried over (raft-bench `--only fits`, callgrind, with the
        // four-point rows of `observations`: quickLeastSquares 512 → 435 M instructions).
        let intervals = nk1 - 3
        let side = blockSide, stride = 5 &* (nest &+ 1)
        let oldSums = blockSums + side &* stride, newSums = blockSums + (1 &- side) &* stride
        let oldStarts = blockStarts + side &* (nest &+ 2), newStarts = blockStarts + (1 &- side) &* (nest &+ 2)
        let oldCount = blockIntervals
        var match = 0  // the previous set's first non-empty interval starting at or after the current one's start
        for k in 0..<intervals {
            let first = intervalStart[k], end = intervalStart[k &+ 1]
            newStarts[k] = first
            if first == end { continue }
            while match < oldCount && (oldStarts[match] < first || oldStarts[match] == oldStarts[match &+ 1]) {
                match &+= 1
            }
            let sums = newSums + 5 &* k
            if match < oldCount && oldStarts[match] == first && oldStarts[match &+ 1] == end
                && sameKnots(t + (k &+ 2), blockKnots + (match &+ 2)) {
                let old = oldSums + 5 &* match
                sums[0] = old[0]; sums[1] = old[1]; sums[2] = old[2]; sums[3] = old[3]; sums[4] = old[4]
            } else {
                var s0 = SIMD4<Double>.zero, s1 = s0, s2 = s0, s3 = s0, r = s0
                for it in first..<end {
                    // The row's entries broadcast from memory (the same products as `h[k] * h`): taken out of the
                    // vector register, each cost a shuffle, and this loop ran ~21 instructions per term.
                    let o = spx + 4 &* (it &- 1)
                    let h = SIMD4(o[0], o[1], o[2], o[3])
                    s0 += SIMD4(repeating: o[0]) * h; s1 += SIMD4(repeating: o[1]) * h
                    s2 += SIMD4(repeating: o[2]) * h; s3 += SIMD4(repeating: o[3]) * h
                    r += SIMD4(repeating: z[it]) * h
                }
                sums[0] = s0; sums[1] = s1; sums[2] = s2; sums[3] = s3; sums[4] = r
            }
            let s0 = sums[0], s1 = sums[1], s2 = sums[2], s3 = sums[3], r = sums[4]
            gram[k] += s0
            gram[k + 1] += SIMD4(s1[1], s1[2], s1[3], 0)
            gram[k + 2] += SIMD4(s2[2], s2[3], 0, 0)
            gram[k + 3] += SIMD4(s3[3], 0, 0, 0)
            rhs[k] += r[0]; rhs[k + 1] += r[1]; rhs[k + 2] += r[2]; rhs[k + 3] += r[3]
        }
        newStarts[intervals] = m + 1
        blockKnots.update(from: t, count: n + 1)
        blockIntervals = intervals
        blockSide = 1 - side
        // G = Uᵀ·D·U with U unit upper triangular (bandwidth 3): row j becomes (d_j, U[j][j+1], U[j][j+2], U[j][j+3]).
        for j in 0..<nk1 {
            var g = gram[j]
            let diagonal = g[0]
            for k in max(0, j - 3)..<j {
                let u = gram[k], offset = j - k
                let ukj = u[offset] * u[0]  // U[k][j]·d_k
                for e in 0...(3 - offset) { g[e] -= ukj * u[offset + e] }
            }
            let d = g[0]
            guard d > 1e-6 * diagonal else { return nil }
            gram[j] = SIMD4(d, g[1] / d, g[2] / d, g[3] / d)
        }
        // Uᵀ·w = Aᵀz, D·v = w, U·c = v (coefficients 0-based, zero beyond nk1 for the 4-wide dot products).
        for i in 0..<nk1 {
            var w = rhs[i]
            for k in max(0, i - 3)..<i { w -= gram[k][i - k] * rhs[k] }
            rhs[i] = w
        }
        for i in 0..<nk1 { rhs[i] /= gram[i][0] }
        for e in 0..<4 { quickCoefficients[nk1 + e] = 0 }
        var i = nk1 - 1
        while i >= 0 {
            let u = gram[i]
            quickCoefficients[i] = rhs[i] - u[1] * quickCoefficients[i + 1] - u[2] * quickCoefficients[i + 2]
                - u[3] * quickCoefficients[i + 3]
            i -= 1
        }
        // Residual sums as `backSubstituteAndResiduals` forms them (each point counted twice, the first point of
        // an interval split half and half with the previous one).
        var fp = 0.0
        for j in 0...(n + 1) { fpint[j] = 0 }
        var nroldx = 0
        var current = 0.0
        for it in 1...m {
            let numx = num[it]
            let c = quickCoefficients + numx
            let v = (observationRow(it) * SIMD4(c[0], c[1], c[2], c[3])).sum()
            let dz = z[it] - v
            let term = 2 * (dz * dz)
            fp += term
            if numx == nroldx {
                current += term
            } else {
                fpint[nroldx + 1] = current
                fpint[numx] += 0.5 * term
                current = fpint[numx + 1] + 0.5 * term
            }
            nroldx = numx
        }
        fpint[nroldx + 1] = current
        return (fp, 1e-9 * (fp + dataNorm * fp.squareRoot()) + (1e-12 * dataNorm) * (1e-12 * dataNorm))
    }

    /// The four B-spline values of data point `it` (1-based).
    @inline(__always)
    func observationRow(_ it: Int) -> SIMD4<Double> {
        UnsafeRawPointer(spx + 4 &* (it &- 1)).loadUnaligned(as: SIMD4<Double>.self)
    }
}

extension SmoothingSpline {
    /// The residual `fp` of a fit made with FITPACK's knot search on exact solves only (no quick search, no memo):
    /// the reference that raft-bench's "16 polar fits, exact search" row times against the quick search.
    package static func residualWithExactKnotSearch(x: [Double], z: [Double], s: Double) throws(FitError) -> Double {
        try Workspace(x: x, z: z).runExactly(s: s).fp
    }
}
