#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// CCBlade's per-section BEM equations (wisdem 3.22.5 `bem.f90`: inductionFactors, relativeWind; spec 03 §6.3).
enum BEMSection {
    static let pi = 3.1415926535897932

    /// Residual, axial and tangential induction (`inductionFactors` with tip/hub loss, wake rotation and cd on).
    @inline(__always)
    static func inductionFactors<T: BEMNumber>(r: Double, chord: Double, hubRadius: Double, tipRadius: Double,
                                               phi: T, cl: T, cd: T, blades: Double, vx: T, vy: T) -> (fzero: T, a: T, ap: T) {
        let sigmaP = T(blades / 2.0 / pi * chord / r)
        let sphi = T.sinBEM(phi), cphi = T.cosBEM(phi)
        let cn = cl * cphi + cd * sphi
        let ct = cl * sphi - cd * cphi
        let factortip = T(blades / 2.0 * (tipRadius - r)) / (T(r) * sphi)
        let ftip = T(2.0 / pi) * T.acosBEM(T.expBEM(-factortip))
        let factorhub = T(blades / 2.0 * (r - hubRadius)) / (T(hubRadius) * sphi)
        let fhub = T(2.0 / pi) * T.acosBEM(T.expBEM(-factorhub))
        let f = ftip * fhub
        let four = T(4.0)
        let k = sigmaP * cn / four / f / sphi / sphi
        let kp = sigmaP * ct / four / f / sphi / cphi
        var a: T
        if phi.value > 0 {
            if k.value <= 2.0 / 3.0 {
                a = k / (T(1) + k)
            } else {
                let two = T(2.0)
                let g1 = two * f * k - (T(10.0 / 9) - f)
                let g2 = two * f * k - (T(4.0 / 3) - f) * f
                let g3 = two * f * k - (T(25.0 / 9) - T(2) * f)
                if abs(g3.value) < 1e-6 {
                    a = T(1.0) - T(1.0 / 2.0) / T.sqrtBEM(g2)
                } else {
                    a = (g1 - T.sqrtBEM(g2)) / g3
                }
            }
        } else {
            a = k.value > 1 ? k / (k - T(1)) : T(0)
        }
        let ap = kp / (T(1) - kp)
        let lambdaR = vy / vx
        let fzero: T
        if phi.value > 0 {
            fzero = sphi / (T(1) - a) - cphi / lambdaR * (T(1) - kp)
        } else {
            fzero = sphi * (T(1) - k) - cphi / lambdaR * (T(1) - kp)
        }
        return (fzero, a, ap)
    }

    /// Relative wind speed W (`relativeWind`), with CCBlade's guards for huge induction factors.
    @inline(__always)
    static func relativeSpeed<T: BEMNumber>(phi: T, a: T, ap: T, vx: T, vy: T) -> T {
        if abs(a.value) > 10 { return vy * (T(1) + ap) / T.cosBEM(phi) }
        if abs(ap.value) > 10 { return vx * (T(1) - a) / T.sinBEM(phi) }
        let u = vx * (T(1) - a), v = vy * (T(1) + ap)
        return T.sqrtBEM(u * u + v * v)
    }
}

/// scipy `brentq` (Brent's method as in scipy's C `brentq.c`), without raising on non-convergence.
/// Returns nil when the end values do not bracket a root (scipy raises ValueError there).
/// - Parameters: fa, fb: `f(xa)` and `f(xb)` when the caller has them already (`f` is a pure function, so reusing its
///   values gives the same iterates as evaluating it again).
func brentRoot(_ f: (Double) -> Double, _ xa: Double, _ xb: Double, fa: Double? = nil, fb: Double? = nil,
               xtol: Double = 2e-12, rtol: Double = 8.881784197001252e-16, maxiter: Int = 100) -> Double? {
    var xpre = xa, xcur = xb
    var xblk = 0.0, fblk = 0.0, spre = 0.0, scur = 0.0
    var fpre = fa ?? f(xpre), fcur = fb ?? f(xcur)
    if fpre == 0 { return xpre }
    if fcur == 0 { return xcur }
    if fpre.sign == fcur.sign { return nil }
    for _ in 0..<maxiter {
        if fpre != 0 && fcur != 0 && fpre.sign != fcur.sign {
            xblk = xpre; fblk = fpre
            spre = xcur - xpre; scur = spre
        }
        if abs(fblk) < abs(fcur) {
            xpre = xcur; xcur = xblk; xblk = xpre
            fpre = fcur; fcur = fblk; fblk = fpre
        }
        let delta = (xtol + rtol * abs(xcur)) / 2
        let sbis = (xblk - xcur) / 2
        if fcur == 0 || abs(sbis) < delta { return xcur }
        if abs(spre) > delta && abs(fcur) < abs(fpre) {
            var stry: Double
            if xpre == xblk {
                stry = -fcur * (xcur - xpre) / (fcur - fpre)
            } else {
                let dpre = (fpre - fcur) / (xpre - xcur)
                let dblk = (fblk - fcur) / (xblk - xcur)
                stry = -fcur * (fblk * dblk - fpre * dpre) / (dblk * dpre * (fblk - fpre))
            }
            if 2 * abs(stry) < min(abs(spre), 3 * abs(sbis) - delta) {
                spre = scur; scur = stry
            } else {
                spre = sbis; scur = sbis
            }
        } else {
            spre = sbis; scur = sbis
        }
        xpre = xcur; fpre = fcur
        if abs(scur) > delta { xcur += scur } else { xcur += (sbis > 0 ? delta : -delta) }
        fcur = f(xcur)
    }
    return xcur
}
