/// `SmallZgesv` on four independent systems at once, one per lane of `SIMD4<Double>` (one AVX2 register): each
/// lane performs exactly the scalar mirror's operations in the scalar mirror's order, for the same `OpenBLASCore`, so
/// each lane's factors, pivots, `info` and solution have the bits `SmallZgesv.solve` (hence OpenBLAS's `zgesv`)
/// gives that system alone.
///
/// Why this is possible: the order of OpenBLAS's operations for an n×n system depends only on n, not on the values
/// (the blocking of getf2's gemv and of getrs's trsm, the FMA chains, the `vaddsubpd` combines). What depends on the
/// values is per lane here:
/// - the pivot row (`izamax`): found per lane with masked compares (`v > best`, the first largest wins as in the
///   scalar loop), and the row interchanges are done lane by lane on the lane's own elements;
/// - `1 / pivot` (two formulas chosen by `|re| ≥ |im|`): both computed, the lane's one selected;
/// - `zscal`'s special cases for a zero real or imaginary factor: every variant computed, the lane's one selected;
/// - an exactly zero pivot (`info`): that lane's column is left unscaled, as the scalar code skips it, and its
///   right-hand side is restored after the substitution (zgesv leaves `b` untouched when `info` ≠ 0).
/// Lanes never mix: no operation reads another lane's values, and IEEE arithmetic on a vector lane gives the scalar
/// result (the LAPACK target is compiled with `-mfma`, so `addingProduct` is `vfmadd` on the whole register, one
/// rounding per lane). Proven by `SmallZgesvLanesTests` (every lane against OpenBLAS, on each core) and
/// by `RAFT_ZGESV=check`, which compares every lane with OpenBLAS during a run.
///
/// Layout ("structure of arrays"): element (r, c) of lane l's matrix is `re[r + c·n][l]`, `im[r + c·n][l]`
/// (column-major, as LAPACK); the right-hand side is `bRe[r][l]`, `bIm[r][l]`. 80 frequencies of a 6×6 drag pass are
/// 20 such groups instead of 80 scalar solves (raft-bench micro "80 × 6x6 solve, 4-frequency lanes").
package final class SmallZgesvLanes {
    package typealias Lanes = SIMD4<Double>
    package static let width = 4

    package let n: Int
    /// The kernels mirrored: this machine's (`BLAS.routines.zgesvCore`, or the run's `CorePrediction` when made while
    /// OpenBLAS is loading), Zen's where the mirror is off.
    package let core: OpenBLASCore
    /// Matrices, column-major n×n per lane; become the LU factors. (The buffers below are one allocation owned by
    /// the instance: the kernel reads and writes them through these pointers, with no array bookkeeping per solve.)
    package let re: UnsafeMutablePointer<Lanes>, im: UnsafeMutablePointer<Lanes>
    /// Right-hand sides (n); become the solutions of the lanes whose `info` is 0.
    package let bRe: UnsafeMutablePointer<Lanes>, bIm: UnsafeMutablePointer<Lanes>
    /// Pivot rows per column (0-based) of the last factorisation (n).
    package let pivots: UnsafeMutablePointer<SIMD4<Int64>>
    private let inverseRe: UnsafeMutablePointer<Lanes>, inverseIm: UnsafeMutablePointer<Lanes>
    private let savedRe: UnsafeMutablePointer<Lanes>, savedIm: UnsafeMutablePointer<Lanes>
    private let storage: UnsafeMutablePointer<Lanes>

    package init(n: Int) {
        precondition(n >= 1 && n <= SmallZgesv.maxOrder)
        self.n = n
        core = CorePrediction.coreWhileLoading() ?? BLAS.routines.zgesvCore ?? .zen
        let nn = n * n
        storage = .allocate(capacity: 2 * nn + 7 * n)
        storage.initialize(repeating: .zero, count: 2 * nn + 7 * n)
        re = storage
        im = storage + nn
        bRe = storage + 2 * nn
        bIm = bRe + n
        inverseRe = bIm + n
        inverseIm = inverseRe + n
        savedRe = inverseIm + n
        savedIm = savedRe + n
        // SIMD4<Int64> has the size and alignment of SIMD4<Double>.
        pivots = UnsafeMutableRawPointer(savedIm + n).bindMemory(to: SIMD4<Int64>.self, capacity: n)
    }

    deinit { storage.deallocate() }

    /// Whether the lanes reproduce OpenBLAS on this machine (the scalar mirror's condition; while OpenBLAS is loading,
    /// whether the run predicts its core).
    package static var mirrorsOpenBLAS: Bool { CorePrediction.coreWhileLoading() != nil || BLAS.routines.zgesvMirrored }

    /// Whether every entry of the four matrices and right-hand sides is finite (the scalar path sends the others to
    /// OpenBLAS; the caller does the same with such a group, frequency by frequency).
    package var isFinite: Bool {
        var bad = SIMDMask<SIMD4<Int64>>(repeating: false)
        for k in 0..<(n * n) { bad .|= .!(re[k] - re[k] .== 0) .| .!(im[k] - im[k] .== 0) }
        for k in 0..<n { bad .|= .!(bRe[k] - bRe[k] .== 0) .| .!(bIm[k] - bIm[k] .== 0) }
        return !any(bad)
    }

    /// Factor and solve the four systems in place. Returns each lane's `info` (0, or the 1-based index of the first
    /// exactly zero pivot, whose lane keeps its right-hand side). With `RAFT_ZGESV=check` every lane is also solved by
    /// OpenBLAS and any bit of difference stops the process.
    package func solveInPlace() -> SIMD4<Int64> {
        // (No check while a prediction is in use: `RAFT_ZGESV` set means no prediction.)
        let check = CorePrediction.coreWhileLoading() == nil && BLAS.routines.zgesvCheck ? referenceSolutions() : nil
        // One copy of the kernel per core, each with its operations fixed at compile time.
        let info = switch core {
        case .zen:
            Self.solve(n: n, re: re, im: im, pivots: pivots, inverseRe: inverseRe, inverseIm: inverseIm,
                       bRe: bRe, bIm: bIm, savedRe: savedRe, savedIm: savedIm, core: .zen)
        case .cooperlake:
            Self.solve(n: n, re: re, im: im, pivots: pivots, inverseRe: inverseRe, inverseIm: inverseIm,
                       bRe: bRe, bIm: bIm, savedRe: savedRe, savedIm: savedIm, core: .cooperlake)
        }
        if let check { compare(info: info, with: check) }
        return info
    }

    // MARK: - RAFT_ZGESV=check

    /// OpenBLAS's `zgesv` on a copy of each lane's system (before the solve).
    private func referenceSolutions() -> [(solver: ComplexLinearSolver, info: Int)] {
        (0..<Self.width).map { l in
            let s = ComplexLinearSolver(n: n)
            for k in 0..<(n * n) { s.matrix[k] = ComplexDouble(re[k][l], im[k][l]) }
            for k in 0..<n { s.rhs[k] = ComplexDouble(bRe[k][l], bIm[k][l]) }
            var info = 0
            do { try s.solveInPlaceWithOpenBLAS() } catch let e as LAPACKError { info = e.info } catch { info = -1 }
            return (s, info)
        }
    }

    private func compare(info: SIMD4<Int64>, with reference: [(solver: ComplexLinearSolver, info: Int)]) {
        func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern }
        for l in 0..<Self.width {
            let s = reference[l].solver
            var ok = Int(info[l]) == reference[l].info
            for k in 0..<(n * n) where !same(re[k][l], s.matrix[k].real) || !same(im[k][l], s.matrix[k].imaginary) { ok = false }
            for k in 0..<n where Int32(pivots[k][l] + 1) != s.pivotRows[k] { ok = false }
            if info[l] == 0 {
                for k in 0..<n where !same(bRe[k][l], s.rhs[k].real) || !same(bIm[k][l], s.rhs[k].imaginary) { ok = false }
            }
            if !ok {
                fatalError("RAFT_ZGESV=check: SmallZgesvLanes lane \(l) differs from OpenBLAS zgesv (n = \(n), info \(info[l]) vs \(reference[l].info))")
            }
        }
    }

    // MARK: - The kernel

    /// `abs` lane by lane (`-0.0` may stay `-0.0`: only compared, where the sign of zero does not matter).
    @inline(__always)
    static func magnitude(_ x: Lanes) -> Lanes { x.replacing(with: negated(x), where: x .< 0) }

    /// `-x` lane by lane with the scalar negation's bits. (The standard library's prefix `-` on SIMD vectors is
    /// `0 - x`, which turns −0.0 into +0.0 where the scalar `-x` gives −0.0 for +0.0; multiplying by −1 is exact.)
    @inline(__always)
    static func negated(_ x: Lanes) -> Lanes { x * -1.0 }

    /// Swap element `i` and element `k` of lane `l` in a column.
    @inline(__always)
    static func swapLane(_ p: UnsafeMutablePointer<Lanes>, _ i: Int, _ k: Int, _ l: Int) {
        let t = p[i][l]
        p[i][l] = p[k][l]
        p[k][l] = t
    }

    /// Row `i` of a column (re, im) interchanged with row `rows[l]` in each lane l (nothing where `rows[l]` = i).
    /// When every lane pivots on the same row, as neighbouring frequencies mostly do, whole registers are swapped.
    @inline(__always)
    static func interchange(_ cr: UnsafeMutablePointer<Lanes>, _ ci: UnsafeMutablePointer<Lanes>, _ i: Int, _ rows: SIMD4<Int64>) {
        if rows == SIMD4(repeating: Int64(i)) { return }
        if rows == SIMD4(repeating: rows[0]) {
            let k = Int(rows[0])
            (cr[i], cr[k]) = (cr[k], cr[i])
            (ci[i], ci[k]) = (ci[k], ci[i])
            return
        }
        for l in 0..<width where rows[l] != Int64(i) {
            swapLane(cr, i, Int(rows[l]), l)
            swapLane(ci, i, Int(rows[l]), l)
        }
    }

    @inline(__always)
    static func solve(n: Int, re: UnsafeMutablePointer<Lanes>, im: UnsafeMutablePointer<Lanes>,
                      pivots: UnsafeMutablePointer<SIMD4<Int64>>,
                      inverseRe: UnsafeMutablePointer<Lanes>, inverseIm: UnsafeMutablePointer<Lanes>,
                      bRe: UnsafeMutablePointer<Lanes>, bIm: UnsafeMutablePointer<Lanes>,
                      savedRe: UnsafeMutablePointer<Lanes>, savedIm: UnsafeMutablePointer<Lanes>,
                      core: OpenBLASCore) -> SIMD4<Int64> {
        let info = factor(n: n, re: re, im: im, pivots: pivots, inverseRe: inverseRe, inverseIm: inverseIm, core: core)
        let failed = info .!= 0
        if any(failed) { for k in 0..<n { savedRe[k] = bRe[k]; savedIm[k] = bIm[k] } }
        substitute(n: n, re: re, im: im, pivots: pivots, inverseRe: inverseRe, inverseIm: inverseIm, bRe: bRe, bIm: bIm,
                   core: core)
        if any(failed) {
            for k in 0..<n {
                bRe[k].replace(with: savedRe[k], where: failed)
                bIm[k].replace(with: savedIm[k], where: failed)
            }
        }
        return info
    }

    /// `SmallZgesv.factor` per lane (see there for what each step mirrors).
    @inline(__always)
    static func factor(n: Int, re: UnsafeMutablePointer<Lanes>, im: UnsafeMutablePointer<Lanes>,
                       pivots: UnsafeMutablePointer<SIMD4<Int64>>,
                       inverseRe: UnsafeMutablePointer<Lanes>, inverseIm: UnsafeMutablePointer<Lanes>,
                       core: OpenBLASCore) -> SIMD4<Int64> {
        var info = SIMD4<Int64>(repeating: 0)
        for j in 0..<n {
            let cr = re + j * n, ci = im + j * n
            // The earlier interchanges, each lane its own.
            for i in 0..<j { interchange(cr, ci, i, pivots[i]) }
            // ztrsv_NLU's axpy tail loop.
            if j > 1 {
                for i in 0..<(j - 1) {
                    let ar = negated(cr[i]), ai = negated(ci[i])
                    let lr = re + i * n, li = im + i * n
                    for k in (i + 1)..<j {
                        let xr = lr[k], xi = li[k]
                        cr[k] = cr[k] + core.difference(ar, xr, ai, xi)
                        ci[k] = ci[k] + core.sum(ar, xi, ai, xr)
                    }
                }
            }
            gemvMinus(rows: n - j, cols: j, re: re + j, im: im + j, lda: n, xr: cr, xi: ci, yr: cr + j, yi: ci + j,
                      core: core)
            // izamax per lane: the first largest |re| + |im|.
            var jp = SIMD4<Int64>(repeating: Int64(j))
            var best = magnitude(cr[j]) + magnitude(ci[j])
            var k = j + 1
            while k < n {
                let v = magnitude(cr[k]) + magnitude(ci[k])
                let larger = v .> best
                best.replace(with: v, where: larger)
                jp.replace(with: Int64(k), where: larger)
                k += 1
            }
            pivots[j] = jp
            var pr = Lanes.zero, pi = Lanes.zero
            if jp == SIMD4(repeating: jp[0]) {
                pr = cr[Int(jp[0])]
                pi = ci[Int(jp[0])]
            } else {
                for l in 0..<width {
                    pr[l] = cr[Int(jp[l])][l]
                    pi[l] = ci[Int(jp[l])][l]
                }
            }
            let nonzero = (pr .!= 0) .| (pi .!= 0)
            info.replace(with: Int64(j + 1), where: .!nonzero .& (info .== 0))
            // A zero pivot means the whole column below j is zero, so jp = j there: only nonzero lanes swap.
            if jp != SIMD4(repeating: Int64(j)) {
                for c in 0...j { interchange(re + c * n, im + c * n, j, jp) }
            }
            // The reciprocal by the ratio formula, both branches, the lane's one kept: getf2's for zscal, and the
            // trsm copy's for the backward solve (the same bits on Zen).
            let (dr, di) = reciprocal(pr, pi)
            if core == .zen {
                inverseRe[j] = dr
                inverseIm[j] = di
            } else {
                (inverseRe[j], inverseIm[j]) = reciprocal(pr, pi, compinvOf: core)
            }
            if j + 1 < n { scale(count: n - j - 1, dr, di, cr + j + 1, ci + j + 1, where: nonzero, core: core) }
        }
        return info
    }

    /// `SmallZgesv.reciprocal` per lane: both branches computed, the lane's one kept.
    @inline(__always)
    static func reciprocal(_ pr: Lanes, _ pi: Lanes, compinvOf core: OpenBLASCore = .zen) -> (Lanes, Lanes) {
        let realLarger = magnitude(pr) .>= magnitude(pi)
        let ratioA = pi / pr
        let denA = 1.0 / (pr * core.onePlusSquare(ratioA))
        let ratioB = pr / pi
        let denB = 1.0 / (pi * core.onePlusSquare(ratioB))
        let dr = (ratioB * denB).replacing(with: denA, where: realLarger)
        let di = negated(denB).replacing(with: negated(ratioA) * denA, where: realLarger)
        return (dr, di)
    }

    /// `SmallZgesv.gemvMinus` per lane: `y -= A x`.
    @inline(__always)
    static func gemvMinus(rows: Int, cols: Int, re: UnsafePointer<Lanes>, im: UnsafePointer<Lanes>, lda: Int,
                          xr: UnsafePointer<Lanes>, xi: UnsafePointer<Lanes>,
                          yr: UnsafeMutablePointer<Lanes>, yi: UnsafeMutablePointer<Lanes>, core: OpenBLASCore) {
        if rows < 1 || cols < 1 { return }
        let blocked = rows - rows % 4
        var r = 0
        while r < blocked {
            var sr = Lanes.zero, si = Lanes.zero
            var c = 0
            while c < cols {
                let width = cols - c >= 4 ? 4 : (cols - c >= 2 ? 2 : 1)
                let p0 = r + c * lda
                var pr = re[p0] * xr[c], pi = im[p0] * xr[c]
                var qr = re[p0] * xi[c], qi = im[p0] * xi[c]
                var k = 1
                while k < width {
                    let p = r + (c + k) * lda, vr = xr[c + k], vi = xi[c + k]
                    pr = pr.addingProduct(re[p], vr); pi = pi.addingProduct(im[p], vr)
                    qr = qr.addingProduct(re[p], vi); qi = qi.addingProduct(im[p], vi)
                    k += 1
                }
                sr = sr + (pr - qi); si = si + (pi + qr)
                c += width
            }
            let tr = sr * -1.0 - si * 0.0, ti = si * -1.0 + sr * 0.0
            yr[r] = yr[r] + tr
            yi[r] = yi[r] + ti
            r += 1
        }
        while r < rows {
            var tr = Lanes.zero, ti = Lanes.zero
            for c in 0..<cols {
                let p = r + c * lda, vr = xr[c], vi = xi[c]
                tr = tr + core.difference(re[p], vr, im[p], vi)
                ti = ti + core.sum(re[p], vi, im[p], vr)
            }
            yr[r] = yr[r] + (-1.0 * tr - 0.0 * ti)
            yi[r] = yi[r] + (-1.0 * ti + 0.0 * tr)
            r += 1
        }
    }

    /// `SmallZgesv.scale` per lane: every special case computed, the lane's one stored (lanes outside `active`,
    /// those with a zero pivot, are left as they are).
    @inline(__always)
    static func scale(count: Int, _ dr: Lanes, _ di: Lanes, _ xr: UnsafeMutablePointer<Lanes>, _ xi: UnsafeMutablePointer<Lanes>,
                      where active: SIMDMask<SIMD4<Int64>>, core: OpenBLASCore) {
        let grouped = core == .zen ? count & -8 : 0
        let drZero = dr .== 0, diZero = di .== 0
        let bothZero = drZero .& diZero, onlyDrZero = drZero .& .!diZero, onlyDiZero = diZero .& .!drZero
        for j in 0..<count {
            let vr = xr[j], vi = xi[j]
            var outR = core.difference(dr, vr, di, vi), outI = core.sum(dr, vi, di, vr)
            outR.replace(with: dr * vr, where: onlyDiZero)
            outI.replace(with: dr * vi, where: onlyDiZero)
            if j < grouped {
                outR.replace(with: 0 - di * vi, where: onlyDrZero)
                outI.replace(with: 0 + di * vr, where: onlyDrZero)
            } else {
                outR.replace(with: negated(di) * vi, where: onlyDrZero)
                outI.replace(with: di * vr, where: onlyDrZero)
            }
            outR.replace(with: 0, where: bothZero)
            outI.replace(with: 0, where: bothZero)
            xr[j] = vr.replacing(with: outR, where: active)
            xi[j] = vi.replacing(with: outI, where: active)
        }
    }

    /// `SmallZgesv.gemmMinus` per lane.
    @inline(__always)
    static func gemmMinus(_ cr: UnsafeMutablePointer<Lanes>, _ ci: UnsafeMutablePointer<Lanes>, row r: Int, n: Int,
                          re: UnsafePointer<Lanes>, im: UnsafePointer<Lanes>, from k0: Int, to k1: Int, blockRows: Int,
                          core: OpenBLASCore) {
        if core == .cooperlake && blockRows < 4 {
            // zgemm_kernel_4x2_skylakex, blocks of 2 and 1 rows: one interleaved chain.
            var x0 = Lanes.zero, y0 = Lanes.zero
            for k in k0..<k1 {
                let ar = re[r + k * n], ai = im[r + k * n], br = cr[k], bi = ci[k]
                let x1 = negated(x0).addingProduct(bi, ai), y1 = y0.addingProduct(bi, ar)
                x0 = negated(x1).addingProduct(br, ar); y0 = y1.addingProduct(br, ai)
            }
            (cr[r], ci[r]) = saveSkylakeX(cr[r], ci[r], re: x0, im: y0)
            return
        }
        var p = Lanes.zero, q = Lanes.zero, s = Lanes.zero, t = Lanes.zero
        for k in k0..<k1 {
            let ar = re[r + k * n], ai = im[r + k * n], br = cr[k], bi = ci[k]
            p = p.addingProduct(ar, br); s = s.addingProduct(ar, bi)
            t = t.addingProduct(ai, br); q = q.addingProduct(ai, bi)
        }
        if core == .cooperlake {
            (cr[r], ci[r]) = saveSkylakeX(cr[r], ci[r], re: p - q, im: s + t)
            return
        }
        // SmallZgesv.combine: lanes (q − p, t + s), then vfmsubadd with α = (1, −0).
        let x = q - p, y = t + s
        let outR = cr[r] + x, outI = y - ci[r]
        cr[r] = outR + -0.0 * y
        ci[r] = -0.0 * x - outI
    }

    /// `SmallZgesv.saveSkylakeX` per lane.
    @inline(__always)
    static func saveSkylakeX(_ cr: Lanes, _ ci: Lanes, re: Lanes, im: Lanes) -> (Lanes, Lanes) {
        let u = 0.0 * im - cr, v = 0.0 * re + ci
        return (negated(re) - u, negated(im) + v)
    }

    /// `SmallZgesv.substitute` per lane.
    @inline(__always)
    static func substitute(n: Int, re: UnsafePointer<Lanes>, im: UnsafePointer<Lanes>, pivots: UnsafePointer<SIMD4<Int64>>,
                           inverseRe: UnsafePointer<Lanes>, inverseIm: UnsafePointer<Lanes>,
                           bRe: UnsafeMutablePointer<Lanes>, bIm: UnsafeMutablePointer<Lanes>, core: OpenBLASCore) {
        for i in 0..<n { interchange(bRe, bIm, i, pivots[i]) }
        for (start, end) in TrsmBlocks.forward(n) {
            if start > 0 {
                for r in start..<end {
                    gemmMinus(bRe, bIm, row: r, n: n, re: re, im: im, from: 0, to: start, blockRows: end - start, core: core)
                }
            }
            for i in start..<end {
                let b1 = bRe[i], b2 = bIm[i]
                let one = Lanes(repeating: 1), zero = Lanes.zero
                let c1 = core.difference(one, b1, zero, b2), c2 = core.sum(one, b2, zero, b1)
                bRe[i] = c1; bIm[i] = c2
                var k = i + 1
                while k < end {
                    let lr = re[k + i * n], li = im[k + i * n]
                    bRe[k] = bRe[k] - core.difference(c1, lr, c2, li)
                    bIm[k] = bIm[k] - core.sum(c1, li, c2, lr)
                    k += 1
                }
            }
        }
        for (s0, end) in TrsmBlocks.backward(n) {
            if end < n {
                for r in s0..<end {
                    gemmMinus(bRe, bIm, row: r, n: n, re: re, im: im, from: end, to: n, blockRows: end - s0, core: core)
                }
            }
            var i = end - 1
            while i >= s0 {
                let dr = inverseRe[i], di = inverseIm[i]
                let b1 = bRe[i], b2 = bIm[i]
                let c1 = core.difference(dr, b1, di, b2), c2 = core.sum(dr, b2, di, b1)
                bRe[i] = c1; bIm[i] = c2
                for k in s0..<i {
                    let ur = re[k + i * n], ui = im[k + i * n]
                    bRe[k] = bRe[k] - core.difference(c1, ur, c2, ui)
                    bIm[k] = bIm[k] - core.sum(c1, ui, c2, ur)
                }
                i -= 1
            }
        }
    }
}
