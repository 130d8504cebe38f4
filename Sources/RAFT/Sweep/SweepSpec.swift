import Foundation

/// A parameter sweep read from SWEEP.yaml.
///
/// ```yaml
/// design: ../designs/OC3spar.yaml      # base design, relative to this file
/// combine: factorial                   # or zip (parameters advance together)
/// parameters:
///   - path: platform.members[0].d      # any YAML path of the design; [*] edits every list element
///     values: [9.0, 9.4, 9.8]
///   - path: mooring.lines[*].length
///     range: {start: 880, stop: 920, count: 5}    # inclusive, evenly spaced
/// metrics: [surge_avg, pitch_std, Tmoor_max]     # RAFT case_metrics names (and fn_surge ... fn_yaw)
/// ```
public struct SweepSpec: Sendable {
    public enum Combine: String, Sendable { case factorial, zip }
    public struct Parameter: Sendable {
        public var path: String
        public var values: [Double]
        public init(path: String, values: [Double]) { self.path = path; self.values = values }
    }
    /// Path of the base design (resolved).
    public var designPath: String
    public var combine: Combine
    public var parameters: [Parameter]
    /// Metric names to collect (RAFT names); default a standard set.
    public var metrics: [String]
    /// Warnings about the sweep file (unknown keys).
    public var diagnostics = Diagnostics()

    public static let defaultMetrics = ["surge_avg", "surge_std", "heave_std", "pitch_avg", "pitch_std", "pitch_max",
                                        "Tmoor_max", "AxRNA_std", "Mbase_std"]

    /// A sweep built in code (e.g. a Sobol study's sample as zipped parameters).
    public init(designPath: String, combine: Combine, parameters: [Parameter], metrics: [String]) {
        self.designPath = designPath; self.combine = combine; self.parameters = parameters; self.metrics = metrics
    }

    public static func load(path: String) throws(InputError) -> SweepSpec {
        let url = URL(fileURLWithPath: path)
        let root = try YAMLNode.load(contentsOf: url)
        return try SweepSpec(root: root, baseDirectory: url.deletingLastPathComponent().path)
    }

    public init(root: YAMLNode, baseDirectory: String) throws(InputError) {
        _ = try root.requireMap("a sweep description (a mapping with design, parameters, metrics)")
        let design = try root.string(key: "design", "the base design YAML, relative to the sweep file")
        designPath = design.hasPrefix("/") ? design : URL(fileURLWithPath: baseDirectory).appendingPathComponent(design).path
        let c = try root.string("combine", default: "factorial")
        guard let comb = Combine(rawValue: c) else {
            throw root["combine"]!.error("expected factorial or zip, got \(c)")
        }
        combine = comb
        parameters = []
        for p in try root.required("parameters", "the parameters to vary").list("a list of parameters") {
            let path = try p.string(key: "path", "a YAML path such as platform.members[0].d")
            _ = try YAMLEditPath(path)
            var values: [Double]
            if let v = p.optional("values") {
                values = v.isList ? try v.doubles("the values") : [try v.double()]
            } else if let r = p.optional("range") {
                let start = try r.double(key: "start"), stop = try r.double(key: "stop")
                if let n = r.optional("count") {
                    let count = try n.int("a number of values ≥ 1")
                    guard count >= 1 else { throw n.error("expected at least 1 value, got \(count)") }
                    values = count == 1 ? [start] : (0..<count).map { start + (stop - start) * Double($0) / Double(count - 1) }
                } else {
                    let step = try r.double(key: "step", "the step (or give count)")
                    guard step != 0, (stop - start) / step >= 0 else { throw r["step"]!.error("expected a step that goes from start to stop, got \(step)") }
                    let n = Int(((stop - start) / step + 1e-9).rounded(.down)) + 1
                    values = (0..<n).map { start + Double($0) * step }
                }
            } else {
                throw p.error("expected 'values: [...]' or 'range: {start, stop, count|step}'")
            }
            if values.isEmpty { throw p.error("expected at least one value") }
            parameters.append(Parameter(path: path, values: values))
        }
        if parameters.isEmpty { throw root["parameters"]!.error("expected at least one parameter") }
        if combine == .zip, let n = parameters.first?.values.count, let bad = parameters.first(where: { $0.values.count != n }) {
            throw root["parameters"]!.error("combine: zip needs the same number of values for every parameter; \(bad.path) has \(bad.values.count), expected \(n)")
        }
        metrics = try root.optional("metrics").map { m throws(InputError) in
            try m.list("a list of metric names").map { n throws(InputError) in try n.string() }
        } ?? SweepSpec.defaultMetrics
        var d = Diagnostics()
        root.warnUnknownKeys(["design", "combine", "parameters", "metrics"], &d)
        diagnostics = d
    }

    /// Number of variants.
    public var variantCount: Int {
        combine == .zip ? parameters[0].values.count : parameters.reduce(1) { $0 * $1.values.count }
    }

    /// Parameter values of variant `index` (factorial: the last parameter varies fastest).
    public func values(ofVariant index: Int) -> [Double] {
        if combine == .zip { return parameters.map { $0.values[index] } }
        var rest = index
        var out = [Double](repeating: 0, count: parameters.count)
        for p in stride(from: parameters.count - 1, through: 0, by: -1) {
            let n = parameters[p].values.count
            out[p] = parameters[p].values[rest % n]
            rest /= n
        }
        return out
    }
}

