import Foundation
import Testing
@testable import RAFT

/// The potSecOrder 1 hook of the drag-linearisation loop (spec 06 §7.1, P8c): called once at the first convergence,
/// adds its force to F_lin, restarts the iteration counter (resuming at 1) and keeps X_last.
@Suite("Drag linearisation with the second-order step")
struct SecondOrderIterationTests {
    /// One DOF, one frequency, Z = 1 (stiffness only), F = 100, no drag: X_last = (1 − 0.2^k)·X after k passes, so
    /// the first-order loop converges at pass 4 (0.2³ = 0.008 < 0.01); doubling F then needs passes 5…8
    /// (relative changes 0.50, 0.10, 0.020, 0.004).
    static func run(nIter: Int) throws -> (DragLinearizedResponse, calls: Int, seen: [Complex]) {
        var s = LinearSystem(n: 1, omega: [1.0])
        s.stiffness = [1]
        var calls = 0
        var seen: [Complex] = []
        let r = try FrequencyDomainSolver(n: 1).solveDragLinearized(s, force: [Complex(100, 0)], xiStart: 0, nIter: nIter,
                                                                     linearize: { _ in ([0], [.zero]) },
                                                                     secondOrder: { xi in calls += 1; seen = xi; return [Complex(100, 0)] })
        return (r, calls, seen)
    }

    @Test("counter restarts at 1 after the QTF step")
    func counterRestart() throws {
        let (short, calls, seen) = try Self.run(nIter: 3)
        #expect(calls == 1)
        #expect(seen == [Complex(100, 0)], "the hook sees the converged first-order response")
        #expect(short.iterations == 7, "4 passes to first convergence + 3 after the restart (counter resumes at 1)")
        #expect(!short.converged)
        let (long, calls2, _) = try Self.run(nIter: 4)
        #expect(calls2 == 1)
        #expect(long.iterations == 8)
        #expect(long.converged)
        #expect(abs(long.response[0].real - 200) < 1e-9, "response to F_lin + second-order force")
        // X_last was not reset: the last linearisation used 0.2·1.95968·X + 0.8·2X
        #expect(abs(long.lastIterate[0].real - 100 * (0.2 * 1.95968 + 1.6)) < 1e-9)
    }

    @Test("without the hook the loop stops at the first convergence")
    func noHook() throws {
        var s = LinearSystem(n: 1, omega: [1.0])
        s.stiffness = [1]
        let r = try FrequencyDomainSolver(n: 1).solveDragLinearized(s, force: [Complex(100, 0)], xiStart: 0, nIter: 10,
                                                                     linearize: { _ in ([0], [.zero]) })
        #expect(r.iterations == 4 && r.converged)
    }
}
