import Foundation
import Testing
import ComplexModule
@testable import RAFT

/// Rotor quantities of whole designs vs designs-e2e `case_internals` (aero-servo gains, control transfer function,
/// operating point, FOWT-level aero matrices and gyroscopic damping at the reference pose; spec 03 §9–10).
@Suite struct RotorDesignsTests {
    static let designs = ["VolturnUS-S", "VolturnUS-S_BEM", "VolturnUS-S_WAMITcoefs", "VolturnUS-S_farm_testdata",
                          "OC3spar", "OC4semi_patched"]

    @Test(.needsReference, arguments: designs)
    func caseInternalsRotors(name: String) throws {
        let ref = try Reference.json("designs-e2e/\(name).json") as! [String: Any]
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/\(name).yaml").path)
        let grid = FrequencyGrid(settings: design.settings)
        let nw = grid.count
        let cases = try #require(design.cases).cases
        // one stateful rotor list per FOWT (RAFT keeps rotor state across cases)
        var rotors: [[Rotor]] = try design.fowts.map { entry in
            guard let ti = entry.turbineIndex else { return [] }
            let t = design.turbines[ti]
            return try (0..<t.rotorCount).map { try Rotor(turbine: t, site: design.site, frequencies: grid.omega, index: $0) }
        }
        let rtol = 1e-5
        for internals in ref["case_internals"] as! [[String: Any]] {
            let k = internals["iCase"] as! Int
            let lc = RotorCase(cases[k])
            for (i, fowtRef) in (internals["fowt"] as! [[String: Any]]).enumerated() {
                let rotorRefs = fowtRef["rotors"] as? [[String: Any]] ?? []
                let nrot = rotors[i].count
                let fa0 = try ReferenceArray(fowtRef["f_aero0"]), aA = try ReferenceArray(fowtRef["A_aero"])
                let bA = try ReferenceArray(fowtRef["B_aero"]), fA = try ReferenceArray(fowtRef["f_aero"])
                let bG = try ReferenceArray(fowtRef["B_gyro"])
                for j in 0..<nrot {
                    let ctx = "\(name) case \(k) fowt \(i) rotor \(j)"
                    var rotor = rotors[i][j]
                    rotor.setPosition(nodePose: [design.fowts[i].x + rotor.rRel.x, design.fowts[i].y + rotor.rRel.y, rotor.rRel.z, 0, 0, 0])
                    let (onPRP, gyroPRP) = try rotor.turbineConstants(lc, nodePosition: rotor.rRRPRel)
                    rotors[i][j] = rotor
                    let scaleF0 = fa0.re.map(abs).max() ?? 0
                    expectAllClose(onPRP.meanForce, (0..<6).map { fa0[$0, j] }, rtol: rtol, atol: 1e-6 * scaleF0, "\(ctx) f_aero0")
                    var a: [Double] = [], b: [Double] = [], ea: [Double] = [], eb: [Double] = []
                    for r in 0..<6 { for c in 0..<6 { for w in 0..<nw {
                        a.append(onPRP.addedMass[w][r, c]); b.append(onPRP.damping[w][r, c])
                        let idx = ((r * 6 + c) * nw + w) * nrot + j
                        ea.append(aA.re[idx]); eb.append(bA.re[idx])
                    } } }
                    expectAllClose(a, ea, rtol: rtol, atol: 1e-6 * (ea.map(abs).max() ?? 0), "\(ctx) A_aero")
                    expectAllClose(b, eb, rtol: rtol, atol: 1e-6 * (eb.map(abs).max() ?? 0), "\(ctx) B_aero")
                    var fr: [Double] = [], fi: [Double] = [], efr: [Double] = [], efi: [Double] = []
                    for r in 0..<6 { for w in 0..<nw {
                        fr.append(onPRP.excitation[r][w].real); fi.append(onPRP.excitation[r][w].imaginary)
                        let idx = (r * nw + w) * nrot + j
                        efr.append(fA.re[idx]); efi.append(fA.im?[idx] ?? 0)
                    } }
                    let fscale = max(efr.map(abs).max() ?? 0, efi.map(abs).max() ?? 0)
                    expectAllClose(fr, efr, rtol: rtol, atol: 1e-6 * fscale, "\(ctx) f_aero re")
                    expectAllClose(fi, efi, rtol: rtol, atol: 1e-6 * fscale, "\(ctx) f_aero im")
                    var g: [Double] = [], eg: [Double] = []
                    for r in 0..<6 { for c in 0..<6 { g.append(gyroPRP[r, c]); eg.append(bG.re[(r * 6 + c) * nrot + j]) } }
                    expectAllClose(g, eg, rtol: rtol, atol: 1e-6 * (eg.map(abs).max() ?? 0), "\(ctx) B_gyro")

                    // Parked cases report the previous case's stale rotor state (spec 03 P20).
                    guard j < rotorRefs.count, let op = rotor.operatingPoint else { continue }
                    let rr = rotorRefs[j]
                    func num(_ key: String) throws -> Double { try ReferenceArray(rr[key]).scalar }
                    expectAllClose([op.rotorSpeedRPM, op.pitchDeg, op.torque, op.power, op.thrust],
                                   [try num("Omega_case"), try num("pitch_case"), try num("aero_torque"),
                                    try num("aero_power"), try num("aero_thrust")], rtol: rtol, "\(ctx) operating point")
                    expectAllClose([rotor.kpTau, rotor.kiTau], [try num("kp_tau"), try num("ki_tau")], rtol: rtol, "\(ctx) torque gains")
                    if rr["kp_beta"] != nil {
                        expectAllClose([op.kpBeta, op.kiBeta], [try num("kp_beta"), try num("ki_beta")], rtol: rtol, "\(ctx) pitch gains")
                    }
                    let f0 = try ReferenceArray(rr["f0"])
                    expectAllClose(op.meanForce, f0.re, rtol: rtol, atol: 1e-6 * (f0.re.map(abs).max() ?? 0), "\(ctx) rotor f0")
                    if rotor.aeroServoMod == 2 {
                        let cRef = try ReferenceArray(rr["C"])
                        expectAllClose(op.controlTransfer.map(\.real), cRef.re, rtol: rtol, atol: 1e-12, "\(ctx) C re")
                        expectAllClose(op.controlTransfer.map(\.imaginary), cRef.im ?? [], rtol: rtol, atol: 1e-12, "\(ctx) C im")
                    }
                }
            }
        }
    }
}

extension RotorDesignsTests {
    /// Rotor output channels from the stored FOWT response (case_internals Xi at the mean pose r6) vs case_metrics.
    @Test(.needsReference, arguments: ["VolturnUS-S", "VolturnUS-S_BEM", "VolturnUS-S_WAMITcoefs"])
    func rotorChannels(name: String) throws {
        let ref = try Reference.json("designs-e2e/\(name).json") as! [String: Any]
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/\(name).yaml").path)
        let grid = FrequencyGrid(settings: design.settings)
        let nw = grid.count
        let cases = try #require(design.cases).cases
        var rotor = try Rotor(turbine: design.turbines[0], site: design.site, frequencies: grid.omega, index: 0)
        let metrics = ref["case_metrics"] as! [String: Any]
        for internals in ref["case_internals"] as! [[String: Any]] {
            let k = internals["iCase"] as! Int
            _ = try rotor.calcAero(RotorCase(cases[k]))
            let fowt = (internals["fowt"] as! [[String: Any]])[0]
            let xi = try ReferenceArray(fowt["Xi"]), r6 = try ReferenceArray(fowt["r6"]).re
            let rNode = rotationMatrix(roll: r6[3], pitch: r6[4], yaw: r6[5]) * rotor.rRel
            let rows = xi.shape[0]
            var hub: [[RAFT.Complex]] = []
            for h in 0..<rows {
                hub.append((0..<nw).map { w in
                    func x(_ d: Int) -> RAFT.Complex { let i = (h * 6 + d) * nw + w; return Complex(xi.re[i], xi.im?[i] ?? 0) }
                    return x(0) + Complex(rNode.z, 0) * x(4) - Complex(rNode.y, 0) * x(5)
                })
            }
            let ch = try #require(rotor.controlChannels(hubResponse: hub, dw: grid.dw))
            let m = (metrics["\(k)"] as! [String: Any])["0"] as! [String: Any]
            func v(_ key: String) throws -> [Double] { try ReferenceArray(m[key]).re }
            let ctx = "\(name) case \(k)"
            expectAllClose([ch.omegaAvg, ch.omegaStd, ch.omegaMax, ch.omegaMin],
                           try v("omega_avg") + v("omega_std") + v("omega_max") + v("omega_min"), rtol: 1e-5, "\(ctx) omega")
            expectAllClose([ch.torqueAvg, ch.torqueStd, ch.powerAvg, ch.bPitchAvg, ch.bPitchStd],
                           try v("torque_avg") + v("torque_std") + v("power_avg") + v("bPitch_avg") + v("bPitch_std"),
                           rtol: 1e-5, "\(ctx) torque/power/pitch")
            expectAllClose(ch.omegaPSD, try v("omega_PSD"), rtol: 1e-5, atol: 1e-12, "\(ctx) omega_PSD")
            expectAllClose(ch.torquePSD, try v("torque_PSD"), rtol: 1e-5, atol: 1e-6, "\(ctx) torque_PSD")
            expectAllClose(ch.bPitchPSD, try v("bPitch_PSD"), rtol: 1e-5, atol: 1e-12, "\(ctx) bPitch_PSD")
            expectAllClose(ch.windPSD, try v("wind_PSD"), rtol: 1e-5, atol: 1e-12, "\(ctx) wind_PSD")
        }
    }
}
