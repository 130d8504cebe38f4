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
#endif
