#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

extension FlexibleFOWTStatics {
    /// Strip-theory added mass `A_hydro_morison` in the reduced DOFs at the reference pose (RAFT
    /// `FOWT.calcHydroConstants`, spec 06 §6, 02 §8.1, §12.2): each rigid member's 6×6 about its node, each beam
    /// strip node's 3×3 in its own block, then `Tᵀ·A·T` [kg, kg·m, kg·m²]. Underwater rotors are not supported.
    func morisonAddedMass(members fm: FOWTMembers, rho: Double) -> DenseMatrix {
        let nf = graph.fullDOFCount
        var a = DenseMatrix(rows: nf, cols: nf)
        for (m, mem) in fm.members.enumerated() {
            let slot = 6 * graph.memberNodes[m][0]
            if mem.type == .beam {
                a.addBlock(mem.beamAddedMass(rho: rho).addedMass, at: slot)
            } else {
                var block = Matrix6()
                for sn in mem.stripNodes(rho: rho) where !sn.potMod {
                    block += translateMatrix3to6DOF(sn.addedMass, sn.position - mem.rA)
                }
                a.addBlock(block, at: slot)
            }
        }
        return a.congruence(t)
    }
}

extension FlexibleFOWTStatics {
    /// Mean current drag `D_hydro` in the reduced DOFs at the reference pose (RAFT `FOWT.calcCurrentLoads`, spec 02 §10):
    /// rigid members about their node, beam strip nodes each in their own block, then `Tᵀ·D` [N, N·m].
    func currentLoads(members fm: FOWTMembers, rho: Double, speed: Double, headingDeg: Double, zRef: Double = 0,
                      shearExponent: Double, depth: Double) -> [Double] {
        var d = [Double](repeating: 0, count: graph.fullDOFCount)
        for (m, mem) in fm.members.enumerated() {
            let slot = 6 * graph.memberNodes[m][0]
            let strips = StripHydrodynamics(members: [mem], reference: mem.rA, rho: rho, omega: [], waveNumbers: [])
            if mem.type == .beam {
                for n in strips.nodes {
                    var one = strips
                    one.nodes = [n]
                    one.reference = n.position
                    let f = one.currentLoads(speed: speed, headingDeg: headingDeg, zRef: zRef, shearExponent: shearExponent, depth: depth)
                    for k in 0..<6 { d[slot + 6 * n.index + k] += f[k] }
                }
            } else {
                let f = strips.currentLoads(speed: speed, headingDeg: headingDeg, zRef: zRef, shearExponent: shearExponent, depth: depth)
                for k in 0..<6 { d[slot + k] += f[k] }
            }
        }
        return t.transposedTimes(d)
    }
}

/// Strip-theory pieces of a flexible FOWT, one `StripHydrodynamics` per structural attachment: a rigid member's
/// strips about its node, each beam strip node about itself (spec 02 §9.1, §12.2).
struct FlexibleStrips: Sendable {
    /// Strip model and the structural node it is attached to.
    var parts: [(strips: StripHydrodynamics, node: Int)]
    let nDOF: Int
    let t: DenseMatrix

    init(statics s: FlexibleFOWTStatics, members fm: FOWTMembers, rho: Double, omega: [Double], waveNumbers: [Double]) {
        parts = []
        nDOF = s.nDOF
        t = s.t
        for (m, mem) in fm.members.enumerated() {
            let ids = s.graph.memberNodes[m]
            let strips = StripHydrodynamics(members: [mem], reference: mem.rA, rho: rho, omega: omega, waveNumbers: waveNumbers)
            if mem.type == .beam {
                for n in mem.stripNodes(rho: rho) {
                    parts.append((StripHydrodynamics(members: [mem], reference: n.position, rho: rho, omega: omega, waveNumbers: waveNumbers)
                        .keeping(index: n.index), ids[n.index]))
                }
            } else {
                parts.append((strips, ids[0]))
            }
        }
    }

    /// Motion of node k (its 6 full DOFs) from reduced-DOF amplitudes `xi` [nDOF·nw], `T_k·ξ`.
    func nodeMotion(_ k: Int, _ xi: [Complex], nw: Int) -> ComplexSeries6 {
        var out = ComplexSeries6(frequencyCount: nw)
        for a in 0..<6 {
            for j in 0..<nDOF {
                let c = t[6 * k + a, j]
                if c == 0 { continue }
                for m in 0..<nw { out.values[a * nw + m] += Complex(c, 0) * xi[j * nw + m] }
            }
        }
        return out
    }

    /// RAFT `calcHydroLinearization(Xi)` + `calcDragExcitation`: `B_hydro_drag` [nDOF×nDOF] and `F_hydro_drag`
    /// [nDOF·nw] for one wave train (amplitudes per frequency, heading [rad]) and a reduced response `xi` [nDOF·nw].
    func dragLinearization(amplitude: [Double], heading: Double, depth: Double, response xi: [Complex]) -> (damping: DenseMatrix, excitation: [Complex]) {
        let nw = amplitude.count
        let nf = t.rows
        var b = DenseMatrix(rows: nf, cols: nf)
        var fRe = [Double](repeating: 0, count: nf * nw), fIm = fRe
        for (strips, k) in parts {
            let kin = strips.waveKinematics(amplitude: amplitude, heading: heading, depth: depth)
            var lin = DragLinearization(nodeCount: 0, frequencyCount: 0)
            strips.linearizeDrag(kin, response: nodeMotion(k, xi, nw: nw), into: &lin)
            b.addBlock(lin.damping, at: 6 * k)
            let f = strips.dragExcitation(kin, linearization: lin)
            for a in 0..<6 { for m in 0..<nw { fRe[(6 * k + a) * nw + m] += f.values[a * nw + m].real; fIm[(6 * k + a) * nw + m] += f.values[a * nw + m].imaginary } }
        }
        var out = [Complex](repeating: .zero, count: nDOF * nw)
        for r in 0..<nf {
            for j in 0..<nDOF {
                let c = t[r, j]
                if c == 0 { continue }
                for m in 0..<nw { out[j * nw + m] += Complex(c * fRe[r * nw + m], c * fIm[r * nw + m]) }
            }
        }
        return (b.congruence(t), out)
    }

    /// RAFT `calcDragExcitation(ih)` for a wave train after the first: `F_hydro_drag` [nDOF·nw] (dof-major) of wave
    /// train `train` with the drag linearised on wave train `primary` and the reduced response `xi` [nDOF·nw] of the
    /// last linearisation, as for a rigid FOWT (spec 06 §7.2).
    func dragExcitation(train: SeaState, primary: SeaState, depth: Double, response xi: [Complex]) -> [Complex] {
        let nw = train.amplitude.count
        var out = [Complex](repeating: .zero, count: nDOF * nw)
        for (strips, k) in parts {
            let kin0 = strips.waveKinematics(amplitude: primary.amplitude, heading: primary.heading, depth: depth)
            var lin = DragLinearization(nodeCount: 0, frequencyCount: 0)
            strips.linearizeDrag(kin0, response: nodeMotion(k, xi, nw: nw), into: &lin)
            let kin = strips.waveKinematics(amplitude: train.amplitude, heading: train.heading, depth: depth)
            let f = strips.dragExcitation(kin, linearization: lin)
            for a in 0..<6 {
                for j in 0..<nDOF {
                    let c = t[6 * k + a, j]
                    if c == 0 { continue }
                    for m in 0..<nw { out[j * nw + m] += f.values[a * nw + m].multiplied(by: c) }
                }
            }
        }
        return out
    }
}

extension StripHydrodynamics {
    /// This model restricted to the strip node with member-local index `index`.
    func keeping(index: Int) -> StripHydrodynamics {
        var o = self
        let keep = nodes.indices.filter { nodes[$0].index == index }
        o.nodes = keep.map { nodes[$0] }
        o.mcfInertia = [:]
        for (new, old) in keep.enumerated() { if let v = mcfInertia[old] { o.mcfInertia[new] = v } }
        return o
    }
}
