#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
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

/// What a sweep run did.
public struct SweepOutcome: Sendable, Equatable {
    /// Variants computed now, and finished ones reused from an earlier run of the same definition.
    public var computed: Int
    public var skipped: Int
    /// Variants of this shard whose status is `failed` (computed now or earlier).
    public var failed: Int
    /// Variants of this shard.
    public var total: Int
}

/// Runs a sweep's variants concurrently, resumable and shardable (Slurm job arrays, Kubernetes indexed jobs).
///
/// Each finished variant is written atomically to `DIR/variants/v<index>.json` with the sweep's fingerprint; a
/// rerun skips variants whose file holds the same fingerprint and recomputes the others (missing, unreadable or
/// from another definition). `results.csv` (one row per variant of this definition, sorted by index) is rebuilt
/// from those files at the end, so shards merged with `writeResults(directories:)` give exactly the same table as
/// one unsharded run. `status.json` records the counts.
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

    var variantsDirectory: String { (outputDirectory).pathAppending("variants") }
    func variantFile(_ i: Int) -> String { (variantsDirectory).pathAppending("v\(i).json") }

    /// Indices this shard is responsible for.
    public var shardVariants: [Int] {
        Array(stride(from: shardIndex, to: spec.variantCount, by: shardCount))
    }

    /// Run the sweep. `evaluate` turns a variant design into named metrics (throwing for a failed variant);
    /// `progress(done, total)` is called after each variant (from worker threads, serialised).
    @discardableResult
    public func run(base: Design, evaluate: @escaping @Sendable (Design) throws -> [(String, Double)],
                    progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SweepOutcome {
        try FileManager.default.createDirectory(atPath: variantsDirectory, withIntermediateDirectories: true)
        let mine = shardVariants
        let todo = mine.filter { VariantFile.finished(variantFile($0), index: $0, fingerprint: self.spec.fingerprint) == nil }
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
                    var metrics: [(String, Double)] = []
                    for name in spec.metrics {
                        guard let v = all.first(where: { $0.0 == name })?.1 else {
                            throw SweepError.missingMetric(name)
                        }
                        guard v.isFinite else { throw SolveError.nonFinite("metric \(name) = \(v)") }
                        metrics.append((name, v))
                    }
                    result.metrics = metrics
                } catch {
                    result.error = "\(error)"
                }
                do { try VariantFile.write(me.json(result).serialized(indent: nil), to: me.variantFile(i)) } catch {
                    state.record(error: "v\(i): \(FileProblem.describe(error))")
                }
                let done = state.finishOne()
                progress?(done, mine.count)
            }
        }
        if let e = state.firstError { throw SweepError.cannotWrite(outputDirectory, e) }
        let rows = try SweepRunner.collect(spec: spec, directories: [outputDirectory], indices: mine, strict: false)
        let failed = rows.values.filter { ($0["status"] as? String) != "ok" }.count
        try SweepRunner.writeTable(spec: spec, rows: rows, into: outputDirectory)
        let status = JSONValue.object([("fingerprint", .string(spec.fingerprint)), ("shard", .string("\(shardIndex)/\(shardCount)")),
                                       ("variants", .int(mine.count)), ("ok", .int(rows.count - failed)), ("failed", .int(failed)),
                                       ("missing", .int(mine.count - rows.count))])
        try AtomicFile.write(status.serialized(), to: (outputDirectory).pathAppending("status.json"))
        return SweepOutcome(computed: todo.count, skipped: skipped, failed: failed + (mine.count - rows.count), total: mine.count)
    }

    func json(_ r: VariantResult) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("index", .int(r.index)), ("fingerprint", .string(spec.fingerprint))]
        pairs.append(("parameters", .object(zip(spec.parameters, r.parameters).map { ($0.path, .number($1)) })))
        pairs.append(("status", .string(r.error == nil ? "ok" : "failed")))
        if let e = r.error { pairs.append(("error", .string(e))) }
        pairs.append(("metrics", .object(r.metrics.map { ($0.0, .number($0.1)) })))
        return .object(pairs)
    }

    /// Join the variant files of several output folders (e.g. shards) into `results.csv` in `into`: every variant
    /// of the sweep must be present exactly once, written under this sweep's fingerprint.
    public static func writeResults(spec: SweepSpec, directories: [String], into: String) throws {
        let rows = try collect(spec: spec, directories: directories, indices: Array(0..<spec.variantCount), strict: true)
        // Also copy the variant files so the merged folder is complete and resumable.
        let vdir = (into).pathAppending("variants")
        try FileManager.default.createDirectory(atPath: vdir, withIntermediateDirectories: true)
        for (i, obj) in rows where !directories.contains(into) {
            guard let text = JSONObject.compact(obj) else { throw SweepError.badVariantFile("v\(i).json", "holds a value JSON cannot hold") }
            try AtomicFile.write(text, to: (vdir).pathAppending("v\(i).json"))
        }
        try writeTable(spec: spec, rows: rows, into: into)
    }

    /// The variant files for `indices` found in `directories`. Not strict (a run's own folder): files of another
    /// definition or unreadable ones are left out (the run recomputed them). Strict (merge): any such file, a
    /// variant found twice, or one missing, is an error naming it.
    static func collect(spec: SweepSpec, directories: [String], indices: [Int], strict: Bool) throws -> [Int: [String: Any]] {
        let wanted = Set(indices)
        var rows: [Int: [String: Any]] = [:]
        var source: [Int: String] = [:]
        for dir in directories {
            let vdir = (dir).pathAppending("variants")
            let files = (try? FileManager.default.contentsOfDirectory(atPath: vdir)) ?? []
            for f in files where f.hasPrefix("v") && f.hasSuffix(".json") {
                guard let i = Int(f.dropFirst().dropLast(5)), wanted.contains(i) else { continue }
                let path = (vdir).pathAppending(f)
                guard let obj = VariantFile.read(path), obj["index"] as? Int == i else {
                    if strict { throw SweepError.badVariantFile(path, "unreadable or truncated (rerun that shard to recompute it)") }
                    continue
                }
                guard obj["fingerprint"] as? String == spec.fingerprint else {
                    if strict { throw SweepError.badVariantFile(path, "written for another sweep definition, design or program version (fingerprint \(obj["fingerprint"] as? String ?? "none"), expected \(spec.fingerprint)); rerun that shard") }
                    continue
                }
                if let other = source[i] {
                    throw SweepError.duplicateVariant(i, other, path)
                }
                rows[i] = obj
                source[i] = path
            }
        }
        if strict {
            let missing = indices.filter { rows[$0] == nil }
            if !missing.isEmpty { throw SweepError.missingVariants(missing, total: indices.count) }
        }
        return rows
    }

    /// `results.csv` from the rows, sorted by variant index (written atomically).
    static func writeTable(spec: SweepSpec, rows: [Int: [String: Any]], into: String) throws {
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
        try AtomicFile.write(csv, to: (into).pathAppending("results.csv"))
    }

    static func number(_ v: Any?) -> String {
        if let d = v as? Double { return d.isFinite ? "\(d)" : "NaN" }
        if let i = v as? Int { return "\(Double(i))" }
        if let s = v as? String { return s }  // "NaN", "Infinity"
        return ""
    }

    static func csvField(_ s: String) -> String {
        if s.contains(",") || s.contains("\"") || s.contains("\n") {
            return "\"" + s.replacing("\"", with: "\"\"").replacing("\n", with: " ") + "\""
        }
        return s
    }
}

/// Shared work counter for the sweep workers.
final class SweepProgress: @unchecked Sendable {
    private let lock = MutexLock()
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


/// Sweep bookkeeping failures (bad input class: exit 2 from the CLI).
public enum SweepError: Error, CustomStringConvertible, Sendable {
    case missingMetric(String)
    case badVariantFile(String, String)
    case duplicateVariant(Int, String, String)
    case missingVariants([Int], total: Int)
    /// A variant file could not be written (folder, reason).
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .missingMetric(let m): return "metric '\(m)' was not produced by this variant's run"
        case .cannotWrite(let dir, let why):
            return "cannot write the variant files into \(dir)/variants (\(why)); the variants written so far are kept: free space or fix the folder's permissions and rerun the same command (or the same shard) to finish"
        case .badVariantFile(let p, let why): return "variant file \(p): \(why)"
        case .duplicateVariant(let i, let a, let b): return "variant \(i) is in two folders (\(a) and \(b)); give each shard folder once"
        case .missingVariants(let m, let total):
            let list = m.prefix(20).map(String.init).joined(separator: ", ") + (m.count > 20 ? ", ..." : "")
            return "\(m.count) of \(total) variants are missing from the folders given: \(list) (a shard not finished or not listed?)"
        }
    }
}
