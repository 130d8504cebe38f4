#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import Numerics

/// Second-order wave kinematics helpers of RAFT (helpers.py `getWaveKin_*`, spec 02 §11.3), with RAFT's
/// degree/radian bugs reproduced (PF4): these receive β in radians but apply `deg2rad` again where RAFT does.
enum SecondOrderKinematics {
    static let deg2rad = Double.pi / 180

    /// Unit-amplitude Airy velocity at `r` (RAFT `getWaveKin(ones, β, w, k, h, r).u`, β correct in radians).
    static func velocity(w: Double, k: Double, beta: Double, h: Double, r: Vec3) -> CVec3 {
        guard r.z <= 0 else { return .zero }
        let ph = k * (cos(beta) * r.x + sin(beta) * r.y)
        let zeta = Complex(cos(ph), -sin(ph))
        let z = r.z
        let sn: Double, cs: Double
        if k == 0 { sn = 1; cs = 99999 } else if k * h > 89.4 { sn = exp(k * z); cs = exp(k * z) } else {
            sn = sinh(k * (z + h)) / sinh(k * h); cs = cosh(k * (z + h)) / sinh(k * h)
        }
        let wz = Complex(w, 0) * zeta
        return CVec3(x: wz * Complex(cs * cos(beta), 0), y: wz * Complex(cs * sin(beta), 0), z: Complex(0, w) * zeta * Complex(sn, 0))
    }

    /// Unit-amplitude acceleration and dynamic pressure at `r` with given ρ, g (RAFT `getWaveKin` ud, pDyn).
    static func accelerationAndPressure(w: Double, k: Double, beta: Double, h: Double, r: Vec3, rho: Double, g: Double) -> (CVec3, Complex) {
        guard r.z <= 0 else { return (.zero, .zero) }
        let u = velocity(w: w, k: k, beta: beta, h: h, r: r)
        let ph = k * (cos(beta) * r.x + sin(beta) * r.y)
        let zeta = Complex(cos(ph), -sin(ph))
        let z = r.z
        let cc: Double
        if k == 0 { cc = 99999 } else if k * h > 89.4 { cc = exp(k * z) + exp(-k * (z + 2.0 * h)) } else { cc = cosh(k * (z + h)) / cosh(k * h) }
        return (Complex(0, w) * u, Complex(rho * g, 0) * zeta * Complex(cc, 0))
    }

    /// RAFT `getWaveKin_grad_u1` (G[2,1] = G[0,1] and the double deg2rad kept, PF4).
    static func gradU(w: Double, k: Double, beta: Double, h: Double, r: Vec3) -> CMat3 {
        var g = CMat3.zero
        guard r.z <= 0 && k > 0 else { return g }
        let cb = cos(beta * deg2rad), sb = sin(beta * deg2rad)
        let kxy: Double, kz: Double
        if k * h >= 10 { kxy = exp(k * r.z); kz = kxy } else {
            kxy = cosh(k * (r.z + h)) / sinh(k * h); kz = sinh(k * (r.z + h)) / sinh(k * h)
        }
        let ph = k * (cos(beta) * r.x + sin(beta) * r.y)
        let e = Complex(cos(ph), -sin(ph))
        let mi = Complex(0, -1)
        var aux = Complex(w * cb, 0) * e
        g[0, 0] = mi * aux * Complex(kxy * k * cb, 0)
        g[0, 1] = mi * aux * Complex(kxy * k * sb, 0)
        g[0, 2] = aux * Complex(k * kz, 0)
        aux = Complex(w * sb, 0) * e
        g[1, 0] = g[0, 1]
        g[1, 1] = mi * aux * Complex(kxy * k * sb, 0)
        g[1, 2] = aux * Complex(k * kz, 0)
        aux = Complex(0, w) * e
        g[2, 0] = g[0, 2]
        g[2, 1] = g[0, 1]
        g[2, 2] = aux * Complex(k * kxy, 0)
        return g
    }

    /// RAFT `getWaveKin_grad_pres1st` (phase and direction with the double deg2rad, PF4).
    static func gradPressure(k: Double, beta: Double, h: Double, r: Vec3, rho: Double, g: Double) -> CVec3 {
        guard r.z <= 0 && k > 0 else { return .zero }
        let cb = cos(beta * deg2rad), sb = sin(beta * deg2rad)
        let kxy: Double, kz: Double
        if k * h >= 10 { kxy = exp(k * r.z); kz = kxy } else {
            kxy = cosh(k * (r.z + h)) / cosh(k * h); kz = sinh(k * (r.z + h)) / cosh(k * h)
        }
        let ph = k * (cb * r.x + sb * r.y)
        let e = Complex(cos(ph), -sin(ph))
        return CVec3(x: Complex(rho * g * kxy, 0) * e * Complex(0, -k * cb),
                     y: Complex(rho * g * kxy, 0) * e * Complex(0, -k * sb),
                     z: Complex(rho * g * kz, 0) * e * Complex(k, 0))
    }

    /// RAFT `getWaveKin_pot2ndOrd`: second-order potential acceleration and pressure (angles with deg2rad, PF4).
    static func potential2nd(w1: Double, w2: Double, k1: Double, k2: Double, beta: Double, h: Double, r: Vec3, g: Double, rho: Double) -> (CVec3, Complex) {
        guard w1 != w2, r.z <= 0, k1 > 0, k2 > 0 else { return (.zero, .zero) }
        let b = beta * deg2rad
        let c = cos(b), s = sin(b)
        let dk = Vec3(k1 * c - k2 * c, k1 * s - k2 * s, 0)
        let kn = norm(dk)
        let t1 = tanh(k1 * h), t2 = tanh(k2 * h)
        let den12 = (w1 - w2) * (w1 - w2) / g - kn * tanh(kn * h)
        let den21 = (w2 - w1) * (w2 - w1) / g - kn * tanh(kn * h)
        let g12 = Complex(0, -g / (2 * w1)) * Complex(((k1 * k1) * (1 - t1 * t1) - 2 * k1 * k2 * (1 + t1 * t2)) / den12, 0)
        let g21 = Complex(0, -g / (2 * w2)) * Complex(((k2 * k2) * (1 - t2 * t2) - 2 * k2 * k1 * (1 + t2 * t1)) / den21, 0)
        let aux = Complex(0.5, 0) * (g21 + g12.conjugate)
        let kxy = cosh(kn * (r.z + h)) / cosh(kn * h)
        let kz = sinh(kn * (r.z + h)) / cosh(kn * h)
        let ph = dot(dk, r)
        let e = Complex(cos(ph), -sin(ph))
        let base = aux * Complex(kxy, 0) * e
        let acc = CVec3(x: base * Complex((w1 - w2) * dk.x, 0), y: base * Complex((w1 - w2) * dk.y, 0),
                        z: aux * Complex(kz, 0) * e * Complex(0, (w1 - w2) * kn))
        return (acc, base * Complex(0, -rho * (w1 - w2)))
    }

    /// RAFT `getWaveKin_axdivAcc` (node velocities are not mutated here; RAFT's in-place change is harmless, PF22).
    /// `g1`, `g2` = `grad_u1` and `u1`, `u2` = unit-amplitude velocities at the node for ω1, ω2 (cached by the caller).
    static func axialDivergenceAcc(g1: CMat3, g2: CMat3, u1 uu1: CVec3, u2 uu2: CVec3, v1: CVec3, v2: CVec3, q: Vec3) -> CVec3 {
        let d1 = (g1 * CVec3(q)).dot(q)
        let d2 = (g2 * CVec3(q)).dot(q)
        func transverse(_ v: CVec3) -> CVec3 { v - CVec3(x: v.dot(q) * Complex(q.x, 0), y: v.dot(q) * Complex(q.y, 0), z: v.dot(q) * Complex(q.z, 0)) }
        let u1 = transverse(uu1)
        let u2 = transverse(uu2)
        let vel1 = transverse(v1), vel2 = transverse(v2)
        let acc = Complex(0.25, 0) * (d1 * (u2 - vel2).conjugate + d2.conjugate * (u1 - vel1))
        return transverse(acc)
    }
}

/// Slender-body difference-frequency QTF of a rigid FOWT (RAFT `FOWT.calcQTF_slenderBody`, spec 02 §11).
package struct SlenderBodyQTF: Sendable {
    /// Second-order frequency grid `w1_2nd` [rad/s] and wave numbers `k1_2nd` [rad/m].
    package var omega: [Double]
    package var waveNumbers: [Double]
    /// `qtf[i1][i2][dof]` flattened as `[(i1 * n + i2) * 6 + dof]` [N/m², N·m/m²] (one heading).
    package var values: [Complex]

    /// RAFT's second-order grid: `arange(min, max + min/2, df)·2π` with `df` defaulting to `min` [Hz in, rad/s out].
    package static func grid(minHz: Double, maxHz: Double, stepHz: Double?) -> [Double] {
        let df = stepHz ?? minHz
        let stop = maxHz + 0.5 * minHz
        let n = max(0, Int(((stop - minHz) / df).rounded(.up)))
        return (0..<n).map { (minHz + Double($0) * df) * 2 * Double.pi }
    }

    package subscript(i1: Int, i2: Int, dof: Int) -> Complex { values[(i1 * omega.count + i2) * 6 + dof] }

    /// Compute the QTF for one wave heading.
    /// - Parameters:
    ///   - members: FOWT members at the pose used (RAFT: mean pose of the case); positions are absolute and moments
    ///     are taken about the global origin (PF21).
    ///   - endAreas: `a_i` per member and strip node from `calcHydroConstants` (0 for potMod members / dry nodes).
    ///   - structuralMass: `M_struc` about the PRP (Pinkster term IV).
    ///   - rao: motion per unit wave amplitude on `mainOmega` (nil = fixed body).
    ///   - heading: wave direction `beta` [rad]; depth [m]; rho [kg/m³]; g [m/s²].
    package init(members: [Member], endAreas: [[Double]], structuralMass: Matrix6, rao: ComplexSeries6?, mainOmega: [Double],
                omega w: [Double], waveNumbers k: [Double], heading beta: Double, depth h: Double, rho: Double, g: Double) {
        omega = w; waveNumbers = k
        let n = w.count
        // motion interpolated onto the 2nd-order grid (0 outside the main grid)
        var xi = Array(repeating: [Complex](repeating: .zero, count: 6), count: n)
        if let rao {
            for dof in 0..<6 {
                let re = (0..<mainOmega.count).map { rao[dof, $0].real }, im = (0..<mainOmega.count).map { rao[dof, $0].imaginary }
                for i in 0..<n where w[i] >= mainOmega[0] && w[i] <= mainOmega[mainOmega.count - 1] {
                    xi[i][dof] = Complex(numpyInterp(w[i], mainOmega, re), numpyInterp(w[i], mainOmega, im))
                }
            }
        }
        var q = [Complex](repeating: .zero, count: n * n * 6)
        // Pinkster term IV with F1st = M_struc·(−w²·Xi)
        let f1st: [[Complex]] = (0..<n).map { i in
            (0..<6).map { r in
                var s = Complex.zero
                for c in 0..<6 { s += Complex(structuralMass[r, c], 0) * (Complex(-w[i] * w[i], 0) * xi[i][c]) }
                return s
            }
        }
        for i1 in 0..<n {
            for i2 in i1..<n where w[i2] >= w[i1] {
                let th1 = CVec3(x: xi[i1][3], y: xi[i1][4], z: xi[i1][5]), th2 = CVec3(x: xi[i2][3], y: xi[i2][4], z: xi[i2][5])
                let f2 = CVec3(x: f1st[i2][0], y: f1st[i2][1], z: f1st[i2][2]), f1 = CVec3(x: f1st[i1][0], y: f1st[i1][1], z: f1st[i1][2])
                let m2 = CVec3(x: f1st[i2][3], y: f1st[i2][4], z: f1st[i2][5]), m1 = CVec3(x: f1st[i1][3], y: f1st[i1][4], z: f1st[i1][5])
                let a = Complex(0.25, 0) * (th1.cross(f2.conjugate) + th2.conjugate.cross(f1))
                let b = Complex(0.25, 0) * (th1.cross(m2.conjugate) + th2.conjugate.cross(m1))
                for d in 0..<3 { q[(i1 * n + i2) * 6 + d] = a[d]; q[(i1 * n + i2) * 6 + 3 + d] = b[d] }
            }
        }
        for (im, m) in members.enumerated() {
            m.addSlenderBodyQTF(into: &q, endAreas: endAreas[im], xi: xi, beta: beta, w: w, k: k, h: h, rho: rho, g: g)
        }
        // Hermitian completion per DOF: lower triangle = conjugate of the upper one
        for d in 0..<6 {
            for i1 in 0..<n {
                for i2 in 0..<i1 {
                    q[(i1 * n + i2) * 6 + d] += q[(i2 * n + i1) * 6 + d].conjugate
                }
            }
        }
        values = q
    }
}

extension Member {
    /// Add this member's slender-body QTF (RAFT `Member.calcQTF_slenderBody` + `correction_KAY`, spec 02 §11.2).
    func addSlenderBodyQTF(into qtf: inout [Complex], endAreas aI: [Double], xi: [[Complex]], beta: Double,
                           w: [Double], k: [Double], h: Double, rho: Double, g: Double) {
        if rA.z > 0 && rB.z > 0 { return }
        let n = w.count, ns = nodeCount
        let circ = shape == .circular
        let K = SecondOrderKinematics.self
        func motion(_ r: Vec3, _ i: Int) -> (CVec3, CVec3, CVec3) {
            let m = rigidPointMotion(xi[i], at: r, omega: w[i])
            return (CVec3(x: m.displacement[0], y: m.displacement[1], z: m.displacement[2]),
                    CVec3(x: m.velocity[0], y: m.velocity[1], z: m.velocity[2]),
                    CVec3(x: m.acceleration[0], y: m.acceleration[1], z: m.acceleration[2]))
        }
        // per node and frequency
        var dr = [[CVec3]](), vel = [[CVec3]](), u = [[CVec3]](), G = [[CMat3]](), axRel = [[Complex]](), gp = [[CVec3]]()
        for il in 0..<ns {
            let r = self.r[il]
            var d1 = [CVec3](), v1 = [CVec3](), u1 = [CVec3](), g1 = [CMat3](), a1 = [Complex](), p1_ = [CVec3]()
            for i in 0..<n {
                let (d, v, _) = motion(r, i)
                d1.append(d); v1.append(v)
                let uu = K.velocity(w: w[i], k: k[i], beta: beta, h: h, r: r)
                u1.append(uu)
                g1.append(K.gradU(w: w[i], k: k[i], beta: beta, h: h, r: r))
                a1.append((uu - v).dot(q))
                p1_.append(K.gradPressure(k: k[i], beta: beta, h: h, r: r, rho: rho, g: g))
            }
            dr.append(d1); vel.append(v1); u.append(u1); G.append(g1); axRel.append(a1); gp.append(p1_)
        }
        // waterline data
        let r0 = self.r[0], rL = self.r[ns - 1]
        let crossing = rL.z * r0.z < 0
        var rInt = Vec3.zero
        var udWL = [CVec3](repeating: .zero, count: n), etaR = [Complex](repeating: .zero, count: n), aWL = udWL
        if crossing {
            rInt = r0 + (rL - r0) * (0.0 - r0.z) / (rL.z - r0.z)
            for i in 0..<n {
                let (ud, eta) = K.accelerationAndPressure(w: w[i], k: k[i], beta: beta, h: h, r: rInt, rho: 1, g: 1)
                let (d, _, a) = motion(rInt, i)
                udWL[i] = ud; aWL[i] = a
                etaR[i] = eta - d.z
            }
        }
        let gE1: [CVec3] = (0..<n).map { i in
            let th = CVec3(x: xi[i][3], y: xi[i][4], z: xi[i][5])
            return Complex(-g, 0) * (th.cross(p1).z * CVec3(p1) + th.cross(p2).z * CVec3(p2))
        }
        let P1 = Matrix3.outer(p1, p1), P2 = Matrix3.outer(p2, p2), Q = Matrix3.outer(q, q)
        let quarter = Complex(0.25, 0)
        let kay = KimYueTables(member: self, k: k)
        func f36(_ f: CVec3, _ r: Vec3) -> [Complex] {
            let m = CVec3(r).cross(f)
            return [f.x, f.y, f.z, m.x, m.y, m.z]
        }
        for i1 in 0..<n {
            for i2 in 0..<n where w[i2] >= w[i1] {
                var F = [Complex](repeating: .zero, count: 6)
                var ca1 = 0.0, ca2 = 0.0
                let w1 = w[i1], w2 = w[i2], k1 = k[i1], k2 = k[i2]
                for il in 0..<ns where self.r[il].z < 0 {
                    let r = self.r[il]
                    ca1 = coefficient(caP1, at: il); ca2 = coefficient(caP2, at: il)
                    let caE = coefficient(caEnd, at: il)
                    let d = ds[il], dl = dls[il], drr = drs[il]
                    var v = circ ? 0.25 * Double.pi * (d.x * d.x) * dl : d.x * d.y * dl
                    if r.z + 0.5 * dl > 0 { v = v * (0.5 * dl - r.z) / dl }
                    let CmM = (1.0 + ca1) * P1 + (1.0 + ca2) * P2
                    let CaM = ca1 * P1 + ca2 * P2
                    let rv = rho * v
                    let (acc2, p2nd) = K.potential2nd(w1: w1, w2: w2, k1: k1, k2: k2, beta: beta, h: h, r: r, g: g, rho: rho)
                    var f2nd = rv * (CmM * acc2)
                    let G1 = G[il][i1], G2 = G[il][i2]
                    let u1 = u[il][i1], u2 = u[il][i2], V1 = vel[il][i1], V2 = vel[il][i2]
                    let conv = quarter * (G1 * u2.conjugate + G2.conjugate * u1)
                    var fconv = rv * (CmM * conv)
                    let fax = rv * (CaM * K.axialDivergenceAcc(g1: G1, g2: G2, u1: u1, u2: u2, v1: V1, v2: V2, q: q))
                    let Gd1 = Complex(0, w1) * G1, Gd2 = Complex(0, w2) * G2
                    let nab = quarter * (Gd1 * dr[il][i2].conjugate) + quarter * (Gd2.conjugate * dr[il][i1])
                    var fnab = rv * (CmM * nab)
                    let th1 = CVec3(x: xi[i1][3], y: xi[i1][4], z: xi[i1][5]), th2 = CVec3(x: xi[i2][3], y: xi[i2][4], z: xi[i2][5])
                    let O1 = Complex(-1, 0) * CMat3.skew(Complex(0, w1) * th1), O2 = Complex(-1, 0) * CMat3.skew(Complex(0, w2) * th2)
                    let ax1 = axRel[il][i1], ax2 = axRel[il][i2]
                    var frs = Complex(-0.25 * 2, 0) * (CaM * (O1 * (ax2 * CVec3(q)).conjugate + O2.conjugate * (ax1 * CVec3(q))))
                    frs = rv * frs
                    var u1a = u1 - V1, u2a = u2 - V2
                    let Vm1 = G1 + O1, Vm2 = G2 + O2
                    var aux = quarter * (Vm1 * (CaM * u2a).conjugate + Vm2.conjugate * (CaM * u1a))
                    aux -= Q * aux
                    frs += rv * aux
                    u1a -= Q * u1a
                    u2a -= Q * u2a
                    aux = quarter * (CaM * (Vm1 * u2a.conjugate) + CaM * (Vm2.conjugate * u1a))
                    frs -= rv * aux
                    // end effects
                    let vEnd: Double
                    if circ {
                        vEnd = Double.pi / 12.0 * abs(pow(d.x + drr.x, 3.0) - pow(d.x - drr.x, 3.0))
                    } else {
                        let a = d + drr, b = d - drr
                        vEnd = Double.pi / 12.0 * (pow((a.x + a.y) / 2, 3.0) - pow((b.x + b.y) / 2, 3.0))
                    }
                    let ai = aI[il]
                    f2nd += (Complex(ai, 0) * p2nd) * CVec3(q)
                    f2nd += (rho * vEnd * caE) * (Q * acc2)
                    fconv += (rho * vEnd * caE) * (Q * conv)
                    fnab += (rho * vEnd * caE) * (Q * nab)
                    let pn = quarter * gp[il][i1].dot(dr[il][i2].conjugate) + quarter * gp[il][i2].conjugate.dot(dr[il][i1])
                    fnab += (Complex(ai, 0) * pn) * CVec3(q)
                    let pdrop = Complex(-2 * 0.25 * 0.5 * rho, 0) * ((P1 + P2) * (u1 - V1)).dot((CaM * (u2 - V2)).conjugate)
                    fconv += (Complex(ai, 0) * pdrop) * CVec3(q)
                    let c1 = CaM * u1a, c2 = CaM * u2a
                    fconv += Complex(0.25 * ai * rho, 0) * (ax2 * c1.conjugate + ax1.conjugate * c2)
                    for f in [f36(f2nd, r), f36(fconv, r), f36(fax, r), f36(fnab, r), f36(frs, r)] {
                        for c in 0..<6 { F[c] += f[c] }
                    }
                }
                if crossing {
                    var iwl = 0
                    for il in 0..<ns where self.r[il].z < 0 { iwl = il }
                    let area: Double
                    if circ {
                        let dwl = iwl != ns - 1 ? 0.5 * (ds[iwl].x + ds[iwl + 1].x) : ds[iwl].x
                        area = 0.25 * Double.pi * (dwl * dwl)
                    } else {
                        let dwl = iwl != ns - 1 ? 0.5 * (ds[iwl] + ds[iwl + 1]) : ds[iwl]
                        area = dwl.x * dwl.y
                    }
                    let CmM = (1.0 + ca1) * P1 + (1.0 + ca2) * P2, CaM = ca1 * P1 + ca2 * P2
                    var feta = quarter * (etaR[i2].conjugate * udWL[i1] + etaR[i1] * udWL[i2].conjugate)
                    feta = (rho * area) * (CmM * feta)
                    let aeta = quarter * (etaR[i2].conjugate * aWL[i1] + etaR[i1] * aWL[i2].conjugate)
                    feta -= (rho * area) * (CaM * aeta)
                    feta -= Complex(0.25 * rho * area, 0) * (etaR[i2].conjugate * gE1[i1] + etaR[i1] * gE1[i2].conjugate)
                    let fe = f36(feta, rInt)
                    for c in 0..<6 { F[c] += fe[c] }
                }
                let fk = kimYueCorrection(kay, i1: i1, i2: i2, h: h, w1: w1, w2: w2, beta: beta, rho: rho, g: g, k1: k1, k2: k2)
                for c in 0..<6 { qtf[(i1 * n + i2) * 6 + c] += F[c] + fk[c] }
            }
        }
    }

    /// RAFT `correction_KAY`: Kim & Yue second-order diffraction correction for surface-piercing MCF members
    /// (spec 02 §11.4; zero unless `MCF`). Hankel functions come from `tables` (same values as direct evaluation).
    func kimYueCorrection(_ tables: KimYueTables, i1: Int, i2: Int, h: Double, w1: Double, w2: Double, beta: Double, rho: Double,
                          g: Double, k1: Double, k2: Double, nm: Int = 10) -> [Complex] {
        var F = [Complex](repeating: .zero, count: 6)
        guard mcf, rA.z * rB.z < 0 else { return F }
        // Ω_n from H'_n = (H_{n-1} − H_{n+1})/2 at k1R (index i1) and conj at k2R (index i2)
        func omegaN(_ seg: Int, _ nn: Int) -> Complex {
            let a = tables.hankel[seg][i1], b = tables.hankel[seg][i2]  // index n + 1 holds H_n
            let hN1 = Complex(0.5, 0) * (a[nn] - a[nn + 2])
            let hN2 = Complex(0.5, 0) * (b[nn] - b[nn + 2]).conjugate
            let hM1 = Complex(0.5, 0) * (a[nn + 1] - a[nn + 3])
            let hM2 = Complex(0.5, 0) * (b[nn + 1] - b[nn + 3]).conjugate
            return Complex(1, 0) / (hM1 * hN2) - Complex(1, 0) / (hN1 * hM2)
        }
        let cb = cos(beta), sb = sin(beta)
        let dk = Vec3(k1 * cb - k2 * cb, k1 * sb - k2 * sb, 0)
        let bv = Vec3(cb, sb, 0)
        var pf = dot(bv, p1) * p1 + dot(bv, p2) * p2
        pf = pf / norm(pf)
        let rwl = rA + (rB - rA) * (0 - rA.z) / (rB.z - rA.z)
        let phase = dot(dk, rwl)
        let e = Complex(cos(phase), -sin(phase))
        func add(_ f: Complex, at r: Vec3) {
            let fv = CVec3(x: f * Complex(pf.x, 0), y: f * Complex(pf.y, 0), z: f * Complex(pf.z, 0))
            let m = CVec3(r).cross(fv)
            F[0] += fv.x; F[1] += fv.y; F[2] += fv.z; F[3] += m.x; F[4] += m.y; F[5] += m.z
        }
        let R = tables.radius[0]
        var fwl = Complex.zero
        for nn in 0...nm {
            fwl += Complex(0, -rho * g * R * 2 / Double.pi / (k1 * R * (k2 * R))) * omegaN(0, nn)
        }
        add(Complex(fwl.real, 0) * e, at: rwl)
        for il in 0..<(nodeCount - 1) {
            let r1 = r[il], r2 = r[il + 1]
            if r1.z > 0 { continue }
            let z1 = r1.z, z2 = r2.z > 0 ? 0 : r2.z
            let Rs = tables.radius[il + 1]
            let k1R = k1 * Rs, k2R = k2 * Rs
            let H = h / Rs
            let k1h = k1R * H, k2h = k2R * H
            let im: Double, ip: Double
            if w1 == w2 {
                im = 0.5 * (sinh((k1 + k2) * (z2 + h)) / (k1h + k2h) - (z2 + h) / h - sinh((k1 + k2) * (z1 + h)) / (k1h + k2h) + (z1 + h) / h)
                ip = 0.5 * (sinh((k1 + k2) * (z2 + h)) / (k1h + k2h) + (z2 + h) / h - sinh((k1 + k2) * (z1 + h)) / (k1h + k2h) - (z1 + h) / h)
            } else {
                im = 0.5 * (sinh((k1 + k2) * (z2 + h)) / (k1h + k2h) - sinh((k1 - k2) * (z2 + h)) / (k1h - k2h)
                    - sinh((k1 + k2) * (z1 + h)) / (k1h + k2h) + sinh((k1 - k2) * (z1 + h)) / (k1h - k2h))
                ip = 0.5 * (sinh((k1 + k2) * (z2 + h)) / (k1h + k2h) + sinh((k1 - k2) * (z2 + h)) / (k1h - k2h)
                    - sinh((k1 + k2) * (z1 + h)) / (k1h + k2h) - sinh((k1 - k2) * (z1 + h)) / (k1h - k2h))
            }
            let c1 = cosh(k1h), c2 = cosh(k2h)
            var dF = Complex.zero
            for nn in 0...nm {
                let fac = k1h * k2h / (k1h * tanh(k1h)).squareRoot() / (k2h * tanh(k2h)).squareRoot()
                    * (im + ip * Double(nn) * Double(nn + 1) / k1R / k2R) / c1 / c2
                dF += Complex(0, rho * g * Rs * 2 / Double.pi / (k1R * k2R)) * omegaN(il + 1, nn) * Complex(fac, 0)
            }
            add(Complex(dF.real, 0) * e, at: 0.5 * (r1 + r2))
        }
        if k1 < k2 { F = F.map({ $0.conjugate }) }
        return F
    }
}

/// Hankel functions H⁽¹⁾ₙ(k·R), n = −1…12, for every Kim–Yue radius of a member (index 0: waterline radius,
/// index il + 1: segment il) and every 2nd-order frequency.
struct KimYueTables {
    var radius: [Double]
    /// `hankel[radius][frequency][n + 1]`.
    var hankel: [[[Complex]]]

    init(member m: Member, k: [Double], nm: Int = 10) {
        guard m.mcf, m.rA.z * m.rB.z < 0 else { radius = []; hankel = []; return }
        var radii = [numpyInterp(0, m.r.map { $0.z }, m.ds.map { 0.5 * $0.x })]
        for il in 0..<(m.nodeCount - 1) {
            var R1 = m.ds[il].x / 2
            if m.dls[il] == 0 { R1 = m.ds[il].x }
            var R2 = m.ds[il + 1].x / 2
            if m.dls[il + 1] == 0 { R2 = m.ds[il].x }  // sic (spec 02 §11.4)
            radii.append(0.5 * (R1 + R2))
        }
        radius = radii
        hankel = radii.map { R in k.map { kk in (-1...(nm + 2)).map { hankel1($0, kk * R) } } }
    }
}
