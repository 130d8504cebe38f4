import Foundation
import Testing
import RAFT

/// The README's library example, compiled and checked (public API only).
@Suite("README library example")
struct ReadmeExampleTests {
    @Test("edit a design by YAML path, run it, read RAFT-named metrics", .needsReference)
    func example() throws {
        let base = try Design.load(path: Reference.repoRoot.appendingPathComponent("designs/OC3spar.yaml").path)
        var pitches: [Double] = []
        for length in [895.0, 902.2] {
            let design = try base.setting("mooring.lines[*].length", to: length)
            let result = try runDesign(design)
            let pitch = result.cases[0].fowts[0].metrics["pitch_std"]!.values[0]
            #expect(result.unloaded!.eigen.periodsS.count == 6)
            pitches.append(pitch)
        }
        // Shorter lines make a stiffer, different system: the two variants must differ.
        #expect(pitches[0] != pitches[1])
        let ref = try Reference.json("designs-e2e/OC3spar.json") as! [String: Any]
        let cm = ((ref["case_metrics"] as! [String: Any])["0"] as! [String: Any])["0"] as! [String: Any]
        let want = try ReferenceArray(cm["pitch_std"]).scalar   // the unedited length is the design's own
        #expect(abs(pitches[1] - want) <= 1e-5 * want)
    }
}
