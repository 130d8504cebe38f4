#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Exact integrals of the Rankine source `1/|P − ξ|` and its normal derivative over a flat polygon.
///
/// For a polygon with unit normal n (vertices taken counter-clockwise about n), field point P at height
/// h = (P − c)·n above the plane:
/// * dipole `D = ∫ ∂/∂n_ξ (1/r) dS = ∫ n·(P − ξ)/r³ dS` = the solid angle subtended by the panel, signed
///   by h (→ ±2π just above/below the panel), summed over a fan of triangles with the
///   Van Oosterom–Strackee formula;
/// * source `S = ∫ 1/r dS = Σᵢ dᵢ ln[(rₐ + r_b + sᵢ)/(rₐ + r_b − sᵢ)] − h·D` (Hess–Smith / Newman 1986),
///   with dᵢ the in-plane distance of P to edge i (positive inside) and sᵢ its length.
package enum RankinePanelIntegrals {
    /// (S, D) for the polygon `v` (3 or 4 vertices) with unit normal `n` (any vertex orientation).
    /// A field point in the panel's plane inside it gives D = 0 (principal value).
    package static func sourceAndDipole(at p: Vec3, vertices v: UnsafeBufferPointer<Vec3>, normal n: Vec3) -> (s: Double, d: Double) {
        let m = v.count
        // orientation of the vertex loop about n
        let loopNormal = m == 4 ? cross(v[2] - v[0], v[3] - v[1]) : cross(v[1] - v[0], v[2] - v[0])
        let ccw = dot(loopNormal, n) >= 0
        @inline(__always) func vert(_ k: Int) -> Vec3 { ccw ? v[k] : v[m - 1 - k] }
        var centroid = Vec3.zero
        for k in 0..<m { centroid += v[k] }
        centroid /= Double(m)
        let h = dot(p - centroid, n)
        var size2 = 0.0
        for k in 0..<m { size2 = max(size2, (v[k] - centroid).lengthSquared) }
        // solid angle over the fan (0, k, k+1)
        var dip = 0.0
        if abs(h) > 1e-12 * size2.squareRoot() {
            let r0 = vert(0) - p, l0 = norm(r0)
            for k in 1..<(m - 1) {
                let r1 = vert(k) - p, r2 = vert(k + 1) - p
                let l1 = norm(r1), l2 = norm(r2)
                let triple = dot(r0, cross(r1, r2))
                let den = l0 * l1 * l2 + dot(r0, r1) * l2 + dot(r0, r2) * l1 + dot(r1, r2) * l0
                dip += 2 * atan2(-triple, den)
            }
        }
        // edges
        var src = 0.0
        var a = vert(m - 1), ra = norm(a - p)
        for k in 0..<m {
            let b = vert(k), rb = norm(b - p)
            let e = b - a, s = norm(e)
            if s > 0 {
                let outward = cross(e, n) / s
                let d = dot(a - p, outward)
                let sum = ra + rb
                if d != 0 && sum - s > 0 { src += d * log((sum + s) / (sum - s)) }
            }
            a = b; ra = rb
        }
        return (src - h * dip, dip)
    }
}

extension SIMD3 where Scalar == Double {
    var lengthSquared: Double { (self * self).sum() }
}
