#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Failure of the panel mesher (names the member and the setting to change).
package struct MeshError: Error, CustomStringConvertible, Sendable {
    package var description: String
}

/// RAFT 2.0.4's per-member panel mesher for `intersectMesh: 0` (`member2pnl.meshMember` /
/// `meshRectangularMember` + `makePanel`, spec 05 §8.1).
///
/// Every member is meshed in its own axes (axis from end A along +z), rotated with RAFT's Z–Y rotation
/// (no twist) and appended to one node and panel list. Panels entirely above z = 0 are skipped, nodes above
/// it are moved down to z = 0 (the waterline panel is squashed, not cut), nodes are de-duplicated by exact
/// equality and a quadrilateral with a repeated node becomes a triangle.
package struct MemberMesher: Sendable {
    /// Target axial panel size `dz_BEM` [m] (0 = RAFT's default, member length / 20).
    package var dz: Double
    /// Target azimuthal / width panel size `da_BEM` [m] (0 = RAFT's default).
    package var da: Double
    package private(set) var mesh = PanelMesh()
    private var index: [Vec3: Int] = [:]

    package init(dz: Double, da: Double) {
        self.dz = dz
        self.da = da
    }

    /// Mesh every potMod platform member of `members` in order (RAFT `calcBEM`, intersectMesh 0).
    /// - Parameter closedRectangles: mesh rectangular members with `addClosedRectangular` instead of RAFT's mesher.
    package static func mesh(members: [Member], dz: Double, da: Double, closedRectangles: Bool = false) throws(MeshError) -> PanelMesh {
        var m = MemberMesher(dz: dz, da: da)
        for mem in members where mem.potMod && mem.part == .platform {
            switch mem.shape {
            case .circular:
                try m.addCircular(name: mem.name, stations: mem.stations, diameters: mem.sizes.map { $0.x }, rA: mem.rA0, rB: mem.rB0)
            case .rectangular where closedRectangles:
                try m.addClosedRectangular(name: mem.name, stations: mem.stations, widths: mem.sizes.map { $0.x },
                                           heights: mem.sizes.map { $0.y }, rA: mem.rA0, rB: mem.rB0)
            case .rectangular:
                m.addRectangular(stations: mem.stations, widths: mem.sizes.map { $0.x }, heights: mem.sizes.map { $0.y }, rA: mem.rA0, rB: mem.rB0)
            }
        }
        return m.mesh
    }

    /// RAFT's member rotation (`beta` about z, then `phi` about y; twist 0) applied to a local point, plus `rA`.
    static func rotation(rA: Vec3, rB: Vec3) -> (Vec3) -> Vec3 {
        let d = rB - rA
        let beta = atan2(d.y, d.x), phi = atan2((d.x * d.x + d.y * d.y).squareRoot(), d.z)
        let s1 = sin(beta), c1 = cos(beta), s2 = sin(phi), c2 = cos(phi)
        let r0 = Vec3(c1 * c2, -s1, c1 * s2), r1 = Vec3(s1 * c2, c1, s1 * s2), r2 = Vec3(-s2, 0, c2)
        return { p in Vec3(r0.x * p.x + r0.y * p.y + r0.z * p.z + rA.x,
                           r1.x * p.x + r1.y * p.y + r1.z * p.z + rA.y,
                           r2.x * p.x + r2.y * p.y + r2.z * p.z + rA.z) }
    }

    /// `makePanel`: skip dry panels, clamp to z = 0, de-duplicate nodes, drop repeated nodes.
    mutating func addPanel(_ corners: [Vec3]) {
        if corners.allSatisfy({ $0.z > 0 }) { return }
        var ids: [Int] = []
        for var p in corners {
            if p.z > 0 { p.z = 0 }
            if let j = index[p] {
                if !ids.contains(j) { ids.append(j) }
            } else {
                mesh.nodes.append(p)
                index[p] = mesh.nodes.count - 1
                ids.append(mesh.nodes.count - 1)
            }
        }
        // RAFT builds (but does not raise) an error for < 3 distinct nodes and drops the panel; its new nodes stay.
        if ids.count >= 3 { mesh.panels.append(ids) }
    }

    /// `meshMember`: a circular member of piecewise-linear radius, revolved with adaptive azimuthal count.
    /// - Parameters: stations along the axis from end A [m], diameters per station [m], ends [m].
    package mutating func addCircular(name: String = "", stations: [Double], diameters: [Double], rA: Vec3, rB: Vec3) throws(MeshError) {
        let radii = diameters.map { 0.5 * $0 }
        let dzMax = dz == 0 ? stations[stations.count - 1] / 20 : dz
        let daMax = da == 0 ? radii.max()! / 8 : da
        // radius profile
        var rp = [radii[0]], zp = [0.0]
        for i in 1..<radii.count {
            let dr = radii[i] - radii[i - 1], dzs = stations[i] - stations[i - 1]
            let cosm: Double, sinm: Double, dzps: Double
            if dr == 0 {
                cosm = 1; sinm = 0; dzps = dzMax
            } else if dzs == 0 {
                cosm = 0; sinm = dr > 0 ? 1 : -1; dzps = 0.6 * daMax
            } else {
                let m = dr / dzs
                dzps = atan(abs(m)) * 2 / Double.pi * 0.6 * daMax + atan(abs(1 / m)) * 2 / Double.pi * dzMax
                let hyp = (dr * dr + dzs * dzs).squareRoot()
                cosm = dzs / hyp; sinm = dr / hyp
            }
            let len = (dr * dr + dzs * dzs).squareRoot()
            let nz = Int((len / dzps).rounded(.up))
            guard nz >= 0, nz < 1_000_000 else { throw MeshError(description: "member '\(name)': dz_BEM \(dzMax) m gives \(nz) axial panels") }
            if nz == 0 { continue }
            let dl = len / Double(nz)
            for iz in 1...nz {
                rp.append(radii[i - 1] + sinm * Double(iz) * dl)
                zp.append(stations[i - 1] + cosm * Double(iz) * dl)
            }
        }
        // end caps (B appended, A inserted at the front)
        for (r, z, atFront) in [(radii[radii.count - 1], stations[stations.count - 1], false), (radii[0], stations[0], true)] {
            let nr = Int((r / (0.6 * daMax)).rounded(.up))
            guard nr < 1_000_000 else { throw MeshError(description: "member '\(name)': da_BEM \(daMax) m gives \(nr) radial cap panels") }
            if nr == 0 { continue }
            let drr = r / Double(nr)
            for ir in 0..<nr {
                if atFront { rp.insert(r - Double(1 + ir) * drr, at: 0); zp.insert(z, at: 0) }
                else { rp.append(r - Double(1 + ir) * drr); zp.append(z) }
            }
        }
        // revolve
        var local: [[Vec3]] = []
        var naz = 8
        let twoPi = 2 * Double.pi
        func pt(_ r: Double, _ th: Double, _ z: Double) -> Vec3 { Vec3(r * cos(th), r * sin(th), z) }
        for k in 0..<(zp.count - 1) {
            let r1 = rp[k], r2 = rp[k + 1], z1 = zp[k], z2 = zp[k + 1]
            while r1 * twoPi / Double(naz) >= daMax / 2 && r2 * twoPi / Double(naz) >= daMax / 2 {
                naz *= 2
                guard naz < 1 << 20 else { throw MeshError(description: "member '\(name)': da_BEM \(daMax) m gives more than a million azimuthal panels") }
            }
            while r1 * twoPi / Double(naz) < daMax / 2 && r2 * twoPi / Double(naz) < daMax / 2 {
                naz /= 2
                // RAFT (numpy) would loop forever on the next segment once naz reaches 0
                guard naz >= 1 else { throw MeshError(description: "member '\(name)': radius profile point r = \(r2) m is too small for da_BEM \(daMax) m (RAFT's mesher would not terminate)") }
            }
            let up = r1 * twoPi / Double(naz) < daMax / 2 && r2 * twoPi / Double(naz) >= daMax / 2
            let down = r1 * twoPi / Double(naz) >= daMax / 2 && r2 * twoPi / Double(naz) < daMax / 2
            if up || down {
                for ia in 1...(naz / 2) {
                    let th1 = Double(ia - 1) * twoPi / Double(naz) * 2
                    let th2 = (Double(ia) - 0.5) * twoPi / Double(naz) * 2
                    let th3 = Double(ia) * twoPi / Double(naz) * 2
                    if up {
                        let mid = Vec3((r1 * cos(th1) + r1 * cos(th3)) / 2, (r1 * sin(th1) + r1 * sin(th3)) / 2, z1)
                        local.append([mid, pt(r2, th2, z2), pt(r2, th1, z2), pt(r1, th1, z1)])
                        local.append([pt(r1, th3, z1), pt(r2, th3, z2), pt(r2, th2, z2), mid])
                    } else {
                        let mid = Vec3(r2 * (cos(th1) + cos(th3)) / 2, r2 * (sin(th1) + sin(th3)) / 2, z2)
                        local.append([pt(r1, th2, z1), mid, pt(r2, th1, z2), pt(r1, th1, z1)])
                        local.append([pt(r1, th3, z1), pt(r2, th3, z2), mid, pt(r1, th2, z1)])
                    }
                }
            } else {
                for ia in 1...naz {
                    let th1 = Double(ia - 1) * twoPi / Double(naz), th2 = Double(ia) * twoPi / Double(naz)
                    local.append([pt(r1, th2, z1), pt(r2, th2, z2), pt(r2, th1, z2), pt(r1, th1, z1)])
                }
            }
        }
        let place = Self.rotation(rA: rA, rB: rB)
        for p in local { addPanel(p.map(place)) }
    }

    /// `meshRectangularMember` as RAFT 2.0.4 runs it (`dh_max` = max height / 8).
    ///
    /// RAFT bugs kept for file parity (spec 05 §8.1): side faces are generated once per panel of the other
    /// direction (duplicate panels), and the back, left and end-A faces have inward normals. The BEM solver
    /// rejects such meshes (`BEMProblem` checks orientation); the mesh is still written for inspection.
    package mutating func addRectangular(stations: [Double], widths: [Double], heights: [Double], rA: Vec3, rB: Vec3) {
        let dzMax = dz == 0 ? stations[stations.count - 1] / 20 : dz
        let dwMax = da == 0 ? widths.max()! / 8 : da
        let dhMax = heights.max()! / 8
        func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
            // numpy.linspace: a + i·step, the last point exactly b
            (0...n).map { i in i == n ? b : a + Double(i) * ((b - a) / Double(n)) }
        }
        var st = [stations[0]], ws = [widths[0]], hs = [heights[0]]
        for i in 0..<(stations.count - 1) {
            let z1 = stations[i], z2 = stations[i + 1], w1 = widths[i], w2 = widths[i + 1], h1 = heights[i], h2 = heights[i + 1]
            let d = z2 - z1
            let nd = max(Int((d / dzMax).rounded(.up)), 1)
            let zs = linspace(z1, z2, nd)
            for j in 1...nd {
                st.append(zs[j])
                ws.append(w1 + (w2 - w1) * (zs[j] - z1) / d)
                hs.append(h1 + (h2 - h1) * (zs[j] - z1) / d)
            }
        }
        let place = Self.rotation(rA: rA, rB: rB)
        func add(_ x: [Double], _ y: [Double], _ z: [Double]) { addPanel((0..<4).map { place(Vec3(x[$0], y[$0], z[$0])) }) }
        for i in 0..<(st.count - 1) {
            let w1 = ws[i], w2 = ws[i + 1], h1 = hs[i], h2 = hs[i + 1], z1 = st[i], z2 = st[i + 1]
            let nw = max(Int((w1 / dwMax).rounded(.up)), Int((w2 / dwMax).rounded(.up)))
            let nh = max(Int((h1 / dhMax).rounded(.up)), Int((h2 / dhMax).rounded(.up)))
            let xw1 = linspace(-w1 / 2, w1 / 2, nw), xw2 = linspace(-w2 / 2, w2 / 2, nw)
            let yh1 = linspace(-h1 / 2, h1 / 2, nh), yh2 = linspace(-h2 / 2, h2 / 2, nh)
            for iw in 0..<nw {
                for _ in 0..<nh {
                    add([xw1[iw], xw1[iw + 1], xw2[iw + 1], xw2[iw]], [-h1 / 2, -h1 / 2, -h2 / 2, -h2 / 2], [z1, z1, z2, z2])
                    add([xw1[iw], xw1[iw + 1], xw2[iw + 1], xw2[iw]], [h1 / 2, h1 / 2, h2 / 2, h2 / 2], [z1, z1, z2, z2])
                }
            }
            for _ in 0..<nw {
                for ih in 0..<nh {
                    add([-w1 / 2, -w1 / 2, -w2 / 2, -w2 / 2], [yh1[ih], yh1[ih + 1], yh2[ih + 1], yh2[ih]], [z1, z1, z2, z2])
                    add([w1 / 2, w1 / 2, w2 / 2, w2 / 2], [yh1[ih], yh1[ih + 1], yh2[ih + 1], yh2[ih]], [z1, z1, z2, z2])
                }
            }
        }
        for (w, h, z) in [(ws[0], hs[0], st[0]), (ws[ws.count - 1], hs[hs.count - 1], st[st.count - 1])] {
            let nwE = max(Int((w / dwMax).rounded(.up)), 1), nhE = max(Int((h / dhMax).rounded(.up)), 1)
            let xs = linspace(-w / 2, w / 2, nwE), ys = linspace(-h / 2, h / 2, nhE)
            for iw in 0..<nwE {
                for ih in 0..<nhE {
                    add([xs[iw], xs[iw + 1], xs[iw + 1], xs[iw]], [ys[ih], ys[ih], ys[ih + 1], ys[ih + 1]], [z, z, z, z])
                }
            }
        }
    }
}
