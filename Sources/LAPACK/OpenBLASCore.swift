/// The OpenBLAS 0.3.21 (`DYNAMIC_ARCH`) cores whose small-`zgesv` path `SmallZgesv` and `SmallZgesvLanes` reproduce
/// bit for bit, and the operations in which their kernels differ.
///
/// Learned from the machine code of Debian's build (`objdump -d` of the `*_ZEN` and `*_COOPERLAKE` objects in
/// `libopenblas.a`, and a debugger on `zgesv_` to see which kernels a small solve enters) and from the OpenBLAS
/// sources. The same on both cores: the generic drivers (`getrf_single`, `zgetf2_k` with its pivot reciprocal,
/// `ztrsv_NLU`, `getrs_N_single`, the trsm drivers and `laswp`), `izamax`, `zgemv_n`'s micro-kernels for rows in
/// groups of four and its `add_y` (the same inline assembly), and the unrolling (`ZGEMM_UNROLL_M` × `_N` = 4 × 2,
/// hence the same getrf switch and trsm row blocks). What differs:
/// 1. Contraction. Cooperlake's C kernels are compiled for AVX-512 with GCC's default `-ffp-contract=fast`, so each
///    half of a complex product, `a·b − c·d` and `a·b + c·d`, is one FMA over the rounded second product
///    (`difference`, `sum`): in `zaxpy`'s tail loop (ztrsv), `zgemv_n`'s rows outside the groups of four, the
///    solves of `trsm_kernel_LT`/`_LN`, and `zscal`. Zen's (compiled for AVX2 without FMA) round both products.
/// 2. The trsm copy's `compinv` (`ztrsm_iutncopy`): Cooperlake computes `1 + r²` as one FMA (`onePlusSquare`), so
///    there the backward solve's inverted diagonal is not always `zgetf2_k`'s reciprocal (which has no FMA).
/// 3. `zscal`: Zen runs Haswell's `zscal.c` (groups of eight in assembly, where a zero real factor gives
///    `0 − di·xi`); Cooperlake `arm/zscal.c` (one C loop, `−di·xi` for every element).
/// 4. The zgemm kernel of the trsm updates (α = −1): Zen runs `zgemm_kernel_4x2_haswell` (four FMA chains per
///    element from +0, combined with `vaddsubpd`, α applied by `vfmsubadd`); Cooperlake
///    `zgemm_kernel_4x2_skylakex`, which for a block of 4 rows keeps the same four chains but combines them as
///    (p − q, s + t) and applies α by two `vfmaddsub`, and for blocks of 2 and 1 rows runs a single interleaved
///    chain per element (two `vfmaddsub` per k).
///
/// "Haswell" runs objects byte-identical to Zen's and "SkylakeX" ones byte-identical to Cooperlake's, but neither is
/// enabled: not proven on such a CPU.
package enum OpenBLASCore: Sendable, Equatable {
    /// OpenBLAS's "Zen" core (AMD Zen 1–3).
    case zen
    /// OpenBLAS's "Cooperlake" core (what 0.3.21 runs on Intel Cooper Lake and on AMD Zen 4).
    case cooperlake

    /// The core `openblas_get_corename()` names, if the mirror covers it.
    package init?(coreName: String) {
        switch coreName {
        case "Zen": self = .zen
        case "Cooperlake": self = .cooperlake
        default: return nil
        }
    }

    /// `a·b − c·d` as this core's compiled C computes it (difference 1).
    @inline(__always)
    package func difference(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double {
        self == .cooperlake ? (-(c * d)).addingProduct(a, b) : a * b - c * d
    }

    /// `a·b + c·d` as this core's compiled C computes it (difference 1).
    @inline(__always)
    package func sum(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double {
        self == .cooperlake ? (c * d).addingProduct(a, b) : a * b + c * d
    }

    /// `difference` lane by lane (the negation as a multiplication by −1: SIMD's prefix minus is `0 − x`).
    @inline(__always)
    package func difference(_ a: SIMD4<Double>, _ b: SIMD4<Double>, _ c: SIMD4<Double>, _ d: SIMD4<Double>) -> SIMD4<Double> {
        self == .cooperlake ? ((c * d) * -1.0).addingProduct(a, b) : a * b - c * d
    }

    /// `sum` lane by lane.
    @inline(__always)
    package func sum(_ a: SIMD4<Double>, _ b: SIMD4<Double>, _ c: SIMD4<Double>, _ d: SIMD4<Double>) -> SIMD4<Double> {
        self == .cooperlake ? (c * d).addingProduct(a, b) : a * b + c * d
    }

    /// `1 + r·r` in the trsm copy's `compinv` (difference 2).
    @inline(__always)
    package func onePlusSquare(_ r: Double) -> Double { self == .cooperlake ? 1.0.addingProduct(r, r) : 1 + r * r }

    /// `onePlusSquare` lane by lane.
    @inline(__always)
    package func onePlusSquare(_ r: SIMD4<Double>) -> SIMD4<Double> {
        self == .cooperlake ? SIMD4<Double>(repeating: 1).addingProduct(r, r) : 1 + r * r
    }
}
