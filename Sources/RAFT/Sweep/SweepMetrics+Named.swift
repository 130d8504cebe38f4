extension SweepMetrics {
    /// The metrics `names` of a run, each with the value `metrics(of: r)` gives it (its first entry there), in the order
    /// of `names`; a name that list does not hold is left out. A sweep asks for a handful of the hundreds of names a
    /// run has: looking each one up costs a few string comparisons per statistic, where `metrics(of:)` builds every
    /// `case<i>.<key>[k]` name and a dictionary (issue 17).
    ///
    /// The entries of `metrics(of:)` come in this order, so a name is looked up in it: the statistics reduced over
    /// cases and FOWTs, the lifetime fatigue values, the unloaded `fn_`/`T_`/`offset_` values, then FOWT 0's
    /// per-case values.
    public static func metrics(of r: RunResult, named names: [String]) -> [(String, Double)] {
        var out: [(String, Double)] = []
        out.reserveCapacity(names.count)
        for name in names {
            if let v = reduced(r, name) ?? lifetime(r, name) ?? unloaded(r, name) ?? perCase(r, name) { out.append((name, v)) }
        }
        return out
    }

    /// `<key>` reduced over every case and FOWT as `metrics(of:)` does (largest, or smallest for `*_min`; a key whose
    /// values are all empty is not listed).
    static func reduced(_ r: RunResult, _ key: String) -> Double? {
        let isMin = key.hasSuffix("_min")
        var result: Double?
        for c in r.cases {
            for f in c.fowts {
                for (k, value) in f.metrics.values where k == key {
                    let vals = value.values
                    guard let red = isMin ? vals.min() : vals.max() else { continue }
                    if let old = result { result = isMin ? min(old, red) : max(old, red) } else { result = red }
                }
            }
        }
        return result
    }

    /// A lifetime fatigue value: the largest over FOWTs and line ends.
    static func lifetime(_ r: RunResult, _ key: String) -> Double? {
        guard let life = r.lifetimeFatigue else { return nil }
        var result: Double?
        for f in life.fowts {
            for (k, value) in f where k == key {
                guard let v = value.values.max() else { continue }
                if let old = result { result = max(old, v) } else { result = v }
            }
        }
        return result
    }

    /// `fn_<dof>`, `T_<dof>` or `offset_<dof>` of the unloaded equilibrium.
    static func unloaded(_ r: RunResult, _ name: String) -> Double? {
        guard let u = r.unloaded else { return nil }
        for (d, dof) in dofs.enumerated() where d < u.eigen.frequenciesHz.count {
            if name == "fn_" + dof { return u.eigen.frequenciesHz[d] }
            if name == "T_" + dof { return u.eigen.periodsS[d] }
            if name == "offset_" + dof { return u.offset[d] }
        }
        return nil
    }

    /// `case<i>.<key>` (a value with one entry) or `case<i>.<key>[k]` (entry k of a longer one) of FOWT 0, from the
    /// first case with index i; i and k written as `metrics(of:)` writes them (decimal, no sign or leading zero).
    static func perCase(_ r: RunResult, _ name: String) -> Double? {
        guard name.hasPrefix("case"), let dot = name.firstIndex(of: ".") else { return nil }
        let digits = name[name.index(name.startIndex, offsetBy: 4)..<dot]
        guard let i = Int(digits), String(i) == digits else { return nil }
        var key = Substring(name[name.index(after: dot)...])
        var element: Int?
        if key.hasSuffix("]"), let open = key.lastIndex(of: "[") {
            let inner = key[key.index(after: open)..<key.index(before: key.endIndex)]
            if let k = Int(inner), k >= 0, String(k) == inner {
                element = k
                key = key[..<open]
            }
        }
        for c in r.cases where c.index == i {
            guard let f = c.fowts.first else { continue }
            for (k, value) in f.metrics.values {
                let vals = value.values
                if let element {
                    if vals.count != 1 && k == key && element < vals.count { return vals[element] }
                } else if vals.count == 1 && k == key {
                    return vals[0]
                }
                // A key that itself ends in "[k]" (none does today) is written whole for a one-entry value.
                if element != nil && vals.count == 1 && k == name[name.index(after: dot)...] { return vals[0] }
            }
        }
        return nil
    }
}
