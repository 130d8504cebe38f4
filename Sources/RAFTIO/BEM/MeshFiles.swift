#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT

/// Text of mesh files for other tools (HAMS `.pnl`, WAMIT `.gdf`).
package enum MeshFiles {
    /// HAMS `HullMesh.pnl` exactly as RAFT's `writeMesh` writes it (no symmetry flags; node coordinates with
    /// 3 decimals; 1-based ids; vertex order as generated).
    package static func pnl(_ mesh: PanelMesh) -> String {
        var s = "    --------------Hull Mesh File---------------\n\n"
        s += "    # Number of Panels, Nodes, X-Symmetry and Y-Symmetry\n"
        s += "         \(mesh.panels.count)         \(mesh.nodes.count)         0         0\n\n"
        s += "    #Start Definition of Node Coordinates     ! node_number   x   y   z\n"
        for (i, p) in mesh.nodes.enumerated() {
            s += pad(String(i + 1), 5) + String(cFormat: "%18.3f%18.3f%18.3f", p.x, p.y, p.z) + "\n"
        }
        s += "   #End Definition of Node Coordinates\n\n"
        s += "   #Start Definition of Node Relations   ! panel_number  number_of_vertices   Vertex1_ID   Vertex2_ID   Vertex3_ID   (Vertex4_ID)\n"
        for (i, p) in mesh.panels.enumerated() {
            s += ([i + 1, p.count] + p.map { $0 + 1 }).map { pad(String($0), 8) }.joined() + "\n"
        }
        s += "   #End Definition of Node Relations\n\n"
        s += "    --------------End Hull Mesh File---------------\n"
        return s
    }

    /// WAMIT low-order `.gdf`: header, `ULEN GRAV`, `ISX ISY` (no symmetry), panel count, 4 vertices per panel
    /// (triangles repeat their last vertex, as WAMIT expects).
    package static func gdf(_ mesh: PanelMesh, gravity: Double = 9.80665) -> String {
        var s = "swift-raft panel mesh (RAFT member2pnl, intersectMesh 0)\n"
        s += String(cFormat: "1.0 %.5f   ULEN GRAV\n", gravity)
        s += "0  0   ISX  ISY\n"
        s += "\(mesh.panels.count)\n"
        for p in mesh.panels {
            let ids = p.count == 4 ? p : [p[0], p[1], p[2], p[2]]
            for j in ids {
                let v = mesh.nodes[j]
                s += String(cFormat: "%14.6f %14.6f %14.6f\n", v.x, v.y, v.z)
            }
        }
        return s
    }

    private static func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : String(repeating: " ", count: w - s.count) + s }
}
