#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// One quasi-static mooring line (MoorPy `Line`) with its latest solution and warm-start values.
package struct MooringLine: Sendable {
    /// MoorPy line number (1-based).
    package var number: Int
    package var lineType: LineType
    /// Unstretched length `L` [m].
    package var length: Double
    /// `nNodes − 1` (used only for profiles and the lumped-mass model).
    package var segments: Int
    /// End positions `rA`, `rB` [m] (global).
    package var endA = Vec3.zero, endB = Vec3.zero

    // --- results of the last `staticSolve` ---
    /// `fA`, `fB`: forces ON the line ends [N] (global axes).
    package var forceA = Vec3.zero, forceB = Vec3.zero
    /// `TA`, `TB` = |fA|, |fB| [N].
    package var tensionA = 0.0, tensionB = 0.0
    /// `KA`, `KB`, `KBA` 3×3 end stiffness matrices [N/m] (global axes).
    package var stiffnessA = Matrix3.zero, stiffnessB = Matrix3.zero, stiffnessBA = Matrix3.zero
    /// `LBot` [m], `z_extreme` [m], and the catenary profile type.
    package var lengthOnSeabed = 0.0, zExtreme = 0.0
    package var profile = CatenaryProfile.suspended
    /// Warm start `HF`, `VF` [N]: the solved variables of the last catenary call (spec 04 §3, pitfall 3).
    package var warmStart = LineWarmStart()
    /// Profile nodes (`Xs, Ys, Zs` [m], global) and node tensions `Ts` [N] of the last solve with
    /// `profiles: true` (`nNodes = segments + 1`).
    package var nodePositions: [Vec3] = []
    package var nodeTensions: [Double] = []
    /// Lumped-mass matrices of the line ends (`Ml, Al, Bl, Kl`, 6×6 row-major, end A then end B), set by
    /// `MooringSystem.updateLumpedMass`.
    package var lumped: LumpedEndMatrices?
    /// The last Guyan reduction of this line's lumped K, kept with its exact inputs (`LumpedStiffnessMemo`).
    var lumpedStiffnessMemo: LumpedStiffnessMemo?
    /// The end matrices of this line's last statics-kind `updateLumpedMass` with its exact inputs (`LumpedStaticsMemo`).
    var lumpedStaticsMemo: LumpedStaticsMemo?
    /// What the last lumped-mass dynamic solve of this line can hand to the next (`LumpedDynamicsMemo`).
    var lumpedDynamicsMemo: LumpedDynamicsMemo?
    /// `fCurrent`: total current drag on the line from its last solve with current [N] (applied next time).
    package var currentForce = Vec3.zero
    /// For a composite line (MoorPy `Subsystem`, see `MooringSystem.convertCompositeLines`): its lines and
    /// interior points, with the two ends as coupled points.
    package var subsystem: MooringSystem?
    /// Composite lines: MoorPy `Subsystem.span`, the horizontal end distance at conversion [m] (end A sits at
    /// x = −span in the local frame).
    package var compositeSpan = 0.0

    package init(number: Int, lineType: LineType, length: Double, segments: Int) {
        self.number = number; self.lineType = lineType; self.length = length; self.segments = segments
    }

    /// MoorPy `Line.staticSolve(tol)` on a flat seabed (spec 04 §3), with the lagged steady-current drag of
    /// spec 04 §11 when `current` is given (MoorPy `currentMod == 1`).
    ///
    /// - Parameters: `depth` [m], `rho` [kg/m³], `g` [m/s²], `tolerance` = catenary `Tol` [m],
    ///   `current`: uniform current velocity [m/s] or nil (currentMod 0).
    package mutating func staticSolve(depth: Double, rho: Double, g: Double, tolerance: Double,
                                     profiles: Bool = false, current: Vec3? = nil) throws(MooringError) {
        if var sub = subsystem {
            subsystem = nil  // avoid copying the subsystem's storage while it is solved
            defer { subsystem = sub }
            try compositeSolve(&sub, tolerance: tolerance)
            return
        }
        if warmStart.hf < 0 { warmStart.hf = 0 }
        var cb: Double
        if endA.z < -depth {
            endA.z = -depth; cb = 0  // end A buried: put it on the seabed
        } else if endB.z < -depth {
            throw .line(index: number - 1, message: "end B is lower than the seabed")
        } else {
            cb = -depth - endA.z
        }
        let m = lineType.massDensity
        var w = lineType.wetWeight(rho: rho, g: g)
        if endA.z > 0 || endB.z > 0 {
            // part of the line above water: blend wet and dry weight by the end heights (as coded in MoorPy)
            let ww = w, wa = m * g
            let zTop = max(endA.z, endB.z), zBot = min(endA.z, endB.z)
            w = ww + (wa - ww) * (-min(0, zBot)) / (zTop - zBot)
        }
        var dr = endB - endA
        // Current drag of the previous solve as an extra uniform load: rotate the problem so that the total
        // load per length points down (spec 04 §11).
        var rCurrent = Matrix3.identity
        var wTotal = w
        let hasCurrentForce = abs(currentForce.x) + abs(currentForce.y) + abs(currentForce.z) > 0
        if hasCurrentForce {
            let wVec = currentForce / length + Vec3(0, 0, -w)
            wTotal = norm(wVec)
            let wHat = wVec / wTotal
            if wHat.x == 0 && wHat.y == 0 {
                rCurrent = wHat.z < 0 ? .identity : (-1.0) * Matrix3.identity
            } else {
                rCurrent = MooringLine.rotation(from: wHat, to: Vec3(0, 0, -1))
            }
            dr = rCurrent * dr
        }
        let lh = (dr.x * dr.x + dr.y * dr.y).squareRoot()
        let lv = dr.z
        let rot = rotationMatrix(roll: 0, pitch: 0, yaw: -atan2(dr.y, dr.x)) * rCurrent  // global → line plane
        if !(endA.z <= -depth || endB.z <= -depth) && hasCurrentForce {
            cb = min(0, dr.z) - 100  // seabed put out of reach (MoorPy model limitation)
        }
        // Flat seabed: slope 0; friction never used (cb ≤ 0 is a height, spec 04 pitfall 2).
        let s: CatenarySolution
        do {
            s = try Catenary.solve(xf: lh, zf: lv, length: length, ea: lineType.stiffness, w: wTotal, cb: cb, alphaDeg: 0,
                                   hf0: warmStart.hf, vf0: warmStart.vf, tolerance: tolerance, depth: depth,
                                   nodeCount: profiles || current != nil ? segments + 1 : 0)
        } catch {
            if case .catenary(let msg) = error { throw .line(index: number - 1, message: msg) }
            throw error
        }
        warmStart = LineWarmStart(hf: s.hf, vf: s.vf)
        lengthOnSeabed = s.lBot
        zExtreme = endA.z + s.zExtreme
        profile = s.profile
        let rt = rot.transposed
        if let nodes = s.nodes {
            nodePositions = (0 ..< nodes.x.count).map { endA + rt * Vec3(nodes.x[$0], 0, nodes.z[$0]) }
            nodeTensions = nodes.tension
        }
        forceA = rt * Vec3(s.fxA, 0, s.fzA)
        forceB = rt * Vec3(s.fxB, 0, s.fzB)
        tensionA = norm(forceA)
        tensionB = norm(forceB)
        // transverse (out-of-plane) stiffness
        let kt = lh < 0.01 * abs(lv) ? 0.5 * (s.fzA - s.fzB) / lv : -s.fxB / lh
        stiffnessA = MooringLine.planarTo3D(s.stiffnessA, kt, rot, rt)
        stiffnessB = MooringLine.planarTo3D(s.stiffnessB, kt, rot, rt)
        stiffnessBA = MooringLine.planarTo3D(s.stiffnessBA, -kt, rot, rt)
        // Current drag on the segments, used in the NEXT solve (lagged, as in MoorPy).
        if let u = current {
            var f = Vec3.zero
            for i in 0 ..< max(nodePositions.count - 1, 0) {
                let dSeg = nodePositions[i + 1] - nodePositions[i]
                let ds = norm(dSeg)
                if ds > 0 {
                    let q = dSeg / ds
                    let uq = dot(u, q) * q, up = u - uq
                    f += (0.5 * rho * lineType.transverseDrag * lineType.diameter * ds * norm(up)) * up
                    f += (0.5 * rho * lineType.tangentialDrag * Double.pi * lineType.diameter * ds * norm(uq)) * uq
                }
            }
            currentForce = f
        } else {
            currentForce = .zero
        }
    }

    /// MoorPy `RotFrm2Vect(A, B)`: Rodrigues rotation taking unit vector A onto B.
    static func rotation(from a: Vec3, to b: Vec3) -> Matrix3 {
        let v = cross(a, b)
        let ssc = Matrix3(Vec3(0, -v.z, v.y), Vec3(v.z, 0, -v.x), Vec3(-v.y, v.x, 0))
        let vv = norm(v) * norm(v)
        return Matrix3.identity + ssc + ((1 - dot(a, b)) / vv) * (ssc * ssc)
    }

    /// MoorPy `from2Dto3Drotated`: Rᵀ·[[k00, 0, k01], [0, kt, 0], [k10, 0, k11]]·R.
    @inline(__always)
    static func planarTo3D(_ k: PlanarStiffness, _ kt: Double, _ rot: Matrix3, _ rt: Matrix3) -> Matrix3 {
        let k3 = Matrix3(Vec3(k.xx, 0, k.xz), Vec3(0, kt, 0), Vec3(k.zx, 0, k.zz))
        return (rt * k3) * rot
    }
}

/// A line's warm start: MoorPy `Line.HF`, `Line.VF` [N] (0 = fresh guess next time).
package struct LineWarmStart: Sendable, Equatable {
    package var hf = 0.0, vf = 0.0
    package init(hf: Double = 0, vf: Double = 0) { self.hf = hf; self.vf = vf }
}

/// The end-reduced lumped stiffness of a line (`lump_matrix(K)`, a dense 3N×3N solve) with everything it was computed
/// from: the K blocks, the node heights and the depth (which decide the seabed nodes dropped). Within a case the drag
/// iterations re-solve each line at the same mean position, so the same K comes back every time; `reduced(...)`
/// hands back the stored result only when every input bit is equal, which makes it the result the solve would give.
struct LumpedStiffnessMemo: Sendable {
    let k: [Double], kBelow: [Double], kAbove: [Double], heights: [Double], depth: Double
    let reduced: [Double]

    /// The stored reduction if `blocks`, `heights` and `depth` are bit for bit the stored inputs, else nil.
    func reduced(_ blocks: LumpedMassLine.Blocks, heights: [Double], depth: Double) -> [Double]? {
        func same(_ a: [Double], _ b: [Double]) -> Bool { DoubleScan.sameBits(a, b) }
        guard depth.bitPattern == self.depth.bitPattern, same(heights, self.heights), same(blocks.k, k),
              same(blocks.kBelow, kBelow), same(blocks.kAbove, kAbove) else { return nil }
        return reduced
    }
}

/// The end-reduced matrices of a statics-kind `updateLumpedMass` call (no end motions, no current on the lines) with
/// everything they were computed from: the line model re-solved with profiles and the frequencies and spectrum.
/// RAFT's statics updates the lumped matrices at every pose of `setPosition` and again in the Newton step at the same
/// pose (`stepMooringStiffness`), where the line's re-solve gives the same model bit for bit: M, A, B and K (`blocks`),
/// and so their reductions, are functions of exactly these inputs, so the kept matrices are the ones the call would
/// form. (VolturnUS-S-moorMod2: 51 of 84 statics calls; each skips the ω = 0 `blocks`, three block-diagonal
/// reductions and the K memo's comparison.)
struct LumpedStaticsMemo: Sendable {
    let model: LumpedMassLine, omegas: [Double], spectrum: [Double]
    let lumped: LumpedEndMatrices

    /// The kept matrices if `model`, `omegas` and `spectrum` are bit for bit the kept inputs, else nil.
    func matching(_ model: LumpedMassLine, omegas: [Double], spectrum: [Double]) -> LumpedEndMatrices? {
        guard DoubleScan.sameBits(omegas, self.omegas), DoubleScan.sameBits(spectrum, self.spectrum),
              LumpedDynamicsMemo.same(model, self.model) else { return nil }
        return lumped
    }
}

/// Lumped-mass matrices of a line reduced onto its two end nodes (MoorPy `Line.Ml, Al, Bl, Kl`), 6×6 row-major
/// [end A xyz, end B xyz]: mass [kg], added mass [kg], damping [N·s/m], stiffness [N/m].
package struct LumpedEndMatrices: Sendable, Equatable {
    package var mass: [Double], addedMass: [Double], damping: [Double], stiffness: [Double]
}
