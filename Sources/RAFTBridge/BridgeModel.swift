import Foundation
import LAPACK
import RAFT
import RAFTIO

/// Status codes of the C ABI (the `raft` command's exit codes).
enum BridgeStatus: Int32 {
    case ok = 0
    case failure = 1
    case badInput = 2
    case physics = 3
}

/// A failure with the status it maps to and the message the `raft` command prints (without its "error: ").
struct BridgeFailure: Error {
    var status: BridgeStatus
    var message: String

    init(_ status: BridgeStatus, _ message: String) { self.status = status; self.message = message }

    /// Classifies any error as the `raft` command does (`withExitCodes`): bad input 2, physics 3, other 1.
    /// With `dropLines` (a design given as a Python dict) input errors keep file and YAML path but not the
    /// line/column of the generated JSON text, which the user never saw.
    init(_ error: Error, dropLines: Bool = false) {
        switch error {
        case let e as BridgeFailure: self = e
        case var e as InputError:
            if dropLines { e.line = nil; e.column = nil }
            self.init(.badInput, e.description)
        case let e as any ClassifiedError:
            self.init(e.failureKind == .badInput ? .badInput : .physics, "\(e)")
        case let e as SweepError: self.init(.badInput, "\(e)")
        case let e as LAPACKError: self.init(.physics, "\(e)")
        default: self.init(.failure, "\(error)")
        }
    }
}

/// Process-wide set-up, once: OpenBLAS on one thread (threads run designs in parallel instead) and, as the `raft`
/// command does, the on-disk airfoil-fit cache (`RAFT_CACHE_DIR`, `RAFT_NO_CACHE`; bit-identical results).
enum BridgeSetup {
    static let done: Bool = {
        BLAS.setSingleThreaded()
        SmoothingSpline.persistentStore = DiskFitCache.fromEnvironment()
        return true
    }()
}

/// Where a design comes from: `kind` 0 YAML (or JSON) text, 1 JSON text generated from a Python dict (messages name
/// YAML paths, not lines of the generated text), 2 a design file's path in `text`.
struct DesignSource {
    var text: String
    var file: String
    var baseDirectory: String?
    var kind: Int32

    var fromDict: Bool { kind == 1 }

    func load() throws -> Design {
        do {
            if kind == 2 { return try Design.load(path: text) }
            return try Design.parse(text, file: file, baseDirectory: baseDirectory)
        } catch {
            throw BridgeFailure(error, dropLines: fromDict)
        }
    }
}

/// The state behind one Python `swiftraft.Model`: the design, RAFT's stateful `Model` (rigid FOWTs) and the results
/// of the last calls. Calls on one handle are serialised by `lock`; different handles run in parallel.
final class BridgeModel: @unchecked Sendable {
    let lock = NSLock()
    let design: Design
    let fromDict: Bool
    /// RAFT's model (rigid FOWTs, or one flexible FOWT in its reduced DOFs) with the state of the last calls.
    var model: Model
    /// Whether the FOWT has flexible (beam) members.
    let flexible: Bool
    let nw: Int
    let omega: [Double]

    init(_ source: DesignSource) throws {
        _ = BridgeSetup.done
        design = try source.load()
        fromDict = source.fromDict
        let grid = FrequencyGrid(settings: design.settings)
        nw = grid.count
        omega = grid.omega
        do { model = try Model(design: design) } catch { throw BridgeFailure(error, dropLines: source.fromDict) }
        flexible = model.isFlexible
    }

    var fowtCount: Int { model.fowtCount }
    /// Rigid-body DOFs of the model (6 per FOWT).
    var dofCount: Int { 6 * fowtCount }

    func run<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        do { return try body() } catch { throw BridgeFailure(error, dropLines: fromDict) }
    }
}

extension BridgeModel {
    /// One sweep variant: the design with `edits` (YAML path → value) applied, run as `raft run` does, reduced to
    /// the named sweep metrics (`SweepMetrics`). Reads only the immutable design, so variants run in parallel.
    func sweepVariant(edits: [(path: String, value: Double)], metrics: [String]) throws -> [Double] {
        do {
            let d = edits.isEmpty ? design : try design.setting(edits)
            let all = try SweepMetrics.evaluate(d)
            return metrics.map { name in all.first { $0.0 == name }?.1 ?? .nan }
        } catch {
            throw BridgeFailure(error, dropLines: fromDict)
        }
    }
}
