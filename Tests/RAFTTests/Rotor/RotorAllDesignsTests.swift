import Foundation
import Testing
@testable import RAFT

/// Every reference design with a turbine builds its rotors (underwater rotors are rejected, as RAFT 2.x fails there).
@Suite struct RotorAllDesignsTests {
    static var files: [String] {
        guard Reference.isAvailable else { return [] }
        var out: [String] = []
        for dir in ["reference/designs-e2e/inputs", "reference/raft-regression/test_data"] {
            let url = Reference.url(dir)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            out += names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("mem_") && $0 != "IEA15MW.yaml" && !$0.contains("weis") }
                .sorted().map { url.appendingPathComponent($0).path }
        }
        return out
    }

    @Test(.needsReference) func allDesignsBuildRotors() throws {
        var built = 0
        for path in Self.files {
            let design: Design
            do { design = try Design.load(path: path) } catch { continue }  // input errors belong to other suites
            let grid = FrequencyGrid(settings: design.settings)
            for t in design.turbines {
                for ir in 0..<t.rotorCount {
                    do {
                        var rotor = try Rotor(turbine: t, site: design.site, frequencies: grid.omega, index: ir)
                        let r = try rotor.calcAero(RotorCase(windSpeed: 11))
                        let finite = r.meanForce.allSatisfy(\.isFinite)
                        let label = "\(path) rotor \(ir)"
                        #expect(finite, "\(label)")
                        built += 1
                    } catch {
                        let underwater = path.contains("FOCTT") || path.contains("RM1")
                        let label = "\(path) rotor \(ir): \(error)"
                        #expect(underwater, "\(label)")
                    }
                }
            }
        }
        #expect(built >= 8)
    }
}
