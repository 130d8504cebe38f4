#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RAFT

/// The text of a variant file, `SweepRunner.json(r).serialized(indent: nil)` byte for byte, written straight into
/// one string: the parts every variant of a sweep shares (the fingerprint, the quoted parameter paths and metric
/// names) are quoted once per sweep (issue 17: building and serialising the `JSONValue` tree was about a third of
/// a variant file's CPU).
struct VariantJSON: Sendable {
    /// `,"fingerprint":"…","parameters":{`
    let head: String
    /// `"<path>":` per parameter, `"<name>":` per metric (in the spec's order).
    let parameterKeys: [String]
    let metricKeys: [String]
    let metricNames: [String]

    init(spec: SweepSpec) {
        metricNames = spec.metrics
        head = ",\"fingerprint\":" + JSONValue.quote(spec.fingerprint) + ",\"parameters\":{"
        parameterKeys = spec.parameters.map { JSONValue.quote($0.path) + ":" }
        metricKeys = spec.metrics.map { JSONValue.quote($0) + ":" }
    }

    /// The file's text for `r` (whose metrics are the spec's, in its order, or none).
    func text(_ r: VariantResult) -> String {
        var s = "{\"index\":"
        s.reserveCapacity(256 + head.utf8.count + 32 * (r.parameters.count + r.metrics.count))
        r.index.description.write(to: &s)
        s += head
        for (k, (key, v)) in zip(parameterKeys, r.parameters).enumerated() {
            if k > 0 { s += "," }
            s += key
            VariantJSON.number(v, into: &s)
        }
        s += "}"
        s += r.error == nil ? ",\"status\":\"ok\"" : ",\"status\":\"failed\""
        if let e = r.error { s += ",\"error\":" + JSONValue.quote(e) }
        s += ",\"metrics\":"
        if r.metrics.isEmpty { s += "{}" } else {
            s += "{"
            for (k, (name, v)) in r.metrics.enumerated() {
                if k > 0 { s += "," }
                // The spec's metric names in its order (`SweepExecution.variant`); any other list is quoted here.
                if k < metricNames.count && name == metricNames[k] { s += metricKeys[k] } else { s += JSONValue.quote(name) + ":" }
                VariantJSON.number(v, into: &s)
            }
            s += "}"
        }
        s += "}"
        return s
    }

    /// A number as `JSONValue.number` writes it: "NaN"/"Infinity"/"-Infinity" as strings, an integral value below
    /// 1e15 in magnitude as `%.1f` gives it (the integer, then ".0"; "-0.0" for negative zero), else Swift's
    /// shortest round-trip text.
    static func number(_ x: Double, into s: inout String) {
        if x.isNaN { s += "\"NaN\"" } else if x.isInfinite { s += x > 0 ? "\"Infinity\"" : "\"-Infinity\"" } else if x == x.rounded() && abs(x) < 1e15 {
            if x == 0 { s += x.sign == .minus ? "-0.0" : "0.0" } else {
                Int64(x).description.write(to: &s)
                s += ".0"
            }
        } else {
            x.write(to: &s)
        }
    }
}
