import Foundation
import Testing
@testable import RAFT

/// Session 15's lumped-mass line shortcuts against the formulations they replace, bit for bit: the statics memo of
/// `updateLumpedMass` (`LumpedStaticsMemo`), the K reduction's entry reads from the blocks (`lumpedStiffness`), the
/// sweeps' motions without a zero-filled start (`LineSolver.solve(restZeroed:)`) and the array scans (`DoubleScan`).
@Suite("Lumped-mass statics memo, K entry reads, sweep writes and array scans: equal to the old formulations")
struct LumpedStaticsMemoTests {
    /// Doubles with both zeros, NaNs of two payloads, infinities, subnormals and ordinary values.
    static let specials: [Double] = [0, -0.0, .nan, Double(bitPattern: 0x7ff8_0000_0000_0001), .infinity, -.infinity,
                                     .leastNonzeroMagnitude, -.greatestFiniteMagnitude, 1, -2.5, 1e300]

    @Test("DoubleScan.sameBits = element-wise bitPattern equality; allFinite = allSatisfy(isFinite)")
    func scans() {
        var rng = SystemRandomNumberGenerator()
        for count in 0..<14 {
            for _ in 0..<40 {
                let a = (0..<count).map { _ in Self.specials.randomElement(using: &rng)! }
                var b = a
                if count > 0 && Bool.random(using: &rng) { b[Int.random(in: 0..<count, using: &rng)] = Self.specials.randomElement(using: &rng)! }
                let reference = a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
                #expect(DoubleScan.sameBits(a, b) == reference, "\(a) vs \(b)")
                #expect(DoubleScan.allFinite(a) == a.allSatisfy { $0.isFinite }, "\(a)")
            }
            // one non-finite value at each position of otherwise finite arrays (the SIMD body and the scalar tail)
            for position in 0..<count {
                for bad in [Double.nan, .infinity, -.infinity] {
                    var a = [Double](repeating: 1.5, count: count)
                    a[position] = bad
                    #expect(!DoubleScan.allFinite(a), "\(count) values, \(bad) at \(position)")
                }
            }
            #expect(DoubleScan.allFinite([Double](repeating: -0.0, count: count)))
        }
        #expect(!DoubleScan.sameBits([0], [-0.0]))
        #expect(!DoubleScan.sameBits([1, 2], [1]))
    }

    @Test("K reduction from the blocks = dense lump_matrix(K) for unsymmetric random blocks and every seabed case",
          .needsReference)
    func stiffnessEntries() throws {
        let model = try LumpedMassSolverTests.line()
        var lifted = model
        lifted.nodes = model.nodes.map { Vec3($0.x, $0.y, $0.z + 1) }
        var sunk = lifted
        for i in [0, 1, 2, 30] { sunk.nodes[i].z = -model.depth }
        var flipped = lifted
        flipped.nodes[flipped.count - 1].z = -model.depth
        var rng = SystemRandomNumberGenerator()
        for (line, what) in [(model, "seabed at end A"), (lifted, "both ends free"), (sunk, "seabed nodes inside"),
                             (flipped, "seabed at end B")] {
            var mats = line.blocks(omegas: [0], spectrum: [0], rDynamic: nil, stride: 3 * line.count)
            // unsymmetric blocks (K[i, j] ≠ K[j, i]) with a dominant diagonal: every entry of the symmetrisation counts
            for e in mats.k.indices {
                mats.k[e] = Double.random(in: -1...1, using: &rng) + (e % 9 % 4 == 0 ? 50 : 0)
                mats.kBelow[e] = Double.random(in: -1...1, using: &rng)
                mats.kAbove[e] = Double.random(in: -1...1, using: &rng)
            }
            let fast = try line.lumpedStiffness(mats)
            let reference = try line.lumped(mats.denseStiffness)
            #expect(fast.map(\.bitPattern) == reference.map(\.bitPattern), "\(what)")
            #expect(fast.contains { $0 != 0 }, "\(what)")
        }
    }

    @Test("a statics update served from LumpedStaticsMemo = a fresh update; a changed pose is computed again",
          .needsReference)
    func staticsMemo() throws {
        var ms = try LumpedMassTests.system()
        try ms.updateLumpedMass(line: 0)
        let memo = try #require(ms.lines[0].lumpedStaticsMemo)
        // the same pose again: the line's re-solve (from its converged warm start) gives the same model, so the second
        // update is served from the memo — and equals the update of a copy that kept nothing
        var plain = ms
        plain.lines[0].lumpedStaticsMemo = nil
        plain.lines[0].lumpedStiffnessMemo = nil
        var probe = plain
        let model = try probe.lumpedMassLine(0)
        #expect(memo.matching(model, omegas: [0], spectrum: [0]) != nil, "the re-solved model is the kept one")
        try ms.updateLumpedMass(line: 0)
        try plain.updateLumpedMass(line: 0)
        func same(_ a: LumpedEndMatrices?, _ b: LumpedEndMatrices?) throws -> Bool {
            let p = try #require(a), q = try #require(b)
            return [p.mass, p.addedMass, p.damping, p.stiffness].map { $0.map(\.bitPattern) }
                == [q.mass, q.addedMass, q.damping, q.stiffness].map { $0.map(\.bitPattern) }
        }
        #expect(try same(ms.lines[0].lumped, plain.lines[0].lumped))
        #expect(try same(ms.lines[0].lumped, memo.lumped))
        // other inputs miss
        #expect(memo.matching(model, omegas: [0.5], spectrum: [0]) == nil)
        #expect(memo.matching(model, omegas: [0], spectrum: [1]) == nil)
        var moved = model
        moved.nodes[3].x = moved.nodes[3].x.nextUp
        #expect(memo.matching(moved, omegas: [0], spectrum: [0]) == nil)
        var heavier = model
        heavier.nodeTensions[5] = heavier.nodeTensions[5].nextUp
        #expect(memo.matching(heavier, omegas: [0], spectrum: [0]) == nil)
        // a new pose: computed again, equal to a system that never kept anything
        var shifted = MoorPyLumpedMass.r6
        shifted[0] += 2
        try ms.setPose(shifted)
        var fresh = ms
        fresh.lines[0].lumpedStaticsMemo = nil
        fresh.lines[0].lumpedStiffnessMemo = nil
        try ms.updateLumpedMass(line: 0)
        try fresh.updateLumpedMass(line: 0)
        #expect(try same(ms.lines[0].lumped, fresh.lines[0].lumped))
        #expect(try !same(ms.lines[0].lumped, memo.lumped))
    }

    @Test("a sweep writes every interior motion; with restZeroed it leaves only the at-rest groups' +0 untouched",
          .needsReference)
    func sweepWrites() throws {
        let model = try LumpedMassSolverTests.line()
        let omegas = LumpedMassSolverTests.omegas, spectrum = LumpedMassSolverTests.spectrum
        let n = model.count, d3 = 3 * n, nw = omegas.count
        func resting(_ r: [[Complex]]) -> [[Complex]] {
            r.indices.map { $0 < 6 ? [Complex](repeating: Complex(0, 0), count: 3) : r[$0] }
        }
        let raoA = resting(LumpedMassSolverTests.rao(0.2)), raoB = resting(LumpedMassSolverTests.rao(1.0))
        let mats = model.blocks(omegas: omegas, spectrum: spectrum, rDynamic: nil, stride: d3)
        // the old start: zeros everywhere, the end motions written
        var zeroStart = [Complex](repeating: Complex(0, 0), count: nw * d3)
        for k in 0..<nw { for c in 0..<3 { zeroStart[k * d3 + c] = raoA[k][c]; zeroStart[k * d3 + d3 - 3 + c] = raoB[k][c] } }
        var reference = zeroStart
        var referenceSolver = LineSolver(count: n)
        try referenceSolver.solve(omegas: omegas, raoA: raoA, raoB: raoB, mats: mats, x: &reference)
        // a start of NaNs in the interior: every interior entry is written
        var poisoned = zeroStart
        for k in 0..<nw { for q in 3 ..< d3 - 3 { poisoned[k * d3 + q] = Complex(.nan, .nan) } }
        var solver = LineSolver(count: n)
        let zeroed = try solver.solve(omegas: omegas, raoA: raoA, raoB: raoB, mats: mats, x: &poisoned)
        #expect(zeroed)
        #expect(LumpedMassSolverTests.bits(poisoned) == LumpedMassSolverTests.bits(reference))
        // a second sweep told the at-rest groups hold +0: the same motions as a sweep that writes them
        var again = poisoned
        try solver.solve(omegas: omegas, raoA: raoA, raoB: raoB, mats: mats, x: &again, restZeroed: true)
        #expect(LumpedMassSolverTests.bits(again) == LumpedMassSolverTests.bits(reference))
        #expect(reference[2 * d3 + 4].real == 0 && reference[7 * d3 + 4] != Complex(0, 0))
    }
}
