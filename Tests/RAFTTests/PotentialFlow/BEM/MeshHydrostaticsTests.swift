import Foundation
import Testing
@testable import RAFT
import RAFTIO
import LAPACK

/// `MeshHydrostatics` (the `.hst` of `raft bem --mesh-hydrostatics`) against the analytic hydrostatics of the
/// polyhedra the meshes describe (exact up to round-off) and of the smooth bodies they approximate.
@Suite("BEM mesh hydrostatics")
struct MeshHydrostaticsTests {
    /// Regular n-gon of circumradius R: area and second moment about a centroidal axis.
    static func polygon(n: Int, radius r: Double) -> (area: Double, inertia: Double) {
        let t = 2 * Double.pi / Double(n)
        return (0.5 * Double(n) * r * r * sin(t), Double(n) * pow(r, 4) / 24 * sin(t) * (2 + cos(t)))
    }

    @Test("truncated cylinder off the origin: every entry equals the inscribed 64-gon prism's (1e-12 relative to C̄44) and the circular cylinder's within 0.2 %")
    func cylinder() {
        let a = 2.0, t = 3.0, x0 = 1.5, y0 = -0.7, n = 64
        let panels = AnalyticHulls.truncatedCylinder(radius: a, draft: t, nZ: 6, nR: 4, nAz: n).map {
            PanelGeometry(vertices: $0.vertices.map { Vec3($0.x + x0, $0.y + y0, $0.z) })
        }
        let h = MeshHydrostatics(panels: panels)
        let c = h.stiffnessOverRhoG
        func expected(area: Double, inertia: Double) -> [Double] {
            var e = [Double](repeating: 0, count: 36)
            let v = area * t, zb = -t / 2
            e[14] = area
            e[15] = area * y0; e[20] = e[15]
            e[16] = -area * x0; e[26] = e[16]
            e[21] = inertia + area * y0 * y0 + v * zb
            e[28] = inertia + area * x0 * x0 + v * zb
            e[22] = -area * x0 * y0; e[27] = e[22]
            e[23] = -v * x0; e[29] = -v * y0
            return e
        }
        let p = Self.polygon(n: n, radius: a)
        let exact = expected(area: p.area, inertia: p.inertia)
        let circle = expected(area: Double.pi * a * a, inertia: Double.pi * pow(a, 4) / 4)
        let scale = abs(circle[21])
        for k in 0..<36 {
            #expect(abs(c[k] - exact[k]) < 1e-12 * scale, "entry \(k / 6 + 1)\(k % 6 + 1): \(c[k]) vs polygon \(exact[k])")
            #expect(abs(c[k] - circle[k]) <= 0.002 * max(abs(circle[k]), 1e-12), "entry \(k / 6 + 1)\(k % 6 + 1): \(c[k]) vs circle \(circle[k])")
        }
        #expect(abs(h.volume - p.area * t) < 1e-12 * h.volume)
        #expect(abs(h.centreOfBuoyancy.z + t / 2) < 1e-12)
    }

    @Test("hemisphere (a = 1, 1,024 panels): V, z_B, A_wp, C̄33, C̄44 = C̄55 = ∫y²dA + V z_B = π/4 − π/4 = 0 within 0.5 % of π/4")
    func hemisphere() {
        let h = MeshHydrostatics(panels: AnalyticHulls.hemisphere(radius: 1, nPolar: 16, nAz: 64))
        let c = h.stiffnessOverRhoG
        #expect(abs(h.volume - 2 * Double.pi / 3) < 0.005 * 2 * Double.pi / 3)
        #expect(abs(h.centreOfBuoyancy.z + 3.0 / 8) < 0.005 * 3.0 / 8)
        #expect(abs(c[14] - Double.pi) < 0.005 * Double.pi)
        #expect(abs(c[21]) < 0.005 * Double.pi / 4 && abs(c[28]) < 0.005 * Double.pi / 4, "C̄44 \(c[21]), C̄55 \(c[28])")
        for k in [15, 16, 22, 23, 29] { #expect(abs(c[k]) < 1e-12) }
    }

    @Test("raft bem --mesh-hydrostatics: BEMFiles writes the mesh's C̄ in the .hst (VolturnUS-S columns: C̄33 = A_wp of the 64-/32-gons, 1 % below RAFT's 446.85)",
          .enabled(if: Reference.isAvailable))
    func hstFile() throws {
        let mesh = try PanelMeshTests.volturnMesh()
        let coefficients = BEMCoefficients(omega: [1], headingsDeg: [0], addedMass: [[Double](repeating: 0, count: 36)],
                                           damping: [[Double](repeating: 0, count: 36)],
                                           excitation: [[[ComplexDouble]](repeating: [ComplexDouble](repeating: .zero, count: 6), count: 1)],
                                           addedMassZero: [Double](repeating: 0, count: 36), addedMassInfinite: [Double](repeating: 0, count: 36))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mesh-hst-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try BEMFiles.write(coefficients, mesh: mesh, hydrostaticStiffness: Matrix6(), rho: 1025, gravity: 9.80665,
                           to: dir, name: "hull", meshHydrostatics: true)
        let text = try String(contentsOfFile: dir + "/hull.hst", encoding: .utf8)
        let rows = text.split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) } }.filter { $0.count == 3 }
        #expect(rows.count == 36)
        let c33 = try #require(rows.first { $0[0] == 3 && $0[1] == 3 })[2]
        let expected = MeshHydrostatics(panels: mesh.geometry).waterplaneArea
        print("VolturnUS-S columns: mesh C̄33 \(c33) m², C̄44 \(rows.first { $0[0] == 4 && $0[1] == 4 }![2]) m⁴")
        #expect(abs(c33 - expected) < 1e-5 * expected)
        #expect(abs(c33 - 446.85) < 0.015 * 446.85 && c33 < 446.85)
    }
}
