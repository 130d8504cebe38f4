#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Hydrostatic properties of one rigid member (RAFT `Member.getHydrostatics`, spec 02 §6).
package struct MemberHydrostatics: Sendable {
    /// Buoyancy force/moment vector `Fvec` about the reference [N, N·m].
    package var force: [Double]
    /// Hydrostatic stiffness `Cmat` about the reference (not symmetric: [3,5], [4,5] only) [N/m, N, N·m/rad].
    package var stiffness: Matrix6
    /// Submerged volume `V_UW` [m³].
    package var volume: Double
    /// Centre of buoyancy relative to the reference (0 when dry) [m].
    package var centerOfBuoyancy: Vec3
    /// RAFT's `self.rCB`: centre of the last processed submerged section, absolute (PF15) [m].
    package var lastSectionCenter: Vec3
    /// Waterplane area `AWP` [m²] and inertia `IWP` [m⁴] of the last crossing section (IWP 0 for rectangles, PF15).
    package var waterplaneArea: Double
    package var waterplaneInertia: Double
    /// Waterplane centre relative to the reference (absolute 0 when nothing crosses, PF15) [m].
    package var xWP: Double
    package var yWP: Double
}

extension Member {
    /// Buoyancy and hydrostatic stiffness at the current pose about `reference` (default end A).
    ///
    /// Per section: waterplane-crossing sections use the swapped-end waterline size (PF5) and apply buoyancy
    /// at the section's end A with RAFT's empirical moment (PF24); submerged sections apply it at their centre.
    package func hydrostatics(about reference: Vec3? = nil, rho: Double, g: Double) throws(MemberError) -> MemberHydrostatics {
        guard type == .rigid else { throw .unsupported(member: name, reason: "beam (flexible) members are not supported yet") }
        let rRP = reference ?? rA
        var F = [Double](repeating: 0, count: 6)
        var C = Matrix6()
        var vUW = 0.0
        var rcV = Vec3.zero
        var awp = 0.0, iwp = 0.0, xwp = 0.0, ywp = 0.0
        var rCenter = Vec3.zero
        let beta = atan2(q.y, q.x)
        let phi = atan2((q.x * q.x + q.y * q.y).squareRoot(), q.z)
        let cosPhi = cos(phi), sinPhi = sin(phi), tanPhi = tan(phi)
        let cosBeta = cos(beta), sinBeta = sin(beta)
        let rg = rho * g
        func add(_ f: [Double]) { for k in 0..<6 { F[k] += f[k] } }
        for i in 1..<stations.count {
            let a = rA + q * stations[i - 1]
            let b = rA + q * stations[i]
            if a.z * b.z <= 0 {
                xwp = linearInterp(0, a.z, b.z, a.x, b.x)
                ywp = linearInterp(0, a.z, b.z, a.y, b.y)
                var ixWP = 0.0, iyWP = 0.0
                let vi: Double, hc: Double
                var dWP = 0.0
                let lwp = abs(a.z / cosPhi)
                switch shape {
                case .circular:
                    dWP = linearInterp(0, a.z, b.z, sizes[i].x, sizes[i - 1].x)  // ends swapped (PF5)
                    awp = (Double.pi / 4) * (dWP * dWP)
                    iwp = (Double.pi / 64) * pow(dWP, 4.0)
                    ixWP = iwp; iyWP = iwp
                    (vi, hc) = frustumVCV(circular: sizes[i - 1].x, dWP, lwp)
                case .rectangular:
                    let sl = SIMD2(linearInterp(0, a.z, b.z, sizes[i].x, sizes[i - 1].x),
                                   linearInterp(0, a.z, b.z, sizes[i].y, sizes[i - 1].y))
                    awp = sl.x * sl.y
                    let ir = rotatedInertia((1.0 / 12) * sl.x * pow(sl.y, 3.0), (1.0 / 12) * pow(sl.x, 3.0) * sl.y, 0)
                    ixWP = ir[0, 0]; iyWP = ir[1, 1]
                    (vi, hc) = frustumVCV(rectangular: sizes[i - 1], sl, lwp)
                }
                rCenter = a + q * hc
                var M = 0.0
                if shape == .circular {
                    let t = a.z / cosPhi
                    M = -rho * g * Double.pi * ((dWP * dWP) / 32 * (2.0 + tanPhi * tanPhi) + 0.5 * (t * t)) * sinPhi
                }
                add(translateForce3to6DOF(Vec3(0, 0, rg * vi), a - rRP))
                F[3] += M * -sinBeta
                F[4] += M * cosBeta
                xwp -= rRP.x
                ywp -= rRP.y
                C[2, 2] += -(-rho * g * awp / cosPhi)
                C[2, 3] += rg * (-awp * ywp)
                C[2, 4] += rg * (awp * xwp)
                C[3, 2] += rg * (-awp * ywp)
                C[3, 3] += rg * (ixWP + awp * (ywp * ywp))
                C[3, 4] += rg * (awp * xwp * ywp)
                C[4, 2] += rg * (awp * xwp)
                C[4, 3] += rg * (awp * xwp * ywp)
                C[4, 4] += rg * (iyWP + awp * (xwp * xwp))
                let rr = rCenter - rRP
                C[3, 3] += rg * vi * rr.z
                C[4, 4] += rg * vi * rr.z
                C[3, 5] += -rg * vi * rr.x
                C[4, 5] += -rg * vi * rr.y
                vUW += vi
                rcV += rCenter * vi
            } else if a.z <= 0 && b.z <= 0 {
                let (vi, hc) = frustumVCV(shape, sizes[i - 1], sizes[i], stations[i] - stations[i - 1])
                rCenter = a + q * hc
                let rr = rCenter - rRP
                add(translateForce3to6DOF(Vec3(0, 0, rg * vi), rr))
                C[3, 3] += rg * vi * rr.z
                C[4, 4] += rg * vi * rr.z
                C[3, 5] += -rg * vi * rr.x
                C[4, 5] += -rg * vi * rr.y
                vUW += vi
                rcV += rCenter * vi
            }
        }
        let cb: Vec3, last: Vec3
        if vUW > 0 { last = rCenter; cb = rcV / vUW - rRP } else { last = .zero; cb = .zero }
        return MemberHydrostatics(force: F, stiffness: C, volume: vUW, centerOfBuoyancy: cb, lastSectionCenter: last,
                                  waterplaneArea: awp, waterplaneInertia: shape == .circular ? iwp : 0, xWP: xwp, yWP: ywp)
    }
}
