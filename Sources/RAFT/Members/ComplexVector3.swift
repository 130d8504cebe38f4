#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import Numerics

/// A complex 3-vector (small helper for the slender-body QTF kernels).
struct CVec3: Sendable {
    var x: Complex, y: Complex, z: Complex
    static let zero = CVec3(x: .zero, y: .zero, z: .zero)
    init(x: Complex, y: Complex, z: Complex) { self.x = x; self.y = y; self.z = z }
    init(_ v: Vec3) { x = Complex(v.x, 0); y = Complex(v.y, 0); z = Complex(v.z, 0) }
    subscript(i: Int) -> Complex {
        get { i == 0 ? x : (i == 1 ? y : z) }
        set { switch i { case 0: x = newValue; case 1: y = newValue; default: z = newValue } }
    }
    var conjugate: CVec3 { CVec3(x: x.conjugate, y: y.conjugate, z: z.conjugate) }
    static func + (a: CVec3, b: CVec3) -> CVec3 { CVec3(x: a.x + b.x, y: a.y + b.y, z: a.z + b.z) }
    static func - (a: CVec3, b: CVec3) -> CVec3 { CVec3(x: a.x - b.x, y: a.y - b.y, z: a.z - b.z) }
    static func += (a: inout CVec3, b: CVec3) { a = a + b }
    static func -= (a: inout CVec3, b: CVec3) { a = a - b }
    static func * (s: Complex, a: CVec3) -> CVec3 { CVec3(x: s * a.x, y: s * a.y, z: s * a.z) }
    static func * (s: Double, a: CVec3) -> CVec3 { CVec3(x: a.x * Complex(s, 0), y: a.y * Complex(s, 0), z: a.z * Complex(s, 0)) }
    /// Unconjugated dot product Σ aᵢbᵢ (numpy `dot`).
    func dot(_ b: CVec3) -> Complex { x * b.x + y * b.y + z * b.z }
    func dot(_ b: Vec3) -> Complex { x * Complex(b.x, 0) + y * Complex(b.y, 0) + z * Complex(b.z, 0) }
    /// a × b with a real second operand.
    func cross(_ b: Vec3) -> CVec3 {
        CVec3(x: y * Complex(b.z, 0) - z * Complex(b.y, 0), y: z * Complex(b.x, 0) - x * Complex(b.z, 0), z: x * Complex(b.y, 0) - y * Complex(b.x, 0))
    }
    func cross(_ b: CVec3) -> CVec3 { CVec3(x: y * b.z - z * b.y, y: z * b.x - x * b.z, z: x * b.y - y * b.x) }
}

/// A complex 3×3 matrix, row-major.
struct CMat3: Sendable {
    var rows: (CVec3, CVec3, CVec3)
    static let zero = CMat3(rows: (.zero, .zero, .zero))
    subscript(r: Int, c: Int) -> Complex {
        get { r == 0 ? rows.0[c] : (r == 1 ? rows.1[c] : rows.2[c]) }
        set { switch r { case 0: rows.0[c] = newValue; case 1: rows.1[c] = newValue; default: rows.2[c] = newValue } }
    }
    var conjugate: CMat3 { CMat3(rows: (rows.0.conjugate, rows.1.conjugate, rows.2.conjugate)) }
    static func + (a: CMat3, b: CMat3) -> CMat3 { CMat3(rows: (a.rows.0 + b.rows.0, a.rows.1 + b.rows.1, a.rows.2 + b.rows.2)) }
    static func * (a: CMat3, v: CVec3) -> CVec3 { CVec3(x: a.rows.0.dot(v), y: a.rows.1.dot(v), z: a.rows.2.dot(v)) }
    static func * (s: Complex, a: CMat3) -> CMat3 { CMat3(rows: (s * a.rows.0, s * a.rows.1, s * a.rows.2)) }
    /// RAFT `getH(v)` for a complex vector: H·θ = θ × v.
    static func skew(_ v: CVec3) -> CMat3 {
        CMat3(rows: (CVec3(x: .zero, y: v.z, z: -v.y), CVec3(x: -v.z, y: .zero, z: v.x), CVec3(x: v.y, y: -v.x, z: .zero)))
    }
}

extension Matrix3 {
    /// Real matrix times complex vector.
    static func * (a: Matrix3, v: CVec3) -> CVec3 {
        func row(_ r: Vec3) -> Complex { v.x * Complex(r.x, 0) + v.y * Complex(r.y, 0) + v.z * Complex(r.z, 0) }
        return CVec3(x: row(a.rows.0), y: row(a.rows.1), z: row(a.rows.2))
    }
}

/// Hankel function of the first kind H⁽¹⁾ₙ(x) = Jₙ(x) + i Yₙ(x) (libm `jn`, `yn`; negative orders by symmetry).
func hankel1(_ n: Int, _ x: Double) -> Complex {
    if n < 0 {
        let h = hankel1(-n, x)
        return n % 2 == 0 ? h : -h
    }
    return Complex(jn(Int32(n), x), yn(Int32(n), x))
}
