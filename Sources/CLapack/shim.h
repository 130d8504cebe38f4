#ifndef SWIFT_RAFT_CLAPACK_SHIM_H
#define SWIFT_RAFT_CLAPACK_SHIM_H
#include <stddef.h>
/* Fortran LAPACK/BLAS entry points exported by Debian's libopenblas (LP64: INTEGER is 32-bit).
   gfortran calling convention: each CHARACTER argument adds a hidden size_t length at the end. */
typedef struct { double re; double im; } lpk_z;  /* same layout as Complex<Double> */
typedef int lpk_int;

void zgesv_(const lpk_int *n, const lpk_int *nrhs, lpk_z *a, const lpk_int *lda,
            lpk_int *ipiv, lpk_z *b, const lpk_int *ldb, lpk_int *info);
void zgetrf_(const lpk_int *m, const lpk_int *n, lpk_z *a, const lpk_int *lda, lpk_int *ipiv, lpk_int *info);
void zgetrs_(const char *trans, const lpk_int *n, const lpk_int *nrhs, const lpk_z *a, const lpk_int *lda,
             const lpk_int *ipiv, lpk_z *b, const lpk_int *ldb, lpk_int *info, size_t trans_len);
void dgesv_(const lpk_int *n, const lpk_int *nrhs, double *a, const lpk_int *lda,
            lpk_int *ipiv, double *b, const lpk_int *ldb, lpk_int *info);
void dgeev_(const char *jobvl, const char *jobvr, const lpk_int *n, double *a, const lpk_int *lda,
            double *wr, double *wi, double *vl, const lpk_int *ldvl, double *vr, const lpk_int *ldvr,
            double *work, const lpk_int *lwork, lpk_int *info, size_t jobvl_len, size_t jobvr_len);
void dsygv_(const lpk_int *itype, const char *jobz, const char *uplo, const lpk_int *n,
            double *a, const lpk_int *lda, double *b, const lpk_int *ldb, double *w,
            double *work, const lpk_int *lwork, lpk_int *info, size_t jobz_len, size_t uplo_len);
void zggev_(const char *jobvl, const char *jobvr, const lpk_int *n, lpk_z *a, const lpk_int *lda,
            lpk_z *b, const lpk_int *ldb, lpk_z *alpha, lpk_z *beta, lpk_z *vl, const lpk_int *ldvl,
            lpk_z *vr, const lpk_int *ldvr, lpk_z *work, const lpk_int *lwork, double *rwork,
            lpk_int *info, size_t jobvl_len, size_t jobvr_len);
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);

/* Pointer types of the routines above: the LAPACK module looks them up at run time (dlopen/dlsym), so that no
   program links OpenBLAS at start-up (see LAPACK.swift, `BLAS`). */
typedef __typeof__(zgesv_) *lpk_zgesv_fn;
typedef __typeof__(zgetrf_) *lpk_zgetrf_fn;
typedef __typeof__(zgetrs_) *lpk_zgetrs_fn;
typedef __typeof__(dgesv_) *lpk_dgesv_fn;
typedef __typeof__(dgeev_) *lpk_dgeev_fn;
typedef __typeof__(dsygv_) *lpk_dsygv_fn;
typedef __typeof__(zggev_) *lpk_zggev_fn;
typedef __typeof__(openblas_set_num_threads) *lpk_set_num_threads_fn;
typedef __typeof__(openblas_get_num_threads) *lpk_get_num_threads_fn;
typedef int (*lpk_thread_shutdown_fn)(void);

/* The kernels OpenBLAS 0.3.21's DYNAMIC_ARCH start-up (driver/others/dynamic.c, get_coretype) would choose on this
   CPU, predicted from cpuid alone for the two cores swift-raft mirrors (LAPACK/OpenBLASCore.swift): 1 "Zen" (AMD
   family 17h/19h with AVX2, no AVX-512), 2 "Cooperlake" (the same families with AVX-512 BF16 that the OS saves, as on
   Zen 4), 0 anything else (no prediction). OPENBLAS_CORETYPE is applied by the caller. */
#if defined(__x86_64__)
#include <cpuid.h>
static inline int lpk_predicted_core(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(0, &a, &b, &c, &d) || a < 7) return 0;
    int amd = (b == 0x68747541u && d == 0x69746e65u && c == 0x444d4163u)   /* AuthenticAMD */
           || (b == 0x6f677948u && d == 0x6e65476eu && c == 0x656e6975u);  /* HygonGenuine */
    if (!amd) return 0;
    __get_cpuid(1, &a, &b, &c, &d);
    unsigned family = (a >> 8) & 0xf, exfamily = (a >> 20) & 0xff;
    if (family != 0xf || (exfamily != 8 && exfamily != 10)) return 0;
    if (!(c & (1u << 27)) || !(c & (1u << 28))) return 0;   /* OSXSAVE, AVX */
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6u) != 6u) return 0;                           /* XMM and YMM state saved by the OS */
    unsigned a7, b7, c7, d7, a71 = 0, b71, c71, d71;
    __cpuid_count(7, 0, a7, b7, c7, d7);
    if (a7 >= 1) __cpuid_count(7, 1, a71, b71, c71, d71);
    int avx512 = (b7 & (1u << 16)) && (lo & 0xe6u) == 0xe6u;  /* AVX512F with opmask/ZMM state saved */
    if (avx512) return (a71 & (1u << 5)) ? 2 : 0;            /* AVX512_BF16: Cooperlake; else SkylakeX (not mirrored) */
    return (b7 & (1u << 5)) ? 1 : 0;                         /* AVX2: Zen */
}
#else
static inline int lpk_predicted_core(void) { return 0; }
#endif
#endif
