import Numerics
import Testing
import LAPACK

/// `SmallZgesv` against OpenBLAS's `zgesv_`, bit for bit: factors, pivots, `info` and solution, with the kernels of
/// the core OpenBLAS runs here. Runs only where the package uses the mirror (OpenBLAS 0.3.21, DYNAMIC_ARCH, a core of
/// `OpenBLASCore`); elsewhere it is not claimed identical. A CPU that runs the Cooperlake core can prove the Zen
/// variant too: `OPENBLAS_CORETYPE=Zen` makes OpenBLAS (and so the mirror) run Zen's kernels.
@Suite("SmallZgesv reproduces OpenBLAS zgesv bits", .enabled(if: ComplexLinearSolver.mirrorsOpenBLAS))
struct SmallZgesvTests {
    init() { BLAS.setSingleThreaded() }

    /// A deterministic generator (xorshift64) so that a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
    }

    /// Entries of four kinds: uniform in [-1, 1]; uniform times 2^±30 (ill-conditioned, pivoting everywhere);
    /// small integers in -2…2 (ties in |re| + |im|, exact zeros, singular matrices); one third exact zeros with
    /// either sign.
    static func entry(kind: Int, _ g: inout Generator) -> Double {
        switch kind {
        case 0: return Double.random(in: -1...1, using: &g)
        case 1: return Double.random(in: -1...1, using: &g) * Double(sign: .plus, exponent: Int.random(in: -30...30, using: &g), significand: 1)
        case 2: return Double(Int.random(in: -2...2, using: &g))
        default:
            switch Int.random(in: 0..<6, using: &g) {
            case 0: return 0
            case 1: return -0.0
            default: return Double.random(in: -1...1, using: &g)
            }
        }
    }

    /// Solves `count` systems of each order in `orders` both ways; returns the number compared and of differing ones,
    /// and the first difference found.
    /// `core`: the kernels the mirror runs (default: those of the core OpenBLAS runs here).
    static func compare(orders: [Int], count: Int, seed: UInt64, core: OpenBLASCore? = nil)
        -> (compared: Int, differing: Int, singular: Int, first: String?) {
        var g = Generator(state: seed)
        var compared = 0, differing = 0, singular = 0
        var first: String?
        for n in orders {
            let mirror = ComplexLinearSolver(n: n), library = ComplexLinearSolver(n: n)
            for t in 0..<count {
                let kind = t % 4
                for k in 0..<(n * n) { mirror.matrix[k] = Complex(entry(kind: kind, &g), entry(kind: kind, &g)) }
                for k in 0..<n { mirror.rhs[k] = Complex(entry(kind: kind, &g), entry(kind: kind, &g)) }
                library.matrix = mirror.matrix
                library.rhs = mirror.rhs
                var infoMirror = 0, infoLibrary = 0
                do { try mirror.solveInPlaceMirrored(core: core) } catch { infoMirror = error.info }
                do { try library.solveInPlaceWithOpenBLAS() } catch { infoLibrary = error.info }
                compared += 1
                if infoLibrary != 0 { singular += 1 }
                var same = infoMirror == infoLibrary && mirror.pivotRows == library.pivotRows
                for k in 0..<(n * n) where !bitsEqual(mirror.matrix[k], library.matrix[k]) { same = false }
                for k in 0..<n where !bitsEqual(mirror.rhs[k], library.rhs[k]) { same = false }
                if !same {
                    differing += 1
                    if first == nil { first = "n \(n), system \(t), kind \(kind), info \(infoMirror) vs \(infoLibrary)" }
                }
            }
        }
        return (compared, differing, singular, first)
    }

    static func bitsEqual(_ a: Complex<Double>, _ b: Complex<Double>) -> Bool {
        a.real.bitPattern == b.real.bitPattern && a.imaginary.bitPattern == b.imaginary.bitPattern
    }

    @Test("n = 1…9: 400 systems per order of four kinds, the same bits (singular ones included)")
    func debugSample() {
        let r = Self.compare(orders: Array(1...9), count: 400, seed: 0x9E37_79B9_7F4A_7C15)
        #expect(r.compared == 3600)
        #expect(r.singular > 0, "the sample must contain singular systems")
        #expect(r.differing == 0, "\(r.first ?? "")")
    }

    @Test("the other core's kernels do not give this library's bits (the comparison tells the cores apart)")
    func otherCoreDiffers() {
        let other: OpenBLASCore = ComplexLinearSolver.mirroredCore == .zen ? .cooperlake : .zen
        let r = Self.compare(orders: Array(1...9), count: 400, seed: 0x9E37_79B9_7F4A_7C15, core: other)
        #expect(r.compared == 3600)
        // 3,104 of the 3,600 differ, either way round (Zen's mirror against the Cooperlake library, and Cooperlake's
        // against the library run as Zen with OPENBLAS_CORETYPE=Zen).
        #expect(r.differing > r.compared / 2, "\(r.differing) of \(r.compared) differ")
    }

    @Test("solveInPlace takes the mirror here and matches zgesv on a 6x6 impedance-like system")
    func dispatch() throws {
        let n = 6
        let a = ComplexLinearSolver(n: n), b = ComplexLinearSolver(n: n)
        for r in 0..<n { for c in 0..<n {
            a.matrix[r + c * n] = Complex(r == c ? -1e7 + 1e6 : (r + c) % 3 == 0 ? 0 : 1e3 * Double(r - c), r == c ? 3e5 : 0)
        } }
        for r in 0..<n { a.rhs[r] = Complex(1e5 * Double(r + 1), r % 2 == 0 ? 0 : -2e4) }
        b.matrix = a.matrix
        b.rhs = a.rhs
        try a.solveInPlace()
        try b.solveInPlaceWithOpenBLAS()
        #expect(ComplexLinearSolver.mirrorsOpenBLAS && ComplexLinearSolver.mirroredCore != nil)
        for k in 0..<n { #expect(Self.bitsEqual(a.rhs[k], b.rhs[k])) }
        for k in 0..<(n * n) { #expect(Self.bitsEqual(a.matrix[k], b.matrix[k])) }
    }

    @Test("release: 1,125,000 systems, n = 1…9, the same bits", .enabled(if: BuildMode.isRelease))
    func releaseMillion() {
        let r = Self.compare(orders: Array(1...9), count: 125_000, seed: 0x2545_F491_4F6C_DD1D)
        #expect(r.compared == 1_125_000)
        #expect(r.differing == 0, "\(r.first ?? "")")
    }
}

/// Which OpenBLAS cores the mirror claims (runs on every CPU).
@Suite("OpenBLASCore: the cores the zgesv mirror covers")
struct OpenBLASCoreTests {
    @Test("Zen and Cooperlake are mirrored; Haswell and SkylakeX (same objects, unproven) and others are not")
    func coreNames() {
        #expect(OpenBLASCore(coreName: "Zen") == .zen)
        #expect(OpenBLASCore(coreName: "Cooperlake") == .cooperlake)
        for name in ["Haswell", "SkylakeX", "Sapphirerapids", "Prescott", "zen", ""] {
            #expect(OpenBLASCore(coreName: name) == nil, "\(name)")
        }
    }

    @Test("Cooperlake's contracted complex-product halves and compinv square differ from Zen's where they should")
    func contraction() {
        // a·b − c·d with a·b = c·d inexact: Zen rounds both products (0), Cooperlake keeps a·b's rounding error.
        let a = 1.0 + 0x1p-30, b = 1.0 - 0x1p-30
        #expect(OpenBLASCore.zen.difference(a, b, a, b) == 0)
        #expect(OpenBLASCore.cooperlake.difference(a, b, a, b) == -0x1p-60)
        #expect(OpenBLASCore.zen.sum(a, b, -a, b) == 0 && OpenBLASCore.cooperlake.sum(a, b, -a, b) == -0x1p-60)
        let r = 0x1.b9b28d2169146p-1
        #expect(OpenBLASCore.zen.onePlusSquare(r) == 0x1.be8629b16b130p+0)
        #expect(OpenBLASCore.cooperlake.onePlusSquare(r) == 0x1.be8629b16b131p+0)
        let v = SIMD4<Double>(repeating: a), w = SIMD4<Double>(repeating: b)
        #expect(OpenBLASCore.cooperlake.difference(v, w, v, w) == SIMD4(repeating: -0x1p-60))
        #expect(OpenBLASCore.zen.difference(v, w, v, w) == .zero)
    }
}

/// The trsm row-block schedule both mirrors share (`TrsmBlocks`), written out for small orders and compared with the
/// loops `SmallZgesv.substitute` and `SmallZgesvLanes.substitute` each had before they shared it (so their
/// operations, and bits, stay as they were; runs on every CPU, unlike the OpenBLAS comparisons above).
@Suite("TrsmBlocks: OpenBLAS's trsm_kernel_LT/LN row blocks")
struct TrsmBlocksTests {
    /// The schedule as a list of half-open ranges.
    static func blocks(_ s: TrsmBlocks) -> [[Int]] { s.map { [$0.start, $0.end] } }

    /// The forward loop as the substitutions wrote it before `TrsmBlocks`.
    static func formerForward(_ n: Int) -> [[Int]] {
        var out: [[Int]] = []
        var start = 0, size = 4
        while start < n {
            while start + size > n { size >>= 1 }
            let end = start + size
            out.append([start, end])
            start = end
        }
        return out
    }

    /// The backward loop as the substitutions wrote it before `TrsmBlocks`.
    static func formerBackward(_ n: Int) -> [[Int]] {
        var out: [[Int]] = []
        var end = n, tail = 1
        while end > 0 {
            let bs: Int
            if tail <= 2 {
                if n & tail == 0 { tail <<= 1; continue }
                bs = tail
                tail <<= 1
            } else {
                bs = 4
            }
            out.append([end - bs, end])
            end -= bs
        }
        return out
    }

    @Test("forward: blocks of 4 from the top, then 2, then 1")
    func forward() {
        #expect(Self.blocks(.forward(1)) == [[0, 1]])
        #expect(Self.blocks(.forward(3)) == [[0, 2], [2, 3]])
        #expect(Self.blocks(.forward(6)) == [[0, 4], [4, 6]])
        #expect(Self.blocks(.forward(7)) == [[0, 4], [4, 6], [6, 7]])
        #expect(Self.blocks(.forward(9)) == [[0, 4], [4, 8], [8, 9]])
    }

    @Test("backward: the odd row at the bottom, then the pair, then blocks of 4 upwards")
    func backward() {
        #expect(Self.blocks(.backward(1)) == [[0, 1]])
        #expect(Self.blocks(.backward(3)) == [[2, 3], [0, 2]])
        #expect(Self.blocks(.backward(4)) == [[0, 4]])
        #expect(Self.blocks(.backward(6)) == [[4, 6], [0, 4]])
        #expect(Self.blocks(.backward(7)) == [[6, 7], [4, 6], [0, 4]])
        #expect(Self.blocks(.backward(9)) == [[8, 9], [4, 8], [0, 4]])
    }

    @Test("n = 1…64: the same blocks as the former loops")
    func sameAsFormerLoops() {
        for n in 1...64 {
            #expect(Self.blocks(.forward(n)) == Self.formerForward(n), "forward, n = \(n)")
            #expect(Self.blocks(.backward(n)) == Self.formerBackward(n), "backward, n = \(n)")
        }
        #expect(Self.blocks(.forward(0)).isEmpty && Self.blocks(.backward(0)).isEmpty)
    }
}
