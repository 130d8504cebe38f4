#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import RAFTIO

/// Hydrostatics and mass of a floating body in its undisplaced position, as the members code computes them
/// (RAFT `FOWT.calcStatics`: `V`, `C_hydro`, `M_struc`, `rCG`, `rCB`, `AWP`).
package struct FloatingBodyStatics: Sendable {
    /// Displaced volume `V` [m³].
    package var volume: Double
    /// Buoyancy ρ·g·V [N].
    package var buoyancy: Double
    /// Total structural mass [kg] and the substructure's (platform incl. ballast, RAFT `m_sub`) [kg].
    package var mass: Double
    package var substructureMass: Double
    /// Gravity used for the statics [m/s²].
    package var gravity: Double
    /// Centre of gravity `rCG` and of buoyancy `rCB` [m].
    package var centerOfGravity: Vec3
    package var centerOfBuoyancy: Vec3
    /// Waterplane area `AWP` [m²].
    package var waterplaneArea: Double
    /// Hydrostatic stiffness `C_hydro` about the PRP [N/m, N, N·m/rad].
    package var hydrostaticStiffness: Matrix6

    package init(volume: Double, buoyancy: Double, mass: Double, substructureMass: Double, gravity: Double,
                centerOfGravity: Vec3, centerOfBuoyancy: Vec3, waterplaneArea: Double, hydrostaticStiffness: Matrix6) {
        self.volume = volume
        self.buoyancy = buoyancy
        self.mass = mass
        self.substructureMass = substructureMass
        self.gravity = gravity
        self.centerOfGravity = centerOfGravity
        self.centerOfBuoyancy = centerOfBuoyancy
        self.waterplaneArea = waterplaneArea
        self.hydrostaticStiffness = hydrostaticStiffness
    }
}

/// A single elastic catenary line between an anchor and a fairlead, in the line's vertical plane.
package struct CatenaryLineCase: Sendable {
    /// Horizontal and vertical fairlead position relative to the anchor, `XF`, `ZF` [m].
    package var horizontalSpan: Double
    package var verticalSpan: Double
    /// Unstretched length `L` [m].
    package var length: Double
    /// Submerged weight per unit length `w` [N/m].
    package var weightPerLength: Double
    /// Axial stiffness `EA` [N].
    package var axialStiffness: Double
    /// Seabed friction coefficient `CB` [-].
    package var seabedFriction: Double
}

/// Fairlead and anchor tensions of a catenary line [N].
package struct CatenaryEndForces: Sendable {
    package var fairleadHorizontal: Double, fairleadVertical: Double
    package var anchorHorizontal: Double, anchorVertical: Double
    package init(fairleadHorizontal: Double, fairleadVertical: Double, anchorHorizontal: Double, anchorVertical: Double) {
        self.fairleadHorizontal = fairleadHorizontal
        self.fairleadVertical = fairleadVertical
        self.anchorHorizontal = anchorHorizontal
        self.anchorVertical = anchorVertical
    }
}

/// The model functions validation cases call. The CLI uses `ValidationHooks.standard`.
///
/// A case needing a function that is nil here reports "pending" (never "passed").
package struct ValidationHooks: Sendable {
    /// Full run of a design (RAFT's analyzeUnloaded + solveEigen + analyzeCases).
    package var run: @Sendable (Design) throws -> RunResult
    /// Unloaded equilibrium and eigen analysis only (RAFT `analyzeUnloaded` + `solveEigen`). Used for the
    /// `unloaded.*` quantities while `run` reports `SolveError.unsupported`.
    package var unloaded: (@Sendable (Design) throws -> UnloadedResult)?
    /// Undisplaced hydrostatics and mass of a single-FOWT design.
    package var bodyStatics: (@Sendable (Design) throws -> FloatingBodyStatics)?
    /// Quasi-static catenary solve (MoorPy `catenary`).
    package var catenary: (@Sendable (CatenaryLineCase) throws -> CatenaryEndForces)?

    package init(run: @escaping @Sendable (Design) throws -> RunResult,
                unloaded: (@Sendable (Design) throws -> UnloadedResult)? = nil,
                bodyStatics: (@Sendable (Design) throws -> FloatingBodyStatics)? = nil,
                catenary: (@Sendable (CatenaryLineCase) throws -> CatenaryEndForces)? = nil) {
        self.run = run
        self.unloaded = unloaded
        self.bodyStatics = bodyStatics
        self.catenary = catenary
    }

    /// What `raft validate` uses: the package's own model functions.
    package static var standard: ValidationHooks {
        ValidationHooks(
            run: { try runDesign($0) },
            unloaded: { design in
                var model = try Model(design: design)
                let u = try model.analyzeUnloaded()
                return UnloadedResult(offset: u.offset, eigen: try model.solveEigen(), mooringForce: u.mooringForce,
                                      mooringStiffness: u.mooringStiffness)
            },
            bodyStatics: { design in
                let s = try FOWTStatics(design: design, fowt: 0)
                // `buoyancy` is RAFT's W_hydro (6 components); its vertical force is ρgV.
                return FloatingBodyStatics(volume: s.volume, buoyancy: s.buoyancy[2], mass: s.mass,
                                           substructureMass: s.substructureMassTotal, gravity: design.site.g,
                                           centerOfGravity: s.rCG, centerOfBuoyancy: s.rCB,
                                           waterplaneArea: s.waterplaneArea, hydrostaticStiffness: s.hydrostaticStiffness)
            },
            catenary: { p in
                // Catenary.solve returns the forces of the line on its ends: fxB = −HF, fzB = −VF, fxA = HA, fzA = VA.
                let s = try Catenary.solve(xf: p.horizontalSpan, zf: p.verticalSpan, length: p.length, ea: p.axialStiffness,
                                           w: p.weightPerLength, cb: p.seabedFriction)
                return CatenaryEndForces(fairleadHorizontal: -s.fxB, fairleadVertical: -s.fzB,
                                         anchorHorizontal: s.fxA, anchorVertical: s.fzA)
            })
    }
}
