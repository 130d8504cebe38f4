import Foundation
import Testing
@testable import RAFT

/// `Design.setting` reads again only the sections its edits touch (`revalidated`, issue 17); the result must be what
/// reading the whole edited tree gives: the same typed values (compared through `dump`, which prints every stored
/// property and each number in its shortest exact form) or the same first error.
@Suite("Input: design edits read only the edited sections")
struct DesignEditTests {
    static func load(_ name: String) -> Design? {
        try? Design.load(path: Reference.repoRoot.appendingPathComponent("designs/\(name).yaml").path)
    }

    /// `dump` of a design, or the error's text.
    static func outcome(_ body: () throws -> Design) -> String {
        do {
            var s = ""
            dump(try body(), to: &s)
            return s
        } catch {
            return "error: \(error)"
        }
    }

    /// Applies `edits` both ways and compares; returns whether the section-wise path answered (not nil).
    @discardableResult
    static func check(_ base: Design, _ edits: [(String, Double)], sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
        var r = base.root
        var sections: Set<String> = []
        for (path, value) in edits {
            let p = try YAMLEditPath(path)
            r = try r.setting(p, number: value)
            if case .key(let top)? = p.steps.first { sections.insert(top) }
        }
        let whole = outcome { try Design(root: r, baseDirectory: base.baseDirectory) }
        var answered = true
        let partial = outcome {
            guard let d = try base.revalidated(root: r, sections: sections) else {
                answered = false
                return try Design(root: r, baseDirectory: base.baseDirectory)
            }
            return d
        }
        #expect(partial == whole, "\(edits)", sourceLocation: sourceLocation)
        #expect(outcome { try base.setting(edits.map { (path: $0.0, value: $0.1) }) } == whole, "setting \(edits)", sourceLocation: sourceLocation)
        return answered
    }

    @Test("OC3spar: platform, mooring, turbine and case edits, valid and invalid", .enabled(if: load("OC3spar") != nil))
    func oc3() throws {
        let base = try #require(Self.load("OC3spar"))
        let answered: [[(String, Double)]] = [
            [("platform.members[0].rA[2]", -118)],
            [("platform.members[0].l_fill[0]", 53), ("mooring.lines[*].length", 905)],
            [("mooring.line_types[0].stiffness", 4e8)],
            [("turbine.mRNA", 360000)],
            [("turbine.tower.rho_shell", 8000), ("platform.members[0].Cd", 0.8)],
            [("cases.data[0][0]", 11), ("cases.data[2][7]", 1)],
            [("platform.members[0].d[0]", -1)],                                 // platform error
            [("platform.members[0].d[0]", 0), ("mooring.lines[1].length", -5)], // platform error before the mooring's
            [("mooring.lines[1].length", -5), ("mooring.line_types[0].stiffness", -1)],
            [("cases.data[1][6]", -2), ("platform.members[0].d[0]", -1)],     // cases are read before the platform
            [("turbine.nBlades", 0)],
            [("platform.members[0].dlsMax", 1e-4)],                             // the model-size bound
        ]
        for edits in answered { #expect(try Self.check(base, edits), "\(edits): answered section-wise") }
        // Outside the sections read alone: the whole tree is read.
        #expect(try !Self.check(base, [("settings.max_freq", 0.3)]))
        #expect(try !Self.check(base, [("site.water_depth", 250), ("mooring.lines[*].length", 905)]))
        // A new key inside a section gives a warning: the whole tree is read (so warnings keep their order).
        #expect(try !Self.check(base, [("platform.members[0].not_a_key", 1)]))
    }

    @Test("the mooring point-type substring test answers as String.contains")
    func pointTypeSubstrings() {
        let texts = ["anchor", "fixed", "vessel", "fairlead", "connection", "free", "body2", "", "a", "an", "xanch", "fi",
                     "anch\u{301}or", "fi\u{0078}", "ve\u{301}s", "con\r\nfree", "\r\nfix", "ñanch", "ﬁx", "fix\u{308}"]
        for t in texts {
            for part in ["anch", "fix", "body", "fair", "ves", "con", "free"] {
                #expect(MooringInput.containsText(t, part) == t.contains(part), "'\(t)' contains '\(part)'")
            }
        }
    }

    @Test("VolturnUS-S and OC4semi: platform and mooring edits", .enabled(if: load("VolturnUS-S") != nil && load("OC4semi") != nil))
    func semis() throws {
        let vus = try #require(Self.load("VolturnUS-S"))
        #expect(try Self.check(vus, [("platform.members[0].d", 10.5), ("mooring.lines[*].length", 860)]))
        #expect(try Self.check(vus, [("platform.members[1].rA[0]", 52)]))
        let oc4 = try #require(Self.load("OC4semi"))
        #expect(try Self.check(oc4, [("mooring.lines[*].length", 840), ("platform.members[2].heading[1]", 190)]))
        #expect(try Self.check(oc4, [("platform.members[0].d", -3)]))
    }
}
