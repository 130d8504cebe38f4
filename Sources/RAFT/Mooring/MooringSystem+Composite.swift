#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// MoorPy's `lines2ss` (spec 04 §9.1): chains of lines joined through non-anchor points become one composite
/// line (MoorPy `Subsystem`) appended at the end of the line list; the chain's lines and interior points
/// leave the parent system.
///
/// The composite keeps its lines and interior points in a small `MooringSystem` in MoorPy's 2-D local frame
/// (x along the span A→B, end B at x = 0 at conversion; points with DOFs x, z only — `MooringPoint.planar`),
/// built as `Subsystem.makeGeneric` does (fresh lines, interior points spread linearly, not at their solved
/// positions). Its solve mirrors `Subsystem.staticSolve`, warm-started from the previous interior solution, so
/// the interior positions — and, through the tolerance-limited solves of the ±0.1 m perturbations, the
/// finite-difference tension Jacobian — follow MoorPy's history (a 3-D global-frame solve agreed with the
/// converged physics but not with MoorPy's J, ~1e-3 relative on some entries).
extension MooringSystem {
    /// Convert composite lines (RAFT does this on the array system before its first tension output;
    /// later cases and the eigen analysis use the converted system — spec 04 pitfall 9).
    package mutating func convertCompositeLines() throws(MooringError) {
        var i = 0
        while i < points.count {
            guard let first = points[i].lineEnds.first else { i += 1; continue }
            var lineIDs: Set<Int> = [first.line], pointIDs: Set<Int> = [i]
            var linesOfInterest = Set<Int>(), pointsOfInterest = Set<Int>()
            while true {
                for l in lineIDs {
                    for p in points.indices where points[p].lineEnds.contains(where: { $0.line == l }) {
                        if !isGroundPoint(p) { linesOfInterest.formUnion(points[p].lineEnds.map({ $0.line })) }
                        pointsOfInterest.insert(p)
                    }
                }
                let done = linesOfInterest.count == lineIDs.count && pointsOfInterest.count == pointIDs.count
                lineIDs = linesOfInterest; pointIDs = pointsOfInterest
                if done || lineIDs.isEmpty { break }
            }
            if lineIDs.count <= 1 { i += 1; continue }
            var chainLines = lineIDs.sorted(), chainPoints = pointIDs.sorted()
            // Anchored (lowest point a fixed point within 20 % of the depth from the seabed) or suspended.
            let zs = chainPoints.map { points[$0].position.z }
            let kMin = zs.indices.min { zs[$0] < zs[$1] } ?? 0
            // MoorPy indexes the whole point list with the position inside the chain here (kept).
            let anchored = abs(abs(zs[kMin]) - depth) < 0.2 * depth && points.indices.contains(kMin) && points[kMin].kind == .fixed
            if anchored {
                let anchor = points[chainPoints[kMin]].position
                func meanDistance(_ l: Int) -> Double { 0.5 * (norm(lines[l].endA - anchor) + norm(lines[l].endB - anchor)) }
                chainLines.sort { meanDistance($0) < meanDistance($1) }
                chainPoints.sort { norm(points[$0].position - anchor) < norm(points[$1].position - anchor) }
            }
            try makeComposite(lines: chainLines, points: chainPoints, anchored: anchored)
            try initialize()
            try solveEquilibrium()
            i += 1
        }
    }

    /// MoorPy ground-body points: fixed points that are not on a body (anchors).
    func isGroundPoint(_ p: Int) -> Bool { points[p].kind == .fixed && points[p].body == nil }

    mutating func makeComposite(lines chain: [Int], points chainPoints: [Int], anchored: Bool) throws(MooringError) {
        guard chainPoints.count == chain.count + 1, let endAPoint = chainPoints.first, let endBPoint = chainPoints.last else {
            throw .configuration("composite line through points \(chainPoints.map { $0 + 1 }) is not a simple chain")
        }
        // MoorPy lines2subsystem: span between the chain's end A and end B, then Subsystem.makeGeneric in the
        // 2-D local frame (x along the span, end B at x = 0): end A at (−span, 0, −depth) when anchored, else
        // (−span, 0, 0); interior points spread linearly by cumulative length; every point has DOFs x, z only.
        let rA = lines[chain[0]].endA, rB = lines[chain[chain.count - 1]].endB
        let span = ((rA.x - rB.x) * (rA.x - rB.x) + (rA.y - rB.y) * (rA.y - rB.y)).squareRoot()
        let localA = Vec3(-span, 0, anchored ? -depth : 0), localB = Vec3.zero
        var cumulative: [Double] = []
        for l in chain { cumulative.append((cumulative.last ?? 0) + lines[l].length) }
        let total = cumulative[cumulative.count - 1]
        var sub = MooringSystem(depth: depth)  // MoorPy Subsystem defaults: rho 1025, g 9.81
        for (k, p) in chainPoints.enumerated() {
            let isEnd = k == 0 || k == chainPoints.count - 1
            let position: Vec3
            if k == 0 { position = localA } else if k == chainPoints.count - 1 { position = localB } else {
                position = localA + ((localB - localA) * cumulative[k - 1]) / total
            }
            var pt = MooringPoint(number: k + 1, kind: isEnd ? .coupled : .free, position: position)
            pt.planar = true
            pt.mass = points[p].mass; pt.volume = points[p].volume
            sub.points.append(pt)
        }
        for (k, l) in chain.enumerated() {
            // New MoorPy Line objects: no warm start, ends placed by the first solve.
            let line = MooringLine(number: k + 1, lineType: lines[l].lineType, length: lines[l].length, segments: lines[l].segments)
            guard let a = chainPoints.firstIndex(where: { p in points[p].lineEnds.contains(LineEnd(line: l, isEndB: false)) }),
                  let b = chainPoints.firstIndex(where: { p in points[p].lineEnds.contains(LineEnd(line: l, isEndB: true)) }) else {
                throw .configuration("line \(l + 1) of a composite line is not attached at both ends")
            }
            sub.points[a].lineEnds.append(LineEnd(line: k, isEndB: false))
            sub.points[b].lineEnds.append(LineEnd(line: k, isEndB: true))
            sub.lines.append(line)
        }
        guard sub.points[0].lineEnds.first?.isEndB == false, sub.points[sub.points.count - 1].lineEnds.first?.isEndB == true else {
            throw .configuration("composite line: its first line must start (end A) and its last line end (end B) at the chain ends")
        }
        for p in sub.points.indices {
            for e in sub.points[p].lineEnds {
                if e.isEndB { sub.lines[e.line].endB = sub.points[p].position } else { sub.lines[e.line].endA = sub.points[p].position }
            }
        }
        var composite = MooringLine(number: 0, lineType: lines[chain[0]].lineType,
                                    length: chain.reduce(0) { $0 + lines[$1].length },
                                    segments: chain.reduce(0) { $0 + lines[$1].segments })
        composite.endA = points[endAPoint].position
        composite.endB = points[endBPoint].position
        composite.compositeSpan = span
        composite.subsystem = sub

        // Remove the chain's lines and interior points, keep the others in order, append the composite.
        let removedPoints = Set(chainPoints.dropFirst().dropLast())
        let removedLines = Set(chain)
        var lineMap = [Int?](repeating: nil, count: lines.count), pointMap = [Int?](repeating: nil, count: points.count)
        var newLines: [MooringLine] = [], newPoints: [MooringPoint] = []
        for l in lines.indices where !removedLines.contains(l) { lineMap[l] = newLines.count; newLines.append(lines[l]) }
        for p in points.indices where !removedPoints.contains(p) { pointMap[p] = newPoints.count; newPoints.append(points[p]) }
        for p in newPoints.indices {
            newPoints[p].lineEnds = newPoints[p].lineEnds.compactMap { e in lineMap[e.line].map { LineEnd(line: $0, isEndB: e.isEndB) } }
        }
        for b in bodies.indices {
            bodies[b].attachments = bodies[b].attachments.compactMap { a in pointMap[a.point].map { ($0, a.relative) } }
        }
        composite.number = newLines.count + 1
        guard let pa = pointMap[endAPoint], let pb = pointMap[endBPoint] else {
            throw .configuration("composite line ends were removed")
        }
        newPoints[pa].lineEnds.append(LineEnd(line: newLines.count, isEndB: false))
        newPoints[pb].lineEnds.append(LineEnd(line: newLines.count, isEndB: true))
        newLines.append(composite)
        for l in newLines.indices { newLines[l].number = l + 1 }
        for p in newPoints.indices { newPoints[p].number = p + 1 }
        lines = newLines; points = newPoints
    }
}

extension MooringLine {
    /// `Subsystem.staticSolve(tol)` for a composite line (see `convertCompositeLines`): ends placed in the 2-D
    /// local frame at x = −span and −span + LH (LH = current horizontal end distance), interior equilibrium of
    /// the x, z DOFs (tolerance as passed, 0.01 when 0; lines at 0.01× that), warm-started from the previous
    /// interior positions; end forces with the points' own loads; end stiffness from the 4×4 Guyan-reduced
    /// end block with the transverse term `Kt = −fB.x/LH` (`0.5·(fA.z − fB.z)/LV` for a nearly vertical line),
    /// `KBA = −KB` (as coded); everything rotated by the heading A→B into the global frame.
    mutating func compositeSolve(_ sub: inout MooringSystem, tolerance: Double) throws(MooringError) {
        let tol = tolerance == 0 ? 0.01 : tolerance
        let n = sub.points.count - 1
        let dr = endB - endA
        let lh = hypot(dr.x, dr.y), lv = dr.z
        sub.setPointPosition(0, Vec3(-compositeSpan, 0, endA.z))
        sub.setPointPosition(n, Vec3(-compositeSpan + lh, 0, endB.z))
        let rot = lh > 0 ? rotationMatrix(roll: 0, pitch: 0, yaw: atan2(dr.y, dr.x)) : .identity  // local → global
        let rt = rot.transposed
        try sub.solveEquilibrium(tolerance: tol)
        let k = try sub.coupledStiffness(linesOnly: false)  // 4×4: end A (x, z), end B (x, z)
        let fAL = sub.pointForce(0, linesOnly: false), fBL = sub.pointForce(n, linesOnly: false)
        let kt = lh < 0.01 * abs(lv) ? 0.5 * (fAL.z - fBL.z) / lv : -fBL.x / lh
        let kAL = Matrix3(Vec3(k[0], 0, k[1]), Vec3(0, kt, 0), Vec3(k[4], 0, k[5]))
        let kBL = Matrix3(Vec3(k[10], 0, k[11]), Vec3(0, kt, 0), Vec3(k[14], 0, k[15]))
        tensionA = norm(fAL); tensionB = norm(fBL)
        forceA = rot * fAL; forceB = rot * fBL
        stiffnessA = (rot * kAL) * rt
        stiffnessB = (rot * kBL) * rt
        stiffnessBA = (rot * ((-1.0) * kBL)) * rt
        profile = .suspended
    }
}
