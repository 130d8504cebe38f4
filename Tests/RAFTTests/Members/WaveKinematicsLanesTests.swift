import Foundation
import Testing
@testable import RAFT

/// `waveKinematics` and `inertialExcitation` take 4 frequencies per SIMD lane group (issue 17); these tests hold
/// them to the bits of the one-pass scalar loops they replaced (`waveKinematicsReference`,
/// `inertialExcitationReference`): every kinematics entry
/// and `F_hydro_iner` bit-identical (tolerance 0), for designs with circular, rectangular and MacCamy–Fuchs members,
/// deep- and finite-depth frequencies, headings 0 and 0.4 rad, and frequency counts that leave 0 to 3 frequencies
/// to the scalar tail.
@Suite("Members: wave kinematics and inertial excitation, lanes against the scalar loops")
struct WaveKinematicsLanesTests {
    static let designs = ["designs/OC3spar.yaml", "designs/VolturnUS-S.yaml", "designs/OC4semi.yaml",
                          "Tests/RAFTTests/Reference/raft-regression/test_data/VolturnUS-S-pointInertia.yaml",
                          "Tests/RAFTTests/Reference/raft-regression/test_data/OC4semi-WAMIT_Coefs.yaml"]

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
                let old = hydro.waveKinematicsReference(amplitude: zeta, heading: heading, depth: design.site.waterDepth)
                let ctx = "\(path), nw \(nw), heading \(heading)"
                #expect(Self.bits(kin.uRe) == Self.bits(old.uRe) && Self.bits(kin.uIm) == Self.bits(old.uIm), "\(ctx): u")
                #expect(Self.bits(kin.udRe) == Self.bits(old.udRe) && Self.bits(kin.udIm) == Self.bits(old.udIm), "\(ctx): ud")
                #expect(Self.bits(kin.pRe) == Self.bits(old.pRe) && Self.bits(kin.pIm) == Self.bits(old.pIm), "\(ctx): pDyn")
                #expect(kin.uRe.contains { $0 != 0 }, "\(ctx): some velocity")
                let f = hydro.inertialExcitation(kin), fOld = hydro.inertialExcitationReference(kin)
                #expect(f.values.map { [$0.real.bitPattern, $0.imaginary.bitPattern] }
                        == fOld.values.map { [$0.real.bitPattern, $0.imaginary.bitPattern] }, "\(ctx): F_hydro_iner")
                // (all-potMod platforms, e.g. OC4semi-WAMIT_Coefs, have no strip inertial excitation)
                if hydro.nodes.contains(where: { !$0.potMod }) { #expect(f.values.contains { $0 != .zero }, "\(ctx): some excitation") }
            }
        }
        if path.contains("pointInertia") { #expect(sawMCF, "\(path): MacCamy–Fuchs nodes") }
    }
}
