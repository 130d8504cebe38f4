import Foundation
import Testing
@testable import RAFT

/// The FOWT-level mooring systems of designs-e2e against RAFT 2.0.4 / MoorPy 1.3.0 (spec 04 §12).
@Suite("Mooring system vs designs-e2e references")
struct MooringReferenceTests {
    static let designs = ["OC3spar", "VolturnUS-S", "OC4semi_patched", "Vertical_cylinder"]

    static func load(_ name: String) throws -> (Design, [String: Any]) {
        let ref = try Reference.json("designs-e2e/\(name).json") as! [String: Any]
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/\(name).yaml").path)
        return (design, ref)
    }

    static func system(_ design: Design) throws -> MooringSystem {
        guard let ms = try MooringSystem(design: design, fowtIndex: 0) else { throw MooringError.configuration("no mooring") }
        return ms
    }

    static func vector(_ any: Any?) throws -> [Double] { try ReferenceArray(any).re }

    @Test("C_moor0 (finite differences) and F_moor0 at the undisplaced pose", .needsReference, arguments: designs)
    func unloadedFiniteDifference(name: String) throws {
        let (design, ref) = try Self.load(name)
        let unloaded = ref["unloaded"] as! [String: Any]
        var ms = try Self.system(design)
        try ms.setPose([0, 0, 0, 0, 0, 0])  // analyzeUnloaded: fowt.setPosition(0)
        _ = try ms.stiffness6()
        let (k, f) = try ms.unloadedStiffnessAndForce()
        let kRef = try ReferenceArray(unloaded["C_moor0"]), fRef = try Self.vector(unloaded["F_moor0"])
        expectMatrixClose(Matrix6(rows: (0..<6).map { Array(k[6 * $0 ..< 6 * $0 + 6]) }), kRef.matrix6, rtol: 1e-5, "\(name) C_moor0")
        let fScale = fRef.map(abs).max()!
        expectAllClose(f, fRef, rtol: 1e-5, atol: 1e-9 * fScale, "\(name) F_moor0")
    }

    @Test("analytic C_moor and F_moor0 at the unloaded equilibrium pose", .needsReference, arguments: designs)
    func unloadedAnalytic(name: String) throws {
        let (design, ref) = try Self.load(name)
        let fowt = ((ref["unloaded"] as! [String: Any])["fowt"] as! [Any])[0] as! [String: Any]
        var ms = try Self.system(design)
        try ms.setPose(try Self.vector(fowt["r6"]))
        let kRef = try ReferenceArray(fowt["C_moor"]).matrix6
        expectMatrixClose(try ms.stiffness6(), kRef, rtol: 1e-5, "\(name) unloaded C_moor")
        let fRef = try Self.vector(fowt["F_moor0"])
        expectAllClose(ms.force6(), fRef, rtol: 1e-5, atol: 1e-6 * fRef.map(abs).max()!, "\(name) unloaded F_moor0")
    }

    @Test("case mean pose: analytic C_moor, F_moor0, Tmoor_avg and Tmoor_std (J·Xi)", .needsReference, arguments: designs)
    func caseMeanPose(name: String) throws {
        let (design, ref) = try Self.load(name)
        let internals = ref["case_internals"] as! [Any]
        let metrics = ref["case_metrics"] as! [String: Any]
        #expect(!internals.isEmpty)
        for (c, ci) in internals.enumerated() {
            let fowt = ((ci as! [String: Any])["fowt"] as! [Any])[0] as! [String: Any]
            var ms = try Self.system(design)
            try ms.setPose(try Self.vector(fowt["r6"]))
            expectMatrixClose(try ms.stiffness6(), try ReferenceArray(fowt["C_moor"]).matrix6, rtol: 1e-5, "\(name) case \(c) C_moor")
            let fRef = try Self.vector(fowt["F_moor0"])
            expectAllClose(ms.force6(), fRef, rtol: 1e-5, atol: 1e-5 * fRef.map(abs).max()!, "\(name) case \(c) F_moor0")
            let m = (metrics["\(c)"] as! [String: Any])["0"] as! [String: Any]
            let (t, j) = try ms.tensionsAndJacobian()
            expectAllClose(t, try Self.vector(m["Tmoor_avg"]), rtol: 1e-5, "\(name) case \(c) Tmoor_avg")
            // Tmoor_std = sqrt(0.5 Σ_h,ω |J·Xi[h,:,ω]|²) with the case's response Xi.
            let xi = try ReferenceArray(fowt["Xi"])
            let (nh, nw) = (xi.shape[0], xi.shape[2])
            var std = [Double](repeating: 0, count: t.count)
            for r in 0..<t.count {
                var s = 0.0
                for h in 0..<nh { for w in 0..<nw {
                    var re = 0.0, im = 0.0
                    for d in 0..<6 {
                        let idx = (h * 6 + d) * nw + w
                        re += j[r * 6 + d] * xi.re[idx]; im += j[r * 6 + d] * xi.im![idx]
                    }
                    s += re * re + im * im
                } }
                std[r] = (0.5 * s).squareRoot()
            }
            expectAllClose(std, try Self.vector(m["Tmoor_std"]), rtol: 1e-5, atol: 1e-6, "\(name) case \(c) Tmoor_std")
        }
    }
}
