#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

extension MemberMesher {
    /// A rectangular member as a closed box with outward normals and no duplicate panels (swift-raft's replacement
    /// for RAFT 2.0.4's `meshRectangularMember`, selected by `platform.rectangularMesh_BEM: closed`).
    ///
    /// Discretisation in RAFT's spirit (spec 05 §8.1): each axial segment between stations is split into
    /// ⌈length/dz⌉ equal parts (dz = `dz_BEM`, 0: member length / 20); each side face into the same number of
    /// strips along the whole member, ⌈max width/da⌉ across the width and ⌈max height/da⌉ across the height
    /// (da = `da_BEM`; 0: RAFT's max width/8 and max height/8), so the four faces and both end caps share their
    /// edge nodes. Local axes: x across the width (`sizes.x`), y across the height (`sizes.y`), z along the member
    /// from end A; placed with RAFT's member rotation. Then `addPanel` as for every member: dry panels skipped,
    /// nodes above z = 0 moved down to it, nodes de-duplicated.
    /// - Throws: `MeshError` when the panel counts are unreasonable (more than a million strips).
    package mutating func addClosedRectangular(name: String = "", stations: [Double], widths: [Double], heights: [Double],
                                               rA: Vec3, rB: Vec3) throws(MeshError) {
        let length = stations[stations.count - 1] - stations[0]
        let dzMax = dz == 0 ? length / 20 : dz
        let maxW = widths.max() ?? 0, maxH = heights.max() ?? 0
        let dwMax = da == 0 ? maxW / 8 : da, dhMax = da == 0 ? maxH / 8 : da
        let nwD = (maxW / dwMax).rounded(.up), nhD = (maxH / dhMax).rounded(.up)
        guard nwD.isFinite, nhD.isFinite, nwD < 1e6, nhD < 1e6 else {
            throw MeshError(description: "member '\(name)': da_BEM \(da) m gives \(nwD) × \(nhD) panels across the section")
        }
        let nw = max(Int(nwD), 1), nh = max(Int(nhD), 1)
        func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
            (0...n).map { i in i == n ? b : a + Double(i) * ((b - a) / Double(n)) }
        }
        // axial stations with the section's width and height
        var zs = [stations[0]], ws = [widths[0]], hs = [heights[0]]
        for i in 0..<(stations.count - 1) {
            let z1 = stations[i], z2 = stations[i + 1], d = z2 - z1
            guard d > 0 else { continue }
            let ndD = (d / dzMax).rounded(.up)
            guard ndD.isFinite, ndD < 1e6 else { throw MeshError(description: "member '\(name)': dz_BEM \(dz) m gives \(ndD) axial panels") }
            let z = linspace(z1, z2, max(Int(ndD), 1))
            for j in 1..<z.count {
                zs.append(z[j])
                ws.append(widths[i] + (widths[i + 1] - widths[i]) * (z[j] - z1) / d)
                hs.append(heights[i] + (heights[i + 1] - heights[i]) * (z[j] - z1) / d)
            }
        }
        let place = Self.rotation(rA: rA, rB: rB)
        // a quadrilateral with its normal turned along `out` (local frame), then placed
        func quad(_ p: [Vec3], out: Vec3) {
            let n = cross(p[2] - p[0], p[3] - p[1])
            addPanel((dot(n, out) >= 0 ? p : p.reversed()).map(place))
        }
        let u = linspace(-0.5, 0.5, nw), v = linspace(-0.5, 0.5, nh)
        for k in 0..<(zs.count - 1) {
            let z1 = zs[k], z2 = zs[k + 1], w1 = ws[k], w2 = ws[k + 1], h1 = hs[k], h2 = hs[k + 1]
            for s in [-1.0, 1.0] {
                for i in 0..<nw {   // faces y = ±h/2
                    quad([Vec3(u[i] * w1, s * h1 / 2, z1), Vec3(u[i + 1] * w1, s * h1 / 2, z1),
                          Vec3(u[i + 1] * w2, s * h2 / 2, z2), Vec3(u[i] * w2, s * h2 / 2, z2)], out: Vec3(0, s, 0))
                }
                for j in 0..<nh {   // faces x = ±w/2
                    quad([Vec3(s * w1 / 2, v[j] * h1, z1), Vec3(s * w1 / 2, v[j + 1] * h1, z1),
                          Vec3(s * w2 / 2, v[j + 1] * h2, z2), Vec3(s * w2 / 2, v[j] * h2, z2)], out: Vec3(s, 0, 0))
                }
            }
        }
        for (z, w, h, s) in [(zs[0], ws[0], hs[0], -1.0), (zs[zs.count - 1], ws[ws.count - 1], hs[hs.count - 1], 1.0)] {
            for i in 0..<nw {
                for j in 0..<nh {
                    quad([Vec3(u[i] * w, v[j] * h, z), Vec3(u[i + 1] * w, v[j] * h, z),
                          Vec3(u[i + 1] * w, v[j + 1] * h, z), Vec3(u[i] * w, v[j + 1] * h, z)], out: Vec3(0, 0, s))
                }
            }
        }
    }
}
