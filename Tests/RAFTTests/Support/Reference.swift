import Foundation
import Testing
@testable import RAFT

/// Where the tests find RAFT's reference data.
///
/// First the compact copy in the repository (`Tests/RAFTTests/Reference`, written by `extract.py` there from
/// `../shared/reference`: only the files and keys the tests read, numbers only), then `../shared/reference` beside
/// the repository (override with `RAFT_SHARED`; `RAFT_SHARED=/nonexistent` hides it). Tests that need the data
/// carry `.needsReference` and are reported as skipped when neither is present.
enum Reference {
    /// Repository root (this file is Tests/RAFTTests/Support/Reference.swift).
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The in-repository copy; its layout mirrors `../shared/reference`.
    static let inRepo: URL = repoRoot.appendingPathComponent("Tests/RAFTTests/Reference")
    /// `../shared` beside the repository (override with RAFT_SHARED).
    static let shared: URL = {
        if let s = ProcessInfo.processInfo.environment["RAFT_SHARED"] { return URL(fileURLWithPath: s) }
        return repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()
    static var isInRepo: Bool { exists(inRepo.appendingPathComponent("designs-e2e")) }
    static var isShared: Bool { exists(shared.appendingPathComponent("reference")) }
    static var isAvailable: Bool { isInRepo || isShared }
    static let skipMessage = "no reference data (Tests/RAFTTests/Reference or ../shared/reference)"

    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// `relative` as under `../shared`, e.g. `reference/designs-e2e/inputs/OC3spar.yaml`: the in-repository copy
    /// when it has that file or folder (or when `../shared` is absent), else the `../shared` one.
    static func url(_ relative: String) -> URL {
        log(relative)
        let prefix = "reference/"
        if relative.hasPrefix(prefix) {
            let local = inRepo.appendingPathComponent(String(relative.dropFirst(prefix.count)))
            if exists(local) || !isShared { return local }
        }
        return shared.appendingPathComponent(relative)
    }
    /// `designs-e2e/<name>` or `raft-regression/json/<name>` etc.
    static func json(_ relative: String) throws -> Any {
        let data = try Data(contentsOf: url("reference/" + relative))
        return try JSONSerialization.jsonObject(with: data)
    }

    /// With `RAFT_REFERENCE_LOG=<file>`, every path asked for is appended to that file (to see what `extract.py`
    /// must keep when a test starts reading something new).
    private static func log(_ relative: String) {
        guard let path = ProcessInfo.processInfo.environment["RAFT_REFERENCE_LOG"] else { return }
        logLock.lock()
        defer { logLock.unlock() }
        if let handle = FileHandle(forWritingAtPath: path) ?? {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }() {
            handle.seekToEndOfFile()
            handle.write(Data((relative + "\n").utf8))
            try? handle.close()
        }
    }
    private static let logLock = NSLock()
}

extension Trait where Self == ConditionTrait {
    /// The test compares with RAFT's reference data: skipped (not passed) when the data is absent.
    static var needsReference: Self { .enabled(if: Reference.isAvailable, Comment(rawValue: Reference.skipMessage)) }
}

/// A numpy array decoded from the references' JSON encoding (`{dtype, shape, data | re/im}`, row-major).
struct ReferenceArray {
    var shape: [Int]
    var re: [Double]
    var im: [Double]?

    init(_ any: Any?) throws {
        if let x = any as? Double { shape = []; re = [x]; return }
        if let x = any as? Int { shape = []; re = [Double(x)]; return }
        if let list = any as? [Any] {  // plain nested list
            var flat: [Double] = []
            var shp: [Int] = []
            func walk(_ v: Any, depth: Int) throws {
                if let l = v as? [Any] {
                    if shp.count <= depth { shp.append(l.count) }
                    for e in l { try walk(e, depth: depth + 1) }
                } else if let d = ReferenceArray.number(v) { flat.append(d) } else { throw RefError.bad("\(v)") }
            }
            try walk(list, depth: 0)
            shape = shp; re = flat; return
        }
        guard let d = any as? [String: Any] else { throw RefError.bad("not an array: \(String(describing: any))") }
        if let r = d["re"] as? Double ?? (d["re"] as? Int).map(Double.init), d["shape"] == nil {
            shape = []; re = [r]; im = [ReferenceArray.number(d["im"] as Any) ?? 0]; return
        }
        shape = (d["shape"] as? [Int]) ?? []
        func flatten(_ v: Any?) throws -> [Double] {
            guard let v else { return [] }
            if let l = v as? [Any] { return try l.flatMap { try flatten($0) } }
            if let x = ReferenceArray.number(v) { return [x] }
            throw RefError.bad("\(v)")
        }
        if let packed = d["f64"] as? String {
            re = try ReferenceArray.unpack(packed)
        } else if let packedRe = d["re64"] as? String, let packedIm = d["im64"] as? String {
            re = try ReferenceArray.unpack(packedRe); im = try ReferenceArray.unpack(packedIm)
        } else if d["re"] != nil {
            re = try flatten(d["re"]); im = try flatten(d["im"])
        } else {
            re = try flatten(d["data"])
        }
    }

    /// Values stored by `Tests/RAFTTests/Reference/extract.py` as base64 of little-endian float64 (exact).
    static func unpack(_ base64: String) throws -> [Double] {
        guard let data = Data(base64Encoded: base64), data.count % 8 == 0 else { throw RefError.bad("bad base64 float64 array") }
        return stride(from: 0, to: data.count, by: 8).map { offset in
            var bits: UInt64 = 0
            for k in 0..<8 { bits |= UInt64(data[data.startIndex + offset + k]) << (8 * UInt64(k)) }
            return Double(bitPattern: bits)
        }
    }

    static func number(_ v: Any) -> Double? {
        if let x = v as? Double { return x }
        if let x = v as? Int { return Double(x) }
        if let x = v as? NSNumber { return x.doubleValue }
        if let s = v as? String {
            switch s { case "NaN": return .nan; case "Infinity": return .infinity; case "-Infinity": return -.infinity; default: return nil }
        }
        return nil
    }

    var count: Int { re.count }
    var scalar: Double { re[0] }
    /// Row-major flat index helper for 2-D arrays.
    subscript(i: Int, j: Int) -> Double { re[i * shape[1] + j] }
    var matrix6: Matrix6 { Matrix6(rows: (0..<6).map { i in (0..<6).map { self[i, $0] } }) }

    enum RefError: Error { case bad(String) }
}

/// numpy's `assert_allclose` rule |a − d| ≤ atol + rtol·|d|, reporting the worst entries.
func expectAllClose(_ actual: [Double], _ desired: [Double], rtol: Double = 1e-5, atol: Double = 0,
                    _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual.count == desired.count else {
        Issue.record("\(context): size \(actual.count) vs expected \(desired.count)", sourceLocation: sourceLocation)
        return
    }
    var bad: [(Int, Double, Double)] = []
    for i in 0..<actual.count {
        let a = actual[i], d = desired[i]
        if a.isNaN || abs(a - d) > atol + rtol * abs(d) { bad.append((i, a, d)) }
    }
    if !bad.isEmpty {
        let worst = bad.max { abs($0.1 - $0.2) < abs($1.1 - $1.2) }!
        let first = bad.prefix(5).map { "[\($0.0)] \($0.1) vs \($0.2)" }.joined(separator: "; ")
        Issue.record("\(context): \(bad.count)/\(actual.count) entries outside rtol \(rtol) atol \(atol); worst [\(worst.0)] \(worst.1) vs \(worst.2); first: \(first)",
                     sourceLocation: sourceLocation)
    }
}

/// Compare a 6×6 matrix relative to its largest entry (scale-aware comparison for stiffness/mass).
func expectMatrixClose(_ actual: Matrix6, _ desired: Matrix6, rtol: Double = 1e-5, _ context: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
    let scale = max(desired.maxAbs, 1e-300)
    expectAllClose(actual.storage, desired.storage, rtol: 0, atol: rtol * scale, context, sourceLocation: sourceLocation)
}
