#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import ComplexModule

/// Inflow conditions of one load case as the rotor reads them (spec 03 §2, "Case keys read by the rotor").
package struct RotorCase: Sendable {
    /// `wind_speed` [m/s] (default 10), `wind_heading` [deg] (0), `turbulence` (0), `turbine_heading` [deg] (0),
    /// `turbine_status` ("operating").
    package var windSpeed: Double = 10
    package var windHeadingDeg: Double = 0
    package var turbulence: Turbulence = .intensity(0)
    package var turbineHeadingDeg: Double = 0
    package var turbineStatus: String = "operating"

    package init(windSpeed: Double = 10, windHeadingDeg: Double = 0, turbulence: Turbulence = .intensity(0),
                turbineHeadingDeg: Double = 0, turbineStatus: String = "operating") {
        self.windSpeed = windSpeed; self.windHeadingDeg = windHeadingDeg; self.turbulence = turbulence
        self.turbineHeadingDeg = turbineHeadingDeg; self.turbineStatus = turbineStatus
    }

    /// From a row of the design's `cases` table.
    package init(_ c: LoadCase) {
        self.init(windSpeed: c.windSpeed, windHeadingDeg: c.windHeadingDeg, turbulence: c.turbulence,
                  turbineHeadingDeg: c.turbineHeadingDeg, turbineStatus: c.turbineStatus)
    }

    package var isOperating: Bool { turbineStatus == "operating" }
}

/// Steady operating point and control quantities of the last `calcAero` (RAFT `U_case`, `Omega_case`, …).
package struct OperatingPoint: Sendable {
    /// `U_case`: inflow speed × speed_gain [m/s]; `Omega_case` [rpm]; `pitch_case` [deg].
    package var windSpeed: Double, rotorSpeedRPM: Double, pitchDeg: Double
    /// CCBlade loads and derivatives at this point (hub/axis frame).
    package var loads: RotorLoads
    /// `aero_thrust` [N], `aero_torque` [N·m], `aero_power` [W].
    package var thrust: Double { loads.thrust }
    package var torque: Double { loads.torque }
    package var power: Double { loads.power }
    /// RAFT-scaled derivatives: dT/dU [N·s/m], dT/dΩ [N·s/rad], dT/dβ [N/rad]; same for Q (rpm2radps = 0.1047,
    /// rad2deg = 57.2958; spec 03 P5).
    package var dTdU: Double, dTdOmega: Double, dTdPitch: Double
    package var dQdU: Double, dQdOmega: Double, dQdPitch: Double
    /// Gains at the case (aeroServoMod 2): `kp_beta`, `ki_beta`, gated `kp_tau`, `ki_tau`.
    package var kpBeta = 0.0, kiBeta = 0.0, kpTau = 0.0, kiTau = 0.0
    /// `C`: rotor-speed control transfer function per frequency (aeroServoMod 2) [rad/s per m/s].
    package var controlTransfer: [Complex] = []
    /// `V_w`: rotor-averaged wind amplitude per frequency [m/s].
    package var windAmplitude: [Double] = []
    /// `f0` as RAFT stores it after calcAero: mean aero load about the rotor node [N, N·m].
    package var meanForce: [Double] = []
}

/// Aerodynamic loads of one rotor about its node (the RNA reference point), global axes (RAFT `calcAero` returns).
package struct AeroResult: Sendable {
    /// `f_aero0` [N, N·m].
    package var meanForce: [Double]
    /// `f_aero` [6][nw] complex [N, N·m]; `a_aero`, `b_aero` per frequency [kg…], [N·s/m…].
    package var excitation: [[Complex]]
    package var addedMass: [Matrix6]
    package var damping: [Matrix6]

    static func zero(_ nw: Int) -> AeroResult {
        AeroResult(meanForce: [Double](repeating: 0, count: 6),
                   excitation: Array(repeating: [Complex](repeating: .zero, count: nw), count: 6),
                   addedMass: Array(repeating: .zero, count: nw), damping: Array(repeating: .zero, count: nw))
    }

    /// The same loads about the PRP for a rotor node at `nodePosition` (RAFT FOWT: Tᵀ f, Tᵀ A T with
    /// T = [[I, H(r)], [0, I]]; spec 03 §9.1).
    package func transferred(toPRPFrom nodePosition: Vec3) -> AeroResult {
        var out = self
        out.meanForce = Self.transferForce(meanForce, nodePosition)
        Self.translateAll(&out.addedMass, nodePosition)
        Self.translateAll(&out.damping, nodePosition)
        Self.transferExcitation(&out.excitation, nodePosition)
        return out
    }

    /// `translateMatrix6to6DOF(m, d)` of every frequency's matrix, in place. The function is pure, so a matrix with
    /// the same bits as the frequency before gets that frequency's result again (sharing its storage) instead of
    /// being translated anew: with aeroServoMod 1 the added mass is zero and the damping the same at every
    /// frequency, so a case's 4·nω translations (each a heap matrix) become 4.
    static func translateAll(_ matrices: inout [Matrix6], _ d: Vec3) {
        var previous: (input: Matrix6, output: Matrix6)?
        for k in matrices.indices {
            if let p = previous, sameBits(p.input, matrices[k]) {
                matrices[k] = p.output
                continue
            }
            let t = translateMatrix6to6DOF(matrices[k], d)
            previous = (matrices[k], t)
            matrices[k] = t
        }
    }

    /// Whether two matrices hold the same bits (−0 ≠ +0; NaNs by payload); true at once for shared storage.
    static func sameBits(_ a: Matrix6, _ b: Matrix6) -> Bool {
        a.storage.withUnsafeBufferPointer { x in
            b.storage.withUnsafeBufferPointer { y in
                if x.baseAddress == y.baseAddress { return true }
                for q in 0..<36 where x[q].bitPattern != y[q].bitPattern { return false }
                return true
            }
        }
    }

    /// `transferForce` of every frequency's excitation, real and imaginary parts apart, in place: the moment rows
    /// get `d × F` added (the same operations as `transferForce` on each part, without four arrays per frequency).
    static func transferExcitation(_ e: inout [[Complex]], _ d: Vec3) {
        guard e.count == 6 else { return }
        for k in 0..<e[0].count {
            let fr = Vec3(e[0][k].real, e[1][k].real, e[2][k].real)
            let fi = Vec3(e[0][k].imaginary, e[1][k].imaginary, e[2][k].imaginary)
            let mr = cross(d, fr), mi = cross(d, fi)
            // Rebuilt from `real`/`imaginary` as `transferForce`'s arrays did: a non-finite value becomes (NaN, NaN).
            e[0][k] = Complex(fr.x, fi.x)
            e[1][k] = Complex(fr.y, fi.y)
            e[2][k] = Complex(fr.z, fi.z)
            e[3][k] = Complex(e[3][k].real + mr.x, e[3][k].imaginary + mi.x)
            e[4][k] = Complex(e[4][k].real + mr.y, e[4][k].imaginary + mi.y)
            e[5][k] = Complex(e[5][k].real + mr.z, e[5][k].imaginary + mi.z)
        }
    }

    /// [F, M + d × F] (RAFT `transformForce(f, offset=d)`).
    static func transferForce(_ f: [Double], _ d: Vec3) -> [Double] {
        let fv = Vec3(f[0], f[1], f[2])
        let m = cross(d, fv)
        return [f[0], f[1], f[2], f[3] + m.x, f[4] + m.y, f[5] + m.z]
    }
}

extension Rotor {
    /// RAFT's module constants in raft_rotor.py (approximate on purpose; spec 03 P5).
    static let raftRad2Deg = 57.2958
    static let raftRpm2Radps = 0.1047

    /// `runCCBlade(U0, tilt, yaw_misalign)`: scheduled operating point and CCBlade evaluation (spec 03 §7.1).
    package mutating func runCCBlade(speed u0: Double, tilt: Double, yawMisalignment: Double) -> RotorLoads {
        let uhub = u0 * speedGain
        let (om, pitch) = scheduledOperatingPoint(windSpeed: uhub)
        ccblade.tilt = tilt
        ccblade.yaw = yawMisalignment
        return ccblade.evaluate(windSpeed: uhub, rotorSpeedRPM: om, pitchDeg: pitch)
    }

    /// RAFT `Rotor.calcAero(case)`: mean load, aero(-servo) added mass and damping and turbulence excitation about
    /// the rotor node, global axes (spec 03 §7). Updates the yaw/heading and operating-point state as RAFT does.
    ///
    /// Note: RAFT's FOWT calls this only for operating cases with aeroServoMod > 0 and speed > 0; this function
    /// always evaluates (as RAFT's rotor test does).
    package mutating func calcAero(_ c: RotorCase) throws(RotorError) -> AeroResult {
        let nw = omega.count
        let speed = c.windSpeed
        inflowHeading = c.windHeadingDeg * 0.017453292519943295
        turbineHeading = c.turbineHeadingDeg * 0.017453292519943295
        setYaw()
        let yawMisalign = atan2(q.y, q.x) - inflowHeading
        let turbineTilt = atan2(q.z, (q.x * q.x + q.y * q.y).squareRoot())
        let loads = runCCBlade(speed: speed, tilt: -turbineTilt, yawMisalignment: yawMisalign)
        let (om, pitch) = scheduledOperatingPoint(windSpeed: speed * speedGain)
        var op = OperatingPoint(windSpeed: speed * speedGain, rotorSpeedRPM: om, pitchDeg: pitch, loads: loads,
                                dTdU: loads.dThrust.x, dTdOmega: loads.dThrust.y / Self.raftRpm2Radps,
                                dTdPitch: loads.dThrust.z * Self.raftRad2Deg,
                                dQdU: loads.dTorque.x, dQdOmega: loads.dTorque.y / Self.raftRpm2Radps,
                                dQdPitch: loads.dTorque.z * Self.raftRad2Deg)
        var result = AeroResult.zero(nw)
        let rq = axisRotation
        let f3 = rq * Vec3(loads.thrust, loads.sideForce, loads.verticalForce)
        let m3 = rq * Vec3(loads.torque, loads.momentY, loads.momentZ)
        var f0 = [f3.x, f3.y, f3.z, m3.x, m3.y, m3.z]

        // Turbulence: V_w = sqrt(2 S_rot dw) with dw = w[1] − w[0] (spec 03 §8, P9).
        let sigma = try RotorTurbulence.sigma(turbulence: c.turbulence, speed: speed)
        let srot = RotorTurbulence.spectrum(omega: omega, speed: speed, sigma: sigma, hubHeight: abs(r3.z), radius: tipRadius)
        let dw = nw > 1 ? omega[1] - omega[0] : 0
        let vw = srot.map { (2 * $0 * dw).squareRoot() }
        op.windAmplitude = vw

        let rqT = rq.transposed
        func axial(_ x: Double) -> Matrix3 { rq * Matrix3(Vec3(x, 0, 0), .zero, .zero) * rqT }
        if aeroServoMod == 1 {
            // The same damping matrix at every frequency: one matrix, its storage shared (setting the block on each
            // frequency's copy of the zero matrix gave the same values, one heap copy each).
            var damping = Matrix6()
            damping.setBlock(0, 0, axial(op.dTdU))
            for k in 0..<nw {
                result.damping[k] = damping
                let fr = rq * Vec3(op.dTdU * vw[k], 0, 0)
                for d in 0..<3 { result.excitation[d][k] = Complex(fr[d], 0) }
            }
        } else if aeroServoMod == 2 {
            op.kpBeta = -numpyInterp(speed, scheduleWindSpeed, kp0)
            op.kiBeta = -numpyInterp(speed, scheduleWindSpeed, ki0)
            op.kpTau = op.kpBeta == 0 ? kpTau : 0
            op.kiTau = op.kiBeta == 0 ? kiTau : 0
            let zh = r3.z
            let inertia = drivetrainInertia, ng = gearRatio
            var ctf = [Complex](repeating: .zero, count: nw)
            for k in 0..<nw {
                // numpy complex semantics (NaN propagates; Smith division), spec 03 §7.4.
                let w = omega[k]
                let iw = NPComplex(0, w)
                let den = NPComplex(inertia * w * w, 0)
                    + NPComplex(op.dQdOmega + op.kpBeta * op.dQdPitch - ng * op.kpTau, 0) * iw
                    + NPComplex(op.kiBeta * op.dQdPitch - ng * op.kiTau, 0)
                let cw = iw * NPComplex(op.dQdU - kFloat * op.dQdPitch / zh, 0) / den
                ctf[k] = Complex(cw.re, cw.im)
                let hqt = (NPComplex(op.dTdOmega + op.kpBeta * op.dTdPitch, 0) * iw + NPComplex(op.kiBeta * op.dTdPitch, 0)) / den
                let f2 = (NPComplex(op.dTdU, 0) - hqt * NPComplex(op.dQdU, 0)) * NPComplex(vw[k], 0)
                let g = NPComplex(op.dTdU - kFloat * op.dTdPitch / zh, 0)
                    - hqt * NPComplex(op.dQdU - kFloat * op.dQdPitch / zh, 0)
                let b2 = g.re
                let a2 = (g / iw).re
                result.addedMass[k].setBlock(0, 0, axial(a2))
                result.damping[k].setBlock(0, 0, axial(b2))
                let col = Vec3(rq[0, 0], rq[1, 0], rq[2, 0])
                for d in 0..<3 { result.excitation[d][k] = Complex(col[d] * f2.re, col[d] * f2.im) }
            }
            op.controlTransfer = ctf
        }
        // Transfer from the hub to the rotor node: d = r_hub_rel_RRP (spec 03 §7.6, P19).
        let d = rHubRelRRP
        f0 = AeroResult.transferForce(f0, d)
        result.meanForce = f0
        op.meanForce = f0
        AeroResult.translateAll(&result.addedMass, d)
        AeroResult.translateAll(&result.damping, d)
        AeroResult.transferExcitation(&result.excitation, d)
        operatingPoint = op
        return result
    }

    /// Gyroscopic damping of the spinning rotor about the rotor node, `G6` (before the FOWT transfer; spec 03 §9.1):
    /// L = I_drivetrain·q·Ω, Ω from the schedule at the raw case speed.
    package func gyroscopicDamping(windSpeed: Double) -> Matrix6 {
        let om = numpyInterp(windSpeed, scheduleWindSpeed, scheduleRotorSpeedRPM)
        let omegaRotor = q * om * 2 * Double.pi / 60
        let l = drivetrainInertia * omegaRotor
        var g = Matrix6()
        g.setBlock(1, 1, Matrix3.skew(l))
        return g
    }

    /// `turbineConstants` of a rotor first put at its reference pose on a FOWT whose entry point is at (`fowtX`,
    /// `fowtY`) [m, global], about the PRP or, for a flexible FOWT, about the rotor node: the step
    /// `FOWT.turbineConstants` takes per rotor, which `Model.prefetchCaseAerodynamics` replays on copies (one code
    /// path, so the memo keys it stores are the ones the cases look up).
    package mutating func placedTurbineConstants(_ c: RotorCase, fowtX: Double, fowtY: Double, aboutRotorNode: Bool)
        throws(RotorError) -> (aero: AeroResult, gyroscopicDamping: Matrix6) {
        setPosition(nodePose: [fowtX + rRel.x, fowtY + rRel.y, rRel.z, 0, 0, 0])
        return try turbineConstants(c, nodePosition: aboutRotorNode ? .zero : rRRPRel)
    }

    /// One rotor's share of RAFT `FOWT.calcTurbineConstants(case)` for a rigid FOWT: zero unless the case is
    /// operating, aeroServoMod > 0 and the inflow speed > 0; otherwise `calcAero` plus gyroscopic damping, both
    /// transferred from the rotor node (offset `nodePosition` from the PRP, global axes) to the PRP (spec 03 §9.1).
    /// A non-operating case leaves the rotor state untouched (spec 03 P20).
    package mutating func turbineConstants(_ c: RotorCase, nodePosition: Vec3) throws(RotorError)
        -> (aero: AeroResult, gyroscopicDamping: Matrix6) {
        let nw = omega.count
        guard c.isOperating, aeroServoMod > 0, c.windSpeed > 0 else { return (AeroResult.zero(nw), Matrix6()) }
        guard let memo = aeroMemo else { return try computeTurbineConstants(c, nodePosition: nodePosition) }
        let key = aeroMemoKey(c, nodePosition: nodePosition)
        if let hit = memo.entry(key) {
            restore(hit.state)
            return (hit.aero, hit.gyroscopicDamping)
        }
        let out = try computeTurbineConstants(c, nodePosition: nodePosition)
        memo.store(key, RotorAeroMemo.Entry(state: aeroMemoState, aero: out.aero, gyroscopicDamping: out.gyroscopicDamping))
        return out
    }

    /// `turbineConstants` of an operating rotor, without the memo.
    private mutating func computeTurbineConstants(_ c: RotorCase, nodePosition: Vec3) throws(RotorError)
        -> (aero: AeroResult, gyroscopicDamping: Matrix6) {
        let aero = try calcAero(c).transferred(toPRPFrom: nodePosition)
        let gyro = translateMatrix6to6DOF(gyroscopicDamping(windSpeed: c.windSpeed), nodePosition)
        return (aero, gyro)
    }
}

/// Complex arithmetic with numpy's semantics (component-wise NaN propagation, Smith's division), used where RAFT's
/// NaNs must survive (parked rotors above cut-out give NaN derivatives; swift-numerics maps any non-finite value to a
/// single point at infinity instead).
struct NPComplex {
    var re: Double, im: Double
    init(_ re: Double, _ im: Double) { self.re = re; self.im = im }
    static func + (a: NPComplex, b: NPComplex) -> NPComplex { NPComplex(a.re + b.re, a.im + b.im) }
    static func - (a: NPComplex, b: NPComplex) -> NPComplex { NPComplex(a.re - b.re, a.im - b.im) }
    static func * (a: NPComplex, b: NPComplex) -> NPComplex {
        NPComplex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    static func / (a: NPComplex, b: NPComplex) -> NPComplex {
        let ar = abs(b.re), ai = abs(b.im)
        if ar >= ai {
            if ar == 0 && ai == 0 { return NPComplex(a.re / ar, a.im / ai) }
            let rat = b.im / b.re
            let scl = 1.0 / (b.re + b.im * rat)
            return NPComplex((a.re + a.im * rat) * scl, (a.im - a.re * rat) * scl)
        }
        let rat = b.re / b.im
        let scl = 1.0 / (b.im + b.re * rat)
        return NPComplex((a.re * rat + a.im) * scl, (a.im * rat - a.re) * scl)
    }
}
