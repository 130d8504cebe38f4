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
                                                 omega: w, dw: dw, zeta: response.seas.map { $0.amplitude }), into: &out)
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
        // Rotor control channels (spec 07 §2.7), one per rotor, from rotor 0's hub translation.
        CaseChannels.rotorControl(rotors: f.rotors, channels: nr, windSpeed: c.windSpeed, currentSpeed: c.currentSpeed, nw: nw, dw: dw,
                                  hubResponse: { dof in hubRows[0].map { row in (0..<nw).map { row[$0 * 3 + dof] } } }, into: &out)
        return out
    }
}
