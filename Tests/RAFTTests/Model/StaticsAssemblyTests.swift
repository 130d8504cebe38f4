import Foundation
import Testing
@testable import RAFT

/// The one statics assembly (`FOWTMembers.assembleStatics`) on its two kinds of nodes.
@Suite("Model: one statics assembly for rigid and flexible FOWTs")
struct StaticsAssemblyTests {
    @Test("rigid designs: the one-node case (6×6 transfer to the PRP) and the node graph reduced through T give the same statics (rel 1e-12 of each quantity's scale)",
          .enabled(if: Reference.isAvailable), arguments: ["VolturnUS-S", "OC3spar", "VolturnUS-S-pointInertia"])
    func oneNodeEqualsNodeGraph(name: String) throws {
        let d = try Design.load(path: Reference.url("reference/raft-regression/test_data/\(name).yaml").path)
        let fm = try FOWTMembers(design: d, fowt: 0)
        let rigid = try FOWTStatics(members: fm, platform: d.platforms[0], rho: d.site.rhoWater, g: d.site.g)
        let graph = try FlexibleFOWTStatics(members: fm, joints: nil, platform: d.platforms[0], rho: d.site.rhoWater, g: d.site.g)
        #expect(graph.nDOF == 6)
        func close(_ a: [Double], _ b: [Double], _ label: String) {
            let scale = max(b.map(abs).max() ?? 0, 1)  // floor 1 (N, m, ...) for quantities that are zero
            expectAllClose(a, b, rtol: 0, atol: 1e-12 * scale, "\(name) \(label)")
        }
        func flat(_ m: Matrix6) -> [Double] { (0..<36).map { m[$0 / 6, $0 % 6] } }
        close(graph.structuralMass.storage, flat(rigid.structuralMass), "M_struc")
        close(graph.substructureMass.storage, flat(rigid.substructureMass), "M_struc_sub")
        close(graph.structuralStiffness.storage, flat(rigid.structuralStiffness), "C_struc")
        close(graph.substructureStiffness.storage, flat(rigid.substructureStiffness), "C_struc_sub")
        close(graph.hydrostaticStiffness.storage, flat(rigid.hydrostaticStiffness), "C_hydro")
        close(graph.weight, rigid.weight, "W_struc")
        close(graph.buoyancy, rigid.buoyancy, "W_hydro")
        close(graph.additionalLoad, rigid.additionalLoad, "f0_additional")
        close([graph.mass, graph.substructureMassTotal, graph.volume], [rigid.mass, rigid.substructureMassTotal, rigid.volume], "m, m_sub, V")
        close([graph.rCG.x, graph.rCG.y, graph.rCG.z, graph.rCB.x, graph.rCB.y, graph.rCB.z],
              [rigid.rCG.x, rigid.rCG.y, rigid.rCG.z, rigid.rCB.x, rigid.rCB.y, rigid.rCB.z], "rCG, rCB")
        #expect(graph.ballastDensities == rigid.ballastDensities)
        close(graph.ballastMasses, rigid.ballastMasses, "m_ballast")
        #expect(graph.elasticStiffness.storage.allSatisfy { $0 == 0 }, "no beams, no elastic stiffness")
    }
}
