import Foundation
import Testing
@testable import RAFT

/// Geometry/transfer helpers used by members, against RAFT tests/test_helpers.py (inline_test_helpers.json).
@Suite("Members: RAFT helper functions")
struct MemberHelperTests {
    static func test(_ name: String) throws -> [String: Any] {
        (try Reference.json("raft-regression/json/inline_test_helpers.json") as! [String: Any])[name] as! [String: Any]
    }
    static func check(_ t: [String: Any], _ i: Int) throws -> ReferenceArray {
        try ReferenceArray(((t["checks"] as! [Any])[i] as! [String: Any])["desired"])
    }
    static func local(_ t: [String: Any], _ key: String) throws -> ReferenceArray {
        try ReferenceArray((t["locals_at_return"] as! [String: Any])[key])
    }
    static func matrix3(_ a: ReferenceArray) -> Matrix3 {
        Matrix3(Vec3(a[0, 0], a[0, 1], a[0, 2]), Vec3(a[1, 0], a[1, 1], a[1, 2]), Vec3(a[2, 0], a[2, 1], a[2, 2]))
    }

    @Test("FrustumVCV (circular and rectangular)", .needsReference)
    func frustum() throws {
        let t = try Self.test("test_FrustumVCV")
        let c = frustumVCV(circular: 2, 1, 2)
        expectAllClose([c.volume, c.center], try Self.check(t, 0).re, rtol: 1e-5, "FrustumVCV circular")
        let r = frustumVCV(rectangular: SIMD2(2, 1), SIMD2(1, 0.5), 2)
        expectAllClose([r.volume, r.center], try Self.check(t, 1).re, rtol: 1e-5, "FrustumVCV rectangular")
    }

    @Test("translateMatrix3to6DOF and translateMatrix6to6DOF (shared Math/Matrix6.swift)", .needsReference)
    func translations() throws {
        let t3 = try Self.test("test_translateMatrix3to6DOF")
        let m3 = Self.matrix3(try Self.local(t3, "Min"))
        expectAllClose(translateMatrix3to6DOF(m3, Vec3(10, 20, 30)).storage, try Self.check(t3, 0).re, rtol: 1e-5, "translate3")
        let t6 = try Self.test("test_translateMatrix6to6DOF")
        let m6 = try Self.local(t6, "Min").matrix6
        expectAllClose(translateMatrix6to6DOF(m6, Vec3(10, 20, 30)).storage, try Self.check(t6, 0).re, rtol: 1e-5, "translate6")
    }

    @Test("rotateMatrix6 (RAFT variant: lower-left = transpose of upper-right) on each slice of the 6×6×3 input", .needsReference)
    func rotate6() throws {
        let t = try Self.test("test_rotateMatrix6")
        let rot = Self.matrix3(try Self.local(t, "rotMat"))
        let m = try Self.local(t, "Min"), out = try Self.check(t, 1)
        for k in 0..<3 {
            var mk = Matrix6(), ok = Matrix6()
            for i in 0..<6 { for j in 0..<6 { mk[i, j] = m.re[(i * 6 + j) * 3 + k]; ok[i, j] = out.re[(i * 6 + j) * 3 + k] } }
            expectAllClose(rotateMatrix6(mk, rot).storage, ok.storage, rtol: 1e-5, atol: 1e-12, "rotateMatrix6 slice \(k)")
        }
    }

    @Test("SmallRotate = θ × r and translateForce3to6DOF (complex inputs, real and imaginary parts)", .needsReference)
    func smallRotate() throws {
        let t = try Self.test("test_smallRotate")
        let th = try Self.local(t, "th")
        let r = Vec3(1, 2, 3)
        let re = cross(Vec3(th.re[0], th.re[1], th.re[2]), r), im = cross(Vec3(th.im![0], th.im![1], th.im![2]), r)
        let d = try Self.check(t, 0)
        expectAllClose([re.x, re.y, re.z], d.re, rtol: 1e-5, "SmallRotate re")
        expectAllClose([im.x, im.y, im.z], d.im!, rtol: 1e-5, "SmallRotate im")

        let tf = try Self.test("test_translateForce3to6DOF")
        let f = try Self.local(tf, "Fin")
        let fr = translateForce3to6DOF(Vec3(f.re[0], f.re[1], f.re[2]), Vec3(1, 2, 3))
        let fi = translateForce3to6DOF(Vec3(f.im![0], f.im![1], f.im![2]), Vec3(1, 2, 3))
        let df = try Self.check(tf, 0)
        expectAllClose(fr, df.re, rtol: 1e-5, "translateForce3to6DOF re")
        expectAllClose(fi, df.im!, rtol: 1e-5, "translateForce3to6DOF im")
    }

    @Test("getKinematics: rigid-body point motion used by the drag linearisation", .needsReference)
    func kinematics() throws {
        let t = try Self.test("test_getKinematics")
        let xi = try Self.local(t, "Xi"), w = try Self.local(t, "w").re
        let d = try Self.check(t, 0)  // [dr, v, a] × 3 × nw
        let nw = w.count
        var re = [Double](repeating: 0, count: 3 * 3 * nw), im = re
        for m in 0..<nw {
            var x = [Complex]()
            for k in 0..<6 { x.append(Complex(xi.re[k * nw + m], xi.im![k * nw + m])) }
            let motion = rigidPointMotion(x, at: Vec3(2, 2, 2), omega: w[m])
            for (q, v) in [motion.displacement, motion.velocity, motion.acceleration].enumerated() {
                for c in 0..<3 { re[(q * 3 + c) * nw + m] = v[c].real; im[(q * 3 + c) * nw + m] = v[c].imaginary }
            }
        }
        expectAllClose(re, d.re, rtol: 1e-5, atol: 1e-12, "getKinematics re")
        expectAllClose(im, d.im!, rtol: 1e-5, atol: 1e-12, "getKinematics im")
    }
}
