#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT

/// Panel-method coefficients for validation cases of kind `bem` (heading 0; infinite depth, or finite depth
/// with `parameters.water_depth` [m]).
///
/// The body is either analytic — `parameters.hemisphere_radius` with `n_polar`, `n_az`, or
/// `parameters.cylinder_radius`, `cylinder_draft` with `n_z`, `n_r`, `n_az` (`graded` 1: rows clustered at the bottom
/// edge) — or the potMod members of the
/// case's `design` (fowt 0, meshed as RAFT does with `dz_BEM`/`da_BEM` from the parameters or the design).
/// Frequencies: `parameters.omega_rad_s`. Every value is divided by `parameters.normalise_by` (default 1),
/// e.g. ⅔πa³ for Hulme's μ, λ.
///
/// Keys (0-based DOF indices, nondimensional as in WAMIT files: Ā = A/ρ, B̄ = B/(ρω), X̄ = X/(ρg)):
/// `A[i][j]`, `B[i][j]`, `X_abs[i]` over the frequencies; `A0[i][j]`, `Ainf[i][j]` (ω → 0, ∞); `panel_count`.
struct BEMQuantities {
    var coefficients: BEMCoefficients
    var panelCount: Int
    var scale: Double

    init(parameters p: [String: [Double]], designPath: String?) throws {
        guard let omega = p["omega_rad_s"], !omega.isEmpty, omega.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw ValidationKeyError(description: "bem parameters need omega_rad_s (positive frequencies)")
        }
        func int(_ k: String) throws -> Int {
            guard let x = p[k]?.first, x >= 1, x <= 1000, x == x.rounded() else {
                throw ValidationKeyError(description: "bem parameter \(k) must be a positive integer")
            }
            return Int(x)
        }
        let panels: [PanelGeometry]
        if let a = p["hemisphere_radius"]?.first {
            panels = AnalyticHulls.hemisphere(radius: a, nPolar: try int("n_polar"), nAz: try int("n_az"))
        } else if let a = p["cylinder_radius"]?.first, let t = p["cylinder_draft"]?.first {
            panels = AnalyticHulls.truncatedCylinder(radius: a, draft: t, nZ: try int("n_z"), nR: try int("n_r"), nAz: try int("n_az"),
                                                     graded: (p["graded"]?.first ?? 0) != 0)
        } else if let path = designPath {
            // the potMod members as they are flagged (potModMaster 0), meshed with RAFT's mesher
            let design = try Design.load(path: path).setting("platform.potModMaster", to: 0)
            let members = try FOWTMembers(design: design, fowt: 0).members
            let s = design.platforms[0].bem
            let mesh = try MemberMesher.mesh(members: members, dz: p["dz_BEM"]?.first ?? s.dz, da: p["da_BEM"]?.first ?? s.da)
            panels = mesh.geometry
        } else {
            throw ValidationKeyError(description: "bem cases need hemisphere_radius, cylinder_radius + cylinder_draft, or a design")
        }
        guard !panels.isEmpty else { throw ValidationKeyError(description: "bem case: the mesh has no panels") }
        // finite depth when `water_depth` is given (every panel must lie above the sea bed)
        var depth: Double?
        if let h = p["water_depth"]?.first {
            guard h > 0, h.isFinite, panels.allSatisfy({ $0.vertices.allSatisfy { $0.z > -h } }) else {
                throw ValidationKeyError(description: "bem parameter water_depth must be a positive depth below the whole body")
            }
            depth = h
        }
        coefficients = try BEMSolver(panels: panels, depth: depth).solve(omega: omega, headingsDeg: [0])
        panelCount = panels.count
        scale = p["normalise_by"]?.first ?? 1
    }

    func resolve(_ key: String) throws -> ResolvedValue {
        let c = coefficients
        let hz = c.omega.map { $0 / (2 * Double.pi) }
        if key == "panel_count" { return ResolvedValue(values: [Double(panelCount)], hz: nil) }
        let parts = key.split(separator: "[").map { String($0.filter { $0 != "]" }) }
        let idx = parts.dropFirst().compactMap { Int($0) }
        guard idx.count == parts.count - 1, idx.allSatisfy({ (0..<6).contains($0) }) else {
            throw ValidationKeyError(description: "'\(key)': bem keys are A[i][j], B[i][j], A0[i][j], Ainf[i][j], X_abs[i] (i, j in 0…5), panel_count")
        }
        switch (parts[0], idx.count) {
        case ("A", 2): return ResolvedValue(values: c.addedMass.map { $0[6 * idx[0] + idx[1]] / scale }, hz: hz)
        case ("B", 2): return ResolvedValue(values: c.damping.map { $0[6 * idx[0] + idx[1]] / scale }, hz: hz)
        case ("A0", 2): return ResolvedValue(values: [c.addedMassZero[6 * idx[0] + idx[1]] / scale], hz: nil)
        case ("Ainf", 2): return ResolvedValue(values: [c.addedMassInfinite[6 * idx[0] + idx[1]] / scale], hz: nil)
        case ("X_abs", 1): return ResolvedValue(values: c.excitation.map { $0[0][idx[0]].length / scale }, hz: hz)
        default:
            throw ValidationKeyError(description: "'\(key)': bem keys are A[i][j], B[i][j], A0[i][j], Ainf[i][j], X_abs[i] (i, j in 0…5), panel_count")
        }
    }
}
