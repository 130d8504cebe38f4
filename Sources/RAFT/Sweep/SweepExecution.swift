#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The outcome of one sweep variant.
package struct VariantResult: Sendable {
    package var index: Int
    /// Parameter values in the order of `SweepSpec.parameters`.
    package var parameters: [Double]
    /// Metric name → value, in the order requested (empty when failed).
    package var metrics: [(String, Double)]
    /// Error message when the variant failed (bad input, unstable, not converged).
    package var error: String?
}

/// A requested metric that a variant's run did not produce (the variant fails naming it).
package struct MissingSweepMetric: Error, CustomStringConvertible, Sendable {
    package var name: String
    package var description: String { "metric '\(name)' was not produced by this variant's run" }
}

/// The parallel core of a parameter sweep (no files: `RAFTIO.SweepRunner` persists what it hands out).
///
/// Variants are taken from a shared counter by `jobs` worker threads; each is built from `base` with the spec's
/// parameter values, evaluated, reduced to the spec's metrics (finite, in the spec's order) and handed to
/// `finished` as soon as it is done, so nothing accumulates per variant: memory stays flat however long the sweep.
package enum SweepExecution {
    /// Evaluates the variants `indices` of `spec`, less those in `skipping` (already finished). `persist` is called
    /// once per variant, from the worker that computed it, not serialised (e.g. to write the variant's own file while
    /// the other workers compute); then `finished` is called, serialised (never two at a time), in completion order.
    package static func run(spec: SweepSpec, base: Design, indices: VariantIndices, skipping: VariantBitSet? = nil,
                           jobs: Int,
                           evaluate: @escaping @Sendable (Design) throws -> [(String, Double)],
                           persist: (@Sendable (VariantResult) -> Void)? = nil,
                           finished: @escaping @Sendable (VariantResult) -> Void) {
        let counter = SweepCounter()
        let workers = max(1, min(jobs, indices.count))
        let edits = ParsedEdits(spec)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let k = counter.next(limit: indices.count) {
                if let skipping, skipping.contains(indices[k]) { continue }
                let result = variant(indices[k], spec: spec, base: base, edits: edits, evaluate: evaluate)
                persist?(result)
                counter.serialised { finished(result) }
            }
        }
    }

    /// One variant: design edit, evaluation, metric selection; every failure becomes the result's `error`.
    package static func variant(_ i: Int, spec: SweepSpec, base: Design,
                               evaluate: (Design) throws -> [(String, Double)]) -> VariantResult {
        variant(i, spec: spec, base: base, edits: ParsedEdits(spec), evaluate: evaluate)
    }

    static func variant(_ i: Int, spec: SweepSpec, base: Design, edits: ParsedEdits,
                        evaluate: (Design) throws -> [(String, Double)]) -> VariantResult {
        let params = spec.values(ofVariant: i)
        var result = VariantResult(index: i, parameters: params, metrics: [], error: nil)
        do {
            let design = try edits.apply(params, to: base, spec: spec)
            let all = try evaluate(design)
            var metrics: [(String, Double)] = []
            metrics.reserveCapacity(spec.metrics.count)
            for name in spec.metrics {
                guard let v = all.first(where: { $0.0 == name })?.1 else { throw MissingSweepMetric(name: name) }
                guard v.isFinite else { throw SolveError.nonFinite("metric \(name) = \(v)") }
                metrics.append((name, v))
            }
            result.metrics = metrics
        } catch {
            result.error = "\(error)"
        }
        return result
    }

    /// The spec's parameter paths read once for every variant (issue 17: each variant read them again). When a path
    /// does not read, every variant goes through `Design.setting(_:)` with the texts, which reports that path's error
    /// exactly where it would (after the edits before it).
    struct ParsedEdits: Sendable {
        let paths: [YAMLEditPath]?

        init(_ spec: SweepSpec) {
            paths = try? spec.parameters.map { p throws(InputError) in try YAMLEditPath(p.path) }
        }

        func apply(_ values: [Double], to base: Design, spec: SweepSpec) throws(InputError) -> Design {
            guard let paths else { return try base.setting(zip(spec.parameters, values).map { ($0.path, $1) }) }
            return try base.setting(parsed: zip(paths, values).map { ($0, $1) })
        }
    }
}

/// Shared work counter of the sweep workers and the lock that serialises their `finished` calls.
final class SweepCounter: @unchecked Sendable {
    private let lock = MutexLock()
    private let sinkLock = MutexLock()
    private var nextIndex = 0

    func next(limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextIndex < limit else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func serialised(_ body: () -> Void) { sinkLock.lock(); body(); sinkLock.unlock() }
}
