import Foundation

/// A single flexible FOWT at its unloaded equilibrium (RAFT `Model.analyzeUnloaded()` followed by `solveEigen()`,
/// spec 06 §4, §11), in its reduced DOFs.
struct FlexibleUnloaded {
    /// Statics at the reference pose (no case: zero-yaw RNA axes).
    var statics: FlexibleFOWTStatics
    /// `A_hydro_morison` at the reference pose (reduced) [kg, kg·m, kg·m²].
    var addedMass: DenseMatrix
    /// Equilibrium without environmental loads (`offset_unloaded` = `x`, `C_moor` at that pose).
    var equilibrium: FlexibleEquilibrium
    /// `C_moor0`, `F_moor0` at the undisplaced pose (finite-difference stiffness, first 6 reduced DOFs).
    var mooringStiffness0: Matrix6
    var mooringForce0: [Double]
    /// Platform `yaw_stiffness` [N·m/rad] (eigen analysis only, spec 06 P4).
    var yawStiffness: Double

    /// - Throws: `SolveError` for unsupported combinations (as `analyzeFlexibleCases`) or a failed mooring solve.
    init(design: Design) throws {
        guard design.fowts.count == 1, design.arrayMooring == nil else {
            throw SolveError.unsupported("the unloaded equilibrium is for single-FOWT designs (RAFT raises for arrays)")
        }
        guard design.fowts[0].x == 0, design.fowts[0].y == 0 else {
            throw SolveError.unsupported("flexible FOWTs: a reference position other than (0, 0) is not supported yet")
        }
        let platform = design.platforms[design.fowts[0].platformIndex]
        let fm = try FOWTMembers(design: design, fowt: 0)
        if platform.potFirstOrder != 0 || fm.members.contains(where: \.potMod) {
            throw SolveError.unsupported("flexible FOWTs: potential-flow members (potMod) are not supported yet")
        }
        let site = design.site
        statics = try FlexibleFOWTStatics(members: fm, joints: design.joints, platform: platform, rho: site.rhoWater, g: site.g,
                                          formulation: design.settings.flexibleFormulation)
        addedMass = statics.morisonAddedMass(members: fm, rho: site.rhoWater)
        yawStiffness = platform.yawStiffness
        // setPosition(zeros): the mooring solved at the undisplaced pose, then C_moor0 / F_moor0 there
        var mooring = try MooringSystem(design: design, fowtIndex: 0)
        mooringStiffness0 = Matrix6()
        mooringForce0 = [Double](repeating: 0, count: 6)
        if mooring != nil {
            guard mooring!.moorMod == 0 else { throw SolveError.unsupported("flexible FOWTs with moorMod \(mooring!.moorMod)") }
            do {
                try mooring!.setPose([0, 0, 0, 0, 0, 0])
                let (k, f) = try mooring!.raftUnloadedStiffnessAndForce()
                mooringStiffness0 = Matrix6(rows: (0..<6).map { Array(k[6 * $0 ..< 6 * $0 + 6]) })
                mooringForce0 = f
            } catch { throw SolveError.unsupported("mooring at the undisplaced pose: \(error)") }
        }
        // solveStatics(None): no aero, no current
        equilibrium = try statics.solveEquilibrium(environment: [Double](repeating: 0, count: statics.nDOF), mooring: &mooring)
    }

    /// RAFT `solveEigen()` (spec 06 §11): `M = M_struc + A_hydro_morison`, `C = C_struc + C_hydro + C_elast + C_moor`
    /// (`yaw_stiffness` on the PRP yaw DOF); eigenvalues sorted ascending (RAFT's flexible branch).
    func eigen() throws -> EigenResult {
        try statics.eigen(addedMass: addedMass, mooringStiffness: equilibrium.mooringStiffness, yawStiffness: yawStiffness)
    }

    /// `raft properties` for the flexible FOWT under RAFT's names (matrices in the reduced DOFs, with `dofs` naming
    /// each one as [node index, DOF 0–5]); at `.unloaded` also `offset_unloaded`, `C_moor`, `C_moor0`, `F_moor0`.
    func properties(pose: PropertiesPose, rho: Double, g: Double) -> FOWTProperties {
        let s = statics
        func m(_ x: DenseMatrix) -> ResultValue { .matrix((0..<x.rows).map { r in (0..<x.cols).map { x[r, $0] } }) }
        func v(_ x: Vec3) -> ResultValue { .vector([x.x, x.y, x.z]) }
        var out: [(name: String, value: ResultValue)] = [
            ("nDOF", .scalar(Double(s.nDOF))),
            ("dofs", .matrix(s.dofs.map { [Double($0.node), Double($0.dof)] })),
            ("M_struc", m(s.structuralMass)), ("M_struc_sub", m(s.substructureMass)),
            ("C_struc", m(s.structuralStiffness)), ("C_struc_sub", m(s.substructureStiffness)),
            ("C_hydro", m(s.hydrostaticStiffness)), ("C_elast", m(s.elasticStiffness)), ("A_hydro_morison", m(addedMass)),
            ("W_struc", .vector(s.weight)), ("W_hydro", .vector(s.buoyancy)),
            ("rCG", v(s.rCG)), ("rCG_sub", v(s.rCGSub)), ("rCB", v(s.rCB)),
            ("V", .scalar(s.volume)), ("m_sub", .scalar(s.substructureMassTotal)),
            ("m_ballast", .vector(s.ballastMasses)), ("pb", .vector(s.ballastDensities)),
            ("total mass", .scalar(s.mass)), ("buoyancy (pgV)", .scalar(rho * g * s.volume)),
        ]
        if pose == .unloaded {
            out.append(("offset_unloaded", .vector(equilibrium.x)))
            out.append(("C_moor", .matrix(equilibrium.mooringStiffness.rows)))
            out.append(("C_moor0", .matrix(mooringStiffness0.rows)))
            out.append(("F_moor0", .vector(mooringForce0)))
        }
        return FOWTProperties(entries: out)
    }
}

/// Unloaded equilibrium and eigen analysis of a single-FOWT design, rigid or flexible (RAFT `analyzeUnloaded()` +
/// `solveEigen()`): rigid FOWTs through `Model`, flexible ones in their reduced DOFs (frequencies sorted ascending,
/// `offset` = the reduced mean displacement, PRP first).
public func analyzeUnloadedEigen(_ design: Design) throws -> UnloadedResult {
    if designHasBeams(design) {
        let u = try FlexibleUnloaded(design: design)
        return UnloadedResult(offset: u.equilibrium.x, eigen: try u.eigen(), mooringForce: u.mooringForce0,
                              mooringStiffness: u.mooringStiffness0)
    }
    var model = try Model(design: design)
    guard model.fowtCount == 1, design.arrayMooring == nil else {
        throw SolveError.unsupported("the unloaded equilibrium needs a single-FOWT design (RAFT has none for farms); `raft run` reports eigen_after_cases for farms")
    }
    let (offset, c0, f0) = try model.analyzeUnloaded()
    return UnloadedResult(offset: offset, eigen: try model.solveEigen(), mooringForce: f0, mooringStiffness: c0)
}

/// `raft properties` of every FOWT of a design, rigid or flexible, under RAFT's names.
public func designProperties(_ design: Design, pose: PropertiesPose) throws -> [FOWTProperties] {
    if designHasBeams(design) {
        let u = try FlexibleUnloaded(design: design)
        return [u.properties(pose: pose, rho: design.site.rhoWater, g: design.site.g)]
    }
    var model = try Model(design: design)
    if pose == .unloaded && model.fowtCount > 1 {
        throw SolveError.unsupported("--pose unloaded needs a single-FOWT design; use --pose undisplaced for farms")
    }
    return try (0..<model.fowtCount).map { try model.properties(fowt: $0, pose: pose) }
}

extension FlexibleFOWTStatics {
    /// RAFT `solveEigen()` of a flexible FOWT (spec 06 §11): `M = M_struc + A_hydro_morison`,
    /// `C = C_struc + C_hydro + C_elast + C_moor` (`yaw_stiffness` on the PRP yaw DOF); eigenvalues sorted ascending
    /// (RAFT's flexible branch).
    func eigen(addedMass: DenseMatrix, mooringStiffness k: Matrix6, yawStiffness: Double) throws -> EigenResult {
        let n = nDOF
        var m = [Double](repeating: 0, count: n * n), c = m
        for i in 0..<(n * n) {
            m[i] = structuralMass.storage[i] + addedMass.storage[i]
            c[i] = structuralStiffness.storage[i] + hydrostaticStiffness.storage[i] + elasticStiffness.storage[i]
        }
        for r in 0..<6 { for col in 0..<6 { c[r * n + col] += k[r, col] } }
        c[5 * n + 5] += yawStiffness
        return try solveEigen(mass: m, stiffness: c, n: n, rigid: false)
    }
}
