import Numerics
import Testing
import LAPACK

/// `SmallZgesvLanes` (four systems per SIMD lane group) against OpenBLAS's `zgesv_`, lane by lane and bit for bit:
/// factors, pivots, `info` and solution (a singular lane keeps its right-hand side, as zgesv leaves it). The four
/// lanes of a group get systems of different kinds, so their pivots, reciprocal branches and zscal cases differ.
/// Like `SmallZgesvTests`, with the kernels of the core OpenBLAS runs here (`OPENBLAS_CORETYPE=Zen` for Zen's on a
/// Cooperlake-core CPU).
@Suite("SmallZgesvLanes reproduces OpenBLAS zgesv bits in every lane", .enabled(if: SmallZgesvLanes.mirrorsOpenBLAS))
struct SmallZgesvLanesTests {
    init() { BLAS.setSingleThreaded() }

    /// Solves `groups` lane groups of each order both ways; returns the systems compared, the differing and the
    /// singular ones, and the first difference.
    static func compare(orders: [Int], groups: Int, seed: UInt64) -> (compared: Int, differing: Int, singular: Int, first: String?) {
        var g = SmallZgesvTests.Generator(state: seed)
        var compared = 0, differing = 0, singular = 0
        var first: String?
        for n in orders {
            let lanes = SmallZgesvLanes(n: n)
            let library = (0..<4).map { _ in ComplexLinearSolver(n: n) }
            for t in 0..<groups {
                for l in 0..<4 {
                    let kind = (t + l) % 4
                    for k in 0..<(n * n) {
                        let v = Complex(SmallZgesvTests.entry(kind: kind, &g), SmallZgesvTests.entry(kind: kind, &g))
                        lanes.re[k][l] = v.real; lanes.im[k][l] = v.imaginary
                        library[l].matrix[k] = v
                    }
                    for k in 0..<n {
                        let v = Complex(SmallZgesvTests.entry(kind: kind, &g), SmallZgesvTests.entry(kind: kind, &g))
                        lanes.bRe[k][l] = v.real; lanes.bIm[k][l] = v.imaginary
                        library[l].rhs[k] = v
                    }
                }
                let info = lanes.solveInPlace()
                for l in 0..<4 {
                    var infoLibrary = 0
                    do { try library[l].solveInPlaceWithOpenBLAS() } catch { infoLibrary = error.info }
                    compared += 1
                    if infoLibrary != 0 { singular += 1 }
                    let s = library[l]
                    var same = Int(info[l]) == infoLibrary
                    for k in 0..<n where Int32(lanes.pivots[k][l] + 1) != s.pivotRows[k] { same = false }
                    for k in 0..<(n * n) where !bitsEqual(lanes.re[k][l], lanes.im[k][l], s.matrix[k]) { same = false }
                    for k in 0..<n where !bitsEqual(lanes.bRe[k][l], lanes.bIm[k][l], s.rhs[k]) { same = false }
                    if !same {
                        differing += 1
                        if first == nil { first = "n \(n), group \(t), lane \(l), info \(info[l]) vs \(infoLibrary)" }
                    }
                }
            }
        }
        return (compared, differing, singular, first)
    }

    static func bitsEqual(_ re: Double, _ im: Double, _ b: Complex<Double>) -> Bool {
        re.bitPattern == b.real.bitPattern && im.bitPattern == b.imaginary.bitPattern
    }

    @Test("n = 1…9: 100 groups of 4 per order, every lane the same bits (singular lanes included)")
    func debugSample() {
        let r = Self.compare(orders: Array(1...9), groups: 100, seed: 0x9E37_79B9_7F4A_7C15)
        #expect(r.compared == 3600)
        #expect(r.singular > 0, "the sample must contain singular systems")
        #expect(r.differing == 0, "\(r.first ?? "")")
    }

    @Test("release: 1,125,000 systems in lanes, n = 1…9, the same bits", .enabled(if: BuildMode.isRelease))
    func releaseMillion() {
        let r = Self.compare(orders: Array(1...9), groups: 31_250, seed: 0x2545_F491_4F6C_DD1D)
        #expect(r.compared == 1_125_000)
        #expect(r.differing == 0, "\(r.first ?? "")")
    }
}
