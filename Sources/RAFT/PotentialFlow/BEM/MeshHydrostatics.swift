/// Hydrostatics of a wetted-surface panel mesh (below z = 0, normals out of the body), closed by its waterplane.
///
/// Every quantity is a volume or waterplane integral turned into a surface integral over the panels by the
/// divergence theorem (the waterplane z = 0 adds nothing to the volume integrals, and ∫ f(x, y) n_z over the closed
/// surface vanishes, so waterplane integrals are −∫_S f n_z dS). Each panel is split into triangles (a quadrilateral
/// into (v₁ v₂ v₃), (v₁ v₃ v₄), each with its own vector area) and integrated with the edge-midpoint rule, exact for
/// the quadratic integrands: the results are exact for the polyhedron the panels describe.
package struct MeshHydrostatics: Sendable, Equatable {
    /// Displaced volume V [m³].
    package var volume: Double
    /// Centre of buoyancy (x_B, y_B, z_B) about the mesh origin [m].
    package var centreOfBuoyancy: Vec3
    /// Waterplane area A_wp [m²] and its first (∫x, ∫y [m³]) and second (∫x², ∫y², ∫xy [m⁴]) moments.
    package var waterplaneArea: Double
    package var waterplaneMoment: (x: Double, y: Double)
    package var waterplaneInertia: (xx: Double, yy: Double, xy: Double)

    package static func == (a: Self, b: Self) -> Bool {
        a.volume == b.volume && a.centreOfBuoyancy == b.centreOfBuoyancy && a.waterplaneArea == b.waterplaneArea
            && a.waterplaneMoment == b.waterplaneMoment && a.waterplaneInertia == b.waterplaneInertia
    }

    package init(panels: [PanelGeometry]) {
        var v = 0.0, vx = 0.0, vy = 0.0, vz = 0.0, a = 0.0, mx = 0.0, my = 0.0, ixx = 0.0, iyy = 0.0, ixy = 0.0
        for p in panels {
            let q = p.vertices
            for t in 1..<(q.count - 1) {
                let p0 = q[0], p1 = q[t], p2 = q[t + 1]
                let nzA = 0.5 * cross(p1 - p0, p2 - p0).z         // n_z · area of the triangle
                let mids = [0.5 * (p0 + p1), 0.5 * (p1 + p2), 0.5 * (p2 + p0)]
                func mean(_ f: (Vec3) -> Double) -> Double { (f(mids[0]) + f(mids[1]) + f(mids[2])) / 3 }
                v += nzA * mean { $0.z }
                vx += nzA * mean { $0.x * $0.z }
                vy += nzA * mean { $0.y * $0.z }
                vz += nzA * mean { 0.5 * $0.z * $0.z }
                a -= nzA
                mx -= nzA * mean { $0.x }
                my -= nzA * mean { $0.y }
                ixx -= nzA * mean { $0.x * $0.x }
                iyy -= nzA * mean { $0.y * $0.y }
                ixy -= nzA * mean { $0.x * $0.y }
            }
        }
        volume = v
        centreOfBuoyancy = v != 0 ? Vec3(vx / v, vy / v, vz / v) : .zero
        waterplaneArea = a
        waterplaneMoment = (mx, my)
        waterplaneInertia = (ixx, iyy, ixy)
    }

    /// Hydrostatic (buoyancy and waterplane) restoring matrix divided by ρg, row-major 6×6 [m², m³, m⁴], about the
    /// mesh origin, in WAMIT's `.hst` convention without the body's weight (as RAFT's C_hydro, whose gravity part is
    /// in C_struc):
    ///
    ///     C̄33 = A_wp,  C̄34 = C̄43 = ∫y dA,  C̄35 = C̄53 = −∫x dA,  C̄45 = C̄54 = −∫xy dA,
    ///     C̄44 = ∫y² dA + V z_B,  C̄55 = ∫x² dA + V z_B,  C̄46 = −V x_B,  C̄56 = −V y_B   (C̄64 = C̄65 = 0).
    package var stiffnessOverRhoG: [Double] {
        var c = [Double](repeating: 0, count: 36)
        let v = volume, b = centreOfBuoyancy
        c[14] = waterplaneArea
        c[15] = waterplaneMoment.y; c[20] = c[15]
        c[16] = -waterplaneMoment.x; c[26] = c[16]
        c[21] = waterplaneInertia.yy + v * b.z
        c[28] = waterplaneInertia.xx + v * b.z
        c[22] = -waterplaneInertia.xy; c[27] = c[22]
        c[23] = -v * b.x
        c[29] = -v * b.y
        return c
    }
}
