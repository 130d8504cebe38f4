#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// MoorPy 1.3.0's quasi-static catenary (`Catenary.py:catenary`, spec 04 §4): forces and stiffness of an
/// elastic line between end A at the origin and end B at (XF, ZF) in its vertical plane, with seabed contact.
///
/// The algorithm, tolerances, retries and last-resort approximations are MoorPy's, because RAFT's results
/// depend on where its iterations stop (warm starts, residual tolerance — spec 04 pitfall 3).
package enum Catenary {
    /// Solve one planar line.
    ///
    /// - Parameters:
    ///   - xf: horizontal span from end A to end B, `XF` ≥ 0 [m].
    ///   - zf: rise from end A to end B, `ZF` (positive up) [m].
    ///   - length: unstretched length `L` [m].
    ///   - ea: axial stiffness `EA` [N].
    ///   - w: wet weight per length `W` (negative = buoyant) [N/m].
    ///   - cb: `CB`: if < 0, end A is −CB above the seabed; if ≥ 0 a seabed friction coefficient (0 in RAFT).
    ///   - alphaDeg: seabed slope along the line [deg] (0 on a flat seabed).
    ///   - hf0, vf0: warm start (used only if both are > 0) [N].
    ///   - tolerance: `Tol`, absolute tolerance on the end-position residuals [m].
    ///   - maxIterations: `MaxIter` (100, as Line.staticSolve leaves the default).
    ///   - depth: water depth, used to turn heights into distances to the surface for buoyant lines [m].
    ///   - nodeCount: number of profile nodes to return in `nodes` (0: none, no allocation).
    package static func solve(xf: Double, zf: Double, length: Double, ea: Double, w: Double,
                             cb: Double = 0, alphaDeg: Double = 0, hf0: Double = 0, vf0: Double = 0,
                             tolerance: Double = 1e-6, maxIterations: Int = 100, depth: Double = 0,
                             nodeCount: Int = 0) throws(MooringError) -> CatenarySolution {
        var XF = xf, ZF = zf, CB = cb, W = w, alpha = alphaDeg
        let L = length, EA = ea, Tol = tolerance, maxIter = maxIterations
        let verticalThreshold = 0.0001
        let slackKx = 0.01 * abs(W)

        // --- pre-processing (spec 04 §4.1) ---
        var hA = max(0, -CB)
        var hB = ZF + hA - XF * tan(alpha * .pi / 180)
        if abs(hB) < 1e-5 * L { hB = 0 }
        if hB < 0 { throw .catenary("end B is below the seabed") }
        if CB < 0 { CB = 0 }
        var flip = false
        if W < 0 {
            W = -W; ZF = -ZF; CB = 0
            if depth > 0 { hB = depth - hB; hA = depth - hA }
            flip = true
        }
        var reverse = false
        if ZF < 0 && (hA > 0 || flip) {
            swap(&hA, &hB); ZF = -ZF; alpha = -alpha
            reverse = true
        }
        if hA < 0 { hB -= hA; hA = 0 }
        if ZF <= Tol && alpha == 0 { ZF = 0 }  // source: abs(ZF <= Tol), i.e. negative ZF also becomes 0
        if XF < 0 { throw .catenary("XF is negative") }
        if L <= 0 { throw .catenary("L is zero or negative") }
        if EA <= 0 { throw .catenary("EA is zero or negative") }
        if W == 0 { throw .catenary("the line has zero wet weight (Python raises a division by zero)") }

        let eaW = EA / W
        let lHang1 = (2 * hA * eaW + eaW * eaW).squareRoot() - eaW
        let lHang2 = (2 * hB * eaW + eaW * eaW).squareRoot() - eaW
        let lHang = lHang1 + lHang2
        let alphaRad = alpha * .pi / 180
        let cosAlpha = cos(alphaRad), sinAlpha = sin(alphaRad)

        var HF = 0.0, VF = 0.0, HA = 0.0, VA = 0.0
        var sol = CatenarySolution(fxA: 0, fzA: 0, fxB: 0, fzB: 0, hf: 0, vf: 0, stiffnessA: .zero, stiffnessB: .zero,
                                   stiffnessBA: .zero, lBot: 0, profile: .suspended, zExtreme: 0)
        var ctx = NodeContext(length: L, ea: EA, w: W, cb: CB, cosAlpha: cosAlpha, sinAlpha: sinAlpha,
                              lHang: lHang, lHang1: lHang1, lHang2: lHang2, hA: hA)

        if hB == 0 && hA == 0 && W > 0 {
            // --- ProfileType 0 / 8: entirely on the seabed ---
            if alpha == 0 {
                sol.profile = .onSeabed
                if CB == 0 || XF <= L {
                    HF = max(0, (XF / L - 1) * EA); HA = HF
                } else if 0.5 * L + EA / CB / W * (1 - XF / L) <= 0 {
                    HF = (XF / L - 1) * EA + 0.5 * CB * W * L
                    HA = max(0, HF - CB * W * L)
                } else {
                    HF = (2 * EA * CB * W * (XF - L)).squareRoot(); HA = 0
                }
                VF = 0; VA = 0
                sol.vf = 0
            } else {
                sol.profile = .slopedOnSeabed
                let lAB = max(XF / cosAlpha, 0)
                let ts = max(0, (lAB / L - 1) * EA)
                let tg = L * W * sinAlpha
                HF = cosAlpha * (ts + 0.5 * tg); VF = sinAlpha * (ts + 0.5 * tg)
                HA = cosAlpha * (ts - 0.5 * tg); VA = sinAlpha * (ts - 0.5 * tg)
                sol.vf = VF
            }
            let (k, kz) = HF > 0 ? (EA / L, W) : (0.0, W)
            sol.hf = HF
            sol.stiffnessB = .diagonal(k, kz); sol.stiffnessA = .diagonal(k, kz)
            sol.stiffnessBA = PlanarStiffness(-k, 0, 0, 0)
            sol.lBot = L; sol.zExtreme = 0
        } else if W > 0 && L >= XF / cosAlpha + lHang {
            // --- ProfileType 4 / 5: fully slack ---
            if hA == 0 {
                sol.profile = .slackHanging
                HF = 0; VF = W * lHang; HA = 0; VA = 0
                sol.stiffnessB = .diagonal(slackKx, W / (2 * ZF / eaW + 1).squareRoot())
                sol.stiffnessA = .diagonal(slackKx, W)
                sol.zExtreme = 0
            } else {
                sol.profile = .slackU
                HF = 0; VF = W * lHang2; HA = 0; VA = -W * lHang1
                sol.stiffnessB = .diagonal(slackKx, W / (2 * hB / eaW + 1).squareRoot())
                sol.stiffnessA = .diagonal(slackKx, W / (2 * hA / eaW + 1).squareRoot())
                sol.zExtreme = -hA
            }
            sol.hf = HF; sol.vf = VF
            sol.stiffnessBA = .zero
            sol.lBot = L - lHang
        } else if ZF > 0 && XF / ZF < verticalThreshold {
            // --- ProfileType 6: vertical, no seabed contact ---
            sol.profile = .vertical
            let dzHanging = L + 0.5 * W / EA * L * L
            if dzHanging >= ZF {
                let lB = (ZF + L + W * L * L / 2 / EA) / (2 + W * L / EA)
                let hBv = lB + W / 2 / EA * lB * lB
                let lA = L - lB
                ctx.slackVertical = true; ctx.lA = lA; ctx.lB = lB
                HF = 0; VF = W * lB; HA = 0; VA = W * lA
                sol.stiffnessB = .diagonal(VF / ZF, 0.5 * W); sol.stiffnessA = sol.stiffnessB
                sol.stiffnessBA = .diagonal(-VF / ZF, -0.5 * W)
                sol.zExtreme = -(hBv - ZF)
            } else {
                let tStretch = (ZF - dzHanging) / L * EA
                ctx.tStretch = tStretch; ctx.uniformStrain = (ZF - dzHanging) / L
                HF = 0; VF = tStretch + W * L; HA = 0; VA = tStretch
                sol.stiffnessB = .diagonal(VF / ZF, EA / L); sol.stiffnessA = sol.stiffnessB
                sol.stiffnessBA = .diagonal(-VF / ZF, -EA / L)
                sol.zExtreme = 0
            }
            sol.hf = HF; sol.vf = VF; sol.lBot = 0
        } else {
            // --- iterative solution (spec 04 §4.3–4.6) ---
            func freshGuess(_ xf: Double, _ zf: Double) -> SIMD2<Double> {
                let lambda0 = L <= (xf * xf + zf * zf).squareRoot() ? 0.2 : (3 * ((L * L - zf * zf) / (xf * xf) - 1)).squareRoot()
                return SIMD2(nanMax(abs(0.5 * W * xf / lambda0), Tol), 0.5 * W * (zf / tanh(lambda0) + L))
            }
            var x0 = hf0 <= 0 || vf0 <= 0 ? freshGuess(XF, ZF) : SIMD2(hf0, vf0)
            x0.x = nanMax(x0.x, Tol)
            XF = nanMax(XF, Tol)
            if ZF > -Tol { ZF = nanMax(ZF, Tol) }
            let problem = CatenaryProblem(xf: XF, zf: ZF, length: L, ea: EA, w: W, cb: CB, hA: hA, hB: hB, alphaDeg: alpha)

            var run = problem.run(from: x0, ytol: Tol, maxIterations: maxIter)
            var x = run.x
            var ev = run.last
            let failed1 = run.iterations >= maxIter - 1 || run.last.failed
                || (run.err.x * run.err.x + run.err.y * run.err.y).squareRoot() > 10 * Tol
            if failed1 {
                let start = run.iterations >= maxIter - 1 && XF / ZF < 0.001 ? run.x : freshGuess(XF, ZF)
                run = problem.run(from: start, ytol: Tol, maxIterations: maxIter)
                if run.iterations >= maxIter - 1 || run.last.failed {
                    run = problem.run(from: run.x, ytol: Tol, maxIterations: maxIter)
                    if run.iterations >= maxIter - 1 || run.last.failed {
                        // Last resorts (spec 04 §4.5).
                        let d = (XF * XF + ZF * ZF).squareRoot()
                        var k = PlanarStiffness.zero
                        if d / L > 1 {
                            let t0 = (d / L - 1) * EA
                            let theta = atan2(ZF, XF)
                            HF = t0 * cos(theta); VF = t0 * sin(theta); HA = HF; VA = VF
                            ctx.t0 = t0; ctx.theta = theta; ctx.chord = d
                            k = rotatedStiffness(c: cos(theta), s: sin(theta), axial: EA / L, transverse: t0 / d)
                            ev.profile = .straightSpring
                        } else if d / L > 0.9 {
                            let lBotB = (d * d - L * L) / (2 * (XF - L))
                            VF = (L - lBotB) * W; VA = 0
                            HF = (XF - lBotB) / ZF * VF; HA = HF
                            let t0 = (HF * HF + VF * VF).squareRoot()
                            ctx.t0 = t0; ctx.chord = d
                            k = rotatedStiffness(c: XF / d, s: ZF / d, axial: EA / L, transverse: t0 / d)
                            ev.profile = .bilinear
                        } else {
                            throw .catenary("catenary solver failed on all 3 attempts: catenary(\(XF), \(ZF), \(L), \(EA), \(W), CB=\(CB), HF0=\(hf0), VF0=\(vf0), Tol=\(Tol))")
                        }
                        ev.hf = HF; ev.vf = VF; ev.hA = HA; ev.vA = VA; ev.lBot = 0
                        ev.stiffnessB = k; ev.failed = false
                        x = SIMD2(HF, VF)
                        sol.stiffnessA = k; sol.stiffnessBA = -k
                    } else { x = run.x; ev = run.last }
                } else { x = run.x; ev = run.last }
            }
            if ev.failed { throw .catenary("error in catenary computations") }

            sol.profile = ev.profile
            sol.hf = ev.hf; sol.vf = ev.vf
            sol.stiffnessB = ev.stiffnessB
            sol.lBot = ev.lBot
            HF = x.x; VF = x.y; HA = ev.hA; VA = ev.vA

            // Lowest point of a slack suspended line (spec 04 §4.6).
            var sExtreme = 0.0, xExtreme = 0.0
            sol.zExtreme = 0
            if ev.profile == .suspended && hA > 0 && VF - problem.wl < 0 {
                let vfMinWL = VF - problem.wl
                let b = vfMinWL / HF
                let sq = (1 + b * b).squareRoot()
                sExtreme = L - VF / W
                sol.zExtreme = (1 - sq) * (HF / W) - 0.5 * vfMinWL * vfMinWL / problem.wea
                xExtreme = -log(b + sq) * (HF / W) + HF * sExtreme / EA
            }
            if ev.profile == .suspended && sol.zExtreme < -hA {
                // U shape touching the seabed: two sub-catenaries meeting on the seabed.
                ctx.uShape = try solveUShape(&sol, xf: XF, zf: ZF, length: L, ea: EA, w: W, hA: hA, tolerance: Tol, maxIterations: maxIter,
                                             x1Start: xExtreme, l1: sExtreme, ha: &HA, va: &VA, hf: &HF, vf: &VF, nodeCount: nodeCount)
            }
            switch sol.profile {
            case .suspended:
                sol.stiffnessA = sol.stiffnessB; sol.stiffnessBA = -sol.stiffnessB
            case .touchdown, .touchdownSlackAnchor, .slopedTouchdown:
                if CB == 0 {
                    sol.stiffnessA = PlanarStiffness(sol.stiffnessB.xx, 0, 0, W)  // vertical term deliberately crude (MoorPy)
                    sol.stiffnessBA = PlanarStiffness(-sol.stiffnessB.xx, 0, 0, 0)
                } else {
                    sol.stiffnessA = .nan; sol.stiffnessBA = .nan  // MoorPy flags friction cases as unusable
                }
            default: break
            }
        }

        if nodeCount > 0 {
            ctx.xf = XF; ctx.zf = ZF; ctx.hf = HF; ctx.vf = VF
            var nodes = ctx.nodes(sol.profile, count: nodeCount)
            if reverse {
                nodes.s = nodes.s.reversed().map { L - $0 }
                nodes.x = nodes.x.reversed().map { XF - $0 }
                nodes.z = nodes.z.reversed().map { $0 - ZF }  // ZF still has the reversed (positive) sign here
                nodes.tension.reverse()
            }
            if flip { nodes.z = nodes.z.map { -$0 } }
            sol.nodes = nodes
        }

        // --- back to the caller's frame (spec 04 §4.6) ---
        if reverse {
            ZF = -ZF
            sol.fxA = HF; sol.fzA = -VF; sol.fxB = -HA; sol.fzB = VA
            let a = sol.stiffnessA
            sol.stiffnessA = sol.stiffnessB.offDiagonalsNegated
            sol.stiffnessB = a.offDiagonalsNegated
            sol.stiffnessBA = sol.stiffnessBA.offDiagonalsNegated
            sol.zExtreme += ZF
        } else {
            sol.fxA = HA; sol.fzA = VA; sol.fxB = -HF; sol.fzB = -VF
        }
        if flip {
            sol.fzA = -sol.fzA; sol.fzB = -sol.fzB
            sol.stiffnessA = sol.stiffnessA.offDiagonalsNegated
            sol.stiffnessB = sol.stiffnessB.offDiagonalsNegated
            sol.stiffnessBA = sol.stiffnessBA.offDiagonalsNegated
            sol.zExtreme = -sol.zExtreme
        }
        return sol
    }

    /// `R·diag(axial, transverse)·Rᵀ` with `R = [[c, −s], [s, c]]` (MoorPy's last-resort line stiffness).
    static func rotatedStiffness(c: Double, s: Double, axial: Double, transverse: Double) -> PlanarStiffness {
        // D·Rᵀ first, then R·(D·Rᵀ), as numpy evaluates it.
        let m00 = axial * c, m01 = axial * s, m10 = transverse * -s, m11 = transverse * c
        return PlanarStiffness(c * m00 + -s * m10, c * m01 + -s * m11, s * m00 + c * m10, s * m01 + c * m11)
    }

    /// The U-shaped line with seabed contact (ProfileType 'U', spec 04 §4.6): 1-D `dsolve2` on the
    /// horizontal position of the fake anchor so that the horizontal tensions of both halves balance.
    private static func solveUShape(_ sol: inout CatenarySolution, xf: Double, zf: Double, length L: Double, ea: Double, w: Double,
                                    hA: Double, tolerance: Double, maxIterations: Int, x1Start: Double, l1: Double,
                                    ha: inout Double, va: inout Double, hf: inout Double, vf: inout Double,
                                    nodeCount: Int) throws(MooringError) -> CatenaryNodes? {
        let l2 = L - l1
        let z1 = -hA, z2 = -z1 + zf
        let subTol = 0.5 * tolerance
        func halves(_ x1: Double) throws(MooringError) -> (CatenarySolution, CatenarySolution) {
            let a = try solve(xf: x1, zf: z1, length: l1, ea: ea, w: w, cb: z1, tolerance: subTol, maxIterations: maxIterations)
            let b = try solve(xf: xf - x1, zf: z2, length: l2, ea: ea, w: w, cb: 0, tolerance: subTol, maxIterations: maxIterations)
            return (a, b)
        }
        // dsolve2(eval_func_U, [X1_0], step_func_U, ytol=0.25·Tol, maxIter=20, a_max=1.2), tol = 1e-4.
        let maxIter = 20, ytol = 0.25 * tolerance, tol = 1e-4, aMax = 1.2
        var x = x1Start, dXLast = 0.0
        var xs = [Double](repeating: 0, count: maxIter), es = [Double](repeating: 0, count: maxIter)
        for iter in 0..<maxIter {
            let (a, b) = try halves(x)
            let err = b.fxB - a.fxB
            let slope = a.stiffnessA.xx + b.stiffnessB.xx
            xs[iter] = x; es[iter] = err
            let tols = tol * (abs(x) + tol)
            if iter == maxIter - 1 {
                // Not converged: linear fit of X against the error over the last 30 % of iterations.
                x = linearFitIntercept(x: Array(es[Int(0.7 * Double(iter)) ..< iter]), y: Array(xs[Int(0.7 * Double(iter)) ..< iter]))
                break
            }
            var dX = -err / slope
            let xLim = x - 0.62 * dXLast
            if (x + dX) * dXLast < xLim * dXLast { dX = ((xLim - x) * dXLast) / (dX * dXLast) * dX }
            if abs(dXLast) > tols {
                let dXMax = aMax * dXLast
                if dXMax == 0 { dX = 0 } else { let r = dX / dXMax; if r > 1 { dX /= r } }
            }
            if abs(err) < ytol { break }
            dXLast = dX
            x += dX
        }
        let n1 = nodeCount > 0 ? Int(l1 / L * Double(nodeCount - 1) + 0.5) + 1 : 0
        let s1 = try solve(xf: x, zf: z1, length: l1, ea: ea, w: w, cb: z1, tolerance: subTol, maxIterations: maxIterations, nodeCount: n1)
        let s2 = try solve(xf: xf - x, zf: z2, length: l2, ea: ea, w: w, cb: 0, tolerance: subTol, maxIterations: maxIterations,
                           nodeCount: nodeCount > 0 ? nodeCount - n1 + 1 : 0)
        let k1 = s1.stiffnessA, k2 = s2.stiffnessB
        let dHdX = 1 / (1 / k1.xx + 1 / k2.xx)
        let dxdH = 1 / (k1.xx + k2.xx)
        sol.stiffnessA = PlanarStiffness(dHdX, k1.xz * k2.xx * dxdH, k1.zx * k2.xx * dxdH, k1.zz - k1.zx * dxdH * k1.xz)
        sol.stiffnessB = PlanarStiffness(dHdX, k2.xz * k1.xx * dxdH, k2.zx * k1.xx * dxdH, k2.zz - k2.zx * dxdH * k2.xz)
        sol.stiffnessBA = PlanarStiffness(-k1.xx * k2.xx * dxdH, k1.xz * k2.xx * dxdH, -k1.xx * dxdH * k2.zx, -k1.xz * dxdH * k2.zx)
        sol.lBot = s1.lBot + s2.lBot
        sol.zExtreme = -hA
        sol.profile = .uShapeContact
        ha = s1.fxA; va = s1.fzA; hf = -s2.fxB; vf = -s2.fzB
        guard let a = s1.nodes, let b = s2.nodes else { return nil }
        return CatenaryNodes(s: a.s + b.s.dropFirst().map { $0 + l1 }, x: a.x + b.x.dropFirst().map { $0 + x },
                             z: a.z + b.z.dropFirst().map { $0 + z1 }, tension: a.tension + b.tension.dropFirst())
    }

    /// Intercept b of the least-squares line y ≈ m·x + b (numpy `polyfit(x, y, 1)[1]`).
    static func linearFitIntercept(x: [Double], y: [Double]) -> Double {
        let n = Double(x.count)
        guard x.count >= 2 else { return y.last ?? 0 }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for i in 0..<x.count { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx) }
        let m = sxx == 0 ? 0 : sxy / sxx
        return my - m * mx
    }
}

extension Catenary {
    /// `np.max([a, b])`: NaN propagates (Swift's `max` would drop it depending on argument order).
    @inline(__always) static func nanMax(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        return a > b ? a : b
    }
}
