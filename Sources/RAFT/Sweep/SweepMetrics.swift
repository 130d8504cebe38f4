/// Named scalar metrics of a run, for sweeps and optimisation.
///
/// Names:
/// - `<key>` — RAFT case_metrics statistic over all cases and FOWTs: the largest value (the smallest for `*_min`),
///   vectors (per line end, per rotor) reduced the same way, e.g. `pitch_std`, `Tmoor_max`, `surge_avg`;
/// - `case<i>.<key>` — one case (FOWT 0), e.g. `case1.pitch_std`; `case<i>.<key>[k]` — one entry of a vector;
/// - `fn_surge` … `fn_yaw` [Hz], `T_surge` … `T_yaw` [s] — unloaded natural frequencies/periods (single FOWT);
/// - `offset_surge` … `offset_yaw` — unloaded equilibrium offsets [m, rad];
/// - fatigue and extremes (`CaseFatigue`): `Mbase_DEL_m4`, `Tmoor_DEL_nb_m3`, `Mbase_mpm`, … reduced like the other
///   statistics (the worst case); lifetime values `Mbase_DEL_life_m4`, `Tmoor_damage_life`, … (the largest over
///   FOWTs and line ends) when the design's `fatigue` section gives case weights.
public enum SweepMetrics {
    static let dofs = ["surge", "sway", "heave", "roll", "pitch", "yaw"]

    /// Flatten a run into named metrics.
    public static func metrics(of r: RunResult) -> [(String, Double)] {
        var out: [(String, Double)] = []
        var aggregate: [String: Double] = [:]
        var order: [String] = []
        for c in r.cases {
            for (j, f) in c.fowts.enumerated() {
                for (key, value) in f.metrics.values {
                    let vals = value.values
                    if j == 0 {
                        if vals.count == 1 { out.append(("case\(c.index).\(key)", vals[0])) } else {
                            for (k, v) in vals.enumerated() { out.append(("case\(c.index).\(key)[\(k)]", v)) }
                        }
                    }
                    let isMin = key.hasSuffix("_min")
                    guard let reduced = isMin ? vals.min() : vals.max() else { continue }
                    if let old = aggregate[key] {
                        aggregate[key] = isMin ? min(old, reduced) : max(old, reduced)
                    } else {
                        aggregate[key] = reduced
                        order.append(key)
                    }
                }
            }
        }
        var head = order.map { ($0, aggregate[$0]!) }
        if let life = r.lifetimeFatigue {
            var lifeOrder: [String] = [], lifeMax: [String: Double] = [:]
            for f in life.fowts {
                for (key, value) in f {
                    guard let v = value.values.max() else { continue }
                    if let old = lifeMax[key] { lifeMax[key] = max(old, v) } else { lifeMax[key] = v; lifeOrder.append(key) }
                }
            }
            head += lifeOrder.map { ($0, lifeMax[$0]!) }
        }
        if let u = r.unloaded {
            for (d, name) in dofs.enumerated() where d < u.eigen.frequenciesHz.count {
                head.append(("fn_\(name)", u.eigen.frequenciesHz[d]))
                head.append(("T_\(name)", u.eigen.periodsS[d]))
                head.append(("offset_\(name)", u.offset[d]))
            }
        }
        return head + out
    }

    /// Evaluate a design for a sweep: the whole RAFT flow, then `metrics(of:)`.
    public static func evaluate(_ design: Design) throws -> [(String, Double)] {
        metrics(of: try runDesign(design))
    }

    /// Top-level sections a sweep parameter may edit while every variant keeps the base design's rotors: a rotor
    /// is built from the `turbine(s)`, `site` and `settings` sections only (blade elements, fitted airfoils,
    /// control gains, frequencies), and editing numbers here changes neither those nor which FOWT has which turbine.
    static let rotorNeutralSections: Set<String> = ["platform", "platforms", "mooring", "moorings", "cases"]

    /// Whether every parameter of `spec` edits a section in `rotorNeutralSections` (so `evaluator` shares rotors).
    static func sharesRotors(_ spec: SweepSpec) -> Bool {
        spec.parameters.allSatisfy { p in
            guard case .key(let top)? = (try? YAMLEditPath(p.path))?.steps.first else { return false }
            return rotorNeutralSections.contains(top)
        }
    }

    /// `evaluate` for the variants of `spec` on `base`, keeping only the spec's metrics (`metrics(of:named:)`). When
    /// every parameter edits a section in `rotorNeutralSections`, the rotors are built once from `base` and every
    /// variant starts from copies of them (the same values a variant would build, so the same result bits), with a
    /// shared `RotorAeroMemo` each. The wave numbers of the base design's grid and depth and its fatigue keys are
    /// computed once too; a variant uses them only when its own grid, depth or fatigue settings have the same bits.
    /// The eigen analysis after the cases, which no metric reads, is skipped.
    package static func evaluator(spec: SweepSpec, base: Design) -> @Sendable (Design) throws -> [(String, Double)] {
        let names = spec.metrics
        var options = RunOptions()
        options.waveNumbers = try? SharedWaveNumbers(omega: FrequencyGrid(settings: base.settings).omega, depth: base.site.waterDepth)
        options.fatiguePlan = CaseFatigue.Plan(base.fatigue)
        // `metrics(of:named:)` reads the cases, the lifetime fatigue and the unloaded equilibrium, never the eigen
        // analysis after the cases or the warnings.
        options.eigenAfterCases = false
        if sharesRotors(spec), var rotors = try? Model.rotors(of: base) {
            // Every variant runs the same cases on copies of these rotors at the reference pose: one memo per rotor.
            for k in rotors.indices { for r in rotors[k].indices { rotors[k][r].aeroMemo = RotorAeroMemo() } }
            options.rotors = rotors
        }
        let shared = options
        return { design in metrics(of: try runDesign(design, options: shared), named: names) }
    }

    /// RAFT `case_metrics` statistic names a run can produce (vectors per line end or rotor keep one name).
    static let statisticNames: [String] = {
        var out: [String] = []
        for c in dofs + ["Tmoor", "AxRNA", "AyRNA", "AzRNA", "Mbase", "FbaseX", "FbaseY", "FbaseZ", "MbaseX", "MbaseY", "MbaseZ", "omega"] {
            for s in ["avg", "std", "max", "min"] { out.append("\(c)_\(s)") }
        }
        return out + ["torque_avg", "torque_std", "power_avg", "bPitch_avg", "bPitch_std"]
    }()

    /// The fatigue and extreme metric names a run of `design` can produce, from the same key lists that compute
    /// them: per case (`CaseFatigue.keys`, also as `case<i>.<key>`) and lifetime (`LifetimeFatigue.keys`, only
    /// with case weights), for the fatigue channels that are RAFT statistic channels (`<ch>_avg`).
    static func fatigueNames(_ design: Design) -> (perCase: [String], lifetime: [String]) {
        let channels = Set(statisticNames.filter { $0.hasSuffix("_avg") }.map { String($0.dropLast(4)) })
        let perCase = CaseFatigue.keys(design.fatigue).filter { channels.contains($0.channel) }.map { $0.key }
        let known = Set(perCase)
        let lifetime = LifetimeFatigue.keys(design.fatigue).filter { known.contains($0.caseKey) }.map { $0.key }
        return (perCase, lifetime)
    }

    /// Why `name` is not a metric `metrics(of:)` can produce for `design` (its cases and `fatigue` settings), or nil.
    public static func problem(with name: String, design: Design) -> String? {
        let caseCount = design.cases?.cases.count ?? 0
        let unloaded = dofs.flatMap { ["fn_\($0)", "T_\($0)", "offset_\($0)"] }
        let fatigue = fatigueNames(design)
        let perCase = statisticNames + fatigue.perCase
        if unloaded.contains(name) || perCase.contains(name) || fatigue.lifetime.contains(name) { return nil }
        var key = name
        if name.hasPrefix("case"), let dot = name.firstIndex(of: ".") {
            guard let i = Int(name[name.index(name.startIndex, offsetBy: 4)..<dot]), i >= 0 else {
                return "metric '\(name)': expected case<i>.<statistic> with a case number i"
            }
            guard i < caseCount else { return "metric '\(name)': the design has \(caseCount) case(s) (case0 ... case\(max(0, caseCount - 1)))" }
            key = String(name[name.index(after: dot)...])
            if key.hasSuffix("]"), let open = key.lastIndex(of: "["), Int(key[key.index(after: open)..<key.index(before: key.endIndex)]) != nil {
                key = String(key[..<open])
            }
            if perCase.contains(key) { return nil }
            if fatigue.lifetime.contains(key) { return "metric '\(name)': lifetime metrics such as \(key) are over all cases; drop the case<i>. prefix" }
        }
        let examples = ([fatigue.perCase.first { $0.contains("_DEL_") }, fatigue.perCase.first { $0.hasSuffix("_mpm") },
                         fatigue.lifetime.first]).compactMap { $0 }
        var msg = "unknown metric '\(name)'; expected a RAFT statistic (e.g. pitch_std, Tmoor_max), case<i>.<statistic>, fn_<dof>, T_<dof>, offset_<dof>"
        msg += examples.isEmpty ? "" : " or a fatigue/extreme metric of the design's fatigue settings (e.g. \(examples.joined(separator: ", ")))"
        if let s = suggestion(for: key, among: perCase + fatigue.lifetime + unloaded) {
            msg += "; did you mean '\(key == name ? s : name.replacing(key, with: s))'?"
        }
        if ["_DEL_", "_mpm", "_max_pe", "_life"].contains(where: { key.contains($0) }) {
            let f = design.fatigue
            msg += "; fatigue metrics follow the design's fatigue section: channels \(f.channels.joined(separator: ", ")), slopes "
                + f.slopes.map(CaseFatigue.keyNumber).joined(separator: ", ") + ", extremes \(f.extremes.joined(separator: ", "))"
                + (f.exceedance.isEmpty ? "" : ", exceedance " + f.exceedance.map(CaseFatigue.keyNumber).joined(separator: ", "))
                + (f.caseProbability == nil ? " (lifetime metrics need fatigue.case_probability or case_hours)" : "")
        }
        return msg
    }
}
