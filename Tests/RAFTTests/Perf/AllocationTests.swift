import AllocationCounter
import Testing
@testable import RAFT

/// The per-frequency solve allocates nothing (developers' guide: no allocation in per-frequency loops). Heap
/// allocations of this thread are counted by the `AllocationCounter` malloc interposer linked into the tests.
@Suite("Allocation-free hot loops")
struct AllocationTests {
    /// Heap allocations made by `body` on this thread.
    static func allocations(_ body: () throws -> Void) rethrows -> Int {
        raft_allocation_counter_start()
        defer { _ = raft_allocation_counter_stop() }
        try body()
        return raft_allocation_counter_stop()
    }

    /// True when the interposer sees a Swift array allocation (glibc; elsewhere these tests are skipped).
    static let counterWorks: Bool = {
        var sink = 0
        let n = allocations { sink = [Int](repeating: 7, count: 1000).reduce(0, +) }
        return n >= 1 && sink == 7000
    }()

    /// A damped 6-DOF system over `nw` frequencies with a unit force per DOF.
    static func system(nw: Int) -> (LinearSystem, [Double], [Complex]) {
        var s = LinearSystem(n: 6, omega: (1...nw).map { 0.05 * Double($0) })
        for j in 0..<nw { for d in 0..<6 {
            s.mass[j * 36 + d * 7] = 1e6 * Double(d + 1)
            s.damping[j * 36 + d * 7] = 1e4
        } }
        for d in 0..<6 { s.stiffness[d * 7] = 1e5 * Double(d + 2) }
        s.stiffness[4] = 2e3; s.stiffness[24] = 2e3   // surge–pitch coupling
        let drag = (0..<36).map { $0 % 7 == 0 ? 5e3 : 0 }
        return (s, drag, [Complex](repeating: Complex(1e5, -2e4), count: 6 * nw))
    }

    @Test("FrequencyDomainSolver.solve makes no heap allocation for 80 frequencies (buffers reused)",
          .enabled(if: counterWorks, "malloc interposition not available on this platform"))
    func solveAllocationFree() throws {
        let solver = FrequencyDomainSolver(n: 6)
        let (s, drag, force) = Self.system(nw: 80)
        var xi = [Complex](repeating: .zero, count: 6 * 80)
        try solver.solve(s, extraDamping: drag, force: force, into: &xi)   // warm-up (lazy globals, LAPACK set-up)
        let count = try Self.allocations { try solver.solve(s, extraDamping: drag, force: force, into: &xi) }
        #expect(count == 0, "\(count) heap allocations in one 80-frequency solve")
        // The answer is still right: Z·X = F at a sample frequency (relative residual < 1e-12).
        let j = 37, w = s.omega[j]
        for r in 0..<6 {
            var lhs = Complex.zero
            for c in 0..<6 {
                let k = r * 6 + c
                let z = Complex(-w * w * s.mass[j * 36 + k] + s.stiffness[k], w * (s.damping[j * 36 + k] + drag[k]))
                lhs = lhs + z * xi[j * 6 + c]
            }
            #expect((lhs - force[j * 6 + r]).length <= 1e-12 * force[j * 6 + r].length, "row \(r)")
        }
    }

    @Test("the drag loop's pass solve (fixed impedance) makes no heap allocation for 80 frequencies",
          .enabled(if: counterWorks, "malloc interposition not available on this platform"))
    func fixedImpedanceSolveAllocationFree() throws {
        let solver = FrequencyDomainSolver(n: 6)
        let (s, drag, force) = Self.system(nw: 80)
        let fixed = FixedImpedance(s)
        var xi = [Complex](repeating: .zero, count: 6 * 80)
        try solver.solve(s, fixed: fixed, dragDamping: drag, force: force, into: &xi)   // warm-up
        let count = try Self.allocations { try solver.solve(s, fixed: fixed, dragDamping: drag, force: force, into: &xi) }
        #expect(count == 0, "\(count) heap allocations in one 80-frequency pass solve")
        var general: [Complex] = []
        try solver.solve(s, extraDamping: drag, force: force, into: &general)
        #expect(xi.map(\.real.bitPattern) == general.map(\.real.bitPattern))
        #expect(xi.map(\.imaginary.bitPattern) == general.map(\.imaginary.bitPattern))
    }

    @Test("the counter sees allocations: a solve into an empty result allocates it",
          .enabled(if: counterWorks, "malloc interposition not available on this platform"))
    func counterSeesResize() throws {
        let solver = FrequencyDomainSolver(n: 6)
        let (s, drag, force) = Self.system(nw: 10)
        var xi: [Complex] = []
        let count = try Self.allocations { try solver.solve(s, extraDamping: drag, force: force, into: &xi) }
        #expect(count >= 1)
        #expect(xi.count == 60)
    }
}
