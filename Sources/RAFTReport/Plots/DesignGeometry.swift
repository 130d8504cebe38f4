#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT

/// The 3-D outline of a design at one pose, for drawing (`raft plot --geometry`): member surfaces as convex pieces,
/// rotor discs, mooring-line profiles from the quasi-static mooring solution. Global frame, z up, metres.
package struct DesignGeometry: Sendable {
    /// Part of a FOWT a solid belongs to (drawing colour).
    package enum Part: String, Sendable { case platform, tower, nacelle, rotor }

    /// One convex piece of a member (one section between two stations) or a rotor disc: its outline points.
    /// The silhouette in any view is the convex hull of the projected points.
    package struct Solid: Sendable {
        package var name: String
        package var part: Part
        package var points: [Vec3]
        /// Pieces of one member share a group number (drawn as one outline).
        package var group: Int = 0
    }

    /// A mooring line: node positions from end A to end B.
    package struct Line: Sendable {
        package var name: String
        package var nodes: [Vec3]
        /// Shared (array) line rather than a FOWT's own.
        package var shared: Bool
    }

    package var designName: String
    package var waterDepth: Double
    package var solids: [Solid]
    package var lines: [Line]
    /// Pose of each FOWT that was drawn (surge, sway, heave [m], roll, pitch, yaw [deg]), absolute.
    package var poses: [[Double]]
    /// What the drawing shows and leaves out (pose, line shapes).
    package var notes: [String]

    /// Points on a member section's outline at station distance `s` along the axis (size `d`: diameter, or sides
    /// along p1 and p2 for rectangles).
    static func ring(_ m: Member, at s: Double, size d: SIMD2<Double>, count: Int = 24) -> [Vec3] {
        let c = m.rA + s * m.q
        if m.shape == .rectangular {
            let a = 0.5 * d.x * m.p1, b = 0.5 * d.y * m.p2
            return [c + a + b, c + a - b, c - a - b, c - a + b]
        }
        return (0..<count).map { k in
            let t = 2 * Double.pi * Double(k) / Double(count)
            return c + 0.5 * d.x * (cos(t) * m.p1 + sin(t) * m.p2)
        }
    }

    /// The sections of a placed member as convex pieces (sections of zero length are skipped).
    static func solids(of m: Member, part: Part, group: Int) -> [Solid] {
        var out: [Solid] = []
        for i in 1..<m.stations.count where m.stations[i] > m.stations[i - 1] {
            out.append(Solid(name: m.name, part: part,
                             points: ring(m, at: m.stations[i - 1], size: m.sizes[i - 1]) + ring(m, at: m.stations[i], size: m.sizes[i]),
                             group: group))
        }
        return out
    }

    /// Points of a cylinder of radius `r` from `a` to `b` (its convex hull is the cylinder).
    static func cylinder(from a: Vec3, to b: Vec3, radius r: Double) -> [Vec3] {
        let axis = (b - a) / max(norm(b - a), 1e-9)
        var u = cross(axis, Vec3(0, 0, 1))
        if norm(u) < 1e-9 { u = Vec3(0, 1, 0) }
        u = u / norm(u)
        let v = cross(axis, u)
        return [a, b].flatMap { c in (0..<16).map { k -> Vec3 in
            let t = 2 * Double.pi * Double(k) / 16
            return c + r * (cos(t) * u + sin(t) * v)
        } }
    }

    /// Build the geometry of `design`: a single FOWT at its unloaded equilibrium (RAFT `analyzeUnloaded`), arrays at
    /// their reference positions (RAFT has no unloaded analysis for arrays). Mooring lines are solved at that pose.
    package static func build(_ design: Design) throws -> DesignGeometry {
        var notes: [String] = []
        var offsets = [[Double]](repeating: [0, 0, 0, 0, 0, 0], count: design.fowts.count)
        if design.fowts.count == 1 && design.arrayMooring == nil {
            do {
                // Rigid or flexible (PRP first in the flexible model's reduced offsets).
                offsets[0] = Array(try analyzeUnloadedEigen(design).offset.prefix(6))
                notes.append("pose: unloaded equilibrium (no wind, waves or current)")
            } catch {
                notes.append("pose: undisplaced (the unloaded equilibrium could not be solved: \(error))")
            }
        } else {
            notes.append("pose: undisplaced reference positions (RAFT has no unloaded equilibrium for arrays)")
        }
        var solids: [Solid] = [], lines: [Line] = [], poses: [[Double]] = []
        var composite = 0
        var seabed: Double?
        for (j, entry) in design.fowts.enumerated() {
            let r6 = zip([entry.x, entry.y, 0, 0, 0, 0], offsets[j]).map { $0 + $1 }
            poses.append(r6[0..<3] + r6[3...].map { $0 * 180 / .pi })
            let t = Vec3(r6[0], r6[1], r6[2]), rot = Vec3(r6[3], r6[4], r6[5])
            let fm = try FOWTMembers(design: design, fowt: j)
            if j == 0, fm.members.contains(where: { $0.type == .beam }) {
                notes.append("flexible (beam) members drawn straight, moved with the platform reference point (their deflections are not drawn)")
            }
            for m in fm.placed(translation: t, rotation: rot) {
                let part: Part = m.part == .platform ? .platform : m.part == .tower ? .tower : .nacelle
                solids += Self.solids(of: m, part: part, group: solids.count)
            }
            // Rotor discs: hub at the shaft's overhang from the RNA reference point, radius Rtip, normal to the shaft.
            if let ti = entry.turbineIndex {
                let R = rotationMatrix(roll: rot.x, pitch: rot.y, yaw: rot.z)
                let blades = design.turbines[ti].blades
                for (k, rna) in fm.rnas.enumerated() where !blades.isEmpty {
                    let radius = blades[min(k, blades.count - 1)].tipRadius
                    let axis = R * rna.shaftAxis
                    let hub = t + R * (rna.referencePoint + rna.overhang * rna.shaftAxis)
                    var u = cross(axis, Vec3(0, 0, 1))
                    if norm(u) < 1e-9 { u = Vec3(0, 1, 0) }
                    u = u / norm(u)
                    let v = cross(axis, u)
                    let pts = (0..<48).map { i -> Vec3 in
                        let a = 2 * Double.pi * Double(i) / 48
                        return hub + radius * (cos(a) * u + sin(a) * v)
                    }
                    solids.append(Solid(name: "rotor \(k + 1)", part: .rotor, points: pts, group: solids.count))
                    // Shaft from the RNA reference point (tower top) to the hub, when no nacelle member draws it.
                    if !fm.members.contains(where: { $0.part == .nacelle }) {
                        let top = t + R * rna.referencePoint
                        solids.append(Solid(name: "shaft \(k + 1)", part: .nacelle, points: Self.cylinder(from: top, to: hub, radius: 0.025 * radius),
                                            group: solids.count))
                    }
                }
            }
            if var ms = try MooringSystem(design: design, fowtIndex: j) {
                seabed = max(seabed ?? 0, ms.depth)
                try ms.setPose(r6)
                let (l, c) = try profiles(&ms, shared: false, prefix: design.fowts.count > 1 ? "FOWT \(j + 1) line" : "line")
                lines += l
                composite += c
            }
        }
        if design.arrayMooring != nil {
            do {
                if var ms = try MooringSystem(arrayOf: design) {
                    seabed = max(seabed ?? 0, ms.depth)
                    try ms.setPoses(poses.map { p in p[0..<3] + p[3...].map { $0 * .pi / 180 } })
                    let (l, c) = try profiles(&ms, shared: true, prefix: "shared line")
                    lines += l
                    composite += c
                }
            } catch {
                notes.append("shared mooring lines not drawn: \(error)")
            }
        }
        notes.append("mooring lines: quasi-static catenary profiles at this pose")
        let depth = seabed ?? design.site.waterDepth
        if depth != design.site.waterDepth {
            notes.append("seabed drawn at the mooring depth, \(RunFolder.Case.short(depth)) m (site.water_depth, used for the waves, is \(RunFolder.Case.short(design.site.waterDepth)) m)")
        }
        if composite > 0 { notes.append("\(composite) composite line(s) drawn as straight chords between their ends") }
        return DesignGeometry(designName: design.name ?? (design.file).pathLastComponent, waterDepth: depth,
                              solids: solids, lines: lines, poses: poses, notes: notes)
    }

    /// Node profiles of every line of a solved system (each line re-solved with at least 40 segments).
    static func profiles(_ ms: inout MooringSystem, shared: Bool, prefix: String) throws -> (lines: [Line], composite: Int) {
        var out: [Line] = [], composite = 0
        for l in ms.lines.indices {
            let name = "\(prefix) \(l + 1)"
            if ms.lines[l].subsystem != nil {
                out.append(Line(name: name, nodes: [ms.lines[l].endA, ms.lines[l].endB], shared: shared))
                composite += 1
                continue
            }
            ms.lines[l].segments = max(ms.lines[l].segments, 40)
            try ms.lines[l].staticSolve(depth: ms.depth, rho: ms.rho, g: ms.g, tolerance: 1e-4, profiles: true)
            let nodes = ms.lines[l].nodePositions
            out.append(Line(name: name, nodes: nodes.isEmpty ? [ms.lines[l].endA, ms.lines[l].endB] : nodes, shared: shared))
        }
        return (out, composite)
    }
}
