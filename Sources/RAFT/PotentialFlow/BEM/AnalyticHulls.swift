#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Panel meshes of bodies with published or analytic hydrodynamic coefficients (validation of the panel
/// method): wetted surfaces below z = 0, normals out of the body, xz-symmetric.
package enum AnalyticHulls {
    /// Floating hemisphere of radius `a` [m] centred at the origin: `nPolar` rings uniform in polar angle from
    /// the waterline to the pole (triangles at the pole) × `nAz` panels around.
    package static func hemisphere(radius a: Double, nPolar: Int, nAz: Int) -> [PanelGeometry] {
        var out: [PanelGeometry] = []
        for i in 0..<nPolar {
            let t0 = Double.pi / 2 * Double(i) / Double(nPolar), t1 = Double.pi / 2 * Double(i + 1) / Double(nPolar)
            for j in 0..<nAz {
                let p0 = 2 * Double.pi * Double(j) / Double(nAz), p1 = 2 * Double.pi * Double(j + 1) / Double(nAz)
                func pt(_ t: Double, _ p: Double) -> Vec3 { Vec3(a * cos(t) * cos(p), a * cos(t) * sin(p), -a * sin(t)) }
                var v = [pt(t0, p0), pt(t0, p1), pt(t1, p1), pt(t1, p0)]
                if i == nPolar - 1 { v = [v[0], v[1], v[2]] }  // apex triangle
                out.append(outward(v))
            }
        }
        return out
    }

    /// Truncated vertical circular cylinder of radius `a` and draft `T` [m]: side `nZ` × `nAz` panels,
    /// bottom `nR` rings × `nAz` (triangles at the centre).
    /// - Parameter graded: rows and rings spaced as sin(π/2·s) (s uniform in [0, 1]) so that they cluster at the
    ///   bottom edge, where the flow is singular (constant panels converge faster there); false: uniform.
    package static func truncatedCylinder(radius a: Double, draft T: Double, nZ: Int, nR: Int, nAz: Int, graded: Bool = false) -> [PanelGeometry] {
        var out: [PanelGeometry] = []
        func ang(_ j: Int) -> Double { 2 * Double.pi * Double(j) / Double(nAz) }
        func spacing(_ i: Int, _ n: Int) -> Double {
            let s = Double(i) / Double(n)
            return graded ? sin(Double.pi / 2 * s) : s
        }
        for i in 0..<nZ {
            let z0 = -T * spacing(i, nZ), z1 = -T * spacing(i + 1, nZ)
            for j in 0..<nAz {
                let p0 = ang(j), p1 = ang(j + 1)
                out.append(outward([Vec3(a * cos(p0), a * sin(p0), z0), Vec3(a * cos(p1), a * sin(p1), z0),
                                    Vec3(a * cos(p1), a * sin(p1), z1), Vec3(a * cos(p0), a * sin(p0), z1)]))
            }
        }
        for i in 0..<nR {
            let r0 = a * spacing(nR - i, nR), r1 = a * spacing(nR - i - 1, nR)
            for j in 0..<nAz {
                let p0 = ang(j), p1 = ang(j + 1)
                var v = [Vec3(r0 * cos(p0), r0 * sin(p0), -T), Vec3(r0 * cos(p1), r0 * sin(p1), -T),
                         Vec3(r1 * cos(p1), r1 * sin(p1), -T), Vec3(r1 * cos(p0), r1 * sin(p0), -T)]
                if i == nR - 1 { v = [v[0], v[1], v[2]] }
                var g = PanelGeometry(vertices: v)
                if g.normal.z > 0 { g = PanelGeometry(vertices: v.reversed()) }
                out.append(g)
            }
        }
        return out
    }

    /// The panel with its normal pointing away from the z axis (convex bodies of revolution about z).
    static func outward(_ v: [Vec3]) -> PanelGeometry {
        let g = PanelGeometry(vertices: v)
        return dot(g.normal, g.centroid) < 0 ? PanelGeometry(vertices: v.reversed()) : g
    }
}
