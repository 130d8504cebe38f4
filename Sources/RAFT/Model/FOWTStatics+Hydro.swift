#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Everything the member side provides for one rigid FOWT, built once per design (spec 06 §3.3 "where each
/// quantity is evaluated"): the member list, the statics at the reference pose, and the strip-theory
/// hydrodynamics at the reference pose (`A_hydro_morison`, `Imat`).
///
/// Per case the system solver calls `currentLoads(for:)` (reference pose), `hydrodynamics(atPose:)` once with the
/// mean pose, `waveKinematics` per wave train, then `linearizeDrag` every iteration (see `StripHydrodynamics`).
package struct FOWTMemberModel: Sendable {
    /// Members in RAFT order at the reference pose (PRP at the FOWT's array position).
    package var members: FOWTMembers
    /// `calcStatics` results at the reference pose (about the PRP).
    package var statics: FOWTStatics
    /// Strip hydrodynamics at the reference pose, about `reference`.
    package var hydro: StripHydrodynamics
    /// PRP reference position (x_ref, y_ref, 0) [m].
    package var reference: Vec3
    /// Water depth [m], density [kg/m³], gravity [m/s²] and `shearExp_water` of the site.
    package var depth: Double
    package var rho: Double
    package var g: Double
    package var shearExponent: Double
    /// The platform input (potSecOrder, 2nd-order grid, additional effects, yaw stiffness).
    package var platform: PlatformInput

    /// Build the member model of FOWT `index` on the frequency grid `grid`.
    package init(design: Design, fowt index: Int, grid: FrequencyGrid) throws(FOWTStaticsError) {
        do { members = try FOWTMembers(design: design, fowt: index) } catch { throw .input(error) }
        let entry = design.fowts[index]
        platform = design.platforms[entry.platformIndex]
        rho = design.site.rhoWater
        g = design.site.g
        depth = design.site.waterDepth
        shearExponent = design.site.shearExpWater
        statics = try FOWTStatics(members: members, platform: platform, rho: rho, g: g)
        reference = Vec3(entry.x, entry.y, 0)
        let k = grid.omega.map { waveNumber(omega: $0, depth: design.site.waterDepth) }
        hydro = StripHydrodynamics(members: members.placed(translation: reference), reference: reference, rho: rho,
                                   omega: grid.omega, waveNumbers: k)
    }

    /// `A_hydro_morison` about the PRP [kg, kg·m, kg·m²].
    package var morisonAddedMass: Matrix6 { hydro.addedMass }

    /// Mean current drag `D_hydro` for a load case at the reference pose [N, N·m] (RAFT `FOWT.calcCurrentLoads`).
    /// - Parameter zRef: z of the last submerged rotor hub, or 0 (RAFT's `Zref`) [m].
    package func currentLoads(for loadCase: LoadCase, zRef: Double = 0) -> [Double] {
        hydro.currentLoads(speed: loadCase.currentSpeed ?? 0, headingDeg: loadCase.currentHeadingDeg, zRef: zRef,
                           shearExponent: shearExponent, depth: depth)
    }

    /// Strip hydrodynamics at a mean pose `r6` = (x, y, z [m], roll, pitch, yaw [rad]) of the PRP, keeping the
    /// reference-pose `Imat`/`Amat` (spec 06 §3.3, 02 PF27).
    package func hydrodynamics(atPose r6: [Double]) -> StripHydrodynamics {
        precondition(r6.count >= 6, "pose needs 6 values")
        let t = Vec3(r6[0], r6[1], r6[2])
        return hydro.moved(to: members.placed(translation: t, rotation: Vec3(r6[3], r6[4], r6[5])), reference: t)
    }

    /// Slender-body QTF (potSecOrder 1) for wave heading `beta` [rad] with motion RAOs `rao` on the main grid
    /// (per unit wave amplitude; nil = fixed body), members at pose `r6` (nil = reference pose).
    /// Returns nil when the platform has no `min_freq2nd`/`max_freq2nd`.
    package func slenderBodyQTF(heading beta: Double, rao: ComplexSeries6?, atPose r6: [Double]? = nil) -> SlenderBodyQTF? {
        guard let lo = platform.minFreq2ndHz, let hi = platform.maxFreq2ndHz else { return nil }
        let w2 = SlenderBodyQTF.grid(minHz: lo, maxHz: hi, stepHz: platform.dFreq2ndHz)
        let k2 = w2.map { waveNumber(omega: $0, depth: depth) }
        let placed: [Member]
        if let r6 { placed = members.placed(translation: Vec3(r6[0], r6[1], r6[2]), rotation: Vec3(r6[3], r6[4], r6[5])) } else {
            placed = members.placed(translation: reference)
        }
        return SlenderBodyQTF(members: placed, endAreas: hydro.endAreas(for: placed), structuralMass: statics.structuralMass,
                              rao: rao, mainOmega: hydro.omega, omega: w2, waveNumbers: k2, heading: beta, depth: depth,
                              rho: rho, g: g)
    }
}
