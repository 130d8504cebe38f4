#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import RAFTIO

/// A computed curve for plotting: values over frequency [Hz].
package struct ValidationCurve: Sendable {
    package var hz: [Double]
    package var values: [Double]
}

/// Result of comparing one quantity.
package struct QuantityOutcome: Sendable {
    package enum Status: Sendable, Equatable {
        case passed
        case failed
        /// Needs a model function that is not wired yet (not passed).
        case pending(String)
        /// Could not be computed (solve error, unknown key, ...).
        case error(String)
    }

    package var quantity: ValidationQuantity
    package var status: Status
    /// The compared computed elements (same count as `quantity.expected`).
    package var computed: [Double]?
    /// max |c − e| / |e| over elements with |e| > atol (nil when there is none).
    package var worstRelativeError: Double?
    /// max |c − e| over all elements.
    package var worstAbsoluteError: Double?
    /// Elements violating |c − e| ≤ atol + rtol·|e|.
    package var violations: Int = 0
    /// Whole computed curve when the quantity is a spectrum or transfer function (for plots).
    package var curve: ValidationCurve?
    /// Frequencies [Hz] of the compared elements when `curve` is set.
    package var expectedHz: [Double]?

    package var passed: Bool { status == .passed }
}

/// Result of one validation case.
package struct CaseOutcome: Sendable {
    package enum Status: String, Sendable {
        case passed, failed, pending, error
        /// Not run: `"enabled": false` and not named explicitly.
        case disabled
    }

    package var validationCase: ValidationCase
    package var status: Status
    /// Why the case did not run or what went wrong.
    package var message: String?
    /// True when the model reported `SolveError.unsupported` (a feature not implemented yet).
    package var unsupported: Bool = false
    package var quantities: [QuantityOutcome]
    package var seconds: Double = 0

    /// Counts towards `raft validate`'s exit status (disabled cases do not).
    package var isFailure: Bool { status != .passed && status != .disabled }
}

/// A key that does not name a computable quantity.
struct ValidationKeyError: Error, CustomStringConvertible {
    var description: String
}

/// A model function the case needs is not wired (see `ValidationHooks`).
struct ValidationPending: Error, CustomStringConvertible {
    var description: String
}

/// Runs validation cases; caches design loads and runs so several cases on one design solve it once.
package final class ValidationRunner {
    package let hooks: ValidationHooks
    private var designs: [String: Result<Design, any Error>] = [:]
    private var runs: [String: Result<RunResult, any Error>] = [:]
    private var statics: [String: Result<FloatingBodyStatics, any Error>] = [:]

    package init(hooks: ValidationHooks = .standard) { self.hooks = hooks }

    /// Run the case folders given (explicit: disabled cases run too) or, with `includeDisabled` false, skip
    /// disabled ones with status `.disabled`.
    package func run(_ c: ValidationCase, includeDisabled: Bool) -> CaseOutcome {
        if !c.enabled && !includeDisabled {
            return CaseOutcome(validationCase: c, status: .disabled, message: c.disabledReason ?? "disabled", quantities: [])
        }
        let start = Date()
        var outcome = evaluate(c)
        outcome.seconds = Date().timeIntervalSince(start)
        return outcome
    }

    private func evaluate(_ c: ValidationCase) -> CaseOutcome {
        var unsupported = false
        var caseMessage: String?
        let resolve: (String) throws -> ResolvedValue
        switch c.kind {
        case .oscillator:
            let values: OscillatorResponse
            do { values = try OscillatorResponse(parameters: c.parameters) } catch {
                return CaseOutcome(validationCase: c, status: .error, message: "\(error)", quantities: [])
            }
            resolve = { try values.resolve($0) }
        case .catenary:
            resolve = { key in try CatenaryQuantities.resolve(key, parameters: c.parameters, hook: self.hooks.catenary) }
        case .bem:
            let values: BEMQuantities
            do { values = try BEMQuantities(parameters: c.parameters, designPath: c.designPath) } catch {
                return CaseOutcome(validationCase: c, status: .error, message: "\(error)", quantities: [])
            }
            resolve = { try values.resolve($0) }
        case .design, .bodyStatics:
            guard let path = c.designPath else {
                return CaseOutcome(validationCase: c, status: .error, message: "no design path", quantities: [])
            }
            resolve = { key in
                if c.kind == .bodyStatics || key.hasPrefix("statics.") {
                    let s = try self.staticsResult(path).get()
                    let k = key.hasPrefix("statics.") ? String(key.dropFirst("statics.".count)) : key
                    return try DesignQuantities.resolveStatics(k, s)
                }
                return try DesignQuantities.resolve(key, run: try self.runOrUnloaded(path, key: key))
            }
        }

        var quantities: [QuantityOutcome] = []
        for q in c.quantities {
            do {
                quantities.append(Self.compare(q, try resolve(q.key)))
            } catch let e as ValidationPending {
                quantities.append(QuantityOutcome(quantity: q, status: .pending(e.description)))
            } catch let e as SolveError {
                if case .unsupported = e { unsupported = true }
                caseMessage = caseMessage ?? "\(e)"
                quantities.append(QuantityOutcome(quantity: q, status: .error("\(e)")))
            } catch {
                caseMessage = caseMessage ?? "\(error)"
                quantities.append(QuantityOutcome(quantity: q, status: .error("\(error)")))
            }
        }
        let status: CaseOutcome.Status
        if quantities.contains(where: { if case .error = $0.status { return true }; return false }) {
            status = .error
        } else if quantities.contains(where: { if case .pending = $0.status { return true }; return false }) {
            status = .pending
            caseMessage = quantities.compactMap { if case .pending(let m) = $0.status { return m }; return nil }.first
        } else if quantities.allSatisfy({ $0.passed }) {
            status = .passed
        } else {
            status = .failed
        }
        return CaseOutcome(validationCase: c, status: status, message: caseMessage, unsupported: unsupported, quantities: quantities)
    }

    /// Element-wise comparison with numpy's rule.
    static func compare(_ q: ValidationQuantity, _ r: ResolvedValue) -> QuantityOutcome {
        var selected = r.values
        var hz = r.hz
        if let ix = q.indices {
            if let bad = ix.first(where: { $0 >= r.values.count }) {
                return QuantityOutcome(quantity: q, status: .error("index \(bad) out of range: '\(q.key)' has \(r.values.count) values"))
            }
            selected = ix.map { r.values[$0] }
            hz = r.hz.map { h in ix.map { h[$0] } }
        }
        return finish(q, selected, r, hz)
    }

    private static func finish(_ q: ValidationQuantity, _ c: [Double], _ r: ResolvedValue, _ hz: [Double]?) -> QuantityOutcome {
        guard c.count == q.expected.count else {
            return QuantityOutcome(quantity: q, status: .error("computed \(c.count) values for '\(q.key)', expected \(q.expected.count)"))
        }
        var worstRel: Double?, worstAbs = 0.0, violations = 0
        for (a, e) in zip(c, q.expected) {
            let d = abs(a - e)
            let ok = a.isNaN || e.isNaN ? (a.isNaN && e.isNaN) : (a == e || d <= q.atol + q.rtol * abs(e))
            if !ok { violations += 1 }
            worstAbs = max(worstAbs, d.isNaN ? .infinity : d)
            // Relative errors only where the relative criterion governs (|expected| > atol): elements at the
            // noise level, which only atol can judge, would otherwise dominate the figure.
            if e != 0 && abs(e) > q.atol { worstRel = max(worstRel ?? 0, d.isNaN ? .infinity : d / abs(e)) }
        }
        var out = QuantityOutcome(quantity: q, status: violations == 0 ? .passed : .failed, computed: c,
                                  worstRelativeError: worstRel, worstAbsoluteError: worstAbs, violations: violations)
        if let h = r.hz { out.curve = ValidationCurve(hz: h, values: r.values); out.expectedHz = hz }
        return out
    }

    // MARK: Cached model calls

    private func design(_ path: String) -> Result<Design, any Error> {
        if let d = designs[path] { return d }
        let r = Result<Design, any Error> { try Design.load(path: path) }
        designs[path] = r
        return r
    }

    private func runResult(_ path: String) -> Result<RunResult, any Error> {
        if let r = runs[path] { return r }
        let r = Result<RunResult, any Error> { try hooks.run(try design(path).get()) }
        runs[path] = r
        return r
    }

    private var unloadedRuns: [String: Result<RunResult, any Error>] = [:]

    /// The full run; for `unloaded.*` keys, while `runDesign` reports `.unsupported`, the unloaded hook's result.
    private func runOrUnloaded(_ path: String, key: String) throws -> RunResult {
        let full = runResult(path)
        guard key.hasPrefix("unloaded."), let hook = hooks.unloaded, case .failure(let e) = full,
              let solveError = e as? SolveError, case .unsupported = solveError else { return try full.get() }
        if let r = unloadedRuns[path] { return try r.get() }
        let r = Result<RunResult, any Error> {
            let design = try self.design(path).get()
            return RunResult(designName: design.name ?? (path).pathLastComponent, grid: FrequencyGrid(settings: design.settings),
                             unloaded: try hook(design), cases: [], eigenAfterCases: nil, warnings: [])
        }
        unloadedRuns[path] = r
        return try r.get()
    }

    private func staticsResult(_ path: String) -> Result<FloatingBodyStatics, any Error> {
        if let s = statics[path] { return s }
        guard let hook = hooks.bodyStatics else {
            return .failure(ValidationPending(description: "pending: the body-statics hook (ValidationHooks.bodyStatics) is not wired yet"))
        }
        let r = Result<FloatingBodyStatics, any Error> { try hook(try design(path).get()) }
        statics[path] = r
        return r
    }
}

/// Values resolved from a key, with the frequency axis when they are a spectrum.
struct ResolvedValue {
    var values: [Double]
    var hz: [Double]?
}
