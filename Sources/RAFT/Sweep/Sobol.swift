#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Variance-based global sensitivity: Sobol first-order and total indices by Saltelli sampling.
///
/// With two independent N×k sample matrices A and B (uniform over each parameter's range) and A_B^(i) (A with
/// column i taken from B), the model is evaluated N·(k + 2) times and
/// - first order `S_i = mean((f(B) − f̄)·(f(A_B^(i)) − f(A))) / V` (Saltelli et al. 2010, *Comput. Phys. Commun.* 181,
///   eq. (b) of Table 2, with the outputs centred on their mean f̄),
/// - total `ST_i = mean((f(A) − f(A_B^(i)))²) / 2V` (Jansen 1999),
/// with V the variance of f over A and B together.
package enum Sobol {
    /// A parameter range [lower, upper].
    package struct Range: Sendable, Equatable {
        package var lower: Double, upper: Double
        package init(_ lower: Double, _ upper: Double) { self.lower = lower; self.upper = upper }
    }

    /// Saltelli's sample: rows of parameter values, ordered A (N rows), B (N rows), then A_B^(1) … A_B^(k)
    /// (N rows each), so a sweep runner can evaluate (and shard) the rows independently.
    package static func saltelliSample(ranges: [Range], baseSamples n: Int, seed: UInt64 = 1) -> [[Double]] {
        var rng = SeededGenerator(seed: seed)
        let k = ranges.count
        func draw() -> [Double] { ranges.map { $0.lower + ($0.upper - $0.lower) * Double.random(in: 0..<1, using: &rng) } }
        let a = (0..<n).map { _ in draw() }, b = (0..<n).map { _ in draw() }
        var rows = a + b
        for i in 0..<k { rows += (0..<n).map { j in var r = a[j]; r[i] = b[j][i]; return r } }
        return rows
    }

    /// First-order and total indices from the outputs of `saltelliSample`'s rows (same order).
    package static func indices(outputs y: [Double], parameterCount k: Int) -> (firstOrder: [Double], total: [Double]) {
        let n = y.count / (k + 2)
        precondition(n * (k + 2) == y.count, "outputs must be N·(k + 2) long")
        let fa = Array(y[0..<n]), fb = Array(y[n..<2 * n])
        let all = fa + fb
        let mean = all.reduce(0, +) / Double(all.count)
        let variance = all.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(all.count)
        var first: [Double] = [], total: [Double] = []
        for i in 0..<k {
            let fab = y[(2 + i) * n..<(3 + i) * n]
            var s = 0.0, t = 0.0
            for (j, f) in fab.enumerated() {
                s += (fb[j] - mean) * (f - fa[j])       // centred: same expectation, far smaller variance when |mean| ≫ σ
                t += (fa[j] - f) * (fa[j] - f)
            }
            first.append(s / Double(n) / variance)
            total.append(t / (2 * Double(n)) / variance)
        }
        return (first, total)
    }
}
