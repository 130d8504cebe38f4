#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import Numerics

// Geometry helpers of RAFT's helpers.py used by members (spec 02 §4). Operation order follows RAFT's
// expressions so results agree to the last bits where the references are sensitive (PF2).

/// `numpy.interp(x, xp, fp)` for non-decreasing `xp` (duplicates allowed: the upper duplicate wins, spec 02 §4.6).
@inlinable func numpyInterp(_ x: Double, _ xp: [Double], _ fp: [Double]) -> Double {
    let n = xp.count
    if n == 0 { return 0 }
    if x < xp[0] { return fp[0] }
    if x > xp[n - 1] { return fp[n - 1] }
    if x == xp[n - 1] { return fp[n - 1] }
    // last j with xp[j] <= x
    var j = 0
    for i in 0..<n where xp[i] <= x { j = i }
    if j >= n - 1 { return fp[n - 1] }
    if xp[j] == x { return fp[j] }
    let slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
    return slope * (x - xp[j]) + fp[j]
}

/// `numpy.interp` for side-length pairs (each lane separately).
@inlinable func numpyInterp(_ x: Double, _ xp: [Double], _ fp: [SIMD2<Double>]) -> SIMD2<Double> {
    SIMD2(numpyInterp(x, xp, fp.map { $0.x }), numpyInterp(x, xp, fp.map { $0.y }))
}

/// RAFT `intrp(x, xA, xB, yA, yB)` = yA + (x − xA)(yB − yA)/(xB − xA).
@inlinable func linearInterp(_ x: Double, _ xA: Double, _ xB: Double, _ yA: Double, _ yB: Double) -> Double {
    yA + (x - xA) * (yB - yA) / (xB - xA)
}

/// RAFT `FrustumVCV` for a circular frustum with end diameters dA, dB and height h → (V [m³], hc [m] from end A).
func frustumVCV(circular dA: Double, _ dB: Double, _ h: Double) -> (volume: Double, center: Double) {
    if dA == 0 && dB == 0 { return (0, 0) }
    let a1 = (Double.pi / 4) * (dA * dA)
    let a2 = (Double.pi / 4) * (dB * dB)
    let am = (Double.pi / 4) * dA * dB
    let v = (a1 + a2 + am) * h / 3
    let hc = ((a1 + 2 * am + 3 * a2) / (a1 + am + a2)) * h / 4
    return (v, hc)
}

/// RAFT `FrustumVCV` for a rectangular frustum with side pairs sA, sB and height h.
func frustumVCV(rectangular sA: SIMD2<Double>, _ sB: SIMD2<Double>, _ h: Double) -> (volume: Double, center: Double) {
    if sA.x + sA.y == 0 && sB.x + sB.y == 0 { return (0, 0) }
    let a1 = sA.x * sA.y
    let a2 = sB.x * sB.y
    let am = (a1 * a2).squareRoot()
    let v = (a1 + a2 + am) * h / 3
    let hc = ((a1 + 2 * am + 3 * a2) / (a1 + am + a2)) * h / 4
    return (v, hc)
}

/// RAFT `FrustumVCV` dispatching on the shape (circular uses lane x).
func frustumVCV(_ shape: MemberShape, _ a: SIMD2<Double>, _ b: SIMD2<Double>, _ h: Double) -> (volume: Double, center: Double) {
    shape == .circular ? frustumVCV(circular: a.x, b.x, h) : frustumVCV(rectangular: a, b, h)
}

/// RAFT `FrustumMOI(dA, dB, H, ρ)` → (I_rad about end A perpendicular to the axis, I_ax) [kg·m²].
///
/// Exact-equality cylinder test and libm `pow(x, 5)` kept on purpose (spec 02 PF2).
func frustumMOI(_ dA: Double, _ dB: Double, _ h: Double, _ rho: Double) -> (radial: Double, axial: Double) {
    if h == 0 { return (0, 0) }
    let r1 = dA / 2, r2 = dB / 2
    if dA == dB {
        let iRad = (1.0 / 12) * (rho * h * Double.pi * (r1 * r1)) * (3 * (r1 * r1) + 4 * (h * h))
        let iAx = (1.0 / 2) * rho * Double.pi * h * pow(r1, 4.0)
        return (iRad, iAx)
    }
    let p5 = pow(r2, 5.0) - pow(r1, 5.0)
    let iRad = (1.0 / 20) * rho * Double.pi * h * p5 / (r2 - r1)
        + (1.0 / 30) * rho * Double.pi * pow(h, 3.0) * ((r1 * r1) + 3 * r1 * r2 + 6 * (r2 * r2))
    let iAx = (1.0 / 10) * rho * Double.pi * h * p5 / (r2 - r1)
    return (iRad, iAx)
}

/// RAFT `RectangularFrustumMOI(La, Wa, Lb, Wb, H, ρ)` → (Ixx, Iyy, Izz) about end A [kg·m²].
func rectangularFrustumMOI(_ la: Double, _ wa: Double, _ lb: Double, _ wb: Double, _ h: Double, _ rho: Double)
    -> (xx: Double, yy: Double, zz: Double)
{
    if h == 0 { return (0, 0, 0) }
    let x2: Double, y2: Double, z2: Double
    if la == lb && wa == wb {
        let m = rho * la * wa * h
        return ((1.0 / 12) * m * (wa * wa + 4 * (h * h)), (1.0 / 12) * m * (la * la + 4 * (h * h)), (1.0 / 12) * m * (la * la + wa * wa))
    } else if la != lb && wa != wb {
        let dl = lb - la, dw = wb - wa
        x2 = (1.0 / 12) * rho * (pow(dl, 3.0) * h * (wb / 5 + wa / 20) + (dl * dl) * la * h * (3 * wb / 4 + wa / 4)
            + dl * (la * la) * h * (wb + wa / 2) + pow(la, 3.0) * h * (wb / 2 + wa / 2))
        y2 = (1.0 / 12) * rho * (pow(dw, 3.0) * h * (lb / 5 + la / 20) + (dw * dw) * wa * h * (3 * lb / 4 + la / 4)
            + dw * (wa * wa) * h * (lb + la / 2) + pow(wa, 3.0) * h * (lb / 2 + la / 2))
        z2 = rho * (wb * lb / 5 + wa * lb / 20 + la * wb / 20 + wa * la * (1.0 / 30)) * pow(h, 3.0)
    } else if la == lb {
        let l = la
        x2 = (1.0 / 24) * rho * pow(l, 3.0) * h * (wb + wa)
        y2 = (1.0 / 48) * rho * l * h * (pow(wb, 3.0) + wa * (wb * wb) + (wa * wa) * wb + pow(wa, 3.0))
        z2 = (1.0 / 12) * rho * l * pow(h, 3.0) * (3 * wb + wa)
    } else {
        let w = wa
        x2 = (1.0 / 48) * rho * w * h * (pow(lb, 3.0) + la * (lb * lb) + (la * la) * lb + pow(la, 3.0))
        y2 = (1.0 / 24) * rho * pow(w, 3.0) * h * (lb + la)
        z2 = (1.0 / 12) * rho * w * pow(h, 3.0) * (3 * lb + la)
    }
    return (y2 + z2, x2 + z2, x2 + y2)
}

/// RAFT `getWeightOfPointMass(m, d, g)`: weight vector about the reference and its gravity stiffness.
func weightOfPointMass(_ mass: Double, offset d: Vec3, g: Double) -> (force: [Double], stiffness: Matrix6) {
    let w = translateForce3to6DOF(Vec3(0, 0, -mass * g), d)
    var c = Matrix6()
    c[3, 3] = -mass * g * d.z
    c[4, 4] = -mass * g * d.z
    return (w, c)
}

/// Rigid-link reduction `Tᵀ·M·T` of a 6×6 quantity about a node at offset `d` from the reference point,
/// with `T = [[I, H(d)], [0, I]]` (node translation = t + θ × d). Same as `translateMatrix6to6DOF` except that
/// the lower-left block is `Hᵀ·M11 + M21` (exact congruence, as RAFT's FOWT reduction does).
func rigidTransfer(_ m: Matrix6, _ d: Vec3) -> Matrix6 {
    let h = Matrix3.skew(d)
    let ht = h.transposed
    let a = m.block(0, 0), b = m.block(0, 1), c = m.block(1, 0), e = m.block(1, 1)
    var out = Matrix6()
    out.setBlock(0, 0, a)
    out.setBlock(0, 1, a * h + b)
    out.setBlock(1, 0, ht * a + c)
    out.setBlock(1, 1, ht * a * h + ht * b + c * h + e)
    return out
}

/// Rigid-link reduction `Tᵀ·f` of a 6-vector force at a node at offset `d`: [F, M + d × F].
func rigidTransfer(_ f: [Double], _ d: Vec3) -> [Double] {
    let m = cross(d, Vec3(f[0], f[1], f[2]))
    return [f[0], f[1], f[2], f[3] + m.x, f[4] + m.y, f[5] + m.z]
}

/// RAFT `getKinematics(r, Xi, w)` at one frequency: displacement `Xi_t + Xi_r × r`, velocity `iω·dr` and
/// acceleration `iω·v` of a point at offset `r` from the reference of the 6-DOF motion `xi` [m, rad].
func rigidPointMotion(_ xi: [Complex], at r: Vec3, omega w: Double) -> (displacement: [Complex], velocity: [Complex], acceleration: [Complex]) {
    let th = (xi[3], xi[4], xi[5])
    let dr = [xi[0] + (th.1 * Complex(r.z, 0) - th.2 * Complex(r.y, 0)),
              xi[1] + (th.2 * Complex(r.x, 0) - th.0 * Complex(r.z, 0)),
              xi[2] + (th.0 * Complex(r.y, 0) - th.1 * Complex(r.x, 0))]
    let iw = Complex(0, w)
    let v = dr.map { iw * $0 }
    return (dr, v, v.map { iw * $0 })
}

