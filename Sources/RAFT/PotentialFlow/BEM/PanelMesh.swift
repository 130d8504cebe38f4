#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// A surface mesh of flat triangles and quadrilaterals (HAMS `.pnl` / WAMIT `.gdf` content).
///
/// Nodes keep their full precision (RAFT de-duplicates before the 3-decimal rounding of the file);
/// vertex order is as generated, and `(v₃ − v₁) × (v₄ − v₂)` points out of the body into the fluid for
/// RAFT's circular members.
package struct PanelMesh: Sendable, Equatable {
    /// Node coordinates in the platform frame about the PRP [m].
    package var nodes: [Vec3]
    /// Panels as 0-based node indices (3 or 4 per panel), in generation order.
    package var panels: [[Int]]

    package init(nodes: [Vec3] = [], panels: [[Int]] = []) {
        self.nodes = nodes
        self.panels = panels
    }

    /// Number of triangular panels.
    package var triangleCount: Int { panels.reduce(0) { $0 + ($1.count == 3 ? 1 : 0) } }

    /// Geometry of every panel (centroid, area, normal, generalised normals about the PRP).
    package var geometry: [PanelGeometry] { panels.map { PanelGeometry(vertices: $0.map { nodes[$0] }) } }

    /// True when the mesh is symmetric about the xz-plane (every node has its mirror image within `tolerance` m).
    package func isSymmetricXZ(tolerance: Double = 1e-6) -> Bool {
        let key: (Vec3) -> SIMD3<Int> = { p in SIMD3(Int((p.x / tolerance).rounded()), Int((p.y / tolerance).rounded()), Int((p.z / tolerance).rounded())) }
        let set = Set(nodes.map(key))
        return nodes.allSatisfy { set.contains(key(Vec3($0.x, -$0.y, $0.z))) }
    }
}

/// Flat-panel geometry used by the BEM solver (constant panels, collocation at centroids).
package struct PanelGeometry: Sendable, Equatable {
    /// Vertices as given (3 or 4) [m].
    package var vertices: [Vec3]
    /// Area-weighted centroid [m].
    package var centroid: Vec3
    /// Panel area [m²] (of the mean plane for a warped quadrilateral).
    package var area: Double
    /// Unit normal from the vertex order, `(v₃ − v₁) × (v₄ − v₂)` (triangles: `(v₂ − v₁) × (v₃ − v₁)`).
    package var normal: Vec3
    /// Largest distance from the centroid to a vertex [m] (panel size for near-field decisions).
    package var radius: Double

    package init(vertices v: [Vec3]) {
        vertices = v
        let n: Vec3
        if v.count == 4 {
            n = cross(v[2] - v[0], v[3] - v[1])
            // centroid of the two triangles (v0 v1 v2) and (v0 v2 v3), weighted by their areas
            let a1 = 0.5 * norm(cross(v[1] - v[0], v[2] - v[0])), a2 = 0.5 * norm(cross(v[2] - v[0], v[3] - v[0]))
            let c1 = (v[0] + v[1] + v[2]) / 3, c2 = (v[0] + v[2] + v[3]) / 3
            centroid = a1 + a2 > 0 ? (a1 * c1 + a2 * c2) / (a1 + a2) : (v[0] + v[1] + v[2] + v[3]) / 4
        } else {
            n = cross(v[1] - v[0], v[2] - v[0])
            centroid = (v[0] + v[1] + v[2]) / 3
        }
        let len = norm(n)
        area = 0.5 * len
        normal = len > 0 ? n / len : .zero
        var r = 0.0
        for p in v { r = max(r, norm(p - centroid)) }
        radius = r
    }

    /// Generalised normal `(n, r × n)` about the PRP for DOF `j` = 0…5 (surge…yaw).
    package func generalizedNormal(_ j: Int) -> Double {
        j < 3 ? normal[j] : cross(centroid, normal)[j - 3]
    }
}
