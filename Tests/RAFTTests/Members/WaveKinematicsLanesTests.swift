import Foundation
import Testing
@testable import RAFT

/// `waveKinematics` and `inertialExcitation` take 4 frequencies per SIMD lane group (issue 17); these tests hold
/// them to the bits of the one-pass scalar loops they replaced, kept below as frozen oracles: every kinematics entry
/// and `F_hydro_iner` bit-identical (tolerance 0), for designs with circular, rectangular and MacCamy–Fuchs members,
/// deep- and finite-depth frequencies, headings 0 and 0.4 rad, and frequency counts that leave 0 to 3 frequencies
/// to the scalar tail.
@Suite("Members: wave kinematics and inertial excitation, lanes against the scalar loops")
struct WaveKinematicsLanesTests {
    static let designs = ["designs/OC3spar.yaml", "designs/VolturnUS-S.yaml", "designs/OC4semi.yaml",
                          "Tests/RAFTTests/Reference/raft-regression/test_data/VolturnUS-S-pointInertia.yaml",
                          "Tests/RAFTTests/Reference/raft-regression/test_data/mem_subm_horz_rect_cyl.yaml"]

    /// The design's strip model at a pose off the reference, on `nw` frequencies from 0.05 rad/s up to ~3.6 rad/s
    /// (both depth branches for depths of ~40 m and more).
    static func setup(_ path: String, nw: Int) throws -> (StripHydrodynamics, Design) {
        let design = try Design.load(path: Reference.repoRoot.appendingPathComponent(path).path, readingHydroFiles: false)
        let fm = try FOWTMembers(design: design, fowt: 0)
        let omega = (0..<nw).map { 0.05 + 3.55 * Double($0) / Double(max(nw - 1, 1)) }
        let k = omega.map { waveNumber(omega: $0, depth: design.site.waterDepth) }
        let ref = StripHydrodynamics(members: fm.members, rho: design.site.rhoWater, omega: omega, waveNumbers: k)
        let t = Vec3(3.1, -0.4, -0.2)
        return (ref.moved(to: fm.placed(translation: t, rotation: Vec3(0.01, 0.05, -0.02)), reference: t), design)
    }

    static func bits(_ a: [Double]) -> [UInt64] { a.map(\.bitPattern) }

    @Test("kinematics and F_hydro_iner are bit-identical to the scalar loops", arguments: designs)
    func identical(path: String) throws {
        var sawMCF = false
        for nw in [80, 81, 82, 83, 3] {
            let (hydro, design) = try Self.setup(path, nw: nw)
            #expect(!hydro.nodes.isEmpty, "\(path): submerged strip nodes")
            sawMCF = sawMCF || !hydro.mcfInertia.isEmpty
            let zeta = hydro.omega.map { 1.3 * exp(-($0 - 0.6) * ($0 - 0.6) * 8) + 0.01 }
            for heading in [0.0, 0.4] {
                let kin = hydro.waveKinematics(amplitude: zeta, heading: heading, depth: design.site.waterDepth)
                let old = Self.waveKinematicsReference(hydro, amplitude: zeta, heading: heading, depth: design.site.waterDepth)
                let ctx = "\(path), nw \(nw), heading \(heading)"
                #expect(Self.bits(kin.uRe) == Self.bits(old.uRe) && Self.bits(kin.uIm) == Self.bits(old.uIm), "\(ctx): u")
                #expect(Self.bits(kin.udRe) == Self.bits(old.udRe) && Self.bits(kin.udIm) == Self.bits(old.udIm), "\(ctx): ud")
                #expect(Self.bits(kin.pRe) == Self.bits(old.pRe) && Self.bits(kin.pIm) == Self.bits(old.pIm), "\(ctx): pDyn")
                #expect(kin.uRe.contains { $0 != 0 }, "\(ctx): some velocity")
                let f = hydro.inertialExcitation(kin), fOld = Self.inertialExcitationReference(hydro, kin)
                #expect(f.values.map { [$0.real.bitPattern, $0.imaginary.bitPattern] }
                        == fOld.values.map { [$0.real.bitPattern, $0.imaginary.bitPattern] }, "\(ctx): F_hydro_iner")
                #expect(f.values.contains { $0 != .zero }, "\(ctx): some excitation")
            }
        }
        if path.contains("pointInertia") { #expect(sawMCF, "\(path): MacCamy–Fuchs nodes") }
    }

    // MARK: Frozen oracles (the scalar loops before issue 17's lanes)

    static func waveKinematicsReference(_ s: StripHydrodynamics, amplitude zeta0: [Double], heading beta: Double,
                                        depth h: Double) -> WaveKinematics {
        let nw = s.frequencyCount, nn = s.nodes.count
        var kin = WaveKinematics(nodeCount: nn, frequencyCount: nw,
                                 uRe: .init(repeating: 0, count: 3 * nn * nw), uIm: .init(repeating: 0, count: 3 * nn * nw),
                                 udRe: .init(repeating: 0, count: 3 * nn * nw), udIm: .init(repeating: 0, count: 3 * nn * nw),
                                 pRe: .init(repeating: 0, count: nn * nw), pIm: .init(repeating: 0, count: nn * nw))
        let rhoG = 1025.0 * 9.81
        let cb = cos(beta), sb = sin(beta)
        for (j, n) in s.nodes.enumerated() {
            let r = n.position, z = r.z
            guard z <= 0 else { continue }
            for i in 0..<nw {
                let k = s.waveNumbers[i], w = s.omega[i]
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

    static func inertialExcitationReference(_ s: StripHydrodynamics, _ kin: WaveKinematics) -> ComplexSeries6 {
        let nw = s.frequencyCount
        var F = ComplexSeries6(frequencyCount: nw)
        for (j, n) in s.nodes.enumerated() where !n.potMod {
            let d = n.position - s.reference
            let base = 3 * j * nw
            let mcf = s.mcfInertia[j]
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
