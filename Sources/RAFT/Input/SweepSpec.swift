#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

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
    /// The parsed sweep file (nil for a sweep built in code).
    package var root: YAMLNode?
    /// Identifies this definition: the sweep's content, the base design file's bytes and the program version.
    /// Each variant file records it; a resumed sweep recomputes variants written under another fingerprint.
    public var fingerprint: String

    public static let defaultMetrics = ["surge_avg", "surge_std", "heave_std", "pitch_avg", "pitch_std", "pitch_max",
                                        "Tmoor_max", "AxRNA_std", "Mbase_std"]

    /// A sweep built in code (e.g. a Sobol study's sample as zipped parameters).
    public init(designPath: String, combine: Combine, parameters: [Parameter], metrics: [String]) {
        self.designPath = designPath; self.combine = combine; self.parameters = parameters; self.metrics = metrics
        root = nil
        var definition = Array("\(combine)".utf8)
        for p in parameters {
            definition += Array(p.path.utf8) + [0]
            for v in p.values { definition += Array("\(v.bitPattern)".utf8) + [1] }
        }
        definition += Array(metrics.joined(separator: ",").utf8)
        fingerprint = SweepSpec.fingerprint(definition: definition, designPath: designPath)
    }

    /// FNV-1a over the sweep's definition, the base design file's bytes and the program version.
    static func fingerprint(definition: [UInt8], designPath: String) -> String {
        let designBytes = (try? Data(contentsOf: URL(fileURLWithPath: designPath))) ?? Data()
        var h = FNV1a64()
        h.add(definition)
        h.add([0])
        h.add(Array(designBytes))
        h.add([0])
        h.add(Array(raftVersion.utf8))
        return h.hex
    }

    public static func load(path: String) throws(InputError) -> SweepSpec {
        let url = URL(fileURLWithPath: path)
        let root = try YAMLNode.load(contentsOf: url)
        return try SweepSpec(root: root, baseDirectory: url.deletingLastPathComponent().path)
    }

    package init(root: YAMLNode, baseDirectory: String) throws(InputError) {
        _ = try root.requireMap("a sweep description (a mapping with design, parameters, metrics)")
        self.root = root
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
                    guard count <= SweepSpec.maxVariants else { throw n.error("expected a count in [1, \(SweepSpec.maxVariants)], got \(count)") }
                    values = count == 1 ? [start] : (0..<count).map { start + (stop - start) * Double($0) / Double(count - 1) }
                } else {
                    let step = try r.double(key: "step", "the step (or give count)")
                    guard step != 0, (stop - start) / step >= 0 else { throw r["step"]!.error("expected a step that goes from start to stop, got \(step)") }
                    let steps = ((stop - start) / step + 1e-9).rounded(.down)
                    guard steps.isFinite, steps < Double(SweepSpec.maxVariants) else {
                        throw r["step"]!.error("a step of \(step) from \(start) to \(stop) gives more than \(SweepSpec.maxVariants) values")
                    }
                    let n = Int(steps) + 1
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
        if combine == .factorial {
            var total = 1
            for p in parameters {
                let (product, overflow) = total.multipliedReportingOverflow(by: p.values.count)
                guard !overflow, product <= SweepSpec.maxVariants else {
                    throw root["parameters"]!.error("the factorial combination has more than \(SweepSpec.maxVariants) variants; use fewer values or combine: zip")
                }
                total = product
            }
        }
        metrics = try root.optional("metrics").map { m throws(InputError) in
            try m.list("a list of metric names").map { n throws(InputError) in try n.string() }
        } ?? SweepSpec.defaultMetrics
        var d = Diagnostics()
        root.warnUnknownKeys(["design", "combine", "parameters", "metrics"], &d)
        diagnostics = d
        fingerprint = SweepSpec.fingerprint(definition: Array(SweepSpec.canonicalText(root).utf8), designPath: designPath)
    }

    /// Most variants one sweep may define (each writes a file; beyond this is a typo, not a study).
    public static let maxVariants = 1_000_000

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



extension SweepSpec {
    /// The YAML tree as text without comments, spacing or positions: what the fingerprint covers.
    static func canonicalText(_ n: YAMLNode) -> String {
        switch n.value {
        case .null: return "~"
        case .scalar(let s, let quoted): return quoted ? "'\(s)'" : s
        case .list(let items): return "[" + items.map(canonicalText).joined(separator: ",") + "]"
        case .map(let pairs): return "{" + pairs.map { "\($0.key):\(canonicalText($0.value))" }.joined(separator: ",") + "}"
        }
    }
}

/// 64-bit FNV-1a, for the sweep fingerprint (stable across runs and platforms; not a security hash).
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ bytes: [UInt8]) {
        for b in bytes { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    }
    var hex: String { let s = String(value, radix: 16); return String(repeating: "0", count: 16 - s.count) + s }
}

extension SweepSpec {
    /// Check, before any variant runs, that every parameter path names a value of the base design (a typo would
    /// silently add a key nobody reads) and every metric is one `SweepMetrics` produces. Throws with a
    /// "did you mean" where one is close.
    public func validate(against base: Design) throws(InputError) {
        let rootLocation = root?.location ?? InputLocation(file: designPath, path: .root, line: nil, column: nil)
        let paramNodes = ((try? root?.required("parameters").list()) ?? nil) ?? []
        for (k, p) in parameters.enumerated() {
            let at = k < paramNodes.count ? (paramNodes[k]["path"] ?? paramNodes[k]).location : rootLocation
            let path = try YAMLEditPath(p.path)
            if let existing = base.root.node(at: path) {
                if existing.isMap {
                    throw at.error("'\(p.path)' is a mapping in \(base.file); a sweep parameter must name a number (or a list of numbers)")
                }
                continue
            }
            // The last key is missing: the editor would add it. Accept it only if the design reads that key.
            let edited: Design
            do {
                edited = try base.setting(p.path, to: p.values[0])
            } catch {
                if error.message.hasPrefix("cannot apply") { throw at.error(error.message) }
                continue  // the new key was read and its value judged: the key exists in the schema
            }
            let before = Set(base.diagnostics.warnings.map { $0.description })
            if let w = edited.diagnostics.warnings.first(where: { !before.contains($0.description) && $0.message.hasPrefix("unknown key") }) {
                throw at.error("'\(p.path)' is not a key of \(base.file) (\(w.path): \(w.message))")
            }
        }
        let metricNodes = (try? root?.optional("metrics")?.list()) ?? nil
        for (k, name) in metrics.enumerated() {
            if let problem = SweepMetrics.problem(with: name, design: base) {
                let at = metricNodes.flatMap { k < $0.count ? $0[k].location : nil } ?? rootLocation
                throw at.error(problem)
            }
        }
    }
}
