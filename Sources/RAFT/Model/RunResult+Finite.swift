/// The last line of defence against NaN and infinity: nothing non-finite is ever reported as a result.
extension RunResult {
    /// Throws `SolveError.nonFinite` naming the first non-finite quantity, with its case, FOWT and frequency.
    package func requireFinite() throws(SolveError) {
        func bad(_ xs: [Double]) -> Int? { xs.firstIndex { !$0.isFinite } }
        if let u = unloaded {
            if let i = bad(u.offset) { throw .nonFinite("unloaded equilibrium offset, DOF \(i)") }
            if let i = bad(u.eigen.frequenciesHz) { throw .nonFinite("natural frequency \(i) at the unloaded equilibrium") }
            if u.eigen.modes.contains(where: { bad($0) != nil }) { throw .nonFinite("mode shapes at the unloaded equilibrium") }
            if let i = bad(u.mooringForce) { throw .nonFinite("unloaded mooring force F_moor0, DOF \(i)") }
            if bad(u.mooringStiffness.storage) != nil { throw .nonFinite("unloaded mooring stiffness C_moor0") }
        }
        for c in cases {
            for (j, f) in c.fowts.enumerated() {
                let at = "case \(c.index), FOWT \(j)"
                try f.metrics.requireFinite(at, grid: grid)
                if let i = bad(f.r6) { throw .nonFinite("\(at): mean offset r6, DOF \(i)") }
                if let d = f.meanWaveDrift, let i = bad(d) { throw .nonFinite("\(at): mean wave drift, DOF \(i)") }
            }
            try c.arrayMooring?.requireFinite("case \(c.index), shared mooring", grid: grid)
        }
    }
}

extension CaseMetrics {
    /// Throws naming the first non-finite statistic or PSD value (with its frequency).
    func requireFinite(_ at: String, grid: FrequencyGrid) throws(SolveError) {
        for (key, value) in values {
            let xs = value.values
            if let i = xs.firstIndex(where: { !$0.isFinite }) {
                throw .nonFinite("\(at): \(key)\(xs.count > 1 ? "[\(i)]" : "") = \(xs[i])")
            }
        }
        for (key, xs) in psd {
            if let k = xs.firstIndex(where: { !$0.isFinite }) {
                let f = k < grid.hz.count ? " at \(grid.hz[k]) Hz" : " at frequency index \(k)"
                throw .nonFinite("\(at): \(key)\(f) = \(xs[k])")
            }
        }
    }
}
