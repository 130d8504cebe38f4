#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import RAFTIO

/// Plain-text and JSON renderings of validation outcomes (`raft validate`).
package enum ValidationReportText {
    /// Counts by status.
    package struct Summary: Sendable {
        package var passed = 0, failed = 0, pending = 0, errors = 0, disabled = 0
        package init(_ outcomes: [CaseOutcome]) {
            for o in outcomes {
                switch o.status {
                case .passed: passed += 1
                case .failed: failed += 1
                case .pending: pending += 1
                case .error: errors += 1
                case .disabled: disabled += 1
                }
            }
        }
        package var allPassed: Bool { failed == 0 && pending == 0 && errors == 0 }
        package var line: String {
            var parts = ["\(passed) passed", "\(failed) failed"]
            if pending > 0 { parts.append("\(pending) pending (NOT passed)") }
            if errors > 0 { parts.append("\(errors) not run (error)") }
            if disabled > 0 { parts.append("\(disabled) disabled (not run)") }
            return parts.joined(separator: ", ")
        }
    }

    /// Tolerance above which a passing quantity is reported as loose (amber, not green): published comparisons
    /// with tolerances like OC3's yaw frequency (30 %) agree only within a wide band.
    package static let looseTolerance = 0.1
    /// Actual relative error above which a passing quantity is reported as loose.
    package static let looseError = 0.05

    /// A passing quantity whose agreement is only within a wide band (rtol ≥ 10 % or actual error ≥ 5 %).
    package static func isLoose(_ q: QuantityOutcome) -> Bool {
        q.passed && (q.quantity.rtol >= looseTolerance || (q.worstRelativeError ?? 0) >= looseError)
    }

    /// PSD values a case compares: total points, number of spectra, and the frequency-grid size they are taken from.
    package static func psdPoints(_ o: CaseOutcome) -> (points: Int, spectra: Int, gridSize: Int?) {
        let psd = o.validationCase.quantities.filter { $0.key.hasSuffix("_PSD") }
        let grid = o.quantities.first { $0.quantity.key.hasSuffix("_PSD") }?.curve?.hz.count
        return (psd.reduce(0) { $0 + $1.expected.count }, psd.count, grid)
    }

    /// "40 PSD points (4 spectra × 10 of 80 frequencies)", nil for a case without spectra.
    package static func psdPointsText(_ o: CaseOutcome) -> String? {
        let p = psdPoints(o)
        guard p.spectra > 0 else { return nil }
        let per = o.validationCase.quantities.filter { $0.key.hasSuffix("_PSD") }.map { $0.expected.count }
        let each = Set(per).count == 1 ? "\(per[0])" : "\(per.min() ?? 0)–\(per.max() ?? 0)"
        return "\(p.points) PSD points (\(p.spectra) spectra × \(each)\(p.gridSize.map { " of \($0)" } ?? "") frequencies)"
    }

    static func sci(_ x: Double?) -> String {
        guard let x else { return "-" }
        if x.isInfinite { return "inf" }
        return String(cFormat: "%.2e", x)
    }

    static func statusWord(_ s: QuantityOutcome.Status) -> String {
        switch s {
        case .passed: return "pass"
        case .failed: return "FAIL"
        case .pending: return "PENDING"
        case .error: return "ERROR"
        }
    }

    package static func caseStatusWord(_ s: CaseOutcome.Status) -> String {
        switch s {
        case .passed: return "PASSED"
        case .failed: return "FAILED"
        case .pending: return "PENDING (not passed)"
        case .error: return "NOT RUN (error)"
        case .disabled: return "disabled"
        }
    }

    /// The pass/fail table: one block per case, one row per quantity with the worst relative error.
    package static func table(_ outcomes: [CaseOutcome]) -> String {
        var s = ""
        for o in outcomes {
            let c = o.validationCase
            let n = o.quantities.filter { $0.passed }.count
            let loose = o.quantities.filter(isLoose).count
            s += "\(c.name)  [\(c.reference.isEmpty ? c.kind.rawValue : c.reference)]  \(caseStatusWord(o.status))"
            if o.status == .passed && loose > 0 { s += ", \(loose) loose" }
            if o.status != .disabled { s += "  \(n)/\(c.quantities.count) quantities" + String(cFormat: "  %.2f s", o.seconds) }
            s += "\n"
            if o.status != .disabled, let p = psdPointsText(o) { s += "    compares \(p)\n" }
            if let m = o.message { s += "    \(o.status == .disabled ? "reason" : o.status == .error ? "error" : "note"): \(m)\n" }
            guard o.status != .disabled else { continue }
            // A case that could not run at all: one line instead of the same error on every row.
            let messages = Set(o.quantities.compactMap { q -> String? in if case .error(let m) = q.status { return m }; return nil })
            if o.status == .error, messages.count == 1, o.quantities.allSatisfy({ if case .error = $0.status { return true }; return false }) {
                s += "    not run: none of the \(o.quantities.count) quantities could be computed\n"
                continue
            }
            let width = max(24, o.quantities.map { $0.quantity.name.count }.max() ?? 0)
            s += "    " + "quantity".padded(toLength: width)
                + "  worst rel err  rtol      atol      result\n"
            for q in o.quantities {
                let name = q.quantity.name.padded(toLength: width)
                s += "    \(name)  \(sci(q.worstRelativeError).padded(toLength: 13))"
                s += "  \(sci(q.quantity.rtol).padded(toLength: 8))"
                s += "  \(sci(q.quantity.atol).padded(toLength: 8))  \(statusWord(q.status))"
                if isLoose(q) { s += " (loose)" }
                if q.violations > 0 { s += " (\(q.violations) of \(q.quantity.expected.count) values outside)" }
                switch q.status {
                case .pending(let m), .error(let m): s += ": \(m)"
                default: break
                }
                s += "\n"
            }
        }
        let loose = outcomes.flatMap { $0.quantities }.filter(isLoose).count
        s += "\nsummary: \(Summary(outcomes).line)\n"
        if loose > 0 {
            s += "\(loose) passing quantit\(loose == 1 ? "y agrees" : "ies agree") only within a wide band (tolerance ≥ \(Int(looseTolerance * 100)) % or error ≥ \(Int(looseError * 100)) %): marked loose\n"
        }
        return s
    }

    /// `report.json`: every case and quantity with expected and computed values.
    package static func json(_ outcomes: [CaseOutcome], generated: Date = Date()) -> JSONValue {
        let sum = Summary(outcomes)
        func status(_ s: QuantityOutcome.Status) -> [(String, JSONValue)] {
            switch s {
            case .passed: return [("status", .string("passed"))]
            case .failed: return [("status", .string("failed"))]
            case .pending(let m): return [("status", .string("pending")), ("message", .string(m))]
            case .error(let m): return [("status", .string("error")), ("message", .string(m))]
            }
        }
        func opt(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }
        let cases: [JSONValue] = outcomes.map { o in
            let c = o.validationCase
            var obj: [(String, JSONValue)] = [
                ("name", .string(c.name)), ("title", .string(c.title)), ("kind", .string(c.kind.rawValue)),
                ("reference", .string(c.reference)), ("status", .string(o.status.rawValue)),
                ("message", o.message.map { .string($0) } ?? .null), ("seconds", .number(o.seconds)),
            ]
            if let d = c.designPath { obj.append(("design", .string(d))) }
            let psd = psdPoints(o)
            if psd.spectra > 0 { obj.append(("psd_points_compared", .int(psd.points))) }
            obj.append(("quantities", .array(o.quantities.map { q in
                var e: [(String, JSONValue)] = [("name", .string(q.quantity.name)), ("key", .string(q.quantity.key))]
                e += status(q.status)
                if let ix = q.quantity.indices { e.append(("indices", .array(ix.map { .int($0) }))) }
                e += [("expected", .numbers(q.quantity.expected)), ("computed", q.computed.map { .numbers($0) } ?? .null),
                      ("worst_relative_error", opt(q.worstRelativeError)), ("worst_absolute_error", opt(q.worstAbsoluteError)),
                      ("violations", .int(q.violations)), ("loose", .bool(isLoose(q))), ("rtol", .number(q.quantity.rtol)), ("atol", .number(q.quantity.atol)),
                      ("source", .string(q.quantity.source)), ("note", q.quantity.note.map { .string($0) } ?? .null)]
                return .object(e)
            })))
            return .object(obj)
        }
        return .object([
            ("generated", .string(generated.formatted(.iso8601))),
            ("raft_version", .string(raftVersion)),
            ("summary", .object([("passed", .int(sum.passed)), ("failed", .int(sum.failed)), ("pending", .int(sum.pending)),
                                 ("errors", .int(sum.errors)), ("disabled", .int(sum.disabled)), ("all_passed", .bool(sum.allPassed))])),
            ("cases", .array(cases)),
        ])
    }
}
