#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Panels on the interior waterplane (z = 0) of a surface-piercing hull: the "lid" of the irregular-frequency
/// removal (`BEMLidSystem`).
///
/// The waterline is taken from the hull mesh itself (panel edges with both ends at z = 0 that belong to one panel
/// only), chained into closed loops; each loop is closed by rings of panels shrinking towards the loop's area
/// centroid (the loop must be star-shaped about it, as the waterline sections of circular and rectangular
/// members are), with the azimuthal count halved towards the centre (transition quadrilaterals with a mid-edge
/// node, as RAFT's mesher does between rings) and a fan of triangles at the centre. A loop whose starting vertex
/// is chosen canonically (largest x) gives mirror-image lids for mirror-image waterlines, so an xz-symmetric hull
/// keeps an xz-symmetric lid. Normals point up (+z), out of the hull's interior.
package enum WaterplaneLid {
    /// Lid panels closing every waterline loop of `hull`.
    /// - Parameter panelSize: target lid panel size [m]; nil: the square root of the hull's mean panel area.
    /// - Throws: `MeshError` when the waterline edges do not form closed loops, or a loop is not star-shaped.
    package static func panels(closing hull: [PanelGeometry], panelSize: Double? = nil) throws(MeshError) -> [PanelGeometry] {
        let loops = try waterlineLoops(hull)
        guard !hull.isEmpty else { return [] }
        let size = panelSize ?? (hull.reduce(0) { $0 + $1.area } / Double(hull.count)).squareRoot()
        guard size > 0, size.isFinite else { throw MeshError(description: "lid: panel size \(size) m") }
        var out: [PanelGeometry] = []
        for loop in loops { out += try close(loop, size: size) }
        return out
    }

    /// Closed waterline loops (counter-clockwise seen from above, starting at the vertex of largest x).
    static func waterlineLoops(_ hull: [PanelGeometry]) throws(MeshError) -> [[Vec3]] {
        let tol = 1e-9
        func key(_ p: Vec3) -> SIMD2<Int64> { SIMD2(Int64((p.x / tol).rounded()), Int64((p.y / tol).rounded())) }
        struct Edge { var a: Vec3, b: Vec3 }
        var count: [SIMD4<Int64>: Int] = [:]
        var edges: [SIMD4<Int64>: Edge] = [:]
        for p in hull {
            let v = p.vertices
            if v.allSatisfy({ abs($0.z) <= tol }) {
                throw MeshError(description: "lid: the hull has a panel in the waterplane z = 0 (centroid \(p.centroid)); an irregular-frequency lid needs an open waterline")
            }
            for k in 0..<v.count {
                let a = v[k], b = v[(k + 1) % v.count]
                guard abs(a.z) <= tol, abs(b.z) <= tol, key(a) != key(b) else { continue }
                let ka = key(a), kb = key(b)
                let u = (ka.x, ka.y) < (kb.x, kb.y) ? SIMD4(ka.x, ka.y, kb.x, kb.y) : SIMD4(kb.x, kb.y, ka.x, ka.y)
                count[u, default: 0] += 1
                edges[u] = Edge(a: Vec3(a.x, a.y, 0), b: Vec3(b.x, b.y, 0))
            }
        }
        // boundary edges: on one panel only; adjacency without direction
        var next: [SIMD2<Int64>: [Vec3]] = [:]
        var points: [SIMD2<Int64>: Vec3] = [:]
        for (u, c) in count where c == 1 {
            let e = edges[u]!
            next[key(e.a), default: []].append(e.b); next[key(e.b), default: []].append(e.a)
            points[key(e.a)] = e.a; points[key(e.b)] = e.b
        }
        if let bad = next.first(where: { $0.value.count != 2 }) {
            let p = points[bad.key]!
            throw MeshError(description: "lid: the waterline is not a set of closed loops at (\(p.x), \(p.y)) (\(bad.value.count) waterline edges meet there)")
        }
        var visited = Set<SIMD2<Int64>>()
        var loops: [[Vec3]] = []
        for start in points.keys.sorted(by: { ($0.x, $0.y) < ($1.x, $1.y) }) where !visited.contains(start) {
            var loop = [points[start]!]
            visited.insert(start)
            var prev = start, cur = key(next[start]![0])
            while cur != start {
                visited.insert(cur)
                loop.append(points[cur]!)
                let nb = next[cur]!
                let k = key(nb[0]) == prev ? key(nb[1]) : key(nb[0])
                prev = cur; cur = k
            }
            guard loop.count >= 3 else { continue }
            // counter-clockwise seen from above
            var area2 = 0.0
            for i in 0..<loop.count { let a = loop[i], b = loop[(i + 1) % loop.count]; area2 += a.x * b.y - b.x * a.y }
            if area2 < 0 { loop.reverse() }
            // canonical start: largest x, then smallest |y − centre y|, then largest y
            let cy = loop.reduce(0) { $0 + $1.y } / Double(loop.count)
            let s = loop.indices.max { i, j in
                let a = loop[i], b = loop[j]
                if abs(a.x - b.x) > tol { return a.x < b.x }
                if abs(abs(a.y - cy) - abs(b.y - cy)) > tol { return abs(a.y - cy) > abs(b.y - cy) }
                return a.y < b.y
            }!
            loops.append(Array(loop[s...] + loop[..<s]))
        }
        return loops
    }

    /// Rings of panels closing one counter-clockwise loop.
    static func close(_ loop: [Vec3], size: Double) throws(MeshError) -> [PanelGeometry] {
        let n = loop.count
        var a2 = 0.0, cx = 0.0, cy = 0.0
        for i in 0..<n {
            let p = loop[i], q = loop[(i + 1) % n], c = p.x * q.y - q.x * p.y
            a2 += c; cx += (p.x + q.x) * c; cy += (p.y + q.y) * c
        }
        let centre = Vec3(cx / (3 * a2), cy / (3 * a2), 0)
        for i in 0..<n {
            let p = loop[i] - centre, q = loop[(i + 1) % n] - centre
            guard p.x * q.y - q.x * p.y > 0 else {
                throw MeshError(description: "lid: the waterline loop through (\(loop[0].x), \(loop[0].y)) is not star-shaped about its centroid (\(centre.x), \(centre.y)); the lid mesher cannot close it")
            }
        }
        let radius = (0.5 * a2 / Double.pi).squareRoot()
        let rings = max(1, Int((radius / size).rounded()))
        var out: [PanelGeometry] = []
        var cur = loop
        for k in 0..<rings {
            let sOut = 1 - Double(k) / Double(rings), sIn = 1 - Double(k + 1) / Double(rings)
            let m = cur.count
            if k == rings - 1 {
                for i in 0..<m { out.append(PanelGeometry(vertices: [cur[i], cur[(i + 1) % m], centre])) }
                break
            }
            let f = sIn / sOut
            func inward(_ p: Vec3) -> Vec3 { centre + f * (p - centre) }
            var perimeter = 0.0
            for i in 0..<m { perimeter += norm(cur[(i + 1) % m] - cur[i]) }
            let halve = m % 2 == 0 && m >= 8 && f * perimeter / Double(m) < 0.5 * size
            if halve {
                let inner = stride(from: 0, to: m, by: 2).map { inward(cur[$0]) }
                for i in 0..<(m / 2) {
                    let a = cur[2 * i], b = cur[2 * i + 1], d = cur[(2 * i + 2) % m]
                    let u = inner[i], w = inner[(i + 1) % (m / 2)], mid = 0.5 * (u + w)
                    out.append(PanelGeometry(vertices: [a, b, mid, u]))
                    out.append(PanelGeometry(vertices: [b, d, w, mid]))
                }
                cur = inner
            } else {
                let inner = cur.map(inward)
                for i in 0..<m { out.append(PanelGeometry(vertices: [cur[i], cur[(i + 1) % m], inner[(i + 1) % m], inner[i]])) }
                cur = inner
            }
        }
        return out
    }
}
