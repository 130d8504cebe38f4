import Foundation
import Testing
@testable import RAFT

/// Steady current on the mooring lines (`mooring.currentMod: 1`, spec 04 §11, 06 §5.1) in a whole run, against the
/// reference RAFT 2.0.4 / MoorPy 1.3.0 (`Model(design).analyzeCases(); solveEigen()`), the design edited as named.
/// No reference design uses the option, so these figures come from the reference RAFT; case 1 of both designs has
/// a 1 m/s current at 15° (case 0 has none).
@Suite("Model with current on the mooring lines (currentMod 1)")
struct MooringCurrentModelTests {
    struct Expected {
        /// Case 1 surge, sway, heave [m], roll, pitch, yaw [deg] means.
        var means: [Double]
        var tmoorAvg: [Double], tmoorStd: [Double]
        var surgeStd: Double, pitchStd: Double
        var eigenHz: [Double]
    }

    /// raft-regression VolturnUS-S (moorMod 0) with `mooring.currentMod 1`, `platform.potSecOrder 0`.
    static let quasiStatic = Expected(
        means: [24.38308271116262, 21.647557217173325, -0.6564738265396164, -1.9701696480410333, 3.7255503640889653, 0.6986121387836232],
        tmoorAvg: [3723231.1055642264, 540125.7612484451, 1866973.4670092973, 4917158.885373884, 1731924.7151570502, 3063956.859384516],
        tmoorStd: [107728.08617994384, 8411.61490148071, 27757.82392769416, 108764.9458902321, 11135.606863269322, 30172.19756224174],
        surgeStd: 0.6413631376884623, pitchStd: 0.2517110261871351,
        eigenHz: [0.012137573368641975, 0.007379155786670909, 0.06077764288574897, 0.0380516583062161, 0.039416190348438, 0.014736437569854969])

    /// raft-regression VolturnUS-S-moorMod2 (lumped-mass lines in the dynamics) with `mooring.currentMod 1`,
    /// `platform.potSecOrder 0`: every profile solve of the lumped-mass model advances the lagged current drag.
    static let lumped = Expected(
        means: [29.2716361996876, 25.660952076471595, -0.5448556316419522, -2.0367080410780467, 3.8772590920940195, 1.0168359198836923],
        tmoorAvg: [3835077.9397114743, 494132.3405615101, 1838625.0756025808, 4783587.977815089, 1643233.926682931, 2932371.0759046543],
        tmoorStd: [146512.91415131054, 12514.271037020411, 52715.02361078031, 167853.18224621733, 31098.19242027708, 71102.84888709658],
        surgeStd: 0.6314532003498591, pitchStd: 0.24610215788837111,
        eigenHz: [0.010531680833932522, 0.008626672398163395, 0.060993288858325306, 0.038735152687101745, 0.039078647442263796, 0.015515067629721357])

    @Test("case with current: mean pose, line tensions, motions and eigen frequencies", .needsReference, arguments: ["VolturnUS-S", "VolturnUS-S-moorMod2"])
    func currentOnLines(name: String) throws {
        let want = name == "VolturnUS-S" ? Self.quasiStatic : Self.lumped
        let design = try Design.load(path: Reference.url("reference/raft-regression/test_data/\(name).yaml").path)
            .setting([(path: "platform.potSecOrder", value: 0), (path: "mooring.currentMod", value: 1)])
        #expect(design.mooringCurrentMod == 1)
        let result = try MooringLumpedModelTests.run(design)
        let m = try #require(result.cases.last?.fowts.first?.metrics)
        let means = try ["surge_avg", "sway_avg", "heave_avg", "roll_avg", "pitch_avg", "yaw_avg"].map { try #require(m[$0]).values[0] }
        expectAllClose(means, want.means, rtol: 1e-5, atol: 1e-6, "\(name) case 1 mean pose")
        expectAllClose(try #require(m["Tmoor_avg"]).values, want.tmoorAvg, rtol: 1e-5, "\(name) case 1 Tmoor_avg")
        expectAllClose(try #require(m["Tmoor_std"]).values, want.tmoorStd, rtol: 1e-5, "\(name) case 1 Tmoor_std")
        expectAllClose([try #require(m["surge_std"]).values[0], try #require(m["pitch_std"]).values[0]], [want.surgeStd, want.pitchStd],
                       rtol: 1e-5, "\(name) case 1 surge/pitch std")
        expectAllClose(try #require(result.eigenAfterCases).frequenciesHz, want.eigenHz, rtol: 1e-5, atol: 1e-6, "\(name) eigen after cases")
    }

    @Test("the current is set per case, removed for a case without current, never set with currentMod 0", .needsReference)
    func currentOnlyWhenAsked() throws {
        let base = try Design.load(path: Reference.url("reference/raft-regression/test_data/VolturnUS-S.yaml").path)
            .setting("platform.potSecOrder", to: 0)
        var model = try Model(design: base.setting("mooring.currentMod", to: 1))
        let cases = try #require(base.cases?.cases)
        try model.solveStatics(cases[1])
        #expect(model.fowts[0].mooring?.current != nil)
        let withCurrent = model.fowts[0].structure.rigid.r6
        try model.solveStatics(cases[0])  // no current speed: no current on the lines
        #expect(model.fowts[0].mooring?.current == nil)
        var plain = try Model(design: base)
        try plain.solveStatics(cases[1])
        #expect(plain.fowts[0].mooring?.current == nil)
        // The drag on the lines pushes the platform further downstream.
        #expect(withCurrent[0] > plain.fowts[0].structure.rigid.r6[0] + 0.05)
    }
}
