import Foundation
import Testing
@testable import RAFT

/// `linearizeDrag` works on 4 frequencies per SIMD lane group (issue 17); these tests hold it to the bits of the
/// scalar loop it replaced, kept as `linearizeDragReference`: `B_hydro_drag`, every node's `Bmat` and `F_hydro_drag`
/// must be bit-identical (tolerance 0) for the repository's designs, at rest and moving, with frequency counts
/// that leave 0 to 3 frequencies to the scalar tail.
@Suite("Members: drag linearisation, lanes against the scalar loop")
struct DragLinearizationIdentityTests {
    static let designs = ["OC3spar", "VolturnUS-S", "OC4semi"]

    /// The design's strip model on `nw` frequencies from 0.05 rad/s (the grid's spacing does not matter here).
    static func setup(_ name: String, nw: Int) throws -> (StripHydrodynamics, WaveKinematics) {
        let path = Reference.repoRoot.appendingPathComponent("designs/\(name).yaml").path
        let design = try Design.load(path: path, readingHydroFiles: false)
        let fm = try FOWTMembers(design: design, fowt: 0)
        let omega = (0..<nw).map { 0.05 + 0.045 * Double($0) }
        let k = omega.map { waveNumber(omega: $0, depth: design.site.waterDepth) }
        // A pose off the reference, as in a case: the nodes at the mean pose, kinematics there.
        let ref = StripHydrodynamics(members: fm.members, rho: design.site.rhoWater, omega: omega, waveNumbers: k)
        let t = Vec3(3.1, -0.4, -0.2)
        let hydro = ref.moved(to: fm.placed(translation: t, rotation: Vec3(0.01, 0.05, -0.02)), reference: t)
        let zeta = omega.map { 1.3 * exp(-($0 - 0.6) * ($0 - 0.6) * 8) + 0.01 }
        return (hydro, hydro.waveKinematics(amplitude: zeta, heading: 0.4, depth: design.site.waterDepth))
    }

    /// A response with every DOF and frequency non-zero, reproducible.
    static func response(nw: Int, seed: UInt64) -> ComplexSeries6 {
        var rng = seed
        func next() -> Double {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            return Double(rng >> 11) / Double(1 << 53) - 0.5
        }
        var xi = ComplexSeries6(frequencyCount: nw)
        for i in xi.values.indices { xi.values[i] = Complex(2 * next(), 2 * next()).multiplied(by: i % 6 < 3 ? 1 : 0.05) }
        return xi
    }

    @Test("Bmat, B_hydro_drag and F_hydro_drag are bit-identical to the scalar loop", arguments: designs)
    func identical(name: String) throws {
        for nw in [80, 81, 82, 83, 3] {
            let (hydro, kin) = try Self.setup(name, nw: nw)
            #expect(hydro.nodes.count > 10, "\(name): submerged strip nodes")
            for response in [nil, Self.response(nw: nw, seed: 7), Self.response(nw: nw, seed: 99)] {
                var lin = DragLinearization(nodeCount: 0, frequencyCount: 0)
                hydro.linearizeDrag(kin, response: response, into: &lin)
                let old = hydro.linearizeDragReference(kin, response: response)
                let ctx = "\(name), nw \(nw), \(response == nil ? "at rest" : "moving")"
                #expect(lin.damping.storage.map(\.bitPattern) == old.damping.storage.map(\.bitPattern), "\(ctx): B_hydro_drag")
                func bits(_ b: [Matrix3]) -> [UInt64] { b.flatMap { [$0.rows.0, $0.rows.1, $0.rows.2] }.flatMap { [$0.x, $0.y, $0.z] }.map(\.bitPattern) }
                #expect(bits(lin.nodeDamping) == bits(old.nodeDamping), "\(ctx): Bmat")
                #expect(lin.excitation.values.map { [$0.real.bitPattern, $0.imaginary.bitPattern] }
                        == old.excitation.values.map { [$0.real.bitPattern, $0.imaginary.bitPattern] }, "\(ctx): F_hydro_drag")
                #expect(lin.damping.storage.contains { $0 != 0 }, "\(ctx): some drag damping")
            }
        }
    }
}
