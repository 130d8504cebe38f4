#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Which part of the FOWT a member belongs to (RAFT `part_of`).
package enum MemberPart: String, Sendable, Equatable {
    case platform, tower, nacelle
}

/// A member's geometry, strip discretisation and current pose (RAFT `raft_member.Member`, spec 02 §1–§3).
///
/// Member-level API (all about the member's first node unless a reference is given): `inertia` (`getInertia`),
/// `weight` (`getWeight`), `hydrostatics` (`getHydrostatics`), `addedMass` (`calcHydroConstants`),
/// `stripNodes` (per-node strip coefficients), beams: `beamInertia`, `beamWeight`, `beamHydrostatics`,
/// `beamAddedMass`, `beamStiffness`, `beamMassMatrix`. FOWT-level aggregation: `FOWTMembers`, `FOWTStatics`,
/// `StripHydrodynamics`, `SlenderBodyQTF`, `FOWTMemberModel`.
///
/// Lengths are in metres (stations scaled onto the member axis A→B). Built once from a `MemberInput`
/// and a heading; `setPosition` places it for a given pose of its first node.
package struct Member: Sendable {
    package var name: String
    package var type: MemberType
    package var shape: MemberShape
    package var part: MemberPart
    /// Heading applied to this copy [deg] (0 for towers/nacelles).
    package var headingDeg: Double
    /// End positions after the heading rotation, platform frame relative to the PRP (`rA0`, `rB0`) [m].
    package var rA0: Vec3
    package var rB0: Vec3
    /// Member length `l` [m].
    package var length: Double
    /// Twist `gamma` [deg] (0 for circular members; vertical members get `+= heading`).
    package var gammaDeg: Double
    /// Station positions along the axis from end A [m].
    package var stations: [Double]
    /// Station diameters (both lanes) or side pairs [m]; `t` [m]; `rho_shell` [kg/m³].
    package var sizes: [SIMD2<Double>]
    package var thickness: [Double]
    package var rhoShell: Double
    /// Fill height per section [m] and fill density per section [kg/m³].
    package var fillLength: [Double]
    package var rhoFill: [Double]
    /// Cap positions along the axis [m], thicknesses [m], hole sizes [m].
    package var capStations: [Double]
    package var capThickness: [Double]
    package var capInnerSize: [SIMD2<Double>]
    /// Per-station hydrodynamic coefficients (`Cd_p1`, `Cd_p2`, `Cd_End`, `Cd_q`, `Ca_p1`, `Ca_p2`, `Ca_End`).
    package var cdP1: [Double], cdP2: [Double], cdEnd: [Double], cdAxial: [Double]
    package var caP1: [Double], caP2: [Double], caEnd: [Double]
    /// `potMod`: potential-flow member (no strip added mass / inertial excitation).
    package var potMod: Bool
    /// `MCF`: MacCamy–Fuchs correction of the side inertia coefficient.
    package var mcf: Bool
    /// Maximum strip length `dlsMax` [m].
    package var dlsMax: Double

    // Strip discretisation (spec 02 §2)
    /// Node positions along the axis `ls` [m].
    package var ls: [Double]
    /// Strip lengths `dls` [m] (0 at end nodes and flat transitions).
    package var dls: [Double]
    /// Half-size-at-ends strip sizes `ds` and size changes `drs` [m] (pairs for rectangles).
    package var ds: [SIMD2<Double>]
    package var drs: [SIMD2<Double>]
    package var nodeCount: Int { ls.count }
    /// Outer / inner sizes at the strip nodes (`dorsl_node_ext`, `dorsl_node_int`), used by beam elements [m].
    package var nodeOuterSize: [SIMD2<Double>]
    package var nodeInnerSize: [SIMD2<Double>]
    /// Young's and shear moduli (beams) [Pa].
    package var youngsModulus: Double
    package var shearModulus: Double

    // Pose (set by `setPosition`)
    /// Current end A (first structural node) and end B [m].
    package var rA: Vec3
    package var rB: Vec3
    /// Axis unit vector `q` and transverse unit vectors `p1`, `p2`; orientation `R` (columns p1, ·, q).
    package var q: Vec3
    package var p1: Vec3
    package var p2: Vec3
    package var R: Matrix3
    /// Strip node positions `r` [m].
    package var r: [Vec3]

    /// Build a member copy at `headingDeg` (spec 02 §1).
    /// - Parameters:
    ///   - input: the member map (`dlsMax` nil → 5 m).
    ///   - headingDeg: heading of this copy [deg] (platform heading + heading_adjust; 0 for towers/nacelles).
    package init(_ input: MemberInput, headingDeg: Double = 0, part: MemberPart = .platform) {
        name = input.name
        type = input.type
        shape = input.shape
        self.part = part
        self.headingDeg = headingDeg
        var a = input.rA, b = input.rB
        let rAB = b - a
        let len = norm(rAB)
        length = len
        gammaDeg = input.gammaDeg
        if headingDeg != 0 {
            let c = cos(headingDeg * (Double.pi / 180)), s = sin(headingDeg * (Double.pi / 180))
            func rot(_ p: Vec3) -> Vec3 { Vec3(c * p.x + (-s) * p.y, s * p.x + c * p.y, p.z) }
            a = rot(a); b = rot(b)
            if rAB.x == 0 && rAB.y == 0 { gammaDeg += headingDeg }  // vertical member: heading is a twist (PF25)
        }
        rA0 = a; rB0 = b
        let st = input.stations
        let span = st[st.count - 1] - st[0]
        stations = st.map { ($0 - st[0]) / span * len }
        if shape == .circular { gammaDeg = 0 }
        sizes = input.sizes
        thickness = input.thickness
        rhoShell = input.rhoShell
        fillLength = input.fillLength.map { $0 / span * len }
        rhoFill = input.rhoFill
        capStations = input.capStations.map { ($0 - st[0]) / span * len }
        capThickness = input.capThickness
        capInnerSize = input.capInnerSize
        cdP1 = input.cdP1; cdP2 = input.cdP2; cdEnd = input.cdEnd; cdAxial = input.cdAxial
        caP1 = input.caP1; caP2 = input.caP2; caEnd = input.caEnd
        potMod = input.potMod ?? false
        mcf = input.mcf
        dlsMax = input.dlsMax ?? 5

        youngsModulus = input.youngsModulus ?? 0
        shearModulus = input.shearModulus ?? 0
        // strips (spec 02 §2)
        let d = sizes
        let tk = thickness
        let circular = input.shape == .circular
        // inner sizes clamped at 0; rectangles pair t with the two SIDES when n == 2 (numpy broadcast, PF13)
        let di: [SIMD2<Double>] = (0..<d.count).map { j in
            circular ? SIMD2(repeating: max(0, d[j].x - 2 * tk[j]))
                : SIMD2(max(0, d[j].x - 2 * tk[0]), max(0, d[j].y - 2 * tk[min(1, tk.count - 1)]))
        }
        var ext = [d[0]], int = [di[0]]
        var ls = [0.0], dls = [0.0], ds = [0.5 * d[0]], drs = [0.5 * d[0]]
        for i in 1..<stations.count {
            let lstrip = stations[i] - stations[i - 1]
            if lstrip > 0 {
                let ns = Int((lstrip / dlsMax).rounded(.up))
                let dl = lstrip / Double(ns)
                let m = 0.5 * (d[i] - d[i - 1]) / lstrip
                let mi = 0.5 * (di[i] - di[i - 1]) / lstrip
                for j in 0..<ns {
                    let f = 0.5 + Double(j)
                    ls.append(stations[i - 1] + dl * f)
                    dls.append(dl)
                    ds.append(d[i - 1] + dl * 2 * m * f)
                    drs.append(dl * m)
                    ext.append(d[i - 1] + dl * 2 * m * f)
                    int.append(di[i - 1] + dl * 2 * mi * f)
                }
            } else if lstrip == 0 {
                ls.append(stations[i - 1])
                dls.append(0)
                ds.append(0.5 * (d[i - 1] + d[i]))
                drs.append(0.5 * (d[i] - d[i - 1]))
                ext.append(d[i - 1])
                int.append(di[i - 1])
            }
        }
        ls.append(stations[stations.count - 1])
        dls.append(0)
        ds.append(0.5 * d[d.count - 1])
        drs.append(-0.5 * d[d.count - 1])
        ext.append(d[d.count - 1])
        int.append(di[di.count - 1])
        self.ls = ls; self.dls = dls; self.ds = ds; self.drs = drs
        nodeOuterSize = ext; nodeInnerSize = int

        rA = a; rB = b
        q = rAB / length
        p1 = .zero; p2 = .zero; R = .identity
        r = ls.map { a + ($0 / (norm(rAB))) * (b - a) }
        setPosition()
    }

    /// Place the member for a pose of its first node (RAFT `Member.setPosition`, spec 02 §3).
    /// - Parameters:
    ///   - node: position of the first structural node [m]; nil = `rA0` (reference pose).
    ///   - rotation: (roll, pitch, yaw) of that node [rad].
    package mutating func setPosition(node: Vec3? = nil, rotation: Vec3 = .zero) {
        let rAB = rB0 - rA0
        let q0 = rAB / norm(rAB)
        let beta = atan2(q0.y, q0.x)
        let phi = atan2((q0.x * q0.x + q0.y * q0.y).squareRoot(), q0.z)
        let s1 = sin(beta), c1 = cos(beta), s2 = sin(phi), c2 = cos(phi)
        let g = gammaDeg * (Double.pi / 180)
        let s3 = sin(g), c3 = cos(g)
        let r0 = Matrix3(Vec3(c1 * c2 * c3 - s1 * s3, -c3 * s1 - c1 * c2 * s3, c1 * s2),
                         Vec3(c1 * s3 + c2 * c3 * s1, c1 * c3 - c2 * s1 * s3, s1 * s2),
                         Vec3(-c3 * s2, s2 * s3, c2))
        let p10 = r0 * Vec3(1, 0, 0)
        let p20 = cross(q0, p10)
        rA = node ?? rA0
        let rp = rotationMatrix(roll: rotation.x, pitch: rotation.y, yaw: rotation.z)
        R = rp * r0
        q = rp * q0
        p1 = rp * p10
        p2 = rp * p20
        let l = length
        if type == .beam && node == nil && rotation == .zero {
            // beam nodes at their construction positions (RAFT places each structural node itself)
            let a0 = rA0, b0 = rB0
            r = ls.map { a0 + ($0 / l) * (b0 - a0) }
            rB = r[r.count - 1]
            return
        }
        rB = rA + l * q
        let a = rA, b = rB
        r = ls.map { a + ($0 / l) * (b - a) }
    }

    /// `numpy.interp` of a per-station coefficient at strip node i.
    @inlinable func coefficient(_ values: [Double], at i: Int) -> Double { numpyInterp(ls[i], stations, values) }
}
