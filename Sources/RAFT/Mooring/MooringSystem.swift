#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// A point where line ends meet (MoorPy `Point`).
package struct MooringPoint: Sendable {
    package var number: Int
    package var kind: DOFKind
    /// Position `r` [m] (global; never below the seabed).
    package var position: Vec3
    /// Mass [kg], volume [m³], external force [N].
    package var mass = 0.0, volume = 0.0
    package var externalForce = Vec3.zero
    /// `zSub`: depth below the seabed where the point was asked to be (≥ −zTol) [m].
    package var submergence = 0.0
    /// Attached line ends.
    package var lineEnds: [LineEnd] = []
    /// Only x and z are DOFs (MoorPy `DOFs = [0, 2]`, the points of a composite line's 2-D local frame);
    /// y keeps its value.
    package var planar = false
    /// Index of the body the point is fixed to, if any.
    package var body: Int?

    static let zTol = 2.0
    static let zSpan = (lower: -1.0, upper: 1.0)
}

/// A line end attached to a point: line index (0-based) and which end.
package struct LineEnd: Sendable, Equatable {
    package var line: Int
    package var isEndB: Bool
}

/// A rigid body carrying mooring points (MoorPy `Body`; RAFT's FOWT bodies are massless and coupled).
package struct MooringBody: Sendable {
    package var number: Int
    package var kind: DOFKind
    /// Position and orientation `r6` [m, rad] of the body reference point (the PRP for FOWTs).
    package var r6: [Double] = [0, 0, 0, 0, 0, 0]
    /// `R(r6[3...])`.
    package var rotation = Matrix3.identity
    /// Attached points and their positions relative to the body reference (body axes) [m].
    package var attachments: [(point: Int, relative: Vec3)] = []
}

/// Which DOFs an operation addresses (MoorPy `DOFtype`).
package enum DOFSelection: Sendable {
    case free, coupled, both
    func contains(_ k: DOFKind) -> Bool {
        switch self {
        case .free: return k == .free
        case .coupled: return k == .coupled
        case .both: return k != .fixed
        }
    }
}

/// A quasi-static mooring system equivalent to MoorPy 1.3.0's `System` as RAFT drives it (spec 04).
///
/// It is a value: the line warm starts (`LineWarmStart`) and positions are part of it, so RAFT's
/// history-dependent call sequence is reproduced by calling the same operations in the same order, and a
/// copy branches the state (e.g. one copy per sweep variant).
package struct MooringSystem: Sendable {
    /// MoorPy depth [m] (flat seabed), water density [kg/m³], gravity [m/s²].
    package var depth: Double, rho: Double, g: Double
    package var bodies: [MooringBody] = []
    package var points: [MooringPoint] = []
    package var lines: [MooringLine] = []
    /// `ms_tol`: tolerance RAFT passes to `solveEquilibrium` [m] (mooring `tol`, default 0.05).
    package var equilibriumTolerance = 0.05
    /// `moorMod` of the input (only 0/1 behave as quasi-static here).
    package var moorMod = 0
    /// Steady uniform current on the lines [m/s] (MoorPy `currentMod = 1`, `current`), or nil. RAFT sets it
    /// per case when `mooring.currentMod > 0` and `current_speed > 0` (spec 04 §11).
    package var current: Vec3?

    package init(depth: Double, rho: Double = 1025, g: Double = 9.81) {
        self.depth = depth; self.rho = rho; self.g = g
    }

    // MARK: - Assembly from input

    /// Add the points and lines of a layout (MoorPy `parseYAML`/`load(clear=False)`).
    ///
    /// `bodies` created before (array systems) are kept; MoorDyn `BodyN` points attach to them.
    package mutating func add(_ layout: MooringLayout) throws(MooringError) {
        let pointOffset = points.count
        for b in layout.bodies {
            var body = MooringBody(number: bodies.count + 1, kind: b.kind)
            body.r6 = b.r6
            bodies.append(body)
        }
        for p in layout.points {
            var point = MooringPoint(number: points.count + 1, kind: .fixed, position: p.location)
            point.mass = p.mass; point.volume = p.volume
            switch p.attachment {
            case .fixed: point.kind = .fixed
            case .free: point.kind = .free
            case .coupled: point.kind = .coupled
            case .body(let n):
                point.kind = .fixed
                if bodies.count < n {
                    // MoorPy creates one free body at the origin when a point names a missing body.
                    guard bodies.count == n - 1 else {
                        throw .configuration("point \(p.name) refers to body \(n) but only \(bodies.count) bodies exist")
                    }
                    bodies.append(MooringBody(number: n, kind: .free))
                }
                point.body = n - 1
                bodies[n - 1].attachments.append((points.count, p.location))
            }
            points.append(point)
        }
        for l in layout.lines {
            let index = lines.count
            lines.append(MooringLine(number: index + 1, lineType: layout.lineTypes[l.typeIndex], length: l.length, segments: l.segments))
            points[pointOffset + l.endA].lineEnds.append(LineEnd(line: index, isEndB: false))
            points[pointOffset + l.endB].lineEnds.append(LineEnd(line: index, isEndB: true))
        }
    }

    /// Build a FOWT's own mooring system as RAFT's `FOWT.__init__` does (spec 04 §1.1): parse, attach
    /// coupled points to a new coupled body (or make the single body coupled), `transform(trans, rot)`, then
    /// `initialize()`.
    ///
    /// - Parameters: `x`, `y`: FOWT reference position [m]; `headingDeg`: `heading_adjust` [deg].
    package init(input: MooringInput, x: Double = 0, y: Double = 0, headingDeg: Double = 0) throws(MooringError) {
        guard !input.layout.lines.isEmpty else {
            throw .configuration("the mooring section at \(input.location.path) defines no lines (line_types, points and lines are required)")
        }
        self.init(depth: input.waterDepth, rho: input.rho, g: input.g)
        equilibriumTolerance = input.tolerance
        moorMod = input.moorMod
        try add(input.layout)
        if bodies.isEmpty {
            var body = MooringBody(number: 1, kind: .coupled)
            for i in points.indices where points[i].kind == .coupled {
                body.attachments.append((i, points[i].position))
                points[i].kind = .fixed
                points[i].body = 0
            }
            bodies.append(body)
        } else if bodies.count == 1 {
            bodies[0].kind = .coupled
        } else {
            throw .configuration("more than one body detected in a FOWT mooring system")
        }
        transform(x: x, y: y, rotationDeg: headingDeg)
        try initialize()
    }

    /// The FOWT-level system of `design.fowts[fowtIndex]`, or nil when that FOWT has no own mooring.
    package init?(design: Design, fowtIndex: Int) throws(MooringError) {
        let entry = design.fowts[fowtIndex]
        guard let m = entry.mooringIndex else { return nil }
        try self.init(input: design.moorings[m], x: entry.x, y: entry.y, headingDeg: entry.headingAdjustDeg)
    }

    /// MoorPy `System.transform(trans, rot)` (spec 04 §1.4): rotate about z and translate bodies and points;
    /// body-attached points also have their relative positions rotated.
    package mutating func transform(x: Double, y: Double, rotationDeg: Double) {
        let rz = rotationMatrix(roll: 0, pitch: 0, yaw: rotationDeg * .pi / 180)
        let t = Vec3(x, y, 0)
        for b in bodies.indices {
            let r = rz * Vec3(bodies[b].r6[0], bodies[b].r6[1], bodies[b].r6[2]) + t
            bodies[b].r6[0] = r.x; bodies[b].r6[1] = r.y; bodies[b].r6[2] = r.z
        }
        for p in points.indices {
            points[p].position = rz * points[p].position + t
            for b in bodies.indices {
                if let k = bodies[b].attachments.firstIndex(where: { $0.point == p }) {
                    bodies[b].attachments[k].relative = rz * bodies[b].attachments[k].relative
                }
            }
        }
    }

    /// MoorPy `System.initialize()`: place everything and solve every line with Tol 1e-4 (composite lines
    /// with their default 0.01), warm-started from whatever the lines hold (nothing for new lines).
    package mutating func initialize() throws(MooringError) {
        for b in bodies.indices { setBodyPosition(b, bodies[b].r6) }
        for p in points.indices { setPointPosition(p, points[p].position) }
        for l in lines.indices {
            try lines[l].staticSolve(depth: depth, rho: rho, g: g, tolerance: lines[l].subsystem == nil ? 1e-4 : 0,
                                     profiles: true, current: current)
            // MoorPy then calls `Subsystem.initialize()`: its points re-placed, its lines re-solved (Tol 1e-4).
            if var sub = lines[l].subsystem {
                lines[l].subsystem = nil
                defer { lines[l].subsystem = sub }
                try sub.initialize()
            }
        }
    }

    // MARK: - Positions

    /// MoorPy `Point.setPosition`: keep the point above the seabed and move the attached line ends.
    package mutating func setPointPosition(_ p: Int, _ r: Vec3) {
        points[p].submergence = max(-MooringPoint.zTol, -r.z - depth)
        let pos = Vec3(r.x, r.y, max(r.z, -depth))
        points[p].position = pos
        for e in points[p].lineEnds {
            if e.isEndB { lines[e.line].endB = pos } else { lines[e.line].endA = pos }
        }
    }

    /// MoorPy `Body.setPosition(r6)`: place the attached points at `R·rRel + r6[0..<3]`.
    package mutating func setBodyPosition(_ b: Int, _ r6: [Double]) {
        bodies[b].r6 = r6
        let rot = rotationMatrix(roll: r6[3], pitch: r6[4], yaw: r6[5])
        bodies[b].rotation = rot
        let origin = Vec3(r6[0], r6[1], r6[2])
        for a in bodies[b].attachments { setPointPosition(a.point, rot * a.relative + origin) }
    }

    /// Solve every line at the current positions (`mooringEq` without position update).
    mutating func solveLines(tolerance: Double) throws(MooringError) {
        for l in lines.indices { try lines[l].staticSolve(depth: depth, rho: rho, g: g, tolerance: tolerance, current: current) }
    }

    // MARK: - DOF bookkeeping

    /// Number of DOFs of the selected kinds (bodies 6 each, points 3 each, planar points 2).
    package func dofCount(_ sel: DOFSelection) -> Int {
        bodies.reduce(0) { $0 + (sel.contains($1.kind) ? 6 : 0) }
            + points.reduce(0) { $0 + (sel.contains($1.kind) ? ($1.planar ? 2 : 3) : 0) }
    }

    /// Positions of the active DOFs within the full layout (bodies 6, every point 3): the y entries of planar
    /// points are left out (MoorPy trims rows and columns to each point's `DOFs`).
    func activeDOFIndices(_ sel: DOFSelection) -> [Int] {
        var out: [Int] = [], i = 0
        for b in bodies where sel.contains(b.kind) { out += Array(i ..< i + 6); i += 6 }
        for p in points where sel.contains(p.kind) { out += p.planar ? [i, i + 2] : [i, i + 1, i + 2]; i += 3 }
        return out
    }

    /// MoorPy `getPositions(DOFtype)`: bodies then points.
    package func positions(_ sel: DOFSelection) -> [Double] {
        var x: [Double] = []
        for b in bodies where sel.contains(b.kind) { x += b.r6 }
        for p in points where sel.contains(p.kind) {
            x += p.planar ? [p.position.x, p.position.z] : [p.position.x, p.position.y, p.position.z]
        }
        return x
    }

    /// MoorPy `setPositions(X, DOFtype)`.
    package mutating func setPositions(_ x: [Double], _ sel: DOFSelection) {
        var i = 0
        for b in bodies.indices where sel.contains(bodies[b].kind) { setBodyPosition(b, Array(x[i ..< i + 6])); i += 6 }
        for p in points.indices where sel.contains(points[p].kind) {
            if points[p].planar {
                setPointPosition(p, Vec3(x[i], points[p].position.y, x[i + 1])); i += 2
            } else {
                setPointPosition(p, Vec3(x[i], x[i + 1], x[i + 2])); i += 3
            }
        }
    }

    // MARK: - Forces

    /// MoorPy `Point.getForces(lines_only, xyz=True)` [N].
    package func pointForce(_ p: Int, linesOnly: Bool) -> Vec3 {
        let pt = points[p]
        var f = Vec3.zero
        if !linesOnly {
            f.z += -pt.mass * g
            if pt.position.z + MooringPoint.zSpan.upper < 0 {
                f.z += pt.volume * rho * g
            } else if pt.position.z + MooringPoint.zSpan.lower < 0 {
                f.z += pt.volume * rho * g * (pt.position.z + MooringPoint.zSpan.lower) / (MooringPoint.zSpan.lower - MooringPoint.zSpan.upper)
            }
            f += pt.externalForce
            f.z += max(pt.mass - pt.volume * rho, 0) * g * (pt.submergence + MooringPoint.zTol) / MooringPoint.zTol
        }
        for e in pt.lineEnds { f += e.isEndB ? lines[e.line].forceB : lines[e.line].forceA }
        return f
    }

    /// MoorPy `Body.getForces(lines_only)`: forces and moments about the body reference, global axes [N, N·m].
    /// (RAFT bodies carry no mass, volume or external load.)
    package func bodyForce(_ b: Int, linesOnly: Bool) -> [Double] {
        var f = [Double](repeating: 0, count: 6)
        let body = bodies[b]
        for a in body.attachments {
            let f3 = pointForce(a.point, linesOnly: linesOnly)
            let m = cross(body.rotation * a.relative, f3)
            f[0] += f3.x; f[1] += f3.y; f[2] += f3.z; f[3] += m.x; f[4] += m.y; f[5] += m.z
        }
        return f
    }

    /// MoorPy `System.getForces(DOFtype, lines_only)`: bodies then points.
    package func forces(_ sel: DOFSelection, linesOnly: Bool) -> [Double] {
        var f: [Double] = []
        for b in bodies.indices where sel.contains(bodies[b].kind) { f += bodyForce(b, linesOnly: linesOnly) }
        for p in points.indices where sel.contains(points[p].kind) {
            let v = pointForce(p, linesOnly: linesOnly); f += points[p].planar ? [v.x, v.z] : [v.x, v.y, v.z]
        }
        return f
    }

    /// MoorPy `getTensions()`: `[TA of every line, then TB of every line]` [N] (spec 04 §9).
    package func tensions() -> [Double] { lines.map { $0.tensionA } + lines.map { $0.tensionB } }
}
