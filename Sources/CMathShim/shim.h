#ifndef SWIFT_RAFT_CMATHSHIM_H
#define SWIFT_RAFT_CMATHSHIM_H
#include <math.h>
/* The sine and cosine of one argument in one libm call. glibc's `sincos` (a GNU extension, so not in Swift's Glibc
   module) runs the same code as its `sin` and `cos` (shared argument reduction and polynomials, the same FMA
   variant chosen at load time), so each result has the bits of the separate call (`SinCosTests`); it reduces the
   argument once instead of twice. Elsewhere: the two calls. */
#if defined(__GLIBC__)
void sincos(double x, double *s, double *c);
static inline void raft_sincos(double x, double *s, double *c) { sincos(x, s, c); }
#else
static inline void raft_sincos(double x, double *s, double *c) { *s = sin(x); *c = cos(x); }
#endif
#endif
