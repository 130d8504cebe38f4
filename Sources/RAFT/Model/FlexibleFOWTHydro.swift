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
