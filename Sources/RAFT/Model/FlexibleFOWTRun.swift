import Foundation

/// One load case of a flexible FOWT run: RAFT's `case_metrics[iCase][0]` channels and the mean reduced pose.
public struct FlexibleCaseResult: Sendable {
    public var index: Int
    /// Channel name → values (scalars as one element; PSDs flattened row-major; `*_RA_re` / `*_RA_im`).
    public var channels: [String: [Double]]
    /// Mean reduced displacement `X` [m, rad] (first 6 = PRP).
    public var mean: [Double]
    public var staticsEvaluations: Int
    public var dynamicsIterations: Int
    public var dynamicsConverged: Bool
    /// Wave component amplitudes ζ of the case's wave train per frequency [m] (for RAOs).
    public var waveAmplitudes: [[Double]] = []

    /// The channels as `CaseMetrics`, ordered and named as the rigid path writes them (per-line `Tmoor{k}_PSD`).
    public var metrics: CaseMetrics {
        var m = CaseMetrics()
        let ch = channels
        let nw = ch["surge_PSD"]?.count ?? 0
        func stat(_ name: String, vector: Bool) {
            for s in ["avg", "std", "max", "min"] {
                guard let v = ch["\(name)_\(s)"] else { continue }
                if vector { m.set("\(name)_\(s)", v) } else { m.set("\(name)_\(s)", v[0]) }
            }
        }
        for d in ["surge", "sway", "heave", "roll", "pitch", "yaw"] { stat(d, vector: false) }
        m.psd.append(("wave_PSD", ch["wave_PSD"] ?? []))
        for d in ["surge", "sway", "heave", "roll", "pitch", "yaw"] { m.psd.append(("\(d)_PSD", ch["\(d)_PSD"] ?? [])) }
        for name in ["AxRNA", "AyRNA", "AzRNA", "Mbase"] {
            stat(name, vector: true)
            if let p = ch["\(name)_PSD"] { m.psd.append(("\(name)_PSD", p)) }
        }
        for name in ["FbaseX", "FbaseY", "FbaseZ", "MbaseX", "MbaseY", "MbaseZ"] {
            stat(name, vector: false)
            if let p = ch["\(name)_PSD"] { m.psd.append(("\(name)_PSD", p)) }
        }
        if ch["Tmoor_avg"] != nil, nw > 0 {
            stat("Tmoor", vector: true)
            let p = ch["Tmoor_PSD"] ?? []
            for k in 0..<(p.count / nw) { m.psd.append(("Tmoor\(k)_PSD", Array(p[k * nw ..< (k + 1) * nw]))) }
        }
        for key in ["omega_avg", "omega_std", "omega_max", "omega_min", "torque_avg", "torque_std", "power_avg", "bPitch_avg", "bPitch_std"] {
            if let v = ch[key] { m.set(key, v) }
        }
        for key in ["omega_PSD", "torque_PSD", "bPitch_PSD"] { if let p = ch[key] { m.psd.append((key, p)) } }
        if nw > 0 {
            for d in ["surge", "sway", "heave", "roll", "pitch", "yaw"] {
                guard let re = ch["\(d)_RA_re"], let im = ch["\(d)_RA_im"], re.count == im.count, re.count % nw == 0 else { continue }
                m.responseAmplitudes.append(("\(d)_RA", (0..<(re.count / nw)).map { s in
                    (0..<nw).map { Complex(re[s * nw + $0], im[s * nw + $0]) }
                }))
            }
        }
        m.waveAmplitudes = waveAmplitudes
        return m
    }
}

/// Whether a design has flexible (beam) platform or tower members (routed to `analyzeFlexibleCases`).
func designHasBeams(_ design: Design) -> Bool {
    design.fowts.indices.contains { i in
        ((try? FOWTMembers(design: design, fowt: i))?.members ?? []).contains { $0.type == .beam && $0.part != .nacelle }
    }
}

/// `runDesign` for a single flexible FOWT: the load cases only (RAFT's unloaded equilibrium and eigen analysis of
/// flexible FOWTs are not reproduced yet; a warning says so).
func runFlexibleDesign(_ design: Design, options: RunOptions) throws -> RunResult {
    let results = try analyzeFlexibleCases(design, progress: options.progress.map { p in { p($0, $1) } })
    let cases = results.map { r in
        let c = design.cases?.cases.first { $0.index == r.index }
        return CaseResult(index: r.index, inputs: c?.cells.map { ($0.key, $0.value.inputValue) } ?? [],
                          fowts: [FOWTCaseResult(metrics: r.metrics, r6: Array(r.mean.prefix(6)), dynamicsIterations: r.dynamicsIterations,
                                                 dynamicsConverged: r.dynamicsConverged)],
                          arrayMooring: nil, staticsIterations: r.staticsEvaluations)
    }
    var warnings = design.diagnostics.warnings.map(\.description)
    warnings.append("flexible FOWT: unloaded equilibrium and eigen analysis are not computed yet (load cases only)")
    for r in results where !r.dynamicsConverged {
        warnings.append("case \(r.index), FOWT 0: drag linearisation did not meet RAFT's 1 % criterion in \(r.dynamicsIterations) passes (RAFT continues silently; so do we)")
    }
    let name = design.name ?? URL(fileURLWithPath: design.file).deletingPathExtension().lastPathComponent
    return RunResult(designName: name, grid: FrequencyGrid(settings: design.settings), unloaded: nil, cases: cases,
                     eigenAfterCases: nil, warnings: warnings)
}

/// RAFT `Model.analyzeCases()` for a single FOWT with flexible (beam) members (spec 06 §5, §7, §10; 07 §2): per case
/// (state carried over: mooring warm starts, rotor operating point) turbine constants at the reference pose, statics
/// in the reduced DOFs with the case's nacelle yaw, mean equilibrium, drag-linearised dynamics and output channels.
///
/// Supported: one FOWT, one wave train per case, own mooring with moorMod 0 and no line current, strip theory only,
/// no second-order loads, aeroServoMod ≤ 1. Anything else throws `SolveError.unsupported`.
public func analyzeFlexibleCases(_ design: Design, progress: ((Int, Int) -> Void)? = nil) throws -> [FlexibleCaseResult] {
    guard design.fowts.count == 1, design.arrayMooring == nil else {
        throw SolveError.unsupported("flexible FOWTs are supported in single-FOWT designs only")
    }
    let platform = design.platforms[design.fowts[0].platformIndex]
    guard platform.potSecOrder == 0, platform.potFirstOrder == 0, design.mooringCurrentMod == 0 else {
        throw SolveError.unsupported("flexible FOWTs: potential flow, second-order loads and mooring current are not supported yet")
    }
    guard design.fowts[0].x == 0, design.fowts[0].y == 0 else {
        throw SolveError.unsupported("flexible FOWTs: a reference position other than (0, 0) is not supported yet")
    }
    guard let table = design.cases, !table.cases.isEmpty else { return [] }
    let site = design.site
    let fm = try FOWTMembers(design: design, fowt: 0)
    if fm.members.contains(where: \.potMod) {
        throw SolveError.unsupported("flexible FOWTs: potential-flow members (potMod) are not supported yet")
    }
    let grid = FrequencyGrid(settings: design.settings)
    let k = try waveNumbers(grid.omega, depth: site.waterDepth)
    var rotors: [Rotor] = []
    if let ti = design.fowts[0].turbineIndex {
        for ir in 0..<design.turbines[ti].rotorCount {
            let r = try Rotor(turbine: design.turbines[ti], site: site, frequencies: grid.omega, index: ir)
            guard r.aeroServoMod <= 1 else { throw SolveError.unsupported("flexible FOWTs with aeroServoMod > 1 (control channels)") }
            rotors.append(r)
        }
    }
    var mooring = try MooringSystem(design: design, fowtIndex: 0)
    if let m = mooring, m.moorMod != 0 { throw SolveError.unsupported("flexible FOWTs with moorMod \(m.moorMod)") }
    var out: [FlexibleCaseResult] = []
    for c in table.cases {
        guard c.waves.count == 1 else { throw SolveError.unsupported("flexible FOWTs: case \(c.index) needs exactly one wave train") }
        // turbine constants at the reference pose, about each rotor node
        var aeroForces: [[Double]] = [], aeroMass: [[Matrix6]] = [], aeroDamping: [[Matrix6]] = []
        for i in rotors.indices {
            let rr = rotors[i].rRel
            rotors[i].setPosition(nodePose: [rr.x, rr.y, rr.z, 0, 0, 0])
            let (a, gyro) = try rotors[i].turbineConstants(RotorCase(c), nodePosition: .zero)
            aeroForces.append(a.meanForce)
            aeroMass.append(a.addedMass)
            aeroDamping.append(a.damping.map { $0 + gyro })
        }
        let zeroYaw = zip(rotors, fm.rnas).allSatisfy { $0.0.axisRotation == $0.1.shaftRotation }
        let s = try FlexibleFOWTStatics(members: fm, joints: design.joints, platform: platform, rho: site.rhoWater, g: site.g,
                                        rnaAxes: zeroYaw ? nil : rotors.map(\.axisRotation),
                                        formulation: design.settings.flexibleFormulation)
        var env = s.currentLoads(members: fm, rho: site.rhoWater, speed: c.currentSpeed ?? 0, headingDeg: c.currentHeadingDeg,
                                 shearExponent: site.shearExpWater, depth: site.waterDepth)
        var inp = FlexibleDynamicsInputs(equilibrium: FlexibleEquilibrium(x: [], evaluations: 0, mooringStiffness: Matrix6(),
                                                                          nodeDisplacements: [], t: s.t),
                                         addedMass: s.morisonAddedMass(members: fm, rho: site.rhoWater))
        if !rotors.isEmpty {
            var am = [DenseMatrix](repeating: DenseMatrix(rows: s.nDOF, cols: s.nDOF), count: grid.count), ad = am
            for (ir, node) in s.graph.rotorNodes.enumerated() {
                let f = s.reducedLoad(aeroForces[ir], atNode: node)
                for j in env.indices { env[j] += f[j] }
                for m in 0..<grid.count {
                    am[m] = am[m] + s.reducedMatrix(aeroMass[ir][m], atNode: node)
                    ad[m] = ad[m] + s.reducedMatrix(aeroDamping[ir][m], atNode: node)
                }
            }
            inp.aeroMass = am
            inp.aeroDamping = ad
        }
        let eq = try s.solveEquilibrium(environment: env, mooring: &mooring)
        inp.equilibrium = eq
        let sea = SeaState(train: c.waves[0], grid: grid)
        let (xi, passes, converged) = try s.solveDynamics(inp, members: fm, sea: sea, rho: site.rhoWater, depth: site.waterDepth, omega: grid.omega,
                                     waveNumbers: k, iterations: design.settings.nIter, xiStart: design.settings.xiStart,
                                     tolerance: design.settings.dragTolerance)
        var ch = try s.caseChannels(equilibrium: eq, response: xi, members: fm, omega: grid.omega, dw: grid.dw, g: site.g,
                                    mooring: &mooring)
        ch["wave_PSD"] = Statistics.psd(sources: [sea.amplitude.map { Complex($0, 0) }], dw: grid.dw)
        // rotor control channels: zero for aeroServoMod ≤ 1 (spec 07 §2.7)
        let nr = max(rotors.count, 1), z = [Double](repeating: 0, count: nr)
        for key in ["omega_avg", "omega_std", "omega_max", "omega_min", "torque_avg", "torque_std", "power_avg", "bPitch_avg", "bPitch_std"] {
            ch[key] = z
        }
        for key in ["omega_PSD", "torque_PSD", "bPitch_PSD"] { ch[key] = [Double](repeating: 0, count: grid.count * nr) }
        var result = FlexibleCaseResult(index: c.index, channels: ch, mean: eq.x, staticsEvaluations: eq.evaluations,
                                        dynamicsIterations: passes, dynamicsConverged: converged)
        result.waveAmplitudes = [sea.amplitude]
        out.append(result)
        progress?(out.count, table.cases.count)
    }
    return out
}
