#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

extension Model {
    /// RAFT `analyzeCases()`: every FOWT back to its reference pose, then per case (YAML order, state carried over)
    /// statics, dynamics, a second statics solve with the mean wave drift when any platform has `potSecOrder`,
    /// and outputs (spec 06 §10). One path for rigid and flexible FOWTs, alone or in farms.
    /// Before the first case, platforms with potMod members get their BEM coefficients (`solvePotentialFlow`, RAFT's
    /// `calcBEM`), so the unloaded analysis before this call has none, and everything after it has them.
    /// - Parameters: progress: called after each case with (done, total); bemStatus: BEM solve progress.
    public mutating func analyzeCases(progress: ((Int, Int) -> Void)? = nil,
                                      bemStatus: (@Sendable (BEMStatus) -> Void)? = nil) throws -> [CaseResult] {
        try analyzeCases(bemStatus: bemStatus, finished: progress.map { p in { done, total, _ in p(done, total) } })
    }

    /// `analyzeCases(progress:bemStatus:)` that also hands each case's result to `finished` (done, total, result) as
    /// soon as it is known (`raft run` formats the case's files meanwhile).
    package mutating func analyzeCases(bemStatus: (@Sendable (BEMStatus) -> Void)?,
                                       finished: ((Int, Int, CaseResult) -> Void)?) throws -> [CaseResult] {
        guard let table = design.cases else { return [] }
        guard !table.cases.isEmpty else {
            try solvePotentialFlow(status: bemStatus)
            return []
        }
        for i in fowts.indices {
            do { try fowts[i].setReferencePose() } catch let e as SolveError { throw fowts.count > 1 ? e.located("FOWT \(i + 1)") : e }
        }
        try solvePotentialFlow(status: bemStatus)
        var out: [CaseResult] = []
        for c in table.cases {
            do {
                out.append(try analyzeCase(c))
            } catch let e as SolveError {
                throw e.located("case \(c.index)")
            }
            finished?(out.count, table.cases.count, out[out.count - 1])
        }
        return out
    }

    /// One load case of `analyzeCases` (statics, dynamics, outputs).
    private mutating func analyzeCase(_ c: LoadCase) throws -> CaseResult {
        var iterations = try solveStatics(c)
        let responses = try solveDynamics(c)
        if fowts.contains(where: { $0.platform.potSecOrder > 0 }) {
            // Mean position again, now with the mean wave drift (on the PRP DOFs of either kind of FOWT); the dynamics
            // are not re-solved (spec 06 §9, §10).
            for i in fowts.indices { fowts[i].meanDriftForce = responses[i].secondOrder?.mean ?? [Double](repeating: 0, count: 6) }
            defer { for i in fowts.indices { fowts[i].meanDriftForce = [Double](repeating: 0, count: 6) } }
            iterations += try solveStatics(c)
        }
        var fowtResults: [FOWTCaseResult] = []
        for i in fowts.indices {
            let r = responses[i]
            fowtResults.append(try fowts[i].caseResult(c, response: r, grid: grid, g: design.site.g))
            if fowts[i].platform.potSecOrder == 1 && r.secondOrder == nil {
                warnings.append("case \(c.index), FOWT \(i): the first-order drag linearisation never converged, so no second-order wave loads were computed (as in RAFT)")
            }
            if !r.converged {
                warnings.append("case \(c.index), FOWT \(i): drag linearisation did not meet RAFT's 1 % criterion in \(r.iterations) passes (RAFT continues silently; so do we)")
            }
        }
        var arrayMetrics: CaseMetrics?
        if arrayMooring != nil {
            arrayMetrics = try arrayMooringMetrics(responses)
        }
        return CaseResult(index: c.index, inputs: c.cells.map { ($0.key, $0.value.inputValue) }, fowts: fowtResults,
                          arrayMooring: arrayMetrics, staticsIterations: iterations)
    }

    /// Shared-mooring tensions of a farm (spec 07 §3): composite lines converted (once), then `J·Xi_sys` over the
    /// FOWTs' PRP DOFs (or the lumped-mass lines).
    mutating func arrayMooringMetrics(_ responses: [FOWTResponse]) throws -> CaseMetrics {
        let nw = grid.count, n = 6 * fowts.count
        do {
            try arrayMooring!.convertCompositeLines()
            let (t, jac) = try arrayMooring!.tensionsAndJacobian()
            let rows = responses[0].rows.indices.map { h in
                var r = [Complex](repeating: .zero, count: n * nw)
                for (i, resp) in responses.enumerated() {
                    let m = resp.rows[h].count / nw  // the FOWT's DOFs, the PRP's 6 first
                    for j in 0..<nw { for d in 0..<6 { r[j * n + 6 * i + d] = resp.rows[h][j * m + d] } }
                }
                return r
            }
            var m = CaseMetrics()
            // moorMod 0: J·Xi_sys; 1/2: lumped-mass line dynamics (Model+LumpedMooring.swift).
            let amps = try arrayTensionAmplitudes(jacobian: jac, count: t.count, systemRows: rows, responses: responses)
            CaseChannels.tensions(mean: t, amplitudes: amps, w0: grid.omega[0], into: &m)
            return m
        } catch {
            throw ContextualError("array mooring tensions", error)
        }
    }
}
