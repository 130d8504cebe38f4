#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import CMathShim
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
    /// Scratch of `linearizeDrag`: the response's rows (translation re x/y/z, im x/y/z, rotation re, im) [m, rad]
    /// and the drag force being summed (F re of the 6 DOFs, then F im) [N, N·m], nw entries each.
    var motion: [Double] = []
    var force: [Double] = []
    /// Scratch of `linearizeDrag`: one node's per-frequency squared relative-velocity terms (axial, transverse, along
    /// p1, along p2), nw entries each.
    var terms: [Double] = []
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
        var old = [Int: Int](minimumCapacity: nodes.count)  // (member, index) key → old node position (sized once)
        for (j, n) in nodes.enumerated() { old[n.member << 20 | n.index] = j }
        var fresh: [StripNode] = []
        for (i, m) in members.enumerated() { fresh += m.stripNodes(memberIndex: i, rho: rho) }
        var mcf = [Int: [Complex]](minimumCapacity: mcfInertia.count)
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
        // The six arrays are allocated without zero-filling: the loop below writes every entry (zeros for the nodes
        // above the surface), so each is written once instead of twice.
        func uninitialized(_ n: Int) -> [Double] { [Double](unsafeUninitializedCapacity: n) { _, count in count = n } }
        var kin = WaveKinematics(nodeCount: nn, frequencyCount: nw,
                                 uRe: uninitialized(3 * nn * nw), uIm: uninitialized(3 * nn * nw),
                                 udRe: uninitialized(3 * nn * nw), udIm: uninitialized(3 * nn * nw),
                                 pRe: uninitialized(nn * nw), pIm: uninitialized(nn * nw))
        let rhoG = 1025.0 * 9.81  // FOWT calls member kinematics without rho/g (PF9)
        let cb = cos(beta), sb = sin(beta)
        // sinh(k·h) and cosh(k·h) of the finite-depth branch depend on the frequency only: evaluated once per
        // frequency instead of once per node (the same calls on the same arguments, so the same bits).
        var sinhKH = [Double](repeating: 0, count: nw), coshKH = [Double](repeating: 0, count: nw)
        for i in 0..<nw {
            let k = waveNumbers[i]
            if k != 0 && !(k * h > 89.4) { sinhKH[i] = sinh(k * h); coshKH[i] = cosh(k * h) }
        }
        // Per node, two passes over the frequencies: the libm calls and the depth branches first, scalar, into
        // `scratch` (rows of nw: zeta·cos, zeta·(−sin), and the depth factors S, C/S, C/C); then the products and the
        // 14 stores, 4 frequencies per `Lanes` (each lane with the scalar operations in their order, the last
        // `nw mod 4` frequencies scalar), so every entry has the bits of the one-pass scalar loop.
        // The stores go through buffer pointers taken once (an element store into an array property of `kin` checks
        // uniqueness and bounds each time).
        var scratch = [Double](repeating: 0, count: 5 * nw)
        scratch.withUnsafeMutableBufferPointer { sc in
        kin.uRe.withUnsafeMutableBufferPointer { uRe in
        kin.uIm.withUnsafeMutableBufferPointer { uIm in
        kin.udRe.withUnsafeMutableBufferPointer { udRe in
        kin.udIm.withUnsafeMutableBufferPointer { udIm in
        kin.pRe.withUnsafeMutableBufferPointer { pRe in
        kin.pIm.withUnsafeMutableBufferPointer { pIm in
        for (j, n) in nodes.enumerated() {
            let r = n.position
            let z = r.z
            guard z <= 0 else {  // nodes above the surface have zero kinematics
                for q in 3 * j * nw ..< 3 * (j + 1) * nw { uRe[q] = 0; uIm[q] = 0; udRe[q] = 0; udIm[q] = 0 }
                for q in j * nw ..< (j + 1) * nw { pRe[q] = 0; pIm[q] = 0 }
                continue
            }
            for i in 0..<nw {
                let k = waveNumbers[i]
                let ph = k * (cb * r.x + sb * r.y)
                // cos(ph) and sin(ph) from one `sincos` call (the bits of the two calls, one argument reduction)
                var sinPh = 0.0, cosPh = 0.0
                raft_sincos(ph, &sinPh, &cosPh)
                sc[i] = zeta0[i] * cosPh  // zr
                sc[nw + i] = zeta0[i] * -sinPh  // zi
                let sn: Double, cs: Double, cc: Double
                if k == 0 {
                    sn = 1; cs = 99999; cc = 99999
                } else if k * h > 89.4 {
                    let e = exp(k * z)
                    sn = e; cs = e; cc = e + exp(-k * (z + 2.0 * h))
                } else {
                    // One cosh call for both ratios (the same call on the same argument, so the same bits).
                    let ch = cosh(k * (z + h))
                    sn = sinh(k * (z + h)) / sinhKH[i]
                    cs = ch / sinhKH[i]
                    cc = ch / coshKH[i]
                }
                sc[2 * nw + i] = sn; sc[3 * nw + i] = cs; sc[4 * nw + i] = cc
            }
            let base = 3 * j * nw, pBase = j * nw
            @inline(__always) func load(_ p: UnsafeMutableBufferPointer<Double>, _ i: Int) -> Lanes {
                UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: Lanes.self)
            }
            @inline(__always) func store(_ v: Lanes, _ p: UnsafeMutableBufferPointer<Double>, _ i: Int) {
                UnsafeMutableRawPointer(p.baseAddress! + i).storeBytes(of: v, as: Lanes.self)
            }
            var i = 0
            omega.withUnsafeBufferPointer { omega in
                while i &+ 4 <= nw {
                    let w = Self.lanes(omega, i)
                    let zr = load(sc, i), zi = load(sc, nw &+ i)
                    let sn = load(sc, 2 &* nw &+ i), cs = load(sc, 3 &* nw &+ i), cc = load(sc, 4 &* nw &+ i)
                    let uxr = w * zr * cs * cb, uxi = w * zi * cs * cb
                    let uyr = w * zr * cs * sb, uyi = w * zi * cs * sb
                    let uzr = -w * zi * sn, uzi = w * zr * sn  // i·w·zeta·S
                    store(uxr, uRe, base &+ i); store(uxi, uIm, base &+ i)
                    store(uyr, uRe, base &+ nw &+ i); store(uyi, uIm, base &+ nw &+ i)
                    store(uzr, uRe, base &+ 2 &* nw &+ i); store(uzi, uIm, base &+ 2 &* nw &+ i)
                    store(-w * uxi, udRe, base &+ i); store(w * uxr, udIm, base &+ i)
                    store(-w * uyi, udRe, base &+ nw &+ i); store(w * uyr, udIm, base &+ nw &+ i)
                    store(-w * uzi, udRe, base &+ 2 &* nw &+ i); store(w * uzr, udIm, base &+ 2 &* nw &+ i)
                    store(rhoG * zr * cc, pRe, pBase &+ i); store(rhoG * zi * cc, pIm, pBase &+ i)
                    i &+= 4
                }
            }
            while i < nw {
                let w = omega[i]
                let zr = sc[i], zi = sc[nw + i], sn = sc[2 * nw + i], cs = sc[3 * nw + i], cc = sc[4 * nw + i]
                let ux = (w * zr * cs * cb, w * zi * cs * cb)
                let uy = (w * zr * cs * sb, w * zi * cs * sb)
                let uz = (-w * zi * sn, w * zr * sn)  // i·w·zeta·S
                uRe[base + i] = ux.0; uIm[base + i] = ux.1
                uRe[base + nw + i] = uy.0; uIm[base + nw + i] = uy.1
                uRe[base + 2 * nw + i] = uz.0; uIm[base + 2 * nw + i] = uz.1
                udRe[base + i] = -w * ux.1; udIm[base + i] = w * ux.0
                udRe[base + nw + i] = -w * uy.1; udIm[base + nw + i] = w * uy.0
                udRe[base + 2 * nw + i] = -w * uz.1; udIm[base + 2 * nw + i] = w * uz.0
                pRe[pBase + i] = rhoG * zr * cc; pIm[pBase + i] = rhoG * zi * cc
                i += 1
            }
        }
        } } } } } } }
        return kin
    }

    /// Strip inertial excitation `F_hydro_iner` (Froude–Krylov + added mass) for one wave train [N, N·m]
    /// (RAFT member `calcHydroExcitation`, spec 02 §8.3).
    package func inertialExcitation(_ kin: WaveKinematics) -> ComplexSeries6 {
        let nw = frequencyCount
        // The sums go into `rows` (the real parts of the 6 DOFs, then the imaginary parts, nw each, from +0) in node
        // order, then into F: the same additions in the same order as adding each node's `Complex` to F. Nodes
        // without MacCamy–Fuchs coefficients take 4 frequencies per `Lanes` (each lane with the scalar operations in
        // their order: `Matrix3 * Vec3` and `cross` written out, `sum()` adding x, y, z in turn; the last `nw mod 4`
        // frequencies scalar), so the same bits.
        var rows = [Double](repeating: 0, count: 12 * nw)
        rows.withUnsafeMutableBufferPointer { rows in
        kin.udRe.withUnsafeBufferPointer { udRe in
        kin.udIm.withUnsafeBufferPointer { udIm in
        kin.pRe.withUnsafeBufferPointer { pRe in
        kin.pIm.withUnsafeBufferPointer { pIm in
        let out = UnsafeMutableRawPointer(rows.baseAddress!)
        @inline(__always) func add(_ v: Lanes, row: Int, at m: Int) {
            let p = out + (row &* nw &+ m) &* MemoryLayout<Double>.stride
            p.storeBytes(of: p.loadUnaligned(as: Lanes.self) + v, as: Lanes.self)
        }
        for (j, n) in nodes.enumerated() where !n.potMod {
            let d = n.position - reference
            let base = 3 * j * nw, pBase = j * nw
            let mcf = mcfInertia[j]
            let pa = n.endArea, q = n.q
            var m = 0
            if mcf == nil {
                let i0 = n.inertia.rows.0, i1 = n.inertia.rows.1, i2 = n.inertia.rows.2
                // F += I·ud + (p·a)·q, and its moment d × F, for the acceleration rows `ud` (re or im) and the
                // pressure row `p`, into the rows from `part` (0 re, 6 im).
                @inline(__always) func addPart(_ ud: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>,
                                               part: Int, at m: Int) {
                    let ux = Self.lanes(ud, base &+ m), uy = Self.lanes(ud, base &+ nw &+ m)
                    let uz = Self.lanes(ud, base &+ 2 &* nw &+ m)
                    let pp = Self.lanes(p, pBase &+ m) * pa
                    let fx = (ux * i0.x + uy * i0.y + uz * i0.z) + pp * q.x
                    let fy = (ux * i1.x + uy * i1.y + uz * i1.z) + pp * q.y
                    let fz = (ux * i2.x + uy * i2.y + uz * i2.z) + pp * q.z
                    add(fx, row: part, at: m); add(fy, row: part &+ 1, at: m); add(fz, row: part &+ 2, at: m)
                    add(fz * d.y - fy * d.z, row: part &+ 3, at: m)
                    add(fx * d.z - fz * d.x, row: part &+ 4, at: m)
                    add(fy * d.x - fx * d.y, row: part &+ 5, at: m)
                }
                while m &+ 4 <= nw {
                    addPart(udRe, pRe, part: 0, at: m)
                    addPart(udIm, pIm, part: 6, at: m)
                    m &+= 4
                }
            }
            while m < nw {
                let udr = Vec3(udRe[base + m], udRe[base + nw + m], udRe[base + 2 * nw + m])
                let udi = Vec3(udIm[base + m], udIm[base + nw + m], udIm[base + 2 * nw + m])
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
                fr += (pRe[pBase + m] * pa) * q
                fi += (pIm[pBase + m] * pa) * q
                let mr = cross(d, fr), mi = cross(d, fi)
                rows[m] += fr.x; rows[nw + m] += fr.y; rows[2 * nw + m] += fr.z
                rows[3 * nw + m] += mr.x; rows[4 * nw + m] += mr.y; rows[5 * nw + m] += mr.z
                rows[6 * nw + m] += fi.x; rows[7 * nw + m] += fi.y; rows[8 * nw + m] += fi.z
                rows[9 * nw + m] += mi.x; rows[10 * nw + m] += mi.y; rows[11 * nw + m] += mi.z
                m += 1
            }
        }
        } } } } }
        var F = ComplexSeries6(frequencyCount: nw)
        F.values.withUnsafeMutableBufferPointer { values in
            rows.withUnsafeBufferPointer { f in
                for d in 0..<6 { for m in 0..<nw { values[d * nw + m] = Complex(f[d * nw + m], f[(6 + d) * nw + m]) } }
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
        // Scratch, frequency-contiguous rows of nw: the motion (translation re x/y/z, im x/y/z, rotation re, im) and
        // the force being summed (F re of the 6 DOFs, then F im). Plain rows let the loops below read and write 4
        // frequencies at a time.
        if out.motion.count != 12 * nw { out.motion = [Double](repeating: 0, count: 12 * nw) }
        if out.force.count != 12 * nw { out.force = [Double](repeating: 0, count: 12 * nw) }
        out.force.withUnsafeMutableBufferPointer { f in for i in f.indices { f[i] = 0 } }
        if out.terms.count != 4 * nw { out.terms = [Double](repeating: 0, count: 4 * nw) }
        var terms = out.terms
        out.terms = []  // (uniquely referenced while the loop below writes it)
        defer { out.terms = terms }
        if let x = response {
            x.values.withUnsafeBufferPointer { v in
                out.motion.withUnsafeMutableBufferPointer { mo in
                    for d in 0..<3 {
                        for m in 0..<nw {
                            mo[d * nw + m] = v[d * nw + m].real
                            mo[(3 + d) * nw + m] = v[d * nw + m].imaginary
                            mo[(6 + d) * nw + m] = v[(3 + d) * nw + m].real
                            mo[(9 + d) * nw + m] = v[(3 + d) * nw + m].imaginary
                        }
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
                    terms.withUnsafeMutableBufferPointer { terms in
                        for (j, n) in nodes.enumerated() {
                            let rel = n.position - reference
                            let base = 3 * j * nw
                            let (sq, sp, s1, s2) = Self.relativeVelocitySums(n, rel: rel, base: base, nw: nw, uRe: uRe, uIm: uIm,
                                                                             omega: omega, motion: moving ? mo : nil,
                                                                             terms: terms)
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
                            out.force.withUnsafeMutableBufferPointer { force in
                                Self.addDragForce(B, rel: rel, base: base, nw: nw, uRe: uRe, uIm: uIm, to: force)
                            }
                        }
                    }
                    }
                }
            }
        }
        out.excitation.values.withUnsafeMutableBufferPointer { e in
            out.force.withUnsafeBufferPointer { f in
                for d in 0..<6 { for m in 0..<nw { e[d * nw + m] = Complex(f[d * nw + m], f[(6 + d) * nw + m]) } }
            }
        }
    }

    /// Four frequencies, one per lane.
    private typealias Lanes = SIMD4<Double>

    @inline(__always)
    private static func lanes(_ p: UnsafeBufferPointer<Double>, _ i: Int) -> Lanes {
        UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: Lanes.self)
    }

    /// The sums over frequencies of node `n`'s squared relative-velocity amplitudes, axial, transverse and (for
    /// rectangular members) along p1 and p2, in frequency order (the inner loop of `linearizeDrag`).
    ///
    /// Two steps. First each frequency's terms are written to `terms` (rows of nw: axial, transverse, p1, p2),
    /// vectorised over frequencies: each lane of `Lanes` does, for its own frequency, exactly the operations of the
    /// scalar loop that handles the last `nw mod 4` frequencies (the same products and sums in the same order: `dot`,
    /// `cross` and `SIMD3.sum()` are written out component by component, `sum()` adding x, y, z in turn). Then the
    /// terms are added to the running sums one after the other, in frequency order. So the sums have the scalar
    /// loop's bits. (Adding each lane group's four terms to the sums right away, as before, made the compiler take
    /// every lane apart and do the whole group in scalar code; through `terms` the lanes stay vectors.)
    /// raft-bench's "OC3 linearizeDrag" row times it.
    /// - Parameters: rel: node position about the reference [m]; base: the node's offset in the kinematics storage;
    ///   motion: `linearizeDrag`'s motion rows, nil = at rest; terms: scratch of 4·nw.
    @inline(__always)
    private static func relativeVelocitySums(_ n: StripNode, rel: Vec3, base: Int, nw: Int, uRe: UnsafeBufferPointer<Double>,
                                             uIm: UnsafeBufferPointer<Double>, omega: UnsafeBufferPointer<Double>,
                                             motion: UnsafeBufferPointer<Double>?,
                                             terms: UnsafeMutableBufferPointer<Double>) -> (Double, Double, Double, Double) {
        let q = n.q, p1 = n.p1, p2 = n.p2
        let rectangular = n.rectangular
        let out = UnsafeMutableRawPointer(terms.baseAddress!)
        @inline(__always) func store(_ v: Lanes, row: Int, at m: Int) {
            (out + (row &* nw &+ m) &* MemoryLayout<Double>.stride).storeBytes(of: v, as: Lanes.self)
        }
        var m = 0
        while m &+ 4 <= nw {
            var vrx = lanes(uRe, base &+ m), vry = lanes(uRe, base &+ nw &+ m), vrz = lanes(uRe, base &+ 2 &* nw &+ m)
            var vix = lanes(uIm, base &+ m), viy = lanes(uIm, base &+ nw &+ m), viz = lanes(uIm, base &+ 2 &* nw &+ m)
            if let x = motion {
                let w = lanes(omega, m)
                let trx = lanes(x, m), trY = lanes(x, nw &+ m), trz = lanes(x, 2 &* nw &+ m)
                let tix = lanes(x, 3 &* nw &+ m), tiy = lanes(x, 4 &* nw &+ m), tiz = lanes(x, 5 &* nw &+ m)
                let rrx = lanes(x, 6 &* nw &+ m), rry = lanes(x, 7 &* nw &+ m), rrz = lanes(x, 8 &* nw &+ m)
                let rix = lanes(x, 9 &* nw &+ m), riy = lanes(x, 10 &* nw &+ m), riz = lanes(x, 11 &* nw &+ m)
                // drr = tr + rr × rel, dri = ti + ri × rel; vr −= (−ω)·dri, vi −= ω·drr
                let drrx = trx + (rry * rel.z - rrz * rel.y), drry = trY + (rrz * rel.x - rrx * rel.z)
                let drrz = trz + (rrx * rel.y - rry * rel.x)
                let drix = tix + (riy * rel.z - riz * rel.y), driy = tiy + (riz * rel.x - rix * rel.z)
                let driz = tiz + (rix * rel.y - riy * rel.x)
                let mw = -w
                vrx -= mw * drix; vry -= mw * driy; vrz -= mw * driz
                vix -= w * drrx; viy -= w * drry; viz -= w * drrz
            }
            let qr = vrx * q.x + vry * q.y + vrz * q.z, qi = vix * q.x + viy * q.y + viz * q.z
            let vqrx = qr * q.x, vqry = qr * q.y, vqrz = qr * q.z
            let vqix = qi * q.x, vqiy = qi * q.y, vqiz = qi * q.z
            store((vqrx * vqrx + vqry * vqry + vqrz * vqrz) + (vqix * vqix + vqiy * vqiy + vqiz * vqiz), row: 0, at: m)
            let vprx = vrx - vqrx, vpry = vry - vqry, vprz = vrz - vqrz
            let vpix = vix - vqix, vpiy = viy - vqiy, vpiz = viz - vqiz
            store((vprx * vprx + vpry * vpry + vprz * vprz) + (vpix * vpix + vpiy * vpiy + vpiz * vpiz), row: 1, at: m)
            if rectangular {
                let a = vrx * p1.x + vry * p1.y + vrz * p1.z, b = vix * p1.x + viy * p1.y + viz * p1.z
                let v1rx = a * p1.x, v1ry = a * p1.y, v1rz = a * p1.z
                let v1ix = b * p1.x, v1iy = b * p1.y, v1iz = b * p1.z
                store((v1rx * v1rx + v1ry * v1ry + v1rz * v1rz) + (v1ix * v1ix + v1iy * v1iy + v1iz * v1iz), row: 2, at: m)
                let c = vrx * p2.x + vry * p2.y + vrz * p2.z, e = vix * p2.x + viy * p2.y + viz * p2.z
                let v2rx = c * p2.x, v2ry = c * p2.y, v2rz = c * p2.z
                let v2ix = e * p2.x, v2iy = e * p2.y, v2iz = e * p2.z
                store((v2rx * v2rx + v2ry * v2ry + v2rz * v2rz) + (v2ix * v2ix + v2iy * v2iy + v2iz * v2iz), row: 3, at: m)
            }
            m &+= 4
        }
        while m < nw {
            var vr = Vec3(uRe[base + m], uRe[base + nw + m], uRe[base + 2 * nw + m])
            var vi = Vec3(uIm[base + m], uIm[base + nw + m], uIm[base + 2 * nw + m])
            if let x = motion {
                // node velocity iω(Xi_t + Xi_r × r)
                let w = omega[m]
                let tr = Vec3(x[m], x[nw + m], x[2 * nw + m]), ti = Vec3(x[3 * nw + m], x[4 * nw + m], x[5 * nw + m])
                let rr = Vec3(x[6 * nw + m], x[7 * nw + m], x[8 * nw + m]), ri = Vec3(x[9 * nw + m], x[10 * nw + m], x[11 * nw + m])
                let drr = tr + cross(rr, rel), dri = ti + cross(ri, rel)
                vr -= -w * dri
                vi -= w * drr
            }
            let qr = dot(vr, q), qi = dot(vi, q)
            let vqr = qr * q, vqi = qi * q
            terms[m] = (vqr * vqr).sum() + (vqi * vqi).sum()
            let vpr = vr - vqr, vpi = vi - vqi
            terms[nw + m] = (vpr * vpr).sum() + (vpi * vpi).sum()
            if rectangular {
                let a = dot(vr, p1), b = dot(vi, p1)
                let v1r = a * p1, v1i = b * p1
                terms[2 * nw + m] = (v1r * v1r).sum() + (v1i * v1i).sum()
                let c = dot(vr, p2), e = dot(vi, p2)
                let v2r = c * p2, v2i = e * p2
                terms[3 * nw + m] = (v2r * v2r).sum() + (v2i * v2i).sum()
            }
            m += 1
        }
        var sq = 0.0, sp = 0.0, s1 = 0.0, s2 = 0.0
        if rectangular {
            for m in 0..<nw {
                sq += terms[m]; sp += terms[nw &+ m]; s1 += terms[2 &* nw &+ m]; s2 += terms[3 &* nw &+ m]
            }
        } else {
            for m in 0..<nw { sq += terms[m]; sp += terms[nw &+ m] }
        }
        return (sq, sp, s1, s2)
    }

    /// Adds the drag force `B·u` of one node and its moment `rel × B·u` [N, N·m] to `force` (`linearizeDrag`'s
    /// rows: F re of the 6 DOFs, then F im), for every frequency: `ComplexSeries6.add(B * ur, B * ui, …)` per
    /// frequency, 4 frequencies per `Lanes` (each lane with the scalar operations in their order; the last
    /// `nw mod 4` frequencies scalar), so the same bits.
    @inline(__always)
    private static func addDragForce(_ B: Matrix3, rel d: Vec3, base: Int, nw: Int, uRe: UnsafeBufferPointer<Double>,
                                     uIm: UnsafeBufferPointer<Double>, to force: UnsafeMutableBufferPointer<Double>) {
        let b0 = B.rows.0, b1 = B.rows.1, b2 = B.rows.2
        let out = UnsafeMutableRawPointer(force.baseAddress!)
        @inline(__always) func add(_ v: Lanes, row: Int, at m: Int) {
            let p = out + (row &* nw &+ m) &* MemoryLayout<Double>.stride
            p.storeBytes(of: p.loadUnaligned(as: Lanes.self) + v, as: Lanes.self)
        }
        // B·u and rel × B·u for the velocity rows `u` (re or im), into the force rows from `part` (0 re, 6 im).
        // (Index arithmetic wraps: the offsets are within the buffers, and no overflow checks in the loop.)
        @inline(__always) func addPart(_ u: UnsafeBufferPointer<Double>, part: Int, at m: Int) {
            let ux = lanes(u, base &+ m), uy = lanes(u, base &+ nw &+ m), uz = lanes(u, base &+ 2 &* nw &+ m)
            let fx = ux * b0.x + uy * b0.y + uz * b0.z
            let fy = ux * b1.x + uy * b1.y + uz * b1.z
            let fz = ux * b2.x + uy * b2.y + uz * b2.z
            add(fx, row: part, at: m); add(fy, row: part &+ 1, at: m); add(fz, row: part &+ 2, at: m)
            add(fz * d.y - fy * d.z, row: part &+ 3, at: m)
            add(fx * d.z - fz * d.x, row: part &+ 4, at: m)
            add(fy * d.x - fx * d.y, row: part &+ 5, at: m)
        }
        var m = 0
        while m &+ 4 <= nw {
            addPart(uRe, part: 0, at: m)
            addPart(uIm, part: 6, at: m)
            m &+= 4
        }
        while m < nw {
            let ur = Vec3(uRe[base + m], uRe[base + nw + m], uRe[base + 2 * nw + m])
            let ui = Vec3(uIm[base + m], uIm[base + nw + m], uIm[base + 2 * nw + m])
            let f = B * ur, fi = B * ui
            let mr = cross(d, f), mi = cross(d, fi)
            force[m] += f.x; force[nw + m] += f.y; force[2 * nw + m] += f.z
            force[3 * nw + m] += mr.x; force[4 * nw + m] += mr.y; force[5 * nw + m] += mr.z
            force[6 * nw + m] += fi.x; force[7 * nw + m] += fi.y; force[8 * nw + m] += fi.z
            force[9 * nw + m] += mi.x; force[10 * nw + m] += mi.y; force[11 * nw + m] += mi.z
            m += 1
        }
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
