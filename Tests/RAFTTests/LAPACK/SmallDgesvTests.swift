import Testing
import LAPACK

/// `SmallDgesv` against OpenBLAS's `dgesv_`, bit for bit: factors, pivots, `info` and solution, with the kernels of
/// the core OpenBLAS runs here (only where the package uses the mirror, as `SmallZgesvTests`). `OPENBLAS_CORETYPE=Zen`
/// proves the Zen variant on a CPU that runs the Cooperlake core.
@Suite("SmallDgesv reproduces OpenBLAS dgesv bits", .enabled(if: RealLAPACK.mirroredCore != nil))
struct SmallDgesvTests {
    init() { BLAS.setSingleThreaded() }

    /// Entries of six kinds: uniform in [-1, 1]; uniform times 10^±30; small integers in -3…3 (ties in |x|, exact
    /// zeros, singular matrices); a quarter zeros, the rest ±1e3; ±1 and zeros of either sign; uniform times 2^±8
    /// with one column nearly 3× the first (ill-conditioned).
    static func entry(kind: Int, _ g: inout SmallZgesvTests.Generator) -> Double {
        switch kind {
        case 0: return Double.random(in: -1...1, using: &g)
        case 1:
            return Double.random(in: -1...1, using: &g) * Double(sign: .plus, exponent: Int.random(in: -100...100, using: &g), significand: 1)
        case 2: return Double(Int.random(in: -3...3, using: &g))
        case 3: return Int.random(in: 0..<4, using: &g) == 0 ? 0 : Double.random(in: -1e3...1e3, using: &g)
        case 4: return Double(Int.random(in: -1...1, using: &g)) * (Bool.random(using: &g) ? 1 : -0.0)
        default:
            return Double.random(in: -1...1, using: &g) * Double(sign: .plus, exponent: Int.random(in: -8...8, using: &g), significand: 1)
        }
    }

    /// Solves `count` systems of each order both ways; `core`: the kernels the mirror runs (default: this library's).
    static func compare(orders: [Int], count: Int, seed: UInt64, core: OpenBLASCore? = nil)
        -> (compared: Int, differing: Int, singular: Int, first: String?) {
        var g = SmallZgesvTests.Generator(state: seed)
        var compared = 0, differing = 0, singular = 0
        var first: String?
        let core = core ?? RealLAPACK.mirroredCore ?? .zen
        for n in orders {
            var a = [Double](repeating: 0, count: n * n), b = [Double](repeating: 0, count: n)
            for t in 0..<count {
                let kind = t % 6
                for k in 0..<(n * n) { a[k] = entry(kind: kind, &g) }
                for k in 0..<n { b[k] = entry(kind: kind, &g) }
                if kind == 5 && n > 1 {
                    let c = 1 + t % (n - 1)
                    for r in 0..<n { a[r + c * n] = a[r] * 3 + 1e-12 * Double.random(in: -1...1, using: &g) }
                }
                let mirror = RealLAPACK.mirrored(a, b, n: n, core: core), library = RealLAPACK.openBLASDgesv(a, b, n: n)
                compared += 1
                if library.info != 0 { singular += 1 }
                let same = mirror.info == library.info && mirror.pivots == library.pivots
                    && zip(mirror.lu, library.lu).allSatisfy { $0.bitPattern == $1.bitPattern }
                    && (library.info != 0 || zip(mirror.x, library.x).allSatisfy { $0.bitPattern == $1.bitPattern })
                if !same {
                    differing += 1
                    if first == nil { first = "n \(n), system \(t), kind \(kind), info \(mirror.info) vs \(library.info)" }
                }
            }
        }
        return (compared, differing, singular, first)
    }

    @Test("n = 1…9: 600 systems per order of six kinds, the same bits (singular ones included)")
    func debugSample() {
        let r = Self.compare(orders: Array(1...9), count: 600, seed: 0x9E37_79B9_7F4A_7C15)
        #expect(r.compared == 5400)
        #expect(r.singular > 0, "the sample must contain singular systems")
        #expect(r.differing == 0, "\(r.first ?? "")")
    }

    @Test("the other core's kernels do not give this library's bits (the comparison tells the cores apart)")
    func otherCoreDiffers() {
        let other: OpenBLASCore = RealLAPACK.mirroredCore == .zen ? .cooperlake : .zen
        let r = Self.compare(orders: Array(1...9), count: 600, seed: 0x9E37_79B9_7F4A_7C15, core: other)
        // About 57 % differ either way round (prototype: 2,104 and 2,073 of 3,600).
        #expect(r.differing > r.compared / 3, "\(r.differing) of \(r.compared) differ")
    }

    @Test("solve takes the mirror and matches dgesv on a 6x6 statics-like stiffness; non-finite inputs go to OpenBLAS")
    func dispatch() throws {
        let n = 6
        var k = [Double](repeating: 0, count: n * n)
        for r in 0..<n {
            for c in 0..<n {
                let off: Double = (r + 2 * c) % 4 == 0 ? 0 : 3e4 * Double(r - c)
                k[r + c * n] = r == c ? 4e6 * Double(r + 1) : off
            }
        }
        var y = [Double](repeating: 0, count: n)
        for r in 0..<n { y[r] = 1e5 * Double(r + 1) * (r % 2 == 0 ? 1.0 : -1.0) }
        let x = try RealLAPACK.solve(k, y, n: n), reference = RealLAPACK.openBLASDgesv(k, y, n: n)
        #expect(reference.info == 0)
        #expect(zip(x, reference.x).allSatisfy { $0.bitPattern == $1.bitPattern })
        #expect(try RealLAPACK.solveMirrored(k, y, n: n) != nil)
        var bad = y
        bad[2] = Double.nan
        #expect(try RealLAPACK.solveMirrored(k, bad, n: n) == nil)
    }

    @Test("the predicted core, where there is one, is the one the loaded library runs; a prediction confirms here")
    func prediction() {
        if let predicted = CorePrediction.predicted { #expect(predicted == RealLAPACK.mirroredCore) }
        CorePrediction.begin()
        #expect(CorePrediction.end() == (CorePrediction.predicted == nil || CorePrediction.predicted == ComplexLinearSolver.mirroredCore))
    }

    @Test("release: 1,125,000 systems, n = 1…9, the same bits", .enabled(if: BuildMode.isRelease))
    func releaseMillion() {
        let r = Self.compare(orders: Array(1...9), count: 125_000, seed: 0x2545_F491_4F6C_DD1D)
        #expect(r.compared == 1_125_000)
        #expect(r.differing == 0, "\(r.first ?? "")")
    }
}
