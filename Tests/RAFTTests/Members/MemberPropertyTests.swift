import Foundation
import Testing
@testable import RAFT

@Suite("Members: analytic and property checks")
struct MemberPropertyTests {
    static func design(headingAdjust: Double = 0) throws -> Design {
        let yaml = """
        settings: {min_freq: 0.01, max_freq: 0.3}
        site: {water_depth: 150, rho_water: 1025, g: 9.81}
        platform:
            potModMaster: 1
            members:
              - {name: col, type: rigid, rA: [0, 0, -20], rB: [0, 0, 10], shape: circ, stations: [0, 1], d: 10, t: 0.05,
                 rho_shell: 7850, Cd: 0.8, Ca: 1.0, CdEnd: 0.6, CaEnd: 0.6, heading: [0]}
              - {name: brace, type: rigid, rA: [6, 0, -15], rB: [30, 0, -15], shape: circ, stations: [0, 1], d: 2, t: 0.02,
                 heading: [30, 150, 270]}
        array:
            keys: [turbineID, platformID, mooringID, x_location, y_location, heading_adjust]
            data: [[0, 1, 0, 0, 0, \(headingAdjust)]]
        """
        return try Design.parse(yaml, file: "props.yaml")
    }

    @Test("vertical column: ρgV buoyancy and ρgA_wp heave stiffness; symmetric matrices")
    func analytic() throws {
        let d = try Self.design()
        let s = try FOWTStatics(design: d, fowt: 0)
        let rg = 1025 * 9.81
        let vCol = Double.pi / 4 * 100 * 20, vBrace = 3 * Double.pi / 4 * 4 * 24
        expectAllClose([s.buoyancy[2]], [rg * (vCol + vBrace)], rtol: 1e-12, "buoyancy ρgV")
        expectAllClose([s.hydrostaticStiffness[2, 2]], [rg * Double.pi / 4 * 100], rtol: 1e-12, "C33 = ρgA_wp")
        for M in [s.structuralMass, s.hydrostaticStiffness, s.structuralStiffness] {
            expectAllClose(M.storage, M.transposed.storage, rtol: 1e-14, atol: 1e-9, "symmetric")
        }
        #expect(s.structuralMass[0, 0] > 0)
    }

    @Test("still water gives zero inertial excitation; a 90° heading_adjust rotates the excitation with the waves")
    func rotation() throws {
        let grid = FrequencyGrid(minHz: 0.01, maxHz: 0.3)
        let a = try FOWTMemberModel(design: try Self.design(), fowt: 0, grid: grid)
        let b = try FOWTMemberModel(design: try Self.design(headingAdjust: 90), fowt: 0, grid: grid)
        let still = SeaState(train: WaveTrain(spectrum: .still, periodS: 10, heightM: 2, headingDeg: 0, gamma: 0), grid: grid)
        let f0 = a.hydro.inertialExcitation(a.hydro.waveKinematics(amplitude: still.amplitude, heading: 0, depth: 150))
        #expect(f0.values.allSatisfy { $0 == .zero })
        let sea = SeaState(train: WaveTrain(spectrum: .jonswap, periodS: 9, heightM: 3, headingDeg: 20, gamma: 0), grid: grid)
        let fa = a.hydro.inertialExcitation(a.hydro.waveKinematics(amplitude: sea.amplitude, heading: sea.heading, depth: 150))
        let fb = b.hydro.inertialExcitation(b.hydro.waveKinematics(amplitude: sea.amplitude, heading: sea.heading + Double.pi / 2, depth: 150))
        // rotating the body and the waves by +90° about z: (Fx, Fy) → (−Fy, Fx), same for moments; Fz, Mz unchanged
        var rotated = ComplexSeries6(frequencyCount: grid.count)
        for m in 0..<grid.count {
            rotated[0, m] = -fa[1, m]; rotated[1, m] = fa[0, m]; rotated[2, m] = fa[2, m]
            rotated[3, m] = -fa[4, m]; rotated[4, m] = fa[3, m]; rotated[5, m] = fa[5, m]
        }
        let scale = fa.values.map(\.length).max() ?? 1
        expectAllClose(fb.values.map(\.real), rotated.values.map(\.real), rtol: 1e-9, atol: 1e-9 * scale, "rotated excitation re")
        expectAllClose(fb.values.map(\.imaginary), rotated.values.map(\.imaginary), rtol: 1e-9, atol: 1e-9 * scale, "rotated excitation im")
        expectAllClose([b.morisonAddedMass[2, 2], b.morisonAddedMass[5, 5]], [a.morisonAddedMass[2, 2], a.morisonAddedMass[5, 5]], rtol: 1e-12, "A33, A66 invariant")
    }
}
