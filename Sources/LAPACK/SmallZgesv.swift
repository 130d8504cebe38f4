/// `zgesv` for one right-hand side and n ≤ 9, performing OpenBLAS 0.3.21's floating-point operations in OpenBLAS's
/// order, so that on the CPUs where it is enabled the factors, pivots, `info` and solution have the same bits as
/// OpenBLAS's `zgesv_`, without the library call, its buffer allocation and its packing.
///
/// What is mirrored (OpenBLAS 0.3.21 as Debian builds it: `DYNAMIC_ARCH`; the kernels of its "Zen" and "Cooperlake"
/// cores, see `OpenBLASCore` for where they differ; all of it learned from the OpenBLAS sources and the library's
/// machine code and written anew here):
/// - `interface/lapack/gesv.c` → `getrf_single`: for n ≤ 9 its blocking `((n/2 + 1)/2)·2` is at most
///   2·`ZGEMM_UNROLL_N` (= 4 on both cores), so it goes straight to the unblocked left-looking `zgetf2_k`. Per
///   column j: the earlier row swaps, a unit-lower `ztrsv_NLU` (the `zaxpy` tail loop), `zgemv_n` with α = −1 (the
///   Haswell micro-kernels for rows in groups of four: FMA chains over four columns, then `vaddsubpd`, a zeroed
///   buffer and `add_y`; the C loop for the other rows), `izamax` (first largest |re| + |im|), the row swap, the
///   pivot reciprocal by the ratio formula (generic C, no FMA) and `zscal` with its special cases for a zero real or
///   imaginary factor.
/// - `getrs_N_single`: the row swaps, then `trsm_LNLU` and `trsm_LNUN`, which call the generic `trsm_kernel_LT`/
///   `_LN` in row blocks of 4, 2, 1 (`ZGEMM_UNROLL_M` = 4) with the diagonal inverted by the trsm copy's `compinv`
///   (the same ratio formula; 1 + 0i for the unit diagonal), and the core's zgemm kernel for the updates from the
///   other blocks (α = −1).
///
/// Why the bits match: each operation above is IEEE double arithmetic with one rounding, written here in the same
/// order and with an explicit FMA (`addingProduct`) exactly where the kernel issues one; Swift never contracts
/// `a * b + c` by itself. Proven with Debian's libopenblas0-pthread 0.3.21+ds-4 by `SmallZgesvTests` (debug: a few
/// thousand systems; release: over a million, n = 1…9, random, wide-range, small integers with ties and signed
/// zeros, singular) and the whole-run output identity on every design: the Zen core on an AMD EPYC Zen 2 (family 23
/// model 49), the Cooperlake core on an AMD EPYC Zen 4 (family 25 model 17, which OpenBLAS 0.3.21 runs as
/// "Cooperlake"), and the Zen core again on that Zen 4 with `OPENBLAS_CORETYPE=Zen`.
///
/// Where it is used: `BLAS.routines.zgesvCore` is set only when the loaded library reports itself as
/// "OpenBLAS 0.3.21 … DYNAMIC_ARCH" running one of the cores in `OpenBLASCore`. On other CPUs OpenBLAS dispatches to
/// other kernels, and other versions or builds may order or contract differently; there swift-raft keeps calling
/// OpenBLAS, so results always equal the library's on the machine that runs them. Matrices with a NaN or an infinity
/// also go to OpenBLAS (its `izamax` treats NaN in its own way).
enum SmallZgesv {
    /// Largest order handled (getrf's unblocked path); larger systems go to OpenBLAS.
    static let maxOrder = 9

    /// Solve `A x = b` in place with the operations of `core`'s kernels. `a`: column-major interleaved re/im,
    /// leading dimension n, becomes the LU factors; `b`: n complex values, becomes x when the factorisation
    /// succeeds; `pivots`: 1-based rows.
    /// - Returns: `info` as `zgesv` (0, or the 1-based index of the first exactly zero pivot; then `b` is untouched).
    static func solve(n: Int, a: UnsafeMutablePointer<Double>, pivots: UnsafeMutablePointer<Int32>,
                      b: UnsafeMutablePointer<Double>, core: OpenBLASCore) -> Int {
        // One copy of the kernel per core, each with its operations fixed at compile time.
        switch core {
        case .zen: return solve(n: n, a: a, pivots: pivots, b: b, fixed: .zen)
        case .cooperlake: return solve(n: n, a: a, pivots: pivots, b: b, fixed: .cooperlake)
        }
    }

    @inline(__always)
    private static func solve(n: Int, a: UnsafeMutablePointer<Double>, pivots: UnsafeMutablePointer<Int32>,
                              b: UnsafeMutablePointer<Double>, fixed core: OpenBLASCore) -> Int {
        precondition(n >= 1 && n <= maxOrder)
        // The reciprocals of U's diagonal as trsm's copy forms them (on Zen the same bits as getf2's, so computed
        // once there).
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * maxOrder) { inverse in
            let d = inverse.baseAddress!
            let info = factor(n: n, a: a, pivots: pivots, inverseDiagonal: d, core: core)
            if info == 0 { substitute(n: n, a: a, pivots: pivots, inverseDiagonal: d, b: b, core: core) }
            return info
        }
    }

    /// `1 / (ar + i·ai)` by the ratio formula of OpenBLAS's getf2 (no FMA, as `OpenBLASCore.zen` computes
    /// `1 + r²`) or, given `core`, of that core's trsm copy (`compinv`).
    @inline(__always)
    static func reciprocal(_ ar: Double, _ ai: Double, compinvOf core: OpenBLASCore = .zen) -> (re: Double, im: Double) {
        if abs(ar) >= abs(ai) {
            let ratio = ai / ar
            let den = 1.0 / (ar * core.onePlusSquare(ratio))
            return (den, -ratio * den)
        }
        let ratio = ar / ai
        let den = 1.0 / (ai * core.onePlusSquare(ratio))
        return (ratio * den, -den)
    }

    @inline(__always)
    static func swap(_ p: UnsafeMutablePointer<Double>, _ q: UnsafeMutablePointer<Double>) {
        let r = p[0], i = p[1]
        p[0] = q[0]; p[1] = q[1]
        q[0] = r; q[1] = i
    }

    // MARK: - zgetf2

    /// The unblocked left-looking LU of `zgetf2_k`; returns `info`.
    /// `inverseDiagonal` receives the trsm copy's `1 / U[j][j]` (interleaved) for every nonzero pivot.
    @inline(__always)
    static func factor(n: Int, a: UnsafeMutablePointer<Double>, pivots: UnsafeMutablePointer<Int32>,
                       inverseDiagonal: UnsafeMutablePointer<Double>, core: OpenBLASCore) -> Int {
        var info = 0
        for j in 0..<n {
            let col = a + 2 * j * n
            for i in 0..<j {
                let ip = Int(pivots[i]) - 1
                if ip != i { swap(col + 2 * i, col + 2 * ip) }
            }
            // ztrsv_NLU on col[0..<j]: per column i an axpy (its scalar tail loop) with alpha = -col[i].
            if j > 1 {
                for i in 0..<(j - 1) {
                    let ar = -col[2 * i], ai = -col[2 * i + 1]
                    let l = a + 2 * i * n
                    for k in (i + 1)..<j {
                        let xr = l[2 * k], xi = l[2 * k + 1]
                        col[2 * k] = col[2 * k] + core.difference(ar, xr, ai, xi)
                        col[2 * k + 1] = col[2 * k + 1] + core.sum(ar, xi, ai, xr)
                    }
                }
            }
            gemvMinus(rows: n - j, cols: j, a: a + 2 * j, lda: n, x: col, y: col + 2 * j, core: core)
            // izamax: the first largest |re| + |im|.
            var jp = j
            var best = abs(col[2 * j]) + abs(col[2 * j + 1])
            var k = j + 1
            while k < n {
                let v = abs(col[2 * k]) + abs(col[2 * k + 1])
                if v > best { best = v; jp = k }
                k += 1
            }
            pivots[j] = Int32(jp + 1)
            let pr = col[2 * jp], pi = col[2 * jp + 1]
            if pr != 0 || pi != 0 {
                if jp != j { for c in 0...j { swap(a + 2 * (j + c * n), a + 2 * (jp + c * n)) } }
                let r = reciprocal(pr, pi)
                let inverse = core == .zen ? r : reciprocal(pr, pi, compinvOf: core)
                inverseDiagonal[2 * j] = inverse.re
                inverseDiagonal[2 * j + 1] = inverse.im
                if j + 1 < n { scale(count: n - j - 1, r.re, r.im, col + 2 * (j + 1), core: core) }
            } else if info == 0 {
                info = j + 1
            }
        }
        return info
    }

    /// `zgemv_n` (`zgemv_n_4.c` with Haswell's micro-kernels) with α = (−1, 0) and unit strides: `y -= A x`.
    @inline(__always)
    static func gemvMinus(rows: Int, cols: Int, a: UnsafePointer<Double>, lda: Int,
                          x: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>, core: OpenBLASCore) {
        if rows < 1 || cols < 1 { return }
        let blocked = rows - rows % 4
        var r = 0
        while r < blocked {
            // The micro-kernels accumulate into a zeroed buffer, four columns at a time, then two, then one.
            var sr = 0.0, si = 0.0
            var c = 0
            while c < cols {
                let width = cols - c >= 4 ? 4 : (cols - c >= 2 ? 2 : 1)
                let p0 = a + 2 * (r + c * lda)
                var pr = p0[0] * x[2 * c], pi = p0[1] * x[2 * c]
                var qr = p0[0] * x[2 * c + 1], qi = p0[1] * x[2 * c + 1]
                var k = 1
                while k < width {
                    let p = a + 2 * (r + (c + k) * lda), xr = x[2 * (c + k)], xi = x[2 * (c + k) + 1]
                    pr = pr.addingProduct(p[0], xr); pi = pi.addingProduct(p[1], xr)
                    qr = qr.addingProduct(p[0], xi); qi = qi.addingProduct(p[1], xi)
                    k += 1
                }
                sr = sr + (pr - qi); si = si + (pi + qr)
                c += width
            }
            // add_y with alpha = (-1, 0).
            let tr = sr * -1.0 - si * 0.0, ti = si * -1.0 + sr * 0.0
            y[2 * r] = y[2 * r] + tr
            y[2 * r + 1] = y[2 * r + 1] + ti
            r += 1
        }
        while r < rows {
            // The C loop (contracted on Cooperlake). Its α = (−1, 0) update has exact products, so an FMA there
            // would not change a bit.
            var tr = 0.0, ti = 0.0
            for c in 0..<cols {
                let p = a + 2 * (r + c * lda), xr = x[2 * c], xi = x[2 * c + 1]
                tr = tr + core.difference(p[0], xr, p[1], xi)
                ti = ti + core.sum(p[0], xi, p[1], xr)
            }
            y[2 * r] = y[2 * r] + (-1.0 * tr - 0.0 * ti)
            y[2 * r + 1] = y[2 * r + 1] + (-1.0 * ti + 0.0 * tr)
            r += 1
        }
    }

    /// `zscal` (unit stride) with its special cases for a zero real or imaginary factor. Zen (Haswell's `zscal.c`):
    /// groups of eight through the assembly kernels, the rest in C; Cooperlake (`arm/zscal.c`): one C loop.
    @inline(__always)
    static func scale(count: Int, _ dr: Double, _ di: Double, _ x: UnsafeMutablePointer<Double>, core: OpenBLASCore) {
        let grouped = core == .zen ? count & -8 : 0
        for j in 0..<count {
            let xr = x[2 * j], xi = x[2 * j + 1]
            if dr == 0 {
                if di == 0 {
                    x[2 * j] = 0; x[2 * j + 1] = 0
                } else if j < grouped {
                    x[2 * j] = 0 - di * xi; x[2 * j + 1] = 0 + di * xr
                } else {
                    x[2 * j] = -di * xi; x[2 * j + 1] = di * xr
                }
            } else if di == 0 {
                x[2 * j] = dr * xr; x[2 * j + 1] = dr * xi
            } else {
                x[2 * j] = core.difference(dr, xr, di, xi); x[2 * j + 1] = core.sum(dr, xi, di, xr)
            }
        }
    }

    // MARK: - zgetrs

    /// The zgemm kernel for one column: `c[r] -= Σ_k a[r,k]·x[k]` over `k0..<k1` ascending, for row `r` of a trsm
    /// row block of `blockRows` rows (see `OpenBLASCore`, difference 4).
    @inline(__always)
    static func gemmMinus(_ c: UnsafeMutablePointer<Double>, row r: Int, n: Int, a: UnsafePointer<Double>,
                          x: UnsafePointer<Double>, from k0: Int, to k1: Int, blockRows: Int, core: OpenBLASCore) {
        if core == .cooperlake && blockRows < 4 {
            // zgemm_kernel_4x2_skylakex, blocks of 2 and 1 rows: per k two vfmaddsub into one (re, im) pair.
            var x0 = 0.0, y0 = 0.0
            for k in k0..<k1 {
                let ar = a[2 * (r + k * n)], ai = a[2 * (r + k * n) + 1], br = x[2 * k], bi = x[2 * k + 1]
                let x1 = (-x0).addingProduct(bi, ai), y1 = y0.addingProduct(bi, ar)
                x0 = (-x1).addingProduct(br, ar); y0 = y1.addingProduct(br, ai)
            }
            (c[2 * r], c[2 * r + 1]) = saveSkylakeX(c[2 * r], c[2 * r + 1], re: x0, im: y0)
            return
        }
        // Four FMA chains from +0: p = Σ ar·br, s = Σ ar·bi, t = Σ ai·br, q = Σ ai·bi (both kernels' 4-row blocks;
        // the Haswell kernel's every block).
        var p = 0.0, q = 0.0, s = 0.0, t = 0.0
        for k in k0..<k1 {
            let ar = a[2 * (r + k * n)], ai = a[2 * (r + k * n) + 1], br = x[2 * k], bi = x[2 * k + 1]
            p = p.addingProduct(ar, br); s = s.addingProduct(ar, bi)
            t = t.addingProduct(ai, br); q = q.addingProduct(ai, bi)
        }
        let (re, im) = core == .cooperlake
            ? saveSkylakeX(c[2 * r], c[2 * r + 1], re: p - q, im: s + t)
            : combine(c[2 * r], c[2 * r + 1], p: p, q: q, s: s, t: t)
        c[2 * r] = re
        c[2 * r + 1] = im
    }

    /// `zgemm_kernel_4x2_haswell`'s save step: lanes (q − p, t + s), then `vfmsubadd` with α = (1, −0).
    @inline(__always)
    static func combine(_ cr: Double, _ ci: Double, p: Double, q: Double, s: Double, t: Double) -> (Double, Double) {
        let x = q - p, y = t + s
        let re = cr + x, im = y - ci
        return (re + -0.0 * y, -0.0 * x - im)
    }

    /// `zgemm_kernel_4x2_skylakex`'s save step with α = (−1, 0): `vfmaddsub` of (αi·im, αi·re) with c, then of
    /// (αr·re, αr·im) with that. Every product is by −1 or 0, hence exact: each FMA is one rounded sum, written
    /// here as such (the 4-row blocks' (p − q, s + t) is likewise `vfmadd` by (−1, 1)).
    @inline(__always)
    static func saveSkylakeX(_ cr: Double, _ ci: Double, re: Double, im: Double) -> (Double, Double) {
        let u = 0.0 * im - cr, v = 0.0 * re + ci
        return (-re - u, -im + v)
    }

    /// Forward and backward substitution of `getrs_N_single` for one right-hand side.
    /// `inverseDiagonal`: `compinv` of U's diagonal, as `factor` leaves it.
    @inline(__always)
    static func substitute(n: Int, a: UnsafePointer<Double>, pivots: UnsafePointer<Int32>,
                           inverseDiagonal: UnsafePointer<Double>, b: UnsafeMutablePointer<Double>, core: OpenBLASCore) {
        for i in 0..<n {
            let ip = Int(pivots[i]) - 1
            if ip != i { swap(b + 2 * i, b + 2 * ip) }
        }
        // trsm_kernel_LT: row blocks of 4, then one of 2, then one of 1, top down.
        for (start, end) in TrsmBlocks.forward(n) {
            if start > 0 {
                for r in start..<end {
                    gemmMinus(b, row: r, n: n, a: a, x: b, from: 0, to: start, blockRows: end - start, core: core)
                }
            }
            for i in start..<end {
                let b1 = b[2 * i], b2 = b[2 * i + 1]
                let c1 = core.difference(1.0, b1, 0.0, b2), c2 = core.sum(1.0, b2, 0.0, b1)
                b[2 * i] = c1; b[2 * i + 1] = c2
                var k = i + 1
                while k < end {
                    let lr = a[2 * (k + i * n)], li = a[2 * (k + i * n) + 1]
                    b[2 * k] = b[2 * k] - core.difference(c1, lr, c2, li)
                    b[2 * k + 1] = b[2 * k + 1] - core.sum(c1, li, c2, lr)
                    k += 1
                }
            }
        }
        // trsm_kernel_LN: the odd row at the bottom, then the pair above it, then blocks of 4 upwards.
        for (s0, end) in TrsmBlocks.backward(n) {
            if end < n {
                for r in s0..<end {
                    gemmMinus(b, row: r, n: n, a: a, x: b, from: end, to: n, blockRows: end - s0, core: core)
                }
            }
            var i = end - 1
            while i >= s0 {
                let dr = inverseDiagonal[2 * i], di = inverseDiagonal[2 * i + 1]
                let b1 = b[2 * i], b2 = b[2 * i + 1]
                let c1 = core.difference(dr, b1, di, b2), c2 = core.sum(dr, b2, di, b1)
                b[2 * i] = c1; b[2 * i + 1] = c2
                for k in s0..<i {
                    let ur = a[2 * (k + i * n)], ui = a[2 * (k + i * n) + 1]
                    b[2 * k] = b[2 * k] - core.difference(c1, ur, c2, ui)
                    b[2 * k + 1] = b[2 * k + 1] - core.sum(c1, ui, c2, ur)
                }
                i -= 1
            }
        }
    }
}
