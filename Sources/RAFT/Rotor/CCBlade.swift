#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Lift and drag splines of one blade element (CCBlade `CCAirfoil` with a single Reynolds number; spec 03 §5).
package struct ElementAirfoil: Sendable {
    package var lift: SmoothingSpline
    package var drag: SmoothingSpline

    /// Smooths 200-point cl/cd tables on RAFT's angle grid (cl s = 0.1, cd s = 0.001; spec 03 P1).
    init(cl: [Double], cd: [Double]) throws(SmoothingSpline.FitError) {
        lift = try SmoothingSpline(x: AirfoilPolar.angleGridRad, z: cl, s: 0.1)
        drag = try SmoothingSpline(x: AirfoilPolar.angleGridRad, z: cd, s: 0.001)
    }

    /// The splines of every element, fitted concurrently (the lift and drag fits of all elements are independent
    /// and deterministic, so the results equal a sequential loop's; for each element the lift error is reported
    /// before the drag error, as `init(cl:cd:)` would, and the caller reports the first failing element).
    /// Elements with the same interpolated thickness have the same tables (OC3spar: 20 elements, 15 distinct):
    /// each distinct table is fitted once, and the fits share their least-squares reductions (`LeastSquaresMemo`).
    /// Each thread keeps two fits in flight, their smoothing solves interleaved (`SmoothingSpline.fitBatch`).
    static func fitAll(_ polars: [AirfoilPolar]) -> [Result<ElementAirfoil, SmoothingSpline.FitError>] {
        let n = polars.count
        // Fit 2e: lift of element e (s = 0.1); fit 2e + 1: drag (s = 0.001) — spec 03 P1. `task[k]`: the distinct
        // (table, s) that fit k is.
        var tasks: [(z: [Double], s: Double)] = []
        var task = [Int](repeating: 0, count: 2 * n)
        var taskOf: [FitCache.Key: Int] = [:]
        for k in 0..<(2 * n) {
            let z = k % 2 == 0 ? polars[k / 2].cl : polars[k / 2].cd, s = k % 2 == 0 ? 0.1 : 0.001
            let key = FitCache.Key(x: [], z: z, s: s)  // every table is on AirfoilPolar.angleGridRad
            if let j = taskOf[key] { task[k] = j; continue }
            task[k] = tasks.count
            taskOf[key] = tasks.count
            tasks.append((z, s))
        }
        let out = SmoothingSpline.fitBatch(x: AirfoilPolar.angleGridRad, tables: tasks,
                                           memo: LeastSquaresMemo(x: AirfoilPolar.angleGridRad),
                                           workers: ActiveProcessors.count)
        return (0..<n).map { e -> Result<ElementAirfoil, SmoothingSpline.FitError> in
            switch (out[task[2 * e]], out[task[2 * e + 1]]) {
            case (.failure(let error), _), (.success, .failure(let error)): return .failure(error)
            case (.success(let lift), .success(let drag)): return .success(ElementAirfoil(lift: lift, drag: drag))
            }
        }
    }

    init(lift: SmoothingSpline, drag: SmoothingSpline) { self.lift = lift; self.drag = drag }
}

/// Blade geometry in CCBlade's azimuthal frame (`defineCurvature`, spec 03 §6.1).
struct BladeCurvature: Sendable {
    var xAz: [Double], yAz: [Double], zAz: [Double], cone: [Double], s: [Double]

    init(r: [Double], precurve: [Double], presweep: [Double], precone: Double) {
        let n = r.count
        let sp = sin(precone), cp = cos(precone)
        xAz = (0..<n).map { -r[$0] * sp + precurve[$0] * cp }
        zAz = (0..<n).map { r[$0] * cp + precurve[$0] * sp }
        yAz = presweep
        var cone = [Double](repeating: 0, count: n)
        let x = xAz, z = zAz
        func seg(_ i: Int) -> Double { atan2(-(x[i + 1] - x[i]), z[i + 1] - z[i]) }
        cone[0] = seg(0)
        if n > 2 { for i in 1..<(n - 1) { cone[i] = 0.5 * (seg(i - 1) + seg(i)) } }
        cone[n - 1] = seg(n - 2)
        self.cone = cone
        var s = [Double](repeating: 0, count: n)
        for i in 1..<n {
            let a = precurve[i] - precurve[i - 1], b = presweep[i] - presweep[i - 1], c = r[i] - r[i - 1]
            s[i] = s[i - 1] + (a * a + b * b + c * c).squareRoot()
        }
        self.s = s
    }
}

/// Integrated rotor loads and RAFT's derivatives from one `CCBlade.evaluate` (spec 03 §6.6–6.7).
package struct RotorLoads: Sendable, Equatable {
    /// Thrust T, side force Y, vertical force Z [N]; torque Q, moments My, Mz [N·m]; blade root flap moment Mb [N·m];
    /// power P [W] (hub frame, CCBlade conventions).
    package var thrust = 0.0, sideForce = 0.0, verticalForce = 0.0
    package var torque = 0.0, momentY = 0.0, momentZ = 0.0, bladeMoment = 0.0, power = 0.0
    /// dT/d(Uinf [m/s], Omega [rpm], pitch [deg]) and dQ/d(same) — CCBlade's units.
    package var dThrust = SIMD3<Double>.zero
    package var dTorque = SIMD3<Double>.zero
    /// Power, thrust and torque coefficients (CCBlade `coefficients=True`).
    package var powerCoefficient = 0.0, thrustCoefficient = 0.0, torqueCoefficient = 0.0
}

/// CCBlade (wisdem 3.22.5) blade-element-momentum rotor as RAFT builds it (spec 03 §6).
package struct CCBlade: Sendable {
    /// Element radii r [m], chord [m], twist θ [rad], precurve/presweep [m].
    var r: [Double], chord: [Double], theta: [Double], precurve: [Double], presweep: [Double]
    var airfoils: [ElementAirfoil]
    var hubRadius: Double, tipRadius: Double
    var blades: Int
    var rho: Double, mu: Double
    /// precone, tilt, yaw [rad] (RAFT overwrites tilt and yaw before each evaluation).
    var precone: Double
    package var tilt: Double
    package var yaw: Double
    var shearExp: Double, hubHeight: Double
    var precurveTip: Double, presweepTip: Double
    /// Azimuth sectors, fixed at construction (spec 03 P15).
    package private(set) var sectorCount: Int
    // Geometry that does not change between evaluations.
    var elementCurvature: BladeCurvature
    var fullCurvature: BladeCurvature
    /// Derivative integration weights ½(s_{j+1} − s_{j−1}) times cos(cone_j) and z_az,j for each element.
    var thrustWeights: [Double], torqueWeights: [Double]

    /// - Parameters: angles in degrees as RAFT passes them (precone, tilt, yaw); twist in degrees.
    init(r rIn: [Double], chord: [Double], twistDeg: [Double], airfoils: [ElementAirfoil], hubRadius: Double,
         tipRadius: Double, blades: Int, rho: Double, mu: Double, preconeDeg: Double, tiltDeg: Double, yawDeg: Double,
         shearExp: Double, hubHeight: Double, sectors: Int, precurve pcIn: [Double], precurveTip: Double,
         presweep psIn: [Double], presweepTip: Double) {
        let deg2rad = 0.017453292519943295
        var r = rIn, precurve = pcIn, presweep = psIn
        let n = r.count
        // Unique hub/tip points (CCBlade constructor).
        let rnd = r.map { ($0 - rIn[0]) / (rIn[n - 1] - rIn[0]) }
        let ndHub = min(0.01, (rnd[0] + rnd[1]) / 2)
        let ndTip = max(0.99, (rnd[n - 2] + rnd[n - 1]) / 2)
        if hubRadius == rIn[0] { r[0] = numpyInterp(ndHub, rnd, rIn) }
        if tipRadius == rIn[n - 1] { r[n - 1] = numpyInterp(ndTip, rnd, rIn) }
        if precurveTip == pcIn[n - 1] { precurve[n - 1] = numpyInterp(ndTip, rnd, pcIn) }
        if presweepTip == psIn[n - 1] { presweep[n - 1] = numpyInterp(ndTip, rnd, psIn) }
        self.r = r; self.chord = chord; self.theta = twistDeg.map { $0 * deg2rad }
        self.precurve = precurve; self.presweep = presweep
        self.airfoils = airfoils
        self.hubRadius = hubRadius; self.tipRadius = tipRadius; self.blades = blades
        self.rho = rho; self.mu = mu
        precone = preconeDeg * deg2rad
        tilt = tiltDeg * deg2rad
        yaw = yawDeg * deg2rad
        self.shearExp = shearExp; self.hubHeight = hubHeight
        self.precurveTip = precurveTip; self.presweepTip = presweepTip
        sectorCount = (tilt == 0 && yaw == 0 && shearExp == 0) ? 1 : max(4, sectors)
        elementCurvature = BladeCurvature(r: r, precurve: precurve, presweep: presweep, precone: precone)
        fullCurvature = BladeCurvature(r: [hubRadius] + r + [tipRadius], precurve: [0] + precurve + [precurveTip],
                                       presweep: [0] + presweep + [presweepTip], precone: precone)
        var tw = [Double](repeating: 0, count: n), qw = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let j = i + 1
            let w = 0.5 * (fullCurvature.s[j + 1] - fullCurvature.s[j - 1])
            tw[i] = w * cos(fullCurvature.cone[j])
            qw[i] = w * fullCurvature.zAz[j]
        }
        thrustWeights = tw; torqueWeights = qw
    }

    /// Section loads Np, Tp [N/m] and their derivatives w.r.t. (Vx, Vy, pitch_rad).
    struct SectionResult { var np: Double; var tp: Double; var dNp: SIMD3<Double>; var dTp: SIMD3<Double> }

    @inline(__always)
    func residual(_ phi: Double, _ i: Int, vx: Double, vy: Double, pitch: Double) -> Double {
        let alpha = phi - (theta[i] + pitch)
        let w0 = (vx * vx + vy * vy).squareRoot()
        let re = rho * w0 * chord[i] / mu
        let cl = airfoils[i].lift.value(alpha, re: re), cd = airfoils[i].drag.value(alpha, re: re)
        return BEMSection.inductionFactors(r: r[i], chord: chord[i], hubRadius: hubRadius, tipRadius: tipRadius,
                                           phi: phi, cl: cl, cd: cd, blades: Double(blades), vx: vx, vy: vy).fzero
    }

    func section(_ i: Int, vx: Double, vy: Double, pitch: Double, rotating: Bool) -> SectionResult {
        if vx == 0 || vy == 0 {
            // CCBlade returns zero loads and zero partials here, then forms dNp/dx − (dNp/dφ)/(dR/dφ)·dR/dx with
            // dR/dφ = 0: 0/0 = NaN. So the derivatives are NaN (e.g. the parked, Ω = 0 rotor at azimuth 0 with
            // yaw 0, where Vy = 0 exactly) and RAFT's aero matrices become NaN. Reproduced, not fixed.
            let nan = SIMD3<Double>(repeating: .nan)
            return SectionResult(np: 0, tp: 0, dNp: nan, dTp: nan)
        }
        var phiStar = Double.pi / 2
        if rotating {
            let eps = 1e-6
            var lo = eps, hi = Double.pi / 2
            let f = { (p: Double) in self.residual(p, i, vx: vx, vy: vy, pitch: pitch) }
            // The residuals at the bracket ends are handed to the root finder instead of evaluated again there
            // (the same pure function of the same arguments: the same values, two residuals fewer per section).
            var fLo = f(lo), fHi = f(hi)
            if fLo * fHi > 0 {
                let fQuarter = f(-Double.pi / 4)
                let fEps = fQuarter < 0 ? f(-eps) : .nan
                if fQuarter < 0 && fEps > 0 { lo = -Double.pi / 4; hi = -eps; fLo = fQuarter; fHi = fEps }
                else { lo = Double.pi / 2; hi = Double.pi - eps; fLo = fHi; fHi = f(hi) }
            }
            phiStar = brentRoot(f, lo, hi, fa: fLo, fb: fHi) ?? 0
        }
        // Forward-mode derivatives over (φ, Vx, Vy, pitch) (spec 03 §6.7).
        let phi = rotating ? Dual.seed(phiStar, 0) : Dual(phiStar)
        let dvx = Dual.seed(vx, 1), dvy = Dual.seed(vy, 2), dpitch = Dual.seed(pitch, 3)
        let alpha = phi - (Dual(theta[i]) + dpitch)
        let w0 = (vx * vx + vy * vy).squareRoot()
        let re = rho * w0 * chord[i] / mu
        let af = airfoils[i]
        let cl = Dual(af.lift.value(alpha.value, re: re), af.lift.slope(alpha.value, re: re) * alpha.grad)
        let cd = Dual(af.drag.value(alpha.value, re: re), af.drag.slope(alpha.value, re: re) * alpha.grad)
        var a = Dual(0), ap = Dual(0), resid = Dual(0)
        if rotating {
            (resid, a, ap) = BEMSection.inductionFactors(r: r[i], chord: chord[i], hubRadius: hubRadius,
                                                         tipRadius: tipRadius, phi: phi, cl: cl, cd: cd,
                                                         blades: Double(blades), vx: dvx, vy: dvy)
        }
        let w = BEMSection.relativeSpeed(phi: phi, a: a, ap: ap, vx: dvx, vy: dvy)
        let sphi = Dual.sinBEM(phi), cphi = Dual.cosBEM(phi)
        let cn = cl * cphi + cd * sphi
        let ct = cl * sphi - cd * cphi
        let q = Dual(0.5 * rho) * w * w
        let np = cn * q * Dual(chord[i])
        let tp = ct * q * Dual(chord[i])
        var dNp = SIMD3(np.grad[1], np.grad[2], np.grad[3])
        var dTp = SIMD3(tp.grad[1], tp.grad[2], tp.grad[3])
        if rotating {
            let dR = SIMD3(resid.grad[1], resid.grad[2], resid.grad[3])
            dNp = dNp - np.grad[0] / resid.grad[0] * dR
            dTp = dTp - tp.grad[0] / resid.grad[0] * dR
        }
        if np.value.isNaN { return SectionResult(np: 0, tp: 0, dNp: dNp, dTp: dTp) }
        return SectionResult(np: np.value, tp: tp.value, dNp: dNp, dTp: dTp)
    }

    /// Loads and derivatives at hub-height inflow `windSpeed` [m/s], rotor speed [rpm] and blade pitch [deg]
    /// (CCBlade `evaluate`, one point, `coefficients=True`).
    package func evaluate(windSpeed uinf: Double, rotorSpeedRPM omegaRPM: Double, pitchDeg: Double) -> RotorLoads {
        let n = r.count
        let pitch = pitchDeg * 0.017453292519943295
        let nsec = sectorCount
        let b = Double(blades)
        let omega = omegaRPM * BEMSection.pi / 30.0
        let rotating = omegaRPM != 0
        let sy = sin(yaw), cy = cos(yaw), st = sin(tilt), ct = cos(tilt)
        let ec = elementCurvature, fc = fullCurvature
        var out = RotorLoads()
        let step = 2 * Double.pi / Double(nsec)
        var npFull = [Double](repeating: 0, count: n + 2), tpFull = [Double](repeating: 0, count: n + 2)
        for isec in 0..<nsec {
            let az = Double(isec) * step
            let sa = sin(az), ca = cos(az)
            var dTsub = SIMD3<Double>.zero, dQsub = SIMD3<Double>.zero
            for i in 0..<n {
                let sc = sin(ec.cone[i]), cc = cos(ec.cone[i])
                let h = (ec.yAz[i] * sa + ec.zAz[i] * ca) * ct - ec.xAz[i] * st
                let shear = pow(1 + h / hubHeight, shearExp)
                let v = uinf * shear
                let gx = (cy * st * ca + sy * sa) * sc + cy * ct * cc
                let gy = cy * st * sa - sy * ca
                let vx = v * gx + (-omega * ec.yAz[i] * sc)
                let vy = v * gy + omega * ec.zAz[i]
                let s = section(i, vx: vx, vy: vy, pitch: pitch, rotating: rotating)
                npFull[i + 1] = s.np; tpFull[i + 1] = s.tp
                let dVxdU = shear * gx, dVydU = shear * gy
                let dVxdOm = -(BEMSection.pi / 30.0) * ec.yAz[i] * sc, dVydOm = (BEMSection.pi / 30.0) * ec.zAz[i]
                let dNp = SIMD3(s.dNp.x * dVxdU + s.dNp.y * dVydU, s.dNp.x * dVxdOm + s.dNp.y * dVydOm,
                                s.dNp.z * (Double.pi / 180.0))
                let dTp = SIMD3(s.dTp.x * dVxdU + s.dTp.y * dVydU, s.dTp.x * dVxdOm + s.dTp.y * dVydOm,
                                s.dTp.z * (Double.pi / 180.0))
                dTsub += thrustWeights[i] * dNp
                dQsub += torqueWeights[i] * dTp
            }
            // thrustTorque: trapezoidal integration over the full arrays
            var tsub = 0.0, qsub = 0.0, msub = 0.0, vf = 0.0, sf = 0.0
            for j in 0...n {
                let ds = fc.s[j + 1] - fc.s[j]
                tsub += 0.5 * (npFull[j] * cos(fc.cone[j]) + npFull[j + 1] * cos(fc.cone[j + 1])) * ds
                qsub += 0.5 * (tpFull[j] * fc.zAz[j] + tpFull[j + 1] * fc.zAz[j + 1]) * ds
                msub += 0.5 * (npFull[j] * fc.zAz[j] + npFull[j + 1] * fc.zAz[j + 1]) * ds
                vf += 0.5 * (npFull[j] * sin(fc.cone[j]) + npFull[j + 1] * sin(fc.cone[j + 1])) * ds
                sf += 0.5 * (tpFull[j] + tpFull[j + 1]) * ds
            }
            let nsecD = Double(nsec)
            out.thrust += b * tsub / nsecD
            out.sideForce += b * (sf * ca - vf * sa) / nsecD
            out.verticalForce += b * (vf * ca + sf * sa) / nsecD
            out.torque += b * qsub / nsecD
            out.momentY += b * msub * ca / nsecD
            out.momentZ += b * msub * sa / nsecD
            out.bladeMoment += msub / nsecD
            out.dThrust += b * dTsub / nsecD
            out.dTorque += b * dQsub / nsecD
        }
        out.power = out.torque * omegaRPM * Double.pi / 30.0
        let q = 0.5 * rho * uinf * uinf
        let rotorR = tipRadius * cos(precone)
        let area = Double.pi * rotorR * rotorR
        out.powerCoefficient = out.power / (q * area * uinf)
        out.thrustCoefficient = out.thrust / (q * area)
        out.torqueCoefficient = out.torque / (q * rotorR * area)
        return out
    }
}
