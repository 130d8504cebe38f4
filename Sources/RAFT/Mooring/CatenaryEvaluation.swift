#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The constants of one iterative catenary problem (MoorPy `eval_func_cat` arguments `args['cat']`),
/// after the flip/reverse/clipping pre-processing of `Catenary.solve`.
struct CatenaryProblem {
    var xf: Double, zf: Double, length: Double, ea: Double, w: Double, cb: Double
    var hA: Double, hB: Double, alphaDeg: Double
    var wl: Double, wea: Double, lEA: Double, cbEA: Double
    // Evaluation-independent terms (MoorPy recomputes them on every call; same values).
    let sinAlpha: Double, cosAlpha: Double, parabolaLength: Double, chord: Double

    init(xf: Double, zf: Double, length: Double, ea: Double, w: Double, cb: Double, hA: Double, hB: Double, alphaDeg: Double) {
        self.xf = xf; self.zf = zf; self.length = length; self.ea = ea; self.w = w; self.cb = cb
        self.hA = hA; self.hB = hB; self.alphaDeg = alphaDeg
        wl = w * length; wea = w * ea; lEA = length / ea; cbEA = cb / ea
        let a = alphaDeg * .pi / 180
        sinAlpha = sin(a); cosAlpha = cos(a)
        // Inelastic arc length of the parabola z = m x² through end B (crude "nothing on the seabed" test).
        let mm = zf / (xf * xf)
        parabolaLength = (2 * mm * xf * (4 * mm * mm * xf * xf + 1).squareRoot() + asinh(2 * mm * xf)) / (4 * mm)
        chord = (xf * xf + zf * zf).squareRoot()
    }
}

/// One evaluation of the catenary equations at (HF, VF) (MoorPy `eval_func_cat`).
struct CatenaryEvaluation {
    /// Residuals `EXF`, `EZF` [m].
    var ex: Double = 0, ez: Double = 0
    var hf: Double = 0, vf: Double = 0
    /// `stiffnessB` = inverse of the Jacobian of (XF, ZF) w.r.t. (HF, VF).
    var stiffnessB = PlanarStiffness.zero
    var lBot: Double = 0, hA: Double = 0, vA: Double = 0
    var profile = CatenaryProfile.suspended
    /// MoorPy's `info['error']` (also set when the Jacobian is singular, where numpy's `inv` would raise).
    var failed = false
}

extension CatenaryProblem {
    func evaluate(hf: Double, vf: Double) -> CatenaryEvaluation {
        var out = CatenaryEvaluation()
        out.hf = hf; out.vf = vf
        let w = self.w, l = length
        var vfMinWL = vf - wl
        var lBot = l - vf / w
        let hfW = hf / w
        let vfWEA = vf / wea
        let vfHF = vf / hf
        var vfMinWLHF = vfMinWL / hf
        let vfHF2 = vfHF * vfHF
        var vfMinWLHF2 = vfMinWLHF * vfMinWLHF
        let sq1vf = (1 + vfHF2).squareRoot()
        var sq1vfMin = (1 + vfMinWLHF2).squareRoot()

        // Profile selection. NaN comparisons are false, as in Python (spec 04 pitfall 15).
        let profile: CatenaryProfile
        if hA > 0 || w < 0 || vfMinWL > sinAlpha / cosAlpha
            || (zf / xf > 0.2 && length - chord < 0.001 * (parabolaLength - chord)) {
            profile = .suspended
        } else if alphaDeg != 0 {
            profile = .slopedTouchdown
        } else if -cb * vfMinWL < hf {
            profile = .touchdown
        } else {
            profile = .touchdownSlackAnchor
        }
        out.profile = profile

        var dXdH = 0.0, dXdV = 0.0, dZdH = 0.0, dZdV = 0.0
        var tA = 0.0
        switch profile {
        case .suspended:
            if vfHF + sq1vf <= 0 || vfMinWLHF + sq1vfMin <= 0 { out.failed = true; return out }
            lBot = 0
            let logDiff = log(vfHF + sq1vf) - log(vfMinWLHF + sq1vfMin)
            out.ex = logDiff * hfW + lEA * hf - xf
            out.ez = (sq1vf - sq1vfMin) * hfW + lEA * (vf - 0.5 * wl) - zf
            dXdH = logDiff / w - ((vfHF + vfHF2 / sq1vf) / (vfHF + sq1vf)
                                  - (vfMinWLHF + vfMinWLHF2 / sq1vfMin) / (vfMinWLHF + sq1vfMin)) / w + lEA
            dXdV = ((1 + vfHF / sq1vf) / (vfHF + sq1vf) - (1 + vfMinWLHF / sq1vfMin) / (vfMinWLHF + sq1vfMin)) / w
            dZdH = (sq1vf - sq1vfMin) / w - (vfHF2 / sq1vf - vfMinWLHF2 / sq1vfMin) / w
            dZdV = (vfHF / sq1vf - vfMinWLHF / sq1vfMin) / w + lEA
        case .touchdown, .touchdownSlackAnchor:
            if vfHF + sq1vf <= 0 { out.failed = true; return out }
            let xB = cb > 0 ? lBot - hfW / cb : 0.0
            let xBlim = max(xB, 0.0)
            let logA = log(vfHF + sq1vf)
            out.ex = logA * hfW - 0.5 * cbEA * w * (lBot * lBot - xBlim * xBlim) + lEA * hf + lBot - xf
            out.ez = (sq1vf - 1) * hfW + 0.5 * vf * vfWEA - zf
            dXdH = logA / w - ((vfHF + vfHF2 / sq1vf) / (vfHF + sq1vf)) / w + lEA - xBlim / ea
            if xB <= 0 {
                dXdV = ((1 + vfHF / sq1vf) / (vfHF + sq1vf)) / w + cbEA * lBot - 1 / w
            } else {
                dXdV = ((1 + vfHF / sq1vf) / (vfHF + sq1vf)) / w + hf / wea - 1 / w
            }
            dZdH = (sq1vf - 1 - vfHF2 / sq1vf) / w
            dZdV = (vfHF / sq1vf) / w + vfWEA
        case .slopedTouchdown:
            if vfHF + sq1vf <= 0 || hf * 1_000_000_000 < vf { out.failed = true; return out }
            let tanAlpha = sinAlpha / cosAlpha
            // Improved touchdown estimate (end-B tension angle pulled toward the taut-line angle).
            let vfU = vf / hf < zf / xf ? 0.1 * vf + 0.9 * (zf / xf * hf) : vf
            lBot = l - (vfU - hf * tanAlpha) / w
            if lBot > xf / cosAlpha { lBot = xf / cosAlpha } else if lBot < 0 { lBot = max(lBot, 0) }
            let vTD = vf - w * (l - lBot)
            let tTD = (vTD * vTD + hf * hf).squareRoot()
            tA = tTD - w * (sinAlpha + cb) * lBot
            tA = max(0, tA)
            let sTD = lBot + tA * lBot / ea + w * (sinAlpha + cb) * lBot * lBot / (2 * ea)
            let xTD = sTD * cosAlpha, zTD = sTD * sinAlpha
            let a1 = (vTD + w * (l - lBot)) / hf, a0 = vTD / hf
            out.ex = hfW * (asinh(a1) - asinh(a0)) + hf * (l - lBot) / ea + xTD - xf
            out.ez = hfW * ((1 + a1 * a1).squareRoot() - (1 + a0 * a0).squareRoot())
                + (1 / ea) * (vTD * (l - lBot) + w * (l - lBot) * (l - lBot) / 2) + zTD - zf
            vfMinWL = vf - w * (l - lBot)
            let lEA7 = (l - lBot) / ea
            vfMinWLHF = vfMinWL / hf
            vfMinWLHF2 = vfMinWLHF * vfMinWLHF
            sq1vfMin = (1 + vfMinWLHF2).squareRoot()
            dXdH = (log(vfHF + sq1vf) - log(vfMinWLHF + sq1vfMin)) / w
                - ((vfHF + vfHF2 / sq1vf) / (vfHF + sq1vf) - (vfMinWLHF + vfMinWLHF2 / sq1vfMin) / (vfMinWLHF + sq1vfMin)) / w + lEA7
            dXdV = ((1 + vfHF / sq1vf) / (vfHF + sq1vf) - (1 + vfMinWLHF / sq1vfMin) / (vfMinWLHF + sq1vfMin)) / w
            dZdH = (sq1vf - sq1vfMin) / w - (vfHF2 / sq1vf - vfMinWLHF2 / sq1vfMin) / w
            dZdV = (vfHF / sq1vf - vfMinWLHF / sq1vfMin) / w + lEA7
        default:
            out.failed = true; return out
        }

        switch profile {
        case .suspended: out.hA = hf; out.vA = vfMinWL
        case .touchdown: out.hA = hf + cb * vfMinWL; out.vA = 0
        case .slopedTouchdown: out.hA = tA * cosAlpha; out.vA = tA * sinAlpha
        default: out.hA = 0; out.vA = 0
        }
        // stiffnessB = inv(J); numpy's inv raises on a singular matrix, which MoorPy does not catch.
        let det = dXdH * dZdV - dXdV * dZdH
        if det == 0 || !det.isFinite { out.failed = true; return out }
        out.stiffnessB = PlanarStiffness(dZdV / det, -dXdV / det, -dZdH / det, dXdH / det)
        out.lBot = lBot
        return out
    }

    /// Result of one `dsolve2` run on the catenary equations.
    struct SolveRun {
        var x: SIMD2<Double>
        var iterations: Int
        var err: SIMD2<Double>
        var last: CatenaryEvaluation
    }

    /// MoorPy `dsolve2(eval_func_cat, X0, step_func=step_func_cat, ytol=Tol, maxIter, a_max=1.2)`
    /// (tol = 1e-4 for the step tolerances), specialised to two unknowns without allocation.
    func run(from x0: SIMD2<Double>, ytol: Double, maxIterations: Int) -> SolveRun {
        let tol = 1e-4, aMax = 1.2
        var x = x0
        var dXLast = SIMD2<Double>(0, 0)
        var iter = 0
        var err = SIMD2<Double>(0, 0)
        var ev = CatenaryEvaluation()
        while iter < maxIterations {
            ev = evaluate(hf: x.x, vf: x.y)
            if ev.failed { err = .zero; break }  // stop flag: Y = 0
            err = SIMD2(ev.ex, ev.ez)
            let tols = tol * (SIMD2(abs(x.x), abs(x.y)) + tol)
            if iter == maxIterations - 1 { break }
            // step_func_cat: Newton step with guards on HF and (touchdown) VF.
            let (s0, s1) = ev.stiffnessB.times(err.x, err.y)
            var dX = SIMD2(-s0, -s1)
            if x.x + dX.x <= tols.x { dX.x = tols.x - x.x }
            if ev.profile == .touchdown && x.y + dX.y <= tols.y {
                dX.y = (length - ev.lBot) * w - x.y
            }
            // dsolve2: anti-reversal plane 62 % back along the previous step.
            let xLim = x - 0.62 * dXLast
            let crossed = (x.x + dX.x) * dXLast.x + (x.y + dX.y) * dXLast.y
            let limit = xLim.x * dXLast.x + xLim.y * dXLast.y
            if crossed < limit {
                let alpha = ((xLim.x - x.x) * dXLast.x + (xLim.y - x.y) * dXLast.y) / (dX.x * dXLast.x + dX.y * dXLast.y)
                dX = alpha * dX
            }
            // dsolve2: acceleration limit per component.
            for i in 0..<2 where abs(dXLast[i]) > tols[i] {
                let dXMax = aMax * dXLast[i]
                if dXMax == 0 { dX[i] = 0 } else {
                    let a = dX[i] / dXMax
                    if a > 1 { dX[i] = dX[i] / a }
                }
            }
            if abs(err.x) < ytol && abs(err.y) < ytol { break }  // converged: X stays the last evaluated point
            dXLast = dX
            x = x + dX
            iter += 1
        }
        return SolveRun(x: x, iterations: iter, err: err, last: ev)
    }
}
