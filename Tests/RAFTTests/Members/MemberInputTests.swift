import Foundation
import Testing
@testable import RAFT

@Suite("Members: input validation")
struct MemberInputTests {
    static func design(_ members: String, platformExtra: String = "potModMaster: 1") throws(InputError) -> Design {
        let yaml = """
        site:
            water_depth: 200
        platform:
            \(platformExtra)
            members:
        \(members)
        """
        return try Design.parse(yaml, file: "bad.yaml")
    }

    static let good = """
              - name: col
                type: rigid
                rA: [0, 0, -20]
                rB: [0, 0, 10]
                shape: circ
                stations: [0, 1, 2]
                d: [10, 10, 8]
        """

    @Test("a valid member parses with RAFT's defaults")
    func defaults() throws {
        let d = try Self.design(Self.good)
        let m = d.platforms[0].members[0]
        #expect(m.thickness == [0, 0, 0])
        #expect(m.cdP1 == [0.6, 0.6, 0.6] && m.caP2 == [0.97, 0.97, 0.97] && m.caEnd == [0.6, 0.6, 0.6])
        #expect(m.rhoShell == 8500 && m.rhoFill == [1025, 1025] && m.potMod == false && m.dlsMax == 5)
    }

    static let malformed: [(String, String)] = [
        ("d: [10, 10]", "platform.members[0].d: expected 1 or 3 values"),
        ("rA: [0, 0, 0]", "platform.members[0].rA: members cannot start or end on the waterplane"),
        ("stations: [0, 2, 1]", "platform.members[0].stations: stations must be in ascending order"),
        ("shape: hexagon", "platform.members[0].shape: expected 'circular' or 'rectangular'"),
        ("l_fill: [5, 0]", "platform.members[0].l_fill: ballast level in section 1 exceeds the section length"),
        ("rho_fill: [1, 2, 3]", "platform.members[0].rho_fill: expected 1 or 2 values"),
        ("type: flexible", "platform.members[0].type: member type 'flexible' is not supported"),
        ("Cd: [1, 2, 3, 4]", "platform.members[0].Cd: expected 1 value or 3 values"),
        ("cap_stations: 0", "platform.members[0].cap_stations: expected a list"),
        ("stations: [1, 1, 1]", "platform.members[0].stations: the first and last stations are equal"),
        ("rB: [0, 0, -20]", "platform.members[0].rB: member 'col' has the same start and end points"),
        ("dlsMax: 1e-9", "platform.members[0].dlsMax: a maximum strip length of"),
        ("t: [1, 2]", "platform.members[0].t: expected 1 or 3 values"),
    ]

    @Test("malformed members name the YAML path", arguments: 0..<malformed.count)
    func malformedMember(i: Int) throws {
        let (line, expected) = Self.malformed[i]
        let key = String(line.prefix { $0 != ":" })
        var lines = Self.good.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let j = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\(key):") || $0.contains("- \(key):") }) {
            let indent = lines[j].prefix { $0 == " " || $0 == "-" }
            lines[j] = indent + line
        } else {
            lines.append("        " + line)
        }
        do {
            _ = try Self.design(lines.joined(separator: "\n"))
            Issue.record("expected an error for \(line)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test("potMod is required with potModMaster 0")
    func potModRequired() throws {
        do {
            _ = try Self.design(Self.good, platformExtra: "potModMaster: 0")
            Issue.record("expected a missing potMod error")
        } catch {
            #expect(error.description.contains("platform.members[0].potMod"), "\(error.description)")
        }
    }
}
