import Numerics
import LAPACK

extension LumpedMassLine {
    /// The line matrices of spec 04 §10.2 (`get_dynamic_matrices`) in block-tridiagonal form.
    ///
    /// Structure exploited: every element lumps its mass, added mass and drag onto its own two nodes, so M, A, B
    /// are block-diagonal (one 3×3 block per node); only K couples neighbouring nodes (`K[n, neighbour] −= K_e`).
    /// Storing the 3N×3N dense matrices (N ≈ 50: 23,000 entries each, 99 % zeros) cost more than the physics.
    ///
    /// Every stored entry receives exactly the additions the dense assembly made (starting from +0, in the same
    /// order), so `dense` reproduces the dense matrices bit for bit.
    struct Blocks: Sendable, Equatable {
        /// Number of nodes.
        let count: Int
        /// Diagonal 3×3 blocks of M [kg], A [kg], B [N·s/m], K [N/m]: node i's block at `[9i + 3r + c]` (row-major).
        var m: [Double], a: [Double], b: [Double], k: [Double]
        /// Coupling blocks of K: `kBelow` = K[i, i−1] (unused at i = 0), `kAbove` = K[i, i+1] (unused at i = N−1).
        var kBelow: [Double], kAbove: [Double]

        /// - Parameter dampingOnly: only B is allocated (M, A, K and the coupling blocks stay empty): what
        ///   `blocks(selection: .dampingOnly)` fills, once per drag-iteration sweep.
        init(count n: Int, dampingOnly: Bool = false) {
            count = n
            // (one buffer each: a shared zero buffer was copied on the first write to each, the drag damping's every sweep)
            func zeros() -> [Double] { [Double](repeating: 0, count: 9 * n) }
            b = zeros()
            if dampingOnly {
                m = []; a = []; k = []; kBelow = []; kAbove = []
            } else {
                m = zeros(); a = zeros(); k = zeros(); kBelow = zeros(); kAbove = zeros()
            }
        }

        /// `p[9·node + e] += sign·blk[e]` entry by entry, row by row (the dense `add`): one block of a `Blocks`
        /// matrix, written through the pointer `blocks` holds while it assembles.
        @inline(__always) static func add(_ p: UnsafeMutablePointer<Double>, _ node: Int, _ blk: Matrix3, _ sign: Double = 1) {
            let q = p + 9 &* node
            q[0] += sign * blk.rows.0.x; q[1] += sign * blk.rows.0.y; q[2] += sign * blk.rows.0.z
            q[3] += sign * blk.rows.1.x; q[4] += sign * blk.rows.1.y; q[5] += sign * blk.rows.1.z
            q[6] += sign * blk.rows.2.x; q[7] += sign * blk.rows.2.y; q[8] += sign * blk.rows.2.z
        }

        /// The dense 3N×3N row-major matrices.
        var dense: Matrices {
            let d3 = 3 * count
            var out = Matrices(m: [Double](repeating: 0, count: d3 * d3), a: [Double](repeating: 0, count: d3 * d3),
                               b: [Double](repeating: 0, count: d3 * d3), k: [Double](repeating: 0, count: d3 * d3))
            for i in 0..<count {
                for r in 0..<3 {
                    for c in 0..<3 {
                        let e = 9 * i + 3 * r + c, row = (3 * i + r) * d3
                        out.m[row + 3 * i + c] = m[e]; out.a[row + 3 * i + c] = a[e]
                        out.b[row + 3 * i + c] = b[e]; out.k[row + 3 * i + c] = k[e]
                        if i > 0 { out.k[row + 3 * (i - 1) + c] = kBelow[e] }
                        if i < count - 1 { out.k[row + 3 * (i + 1) + c] = kAbove[e] }
                    }
                }
            }
            return out
        }
    }
}

extension LumpedMassLine.Blocks {
    /// K as a dense 3N×3N row-major matrix (`dense.k`).
    var denseStiffness: [Double] {
        let d3 = 3 * count
        var out = [Double](repeating: 0, count: d3 * d3)
        for i in 0..<count {
            for r in 0..<3 {
                for c in 0..<3 {
                    let e = 9 * i + 3 * r + c, row = (3 * i + r) * d3
                    out[row + 3 * i + c] = k[e]
                    if i > 0 { out[row + 3 * (i - 1) + c] = kBelow[e] }
                    if i < count - 1 { out[row + 3 * (i + 1) + c] = kAbove[e] }
                }
            }
        }
        return out
    }
}

extension LumpedMassLine {
    /// Which matrices `blocks(...)` assembles: all four, or only the drag damping B (the iterated one).
    enum BlockSelection { case all, dampingOnly }

    /// `get_dynamic_matrices(line, omegas, S_zeta, r_dynamic, depth, kbot, cbot, seabed_tol)` in block form.
    ///
    /// - Parameters:
    ///   - rDynamic: complex node motion amplitudes, frequency-major flat `[iω·stride + 3·(nodeOffset + node) + c]`;
    ///     nil = all ones (MoorPy's default used to linearise drag without motions).
    ///   - stride, nodeOffset: layout of `rDynamic` (a composite's parts read their slice of the whole line).
    ///   - live: `firstLiveFrequency(rDynamic, ...)` or 0: the velocity RMS integrals skip the frequencies before
    ///     it, where every integrand is ±0 (see `firstLiveFrequency`).
    ///   - geometry: this line's `dampingGeometry()` when the caller keeps it (a drag iteration's damping updates);
    ///     nil: formed here. (Ignored for a composite line, whose parts form their own.)
    func blocks(omegas: [Double], spectrum: [Double], rDynamic: [Complex]?, stride: Int, nodeOffset: Int = 0,
                kbot: Double = 0, cbot: Double = 0, seabedTolerance: Double = 1e-4,
                selection: BlockSelection = .all, live: Int = 0, geometry: ElementGeometry? = nil) -> Blocks {
        let n = count
        var out = Blocks(count: n, dampingOnly: selection == .dampingOnly)
        if !parts.isEmpty {
            // Subsystem: each line's blocks added at its node offset (the shared end nodes overlap).
            var n0 = 0
            for p in parts {
                let pb = p.blocks(omegas: omegas, spectrum: spectrum, rDynamic: rDynamic, stride: stride,
                                  nodeOffset: nodeOffset + n0, kbot: kbot, cbot: cbot, seabedTolerance: seabedTolerance,
                                  selection: selection, live: live)
                for i in 0..<p.count {
                    for e in 0..<9 {
                        let o = 9 * (n0 + i) + e, s = 9 * i + e
                        out.b[o] += pb.b[s]
                        guard selection == .all else { continue }
                        out.m[o] += pb.m[s]; out.a[o] += pb.a[s]; out.k[o] += pb.k[s]
                        // (the part's K has no block before its first node or after its last)
                        if i > 0 { out.kBelow[o] += pb.kBelow[s] }
                        if i < p.count - 1 { out.kAbove[o] += pb.kAbove[s] }
                    }
                }
                n0 += p.count - 1
            }
            return out
        }
        let nw = omegas.count
        let t = lineType
        let start = min(max(live - 1, 0), max(nw - 1, 0))
        // (with at most one frequency from `start` on, every σ is √(+0) = +0: the trapezoid sums have no interval and
        // stay the +0 they start from whatever the motions — the statics' ω = 0 calls — so neither the σ integrals nor
        // their direction lanes are formed)
        let integrals = nw - start > 1
        let geo = geometry ?? elementGeometry(directions: integrals)
        let hh = geo.hh
        // RMS of each node's velocity component along each of its directions (h; tangent and normal of its first
        // element; of its second): σ = √(∫ |Σ_c iω r_c dir_c|² S dω), each with the scalar operations in the scalar order
        // (u = ((0 + v_x d_x) + v_y d_y) + v_z d_z, here without the +0: `0 + p` is p up to the sign of a zero, which
        // the squares do not see; trapezoid as np.trapezoid). The sum starts at frequency `live − 1`: every integrand
        // before `live` is ±0, so the reference's sum is still +0 there (see `firstLiveFrequency`).
        //
        // Eight nodes per SIMD lane group, one node per lane: each group's velocity components `−ω·Im r_c`, `ω·Re r_c`
        // are gathered once per frequency, then each of the five directions (lane j: node j's own) runs over the
        // frequencies from them. (One node per lane group with its directions in the lanes left three lanes of eight
        // idle and formed the velocity components once per node and frequency for five lanes.)
        typealias Lanes = SIMD8<Double>
        /// `body` with `rDynamic`'s doubles (nil without motions).
        func withMotionDoubles(_ body: (UnsafePointer<Double>?) -> Void) {
            guard let rd = rDynamic, nw > 0 else { return body(nil) }
            precondition(rd.count >= (nw - 1) * stride + 3 * (nodeOffset + n), "rDynamic is shorter than its layout")
            rd.withUnsafeBytes { body($0.baseAddress!.assumingMemoryBound(to: Double.self)) }
        }
        /// σ of node i along its direction `slot` at `[5i + slot]`: slots h, t₁, p₁, t₂, p₂ (t₂, p₂ only at interior nodes).
        func nodeSigmas() -> [Double] {
            var out = [Double](repeating: 0, count: 5 * n)
            let width = Lanes.scalarCount, span = max(nw - start, 1)
            // The motions as interleaved doubles (`Complex` is its real part then its imaginary part): a group's motions at
            // one frequency are `3·lanes` consecutive complexes, and a full group's lane vectors are read from them with
            // stride 6 (node j's x, y, z at doubles 6j ..< 6j + 6). (Reading them lane by lane through the array, each
            // with its index checks, was half of this function's instructions.)
            out.withUnsafeMutableBufferPointer { sigmas in withMotionDoubles { motions in
                guard integrals else { return }
                // the frequency steps ω_k − ω_(k−1), formed once (the operation each sum's term made)
                let steps = [Double](unsafeUninitializedCapacity: nw) { p, count in
                    for k in 0..<nw { (p.baseAddress! + k).initialize(to: k > 0 ? omegas[k] - omegas[k - 1] : 0) }
                    count = nw
                }
                // per frequency k ≥ start: −ω·Im r_x, −ω·Im r_y, −ω·Im r_z, ω·Re r_x, ω·Re r_y, ω·Re r_z of the group's nodes
                // (uninitialised workspace: every entry a group reads is written for that group first)
                withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 6 * span) { mv in
                    /// Doubles `q[0], q[6], …, q[42]`: one motion part of each of eight consecutive nodes.
                    @inline(__always) func strided(_ q: UnsafePointer<Double>) -> Lanes {
                        Lanes(q[0], q[6], q[12], q[18], q[24], q[30], q[36], q[42])
                    }
                    for g in Swift.stride(from: 0, to: n, by: width) {
                        let lanes = min(width, n - g)
                        for k in start ..< nw {
                            let w = omegas[k], o = k * stride + 3 * (nodeOffset + g)
                            var re0 = Lanes(repeating: 1), re1 = re0, re2 = re0
                            var im0 = Lanes(repeating: 0), im1 = im0, im2 = im0  // unit motions without rDynamic
                            if let motions {
                                let q = motions + 2 * o
                                if lanes == width {
                                    re0 = strided(q); im0 = strided(q + 1); re1 = strided(q + 2)
                                    im1 = strided(q + 3); re2 = strided(q + 4); im2 = strided(q + 5)
                                } else {
                                    for j in 0..<lanes {
                                        let p = q + 6 * j
                                        re0[j] = p[0]; im0[j] = p[1]; re1[j] = p[2]; im1[j] = p[3]; re2[j] = p[4]; im2[j] = p[5]
                                    }
                                }
                            }
                            let negW = Lanes(repeating: -w), posW = Lanes(repeating: w), m = 6 * (k - start)
                            mv[m] = negW * im0; mv[m + 1] = negW * im1; mv[m + 2] = negW * im2
                            mv[m + 3] = posW * re0; mv[m + 4] = posW * re1; mv[m + 5] = posW * re2
                        }
                        let interior = g + lanes > 1 && g < n - 1
                        for slot in 0 ..< (interior ? 5 : 3) {
                            // (the group's direction lanes, formed once per line: `ElementGeometry.directions`)
                            let dq = 3 &* (5 &* (g / width) &+ slot)
                            let dx = geo.directions[dq], dy = geo.directions[dq &+ 1], dz = geo.directions[dq &+ 2]
                            /// The integrand at frequency k from its velocity components at `q`.
                            @inline(__always) func integrand(_ q: UnsafeMutablePointer<Lanes>, _ k: Int) -> Lanes {
                                let ure = (q[0] * dx + q[1] * dy) + q[2] * dz
                                let uim = (q[3] * dx + q[4] * dy) + q[5] * dz
                                return (ure * ure + uim * uim) * Lanes(repeating: spectrum[k])
                            }
                            // (the first frequency peeled off: it only starts the sum's first interval)
                            var sum = Lanes(repeating: 0), previous = integrand(mv.baseAddress!, start)
                            var q = mv.baseAddress! + 6
                            for k in start + 1 ..< nw {
                                let y = integrand(q, k)
                                sum += Lanes(repeating: 0.5) * (previous + y) * Lanes(repeating: steps[k])
                                previous = y
                                q += 6
                            }
                            let r = sum.squareRoot()
                            for j in 0..<lanes { sigmas[5 &* (g &+ j) &+ slot] = r[j] }
                        }
                    }
                }
            } }
            return out
        }
        let sig = nodeSigmas()
        // Each node's blocks, written through pointers (`Blocks.add`): per entry the additions the dense assembly made, in its order —
        // `+0 + sign·v` for a node's first contribution to a matrix, then `+ sign·v` for its second — with each
        // element's matrices formed row by row with the operations `Matrix3`'s operators make on each entry, in their
        // order (through the operators and tuples of whole matrices this was most of a damping update's work
        // outside the σ integrals, and of the statics' ω = 0 calls).
        let cdn = t.transverseDrag, cdt = t.tangentialDrag, mI = Matrix3.identity
        let all = selection == .all
        /// Rows of element k of `node` (σ along its tangent, h and normal: `st`, `sh`, `sp`): damping
        /// `dragScale·(Cdn·(σh·hh + σp·pp) + (Cdt·σt)·tt)` and, for `.all`, added mass
        /// `(ρπd²/4·l/2)·(Can·(hh + pp) + Cat·tt)` and stiffness `(EA/l)·tt + (T/l)·(hh + pp)`.
        @inline(__always) func element(_ node: Int, _ k: Int, _ st: Double, _ sh: Double, _ sp: Double)
            -> (length: Double, damp: Matrix3, added: Matrix3, stiff: Matrix3) {
            let e = geo.elements[2 &* node &+ k]
            let le = e.length, tt = e.tt, pp = e.pp
            let cdtSt = cdt * st, scale = e.dragScale
            @inline(__always) func row(_ h: Vec3, _ p: Vec3, _ q: Vec3) -> Vec3 { scale * (cdn * (sh * h + sp * p) + cdtSt * q) }
            let damp = Matrix3(row(hh.rows.0, pp.rows.0, tt.rows.0), row(hh.rows.1, pp.rows.1, tt.rows.1),
                               row(hh.rows.2, pp.rows.2, tt.rows.2))
            guard all else { return (le, damp, .zero, .zero) }
            let ca = 1025 * Double.pi / 4 * t.diameter * t.diameter * le / 2
            let can = t.transverseAddedMass, cat = t.tangentialAddedMass
            let ea = t.stiffness / le, tl = nodeTensions[node] / le
            @inline(__always) func addedRow(_ h: Vec3, _ p: Vec3, _ q: Vec3) -> Vec3 { ca * (can * (h + p) + cat * q) }
            @inline(__always) func stiffRow(_ h: Vec3, _ p: Vec3, _ q: Vec3) -> Vec3 { ea * q + tl * (h + p) }
            let added = Matrix3(addedRow(hh.rows.0, pp.rows.0, tt.rows.0), addedRow(hh.rows.1, pp.rows.1, tt.rows.1),
                                addedRow(hh.rows.2, pp.rows.2, tt.rows.2))
            let stiff = Matrix3(stiffRow(hh.rows.0, pp.rows.0, tt.rows.0), stiffRow(hh.rows.1, pp.rows.1, tt.rows.1),
                                stiffRow(hh.rows.2, pp.rows.2, tt.rows.2))
            return (le, damp, added, stiff)
        }
        /// `Matrix3 + Matrix3` (row by row).
        @inline(__always) func sum(_ a: Matrix3, _ b: Matrix3) -> Matrix3 {
            Matrix3(a.rows.0 + b.rows.0, a.rows.1 + b.rows.1, a.rows.2 + b.rows.2)
        }
        let seabedZ = -depth, seabedBand = 1e-8 + seabedTolerance * abs(-depth)
        /// Every node's blocks into `b` and, for `.all`, `m`, `a`, `k`, `below`, `above` (nil for `.dampingOnly`).
        func assemble(b: UnsafeMutablePointer<Double>, m: UnsafeMutablePointer<Double>?, a: UnsafeMutablePointer<Double>?,
                      k: UnsafeMutablePointer<Double>?, below: UnsafeMutablePointer<Double>?, above: UnsafeMutablePointer<Double>?) {
            @inline(__always) func seabed(_ node: Int) {
                if abs(nodes[node].z - seabedZ) <= seabedBand {
                    if let k { k[9 &* node &+ 8] += kbot }
                    b[9 &* node &+ 8] += cbot
                }
            }
            // end nodes: element 0 only (node 0 toward node 1, node N−1 toward node N−2)
            @inline(__always) func end(_ i: Int, coupling: UnsafeMutablePointer<Double>?) {
                let s = 5 &* i
                let el = element(i, 0, sig[s &+ 1], sig[s], sig[s &+ 2])
                if let m, let a { Blocks.add(m, i, (t.massDensity * el.length / 2) * mI); Blocks.add(a, i, el.added) }
                Blocks.add(b, i, el.damp)
                if let k, let coupling { Blocks.add(k, i, el.stiff); Blocks.add(coupling, i, el.stiff, -1) }
                seabed(i)
            }
            end(0, coupling: above)
            if n > 2 {
                for i in 1 ..< n - 1 {
                    let s = 5 &* i
                    let e0 = element(i, 0, sig[s &+ 1], sig[s], sig[s &+ 2])
                    let e1 = element(i, 1, sig[s &+ 3], sig[s], sig[s &+ 4])
                    if let m, let a {
                        Blocks.add(m, i, (t.massDensity * e0.length / 2) * mI)
                        Blocks.add(m, i, (t.massDensity * e1.length / 2) * mI)
                        Blocks.add(a, i, sum(e0.added, e1.added))
                    }
                    Blocks.add(b, i, sum(e0.damp, e1.damp))
                    if let k, let below, let above {
                        Blocks.add(k, i, sum(e0.stiff, e1.stiff))
                        Blocks.add(below, i, e0.stiff, -1); Blocks.add(above, i, e1.stiff, -1)
                    }
                    seabed(i)
                }
            }
            end(n - 1, coupling: below)
        }
        out.b.withUnsafeMutableBufferPointer { bp in
            guard all else { return assemble(b: bp.baseAddress!, m: nil, a: nil, k: nil, below: nil, above: nil) }
            out.m.withUnsafeMutableBufferPointer { mp in
                out.a.withUnsafeMutableBufferPointer { ap in
                    out.k.withUnsafeMutableBufferPointer { kp in
                        out.kBelow.withUnsafeMutableBufferPointer { lp in
                            out.kAbove.withUnsafeMutableBufferPointer { up in
                                assemble(b: bp.baseAddress!, m: mp.baseAddress!, a: ap.baseAddress!, k: kp.baseAddress!,
                                         below: lp.baseAddress!, above: up.baseAddress!)
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// `lump_matrix` of a block-diagonal matrix (M, A or B; `diagonal` = its node blocks as in `Blocks`), equal
    /// bit for bit to `lumped(dense)`: the kept end nodes have no coupling to the condensed nodes, so the Guyan
    /// correction `K_cu K_uu⁻¹ K_uc` is exactly +0 and only the symmetrised end blocks remain.
    /// nil when that argument does not hold (a non-finite entry, no node left): use the dense route.
    func lumpedBlockDiagonal(_ diagonal: [Double]) -> [Double]? {
        guard DoubleScan.allFinite(diagonal) else { return nil }
        let n = count
        // (the nodes `lumped` drops, found from each end: only the first and last kept ones are read)
        @inline(__always) func removed(_ i: Int) -> Bool { nodes[i].z <= -depth + 1e-06 }
        guard let firstKept = (0..<n).first(where: { !removed($0) }),
              let lastKept = (0..<n).reversed().first(where: { !removed($0) }) else { return nil }
        // (M + Mᵀ)/2 between nodes p and q (zero off the block diagonal), as the dense symmetrisation computes it.
        func sym(_ p: Int, _ r: Int, _ q: Int, _ c: Int) -> Double {
            p == q ? (diagonal[9 * p + 3 * r + c] + diagonal[9 * p + 3 * c + r]) / 2 : (0.0 + 0.0) / 2
        }
        var out = [Double](repeating: 0, count: 36)
        let firstRemoved = removed(0), lastRemoved = removed(n - 1)
        if !firstRemoved && !lastRemoved {
            let ends = [firstKept, lastKept]
            for a in 0..<2 { for r in 0..<3 { for b in 0..<2 { for c in 0..<3 {
                out[(3 * a + r) * 6 + 3 * b + c] = sym(ends[a], r, ends[b], c)
            } } } }
        }
        if firstRemoved {
            out = [Double](repeating: 0, count: 36)
            for i in 0..<3 { for j in 0..<3 { out[(3 + i) * 6 + 3 + j] = sym(lastKept, i, lastKept, j) } }
        }
        if lastRemoved {
            out = [Double](repeating: 0, count: 36)
            for i in 0..<3 { for j in 0..<3 { out[i * 6 + j] = sym(firstKept, i, firstKept, j) } }
        }
        return out
    }
}

extension LumpedMassLine {
    /// `lumped(blocks.denseStiffness)` without forming the dense 3N×3N K: equal bit for bit.
    ///
    /// The dense route symmetrises all (3N)² entries, copies the condensed ones into `K_uu` and hands it to LAPACK.
    /// Every entry off the block tridiagonal is `(+0 + +0)/2 = +0` there, so here `K_uu` starts as zeros and only the
    /// entries of node pairs at most one node apart (within five kept DOFs of each other) are formed, each with the
    /// dense route's `(K[r, c] + K[c, r])/2`. LAPACK (or the pseudo-inverse) then gets the same `K_uu` and `K_uc`, and
    /// the Guyan correction `K_cu X` is summed over every condensed DOF in the dense route's order.
    /// (Statics with moorMod 2 reduce every line's K at every pose; this was most of that reduction's time.)
    func lumpedStiffness(_ blocks: Blocks) throws(MooringError) -> [Double] {
        let n = count
        let k = blocks.k, below = blocks.kBelow, above = blocks.kAbove
        var removedFlags = [Bool](repeating: false, count: n)
        for i in 0..<n where nodes[i].z <= -depth + 1e-06 { removedFlags[i] = true }
        // Kept DOF r is component `components[r]` of node `keptNodes[r]` (dense index 3·node + component).
        var keptNodes: [Int] = [], components: [Int] = []
        keptNodes.reserveCapacity(3 * n); components.reserveCapacity(3 * n)
        for i in 0..<n where !removedFlags[i] { for c in 0..<3 { keptNodes.append(i); components.append(c) } }
        let nk = keptNodes.count
        /// The symmetrised entry between kept DOFs r and c (the dense route's `at`): `(K[i, j] + K[j, i])/2` of the
        /// dense K (`Blocks.denseStiffness`: node p's row block holds K[p, p] in `k`, K[p, p−1] in `kBelow`,
        /// K[p, p+1] in `kAbove`, +0 elsewhere), both entries read from the blocks of their node pair.
        @inline(__always) func at(_ r: Int, _ c: Int) -> Double {
            let p = keptNodes[r], q = keptNodes[c], a = components[r], b = components[c]
            let pq = 9 &* p &+ 3 &* a &+ b, qp = 9 &* q &+ 3 &* b &+ a
            if p == q { return (k[pq] + k[qp]) / 2 }
            if q == p &- 1 { return (below[pq] + above[qp]) / 2 }
            if q == p &+ 1 { return (above[pq] + below[qp]) / 2 }
            return (0.0 + 0.0) / 2
        }
        // (free DOFs are kept DOFs in order: neighbours within one node are within five places, and every entry
        // further off is +0 in the dense K as in `K_uu`'s fill)
        return try Self.lumpOnto(count: nk, firstRemoved: removedFlags.first == true,
                                 lastRemoved: removedFlags.last == true, band: 5, at: at)
    }
}

extension LumpedMassLine {
    /// What `blocks` takes from the line's shape alone (node positions, line type): the same for every damping update
    /// of a drag iteration, so `dynamicTension` forms it once and each update reads it (the values each update formed,
    /// formed once).
    struct ElementGeometry: Sendable {
        /// One element as seen from one of its nodes.
        struct Element: Sendable {
            /// Length [m], unit tangent t (from the node toward the neighbour; at the last node from node N−2 to N−1,
            /// as in MoorPy) and normal p = t × h.
            var length = 0.0, tangent = Vec3.zero, normal = Vec3.zero
            /// tt and pp [–], and the drag prefactor `ρ/2 · d · l/2 · √(8/π)` [kg/m] (ρ = 1025 kg/m³).
            var tt = Matrix3.zero, pp = Matrix3.zero, dragScale = 0.0
        }
        /// The horizontal normal h of the line's vertical plane (`outOfPlane`) and hh.
        let h: Vec3, hh: Matrix3
        /// Node i's element toward its first neighbour (node 1 for node 0, else i − 1) at `[2i]`, toward node i + 1 at
        /// `[2i + 1]` (interior nodes; zero at the end nodes).
        let elements: [Element]
        /// The directions of the damping σ integrals as lane vectors of eight nodes (nodes 8g ..< 8g + 8, lane j node
        /// 8g + j; zero past the last node): direction `slot` (h, t₁, p₁, t₂, p₂; t₂ and p₂ zero at the end nodes)
        /// of group g, component c at `[3·(5g + slot) + c]`.
        let directions: [SIMD8<Double>]
    }

    /// This line's `ElementGeometry`; `directions: false` leaves its direction lanes empty (for `blocks` calls without
    /// σ integrals, which do not read them).
    func elementGeometry(directions formed: Bool = true) -> ElementGeometry {
        let n = count
        let h = LumpedMassLine.outOfPlane(nodes[0], nodes[n - 1])
        /// The element of `node` and its neighbour `other`: tangent from the node to the neighbour, except at the last
        /// node (from node N−2 to N−1).
        func element(_ node: Int, _ other: Int) -> ElementGeometry.Element {
            let (a, b) = node == n - 1 ? (n - 2, n - 1) : (node, other)
            let dr = nodes[b] - nodes[a]
            let le = norm(dr)
            let tv = dr / le, p = cross(tv, h)
            return ElementGeometry.Element(length: le, tangent: tv, normal: p, tt: Matrix3.outer(tv, tv), pp: Matrix3.outer(p, p),
                                           dragScale: 0.5 * 1025 * lineType.diameter * le / 2 * (8 / Double.pi).squareRoot())
        }
        var elements = [ElementGeometry.Element](repeating: ElementGeometry.Element(), count: 2 * n)
        for node in 0..<n {
            elements[2 * node] = element(node, node == 0 ? 1 : node - 1)
            if node > 0 && node < n - 1 { elements[2 * node + 1] = element(node, node + 1) }
        }
        /// Direction `slot` of `node` (zero for t₂, p₂ at the end nodes).
        func direction(_ node: Int, _ slot: Int) -> Vec3 {
            if slot == 0 { return h }
            let e = elements[2 * node + (slot - 1) / 2]
            return slot % 2 == 1 ? e.tangent : e.normal
        }
        let width = SIMD8<Double>.scalarCount, groups = formed ? (n + width - 1) / width : 0
        let directions = [SIMD8<Double>](unsafeUninitializedCapacity: 15 * groups) { p, count in
            for g in 0..<groups {
                for slot in 0..<5 {
                    var x = SIMD8<Double>(repeating: 0), y = x, z = x
                    for j in 0 ..< min(width, n - width * g) {
                        let d = direction(width * g + j, slot)
                        x[j] = d.x; y[j] = d.y; z[j] = d.z
                    }
                    let q = p.baseAddress! + 3 * (5 * g + slot)
                    q.initialize(to: x); (q + 1).initialize(to: y); (q + 2).initialize(to: z)
                }
            }
            count = 15 * groups
        }
        return ElementGeometry(h: h, hh: Matrix3.outer(h, h), elements: elements, directions: directions)
    }
}
