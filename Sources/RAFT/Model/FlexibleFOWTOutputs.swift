#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

extension FlexibleFOWTStatics {
    /// RAFT `saveTurbineOutputs` channels of a flexible FOWT for one case (spec 07 §2.1–2.3,
    /// §2.6), written by the same `CaseChannels` helpers as a rigid FOWT's: `wave_PSD` and the platform motions
    /// (rigid-body node 0 = PRP), rotor-node accelerations, flexible tower-base loads (`Mbase` = `MbaseY`), mooring
    /// tensions (moorMod 0: J·X_PRP; 1: lumped-mass lines) and the rotor control channels (spec 07 §2.7). Under
    /// `flexible_formulation: consistent` the tower-base loads are a node-by-node balance instead of `−K·Xi`
    /// (`consistentTowerBaseLoads`; `Mbase` RAFT's fore-aft formula, `MbaseY` the same balance with every motion).
    /// - Parameters:
    ///   - response: reduced response `Xi` [nDOF·nw] per wave train, dof-major (`xi[h][dof·nw + iω]`) [m, rad];
    ///     the statistics sum every train's spectrum, as a rigid FOWT's.
    ///   - seas: the case's wave trains.
    ///   - rotors: the FOWT's rotors after the case's `calcAero` (control channels; one zero channel without rotors).
    ///   - aero: the rotors' aerodynamics of the case (the `consistent` tower-base moment; empty = none).
    ///   - windSpeed, currentSpeed: the case's inflow speeds [m/s].
    ///   - reference: the FOWT's reference position in a farm [m] (the own mooring's absolute pose).
    func caseMetrics(equilibrium eq: FlexibleEquilibrium, response xis: [[Complex]], seas: [SeaState], members fm: FOWTMembers,
                     omega w: [Double], dw: Double, g: Double, rotors: [Rotor], aero: [AeroResult] = [], windSpeed: Double, currentSpeed: Double?,
                     mooring: inout MooringSystem?, reference: Vec3 = .zero) throws -> CaseMetrics {
        let nw = w.count, n = nDOF
        var out = CaseMetrics()
        // PRP response (node 0) per wave train, frequency-major 6-DOF blocks, then RAFT's zero wind row
        var rows: [[Complex]] = xis.map { xi in
            var prp = [Complex](repeating: .zero, count: 6 * nw)
            for d in 0..<6 { for j in 0..<nw { prp[j * 6 + d] = xi[d * nw + j] } }
            return prp
        }
        rows.append([Complex](repeating: .zero, count: 6 * nw))
        CaseChannels.motions(MotionChannelInputs(r6: Array(eq.x.prefix(6)), xRef: 0, yRef: 0, response: rows, omega: w, dw: dw,
                                                 zeta: seas.map { $0.amplitude }), into: &out)
        // full-DOF response at the mean pose: Xi_fullDOF = T·Xi, one row per wave train
        let t2 = eq.t
        func full(_ row: Int) -> [[Complex]] {
            xis.map { xi in
                var r = [Complex](repeating: .zero, count: nw)
                for j in 0..<n {
                    let c = t2[row, j]
                    if c == 0 { continue }
                    for m in 0..<nw { r[m] += xi[j * nw + m].multiplied(by: c) }
                }
                return r
            }
        }
        /// `<name>_avg/std/max/min` (one value per rotor, or a scalar) and `<name>_PSD`.
        func statistics(_ name: String, avg: Double, rows: [[Complex]], scalar: Bool = false) {
            let std = Statistics.rms(sources: rows)
            if scalar {
                out.set("\(name)_avg", avg)
                out.set("\(name)_std", std)
                out.set("\(name)_max", avg + 3 * std)
                out.set("\(name)_min", avg - 3 * std)
            } else {
                out.setStatistics(name, mean: [avg], std: [std])
            }
            out.psd.append(("\(name)_PSD", Statistics.psd(sources: rows, dw: dw)))
        }
        // rotor-node accelerations (07 §2.3): one value per rotor, PSDs `_r<r>` when there are several (as a rigid FOWT)
        let rotorNodes = graph.rotorNodes
        for (k, name) in ["AxRNA", "AyRNA", "AzRNA"].enumerated() {
            var avg: [Double] = [], std: [Double] = []
            for (r, node) in rotorNodes.enumerated() {
                let xi0 = eq.nodeDisplacements[node]
                avg.append([abs(sin(xi0[4]) * g), abs(sin(xi0[3]) * g), abs(g)][k])
                let acc = full(6 * node + k).map { xh in (0..<nw).map { xh[$0].multiplied(by: w[$0] * w[$0]) } }
                std.append(Statistics.rms(sources: acc))
                out.psd.append(("\(name)_PSD\(rotorNodes.count > 1 ? "_r\(r)" : "")", Statistics.psd(sources: acc, dw: dw)))
            }
            if !rotorNodes.isEmpty { out.setStatistics(name, mean: avg, std: std) }
        }
        // flexible tower-base loads (07 §2.6): −K_f·Xi of the tower beam at its base node
        let (placed, _) = meanPose(eq, members: fm)
        if let m = fm.members.indices.first(where: { fm.members[$0].part == .tower }), fm.members[m].type == .beam {
            let ids = graph.memberNodes[m]
            let kf = try placed[m].beamStiffness()
            let xi0 = ids.flatMap { eq.nodeDisplacements[$0] }
            let rows = ids.flatMap { k in (0..<6).map { full(6 * k + $0) } }  // [node DOF][wave train][ω]
            let base = graph.nodes[ids[0]].r0.z <= graph.nodes[ids[ids.count - 1]].r0.z ? 0 : ids.count - 1
            var loads: [(avg: Double, rows: [[Complex]])] = []
            for k in 0..<6 {
                let i = 6 * base + k
                var f0 = 0.0
                var f = [[Complex]](repeating: [Complex](repeating: .zero, count: nw), count: xis.count)
                for j in 0..<kf.size {
                    let c = kf[i, j]
                    if c == 0 { continue }
                    f0 -= c * xi0[j]
                    for h in xis.indices { for mm in 0..<nw { f[h][mm] -= rows[j][h][mm].multiplied(by: c) } }
                }
                loads.append((f0, f))
            }
            if formulation == .consistent {
                // RAFT's tower-base formula on the tower's nodes: converges to the rigid model's `Mbase` as the beams
                // stiffen, where −K·Xi amplifies the strain of the mean node placement (FlexibleFOWTOutputs+TowerBase);
                // the components are the same balance with every motion
                // (one balance per wave train; the mean loads do not depend on the response)
                let rn = graph.rotorNodes.first
                let nodeRows = ids.map { k in (0..<6).map { full(6 * k + $0) } }
                let rotorRows = rn.map { k in (0..<6).map { full(6 * k + $0) } }
                for foreAft in [true, false] {
                    let b = try xis.indices.map { h in
                        try consistentTowerBaseLoads(
                            tower: fm.members[m], ids: ids, base: base, meanDisplacements: eq.nodeDisplacements,
                            nodeRows: nodeRows.map { $0.map { $0[h] } }, rotor: rotors.first, rotorNode: rn,
                            rotorRows: rotorRows.map { $0.map { $0[h] } }, aero: aero.first, omega: w, g: g, foreAft: foreAft)
                    }
                    if foreAft {
                        statistics("Mbase", avg: b[0].avg[4], rows: b.map { $0.rows[4] })
                    } else {
                        loads = (0..<6).map { r in (b[0].avg[r], b.map { $0.rows[r] }) }
                    }
                }
            } else {
                statistics("Mbase", avg: loads[4].avg, rows: loads[4].rows)
            }
            for (k, name) in ["FbaseX", "FbaseY", "FbaseZ", "MbaseX", "MbaseY", "MbaseZ"].enumerated() {
                statistics(name, avg: loads[k].avg, rows: loads[k].rows, scalar: true)
            }
        }
        // mooring tensions (07 §2.2): the own mooring acts on the PRP node, as on a rigid FOWT
        if mooring != nil {
            let prp = Array(eq.x.prefix(6))
            try mooring!.tensionChannels(pose: reference == .zero ? prp : [prp[0] + reference.x, prp[1] + reference.y] + prp[2...], rows: rows, seas: seas, omega: w, into: &out)
        }
        // rotor control channels (spec 07 §2.7) from the translation of rotor 0's node (the wave trains, then a zero
        // wind row); one zero channel without rotors
        let node = graph.rotorNodes.first
        CaseChannels.rotorControl(rotors: rotors, channels: max(rotors.count, 1), windSpeed: windSpeed, currentSpeed: currentSpeed,
                                  nw: nw, dw: dw, hubResponse: { dof in node.map { full(6 * $0 + dof) + [[Complex](repeating: .zero, count: nw)] } },
                                  into: &out)
        return out
    }
}
