import Foundation
import Testing
@testable import RAFT

/// `SmoothingSpline.fitBatch` (two fits in flight per thread, their smoothing solves interleaved by
/// `Workspace.solvePair`) gives every fit the bits of a fit made alone, whatever the number of workers, and reports
/// each failing table's own error.
@Suite(.serialized) struct SmoothingSplineBatchTests {
    /// Lift- and drag-like polars (as a rotor's element tables) and perturbed ones (seeded).
    static func tables() -> [(z: [Double], s: Double)] {
        let x = AirfoilPolar.angleGridRad
        var tables: [(z: [Double], s: Double)] = []
        var rng = SplitMix64(seed: 11)
        for k in 0..<7 {
            let f = 1 + 0.03 * Double(k), w = 3 + 20 * rng.unit()
            tables.append((x.map { f * (1.2 * sin(2 * $0) + 0.3 * sin(w * $0) * exp(-$0 * $0)) + 0.02 * cos(17 * $0) }, 0.1))
            tables.append((x.map { 0.9 * f - 0.88 * cos(2 * $0) + 0.01 * sin(w * $0) }, k % 3 == 0 ? 0.01 : 0.001))
        }
        return tables
    }

    @Test func batchFitsEqualLoneFitsForAnyWorkerCount() throws {
        let x = AirfoilPolar.angleGridRad
        var tables = Self.tables()
        tables.insert((z: Array(tables[0].z.dropLast()), s: 0.1), at: 3)  // bad input: one ordinate short
        tables.append((z: x.map { _ in 0.3 }, s: 0.001))                  // least-squares polynomial (ends in part 1)
        var lone: [SmoothingSpline?] = []
        for (z, s) in tables {
            SmoothingSpline.clearFitCache()
            lone.append(try? SmoothingSpline(x: x, z: z, s: s))
        }
        #expect(lone.compactMap { $0 }.count == tables.count - 1)
        for workers in [1, 2, 3] {
            SmoothingSpline.clearFitCache()
            let fits = SmoothingSpline.fitBatch(x: x, tables: tables, memo: LeastSquaresMemo(x: x), workers: workers)
            #expect(fits.count == tables.count)
            for (i, fit) in fits.enumerated() {
                switch (fit, lone[i]) {
                case (.success(let f), .some(let l)):
                    #expect(SmoothingSplineFitIdentityTests.sameBits(f.knots, l.knots)
                            && SmoothingSplineFitIdentityTests.sameBits(f.coefficients, l.coefficients),
                            "\(workers) workers, table \(i): knots and coefficients")
                    #expect(f.residual.bitPattern == l.residual.bitPattern && f.status == l.status,
                            "\(workers) workers, table \(i): fp and ier")
                case (.failure(let e), nil):
                    #expect(e == .badInput("need at least 4 points and equal lengths"), "table \(i): its own error")
                default:
                    Issue.record("\(workers) workers, table \(i): the batch and the lone fit disagree on failing")
                }
            }
        }
        SmoothingSpline.clearFitCache()
    }

    /// `solvePair` against two separate `solve`s on the final knots of two fits, at several smoothing parameters
    /// (one of them least squares): fp, coefficients and residual sums bit for bit.
    @Test func pairedSolvesEqualSeparateSolves() throws {
        let x = AirfoilPolar.angleGridRad
        let tables = Self.tables()
        for (i, j) in [(0, 1), (2, 5), (6, 3)] {
            let u = SmoothingSpline.Workspace(x: x, z: tables[i].z), v = SmoothingSpline.Workspace(x: x, z: tables[j].z)
            _ = try u.run(s: tables[i].s)
            _ = try v.run(s: tables[j].s)
            for (pu, pv) in [(1.0, 1.0), (0.04, 25.0), (-1.0, 3.0e-3), (7.5, -1.0)] {
                let (fu, fv) = SmoothingSpline.Workspace.solvePair(u, pu, v, pv)
                let cu = Array(UnsafeBufferPointer(start: u.c, count: u.n + 2))
                let iu = Array(UnsafeBufferPointer(start: u.fpint, count: u.n + 2))
                let cv = Array(UnsafeBufferPointer(start: v.c, count: v.n + 2))
                let iv = Array(UnsafeBufferPointer(start: v.fpint, count: v.n + 2))
                let gu = u.solve(p: pu), gv = v.solve(p: pv)
                #expect(fu.bitPattern == gu.bitPattern && fv.bitPattern == gv.bitPattern, "tables \(i), \(j) at \(pu), \(pv): fp")
                #expect(SmoothingSplineFitIdentityTests.sameBits(cu, Array(UnsafeBufferPointer(start: u.c, count: u.n + 2)))
                        && SmoothingSplineFitIdentityTests.sameBits(cv, Array(UnsafeBufferPointer(start: v.c, count: v.n + 2))),
                        "tables \(i), \(j) at \(pu), \(pv): coefficients")
                #expect(SmoothingSplineFitIdentityTests.sameBits(iu, Array(UnsafeBufferPointer(start: u.fpint, count: u.n + 2)))
                        && SmoothingSplineFitIdentityTests.sameBits(iv, Array(UnsafeBufferPointer(start: v.fpint, count: v.n + 2))),
                        "tables \(i), \(j) at \(pu), \(pv): residual sums")
            }
        }
    }
}
