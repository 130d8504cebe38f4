import Foundation
import Testing
@testable import RAFT
import RAFTIO

/// The native solver inside `raft run` on VolturnUS-S_BEM (1,168 panels, 20 frequencies) against RAFT 2.0.4 with
/// pyHAMS. Release only: `swift test -c release --filter BEMNativeEndToEndTests` (the Makefile's `test` target).
@Suite("BEM native end to end (release)")
struct BEMNativeEndToEndTests {
    @Test("VolturnUS-S_BEM: A/B/X_BEM and every case statistic within 2 % of its scale (differences measured, printed)",
          .enabled(if: Reference.isAvailable && HeavyTests.enabled))
    func volturnNative() throws {
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/VolturnUS-S_BEM.yaml").path)
        let ref = try Reference.json("designs-e2e/VolturnUS-S_BEM.json") as! [String: Any]
        let start = Date()
        let (result, model) = try BEMIntegrationTests.run(design, provider: nil)
        print(String(format: "VolturnUS-S_BEM native: whole flow %.1f s", Date().timeIntervalSince(start)))
        let d = try BEMIntegrationTests.differences(result, model, ref)
        let sorted = d.sorted { $0.key < $1.key }
        for (k, v) in sorted { print(String(format: "  %@ %.3e", k, v)) }
        BEMIntegrationTests.report(d, "native BEM vs RAFT+pyHAMS")
        for (k, v) in d { #expect(v < 0.02, "\(k): \(v) of its scale") }
    }
}

/// `raft bem` files read back with potModMaster 3 give the same coefficients as the in-model path (coarse mesh).
@Suite("BEM files round trip")
struct BEMFilesRoundTripTests {
    @Test("written .1/.3 parse to exactly the tables the model builds from the solver's result; .pnl/.gdf/.hst written",
          .needsReference)
    func roundTrip() throws {
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/VolturnUS-S_BEM.yaml").path)
            .setting([("platform.dz_BEM", 12), ("platform.da_BEM", 9), ("settings.max_freq", 0.2), ("platform.min_freq_BEM", 0.05)])
        let model = try Model(design: design)
        let run = try #require(try model.bemRuns().first)
        let c = try run.problem.solve().coefficients
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bem-roundtrip-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try BEMFiles.write(c, mesh: run.problem.mesh, hydrostaticStiffness: run.hydrostaticStiffness, rho: run.rho,
                                       gravity: run.problem.gravity, to: dir, name: "hull")
        #expect(files.count == 5 && files.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        let r = try WAMITRadiationData(text: String(contentsOfFile: dir + "/hull.1", encoding: .utf8), file: "hull.1")
        let x = try WAMITExcitationData(text: String(contentsOfFile: dir + "/hull.3", encoding: .utf8), file: "hull.3")
        let direct = WAMITRadiationData(bem: c), directX = WAMITExcitationData(bem: c)
        #expect(r.periods == direct.periods && r.omega == direct.omega)
        #expect(r.addedMass == direct.addedMass)
        #expect(zip(r.damping.dropFirst(2), direct.damping.dropFirst(2)).allSatisfy { $0 == $1 })
        #expect(x.periods == directX.periods && x.headingsDeg == directX.headingsDeg)
        #expect(x.real == directX.real && x.imaginary == directX.imaginary)
        // the model's coefficients from the files equal those from the solver's result, bit for bit
        let fromFiles = try PotentialFlowCoefficients(bem: BEMCoefficients(radiation: r, excitation: x), omega: model.grid.omega,
                                                      rho: run.rho, g: run.g, source: "files")
        let fromSolver = try PotentialFlowCoefficients(bem: c, omega: model.grid.omega, rho: run.rho, g: run.g, source: "solver")
        #expect(fromFiles.radiation.addedMass == fromSolver.radiation.addedMass)
        #expect(fromFiles.radiation.damping == fromSolver.radiation.damping)
        #expect(fromFiles.excitation.coefficients.map(\.values) == fromSolver.excitation.coefficients.map(\.values))
        // .hst: C_hydro/(ρ g) with HAMS's g; C̄33 = waterplane area of the four columns ≈ 446.8 m²
        let hst = try String(contentsOfFile: dir + "/hull.hst", encoding: .utf8)
        let c33 = try #require(hst.split(separator: "\n").first { $0.split(separator: " ").prefix(2) == ["3", "3"] })
        let value = try #require(Double(c33.split(separator: " ")[2]))
        #expect(abs(value - 446.85) < 0.5, "C33/(ρg) = \(value)")
    }

    @Test("a potModMaster 3 design reading `raft bem` files: A_BEM equals the native in-model result", .needsReference)
    func designReadsFiles() throws {
        let src = Reference.url("reference/designs-e2e/inputs/VolturnUS-S_BEM.yaml")
        let design = try Design.load(path: src.path)
            .setting([("platform.dz_BEM", 12), ("platform.da_BEM", 9), ("settings.max_freq", 0.2), ("platform.min_freq_BEM", 0.05)])
        var native = try Model(design: design)
        try native.solvePotentialFlow()
        let run = try #require(try native.bemRuns().first)
        let c = try run.problem.solve().coefficients   // memo hit: the same bits as the model used
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bem-design-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try BEMFiles.write(c, mesh: run.problem.mesh, hydrostaticStiffness: run.hydrostaticStiffness, rho: run.rho,
                           gravity: run.problem.gravity, to: dir, name: "hull")
        var text = try String(contentsOf: src, encoding: .utf8)
        text = text.replacingOccurrences(of: "potModMaster :  0", with: "potModMaster :  3\n    potFirstOrder : 1\n    hydroPath : \(dir)/hull")
        text = text.replacingOccurrences(of: "max_freq     :  0.40", with: "max_freq     :  0.20")
        let yaml = dir + "/design.yaml"
        try text.write(toFile: yaml, atomically: true, encoding: .utf8)
        let fromFiles = try Model(design: try Design.load(path: yaml))
        let a = try #require(fromFiles.fowts[0].potentialFlow).coefficients
        let b = try #require(native.fowts[0].potentialFlow).coefficients
        #expect(a.radiation.addedMass == b.radiation.addedMass && a.radiation.damping == b.radiation.damping)
        #expect(a.excitation.coefficients.map(\.values) == b.excitation.coefficients.map(\.values))
    }
}
