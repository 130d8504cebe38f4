#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK
import Numerics

/// MoorPy's frequency-domain lumped-mass line model (spec 04 §10): node matrices
/// (`helpers.get_dynamic_matrices`), the iterated dynamic tension (`get_dynamic_tension`) and the Guyan
/// reduction onto the line ends (`Line.updateLumpedMass`).
///
/// Matrices are dense, row-major, 3N×3N (node-major, x y z per node), N = number of nodes.
package struct LumpedMassLine: Sendable {
    /// Mean node positions `r_mean` [m] (global) and node tensions `T_mean` [N] from the catenary profile.
    package var nodes: [Vec3]
    package var nodeTensions: [Double]
    package var lineType: LineType
    /// MoorPy system depth [m] (seabed contact of nodes).
    package var depth: Double

    /// For a composite line (MoorPy `Subsystem.getDynamicMatrices`): its lines, joined at shared end nodes.
    /// (MoorPy's attachment-point mass terms there index the last point for every line, i.e. the massless end
    /// B, so the interior point masses never enter — reproduced by leaving them out.)
    package var parts: [LumpedMassLine] = []

    package init(nodes: [Vec3], nodeTensions: [Double], lineType: LineType, depth: Double) {
        self.nodes = nodes; self.nodeTensions = nodeTensions; self.lineType = lineType; self.depth = depth
    }

    /// A composite line from consecutive lines (end B of each = end A of the next).
    package init(joining parts: [LumpedMassLine]) {
        var nodes: [Vec3] = [], tensions: [Double] = []
        for (k, p) in parts.enumerated() {
            nodes += k == 0 ? p.nodes : Array(p.nodes.dropFirst())
            tensions += k == 0 ? p.nodeTensions : Array(p.nodeTensions.dropFirst())
        }
        self.init(nodes: nodes, nodeTensions: tensions, lineType: parts[0].lineType, depth: parts[0].depth)
        self.parts = parts
    }

    /// `EA_segs`: axial stiffness of each segment [N].
    package var segmentStiffness: [Double] {
        if parts.isEmpty { return [Double](repeating: lineType.stiffness, count: max(count - 1, 0)) }
        return parts.flatMap { $0.segmentStiffness }
    }

    package var count: Int { nodes.count }

    /// `M`, `A`, `B`, `K` (each 3N×3N row-major).
    package struct Matrices: Sendable {
        package var m: [Double], a: [Double], b: [Double], k: [Double]
    }

    /// `get_horizontal_oop_vec`: horizontal unit vector normal to the line's vertical plane.
    static func outOfPlane(_ p1: Vec3, _ p2: Vec3) -> Vec3 {
        let hor = p2 - Vec3(p1.x, p1.y, p2.z), ver = p1 - Vec3(p1.x, p1.y, p2.z)
        if abs(norm(hor)) <= 1e-8 { return Vec3(1, 0, 0) }  // np.isclose(|hor|, 0)
        let oop = abs(norm(ver)) <= 1e-8 ? cross(hor, Vec3(0, 0, 1)) : cross(hor, ver)
        return oop / norm(oop)
    }

    /// `np.trapezoid(y, x)`.
    static func trapezoid(_ y: [Double], _ x: [Double]) -> Double {
        var s = 0.0
        for k in 0 ..< max(x.count - 1, 0) { s += 0.5 * (y[k] + y[k + 1]) * (x[k + 1] - x[k]) }
        return s
    }

    /// `get_dynamic_matrices(line, omegas, S_zeta, r_dynamic, depth, kbot, cbot, seabed_tol)` as dense matrices
    /// (assembled in block form, `blocks(...)`).
    ///
    /// - Parameter rDynamic: complex node motion amplitudes, `[iω][node·3 + c]`; nil = all ones (MoorPy's
    ///   default used to linearise drag without motions).
    package func matrices(omegas: [Double], spectrum: [Double], rDynamic: [[Complex]]? = nil,
                         kbot: Double = 0, cbot: Double = 0, seabedTolerance: Double = 1e-4) -> Matrices {
        blocks(omegas: omegas, spectrum: spectrum, rDynamic: rDynamic.map { $0.flatMap { $0 } }, stride: 3 * count,
               kbot: kbot, cbot: cbot, seabedTolerance: seabedTolerance).dense
    }

    /// Result of `dynamicTension`.
    package struct DynamicSolution: Sendable {
        /// `T_nodes_amp` [iω][node]: complex tension amplitudes per wave component [N].
        package var tensionAmplitudes: [[Complex]]
        /// Node motion per unit wave amplitude `X` [iω][3N] (end nodes = the RAOs) [m/m].
        package var motions: [[Complex]]
        /// The matrices of the last iteration (`returnMatrices=True`), block-tridiagonal.
        var blocks: Blocks
        package var iterations: Int
        /// The matrices of the last iteration as dense 3N×3N matrices.
        package var matrices: Matrices { blocks.dense }
    }

    /// `get_dynamic_tension(line, omegas, S_zeta, RAO_A, RAO_B, depth, kbot, cbot, tol=0.01, iters=100, w=0.8)`:
    /// node motions from the end RAOs with drag linearisation iterated on the node velocity RMS, then
    /// segment strains → node tension amplitudes.
    ///
    /// - Parameters: `raoA`, `raoB`: end translations per unit wave amplitude, `[iω]` [m/m].
    ///   `refresh`: the line re-solved before each damping update, or nil to keep this model — MoorPy's
    ///   `get_dynamic_matrices` re-solves the line every time, which matters only with current on the lines
    ///   (each solve is one step of the lagged current drag, spec 04 §11).
    package func dynamicTension(omegas: [Double], spectrum: [Double], raoA: [[Complex]],
                               raoB: [[Complex]], kbot: Double = 0, cbot: Double = 0,
                               seabedTolerance: Double = 1e-4, tolerance: Double = 0.01, maxIterations: Int = 100,
                               relaxation w: Double = 0.8,
                               refresh: () throws(MooringError) -> LumpedMassLine? = { nil }) throws(MooringError) -> DynamicSolution {
        var memo: LumpedDynamicsMemo?
        return try dynamicTension(omegas: omegas, spectrum: spectrum, raoA: raoA, raoB: raoB, kbot: kbot, cbot: cbot,
                                  seabedTolerance: seabedTolerance, tolerance: tolerance, maxIterations: maxIterations,
                                  relaxation: w, memo: &memo, repeatable: false, refresh: refresh)
    }

    /// `dynamicTension` with what it can reuse from the previous call on the same line (`LumpedDynamicsMemo`): the
    /// matrices M, A, K, B₀ and the first sweep's factors when the model and its settings are bit for bit the same,
    /// and the whole solution when, in addition, the end motions are — which gives the results a fresh call gives.
    ///
    /// - Parameters:
    ///   - repeatable: `refresh` always returns nil (no current on the lines), so equal inputs give an equal
    ///     solution; only then is a whole solution reused.
    ///   - matricesOnly: only `blocks` are wanted, for their end-node blocks (the drag loop's calls, through
    ///     `updateLumpedMass`): the tension amplitudes and motions are left empty, and a `repeatable` call stops after
    ///     its first damping update when that B is finite (see "End blocks only" below; `iterations` is then 0).
    ///
    /// End blocks only. `updateLumpedMass` reduces B onto the line ends (`lumpedBlockDiagonal`): B is block-diagonal,
    /// so that reduction is the symmetrised blocks of the end nodes (and reads the others only to check they are all
    /// finite). Each node's B block is formed from that node's own motions (its velocity RMS along its directions) and
    /// the line's shape, and the end nodes' motions are the end RAOs, the same in every sweep: every damping update
    /// gives the same end blocks. So once the first update's B is finite, the sweeps after it change nothing the
    /// caller reads — unless one of them would throw (an exactly singular pivot) or drive B to ±∞ or NaN, where the
    /// full iteration throws or the dense reduction gives non-finite matrices (the solver's degenerate cases, not a
    /// MoorPy result: MoorPy solves the dense H). With current on the lines (`refresh`, not `repeatable`) every
    /// update re-solves the line and advances its lagged drag, so those calls run the whole iteration.
    package func dynamicTension(omegas: [Double], spectrum: [Double], raoA: [[Complex]], raoB: [[Complex]], kbot: Double = 0,
                        cbot: Double = 0, seabedTolerance: Double = 1e-4, tolerance: Double = 0.01,
                        maxIterations: Int = 100, relaxation w: Double = 0.8, memo: inout LumpedDynamicsMemo?,
                        repeatable: Bool, matricesOnly: Bool = false,
                        refresh: () throws(MooringError) -> LumpedMassLine?) throws(MooringError) -> DynamicSolution {
        let n = count, d3 = 3 * n, nw = omegas.count
        guard n >= 3 else { throw .configuration("the lumped-mass model needs at least 3 nodes") }
        let settings = LumpedDynamicsMemo.Settings(omegas: omegas, spectrum: spectrum, kbot: kbot, cbot: cbot,
                                                   seabedTolerance: seabedTolerance, tolerance: tolerance,
                                                   maxIterations: maxIterations, relaxation: w)
        if let kept = memo, !kept.matches(self, settings) { memo = nil }
        if repeatable, let last = memo?.last, matricesOnly || last.complete, LumpedDynamicsMemo.same(last.raoA, raoA),
           LumpedDynamicsMemo.same(last.raoB, raoB) {
            return last.solution
        }
        var mats: Blocks, solver: LineSolver
        // (the shape-only part of the damping updates, formed once; a composite line's parts form their own)
        let geometry = parts.isEmpty ? elementGeometry() : nil
        if let kept = memo {
            mats = kept.blocks; solver = kept.solver
        } else {
            mats = blocks(omegas: omegas, spectrum: spectrum, rDynamic: nil, stride: d3, kbot: kbot, cbot: cbot,
                          seabedTolerance: seabedTolerance, geometry: geometry)
            solver = LineSolver(count: n)
        }
        // Node motions X, frequency-major: x[iω·3N + dof]. The end nodes' entries are written here, every interior
        // entry by the first sweep (`LineSolver.solve`) before anything reads it: no zero fill first (with a throwing
        // sweep x is dropped unread).
        var x = [Complex](unsafeUninitializedCapacity: nw * d3) { p, initialized in
            for k in 0..<nw {
                for c in 0..<3 {
                    (p.baseAddress! + (k * d3 + c)).initialize(to: raoA[k][c])
                    (p.baseAddress! + (k * d3 + d3 - 3 + c)).initialize(to: raoB[k][c])
                }
            }
            initialized = nw * d3
        }
        // (the at-rest groups' motions are +0 in x after a sweep with finite matrices: not written again)
        var restZeroed = false
        var sigma0 = [Double](repeating: 0, count: d3), sigma = sigma0
        var rows = [Double](repeating: 0, count: 2 * d3)
        var iterations = 0
        for it in 0..<maxIterations {
            iterations = it
            restZeroed = try solver.solve(omegas: omegas, raoA: raoA, raoB: raoB, mats: mats, x: &x, keep: it == 0,
                                          restZeroed: restZeroed)
            if it == 0 && memo == nil {
                memo = LumpedDynamicsMemo(model: self, settings: settings, blocks: mats, solver: solver)
            }
            let live = Self.firstLiveFrequency(x, spectrum: spectrum, dofs: d3)
            Self.velocityRMS(x, omegas: omegas, spectrum: spectrum, dofs: d3, into: &sigma, rows: &rows, live: live)
            if (0..<d3).allSatisfy({ abs(sigma[$0] - sigma0[$0]) <= tolerance * abs(sigma0[$0]) }) { break }
            for dof in 0..<d3 { sigma0[dof] = w * sigma[dof] + (1 - w) * sigma0[dof] }
            let refreshed = try refresh()
            mats.b = (refreshed ?? self).blocks(omegas: omegas, spectrum: spectrum, rDynamic: x, stride: d3, kbot: kbot,
                                                cbot: cbot, seabedTolerance: seabedTolerance, selection: .dampingOnly,
                                                live: live, geometry: refreshed == nil ? geometry : nil).b
            // (end blocks only: the later sweeps would not change them; see "End blocks only" above)
            if matricesOnly && repeatable && DoubleScan.allFinite(mats.b) { break }
        }
        if matricesOnly {
            let solution = DynamicSolution(tensionAmplitudes: [], motions: [], blocks: mats, iterations: iterations)
            if repeatable { memo?.last = (raoA, raoB, solution, false) }
            return solution
        }
        // Wave component amplitudes with centred frequency steps (end intervals mirrored).
        var dw = [Double](repeating: 0, count: nw)
        for k in 0..<nw {
            let left = k == 0 ? (nw > 1 ? omegas[1] - omegas[0] : 0) : omegas[k] - omegas[k - 1]
            let right = k == nw - 1 ? (nw > 1 ? omegas[nw - 1] - omegas[nw - 2] : 0) : omegas[k + 1] - omegas[k]
            dw[k] = (left + right) / 2
        }
        let ea = segmentStiffness
        // Static segment tangents and lengths (frequency-independent).
        var tangents = [Vec3](repeating: .zero, count: n - 1), lengths = [Double](repeating: 0, count: n - 1)
        for s in 0 ..< n - 1 {
            let drs = nodes[s] - nodes[s + 1]
            lengths[s] = norm(drs)
            tangents[s] = drs / lengths[s]
        }
        var segs = [Complex](repeating: Complex(0, 0), count: n - 1)
        var tension = [[Complex]](repeating: [Complex](repeating: Complex(0, 0), count: n), count: nw)
        for k in 0..<nw {
            let amp = (2 * spectrum[k] * dw[k]).squareRoot()
            for s in 0 ..< n - 1 {
                let tv = tangents[s]
                var dl = Complex(0, 0)
                for c in 0..<3 {
                    let diff: Complex = x[k * d3 + 3 * s + c] - x[k * d3 + 3 * (s + 1) + c]
                    dl = dl + LumpedMassLine.scaled(diff, amp * tv[c])
                }
                segs[s] = LumpedMassLine.scaled(dl, ea[s] / lengths[s])
            }
            tension[k][0] = segs[0]
            for i in 1 ..< n - 1 { tension[k][i] = LumpedMassLine.scaled(segs[i - 1] + segs[i], 0.5) }
            tension[k][n - 1] = segs[n - 2]
        }
        let motions = (0..<nw).map { Array(x[$0 * d3 ..< ($0 + 1) * d3]) }
        let solution = DynamicSolution(tensionAmplitudes: tension, motions: motions, blocks: mats, iterations: iterations)
        if repeatable { memo?.last = (raoA, raoB, solution, true) }
        return solution
    }

    /// `σ[dof] = √(∫ |iω X|² S dω)` of the node motions `x[iω·dofs + dof]` with np.trapezoid's summation
    /// (`velocityRMSReference`, the scalar form), frequency by frequency over all DOFs at once, four DOFs per SIMD
    /// lane group: each DOF's sum gets the scalar operations in the scalar order (`y = ((ω·ω)·|X|²)·S`,
    /// `s += (0.5·(y_k + y_k+1))·Δω`), so every σ keeps its bits, while every load is contiguous (4 complexes as
    /// 8 doubles, split into real and imaginary lanes). The DOFs past the last multiple of four run the same
    /// operations one at a time. `rows`: workspace of at least 2·dofs values (the integrand at two neighbouring
    /// frequencies).
    ///
    /// `live`: `firstLiveFrequency(x, ...)` or 0. The sums start at frequency `live − 1`: every integrand before
    /// `live` is ±0, so each reference sum is still +0 there, and adding `(0.5·(±0 + y))·Δω` to +0 then gives the
    /// same bits whichever zero the integrand before was.
    package static func velocityRMS(_ x: [Complex], omegas: [Double], spectrum: [Double], dofs d3: Int,
                                    into sigma: inout [Double], rows: inout [Double], live: Int = 0) {
        typealias Lanes = SIMD4<Double>
        let nw = omegas.count, vectorDofs = d3 - d3 % 4
        let start = min(max(live - 1, 0), max(nw - 1, 0))
        x.withUnsafeBytes { xb in
            rows.withUnsafeMutableBufferPointer { yp in
                sigma.withUnsafeMutableBufferPointer { s in
                    let y = UnsafeMutableRawPointer(yp.baseAddress!), sp = UnsafeMutableRawPointer(s.baseAddress!)
                    // the integrand of frequency k into row `slot`
                    func integrand(_ k: Int, _ slot: Int) {
                        let w2 = omegas[k] * omegas[k], sk = spectrum[k], o = k &* d3, r = slot &* d3
                        for dof in stride(from: 0, to: vectorDofs, by: 4) {
                            let z = xb.loadUnaligned(fromByteOffset: 16 &* (o &+ dof), as: SIMD8<Double>.self)
                            let re = z.evenHalf, im = z.oddHalf
                            let v = Lanes(repeating: w2) * (re * re + im * im) * Lanes(repeating: sk)
                            y.storeBytes(of: v, toByteOffset: 8 &* (r &+ dof), as: Lanes.self)
                        }
                        let xp = xb.assumingMemoryBound(to: Complex.self)
                        for dof in vectorDofs ..< d3 { yp[r &+ dof] = w2 * xp[o &+ dof].lengthSquared * sk }
                    }
                    for dof in 0..<d3 { s[dof] = 0 }
                    if nw > 1 { integrand(start, start % 2) }
                    for k in start ..< max(nw - 1, 0) {
                        let dw = omegas[k + 1] - omegas[k], previous = (k % 2) &* d3, next = d3 &- previous
                        integrand(k + 1, (k + 1) % 2)
                        for dof in stride(from: 0, to: vectorDofs, by: 4) {
                            let a = y.loadUnaligned(fromByteOffset: 8 &* (previous &+ dof), as: Lanes.self)
                            let b = y.loadUnaligned(fromByteOffset: 8 &* (next &+ dof), as: Lanes.self)
                            var sum = sp.loadUnaligned(fromByteOffset: 8 &* dof, as: Lanes.self)
                            sum += Lanes(repeating: 0.5) * (a + b) * Lanes(repeating: dw)
                            sp.storeBytes(of: sum, toByteOffset: 8 &* dof, as: Lanes.self)
                        }
                        for dof in vectorDofs ..< d3 { s[dof] += 0.5 * (yp[previous &+ dof] + yp[next &+ dof]) * dw }
                    }
                    for dof in 0..<d3 { s[dof] = s[dof].squareRoot() }
                }
            }
        }
    }

    /// The first frequency whose velocity-RMS integrands (`velocityRMS`, and the directional ones of `blocks`) can
    /// be non-zero; `spectrum.count` if none. Before it every frequency k has S[k] = 0 with finite motions, or a
    /// finite S[k] with every motion exactly zero (the line-end RAOs are exactly zero where the wave amplitude
    /// `√(2 S Δω)` is below 1e-6, and so are the interior motions the line solver finds there). Every integrand
    /// there — (finite ω², direction and motion terms) · S[k] — is then ±0, and a trapezoid sum of ±0 terms from
    /// +0 stays +0: the sums may start just before this frequency and keep every bit.
    ///
    /// Each row is read as bit patterns in one pass without early exit (a loop the compiler vectorises): its parts are
    /// all ±0 when the OR of the patterns shifted past the sign bit is 0, and all finite when the largest exponent field
    /// is not all ones.
    static func firstLiveFrequency(_ x: [Complex], spectrum: [Double], dofs d3: Int) -> Int {
        let exponent: UInt64 = 0x7FF0_0000_0000_0000
        // (rows past the end of `x` are not read: callers pass a row per frequency)
        let rows = d3 > 0 ? min(spectrum.count, x.count / d3) : spectrum.count
        var k = 0
        x.withUnsafeBytes { raw in
            while k < rows {
                let row = 16 &* k &* d3
                var magnitudes: UInt64 = 0, top: UInt64 = 0
                for i in 0 ..< 2 &* d3 {
                    let bits = raw.loadUnaligned(fromByteOffset: row &+ 8 &* i, as: UInt64.self)
                    magnitudes |= bits &<< 1
                    top = Swift.max(top, bits & exponent)
                }
                let dead = spectrum[k] == 0 ? top != exponent : spectrum[k].isFinite && magnitudes == 0
                guard dead else { break }
                k += 1
            }
        }
        return k
    }

    /// `velocityRMS` with its own workspace.
    static func velocityRMS(_ x: [Complex], omegas: [Double], spectrum: [Double], dofs d3: Int, into sigma: inout [Double]) {
        var rows = [Double](repeating: 0, count: 2 * d3)
        velocityRMS(x, omegas: omegas, spectrum: spectrum, dofs: d3, into: &sigma, rows: &rows)
    }

    /// One DOF of `velocityRMS` in scalar form (the reference the SIMD lanes reproduce).
    package static func velocityRMSReference(_ x: [Complex], omegas: [Double], spectrum: [Double], dofs d3: Int, dof: Int) -> Double {
        @inline(__always) func y(_ k: Int) -> Double { omegas[k] * omegas[k] * x[k * d3 + dof].lengthSquared * spectrum[k] }
        var s = 0.0
        for k in 0 ..< max(omegas.count - 1, 0) { s += 0.5 * (y(k) + y(k + 1)) * (omegas[k + 1] - omegas[k]) }
        return s.squareRoot()
    }

    /// Interior node motions at one frequency: `H_ii X_i = −H_iA RAO_A − H_iB RAO_B` with
    /// `H = −ω²(M+A) + iωB + K`, solved as a block-tridiagonal system (3×3 blocks; M, A, B are block-diagonal,
    /// K block-tridiagonal). Gaussian elimination with partial pivoting inside each block.
    ///
    /// The scalar reference of `LineSolver` (which runs several frequencies at once and falls back to this).
    static func solveInterior(_ mats: Blocks, omega: Double, n: Int, raoA: [Complex],
                              raoB: [Complex]) throws(MooringError) -> [Complex] {
        /// Entry (r, c) of the dense H: M, A, B entries are +0 off the block diagonal, K's are in the coupling blocks.
        @inline(__always) func h(_ r: Int, _ c: Int) -> Complex {
            let nr = r / 3, nc = c / 3, e = 9 * nr + 3 * (r % 3) + c % 3
            if nr == nc { return Complex(-omega * omega * (mats.m[e] + mats.a[e]) + mats.k[e], omega * mats.b[e]) }
            let k = nc == nr - 1 ? mats.kBelow[e] : (nc == nr + 1 ? mats.kAbove[e] : 0.0)
            return Complex(-omega * omega * (0.0 + 0.0) + k, omega * 0.0)
        }
        @inline(__always) func block(_ bi: Int, _ bj: Int) -> Block3 {
            var out = Block3()
            for r in 0..<3 { for c in 0..<3 { out.e[3 * r + c] = h(3 * bi + r, 3 * bj + c) } }
            return out
        }
        let m = n - 2  // interior blocks, node indices 1...n−2
        var dPrime = [Block3](repeating: Block3(), count: m), fPrime = [Block3](repeating: Block3(), count: m)
        // Right-hand sides from the prescribed end motions (one column).
        for r in 0..<3 {
            var fA = Complex(0, 0), fB = Complex(0, 0)
            for c in 0..<3 {
                let ha: Complex = h(3 + r, c), hb: Complex = h(3 * (n - 2) + r, 3 * (n - 1) + c)
                fA = fA - ha * raoA[c]
                fB = fB - hb * raoB[c]
            }
            fPrime[0].e[3 * r] = fPrime[0].e[3 * r] + fA
            fPrime[m - 1].e[3 * r] = fPrime[m - 1].e[3 * r] + fB
        }
        // Block Thomas algorithm.
        for i in 0..<m {
            var d = block(i + 1, i + 1)
            var f = fPrime[i]
            if i > 0 {
                let l = block(i + 1, i), u = block(i, i + 1)
                let dInvU = try Block3.solve(dPrime[i - 1], u, columns: 3)
                let dInvF = try Block3.solve(dPrime[i - 1], fPrime[i - 1], columns: 1)
                for r in 0..<3 {
                    for c in 0..<3 {
                        var sum = Complex(0, 0)
                        for q in 0..<3 { let prod: Complex = l.e[3 * r + q] * dInvU.e[3 * q + c]; sum = sum + prod }
                        d.e[3 * r + c] = d.e[3 * r + c] - sum
                    }
                    var sum = Complex(0, 0)
                    for q in 0..<3 { let prod: Complex = l.e[3 * r + q] * dInvF.e[3 * q]; sum = sum + prod }
                    f.e[3 * r] = f.e[3 * r] - sum
                }
            }
            dPrime[i] = d; fPrime[i] = f
        }
        var out = [Complex](repeating: Complex(0, 0), count: 3 * m)
        var next = try Block3.solve(dPrime[m - 1], fPrime[m - 1], columns: 1)
        for r in 0..<3 { out[3 * (m - 1) + r] = next.e[3 * r] }
        if m > 1 {
            for i in stride(from: m - 2, through: 0, by: -1) {
                let u = block(i + 1, i + 2)
                var f = fPrime[i]
                for r in 0..<3 {
                    for q in 0..<3 { let prod: Complex = u.e[3 * r + q] * next.e[3 * q]; f.e[3 * r] = f.e[3 * r] - prod }
                }
                next = try Block3.solve(dPrime[i], f, columns: 1)
                for r in 0..<3 { out[3 * i + r] = next.e[3 * r] }
            }
        }
        return out
    }

    /// `pinv(A)·B` for a symmetric n×n `A` (column-major; B column-major n×columns), with numpy's cutoff
    /// 1e-15·max|λ| (eigen-decomposition; equal to the SVD pseudo-inverse for symmetric matrices).
    static func pseudoInverseTimes(_ a: [Double], _ b: [Double], n: Int, columns: Int) throws(MooringError) -> [Double] {
        if a.allSatisfy({ $0 == 0 }) { return [Double](repeating: 0, count: n * columns) }
        var identity = [Double](repeating: 0, count: n * n)
        for i in 0..<n { identity[i * n + i] = 1 }
        let (values, vectors): ([Double], [Double])
        do { (values, vectors) = try RealLAPACK.symmetricEigen(k: a, m: identity, n: n) } catch {
            throw .configuration("pseudo-inverse failed (\(error))")
        }
        let cutoff = 1e-15 * (values.map(abs).max() ?? 0)
        var out = [Double](repeating: 0, count: n * columns)
        for j in 0..<n where abs(values[j]) > cutoff {
            for c in 0..<columns {
                var proj = 0.0
                for i in 0..<n { proj += vectors[j * n + i] * b[c * n + i] }
                proj /= values[j]
                for i in 0..<n { out[c * n + i] += vectors[j * n + i] * proj }
            }
        }
        return out
    }

    /// `lump_matrix` of `Line.updateLumpedMass`: symmetrise, drop the nodes on the seabed
    /// (`z ≤ −depth + 1e-6`), Guyan-reduce onto the end nodes (6×6 row-major); if an end node was dropped only
    /// the other end's 3×3 block is filled.
    package func lumped(_ matrix: [Double]) throws(MooringError) -> [Double] {
        let n = count, d3 = 3 * n
        var sym = matrix
        for r in 0..<d3 { for c in 0..<d3 { sym[r * d3 + c] = (matrix[r * d3 + c] + matrix[c * d3 + r]) / 2 } }
        let removed = (0..<n).filter { nodes[$0].z <= -depth + 1e-06 }
        let keptNodes = (0..<n).filter { !removed.contains($0) }
        let dofs = keptNodes.flatMap { [3 * $0, 3 * $0 + 1, 3 * $0 + 2] }
        let nk = dofs.count
        return try Self.lumpOnto(count: nk, firstRemoved: removed.first == 0, lastRemoved: removed.last == n - 1) {
            sym[dofs[$0] * d3 + dofs[$1]]
        }
    }

    /// The end-node part of `lump_matrix` over the `nk` kept DOFs of a symmetric matrix (entry (r, c) = `at(r, c)`;
    /// end A's DOFs first, end B's last): the 6×6 Guyan reduction onto both ends (row-major), or, when the first or
    /// last node was dropped, the other end's 3×3 reduction in its block of the 6×6 (zeros elsewhere).
    ///
    /// - Parameter band: nil: every entry is read. b: only entries at most b places from the diagonal are read and
    ///   the others are +0 — for a caller whose `at` is +0 there (the block-tridiagonal K), which then gives LAPACK
    ///   the same `K_uu` and `K_uc` bits as the dense read, and the correction the same sums (see `reduceOnto`).
    static func lumpOnto(count nk: Int, firstRemoved: Bool, lastRemoved: Bool, band: Int? = nil,
                         at: (Int, Int) -> Double) throws(MooringError) -> [Double] {
        var out = [Double](repeating: 0, count: 36)
        if !firstRemoved && !lastRemoved {
            out = try reduceOnto(keep: [0, 1, 2, nk - 3, nk - 2, nk - 1], count: nk, band: band, at: at)
        }
        if firstRemoved {
            let r = try reduceOnto(keep: [nk - 3, nk - 2, nk - 1], count: nk, band: band, at: at)
            out = [Double](repeating: 0, count: 36)
            for i in 0..<3 { for j in 0..<3 { out[(3 + i) * 6 + 3 + j] = r[i * 3 + j] } }
        }
        if lastRemoved {
            let r = try reduceOnto(keep: [0, 1, 2], count: nk, band: band, at: at)
            out = [Double](repeating: 0, count: 36)
            for i in 0..<3 { for j in 0..<3 { out[i * 6 + j] = r[i * 3 + j] } }
        }
        return out
    }

    /// Guyan reduction `K_cc − K_cu K_uu⁻¹ K_uc` of a symmetric nk×nk matrix (entry (r, c) = `at(r, c)`) onto the
    /// DOFs `keep` (row-major `keep.count`²): `K_uu⁻¹ K_uc` by LAPACK, or MoorPy's pseudo-inverse where numpy's `inv`
    /// fails (e.g. the all-zero damping at ω = 0); the correction summed over the condensed DOFs in order.
    /// `band`: as in `lumpOnto` (every `at(r, c)` more than `band` places off the diagonal is +0: those of K_uu, K_uc
    /// and of the correction's K_cu are taken as +0, unread).
    static func reduceOnto(keep: [Int], count nk: Int, band: Int? = nil,
                           at: (Int, Int) -> Double) throws(MooringError) -> [Double] {
        let free = (0..<nk).filter { !keep.contains($0) }
        let nc = keep.count, nu = free.count
        var kcc = [Double](repeating: 0, count: nc * nc)
        for (a, r) in keep.enumerated() { for (b, c) in keep.enumerated() { kcc[a * nc + b] = at(r, c) } }
        if nu == 0 { return kcc }
        /// K_uu (column-major nu×nu) and K_uc (nu×nc).
        func blocks() -> (uu: [Double], uc: [Double]) {
            var kuu = [Double](repeating: 0, count: nu * nu), kuc = [Double](repeating: 0, count: nu * nc)
            let width = band ?? nu
            for b in 0..<nu {
                for a in max(0, b - width) ... min(nu - 1, b + width) { kuu[b * nu + a] = at(free[a], free[b]) }
            }
            for (a, r) in free.enumerated() {
                for (b, c) in keep.enumerated() where band.map({ abs(r - c) <= $0 }) ?? true { kuc[b * nu + a] = at(r, c) }
            }
            return (kuu, kuc)
        }
        // (LAPACK factors K_uu in place — the same dgesv call as `RealLAPACK.solve`, without copying the nu² doubles;
        // where it fails, the pseudo-inverse gets freshly formed blocks)
        var (kuu, xs) = blocks()
        do { try RealLAPACK.solveInPlace(&kuu, &xs, n: nu) } catch {
            let (uu, uc) = blocks()
            xs = try LumpedMassLine.pseudoInverseTimes(uu, uc, n: nu, columns: nc)
        }
        // The condensed DOFs whose `at(r, u)` each kept DOF r reads: all, or with a band only those within it.
        // Outside the band `at(r, u)` is +0, so each skipped product `+0 · x` is ±0 for finite x; the sum `v` starts
        // at +0 and is never −0 (a sum is −0 only if both terms are), and `v + (±0)` is v when v ≠ 0 and +0 when
        // v is +0: skipping those products leaves every bit of v. (A non-finite x would turn them into NaN: then
        // every product is formed.)
        let nearby: [[Int]]
        if let band, DoubleScan.allFinite(xs) {
            nearby = keep.map { r in free.indices.filter { abs(free[$0] - r) <= band } }
        } else {
            nearby = keep.map { _ in Array(free.indices) }
        }
        for (a, r) in keep.enumerated() {
            for b in 0..<nc {
                var v = 0.0
                for q in nearby[a] { v += at(r, free[q]) * xs[b * nu + q] }
                kcc[a * nc + b] -= v
            }
        }
        return kcc
    }
}

extension LumpedMassLine {
    /// Complex times real (swift-numerics has no mixed operator).
    @inline(__always) static func scaled(_ z: Complex, _ r: Double) -> Complex { Complex(z.real * r, z.imaginary * r) }
}

extension LumpedMassLine {
    /// A 3×3 complex block (row-major) stored inline; with `columns: 1` only column 0 is used (a 3-vector).
    struct Block3 {
        var e = InlineArray<9, Complex>(repeating: Complex(0, 0))

        /// Solve `A X = B` for 1 or 3 columns by Gaussian elimination with partial pivoting.
        static func solve(_ a0: Block3, _ b0: Block3, columns nc: Int) throws(MooringError) -> Block3 {
            var a = a0, b = b0
            for col in 0..<3 {
                var p = col
                for r in col + 1 ..< 3 where a.e[3 * r + col].length > a.e[3 * p + col].length { p = r }
                if a.e[3 * p + col].length == 0 { throw .configuration("singular lumped-mass line matrix") }
                if p != col {
                    for c in 0..<3 { let t = a.e[3 * p + c]; a.e[3 * p + c] = a.e[3 * col + c]; a.e[3 * col + c] = t }
                    for c in 0..<nc { let t = b.e[3 * p + c]; b.e[3 * p + c] = b.e[3 * col + c]; b.e[3 * col + c] = t }
                }
                for r in col + 1 ..< 3 {
                    let num: Complex = a.e[3 * r + col], den: Complex = a.e[3 * col + col]
                    let f: Complex = num / den
                    for c in col..<3 { let prod: Complex = f * a.e[3 * col + c]; a.e[3 * r + c] = a.e[3 * r + c] - prod }
                    for c in 0..<nc { let prod: Complex = f * b.e[3 * col + c]; b.e[3 * r + c] = b.e[3 * r + c] - prod }
                }
            }
            var x = Block3()
            for c in 0..<nc {
                for r in stride(from: 2, through: 0, by: -1) {
                    var s: Complex = b.e[3 * r + c]
                    for q in r + 1 ..< 3 { let prod: Complex = a.e[3 * r + q] * x.e[3 * q + c]; s = s - prod }
                    let den: Complex = a.e[3 * r + r]
                    x.e[3 * r + c] = s / den
                }
            }
            return x
        }
    }
}
