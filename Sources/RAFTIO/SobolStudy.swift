#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT

/// A Sobol study run as a sweep: Saltelli's rows become the variants of a zipped `SweepSpec`, so `SweepRunner`
/// evaluates them on all cores, resumably and shardable (`--shard I/N` into one folder or merged folders), and the
/// indices are computed from the finished variant files.
package struct SobolStudy: Sendable {
    package struct Parameter: Sendable {
        package var path: String
        package var range: Sobol.Range
        package init(path: String, range: Sobol.Range) { self.path = path; self.range = range }
    }
    /// First-order and total indices of one metric.
    package struct Indices: Sendable {
        package var metric: String
        package var firstOrder: [Double]
        package var total: [Double]
    }

    package var parameters: [Parameter]
    package var metrics: [String]
    /// N: base samples (N·(k + 2) runs).
    package var baseSamples: Int
    package var seed: UInt64

    package init(parameters: [Parameter], metrics: [String], baseSamples: Int, seed: UInt64 = 1) {
        self.parameters = parameters; self.metrics = metrics; self.baseSamples = baseSamples; self.seed = seed
    }

    /// The sweep whose variants are Saltelli's rows (variant index = row index).
    package func sweep(designPath: String) -> SweepSpec {
        let rows = Sobol.saltelliSample(ranges: parameters.map { $0.range }, baseSamples: baseSamples, seed: seed)
        let columns = parameters.indices.map { i in SweepSpec.Parameter(path: parameters[i].path, values: rows.map { $0[i] }) }
        return SweepSpec(designPath: designPath, combine: .zip, parameters: columns, metrics: metrics)
    }

    /// Indices from the variant files of finished sweep folders.
    /// - Throws: `SobolError` naming missing or failed variants.
    package func indices(directories: [String]) throws -> [Indices] {
        let n = baseSamples * (parameters.count + 2)
        var outputs = [[Double]?](repeating: nil, count: n)
        var failed: [String] = []
        for dir in directories {
            let vdir = (dir).pathAppending("variants")
            for f in (try? FileManager.default.contentsOfDirectory(atPath: vdir)) ?? [] where f.hasPrefix("v") && f.hasSuffix(".json") {
                let data = try Data(contentsOf: URL(fileURLWithPath: (vdir).pathAppending(f)))
                guard let obj = try JSONObject.parse(data) as? [String: Any], let i = JSONObject.int(obj["index"]),
                      i < n else { continue }
                if let e = obj["error"] as? String { failed.append("v\(i): \(e)"); continue }
                let m = obj["metrics"] as? [String: Any] ?? [:]
                outputs[i] = metrics.map { JSONObject.double(m[$0]) ?? .nan }
            }
        }
        if !failed.isEmpty { throw SobolError.failedVariants(failed) }
        let missing = outputs.indices.filter { outputs[$0] == nil }
        if !missing.isEmpty { throw SobolError.missingVariants(missing.count, of: n) }
        return metrics.indices.map { k in
            let y = outputs.map { $0![k] }
            let (s, t) = Sobol.indices(outputs: y, parameterCount: parameters.count)
            return Indices(metric: metrics[k], firstOrder: s, total: t)
        }
    }
}

package enum SobolError: Error, CustomStringConvertible, Sendable {
    case failedVariants([String])
    case missingVariants(Int, of: Int)
    package var description: String {
        switch self {
        case .failedVariants(let v): return "\(v.count) Sobol variant(s) failed (Sobol indices need every run): " + v.prefix(3).joined(separator: "; ")
        case .missingVariants(let m, let n): return "\(m) of \(n) Sobol variants not finished yet (run the remaining shards, or without --shard)"
        }
    }
}
