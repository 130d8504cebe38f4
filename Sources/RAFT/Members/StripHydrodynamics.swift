#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import Numerics

/// Complex amplitudes per DOF and frequency, row-major `[dof * nw + m]` (RAFT arrays `[nDOF, nw]`), e.g.
/// `F_hydro_iner[h]`, `F_hydro_drag` [N, N·m] or a response `Xi` [m, rad] (e^{iωt} convention).
package struct ComplexSeries6: Sendable, Equatable {
    package var frequencyCount: Int
    package var values: [Complex]
    package init(frequencyCount nw: Int) {
        frequencyCount = nw
        values = Array(repeating: .zero, count: 6 * nw)
    }
    package subscript(dof: Int, m: Int) -> Complex {
        get { values[dof * frequencyCount + m] }
        set { values[dof * frequencyCount + m] = newValue }
    }
    mutating func add(_ f: Vec3, _ fi: Vec3, at m: Int, offset d: Vec3) {
        let nw = frequencyCount
        values.withUnsafeMutableBufferPointer { Self.add(f, fi, at: m, offset: d, to: $0, frequencyCount: nw) }
    }

    /// `add` on the storage of a series with `nw` frequencies, for loops over frequencies that take the buffer
    /// once (an array element store checks uniqueness every time).
    @inline(__always)
    static func add(_ f: Vec3, _ fi: Vec3, at m: Int, offset d: Vec3, to values: UnsafeMutableBufferPointer<Complex>,
                    frequencyCount nw: Int) {
        // [F, d × F] for real and imaginary parts
        let mr = cross(d, f), mi = cross(d, fi)
        values[0 * nw + m] += Complex(f.x, fi.x)
        values[1 * nw + m] += Complex(f.y, fi.y)
        values[2 * nw + m] += Complex(f.z, fi.z)
        values[3 * nw + m] += Complex(mr.x, mi.x)
        values[4 * nw + m] += Complex(mr.y, mi.y)
        values[5 * nw + m] += Complex(mr.z, mi.z)
    }
}

/// Airy wave kinematics at every submerged strip node for one wave train (RAFT `getWaveKin`, spec 02 §7).
///
/// Storage `[(node * 3 + component) * nw + m]` for velocity `u` and acceleration `ud` [m/s, m/s²], and
/// `[node * nw + m]` for dynamic pressure `pDyn` [Pa], real and imaginary parts separately.
package struct WaveKinematics: Sendable {
    package var nodeCount: Int
    package var frequencyCount: Int
    package var uRe: [Double], uIm: [Double]
    package var udRe: [Double], udIm: [Double]
    package var pRe: [Double], pIm: [Double]
}

/// Per-node workspace of the drag linearisation (`Bmat` of every strip node), reused across iterations.
package struct DragLinearization: Sendable {
    /// `Bmat_i` [N·s/m] per strip node (same order as `StripHydrodynamics.nodes`).
    package var nodeDamping: [Matrix3]
    /// `B_hydro_drag` about the reference [N·s/m, N·s, N·m·s].
    package var damping: Matrix6
    /// `F_hydro_drag` [N, N·m] for the wave train used in the linearisation.
    package var excitation: ComplexSeries6
    /// Scratch of `linearizeDrag`: the response per frequency as (translation re, im, rotation re, im) [m, rad].
    var motion: [Vec3] = []
    package init(nodeCount: Int, frequencyCount: Int) {
        nodeDamping = Array(repeating: .zero, count: nodeCount)
        damping = Matrix6()
        excitation = ComplexSeries6(frequencyCount: frequencyCount)
    }
}

/// Strip-theory (Morison) hydrodynamics of all members of one FOWT, about a reference point (the PRP).
///
/// Mirrors RAFT's FOWT-level `calcHydroConstants`, `calcHydroExcitation` (strip part), `calcHydroLinearization`,
/// `calcDragExcitation` and `calcCurrentLoads` for a rigid FOWT (spec 02 §7–§10): member quantities are summed
/// directly about the reference, which equals RAFT's `Tᵀ·X·T` reduction (spec 02 §10).
///
/// Usage for the dynamics solver: build once per case at the pose RAFT uses (`A_hydro_morison` and `Imat`
/// come from the reference pose, spec 06 §3.3; call `moved(to:reference:)` for mean-pose node positions),
/// compute `waveKinematics` once per wave train, then call `linearizeDrag(_:response:into:)` every iteration
/// with a preallocated `DragLinearization`.
package struct StripHydrodynamics: Sendable {
    /// Submerged strip nodes of every member, in member order.
    package var nodes: [StripNode]
    /// Reference point the 6-DOF quantities are taken about [m].
    package var reference: Vec3
    /// Frequencies `w` [rad/s] and wave numbers `k` [rad/m] (RAFT `waveNumber`).
    package var omega: [Double]
    package var waveNumbers: [Double]
    /// Water density `rho_water` [kg/m³].
    package var rho: Double
    /// MacCamy–Fuchs `Imat_MCF` per MCF node: index into `nodes` → 9·nw complex entries `[m][3×3 row-major]`.
    var mcfInertia: [Int: [Complex]]
    /// Strip added mass `A_hydro_morison` about `reference` [kg, kg·m, kg·m²].
    package private(set) var addedMass: Matrix6

    package var frequencyCount: Int { omega.count }

    /// - Parameters:
    ///   - members: the FOWT's members at their current pose (all parts; RAFT includes towers and nacelles).
    ///   - reference: PRP position [m].
    ///   - rho: water density [kg/m³]; omega [rad/s]; waveNumbers [rad/m] (same length).
    package init(members: [Member], reference: Vec3 = .zero, rho: Double, omega: [Double], waveNumbers: [Double]) {
        precondition(omega.count == waveNumbers.count, "one wave number per frequency")
        self.reference = reference
        self.omega = omega
        self.waveNumbers = waveNumbers
        self.rho = rho
        nodes = []
        for (i, m) in members.enumerated() { nodes += m.stripNodes(memberIndex: i, rho: rho) }
        mcfInertia = [:]
        addedMass = Matrix6()
        let nw = omega.count
        for (j, n) in nodes.enumerated() {
            if !n.potMod { addedMass += translateMatrix3to6DOF(n.addedMass, n.position - reference) }
            guard let R = n.mcfRadius else { continue }
            let P1 = Matrix3.outer(n.p1, n.p1), P2 = Matrix3.outer(n.p2, n.p2), Q = Matrix3.outer(n.q, n.q)
            let sV = rho * n.sideVolume, eV = rho * n.endVolume * n.caEnd
            var arr = [Complex](repeating: .zero, count: 9 * nw)
            for m in 0..<nw {
                let (c1, c2) = macCamyFuchs(k: waveNumbers[m], radius: R, caP1: n.caP1, caP2: n.caP2)
                for a in 0..<3 {
                    for b in 0..<3 {
                        let s = (c1 * Complex(P1[a, b], 0) + c2 * Complex(P2[a, b], 0)) * Complex(sV, 0)
                        arr[9 * m + 3 * a + b] = s + Complex(eV * Q[a, b], 0)
                    }
                }
            }
            mcfInertia[j] = arr
        }
    }

    /// The same coefficients with node positions (and reference) taken from members at another pose
    /// (RAFT keeps `Imat`/`Amat` from the reference pose but evaluates kinematics at the mean pose).
    ///
    /// Nodes are those submerged at the new pose (drag data and directions fresh, as RAFT recomputes them);
    /// `Amat`, `Imat`, `Imat_MCF` and `a_i` are kept from this (reference-pose) object, and are zero for nodes
    /// that were not submerged there (RAFT's never-reset per-node arrays, PF27).
    package func moved(to members: [Member], reference newReference: Vec3) -> StripHydrodynamics {
        var out = self
        out.reference = newReference
        var old: [Int: Int] = [:]  // (member, index) key → old node position
        for (j, n) in nodes.enumerated() { old[n.member << 20 | n.index] = j }
        var fresh: [StripNode] = []
        for (i, m) in members.enumerated() { fresh += m.stripNodes(memberIndex: i, rho: rho) }
        var mcf: [Int: [Complex]] = [:]
        for j in fresh.indices {
            if let o = old[fresh[j].member << 20 | fresh[j].index] {
                let n = nodes[o]
                fresh[j].addedMass = n.addedMass
                fresh[j].inertia = n.inertia
                fresh[j].endArea = n.endArea
                fresh[j].sideVolume = n.sideVolume
                fresh[j].endVolume = n.endVolume
                fresh[j].mcfRadius = n.mcfRadius
                if let a = mcfInertia[o] { mcf[j] = a }
            } else {
                fresh[j].addedMass = .zero
                fresh[j].inertia = .zero
                fresh[j].endArea = 0
                fresh[j].mcfRadius = nil
            }
        }
        out.nodes = fresh
        out.mcfInertia = mcf
        return out
    }

    // MARK: Wave kinematics and inertial excitation

    /// Airy kinematics at every node for one wave train (RAFT `getWaveKin` with rho = 1025, g = 9.81, PF9).
    /// - Parameters: amplitude `zeta` [m] per frequency; heading `beta` [rad] (direction of travel); depth [m].
    package func waveKinematics(amplitude zeta0: [Double], heading beta: Double, depth h: Double) -> WaveKinematics {
        let nw = frequencyCount, nn = nodes.count
        var kin = WaveKinematics(nodeCount: nn, frequencyCount: nw,
                                 uRe: .init(repeating: 0, count: 3 * nn * nw), uIm: .init(repeating: 0, count: 3 * nn * nw),
                                 udRe: .init(repeating: 0, count: 3 * nn * nw), udIm: .init(repeating: 0, count: 3 * nn * nw),
                                 pRe: .init(repeating: 0, count: nn * nw), pIm: .init(repeating: 0, count: nn * nw))
        let rhoG = 1025.0 * 9.81  // FOWT calls member kinematics without rho/g (PF9)
        let cb = cos(beta), sb = sin(beta)
        // sinh(k·h) and cosh(k·h) of the finite-depth branch depend on the frequency only: evaluated once per
        // frequency instead of once per node (the same calls on the same arguments, so the same bits).
        var sinhKH = [Double](repeating: 0, count: nw), coshKH = [Double](repeating: 0, count: nw)
        for i in 0..<nw {
            let k = waveNumbers[i]
            if k != 0 && !(k * h > 89.4) { sinhKH[i] = sinh(k * h); coshKH[i] = cosh(k * h) }
        }
        for (j, n) in nodes.enumerated() {
            let r = n.position
            let z = r.z
            guard z <= 0 else { continue }  // nodes above the surface keep zero kinematics
            for i in 0..<nw {
                let k = waveNumbers[i], w = omega[i]
                let ph = k * (cb * r.x + sb * r.y)
                let zr = zeta0[i] * cos(ph), zi = zeta0[i] * -sin(ph)
                let sn: Double, cs: Double, cc: Double
                if k == 0 {
                    sn = 1; cs = 99999; cc = 99999
                } else if k * h > 89.4 {
                    let e = exp(k * z)
                    sn = e; cs = e; cc = e + exp(-k * (z + 2.0 * h))
                } else {
                    sn = sinh(k * (z + h)) / sinhKH[i]
                    cs = cosh(k * (z + h)) / sinhKH[i]
                    cc = cosh(k * (z + h)) / coshKH[i]
                }
                let ux = (w * zr * cs * cb, w * zi * cs * cb)
                let uy = (w * zr * cs * sb, w * zi * cs * sb)
                let uz = (-w * zi * sn, w * zr * sn)  // i·w·zeta·S
                let base = 3 * j * nw
                kin.uRe[base + i] = ux.0; kin.uIm[base + i] = ux.1
                kin.uRe[base + nw + i] = uy.0; kin.uIm[base + nw + i] = uy.1
                kin.uRe[base + 2 * nw + i] = uz.0; kin.uIm[base + 2 * nw + i] = uz.1
                kin.udRe[base + i] = -w * ux.1; kin.udIm[base + i] = w * ux.0
                kin.udRe[base + nw + i] = -w * uy.1; kin.udIm[base + nw + i] = w * uy.0
                kin.udRe[base + 2 * nw + i] = -w * uz.1; kin.udIm[base + 2 * nw + i] = w * uz.0
                kin.pRe[j * nw + i] = rhoG * zr * cc; kin.pIm[j * nw + i] = rhoG * zi * cc
            }
        }
        return kin
    }

    /// Strip inertial excitation `F_hydro_iner` (Froude–Krylov + added mass) for one wave train [N, N·m]
    /// (RAFT member `calcHydroExcitation`, spec 02 §8.3).
    package func inertialExcitation(_ kin: WaveKinematics) -> ComplexSeries6 {
        let nw = frequencyCount
        var F = ComplexSeries6(frequencyCount: nw)
        for (j, n) in nodes.enumerated() where !n.potMod {
            let d = n.position - reference
            let base = 3 * j * nw
            let mcf = mcfInertia[j]
            for m in 0..<nw {
                let udr = Vec3(kin.udRe[base + m], kin.udRe[base + nw + m], kin.udRe[base + 2 * nw + m])
                let udi = Vec3(kin.udIm[base + m], kin.udIm[base + nw + m], kin.udIm[base + 2 * nw + m])
                var fr: Vec3, fi: Vec3
                if let mcf {
                    fr = .zero; fi = .zero
                    for a in 0..<3 {
                        var sr = 0.0, si = 0.0
                        for b in 0..<3 {
                            let c = mcf[9 * m + 3 * a + b]
                            sr += c.real * udr[b] - c.imaginary * udi[b]
                            si += c.real * udi[b] + c.imaginary * udr[b]
                        }
                        fr[a] = sr; fi[a] = si
                    }
                } else {
                    fr = n.inertia * udr
                    fi = n.inertia * udi
                }
                let pa = n.endArea
                fr += (kin.pRe[j * nw + m] * pa) * n.q
                fi += (kin.pIm[j * nw + m] * pa) * n.q
                F.add(fr, fi, at: m, offset: d)
            }
        }
        return F
    }

    // MARK: Drag

    /// Stochastic drag linearisation about a response (RAFT `calcHydroLinearization`, spec 02 §9.1).
    ///
    /// Fills `out.nodeDamping` (`Bmat`), `out.damping` (`B_hydro_drag`) and `out.excitation` (`F_hydro_drag` of
    /// the train in `kin`). Allocation-free apart from the first use of `out`.
    /// - Parameters:
    ///   - kin: kinematics of the wave train used for the linearisation (RAFT: train 0).
    ///   - response: platform motion `Xi` about `reference` [m, rad] per DOF and frequency; nil = at rest.
    package func linearizeDrag(_ kin: WaveKinematics, response: ComplexSeries6?, into out: inout DragLinearization) {
        let nw = frequencyCount
        if out.nodeDamping.count != nodes.count || out.excitation.frequencyCount != nw {
            out = DragLinearization(nodeCount: nodes.count, frequencyCount: nw)
        }
        for i in 0..<36 { out.damping.storage[i] = 0 }
        out.excitation.values.withUnsafeMutableBufferPointer { e in for i in e.indices { e[i] = .zero } }
        // The platform motion per frequency as the four Vec3 the node loop needs (translation and rotation, real and
        // imaginary parts), gathered once per call instead of once per node: the same values, so the same bits.
        if let x = response {
            if out.motion.count != 4 * nw { out.motion = [Vec3](repeating: .zero, count: 4 * nw) }
            x.values.withUnsafeBufferPointer { v in
                out.motion.withUnsafeMutableBufferPointer { mo in
                    for m in 0..<nw {
                        mo[4 * m] = Vec3(v[m].real, v[nw + m].real, v[2 * nw + m].real)
                        mo[4 * m + 1] = Vec3(v[m].imaginary, v[nw + m].imaginary, v[2 * nw + m].imaginary)
                        mo[4 * m + 2] = Vec3(v[3 * nw + m].real, v[4 * nw + m].real, v[5 * nw + m].real)
                        mo[4 * m + 3] = Vec3(v[3 * nw + m].imaginary, v[4 * nw + m].imaginary, v[5 * nw + m].imaginary)
                    }
                }
            }
        }
        let moving = response != nil
        let motion = out.motion
        let c8 = (8 / Double.pi).squareRoot()
        kin.uRe.withUnsafeBufferPointer { uRe in
            kin.uIm.withUnsafeBufferPointer { uIm in
                omega.withUnsafeBufferPointer { omega in
                    motion.withUnsafeBufferPointer { mo in
                        for (j, n) in nodes.enumerated() {
                            let rel = n.position - reference
                            let base = 3 * j * nw
                            let (sq, sp, s1, s2) = Self.relativeVelocitySums(n, rel: rel, base: base, nw: nw, uRe: uRe, uIm: uIm,
                                                                             omega: omega, motion: moving ? mo : nil)
                            let rq = (0.5 * sq).squareRoot()
                            let r1 = n.rectangular ? (0.5 * s1).squareRoot() : (0.5 * sp).squareRoot()
                            let r2 = n.rectangular ? (0.5 * s2).squareRoot() : r1
                            let bq = c8 * rq * 0.5 * rho * n.areaAxial * n.cdAxial
                            let b1 = c8 * r1 * 0.5 * rho * n.area1 * n.cd1
                            let b2 = c8 * r2 * 0.5 * rho * n.area2 * n.cd2
                            let bE = c8 * rq * 0.5 * rho * n.areaEnd * n.cdEnd
                            let B = (bq * Matrix3.outer(n.q, n.q) + b1 * Matrix3.outer(n.p1, n.p1) + b2 * Matrix3.outer(n.p2, n.p2))
                                + bE * Matrix3.outer(n.q, n.q)
                            out.nodeDamping[j] = B
                            addTranslated3(B, rel, into: &out.damping)
                            out.excitation.values.withUnsafeMutableBufferPointer { excitation in
                                for m in 0..<nw {
                                    let ur = Vec3(uRe[base + m], uRe[base + nw + m], uRe[base + 2 * nw + m])
                                    let ui = Vec3(uIm[base + m], uIm[base + nw + m], uIm[base + 2 * nw + m])
                                    ComplexSeries6.add(B * ur, B * ui, at: m, offset: rel, to: excitation, frequencyCount: nw)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The sums over frequencies of node `n`'s squared relative-velocity amplitudes, axial, transverse and (for
    /// rectangular members) along p1 and p2, in frequency order: the inner loop of `linearizeDrag` on raw storage.
    /// - Parameters: rel: node position about the reference [m]; base: the node's offset in the kinematics storage;
    ///   motion: the platform motion per frequency as `linearizeDrag` gathers it, nil = at rest.
    @inline(__always)
    private static func relativeVelocitySums(_ n: StripNode, rel: Vec3, base: Int, nw: Int, uRe: UnsafeBufferPointer<Double>,
                                             uIm: UnsafeBufferPointer<Double>, omega: UnsafeBufferPointer<Double>,
                                             motion: UnsafeBufferPointer<Vec3>?) -> (Double, Double, Double, Double) {
        var sq = 0.0, sp = 0.0, s1 = 0.0, s2 = 0.0
        for m in 0..<nw {
            var vr = Vec3(uRe[base + m], uRe[base + nw + m], uRe[base + 2 * nw + m])
            var vi = Vec3(uIm[base + m], uIm[base + nw + m], uIm[base + 2 * nw + m])
            if let x = motion {
                // node velocity iω(Xi_t + Xi_r × r)
                let w = omega[m]
                let tr = x[4 * m], ti = x[4 * m + 1], rr = x[4 * m + 2], ri = x[4 * m + 3]
                let drr = tr + cross(rr, rel), dri = ti + cross(ri, rel)
                vr -= -w * dri
                vi -= w * drr
            }
            let qr = dot(vr, n.q), qi = dot(vi, n.q)
            let vqr = qr * n.q, vqi = qi * n.q
            sq += (vqr * vqr).sum() + (vqi * vqi).sum()
            let vpr = vr - vqr, vpi = vi - vqi
            sp += (vpr * vpr).sum() + (vpi * vpi).sum()
            if n.rectangular {
                let a = dot(vr, n.p1), b = dot(vi, n.p1)
                let v1r = a * n.p1, v1i = b * n.p1
                s1 += (v1r * v1r).sum() + (v1i * v1i).sum()
                let c = dot(vr, n.p2), e = dot(vi, n.p2)
                let v2r = c * n.p2, v2i = e * n.p2
                s2 += (v2r * v2r).sum() + (v2i * v2i).sum()
            }
        }
        return (sq, sp, s1, s2)
    }

    /// Linearised drag excitation of another wave train with the stored `Bmat` (RAFT `calcDragExcitation`, §9.2).
    package func dragExcitation(_ kin: WaveKinematics, linearization: DragLinearization) -> ComplexSeries6 {
        let nw = frequencyCount
        var F = ComplexSeries6(frequencyCount: nw)
        for (j, n) in nodes.enumerated() {
            let rel = n.position - reference
            let base = 3 * j * nw
            let B = linearization.nodeDamping[j]
            F.values.withUnsafeMutableBufferPointer { values in
                for m in 0..<nw {
                    let ur = Vec3(kin.uRe[base + m], kin.uRe[base + nw + m], kin.uRe[base + 2 * nw + m])
                    let ui = Vec3(kin.uIm[base + m], kin.uIm[base + nw + m], kin.uIm[base + 2 * nw + m])
                    ComplexSeries6.add(B * ur, B * ui, at: m, offset: rel, to: values, frequencyCount: nw)
                }
            }
        }
        return F
    }

    // MARK: Current

    /// Mean current drag `D_hydro` [N, N·m] (RAFT `calcCurrentLoads`, spec 02 §9.3, PF17).
    /// - Parameters: speed [m/s]; headingDeg: direction the current flows toward [deg]; zRef: profile reference
    ///   elevation [m]; shearExponent: `shearExp_water`; depth [m].
    package func currentLoads(speed: Double, headingDeg: Double, zRef: Double = 0, shearExponent: Double = 0.12,
                             depth: Double) -> [Double] {
        var D = [Double](repeating: 0, count: 6)
        let th = headingDeg * (Double.pi / 180)
        for n in nodes {
            let z = n.position.z
            let v = speed * pow((depth - abs(z)) / (depth + zRef), shearExponent)
            let vc = Vec3(v * cos(th), v * sin(th), 0)
            let vq = dot(vc, n.q) * n.q
            let vp = vc - vq
            let v1 = dot(vc, n.p1) * n.p1
            let v2 = dot(vc, n.p2) * n.p2
            let dq = 0.5 * rho * n.areaAxial * n.cdAxial * norm(vq) * vq
            let n1 = n.rectangular ? norm(v1) : norm(vp)
            let n2 = n.rectangular ? norm(v2) : norm(vp)
            let d1 = 0.5 * rho * n.area1 * n.cd1 * n1 * v1
            let d2 = 0.5 * rho * n.area2 * n.cd2 * n2 * v2
            let dE = 0.5 * rho * n.areaEnd * n.cdEnd * norm(vq) * vq
            let f = translateForce3to6DOF(dq + d1 + d2 + dE, n.position - reference)
            for k in 0..<6 { D[k] += f[k] }
        }
        return D
    }
}

/// `M += translateMatrix3to6DOF(m3, r)` without temporaries (same block formulas).
@inline(__always) func addTranslated3(_ m: Matrix3, _ r: Vec3, into M: inout Matrix6) {
    let h = Matrix3.skew(r)
    let mh = m * h
    let hmh = h.transposed * m * h
    M.storage.withUnsafeMutableBufferPointer { s in
        for i in 0..<3 {
            for j in 0..<3 {
                s[6 * i + j] += m[i, j]
                s[6 * i + j + 3] += mh[i, j]
                s[6 * (i + 3) + j] += mh[j, i]
                s[6 * (i + 3) + j + 3] += hmh[i, j]
            }
        }
    }
}

extension StripHydrodynamics {
    /// `a_i` per member and strip node as `calcHydroConstants` leaves it (0 for dry nodes and potMod members),
    /// for `SlenderBodyQTF`.
    package func endAreas(for members: [Member]) -> [[Double]] {
        var out = members.map { [Double](repeating: 0, count: $0.nodeCount) }
        for n in nodes where !n.potMod { out[n.member][n.index] = n.endArea }
        return out
    }
}
