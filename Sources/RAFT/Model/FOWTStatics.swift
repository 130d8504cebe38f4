#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Errors computing a FOWT's static properties.
package enum FOWTStaticsError: Error, CustomStringConvertible, Sendable, Equatable {
    case member(MemberError)
    case input(InputError)
    package var description: String {
        switch self {
        case .member(let e): return e.description
        case .input(let e): return e.description
        }
    }
}

/// Static properties of one rigid FOWT at its reference pose (RAFT `FOWT.calcStatics`, spec 06 §3.2).
///
/// All 6×6 quantities are about the PRP in global axes, symmetrised as RAFT does after reduction.
package struct FOWTStatics: Sendable {
    /// Structural mass matrix `M_struc` (members, RNA, point inertias) [kg, kg·m, kg·m²].
    package var structuralMass: Matrix6
    /// Substructure mass matrix `M_struc_sub` (platform members + point inertias) [kg, kg·m, kg·m²].
    package var substructureMass: Matrix6
    /// Gravity stiffness `C_struc` and `C_struc_sub` [N/m, N, N·m/rad].
    package var structuralStiffness: Matrix6
    package var substructureStiffness: Matrix6
    /// Weight vectors `W_struc`, `W_struc_sub` [N, N·m].
    package var weight: [Double]
    package var substructureWeight: [Double]
    /// Hydrostatic stiffness `C_hydro` [N/m, N, N·m/rad] and buoyancy vector `W_hydro` [N, N·m].
    package var hydrostaticStiffness: Matrix6
    package var buoyancy: [Double]
    /// `f0_additional`: constant `mean_load`s [N, N·m].
    package var additionalLoad: [Double]
    /// Total mass `m` and substructure mass `m_sub` [kg].
    package var mass: Double
    package var substructureMassTotal: Double
    /// Centres of gravity `rCG`, `rCG_sub` and buoyancy `rCB` relative to the PRP [m].
    package var rCG: Vec3
    package var rCGSub: Vec3
    package var rCB: Vec3
    /// Submerged volume `V` [m³], waterplane area `AWP` [m²] and waterplane inertias `IWPx`, `IWPy` [m⁴].
    package var volume: Double
    package var waterplaneArea: Double
    package var waterplaneInertiaX: Double
    package var waterplaneInertiaY: Double
    /// Metacentre height `zMeta` [m] (0 without buoyancy).
    package var zMeta: Double
    /// Shell + cap mass of the substructure `m_shell` [kg].
    package var shellMass: Double
    /// Distinct non-zero ballast densities `pb` [kg/m³] and ballast mass per density `m_ballast` [kg].
    package var ballastDensities: [Double]
    package var ballastMasses: [Double]
    /// Tower masses `mtower` [kg] and CGs `rCG_tow` relative to the PRP [m].
    package var towerMasses: [Double]
    package var towerCGs: [Vec3]
    /// Moments of inertia about the CG (`props` Ixx…, Ixx_sub…) [kg·m²].
    package var inertiaAboutCG: Vec3
    package var substructureInertiaAboutCG: Vec3

    /// Compute the statics of FOWT `index` of `design` at its reference pose.
    package init(design: Design, fowt index: Int) throws(FOWTStaticsError) {
        let fm: FOWTMembers
        do { fm = try FOWTMembers(design: design, fowt: index) } catch { throw .input(error) }
        let platform = design.platforms[design.fowts[index].platformIndex]
        try self.init(members: fm, platform: platform, rho: design.site.rhoWater, g: design.site.g)
    }

    /// Compute the statics from a member list (members at the reference pose, PRP at the origin).
    /// - Parameter rnaAxes: current `R_q` per rotor (shaft frame → global, at the reference pose) when the nacelle has
    ///   yawed; nil = the zero-yaw shaft orientation. RAFT's `calcStatics` rotates the RNA inertia with the rotor's
    ///   current `R_q` and places the RNA CG at `r_RRP_rel + q·xCG_RNA`, so both follow the case's yaw.
    package init(members fm: FOWTMembers, platform: PlatformInput, rho: Double, g: Double,
                rnaAxes: [Matrix3]? = nil) throws(FOWTStaticsError) {
        let nodes = StaticsNodes(rigid: fm)
        var sink = RigidStaticsSink(positions: nodes.positions)
        let t = try fm.assembleStatics(on: nodes, platform: platform, rho: rho, g: g, rnaAxes: rnaAxes, into: &sink)
        let acc = sink.structure, sub = sink.substructure, hydro = sink.hydro
        structuralMass = acc.mass.symmetrized
        substructureMass = sub.mass.symmetrized
        structuralStiffness = acc.stiffnessWithGeometry.symmetrized
        substructureStiffness = sub.stiffnessWithGeometry.symmetrized
        weight = acc.force
        substructureWeight = sub.force
        hydrostaticStiffness = hydro.stiffnessWithGeometry.symmetrized
        buoyancy = hydro.force
        additionalLoad = sink.meanLoad

        mass = structuralMass[0, 0]
        substructureMassTotal = t.substructureMass
        rCG = t.massMoment / mass
        rCGSub = t.substructureMassMoment / t.substructureMass
        volume = t.volume
        waterplaneArea = t.waterplaneArea
        waterplaneInertiaX = t.waterplaneInertiaX
        waterplaneInertiaY = t.waterplaneInertiaY
        rCB = t.volumeMoment / t.volume  // no guard, as RAFT (P27)
        zMeta = t.volume > 0 ? rCB.z + t.waterplaneInertiaX / t.volume : 0
        shellMass = t.shellMass
        (ballastDensities, ballastMasses) = t.ballast
        towerMasses = t.towerMasses
        towerCGs = t.towerCGs
        let mAll = translateMatrix6to6DOF(structuralMass, -rCG)
        let mS = translateMatrix6to6DOF(substructureMass, -rCGSub)
        inertiaAboutCG = Vec3(mAll[3, 3], mAll[4, 4], mAll[5, 5])
        substructureInertiaAboutCG = Vec3(mS[3, 3], mS[4, 4], mS[5, 5])
    }
}

/// Sums node quantities of a rigid FOWT about the PRP: `Tᵀ·X·T` with rigid links, plus the
/// transformation (geometric) stiffness `−Σ dT·W` of the node forces (spec 06 §3.2).
struct RigidAccumulator {
    var mass = Matrix6()
    var stiffness = Matrix6()
    var geometric = Matrix6()
    var force = [Double](repeating: 0, count: 6)

    /// Add a node's force vector, stiffness and mass (each about the node at `d` from the PRP).
    mutating func add(force f: [Double], stiffness c: Matrix6, mass m: Matrix6?, at d: Vec3) {
        if let m { mass += rigidTransfer(m, d) }
        stiffness += rigidTransfer(c, d)
        let t = rigidTransfer(f, d)
        for k in 0..<6 { force[k] += t[k] }
        // C_geom[3+a, 3+b] = −((e_b × d) × F)_a
        let F = Vec3(f[0], f[1], f[2])
        for b in 0..<3 {
            var e = Vec3.zero; e[b] = 1
            let v = cross(cross(e, d), F)
            for a in 0..<3 { geometric[3 + a, 3 + b] -= v[a] }
        }
    }

    var stiffnessWithGeometry: Matrix6 { stiffness + geometric }
}

extension Matrix6 {
    /// (A + Aᵀ)/2, as RAFT symmetrises reduced matrices.
    var symmetrized: Matrix6 {
        var out = Matrix6()
        for i in 0..<6 { for j in 0..<6 { out[i, j] = (self[i, j] + self[j, i]) / 2 } }
        return out
    }
}

extension RNAInput {
    /// The RNA as loads on its reference-point node (spec 06 §3.2, 03 §9.3): the mass matrix
    /// `translate6(rotateMatrix6(diag(m, m, m, Ix, Ir, Ir), R), r_CG − r_RRP)`, the point-mass weight and its
    /// stiffness. `axes` is the rotor-axis frame of the case (nacelle yaw; RAFT recomputes it after
    /// calcTurbineConstants), or nil for the shaft frame at zero yaw.
    func nodeLoads(axes: Matrix3?, g: Double) -> (centerOfGravity: Vec3, mass: Matrix6, weight: [Double], stiffness: Matrix6) {
        var mm = Matrix6.diagonal([mass, mass, mass, inertiaShaft, inertiaTransverse, inertiaTransverse])
        var cg = centerOfGravity
        if let axes {
            mm = rotateMatrix6(mm, axes)
            cg = referencePoint + (axes * Vec3(1, 0, 0)) * xCG
        } else {
            mm = rotateMatrix6(mm, shaftRotation)
        }
        let d = cg - referencePoint
        let (w, c) = weightOfPointMass(mass, offset: d, g: g)
        return (cg, translateMatrix6to6DOF(mm, d), w, c)
    }
}

extension PointInertiaInput {
    /// A platform point inertia (`additional_effects` type `point_inertia`, spec 06 §3.4) as loads on the node at
    /// `node`: the 6×6 inertia about the point translated to the node, its weight and the weight's stiffness.
    func nodeLoads(node: Vec3, g: Double) -> (mass: Matrix6, weight: [Double], stiffness: Matrix6) {
        let j = moments
        let inertia6 = Matrix6(rows: [
            [mass, 0, 0, 0, 0, 0], [0, mass, 0, 0, 0, 0], [0, 0, mass, 0, 0, 0],
            [0, 0, 0, j[0], j[3], j[4]], [0, 0, 0, j[3], j[1], j[5]], [0, 0, 0, j[4], j[5], j[2]],
        ])
        let d = location - node
        let (w, c) = weightOfPointMass(mass, offset: d, g: g)
        return (translateMatrix6to6DOF(inertia6, d), w, c)
    }
}
