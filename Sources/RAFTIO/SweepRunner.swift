#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT

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
    public var jobs: Int = ActiveProcessors.count

    public init(spec: SweepSpec, outputDirectory: String) {
        self.spec = spec
        self.outputDirectory = outputDirectory
    }

    var variantsDirectory: String { outputDirectory.pathAppending("variants") }
    func variantFile(_ i: Int) -> String { variantsDirectory.pathAppending("v\(i).json") }

    /// Indices this shard is responsible for.
    public var shardVariants: [Int] { Array(shardIndices) }

    /// `shardVariants` without the list (a sweep's memory stays flat however many variants it has).
    var shardIndices: VariantIndices { VariantIndices(from: shardIndex, below: spec.variantCount, step: shardCount) }

    /// Run the sweep. `evaluate` turns a variant design into named metrics (throwing for a failed variant);
    /// `progress(done, total)` is called after each variant (from worker threads, serialised).
    @discardableResult
    public func run(base: Design, evaluate: @escaping @Sendable (Design) throws -> [(String, Double)],
                    progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SweepOutcome {
        try FileManager.default.createDirectory(atPath: variantsDirectory, withIntermediateDirectories: true)
        let mine = shardIndices
        // Finished variants of this definition, one bit each (a resumed run reads their files once, here).
        var finishedEarlier = VariantBitSet(capacity: spec.variantCount)
        var skipped = 0
        for i in mine where VariantFile.finished(variantFile(i), index: i, fingerprint: spec.fingerprint) != nil {
            finishedEarlier.insert(i)
            skipped += 1
        }
        let state = SweepProgress(total: mine.count, done: skipped)
        progress?(skipped, mine.count)
        let me = self
        let writer = VariantJSON(spec: spec)
        // The parallel core (RAFT) hands out each finished variant; its worker writes it at once (its own file, so
        // the workers write side by side) and it is not kept.
        SweepExecution.run(spec: spec, base: base, indices: mine, skipping: skipped > 0 ? finishedEarlier : nil, jobs: jobs,
                           evaluate: evaluate, persist: { result in
            do { try VariantFile.write(writer.text(result), to: me.variantFile(result.index)) } catch {
                state.record(error: "v\(result.index): \(FileProblem.describe(error))")
            }
        }, finished: { _ in
            let done = state.finishOne()
            progress?(done, mine.count)
        })
        if let e = state.firstError { throw SweepError.cannotWrite(outputDirectory, e) }
        let table = try SweepRunner.writeTable(spec: spec, directories: [outputDirectory], indices: mine, strict: false,
                                               into: outputDirectory)
        let status = JSONValue.object([("fingerprint", .string(spec.fingerprint)), ("shard", .string("\(shardIndex)/\(shardCount)")),
                                       ("variants", .int(mine.count)), ("ok", .int(table.rows - table.failed)), ("failed", .int(table.failed)),
                                       ("missing", .int(mine.count - table.rows))])
        try AtomicFile.write(status.serialized(), to: outputDirectory.pathAppending("status.json"))
        return SweepOutcome(computed: mine.count - skipped, skipped: skipped, failed: table.failed + (mine.count - table.rows), total: mine.count)
    }

    /// A variant file's object (`VariantJSON` writes the same text without building it).
    func json(_ r: VariantResult) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("index", .int(r.index)), ("fingerprint", .string(spec.fingerprint))]
        pairs.append(("parameters", .object(zip(spec.parameters, r.parameters).map { ($0.path, .number($1)) })))
        pairs.append(("status", .string(r.error == nil ? "ok" : "failed")))
        if let e = r.error { pairs.append(("error", .string(e))) }
        pairs.append(("metrics", .object(r.metrics.map { ($0.0, .number($0.1)) })))
        return .object(pairs)
    }

    /// Join the variant files of several output folders (e.g. shards) into `results.csv` in `into`: every variant
    /// of the sweep must be present exactly once, written under this sweep's fingerprint. Checked in a first pass
    /// over the files, so a failed merge writes nothing; both passes stream (one variant in memory at a time).
    public static func writeResults(spec: SweepSpec, directories: [String], into: String) throws {
        let all = VariantIndices(from: 0, below: spec.variantCount)
        try forEachRow(spec: spec, directories: directories, indices: all, strict: true) { _, _, _ in }
        // Also copy the variant files so the merged folder is complete and resumable.
        let vdir = into.pathAppending("variants")
        try FileManager.default.createDirectory(atPath: vdir, withIntermediateDirectories: true)
        if !directories.contains(into) {
            try forEachRow(spec: spec, directories: directories, indices: all, strict: true) { i, obj, _ in
                guard let text = JSONObject.compact(obj) else { throw SweepError.badVariantFile("v\(i).json", "holds a value JSON cannot hold") }
                try AtomicFile.write(text, to: vdir.pathAppending("v\(i).json"))
            }
        }
        try writeTable(spec: spec, directories: directories, indices: all, strict: true, into: into)
    }

    /// Calls `body` with the variant file of each of `indices` found in `directories` (index order, one at a time).
    /// Not strict (a run's own folder): files of another definition or unreadable ones are left out (the run
    /// recomputed them). Strict (merge): any such file, a variant found twice, or one missing, is an error naming it.
    /// The files are read and parsed `readAhead` at a time on the cores, then handed out in order.
    static func forEachRow(spec: SweepSpec, directories: [String], indices: VariantIndices, strict: Bool,
                           _ body: (Int, [String: Any], String) throws -> Void) throws {
        let vdirs = directories.map { $0.pathAppending("variants") }
        var missing: [Int] = [], missingCount = 0
        let workers = max(1, min(4, ActiveProcessors.count))
        var blockStart = 0
        while blockStart < indices.count {
            // The block's variant indices, in order (a slice of `indices`: positions blockStart..., no copy).
            let block = indices[blockStart..<min(blockStart + readAhead, indices.count)]
            blockStart += block.count
            let loaded = LoadedVariantFiles(count: block.count * vdirs.count)
            DispatchQueue.concurrentPerform(iterations: min(workers, block.count)) { w in
                for k in stride(from: w, to: block.count, by: workers) {
                    for (d, vdir) in vdirs.enumerated() { loaded.load(vdir.pathAppending("v\(block[block.startIndex + k]).json"), at: k * vdirs.count + d) }
                }
            }
            for (k, i) in block.enumerated() {
                var source: String?
                var found: [String: Any]?
                for (d, vdir) in vdirs.enumerated() {
                    let path = vdir.pathAppending("v\(i).json")
                    let file = loaded[k * vdirs.count + d]
                    if case .missing = file { continue }
                    guard case .object(let obj) = file, obj["index"] as? Int == i else {
                        if strict { throw SweepError.badVariantFile(path, "unreadable or truncated (rerun that shard to recompute it)") }
                        continue
                    }
                    guard obj["fingerprint"] as? String == spec.fingerprint else {
                        if strict { throw SweepError.badVariantFile(path, "written for another sweep definition, design or program version (fingerprint \(obj["fingerprint"] as? String ?? "none"), expected \(spec.fingerprint)); rerun that shard") }
                        continue
                    }
                    if let other = source { throw SweepError.duplicateVariant(i, other, path) }
                    source = path
                    found = obj
                }
                if let found, let source { try body(i, found, source) } else {
                    missingCount += 1
                    if missing.count < SweepError.listedMissing { missing.append(i) }
                }
            }
        }
        if strict && missingCount > 0 { throw SweepError.missingVariants(missing, count: missingCount, total: indices.count) }
    }

    /// Variant files read ahead by `forEachRow` (a bounded block: memory stays flat however long the sweep).
    static let readAhead = 256

    /// `results.csv` from the variant files, sorted by variant index, streamed into a temporary file renamed over
    /// the table at the end. Returns the rows written and how many of them failed.
    @discardableResult
    static func writeTable(spec: SweepSpec, directories: [String], indices: VariantIndices, strict: Bool,
                           into: String) throws -> (rows: Int, failed: Int) {
        var rows = 0, failed = 0
        try AtomicFile.stream(to: into.pathAppending("results.csv")) { emit in
            try emit("variant," + spec.parameters.map { csvField($0.path) }.joined(separator: ",") + ",status,error,"
                     + spec.metrics.map(csvField).joined(separator: ",") + "\n")
            try forEachRow(spec: spec, directories: directories, indices: indices, strict: strict) { i, obj, _ in
                let params = obj["parameters"] as? [String: Any] ?? [:]
                let metrics = obj["metrics"] as? [String: Any] ?? [:]
                var fields = ["\(i)"]
                fields += spec.parameters.map { number(params[$0.path]) }
                let status = obj["status"] as? String ?? ""
                fields.append(status)
                fields.append(csvField(obj["error"] as? String ?? ""))
                fields += spec.metrics.map { number(metrics[$0]) }
                try emit(fields.joined(separator: ",") + "\n")
                rows += 1
                if status != "ok" { failed += 1 }
            }
        }
        return (rows, failed)
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

/// A block of variant files as `forEachRow` reads them: missing, present but not a JSON object, or the object.
/// Each slot is written by one worker before the block is handed out.
final class LoadedVariantFiles: @unchecked Sendable {
    enum File { case missing, unreadable, object([String: Any]) }
    private let slots: UnsafeMutableBufferPointer<File>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: .missing)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    subscript(slot: Int) -> File { slots[slot] }

    /// `FileManager.fileExists` then `VariantFile.read`, as the rows were read one by one.
    func load(_ path: String, at slot: Int) {
        if let obj = VariantFile.read(path) { slots[slot] = .object(obj) } else {
            slots[slot] = FileManager.default.fileExists(atPath: path) ? .unreadable : .missing
        }
    }
}

/// Progress and first write error of a sweep run.
final class SweepProgress: @unchecked Sendable {
    private let lock = MutexLock()
    private var done: Int
    let total: Int
    private(set) var firstError: String?
    init(total: Int, done: Int) { self.total = total; self.done = done }
    func finishOne() -> Int { lock.lock(); defer { lock.unlock() }; done += 1; return done }
    func record(error: String) { lock.lock(); if firstError == nil { firstError = error }; lock.unlock() }
}


/// Sweep bookkeeping failures (bad input class: exit 2 from the CLI).
public enum SweepError: Error, CustomStringConvertible, Sendable {
    case badVariantFile(String, String)
    case duplicateVariant(Int, String, String)
    /// The first missing indices (at most `listedMissing`), how many are missing, of how many.
    case missingVariants([Int], count: Int, total: Int)
    /// A variant file could not be written (folder, reason).
    case cannotWrite(String, String)

    /// Missing indices named in the message (the first ones).
    static let listedMissing = 20

    public var description: String {
        switch self {
        case .cannotWrite(let dir, let why):
            return "cannot write the variant files into \(dir)/variants (\(why)); the variants written so far are kept: free space or fix the folder's permissions and rerun the same command (or the same shard) to finish"
        case .badVariantFile(let p, let why): return "variant file \(p): \(why)"
        case .duplicateVariant(let i, let a, let b): return "variant \(i) is in two folders (\(a) and \(b)); give each shard folder once"
        case .missingVariants(let m, let count, let total):
            let list = m.prefix(20).map(String.init).joined(separator: ", ") + (count > 20 ? ", ..." : "")
            return "\(count) of \(total) variants are missing from the folders given: \(list) (a shard not finished or not listed?)"
        }
    }
}
