#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

extension FOWT {
    /// RAFT `saveTurbineOutputs` for this rigid FOWT after the dynamics of case `c` (spec 07 §2); a node graph's
    /// channels are `nodeCaseMetrics`, written by the same `CaseChannels` helpers.
    mutating func rigidCaseMetrics(response: FOWTResponse, case c: LoadCase, grid: FrequencyGrid, g: Double) throws -> CaseMetrics {
        let f = self, b = structure.rigid
        let nw = grid.count, w = grid.omega, dw = grid.dw
        var out = CaseMetrics()
        CaseChannels.motions(MotionChannelInputs(r6: b.r6, xRef: f.entry.x, yRef: f.entry.y, response: response.rows,
                                                 omega: w, dw: dw, zeta: response.seas.map(\.amplitude)), into: &out)
        let nr = f.rotors.count
        let suffix: (Int) -> String = { r in nr > 1 ? "_r\(r)" : "" }
        // Rotor-node (RRP) response per rotor: translation + θ × (R(θ0)·r_RRP0) (spec 07 §2.3), with the pose of the
        // dynamics solve (RAFT's Xi_fullDOF), not the re-solved mean pose of a potSecOrder case.
        let p = response.pose.count == 6 ? response.pose : b.r6
        let rot = rotationMatrix(roll: p[3], pitch: p[4], yaw: p[5])
        let hubRows: [[[Complex]]] = f.rotors.map { rotor in
            let d = rot * rotor.rRel
            return response.rows.map { row in
                var out = [Complex](repeating: .zero, count: 3 * nw)
                for j in 0..<nw {
                    let x = Vec3(row[j * 6].real, row[j * 6 + 1].real, row[j * 6 + 2].real)
                    let xi = Vec3(row[j * 6].imaginary, row[j * 6 + 1].imaginary, row[j * 6 + 2].imaginary)
                    let th = Vec3(row[j * 6 + 3].real, row[j * 6 + 4].real, row[j * 6 + 5].real)
                    let thi = Vec3(row[j * 6 + 3].imaginary, row[j * 6 + 4].imaginary, row[j * 6 + 5].imaginary)
                    let re = x + cross(th, d), im = xi + cross(thi, d)
                    for k in 0..<3 { out[j * 3 + k] = Complex(re[k], im[k]) }
                }
                return out
            }
        }
        // Nacelle accelerations (AxRNA, AyRNA, AzRNA).
        let names = ["AxRNA", "AyRNA", "AzRNA"]
        for (k, name) in names.enumerated() {
            var std: [Double] = [], avg: [Double] = [], psds: [[Double]] = []
            for r in 0..<nr {
                let acc = hubRows[r].map { row in (0..<nw).map { j in row[j * 3 + k].multiplied(by: w[j] * w[j]) } }
                std.append(Statistics.rms(sources: acc))
                psds.append(Statistics.psd(sources: acc, dw: dw))
                switch k {
                case 0: avg.append(abs(sin(b.r6[4]) * g))
                case 1: avg.append(abs(sin(b.r6[3]) * g))
                default: avg.append(abs(g))
                }
            }
            out.setStatistics(name, mean: avg, std: std)
            for r in 0..<nr { out.psd.append(("\(name)_PSD\(suffix(r))", psds[r])) }
        }
        // Tower-base fore-aft moment, rigid towers (spec 07 §2.4, 2.0.4 mean formula §2.5).
        var mAvg: [Double] = [], mStd: [Double] = [], mPSD: [[Double]] = []
        let placed = f.members.placed(translation: Vec3(b.r6[0], b.r6[1], b.r6[2]), rotation: Vec3(b.r6[3], b.r6[4], b.r6[5]))
        for r in 0..<nr {
            let rotor = f.rotors[r]
            guard r < b.statics.towerMasses.count else {
                mAvg.append(0); mStd.append(0); mPSD.append([Double](repeating: 0, count: nw)); continue
            }
            let towerIndex = f.members.platformCount + r
            let mt = b.statics.towerMasses[r], mRNA = rotor.massRNA
            let mTurb = mt + mRNA
            let zCG = (b.statics.towerCGs[r].z * mt + rotor.rRel.z * mRNA) / mTurb
            let zBase = placed[towerIndex].rA.z
            let hArm = zCG - zBase
            let tower = f.members.members[towerIndex]
            let mTower: Matrix6
            mTower = try tower.inertia().matrix
            let iCG = translateMatrix6to6DOF(mTower, tower.rA0 - Vec3(0, 0, zCG))[4, 4]
                + mRNA * (rotor.rRel.z - zCG) * (rotor.rRel.z - zCG) + rotor.inertiaRadialRNA
            let lever2 = (rotor.rRel.z - zBase) * (rotor.rRel.z - zBase)
            let aero = f.aero[r]
            let rows: [[Complex]] = response.rows.map { row in
                (0..<nw).map { j in
                    let x0 = row[j * 6], x4 = row[j * 6 + 4]
                    let w2 = w[j] * w[j]
                    let aCG = (x0 + x4.multiplied(by: zCG)).multiplied(by: -w2)
                    let mI = aCG.multiplied(by: -mTurb * hArm) - x4.multiplied(by: -w2 * iCG)
                    let mW = x4.multiplied(by: mTurb * g * hArm)
                    let zA = Complex(-w2 * aero.addedMass[j][0, 0], w[j] * aero.damping[j][0, 0])
                    let mA = (zA * x4).multiplied(by: -lever2)
                    return mI + mW + mA
                }
            }
            let f0 = rotor.operatingPoint?.meanForce ?? [Double](repeating: 0, count: 6)
            mAvg.append(mTurb * g * hArm * sin(b.r6[4]) + f0[4] + (rotor.rRel.z - hArm) * f0[0])
            mStd.append(Statistics.rms(sources: rows))
            mPSD.append(Statistics.psd(sources: rows, dw: dw))
        }
        out.setStatistics("Mbase", mean: mAvg, std: mStd)
        for r in 0..<nr { out.psd.append(("Mbase_PSD\(suffix(r))", mPSD[r])) }
        // Mooring line-end tensions (moorMod 0: J·X_PRP, 1/2: lumped-mass lines; spec 07 §2.2).
        if mooring != nil {
            try mooring!.tensionChannels(pose: b.r6, rows: response.rows, seas: response.seas, omega: w, into: &out)
        }
        // Rotor channels (spec 07 §2.7): only when aeroServoMod > 1 and the inflow speed > 0; turbine_status is
        // not checked, so a parked case reports the previous case's rotor state (spec 03 P20).
        var rotorKeys: [(String, [Double])] = []
        var rotorPSD: [(String, [[Double]])] = [("omega_PSD", []), ("torque_PSD", []), ("bPitch_PSD", [])]
        var scalars: [String: [Double]] = [:]
        for r in 0..<nr {
            let rotor = f.rotors[r]
            let hubSubmerged = rotor.r3.z < 0
            let speed = hubSubmerged ? (c.currentSpeed ?? 1.0) : c.windSpeed
            var ch: RotorChannels?
            if rotor.aeroServoMod > 1 && speed > 0 {
                // RAFT picks column r of the stacked rotor-node array: DOF r of rotor 0's node (spec 07 §2.7 quirk).
                let dof = min(r, 2)
                let hub = hubRows[0].map { row in (0..<nw).map { row[$0 * 3 + dof] } }
                ch = rotor.controlChannels(hubResponse: hub, dw: dw)
            }
            let z = [Double](repeating: 0, count: nw)
            for (k, v) in [("omega_avg", ch?.omegaAvg), ("omega_std", ch?.omegaStd), ("omega_max", ch?.omegaMax),
                           ("omega_min", ch?.omegaMin), ("torque_avg", ch?.torqueAvg), ("torque_std", ch?.torqueStd),
                           ("power_avg", ch?.powerAvg), ("bPitch_avg", ch?.bPitchAvg), ("bPitch_std", ch?.bPitchStd)] {
                scalars[k, default: []].append(v ?? 0)
            }
            rotorPSD[0].1.append(ch?.omegaPSD ?? z)
            rotorPSD[1].1.append(ch?.torquePSD ?? z)
            rotorPSD[2].1.append(ch?.bPitchPSD ?? z)
        }
        for k in ["omega_avg", "omega_std", "omega_max", "omega_min", "torque_avg", "torque_std", "power_avg", "bPitch_avg", "bPitch_std"] {
            rotorKeys.append((k, scalars[k] ?? []))
        }
        for (k, v) in rotorKeys { out.set(k, v) }
        for (name, perRotor) in rotorPSD { for (r, p) in perRotor.enumerated() { out.psd.append(("\(name)\(suffix(r))", p)) } }
        return out
    }
}
