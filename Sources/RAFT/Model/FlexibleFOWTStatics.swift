#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Static properties of a FOWT with flexible (beam) members in its reduced DOFs, at the reference pose
/// (RAFT `FOWT.calcStatics` after `setPosition(0)`, spec 06 §3.2 and 02 §12.4). nDOF = number of reduced DOFs.
struct FlexibleFOWTStatics: Sendable {
    let graph: NodeGraph
    /// Reduced DOFs (node, dof) and the transformation `T` [6·nNodes × nDOF] at the reference pose.
    let dofs: [NodeDOF]
    let t: DenseMatrix
    /// Parent node of each node in the reduction walk (RAFT `parentNode_id`).
    let parents: [Int]
    /// `settings.flexible_formulation`: geometric stiffness here, mean-pose load/motion mapping in the dynamics.
    let formulation: FlexibleFormulation
    var nDOF: Int { dofs.count }

    /// `T_kᵀ·M·T_k`: a 6×6 matrix at node k (about the node, global axes) in the reduced DOFs.
    func reducedMatrix(_ m: Matrix6, atNode k: Int) -> DenseMatrix {
        var out = DenseMatrix(rows: nDOF, cols: nDOF)
        let cols = (0..<nDOF).filter { j in (0..<6).contains { t[6 * k + $0, j] != 0 } }
        for i in cols {
            for j in cols {
                var s = 0.0
                for a in 0..<6 { for b in 0..<6 { s += t[6 * k + a, i] * m[a, b] * t[6 * k + b, j] } }
                out[i, j] = s
            }
        }
        return out
    }

    /// `T_kᵀ·f`: a 6-vector load at node k (about the node, global axes) in the reduced DOFs [N, N·m].
    func reducedLoad(_ f: [Double], atNode k: Int) -> [Double] {
        (0..<nDOF).map { j in var s = 0.0; for a in 0..<6 { s += t[6 * k + a, j] * f[a] }; return s }
    }

    /// `M_struc`, `M_struc_sub` [kg, kg·m, kg·m²]; `C_struc`, `C_struc_sub`, `C_hydro`, `C_elast` [N/m, N, N·m/rad].
    var structuralMass: DenseMatrix
    var substructureMass: DenseMatrix
    var structuralStiffness: DenseMatrix
    var substructureStiffness: DenseMatrix
    var hydrostaticStiffness: DenseMatrix
    var elasticStiffness: DenseMatrix
    /// `W_struc`, `W_struc_sub`, `W_hydro`, `f0_additional` [N, N·m].
    var weight: [Double]
    var substructureWeight: [Double]
    var buoyancy: [Double]
    var additionalLoad: [Double]
    /// Total and substructure mass [kg]; CGs and CB relative to the PRP [m]; submerged volume [m³].
    var mass: Double
    var substructureMassTotal: Double
    var rCG: Vec3
    var rCGSub: Vec3
    var rCB: Vec3
    var volume: Double
    /// Distinct non-zero ballast densities `pb` [kg/m³] and masses `m_ballast` [kg].
    var ballastDensities: [Double]
    var ballastMasses: [Double]

    /// - Parameter rnaAxes: current `R_q` per rotor after a case's nacelle yaw (nil = zero-yaw shaft orientation);
    ///   the RNA inertia and CG follow it as in `FOWTStatics`.
    ///   `formulation` selects RAFT's geometric stiffness (default) or the consistent one (`consistentGeometricStiffness`).
    init(members fm: FOWTMembers, joints: [JointInput]?, platform: PlatformInput, rho: Double, g: Double,
         rnaAxes: [Matrix3]? = nil, formulation: FlexibleFormulation = .raft) throws {
        let graph = try NodeGraph(members: fm, joints: joints)
        self.graph = graph
        self.formulation = formulation
        let positions = graph.nodes.map { $0.r0 }
        let (dofs, t, parents) = try graph.reduce(positions: positions)
        self.parents = parents
        self.dofs = dofs
        self.t = t
        let dT = try graph.derivative(dofs: dofs, t: t, displacement: [Double](repeating: 0, count: dofs.count))
        let nf = graph.fullDOFCount

        if fm.members.contains(where: { $0.name == "nacelle" }) {
            throw SolveError.unsupported("members named 'nacelle' in flexible FOWTs are not supported yet")
        }
        let nodes = StaticsNodes(graph: graph, members: fm)
        var sink = NodeStaticsSink(graph: graph, reducedNodes: Set(dofs.map { $0.node }), rho: rho, g: g)
        let totals: StaticsTotals
        do { totals = try fm.assembleStatics(on: nodes, platform: platform, rho: rho, g: g, rnaAxes: rnaAxes, into: &sink) } catch {
            switch error {
            case .member(let e): throw e
            case .input(let e): throw e
            }
        }
        let mFull = sink.mass, mSubFull = sink.substructureMass, cFull = sink.stiffness, cSubFull = sink.substructureStiffness
        let cHydroFull = sink.hydrostaticStiffness, cElastFull = sink.elasticStiffness
        let wFull = sink.weight, wSubFull = sink.substructureWeight, wHydroFull = sink.buoyancy, f0Full = sink.meanLoad
        let wIntStruc = sink.internalWeight, wIntHydro = sink.internalBuoyancy

        // reduction
        var mRed = mFull.congruence(t), mSubRed = mSubFull.congruence(t)
        var cHydro = cHydroFull.congruence(t), cStruc = cFull.congruence(t), cSub = cSubFull.congruence(t)
        let cElast = cElastFull.congruence(t)
        weight = t.transposedTimes(wFull)
        substructureWeight = t.transposedTimes(wSubFull)
        buoyancy = t.transposedTimes(wHydroFull)
        additionalLoad = t.transposedTimes(f0Full)
        let wIntStrucRed = t.transposedTimes(wIntStruc), wIntHydroRed = t.transposedTimes(wIntHydro)

        let n = dofs.count
        if formulation == .consistent {
            // every rigid link and beam segment carries what hangs beyond it (FlexibleFOWTStatics+Consistent)
            let tree = graph.spanningTree()
            cStruc = cStruc + graph.consistentGeometricStiffness(tree: tree, loads: wFull, positions: positions).congruence(t)
            cHydro = cHydro + graph.consistentGeometricStiffness(tree: tree, loads: wHydroFull, positions: positions).congruence(t)
            cSub = cSub + graph.consistentGeometricStiffness(tree: tree, loads: wSubFull, positions: positions).congruence(t)
        } else {
            // Lee et al. geometric stiffness of beam members (02 §12.4)
            var kStruc = DenseMatrix(rows: nf, cols: nf), kHydro = kStruc
            let fStruc = zip(weight, wIntStrucRed).map { $0 + $1 }, fHydro = zip(buoyancy, wIntHydroRed).map { $0 + $1 }
            for (m, mem) in fm.members.enumerated() where mem.part != .nacelle && mem.type == .beam {
                let ids = graph.memberNodes[m]
                for (f, kg) in [(fStruc, 0), (fHydro, 1)] {
                    let wn: [[Double]] = ids.map { k in (0..<6).map { a in var s = 0.0; for j in 0..<n { s += t[6 * k + a, j] * f[j] }; return s } }
                    for (i, k) in ids.enumerated() {
                        var wa = [Double](repeating: 0, count: 6)
                        for j in (i + 1)..<max(i + 1, ids.count) { for a in 0..<6 { wa[a] += wn[j][a] } }
                        let wb = (0..<6).map { -wa[$0] - wn[i][$0] }
                        let rk = positions[k]
                        let ra = i == ids.count - 1 ? Vec3.zero : (rk + positions[ids[i + 1]]) / 2 - rk
                        let rb = i == 0 ? Vec3.zero : (rk + positions[ids[i - 1]]) / 2 - rk
                        func S(_ x: Int, _ y: Int) -> Double { wa[x] * ra[y] + wb[x] * rb[y] }
                        var kn = Matrix6()
                        kn[3, 3] = S(2, 2) + S(1, 1)
                        kn[4, 4] = S(2, 2) + S(0, 0)
                        kn[5, 5] = S(1, 1) + S(0, 0)
                        kn[3, 4] = -S(1, 0)
                        kn[3, 5] = -S(2, 0)
                        kn[4, 5] = -S(2, 1)
                        kn[4, 3] = -S(0, 1)
                        kn[5, 4] = -S(0, 2)
                        kn[5, 3] = -S(1, 2)
                        // RAFT assigns (not adds) each member's block
                        for a in 0..<6 {
                            for b in 0..<6 {
                                if kg == 0 { kStruc[6 * k + a, 6 * k + b] = kn[a, b] } else { kHydro[6 * k + a, 6 * k + b] = kn[a, b] }
                            }
                        }
                    }
                }
            }
            cStruc = cStruc + kStruc.congruence(t)
            cHydro = cHydro + kHydro.congruence(t)

            // transformation (dT) stiffness
            let wsTot = zip(wFull, wIntStruc).map { $0 + $1 }, whTot = zip(wHydroFull, wIntHydro).map { $0 + $1 }
            for j in 0..<n {
                guard let d = dT[j] else { continue }
                for i in 0..<n {
                    var sh = 0.0, ss = 0.0, ssub = 0.0
                    for k in 0..<nf {
                        let v = d[k, i]
                        if v == 0 { continue }
                        sh += v * whTot[k]; ss += v * wsTot[k]; ssub += v * wSubFull[k]
                    }
                    cHydro[i, j] -= sh; cStruc[i, j] -= ss; cSub[i, j] -= ssub
                }
            }
        }
        mRed = mRed.symmetrized; mSubRed = mSubRed.symmetrized
        structuralMass = mRed
        substructureMass = mSubRed
        hydrostaticStiffness = cHydro.symmetrized
        structuralStiffness = cStruc.symmetrized
        substructureStiffness = cSub.symmetrized
        elasticStiffness = cElast.symmetrized

        let h = dofs.map { $0.dof == 0 ? 1.0 : 0.0 }
        var mt = 0.0
        for i in 0..<n where h[i] != 0 { for j in 0..<n where h[j] != 0 { mt += mRed[i, j] } }
        mass = mt
        substructureMassTotal = totals.substructureMass
        rCG = totals.massMoment / mt
        rCGSub = totals.substructureMassMoment / totals.substructureMass
        volume = totals.volume
        rCB = totals.volumeMoment / totals.volume
        (ballastDensities, ballastMasses) = totals.ballast
    }
}

/// The node-graph case of the statics assembly: loads into full-DOF (6 per node) matrices and vectors, reduced through
/// `T` afterwards (`FlexibleFOWTStatics`).
struct NodeStaticsSink: StaticsSink {
    static var assemblesBeams: Bool { true }
    static var acceptsNacelleHydrostatics: Bool { false }
    let graph: NodeGraph
    /// Nodes with reduced DOFs of their own (a beam end without one carries the beam's weight/buoyancy, 02 §12.4).
    let reducedNodes: Set<Int>
    let rho: Double, g: Double
    var mass: DenseMatrix, substructureMass: DenseMatrix, stiffness: DenseMatrix, substructureStiffness: DenseMatrix
    var hydrostaticStiffness: DenseMatrix, elasticStiffness: DenseMatrix
    var weight: [Double], substructureWeight: [Double], buoyancy: [Double], meanLoad: [Double]
    /// RAFT's internal end-node weight and buoyancy of beams (02 §12.4) [N, N·m].
    var internalWeight: [Double], internalBuoyancy: [Double]

    init(graph: NodeGraph, reducedNodes: Set<Int>, rho: Double, g: Double) {
        self.graph = graph
        self.reducedNodes = reducedNodes
        self.rho = rho
        self.g = g
        let nf = graph.fullDOFCount
        mass = DenseMatrix(rows: nf, cols: nf)
        substructureMass = mass; stiffness = mass; substructureStiffness = mass; hydrostaticStiffness = mass; elasticStiffness = mass
        weight = [Double](repeating: 0, count: nf)
        substructureWeight = weight; buoyancy = weight; meanLoad = weight; internalWeight = weight; internalBuoyancy = weight
    }

    private static func add(_ v: [Double], into w: inout [Double], at r0: Int) { for k in v.indices { w[r0 + k] += v[k] } }

    mutating func addStructure(mass m: Matrix6, weight w: [Double], stiffness c: Matrix6, node: Int, substructure sub: Bool) {
        let slot = 6 * node
        Self.add(w, into: &weight, at: slot); mass.addBlock(m, at: slot); stiffness.addBlock(c, at: slot)
        if sub { Self.add(w, into: &substructureWeight, at: slot); substructureMass.addBlock(m, at: slot); substructureStiffness.addBlock(c, at: slot) }
    }
    mutating func addHydrostatics(force: [Double], stiffness c: Matrix6, node: Int) {
        hydrostaticStiffness.addBlock(c, at: 6 * node)
        Self.add(force, into: &buoyancy, at: 6 * node)
    }
    mutating func addBeam(member m: Int, inertia: BeamInertia, weight w: [Double], weightStiffness c: MemberMatrix,
                          elasticStiffness k: MemberMatrix, hydrostatics hs: BeamHydrostatics, substructure sub: Bool) {
        let ids = graph.memberNodes[m]
        let slot = 6 * ids[0]
        elasticStiffness.addBlock(k, at: slot)
        mass.addBlock(inertia.matrix, at: slot); stiffness.addBlock(c, at: slot); Self.add(w, into: &weight, at: slot)
        if sub { substructureMass.addBlock(inertia.matrix, at: slot); substructureStiffness.addBlock(c, at: slot); Self.add(w, into: &substructureWeight, at: slot) }
        hydrostaticStiffness.addBlock(hs.stiffness, at: slot); Self.add(hs.force, into: &buoyancy, at: slot)
        // internal end-node loads (02 §12.4): ends without own reduced DOFs carry the member's weight/buoyancy
        let a = ids[0], b = ids[ids.count - 1]
        let freeA = !reducedNodes.contains(a), freeB = !reducedNodes.contains(b)
        let share = freeA && freeB ? 0.5 : 1.0
        for (end, free) in [(a, freeA), (b, freeB)] where free {
            let rEnd = graph.nodes[end].r0
            let (fw, _) = weightOfPointMass(inertia.mass * share, offset: inertia.center - rEnd, g: g)
            let fb = translateForce3to6DOF(Vec3(0, 0, rho * g * hs.volume * share), hs.lastSubElementCenter - rEnd)
            Self.add(fw, into: &internalWeight, at: 6 * end)
            Self.add(fb, into: &internalBuoyancy, at: 6 * end)
        }
    }
    mutating func addMeanLoad(_ f: [Double], node: Int) { Self.add(f, into: &meanLoad, at: 6 * node) }
}
