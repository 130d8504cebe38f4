import Foundation
import Numerics

/// moorMod 1/2 support (spec 04 §10): lumped-mass line models built from the catenary profiles.
extension MooringSystem {
    /// MoorPy `Line.getLineCoords` + line data: re-solve line `l` with profiles (Tol 1e-4, warm-started — this
    /// updates the warm start as in MoorPy) and return its lumped-mass model.
    ///
    /// For a composite line (MoorPy `Subsystem`) the model joins its lines' models, with node positions in the
    /// composite's local frame (x along the span A→B) as MoorPy's Subsystem has them — RAFT then drives it with
    /// global-frame end RAOs, as coded.
    public mutating func lumpedMassLine(_ l: Int) throws(MooringError) -> LumpedMassLine {
        if var sub = lines[l].subsystem {
            var parts: [LumpedMassLine] = []
            for k in sub.lines.indices { parts.append(try sub.lumpedMassLine(k)) }
            lines[l].subsystem = sub
            let dr = lines[l].endB - lines[l].endA
            let th = (dr.x * dr.x + dr.y * dr.y).squareRoot() > 0 ? atan2(dr.y, dr.x) : 0
            let toLocal = rotationMatrix(roll: 0, pitch: 0, yaw: -th)
            let origin = lines[l].endA
            for k in parts.indices {
                parts[k].nodes = parts[k].nodes.map { p in
                    let q = toLocal * (p - origin)
                    return Vec3(q.x, q.y, p.z)
                }
                parts[k].depth = depth
            }
            return LumpedMassLine(joining: parts)
        }
        try lines[l].staticSolve(depth: depth, rho: rho, g: g, tolerance: 1e-4, profiles: true, current: current)
        return LumpedMassLine(nodes: lines[l].nodePositions, nodeTensions: lines[l].nodeTensions,
                              lineType: lines[l].lineType, depth: depth)
    }

    /// RAFT `getLineEndsRAO` (spec 04 §10.1): translation RAOs `[iω][x, y, z]` of both ends of line `l` from the
    /// motions `xi[body]` (`[dof][iω]`, 6 × nw, at the body reference `bodyReference[body]`) of the bodies the
    /// end points are fixed to; ends on anchors have zero RAOs. `spectrum` is the wave spectrum S(ω).
    public func lineEndRAOs(_ l: Int, omegas: [Double], spectrum: [Double], xi: [[[Complex]]],
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
                let tx: Complex = q[0] + scaled(q[4], r.z) - scaled(q[5], r.y)
                let ty: Complex = q[1] + scaled(q[5], r.x) - scaled(q[3], r.z)
                let tz: Complex = q[2] + scaled(q[3], r.y) - scaled(q[4], r.x)
                out[k] = [tx, ty, tz]
            }
            return out
        }
        return (rao(lines[l].endA), rao(lines[l].endB))
    }

    /// MoorPy `Line.updateLumpedMass(omegas, S, depth, kbot=0, cbot=0, RAO_A, RAO_B)`: the end-reduced M, A, B, K
    /// of line `l`, from the converged dynamic-tension iteration when RAOs are given, else with unit node
    /// motions (drag then meaningless, as in MoorPy). Stored in `lines[l].lumped`.
    public mutating func updateLumpedMass(line l: Int, omegas: [Double] = [0], spectrum: [Double] = [0],
                                          raoA: [[Complex]]? = nil, raoB: [[Complex]]? = nil) throws(MooringError) {
        let model = try lumpedMassLine(l)
        let mats: LumpedMassLine.Matrices
        if raoA == nil && raoB == nil {
            mats = model.matrices(omegas: omegas, spectrum: spectrum)
        } else {
            let zero = [[Complex]](repeating: [Complex](repeating: Complex(0, 0), count: 3), count: omegas.count)
            mats = try model.dynamicTension(omegas: omegas, spectrum: spectrum, raoA: raoA ?? zero, raoB: raoB ?? zero).matrices
        }
        lines[l].lumped = LumpedEndMatrices(mass: try model.lumped(mats.m), addedMass: try model.lumped(mats.a),
                                            damping: try model.lumped(mats.b), stiffness: try model.lumped(mats.k))
    }

    /// MoorPy `updateSystemDynamicMatrices()` (ω = [0], S = [0]; moorMod-2 statics and eigen).
    public mutating func updateSystemDynamicMatrices() throws(MooringError) {
        for l in lines.indices { try updateLumpedMass(line: l) }
    }

    /// MoorPy `Body.getDynamicMatrices(lines_only=True)` for body `b` from the lines' lumped matrices
    /// (spec 04 §10.4): K like the analytic stiffness (with the load-rotation term), M, A, B without it.
    /// Returns (M, A, B, K) 6×6 about the body reference. Requires `updateLumpedMass` on the attached lines.
    public func bodyDynamicMatrices(_ b: Int) throws(MooringError) -> (m: Matrix6, a: Matrix6, b: Matrix6, k: Matrix6) {
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

    /// MoorPy `getCoupledDynamicMatrices(lines_only=True)` for a single-body system without free DOFs.
    public func coupledDynamicMatrices() throws(MooringError) -> (m: Matrix6, a: Matrix6, b: Matrix6, k: Matrix6) {
        let coupled = bodies.indices.filter { bodies[$0].kind == .coupled }
        guard coupled.count == 1, dofCount(.free) == 0, !points.contains(where: { $0.kind == .coupled }) else {
            throw .configuration("lumped-mass coupled matrices are implemented for one coupled body without free points")
        }
        return try bodyDynamicMatrices(coupled[0])
    }
}
