import Foundation
import RAFT

/// The outcome of one sweep variant.
public struct VariantResult: Sendable {
    public var index: Int
    /// Parameter values in the order of `SweepSpec.parameters`.
    public var parameters: [Double]
    /// Metric name → value, in the order requested (empty when failed).
    public var metrics: [(String, Double)]
    /// Error message when the variant failed (bad input, unstable, not converged).
    public var error: String?
}

/// Runs a sweep's variants concurrently, resumable and shardable (Slurm job arrays, Kubernetes indexed jobs).
///
/// Each finished variant is written atomically to `DIR/variants/v<index>.json`; a rerun skips variants whose file
/// exists. `results.csv` (one row per variant, sorted by index) is rebuilt from those files at the end, so shards
/// merged with `merge(directories:)` give exactly the same table as one unsharded run.
public struct SweepRunner: Sendable {
    public var spec: SweepSpec
    public var outputDirectory: String
    /// Run only variants with index ≡ shardIndex (mod shardCount).
    public var shardIndex: Int = 0
    public var shardCount: Int = 1
    /// Worker threads (default: active processor count).
    public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    public init(spec: SweepSpec, outputDirectory: String) {
        self.spec = spec
        self.outputDirectory = outputDirectory
    }

    var variantsDirectory: String { (outputDirectory as NSString).appendingPathComponent("variants") }
    func variantFile(_ i: Int) -> String { (variantsDirectory as NSString).appendingPathComponent("v\(i).json") }

    /// Indices this shard is responsible for.
    public var shardVariants: [Int] {
        Array(stride(from: shardIndex, to: spec.variantCount, by: shardCount))
    }

    /// Run the sweep. `evaluate` turns a variant design into named metrics (throwing for a failed variant);
    /// `progress(done, total)` is called after each variant (from worker threads, serialised).
    /// - Returns: (variants computed now, variants skipped because already done).
    @discardableResult
    public func run(base: Design, evaluate: @escaping @Sendable (Design) throws -> [(String, Double)],
                    progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> (computed: Int, skipped: Int) {
        try FileManager.default.createDirectory(atPath: variantsDirectory, withIntermediateDirectories: true)
        let mine = shardVariants
        let todo = mine.filter { !VariantFile.isFinished(variantFile($0)) }
        let skipped = mine.count - todo.count
        let state = SweepProgress(total: mine.count, done: skipped)
        progress?(skipped, mine.count)
        let spec = self.spec
        let workers = max(1, min(jobs, todo.count))
        let me = self
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let k = state.next(limit: todo.count) {
                let i = todo[k]
                let params = spec.values(ofVariant: i)
                var result = VariantResult(index: i, parameters: params, metrics: [], error: nil)
                do {
                    let variant = try base.setting(zip(spec.parameters, params).map { ($0.path, $1) })
                    let all = try evaluate(variant)
                    result.metrics = spec.metrics.map { name in (name, all.first { $0.0 == name }?.1 ?? .nan) }
                } catch {
                    result.error = "\(error)"
                }
                do { try VariantFile.write(me.json(result).serialized(indent: nil), to: me.variantFile(i)) } catch {
                    state.record(error: "v\(i): \(error)")
                }
                let done = state.finishOne()
                progress?(done, mine.count)
            }
        }
        if let e = state.firstError { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: e]) }
        try SweepRunner.writeResults(spec: spec, directories: [outputDirectory], into: outputDirectory)
        return (todo.count, skipped)
    }

    func json(_ r: VariantResult) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("index", .int(r.index))]
        pairs.append(("parameters", .object(zip(spec.parameters, r.parameters).map { ($0.path, .number($1)) })))
        pairs.append(("status", .string(r.error == nil ? "ok" : "failed")))
        if let e = r.error { pairs.append(("error", .string(e))) }
        pairs.append(("metrics", .object(r.metrics.map { ($0.0, .number($0.1)) })))
        return .object(pairs)
    }

    /// Join the variant files of several output folders (e.g. shards) into `results.csv` in `into`.
    public static func writeResults(spec: SweepSpec, directories: [String], into: String) throws {
        var rows: [Int: [String: Any]] = [:]
        for dir in directories {
            let vdir = (dir as NSString).appendingPathComponent("variants")
            let files = (try? FileManager.default.contentsOfDirectory(atPath: vdir)) ?? []
            for f in files where f.hasPrefix("v") && f.hasSuffix(".json") {
                let data = try Data(contentsOf: URL(fileURLWithPath: (vdir as NSString).appendingPathComponent(f)))
                guard let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any], let i = obj["index"] as? Int else { continue }
                rows[i] = obj
            }
        }
        var csv = "variant," + spec.parameters.map { csvField($0.path) }.joined(separator: ",") + ",status,error,"
            + spec.metrics.map(csvField).joined(separator: ",") + "\n"
        for i in rows.keys.sorted() {
            let obj = rows[i]!
            let params = obj["parameters"] as? [String: Any] ?? [:]
            let metrics = obj["metrics"] as? [String: Any] ?? [:]
            var fields = ["\(i)"]
            fields += spec.parameters.map { number(params[$0.path]) }
            fields.append(obj["status"] as? String ?? "")
            fields.append(csvField(obj["error"] as? String ?? ""))
            fields += spec.metrics.map { number(metrics[$0]) }
            csv += fields.joined(separator: ",") + "\n"
        }
        if into != directories.first {
            // Merging: also copy the variant files so the merged folder is complete and resumable.
            let vdir = (into as NSString).appendingPathComponent("variants")
            try FileManager.default.createDirectory(atPath: vdir, withIntermediateDirectories: true)
            for (i, obj) in rows {
                let data = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
                try AtomicFile.write(String(decoding: data, as: UTF8.self), to: (vdir as NSString).appendingPathComponent("v\(i).json"))
            }
        }
        try AtomicFile.write(csv, to: (into as NSString).appendingPathComponent("results.csv"))
    }

    static func number(_ v: Any?) -> String {
        if let d = v as? Double { return d.isFinite ? "\(d)" : "NaN" }
        if let i = v as? Int { return "\(Double(i))" }
        if let n = v as? NSNumber { return "\(n.doubleValue)" }
        if let s = v as? String { return s }  // "NaN", "Infinity"
        return ""
    }

    static func csvField(_ s: String) -> String {
        if s.contains(",") || s.contains("\"") || s.contains("\n") {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"").replacingOccurrences(of: "\n", with: " ") + "\""
        }
        return s
    }
}

/// Shared work counter for the sweep workers.
final class SweepProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var done: Int
    let total: Int
    private(set) var firstError: String?
    init(total: Int, done: Int) { self.total = total; self.done = done }
    func next(limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextIndex < limit else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }
    func finishOne() -> Int { lock.lock(); defer { lock.unlock() }; done += 1; return done }
    func record(error: String) { lock.lock(); if firstError == nil { firstError = error }; lock.unlock() }
}
