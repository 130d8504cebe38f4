/// Results of one FOWT in one load case.
public struct FOWTCaseResult: Sendable {
    /// RAFT's `case_metrics[iCase][iFOWT]` channels and PSDs.
    public var metrics: CaseMetrics
    /// Mean absolute pose r6 [m, rad].
    public var r6: [Double]
    /// Drag-linearisation passes and whether RAFT's 1 % criterion was met.
    public var dynamicsIterations: Int
    public var dynamicsConverged: Bool
    /// potSecOrder 1: mean wave drift force `Fhydro_2nd_mean` [N, N·m] of wave train 0 that entered the second
    /// statics solve (nil when not computed).
    public var meanWaveDrift: [Double]? = nil
}

/// Results of one load case.
public struct CaseResult: Sendable {
    public var index: Int
    /// The case row as written in the YAML (key, value as text or number).
    package var inputs: [(key: String, value: InputValue)]
    public var fowts: [FOWTCaseResult]
    /// Shared-mooring tensions for farms (`case_metrics[iCase]['array_mooring']`).
    public var arrayMooring: CaseMetrics?
    /// Equilibrium evaluations used by the statics solve.
    public var staticsIterations: Int
}

/// Unloaded equilibrium of a single-FOWT design (RAFT `analyzeUnloaded` + `solveEigen`).
public struct UnloadedResult: Sendable {
    /// `offset_unloaded` [m, rad].
    public var offset: [Double]
    public var eigen: EigenResult
    /// `F_moor0` [N, N·m] and `C_moor0` at the undisplaced pose.
    public var mooringForce: [Double]
    public var mooringStiffness: Matrix6

    package init(offset: [Double], eigen: EigenResult, mooringForce: [Double], mooringStiffness: Matrix6) {
        self.offset = offset
        self.eigen = eigen
        self.mooringForce = mooringForce
        self.mooringStiffness = mooringStiffness
    }
}

/// Everything `raft run` produces.
public struct RunResult: Sendable {
    public var designName: String
    public var grid: FrequencyGrid
    public var unloaded: UnloadedResult?
    public var cases: [CaseResult]
    public var eigenAfterCases: EigenResult?
    public var warnings: [String]

    package init(designName: String, grid: FrequencyGrid, unloaded: UnloadedResult?, cases: [CaseResult],
                 eigenAfterCases: EigenResult?, warnings: [String]) {
        self.designName = designName
        self.grid = grid
        self.unloaded = unloaded
        self.cases = cases
        self.eigenAfterCases = eigenAfterCases
        self.warnings = warnings
    }

    /// Lifetime fatigue over the cases weighted by `fatigue.case_probability`/`case_hours` (nil without weights).
    package var lifetimeFatigue: LifetimeFatigue? = nil
    /// The fatigue settings the per-case DELs and extremes were computed with (nil when not computed).
    package var fatigueSettings: FatigueSettings? = nil

    /// Add the per-case fatigue and extreme channels (`CaseFatigue`) and the lifetime fatigue.
    /// `plan`: the keys of these settings laid out once (a sweep's variants share one); built here when nil or when
    /// it was built for other settings.
    package mutating func addFatigue(_ settings: FatigueSettings, plan given: CaseFatigue.Plan? = nil) {
        let plan = given.flatMap { $0.matches(settings) ? $0 : nil } ?? CaseFatigue.Plan(settings)
        for c in cases.indices {
            for j in cases[c].fowts.indices {
                CaseFatigue.append(to: &cases[c].fowts[j].metrics, grid: grid, settings: settings, plan: plan, caseIndex: c)
            }
        }
        lifetimeFatigue = LifetimeFatigue(cases: cases, settings: settings)
        fatigueSettings = settings
    }
}
