import Numerics

/// The interior-node solve of `get_dynamic_tension` (spec 04 §10.3) at every frequency:
/// `H_ii X_i = −H_iA RAO_A − H_iB RAO_B`, `H = −ω²(M+A) + iωB + K`, by the block Thomas algorithm
/// (H is block-tridiagonal with 3×3 blocks; Gaussian elimination with partial pivoting inside each block).
///
/// Speed without changing a bit: the frequencies are independent, so `LineSolver` runs `Lanes.scalarCount`
/// of them side by side, one per SIMD lane. Each lane performs exactly the scalar algorithm's IEEE operations
/// (`LumpedMassLine.solveInterior`, kept as the reference): the same pivots (chosen per lane with `.length`), the
/// same products and sums in the same order, and each complex division `z / w` replaced by `z · (w̄ / |w|²)` — which
/// is how swift-numerics evaluates `z / w` whenever `|w|²` is a normal number. A group of frequencies where any lane
/// meets something else (a subnormal, zero or overflowing pivot, a length needing `hypot`) is re-solved by the
/// scalar reference, frequency by frequency. Each block is factored once and the factors applied to all right-hand
/// sides (the scalar code factors the same block three times, identically). The K coupling blocks are real (their
/// M, A, B entries are zero), so their products skip the zero imaginary parts (`CLanes.scaled`, `Factor.solveReal`).
///
/// Skipped zero products. Where an operand is known to be ±0 (the imaginary part `ω·0` of a K coupling entry) its
/// products `a·(±0)` are ±0 for finite `a` and are not formed; sums that the reference starts at +0 start at their
/// first term. Dropping `± (±0)` from a sum `s` leaves `s` unchanged when `s ≠ 0`, and when `s` is zero it can only
/// change the zero's sign (+0 + −0 = +0 vs −0). Call two finite values equivalent when they are equal as numbers
/// (IEEE `==`, +0 == −0). Every later operation keeps equivalent inputs equivalent: `+ − ×` give equal numbers,
/// division is only by a `|w|²` checked to be normal, `|z|² = re·re + im·im` and the pivot comparisons do not see a
/// zero's sign. So each motion is equivalent to the reference's, and all of them the same bits except possibly the
/// sign of an exact zero. Nothing downstream can see that sign: the motions reach the outputs only through squares —
/// the node velocity RMS of the drag damping B (`(re·re + im·im)·S`), `velocityRMS`, and the end tensions, which
/// enter the results only as `|T|²` (Tmoor std and PSD) — and a sum of squares of equivalent values has the same
/// bits. (`LumpedMassSolverTests` checks the motions equal the scalar reference as numbers and B, σ and the tensions
/// bit for bit.) Non-finite lanes are re-solved by the scalar reference as before.
///
/// End A at rest. Where end A's RAOs are ±0 in every lane (a line anchored at end A), the forward sweep's right-hand
/// sides before the last block are products and differences of ±0 with the finite factors and K entries, so ±0: they
/// are set to +0 instead of formed (equivalent values; see above). A factor or K entry that is not finite would turn
/// some of those zeros into NaN in the reference, but it then also reaches the back substitution, which multiplies
/// every factor entry by the (finite) values it carries: the motions of that group come out non-finite and the
/// group is re-solved by the scalar reference, as before. (A non-finite K coupling entry also makes its node's
/// diagonal block non-finite, and every entry of a block ends up a checked pivot, a multiplier bounded by its pivot,
/// or an entry of U used in the back substitution.)
///
/// Work per drag iteration and line (51 nodes, 40 frequencies): 49 blocks × 10 groups of 4 frequencies. Each group
/// runs in two passes (`factorGroup`: the matrix part of the forward sweep, about three quarters of the work;
/// `substituteGroup`: right-hand sides and back substitution), so a sweep with the matrices of an earlier one
/// reuses its factors (`Kept`, see `LumpedDynamicsMemo`).
/// Four lanes are one 256-bit register per operation (AVX2 build). Eight lanes (two registers, two independent
/// halves of the recurrence) were 5 % faster while the pivot choice took five square roots per block, whose latency
/// the halves overlapped; with the pivots chosen through `|z|²` (`greater`), four lanes are 5 % faster per sweep
/// (60.5 against 63.6 µs, raft-bench "line solver sweep"): half the registers per value, fewer spills, and masks that
/// are plain compare results.
///
/// Function boundaries. Each block's steps are their own small functions taking everything by address (`factor`,
/// `subtractCoupling`, `forwardStep`, `backStep`; `@inline(never)`): inlined into the group loops, the optimiser kept
/// the blocks in memory, left the column solves as calls that passed their vectors in halves, and — where it could
/// see a K entry repeated in every lane — re-laid complex products lane by lane in scalar and 128-bit pieces. As
/// their own functions (and with K's entries read as lane vectors, `kBelowLanes`/`kAboveLanes`) the whole
/// VolturnUS-S-moorMod2 process went from 470.5 to 444.9 million instructions (callgrind; the factor pass from about
/// 945 to 840 instructions per block).
struct LineSolver {
    typealias Lanes = SIMD4<Double>
    typealias Mask = SIMDMask<SIMD4<Int64>>

    /// Complex numbers, one per lane (swift-numerics' formulas, lane-wise).
    struct CLanes {
        var re: Lanes, im: Lanes
        static let zero = CLanes(re: Lanes(repeating: 0), im: Lanes(repeating: 0))
        @inline(__always) static func + (z: CLanes, w: CLanes) -> CLanes { CLanes(re: z.re + w.re, im: z.im + w.im) }
        @inline(__always) static func - (z: CLanes, w: CLanes) -> CLanes { CLanes(re: z.re - w.re, im: z.im - w.im) }
        /// `Complex.*`: (x·u − y·v, x·v + y·u).
        @inline(__always) static func * (z: CLanes, w: CLanes) -> CLanes {
            CLanes(re: z.re * w.re - z.im * w.im, im: z.re * w.im + z.im * w.re)
        }
        /// A real number (the same in every lane) times z: `Complex(k, +0) * z` without the products of the zero
        /// imaginary part. Those are ±0 for finite z, and every use below adds the product to a sum that started at
        /// +0 or subtracts it from a value that is never −0, where a zero's sign cannot show; a group whose motions
        /// come out non-finite is re-solved by the scalar route.
        @inline(__always) static func scaled(_ k: Lanes, _ z: CLanes) -> CLanes { CLanes(re: k * z.re, im: k * z.im) }
        @inline(__always) func replacing(with other: CLanes, where mask: Mask) -> CLanes {
            CLanes(re: re.replacing(with: other.re, where: mask), im: im.replacing(with: other.im, where: mask))
        }
    }

    /// A 3-vector of lane complexes.
    struct Vec { var e0 = CLanes.zero, e1 = CLanes.zero, e2 = CLanes.zero }

    /// One factored 3×3 block: the pivot choices, multipliers and upper triangle of `Block3.solve`'s elimination,
    /// and the reciprocals `w̄/|w|²` of the diagonal of U.
    struct Factor {
        /// Step 0: row 1 or row 2 was the pivot (else row 0); step 1: row 2 was the pivot (else row 1).
        var swap01 = Mask(repeating: false), swap02 = Mask(repeating: false), swap12 = Mask(repeating: false)
        /// Some lane swapped rows at step 0 / step 1 (else the selects are skipped: they would change nothing).
        var pivoted0 = false, pivoted1 = false
        var f10 = CLanes.zero, f20 = CLanes.zero, f21 = CLanes.zero
        var u01 = CLanes.zero, u02 = CLanes.zero, u12 = CLanes.zero
        var inv0 = CLanes.zero, inv1 = CLanes.zero, inv2 = CLanes.zero

        /// `Block3.solve(a, b, columns: 1)` for one column, from the factors at `f` (same operations on b, same order).
        /// (Static, the factors read field by field where they are used: see `forwardStep`.)
        @inline(__always) static func solve(_ f: UnsafePointer<Factor>, _ b: Vec) -> Vec {
            var b0 = b.e0, b1 = b.e1, b2 = b.e2
            // step 0: swap rows 0 ↔ p, then eliminate rows 1, 2
            if f.pointee.pivoted0 {
                let t0 = b0, swap01 = f.pointee.swap01, swap02 = f.pointee.swap02
                b0 = b0.replacing(with: b1, where: swap01).replacing(with: b2, where: swap02)
                b1 = b1.replacing(with: t0, where: swap01)
                b2 = b2.replacing(with: t0, where: swap02)
            }
            b1 = b1 - f.pointee.f10 * b0
            b2 = b2 - f.pointee.f20 * b0
            // step 1
            if f.pointee.pivoted1 {
                let t1 = b1, swap12 = f.pointee.swap12
                b1 = b1.replacing(with: b2, where: swap12)
                b2 = b2.replacing(with: t1, where: swap12)
            }
            b2 = b2 - f.pointee.f21 * b1
            // back substitution, x_r = (b_r − Σ_{q>r} u_rq x_q) / u_rr
            let x2 = b2 * f.pointee.inv2
            let x1 = (b1 - f.pointee.u12 * x2) * f.pointee.inv1
            let x0 = ((b0 - f.pointee.u01 * x1) - f.pointee.u02 * x2) * f.pointee.inv0
            return Vec(e0: x0, e1: x1, e2: x2)
        }

        /// `solve` of a real column `(b0 + i·z, b1 + i·z, b2 + i·z)` whose imaginary parts are all the same ±0 `z`
        /// (a column of a K coupling block: `ω·0`), with the factors at `f`. The products of `z` in step 0 are ±0 and
        /// are skipped (see "Skipped zero products" on `LineSolver`); the rest is `solve`'s operations in `solve`'s order.
        /// (Static, the factors read field by field where they are used: see `subtractCoupling`.)
        @inline(__always) static func solveReal(_ f: UnsafePointer<Factor>, _ r0: Lanes, _ r1: Lanes, _ r2: Lanes,
                                                im z: Lanes) -> Vec {
            var b0 = r0, b1 = r1, b2 = r2
            if f.pointee.pivoted0 {
                let t0 = b0, swap01 = f.pointee.swap01, swap02 = f.pointee.swap02
                b0 = b0.replacing(with: b1, where: swap01).replacing(with: b2, where: swap02)
                b1 = b1.replacing(with: t0, where: swap01)
                b2 = b2.replacing(with: t0, where: swap02)
            }
            // b_r − f·(b0 + i·z) ≈ (b_r − f.re·b0, z − f.im·b0): the products f.im·z and f.re·z are dropped
            let f10 = f.pointee.f10, f20 = f.pointee.f20
            var c1 = CLanes(re: b1 - f10.re * b0, im: z - f10.im * b0)
            var c2 = CLanes(re: b2 - f20.re * b0, im: z - f20.im * b0)
            if f.pointee.pivoted1 {
                let t1 = c1, swap12 = f.pointee.swap12
                c1 = c1.replacing(with: c2, where: swap12)
                c2 = c2.replacing(with: t1, where: swap12)
            }
            c2 = c2 - f.pointee.f21 * c1
            let c0 = CLanes(re: b0, im: z)
            let x2 = c2 * f.pointee.inv2
            let x1 = (c1 - f.pointee.u12 * x2) * f.pointee.inv1
            let x0 = ((c0 - f.pointee.u01 * x1) - f.pointee.u02 * x2) * f.pointee.inv0
            return Vec(e0: x0, e1: x1, e2: x2)
        }
    }

    let n: Int
    /// Diagonal blocks of M + A (summed once per iteration set-up, as `m + a` in the scalar code), K, B.
    private var massPlusAdded: [Double], stiffness: [Double], damping: [Double]
    private var kBelow: [Double], kAbove: [Double]
    /// `kBelow`, `kAbove` with each entry repeated in every lane (read by `subtractCoupling`, `forwardStep` and
    /// `backStep` as lane vectors: see `subtractCoupling`).
    private var kBelowLanes: [Lanes] = [], kAboveLanes: [Lanes] = []
    /// Per interior block: its factors and the eliminated right-hand side (the scalar `dPrime`, `fPrime`).
    private var factors: [Factor], rhs: [Vec]
    /// The real parts `−ω²(m + a) + k` of H's diagonal blocks per lane group (group g, interior block i, entry e at
    /// `[9·(g·(N−2) + i) + e]`), formed for the frequencies `realOmegas`: they depend on M + A, K and ω only, which
    /// stay the same over a drag iteration's sweeps (only B changes), so each sweep reads them instead of forming
    /// them (the same operations, once).
    private var realParts: [Lanes] = [], realOmegas: [Double] = []

    init(count n: Int) {
        self.n = n
        massPlusAdded = []; stiffness = []; damping = []; kBelow = []; kAbove = []
        factors = Self.factorStore(count: max(n - 2, 0))
        rhs = [Vec](repeating: Vec(), count: max(n - 2, 0))
    }

    /// Room for `count` block factors, not filled: `factor` writes every field of a block's factors before anything
    /// reads them, and the factors of a group that left the fast path part-way are never read (`Kept.factored`, or
    /// the scalar route). (Filled with `Factor()` first, the kept store's ~700 bytes per block were copied in one by
    /// one: ~0.7 M instructions per VolturnUS-S-moorMod2 run.) `Factor` holds only SIMD vectors, masks and flags.
    private static func factorStore(count: Int) -> [Factor] {
        [Factor](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// Takes the line matrices of the next sweep: M, A, K on the first call (they stay fixed during the drag
    /// iteration of one `dynamicTension`), B on every call.
    mutating func load(_ mats: LumpedMassLine.Blocks) {
        if massPlusAdded.isEmpty {
            massPlusAdded = zip(mats.m, mats.a).map { $0 + $1 }
            stiffness = mats.k; kBelow = mats.kBelow; kAbove = mats.kAbove
            kBelowLanes = kBelow.map { Lanes(repeating: $0) }; kAboveLanes = kAbove.map { Lanes(repeating: $0) }
        }
        damping = mats.b
    }

    /// `H` entry `−ω²(m + a) + k + iωb` per lane (`negW2` = (−ω)·ω).
    @inline(__always) private static func h(_ negW2: Lanes, _ w: Lanes, _ mpa: Double, _ k: Double, _ b: Double) -> CLanes {
        CLanes(re: negW2 * Lanes(repeating: mpa) + Lanes(repeating: k), im: w * Lanes(repeating: b))
    }

    /// Writes the diagonal block of interior block i (node i + 1) of H to `d` (nine lane complexes, row-major): the
    /// kept real parts of `realParts` (at `re`) and `ω·b` (the imaginary parts of `h`; `b`: the damping blocks).
    @inline(__always) private static func block(_ i: Int, re: UnsafePointer<Lanes>, b: UnsafePointer<Double>, w: Lanes,
                                                into d: UnsafeMutablePointer<CLanes>) {
        for e in 0..<9 { d[e] = CLanes(re: re[9 &* i &+ e], im: w * Lanes(repeating: b[9 &* (i &+ 1) &+ e])) }
    }

    /// Forms `realParts` for `omegas` unless they are already those of these frequencies (bit for bit).
    private mutating func formRealParts(_ omegas: [Double]) {
        let width = Lanes.scalarCount, m = n - 2, groups = (omegas.count + width - 1) / width
        // (an index loop: the generic zip/allSatisfy allocated per element in debug builds, where the sweeps are
        // checked to be allocation-free)
        var same = realOmegas.count == omegas.count
        if same { for k in omegas.indices where realOmegas[k].bitPattern != omegas[k].bitPattern { same = false; break } }
        if same { return }
        // (written and read through pointers: with the checked subscripts this was ~50 instructions per entry)
        let count = 9 * groups * m
        realParts = [Lanes](unsafeUninitializedCapacity: count) { out, initialized in
            massPlusAdded.withUnsafeBufferPointer { mpa in
                stiffness.withUnsafeBufferPointer { k in
                    for g in 0..<groups {
                        let w = Self.lanes(omegas, g * width), negW2 = (-w) * w
                        for i in 0..<m {
                            for e in 0..<9 {
                                let q = 9 &* (i &+ 1) &+ e
                                (out.baseAddress! + (9 &* (g &* m &+ i) &+ e)).initialize(to: Self.h(negW2, w, mpa[q], k[q], 0).re)
                            }
                        }
                    }
                }
            }
            initialized = count
        }
        realOmegas = omegas
    }

    /// A K coupling block as the real parts of H's entries: `−ω²(0 + 0) + k` is k for every finite ω, and the
    /// imaginary parts `ω·0` are +0 (see `CLanes.scaled`).
    @inline(__always) private static func realBlock(_ store: UnsafePointer<Double>, _ node: Int) -> InlineArray<9, Lanes> {
        InlineArray<9, Lanes> { e in Lanes(repeating: store[9 &* node &+ e]) }
    }

    /// `|z|²` per lane (swift-numerics' `lengthSquared`), where `.length` is `√|z|²`: the lane is exactly zero or
    /// has a normal `|z|²`; lanes where it is not are cleared from `ok`. (`.length` itself is formed only where
    /// `greater` needs it.)
    @inline(__always) static func lengthSquared(_ z: CLanes, _ ok: inout Mask) -> Lanes {
        let sq = z.re * z.re + z.im * z.im
        let zero = (z.re .== 0) .& (z.im .== 0)
        // normal: |z|² ≥ least normal and finite
        let normal = (sq .>= Lanes(repeating: Double.leastNormalMagnitude)) .& (sq .< Lanes(repeating: .infinity))
        ok = ok .& (zero .| normal)
        return sq
    }

    /// The pivot test `√q1 > √q0` of the reference (`.length` comparisons) per lane, for `q0`, `q1` from
    /// `lengthSquared` (+0 or normal), mostly without the square roots.
    ///
    /// Rounded square roots are monotone, so `q1 ≤ q0` gives `√q1 ≤ √q0` (false both ways). If `q1 > t`, with
    /// `t = q0·(1 + 2⁻⁴⁰)` rounded (`t ≥ q0(1 + 2⁻⁴⁰)(1 − 2⁻⁵³)`), the exact roots differ by a factor above
    /// `1 + 2⁻⁴³`, far more than the two roundings (`2⁻⁵³` each) can close: `√q1 > √q0` after rounding (true both
    /// ways; with `q0 = +0`, `t = +0` and `√q1 > 0`). Only lanes with `q0 < q1 ≤ t` (a near tie, or an infinite
    /// `t`) are undecided; if there is one, the roots are formed and compared as the reference does.
    /// (The square roots were five of a block's eleven operations on the divider, the long-latency unit the
    /// divisions use too.)
    @inline(__always) static func greater(_ q1: Lanes, _ q0: Lanes) -> Mask {
        let above = q1 .> q0
        let sure = q1 .> q0 * Lanes(repeating: 1 + 0x1p-40)
        if any(above .& .!sure) { return q1.squareRoot() .> q0.squareRoot() }
        return above
    }

    /// `w̄/|w|²` per lane (swift-numerics' fast division path), valid where `|w|²` is normal (then also `|w| > 0`);
    /// lanes where it is not are cleared from `ok`.
    @inline(__always) private static func reciprocal(_ w: CLanes, _ ok: inout Mask) -> CLanes {
        let sq = w.re * w.re + w.im * w.im
        ok = ok .& (sq .< Lanes(repeating: .infinity))
        return reciprocal(w, squared: sq, &ok)
    }

    /// `reciprocal` of a pivot whose `|w|²` is already known (`sq`, the same operations' bits) and, in the lanes still
    /// `ok`, finite (`lengthSquared` checked it): only `|w|² ≥` the least normal number remains to be checked.
    @inline(__always) private static func reciprocal(_ w: CLanes, squared sq: Lanes, _ ok: inout Mask) -> CLanes {
        ok = ok .& (sq .>= Lanes(repeating: Double.leastNormalMagnitude))
        return CLanes(re: w.re / sq, im: (-w.im) / sq)
    }

    /// Gaussian elimination with partial pivoting of a 3×3 block (`Block3.solve`'s) at `p` (nine lane complexes,
    /// row-major) into `f`; false → scalar route.
    ///
    /// The fast path's conditions (every pivot candidate's length `√|z|²`, every divisor's `|w|²` normal) are
    /// gathered lane by lane in `ok` and checked once at the end: a lane that fails sends the whole group to the
    /// scalar route, so what is computed after its failure is never used. The reference's singular-pivot checks
    /// (`|pivot| == 0`) need no test of their own: a pivot whose `|w|²` is normal is not zero.
    ///
    /// Its own function (`@inline(never)`), on nine local values: inlined into `factorGroup`'s loop, with the block
    /// an array it swapped rows of in place, the compiler kept the block in memory and moved every entry through the
    /// stack several times per block.
    @inline(never) private static func factor(_ p: UnsafePointer<CLanes>, into f: UnsafeMutablePointer<Factor>) -> Bool {
        var ok = Mask(repeating: true)
        var a00 = p[0], a01 = p[1], a02 = p[2], a10 = p[3], a11 = p[4], a12 = p[5], a20 = p[6], a21 = p[7], a22 = p[8]
        // step 0: pivot = first row of largest length in column 0 (compared through |z|², see `greater`)
        let q0 = lengthSquared(a00, &ok), q1 = lengthSquared(a10, &ok), q2 = lengthSquared(a20, &ok)
        let pick1 = greater(q1, q0)
        let best = q0.replacing(with: q1, where: pick1)
        let pick2 = greater(q2, best)
        let swap02 = pick2, swap01 = pick1 .& .!pick2
        let pivoted0 = any(pick1 .| pick2)
        f.pointee.swap02 = swap02; f.pointee.swap01 = swap01; f.pointee.pivoted0 = pivoted0
        if pivoted0 {
            // rows 0 ↔ 1 where `swap01`, rows 0 ↔ 2 where `swap02`, column by column
            let t00 = a00, t01 = a01, t02 = a02
            a00 = a00.replacing(with: a10, where: swap01).replacing(with: a20, where: swap02)
            a01 = a01.replacing(with: a11, where: swap01).replacing(with: a21, where: swap02)
            a02 = a02.replacing(with: a12, where: swap01).replacing(with: a22, where: swap02)
            a10 = a10.replacing(with: t00, where: swap01); a11 = a11.replacing(with: t01, where: swap01)
            a12 = a12.replacing(with: t02, where: swap01)
            a20 = a20.replacing(with: t00, where: swap02); a21 = a21.replacing(with: t01, where: swap02)
            a22 = a22.replacing(with: t02, where: swap02)
        }
        // (the pivot's |w|² is its candidate's: the same value through the same operations)
        let i0 = reciprocal(a00, squared: best.replacing(with: q2, where: pick2), &ok)
        let f10 = a10 * i0, f20 = a20 * i0
        // (the eliminated column-0 entries are never read again and are not formed)
        a11 = a11 - f10 * a01; a12 = a12 - f10 * a02
        a21 = a21 - f20 * a01; a22 = a22 - f20 * a02
        // step 1
        let m1 = lengthSquared(a11, &ok), m2 = lengthSquared(a21, &ok)
        let swap12 = greater(m2, m1)
        let pivoted1 = any(swap12)
        f.pointee.swap12 = swap12; f.pointee.pivoted1 = pivoted1
        if pivoted1 {
            let r1 = a11, s1 = a12
            a11 = a11.replacing(with: a21, where: swap12); a12 = a12.replacing(with: a22, where: swap12)
            a21 = a21.replacing(with: r1, where: swap12); a22 = a22.replacing(with: s1, where: swap12)
        }
        let i1 = reciprocal(a11, squared: m1.replacing(with: m2, where: swap12), &ok)
        let f21 = a21 * i1
        a22 = a22 - f21 * a12
        // step 2 (a single candidate: no pivot choice) and the reciprocals of U's diagonal
        let i2 = reciprocal(a22, &ok)
        f.pointee.f10 = f10; f.pointee.f20 = f20; f.pointee.f21 = f21
        f.pointee.u01 = a01; f.pointee.u02 = a02; f.pointee.u12 = a12
        f.pointee.inv0 = i0; f.pointee.inv1 = i1; f.pointee.inv2 = i2
        return all(ok)
    }

    /// `d − L·(d'⁻¹U)` of `factorGroup` in place at `d` (block i's nine lane complexes, row-major), with the factors
    /// `f` of block i − 1 and the K coupling blocks L = K[i, i−1] at `l` and U = K[i−1, i] at `u` (row-major reals;
    /// the imaginary parts of U's entries are `z` = ω·(+0)): column c of d'⁻¹U (`Factor.solveReal`), then column c
    /// of d. Each entry gets the operations of the reference in its order; only the order in which the nine
    /// independent entries are formed differs.
    ///
    /// U as a K coupling block: real parts `−ω²(0 + 0) + k` are k bit for bit (−ω²·(+0) is −0 and −0 + k = k for
    /// every finite k, ±0 included); imaginary parts ω·(+0), the same z in every entry. The sums of L·(d'⁻¹U) start
    /// at their first product (the reference's start at +0: `0 + p` is p up to a zero's sign).
    ///
    /// Its own function (`@inline(never)`, everything passed by address): inlined into `factorGroup`, the column
    /// solve stayed an out-of-line call per column (the inliner's size limit) that took its vectors in halves and
    /// returned them through memory.
    ///
    /// L and U are read as lane vectors (`kBelowLanes`, `kAboveLanes`: each entry repeated in every lane). With
    /// entries visibly the same in every lane (repeated from a double here), the optimiser re-laid the column solves
    /// lane by lane in scalar and 128-bit pieces (twice the instructions).
    @inline(never) private static func subtractCoupling(_ d: UnsafeMutablePointer<CLanes>, _ f: UnsafePointer<Factor>,
                                                      below l: UnsafePointer<Lanes>, above u: UnsafePointer<Lanes>,
                                                      im zp: UnsafePointer<Lanes>) {
        let z = zp.pointee
        for c in 0..<3 {
            let col = Factor.solveReal(f, u[c], u[3 &+ c], u[6 &+ c], im: z)
            for r in 0..<3 {
                let e = 3 &* r &+ c
                d[e] = d[e] - ((CLanes.scaled(l[3 &* r], col.e0) + .scaled(l[3 &* r &+ 1], col.e1))
                    + .scaled(l[3 &* r &+ 2], col.e2))
            }
        }
    }

    /// Every lane of `z` is ±0 (both parts).
    @inline(__always) private static func isZero(_ z: CLanes) -> Bool { all((z.re .== 0) .& (z.im .== 0)) }

    /// RAO component `c` of the frequencies `k0 ..< k0 + lanes` (the last one repeated past the end).
    @inline(__always) private static func rao(_ r: [[Complex]], _ c: Int, _ k0: Int) -> CLanes {
        var z = CLanes.zero
        for j in 0..<Lanes.scalarCount { let v = r[min(k0 + j, r.count - 1)][c]; z.re[j] = v.real; z.im[j] = v.imaginary }
        return z
    }

    /// Writes interior block `i` of the first `count` lanes' frequencies into `x` (the frequency-major motions as
    /// interleaved real and imaginary parts, `x[2·(k·3N + dof)]`), and adds `x − x` of every lane value to `check`
    /// (0 while every value is finite, NaN from the first ±∞ or NaN on).
    ///
    /// A full group (four lanes) is written as (re, im) pairs: interleaving a component's real and imaginary lane
    /// vectors gives lanes 0 and 2 (even) and lanes 1 and 3 (odd) as the halves of two vectors, each half one
    /// 16-byte store — 24 instructions per block instead of 24 single loads and stores through a buffer. A partial
    /// group stores the six lane vectors once into a small buffer and copies each lane's six values from there
    /// (reading lane j out of the vectors one value at a time made the compiler spill all six vectors per lane).
    @inline(__always) private static func store(_ i: Int, _ v: Vec, k0: Int, count: Int, d3: Int,
                                                x: UnsafeMutablePointer<Double>, check: inout Lanes) {
        check += (v.e0.re - v.e0.re) + (v.e0.im - v.e0.im) + (v.e1.re - v.e1.re) + (v.e1.im - v.e1.im)
            + (v.e2.re - v.e2.re) + (v.e2.im - v.e2.im)
        if count == Lanes.scalarCount {
            // byte offsets: lane 0's component 0 at `first`, lane j's at `first + j·row`, component q 16·q further
            let raw = UnsafeMutableRawPointer(x), first = 16 &* (k0 &* d3 &+ 3 &+ 3 &* i), row = 16 &* d3
            @inline(__always) func put(_ z: CLanes, _ q: Int) {
                let even = SIMD4<Double>(z.re[0], z.im[0], z.re[2], z.im[2])
                let odd = SIMD4<Double>(z.re[1], z.im[1], z.re[3], z.im[3])
                let o = first &+ 16 &* q
                raw.storeBytes(of: even.lowHalf, toByteOffset: o, as: SIMD2<Double>.self)
                raw.storeBytes(of: odd.lowHalf, toByteOffset: o &+ row, as: SIMD2<Double>.self)
                raw.storeBytes(of: even.highHalf, toByteOffset: o &+ 2 &* row, as: SIMD2<Double>.self)
                raw.storeBytes(of: odd.highHalf, toByteOffset: o &+ 3 &* row, as: SIMD2<Double>.self)
            }
            put(v.e0, 0); put(v.e1, 1); put(v.e2, 2)
            return
        }
        withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 6) { t in
            t[0] = v.e0.re; t[1] = v.e0.im; t[2] = v.e1.re; t[3] = v.e1.im; t[4] = v.e2.re; t[5] = v.e2.im
            let lanes = UnsafeRawPointer(t.baseAddress!).assumingMemoryBound(to: Double.self)
            for j in 0..<count {
                let o = 2 &* ((k0 &+ j) &* d3 &+ 3 &+ 3 &* i)
                for q in 0..<6 { x[o &+ q] = lanes[Lanes.scalarCount &* q &+ j] }
            }
        }
    }

    /// The lane frequencies of the group starting at `k0` (the last group padded by repeating its last frequency).
    @inline(__always) private static func lanes(_ omegas: [Double], _ k0: Int) -> Lanes {
        var w = Lanes(repeating: 0)
        for j in 0..<Lanes.scalarCount { w[j] = omegas[min(k0 + j, omegas.count - 1)] }
        return w
    }

    /// Forward sweep of the block Thomas algorithm, matrix part, for the frequencies `omegas[k0 ..< k0 + lanes]`:
    /// `d'_i = D_i − L_i d'_{i−1}⁻¹ U_{i−1}`, each `d'_i` factored into `factors[i]`; false if a lane needs the
    /// scalar route. Depends on M, A, K, B and ω only — not on the end motions — so a sweep with the same matrices
    /// can reuse these factors (`Kept`).
    private func factorGroup(_ k0: Int, omegas: [Double], factors: UnsafeMutablePointer<Factor>) -> Bool {
        let m = n - 2
        let w = Self.lanes(omegas, k0)
        let z = w * Lanes(repeating: 0)
        return realParts.withUnsafeBufferPointer { reals in
            let re = reals.baseAddress! + 9 * m * (k0 / Lanes.scalarCount)
            return kBelowLanes.withUnsafeBufferPointer { below in
                kAboveLanes.withUnsafeBufferPointer { above in
                    damping.withUnsafeBufferPointer { b in
                        withUnsafePointer(to: z) { zp in
                            // block i's diagonal block d_i, then d'_i (uninitialised workspace: every entry written first)
                            withUnsafeTemporaryAllocation(of: CLanes.self, capacity: 9) { buffer in
                                let d = buffer.baseAddress!, bp = b.baseAddress!
                                for i in 0..<m {
                                    Self.block(i, re: re, b: bp, w: w, into: d)
                                    if i > 0 {
                                        Self.subtractCoupling(d, factors + (i - 1), below: below.baseAddress! + 9 * (i + 1),
                                                              above: above.baseAddress! + 9 * i, im: zp)
                                    }
                                    guard Self.factor(d, into: factors + i) else { return false }
                                }
                                return true
                            }
                        }
                    }
                }
            }
        }
    }

    /// Forward sweep, right-hand-side part (`f'_i = f_i − L_i d'_{i−1}⁻¹ f'_{i−1}`), then back substitution
    /// `x_i = d'_i⁻¹ (f'_i − U_i x_{i+1})`, from the factors of `factorGroup`; the interior motions of the lane
    /// frequencies are written into `x[k·d3 + 3 + q]`. False if a lane's motions are not finite (scalar route).
    /// (The two passes split the scalar algorithm's forward loop; every value gets the same operations in the same
    /// order — the matrix part never reads the right-hand sides.)
    private func substituteGroup(_ k0: Int, nw: Int, raoA: [[Complex]], raoB: [[Complex]], x: UnsafeMutablePointer<Double>,
                                 factors: UnsafePointer<Factor>, rhs: UnsafeMutableBufferPointer<Vec>) -> Bool {
        // (the K coupling blocks read through pointers: the checked reads of nine entries per block were a quarter of
        // the back substitution's instructions)
        kBelow.withUnsafeBufferPointer { belowBuffer in
            kAbove.withUnsafeBufferPointer { aboveBuffer in
                kBelowLanes.withUnsafeBufferPointer { belowLanesBuffer in
                    kAboveLanes.withUnsafeBufferPointer { aboveLanesBuffer in
                        let belowLanes = belowLanesBuffer.baseAddress!, aboveLanes = aboveLanesBuffer.baseAddress!
                        let below = belowBuffer.baseAddress!, above = aboveBuffer.baseAddress!
                        let d3 = 3 * n, m = n - 2, count = min(Lanes.scalarCount, nw - k0)
                        // Right-hand sides from the prescribed end motions: −H[1, 0]·RAO_A, −H[N−2, N−1]·RAO_B.
                        let hA = Self.realBlock(below, 1), hB = Self.realBlock(above, n - 2)
                        let ra = (Self.rao(raoA, 0, k0), Self.rao(raoA, 1, k0), Self.rao(raoA, 2, k0))
                        let rb = (Self.rao(raoB, 0, k0), Self.rao(raoB, 1, k0), Self.rao(raoB, 2, k0))
                        var first = Vec(), last = Vec()
                        for r in 0..<3 {
                            var fA = CLanes.zero, fB = CLanes.zero
                            fA = fA - .scaled(hA[3 * r], ra.0); fA = fA - .scaled(hA[3 * r + 1], ra.1); fA = fA - .scaled(hA[3 * r + 2], ra.2)
                            fB = fB - .scaled(hB[3 * r], rb.0); fB = fB - .scaled(hB[3 * r + 1], rb.1); fB = fB - .scaled(hB[3 * r + 2], rb.2)
                            let f0 = CLanes.zero + fA
                            switch r { case 0: first.e0 = f0; case 1: first.e1 = f0; default: first.e2 = f0 }
                            let fl = (m == 1 ? f0 : CLanes.zero) + fB
                            switch r { case 0: last.e0 = fl; case 1: last.e1 = fl; default: last.e2 = fl }
                        }
                        // End A at rest in every lane (an anchor: its RAOs are exactly zero): the right-hand sides of blocks 0 ..< m − 1
                        // are then ±0 vectors, and are set to +0 without forming them (see "End A at rest" on `LineSolver`).
                        let restA = Self.isZero(ra.0) && Self.isZero(ra.1) && Self.isZero(ra.2)
                        let firstFormed = restA ? m - 1 : 0
                        for i in 0 ..< firstFormed { rhs[i] = Vec() }
                        let r = rhs.baseAddress!
                        for i in firstFormed ..< m {
                            r[i] = i == m - 1 ? last : (i == 0 ? first : Vec())
                            if i > 0 { Self.forwardStep(r + i, factors + (i - 1), below: belowLanes + 9 * (i + 1)) }
                        }
                        // (the motions of each block in a workspace, written by the back substitution's steps)
                        return withUnsafeTemporaryAllocation(of: Vec.self, capacity: 1) { nextBuffer in
                            let next = nextBuffer.baseAddress!
                            next.initialize(to: Factor.solve(factors + (m - 1), r[m - 1]))
                            var check = Lanes(repeating: 0)
                            Self.store(m - 1, next.pointee, k0: k0, count: count, d3: d3, x: x, check: &check)
                            // (a plain countdown: `stride(from:through:by:)` was not inlined here)
                            var i = m - 2
                            while i >= 0 {
                                Self.backStep(next, r + i, factors + i, above: aboveLanes + 9 * (i + 1))
                                Self.store(i, next.pointee, k0: k0, count: count, d3: d3, x: x, check: &check)
                                i -= 1
                            }
                            return all(check .== 0)
                        }
                    }
                }
            }
        }
    }

    /// Forward sweep step of `substituteGroup` for block i ≥ 1: `f'_i = f_i − L_i·(d'_{i−1}⁻¹ f'_{i−1})`, in place at
    /// `r` (= rhs + i, holding f_i; `r − 1` holds f'_{i−1}), with the factors `f` of block i − 1 and L_i = K[i, i−1] at
    /// `l` (row-major, as lane vectors: see `subtractCoupling`; each sum `(l·g₀ + l·g₁) + l·g₂`, then subtracted,
    /// as before).
    ///
    /// Its own function (`@inline(never)`, everything passed by address), as `subtractCoupling`: inlined, the
    /// block solve stayed an out-of-line call that took and returned its vectors through memory.
    @inline(never) private static func forwardStep(_ r: UnsafeMutablePointer<Vec>, _ f: UnsafePointer<Factor>,
                                                 below l: UnsafePointer<Lanes>) {
        let g = Factor.solve(f, (r - 1).pointee)
        @inline(__always) func k(_ e: Int) -> Lanes { l[e] }
        let s0 = (CLanes.scaled(k(0), g.e0) + .scaled(k(1), g.e1)) + .scaled(k(2), g.e2)
        let s1 = (CLanes.scaled(k(3), g.e0) + .scaled(k(4), g.e1)) + .scaled(k(5), g.e2)
        let s2 = (CLanes.scaled(k(6), g.e0) + .scaled(k(7), g.e1)) + .scaled(k(8), g.e2)
        r.pointee.e0 = r.pointee.e0 - s0; r.pointee.e1 = r.pointee.e1 - s1; r.pointee.e2 = r.pointee.e2 - s2
    }

    /// Back substitution step of `substituteGroup` for block i < N − 3: `x_i = d'_i⁻¹ (f'_i − U_i x_{i+1})` with
    /// `next` holding x_{i+1} on entry and x_i on return, `r` = f'_i, the factors `f` of block i and U_i = K[i, i+1]
    /// at `u` (row-major, as lane vectors; each entry's three products subtracted one by one, as before).
    @inline(never) private static func backStep(_ next: UnsafeMutablePointer<Vec>, _ r: UnsafePointer<Vec>,
                                              _ f: UnsafePointer<Factor>, above u: UnsafePointer<Lanes>) {
        let x = next.pointee
        var v = r.pointee
        @inline(__always) func k(_ e: Int) -> Lanes { u[e] }
        v.e0 = v.e0 - .scaled(k(0), x.e0); v.e0 = v.e0 - .scaled(k(1), x.e1); v.e0 = v.e0 - .scaled(k(2), x.e2)
        v.e1 = v.e1 - .scaled(k(3), x.e0); v.e1 = v.e1 - .scaled(k(4), x.e1); v.e1 = v.e1 - .scaled(k(5), x.e2)
        v.e2 = v.e2 - .scaled(k(6), x.e0); v.e2 = v.e2 - .scaled(k(7), x.e1); v.e2 = v.e2 - .scaled(k(8), x.e2)
        next.pointee = Factor.solve(f, v)
    }

    /// The factors of one whole sweep (every lane group), kept to be reused by a later sweep with the same M, A, K, B
    /// and frequencies: within a case every drag iteration starts the line from the same matrices (`B₀` from unit
    /// motions), so its first sweep's factors — three quarters of a sweep's work — are the same every time.
    struct Kept: Sendable {
        /// Group g's factors at `factors[g·(N−2) ..< (g+1)·(N−2)]`.
        var factors: [Factor]
        /// Group g factored without leaving the fast path (else it takes the scalar route).
        var factored: [Bool]
    }

    /// Both ends at rest: every end motion of the frequencies `ks` is ±0 (both parts, both ends), as `lineEndRAOs`
    /// gives where the wave amplitude `√(2 S Δω)` is below 1e-6 (the lowest frequencies of a JONSWAP spectrum).
    ///
    /// Such a group's right-hand sides are products and sums of ±0 with finite K entries, so ±0, and with finite
    /// factors every motion the substitution forms from them is ±0 too: `solve` writes +0 and neither factors nor
    /// substitutes (equivalent values, see "Skipped zero products": the motions reach the results only through
    /// squares, and `firstLiveFrequency` sees a frequency whose motions are all ±0 as dead either way). Only with
    /// finite M, A, K, B (`matricesAreFinite`). The one difference from forming them: where a block of that group
    /// would have been exactly singular or its factors would have overflowed (a frequency with no wave energy), the
    /// reference throws or gives non-finite motions there, and this gives +0.
    static func atRest(_ raoA: [[Complex]], _ raoB: [[Complex]], _ ks: Range<Int>) -> Bool {
        for k in ks {
            for c in 0..<3 {
                let a = raoA[k][c], b = raoB[k][c]
                if a.real != 0 || a.imaginary != 0 || b.real != 0 || b.imaginary != 0 { return false }
            }
        }
        return true
    }

    /// Every entry of M + A, K, B and the K coupling blocks of the last `load` is finite.
    /// (`DoubleScan.allFinite`, through a buffer pointer: a `for e in v` loop allocated per element in debug builds,
    /// where the sweeps are checked to be allocation-free.)
    private func matricesAreFinite() -> Bool {
        func finite(_ v: [Double]) -> Bool { DoubleScan.allFinite(v) }
        return finite(massPlusAdded) && finite(stiffness) && finite(damping) && finite(kBelow) && finite(kAbove)
    }

    /// The first sweep's factors once `solve(..., keep: true)` has run.
    private(set) var kept: Kept?

    /// All frequencies: interior motions into `x` (frequency-major, `[iω·3N + dof]`); every interior entry of `x` is
    /// written (its earlier contents are never read).
    /// - Parameters:
    ///   - keep: the sweep with the matrices of the first `load` (B₀): its factors are formed once, kept
    ///     (`kept`) and reused by every later `keep` sweep of this solver (or of a copy of it).
    ///   - restZeroed: the interior motions of the groups with both ends at rest (`atRest`) already hold +0 in `x` —
    ///     what this function returned for an earlier sweep with the same `raoA`, `raoB` and `x`: they are not
    ///     written again.
    /// - Returns: whether the at-rest groups' interior motions now hold +0 (the matrices were finite: see `atRest`),
    ///   the `restZeroed` of a next sweep with the same end motions into the same `x`.
    @discardableResult
    mutating func solve(omegas: [Double], raoA: [[Complex]], raoB: [[Complex]], mats: LumpedMassLine.Blocks,
                        x: inout [Complex], keep: Bool = false, restZeroed: Bool = false) throws(MooringError) -> Bool {
        let nw = omegas.count, width = Lanes.scalarCount, d3 = 3 * n, m = n - 2
        load(mats)
        formRealParts(omegas)
        let groups = (nw + width - 1) / width
        if keep && kept == nil {
            var store = Self.factorStore(count: groups * m), factored = [Bool](repeating: false, count: groups)
            store.withUnsafeMutableBufferPointer { fp in
                for g in 0..<groups { factored[g] = factorGroup(g * width, omegas: omegas, factors: fp.baseAddress! + g * m) }
            }
            kept = Kept(factors: store, factored: factored)
        }
        // The workspace is taken out of `self` for the sweep (pointers into it, no copies of its elements).
        var factorStore: [Factor] = [], rhsStore: [Vec] = []
        swap(&factorStore, &factors); swap(&rhsStore, &rhs)
        defer { swap(&factorStore, &factors); swap(&rhsStore, &rhs) }
        // The lane groups write x as interleaved doubles (`Complex` is its real part then its imaginary part, as
        // `velocityRMS` reads it too); the groups a lane sends to the scalar route are solved after them (each group
        // writes only its own frequencies, so the order does not matter; the first failing frequency throws).
        var scalarGroups: [Int] = []
        let finite = matricesAreFinite()
        x.withUnsafeMutableBufferPointer { xb in
            let xd = UnsafeMutableRawPointer(xb.baseAddress!).assumingMemoryBound(to: Double.self)
            for g in 0..<groups {
                let k0 = g * width
                // (both ends at rest at every frequency of the group: motions +0, nothing factored; see `atRest`)
                // (a later sweep of the same call finds them still +0: `restZeroed`)
                if finite && Self.atRest(raoA, raoB, k0 ..< min(k0 + width, nw)) {
                    if !restZeroed {
                        for k in k0 ..< min(k0 + width, nw) { for q in 2 * (k * d3 + 3) ..< 2 * (k * d3 + d3 - 3) { xd[q] = 0 } }
                    }
                    continue
                }
                let done: Bool
                if keep, let kept {
                    done = kept.factored[g] && kept.factors.withUnsafeBufferPointer { fp in
                        rhsStore.withUnsafeMutableBufferPointer { rp in
                            substituteGroup(k0, nw: nw, raoA: raoA, raoB: raoB, x: xd, factors: fp.baseAddress! + g * m, rhs: rp)
                        }
                    }
                } else {
                    done = factorStore.withUnsafeMutableBufferPointer { fp in
                        factorGroup(k0, omegas: omegas, factors: fp.baseAddress!)
                            && rhsStore.withUnsafeMutableBufferPointer { rp in
                                substituteGroup(k0, nw: nw, raoA: raoA, raoB: raoB, x: xd, factors: UnsafePointer(fp.baseAddress!), rhs: rp)
                            }
                    }
                }
                if !done { scalarGroups.append(g) }
            }
        }
        for g in scalarGroups {
            for k in g * width ..< min(g * width + width, nw) {
                let interior = try LumpedMassLine.solveInterior(mats, omega: omegas[k], n: n, raoA: raoA[k], raoB: raoB[k])
                for q in 0 ..< 3 * (n - 2) { x[k * d3 + 3 + q] = interior[q] }
            }
        }
        return finite
    }
}

extension LumpedMassLine {
    /// raft-bench's micro rows: one whole `LineSolver` sweep (every block factored, no kept factors) and the same
    /// frequencies through the scalar reference `solveInterior`, at unit-motion drag damping. The matrices are
    /// assembled once here; each call of the returned closures runs one sweep and returns a motion (a sink).
    package func sweepBenchmarks(omegas: [Double], spectrum: [Double], raoA: [[Complex]],
                                 raoB: [[Complex]]) -> (fast: () throws -> Double, reference: () throws -> Double) {
        let n = count, d3 = 3 * n, nw = omegas.count
        let mats = blocks(omegas: omegas, spectrum: spectrum, rDynamic: nil, stride: d3)
        var solver = LineSolver(count: n)
        var x = [Complex](repeating: Complex(0, 0), count: nw * d3)
        let fast = { () throws -> Double in
            try solver.solve(omegas: omegas, raoA: raoA, raoB: raoB, mats: mats, x: &x)
            return x[d3 + 4].real
        }
        let reference = { () throws -> Double in
            var s = 0.0
            for k in 0..<nw { s += try LumpedMassLine.solveInterior(mats, omega: omegas[k], n: n, raoA: raoA[k], raoB: raoB[k])[1].real }
            return s
        }
        return (fast, reference)
    }

    /// raft-bench's micro row: one drag-damping update of the iteration (`blocks(selection: .dampingOnly)` from the node
    /// motions `motions[iω·3N + dof]`), as a closure returning an entry of B (a sink).
    package func dampingUpdateBenchmark(omegas: [Double], spectrum: [Double], motions: [Complex]) -> () -> Double {
        let geometry = elementGeometry()
        return {
            self.blocks(omegas: omegas, spectrum: spectrum, rDynamic: motions, stride: 3 * self.count, selection: .dampingOnly,
                        geometry: geometry).b[9 + 4]
        }
    }
}
