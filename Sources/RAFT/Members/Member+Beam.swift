#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// A square real matrix over a member's structural DOFs (6 per node), row-major.
package struct MemberMatrix: Sendable, Equatable {
    package var size: Int
    package var storage: [Double]
    package init(size n: Int) { size = n; storage = Array(repeating: 0, count: n * n) }
    package subscript(r: Int, c: Int) -> Double {
        get { storage[r * size + c] }
        set { storage[r * size + c] = newValue }
    }
    /// Add a 6×6 block at node block (bi, bj).
    mutating func addBlock(_ m: Matrix6, _ bi: Int, _ bj: Int) {
        for i in 0..<6 { for j in 0..<6 { self[6 * bi + i, 6 * bj + j] += m[i, j] } }
    }
}

/// Mass properties of a beam member (RAFT `getInertia` for `type: beam`, spec 02 §5.4).
package struct BeamInertia: Sendable {
    /// `M_struc` over the member's 6·nNodes DOFs, each node block about the node [kg, kg·m, kg·m²].
    package var matrix: MemberMatrix
    package var mass: Double
    package var center: Vec3
    /// Shell + cap mass `mshell` [kg].
    package var shellMass: Double
    /// Ballast mass per section `mfill` [kg] and densities `pfill` [kg/m³].
    package var fillMasses: [Double]
    package var fillDensities: [Double]
    /// Ballast and cap mass lumped at each node [kg] and their centres (absolute) [m].
    package var nodeBallastMass: [Double]
    package var nodeBallastCenter: [Vec3]
    package var nodeCapMass: [Double]
    package var nodeCapCenter: [Vec3]
}

/// Hydrostatics of a beam member, per node block about each node (spec 02 §6.2).
package struct BeamHydrostatics: Sendable {
    package var force: [Double]
    package var stiffness: MemberMatrix
    package var volume: Double
    /// Centre of buoyancy, absolute [m].
    package var centerOfBuoyancy: Vec3
    /// RAFT's member `rCB`: centre of the last submerged sub-element processed, absolute [m] (zero when dry; PF15).
    package var lastSubElementCenter: Vec3 = .zero
}

extension Member {
    /// Section properties of beam element e (between strip nodes e and e+1): area, J1, J2, Jt, shear factors k1, k2.
    private func beamSection(_ e: Int, nu: Double, withShear: Bool)
        -> (a: Double, j1: Double, j2: Double, jt: Double, k1: Double, k2: Double)
    {
        let o = 0.5 * (nodeOuterSize[e] + nodeOuterSize[e + 1])
        let i = 0.5 * (nodeInnerSize[e] + nodeInnerSize[e + 1])
        switch shape {
        case .circular:
            let Do = o.x, Di = i.x
            let a = Double.pi * (Do * Do - Di * Di) / 4
            let j1 = Double.pi * (pow(Do, 4.0) - pow(Di, 4.0)) / 64
            let r2 = (Di / Do) * (Di / Do)
            let num = 6 * ((1 + nu) * (1 + nu)) * ((1 + r2) * (1 + r2))
            let den = ((1 + r2) * (1 + r2)) * (7 + 14 * nu + 8 * (nu * nu)) + 4 * r2 * (5 + 10 * nu + 4 * (nu * nu))
            return (a, j1, j1, j1 + j1, num / den, num / den)
        case .rectangular:
            let a = o.x * o.y - i.x * i.y
            let j1 = (pow(o.x, 3.0) * o.y - pow(i.x, 3.0) * i.y) / 12
            let j2 = (o.x * pow(o.y, 3.0) - i.x * pow(i.y, 3.0)) / 12
            guard withShear else { return (a, j1, j2, 0, 0, 0) }
            if i.x == 0 || i.y == 0 {
                let aa = max(o.x, o.y), b = min(o.x, o.y)
                let jt = aa * pow(b, 3.0) / 16 * (16.0 / 3 - 3.36 * (b / aa) * (1 - pow(b, 4.0) / pow(aa, 4.0) / 12))
                let k = 10 * (1 + nu) / (12 + 11 * nu)
                return (a, j1, j2, jt, k, k)
            }
            let t0 = (o.x - i.x) / 2, t1 = (o.y - i.y) / 2
            let jt = 2 * t0 * t1 * ((o.x - t0) * (o.x - t0)) * ((o.y - t1) * (o.y - t1)) / (o.x * t0 + o.y * t1 - t0 * t0 - t1 * t1)
            func kf(_ m: Double, _ n: Double) -> Double {
                10 * (1 + nu) * ((1 + 3 * m) * (1 + 3 * m))
                    / (12 + 72 * m + 150 * (m * m) + 90 * pow(m, 3.0) + nu * (11 + 66 * m + 135 * (m * m) + 90 * pow(m, 3.0))
                        + 10 * (n * n) * ((3 + nu) * m + 3 * (m * m)))
            }
            return (a, j1, j2, jt, kf(i.x * t1 / o.y / t0, i.x / o.y), kf(i.y * t0 / o.x / t1, i.y / o.x))
        }
    }

    /// Scatter a 12×12 local element matrix (local DOFs along p1, p2, q) into the global member matrix.
    private func assemble(_ ke: [[Double]], element e: Int, into K: inout MemberMatrix) {
        // Ke_global = Dc·Ke·Dcᵀ with Dc = blockdiag(4 × [p1 p2 q])
        let dc = [p1, p2, q]
        func D(_ r: Int, _ c: Int) -> Double { dc[c][r] }  // column c of [p1 p2 q], row r
        var tmp = Array(repeating: Array(repeating: 0.0, count: 12), count: 12)
        for i in 0..<12 {
            for j in 0..<12 {
                var s = 0.0
                let bi = i / 3
                for k in 0..<3 { s += D(i % 3, k) * ke[3 * bi + k][j] }
                tmp[i][j] = s
            }
        }
        for i in 0..<12 {
            for j in 0..<12 {
                var s = 0.0
                let bj = j / 3
                for k in 0..<3 { s += tmp[i][3 * bj + k] * D(j % 3, k) }
                K[6 * e + i, 6 * e + j] += s
            }
        }
    }

    private static func blockElement(_ k11: [[Double]], _ k12: [[Double]], _ k22: [[Double]]) -> [[Double]] {
        func sym(_ m: [[Double]]) -> [[Double]] {
            var o = m
            for i in 0..<6 { for j in 0..<6 where i != j { o[i][j] = m[i][j] + m[j][i] } }
            return o
        }
        let a = sym(k11), d = sym(k22)
        var ke = Array(repeating: Array(repeating: 0.0, count: 12), count: 12)
        for i in 0..<6 {
            for j in 0..<6 {
                ke[i][j] = a[i][j]; ke[i][j + 6] = k12[i][j]; ke[i + 6][j] = k12[j][i]; ke[i + 6][j + 6] = d[i][j]
            }
        }
        return ke
    }

    /// Timoshenko beam stiffness `K` over 6·nNodes DOFs (RAFT `computeStiffnessMatrix_FE`, spec 02 §12.1);
    /// zeros for rigid members [N/m, N, N·m/rad].
    package func beamStiffness() throws(MemberError) -> MemberMatrix {
        guard type == .beam else { return MemberMatrix(size: 6) }
        let n = nodeCount
        var K = MemberMatrix(size: 6 * n)
        let E = youngsModulus, G = shearModulus
        let nu = E / (2 * G) - 1
        for e in 0..<(n - 1) {
            let L = norm(r[e + 1] - r[e])
            guard L != 0 else { throw .unsupported(member: name, reason: "beam element \(e) has zero length") }
            let s = beamSection(e, nu: nu, withShear: true)
            let ksx = 12 * E * s.j2 / (G * s.k1 * s.a * (L * L))
            let ksy = 12 * E * s.j1 / (G * s.k2 * s.a * (L * L))
            var k11 = Array(repeating: Array(repeating: 0.0, count: 6), count: 6)
            k11[0][0] = 12 * E * s.j2 / pow(L, 3.0) / (1 + ksx)
            k11[1][1] = 12 * E * s.j1 / pow(L, 3.0) / (1 + ksy)
            k11[2][2] = E * s.a / L
            k11[3][3] = (4 + ksy) * E * s.j1 / L / (1 + ksy)
            k11[4][4] = (4 + ksx) * E * s.j2 / L / (1 + ksx)
            k11[5][5] = G * s.jt / L
            k11[0][4] = 6 * E * s.j2 / (L * L) / (1 + ksx)
            k11[1][3] = -6 * E * s.j1 / (L * L) / (1 + ksy)
            var k22 = k11
            k22[0][4] *= -1; k22[1][3] *= -1
            var k12 = Array(repeating: Array(repeating: 0.0, count: 6), count: 6)
            k12[0][0] = -k11[0][0]; k12[1][1] = -k11[1][1]; k12[2][2] = -k11[2][2]
            k12[3][3] = (2 - ksy) * E * s.j1 / L / (1 + ksy)
            k12[4][4] = (2 - ksx) * E * s.j2 / L / (1 + ksx)
            k12[5][5] = -k11[5][5]
            k12[0][4] = k11[0][4]; k12[1][3] = k11[1][3]; k12[4][0] = -k11[0][4]; k12[3][1] = -k11[1][3]
            assemble(Self.blockElement(k11, k12, k22), element: e, into: &K)
        }
        return K
    }

    /// Consistent beam mass matrix (RAFT `computeInertiaMatrix_FE`, spec 02 §12.1) [kg, kg·m, kg·m²].
    package func beamMassMatrix() throws(MemberError) -> MemberMatrix {
        let n = nodeCount
        var M = MemberMatrix(size: 6 * n)
        guard type == .beam else { return M }
        for e in 0..<(n - 1) {
            let L = norm(r[e + 1] - r[e])
            guard L != 0 else { throw .unsupported(member: name, reason: "beam element \(e) has zero length") }
            let s = beamSection(e, nu: 0, withShear: false)
            let A = s.a, j1 = s.j1, j2 = s.j2, jz = j2 + j1
            let L2 = L * L, L3 = pow(L, 3.0)
            var m11 = Array(repeating: Array(repeating: 0.0, count: 6), count: 6)
            m11[0][0] = 13 * A * L / 35 + 6 * j2 / 5 / L
            m11[1][1] = 13 * A * L / 35 + 6 * j1 / 5 / L
            m11[2][2] = A * L / 3
            m11[3][3] = A * L3 / 105 + 2 * L * j1 / 15
            m11[4][4] = A * L3 / 105 + 2 * L * j2 / 15
            m11[5][5] = jz * L / 3
            m11[0][4] = 11 * A * L2 / 210 + j2 / 10
            m11[1][3] = -11 * A * L2 / 210 - j1 / 10
            var m22 = m11
            m22[0][4] *= -1; m22[1][3] *= -1
            var m12 = Array(repeating: Array(repeating: 0.0, count: 6), count: 6)
            m12[0][0] = 9 * A * L / 70 - 6 * j2 / 5 / L
            m12[1][1] = 9 * A * L / 70 - 6 * j1 / 5 / L
            m12[2][2] = A * L / 6
            m12[3][3] = -A * L3 / 140 - L * j1 / 30
            m12[4][4] = -A * L3 / 140 - L * j2 / 30
            m12[5][5] = jz * L / 6
            m12[0][4] = -13 * A * L2 / 420 + j2 / 10
            m12[1][3] = 13 * A * L2 / 420 - j1 / 10
            m12[4][0] = 13 * A * L2 / 420 - j2 / 10
            m12[3][1] = -13 * A * L2 / 420 + j1 / 10
            var me = Self.blockElement(m11, m12, m22)
            for i in 0..<12 { for j in 0..<12 { me[i][j] *= rhoShell } }
            assemble(me, element: e, into: &M)
        }
        return M
    }

    /// Beam inertia: FE shell mass plus ballast lumped per node and caps at the closest node (RAFT `getInertia`
    /// for beams, spec 02 §5.4). Each node block is about the node itself.
    package func beamInertia() throws(MemberError) -> BeamInertia {
        guard type == .beam else { throw .unsupported(member: name, reason: "not a beam member") }
        var M = try beamMassMatrix()
        let nn = nodeCount
        let (shellMass, _) = massAndCenter(M)
        var mshell = shellMass
        let s = r.map { norm($0 - r[0]) }
        var dp = [Double](repeating: 0, count: nn), dn = dp
        for k in 0..<nn {
            dp[k] = k == 0 ? s[0] : s[k] - s[k - 1]
            dn[k] = k == nn - 1 ? 0 : s[k + 1] - s[k]
        }
        var bMass = [Double](repeating: 0, count: nn), bCenter = [Vec3](repeating: .zero, count: nn)
        var mfill: [Double] = [], pfill: [Double] = []
        for i in 1..<stations.count {
            let l = stations[i] - stations[i - 1]
            var mass = 0.0, rhoF = 0.0
            if l > 0 {
                let lFill = fillLength[i - 1]
                rhoF = rhoFill[i - 1]
                for k in 0..<nn where (s[k] + dn[k] / 2 >= stations[i - 1]) || (s[k] - dp[k] / 2 <= stations[i - 1] + lFill) {
                    var lower = s[k] - dp[k] / 2
                    lower = lower > stations[i - 1] ? lower : stations[i - 1]
                    var upper = s[k] + dn[k] / 2
                    upper = upper < stations[i - 1] + lFill ? upper : stations[i - 1] + lFill
                    let ln = upper - lower
                    if ln <= 0 { continue }
                    let aSt = sizes[i - 1] - 2 * thickness[i - 1], bSt = sizes[i] - 2 * thickness[i]
                    let aN = (bSt - aSt) * ((lower - stations[i - 1]) / l) + aSt
                    let bN = (bSt - aSt) * ((upper - stations[i - 1]) / l) + aSt
                    let (v, hc) = frustumVCV(shape, aN, bN, ln)
                    let m = v * rhoF
                    let ixx: Double, iyy: Double, izz: Double
                    switch shape {
                    case .circular:
                        let mo = frustumMOI(aN.x, bN.x, ln, rhoF)
                        ixx = mo.radial - m * (hc * hc); iyy = ixx; izz = mo.axial
                    case .rectangular:
                        let mo = rectangularFrustumMOI(aN.x, aN.y, bN.x, bN.y, ln, rhoF)
                        ixx = mo.xx - m * (hc * hc); iyy = mo.yy - m * (hc * hc); izz = mo.zz
                    }
                    var mm = Matrix6.diagonal([m, m, m, 0, 0, 0])
                    mm.setBlock(1, 1, rotatedInertia(ixx, iyy, izz))
                    let center = rA + q * (lower + hc)
                    M.addBlock(translateMatrix6to6DOF(mm, center - r[k]), k, k)
                    mass += m
                    bMass[k] += m
                    bCenter[k] += center * m
                }
            }
            mfill.append(mass)
            pfill.append(rhoF)
        }
        for k in 0..<nn where bMass[k] > 0 { bCenter[k] = bCenter[k] / bMass[k] }
        var cMass = [Double](repeating: 0, count: nn), cCenter = [Vec3](repeating: .zero, count: nn)
        for cap in try caps() {
            var best = 0, bd = Double.infinity
            for k in 0..<nn { let d = norm(r[k] - cap.center); if d < bd { bd = d; best = k } }
            var mm = Matrix6.diagonal([cap.mass, cap.mass, cap.mass, 0, 0, 0])
            mm.setBlock(1, 1, cap.inertia)
            M.addBlock(translateMatrix6to6DOF(mm, cap.center - r[best]), best, best)
            cMass[best] += cap.mass
            cCenter[best] += cap.center * cap.mass
            mshell += cap.mass
        }
        for k in 0..<nn where cMass[k] > 0 { cCenter[k] = cCenter[k] / cMass[k] }
        let (mass, center) = massAndCenter(M)
        return BeamInertia(matrix: M, mass: mass, center: center, shellMass: mshell, fillMasses: mfill, fillDensities: pfill,
                           nodeBallastMass: bMass, nodeBallastCenter: bCenter, nodeCapMass: cMass, nodeCapCenter: cCenter)
    }

    /// RAFT `getMassAndCenterOfBeam`: mass and centre from a beam mass matrix and the node positions.
    func massAndCenter(_ M: MemberMatrix) -> (Double, Vec3) {
        let n = M.size
        func weighted(_ c: Int, _ w: (Int) -> Double) -> Double {
            var s = 0.0
            for i in stride(from: c, to: n, by: 6) {
                var row = 0.0
                for j in stride(from: c, to: n, by: 6) { row += M[i, j] * w(j) }
                s += row
            }
            return s
        }
        let mass = weighted(0) { _ in 1 }
        var center = Vec3.zero
        if mass != 0 {
            for c in 0..<3 { center[c] = weighted(c) { j in self.r[j / 6][c] } / mass }
        }
        return (mass, center)
    }

    /// Beam weight vector and per-node gravity stiffness (RAFT `getWeight` for beams without the optional geometric
    /// term, spec 02 §5.5) [N, N·m] and [N·m/rad].
    package func beamWeight(_ inertia: BeamInertia, g: Double) throws(MemberError) -> (force: [Double], stiffness: MemberMatrix) {
        let nn = nodeCount
        var W = [Double](repeating: 0, count: 6 * nn)
        var C = MemberMatrix(size: 6 * nn)
        var mNode = [Double](repeating: 0, count: nn), sum = [Vec3](repeating: .zero, count: nn)
        // Dc = [p1 p2 q] as columns: Dc[1,2] = q.y, Dc[0,2] = q.x
        for i in 0..<(nn - 1) {
            let L = norm(r[i + 1] - r[i])
            guard L != 0 else { throw .unsupported(member: name, reason: "beam element \(i) has zero length") }
            let o = 0.5 * (nodeOuterSize[i] + nodeOuterSize[i + 1]), inn = 0.5 * (nodeInnerSize[i] + nodeInnerSize[i + 1])
            let A = shape == .circular ? Double.pi * (o.x * o.x - inn.x * inn.x) / 4 : o.x * o.y - inn.x * inn.y
            let w = rhoShell * A * g
            let a = [0, 0, -L / 2, -(L * L) / 12 * q.y, (L * L) / 12 * q.x, 0]
            let b = [0, 0, -L / 2, (L * L) / 12 * q.y, -(L * L) / 12 * q.x, 0]
            for c in 0..<6 { W[6 * i + c] += w * a[c]; W[6 * (i + 1) + c] += w * b[c] }
            let half = rhoShell * A * L / 2
            mNode[i] += half; mNode[i + 1] += half
            sum[i] += half * (r[i] + L / 4 * q)
            sum[i + 1] += half * (r[i + 1] - L / 4 * q)
        }
        for k in 0..<nn {
            for (m, c) in [(inertia.nodeBallastMass[k], inertia.nodeBallastCenter[k]), (inertia.nodeCapMass[k], inertia.nodeCapCenter[k])] {
                let f = rigidTransfer([0, 0, -(m * g), 0, 0, 0], c - r[k])
                for j in 0..<6 { W[6 * k + j] += f[j] }
            }
            mNode[k] += inertia.nodeCapMass[k] + inertia.nodeBallastMass[k]
            sum[k] += inertia.nodeBallastMass[k] * inertia.nodeBallastCenter[k] + inertia.nodeCapMass[k] * inertia.nodeCapCenter[k]
            let center = mNode[k] > 0 ? sum[k] / mNode[k] : .zero
            let (_, c) = weightOfPointMass(mNode[k], offset: center - r[k], g: g)
            C.addBlock(c, k, k)
        }
        return (W, C)
    }

    /// Beam hydrostatics per node sub-element (RAFT `getHydrostatics` for beams, spec 02 §6.2, PF29): buoyancy of
    /// each node's share of the member in its own block; waterplane terms in the waterline node's block with
    /// (x, y) relative to `reference` (default: first node).
    package func beamHydrostatics(about reference: Vec3? = nil, rho: Double, g: Double) throws(MemberError) -> BeamHydrostatics {
        guard type == .beam else { throw .unsupported(member: name, reason: "not a beam member") }
        let n = nodeCount
        var F = [Double](repeating: 0, count: 6 * n)
        var C = MemberMatrix(size: 6 * n)
        let s = r.map { norm($0 - r[0]) }
        var dp = [Double](repeating: 0, count: n), dn = dp
        for k in 0..<n {
            dp[k] = k == 0 ? s[0] : s[k] - s[k - 1]
            dn[k] = k == n - 1 ? 0 : s[k + 1] - s[k]
        }
        var vUW = 0.0, rcV = Vec3.zero, lastCenter = Vec3.zero
        let rRP = reference ?? r[0]
        var waterlineNode: Int? = nil
        for i in 0..<(n - 1) where r[i].z * r[i + 1].z < 0 {
            waterlineNode = abs(r[i].z) < abs(r[i + 1].z) ? i : i + 1
            break
        }
        let beta = atan2(q.y, q.x)
        let phi = atan2((q.x * q.x + q.y * q.y).squareRoot(), q.z)
        let cosPhi = cos(phi), sinPhi = sin(phi), tanPhi = tan(phi), cosBeta = cos(beta), sinBeta = sin(beta)
        func addVolume(_ k: Int, _ v: Double, _ rc: Vec3) {
            let rr = rc - r[k]
            let f = translateForce3to6DOF(Vec3(0, 0, rho * g * v), rr)
            for c in 0..<6 { F[6 * k + c] += f[c] }
            C[6 * k + 3, 6 * k + 3] += rho * g * v * rr.z
            C[6 * k + 4, 6 * k + 4] += rho * g * v * rr.z
            C[6 * k + 3, 6 * k + 5] += -rho * g * v * rr.x
            C[6 * k + 4, 6 * k + 5] += -rho * g * v * rr.y
            vUW += v
            rcV += rc * v
            lastCenter = rc
        }
        for i in 1..<stations.count {
            let l = stations[i] - stations[i - 1]
            if l <= 0 { continue }
            for k in 0..<n {
                let sA = max(s[k] - dp[k] / 2, stations[i - 1])
                let sB = min(s[k] + dn[k] / 2, stations[i])
                let ln = sB - sA
                if ln <= 0 { continue }
                let a = k == 0 ? r[0] : r[k - 1] + (r[k] - r[k - 1]) * ((sA - s[k - 1]) / (s[k] - s[k - 1]))
                let b = k == n - 1 ? r[n - 1] : r[k] + (r[k + 1] - r[k]) * ((sB - s[k]) / (s[k + 1] - s[k]))
                func size(_ x: Double) -> SIMD2<Double> { (sizes[i] - sizes[i - 1]) * ((x - stations[i - 1]) / l) + sizes[i - 1] }
                if a.z < 0 && b.z < 0 {
                    let (v, hc) = frustumVCV(shape, size(sA), size(sB), ln)
                    addVolume(k, v, a + (b - a) * (hc / ln))
                } else if a.z * b.z < 0 {
                    let frac = abs(a.z / (a.z - b.z))
                    let rWP = a + frac * (b - a)
                    let sWP = sA + frac * (sB - sA)
                    let wet = norm(rWP - a)
                    let dWP = size(sWP)
                    let (v, hc) = frustumVCV(shape, size(sA), dWP, wet)
                    addVolume(k, v, a + (rWP - a) * (hc / wet))
                    if k == waterlineNode {
                        var M = 0.0
                        let awp: Double, ixWP: Double, iyWP: Double
                        switch shape {
                        case .circular:
                            awp = (Double.pi / 4) * (dWP.x * dWP.x)
                            let iwp = (Double.pi / 64) * pow(dWP.x, 4.0)
                            ixWP = iwp; iyWP = iwp
                            let t = a.z / cosPhi
                            M = -rho * g * Double.pi * ((dWP.x * dWP.x) / 32 * (2.0 + tanPhi * tanPhi) + 0.5 * (t * t)) * sinPhi
                        case .rectangular:
                            awp = dWP.x * dWP.y
                            let ir = rotatedInertia((1.0 / 12) * dWP.x * pow(dWP.y, 3.0), (1.0 / 12) * pow(dWP.x, 3.0) * dWP.y, 0)
                            ixWP = ir[0, 0]; iyWP = ir[1, 1]
                        }
                        F[6 * k + 3] += -sinBeta * M
                        F[6 * k + 4] += M * cosBeta
                        let x = rWP.x - rRP.x, y = rWP.y - rRP.y
                        let rg = rho * g
                        C[6 * k + 2, 6 * k + 2] += rg * awp / cosPhi
                        C[6 * k + 2, 6 * k + 3] += rg * (-awp * y)
                        C[6 * k + 2, 6 * k + 4] += rg * (awp * x)
                        C[6 * k + 3, 6 * k + 2] += rg * (-awp * y)
                        C[6 * k + 3, 6 * k + 3] += rg * (ixWP + awp * (y * y))
                        C[6 * k + 3, 6 * k + 4] += rg * (awp * x * y)
                        C[6 * k + 4, 6 * k + 2] += rg * (awp * x)
                        C[6 * k + 4, 6 * k + 3] += rg * (awp * x * y)
                        C[6 * k + 4, 6 * k + 4] += rg * (iyWP + awp * (x * x))
                    }
                }
            }
        }
        return BeamHydrostatics(force: F, stiffness: C, volume: vUW, centerOfBuoyancy: vUW > 0 ? rcV / vUW : .zero,
                                lastSubElementCenter: vUW > 0 ? lastCenter : .zero)
    }

    /// Beam added mass and inertia matrices, each strip node's 3×3 in its own translational block (spec 02 §12.2).
    package func beamAddedMass(rho: Double) -> (addedMass: MemberMatrix, inertia: MemberMatrix) {
        var A = MemberMatrix(size: 6 * nodeCount), I = A
        for sn in stripNodes(rho: rho) where !sn.potMod {
            for a in 0..<3 {
                for b in 0..<3 {
                    A[6 * sn.index + a, 6 * sn.index + b] += sn.addedMass[a, b]
                    I[6 * sn.index + a, 6 * sn.index + b] += sn.inertia[a, b]
                }
            }
        }
        return (A, I)
    }
}
