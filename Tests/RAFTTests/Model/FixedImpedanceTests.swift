import Testing
@testable import RAFT

/// The drag-linearisation loop lays out the pass-independent parts of Z(ω) once (`FixedImpedance`, issue 17); a pass
/// then solves with `solve(_:fixed:dragDamping:force:into:)`. Its responses must have the bits of the general
/// `solve(_:extraDamping:force:into:)` (tolerance 0), for 6×6 systems with every entry non-zero, on 80 and 3
/// frequencies, and for a system larger than 6×6 (the general path).
@Suite("Model: the drag loop's fixed impedance against the general solve")
struct FixedImpedanceTests {
    /// A reproducible system of `n` DOFs on `nw` frequencies, every entry non-zero, with a drag damping and a force.
    static func system(n: Int, nw: Int, seed: UInt64) -> (LinearSystem, [Double], [Complex]) {
        var rng = seed
        func next() -> Double {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            return Double(rng >> 11) / Double(1 << 53) - 0.5
        }
        var s = LinearSystem(n: n, omega: (0..<nw).map { 0.05 + 0.031 * Double($0) + 1e-3 * next() })
        for j in 0..<nw { for r in 0..<n { for c in 0..<n {
            let diag = r == c ? 1.0 : 0.0
            s.mass[j * n * n + r * n + c] = 1e6 * (diag * Double(r + 2) + 0.1 * next())
            s.damping[j * n * n + r * n + c] = 1e4 * (diag + 0.2 * next())
        } } }
        for r in 0..<n { for c in 0..<n { s.stiffness[r * n + c] = 1e5 * ((r == c ? Double(r + 3) : 0) + 0.3 * next()) } }
        let drag = (0..<(n * n)).map { 5e3 * (($0 % (n + 1) == 0 ? 1 : 0) + 0.1 * next()) }
        let force = (0..<(n * nw)).map { _ in Complex(1e5 * next(), 1e5 * next()) }
        return (s, drag, force)
    }

    static func bits(_ x: [Complex]) -> [UInt64] { x.flatMap { [$0.real.bitPattern, $0.imaginary.bitPattern] } }

    @Test("responses are bit-identical to the general solve", arguments: [(6, 80), (6, 3), (3, 17), (8, 20)])
    func identical(n: Int, nw: Int) throws {
        for seed: UInt64 in [1, 42, 2026] {
            let (s, drag, force) = Self.system(n: n, nw: nw, seed: seed)
            let solver = FrequencyDomainSolver(n: n)
            var general: [Complex] = [], fixed: [Complex] = []
            try solver.solve(s, extraDamping: drag, force: force, into: &general)
            try solver.solve(s, fixed: FixedImpedance(s), dragDamping: drag, force: force, into: &fixed)
            #expect(general.count == n * nw)
            #expect(Self.bits(fixed) == Self.bits(general), "n \(n), nw \(nw), seed \(seed)")
            #expect(general.contains { $0.real != 0 && $0.imaginary != 0 }, "a non-trivial response")
        }
    }

    @Test("the drag loop converges to the same bits as a loop over the general solve")
    func dragLoopIdentical() throws {
        let (s, drag, force) = Self.system(n: 6, nw: 40, seed: 5)
        let solver = FrequencyDomainSolver(n: 6)
        // A drag damping that depends on the iterate (as the linearisation's does), so the loop takes several passes.
        func linearize(_ last: [Complex]) -> (damping: [Double], force: [Complex]) {
            let scale = 1 + last.reduce(0) { $0 + $1.length } * 1e-3
            return (drag.map { $0 * scale }, force.map { $0.multiplied(by: 0.01 * scale) })
        }
        let fast = try solver.solveDragLinearized(s, force: force, xiStart: 0.1, nIter: 10, linearize: linearize)
        // The same loop by hand with the general solve.
        var last = [Complex](repeating: Complex(0.1, 0), count: 6 * 40)
        var xi: [Complex] = []
        var passes = 0
        for _ in 0..<11 {
            let (b, f) = linearize(last)
            try solver.solve(s, extraDamping: b, force: zip(force, f).map { $0 + $1 }, into: &xi)
            passes += 1
            if zip(xi, last).allSatisfy({ ($0 - $1).length / ($0.length + 0.01) < 0.01 }) { break }
            last = zip(last, xi).map { $0.multiplied(by: 0.2) + $1.multiplied(by: 0.8) }
        }
        #expect(fast.iterations == passes)
        #expect(passes > 1, "several passes")
        #expect(Self.bits(fast.response) == Self.bits(xi))
    }
}
