import Foundation
import RAFT
import RAFTIO

// The C ABI of swift-raft (header: python/swiftraft/swiftraft.h). Every function catches every error: a failure
// returns its status (2 bad input, 3 physics, 1 other) and, when `error` is not NULL, a malloc'd message (free it
// with `sr_free`) — the message the `raft` command prints. Handles are opaque pointers; a model handle serialises
// its own calls, so any thread may call any function; different handles run in parallel.

// MARK: Helpers

private func fail(_ f: BridgeFailure, _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    error?.pointee = strdup(f.message)
    return f.status.rawValue
}

private func guarded(_ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ body: () throws -> Void) -> Int32 {
    errorOut?.pointee = nil
    do {
        try body()
        return BridgeStatus.ok.rawValue
    } catch {
        return fail(BridgeFailure(error), errorOut)
    }
}

private func model(_ handle: UnsafeMutableRawPointer?) throws -> BridgeModel {
    guard let handle else { throw BridgeFailure(.failure, "no model (NULL handle)") }
    return Unmanaged<BridgeModel>.fromOpaque(handle).takeUnretainedValue()
}

private func source(_ text: UnsafePointer<CChar>?, _ file: UnsafePointer<CChar>?, _ base: UnsafePointer<CChar>?,
                    _ kind: Int32) throws -> DesignSource {
    guard let text else { throw BridgeFailure(.badInput, "no design text (NULL)") }
    let b = base.map { String(cString: $0) }
    return DesignSource(text: String(cString: text), file: file.map { String(cString: $0) } ?? "<string>",
                        baseDirectory: (b?.isEmpty ?? true) ? nil : b, kind: kind)
}

private func publish(_ p: PackedResult, _ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) {
    out?.pointee = Unmanaged.passRetained(p).toOpaque()
}

/// A call on a model handle with a packed result: the handle's model under its lock, a fresh `PackedResult` for the
/// arrays, the returned metadata tree published into `out`; errors as in `guarded`.
private func packedCall(_ handle: UnsafeMutableRawPointer?, _ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                        _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                        _ body: (BridgeModel, PackedResult) throws -> JSONValue) -> Int32 {
    guarded(error) {
        let m = try model(handle)
        let p = PackedResult()
        let tree = try m.run { try body(m, p) }
        publish(p.finish(tree), out)
    }
}

private func copy(_ values: [Double], into out: UnsafeMutablePointer<Double>?, capacity: Int64, what: String) throws {
    guard Int64(values.count) <= capacity, let out else {
        throw BridgeFailure(.failure, "\(what): the caller's buffer holds \(capacity) values, \(values.count) are needed")
    }
    values.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: values.count) }
}

// MARK: Memory

/// Frees a string returned by this library (error messages).
@_cdecl("sr_free")
public func sr_free(_ p: UnsafeMutableRawPointer?) { free(p) }

/// The library version (static string, do not free).
@_cdecl("sr_version")
public func sr_version() -> UnsafePointer<CChar> { BridgeVersion.text }

enum BridgeVersion {
    nonisolated(unsafe) static let text: UnsafePointer<CChar> = UnsafePointer(strdup(raftVersion)!)
}

// MARK: Packed results

/// The JSON metadata of a packed result (owned by the result; valid until `sr_packed_free`).
@_cdecl("sr_packed_meta")
public func sr_packed_meta(_ p: UnsafeMutableRawPointer?) -> UnsafePointer<CChar>? {
    guard let p else { return nil }
    let r = Unmanaged<PackedResult>.fromOpaque(p).takeUnretainedValue()
    return r.metaCString.map { UnsafePointer($0) }
}

/// Number of doubles in the packed result's buffer.
@_cdecl("sr_packed_count")
public func sr_packed_count(_ p: UnsafeMutableRawPointer?) -> Int64 {
    guard let p else { return 0 }
    return Int64(Unmanaged<PackedResult>.fromOpaque(p).takeUnretainedValue().data.count)
}

/// Copies the packed buffer into the caller's `out` (`count` doubles, as `sr_packed_count`); returns 0, or 1 when
/// `count` is not the buffer's size.
@_cdecl("sr_packed_copy")
public func sr_packed_copy(_ p: UnsafeMutableRawPointer?, _ out: UnsafeMutablePointer<Double>?, _ count: Int64) -> Int32 {
    guard let p, let out else { return BridgeStatus.failure.rawValue }
    let r = Unmanaged<PackedResult>.fromOpaque(p).takeUnretainedValue()
    guard Int64(r.data.count) == count else { return BridgeStatus.failure.rawValue }
    r.data.withUnsafeBufferPointer { if let b = $0.baseAddress { out.update(from: b, count: $0.count) } }
    return BridgeStatus.ok.rawValue
}

@_cdecl("sr_packed_free")
public func sr_packed_free(_ p: UnsafeMutableRawPointer?) {
    guard let p else { return }
    Unmanaged<PackedResult>.fromOpaque(p).release()
}

// MARK: Model

/// Creates a model from a design. `kind` 0: `text` is YAML (or JSON) text; 1: JSON generated from a dictionary
/// (messages then omit line numbers); 2: `text` is the path of a design file (relative paths against its folder).
/// `file` names the design in messages; `base_dir` is the folder for relative paths (MoorDyn files, `hydroPath`;
/// NULL or "" = the working directory).
@_cdecl("sr_model_create")
public func sr_model_create(_ text: UnsafePointer<CChar>?, _ file: UnsafePointer<CChar>?, _ base: UnsafePointer<CChar>?,
                            _ kind: Int32, _ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                            _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    out?.pointee = nil
    return guarded(error) {
        let m = try BridgeModel(try source(text, file, base, kind))
        out?.pointee = Unmanaged.passRetained(m).toOpaque()
    }
}

@_cdecl("sr_model_free")
public func sr_model_free(_ handle: UnsafeMutableRawPointer?) {
    guard let handle else { return }
    Unmanaged<BridgeModel>.fromOpaque(handle).release()
}

/// Packed model facts: `nFOWT`, `nDOF`, `nw`, `w` (rad/s), `flexible`, `nCases`, `name`, `warnings`.
@_cdecl("sr_model_info")
public func sr_model_info(_ handle: UnsafeMutableRawPointer?, _ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                          _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    packedCall(handle, out, error) { m, p in
        .object([
            ("nFOWT", .int(m.fowtCount)), ("nDOF", .int(m.dofCount)), ("nw", .int(m.nw)), ("w", p.vector(m.omega)),
            ("flexible", .bool(m.flexible)), ("nCases", .int(m.design.cases?.cases.count ?? 0)),
            ("name", m.design.name.map { .string($0) } ?? .null),
            ("warnings", .array(m.design.diagnostics.warnings.map { .string($0.description) })),
        ])
    }
}

/// RAFT `analyzeUnloaded()`: packed `offset_unloaded` [m, rad], `F_lines0`, `C_lines0` and the FOWT's properties
/// at the unloaded pose (RAFT's `results['properties']`).
@_cdecl("sr_analyze_unloaded")
public func sr_analyze_unloaded(_ handle: UnsafeMutableRawPointer?, _ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                                _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    packedCall(handle, out, error) { m, p in
        var model = m.model
        var copy = model  // the properties at the unloaded pose, from the same state (same C_moor0, F_moor0)
        let (offset, c0, f0) = try model.analyzeUnloaded()
        let props = try copy.properties(fowt: 0, pose: .unloaded)
        m.model = model
        return .object([
            ("offset_unloaded", p.vector(offset)), ("F_lines0", p.vector(f0)), ("C_lines0", p.matrix(c0.rows)),
            ("properties", RAFTResults.properties(props, rho: m.design.site.rhoWater, g: m.design.site.g, into: p)),
        ])
    }
}

/// RAFT `solveEigen()` at the current poses: packed `frequencies` [Hz] (nDOF values; a flexible FOWT: every reduced
/// DOF, ascending) and `modes` (nDOF × nDOF, column j = mode j).
@_cdecl("sr_solve_eigen")
public func sr_solve_eigen(_ handle: UnsafeMutableRawPointer?, _ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                           _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    packedCall(handle, out, error) { m, p in
        let e = try m.model.solveEigen()
        return .object([("frequencies", p.vector(e.frequenciesHz)), ("modes", p.matrix(e.modes))])
    }
}

/// RAFT `solveStatics(case)`: `case_text` is the case as a YAML/JSON mapping (NULL: no environmental loads);
/// the mean pose r6 of every FOWT (6·nFOWT values [m, rad]; a flexible FOWT: its PRP) into `r6`.
@_cdecl("sr_solve_statics")
public func sr_solve_statics(_ handle: UnsafeMutableRawPointer?, _ caseText: UnsafePointer<CChar>?,
                             _ r6: UnsafeMutablePointer<Double>?, _ n: Int64,
                             _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guarded(error) {
        let m = try model(handle)
        try m.run {
            let c = try caseText.map { try LoadCase.parse(mapping: String(cString: $0), file: "<case>") }
            var model = m.model
            try model.solveStatics(c)
            m.model = model
            try copy(model.fowtPoses.flatMap { $0 }, into: r6, capacity: n, what: "solveStatics r6")
        }
    }
}

/// RAFT `analyzeCases()` on the model's state: packed `case_metrics` (see `RAFTResults.cases`), `freq_rad`,
/// `warnings`.
@_cdecl("sr_analyze_cases")
public func sr_analyze_cases(_ handle: UnsafeMutableRawPointer?, _ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                             _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    packedCall(handle, out, error) { m, p in
        var model = m.model
        let cases = try model.analyzeCases()
        m.model = model
        let warnings = model.warnings
        let check = RunResult(designName: "", grid: FrequencyGrid(settings: m.design.settings), unloaded: nil, cases: cases,
                              eigenAfterCases: nil, warnings: [])
        try check.requireFinite()
        return .object([("freq_rad", p.vector(m.omega)), ("case_metrics", RAFTResults.cases(cases, nw: m.nw, into: p)),
                        ("warnings", .array(warnings.map { .string($0) }))])
    }
}

// MARK: Whole runs

/// `raft run` in-process: the summary.json document (packed) of a design given as text (see `sr_model_create`).
@_cdecl("sr_run")
public func sr_run(_ text: UnsafePointer<CChar>?, _ file: UnsafePointer<CChar>?, _ base: UnsafePointer<CChar>?,
                   _ kind: Int32, _ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                   _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    out?.pointee = nil
    return guarded(error) {
        _ = BridgeSetup.done
        let src = try source(text, file, base, kind)
        let design = try src.load()
        let result: RunResult
        do { result = try runDesign(design) } catch { throw BridgeFailure(error, dropLines: src.fromDict) }
        let p = PackedResult()
        publish(p.finish(p.packing(RunWriter.summary(result))), out)
    }
}

// MARK: Sweeps

private func strings(_ p: UnsafePointer<UnsafePointer<CChar>?>?, _ n: Int64) throws -> [String] {
    guard n >= 0, n == 0 || p != nil else { throw BridgeFailure(.failure, "missing string array (NULL)") }
    return try (0..<Int(n)).map { i in
        guard let s = p![i] else { throw BridgeFailure(.failure, "NULL string in an array") }
        return String(cString: s)
    }
}

/// Checks `n` sweep metric names against the model's design; a bad name is status 2 with a "did you mean".
@_cdecl("sr_sweep_check")
public func sr_sweep_check(_ handle: UnsafeMutableRawPointer?, _ metrics: UnsafePointer<UnsafePointer<CChar>?>?,
                           _ n: Int64, _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guarded(error) {
        let m = try model(handle)
        for name in try strings(metrics, n) {
            if let problem = SweepMetrics.problem(with: name, design: m.design) {
                throw BridgeFailure(.badInput, problem)
            }
        }
    }
}

/// One sweep variant of the model's design: `n_edits` YAML paths (as in `raft sweep`, `[*]` for every element) set
/// to `values`, run as `raft run` does; the `n_metrics` named metrics into `out` (NaN for a metric the run does not
/// produce). Reads only the model's immutable design (no lock): call it from many threads at once.
@_cdecl("sr_sweep_variant")
public func sr_sweep_variant(_ handle: UnsafeMutableRawPointer?, _ paths: UnsafePointer<UnsafePointer<CChar>?>?,
                             _ values: UnsafePointer<Double>?, _ nEdits: Int64,
                             _ metrics: UnsafePointer<UnsafePointer<CChar>?>?, _ nMetrics: Int64,
                             _ out: UnsafeMutablePointer<Double>?,
                             _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guarded(error) {
        let m = try model(handle)
        let names = try strings(metrics, nMetrics)
        let p = try strings(paths, nEdits)
        guard nEdits == 0 || values != nil else { throw BridgeFailure(.failure, "missing parameter values (NULL)") }
        let edits = p.enumerated().map { (path: $0.element, value: values![$0.offset]) }
        try copy(try m.sweepVariant(edits: edits, metrics: names), into: out, capacity: nMetrics, what: "sweep metrics")
    }
}

// MARK: Benchmarks

/// Seconds per `analyzeCases()` of the model, measured inside Swift over `repeats` runs on copies of the model's
/// current state (no packing, no Python): the in-process baseline of the Python benchmark.
@_cdecl("sr_time_analyze_cases")
public func sr_time_analyze_cases(_ handle: UnsafeMutableRawPointer?, _ repeats: Int64, _ seconds: UnsafeMutablePointer<Double>?,
                                  _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guarded(error) {
        let m = try model(handle)
        try m.run {
            let base = m.model
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<max(1, repeats) {
                var copy = base
                _ = try copy.analyzeCases()
            }
            seconds?.pointee = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(max(1, repeats))
        }
    }
}
