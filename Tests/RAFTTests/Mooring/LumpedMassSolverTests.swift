import Foundation
import Testing
@testable import RAFT

/// The fast lumped-mass kernels against their reference formulations, bit for bit (outputs must not change):
/// the frequency-parallel block Thomas solver vs the scalar `solveInterior`, and the block-diagonal Guyan shortcut
/// vs the dense `lumped`.
@Suite("Lumped-mass line kernels: fast routes equal the reference routes bit for bit")
struct LumpedMassSolverTests {
    /// Line 1 of the moorMod-2 test system (51 nodes, part of it on the seabed) at the MoorPy test pose.
    static func line() throws -> LumpedMassLine {
        var ms = try LumpedMassTests.system()
        return try ms.lumpedMassLine(0)
    }

    static let omegas = (0..<42).map { 0.02 + 0.05 * Double($0) }  // 42: the last lane group is padded (4 lanes)
    static let spectrum = omegas.map { 3.0 * exp(-(($0 - 0.5) / 0.2) * (($0 - 0.5) / 0.2)) }
    static func rao(_ scale: Double) -> [[Complex]] {
        omegas.map { w in [Complex(scale / (1 + w * w), 0.1 * w), Complex(-0.02 * w, 0.03), Complex(0.3 * exp(-w), -0.05 * w)] }
    }

    static func bits(_ z: [Complex]) -> [UInt64] { z.flatMap { [$0.real.bitPattern, $0.imaginary.bitPattern] } }

    @Test("LineSolver = scalar solveInterior at every frequency (unit and iterated damping)", .needsReference)
    func solverMatchesScalar() throws {
        let model = try Self.line()
        let n = model.count, d3 = 3 * n, nw = Self.omegas.count
        let raoA = Self.rao(0.2), raoB = Self.rao(1.0)
        var mats = model.blocks(omegas: Self.omegas, spectrum: Self.spectrum, rDynamic: nil, stride: d3)
        for pass in 0..<2 {
            var x = [Complex](repeating: Complex(0, 0), count: nw * d3)
            var solver = LineSolver(count: n)
            try solver.solve(omegas: Self.omegas, raoA: raoA, raoB: raoB, mats: mats, x: &x)
            for k in 0..<nw {
                let ref = try LumpedMassLine.solveInterior(mats, omega: Self.omegas[k], n: n, raoA: raoA[k], raoB: raoB[k])
                let mine = Array(x[k * d3 + 3 ..< k * d3 + 3 + ref.count])
                #expect(Self.bits(mine) == Self.bits(ref), "pass \(pass), frequency \(k)")
            }
            // second pass: drag damping from these motions (as the iteration does)
            for k in 0..<nw { for c in 0..<3 { x[k * d3 + c] = raoA[k][c]; x[k * d3 + d3 - 3 + c] = raoB[k][c] } }
            mats.b = model.blocks(omegas: Self.omegas, spectrum: Self.spectrum, rDynamic: x, stride: d3, selection: .dampingOnly).b
            #expect(mats.b.contains { $0 != 0 })
        }
    }

    @Test("lane groups whose end motions are all zero (both ends at rest) get +0 motions, equal to the scalar route's",
          .needsReference)
    func restingGroupsMatchScalar() throws {
        let model = try Self.line()
        let n = model.count, d3 = 3 * n, nw = Self.omegas.count
        // the first six frequencies without end motion: lane group 0 at rest, group 1 (frequencies 4–7) only in part
        func resting(_ r: [[Complex]]) -> [[Complex]] {
            r.indices.map { $0 < 6 ? [Complex](repeating: Complex(0, 0), count: 3) : r[$0] }
        }
        let raoA = resting(Self.rao(0.2)), raoB = resting(Self.rao(1.0))
        #expect(LineSolver.atRest(raoA, raoB, 0..<4))
        #expect(!LineSolver.atRest(raoA, raoB, 4..<8))
        var mats = model.blocks(omegas: Self.omegas, spectrum: Self.spectrum, rDynamic: nil, stride: d3)
        for pass in 0..<2 {
            // stale interior values: a resting group's must be overwritten with +0
            var x = [Complex](repeating: Complex(7, -7), count: nw * d3)
            for k in 0..<nw { for c in 0..<3 { x[k * d3 + c] = raoA[k][c]; x[k * d3 + d3 - 3 + c] = raoB[k][c] } }
            var solver = LineSolver(count: n)
            try solver.solve(omegas: Self.omegas, raoA: raoA, raoB: raoB, mats: mats, x: &x)
            for k in 0..<nw {
                let ref = try LumpedMassLine.solveInterior(mats, omega: Self.omegas[k], n: n, raoA: raoA[k], raoB: raoB[k])
                let mine = Array(x[k * d3 + 3 ..< k * d3 + 3 + ref.count])
                if k < 4 {
                    #expect(mine == ref, "pass \(pass), frequency \(k): equal as numbers")
                    #expect(Self.bits(mine).allSatisfy { $0 == 0 }, "pass \(pass), frequency \(k): +0")
                } else {
                    #expect(Self.bits(mine) == Self.bits(ref), "pass \(pass), frequency \(k)")
                }
            }
            mats.b = model.blocks(omegas: Self.omegas, spectrum: Self.spectrum, rDynamic: x, stride: d3, selection: .dampingOnly).b
            #expect(mats.b.contains { $0 != 0 })
        }
    }

    @Test("LineSolver sweeps all frequencies without a heap allocation (workspace reused)", .needsReference,
          .enabled(if: AllocationTests.counterWorks, "malloc interposition not available on this platform"))
    func solverAllocationFree() throws {
        let model = try Self.line()
        let n = model.count, d3 = 3 * n, nw = Self.omegas.count
        let raoA = Self.rao(0.2), raoB = Self.rao(1.0)
        let mats = model.blocks(omegas: Self.omegas, spectrum: Self.spectrum, rDynamic: nil, stride: d3)
        var x = [Complex](repeating: Complex(0, 0), count: nw * d3)
        var solver = LineSolver(count: n)
        try solver.solve(omegas: Self.omegas, raoA: raoA, raoB: raoB, mats: mats, x: &x)   // warm-up (M + A summed)
        let count = try AllocationTests.allocations {
            try solver.solve(omegas: Self.omegas, raoA: raoA, raoB: raoB, mats: mats, x: &x)
        }
        #expect(count == 0, "\(count) heap allocations in one \(nw)-frequency sweep")
    }

    @Test("block-diagonal Guyan shortcut = dense lump_matrix for M, A, B (seabed nodes removed)", .needsReference)
    func lumpedShortcut() throws {
        let model = try Self.line()
        #expect(model.nodes[0].z <= -model.depth + 1e-6, "end A lies on the seabed")
        let mats = model.blocks(omegas: Self.omegas, spectrum: Self.spectrum, rDynamic: nil, stride: 3 * model.count)
        let dense = mats.dense
        for (diagonal, full, what) in [(mats.m, dense.m, "M"), (mats.a, dense.a, "A"), (mats.b, dense.b, "B")] {
            let fast = try #require(model.lumpedBlockDiagonal(diagonal))
            let ref = try model.lumped(full)
            #expect(fast.map(\.bitPattern) == ref.map(\.bitPattern), "\(what)")
        }
        // a line with both ends off the seabed (node 0 lifted): the two end blocks are kept
        var lifted = model
        lifted.nodes = model.nodes.map { Vec3($0.x, $0.y, $0.z + 1) }
        let liftedMats = lifted.blocks(omegas: Self.omegas, spectrum: Self.spectrum, rDynamic: nil, stride: 3 * model.count)
        let fast = try #require(lifted.lumpedBlockDiagonal(liftedMats.a))
        #expect(fast.map(\.bitPattern) == (try lifted.lumped(liftedMats.dense.a)).map(\.bitPattern))
        #expect(fast[0] != 0 && fast[21] != 0)
    }

    @Test("velocityRMS (four DOFs per SIMD lane group) = the scalar trapezoid for every DOF, bit for bit", .needsReference)
    func velocityRMSMatchesScalar() throws {
        let model = try Self.line()
        let n = model.count, d3 = 3 * n, nw = Self.omegas.count
        #expect(d3 % 4 != 0, "the scalar tail is exercised")
        var x = [Complex](repeating: Complex(0, 0), count: nw * d3)
        var solver = LineSolver(count: n)
        let raoA = Self.rao(0.2), raoB = Self.rao(1.0)
        for k in 0..<nw { for c in 0..<3 { x[k * d3 + c] = raoA[k][c]; x[k * d3 + d3 - 3 + c] = raoB[k][c] } }
        let mats = model.blocks(omegas: Self.omegas, spectrum: Self.spectrum, rDynamic: nil, stride: d3)
        try solver.solve(omegas: Self.omegas, raoA: raoA, raoB: raoB, mats: mats, x: &x)
        var sigma = [Double](repeating: -1, count: d3)
        LumpedMassLine.velocityRMS(x, omegas: Self.omegas, spectrum: Self.spectrum, dofs: d3, into: &sigma)
        for dof in 0..<d3 {
            let ref = LumpedMassLine.velocityRMSReference(x, omegas: Self.omegas, spectrum: Self.spectrum, dofs: d3, dof: dof)
            #expect(sigma[dof].bitPattern == ref.bitPattern, "DOF \(dof): \(sigma[dof]) vs \(ref)")
        }
        #expect(sigma.contains { $0 > 0 })
    }

    @Test("memoised K reduction = a fresh lump_matrix(K); a changed K or seabed is reduced again", .needsReference)
    func stiffnessMemo() throws {
        var ms = try LumpedMassTests.system()
        let zero = [[Complex]](repeating: [Complex(0, 0), Complex(0, 0), Complex(0, 0)], count: Self.omegas.count)
        try ms.updateLumpedMass(line: 0, omegas: Self.omegas, spectrum: Self.spectrum, raoA: zero, raoB: Self.rao(1.0))
        let memo = try #require(ms.lines[0].lumpedStiffnessMemo)
        // the second update finds the same line and K: served from the memo, equal to a fresh reduction
        try ms.updateLumpedMass(line: 0, omegas: Self.omegas, spectrum: Self.spectrum, raoA: zero, raoB: Self.rao(0.5))
        let model = try ms.lumpedMassLine(0)
        let mats = model.blocks(omegas: Self.omegas, spectrum: Self.spectrum, rDynamic: nil, stride: 3 * model.count)
        let fresh = try model.lumped(mats.denseStiffness)
        let kept = try #require(ms.lines[0].lumped).stiffness
        #expect(kept.map(\.bitPattern) == fresh.map(\.bitPattern))
        let heights = model.nodes.map(\.z)
        #expect(memo.reduced(mats, heights: heights, depth: model.depth)?.map(\.bitPattern) == fresh.map(\.bitPattern))
        // any changed input bit misses
        var changed = mats
        changed.kAbove[9] = changed.kAbove[9].nextUp
        #expect(memo.reduced(changed, heights: heights, depth: model.depth) == nil)
        var lowered = heights
        lowered[1] = lowered[1].nextDown
        #expect(memo.reduced(mats, heights: lowered, depth: model.depth) == nil)
        #expect(memo.reduced(mats, heights: heights, depth: model.depth + 1) == nil)
        // and the reduction it then makes is the fresh one for the new K
        let r = try ms.reducedStiffness(line: 0, model: model, changed)
        #expect(r.map(\.bitPattern) == (try model.lumped(changed.denseStiffness)).map(\.bitPattern))
    }

    @Test("K reduction from the blocks (lumpedStiffness) = dense lump_matrix(K), bit for bit", .needsReference)
    func stiffnessFromBlocks() throws {
        let model = try Self.line()
        #expect(model.nodes[0].z <= -model.depth + 1e-6, "end A lies on the seabed")
        var cases: [(LumpedMassLine, String)] = [(model, "seabed at end A")]
        var lifted = model
        lifted.nodes = model.nodes.map { Vec3($0.x, $0.y, $0.z + 1) }
        cases.append((lifted, "both ends free"))
        var sunk = model  // nodes 0...2 and 30 on the seabed: a removed node inside the line
        for i in [0, 1, 2, 30] { sunk.nodes[i].z = -model.depth }
        cases.append((sunk, "seabed nodes inside"))
        var flipped = lifted  // end B on the seabed
        flipped.nodes[flipped.count - 1].z = -model.depth
        cases.append((flipped, "seabed at end B"))
        for (line, what) in cases {
            let mats = line.blocks(omegas: [0], spectrum: [0], rDynamic: nil, stride: 3 * line.count)
            let fast = try line.lumpedStiffness(mats)
            let ref = try line.lumped(mats.denseStiffness)
            #expect(fast.map(\.bitPattern) == ref.map(\.bitPattern), "\(what)")
            #expect(fast.contains { $0 != 0 }, "\(what)")
        }
    }

    @Test("the dense K is +0 (bit pattern 0) off the block tridiagonal: the banded K_uu fill reads what the dense one would",
          .needsReference)
    func denseStiffnessZeroOffBand() throws {
        let model = try Self.line()
        let mats = model.blocks(omegas: [0], spectrum: [0], rDynamic: nil, stride: 3 * model.count)
        let d3 = 3 * model.count, k = mats.denseStiffness
        var offBand = 0, nonZeroInBand = 0
        for r in 0..<d3 {
            for c in 0..<d3 {
                if abs(r / 3 - c / 3) > 1 {
                    offBand += 1
                    #expect(k[r * d3 + c].bitPattern == 0, "K[\(r), \(c)]")
                } else if k[r * d3 + c] != 0 {
                    nonZeroInBand += 1
                }
            }
        }
        #expect(offBand == d3 * d3 - (9 * model.count + 2 * 9 * (model.count - 1)))
        #expect(nonZeroInBand > 0)
    }

    @Test("Guyan reduction with a banded K_uu read = the full read, for a block-tridiagonal matrix and its band")
    func bandedReductionMatchesFull() throws {
        // symmetric, diagonally dominant block-tridiagonal matrices of 3 to 21 nodes with pseudo-random entries
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        for nodes in [3, 4, 8, 21] {
            let nk = 3 * nodes
            var m = [Double](repeating: 0, count: nk * nk)
            for r in 0..<nk {
                for c in r..<nk where c / 3 - r / 3 <= 1 {
                    let v = r == c ? 10 + next() : next()
                    m[r * nk + c] = v; m[c * nk + r] = v
                }
            }
            for (first, last) in [(false, false), (true, false), (false, true)] {
                let full = try LumpedMassLine.lumpOnto(count: nk, firstRemoved: first, lastRemoved: last) { m[$0 * nk + $1] }
                let banded = try LumpedMassLine.lumpOnto(count: nk, firstRemoved: first, lastRemoved: last, band: 5) { m[$0 * nk + $1] }
                #expect(full.map(\.bitPattern) == banded.map(\.bitPattern), "\(nodes) nodes, removed first \(first), last \(last)")
                #expect(full.contains { $0 != 0 })
            }
        }
    }

    @Test("pivot test through |z|² (LineSolver.greater) = the reference's comparison of √|z|², near ties included")
    func pivotTestMatchesSquareRoots() {
        typealias Lanes = LineSolver.Lanes
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        var q0 = Lanes(repeating: 0), q1 = q0
        var checked = 0, nearTies = 0, undecidedGroups = 0
        for round in 0..<20_000 {
            for j in 0..<Lanes.scalarCount {
                // a normal |z|² over many binades, and a neighbour a few ulps away (or far, or a zero) in either direction
                let a = Double(sign: .plus, exponent: Int(next() % 400) - 200, significand: 1 + Double(next() % (1 << 52)) / 0x1p52)
                var b = a
                switch next() % (round % 2 == 0 ? 8 : 3) {  // odd rounds: no near ties (the fast decision)
                case 0: b = 0
                case 1: b = a * (0.5 + Double(next() % 1000) / 1000)
                case 2: b = a * (1 + Double(next() % 1000) / 1000)
                default: for _ in 0 ..< Int(next() % 9) { b = next() % 2 == 0 ? b.nextUp : b.nextDown }
                }
                if round % 97 == 0 && j == 0 { b = a }
                if next() % 2 == 0 { (q0[j], q1[j]) = (a, b) } else { (q0[j], q1[j]) = (b, a) }
            }
            let fast = LineSolver.greater(q1, q0)
            let above = q1 .> q0, sure = q1 .> q0 * Lanes(repeating: 1 + 0x1p-40)
            if any(above .& .!sure) { undecidedGroups += 1 }
            for j in 0..<Lanes.scalarCount {
                let ref = q1[j].squareRoot() > q0[j].squareRoot()
                #expect(fast[j] == ref, "q1 \(q1[j]), q0 \(q0[j])")
                if q1[j] > q0[j] && q1[j].squareRoot() == q0[j].squareRoot() { nearTies += 1 }
                checked += 1
            }
        }
        #expect(checked == 20_000 * Lanes.scalarCount)
        #expect(nearTies > 100, "the set has pairs whose square roots tie although |z|² differ")
        #expect(undecidedGroups > 0 && undecidedGroups <= 10_000)
    }

    @Test("kept first-sweep factors: a solver copy reusing them = a fresh sweep, bit for bit", .needsReference)
    func keptFactorsMatchFresh() throws {
        let model = try Self.line()
        let n = model.count, d3 = 3 * n, nw = Self.omegas.count
        let mats = model.blocks(omegas: Self.omegas, spectrum: Self.spectrum, rDynamic: nil, stride: d3)
        var first = LineSolver(count: n)
        var x0 = [Complex](repeating: Complex(0, 0), count: nw * d3)
        try first.solve(omegas: Self.omegas, raoA: Self.rao(0.2), raoB: Self.rao(1.0), mats: mats, x: &x0, keep: true)
        #expect(first.kept?.factored.allSatisfy { $0 } == true, "every group on the fast path")
        // other end motions: the kept factors (copied solver) against a solver that factors afresh
        let raoA = Self.rao(0.7), raoB = Self.rao(-0.3)
        var reused = first, fresh = LineSolver(count: n)
        var x1 = x0, x2 = x0
        try reused.solve(omegas: Self.omegas, raoA: raoA, raoB: raoB, mats: mats, x: &x1, keep: true)
        try fresh.solve(omegas: Self.omegas, raoA: raoA, raoB: raoB, mats: mats, x: &x2)
        #expect(Self.bits(x1) == Self.bits(x2))
        #expect(Self.bits(x1) != Self.bits(x0))
        for k in [0, 17, nw - 1] {
            let ref = try LumpedMassLine.solveInterior(mats, omega: Self.omegas[k], n: n, raoA: raoA[k], raoB: raoB[k])
            #expect(Self.bits(Array(x1[k * d3 + 3 ..< k * d3 + 3 + ref.count])) == Self.bits(ref), "frequency \(k)")
        }
    }

    @Test("dynamicTension with a memo (kept matrices and factors, repeated whole calls) = without, bit for bit", .needsReference)
    func memoMatchesFresh() throws {
        let model = try Self.line()
        var memo: LumpedDynamicsMemo?
        func check(_ a: [[Complex]], _ b: [[Complex]], _ what: String) throws {
            let kept = try model.dynamicTension(omegas: Self.omegas, spectrum: Self.spectrum, raoA: a, raoB: b, memo: &memo,
                                                repeatable: true, refresh: { nil })
            let fresh = try model.dynamicTension(omegas: Self.omegas, spectrum: Self.spectrum, raoA: a, raoB: b)
            #expect(kept.tensionAmplitudes.map(Self.bits) == fresh.tensionAmplitudes.map(Self.bits), "\(what): tensions")
            #expect(kept.motions.map(Self.bits) == fresh.motions.map(Self.bits), "\(what): motions")
            #expect(kept.blocks == fresh.blocks && kept.iterations == fresh.iterations, "\(what): matrices")
        }
        try check(Self.rao(0.2), Self.rao(1.0), "first call")
        #expect(memo != nil)
        try check(Self.rao(0.5), Self.rao(0.8), "kept factors")
        try check(Self.rao(0.5), Self.rao(0.8), "repeated call")
        // another spectrum or model misses
        #expect(memo!.matches(model, .init(omegas: Self.omegas, spectrum: Self.spectrum.map { $0 * 2 }, kbot: 0, cbot: 0,
                                           seabedTolerance: 1e-4, tolerance: 0.01, maxIterations: 100, relaxation: 0.8)) == false)
        var moved = model
        moved.nodes[3].x = moved.nodes[3].x.nextUp
        #expect(memo!.matches(moved, .init(omegas: Self.omegas, spectrum: Self.spectrum, kbot: 0, cbot: 0,
                                           seabedTolerance: 1e-4, tolerance: 0.01, maxIterations: 100, relaxation: 0.8)) == false)
        #expect(memo!.matches(model, .init(omegas: Self.omegas, spectrum: Self.spectrum, kbot: 0, cbot: 0,
                                           seabedTolerance: 1e-4, tolerance: 0.01, maxIterations: 100, relaxation: 0.8)))
    }

    @Test("drag-loop updates stop after the first damping update: the same lumped B as the whole iteration, bit for bit",
          .needsReference)
    func endBlocksOnlyMatchWholeIteration() throws {
        var ms = try LumpedMassTests.system()
        let zero = [[Complex]](repeating: [Complex(0, 0), Complex(0, 0), Complex(0, 0)], count: Self.omegas.count)
        for (a, b) in [(zero, Self.rao(1.0)), (Self.rao(0.3), Self.rao(-0.6)), (zero, Self.rao(0.05))] {
            try ms.updateLumpedMass(line: 0, omegas: Self.omegas, spectrum: Self.spectrum, raoA: a, raoB: b)
            let model = try ms.lumpedMassLine(0)
            let n = model.count
            // the whole iteration (a call that wants the motions too)
            let whole = try model.dynamicTension(omegas: Self.omegas, spectrum: Self.spectrum, raoA: a, raoB: b)
            #expect(whole.iterations >= 2, "the whole iteration runs several sweeps")
            let lumped = try #require(ms.lines[0].lumped)
            let reference = try #require(model.lumpedBlockDiagonal(whole.blocks.b))
            #expect(lumped.damping.map(\.bitPattern) == reference.map(\.bitPattern))
            #expect(lumped.damping.map(\.bitPattern) == (try model.lumped(whole.matrices.b)).map(\.bitPattern), "dense route")
            // the drag loop's call: one sweep, one update; its end-node blocks are the whole iteration's
            var memo: LumpedDynamicsMemo?
            let short = try model.dynamicTension(omegas: Self.omegas, spectrum: Self.spectrum, raoA: a, raoB: b, memo: &memo,
                                                 repeatable: true, matricesOnly: true, refresh: { nil })
            #expect(short.iterations == 0)
            for node in [0, n - 1] {
                let range = 9 * node ..< 9 * node + 9
                #expect(short.blocks.b[range].map(\.bitPattern) == whole.blocks.b[range].map(\.bitPattern), "node \(node)")
            }
            #expect(short.blocks.b != whole.blocks.b, "the interior blocks are those of the first update")
            #expect(short.blocks.m == whole.blocks.m && short.blocks.k == whole.blocks.k)
            // not repeatable (a refresh may change the line): the whole iteration
            var other: LumpedDynamicsMemo?
            let full = try model.dynamicTension(omegas: Self.omegas, spectrum: Self.spectrum, raoA: a, raoB: b, memo: &other,
                                                repeatable: false, matricesOnly: true, refresh: { nil })
            #expect(full.iterations == whole.iterations && full.blocks == whole.blocks)
        }
    }

    /// Motions with a dead start, as a real spectrum gives them: the first 5 frequencies with zero motions (zero
    /// end RAOs), the first 2 of them with S = 0 too, then frequency 5 with S = 0 and finite non-zero motions (also
    /// dead): the first live frequency is 6.
    static func deadStart() throws -> (model: LumpedMassLine, x: [Complex], spectrum: [Double]) {
        let model = try Self.line()
        let n = model.count, d3 = 3 * n, nw = Self.omegas.count
        var spectrum = Self.spectrum
        spectrum[0] = 0; spectrum[1] = 0; spectrum[5] = 0
        var raoA = Self.rao(0.2), raoB = Self.rao(1.0)
        for k in 0..<5 { raoA[k] = [Complex](repeating: Complex(0, 0), count: 3); raoB[k] = raoA[k] }
        var x = [Complex](repeating: Complex(0, 0), count: nw * d3)
        for k in 0..<nw { for c in 0..<3 { x[k * d3 + c] = raoA[k][c]; x[k * d3 + d3 - 3 + c] = raoB[k][c] } }
        let mats = model.blocks(omegas: Self.omegas, spectrum: spectrum, rDynamic: nil, stride: d3)
        var solver = LineSolver(count: n)
        try solver.solve(omegas: Self.omegas, raoA: raoA, raoB: raoB, mats: mats, x: &x)
        return (model, x, spectrum)
    }

    @Test("firstLiveFrequency: S = 0 with finite motions or zero motions are dead; NaN motions or a NaN S are not",
          .needsReference)
    func firstLive() throws {
        let (model, x, spectrum) = try Self.deadStart()
        let d3 = 3 * model.count
        #expect(x[0 ..< 5 * d3].allSatisfy { $0.real == 0 && $0.imaginary == 0 }, "zero drive gives zero motions")
        #expect(x[5 * d3 ..< 6 * d3].contains { $0.real != 0 }, "frequency 5 moves")
        #expect(LumpedMassLine.firstLiveFrequency(x, spectrum: spectrum, dofs: d3) == 6)
        var s = spectrum
        s[5] = 0
        var y = x
        y[5 * d3 + 7] = Complex(.nan, 0)
        #expect(LumpedMassLine.firstLiveFrequency(y, spectrum: s, dofs: d3) == 5, "S = 0 with a NaN motion is live")
        s[3] = .nan
        #expect(LumpedMassLine.firstLiveFrequency(x, spectrum: s, dofs: d3) == 3, "a NaN S is live")
        let zeros = [Complex](repeating: Complex(0, 0), count: x.count)
        #expect(LumpedMassLine.firstLiveFrequency(zeros, spectrum: spectrum, dofs: d3) == Self.omegas.count)
    }

    @Test("velocity RMS and drag damping started at the first live frequency = from the first frequency, bit for bit",
          .needsReference)
    func liveStartMatches() throws {
        let (model, x, spectrum) = try Self.deadStart()
        let d3 = 3 * model.count
        let live = LumpedMassLine.firstLiveFrequency(x, spectrum: spectrum, dofs: d3)
        #expect(live == 6)
        for start in [live, 5, 1, 0] {
            var sigma = [Double](repeating: -1, count: d3), rows = [Double](repeating: 0, count: 2 * d3)
            LumpedMassLine.velocityRMS(x, omegas: Self.omegas, spectrum: spectrum, dofs: d3, into: &sigma, rows: &rows,
                                       live: start)
            for dof in 0..<d3 {
                let ref = LumpedMassLine.velocityRMSReference(x, omegas: Self.omegas, spectrum: spectrum, dofs: d3, dof: dof)
                #expect(sigma[dof].bitPattern == ref.bitPattern, "live \(start), DOF \(dof)")
            }
            let b = model.blocks(omegas: Self.omegas, spectrum: spectrum, rDynamic: x, stride: d3, selection: .dampingOnly,
                                 live: start).b
            let ref = model.blocks(omegas: Self.omegas, spectrum: spectrum, rDynamic: x, stride: d3, selection: .dampingOnly).b
            #expect(b.map(\.bitPattern) == ref.map(\.bitPattern), "live \(start)")
            #expect(b.contains { $0 != 0 })
        }
        // every frequency dead: σ = 0 and the damping of zero motions
        let zeros = [Complex](repeating: Complex(0, 0), count: x.count)
        var sigma = [Double](repeating: -1, count: d3), rows = [Double](repeating: 0, count: 2 * d3)
        LumpedMassLine.velocityRMS(zeros, omegas: Self.omegas, spectrum: spectrum, dofs: d3, into: &sigma, rows: &rows,
                                   live: Self.omegas.count)
        #expect(sigma.allSatisfy { $0.bitPattern == 0 })
        let b = model.blocks(omegas: Self.omegas, spectrum: spectrum, rDynamic: zeros, stride: d3, selection: .dampingOnly,
                             live: Self.omegas.count).b
        let ref = model.blocks(omegas: Self.omegas, spectrum: spectrum, rDynamic: zeros, stride: d3, selection: .dampingOnly).b
        #expect(b.map(\.bitPattern) == ref.map(\.bitPattern))
    }

    @Test("drag damping from motions read through their layout: a line's own rows = its slice of wider rows, bit for bit",
          .needsReference)
    func dampingReadsItsSlice() throws {
        // `blocks` reads each lane group's motions through a pointer (stride 6 per node, a partial last group: 51 nodes
        // = 6 groups of 8 and 3): the same motions placed at node offset 2 of rows 3·(N + 5) wide, with NaN everywhere
        // else, must give the same B — a read outside the line's slice would turn it into NaN.
        let (model, x, spectrum) = try Self.deadStart()
        let n = model.count, d3 = 3 * n, nw = Self.omegas.count
        #expect(n % 8 != 0)
        let wide = 3 * (n + 5), offset = 2
        var rows = [Complex](repeating: Complex(.nan, .nan), count: nw * wide)
        for k in 0..<nw { for q in 0..<d3 { rows[k * wide + 3 * offset + q] = x[k * d3 + q] } }
        let live = LumpedMassLine.firstLiveFrequency(x, spectrum: spectrum, dofs: d3)
        for start in [0, live] {
            let own = model.blocks(omegas: Self.omegas, spectrum: spectrum, rDynamic: x, stride: d3, selection: .dampingOnly,
                                   live: start).b
            let slice = model.blocks(omegas: Self.omegas, spectrum: spectrum, rDynamic: rows, stride: wide, nodeOffset: offset,
                                     selection: .dampingOnly, live: start).b
            #expect(own.map(\.bitPattern) == slice.map(\.bitPattern), "live \(start)")
            #expect(own.allSatisfy(\.isFinite) && own.contains { $0 != 0 })
        }
    }

    @Test("lines solved side by side (raftDynamicMatrices, lumpedTensionAmplitudes) = one after the other, bit for bit",
          .needsReference)
    func concurrentLinesMatchSequential() throws {
        let base = try LumpedMassTests.system()
        #expect(base.lines.count > 1)
        let omegas = LumpedMassTests.omegas, nw = omegas.count
        let xi: [[[Complex]]] = [(0..<6).map { d in
            omegas.map { w in Complex(0.5 / (1 + w * w + Double(d)), 0.02 * w * Double(d + 1)) }
        }]
        let references = [Vec3(0, 0, 0)]
        // one after the other: what raftDynamicMatrices did before the lines ran side by side
        var sequential = base
        for l in sequential.lines.indices {
            let (a, b) = sequential.lineEndRAOs(l, omegas: omegas, spectrum: LumpedMassTests.spectrum, xi: xi,
                                                bodyReference: references)
            try sequential.updateLumpedMass(line: l, omegas: omegas, spectrum: LumpedMassTests.spectrum, raoA: a, raoB: b)
        }
        let expected = try sequential.coupledDynamicMatricesAll()
        var concurrent = base
        let mats = try concurrent.raftDynamicMatrices(omegas: omegas, spectrum: LumpedMassTests.spectrum, xi: xi,
                                                      bodyReferences: references)
        #expect(mats.map { $0.map(\.bitPattern) } == expected.map { $0.map(\.bitPattern) })
        #expect(mats[2].contains { $0 != 0 }, "drag damping present")
        for l in base.lines.indices {
            let p = try #require(concurrent.lines[l].lumped), q = try #require(sequential.lines[l].lumped)
            #expect(p.damping.map(\.bitPattern) == q.damping.map(\.bitPattern), "line \(l)")
        }
        // tension amplitudes: each line's end tensions as a lone dynamicTension call gives them
        var tensions = base
        let amps = try tensions.lumpedTensionAmplitudes(omegas: omegas, spectra: [LumpedMassTests.spectrum], xi: [xi],
                                                        bodyReferences: references)
        var lone = base
        for l in base.lines.indices {
            let (a, b) = lone.lineEndRAOs(l, omegas: omegas, spectrum: LumpedMassTests.spectrum, xi: xi, bodyReference: references)
            let model = try lone.lumpedMassLine(l)
            let sol = try model.dynamicTension(omegas: omegas, spectrum: LumpedMassTests.spectrum, raoA: a, raoB: b)
            let n = base.lines.count
            #expect(Self.bits(amps[l][0]) == Self.bits((0..<nw).map { sol.tensionAmplitudes[$0][0] }), "line \(l) end A")
            #expect(Self.bits(amps[l + n][0]) == Self.bits((0..<nw).map { sol.tensionAmplitudes[$0][model.count - 1] }),
                    "line \(l) end B")
        }
    }

    @Test("repeated profile solves of a line at one pose give bit-identical models (what lets the memo hit)", .needsReference)
    func repeatedProfiles() throws {
        var ms = try LumpedMassTests.system()
        var models: [LumpedMassLine] = []
        for _ in 0..<6 { models.append(try ms.lumpedMassLine(0)) }
        for (k, m) in models.enumerated() { #expect(LumpedDynamicsMemo.same(m, models[0]), "solve \(k)") }
        var other = models[0]
        other.nodeTensions[5] = other.nodeTensions[5].nextUp
        #expect(!LumpedDynamicsMemo.same(other, models[0]))
    }
}
