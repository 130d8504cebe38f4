#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import Numerics
import LAPACK

/// moorMod 1/2 support (spec 04 §10): lumped-mass line models built from the catenary profiles.
extension MooringSystem {
    /// MoorPy `Line.getLineCoords` + line data: re-solve line `l` with profiles (Tol 1e-4, warm-started — this
    /// updates the warm start as in MoorPy) and return its lumped-mass model.
    ///
    /// For a composite line (MoorPy `Subsystem`) the model joins its lines' models, with node positions in the
    /// composite's local frame (x along the span A→B) as MoorPy's Subsystem has them — RAFT then drives it with
    /// global-frame end RAOs, as coded.
    package mutating func lumpedMassLine(_ l: Int) throws(MooringError) -> LumpedMassLine {
        if var sub = lines[l].subsystem {
            var parts: [LumpedMassLine] = []
            for k in sub.lines.indices { parts.append(try sub.lumpedMassLine(k)) }
            lines[l].subsystem = sub
            for k in parts.indices { parts[k].depth = depth }
            return LumpedMassLine(joining: parts)
        }
        try lines[l].staticSolve(depth: depth, rho: rho, g: g, tolerance: 1e-4, profiles: true, current: current)
        return LumpedMassLine(nodes: lines[l].nodePositions, nodeTensions: lines[l].nodeTensions,
                              lineType: lines[l].lineType, depth: depth)
    }

    /// RAFT `getLineEndsRAO` (spec 04 §10.1): translation RAOs `[iω][x, y, z]` of both ends of line `l` from the
    /// motions `xi[body]` (`[dof][iω]`, 6 × nw, at the body reference `bodyReference[body]`) of the bodies the
    /// end points are fixed to; ends on anchors have zero RAOs. `spectrum` is the wave spectrum S(ω).
    package func lineEndRAOs(_ l: Int, omegas: [Double], spectrum: [Double], xi: [[[Complex]]],
                            bodyReference: [Vec3]) -> (a: [[Complex]], b: [[Complex]]) {
        let nw = omegas.count
        let dw = nw > 1 ? omegas[1] - omegas[0] : 0
        let zeta = spectrum.map { (2 * $0 * dw).squareRoot() }
        func rao(_ end: Vec3) -> [[Complex]] {
            var out = [[Complex]](repeating: [Complex](repeating: Complex(0, 0), count: 3), count: nw)
            guard let p = points.firstIndex(where: { $0.position == end }) else { return out }
            guard let b = bodies.firstIndex(where: { $0.attachments.contains { $0.point == p } }),
                  xi.indices.contains(b), bodyReference.indices.contains(b) else { return out }
            let r = points[p].position - bodyReference[b]
            for k in 0..<nw where abs(zeta[k]) > 1e-6 {
                let q: [Complex] = (0..<6).map { xi[b][$0][k] / Complex(zeta[k], 0) }
                // translation + θ × r (small rotations, RAFT SmallRotate)
                let tx: Complex = q[0] + LumpedMassLine.scaled(q[4], r.z) - LumpedMassLine.scaled(q[5], r.y)
                let ty: Complex = q[1] + LumpedMassLine.scaled(q[5], r.x) - LumpedMassLine.scaled(q[3], r.z)
                let tz: Complex = q[2] + LumpedMassLine.scaled(q[3], r.y) - LumpedMassLine.scaled(q[4], r.x)
                out[k] = [tx, ty, tz]
            }
            return out
        }
        return (rao(lines[l].endA), rao(lines[l].endB))
    }

    /// MoorPy `Line.updateLumpedMass(omegas, S, depth, kbot=0, cbot=0, RAO_A, RAO_B)`: the end-reduced M, A, B, K
    /// of line `l`, from the converged dynamic-tension iteration when RAOs are given, else with unit node
    /// motions (drag then meaningless, as in MoorPy). Stored in `lines[l].lumped`.
    package mutating func updateLumpedMass(line l: Int, omegas: [Double] = [0], spectrum: [Double] = [0],
                                          raoA: [[Complex]]? = nil, raoB: [[Complex]]? = nil) throws(MooringError) {
        let first = try lumpedMassLine(l)
        // With current on the lines every MoorPy profile solve advances the lagged drag: replay its solves
        // (seabed nodes from the first, matrices from get_dynamic_matrices' own, one more per damping update).
        let withCurrent = current != nil
        // (statics kind: the matrices are functions of the model, ω and S only — kept per line, `LumpedStaticsMemo`)
        let statics = raoA == nil && raoB == nil && !withCurrent
        if statics, let kept = lines[l].lumpedStaticsMemo?.matching(first, omegas: omegas, spectrum: spectrum) {
            lines[l].lumped = kept
            return
        }
        let model = withCurrent ? try lumpedMassLine(l) : first
        let mats: LumpedMassLine.Blocks
        if raoA == nil && raoB == nil {
            mats = model.blocks(omegas: omegas, spectrum: spectrum, rDynamic: nil, stride: 3 * model.count)
        } else {
            let zero = [[Complex]](repeating: [Complex](repeating: Complex(0, 0), count: 3), count: omegas.count)
            var memo = lines[l].lumpedDynamicsMemo
            mats = try model.dynamicTension(omegas: omegas, spectrum: spectrum, raoA: raoA ?? zero, raoB: raoB ?? zero,
                                            memo: &memo, repeatable: !withCurrent, matricesOnly: true,
                                            refresh: { () throws(MooringError) -> LumpedMassLine? in withCurrent ? try lumpedMassLine(l) : nil }).blocks
            lines[l].lumpedDynamicsMemo = memo
        }
        // M, A, B are block-diagonal: their reduction is the symmetrised end blocks (no solve); K's needs the dense
        // Guyan solve (LAPACK, whose rounding a banded solver would not reproduce).
        func reduced(_ diagonal: [Double], _ dense: () -> [Double]) throws(MooringError) -> [Double] {
            if let r = first.lumpedBlockDiagonal(diagonal) { return r }
            return try first.lumped(dense())
        }
        let lumped = LumpedEndMatrices(mass: try reduced(mats.m) { mats.dense.m },
                                       addedMass: try reduced(mats.a) { mats.dense.a },
                                       damping: try reduced(mats.b) { mats.dense.b },
                                       stiffness: try reducedStiffness(line: l, model: first, mats))
        lines[l].lumped = lumped
        if statics { lines[l].lumpedStaticsMemo = LumpedStaticsMemo(model: first, omegas: omegas, spectrum: spectrum, lumped: lumped) }
    }

    /// `lump_matrix(K)` of line `l` (node heights and depth from `model`; `lumpedStiffness`, the dense route's bits),
    /// reusing the line's last reduction when its inputs are bit for bit the same (`LumpedStiffnessMemo`).
    mutating func reducedStiffness(line l: Int, model: LumpedMassLine, _ mats: LumpedMassLine.Blocks) throws(MooringError) -> [Double] {
        // (a closure, not the key path `\.z`: the key path's map went through `swift_getAtKeyPath` per node, ~900
        // instructions each, 5.6 M per VolturnUS-S-moorMod2 run)
        let heights = model.nodes.map { $0.z }
        if let r = lines[l].lumpedStiffnessMemo?.reduced(mats, heights: heights, depth: model.depth) { return r }
        let r = try model.lumpedStiffness(mats)
        lines[l].lumpedStiffnessMemo = LumpedStiffnessMemo(k: mats.k, kBelow: mats.kBelow, kAbove: mats.kAbove,
                                                           heights: heights, depth: model.depth, reduced: r)
        return r
    }

    /// MoorPy `updateSystemDynamicMatrices()` (ω = [0], S = [0]; moorMod-2 statics and eigen).
    package mutating func updateSystemDynamicMatrices() throws(MooringError) {
        for l in lines.indices { try updateLumpedMass(line: l) }
    }

    /// MoorPy `Body.getDynamicMatrices(lines_only=True)` for body `b` from the lines' lumped matrices
    /// (spec 04 §10.4): K like the analytic stiffness (with the load-rotation term), M, A, B without it.
    /// Returns (M, A, B, K) 6×6 about the body reference. Requires `updateLumpedMass` on the attached lines.
    package func bodyDynamicMatrices(_ b: Int) throws(MooringError) -> (m: Matrix6, a: Matrix6, b: Matrix6, k: Matrix6) {
        var out = (Matrix6(), Matrix6(), Matrix6(), Matrix6())
        var upper = [Matrix3](repeating: .zero, count: 4), tt = upper, rr = upper
        for att in bodies[b].attachments {
            let a = bodies[b].rotation * att.relative
            let h = Matrix3.skew(a)
            let f3 = pointForce(att.point, linesOnly: false)
            var m3 = [Matrix3](repeating: .zero, count: 4)
            for e in points[att.point].lineEnds {
                guard let lm = lines[e.line].lumped else {
                    throw .configuration("line \(e.line + 1) has no lumped-mass matrices; call updateLumpedMass first")
                }
                let o = e.isEndB ? 3 : 0
                for (q, mat) in [lm.mass, lm.addedMass, lm.damping, lm.stiffness].enumerated() {
                    var blk = Matrix3.zero
                    for r in 0..<3 { for c in 0..<3 { blk[r, c] = mat[(o + r) * 6 + o + c] } }
                    m3[q] = m3[q] + blk
                }
            }
            for q in 0..<4 {
                tt[q] = tt[q] + m3[q]
                upper[q] = upper[q] + m3[q] * h
                rr[q] = rr[q] - h * (m3[q] * h)
            }
            rr[3] = rr[3] - Matrix3.skew(f3) * h
        }
        var mats = [Matrix6](repeating: Matrix6(), count: 4)
        for q in 0..<4 {
            mats[q].setBlock(0, 0, tt[q]); mats[q].setBlock(0, 1, upper[q])
            mats[q].setBlock(1, 0, upper[q].transposed); mats[q].setBlock(1, 1, rr[q])
        }
        out = (mats[0], mats[1], mats[2], mats[3])
        return out
    }

    /// MoorPy `getSystemDynamicMatrices(DOFtype, lines_only=True)`: (M, A, B, K) row-major n×n over the
    /// selected DOFs (bodies, then points), from the lines' lumped end matrices. As coded in MoorPy: body
    /// blocks from `bodyDynamicMatrices`; body–body and body–point coupling only in K, through the upper-right
    /// (A–B) block of the line's lumped K; point–point coupling in all four matrices.
    package func systemDynamicMatrices(_ sel: DOFSelection) throws(MooringError) -> [[Double]] {
        let n = dofCount(sel)
        var mats = [[Double]](repeating: [Double](repeating: 0, count: n * n), count: 4)
        func add(_ q: Int, _ i0: Int, _ j0: Int, _ m: Matrix3, mirror: Bool) {
            for r in 0..<3 { for c in 0..<3 {
                mats[q][(i0 + r) * n + j0 + c] += m[r, c]
                if mirror { mats[q][(j0 + c) * n + i0 + r] += m[r, c] }
            } }
        }
        func crossBlock(_ line: Int, _ q: Int) throws(MooringError) -> Matrix3 {
            guard let lm = lines[line].lumped else {
                throw .configuration("line \(line + 1) has no lumped-mass matrices; call updateLumpedMass first")
            }
            let mat = [lm.mass, lm.addedMass, lm.damping, lm.stiffness][q]
            var blk = Matrix3.zero
            // MoorPy compares a list with 1 here, so the [:3, -3:] block is always used.
            for r in 0..<3 { for c in 0..<3 { blk[r, c] = mat[r * 6 + 3 + c] } }
            return blk
        }
        var i = 0
        for b1 in bodies.indices where sel.contains(bodies[b1].kind) {
            let d = try bodyDynamicMatrices(b1)
            for (q, m6) in [d.m, d.a, d.b, d.k].enumerated() {
                for r in 0..<6 { for c in 0..<6 { mats[q][(i + r) * n + i + c] += m6[r, c] } }
            }
            let body1 = bodies[b1]
            for att1 in body1.attachments {
                let h1t = Matrix3.skew(body1.rotation * att1.relative).transposed
                for end in points[att1.point].lineEnds {
                    let kb = try crossBlock(end.line, 3)
                    var found = false
                    var j = i + 6
                    for b2 in (b1 + 1) ..< bodies.count where sel.contains(bodies[b2].kind) {
                        let body2 = bodies[b2]
                        for att2 in body2.attachments where points[att2.point].lineEnds.contains(where: { $0.line == end.line }) {
                            let h2 = Matrix3.skew(body2.rotation * att2.relative)
                            for (r0, c0, m) in [(0, 0, kb), (0, 3, kb * h2), (3, 0, h1t * kb), (3, 3, (h2 * kb) * h1t)] {
                                add(3, i + r0, j + c0, m, mirror: true)
                            }
                            found = true
                            break
                        }
                        j += 6
                    }
                    if !found {
                        for p2 in points.indices where sel.contains(points[p2].kind) {
                            if points[p2].lineEnds.contains(where: { $0.line == end.line }) {
                                add(3, i, j, kb, mirror: true); add(3, i + 3, j, h1t * kb, mirror: true)
                                break
                            }
                            j += 3
                        }
                    }
                }
            }
            i += 6
        }
        for p in points.indices where sel.contains(points[p].kind) {
            for e in points[p].lineEnds {
                guard let lm = lines[e.line].lumped else {
                    throw .configuration("line \(e.line + 1) has no lumped-mass matrices; call updateLumpedMass first")
                }
                let o = e.isEndB ? 3 : 0
                for (q, mat) in [lm.mass, lm.addedMass, lm.damping, lm.stiffness].enumerated() {
                    var blk = Matrix3.zero
                    for r in 0..<3 { for c in 0..<3 { blk[r, c] = mat[(o + r) * 6 + o + c] } }
                    add(q, i, i, blk, mirror: false)
                }
            }
            for end in points[p].lineEnds {
                var j = i + 3
                for p2 in (p + 1) ..< points.count where sel.contains(points[p2].kind) {
                    if points[p2].lineEnds.contains(where: { $0.line == end.line }) {
                        for q in 0..<4 { add(q, i, j, try crossBlock(end.line, q), mirror: true) }
                    }
                    j += 3
                }
            }
            i += 3
        }
        return mats
    }

    /// MoorPy `getCoupledDynamicMatrices(lines_only=True)`: (M, A, B, K) of the coupled DOFs (row-major, 6 per
    /// coupled body), each Guyan-reduced over the free DOFs with its own free block (as coded in MoorPy).
    package func coupledDynamicMatricesAll() throws(MooringError) -> [[Double]] {
        let all = try systemDynamicMatrices(.both)
        if dofCount(.free) == 0 { return all }
        var kinds: [DOFKind] = []
        for b in bodies where b.kind != .fixed { kinds += Array(repeating: b.kind, count: 6) }
        for p in points where p.kind != .fixed { kinds += Array(repeating: p.kind, count: 3) }
        let c = kinds.indices.filter { kinds[$0] == .coupled }, u = kinds.indices.filter { kinds[$0] == .free }
        let n = kinds.count, nc = c.count, nu = u.count
        var out: [[Double]] = []
        for mat in all {
            func at(_ r: Int, _ s: Int) -> Double { mat[r * n + s] }
            var kuu = [Double](repeating: 0, count: nu * nu), kuc = [Double](repeating: 0, count: nu * nc)
            for (a, r) in u.enumerated() { for (b, s) in u.enumerated() { kuu[b * nu + a] = at(r, s) } }
            for (a, r) in u.enumerated() { for (b, s) in c.enumerated() { kuc[b * nu + a] = at(r, s) } }
            let x: [Double]
            if let solved = try? RealLAPACK.solve(kuu, kuc, n: nu) { x = solved } else {
                x = try LumpedMassLine.pseudoInverseTimes(kuu, kuc, n: nu, columns: nc)
            }
            var red = [Double](repeating: 0, count: nc * nc)
            for (a, r) in c.enumerated() {
                for (b, s) in c.enumerated() {
                    var v = at(r, s)
                    for (q, t) in u.enumerated() { v -= at(r, t) * x[b * nu + q] }
                    red[a * nc + b] = v
                }
            }
            out.append(red)
        }
        return out
    }

    /// `getCoupledDynamicMatrices(lines_only=True)` of a single-body system as 6×6 matrices.
    package func coupledDynamicMatrices() throws(MooringError) -> (m: Matrix6, a: Matrix6, b: Matrix6, k: Matrix6) {
        let all = try coupledDynamicMatricesAll()
        guard all[0].count == 36 else { throw .configuration("coupledDynamicMatrices needs exactly one coupled body; use coupledDynamicMatricesAll()") }
        func m6(_ v: [Double]) -> Matrix6 { Matrix6(rows: (0..<6).map { Array(v[6 * $0 ..< 6 * $0 + 6]) }) }
        return (m6(all[0]), m6(all[1]), m6(all[2]), m6(all[3]))
    }
}
