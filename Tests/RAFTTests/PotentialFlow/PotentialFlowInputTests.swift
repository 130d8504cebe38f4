import Foundation
import Testing
@testable import RAFT

/// `platform.hydroPath` / `potModMaster` / `potFirstOrder` handling: path resolution and path-qualified errors.
@Suite("Potential-flow input (hydroPath)")
struct PotentialFlowInputTests {
    static let inputs = "reference/designs-e2e/inputs"

    /// VolturnUS-S_WAMITcoefs.yaml with its platform switches replaced.
    static func variant(_ replacements: [(String, String)], baseDirectory: String? = nil) throws -> Design {
        let url = Reference.url("\(inputs)/VolturnUS-S_WAMITcoefs.yaml")
        var text = try String(contentsOf: url, encoding: .utf8)
        for (old, new) in replacements {
            #expect(text.contains(old), "fixture text '\(old)' not found")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return try Design.parse(text, file: "variant.yaml", baseDirectory: baseDirectory ?? url.deletingLastPathComponent().path)
    }

    /// The design's `hydroPath` files are read when it is loaded and put on RAFT's grid when the model is built:
    /// either step may report the error, and both must locate it at `platform.hydroPath`.
    static func expectHydroPathError(_ design: () throws -> Design, contains parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try Model(design: try design())
            Issue.record("expected an InputError at platform.hydroPath", sourceLocation: sourceLocation)
        } catch let e as InputError {
            #expect(e.file == "variant.yaml" && e.path.description == "platform.hydroPath" && e.line != nil, "\(e)", sourceLocation: sourceLocation)
            for p in parts { #expect(e.description.contains(p), "'\(p)' not in: \(e)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("a missing hydroPath file names both places looked in", .needsReference)
    func missing() throws {
        Self.expectHydroPathError({ try Self.variant([("'./VolturnUS-S_BEM_hams/Buoy'", "'./no-such-folder/Buoy'")]) }, contains: ["no-such-folder/Buoy.1", "not found", FileManager.default.currentDirectoryPath])
    }

    @Test("malformed .1 and .3 files: the WAMIT file and line in a platform.hydroPath error", .needsReference)
    func malformed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("raft-potflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let hams = Reference.url("\(Self.inputs)/VolturnUS-S_BEM_hams")
        var one = try String(contentsOf: hams.appendingPathComponent("Buoy.1"), encoding: .utf8)
        let three = try String(contentsOf: hams.appendingPathComponent("Buoy.3"), encoding: .utf8)
        one = one.replacingOccurrences(of: "  5.000000E+01     1     2  1.356256E-12 -1.525632E-15", with: "  5.000000E+01     1     2  1.356256E-12")
        try one.write(to: dir.appendingPathComponent("Buoy.1"), atomically: true, encoding: .utf8)
        try three.write(to: dir.appendingPathComponent("Buoy.3"), atomically: true, encoding: .utf8)
        let bad1 = { try Self.variant([("'./VolturnUS-S_BEM_hams/Buoy'", "'\(dir.path)/Buoy'")]) }
        Self.expectHydroPathError(bad1, contains: ["\(dir.path)/Buoy.1 line 74", "expected 5 columns"])

        try String(contentsOf: hams.appendingPathComponent("Buoy.1"), encoding: .utf8).write(to: dir.appendingPathComponent("Buoy.1"), atomically: true, encoding: .utf8)
        try three.replacingOccurrences(of: "4.238668E+02", with: "4.2386.68E+02").write(to: dir.appendingPathComponent("Buoy.3"), atomically: true, encoding: .utf8)
        Self.expectHydroPathError(bad1, contains: ["Buoy.3 line 3", "expected numbers, found '4.2386.68E+02'"])
    }

    @Test("RAFT's frequencies above the tabulated ones are an error (no extrapolation)", .needsReference)
    func outOfRange() throws {
        Self.expectHydroPathError({ try Self.variant([("max_freq     :  0.40", "max_freq     :  0.45")]) }, contains: ["Buoy.1", "outside the tabulated range", "does not extrapolate"])
    }

    @Test("potModMaster 3 without potFirstOrder 1 is an input error (RAFT would fail in analyzeCases)", .needsReference)
    func masterThreeNeedsFiles() throws {
        let d = try Self.variant([("potFirstOrder:  1", "potFirstOrder:  0")])
        #expect(throws: InputError.self) { _ = try Model(design: d) }
    }

    @Test("potFirstOrder 1 with strip theory (potModMaster 1): A/B_BEM in the dynamics, no F_BEM, and a warning", .needsReference)
    func stripTheoryWithFiles() throws {
        let d = try Self.variant([("potModMaster :  3", "potModMaster :  1")])
        let model = try Model(design: d)
        let pf = try #require(model.fowts[0].potentialFlow)
        #expect(!pf.appliesExcitation)
        #expect(model.warnings.contains { $0.contains("added mass counted twice") })
        // Strip-theory added mass is back and A_BEM(w0) is added on top of it for the eigen analysis.
        let f = model.fowts[0], b = f.structure.rigid
        #expect(b.hydroReference.addedMass[0, 0] > 1e6)
        #expect(abs(f.eigenMass[0, 0] - (b.statics.structuralMass[0, 0] + b.hydroReference.addedMass[0, 0] + pf.coefficients.radiation.addedMass[0][0, 0])) < 1e-3)
    }
}
