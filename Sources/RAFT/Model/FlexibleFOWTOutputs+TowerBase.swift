#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

extension FlexibleFOWTStatics {
    /// Tower-base loads of a beam tower under `flexible_formulation: consistent`: `FbaseX/Y/Z` [N] and `MbaseX/Y/Z`
    /// [N·m] (`foreAft` false), or the fore-aft moment `Mbase` (`foreAft` true, index 4 of the result), per frequency
    /// and mean, in global axes about the tower-base node. RAFT's rigid-tower formula (spec 07 §2.4–2.5) applied node
    /// by node: the inertia, weight and aero loads on the tower's nodes and the RNA summed about the base node.
    ///
    /// `−K·Xi` (RAFT's flexible tower-base loads) is the beam's internal load, but at the mean pose it multiplies the
    /// O(θ²) strain that RAFT's mean node placement puts into a rigidly rotated beam by the beam stiffness, so it
    /// grows without bound as the beams stiffen (VolturnUS-S-flexible, E and G ×1e4: `Mbase_avg` 5.6e10 N·m against
    /// the rigid model's −6.1e7 N·m). The node-wise balance has no such term and equals the rigid formula on
    /// rigid-body motion (the beam's consistent mass matrix reproduces the member's rigid 6×6 mass), so the stiffened
    /// flexible FOWT converges to the rigid one; on bending motion each node's own motion enters.
    ///
    /// With the tower's FE mass matrix `M` (6×6 blocks `M_ij` about the nodes), the lever of node i from the base
    /// `d_i = r_i − r_b` (its z from the base's mean height, as RAFT's `hArm`), per node j and motion c the base load
    /// `G_j,c = Σ_i (M_ij·e_c, d_i × (M_ij·e_c)_F)` (force, moment) and, with `S` the change of the first moment of
    /// mass relative to the base, `S = Σ_j Σ_c (G_j,c)_F·(X_j,c − X_b,c for translations, X_j,c for rotations)
    /// + m_RNA·(X_RRP − X_b)`:
    /// ```
    /// L_I = ω²·Σ_j Σ_c G_j,c X_j,c + ω²·(m_RNA X_RRP, I_RNA θ_RRP + d_RRP × m_RNA X_RRP)
    /// L_W = (0, S × (0, 0, −g)) − g·m_turb·Δz_b·(0, 0, 0, θ_b,x, θ_b,y, 0)
    /// L_A = (F_A, M_A + d_RRP × F_A) with (F_A, M_A) = −Z_aero[:, 0..<3]·(X_RRP − X_b), Z_aero = −ω² A_aero + iω B_aero
    /// mean: L_W(X̄) (sin θ̄_b in the last term) + (0, 0, −g·m_turb, 0, 0, 0) + f0 moved by (0, 0, z_RRP − hArm)
    /// ```
    /// (RAFT 2.0.4's lever for the mean rotor load, 07 P4), where `Δz_b` is the base node's mean heave (RAFT's hArm
    /// takes the base at the mean pose, the CG at the reference pose), the RNA is a point mass on the tower axis at
    /// the rotor node's height `d_RRP = (0, 0, z_RRP − z_b − Δz_b)` with inertia `I_r·1 + (I_x − I_r)·q qᵀ` about the
    /// shaft axis q, as in RAFT's formula. `foreAft` keeps RAFT's formula itself: surge and pitch motions only,
    /// `I_r` and the thrust-direction term `A_aero[0,0]`, the moment about y; the components use every motion, so
    /// `MbaseY` equals `Mbase` wherever the other motions do not couple into it (a vertical tower, no nacelle yaw).
    /// - Parameters:
    ///   - tower: the tower member (a beam) at the reference pose; `ids` its node indices, `base` the index in `ids`
    ///     of its base node.
    ///   - meanDisplacements: every node's mean displacement `Xi0` [m, rad].
    ///   - nodeRows: per tower node, its 6 full-DOF response rows [m, rad] (one value per frequency).
    ///   - rotorRows: the rotor node's 6 full-DOF response rows, or nil without a rotor.
    ///   - aero: the rotor's aerodynamics of the case (nil = none).
    /// - Returns: 6 means and 6 response rows (FbaseX, FbaseY, FbaseZ, MbaseX, MbaseY, MbaseZ); with `foreAft` only
    ///   index 4 is computed (the others are zero).
    func consistentTowerBaseLoads(tower: Member, ids: [Int], base: Int, meanDisplacements xi0: [[Double]],
                                  nodeRows: [[[Complex]]], rotor: Rotor?, rotorNode: Int?, rotorRows: [[Complex]]?,
                                  aero: AeroResult?, omega w: [Double], g: Double,
                                  foreAft: Bool) throws -> (avg: [Double], rows: [[Complex]]) {
        let nw = w.count
        let inertia = try tower.beamInertia(), mm = inertia.matrix, n = ids.count
        let rb = graph.nodes[ids[base]].r0, xb = xi0[ids[base]]
        let dzBase = xb[2]  // RAFT's zBase is the base's mean height; zCG and ICG are reference-pose values (07 P4)
        let withRotor = rotor != nil && rotorNode != nil && rotorRows != nil
        let motions = foreAft ? [0, 4] : [0, 1, 2, 3, 4, 5]
        // g6[j][r][c]: base load r (force x, y, z, moment x, y, z) of the inertia loads Σ_i M_ij·e_c of a unit motion c
        // of node j; its force rows are also the first moment of mass that motion moves. The mass matrix couples nodes.
        var g6 = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: 6), count: 6), count: n)
        for i in 0..<n {
            let d0 = graph.nodes[ids[i]].r0 - rb
            let d = Vec3(d0.x, d0.y, d0.z - dzBase)
            for j in 0..<n {
                for c in motions {
                    let f = Vec3(mm[6 * i, 6 * j + c], mm[6 * i + 1, 6 * j + c], mm[6 * i + 2, 6 * j + c])
                    let m = cross(d, f)
                    g6[j][0][c] += f.x; g6[j][1][c] += f.y; g6[j][2][c] += f.z
                    g6[j][3][c] += mm[6 * i + 3, 6 * j + c] + m.x
                    g6[j][4][c] += mm[6 * i + 4, 6 * j + c] + m.y
                    g6[j][5][c] += mm[6 * i + 5, 6 * j + c] + m.z
                }
            }
        }
        let mR = withRotor ? rotor!.massRNA : 0
        let mTurb = (0..<n).reduce(0.0) { $0 + g6[$1][0][0] } + mR
        // m_turb·zCG: the x-force of a unit rigid pitch about z = 0 (Σ_j g6_x,x z_j + g6_x,θy), RNA at the rotor node
        var firstMoment = 0.0
        for (j, k) in ids.enumerated() { firstMoment += g6[j][0][0] * graph.nodes[k].r0.z + g6[j][0][4] }
        var avg = [Double](repeating: 0, count: 6)
        var rows = [[Complex]](repeating: [Complex](repeating: .zero, count: nw), count: 6)
        let w2 = w.map { $0 * $0 }
        // tower: inertia ω²·G·X, and weight S × (0, 0, −g) with S = Σ G_F·(X − X_b for translations, X for rotations)
        for j in 0..<n {
            for c in motions {
                let x = nodeRows[j][c], xBase = nodeRows[base][c], relative = c < 3
                for r in 0..<6 where g6[j][r][c] != 0 {
                    let k = g6[j][r][c]
                    for q in 0..<nw { rows[r][q] += x[q].multiplied(by: w2[q] * k) }
                }
                let sx = g6[j][0][c], sy = g6[j][1][c]
                let u0 = relative ? xi0[ids[j]][c] - xb[c] : xi0[ids[j]][c]
                avg[3] -= g * sy * u0
                avg[4] += g * sx * u0
                if sx == 0 && sy == 0 { continue }
                for q in 0..<nw {
                    let u = relative ? x[q] - xBase[q] : x[q]
                    rows[3][q] -= u.multiplied(by: g * sy)
                    rows[4][q] += u.multiplied(by: g * sx)
                }
            }
        }
        var f0 = [Double](repeating: 0, count: 6), zRRP = 0.0
        if withRotor, let rotor, let rn = rotorNode, let rr = rotorRows {
            zRRP = graph.nodes[rn].r0.z
            let lever = zRRP - (rb.z + dzBase)
            firstMoment += mR * zRRP
            // RNA inertia about the shaft axis q (RAFT's formula: I_r in pitch)
            let qa = rotor.q, ix = rotor.inertiaAxialRNA, ir = rotor.inertiaRadialRNA
            let qv = [qa.x, qa.y, qa.z]
            let inertiaRNA: [[Double]] = foreAft ? [[0, 0, 0], [0, ir, 0], [0, 0, 0]]
                : (0..<3).map { a in (0..<3).map { b in (a == b ? ir : 0) + (ix - ir) * qv[a] * qv[b] } }
            let trans = foreAft ? [0] : [0, 1, 2]
            // weight: the RNA's displacement relative to the base
            var sR = [Double](repeating: 0, count: 3)
            for c in trans { sR[c] = mR * (xi0[rn][c] - xb[c]) }
            avg[3] -= g * sR[1]
            avg[4] += g * sR[0]
            for j in 0..<nw {
                var force = CVec3.zero, moment = CVec3.zero, rel = CVec3.zero
                for c in trans {
                    rel[c] = rr[c][j] - nodeRows[base][c][j]
                    force[c] = rr[c][j].multiplied(by: w2[j] * mR)
                }
                for a in 0..<3 { for b in 0..<3 where inertiaRNA[a][b] != 0 {
                    moment[a] += rr[3 + b][j].multiplied(by: w2[j] * inertiaRNA[a][b])
                } }
                // weight of the RNA: (m_RNA·rel) × (0, 0, −g)
                moment.x -= rel.y.multiplied(by: g * mR)
                moment.y += rel.x.multiplied(by: g * mR)
                if let aero {
                    // F_A = −Z·rel, Z = −ω²A + iωB (thrust-direction term only for the fore-aft formula)
                    for a in trans {
                        for b in trans {
                            let z = Complex(-w2[j] * aero.addedMass[j][a, b], w[j] * aero.damping[j][a, b])
                            force[a] -= z * rel[b]
                            if !foreAft {
                                let zm = Complex(-w2[j] * aero.addedMass[j][3 + a, b], w[j] * aero.damping[j][3 + a, b])
                                moment[a] -= zm * rel[b]
                            }
                        }
                    }
                }
                // forces at the rotor node, lever (0, 0, lever) from the base: d × F = (−lever·F_y, lever·F_x, 0)
                moment.x -= force.y.multiplied(by: lever)
                moment.y += force.x.multiplied(by: lever)
                for r in 0..<3 {
                    rows[r][j] += force[r]
                    rows[3 + r][j] += moment[r]
                }
            }
            f0 = rotor.operatingPoint?.meanForce ?? f0
        }
        // the weight lever of RAFT's formula is hArm = zCG − zBase(mean): the base's mean heave adds −m·g·Δz_b·θ_b
        for (r, c) in (foreAft ? [(4, 4)] : [(3, 3), (4, 4)]) {
            for j in 0..<nw { rows[r][j] = rows[r][j] - nodeRows[base][c][j].multiplied(by: g * mTurb * dzBase) }
            avg[r] -= g * mTurb * dzBase * sin(xb[c])
        }
        // mean rotor load moved to the base with RAFT 2.0.4's lever z_RRP − hArm (07 P4); the weight
        let hArm = firstMoment / mTurb - (rb.z + dzBase)
        let arm = zRRP - hArm
        avg[4] += f0[4] + arm * f0[0]
        if !foreAft {
            for r in 0..<3 { avg[r] += f0[r] }
            avg[2] -= g * mTurb
            avg[3] += f0[3] - arm * f0[1]
            avg[5] += f0[5]
        } else {
            for r in [0, 1, 2, 3, 5] { rows[r] = [Complex](repeating: .zero, count: nw) }
        }
        return (avg, rows)
    }
}
