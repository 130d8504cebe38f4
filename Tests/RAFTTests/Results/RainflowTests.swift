import Foundation
import Testing
@testable import RAFT

@Suite struct RainflowTests {
    /// ASTM E1049-85 (2017) Fig. 6 / Table: reversals −2, 1, −3, 5, −1, 3, −4, 4, −2 give ranges
    /// 3 (½), 4 (1½), 6 (½), 8 (1), 9 (½) and nothing else.
    @Test func astmWorkedExample() {
        let history: [Double] = [-2, 1, -3, 5, -1, 3, -4, 4, -2]
        let cycles = Rainflow.cycles(history)
        var byRange: [Double: Double] = [:]
        for c in cycles { byRange[c.range, default: 0] += c.count }
        #expect(byRange == [3: 0.5, 4: 1.5, 6: 0.5, 8: 1.0, 9: 0.5])
        #expect(cycles.reduce(0) { $0 + $1.count } == 4)
        // The full cycle of range 4 is −1 → 3, mean 1.
        #expect(cycles.contains { $0.count == 1 && $0.range == 4 && $0.mean == 1 })
    }

    /// Intermediate points on a monotonic excursion and repeated values are not reversals; the ends are.
    @Test func reversalsDropIntermediatePoints() {
        let x: [Double] = [0, 1, 2, 2, 3, 1, 1, 0.5, 4, 4]
        #expect(Rainflow.reversals(x) == [0, 3, 0.5, 4])
        #expect(Rainflow.reversals([2, 2, 2]) == [2])
        // Densely sampled ASTM history: same counting as the reversals alone.
        let astm: [Double] = [-2, 1, -3, 5, -1, 3, -4, 4, -2]
        var dense: [Double] = []
        for i in 0..<(astm.count - 1) { for k in 0..<5 { dense.append(astm[i] + (astm[i + 1] - astm[i]) * Double(k) / 5) } }
        dense.append(astm.last!)
        #expect(Rainflow.reversals(dense) == astm)
    }

    /// Σ n·S^m and the DEL agree with the ASTM cycles.
    @Test func rangePowerSumsAndDEL() {
        let history: [Double] = [-2, 1, -3, 5, -1, 3, -4, 4, -2]
        let expected3 = 0.5 * 27 + 1.5 * 64 + 0.5 * 216 + 1.0 * 512 + 0.5 * 729
        #expect(Rainflow.rangePowerSums(history, slopes: [3]) == [expected3])
        #expect(abs(Rainflow.damageEquivalentLoad(history, slope: 3, referenceCycles: 4) - pow(expected3 / 4, 1.0 / 3)) < 1e-12)
    }
}
