import Foundation
import Testing
@testable import RAFT

@Suite("Members: FOWT statics at the reference pose")
struct FOWTStaticsTests {
    static func vec(_ v: Vec3) -> [Double] { [v.x, v.y, v.z] }

    @Test("calcStatics matches raft-regression <D>_true_statics (rtol 1e-5, atol 1e-3)", .needsReference,
          arguments: ["OC3spar", "VolturnUS-S", "VolturnUS-S-pointInertia", "OC4semi-WAMIT_Coefs"])
    func regression(name: String) throws {
        let ref = try Reference.json("raft-regression/json/\(name)_true_statics.json") as! [String: Any]
        let data = ref["data"] as! [String: Any]
        // Strip theory only: OC4semi-WAMIT_Coefs names a marin_semi.3 that the reference copy lacks.
        let design = try Design.load(path: Reference.url("reference/raft-regression/test_data/\(name).yaml").path, readingHydroFiles: false)
        let s = try FOWTStatics(design: design, fowt: 0)
        func check(_ key: String, _ actual: [Double]) throws {
            expectAllClose(actual, try ReferenceArray(data[key]).re, rtol: 1e-5, atol: 1e-3, "\(name) \(key)")
        }
        try check("rCG", Self.vec(s.rCG))
        try check("rCG_sub", Self.vec(s.rCGSub))
        try check("m_ballast", s.ballastMasses)
        try check("M_struc", s.structuralMass.storage)
        try check("M_struc_sub", s.substructureMass.storage)
        try check("C_struc", s.structuralStiffness.storage)
        try check("W_struc", s.weight)
        try check("rCB", Self.vec(s.rCB))
        try check("C_hydro", s.hydrostaticStiffness.storage)
        try check("W_hydro", s.buoyancy)
    }

    @Test("statics match designs-e2e unloaded.fowt[0] (rtol 1e-9)", .needsReference, arguments: ["OC3spar", "VolturnUS-S", "OC4semi_patched", "Vertical_cylinder", "VolturnUS-S_BEM", "VolturnUS-S_WAMITcoefs"])
    func e2e(name: String) throws {
        let ref = try Reference.json("designs-e2e/\(name).json") as! [String: Any]
        let f = ((ref["unloaded"] as! [String: Any])["fowt"] as! [Any])[0] as! [String: Any]
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/\(name).yaml").path)
        let s = try FOWTStatics(design: design, fowt: 0)
        func check(_ key: String, _ actual: [Double], rtol: Double = 1e-9, atol: Double = 1e-6) throws {
            expectAllClose(actual, try ReferenceArray(f[key]).re, rtol: rtol, atol: atol, "\(name) \(key)")
        }
        try check("M_struc", s.structuralMass.storage)
        try check("M_struc_sub", s.substructureMass.storage)
        try check("C_struc", s.structuralStiffness.storage)
        try check("C_struc_sub", s.substructureStiffness.storage)
        try check("C_hydro", s.hydrostaticStiffness.storage)
        try check("W_struc", s.weight)
        try check("W_hydro", s.buoyancy)
        try check("rCG", Self.vec(s.rCG))
        try check("rCG_sub", Self.vec(s.rCGSub))
        try check("rCB", Self.vec(s.rCB))
        try check("V", [s.volume])
        try check("m_sub", [s.substructureMassTotal])
        try check("m_shell", [s.shellMass])
        try check("m_ballast", s.ballastMasses)
        try check("pb", s.ballastDensities)
        try check("mtower", s.towerMasses)
        try check("rCG_tow", s.towerCGs.flatMap(Self.vec))
        let props = f["props"] as! [String: Any]
        func prop(_ key: String, _ actual: [Double]) throws {
            expectAllClose(actual, try ReferenceArray(props[key]).re, rtol: 1e-9, atol: 1e-6, "\(name) props.\(key)")
        }
        try prop("m", [s.mass])
        try prop("m_sub", [s.substructureMassTotal])
        try prop("v", [s.volume])
        try prop("AWP", [s.waterplaneArea])
        try prop("rM", [s.rCB.x, s.rCB.y, s.zMeta])
        try prop("Ixx", [s.inertiaAboutCG.x]); try prop("Iyy", [s.inertiaAboutCG.y]); try prop("Izz", [s.inertiaAboutCG.z])
        try prop("Ixx_sub", [s.substructureInertiaAboutCG.x]); try prop("Iyy_sub", [s.substructureInertiaAboutCG.y])
        try prop("Izz_sub", [s.substructureInertiaAboutCG.z])
    }
}
