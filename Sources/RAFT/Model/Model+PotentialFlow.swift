#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Potential-flow hydrodynamics of one FOWT: WAMIT coefficients and which of them RAFT applies (spec 05 §1).
struct FOWTPotentialFlow: Sendable {
    /// `A_BEM`, `B_BEM`, `X_BEM` on the model's grid.
    var coefficients: PotentialFlowCoefficients
    /// RAFT computes `F_BEM` only when `potMod or potModMaster in {2, 3}` (spec 05 §1, §4.1).
    var appliesExcitation: Bool
    /// Remarks for `Model.warnings`.
    var warnings: [String]

    /// RAFT's construction-time `readHydro()` and the `calcBEM` decision (spec 05 §1; 06 §1.1 step 14).
    ///
    /// * `potModMaster` 2, or 0 with potMod members: RAFT meshes the members and runs pyHAMS in `analyzeCases`
    ///   (`runsBEM`; `Model.solvePotentialFlow` does it natively). Files read here with `potFirstOrder: 1` are
    ///   used until then (unloaded equilibrium and eigen analysis), as in RAFT.
    /// * `potModMaster` 3: RAFT re-reads `hydroPath` in `calcBEM`, which only exists with `potFirstOrder: 1`.
    /// * `potFirstOrder` 1: files read now, so A_BEM/B_BEM also enter the unloaded eigen analysis (pitfall 9).
    /// - Returns: nil for strip theory only (or until the BEM solve).
    static func setUp(design: Design, platform: PlatformInput, grid: FrequencyGrid) throws -> FOWTPotentialFlow? {
        let master = platform.potModMaster
        if master == 3 && platform.potFirstOrder != 1 {
            throw (platform.potFirstOrderLocation ?? platform.potModMasterLocation ?? platform.location).error(
                "potModMaster 3 reads the WAMIT .1/.3 files named by hydroPath, which RAFT only takes with potFirstOrder: 1 (RAFT 2.0.4 fails in analyzeCases otherwise); set potFirstOrder: 1 and hydroPath")
        }
        guard platform.potFirstOrder == 1, let files = platform.hydroFiles else { return nil }
        let coefficients = try PotentialFlowCoefficients(files: files, omega: grid.omega, rho: design.site.rhoWater, g: design.site.g)
        let excitation = platform.anyPotMod || master >= 2
        var warnings: [String] = []
        if !excitation {
            warnings.append("\(files.location.file): \(files.location.path): potFirstOrder 1 without potential-flow members (potModMaster \(master)): as in RAFT, the WAMIT added mass and damping are used but not the wave excitation, while strip theory stays fully active (added mass counted twice)")
        }
        return FOWTPotentialFlow(coefficients: coefficients, appliesExcitation: excitation, warnings: warnings)
    }

    /// RAFT's `calcBEM` runs pyHAMS for this platform: `potMod and potModMaster in {0, 2}` (spec 05 §1).
    static func runsBEM(_ platform: PlatformInput) -> Bool {
        platform.potModMaster == 2 || (platform.potModMaster == 0 && platform.anyPotMod)
    }
}

/// What the native BEM solve inside `Model.analyzeCases` is doing (for progress displays).
public enum BEMStatus: Sendable {
    /// A solve starts (platform index, panel count, frequency count).
    case solving(platform: Int, panels: Int, frequencies: Int)
    /// Frequencies solved so far.
    case frequency(done: Int, total: Int)
    /// The coefficients are ready (wall time [s]; `cached`: taken from the memo or the persistent store).
    case done(platform: Int, panels: Int, frequencies: Int, seconds: Double, cached: Bool)
}

extension Model {
    /// RAFT's `calcBEM` preamble of `analyzeCases` (spec 05 §1, §8): for every FOWT whose platform runs the BEM,
    /// mesh the potMod members and solve (`BEMProblem`, cached by exact mesh and frequency bits), then read the
    /// result as RAFT reads pyHAMS's files; FOWTs of an already-solved platform type reuse the first one's
    /// coefficients (RAFT sets them to potModMaster 3 with the earlier hydroPath). Does nothing after the first call.
    package mutating func solvePotentialFlow(status: (@Sendable (BEMStatus) -> Void)? = nil) throws {
        try solvePotentialFlow(status: status, using: nil)
    }

    /// `solvePotentialFlow` with the solver replaced by `provider` (tests feed pyHAMS's own coefficients through
    /// the same path).
    package mutating func solvePotentialFlow(status: (@Sendable (BEMStatus) -> Void)?,
                                             using provider: ((BEMProblem) throws -> BEMCoefficients)?) throws {
        guard !potentialFlowSolved else { return }
        var done: [Int: FOWTPotentialFlow] = [:]
        // rigid and flexible FOWTs alike (a flexible FOWT's coefficients act on its PRP node), in FOWT order
        for i in fowts.indices where FOWTPotentialFlow.runsBEM(fowts[i].platform) {
            fowts[i].potentialFlow = try solveBEM(members: fowts[i].members, platform: fowts[i].platform,
                                                  platformIndex: fowts[i].entry.platformIndex, done: &done, status: status, using: provider)
        }
        potentialFlowSolved = true
    }

    /// One platform type's BEM solve for `solvePotentialFlow` (reused for later FOWTs of the same platform).
    private func solveBEM(members: FOWTMembers, platform: PlatformInput, platformIndex p: Int, done: inout [Int: FOWTPotentialFlow],
                          status: (@Sendable (BEMStatus) -> Void)?,
                          using provider: ((BEMProblem) throws -> BEMCoefficients)?) throws -> FOWTPotentialFlow {
        if let pf = done[p] { return pf }
        let problem = try BEMProblem(members: members.members, platform: platform, grid: grid, waterDepth: bemWaterDepth)
        let start = Date()
        let panels = problem.mesh.panels.count, nf = problem.omega.count
        status?(.solving(platform: p, panels: panels, frequencies: nf))
        let (c, cached) = try provider.map { (try $0(problem), false) }
            ?? problem.solve(progress: status.map { s in { s(.frequency(done: $0, total: $1)) } })
        status?(.done(platform: p, panels: panels, frequencies: nf, seconds: Date().timeIntervalSince(start), cached: cached))
        let coefficients = try PotentialFlowCoefficients(bem: c, omega: grid.omega, rho: design.site.rhoWater, g: design.site.g,
                                                         source: "native BEM (\(panels) panels)")
        let pf = FOWTPotentialFlow(coefficients: coefficients, appliesExcitation: true, warnings: [])
        done[p] = pf
        return pf
    }
}

extension FOWT {
    /// `A_BEM` at RAFT's first frequency w₀ (not ω = 0), as `solveEigen` uses it (spec 06 §11, P21) [kg, kg·m, kg·m²].
    var potentialFlowEigenAddedMass: Matrix6 { potentialFlow?.coefficients.radiation.addedMass.first ?? Matrix6() }

    /// `A support structure` = `A_hydro_morison + A_BEM[:, :, −1]` of a rigid FOWT (BEM at the highest frequency;
    /// spec 07 §5).
    var supportStructureAddedMass: Matrix6 {
        structure.rigid.hydroReference.addedMass + (potentialFlow?.coefficients.radiation.addedMass.last ?? Matrix6())
    }

    /// Adds `A_BEM(ω)` to `M_lin` and `B_BEM(ω)` to `B_lin` (spec 06 §7.1).
    func addPotentialFlowRadiation(to s: inout LinearSystem) {
        guard let r = potentialFlow?.coefficients.radiation else { return }
        for j in 0..<s.omega.count { for q in 0..<36 {
            s.mass[j * 36 + q] += r.addedMass[j].storage[q]
            s.damping[j * 36 + q] += r.damping[j].storage[q]
        } }
    }

    /// Adds `F_BEM[h]` to each wave train's excitation (spec 05 §4.1, 06 §6.4).
    func addPotentialFlowExcitation(_ seas: [SeaState], waveNumbers: [Double], to forces: inout [ComplexSeries6]) {
        guard let pf = potentialFlow, pf.appliesExcitation else { return }
        for (h, sea) in seas.enumerated() {
            let f = pf.coefficients.excitation.waveExcitation(heading: sea.heading, headingAdjustDeg: entry.headingAdjustDeg,
                                                             amplitude: sea.amplitude, waveNumbers: waveNumbers,
                                                             referenceX: entry.x, referenceY: entry.y)
            for q in forces[h].values.indices { forces[h].values[q] = f.values[q] + forces[h].values[q] }
        }
    }
}

/// One BEM run RAFT's `calcBEM` would make for a design: the first FOWT of each platform type with potMod members.
package struct PlatformBEMRun: Sendable {
    /// FOWT index (0-based) and platform index.
    package var fowt: Int
    package var platform: Int
    package var problem: BEMProblem
    /// RAFT's `C_hydro` of that FOWT at its reference pose (what RAFT gives HAMS as `Hydrostatic.in`, and what HAMS
    /// writes back, divided by ρg, as `Buoy.hst`) [N/m, N, N·m/rad].
    package var hydrostaticStiffness: Matrix6
    /// `site.rho_water` [kg/m³] and `site.g` [m/s²].
    package var rho: Double
    package var g: Double
}

extension Model {
    /// Depth of the native panel method: `site.water_depth` with `settings.bem_depth: finite`, else nil (deep water).
    var bemWaterDepth: Double? { design.settings.bemDepth == .finite ? design.site.waterDepth : nil }

    /// The BEM runs of `solvePotentialFlow`, without solving (for `raft bem`): the potMod members of each platform
    /// type (potModMaster 0 and the members flagged potMod; 2 and 3: every platform member).
    /// - Throws: `SolveError.unsupported` as `BEMProblem.init`. Empty when no member is potential flow.
    package func bemRuns() throws -> [PlatformBEMRun] {
        var seen = Set<Int>(), out: [PlatformBEMRun] = []
        for (i, fowt) in fowts.enumerated() where fowt.platform.anyPotMod {
            guard fowt.isRigid else { continue }  // (flexible FOWTs: reduced C_hydro; not offered by `raft bem`)
            let f = fowt, p = f.entry.platformIndex
            guard seen.insert(p).inserted else { continue }
            let problem = try BEMProblem(members: f.members.members, platform: f.platform, grid: grid, waterDepth: bemWaterDepth)
            out.append(PlatformBEMRun(fowt: i, platform: p, problem: problem, hydrostaticStiffness: f.structure.rigid.statics.hydrostaticStiffness,
                                      rho: design.site.rhoWater, g: design.site.g))
        }
        return out
    }
}
