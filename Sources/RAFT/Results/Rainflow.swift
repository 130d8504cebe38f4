#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// One rainflow-counted cycle: full cycles count 1, half cycles (from the residue) 0.5.
package struct RainflowCycle: Sendable, Equatable {
    /// Range, peak to valley [unit].
    package var range: Double
    /// Cycle mean, (peak + valley)/2 [unit].
    package var mean: Double
    /// 1 for a full cycle, 0.5 for a half cycle.
    package var count: Double
}

/// Rainflow counting per ASTM E1049-85 (reapproved 2017) §5.4.4, the time-domain reference for spectral fatigue.
package enum Rainflow {
    /// Peaks and valleys (§3.1.4 reversals) of a load history: the first and last points, and every point where the
    /// slope changes sign. Repeated equal values count once.
    package static func reversals(_ x: [Double]) -> [Double] {
        guard x.count > 2 else { return x }
        var out: [Double] = [x[0]]
        out.reserveCapacity(x.count / 2 + 2)
        var last = x[0]
        var direction = 0.0                       // sign of the current excursion; 0 until the series moves
        for v in x.dropFirst() where v != last {
            let d: Double = v > last ? 1 : -1
            if direction != 0 && d != direction { out.append(last) }
            direction = d
            last = v
        }
        if direction != 0 { out.append(last) }    // the last point, unless the history never moved
        return out
    }

    /// ASTM E1049-85 §5.4.4 rainflow counting of a sequence of reversals.
    ///
    /// X is the most recent range and Y the one before; while X ≥ Y, Y is counted: as one cycle (its two points
    /// discarded) unless it contains the starting point, then as a half cycle (the starting point discarded).
    /// Ranges left at the end count as half cycles.
    package static func count(reversals r: [Double]) -> [RainflowCycle] {
        var cycles: [RainflowCycle] = []
        visit(reversals: r) { range, mean, n in cycles.append(RainflowCycle(range: range, mean: mean, count: n)) }
        return cycles
    }

    /// Rainflow cycles of a load history (reversals, then counting).
    package static func cycles(_ x: [Double]) -> [RainflowCycle] { count(reversals: reversals(x)) }

    /// `Σ n_i·S_i^m` over the rainflow cycles of `x` for each slope m, without storing the cycles [unit^m].
    package static func rangePowerSums(_ x: [Double], slopes: [Double]) -> [Double] {
        var sums = [Double](repeating: 0, count: slopes.count)
        visit(reversals: reversals(x)) { range, _, n in
            for k in 0..<slopes.count { sums[k] += n * pow(range, slopes[k]) }
        }
        return sums
    }

    /// Damage-equivalent load range for `referenceCycles` cycles: `(Σ n_i·S_i^m / N_eq)^(1/m)` [unit].
    package static func damageEquivalentLoad(_ x: [Double], slope m: Double, referenceCycles: Double) -> Double {
        pow(rangePowerSums(x, slopes: [m])[0] / referenceCycles, 1 / m)
    }

    /// The counting loop; `emit(range, mean, count)` per cycle.
    static func visit(reversals r: [Double], _ emit: (Double, Double, Double) -> Void) {
        var stack: [Double] = []
        stack.reserveCapacity(64)
        for p in r {
            stack.append(p)
            while stack.count >= 3 {
                let n = stack.count
                let x = abs(stack[n - 1] - stack[n - 2]), y = abs(stack[n - 2] - stack[n - 3])
                if x < y { break }
                let mean = 0.5 * (stack[n - 2] + stack[n - 3])
                if n == 3 {
                    emit(y, mean, 0.5)                 // Y contains the starting point
                    stack.removeFirst()
                } else {
                    emit(y, mean, 1)
                    stack.removeSubrange((n - 3)...(n - 2))
                }
            }
        }
        if stack.count > 1 {
            for i in 1..<stack.count { emit(abs(stack[i] - stack[i - 1]), 0.5 * (stack[i] + stack[i - 1]), 0.5) }
        }
    }
}
