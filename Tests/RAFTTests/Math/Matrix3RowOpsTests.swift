import Testing
@testable import RAFT

/// `Matrix3 * Matrix3` forms whole rows and `Matrix6.block`/`setBlock` go through one buffer pointer (issue 17: the
/// rotor's 4·nω aero-matrix translations per case were mostly `subscript` switches and array checks). These tests
/// hold them to the bits of the entry-by-entry loops they replaced (frozen below; tolerance 0), on matrices with
/// mixed signs and magnitudes, signed zeros and subnormals, and `translateMatrix6to6DOF` to the same formula spelled
/// out entry by entry.
@Suite("Math: Matrix3 row products and Matrix6 blocks against entry loops")
struct Matrix3RowOpsTests {
    /// The product as it was: entry (i, j) summed left to right over k through the subscripts.
    static func productReference(_ a: Matrix3, _ b: Matrix3) -> Matrix3 {
        var out = Matrix3.zero
        for i in 0..<3 { for j in 0..<3 { out[i, j] = a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j] } }
        return out
    }

    static func blockReference(_ m: Matrix6, _ bi: Int, _ bj: Int) -> Matrix3 {
        var out = Matrix3.zero
        for i in 0..<3 { for j in 0..<3 { out[i, j] = m[3 * bi + i, 3 * bj + j] } }
        return out
    }

    /// `translateMatrix6to6DOF` with every product written as the entry loop (the RAFT formula, lower-left block
    /// the transpose of the new upper-right one).
    static func translateReference(_ m: Matrix6, _ r: Vec3) -> Matrix6 {
        let h = Matrix3.skew(r)
        let a = blockReference(m, 0, 0), b = blockReference(m, 0, 1), c = blockReference(m, 1, 0), d = blockReference(m, 1, 1)
        func mul(_ x: Matrix3, _ y: Matrix3) -> Matrix3 { productReference(x, y) }
        func add(_ x: Matrix3, _ y: Matrix3) -> Matrix3 {
            var o = Matrix3.zero
            for i in 0..<3 { for j in 0..<3 { o[i, j] = x[i, j] + y[i, j] } }
            return o
        }
        var ht = Matrix3.zero
        for i in 0..<3 { for j in 0..<3 { ht[i, j] = h[j, i] } }
        let ur = add(mul(a, h), b)
        let lr = add(add(add(mul(mul(h, a), ht), mul(c, h)), mul(ht, b)), d)
        var out = Matrix6()
        for i in 0..<3 {
            for j in 0..<3 {
                out[i, j] = a[i, j]
                out[i, j + 3] = ur[i, j]
                out[i + 3, j] = ur[j, i]
                out[i + 3, j + 3] = lr[i, j]
            }
        }
        return out
    }

    /// Reproducible values over many magnitudes, with signed zeros and subnormals mixed in.
    static func values(seed: UInt64, count: Int) -> [Double] {
        var rng = seed
        return (0..<count).map { q in
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            let u = Double(rng >> 11) / Double(1 << 53) - 0.5
            switch q % 11 {
            case 3: return 0.0
            case 7: return -0.0
            case 9: return u * 1e-310
            default: return u * Double(1 << (Int(rng >> 5) % 40))
            }
        }
    }

    static func matrix3(_ v: ArraySlice<Double>) -> Matrix3 {
        let v = Array(v)
        return Matrix3(Vec3(v[0], v[1], v[2]), Vec3(v[3], v[4], v[5]), Vec3(v[6], v[7], v[8]))
    }

    static func bits(_ m: Matrix3) -> [UInt64] { (0..<9).map { m[$0 / 3, $0 % 3].bitPattern } }

    @Test("products, transposes and blocks have the entry loops' bits")
    func rowOps() {
        for seed: UInt64 in 1...40 {
            let v = Self.values(seed: seed, count: 18)
            let a = Self.matrix3(v[0..<9]), b = Self.matrix3(v[9..<18])
            #expect(Self.bits(a * b) == Self.bits(Self.productReference(a, b)), "seed \(seed): a·b")
            #expect(Self.bits(b * a) == Self.bits(Self.productReference(b, a)), "seed \(seed): b·a")
            var t = Matrix3.zero
            for i in 0..<3 { for j in 0..<3 { t[i, j] = a[j, i] } }
            #expect(Self.bits(a.transposed) == Self.bits(t), "seed \(seed): transpose")

            var m = Matrix6()
            m.storage = Self.values(seed: seed &+ 1000, count: 36)
            for bi in 0..<2 {
                for bj in 0..<2 {
                    #expect(Self.bits(m.block(bi, bj)) == Self.bits(Self.blockReference(m, bi, bj)), "seed \(seed): block")
                    var set = m, setRef = m
                    set.setBlock(bi, bj, a)
                    for i in 0..<3 { for j in 0..<3 { setRef[3 * bi + i, 3 * bj + j] = a[i, j] } }
                    #expect(set.storage.map(\.bitPattern) == setRef.storage.map(\.bitPattern), "seed \(seed): setBlock")
                }
            }
        }
        // a product with non-zero entries everywhere (the test means something)
        let p = Self.matrix3(Self.values(seed: 5, count: 9)[0..<9]) * Self.matrix3(Self.values(seed: 6, count: 9)[0..<9])
        #expect(p.rows.0.x != 0 && p.rows.2.z != 0)
    }

    @Test("translateMatrix6to6DOF has the bits of the formula written with entry loops")
    func translate() {
        for seed: UInt64 in 1...40 {
            var m = Matrix6()
            m.storage = Self.values(seed: seed, count: 36)
            let r = Vec3(Self.values(seed: seed &+ 77, count: 3)[0], 0.37 * Double(seed), -12.5)
            let got = translateMatrix6to6DOF(m, r), want = Self.translateReference(m, r)
            #expect(got.storage.map(\.bitPattern) == want.storage.map(\.bitPattern), "seed \(seed)")
            #expect(got.storage.contains { $0 != 0 })
        }
    }
}
