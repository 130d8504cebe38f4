#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

extension StripHydrodynamics {
    /// `waveKinematics` as it was before its products and stores worked on lanes of 4 frequencies (swift-raft main,
    /// 2026-12-06; and with `sinh(k·h)`, `cosh(k·h)` per node as before that): the scalar reference whose bits the lane
    /// version keeps (WaveKinematicsLanesTests) and the baseline of raft-bench's "OC3 wave kinematics" rows. Not used
    /// by the solver.
    package func waveKinematicsReference(amplitude zeta0: [Double], heading beta: Double, depth h: Double) -> WaveKinematics {
        let nw = frequencyCount, nn = nodes.count
        var kin = WaveKinematics(nodeCount: nn, frequencyCount: nw,
                                 uRe: .init(repeating: 0, count: 3 * nn * nw), uIm: .init(repeating: 0, count: 3 * nn * nw),
                                 udRe: .init(repeating: 0, count: 3 * nn * nw), udIm: .init(repeating: 0, count: 3 * nn * nw),
                                 pRe: .init(repeating: 0, count: nn * nw), pIm: .init(repeating: 0, count: nn * nw))
        let rhoG = 1025.0 * 9.81
        let cb = cos(beta), sb = sin(beta)
        for (j, n) in nodes.enumerated() {
            let r = n.position, z = r.z
            guard z <= 0 else { continue }
            for i in 0..<nw {
                let k = waveNumbers[i], w = omega[i]
                let ph = k * (cb * r.x + sb * r.y)
                let zr = zeta0[i] * cos(ph), zi = zeta0[i] * -sin(ph)
                let sn: Double, cs: Double, cc: Double
                if k == 0 {
                    sn = 1; cs = 99999; cc = 99999
                } else if k * h > 89.4 {
                    let e = exp(k * z)
                    sn = e; cs = e; cc = e + exp(-k * (z + 2.0 * h))
                } else {
                    sn = sinh(k * (z + h)) / sinh(k * h)
                    cs = cosh(k * (z + h)) / sinh(k * h)
                    cc = cosh(k * (z + h)) / cosh(k * h)
                }
                let ux = (w * zr * cs * cb, w * zi * cs * cb)
                let uy = (w * zr * cs * sb, w * zi * cs * sb)
                let uz = (-w * zi * sn, w * zr * sn)
                let base = 3 * j * nw
                kin.uRe[base + i] = ux.0; kin.uIm[base + i] = ux.1
                kin.uRe[base + nw + i] = uy.0; kin.uIm[base + nw + i] = uy.1
                kin.uRe[base + 2 * nw + i] = uz.0; kin.uIm[base + 2 * nw + i] = uz.1
                kin.udRe[base + i] = -w * ux.1; kin.udIm[base + i] = w * ux.0
                kin.udRe[base + nw + i] = -w * uy.1; kin.udIm[base + nw + i] = w * uy.0
                kin.udRe[base + 2 * nw + i] = -w * uz.1; kin.udIm[base + 2 * nw + i] = w * uz.0
                kin.pRe[j * nw + i] = rhoG * zr * cc; kin.pIm[j * nw + i] = rhoG * zi * cc
            }
        }
        return kin
    }

    /// `inertialExcitation` as it was before it worked on lanes of 4 frequencies (swift-raft main, 2026-12-06): the
    /// scalar reference whose bits the lane version keeps (WaveKinematicsLanesTests) and the baseline of raft-bench's
    /// "OC3 inertial excitation" rows. Not used by the solver.
    package func inertialExcitationReference(_ kin: WaveKinematics) -> ComplexSeries6 {
        let nw = frequencyCount
        var F = ComplexSeries6(frequencyCount: nw)
        for (j, n) in nodes.enumerated() where !n.potMod {
            let d = n.position - reference
            let base = 3 * j * nw
            let mcf = mcfInertia[j]
            for m in 0..<nw {
                let udr = Vec3(kin.udRe[base + m], kin.udRe[base + nw + m], kin.udRe[base + 2 * nw + m])
                let udi = Vec3(kin.udIm[base + m], kin.udIm[base + nw + m], kin.udIm[base + 2 * nw + m])
                var fr: Vec3, fi: Vec3
                if let mcf {
                    fr = .zero; fi = .zero
                    for a in 0..<3 {
                        var sr = 0.0, si = 0.0
                        for b in 0..<3 {
                            let c = mcf[9 * m + 3 * a + b]
                            sr += c.real * udr[b] - c.imaginary * udi[b]
                            si += c.real * udi[b] + c.imaginary * udr[b]
                        }
                        fr[a] = sr; fi[a] = si
                    }
                } else {
                    fr = n.inertia * udr
                    fi = n.inertia * udi
                }
                fr += (kin.pRe[j * nw + m] * n.endArea) * n.q
                fi += (kin.pIm[j * nw + m] * n.endArea) * n.q
                F.add(fr, fi, at: m, offset: d)
            }
        }
        return F
    }
}
