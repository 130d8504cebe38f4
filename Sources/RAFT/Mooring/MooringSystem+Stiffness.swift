#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK

extension MooringSystem {
    /// MoorPy `Point.getStiffnessA(lines_only, xyz=True)` [N/m].
    package func pointStiffness(_ p: Int, linesOnly: Bool) -> Matrix3 {
        let pt = points[p]
        var k = Matrix3.zero
        for e in pt.lineEnds { k = k + (e.isEndB ? lines[e.line].stiffnessB : lines[e.line].stiffnessA) }
        if !linesOnly {
            let z = pt.position.z
            if z + MooringPoint.zSpan.upper > 0 && z + MooringPoint.zSpan.lower < 0 {
                k[2, 2] += rho * g * pt.volume / (MooringPoint.zSpan.upper - MooringPoint.zSpan.lower)
            }
            if z < MooringPoint.zTol - depth { k[2, 2] += max(pt.mass - pt.volume * rho, 0) * g / MooringPoint.zTol }
            if z == -depth { k[2, 2] += 1.0e12 }
        }
        return k
    }

    /// MoorPy `Body.getStiffnessA(lines_only)` — analytic 6×6 about the body reference, global axes, with the
    /// load-rotation term `−H(f)·H(a)`; the rot-rot block is not symmetric in general (spec 04 §5.2).
    /// As in MoorPy the point terms always use the points' total force and full stiffness.
    package func bodyStiffness(_ b: Int) -> Matrix6 {
        var k = Matrix6()
        var kTR = Matrix3.zero, kRR = Matrix3.zero, kTT = Matrix3.zero
        let body = bodies[b]
        for att in body.attachments {
            let a = body.rotation * att.relative
            let f3 = pointForce(att.point, linesOnly: false)
            let k3 = pointStiffness(att.point, linesOnly: false)
            let h = Matrix3.skew(a)
            kTT = kTT + k3
            kTR = kTR + k3 * h
            kRR = kRR + ((-1.0) * (Matrix3.skew(f3) * h) - h * (k3 * h))
        }
        k.setBlock(0, 0, kTT)
        k.setBlock(0, 1, kTR)
        k.setBlock(1, 0, kTR.transposed)
        k.setBlock(1, 1, kRR)
        return k
    }

    /// MoorPy `getSystemStiffnessA(DOFtype, lines_only)` (spec 04 §5.3): body blocks, body–body and
    /// body–point coupling through lines (always with `KBAᵀ`, spec 04 pitfall 8), point blocks. Row-major n×n.
    package func systemStiffness(_ sel: DOFSelection, linesOnly: Bool) -> [Double] {
        let full = fullSystemStiffness(sel, linesOnly: linesOnly)
        let active = activeDOFIndices(sel)
        let nFull = bodies.reduce(0) { $0 + (sel.contains($1.kind) ? 6 : 0) } + points.reduce(0) { $0 + (sel.contains($1.kind) ? 3 : 0) }
        if active.count == nFull { return full }
        let n = active.count
        var k = [Double](repeating: 0, count: n * n)
        for (a, r) in active.enumerated() { for (b, c) in active.enumerated() { k[a * n + b] = full[r * nFull + c] } }
        return k
    }

    /// `systemStiffness` with 3 DOFs for every point (planar points not yet trimmed).
    func fullSystemStiffness(_ sel: DOFSelection, linesOnly: Bool) -> [Double] {
        let n = bodies.reduce(0) { $0 + (sel.contains($1.kind) ? 6 : 0) } + points.reduce(0) { $0 + (sel.contains($1.kind) ? 3 : 0) }
        var k = [Double](repeating: 0, count: n * n)
        func add(_ i0: Int, _ j0: Int, _ m: Matrix3, transpose: Bool = false) {
            for r in 0..<3 { for c in 0..<3 {
                let v = m[r, c]
                if transpose { k[(j0 + c) * n + i0 + r] += v } else { k[(i0 + r) * n + j0 + c] += v }
            } }
        }
        var i = 0
        for b1 in bodies.indices where sel.contains(bodies[b1].kind) {
            let k6 = bodyStiffness(b1)
            for r in 0..<6 { for c in 0..<6 { k[(i + r) * n + i + c] += k6[r, c] } }
            let body1 = bodies[b1]
            for att1 in body1.attachments {
                let h1 = Matrix3.skew(body1.rotation * att1.relative)
                let h1t = h1.transposed
                for end in points[att1.point].lineEnds {
                    let lineID = end.line
                    // MoorPy compares a list with 1 here, so the transpose is always taken.
                    let kb = lines[lineID].stiffnessBA.transposed
                    var found = false
                    var j = i + 6
                    for b2 in (b1 + 1) ..< bodies.count where sel.contains(bodies[b2].kind) {
                        let body2 = bodies[b2]
                        for att2 in body2.attachments where points[att2.point].lineEnds.contains(where: { $0.line == lineID }) {
                            let h2 = Matrix3.skew(body2.rotation * att2.relative)
                            let blocks = [(0, 0, kb), (0, 3, kb * h2), (3, 0, h1t * kb), (3, 3, (h2 * kb) * h1t)]
                            for (r0, c0, m) in blocks {
                                add(i + r0, j + c0, m)
                                add(i + r0, j + c0, m, transpose: true)
                            }
                            found = true
                            break
                        }
                        j += 6
                    }
                    if !found {
                        for p2 in points.indices where sel.contains(points[p2].kind) {
                            if points[p2].lineEnds.contains(where: { $0.line == lineID }) {
                                add(i, j, kb); add(i, j, kb, transpose: true)
                                add(i + 3, j, h1t * kb); add(i + 3, j, h1t * kb, transpose: true)
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
            add(i, i, pointStiffness(p, linesOnly: linesOnly))
            for end in points[p].lineEnds {
                var j = i + 3
                for p2 in (p + 1) ..< points.count where sel.contains(points[p2].kind) {
                    if points[p2].lineEnds.contains(where: { $0.line == end.line }) {
                        let kb = lines[end.line].stiffnessBA.transposed
                        add(i, j, kb); add(i, j, kb, transpose: true)
                    }
                    j += 3
                }
            }
            i += 3
        }
        return k
    }

    /// MoorPy `getCoupledStiffnessA(lines_only)`: the analytic stiffness of the coupled DOFs with the free
    /// DOFs Guyan-reduced (spec 04 §5.3). Row-major, `dofCount(.coupled)` square.
    package func coupledStiffness(linesOnly: Bool = true) throws(MooringError) -> [Double] {
        let kAll = systemStiffness(.both, linesOnly: linesOnly)
        let nFree = dofCount(.free)
        if nFree == 0 { return kAll }
        // DOF kinds in "both" order: bodies then points.
        var kinds: [DOFKind] = []
        for b in bodies where b.kind != .fixed { kinds += Array(repeating: b.kind, count: 6) }
        for p in points where p.kind != .fixed { kinds += Array(repeating: p.kind, count: p.planar ? 2 : 3) }
        let c = kinds.indices.filter { kinds[$0] == .coupled }, u = kinds.indices.filter { kinds[$0] == .free }
        let n = kinds.count, nc = c.count, nu = u.count
        func at(_ r: Int, _ s: Int) -> Double { kAll[r * n + s] }
        // Kuu⁻¹·Kuc by a linear solve (column-major for LAPACK).
        var kuu = [Double](repeating: 0, count: nu * nu), kuc = [Double](repeating: 0, count: nu * nc)
        for (a, r) in u.enumerated() { for (b, s) in u.enumerated() { kuu[b * nu + a] = at(r, s) } }
        for (a, r) in u.enumerated() { for (b, s) in c.enumerated() { kuc[b * nu + a] = at(r, s) } }
        let x: [Double]
        do { x = try RealLAPACK.solve(kuu, kuc, n: nu) } catch {
            throw .equilibrium("singular free-DOF stiffness in the Guyan reduction (\(error))")
        }
        var out = [Double](repeating: 0, count: nc * nc)
        for (a, r) in c.enumerated() {
            for (b, s) in c.enumerated() {
                var v = at(r, s)
                for (q, t) in u.enumerated() { v -= at(r, t) * x[b * nu + q] }
                out[a * nc + b] = v
            }
        }
        return out
    }
}
