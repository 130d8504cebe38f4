import Foundation

extension FlexibleFOWTStatics {
    /// Strip-theory added mass `A_hydro_morison` in the reduced DOFs at the reference pose (RAFT
    /// `FOWT.calcHydroConstants`, spec 06 §6, 02 §8.1, §12.2): each rigid member's 6×6 about its node, each beam
    /// strip node's 3×3 in its own block, then `Tᵀ·A·T` [kg, kg·m, kg·m²]. Underwater rotors are not supported.
    func morisonAddedMass(members fm: FOWTMembers, rho: Double) -> DenseMatrix {
        let nf = graph.fullDOFCount
        var a = DenseMatrix(rows: nf, cols: nf)
        for (m, mem) in fm.members.enumerated() {
            let slot = 6 * graph.memberNodes[m][0]
            if mem.type == .beam {
                a.addBlock(mem.beamAddedMass(rho: rho).addedMass, at: slot)
            } else {
                var block = Matrix6()
                for sn in mem.stripNodes(rho: rho) where !sn.potMod {
                    block += translateMatrix3to6DOF(sn.addedMass, sn.position - mem.rA)
                }
                a.addBlock(block, at: slot)
            }
        }
        return a.congruence(t)
    }
}

extension FlexibleFOWTStatics {
    /// Mean current drag `D_hydro` in the reduced DOFs at the reference pose (RAFT `FOWT.calcCurrentLoads`, spec 02 §10):
    /// rigid members about their node, beam strip nodes each in their own block, then `Tᵀ·D` [N, N·m].
    func currentLoads(members fm: FOWTMembers, rho: Double, speed: Double, headingDeg: Double, zRef: Double = 0,
                      shearExponent: Double, depth: Double) -> [Double] {
        var d = [Double](repeating: 0, count: graph.fullDOFCount)
        for (m, mem) in fm.members.enumerated() {
            let slot = 6 * graph.memberNodes[m][0]
            let strips = StripHydrodynamics(members: [mem], reference: mem.rA, rho: rho, omega: [], waveNumbers: [])
            if mem.type == .beam {
                for n in strips.nodes {
                    var one = strips
                    one.nodes = [n]
                    one.reference = n.position
                    let f = one.currentLoads(speed: speed, headingDeg: headingDeg, zRef: zRef, shearExponent: shearExponent, depth: depth)
                    for k in 0..<6 { d[slot + 6 * n.index + k] += f[k] }
                }
            } else {
                let f = strips.currentLoads(speed: speed, headingDeg: headingDeg, zRef: zRef, shearExponent: shearExponent, depth: depth)
                for k in 0..<6 { d[slot + k] += f[k] }
            }
        }
        return t.transposedTimes(d)
    }
}
