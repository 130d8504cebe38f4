import Numerics
import Testing
import LAPACK

@Suite("LAPACK binding")
struct LAPACKTests {
    init() { BLAS.setSingleThreaded() }

    @Test("OpenBLAS runs single-threaded after setSingleThreaded")
    func singleThread() { #expect(BLAS.threadCount == 1) }

    @Test("zgesv solves a complex 3x3 system with a known solution")
    func complexSolve() throws {
        // A (column-major) and x chosen by hand; b = A x.
        let a: [ComplexDouble] = [.init(4, 1), .init(1, 0), .init(0, -2),
                                  .init(2, 0), .init(5, -1), .init(1, 1),
                                  .init(0, 3), .init(1, 0), .init(6, 0)]
        let x: [ComplexDouble] = [.init(1, 2), .init(-1, 0.5), .init(0.25, -3)]
        var b = [ComplexDouble](repeating: .zero, count: 3)
        for i in 0..<3 { for j in 0..<3 { b[i] = b[i] + a[i + 3 * j] * x[j] } }
        let sol = try ComplexLinearSolver.solve(a, b, n: 3)
        for i in 0..<3 { #expect((sol[i] - x[i]).length < 1e-12) }
    }

    @Test("a reused solver gives the same answer on every call")
    func reuse() throws {
        let s = ComplexLinearSolver(n: 2)
        for k in 1...3 {
            s.matrix = [.init(2, 0), .init(0, 0), .init(0, 0), .init(Double(k), 0)]
            s.rhs = [.init(4, 0), .init(Double(k), Double(k))]
            try s.solveInPlace()
            #expect((s.rhs[0] - ComplexDouble(2, 0)).length < 1e-14)
            #expect((s.rhs[1] - ComplexDouble(1, 1)).length < 1e-14)
        }
    }

    @Test("a singular matrix throws LAPACKError naming zgesv")
    func singular() {
        let a: [ComplexDouble] = [.init(1, 0), .init(2, 0), .init(2, 0), .init(4, 0)]
        #expect(throws: LAPACKError.self) { try ComplexLinearSolver.solve(a, [.init(1, 0), .init(1, 0)], n: 2) }
        do { _ = try ComplexLinearSolver.solve(a, [.init(1, 0), .init(1, 0)], n: 2) } catch {
            #expect(error.routine == "zgesv" && error.info == 2)
            #expect(error.description.contains("singular"))
        }
        #expect(throws: LAPACKError.self) { try RealLAPACK.solve([1, 2, 2, 4], [1, 1], n: 2) }
    }

    @Test("dgesv solves Intel's classic 2x2 example")
    func realSolve() throws {
        // [[3, 1], [1, 2]] x = [9, 8] → x = [2, 3]; column-major storage.
        let x = try RealLAPACK.solve([3, 1, 1, 2], [9, 8], n: 2)
        #expect(abs(x[0] - 2) < 1e-14 && abs(x[1] - 3) < 1e-14)
    }

    @Test("dgeev: eigenvalues of a rotation-like matrix are a complex pair, of a diagonal the entries")
    func generalEigen() throws {
        let (v, _) = try RealLAPACK.eigen([0, 1, -1, 0], n: 2)   // [[0,-1],[1,0]] → ±i
        #expect(v.contains { ($0 - ComplexDouble(0, 1)).length < 1e-14 })
        #expect(v.contains { ($0 - ComplexDouble(0, -1)).length < 1e-14 })
        let (d, vec) = try RealLAPACK.eigen([2, 0, 0, 0, 5, 0, 0, 0, 7], n: 3)
        #expect(d.map(\.real).sorted() == [2, 5, 7])
        // Eigenvectors are unit columns.
        for j in 0..<3 {
            let n2 = (0..<3).map { vec[$0 + 3 * j].lengthSquared }.reduce(0, +)
            #expect(abs(n2 - 1) < 1e-14)
        }
    }

    @Test("dsygv: K v = λ M v for a 2-DOF spring-mass chain")
    func symmetricGeneralised() throws {
        // m = 1, k = 1: K = [[2, -1], [-1, 1]], M = I → λ = (3 ∓ √5)/2.
        let (w, _) = try RealLAPACK.symmetricEigen(k: [2, -1, -1, 1], m: [1, 0, 0, 1], n: 2)
        #expect(abs(w[0] - (3 - 5.0.squareRoot()) / 2) < 1e-14)
        #expect(abs(w[1] - (3 + 5.0.squareRoot()) / 2) < 1e-14)
    }

    @Test("zggev: A v = λ B v with B = 2I gives λ = eig(A)/2")
    func complexGeneralised() throws {
        let a: [ComplexDouble] = [.init(4, 0), .init(0, 0), .init(0, 0), .init(0, 6)]
        let b: [ComplexDouble] = [.init(2, 0), .init(0, 0), .init(0, 0), .init(2, 0)]
        let (alpha, beta, _) = try ComplexLAPACK.generalizedEigen(a: a, b: b, n: 2)
        let lambdas = zip(alpha, beta).map { $0 / $1 }
        #expect(lambdas.contains { ($0 - ComplexDouble(2, 0)).length < 1e-14 })
        #expect(lambdas.contains { ($0 - ComplexDouble(0, 3)).length < 1e-14 })
    }
}

/// Every call of an OpenBLAS/LAPACK routine goes through `BLAS.routines`, whose one-time initialisation loads the
/// library and applies the single-thread setting before it hands out any routine: a direct call (ComplexLUSolver once
/// had one without the setting) could be a process's first BLAS call and run on OpenBLAS's worker pool, which then
/// spins forever in `exec_blas_async_wait` when the process exits mid-solve.
@Suite struct LAPACKWrapperGuardTests {
    @Test func everyRoutineCallGoesThroughTheLoadedRoutines() throws {
        let url = Reference.repoRoot.appendingPathComponent("Sources/LAPACK/LAPACK.swift")
        let text = try String(contentsOf: url, encoding: .utf8)
        let direct = try Regex(#"\b[a-z]{4,6}_\("#)
        let direct2 = try Regex(#"\bopenblas_[a-z_]+\("#)
        let lines = text.split(separator: "\n").filter { !$0.drop { $0 == " " }.hasPrefix("//") }
        for line in lines {
            #expect(!line.contains(direct) && !line.contains(direct2), "direct OpenBLAS call: \(line)")
        }
        let viaRoutines = try Regex(#"BLAS\.routines\.(zgesv|zgetrf|zgetrs|dgesv|dgeev|dsygv|zggev)\("#)
        let calls = lines.filter { $0.contains(viaRoutines) }.count
        #expect(calls >= 9, "found \(calls) calls through BLAS.routines")
    }
}
