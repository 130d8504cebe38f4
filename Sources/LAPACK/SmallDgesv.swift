/// `dgesv` for one right-hand side and n ≤ 9, performing OpenBLAS 0.3.21's floating-point operations in OpenBLAS's
/// order, so that on the cores of `OpenBLASCore` the factors, pivots, `info` and solution have the same bits as
/// OpenBLAS's `dgesv_` (the real twin of `SmallZgesv`; the statics step `dX = K⁻¹Y` of a rigid FOWT is one 6×6 solve).
///
/// What is mirrored (Debian's `DYNAMIC_ARCH` build; learned from `objdump -d` of `dgetf2_k`, `dgetrs_N_single`,
/// `dtrsv_NLU`/`_NUN` and the `*_ZEN` / `*_COOPERLAKE` kernel objects in `libopenblas.a`, written anew here):
/// - `getrf_single` → `dgetf2_k` for these orders (the blocking is at most twice the unroll): left-looking, per
///   column j the earlier row swaps, `b[i] −= ddot(i, row i of L, b)` for 1 ≤ i < j, `dgemv_n` with α = −1 for the
///   rows j…n−1, `idamax` (first largest |x|), and for a nonzero pivot the row swap over columns 0…j and `dscal` by
///   the reciprocal `1 / pivot` (a zero factor stores +0); a zero pivot records `info` and leaves the column.
/// - `getrs_N_single` with one right-hand side: `dlaswp_plus`, then `dtrsv_NLU` (per column a `daxpy` with −b[i]
///   below the diagonal) and `dtrsv_NUN` (b[i] ÷ U[i][i], a division, then a `daxpy` with −b[i] above it).
///
/// Where the two cores differ (`OpenBLASCore`'s contraction, real kernels):
/// - `ddot` with a strided x (`dot_compute`'s loop of four): Zen adds `x0y0 + x2y2` and `x1y1 + x3y3` to two sums
///   from rounded products; Cooperlake adds `fma(x0, y0, x2y2)` and `fma(x1, y1, x3y3)`; the tail runs on the first
///   sum (Zen `+= xy`, Cooperlake `fma`), the result is first + second.
/// - `dgemv_n`'s micro-kernels for rows in groups of four: Zen (Haswell's) sums a group of four columns as
///   `(a1x1 ⊕ a3x3) + (a0x0 ⊕ a2x2)` (⊕: FMA onto the rounded first product), a pair as `a1x1 + a0x0`;
///   Cooperlake (SkylakeX's) chains `a1x1 ⊕ a0x0 ⊕ a2x2 ⊕ a3x3` (a pair `a1x1 ⊕ a0x0`); both then `y −= sum` in one
///   rounding and a last single column as `y + a·(−x)` (SSE, no FMA). The other rows (n mod 4, the C loop): a sum
///   from +0, Zen `+= a·x`, Cooperlake FMA, then `y − sum`.
/// - `daxpy`'s C loop (n < 16): Zen `y + α·x`, Cooperlake `fma(α, x, y)`.
/// `idamax`, `dscal` (one multiplication each), `dswap` and `dlaswp` do the same on both.
///
/// Proven like `SmallZgesv`: `SmallDgesvTests` (random, wide-range, ill-conditioned, small integers with ties and
/// zeros, singular; the release filter runs over a million) against this machine's OpenBLAS as "Cooperlake" and
/// with `OPENBLAS_CORETYPE=Zen`, and `RAFT_DGESV=check` runs of every design. Matrices or right-hand sides with a
/// NaN or an infinity, and solves whose factors or solution are not all finite, go to OpenBLAS.
enum SmallDgesv {
    /// Largest order handled; larger systems go to OpenBLAS.
    static let maxOrder = 9

    /// Solve `A x = b` in place with the operations of `core`'s kernels. `a`: column-major, leading dimension n,
    /// becomes the LU factors; `b`: n values, becomes x when the factorisation succeeds; `pivots`: 1-based rows.
    /// - Returns: `info` as `dgesv` (0, or the 1-based index of the first exactly zero pivot; then `b` is untouched).
    static func solve(n: Int, a: UnsafeMutablePointer<Double>, pivots: UnsafeMutablePointer<Int32>,
                      b: UnsafeMutablePointer<Double>, core: OpenBLASCore) -> Int {
        switch core {
        case .zen: return solve(n: n, a: a, pivots: pivots, b: b, fixed: .zen)
        case .cooperlake: return solve(n: n, a: a, pivots: pivots, b: b, fixed: .cooperlake)
        }
    }

    @inline(__always)
    private static func solve(n: Int, a: UnsafeMutablePointer<Double>, pivots: UnsafeMutablePointer<Int32>,
                              b: UnsafeMutablePointer<Double>, fixed core: OpenBLASCore) -> Int {
        precondition(n >= 1 && n <= maxOrder)
        let info = factor(n: n, a: a, pivots: pivots, core: core)
        if info == 0 { substitute(n: n, a: a, pivots: pivots, b: b, core: core) }
        return info
    }

    /// `x·y + s` as the core's compiled C computes `s += x·y` (Cooperlake: one FMA).
    @inline(__always)
    static func accumulate(_ s: Double, _ x: Double, _ y: Double, core: OpenBLASCore) -> Double {
        core == .cooperlake ? s.addingProduct(x, y) : s + x * y
    }

    // MARK: - dgetf2

    /// The unblocked left-looking LU of `dgetf2_k`; returns `info`.
    @inline(__always)
    static func factor(n: Int, a: UnsafeMutablePointer<Double>, pivots: UnsafeMutablePointer<Int32>,
                       core: OpenBLASCore) -> Int {
        var info = 0
        for j in 0..<n {
            let col = a + j * n
            for i in 0..<j {
                let ip = Int(pivots[i]) - 1
                if ip != i { (col[i], col[ip]) = (col[ip], col[i]) }
            }
            var i = 1
            while i < j {
                col[i] = col[i] - dotRow(count: i, a: a + i, lda: n, b: col, core: core)
                i += 1
            }
            gemvMinus(rows: n - j, cols: j, a: a + j, lda: n, x: col, y: col + j, core: core)
            // idamax: the first largest |x|.
            var jp = j
            var best = abs(col[j])
            var k = j + 1
            while k < n {
                let v = abs(col[k])
                if v > best { best = v; jp = k }
                k += 1
            }
            pivots[j] = Int32(jp + 1)
            let pivot = col[jp]
            if pivot != 0 {
                if jp != j { for c in 0...j { (a[j + c * n], a[jp + c * n]) = (a[jp + c * n], a[j + c * n]) } }
                if j + 1 < n {
                    // dscal: a zero factor stores +0 (no multiplication).
                    let r = 1.0 / pivot
                    for k in (j + 1)..<n { col[k] = r == 0 ? 0 : r * col[k] }
                }
            } else if info == 0 {
                info = j + 1
            }
        }
        return info
    }

    /// `ddot` of row `a[0, lda, 2·lda, …]` (stride lda > 1) with `b[0..<count]`: `dot_compute`'s strided loop.
    @inline(__always)
    static func dotRow(count: Int, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>,
                       core: OpenBLASCore) -> Double {
        var first = 0.0, second = 0.0
        var k = 0
        while k + 4 <= count {
            let x0 = a[k * lda], x1 = a[(k + 1) * lda], x2 = a[(k + 2) * lda], x3 = a[(k + 3) * lda]
            if core == .cooperlake {
                first = first + (b[k + 2] * x2).addingProduct(b[k], x0)
                second = second + (b[k + 3] * x3).addingProduct(b[k + 1], x1)
            } else {
                first = first + (b[k] * x0 + b[k + 2] * x2)
                second = second + (b[k + 1] * x1 + b[k + 3] * x3)
            }
            k += 4
        }
        while k < count {
            first = accumulate(first, b[k], a[k * lda], core: core)
            k += 1
        }
        return first + second
    }

    /// `dgemv_n` with α = −1 and unit strides: `y −= A x` for `rows` rows and `cols` columns.
    @inline(__always)
    static func gemvMinus(rows: Int, cols: Int, a: UnsafePointer<Double>, lda: Int,
                          x: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>, core: OpenBLASCore) {
        if rows < 1 || cols < 1 { return }
        let blocked = rows & ~3
        var r = 0
        while r < blocked {
            // The micro-kernels, four columns at a time, then a pair, then one (SSE).
            var acc = y[r]
            var c = 0
            while c + 4 <= cols {
                let a0 = a[r + c * lda], a1 = a[r + (c + 1) * lda], a2 = a[r + (c + 2) * lda], a3 = a[r + (c + 3) * lda]
                let sum: Double
                if core == .cooperlake {
                    sum = (a1 * x[c + 1]).addingProduct(a0, x[c]).addingProduct(a2, x[c + 2]).addingProduct(a3, x[c + 3])
                } else {
                    let p = (a0 * x[c]).addingProduct(a2, x[c + 2]), q = (a1 * x[c + 1]).addingProduct(a3, x[c + 3])
                    sum = q + p
                }
                acc = acc - sum
                c += 4
            }
            if cols - c >= 2 {
                let a0 = a[r + c * lda], a1 = a[r + (c + 1) * lda]
                let sum = core == .cooperlake ? (a1 * x[c + 1]).addingProduct(a0, x[c]) : a1 * x[c + 1] + a0 * x[c]
                acc = acc - sum
                c += 2
            }
            if c < cols {
                let t = x[c] * -1.0
                acc = acc + a[r + c * lda] * t
            }
            y[r] = acc
            r += 1
        }
        while r < rows {
            // The C loop for the last rows mod 4.
            var t = 0.0
            for c in 0..<cols { t = accumulate(t, a[r + c * lda], x[c], core: core) }
            y[r] = y[r] - t
            r += 1
        }
    }

    // MARK: - dgetrs

    /// `getrs_N_single` for one right-hand side: the row swaps, `dtrsv_NLU`, `dtrsv_NUN`.
    @inline(__always)
    static func substitute(n: Int, a: UnsafePointer<Double>, pivots: UnsafePointer<Int32>,
                           b: UnsafeMutablePointer<Double>, core: OpenBLASCore) {
        for i in 0..<n {
            let ip = Int(pivots[i]) - 1
            if ip != i { (b[i], b[ip]) = (b[ip], b[i]) }
        }
        // dtrsv_NLU: per column a daxpy below the (unit) diagonal.
        for i in 0..<n {
            let alpha = -b[i]
            var k = i + 1
            while k < n {
                b[k] = accumulate(b[k], alpha, a[k + i * n], core: core)
                k += 1
            }
        }
        // dtrsv_NUN: bottom up, a division, then a daxpy above the diagonal.
        var i = n - 1
        while i >= 0 {
            b[i] = b[i] / a[i + i * n]
            let alpha = -b[i]
            for k in 0..<i { b[k] = accumulate(b[k], alpha, a[k + i * n], core: core) }
            i -= 1
        }
    }
}
