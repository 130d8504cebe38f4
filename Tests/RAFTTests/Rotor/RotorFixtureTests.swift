import Foundation
import Testing
@testable import RAFT

/// Extra reference-RAFT evaluations (Fixtures/rotor_cases.json from make_rotor_fixture.py): yawed, tilted,
/// parked (Ω = 0) and high-pitch CCBlade calls, and controlled calcAero with IEC turbulence strings.
@Suite struct RotorFixtureTests {
    static func fixture() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/rotor_cases.json")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    static func makeRotor(_ omega: [Double]) throws -> Rotor {
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/VolturnUS-S.yaml").path)
        return try Rotor(turbine: design.turbines[0], site: design.site, frequencies: omega, index: 0)
    }

    /// NaN-aware closeness (RAFT's NaNs must be NaN here too).
    static func close(_ a: [Double], _ d: [Double], rtol: Double, atol: Double = 0, _ ctx: String) {
        for (x, y) in zip(a, d) where y.isNaN { #expect(x.isNaN, "\(ctx): expected NaN, got \(x)") }
        let keep = zip(a, d).filter { !$0.1.isNaN }
        expectAllClose(keep.map(\.0), keep.map(\.1), rtol: rtol, atol: atol, ctx)
    }

    static func numbers(_ v: Any?) -> [Double] {
        if let l = v as? [Any] { return l.flatMap { numbers($0) } }
        if let v, let x = ReferenceArray.number(v) { return [x] }
        return [.nan]  // JSON NaN is not valid JSON; Python wrote NaN tokens → decoded as strings or missing
    }

    @Test(.needsReference) func ccbladeEdgeConditions() throws {
        let fx = try Self.fixture()
        var rotor = try Self.makeRotor(fx["omega"] as! [Double])
        for e in fx["ccblade"] as! [[String: Any]] {
            let n = { (k: String) in ReferenceArray.number(e[k]!)! }
            rotor.ccblade.tilt = n("tilt"); rotor.ccblade.yaw = n("yaw")
            let l = rotor.ccblade.evaluate(windSpeed: n("U"), rotorSpeedRPM: n("Omega"), pitchDeg: n("pitch"))
            let ctx = "U \(n("U")) Ω \(n("Omega")) pitch \(n("pitch")) yaw \(n("yaw"))"
            let scale = abs(n("T")) + abs(n("Q"))
            Self.close([l.thrust, l.sideForce, l.verticalForce, l.torque, l.momentY, l.momentZ, l.power],
                       ["T", "Y", "Z", "Q", "My", "Mz", "P"].map(n), rtol: 1e-9, atol: 1e-12 * scale, "\(ctx) loads")
            Self.close([l.dThrust.x, l.dThrust.y, l.dThrust.z, l.dTorque.x, l.dTorque.y, l.dTorque.z],
                       Self.numbers(e["dT"]) + Self.numbers(e["dQ"]), rtol: 1e-8, atol: 1e-12 * scale, "\(ctx) derivatives")
        }
    }

    @Test(.needsReference) func controlledCalcAero() throws {
        let fx = try Self.fixture()
        var rotor = try Self.makeRotor(fx["omega"] as! [Double])
        for e in fx["calcAero"] as! [[String: Any]] {
            let c = e["case"] as! [String: Any]
            let turb: Turbulence = (c["turbulence"] as? String).map { .iec($0) } ?? .intensity(ReferenceArray.number(c["turbulence"]!)!)
            let rc = RotorCase(windSpeed: ReferenceArray.number(c["wind_speed"]!)!,
                               windHeadingDeg: ReferenceArray.number(c["wind_heading"]!)!, turbulence: turb)
            let r = try rotor.calcAero(rc)
            let op = try #require(rotor.operatingPoint)
            let ctx = "\(c)"
            Self.close(r.meanForce, Self.numbers(e["f_aero0"]), rtol: 1e-8, atol: 1e-6, "\(ctx) f_aero0")
            Self.close([op.rotorSpeedRPM, op.pitchDeg, op.kpBeta, op.kiBeta],
                       Self.numbers([e["Omega_case"], e["pitch_case"], e["kp_beta"], e["ki_beta"]]), rtol: 1e-12, "\(ctx) op/gains")
            Self.close(op.windAmplitude, Self.numbers(e["V_w"]), rtol: 1e-9, "\(ctx) V_w")
            Self.close(op.controlTransfer.map(\.real) + op.controlTransfer.map(\.imaginary),
                       Self.numbers(e["C_re"]) + Self.numbers(e["C_im"]), rtol: 1e-8, atol: 1e-15, "\(ctx) C")
            let nw = rotor.omega.count
            Self.close((0..<nw).map { r.addedMass[$0][0, 0] } + (0..<nw).map { r.damping[$0][0, 0] }
                        + (0..<nw).map { r.addedMass[$0][4, 4] } + (0..<nw).map { r.damping[$0][4, 4] },
                       Self.numbers(e["a00"]) + Self.numbers(e["b00"]) + Self.numbers(e["a44"]) + Self.numbers(e["b44"]),
                       rtol: 1e-8, atol: 1e-6, "\(ctx) a/b")
            Self.close((0..<6).flatMap { d in (0..<nw).map { r.excitation[d][$0].real } }
                        + (0..<6).flatMap { d in (0..<nw).map { r.excitation[d][$0].imaginary } },
                       Self.numbers(e["f_re"]) + Self.numbers(e["f_im"]), rtol: 1e-8, atol: 1e-6, "\(ctx) f_aero")
        }
    }
}
