#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Node positions along a solved catenary (MoorPy `catenary(..., plots=1)` outputs `s`, `X`, `Z`, `Te`;
/// spec 04 §4.7), in the caller's plane (x′ from end A toward end B, z up, origin at end A).
package struct CatenaryNodes: Sendable, Equatable {
    /// Unstretched arc length from end A [m].
    package var s: [Double] = []
    /// Horizontal and vertical positions relative to end A [m].
    package var x: [Double] = []
    package var z: [Double] = []
    /// Effective tension [N].
    package var tension: [Double] = []
}

extension Catenary {
    /// Values of the solved problem needed for the node profile (solver frame: after flip/reverse).
    struct NodeContext {
        var xf = 0.0, zf = 0.0, length = 0.0, ea = 0.0, w = 0.0, cb = 0.0
        var hf = 0.0, vf = 0.0
        var cosAlpha = 1.0, sinAlpha = 0.0
        var lHang = 0.0, lHang1 = 0.0, lHang2 = 0.0, hA = 0.0
        var lA = 0.0, lB = 0.0, tStretch = 0.0, uniformStrain = 0.0, slackVertical = false
        var t0 = 0.0, theta = 0.0, chord = 0.0
        var uShape: CatenaryNodes?

        /// MoorPy's node loop for each profile type (before un-reversing/un-flipping).
        func nodes(_ profile: CatenaryProfile, count n: Int) -> CatenaryNodes {
            let L = length, W = w, EA = ea, XF = xf, ZF = zf, HF = hf, VF = vf
            let tanAlpha = sinAlpha / cosAlpha
            if profile == .uShapeContact, let u = uShape { return u }
            var out = CatenaryNodes()
            out.s = (0..<n).map { n > 1 ? L * Double($0) / Double(n - 1) : 0 }
            out.x = [Double](repeating: 0, count: n); out.z = out.x; out.tension = out.x
            let s = out.s
            switch profile {
            case .onSeabed:
                let xB = cb > 0 && XF > L ? L - HF / W / cb : 0.0
                for i in 0..<n {
                    if cb == 0 || XF <= L {
                        out.x[i] = XF / L * s[i]; out.tension[i] = max(0, (XF / L - 1) * EA)
                    } else if xB <= 0 {
                        out.x[i] = s[i] * (1 + cb * W / EA * (0.5 * s[i] - xB)); out.tension[i] = HF + cb * W * (s[i] - L)
                    } else if s[i] <= xB {
                        out.x[i] = s[i]
                    } else {
                        out.x[i] = s[i] + cb * W / EA * (s[i] - xB) * (s[i] - xB); out.tension[i] = HF - cb * W * (L - s[i])
                    }
                }
            case .slopedOnSeabed:
                let lAB = max(XF / cosAlpha, 0)
                let ts = max(0, (lAB / L - 1) * EA), tg = L * W * sinAlpha
                for i in 0..<n {
                    out.x[i] = min(s[i] * cosAlpha, XF); out.z[i] = out.x[i] * tanAlpha
                    out.tension[i] = ts - 0.5 * tg + tg * Double(i) / Double(n - 1)
                }
            case .slackHanging:
                for i in 0..<n {
                    if s[i] > L - lHang {
                        out.x[i] = XF; out.z[i] = ZF - (L - s[i] + 0.5 * W / EA * (L - s[i]) * (L - s[i]))
                        out.tension[i] = W * (s[i] - (L - lHang))
                    } else {
                        out.x[i] = min(s[i] * cosAlpha, XF); out.z[i] = out.x[i] * tanAlpha
                    }
                }
            case .slackU:
                for i in 0..<n {
                    if s[i] < lHang1 {
                        out.z[i] = -s[i] - W / EA * (lHang1 * s[i] - 0.5 * s[i] * s[i]); out.tension[i] = W * s[i]
                    } else if s[i] <= L - lHang2 {
                        out.x[i] = (s[i] - lHang1) * XF / (L - lHang1 - lHang2)
                        out.z[i] = -hA + out.x[i] * tanAlpha
                    } else {
                        let lms = L - s[i]
                        out.x[i] = XF; out.z[i] = ZF - lms - W / EA * (lHang2 * lms - 0.5 * lms * lms); out.tension[i] = W * lms
                    }
                }
            case .vertical:
                for i in 0..<n {
                    out.x[i] = XF * (s[i] / L)
                    if slackVertical {
                        if s[i] < lA {
                            out.z[i] = -s[i] - W / EA * (lA * s[i] - 0.5 * s[i] * s[i]); out.tension[i] = W * (lA - s[i])
                        } else {
                            let lms = L - s[i]
                            out.z[i] = ZF - lms - W / EA * (lB * lms - 0.5 * lms * lms); out.tension[i] = W * (s[i] - lA)
                        }
                    } else {
                        let lms = L - s[i]
                        out.z[i] = ZF - lms * (1 + uniformStrain) - W / EA * (L * lms - 0.5 * lms * lms)
                        out.tension[i] = tStretch + W * s[i]
                    }
                }
            case .straightSpring:
                let w2 = W * cos(theta), b = -w2 / t0 * chord
                for i in 0..<n {
                    let x2 = chord * Double(i) / Double(n - 1), z2 = w2 / t0 * x2 * x2 + b * x2
                    out.x[i] = x2 * cos(theta) - z2 * sin(theta); out.z[i] = x2 * sin(theta) + z2 * cos(theta); out.tension[i] = t0
                }
            case .bilinear:
                for i in 0..<n {
                    let x2 = chord * Double(i) / Double(n - 1)
                    out.x[i] = x2 * XF / chord; out.z[i] = x2 * ZF / chord; out.tension[i] = t0 * Double(i) / Double(n - 1)
                }
            case .suspended, .touchdown, .touchdownSlackAnchor, .slopedTouchdown, .uShapeContact:
                let wl = W * L, wea = W * EA
                let vfMinWL = VF - wl
                var lBot = L - VF / W
                let hfW = HF / W
                let b = vfMinWL / HF
                let sq1b = (1 + b * b).squareRoot()
                for i in 0..<n {
                    let ws = W * s[i], vs = vfMinWL + ws, vsHF = vs / HF, sEA = s[i] / EA
                    let sq = (1 + vsHF * vsHF).squareRoot()
                    switch profile {
                    case .suspended:
                        out.x[i] = (log(vsHF + sq) - log(b + sq1b)) * hfW + sEA * HF
                        out.z[i] = (sq - sq1b) * hfW + sEA * (vfMinWL + 0.5 * ws)
                        out.tension[i] = (HF * HF + vs * vs).squareRoot()
                    case .slopedTouchdown:
                        lBot = L - (VF - HF * tanAlpha) / W
                        let vTD = VF - W * (L - lBot)
                        let tTD = (vTD * vTD + HF * HF).squareRoot()
                        let tA = tTD - W * (sinAlpha + cb) * lBot
                        let sTD = lBot + tA * lBot / EA + W * (sinAlpha + cb) * lBot * lBot / (2 * EA)
                        let xB = cb > 0 ? lBot - tTD / (W * (sinAlpha + cb)) : 0.0
                        if s[i] <= xB && cb > 0 {
                            out.x[i] = cosAlpha * s[i]; out.z[i] = sinAlpha * s[i]
                        } else if s[i] <= lBot {
                            let sd = s[i] + tA * s[i] / EA + W * (sinAlpha + cb) * s[i] * s[i] / (2 * EA)
                            out.x[i] = sd * cosAlpha; out.z[i] = sd * sinAlpha; out.tension[i] = tA + W * (sinAlpha + cb) * s[i]
                        } else {
                            let a1 = (vTD + W * (s[i] - lBot)) / HF, a0 = vTD / HF
                            out.x[i] = sTD * cosAlpha + hfW * (asinh(a1) - asinh(a0)) + HF * (s[i] - lBot) / EA
                            out.z[i] = sTD * sinAlpha + hfW * ((1 + a1 * a1).squareRoot() - (1 + a0 * a0).squareRoot())
                                + (1 / EA) * (vTD * (s[i] - lBot) + W * (s[i] - lBot) * (s[i] - lBot) / 2)
                            out.tension[i] = (HF * HF + vs * vs).squareRoot()
                        }
                    default:  // touchdown (2/3)
                        let xB = cb > 0 ? lBot - hfW / cb : 0.0
                        let xBlim = max(xB, 0)
                        if s[i] <= xB && cb > 0 {
                            out.x[i] = s[i]
                        } else if s[i] <= lBot {
                            out.x[i] = s[i] + 0.5 * cb * W / EA * (s[i] * s[i] - 2 * xB * s[i] + xB * xBlim)
                            out.tension[i] = HF + cb * vs
                        } else {
                            out.x[i] = lBot + hfW * log(vsHF + sq) + HF * sEA + 0.5 * cb * W / EA * (-lBot * lBot + xB * xBlim)
                            out.z[i] = (-1 + sq) * hfW + sEA * (vfMinWL + 0.5 * ws) + 0.5 * vfMinWL * vfMinWL / wea
                            out.tension[i] = (HF * HF + vs * vs).squareRoot()
                        }
                    }
                }
            }
            return out
        }
    }
}
