import Foundation
import Numerics
import Testing
import LAPACK

/// OpenBLAS's single-thread setting is applied once, before the first BLAS call of the process, whichever thread
/// makes it; solves running on other threads at that moment must neither hang nor go wrong (issue 12, part 5).
@Suite("OpenBLAS threading")
struct BLASThreadingTests {
    /// Largest |x − x_true| accepted for the diagonally dominant systems below (condition number < 3).
    static let tolerance = 1e-10

    /// A diagonally dominant n×n system (column-major) with known solution, from a fixed linear congruential sequence.
    static func system(n: Int, seed: UInt64) -> (a: [Double], x: [Double]) {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1   // [-1, 1)
        }
        var a = (0..<(n * n)).map { _ in next() }
        for i in 0..<n { a[i + i * n] += Double(2 * n) }
        return (a, (0..<n).map { _ in next() })
    }

    static func multiply(_ a: [Double], _ x: [Double], n: Int) -> [Double] {
        var b = [Double](repeating: 0, count: n)
        for j in 0..<n { for i in 0..<n { b[i] += a[i + j * n] * x[j] } }
        return b
    }

    /// A real and a complex system of size n with their right-hand sides and solutions.
    struct Problem: Sendable {
        var n: Int
        var a: [Double], b: [Double], x: [Double]
        var az: [ComplexDouble], bz: [ComplexDouble], z: [ComplexDouble]

        init(n: Int, seed: UInt64) {
            self.n = n
            (a, x) = BLASThreadingTests.system(n: n, seed: seed)
            b = BLASThreadingTests.multiply(a, x, n: n)
            // Complex system A(1 + i/2) z = bz with z = x(1 − i).
            let scale = ComplexDouble(1, 0.5), shift = ComplexDouble(1, -1)
            az = a.map { ComplexDouble($0, 0) * scale }
            z = x.map { ComplexDouble($0, 0) * shift }
            var bz = [ComplexDouble](repeating: .zero, count: n)
            for j in 0..<n { for i in 0..<n { bz[i] = bz[i] + az[i + j * n] * z[j] } }
            self.bz = bz
        }

        /// Solve both systems (dgesv, zgesv); a failure message or nil.
        func solve() -> String? {
            do {
                let xr = try RealLAPACK.solve(a, b, n: n)
                let errR = zip(xr, x).map { abs($0 - $1) }.max() ?? 0
                if !(errR < BLASThreadingTests.tolerance) { return "dgesv n=\(n): max error \(errR)" }
                let zc = try ComplexLinearSolver.solve(az, bz, n: n)
                let errC = zip(zc, z).map { ($0 - $1).length }.max() ?? 0
                if !(errC < BLASThreadingTests.tolerance) { return "zgesv n=\(n): max error \(errC)" }
            } catch {
                return "n=\(n): \(error)"
            }
            return nil
        }
    }

    /// `threads` threads released together, each solving `rounds` times alternately a 300×300 and a 6×6 problem
    /// (real and complex). Even threads start with a 300×300 solve at once; odd threads first wait t/2 ms and call
    /// `BLAS.setSingleThreaded()`, so that in a fresh process the setting is applied while large solves are running
    /// (with a setting that shuts OpenBLAS's worker pool down under a running threaded dgetrf, this hangs).
    static func stress(threads: Int, rounds: Int) -> [String] {
        final class Shared: @unchecked Sendable {
            let lock = NSCondition()
            var released = false
            var finished = 0
            var failures: [String] = []
        }
        let shared = Shared()
        for t in 0..<threads {
            let problems = [Problem(n: 300, seed: UInt64(2 * t)), Problem(n: 6, seed: UInt64(2 * t + 1))]
            let thread = Thread {
                shared.lock.lock()
                while !shared.released { shared.lock.wait() }
                shared.lock.unlock()
                if t % 2 == 1 {
                    usleep(useconds_t(500 * t))
                    BLAS.setSingleThreaded()
                }
                var failures: [String] = []
                for r in 0..<rounds {
                    if let f = problems[r % 2].solve() { failures.append("thread \(t) round \(r): \(f)") }
                }
                shared.lock.lock()
                shared.failures += failures
                shared.finished += 1
                shared.lock.broadcast()
                shared.lock.unlock()
            }
            thread.stackSize = 1 << 22
            thread.start()
        }
        shared.lock.lock()
        shared.released = true
        shared.lock.broadcast()
        while shared.finished < threads { shared.lock.wait() }
        let failures = shared.failures
        shared.lock.unlock()
        return failures
    }

    @Test("concurrent 300×300 and 6×6 solves on 6 threads while the thread setting is applied: all exact to 1e-10, OpenBLAS then single-threaded")
    func concurrentSolves() {
        // In the fresh-process variant with RAFT_BLAS_BACKGROUND: the library loads on a background thread meanwhile,
        // and every solve that needs it first sleeps until it is there (`BLAS.expectLoadElsewhere`).
        if ProcessInfo.processInfo.environment["RAFT_BLAS_BACKGROUND"] != nil { BLAS.loadInBackground() }
        let failures = Self.stress(threads: 6, rounds: 6)
        #expect(failures.isEmpty, "\(failures)")
        #expect(BLAS.threadCount == 1)
    }

    /// The test-runner executable itself (Linux: `<products>/<package>PackageTests.xctest`), to re-run one test in a
    /// fresh process where no BLAS call has happened yet.
    static let testRunner: URL? = {
        guard ProcessInfo.processInfo.environment["RAFT_BLAS_CHILD"] == nil,
              let arg0 = CommandLine.arguments.first, arg0.hasSuffix(".xctest"),
              FileManager.default.isExecutableFile(atPath: arg0) else { return nil }
        return URL(fileURLWithPath: arg0)
    }()

    @Test("the same in 3 fresh processes with a 4-thread OpenBLAS pool (no hang within 120 s, exit 0)",
          .enabled(if: testRunner != nil, "needs the test runner executable (Linux swift test)"))
    func concurrentSolvesFreshProcess() throws {
        try Self.freshProcesses(trials: 3, background: false)
    }

    @Test("the same in 3 fresh processes that load OpenBLAS on a background thread first (solves sleep until it is loaded; no hang within 120 s, exit 0)",
          .enabled(if: testRunner != nil, "needs the test runner executable (Linux swift test)"))
    func concurrentSolvesWhileLoadingInBackground() throws {
        try Self.freshProcesses(trials: 3, background: true)
    }

    /// `concurrentSolves` in `trials` fresh test-runner processes (with `background`: after `BLAS.loadInBackground()`).
    static func freshProcesses(trials: Int, background: Bool) throws {
        for trial in 0..<trials {
            let process = Process()
            process.executableURL = Self.testRunner!
            process.arguments = ["--testing-library", "swift-testing", "--filter", "BLASThreadingTests/concurrentSolves\\(\\)"]
            var env = ProcessInfo.processInfo.environment
            env["RAFT_BLAS_CHILD"] = "1"
            env["OPENBLAS_NUM_THREADS"] = "4"   // a worker pool that threaded dgetrf calls really use
            if background { env["RAFT_BLAS_BACKGROUND"] = "1" } else { env["RAFT_BLAS_BACKGROUND"] = nil }
            process.environment = env
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            final class Watchdog: @unchecked Sendable { var fired = false }
            let watchdog = Watchdog()
            try process.run()
            DispatchQueue.global().asyncAfter(deadline: .now() + 120) { [process] in
                if process.isRunning { watchdog.fired = true; process.terminate() }
            }
            let text = output.fileHandleForReading.readDataToEndOfFile()   // until the child exits or is killed
            process.waitUntilExit()
            if watchdog.fired {
                Issue.record("trial \(trial): child still running after 120 s (OpenBLAS hang?)")
                return
            }
            let log = String(decoding: text, as: UTF8.self)
            #expect(process.terminationStatus == 0, "trial \(trial): exit \(process.terminationStatus)\n\(log.suffix(2000))")
            #expect(log.contains("Test run with 1 test"), "trial \(trial): the child did not run exactly one test\n\(log.suffix(2000))")
        }
    }
}
