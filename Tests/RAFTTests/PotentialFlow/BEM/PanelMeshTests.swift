import Foundation
import Testing
@testable import RAFT
import RAFTIO

/// RAFT's member mesher (spec 05 §8.1) against the reference `HullMesh.pnl` written by RAFT 2.0.4.
@Suite("BEM panel mesh")
struct PanelMeshTests {
    static func volturnMesh() throws -> PanelMesh {
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/VolturnUS-S_BEM.yaml").path)
        let members = try FOWTMembers(design: design, fowt: 0).members
        let s = design.platforms[0].bem
        return try MemberMesher.mesh(members: members, dz: s.dz, da: s.da)
    }

    @Test("VolturnUS-S potMod columns: identical to RAFT's HullMesh.pnl (all 1,168 panels, 1,293 nodes)",
          .enabled(if: Reference.isAvailable))
    func volturnMatchesReference() throws {
        let mesh = try Self.volturnMesh()
        #expect(mesh.panels.count == 1168 && mesh.nodes.count == 1293 && mesh.triangleCount == 16,
                "\(mesh.panels.count) panels, \(mesh.nodes.count) nodes, \(mesh.triangleCount) triangles")
        let ref = try String(contentsOf: Reference.url("reference/designs-e2e/inputs/VolturnUS-S_BEM_hams/HullMesh.pnl"), encoding: .utf8)
        let mine = MeshFiles.pnl(mesh)
        let a = ref.split(separator: "\n", omittingEmptySubsequences: false), b = mine.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(a.count == b.count)
        var differing = 0
        for (x, y) in zip(a, b) where x != y {
            if differing < 5 { Issue.record("line differs:\n  ref  '\(x)'\n  mine '\(y)'") }
            differing += 1
        }
        #expect(differing == 0, "\(differing) lines differ")
    }

    @Test("panel geometry: every normal points out of the body; closed surface below z = 0 encloses RAFT's displaced volume",
          .enabled(if: Reference.isAvailable))
    func volturnGeometry() throws {
        let g = try Self.volturnMesh().geometry
        // divergence theorem on the wetted surface (open at the waterplane, where z = 0 adds nothing):
        // V = ∫ z n_z dS with n out of the body
        let volume = g.reduce(0) { $0 + $1.centroid.z * $1.normal.z * $1.area }
        // three 12.5 m columns 20 m deep + one 10 m column 20 m deep (mesh polygons inscribe the circles)
        let exact = 3 * Double.pi * 6.25 * 6.25 * 20 + Double.pi * 25 * 20
        #expect(abs(volume / exact - 1) < 0.01, "volume \(volume) vs \(exact)")
        #expect(volume < exact)
        // waterplane area from the side normals: A_wp = −∫ n_z dS
        let awp = -g.reduce(0) { $0 + $1.normal.z * $1.area }
        #expect(abs(awp / (3 * Double.pi * 6.25 * 6.25 + Double.pi * 25) - 1) < 0.01, "A_wp \(awp)")
    }

    @Test("GDF writer: one 4-vertex record per panel, triangles repeat their last vertex")
    func gdfWriter() throws {
        var m = MemberMesher(dz: 1, da: 1)
        try m.addCircular(stations: [0, 2], diameters: [2, 2], rA: Vec3(0, 0, -1), rB: Vec3(0, 0, 1))
        let text = MeshFiles.gdf(m.mesh)
        let lines = text.split(separator: "\n")
        #expect(Int(lines[3]) == m.mesh.panels.count)
        #expect(lines.count == 4 + 4 * m.mesh.panels.count)
        #expect(m.mesh.panels.allSatisfy { p in p.allSatisfy { m.mesh.nodes[$0].z <= 0 } })
    }
}
