import Foundation
import Testing
@testable import RAFT

/// The process-wide memos (parsed tables, resampled polars, airfoil fits) must never hand back stale values.
@Suite("Performance memos")
struct MemoTests {
    static let oc3 = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("designs/OC3spar.yaml").path

    @Test func editedAirfoilTableIsReparsedAndRefitted() throws {
        let base = try Design.load(path: Self.oc3)
        let original = base.turbines[0].airfoils[2].data
        #expect(original.count >= MatrixMemo.minimumRows)
        // An unrelated edit shares the table (same numbers, memo hit).
        let other = try base.setting("platform.members[0].d[0]", to: 9.5)
        #expect(other.turbines[0].airfoils[2].data == original)
        // Editing one cell of the table must be seen everywhere downstream.
        let row = 40
        let edited = try base.setting("turbine.airfoils[2].data[\(row)][1]", to: original[row][1] + 0.25)
        let table = edited.turbines[0].airfoils[2].data
        #expect(table[row][1] == original[row][1] + 0.25)
        #expect(table[row + 1] == original[row + 1])
        let p0 = AirfoilPolar.resampled(original), p1 = AirfoilPolar.resampled(table)
        #expect(p0.cl != p1.cl)
        #expect(p1.cl == AirfoilPolar(table: table).cl)
        #expect(p0.cl == AirfoilPolar(table: original).cl)
    }

    @Test func memoisedFitIsBitIdenticalToAFreshFit() throws {
        let x = AirfoilPolar.angleGridRad
        let z = x.map { 1.1 * sin(2 * $0) + 0.01 * cos(7 * $0) }
        let fresh = try SmoothingSpline(x: x, z: z, s: 0.1)
        let memo = try SmoothingSpline(x: x, z: z, s: 0.1)
        #expect(fresh == memo)
        #expect(fresh.knots.elementsEqual(memo.knots) { $0.bitPattern == $1.bitPattern })
        #expect(fresh.coefficients.elementsEqual(memo.coefficients) { $0.bitPattern == $1.bitPattern })
        // Keys compare bit patterns: -0.0 and 0.0 (equal as numbers) are different entries.
        var zNeg = z; zNeg[0] = -0.0
        var zPos = z; zPos[0] = 0.0
        #expect(FitCache.Key(x: x, z: zNeg, s: 0.1) != FitCache.Key(x: x, z: zPos, s: 0.1))
        #expect(FitCache.Key(x: x, z: z, s: 0.1) == FitCache.Key(x: x, z: z, s: 0.1))
        #expect(FitCache.Key(x: x, z: z, s: 0.1) != FitCache.Key(x: x, z: z, s: 0.001))
    }
}
