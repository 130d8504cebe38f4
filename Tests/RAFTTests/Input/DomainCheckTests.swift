import Foundation
import Testing
@testable import RAFT

/// One hostile edit of a shipped design and what loading it must report (issue 14's reproducers).
struct DomainMutation: CustomTestStringConvertible, Sendable {
    var design: String
    var path: String
    var value: Value
    /// Expected YAML path of the error and fragments of its message, in order.
    var errorPath: String
    var fragments: [String]
    var testDescription: String { "\(design): \(path) = \(value)" }

    enum Value: Sendable, CustomStringConvertible {
        case text(String)
        case numbers([Double])
        var description: String {
            switch self {
            case .text(let s): return s
            case .numbers(let xs): return "\(xs)"
            }
        }
    }

    init(_ design: String, _ path: String, _ value: Value, _ errorPath: String, _ fragments: String...) {
        self.design = design; self.path = path; self.value = value; self.errorPath = errorPath; self.fragments = fragments
    }

    static func designURL(_ name: String) -> URL { Reference.repoRoot.appendingPathComponent("designs/\(name).yaml") }

    /// The mutated design tree (the edit goes through the same path editor sweeps use).
    func root() throws -> YAMLNode {
        let base = try YAMLNode.load(contentsOf: Self.designURL(design))
        let p = try YAMLEditPath(path)
        switch value {
        case .text(let s):
            return try base.setting(p, to: .scalar(s, quoted: false))
        case .numbers(let xs):
            let at = base.node(at: p)
            let items = xs.enumerated().map { i, x in
                YAMLNode(value: .scalar("\(x)", quoted: false), path: (at?.path ?? .root).appending(index: i), file: base.file,
                         line: at?.line, column: at?.column)
            }
            return try base.setting(p, to: .list(items))
        }
    }
}

@Suite("Domain checks where values are read (issue 14)")
struct DomainCheckTests {
    static let mutations: [DomainMutation] = [
        // members: every schema form (scalar, per-station list), tower and nacelle through `check`
        .init("OC3spar", "platform.members[0].d", .text("-3.0"), "platform.members[0].d", "expected a diameter in m > 0, got -3.0"),
        .init("OC3spar", "platform.members[0].d", .numbers([6.5, 0, 9.4, 9.4]), "platform.members[0].d[1]", "a diameter in m > 0, got 0.0"),
        .init("OC3spar", "platform.members[0].t", .text("5"), "platform.members[0].t", "≤ half the diameter", "got 5.0"),
        .init("OC3spar", "platform.members[0].t", .text("-0.01"), "platform.members[0].t", "a wall thickness in m ≥ 0"),
        .init("OC3spar", "platform.members[0].rho_fill", .text("-1000"), "platform.members[0].rho_fill", "fill density", "≥ 0"),
        .init("OC3spar", "platform.members[0].rho_shell", .text("-1"), "platform.members[0].rho_shell", "shell density", "≥ 0"),
        .init("OC3spar", "platform.members[0].Cd", .text("-0.6"), "platform.members[0].Cd", "a drag coefficient ≥ 0"),
        .init("OC3spar", "platform.members[0].CaEnd", .text("-1"), "platform.members[0].CaEnd", "added-mass coefficient ≥ 0"),
        .init("OC3spar", "platform.dlsMax", .text("0.001"), "platform.dlsMax", "more than 10000 strips", "expected dlsMax ≥"),
        .init("OC3spar", "platform.members[0].dlsMax", .text("1e-6"), "platform.members[0].dlsMax", "more than 10000 strips"),
        .init("OC3spar", "turbine.tower.d", .text("-6.5"), "turbine.tower.d", "a diameter in m > 0"),
        .init("OC3spar", "turbine.tower.t", .text("-0.02"), "turbine.tower.t", "a wall thickness in m ≥ 0"),
        // turbine
        .init("OC3spar", "turbine.gear_ratio", .text("0"), "turbine.gear_ratio", "a gear ratio > 0, got 0.0"),
        .init("OC3spar", "turbine.mRNA", .text("-350000"), "turbine.mRNA", "an RNA mass in kg ≥ 0"),
        .init("OC3spar", "turbine.blade.geometry[3]", .numbers([9.983, 4.355, 13.308, 0, 0, 1]), "turbine.blade.geometry[3]", "expected 5 values", "got 6"),
        .init("OC3spar", "turbine.blade.geometry[3][1]", .text("0"), "turbine.blade.geometry[3][1]", "a chord in m > 0"),
        .init("OC3spar", "turbine.blade.airfoils[0][0]", .text("-0.5"), "turbine.blade.airfoils[0][0]", "a relative span position in [0, 1]"),
        .init("OC3spar", "turbine.wt_ops.omega_op[0]", .text("-7"), "turbine.wt_ops.omega_op[0]", "a rotor speed in rpm ≥ 0"),
        .init("OC3spar", "turbine.airfoils[0].data[2]", .numbers([-170, 0.5, 0.1, 0.0, 0.3, 9]), "turbine.airfoils[0].data[2]", "in every row, got 6"),
        // site
        .init("OC3spar", "settings.dragTolerance", .text("0"), "settings.dragTolerance", "a convergence tolerance between 0 and 1", "got 0.0"),
        .init("OC3spar", "settings.dragTolerance", .text("1.5"), "settings.dragTolerance", "between 0 and 1 (exclusive)", "got 1.5"),
        .init("OC3spar", "site.mu_air", .text("-1"), "site.mu_air", "viscosity of air", "≥ 0"),
        .init("OC3spar", "site.shearExp_air", .text("1000"), "site.shearExp_air", "a wind shear exponent in [-1, 1]"),
        // cases
        .init("OC3spar", "cases.data[0][3]", .text("Operating"), "cases.data[0][3]", "unknown turbine_status 'Operating'", "did you mean 'operating'?"),
        .init("OC3spar", "cases.data[0][3]", .text("parkd"), "cases.data[0][3]", "unknown turbine_status 'parkd'", "did you mean 'parked'?"),
        .init("OC3spar", "cases.data[0][2]", .text("nan"), "cases.data[0][2]", "an IEC class", "got 'nan'"),
        .init("OC3spar", "cases.data[0][2]", .text("inf"), "cases.data[0][2]", "an IEC class", "got 'inf'"),
        .init("OC3spar", "cases.data[0][2]", .text("foo"), "cases.data[0][2]", "expected a turbulence intensity in [0, 1]", "got 'foo'"),
        .init("OC3spar", "cases.data[0][2]", .text("1e300"), "cases.data[0][2]", "a turbulence intensity in [0, 1]"),
        .init("OC3spar", "cases.data[0][2]", .text("IB_XYZ"), "cases.data[0][2]", "NTM, ETM or EWM"),
        // mooring
        .init("OC3spar", "mooring.points[0].location[2]", .text("10"), "mooring.points[0].location", "above the water surface"),
        .init("OC3spar", "mooring.lines[0].endB", .text("line1_anchor"), "mooring.lines[0].endB", "starts and ends at the same point"),
        .init("OC3spar", "mooring.lines[0].length", .text("1e-15"), "mooring.lines[0].length", "cannot reach"),
        .init("OC3spar", "mooring.points[0].location[0]", .text("1e20"), "mooring.lines[0].length", "cannot reach"),
        .init("OC3spar", "mooring.line_types[0].transverse_drag", .text("-1"), "mooring.line_types[0].transverse_drag", "≥ 0"),
    ]

    @Test("a hostile value is rejected where it is read, naming path, value and range", arguments: mutations)
    func rejects(_ m: DomainMutation) throws {
        let root = try m.root()
        do {
            _ = try Design(root: root, baseDirectory: DomainMutation.designURL(m.design).deletingLastPathComponent().path)
            Issue.record("accepted: \(m.testDescription)")
        } catch {
            #expect(error.path.description == m.errorPath, "wrong path in: \(error)")
            #expect(containsInOrder(error.message, m.fragments), "message lacks \(m.fragments): \(error)")
            #expect(error.line != nil, "no line in: \(error)")
        }
    }

    @Test("a case's wave_gamma below 0 is rejected at the cell")
    func waveGamma() throws {
        let text = """
        site: {water_depth: 200}
        cases:
          keys: [wind_speed, wave_spectrum, wave_period, wave_height, wave_heading, wave_gamma]
          data:
            - [0, JONSWAP, 8, 2, 0, -2]
        platform:
          potModMaster: 1
          members:
            - {name: c, type: rigid, shape: circ, rA: [0, 0, -20], rB: [0, 0, 10], stations: [0, 1], d: 10, t: 0.05}
        """
        #expect(throws: InputError.self) { try Design.parse(text, file: "g.yaml") }
        do { _ = try Design.parse(text, file: "g.yaml") } catch {
            #expect(error.path.description == "cases.data[0][5]")
            #expect(error.message.contains("peak-enhancement factor ≥ 0"))
        }
    }

    @Test("an empty member list is bad input (it gave NaN properties)")
    func noMembers() throws {
        let text = "site: {water_depth: 200}\nplatform: {potModMaster: 1, members: []}\n"
        do { _ = try Design.parse(text, file: "e.yaml"); Issue.record("accepted") } catch {
            #expect(error.path.description == "platform.members")
            #expect(error.message.contains("at least one platform member"))
        }
    }

    @Test("billion laughs: nested aliases are refused quickly, before memory runs out")
    func billionLaughs() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...8 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        text += "site: {water_depth: 200}\n"
        do { _ = try YAMLNode.parse(text, file: "laughs.yaml"); Issue.record("parsed") } catch {
            #expect(error.message.contains("through aliases"), "\(error)")
        }
    }

    @Test("every design shipped and every reference input RAFT runs still loads")
    func validDesignsLoad() throws {
        for name in ["OC3spar", "OC4semi", "VolturnUS-S"] {
            #expect(throws: Never.self) { _ = try Design.load(path: DomainMutation.designURL(name).path) }
        }
    }
}

@Suite("Non-finite results stop the run naming quantity and case (issue 14)")
struct NonFiniteGuardTests {
    /// OC3spar with only case 0, edited at `edits` (path, YAML text).
    static func design(_ edits: [(String, String)]) throws -> Design {
        var root = try YAMLNode.load(contentsOf: DomainMutation.designURL("OC3spar"))
        let first = root.node(at: try YAMLEditPath("cases.data[0]"))!
        root = try root.setting(try YAMLEditPath("cases.data"), to: .list([first]))
        for (p, v) in edits { root = try root.setting(try YAMLEditPath(p), to: .scalar(v, quoted: false)) }
        return try Design(root: root, baseDirectory: DomainMutation.designURL("OC3spar").deletingLastPathComponent().path)
    }

    static func solveError(_ d: Design) -> String? {
        do { _ = try runDesign(d); return nil } catch let e as SolveError { return e.description } catch { return "other: \(error)" }
    }

    @Test("wind 1e-20 on an operating case: no trap, exit-3 error naming the rotor, the case and the wind speed")
    func tinyWind() throws {
        let msg = Self.solveError(try Self.design([("cases.data[0][0]", "1e-20")]))
        #expect(msg?.hasPrefix("non-finite result: case 0: rotor 0 aerodynamics") == true, "\(msg ?? "no error")")
        #expect(msg?.contains("wind_speed 1e-20 m/s") == true)
    }

    @Test("a huge negative VS_KP: the infinite torque statistic is named, never written")
    func hugeGain() throws {
        let msg = Self.solveError(try Self.design([("turbine.aeroServoMod", "2"), ("turbine.torque_control.VS_KP", "-1e300"), ("cases.data[0][0]", "14")]))
        #expect(msg?.hasPrefix("non-finite result: case 0, FOWT 0: torque") == true, "\(msg ?? "no error")")
    }

    @Test("the unmodified one-case design still runs (the guard passes finite results)")
    func finitePasses() throws {
        let r = try runDesign(try Self.design([]))
        #expect(r.cases.count == 1)
        #expect(throws: Never.self) { try r.requireFinite() }
    }
}
