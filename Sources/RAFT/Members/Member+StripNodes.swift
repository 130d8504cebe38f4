#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import Numerics

/// Frequency-independent strip-theory data of one submerged strip node (spec 02 §8.1, §9).
///
/// Built from a member at its current pose by `Member.stripNodes(rho:)`. Only nodes with z < 0 exist
/// (nodes at or above the waterline are skipped entirely, PF10).
package struct StripNode: Sendable {
    /// Index of the member in the FOWT member list and of the node in the member.
    package var member: Int
    package var index: Int
    /// Node position `r_i` [m] at the pose the coefficients were computed.
    package var position: Vec3
    /// Member axis `q` and transverse directions `p1`, `p2` (unit vectors).
    package var q: Vec3
    package var p1: Vec3
    package var p2: Vec3
    /// Potential-flow member: no added mass / inertial excitation (drag and current still apply).
    package var potMod: Bool
    /// Added mass `Amat` [kg] (zero for potMod nodes).
    package var addedMass: Matrix3
    /// Inertial excitation coefficient `Imat` (non-MCF) [kg] (zero for potMod nodes).
    package var inertia: Matrix3
    /// Signed end area `a_i` [m²] for dynamic pressure (0 for potMod nodes, PF31).
    package var endArea: Double
    /// Side volume (after partial-submergence scaling) and end volume used in Imat [m³].
    package var sideVolume: Double
    package var endVolume: Double
    /// Ca along p1, p2 and at the end (for the MacCamy–Fuchs variant of Imat).
    package var caP1: Double
    package var caP2: Double
    package var caEnd: Double
    /// MacCamy–Fuchs radius `ds/2` [m] when the member uses MCF (nil otherwise; PF7/PF20).
    package var mcfRadius: Double?
    /// Drag areas `a_q`, `a_1`, `a_2` and `|a_i|` [m²] with their coefficients `Cd_q`, `Cd_p1`, `Cd_p2`, `Cd_End`.
    package var areaAxial: Double, area1: Double, area2: Double, areaEnd: Double
    package var cdAxial: Double, cd1: Double, cd2: Double, cdEnd: Double
    /// Rectangular member: separate RMS velocities along p1 and p2 (circular: transverse RMS for both).
    package var rectangular: Bool
}

extension Member {
    /// Strip data of every submerged node at the current pose (RAFT `calcImat`, `calcHydroConstants` and the
    /// area/coefficients of `calcHydroLinearization` / `calcCurrentLoads`; spec 02 §8–§9).
    /// - Parameters: memberIndex: position in the FOWT member list (for bookkeeping); rho: water density [kg/m³].
    package func stripNodes(memberIndex: Int = 0, rho: Double) -> [StripNode] {
        let circ = shape == .circular
        let P1 = Matrix3.outer(p1, p1), P2 = Matrix3.outer(p2, p2), Q = Matrix3.outer(q, q)
        var out: [StripNode] = []
        for il in 0..<nodeCount where r[il].z < 0 {
            let ca1 = coefficient(caP1, at: il), ca2 = coefficient(caP2, at: il), caE = coefficient(caEnd, at: il)
            let d = ds[il], dr = drs[il], dl = dls[il]
            var vSide = circ ? 0.25 * Double.pi * (d.x * d.x) * dl : d.x * d.y * dl
            if r[il].z + 0.5 * dl > 0 { vSide = vSide * (0.5 * dl - r[il].z) / dl }
            let vEnd: Double, aEnd: Double
            if circ {
                let a = d.x + dr.x, b = d.x - dr.x
                vEnd = Double.pi / 12.0 * abs(pow(a, 3.0) - pow(b, 3.0))
                aEnd = Double.pi * d.x * dr.x
            } else {
                let a = (d + dr), b = (d - dr)
                let ma = (a.x + a.y) / 2, mb = (b.x + b.y) / 2
                vEnd = Double.pi / 12.0 * (pow(ma, 3.0) - pow(mb, 3.0))  // no abs (PF6)
                aEnd = a.x * a.y - b.x * b.y
            }
            var A = Matrix3.zero, I = Matrix3.zero
            if !potMod {
                let sA = rho * vSide, eA = rho * vEnd * caE
                A = sA * (ca1 * P1 + ca2 * P2) + eA * Q
                I = sA * ((1.0 + ca1) * P1 + (1.0 + ca2) * P2) + eA * Q
            }
            let aq = circ ? Double.pi * d.x * dl : 2 * (d.x + d.x) * dl  // PF16
            let a1 = circ ? d.x * dl : d.x * dl
            let a2 = circ ? d.x * dl : d.y * dl
            let aE = circ ? abs(Double.pi * d.x * dr.x) : abs(aEnd)
            out.append(StripNode(
                member: memberIndex, index: il, position: r[il], q: q, p1: p1, p2: p2, potMod: potMod,
                addedMass: A, inertia: I, endArea: potMod ? 0 : aEnd, sideVolume: vSide, endVolume: vEnd,
                caP1: ca1, caP2: ca2, caEnd: caE, mcfRadius: (mcf && circ && !potMod) ? d.x / 2 : nil,
                areaAxial: aq, area1: a1, area2: a2, areaEnd: aE,
                cdAxial: coefficient(cdAxial, at: il), cd1: coefficient(cdP1, at: il), cd2: coefficient(cdP2, at: il),
                cdEnd: coefficient(cdEnd, at: il), rectangular: !circ))
        }
        return out
    }

    /// Strip added mass and (non-MCF) inertial excitation matrices about `reference` (RAFT
    /// `calcHydroConstants(sum_inertia=True)`, spec 02 §8.1) [kg, kg·m, kg·m²].
    package func addedMass(about reference: Vec3? = nil, rho: Double) -> (addedMass: Matrix6, inertia: Matrix6) {
        let ref = reference ?? rA
        var A = Matrix6(), I = Matrix6()
        for n in stripNodes(rho: rho) where !n.potMod {
            A += translateMatrix3to6DOF(n.addedMass, n.position - ref)
            I += translateMatrix3to6DOF(n.inertia, n.position - ref)
        }
        return (A, I)
    }
}

/// MacCamy–Fuchs inertia coefficient and RAFT's low-k ramp (spec 02 §8.2): returns (Cm_p1, Cm_p2).
func macCamyFuchs(k: Double, radius R: Double, caP1: Double, caP2: Double) -> (Complex, Complex) {
    let c1 = Complex(1.0 + caP1, 0), c2 = Complex(1.0 + caP2, 0)
    let x = k * R
    // H1'(x) = (H0(x) − H2(x))/2 with H_n = J_n + i Y_n
    let hp = Complex(0.5 * (jn(0, x) - jn(2, x)), 0.5 * (yn(0, x) - yn(2, x)))
    let cm = Complex(0, 4) / (Complex(Double.pi * (x * x), 0) * hp)
    let tr = Double.pi / 5 / R
    var ramp = k < tr ? 0.5 * (1 - cos(Double.pi * (k - 0) / tr)) : 1
    if k <= 0 { ramp = 0 }
    return (cm * Complex(ramp, 0) + c1 * Complex(1 - ramp, 0), cm * Complex(ramp, 0) + c2 * Complex(1 - ramp, 0))
}
