import Foundation
import Testing
@testable import RAFT

/// The native solver on RAFT's VolturnUS-S column mesh against pyHAMS 1.3.1 (`VolturnUS-S_BEM_hams/Buoy.1`,
/// `.3`: infinite depth, 20 frequencies k·0.04π rad/s, heading 0). Release only (1,168 panels).
@Suite("BEM VolturnUS-S vs pyHAMS")
struct BEMVolturnTests {
    static let folder = "reference/designs-e2e/inputs/VolturnUS-S_BEM_hams"

    /// max over frequencies of |mine − ref| / max over frequencies of |ref|.
    static func peakError(_ mine: [Double], _ ref: [Double]) -> Double {
        let peak = ref.map(abs).max() ?? 0
        return zip(mine, ref).map { abs($0 - $1) }.max()! / max(peak, 1e-300)
    }

    @Test("A, B diagonals and surge–pitch/sway–roll couplings, |X|: within 1.5 % (A, |X|) and 2.5 % (B) of each entry's peak",
          .enabled(if: Reference.isAvailable && HeavyTests.enabled))
    func againstHAMS() throws {
        let mesh = try PanelMeshTests.volturnMesh()
        let dw = 2 * Double.pi * 0.02
        let omegas = (1...20).map { Double($0) * dw }
        let start = Date()
        let solver = BEMSolver(panels: mesh.geometry)
        let r = try solver.solve(omega: omegas, headingsDeg: [0])
        print("BEM VolturnUS-S: \(mesh.panels.count) panels, \(omegas.count) frequencies, \(String(format: "%.2f", Date().timeIntervalSince(start))) s")

        let t1 = try String(contentsOf: Reference.url(Self.folder + "/Buoy.1"), encoding: .utf8)
        let t3 = try String(contentsOf: Reference.url(Self.folder + "/Buoy.3"), encoding: .utf8)
        let rad = try WAMITRadiationData(text: t1, file: "Buoy.1")
        let exc = try WAMITExcitationData(text: t3, file: "Buoy.3")
        // entries in ascending period: PER −1, PER 0, then ω_max … ω_min
        func radEntry(_ k: Int) -> Int { 2 + (omegas.count - 1 - k) }
        func excEntry(_ k: Int) -> Int { omegas.count - 1 - k }
        #expect(abs(rad.omega[radEntry(0)] - omegas[0]) < 1e-5 && abs(exc.omega[excEntry(19)] - omegas[19]) < 1e-5)

        var worst = (a: 0.0, b: 0.0, x: 0.0)
        let pairs = [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (0, 4), (4, 0), (1, 3), (3, 1)]
        for (i, j) in pairs {
            let ea = Self.peakError(omegas.indices.map { r.addedMass[$0][6 * i + j] }, omegas.indices.map { rad.addedMass[radEntry($0)][i, j] })
            let eb = Self.peakError(omegas.indices.map { r.damping[$0][6 * i + j] }, omegas.indices.map { rad.damping[radEntry($0)][i, j] })
            print(String(format: "A%d%d %.4f %%   B%d%d %.4f %%", i + 1, j + 1, 100 * ea, i + 1, j + 1, 100 * eb))
            worst.a = max(worst.a, ea); worst.b = max(worst.b, eb)
        }
        for i in [0, 2, 4] {
            let s = exc.series(heading: 0, mode: i)
            let refMag = omegas.indices.map { k -> Double in
                let p = excEntry(k); return (s.re[s.re.startIndex + p] * s.re[s.re.startIndex + p] + s.im[s.im.startIndex + p] * s.im[s.im.startIndex + p]).squareRoot()
            }
            let mine = omegas.indices.map { r.excitation[$0][0][i].length }
            let ex = Self.peakError(mine, refMag)
            // phase check at the lowest frequency
            let p0 = excEntry(0)
            let refPhase = atan2(s.im[s.im.startIndex + p0], s.re[s.re.startIndex + p0]), myPhase = atan2(r.excitation[0][0][i].imaginary, r.excitation[0][0][i].real)
            print(String(format: "|X%d| %.4f %%  phase(ω1) %.2f° vs %.2f°", i + 1, 100 * ex, myPhase * 180 / .pi, refPhase * 180 / .pi))
            #expect(abs(myPhase - refPhase) < 0.05)
            worst.x = max(worst.x, ex)
        }
        let a0 = Self.peakError([r.addedMassZero[0], r.addedMassZero[14], r.addedMassZero[28]],
                                [rad.addedMass[0][0, 0], rad.addedMass[0][2, 2], rad.addedMass[0][4, 4]])
        print(String(format: "zero-frequency A11/A33/A55: %.4f %%", 100 * a0))
        #expect(worst.a < 0.015, "A worst \(worst.a)")
        #expect(worst.b < 0.025, "B worst \(worst.b)")
        #expect(worst.x < 0.015, "|X| worst \(worst.x)")
        #expect(a0 < 0.015)
    }
}
