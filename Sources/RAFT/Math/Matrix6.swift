#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// 3-vector [m] or [N] etc. in global axes unless stated.
@usableFromInline package typealias Vec3 = SIMD3<Double>

/// A real 3×3 matrix, row-major.
package struct Matrix3: Equatable, Sendable {
    package var rows: (Vec3, Vec3, Vec3)
    package init(_ r0: Vec3, _ r1: Vec3, _ r2: Vec3) { rows = (r0, r1, r2) }
    package static let zero = Matrix3(.zero, .zero, .zero)
    package static let identity = Matrix3(Vec3(1, 0, 0), Vec3(0, 1, 0), Vec3(0, 0, 1))
    package static func == (a: Matrix3, b: Matrix3) -> Bool { a.rows.0 == b.rows.0 && a.rows.1 == b.rows.1 && a.rows.2 == b.rows.2 }

    package subscript(r: Int, c: Int) -> Double {
        get { r == 0 ? rows.0[c] : (r == 1 ? rows.1[c] : rows.2[c]) }
        set { switch r { case 0: rows.0[c] = newValue; case 1: rows.1[c] = newValue; default: rows.2[c] = newValue } }
    }
    package var transposed: Matrix3 {
        Matrix3(Vec3(rows.0.x, rows.1.x, rows.2.x), Vec3(rows.0.y, rows.1.y, rows.2.y), Vec3(rows.0.z, rows.1.z, rows.2.z))
    }
    @inline(__always) package static func * (a: Matrix3, v: Vec3) -> Vec3 {
        Vec3((a.rows.0 * v).sum(), (a.rows.1 * v).sum(), (a.rows.2 * v).sum())
    }
    /// Entry (i, j) is `a[i, 0]·b[0, j] + a[i, 1]·b[1, j] + a[i, 2]·b[2, j]`, summed left to right. Row i is formed as
    /// `a[i, 0]·b.row0 + a[i, 1]·b.row1 + a[i, 2]·b.row2` on whole rows: per entry the same products (same operand
    /// order) and the same sums in the same order, so the same bits as an entry-by-entry loop (which went through
    /// the `subscript` switch 27 times per product; `translateMatrix6to6DOF` makes 7 products per call).
    @inline(__always) package static func * (a: Matrix3, b: Matrix3) -> Matrix3 {
        @inline(__always) func row(_ r: Vec3) -> Vec3 { r.x * b.rows.0 + r.y * b.rows.1 + r.z * b.rows.2 }
        return Matrix3(row(a.rows.0), row(a.rows.1), row(a.rows.2))
    }
    package static func + (a: Matrix3, b: Matrix3) -> Matrix3 { Matrix3(a.rows.0 + b.rows.0, a.rows.1 + b.rows.1, a.rows.2 + b.rows.2) }
    package static func - (a: Matrix3, b: Matrix3) -> Matrix3 { Matrix3(a.rows.0 - b.rows.0, a.rows.1 - b.rows.1, a.rows.2 - b.rows.2) }
    package static func * (s: Double, a: Matrix3) -> Matrix3 { Matrix3(s * a.rows.0, s * a.rows.1, s * a.rows.2) }

    /// `VecVecTrans(v)` = v vᵀ.
    package static func outer(_ a: Vec3, _ b: Vec3) -> Matrix3 { Matrix3(a.x * b, a.y * b, a.z * b) }

    /// RAFT/MoorPy `getH(v)` = [[0, vz, −vy], [−vz, 0, vx], [vy, −vx, 0]], so `H(v)·θ = θ × v`.
    package static func skew(_ v: Vec3) -> Matrix3 {
        Matrix3(Vec3(0, v.z, -v.y), Vec3(-v.z, 0, v.x), Vec3(v.y, -v.x, 0))
    }
}

/// Cross product a × b.
@inlinable package func cross(_ a: Vec3, _ b: Vec3) -> Vec3 {
    Vec3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}
@inlinable package func dot(_ a: Vec3, _ b: Vec3) -> Double { (a * b).sum() }
@inlinable package func norm(_ a: Vec3) -> Double { (a * a).sum().squareRoot() }

/// A real 6×6 matrix (DOFs surge, sway, heave, roll, pitch, yaw), row-major storage.
public struct Matrix6: Equatable, Sendable {
    /// Row-major entries, `storage[6*row + col]`.
    public var storage: [Double]
    /// The zero matrix. Its entries are `zeros`' buffer until the first write copies them (copy on write): the
    /// copy is specialized code, while `[Double](repeating: 0, count: 36)` calls the standard library's generic
    /// allocation, which looks `_ContiguousArrayStorage<Double>` up in the runtime's metadata table at every call
    /// (~870 → ~550 instructions per matrix, micro-benchmark; callgrind of a fresh `raft run`, main thread:
    /// OC3spar / VolturnUS-S / OC4semi −0.06 / −0.10 / −0.11 M instructions).
    public init() { storage = Matrix6.zeros }
    private static let zeros = [Double](repeating: 0, count: 36)
    public init(rows: [[Double]]) {
        precondition(rows.count == 6 && rows.allSatisfy { $0.count == 6 }, "Matrix6 needs 6 rows of 6")
        storage = rows.flatMap { $0 }
    }
    public static var zero: Matrix6 { Matrix6() }
    public static func diagonal(_ d: [Double]) -> Matrix6 {
        var m = Matrix6(); for i in 0..<6 { m[i, i] = d[i] }; return m
    }
    public subscript(r: Int, c: Int) -> Double {
        get { storage[6 * r + c] }
        set { storage[6 * r + c] = newValue }
    }
    /// Rows as nested arrays (JSON output, tests).
    public var rows: [[Double]] { (0..<6).map { Array(storage[6 * $0 ..< 6 * $0 + 6]) } }
    public var transposed: Matrix6 { var t = Matrix6(); for i in 0..<6 { for j in 0..<6 { t[j, i] = self[i, j] } }; return t }
    /// Largest absolute entry.
    public var maxAbs: Double { storage.reduce(0) { max($0, abs($1)) } }

    /// 3×3 block starting at (3·bi, 3·bj).
    /// (Both read and write the storage through one buffer pointer: an element access of `storage` checks bounds,
    /// and a store uniqueness, every time.)
    package func block(_ bi: Int, _ bj: Int) -> Matrix3 {
        precondition((0...1).contains(bi) && (0...1).contains(bj) && storage.count == 36, "Matrix6 block index")
        return storage.withUnsafeBufferPointer { s in
            let o = 18 * bi + 3 * bj
            return Matrix3(Vec3(s[o], s[o + 1], s[o + 2]), Vec3(s[o + 6], s[o + 7], s[o + 8]), Vec3(s[o + 12], s[o + 13], s[o + 14]))
        }
    }
    package mutating func setBlock(_ bi: Int, _ bj: Int, _ m: Matrix3) {
        precondition((0...1).contains(bi) && (0...1).contains(bj) && storage.count == 36, "Matrix6 block index")
        storage.withUnsafeMutableBufferPointer { s in
            let o = 18 * bi + 3 * bj
            s[o] = m.rows.0.x; s[o + 1] = m.rows.0.y; s[o + 2] = m.rows.0.z
            s[o + 6] = m.rows.1.x; s[o + 7] = m.rows.1.y; s[o + 8] = m.rows.1.z
            s[o + 12] = m.rows.2.x; s[o + 13] = m.rows.2.y; s[o + 14] = m.rows.2.z
        }
    }

    public static func + (a: Matrix6, b: Matrix6) -> Matrix6 { var c = a; for i in 0..<36 { c.storage[i] += b.storage[i] }; return c }
    public static func - (a: Matrix6, b: Matrix6) -> Matrix6 { var c = a; for i in 0..<36 { c.storage[i] -= b.storage[i] }; return c }
    public static func += (a: inout Matrix6, b: Matrix6) { for i in 0..<36 { a.storage[i] += b.storage[i] } }
    public static func * (s: Double, a: Matrix6) -> Matrix6 { var c = a; for i in 0..<36 { c.storage[i] *= s }; return c }
    public static func * (a: Matrix6, b: Matrix6) -> Matrix6 {
        var c = Matrix6()
        for i in 0..<6 { for j in 0..<6 { var s = 0.0; for k in 0..<6 { s += a[i, k] * b[k, j] }; c[i, j] = s } }
        return c
    }
    public static func * (a: Matrix6, v: [Double]) -> [Double] {
        (0..<6).map { i in var s = 0.0; for k in 0..<6 { s += a[i, k] * v[k] }; return s }
    }
}

/// RAFT `helpers.rotationMatrix(x3, x2, x1)` = Rz(yaw)·Ry(pitch)·Rx(roll) [angles in rad].
package func rotationMatrix(roll: Double, pitch: Double, yaw: Double) -> Matrix3 {
    let s1 = sin(yaw), c1 = cos(yaw), s2 = sin(pitch), c2 = cos(pitch), s3 = sin(roll), c3 = cos(roll)
    return Matrix3(Vec3(c1 * c2, c1 * s2 * s3 - c3 * s1, s1 * s3 + c1 * c3 * s2),
                   Vec3(c2 * s1, c1 * c3 + s1 * s2 * s3, c3 * s1 * s2 - c1 * s3),
                   Vec3(-s2, c2 * s3, c2 * c3))
}

/// RAFT `translateForce3to6DOF(F, r)` = [F, r × F].
package func translateForce3to6DOF(_ f: Vec3, _ r: Vec3) -> [Double] {
    let m = cross(r, f)
    return [f.x, f.y, f.z, m.x, m.y, m.z]
}

/// RAFT `translateMatrix3to6DOF(M3, r)`: a 3×3 point mass/stiffness at offset r expressed as 6×6 about the origin.
package func translateMatrix3to6DOF(_ m: Matrix3, _ r: Vec3) -> Matrix6 {
    let h = Matrix3.skew(r)
    var out = Matrix6()
    out.setBlock(0, 0, m)
    let mh = m * h
    out.setBlock(0, 1, mh)
    out.setBlock(1, 0, mh.transposed)
    out.setBlock(1, 1, h.transposed * m * h)
    return out
}

/// RAFT `translateMatrix6to6DOF(M, r)` (r points from the new reference point to the old one).
///
/// Quirk kept from RAFT: the lower-left block is rebuilt as the transpose of the new upper-right block, even for r = 0.
package func translateMatrix6to6DOF(_ m: Matrix6, _ r: Vec3) -> Matrix6 {
    let h = Matrix3.skew(r)
    let a = m.block(0, 0), b = m.block(0, 1), c = m.block(1, 0), d = m.block(1, 1)
    var out = Matrix6()
    out.setBlock(0, 0, a)
    let ur = a * h + b
    out.setBlock(0, 1, ur)
    out.setBlock(1, 0, ur.transposed)
    out.setBlock(1, 1, h * a * h.transposed + c * h + h.transposed * b + d)
    return out
}

/// RAFT `rotateMatrix6(M, R)`: the upper-left, upper-right and lower-right 3×3 blocks rotated as `R·B·Rᵀ`; the
/// lower-left block is set to the transpose of the rotated upper-right block (RAFT quirk, kept: it differs from
/// rotating that block for non-symmetric inputs; checked against inline_test_helpers.json).
package func rotateMatrix6(_ m: Matrix6, _ r: Matrix3) -> Matrix6 {
    let rt = r.transposed
    var out = Matrix6()
    out.setBlock(0, 0, r * m.block(0, 0) * rt)
    let tr = r * m.block(0, 1) * rt
    out.setBlock(0, 1, tr)
    out.setBlock(1, 0, tr.transposed)
    out.setBlock(1, 1, r * m.block(1, 1) * rt)
    return out
}
