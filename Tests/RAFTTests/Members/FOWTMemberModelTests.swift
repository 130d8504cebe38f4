import Foundation
import Testing
@testable import RAFT

@Suite("Members: FOWTMemberModel (API used by the system solver)")
struct FOWTMemberModelTests {
    @Test("reference-pose model matches the regression A_hydro_morison; moving to the reference pose changes nothing", .needsReference)
    func model() throws {
        let design = try Design.load(path: Reference.url("reference/raft-regression/test_data/VolturnUS-S.yaml").path)
        let grid = FrequencyGrid(settings: design.settings)
        let m = try FOWTMemberModel(design: design, fowt: 0, grid: grid)
        let ref = try ReferenceArray(((try Reference.json("raft-regression/json/VolturnUS-S_true_hydroConstants.json") as! [String: Any])["data"] as! [String: Any])["A_hydro_morison"])
        expectAllClose(m.morisonAddedMass.storage, ref.re, rtol: 1e-5, atol: 1e-3, "A_hydro_morison")
        let sea = SeaState(train: WaveTrain(spectrum: .jonswap, periodS: 10, heightM: 4, headingDeg: 30, gamma: 0), grid: grid)
        let same = m.hydrodynamics(atPose: [0, 0, 0, 0, 0, 0])
        let f0 = m.hydro.inertialExcitation(m.hydro.waveKinematics(amplitude: sea.amplitude, heading: sea.heading, depth: m.depth))
        let f1 = same.inertialExcitation(same.waveKinematics(amplitude: sea.amplitude, heading: sea.heading, depth: m.depth))
        expectAllClose(f1.values.map(\.real) + f1.values.map(\.imaginary), f0.values.map(\.real) + f0.values.map(\.imaginary),
                       rtol: 1e-12, atol: 1e-6, "excitation after moving to the same pose")
        #expect(f0.values.contains { $0.length > 1e3 })
        // a surge offset only changes the wave phase: |F| unchanged for a head sea
        let surge = m.hydrodynamics(atPose: [10, 0, 0, 0, 0, 0])
        let headSea = SeaState(train: WaveTrain(spectrum: .jonswap, periodS: 10, heightM: 4, headingDeg: 0, gamma: 0), grid: grid)
        let fa = m.hydro.inertialExcitation(m.hydro.waveKinematics(amplitude: headSea.amplitude, heading: 0, depth: m.depth))
        let fb = surge.inertialExcitation(surge.waveKinematics(amplitude: headSea.amplitude, heading: 0, depth: m.depth))
        expectAllClose(fb.values.map(\.length), fa.values.map(\.length), rtol: 1e-9, atol: 1e-6, "|F| under a surge offset")
        let q = m.slenderBodyQTF(heading: 30 * Double.pi / 180, rao: nil)
        #expect(q?.omega.count == 23)
    }
}
