import Foundation
import Testing
@testable import RAFT

@Suite("Mooring input (YAML section and MoorDyn-style files)")
struct MooringInputTests {
    static let yaml = """
    mooring:
        water_depth: 200
        points:
            - {name: a1, type: fixed, location: [-837, 0, -200]}
            - {name: f1, type: vessel, location: [-58, 0, -14]}
            - {name: a2, type: anchor, location: [418, 725, -200]}
            - {name: f2, type: fairlead, location: [29, 50, -14]}
        lines:
            - {endA: a1, endB: f1, type: main, length: 850}
            - {endA: a2, endB: f2, type: main, length: 850}
            - {endA: a2, endB: f2, type: TYPE, length: 850}
        line_types:
            - {name: main, diameter: 0.333, mass_density: 685, stiffness: 3270e6, transverse_drag: 1.6}
    """

    static func input(_ text: String) throws(InputError) -> MooringInput {
        var diagnostics = Diagnostics()
        let root = try YAMLNode.parse(text, file: "test.yaml")
        return try MooringInput(node: root["mooring"]!, baseDirectory: nil, diagnostics: &diagnostics)
    }

    @Test("YAML points, lines and line types follow MoorPy's parseYAML rules")
    func yamlLayout() throws {
        let m = try Self.input(Self.yaml.replacingOccurrences(of: "TYPE", with: "main"))
        #expect(m.lineCount == 3 && m.waterDepth == 200 && m.rho == 1025 && m.tolerance == 0.05 && m.moorMod == 0)
        #expect(m.layout.points.map(\.attachment) == [.fixed, .body(1), .fixed, .body(1)])
        #expect(m.layout.lines[1].endA == 2 && m.layout.lines[1].endB == 3 && m.layout.lines[1].segments == 100)
        let t = m.layout.lineTypes[0]
        #expect(t.stiffness == 3.27e9 && t.transverseDrag == 1.6 && t.tangentialDrag == 0)
        // The FOWT body is created for the vessel points and made coupled; two coupled DOF sets → 6 DOFs.
        let ms = try MooringSystem(input: m)
        #expect(ms.bodies.count == 1 && ms.bodies[0].kind == .coupled && ms.dofCount(.coupled) == 6)
        #expect(ms.tensions().count == 6)
    }

    @Test("unknown names are path-qualified input errors listing the known names")
    func unknownNames() {
        do {
            _ = try Self.input(Self.yaml.replacingOccurrences(of: "TYPE", with: "chain2"))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("mooring.lines[2].type: unknown line type 'chain2'; known: main"), "\(error)")
        }
        do {
            _ = try Self.input(Self.yaml.replacingOccurrences(of: "endB: f2, type: TYPE", with: "endB: f9, type: main"))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("mooring.lines[2].endB: unknown point 'f9'; known: a1, f1, a2, f2"), "\(error)")
        }
        #expect(throws: InputError.self) { try Self.input(Self.yaml.replacingOccurrences(of: "type: anchor", with: "type: pile")) }
    }

    @Test("a repeated point name: lines refer to the last point of that name (MoorPy's dict of names)")
    func repeatedPointName() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "TYPE", with: "main")
            .replacingOccurrences(of: "{name: a2, type: anchor", with: "{name: a1, type: anchor")
            .replacingOccurrences(of: "{endA: a2, endB: f2, type: main", with: "{endA: a1, endB: f2, type: main")
        let m = try Self.input(yaml)
        #expect(m.layout.points.map(\.name) == ["a1", "f1", "a1", "f2"])
        #expect(m.layout.lines.map(\.endA) == [2, 2, 2] && m.layout.lines.map(\.endB) == [1, 3, 3])
    }

    @Test("MoorDyn file of the moorMod-2 test design: Vessel points become the FOWT body, depth from the YAML", .needsReference)
    func moorDynSingle() throws {
        let design = try Design.load(path: Reference.url("reference/raft-regression/test_data/VolturnUS-S-moorMod2.yaml").path)
        let m = design.moorings[0]
        #expect(m.file == "./test_data/IEA-15-240-RWT-UMaineSemi_MoorDyn.dat" && m.moorMod == 2 && m.waterDepth == 200)
        #expect(m.layout.lineTypes.count == 1 && m.layout.lineTypes[0].diameter == 0.333 && m.layout.lineTypes[0].transverseAddedMass == 0.82)
        #expect(m.layout.points.count == 6 && m.layout.points[0].attachment == .coupled && m.layout.points[1].attachment == .fixed)
        #expect(m.layout.lines.map(\.endA) == [1, 3, 5] && m.layout.lines.map(\.segments) == [50, 50, 50])
        let ms = try MooringSystem(input: m)
        #expect(ms.bodies[0].attachments.map(\.point) == [0, 2, 4])
        #expect(ms.bodies[0].attachments[0].relative == Vec3(-58, 0, -14))
    }

    @Test("moorMod-2 design: quasi-static mean tensions at RAFT's mean pose (Tmoor_avg)", .needsReference)
    func moorMod2MeanTensions() throws {
        let design = try Design.load(path: Reference.url("reference/raft-regression/test_data/VolturnUS-S-moorMod2.yaml").path)
        let ref = try Reference.json("raft-regression/json/VolturnUS-S-moorMod2_true_analyzeCases.json") as! [String: Any]
        let m = (((ref["data"] as! [String: Any])["case_metrics"] as! [String: Any])["0"] as! [String: Any])["0"] as! [String: Any]
        func avg(_ k: String) -> Double { (m[k] as? Double) ?? (m[k] as? NSNumber)!.doubleValue }
        let deg = Double.pi / 180
        let r6 = [avg("surge_avg"), avg("sway_avg"), avg("heave_avg"), avg("roll_avg") * deg, avg("pitch_avg") * deg, avg("yaw_avg") * deg]
        var ms = try #require(try MooringSystem(design: design, fowtIndex: 0))
        try ms.setPose(r6)
        let (t, _) = try ms.tensionsAndJacobian()
        expectAllClose(t, try ReferenceArray(m["Tmoor_avg"]).re, rtol: 1e-5, "moorMod2 Tmoor_avg")
    }

    @Test("shared-mooring MoorDyn file: turbine points, free 100 t points, depth option", .needsReference)
    func moorDynFarm() throws {
        var diagnostics = Diagnostics()
        let layout = try MoorDynFile.load(path: Reference.url("reference/designs-e2e/inputs/shared_mooring_volturnus.dat").path,
                                          depth: 200, diagnostics: &diagnostics)
        #expect(layout.optionDepth == 600 && layout.lineTypes.map(\.name) == ["rope", "cable", "buoyancy"])
        #expect(layout.points.count == 12 && layout.lines.count == 7)
        #expect(layout.points[1].attachment == .free && layout.points[1].mass == 100_000)
        #expect(layout.points[3].attachment == .body(2) && layout.points[4].attachment == .fixed)
        #expect(layout.lines[1].endA == 1 && layout.lines[1].endB == 2 && layout.lines[1].length == 1168)
    }

    @Test("malformed MoorDyn rows are input errors naming the section and row")
    func moorDynErrors() {
        var d = Diagnostics()
        let text = """
        ---------------------- LINE TYPES -------
        Name Diam MassDen EA
        (-) (m) (kg/m) (N)
        main 0.333 685 3.27e9
        ---------------------- POINTS -----------
        ID Type X Y Z M V CdA CA
        (-) (-) (m) (m) (m) (kg) (m3) (m2) (-)
        1 Vessel -58 0 -14 0 0 0 0
        3 Fixed -837 0 -200 0 0 0 0
        ---------------------- LINES ------------
        """
        do {
            _ = try MoorDynFile.parse(text, file: "bad.dat", depth: 200, diagnostics: &d)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("bad.dat:9: POINTS[1]: points must be numbered"), "\(error)")
        }
    }
}
