import Foundation
import Testing
@testable import RAFT

/// RAFT tests/test_member.py on the single-member inputs `mem_*.yaml` (spec 02 §13).
@Suite("Members: single-member inline references")
struct MemberInlineTests {
    static let rigidIndices = Array(0..<10)

    static func member(_ k: Int) throws -> (Member, [String: Any]) {
        let ref = try Reference.json("raft-regression/json/inline_test_member.json") as! [String: Any]
        let files = ref["list_files"] as! [String]
        let root = try YAMLNode.load(contentsOf: Reference.url("reference/raft-regression/test_data/\(files[k])"))
        let node = try root.required("members").list()[0]
        var diagnostics = Diagnostics()
        let input = try MemberInput(node: node, diagnostics: &diagnostics)
        return (Member(input, headingDeg: 0), ref)
    }

    static func entry(_ ref: [String: Any], _ key: String, _ k: Int) throws -> ReferenceArray {
        try ReferenceArray((ref[key] as! [Any])[k])
    }

    @Test("getInertia: mshell, mfill, CG and M_struc", .needsReference, arguments: rigidIndices)
    func inertia(k: Int) throws {
        let (m, ref) = try Self.member(k)
        let i = try m.inertia(about: .zero)
        let basic = try Self.entry(ref, "desired_inertiaBasic", k)
        let cg = i.center
        expectAllClose([i.shellMass, i.fillMasses[0], cg.x, cg.y, cg.z], basic.re, rtol: 1e-5, atol: 1e-5, "\(m.name) #\(k) inertiaBasic")
        let M = try Self.entry(ref, "desired_inertiaMatrix", k)
        expectAllClose(i.matrix.storage, M.re, rtol: 1e-5, atol: 0, "#\(k) M_struc")
    }

    @Test("getHydrostatics(rRP = 0): Fvec, Cmat, r_center, xWP/yWP", .needsReference, arguments: rigidIndices)
    func hydrostatics(k: Int) throws {
        let (m, ref) = try Self.member(k)
        let h = try m.hydrostatics(about: .zero, rho: 1025, g: 9.81)
        expectAllClose(h.force, try Self.entry(ref, "desired_hydrostatics_Fvec", k).re, rtol: 1e-7, atol: 1e-5, "#\(k) Fvec")
        expectAllClose(h.stiffness.storage, try Self.entry(ref, "desired_hydrostatics_Cmat", k).re, rtol: 1e-7, atol: 1e-5, "#\(k) Cmat")
        let rc = h.centerOfBuoyancy
        expectAllClose([rc.x, rc.y, rc.z], try Self.entry(ref, "desired_hydrostatics_r_center", k).re, rtol: 1e-7, atol: 1e-5, "#\(k) r_center")
        expectAllClose([h.xWP, h.yWP], try Self.entry(ref, "desired_hydrostatics_WP", k).re, rtol: 1e-7, atol: 1e-5, "#\(k) WP")
    }

    @Test("calcHydroConstants(sum_inertia, r_ref = 0): A and I", .needsReference, arguments: rigidIndices)
    func hydroConstants(k: Int) throws {
        let (m, ref) = try Self.member(k)
        let (A, I) = m.addedMass(about: .zero, rho: 1025)
        expectAllClose(A.storage, try Self.entry(ref, "desired_Ahydro", k).re, rtol: 1e-5, atol: 1e-7, "#\(k) A_hydro")
        expectAllClose(I.storage, try Self.entry(ref, "desired_Ihydro", k).re, rtol: 1e-5, atol: 1e-7, "#\(k) I_hydro")
    }

    @Test("strip discretisation of a tapered member matches spec 02 §2 example")
    func strips() throws {
        let yaml = """
        name: tap
        type: rigid
        rA: [0, 0, -30]
        rB: [0, 0, 5]
        shape: circ
        stations: [0, 35]
        d: [9.85, 4]
        dlsMax: 10
        """
        var diagnostics = Diagnostics()
        let m = Member(try MemberInput(node: try YAMLNode.parse(yaml, file: "t.yaml"), diagnostics: &diagnostics))
        expectAllClose(m.ls, [0, 4.375, 13.125, 21.875, 30.625, 35], rtol: 1e-14, "ls")
        expectAllClose(m.dls, [0, 8.75, 8.75, 8.75, 8.75, 0], rtol: 1e-14, "dls")
        expectAllClose(m.ds.map(\.x), [4.925, 9.11875, 7.65625, 6.19375, 4.73125, 2.0], rtol: 1e-12, "ds")
        expectAllClose(m.drs.map(\.x), [4.925, -0.73125, -0.73125, -0.73125, -0.73125, -2.0], rtol: 1e-12, "drs")
    }
}

@Suite("Members: beam inline references")
struct MemberBeamInlineTests {
    @Test("beam mass matrix, CG, hydrostatics, added mass and FE stiffness", .needsReference, arguments: [10, 11])
    func beam(k: Int) throws {
        let (m, ref) = try MemberInlineTests.member(k)
        #expect(m.nodeCount == 3)
        let i = try m.beamInertia()
        let basic = try MemberInlineTests.entry(ref, "desired_inertiaBasic", k)
        expectAllClose([i.shellMass, i.fillMasses[0], i.center.x, i.center.y, i.center.z], basic.re, rtol: 1e-5, atol: 1e-5, "#\(k) inertiaBasic")
        expectAllClose(i.matrix.storage, try MemberInlineTests.entry(ref, "desired_inertiaMatrix", k).re, rtol: 1e-5, atol: 0, "#\(k) M_struc")
        let h = try m.beamHydrostatics(rho: 1025, g: 9.81)
        expectAllClose(h.force, try MemberInlineTests.entry(ref, "desired_hydrostatics_Fvec", k).re, rtol: 1e-7, atol: 1e-5, "#\(k) Fvec")
        expectAllClose(h.stiffness.storage, try MemberInlineTests.entry(ref, "desired_hydrostatics_Cmat", k).re, rtol: 1e-7, atol: 1e-5, "#\(k) Cmat")
        let c = h.centerOfBuoyancy
        expectAllClose([c.x, c.y, c.z], try MemberInlineTests.entry(ref, "desired_hydrostatics_r_center", k).re, rtol: 1e-7, atol: 1e-5, "#\(k) r_center")
        let (A, I) = m.beamAddedMass(rho: 1025)
        expectAllClose(A.storage, try MemberInlineTests.entry(ref, "desired_Ahydro", k).re, rtol: 1e-5, atol: 1e-7, "#\(k) A_hydro")
        expectAllClose(I.storage, try MemberInlineTests.entry(ref, "desired_Ihydro", k).re, rtol: 1e-5, atol: 1e-7, "#\(k) I_hydro")
        expectAllClose(try m.beamStiffness().storage, try MemberInlineTests.entry(ref, "desired_stiffnessMatrix_FE", k).re, rtol: 1e-5, atol: 1e-7, "#\(k) K_FE")
    }

    @Test("rigid members have a zero FE stiffness", .needsReference, arguments: MemberInlineTests.rigidIndices)
    func rigidStiffness(k: Int) throws {
        let (m, ref) = try MemberInlineTests.member(k)
        expectAllClose(try m.beamStiffness().storage, try MemberInlineTests.entry(ref, "desired_stiffnessMatrix_FE", k).re, rtol: 1e-5, atol: 1e-7, "#\(k) K_FE")
    }
}
