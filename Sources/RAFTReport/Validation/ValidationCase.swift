#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import RAFTIO

/// A problem with a validation case folder (bad or missing `expected.json`).
package struct ValidationCaseError: Error, CustomStringConvertible, Sendable {
    package var file: String
    package var reason: String
    package var description: String { "\(file): \(reason)" }
}

/// One figure to match: a computed quantity named by `key`, the expected value(s), where they come from and
/// how closely they must agree (numpy's rule |computed − expected| ≤ atol + rtol·|expected|, element-wise).
package struct ValidationQuantity: Sendable {
    /// Short label for tables ("surge natural frequency").
    package var name: String
    /// What to compute (see `ValidationCase` for the key grammar of each kind).
    package var key: String
    /// Elements of the computed array to compare (e.g. frequency indices of a PSD); nil = all.
    package var indices: [Int]?
    package var expected: [Double]
    package var rtol: Double
    package var atol: Double
    /// Where the expected figure comes from (file and key, or publication and table).
    package var source: String
    /// Why the tolerance is what it is; how far the model is expected to differ.
    package var note: String?

    package init(name: String, key: String, indices: [Int]? = nil, expected: [Double], rtol: Double, atol: Double,
                source: String, note: String? = nil) {
        self.name = name
        self.key = key
        self.indices = indices
        self.expected = expected
        self.rtol = rtol
        self.atol = atol
        self.source = source
        self.note = note
    }
}

/// A validation case: one folder under `validation/` with an `expected.json`.
///
/// `expected.json`:
/// ```json
/// { "title": "...", "kind": "design" | "oscillator" | "body-statics" | "catenary" | "bem",
///   "reference": "raft-2.0.4" | "published" | "analytic",
///   "design": "../../designs/OC3spar.yaml",            // design and body-statics kinds, relative to the folder
///   "enabled": true, "disabled_reason": "...",          // disabled cases run only when named explicitly
///   "description": "...", "parameters": { ... },       // oscillator / catenary inputs
///   "quantities": [ { "name", "key", "indices"?, "expected": number | [numbers], "rtol", "atol", "source", "note"? } ] }
/// ```
/// Keys by kind:
/// - design: `unloaded.fn_Hz`, `unloaded.T_s`, `unloaded.offset`, `eigen_after_cases.fn_Hz`,
///   `case[i].<metric>` or `case[i].fowt[j].<metric>` where metric is a `case_metrics` name (`surge_avg`, `Tmoor_avg`)
///   or a PSD column (`surge_PSD`, `Tmoor3_PSD`); `statics.<name>` from the body-statics hook. A trailing `[k]` picks
///   one element.
/// - oscillator: `H_abs`, `H_re`, `H_im`, `H_phase_deg` over `parameters.omega_rad_s`.
/// - body-statics (and `statics.` keys of design cases): `volume`, `buoyancy`, `mass`, `substructure_mass`, `zG`, `zB`,
///   `C_hydro[r][c]`, `C55_total` (= C_hydro[4][4] − m·g·z_G), `waterplane_area`.
/// - catenary: `HF`, `VF`, `HA`, `VA` [N].
/// - bem: `A[i][j]`, `B[i][j]`, `X_abs[i]` over `parameters.omega_rad_s`, `A0[i][j]`, `Ainf[i][j]`, `panel_count`
///   (see `BEMQuantities` for the body parameters).
package struct ValidationCase: Sendable {
    package enum Kind: String, Sendable { case design, oscillator, bodyStatics = "body-statics", catenary, bem }

    /// Folder name.
    package var name: String
    package var directory: String
    package var title: String
    package var kind: Kind
    /// "raft-2.0.4", "published" or "analytic".
    package var reference: String
    package var description: String
    /// Absolute path of the design YAML (design and body-statics kinds).
    package var designPath: String?
    package var enabled: Bool
    package var disabledReason: String?
    /// Numeric inputs (oscillator, catenary): scalars and arrays.
    package var parameters: [String: [Double]]
    package var quantities: [ValidationQuantity]

    /// Read `<directory>/expected.json`.
    package static func load(directory: String) throws -> ValidationCase {
        let file = (directory).pathAppending("expected.json")
        func bad(_ r: String) -> ValidationCaseError { ValidationCaseError(file: file, reason: r) }
        guard let data = FileManager.default.contents(atPath: file) else { throw bad("not found (each validation case folder needs an expected.json)") }
        let any: Any
        do { any = try JSONObject.parse(data) } catch { throw bad("not valid JSON (\(error))") }
        guard let o = any as? [String: Any] else { throw bad("the top level must be a JSON object") }
        let name = URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent
        guard let kindText = o["kind"] as? String else { throw bad("'kind' is missing (design, oscillator, body-statics, catenary or bem)") }
        guard let kind = Kind(rawValue: kindText) else { throw bad("'kind' is '\(kindText)'; expected design, oscillator, body-statics, catenary or bem") }

        var designPath: String?
        if let d = o["design"] as? String {
            let base = URL(fileURLWithPath: directory, isDirectory: true)
            designPath = URL(fileURLWithPath: d, relativeTo: base).standardizedFileURL.path
        } else if kind == .design || kind == .bodyStatics {
            throw bad("'design' (path of the design YAML, relative to the case folder) is required for kind \(kindText)")
        }

        var parameters: [String: [Double]] = [:]
        for (k, v) in o["parameters"] as? [String: Any] ?? [:] {
            guard let xs = numbers(v) else { throw bad("parameters.\(k) must be a number or a list of numbers") }
            parameters[k] = xs
        }

        guard let qs = o["quantities"] as? [[String: Any]], !qs.isEmpty else { throw bad("'quantities' must be a non-empty list of objects") }
        var quantities: [ValidationQuantity] = []
        for (i, q) in qs.enumerated() {
            let at = "quantities[\(i)]"
            guard let key = q["key"] as? String else { throw bad("\(at).key is missing") }
            guard let expected = q["expected"].flatMap(numbers), !expected.isEmpty else { throw bad("\(at).expected must be a number or a list of numbers") }
            guard let source = q["source"] as? String, !source.isEmpty else { throw bad("\(at).source is missing: every figure needs its source") }
            guard let rtol = q["rtol"].flatMap(number), let atol = q["atol"].flatMap(number), rtol >= 0, atol >= 0 else {
                throw bad("\(at): rtol and atol (non-negative numbers) are required")
            }
            var indices: [Int]?
            if let ix = q["indices"] {
                let ints = (ix as? [Any])?.compactMap { v -> Int? in
                    guard let x = number(v), x >= 0, x == x.rounded(), x < 1e9 else { return nil }
                    return Int(x)
                }
                guard let ints, ints.count == (ix as? [Any])?.count else { throw bad("\(at).indices must be a list of non-negative integers") }
                guard ints.count == expected.count else { throw bad("\(at): \(ints.count) indices but \(expected.count) expected values") }
                indices = ints
            }
            quantities.append(ValidationQuantity(name: q["name"] as? String ?? key, key: key, indices: indices, expected: expected,
                                                 rtol: rtol, atol: atol, source: source, note: q["note"] as? String))
        }
        return ValidationCase(name: name, directory: directory, title: o["title"] as? String ?? name, kind: kind,
                              reference: o["reference"] as? String ?? "", description: o["description"] as? String ?? "",
                              designPath: designPath, enabled: o["enabled"] as? Bool ?? true,
                              disabledReason: o["disabled_reason"] as? String, parameters: parameters, quantities: quantities)
    }

    /// Case folders under `root` (sorted by name): every immediate subfolder holding an `expected.json`.
    package static func discover(root: String) throws -> [String] {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: root).sorted()
        return names.map { (root).pathAppending($0) }
            .filter { fm.fileExists(atPath: ($0).pathAppending("expected.json")) }
    }

    static func number(_ v: Any) -> Double? {
        // JSON true/false are Bool, not numbers here.
        if let x = JSONObject.double(v) { return x }
        if let s = v as? String { switch s { case "NaN": return .nan; case "Infinity": return .infinity; case "-Infinity": return -.infinity; default: return nil } }
        return nil
    }

    static func numbers(_ v: Any) -> [Double]? {
        if let x = number(v) { return [x] }
        guard let l = v as? [Any] else { return nil }
        var out: [Double] = []
        for e in l { guard let x = number(e) else { return nil }; out.append(x) }
        return out
    }
}
