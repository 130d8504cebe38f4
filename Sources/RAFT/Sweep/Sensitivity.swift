#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Local sensitivities of named run metrics to YAML-path parameters by central differences.
///
/// For a parameter p (base value p0) and a metric M: `h = step·|p0|` (`step` when p0 = 0),
/// `∂M/∂p ≈ (M(p0 + h) − M(p0 − h)) / 2h`, the elasticity `(p0/M0)·∂M/∂p` (the % change of M per % change of p),
/// and, when `checkConvergence` is set, the same difference with step 2h: the row is *converged* when the two agree
/// within `tolerance` (relative, with an absolute floor of `tolerance·|M0|/|p0|`-scale noise, see `agree`).
package struct SensitivityResult: Sendable {
    /// YAML paths of the parameters and their base values.
    package var parameters: [String]
    package var baseValues: [Double]
    /// Metric names and their values at the base design.
    package var metrics: [String]
    package var values: [Double]
    /// `derivatives[metric][parameter]` [metric unit / parameter unit].
    package var derivatives: [[Double]]
    /// `elasticities[metric][parameter]` = p0/M0 · ∂M/∂p [-] (NaN when M0 = 0).
    package var elasticities: [[Double]]
    /// `converged[metric][parameter]`: the h and 2h central differences agree (true when not checked).
    package var converged: [[Bool]]
    /// Design evaluations performed.
    package var runs: Int
}

package enum Sensitivity {
    /// Options of a local sensitivity study.
    package struct Options: Sendable {
        /// Relative step h/|p0|.
        package var step: Double = 1e-3
        /// Also difference with 2h and flag rows where the two estimates disagree (4 runs per parameter, not 2).
        package var checkConvergence: Bool = true
        /// Relative agreement required between the h and 2h estimates.
        package var tolerance: Double = 1e-2
        /// Concurrent design evaluations.
        package var jobs: Int = ActiveProcessors.count
        package init() {}
    }

    /// Base value of a numeric YAML path of a design (the first element for `[*]`).
    package static func baseValue(of path: String, in design: Design) throws(InputError) -> Double {
        let p = try YAMLEditPath(path)
        guard let node = design.root.node(at: p) else {
            throw InputError(file: design.file, path: .root, message: "--param \(path): no value at this path in the design (expected a number)")
        }
        return try node.double("a number to differentiate with respect to")
    }

    /// Local sensitivities of `metrics` (names of `SweepMetrics.metrics(of:)`) to `parameters` (YAML paths).
    /// - Parameter evaluate: design → named metrics (default: the whole run flow, as sweeps use).
    package static func local(design: Design, parameters: [String], metrics: [String], options: Options = Options(),
                             evaluate: @escaping @Sendable (Design) throws -> [(String, Double)] = SweepMetrics.evaluate)
        throws -> SensitivityResult {
        let p0 = try parameters.map { path throws(InputError) in try baseValue(of: path, in: design) }
        return try centralDifferences(parameters: parameters, baseValues: p0, metrics: metrics, options: options) { x in
            let d = try design.setting(zip(parameters, x).map { ($0, $1) })
            let all = try evaluate(d)
            var lookup: [String: Double] = [:]
            for (k, v) in all where lookup[k] == nil { lookup[k] = v }
            return try metrics.map { name in
                guard let v = lookup[name] else { throw SensitivityError.unknownMetric(name) }
                return v
            }
        }
    }

    /// Central differences of a vector function of named parameters: the numerical core of `local`.
    /// - Parameter evaluate: parameter values (in `parameters` order) → metric values (in `metrics` order).
    package static func centralDifferences(parameters: [String], baseValues p0: [Double], metrics: [String],
                                          options: Options = Options(),
                                          evaluate: @escaping @Sendable ([Double]) throws -> [Double]) throws -> SensitivityResult {
        let h = p0.map { options.step * ($0 == 0 ? 1 : abs($0)) }
        let offsets: [Double] = options.checkConvergence ? [1, -1, 2, -2] : [1, -1]
        // Run list: base, then each parameter's offsets.
        var points: [[Double]] = [p0]
        for i in 0..<p0.count { for o in offsets { var x = p0; x[i] += o * h[i]; points.append(x) } }
        let outputs = try parallelMap(points, jobs: options.jobs, evaluate)
        let base = outputs[0]
        var derivatives = [[Double]](repeating: [Double](repeating: 0, count: p0.count), count: metrics.count)
        var elasticities = derivatives
        var converged = [[Bool]](repeating: [Bool](repeating: true, count: p0.count), count: metrics.count)
        for i in 0..<p0.count {
            let r = 1 + i * offsets.count
            for k in 0..<metrics.count {
                let d1 = (outputs[r][k] - outputs[r + 1][k]) / (2 * h[i])
                derivatives[k][i] = d1
                elasticities[k][i] = base[k] != 0 ? p0[i] / base[k] * d1 : .nan
                if options.checkConvergence {
                    let d2 = (outputs[r + 2][k] - outputs[r + 3][k]) / (4 * h[i])
                    converged[k][i] = agree(d1, d2, scale: abs(base[k]) / max(abs(p0[i]), h[i]), tolerance: options.tolerance)
                }
            }
        }
        return SensitivityResult(parameters: parameters, baseValues: p0, metrics: metrics, values: base,
                                 derivatives: derivatives, elasticities: elasticities, converged: converged,
                                 runs: points.count)
    }

    /// Two derivative estimates agree: `|d1 − d2| ≤ tol·max(|d1|, |d2|)`, or both are below `1e-9·scale` (a
    /// metric that does not depend on the parameter, to round-off).
    static func agree(_ d1: Double, _ d2: Double, scale: Double, tolerance: Double) -> Bool {
        guard d1.isFinite, d2.isFinite else { return false }
        if max(abs(d1), abs(d2)) <= 1e-9 * scale { return true }
        return abs(d1 - d2) <= tolerance * max(abs(d1), abs(d2))
    }

    /// `transform` over `items` on `jobs` threads, results in order; rethrows the first error.
    static func parallelMap<T: Sendable, U: Sendable>(_ items: [T], jobs: Int,
                                                      _ transform: @escaping @Sendable (T) throws -> U) throws -> [U] {
        let box = ParallelResults<U>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, items.count))) { _ in
            while let i = box.next() {
                do { box.set(i, .success(try transform(items[i]))) } catch { box.set(i, .failure(error)) }
            }
        }
        return try box.values()
    }
}

/// Errors of sensitivity studies.
package enum SensitivityError: Error, CustomStringConvertible, Sendable {
    case unknownMetric(String)
    package var description: String {
        switch self {
        case .unknownMetric(let n): return "unknown metric '\(n)' (use a sweep metric name such as pitch_std, Mbase_DEL_m4, case0.surge_avg)"
        }
    }
}

final class ParallelResults<U: Sendable>: @unchecked Sendable {
    private let lock = MutexLock()
    private var slots: [Result<U, any Error>?]
    private var nextIndex = 0
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    /// The next item index to compute, or nil when all are taken.
    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextIndex < slots.count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }
    func set(_ i: Int, _ r: Result<U, any Error>) { lock.lock(); slots[i] = r; lock.unlock() }
    func values() throws -> [U] { try slots.map { try $0!.get() } }
}
