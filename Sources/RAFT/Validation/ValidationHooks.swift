import Foundation

/// Hydrostatics and mass of a floating body in its undisplaced position, as the members code computes them
/// (RAFT `FOWT.calcStatics`: `V`, `C_hydro`, `M_struc`, `rCG`, `rCB`, `AWP`).
public struct FloatingBodyStatics: Sendable {
    /// Displaced volume `V` [m³].
    public var volume: Double
    /// Buoyancy ρ·g·V [N].
    public var buoyancy: Double
    /// Total structural mass [kg] and the substructure's (platform incl. ballast, RAFT `m_sub`) [kg].
    public var mass: Double
    public var substructureMass: Double
    /// Gravity used for the statics [m/s²].
    public var gravity: Double
    /// Centre of gravity `rCG` and of buoyancy `rCB` [m].
    public var centerOfGravity: Vec3
    public var centerOfBuoyancy: Vec3
    /// Waterplane area `AWP` [m²].
    public var waterplaneArea: Double
    /// Hydrostatic stiffness `C_hydro` about the PRP [N/m, N, N·m/rad].
    public var hydrostaticStiffness: Matrix6

    public init(volume: Double, buoyancy: Double, mass: Double, substructureMass: Double, gravity: Double,
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
public struct CatenaryLineCase: Sendable {
    /// Horizontal and vertical fairlead position relative to the anchor, `XF`, `ZF` [m].
    public var horizontalSpan: Double
    public var verticalSpan: Double
    /// Unstretched length `L` [m].
    public var length: Double
    /// Submerged weight per unit length `w` [N/m].
    public var weightPerLength: Double
    /// Axial stiffness `EA` [N].
    public var axialStiffness: Double
    /// Seabed friction coefficient `CB` [-].
    public var seabedFriction: Double
}

/// Fairlead and anchor tensions of a catenary line [N].
public struct CatenaryEndForces: Sendable {
    public var fairleadHorizontal: Double, fairleadVertical: Double
    public var anchorHorizontal: Double, anchorVertical: Double
    public init(fairleadHorizontal: Double, fairleadVertical: Double, anchorHorizontal: Double, anchorVertical: Double) {
        self.fairleadHorizontal = fairleadHorizontal
        self.fairleadVertical = fairleadVertical
        self.anchorHorizontal = anchorHorizontal
        self.anchorVertical = anchorVertical
    }
}

/// The model functions validation cases call. The CLI uses `ValidationHooks.standard`.
///
/// `bodyStatics` and `catenary` are nil until the members and mooring code are wired in; cases that need them
/// report "pending" (never "passed") and are kept out of the default set with `"enabled": false`.
public struct ValidationHooks: Sendable {
    /// Full run of a design (RAFT's analyzeUnloaded + solveEigen + analyzeCases).
    public var run: @Sendable (Design) throws -> RunResult
    /// Undisplaced hydrostatics and mass of a single-FOWT design.
    public var bodyStatics: (@Sendable (Design) throws -> FloatingBodyStatics)?
    /// Quasi-static catenary solve (MoorPy `catenary`).
    public var catenary: (@Sendable (CatenaryLineCase) throws -> CatenaryEndForces)?

    public init(run: @escaping @Sendable (Design) throws -> RunResult,
                bodyStatics: (@Sendable (Design) throws -> FloatingBodyStatics)? = nil,
                catenary: (@Sendable (CatenaryLineCase) throws -> CatenaryEndForces)? = nil) {
        self.run = run
        self.bodyStatics = bodyStatics
        self.catenary = catenary
    }

    /// What `raft validate` uses. Integration point: set `bodyStatics` and `catenary` here once the members
    /// and mooring code are on main, then flip `"enabled"` in the corresponding validation cases. Verified on a
    /// scratch merge of the members and mooring branches (all hook cases pass):
    /// ```swift
    /// bodyStatics: { d in
    ///     let s = try FOWTStatics(design: d, fowt: 0)
    ///     return FloatingBodyStatics(volume: s.volume, buoyancy: s.buoyancy[2], mass: s.mass,
    ///                                substructureMass: s.substructureMassTotal, gravity: d.site.g,
    ///                                centerOfGravity: s.rCG, centerOfBuoyancy: s.rCB,
    ///                                waterplaneArea: s.waterplaneArea, hydrostaticStiffness: s.hydrostaticStiffness)
    /// },
    /// catenary: { p in
    ///     // Catenary.solve reports forces with fxB = −HF, fzB = −VF, fxA = HA, fzA = VA.
    ///     let s = try Catenary.solve(xf: p.horizontalSpan, zf: p.verticalSpan, length: p.length,
    ///                                ea: p.axialStiffness, w: p.weightPerLength, cb: p.seabedFriction)
    ///     return CatenaryEndForces(fairleadHorizontal: -s.fxB, fairleadVertical: -s.fzB,
    ///                              anchorHorizontal: s.fxA, anchorVertical: s.fzA)
    /// }
    /// ```
    public static var standard: ValidationHooks {
        ValidationHooks(run: { try runDesign($0) })
    }
}
