import Foundation
import Testing
@testable import RAFT

/// `Design.load` accepts our designs and every whole design among the reference inputs.
@Suite("Loading whole designs")
struct DesignLoadTests {
    /// Our designs with their expected number of load cases (see designs/README.md).
    static let designs: [(String, Int)] = [("OC3spar.yaml", 3), ("OC4semi.yaml", 1), ("VolturnUS-S.yaml", 1)]

    @Test("designs/ files load as single-FOWT designs", arguments: designs.map(\.0))
    func loadsOurDesign(_ name: String) throws {
        let design = try Design.load(path: Reference.repoRoot.appendingPathComponent("designs/\(name)").path)
        let cases = try #require(design.cases)
        #expect(cases.cases.count == Self.designs.first { $0.0 == name }?.1)
        #expect(design.fowts.count == 1 && !design.isArray)
        #expect(design.platforms.count == 1 && design.turbines.count == 1 && design.moorings.count == 1)
        #expect(design.site.waterDepth == 200)
        #expect(design.settings.minFreqHz == 0.005 && design.settings.maxFreqHz == 0.4 && design.settings.nIter == 10)
        // Nothing in the sections the loader already owns is unknown or ignored.
        let own = design.diagnostics.warnings.filter { w in
            w.path.components.count <= 1 || ["settings", "site", "cases"].contains(where: { w.path.description.hasPrefix($0) })
        }
        #expect(own.isEmpty, "unexpected warnings: \(own)")
    }

    /// Reference inputs RAFT 2.0.4 itself rejects (designs-e2e/README.md), so they are not expected to load.
    static let rejectedByRAFT: Set<String> = [
        "designs-e2e/inputs/OC4semi.yaml",            // integer member types ("Member type 2 not supported")
        "designs-e2e/inputs/FOCTT_example.yaml",      // underwater rotor blades built as members of type 3
        "designs-e2e/inputs/RM1_Floating.yaml",       // same
        "raft-regression/test_data/OC4semi-WAMIT_Coefs.yaml",  // names marin_semi.3, absent from the reference copy
        "designs-e2e/inputs/VolturnUS-S_farm.yaml",   // names SharedMooring2.dat, which does not exist
    ]

    /// Every YAML under designs-e2e/inputs and raft-regression/test_data that is a whole design
    /// (a mapping with `site` and `platform`), relative to `../shared/reference/`.
    static func referenceDesigns() throws -> [String] {
        var out: [String] = []
        for folder in ["designs-e2e/inputs", "raft-regression/test_data"] {
            let dir = Reference.url("reference/" + folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".yaml") {
                let root = try YAMLNode.load(contentsOf: dir.appendingPathComponent(name))
                if root.has("site") && root.has("platform") { out.append("\(folder)/\(name)") }
            }
        }
        return out
    }

    @Test("every whole design among the reference inputs loads", .needsReference)
    func loadsReferenceDesigns() throws {
        let all = try Self.referenceDesigns()
        // 11 design YAMLs in designs-e2e/inputs and 8 whole designs in raft-regression/test_data.
        #expect(all.count >= 19, "found only \(all) — did the reference layout change?")
        #expect(!all.contains { $0.contains("/mem_") }, "single-member inputs are not whole designs")
        for relative in all where !Self.rejectedByRAFT.contains(relative) {
            do {
                let design = try Design.load(path: Reference.url("reference/" + relative).path)
                #expect(!design.platforms.isEmpty && !design.fowts.isEmpty, "\(relative)")
            } catch {
                Issue.record("\(relative) failed to load: \(error)")
            }
        }
    }
}
