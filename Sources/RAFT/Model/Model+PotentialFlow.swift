import Foundation

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
    /// * `potModMaster` 2, or 0 with potMod members: RAFT meshes the members and runs pyHAMS in `analyzeCases` —
    ///   not supported (`SolveError.unsupported`).
    /// * `potModMaster` 3: RAFT re-reads `hydroPath` in `calcBEM`, which only exists with `potFirstOrder: 1`.
    /// * `potFirstOrder` 1: files read now, so A_BEM/B_BEM also enter the unloaded eigen analysis (pitfall 9).
    /// - Returns: nil for strip theory only.
    static func setUp(design: Design, platform: PlatformInput, grid: FrequencyGrid) throws -> FOWTPotentialFlow? {
        let master = platform.potModMaster
        if master == 2 || (master == 0 && platform.anyPotMod) {
            throw SolveError.unsupported("platform.potModMaster \(master) with potential-flow (potMod) members: running a BEM solver (pyHAMS) is not supported; provide WAMIT .1/.3 files with potModMaster: 3 and hydroPath (with potFirstOrder: 1), or use potModMaster: 1 for strip theory only")
        }
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
}

extension FOWTModel {
    /// `A_BEM` at RAFT's first frequency w₀ (not ω = 0), as `solveEigen` uses it (spec 06 §11, P21) [kg, kg·m, kg·m²].
    var potentialFlowEigenAddedMass: Matrix6 { potentialFlow?.coefficients.radiation.addedMass.first ?? Matrix6() }

    /// `A support structure` = `A_hydro_morison + A_BEM[:, :, −1]` (BEM at the highest frequency; spec 07 §5).
    var supportStructureAddedMass: Matrix6 {
        hydroReference.addedMass + (potentialFlow?.coefficients.radiation.addedMass.last ?? Matrix6())
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
