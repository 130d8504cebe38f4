#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Adaptive Gauss–Kronrod (7/15) quadrature for smooth integrands on a finite interval.
enum AdaptiveQuadrature {
    private static let xk: [Double] = [0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
                                       0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
                                       0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
                                       0.207784955007898467600689403773245, 0.0]
    private static let wk: [Double] = [0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
                                       0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
                                       0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
                                       0.204432940075298892414161999234649, 0.209482141084727828012999174891714]
    private static let wg: [Double] = [0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
                                       0.381830050505118944950369775488975, 0.417959183673469387755102040816327]

    /// ∫ₐᵇ f with absolute tolerance `tol` (bisection up to `depth` levels).
    static func integrate(_ a: Double, _ b: Double, tol: Double = 1e-14, depth: Int = 40, _ f: (Double) -> Double) -> Double {
        if b == a { return 0 }
        let c = 0.5 * (a + b), h = 0.5 * (b - a)
        let fc = f(c)
        var kron = fc * wk[7], gauss = fc * wg[3]
        for j in 0..<7 {
            let dx = h * xk[j]
            let s = f(c - dx) + f(c + dx)
            kron += wk[j] * s
            if j % 2 == 1 { gauss += wg[j / 2] * s }
        }
        kron *= h; gauss *= h
        if abs(kron - gauss) <= max(tol, 1e-15 * abs(kron)) || depth == 0 { return kron }
        return integrate(a, c, tol: tol / 2, depth: depth - 1, f) + integrate(c, b, tol: tol / 2, depth: depth - 1, f)
    }
}
