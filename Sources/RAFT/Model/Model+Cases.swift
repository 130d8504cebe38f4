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
    /// and outputs (spec 06 §10).
    /// Before the first case, platforms with potMod members get their BEM coefficients (`solvePotentialFlow`, RAFT's
    /// `calcBEM`), so the unloaded analysis before this call has none, and everything after it has them.
    /// - Parameters: progress: called after each case with (done, total); bemStatus: BEM solve progress.
    public mutating func analyzeCases(progress: ((Int, Int) -> Void)? = nil,
                                      bemStatus: (@Sendable (BEMStatus) -> Void)? = nil) throws -> [CaseResult] {
        guard let table = design.cases else { return [] }
        guard !table.cases.isEmpty else {
            try solvePotentialFlow(status: bemStatus)
            return []
        }
        if flexible != nil { return try analyzeFlexibleCases(table.cases, progress: progress, bemStatus: bemStatus) }
        if !farmSlots.isEmpty { return try analyzeFarmCases(table.cases, progress: progress, bemStatus: bemStatus) }
        for i in fowts.indices { try fowts[i].setPosition(fowts[i].reference) }
        try solvePotentialFlow(status: bemStatus)
        var out: [CaseResult] = []
        for c in table.cases {
            do {
                out.append(try analyzeCase(c))
            } catch let e as SolveError {
                throw e.located("case \(c.index)")
            }
            progress?(out.count, table.cases.count)
        }
        return out
    }

    /// `analyzeCases` for a flexible FOWT: its state (mooring warm starts, rotor operating points) carried from case to
    /// case as for rigid FOWTs.
    private mutating func analyzeFlexibleCases(_ cases: [LoadCase], progress: ((Int, Int) -> Void)?,
                                               bemStatus: (@Sendable (BEMStatus) -> Void)?) throws -> [CaseResult] {
        try flexible!.setReferencePose()
        try solvePotentialFlow(status: bemStatus)
        var out: [CaseResult] = []
        for c in cases {
            let r: CaseResult
            do {
                r = try flexible!.analyzeCase(c, grid: grid, waveNumbers: waveNumbers, settings: design.settings)
            } catch let e as SolveError {
                throw e.located("case \(c.index)")
            }
            if let f = r.fowts.first, !f.dynamicsConverged {
                warnings.append("case \(c.index), FOWT 0: drag linearisation did not meet RAFT's 1 % criterion in \(f.dynamicsIterations) passes (RAFT continues silently; so do we)")
            }
            out.append(r)
            progress?(out.count, cases.count)
        }
        return out
    }

    /// One load case of `analyzeCases` (statics, dynamics, outputs).
    private mutating func analyzeCase(_ c: LoadCase) throws -> CaseResult {
        do {
            var iterations = try solveStatics(c)
            let responses = try solveDynamics(c)
            if fowts.contains(where: { $0.platform.potSecOrder > 0 }) {
                // Mean position again, now with the mean wave drift; the dynamics are not re-solved (spec 06 §9, §10).
                for i in fowts.indices { fowts[i].meanDriftForce = responses[i].secondOrder?.mean ?? [Double](repeating: 0, count: 6) }
                defer { for i in fowts.indices { fowts[i].meanDriftForce = [Double](repeating: 0, count: 6) } }
                iterations += try solveStatics(c)
            }
            var fowtResults: [FOWTCaseResult] = []
            for i in fowts.indices {
                let m = try caseMetrics(fowt: i, response: responses[i], case: c)
                fowtResults.append(FOWTCaseResult(metrics: m, r6: fowts[i].r6, dynamicsIterations: responses[i].iterations,
                                                  dynamicsConverged: responses[i].converged,
                                                  meanWaveDrift: responses[i].secondOrder?.mean))
                if fowts[i].platform.potSecOrder == 1 && responses[i].secondOrder == nil {
                    warnings.append("case \(c.index), FOWT \(i): the first-order drag linearisation never converged, so no second-order wave loads were computed (as in RAFT)")
                }
                if !responses[i].converged {
                    warnings.append("case \(c.index), FOWT \(i): drag linearisation did not meet RAFT's 1 % criterion in \(responses[i].iterations) passes (RAFT continues silently; so do we)")
                }
            }
            var arrayMetrics: CaseMetrics?
            if arrayMooring != nil {
                arrayMetrics = try arrayMooringMetrics(responses)
            }
            return CaseResult(index: c.index, inputs: c.cells.map { ($0.key, $0.value.inputValue) }, fowts: fowtResults,
                              arrayMooring: arrayMetrics, staticsIterations: iterations)
        }
    }

    /// Shared-mooring tensions of a farm (spec 07 §3): composite lines converted (once), then `J·Xi_sys`.
    mutating func arrayMooringMetrics(_ responses: [FOWTResponse]) throws -> CaseMetrics {
        let nw = grid.count, n = dofCount
        do {
            try arrayMooring!.convertCompositeLines()
            let (t, jac) = try arrayMooring!.tensionsAndJacobian()
            let rows = responses[0].rows.indices.map { h in
                var r = [Complex](repeating: .zero, count: n * nw)
                for (i, resp) in responses.enumerated() { for j in 0..<nw { for d in 0..<6 { r[j * n + 6 * i + d] = resp.rows[h][j * 6 + d] } } }
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
