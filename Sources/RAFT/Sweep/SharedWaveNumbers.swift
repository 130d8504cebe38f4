/// Wave numbers of one frequency grid and water depth, computed once for the variants of a sweep
/// (`SweepMetrics.evaluator`, issue 17: each variant solved the same 80 dispersion iterations again).
///
/// `values(omega:depth:)` gives them only for the same bits of every frequency and of the depth, so a variant gets
/// exactly what `waveNumbers(_:depth:)` would compute for it.
package struct SharedWaveNumbers: Sendable {
    let omega: [Double]
    let depth: Double
    let k: [Double]

    /// Throws as `waveNumbers(_:depth:)` does (a dispersion iteration that does not settle).
    package init(omega: [Double], depth: Double) throws {
        self.omega = omega
        self.depth = depth
        k = try waveNumbers(omega, depth: depth)
    }

    /// The wave numbers when `omega` and `depth` have the bits these were computed for, else nil.
    func values(omega o: [Double], depth d: Double) -> [Double]? {
        guard d.bitPattern == depth.bitPattern, o.count == omega.count else { return nil }
        for i in o.indices where o[i].bitPattern != omega[i].bitPattern { return nil }
        return k
    }
}
