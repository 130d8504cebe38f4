import Foundation
import Testing
@testable import RAFT

/// `LineSolver` skips products of known ±0 operands (the imaginary parts of the K coupling blocks; see "Skipped zero
/// products" on `LineSolver`). That may only change the sign of an exact-zero motion, which no output can see. Checked
/// on every line of the moorMod-2 design, at several poses, frequency sets and damping states, against the scalar
/// reference `solveInterior`: the motions are equal as numbers (IEEE `==`, +0 == −0; tolerance zero), and every
/// quantity the motions feed — the drag damping B, the node velocity RMS σ and the squared end tensions — is equal
/// bit for bit.
@Suite("Lumped-mass solver: skipped zero products keep every output bit")
struct LumpedSkippedZerosTests {
    static let poses: [[Double]] = [[0, 0, 0, 0, 0, 0], [12, -3, 0.4, 0.01, 0.05, -0.02], [-6, 8, -0.2, -0.03, 0.02, 0.08]]
    /// 40 frequencies from 0.05 (the RAFT-like grid) and 23 starting at 0.3 (the last lane group padded).
    static let grids: [[Double]] = [(0..<40).map { 0.05 + 0.05 * Double($0) }, (0..<23).map { 0.3 + 0.11 * Double($0) }]
    /// End motions of both kinds: a surge-heave-only end A (exact zeros in y) and a full 3-D end B.
    static func raos(_ omegas: [Double], _ scale: Double) -> (a: [[Complex]], b: [[Complex]]) {
        (omegas.map { w in [Complex(0.3 * scale / (1 + w * w), 0.1 * w), Complex(0, 0), Complex(0.2 * exp(-w), -0.05 * w)] },
         omegas.map { w in [Complex(scale / (1 + w * w), 0.1 * w), Complex(-0.02 * w, 0.03), Complex(0.3 * exp(-w), -0.05 * w)] })
    }

    @Test("LineSolver motions == scalar reference; B, σ and |T_end|² bit for bit", .needsReference)
    func skippedZerosKeepOutputs() throws {
        let design = try Design.load(path: Reference.url("reference/raft-regression/test_data/VolturnUS-S-moorMod2.yaml").path)
        var ms = try #require(try MooringSystem(design: design, fowtIndex: 0))
        var checked = 0
        for pose in Self.poses {
            try ms.setPose(pose)
            for l in ms.lines.indices {
                let model = try ms.lumpedMassLine(l)
                let n = model.count, d3 = 3 * n
                for omegas in Self.grids {
                    let nw = omegas.count
                    let spectrum = omegas.map { 2.0 * exp(-(($0 - 0.6) / 0.25) * (($0 - 0.6) / 0.25)) }
                  // end A moving, and at rest as an anchor (exact zeros: "End A at rest" on `LineSolver`)
                  for anchored in [false, true] {
                    let (movingA, raoB) = Self.raos(omegas, 1.0 + Double(l))
                    let raoA = anchored ? movingA.map { $0.map { _ in Complex(0, 0) } } : movingA
                    var mats = model.blocks(omegas: omegas, spectrum: spectrum, rDynamic: nil, stride: d3)
                    var solver = LineSolver(count: n)
                    for pass in 0..<3 {
                        var x = [Complex](repeating: Complex(0, 0), count: nw * d3), xr = x
                        for k in 0..<nw { for c in 0..<3 {
                            x[k * d3 + c] = raoA[k][c]; x[k * d3 + d3 - 3 + c] = raoB[k][c]
                        } }
                        xr = x
                        try solver.solve(omegas: omegas, raoA: raoA, raoB: raoB, mats: mats, x: &x, keep: pass == 0)
                        for k in 0..<nw {
                            let ref = try LumpedMassLine.solveInterior(mats, omega: omegas[k], n: n, raoA: raoA[k], raoB: raoB[k])
                            for q in ref.indices { xr[k * d3 + 3 + q] = ref[q] }
                        }
                        let what = "pose \(pose), line \(l), \(nw) frequencies, anchored \(anchored), pass \(pass)"
                        #expect(x == xr, "motions, \(what)")
                        var s = [Double](repeating: 0, count: d3), sr = s
                        LumpedMassLine.velocityRMS(x, omegas: omegas, spectrum: spectrum, dofs: d3, into: &s)
                        LumpedMassLine.velocityRMS(xr, omegas: omegas, spectrum: spectrum, dofs: d3, into: &sr)
                        #expect(s.map(\.bitPattern) == sr.map(\.bitPattern), "σ, \(what)")
                        // end tensions enter the outputs as |T|² (Tmoor std, PSD): |t·(x_end − x_next)|² per frequency
                        for (end, next) in [(0, 1), (n - 1, n - 2)] {
                            let t = model.nodes[end] - model.nodes[next]
                            for k in 0..<nw {
                                func dl(_ v: [Complex]) -> Complex {
                                    var s = Complex(0, 0)
                                    for c in 0..<3 { s = s + LumpedMassLine.scaled(v[k * d3 + 3 * end + c] - v[k * d3 + 3 * next + c], t[c]) }
                                    return s
                                }
                                #expect(dl(x).lengthSquared.bitPattern == dl(xr).lengthSquared.bitPattern, "|T|², end \(end), \(what)")
                            }
                        }
                        let b = model.blocks(omegas: omegas, spectrum: spectrum, rDynamic: x, stride: d3, selection: .dampingOnly).b
                        let br = model.blocks(omegas: omegas, spectrum: spectrum, rDynamic: xr, stride: d3, selection: .dampingOnly).b
                        #expect(b.map(\.bitPattern) == br.map(\.bitPattern), "B, \(what)")
                        mats.b = b
                        checked += 1
                    }
                  }
                }
            }
        }
        #expect(checked == Self.poses.count * ms.lines.count * Self.grids.count * 2 * 3)
    }
}
