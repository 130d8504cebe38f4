#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

extension FlexibleFOWTStatics {
    /// Fore-aft tower-base moment of a beam tower under `flexible_formulation: consistent` (`Mbase`, per frequency
    /// and mean) [N·m]: RAFT's rigid-tower formula (spec 07 §2.4–2.5) applied node by node, i.e. the inertia, weight
    /// and aero loads on the tower's nodes and the RNA summed about the tower-base node, in the global x–z plane with
    /// surge and pitch motions only (as RAFT's rigid formula, 07 P5).
    ///
    /// `−K·Xi` (RAFT's flexible `Mbase`) is the beam's internal moment, but at the mean pose it multiplies the
    /// O(θ²) strain that RAFT's mean node placement puts into a rigidly rotated beam by the beam stiffness, so it
    /// grows without bound as the beams stiffen (VolturnUS-S-flexible, E and G ×1e4: 5.6e10 N·m against the rigid
    /// model's −6.1e7 N·m). The node-wise formula has no such term and equals the rigid formula on rigid-body motion
    /// (the beam's consistent mass matrix reproduces the member's rigid 6×6 mass), so the stiffened flexible FOWT
    /// converges to the rigid one; on bending motion each node's own surge and pitch enter.
    ///
    /// With the tower's FE mass matrix `M` (6×6 blocks `M_ij` about the nodes), the lever of node i from the base
    /// `d_i = r_i − r_b` (its z from the base's mean height, as RAFT's `hArm`), per node j the pitch moment and x-force
    /// of `Σ_i M_ij·e` for a unit surge (`c_x,j`, `a_x,j`) and a unit pitch (`c_θ,j`, `a_θ,j`) of node j:
    /// ```
    /// M_I = ω²·Σ_j (c_x,j X_j,x + c_θ,j X_j,θ) + ω²·(m_RNA (z_RRP − z_b) X_RRP,x + I_r X_RRP,θ)
    /// M_W = g·Σ_j (a_x,j (X_j,x − X_b,x) + a_θ,j X_j,θ) + g·m_RNA (X_RRP,x − X_b,x) − g·m_turb·Δz_b·X_b,θ
    /// M_A = −(−ω² A_aero,00 + iω B_aero,00)·(z_RRP − z_b)·(X_RRP,x − X_b,x)
    /// Mbase_avg = M_W(X̄) (sin θ̄_b in the last term) + f0_4 + (z_RRP − hArm)·f0_0      (RAFT 2.0.4's lever, 07 P4)
    /// ```
    /// where `Δz_b` is the base node's mean heave (RAFT's hArm takes the base at the mean pose, the CG at the reference
    /// pose) and the RNA is a point mass at the rotor node with its radial inertia, as in RAFT's formula.
    /// - Parameters:
    ///   - tower: the tower member (a beam) at the reference pose; `ids` its node indices, `base` the index in `ids`
    ///     of its base node.
    ///   - meanDisplacements: every node's mean displacement `Xi0` [m, rad].
    ///   - nodeRows: per tower node, its 6 full-DOF response rows [m, rad] (one value per frequency).
    ///   - rotorRows: the rotor node's 6 full-DOF response rows, or nil without a rotor.
    ///   - aero: the rotor's aerodynamics of the case (nil = none).
    func consistentTowerBaseMoment(tower: Member, ids: [Int], base: Int, meanDisplacements xi0: [[Double]],
                                   nodeRows: [[[Complex]]], rotor: Rotor?, rotorNode: Int?, rotorRows: [[Complex]]?,
                                   aero: AeroResult?, omega w: [Double], g: Double) throws -> (avg: Double, rows: [Complex]) {
        let nw = w.count
        let inertia = try tower.beamInertia(), mm = inertia.matrix, n = ids.count
        let rb = graph.nodes[ids[base]].r0, xb = xi0[ids[base]]
        let dzBase = xb[2]  // RAFT's zBase is the base's mean height; zCG and ICG are reference-pose values (07 P4)
        let baseX = nodeRows[base][0], baseTheta = nodeRows[base][4]
        let withRotor = rotor != nil && rotorNode != nil && rotorRows != nil
        // Per node j, for the motions u_j = e_x and e_θy: the pitch moment about the base of the inertia loads Σ_i M_ij·u_j
        // (cx, cth) and their x-force (ax, ath). The beam's (consistent) mass matrix couples the nodes.
        var cx = [Double](repeating: 0, count: n), cth = cx, ax = cx, ath = cx
        for i in 0..<n {
            let d = graph.nodes[ids[i]].r0 - rb
            let dz = d.z - dzBase
            for j in 0..<n {
                for (col, into) in [(0, 0), (4, 1)] {
                    let f0 = mm[6 * i, 6 * j + col], f2 = mm[6 * i + 2, 6 * j + col], f4 = mm[6 * i + 4, 6 * j + col]
                    let moment = f4 + dz * f0 - d.x * f2
                    if into == 0 { cx[j] += moment; ax[j] += f0 } else { cth[j] += moment; ath[j] += f0 }
                }
            }
        }
        let mTurb = ax.reduce(0, +) + (withRotor ? rotor!.massRNA : 0)
        var mean = 0.0, firstMoment = 0.0  // m_turb·zCG: Σ_j ax_j z_j + ath_j (+ m_RNA z_RRP)
        var rows = [Complex](repeating: .zero, count: nw)
        for (j, k) in ids.enumerated() {
            firstMoment += ax[j] * graph.nodes[k].r0.z + ath[j]
            // weight: the node's x-displacement relative to the base and its pitch carry the weight's lever
            mean += g * (ax[j] * (xi0[k][0] - xb[0]) + ath[j] * xi0[k][4])
            let rx = nodeRows[j][0], rth = nodeRows[j][4]
            for q in 0..<nw {
                let w2 = w[q] * w[q]
                rows[q] = rows[q] + rx[q].multiplied(by: w2 * cx[j]) + rth[q].multiplied(by: w2 * cth[j] + g * ath[j])
                    + (rx[q] - baseX[q]).multiplied(by: g * ax[j])
            }
        }
        var f0 = [Double](repeating: 0, count: 6), zRRP = 0.0
        if withRotor, let rotor, let rn = rotorNode, let rr = rotorRows {
            let mR = rotor.massRNA
            zRRP = graph.nodes[rn].r0.z
            let lever = zRRP - (rb.z + dzBase)
            firstMoment += mR * zRRP
            mean += g * mR * (xi0[rn][0] - xb[0])
            for j in 0..<nw {
                let w2 = w[j] * w[j]
                let rel = rr[0][j] - baseX[j]
                rows[j] = rows[j] + rr[0][j].multiplied(by: w2 * mR * lever) + rr[4][j].multiplied(by: w2 * rotor.inertiaRadialRNA)
                    + rel.multiplied(by: g * mR)
                if let aero {
                    let zA = Complex(-w2 * aero.addedMass[j][0, 0], w[j] * aero.damping[j][0, 0])
                    rows[j] = rows[j] - (zA * rel).multiplied(by: lever)
                }
            }
            f0 = rotor.operatingPoint?.meanForce ?? f0
        }
        // the weight lever of RAFT's formula is hArm = zCG − zBase(mean): the base's mean heave adds −m·g·Δz_b·θ_b
        for j in 0..<nw { rows[j] = rows[j] - baseTheta[j].multiplied(by: g * mTurb * dzBase) }
        mean -= g * mTurb * dzBase * sin(xb[4])
        let hArm = firstMoment / mTurb - (rb.z + dzBase)
        mean += f0[4] + (zRRP - hArm) * f0[0]
        return (mean, rows)
    }
}
