#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Mass properties of one rigid member (RAFT `Member.getInertia`, spec 02 §5).
package struct MemberInertia: Sendable {
    /// Total mass (shell + caps + ballast), `M_struc[0,0]` [kg].
    package var mass: Double
    /// Centre of gravity, absolute (RAFT `rCoG`) [m].
    package var center: Vec3
    /// Shell + cap mass `mshell` [kg].
    package var shellMass: Double
    /// Ballast mass per section `mfill` [kg] and fill densities `pfill` [kg/m³] (PF28: a density for every section,
    /// even unfilled ones).
    package var fillMasses: [Double]
    package var fillDensities: [Double]
    /// Mass matrix `M_struc` about the reference point [kg, kg·m, kg·m²].
    package var matrix: Matrix6
}

/// Errors for member configurations RAFT cannot compute.
package enum MemberError: Error, CustomStringConvertible, Sendable, Equatable {
    case unsupported(member: String, reason: String)
    package var description: String {
        switch self {
        case .unsupported(let m, let r): return "member '\(m)': \(r)"
        }
    }
}

extension Member {
    /// `R·diag(Ixx, Iyy, Izz)·Rᵀ` evaluated as RAFT does (`R @ (I @ Rᵀ)`).
    func rotatedInertia(_ ixx: Double, _ iyy: Double, _ izz: Double) -> Matrix3 {
        let i = Matrix3(Vec3(ixx, 0, 0), Vec3(0, iyy, 0), Vec3(0, 0, izz))
        return R * (i * R.transposed)
    }

    /// Mass, centre and mass matrix of the member about `reference` (default: end A at the current pose).
    ///
    /// Rigid members only; reproduces PF1 (flat transitions re-add the previous section's inertia),
    /// PF2 (cap ratio products, libm pow) and PF3 (cap index) (spec 02 §5.1–5.3).
    package func inertia(about reference: Vec3? = nil) throws(MemberError) -> MemberInertia {
        guard type == .rigid else { throw .unsupported(member: name, reason: "beam (flexible) members are not supported yet") }
        let rRP = reference ?? rA
        var massCenter = Vec3.zero
        var mshell = 0.0
        var mfill: [Double] = [], pfill: [Double] = []
        var M = Matrix6()
        let n = stations.count
        var ixx = 0.0, iyy = 0.0, izz = 0.0
        var sawSection = false
        for i in 1..<n {
            let l = stations[i] - stations[i - 1]
            var mass = 0.0, mShell = 0.0, mFill = 0.0, rhoF = 0.0
            var center = Vec3.zero
            if l > 0 {
                sawSection = true
                let lFill = fillLength[i - 1]
                rhoF = rhoFill[i - 1]
                var hc = 0.0
                switch shape {
                case .circular:
                    let dA = sizes[i - 1].x, dB = sizes[i].x
                    let dAi = dA - 2 * thickness[i - 1], dBi = dB - 2 * thickness[i]
                    let (vo, hco) = frustumVCV(circular: dA, dB, l)
                    let (vi, hci) = frustumVCV(circular: dAi, dBi, l)
                    mShell = (vo - vi) * rhoShell
                    let hcShell = vo - vi != 0 ? ((hco * vo) - (hci * vi)) / (vo - vi) : 0
                    let dBiFill = (dBi - dAi) * (lFill / l) + dAi
                    let (vf, hcf) = frustumVCV(circular: dAi, dBiFill, lFill)
                    mFill = vf * rhoF
                    mass = mShell + mFill
                    hc = mass != 0 ? ((hcf * mFill) + (hcShell * mShell)) / mass : 0
                    let o = frustumMOI(dA, dB, l, rhoShell), inn = frustumMOI(dAi, dBi, l, rhoShell)
                    let f = frustumMOI(dAi, dBiFill, lFill, rhoF)
                    let iRadEnd = (o.radial - inn.radial) + f.radial
                    let iRad = iRadEnd - mass * (hc * hc)
                    let iAx = (o.axial - inn.axial) + f.axial
                    ixx = iRad; iyy = iRad; izz = iAx
                case .rectangular:
                    let sA = sizes[i - 1], sB = sizes[i]
                    let sAi = sA - 2 * thickness[i - 1], sBi = sB - 2 * thickness[i]
                    let (vo, hco) = frustumVCV(rectangular: sA, sB, l)
                    let (vi, hci) = frustumVCV(rectangular: sAi, sBi, l)
                    mShell = (vo - vi) * rhoShell
                    let hcShell = vo - vi != 0 ? ((hco * vo) - (hci * vi)) / (vo - vi) : 0
                    let sBiFill = (sBi - sAi) * (lFill / l) + sAi
                    let (vf, hcf) = frustumVCV(rectangular: sAi, sBiFill, lFill)
                    mFill = vf * rhoF
                    mass = mShell + mFill
                    hc = mass != 0 ? ((hcf * mFill) + (hcShell * mShell)) / mass : 0
                    let o = rectangularFrustumMOI(sA.x, sA.y, sB.x, sB.y, l, rhoShell)
                    let inn = rectangularFrustumMOI(sAi.x, sAi.y, sBi.x, sBi.y, l, rhoShell)
                    let f = rectangularFrustumMOI(sAi.x, sAi.y, sBiFill.x, sBiFill.y, lFill, rhoF)
                    ixx = ((o.xx - inn.xx) + f.xx) - mass * (hc * hc)
                    iyy = ((o.yy - inn.yy) + f.yy) - mass * (hc * hc)
                    izz = (o.zz - inn.zz) + f.zz
                }
                center = rA + q * (stations[i - 1] + hc)
            } else if !sawSection {
                // RAFT raises UnboundLocalError here (PF1)
                throw .unsupported(member: name, reason: "the first section has zero length (repeated first station)")
            }
            // L == 0: mass 0, centre (0,0,0), previous section's Ixx/Iyy/Izz re-added (PF1)
            massCenter += mass * center
            mshell += mShell
            mfill.append(mFill)
            pfill.append(rhoF)
            var mm = Matrix6.diagonal([mass, mass, mass, 0, 0, 0])
            mm.setBlock(1, 1, rotatedInertia(ixx, iyy, izz))
            M += translateMatrix6to6DOF(mm, center - rRP)
        }

        // caps and bulkheads (spec 02 §5.2)
        for cap in try caps() {
            massCenter += cap.mass * cap.center
            mshell += cap.mass
            var mm = Matrix6.diagonal([cap.mass, cap.mass, cap.mass, 0, 0, 0])
            mm.setBlock(1, 1, cap.inertia)
            M += translateMatrix6to6DOF(mm, cap.center - rRP)
        }
        let mass = M[0, 0]
        let center = mass != 0 ? massCenter / mass : .zero
        return MemberInertia(mass: mass, center: center, shellMass: mshell, fillMasses: mfill, fillDensities: pfill, matrix: M)
    }

    /// Mass, centre (absolute) and rotated inertia about the centre of every cap/bulkhead (spec 02 §5.2; PF2, PF3).
    func caps() throws(MemberError) -> [(mass: Double, center: Vec3, inertia: Matrix3)] {
        let n = stations.count
        let inner = (0..<n).map { sizes[$0] - 2 * thickness[$0] }
        let s0 = stations[0], sN = stations[n - 1]
        var out: [(mass: Double, center: Vec3, inertia: Matrix3)] = []
        for i in 0..<capStations.count {
            let L = capStations[i], h = capThickness[i]
            let hole = capInnerSize[i]
            var a: SIMD2<Double>, b: SIMD2<Double>, ai: SIMD2<Double>, bi: SIMD2<Double>
            func at(_ x: Double) -> SIMD2<Double> { numpyInterp(x, stations, inner) }
            if L == s0 {
                a = inner[0]; b = at(L + h); ai = hole; bi = b * (ai / a)
            } else if L == sN {
                a = at(L - h); b = inner[n - 1]; bi = hole; ai = a * (bi / b)
            } else if (L > s0 && L < s0 + h) || (L < sN && L > sN - h) {
                throw .unsupported(member: name, reason: "cap \(i) overlaps the member end (RAFT cannot handle it)")
            } else if i < capStations.count - 1 && L == capStations[i + 1] {
                guard i < n else { throw .unsupported(member: name, reason: "step cap \(i) indexes a station that does not exist (RAFT PF3)") }
                a = at(L - h); b = inner[i]; bi = hole; ai = a * (bi / b)  // station index = cap index (PF3)
            } else if i > 0 && L == capStations[i - 1] {
                guard i < n else { throw .unsupported(member: name, reason: "step cap \(i) indexes a station that does not exist (RAFT PF3)") }
                a = inner[i]; b = at(L + h); ai = hole; bi = b * (ai / a)
            } else {
                a = at(L - h / 2); b = at(L + h / 2)
                let mid = at(L)
                ai = a * (hole / mid); bi = b * (hole / mid)
            }
            if shape == .rectangular && L != s0 {
                throw .unsupported(member: name, reason: "rectangular caps other than at the first station are mis-computed by RAFT 2.0.4 (spec 02 PF13)")
            }
            let (vo, hco) = frustumVCV(shape, a, b, h)
            let (vi, hci) = frustumVCV(shape, ai, bi, h)
            let mCap = (vo - vi) * rhoShell
            let hcCap = vo - vi != 0 ? ((hco * vo) - (hci * vi)) / (vo - vi) : 0
            let ixx: Double, iyy: Double, izz: Double
            switch shape {
            case .circular:
                let o = frustumMOI(a.x, b.x, h, rhoShell), inn = frustumMOI(ai.x, bi.x, h, rhoShell)
                let iRad = (o.radial - inn.radial) - mCap * (hcCap * hcCap)
                ixx = iRad; iyy = iRad; izz = o.axial - inn.axial
            case .rectangular:
                let o = rectangularFrustumMOI(a.x, a.y, b.x, b.y, h, rhoShell)
                let inn = rectangularFrustumMOI(ai.x, ai.y, bi.x, bi.y, h, rhoShell)
                ixx = (o.xx - inn.xx) - mCap * (hcCap * hcCap)
                iyy = (o.yy - inn.yy) - mCap * (hcCap * hcCap)
                izz = o.zz - inn.zz
            }
            let pos = rA + q * L
            let center: Vec3
            if L == s0 { center = pos + q * hcCap } else if L == sN { center = pos - q * (h - hcCap) } else { center = pos - q * ((h / 2) - hcCap) }
            out.append((mCap, center, rotatedInertia(ixx, iyy, izz)))
        }
        return out
    }

    /// Weight vector about `reference` (default end A) and its gravity stiffness (RAFT `getWeight`, rigid; spec 02 §5.5).
    package func weight(_ inertia: MemberInertia, about reference: Vec3? = nil, g: Double) -> (force: [Double], stiffness: Matrix6) {
        weightOfPointMass(inertia.mass, offset: inertia.center - (reference ?? rA), g: g)
    }
}
