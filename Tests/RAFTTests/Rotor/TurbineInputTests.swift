import Foundation
import Testing
@testable import RAFT

/// `turbine` section parsing: broadcasting of per-rotor scalars and path-qualified errors.
@Suite struct TurbineInputTests {
    static let base = """
    turbine:
        mRNA: 1000
        IxRNA: 0
        IrRNA: 0
        xCG_RNA: -1
        overhang: -5
        nBlades: NB
        Rhub: 2
        precone: -2
        shaft_tilt: -5
        I_drivetrain: 1e6
        gear_ratio: 1
        blade:
            Rtip: 50
            precurveTip: 0
            presweepTip: 0
            geometry: [[3, 3, 10, 0, 0], [49, 1, 0, 0, 0]]
            airfoils: [[0, a1], [1, a2]]
        airfoils:
          - {name: a1, relative_thickness: 1.0, data: [[-180, 0, 0.5, 0], [180, 0, 0.5, 0]]}
          - {name: a2, relative_thickness: 0.2, data: [[-180, 0, 0.02, 0], [0, 0.2, 0.01, 0], [180, 0, 0.02, 0]]}
        wt_ops: {v: [3, 25], omega_op: [5, 10], pitch_op: [0, 20]}
        pitch_control: {GS_Angles: [0.1, 0.3], GS_Kp: [-1, -0.5], GS_Ki: [-0.1, -0.05], Fl_Kp: 0}
        torque_control: {VS_KP: -1e6, VS_KI: -1e5}
    """

    static func parse(_ text: String) throws -> TurbineInput {
        let root = try YAMLNode.parse(text, file: "t.yaml")
        var d = Diagnostics()
        return try TurbineInput(node: root.required("turbine"), diagnostics: &d)
    }

    @Test func parsesAndBroadcasts() throws {
        let t = try Self.parse(Self.base.replacingOccurrences(of: "NB", with: "3"))
        #expect(t.rotorCount == 1)
        #expect(t.bladeCount == [3])
        #expect(t.yawMode == [0] && t.aeroServoMod == [1] && t.speedGain == [1.0])
        #expect(t.bladeHeadingsDeg == [0, 120, 240])
        #expect(t.blades[0].elementCount == 20 && t.blades[0].sectorCount == 4)
    }

    @Test func badBladeCountNamesThePath() throws {
        do {
            _ = try Self.parse(Self.base.replacingOccurrences(of: "NB", with: "0"))
            Issue.record("expected an error")
        } catch let e as InputError {
            #expect(e.description.contains("nBlades"))
        }
    }

    @Test func unknownAirfoilIsReported() throws {
        let text = Self.base.replacingOccurrences(of: "NB", with: "3").replacingOccurrences(of: "[1, a2]", with: "[1, a3]")
        do {
            _ = try Self.parse(text)
            Issue.record("expected an error")
        } catch let e as InputError {
            #expect(e.description.contains("a3"))
        }
    }

    @Test func smallRotorBuildsAndEvaluates() throws {
        let t = try Self.parse(Self.base.replacingOccurrences(of: "NB", with: "3"))
        var rotor = try Rotor(turbine: t, site: Site(waterDepth: 100), frequencies: [0.1, 0.2, 0.3], index: 0)
        let r = try rotor.calcAero(RotorCase(windSpeed: 8))
        // Thrust is positive downwind along the shaft and finite.
        #expect(r.meanForce[0] > 0 && r.meanForce.allSatisfy(\.isFinite))
        #expect(rotor.operatingPoint?.rotorSpeedRPM ?? 0 > 5)
    }
}
