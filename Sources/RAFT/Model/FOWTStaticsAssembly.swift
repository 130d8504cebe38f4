#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The structural nodes a FOWT's statics are assembled on (RAFT `FOWT.calcStatics`, spec 06 §3.2).
///
/// A rigid FOWT is the one-node case: every member, RNA and point inertia sits at a point rigidly attached to the
/// PRP, and its loads are transferred to the PRP as they arrive (`RigidStaticsSink`, Matrix6, no reduction). A FOWT
/// with beams uses the nodes of its graph, and its loads are reduced through `T` afterwards (`NodeStaticsSink`).
struct StaticsNodes: Sendable {
    /// Node positions relative to the PRP [m], in the order the closest-node search visits them.
    var positions: [Vec3]
    /// Each member's first node (its end A, where a rigid member's loads act); nil for nacelle members.
    var memberNodes: [Int?]
    /// Each rotor's node (RNA reference point).
    var rotorNodes: [Int]

    /// The node closest to `p` (the first of equally close nodes), where point inertias and mean loads act.
    func closest(to p: Vec3) -> Int {
        var best = 0, bd = Double.infinity
        for (i, n) in positions.enumerated() { let d = norm(n - p); if d < bd { bd = d; best = i } }
        return best
    }

    /// The points RAFT's rigid `calcStatics` uses: each member's end A (members, then nacelle members), each rotor's
    /// RNA reference point, and the PRP (the origin joint's node).
    init(rigid fm: FOWTMembers) {
        var positions: [Vec3] = [], memberNodes = [Int?](repeating: nil, count: fm.members.count)
        for (m, mem) in fm.members.enumerated() where mem.part != .nacelle { memberNodes[m] = positions.count; positions.append(mem.rA0) }
        for mem in fm.members where mem.part == .nacelle { positions.append(mem.rA0) }  // candidates for point inertias
        rotorNodes = fm.rnas.indices.map { positions.count + $0 }
        positions += fm.rnas.map { $0.referencePoint }
        positions.append(.zero)
        self.positions = positions
        self.memberNodes = memberNodes
    }

    /// The nodes of a FOWT's node graph.
    init(graph: NodeGraph, members fm: FOWTMembers) {
        positions = graph.nodes.map { $0.r0 }
        memberNodes = fm.members.indices.map { fm.members[$0].part == .nacelle ? nil : graph.memberNodes[$0].first }
        rotorNodes = graph.rotorNodes
    }
}

/// Where the statics assembly puts node loads: each is about its node, in global axes.
protocol StaticsSink {
    /// Whether beam members are assembled as beams (node graph); a rigid FOWT treats every member as rigid.
    static var assemblesBeams: Bool { get }
    /// Whether members named "nacelle" add hydrostatics (RAFT's rigid `calcStatics`, PF30).
    static var acceptsNacelleHydrostatics: Bool { get }
    /// Mass `M` [kg, kg·m, kg·m²], weight `W` [N, N·m] and its stiffness [N/m, N, N·m/rad] at `node`; `substructure`
    /// adds them to the `*_sub` quantities too.
    mutating func addStructure(mass: Matrix6, weight: [Double], stiffness: Matrix6, node: Int, substructure: Bool)
    /// Buoyancy force [N, N·m] and hydrostatic stiffness at `node`.
    mutating func addHydrostatics(force: [Double], stiffness: Matrix6, node: Int)
    /// A beam member over its nodes: FE mass, weight (and stiffness), elastic stiffness and hydrostatics.
    mutating func addBeam(member m: Int, inertia: BeamInertia, weight: [Double], weightStiffness: MemberMatrix,
                          elasticStiffness: MemberMatrix, hydrostatics: BeamHydrostatics, substructure: Bool)
    /// A constant `mean_load` [N, N·m] at `node`.
    mutating func addMeanLoad(_ f: [Double], node: Int)
}

/// Node-independent sums of the statics assembly: centres of gravity and buoyancy, masses, ballast, waterplane.
struct StaticsTotals {
    /// Σ m·r_CG of everything and of the substructure [kg·m]; substructure and shell mass [kg].
    var massMoment = Vec3.zero, substructureMassMoment = Vec3.zero
    var substructureMass = 0.0, shellMass = 0.0
    /// Ballast masses [kg] and densities [kg/m³] per section, in member order.
    var fillMasses: [Double] = [], fillDensities: [Double] = []
    /// Tower member masses [kg] and CGs relative to the PRP [m].
    var towerMasses: [Double] = [], towerCGs: [Vec3] = []
    /// Submerged volume [m³], Σ V·r_CB [m⁴]; waterplane area [m²] and inertias about the PRP [m⁴] (rigid members).
    var volume = 0.0, volumeMoment = Vec3.zero
    var waterplaneArea = 0.0, waterplaneInertiaX = 0.0, waterplaneInertiaY = 0.0

    /// Distinct non-zero ballast densities `pb` [kg/m³] and the ballast mass of each `m_ballast` [kg].
    var ballast: (densities: [Double], masses: [Double]) {
        var pb: [Double] = []
        for p in fillDensities where p != 0 && !pb.contains(p) { pb.append(p) }
        return (pb, pb.map { p in zip(fillMasses, fillDensities).reduce(0) { $1.1 == p ? $0 + $1.0 : $0 } })
    }
}

extension FOWTMembers {
    /// Assemble every member's mass, weight and hydrostatics, each RNA and each platform point inertia and mean load
    /// onto `nodes` (RAFT `calcStatics`, spec 06 §3.2, 02 §12.4): the one assembly for rigid and flexible FOWTs.
    /// - Parameter rnaAxes: current `R_q` per rotor (nacelle yaw of the case), or nil for the zero-yaw shaft frame.
    func assembleStatics<S: StaticsSink>(on nodes: StaticsNodes, platform: PlatformInput, rho: Double, g: Double,
                                         rnaAxes: [Matrix3]?, into sink: inout S) throws(FOWTStaticsError) -> StaticsTotals {
        var t = StaticsTotals()
        func rigidHydrostatics(_ mem: Member, node: Int) throws(FOWTStaticsError) {
            let hs: MemberHydrostatics
            do { hs = try mem.hydrostatics(rho: rho, g: g) } catch { throw .member(error) }
            sink.addHydrostatics(force: hs.force, stiffness: hs.stiffness, node: node)
            let r0 = nodes.positions[node]
            let rcb = hs.centerOfBuoyancy + r0
            let xwp = hs.xWP + r0.x, ywp = hs.yWP + r0.y
            t.volume += hs.volume
            t.waterplaneArea += hs.waterplaneArea
            t.waterplaneInertiaX += hs.waterplaneInertia + hs.waterplaneArea * (ywp * ywp)
            t.waterplaneInertiaY += hs.waterplaneInertia + hs.waterplaneArea * (xwp * xwp)
            t.volumeMoment += rcb * hs.volume
        }

        for (m, mem) in members.enumerated() where mem.part != .nacelle {
            guard let node = nodes.memberNodes[m] else { continue }
            let r0 = nodes.positions[node]
            let onSubstructure = mem.part != .tower
            let mass: Double, center: Vec3
            if S.assemblesBeams && mem.type == .beam {
                do {
                    let inertia = try mem.beamInertia()
                    let (w, c) = try mem.beamWeight(inertia, g: g)
                    let hs = try mem.beamHydrostatics(rho: rho, g: g)
                    sink.addBeam(member: m, inertia: inertia, weight: w, weightStiffness: c, elasticStiffness: try mem.beamStiffness(),
                                 hydrostatics: hs, substructure: onSubstructure)
                    mass = inertia.mass
                    center = inertia.center - mem.r[0] + r0
                    if onSubstructure { t.fillMasses += inertia.fillMasses; t.fillDensities += inertia.fillDensities }
                    t.volume += hs.volume
                    t.volumeMoment += ((hs.volume > 0 ? hs.centerOfBuoyancy - mem.r[0] : .zero) + r0) * hs.volume
                } catch { throw .member(error) }
            } else {
                let inertia: MemberInertia
                do { inertia = try mem.inertia() } catch { throw .member(error) }
                let (w, c) = mem.weight(inertia, g: g)
                sink.addStructure(mass: inertia.matrix, weight: w, stiffness: c, node: node, substructure: onSubstructure)
                mass = inertia.mass
                center = (inertia.center - mem.rA) + r0
                if onSubstructure {
                    t.shellMass += inertia.shellMass
                    t.fillMasses += inertia.fillMasses; t.fillDensities += inertia.fillDensities
                }
                try rigidHydrostatics(mem, node: node)
            }
            t.massMoment += center * mass
            if onSubstructure {
                t.substructureMass += mass
                t.substructureMassMoment += center * mass
            } else {
                t.towerMasses.append(mass)
                t.towerCGs.append(center)
            }
        }
        if S.acceptsNacelleHydrostatics {
            // by name only (PF30), at the member's end A
            for mem in members where mem.name == "nacelle" {
                try rigidHydrostatics(mem, node: nodes.positions.firstIndex(of: mem.rA0) ?? nodes.closest(to: mem.rA0))
            }
        }

        // RNA per rotor at its reference point node (spec 06 §3.2, 03 §9.3)
        for (ir, rna) in rnas.enumerated() {
            let l = rna.nodeLoads(axes: rnaAxes.flatMap { ir < $0.count ? $0[ir] : nil }, g: g)
            sink.addStructure(mass: l.mass, weight: l.weight, stiffness: l.stiffness, node: nodes.rotorNodes[ir], substructure: false)
            t.massMoment += l.centerOfGravity * rna.mass
        }

        // point inertias and mean loads at the closest node (by reference position)
        for pi in platform.pointInertias {
            let k = nodes.closest(to: pi.location)
            let l = pi.nodeLoads(node: nodes.positions[k], g: g)
            sink.addStructure(mass: l.mass, weight: l.weight, stiffness: l.stiffness, node: k, substructure: true)
            t.massMoment += pi.location * pi.mass
            t.substructureMass += pi.mass
            t.substructureMassMoment += pi.location * pi.mass
        }
        for ml in platform.meanLoads {
            let k = nodes.closest(to: ml.location)
            sink.addMeanLoad(rigidTransfer(ml.load, ml.location - nodes.positions[k]), node: k)
        }
        return t
    }
}

/// The one-node case: every node load is transferred to the PRP as it arrives (`Tᵀ·X·T` with rigid links plus the
/// transformation stiffness of the node forces), in 6×6 (spec 06 §3.2).
struct RigidStaticsSink: StaticsSink {
    static var assemblesBeams: Bool { false }
    static var acceptsNacelleHydrostatics: Bool { true }
    let positions: [Vec3]
    var structure = RigidAccumulator(), substructure = RigidAccumulator(), hydro = RigidAccumulator()
    var meanLoad = [Double](repeating: 0, count: 6)

    mutating func addStructure(mass: Matrix6, weight: [Double], stiffness: Matrix6, node: Int, substructure sub: Bool) {
        structure.add(force: weight, stiffness: stiffness, mass: mass, at: positions[node])
        if sub { substructure.add(force: weight, stiffness: stiffness, mass: mass, at: positions[node]) }
    }
    mutating func addHydrostatics(force: [Double], stiffness: Matrix6, node: Int) {
        hydro.add(force: force, stiffness: stiffness, mass: nil, at: positions[node])
    }
    mutating func addBeam(member m: Int, inertia: BeamInertia, weight: [Double], weightStiffness: MemberMatrix,
                          elasticStiffness: MemberMatrix, hydrostatics: BeamHydrostatics, substructure: Bool) {
        preconditionFailure("a rigid FOWT assembles beam members as rigid members")
    }
    mutating func addMeanLoad(_ f: [Double], node: Int) {
        let t = rigidTransfer(f, positions[node])
        for k in 0..<6 { meanLoad[k] += t[k] }
    }
}
