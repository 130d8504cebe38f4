import Foundation

/// MoorPy's `lines2ss` (spec 04 §9.1): chains of lines joined through non-anchor points become one composite
/// line (MoorPy `Subsystem`) appended at the end of the line list; the chain's lines and interior points
/// leave the parent system.
///
/// The composite keeps its lines and interior points in a small `MooringSystem` (global frame) whose end
/// points are coupled. Its solve mirrors `Subsystem.staticSolve`: interior equilibrium with the tolerance the
/// parent passes (0.01 when 0), end forces from the end points, end stiffness from the Guyan-reduced in-plane
/// (x along the span, z) blocks with the transverse term `Kt = −fB.x/LH`, and `KBA = −KB` (as coded).
extension MooringSystem {
    /// Convert composite lines (RAFT does this on the array system before its first tension output;
    /// later cases and the eigen analysis use the converted system — spec 04 pitfall 9).
    public mutating func convertCompositeLines() throws(MooringError) {
        var i = 0
        while i < points.count {
            guard let first = points[i].lineEnds.first else { i += 1; continue }
            var lineIDs: Set<Int> = [first.line], pointIDs: Set<Int> = [i]
            var linesOfInterest = Set<Int>(), pointsOfInterest = Set<Int>()
            while true {
                for l in lineIDs {
                    for p in points.indices where points[p].lineEnds.contains(where: { $0.line == l }) {
                        if !isGroundPoint(p) { linesOfInterest.formUnion(points[p].lineEnds.map(\.line)) }
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
            try makeComposite(lines: chainLines, points: chainPoints)
            try initialize()
            try solveEquilibrium()
            i += 1
        }
    }

    /// MoorPy ground-body points: fixed points that are not on a body (anchors).
    func isGroundPoint(_ p: Int) -> Bool { points[p].kind == .fixed && points[p].body == nil }

    mutating func makeComposite(lines chain: [Int], points chainPoints: [Int]) throws(MooringError) {
        guard chainPoints.count == chain.count + 1, let endAPoint = chainPoints.first, let endBPoint = chainPoints.last else {
            throw .configuration("composite line through points \(chainPoints.map { $0 + 1 }) is not a simple chain")
        }
        var sub = MooringSystem(depth: depth)  // MoorPy Subsystem defaults: rho 1025, g 9.81
        for (k, p) in chainPoints.enumerated() {
            var pt = MooringPoint(number: k + 1, kind: k == 0 || k == chainPoints.count - 1 ? .coupled : .free,
                                  position: points[p].position)
            pt.mass = points[p].mass; pt.volume = points[p].volume
            sub.points.append(pt)
        }
        for (k, l) in chain.enumerated() {
            var line = lines[l]
            line.number = k + 1
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
        var composite = MooringLine(number: 0, lineType: lines[chain[0]].lineType,
                                    length: chain.reduce(0) { $0 + lines[$1].length },
                                    segments: chain.reduce(0) { $0 + lines[$1].segments })
        composite.endA = points[endAPoint].position
        composite.endB = points[endBPoint].position
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
    /// `Subsystem.staticSolve(tol)` for a composite line (see `convertCompositeLines`).
    mutating func compositeSolve(_ sub: inout MooringSystem, tolerance: Double) throws(MooringError) {
        let tol = tolerance == 0 ? 0.01 : tolerance
        let n = sub.points.count - 1
        sub.setPointPosition(0, endA)
        sub.setPointPosition(n, endB)
        let dr = endB - endA
        let lh = (dr.x * dr.x + dr.y * dr.y).squareRoot(), lv = dr.z
        let rot = lh > 0 ? rotationMatrix(roll: 0, pitch: 0, yaw: atan2(dr.y, dr.x)) : .identity  // local → global
        let rt = rot.transposed
        try sub.solveEquilibrium(tolerance: tol)
        let k = try sub.coupledStiffness(linesOnly: false)  // 6×6: end A xyz, end B xyz (global)
        func block(_ r0: Int, _ c0: Int) -> Matrix3 {
            var m = Matrix3.zero
            for r in 0..<3 { for c in 0..<3 { m[r, c] = k[(r0 + r) * 6 + c0 + c] } }
            return rt * m * rot  // into the line's local frame
        }
        let fAL = rt * sub.pointForce(0, linesOnly: false), fBL = rt * sub.pointForce(n, linesOnly: false)
        let kt = lh < 0.01 * abs(lv) ? 0.5 * (fAL.z - fBL.z) / lv : -fBL.x / lh
        let a = block(0, 0), b = block(3, 3)
        let kAL = Matrix3(Vec3(a[0, 0], 0, a[0, 2]), Vec3(0, kt, 0), Vec3(a[2, 0], 0, a[2, 2]))
        let kBL = Matrix3(Vec3(b[0, 0], 0, b[0, 2]), Vec3(0, kt, 0), Vec3(b[2, 0], 0, b[2, 2]))
        tensionA = norm(fAL); tensionB = norm(fBL)
        forceA = rot * fAL; forceB = rot * fBL
        stiffnessA = rot * kAL * rt
        stiffnessB = rot * kBL * rt
        stiffnessBA = (-1.0) * stiffnessB
        profile = .suspended
    }
}
