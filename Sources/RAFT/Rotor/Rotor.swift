#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Errors building a rotor that YAML can trigger (RAFT raises or crashes there).
package enum RotorError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidBladeGeometry(String)
    case unsupportedAirfoilOrder(String)
    case airfoilFit(element: Int, coefficient: String, SmoothingSpline.FitError)
    case unsupported(String)

    package var description: String {
        switch self {
        case .invalidBladeGeometry(let s): return "rotor: invalid blade geometry: \(s)"
        case .unsupportedAirfoilOrder(let s): return "rotor: \(s)"
        case .airfoilFit(let e, let c, let err): return "rotor: airfoil \(c) smoothing of blade element \(e) failed: \(err)"
        case .unsupported(let s): return "rotor: unsupported: \(s)"
        }
    }
}

/// One rotor of a turbine: geometry, operating schedule, control gains, CCBlade model and the pose/case state that
/// RAFT's `Rotor` carries between calls (raft_rotor.py `Rotor`; spec 03 §3–§4).
package struct Rotor: Sendable {
    // MARK: Configuration (constant after construction)
    /// Frequencies `w` [rad/s].
    package let omega: [Double]
    /// `r_rel`: RNA reference point (yaw axis, tower top) relative to the PRP in platform axes [m].
    package let rRel: Vec3
    /// `overhang` [m], `xCG_RNA` [m], `mRNA` [kg], `IxRNA`, `IrRNA` [kg·m²].
    package let overhang: Double, xCGRNA: Double, massRNA: Double, inertiaAxialRNA: Double, inertiaRadialRNA: Double
    /// `speed_gain`, `nBlades`, `aeroServoMod`.
    package let speedGain: Double, bladeCount: Int, aeroServoMod: Int
    /// `Rhub` [m], `precone`, `shaft_tilt`, `shaft_toe` [rad] (RAFT signs: negative = conventional upwind).
    package let hubRadius: Double, precone: Double, shaftTilt: Double, shaftToe: Double
    /// `hHub` [m] (RRP z plus the overhang's vertical component at construction).
    package let hubHeight: Double
    /// Blade `Rtip` (`R_rot`) [m].
    package let tipRadius: Double
    /// Blade azimuths `headings` [deg].
    package let bladeHeadingsDeg: [Double]
    /// Operating schedule with RAFT's parked extension: `Uhub` [m/s], `Omega_rpm` [rpm], `pitch_deg` [deg].
    package let scheduleWindSpeed: [Double], scheduleRotorSpeedRPM: [Double], schedulePitchDeg: [Double]
    /// `I_drivetrain` [kg·m²], gear ratio `Ng`.
    package let drivetrainInertia: Double, gearRatio: Double
    /// Gain schedules at the schedule points `kp_0`, `ki_0`, `k_float`, `kp_tau`, `ki_tau` (spec 03 §7.5).
    package let kp0: [Double], ki0: [Double], kFloat: Double, kpTau: Double, kiTau: Double
    /// Fluid properties used by CCBlade: density [kg/m³], viscosity [Pa·s], shear exponent.
    package let rho: Double, mu: Double, shearExp: Double
    /// Element radii `blade_r` [m], chord [m], twist [deg], thickness `r_thick_interp`.
    package let elementRadius: [Double], elementChord: [Double], elementTwistDeg: [Double], elementThickness: [Double]
    /// The CCBlade model (tilt and yaw are overwritten before each evaluation).
    package internal(set) var ccblade: CCBlade

    // MARK: Pose and case state (RAFT keeps these between calls; spec 03 §1, P20)
    /// `yaw_mode` (0..3) and `yaw_command` [rad]; settable as in RAFT's tests.
    package var yawMode: Int
    package var yawCommand: Double = 0
    /// Rotor node pose [x, y, z, roll, pitch, yaw] [m, rad] (the node is at the RRP).
    package internal(set) var nodePose: [Double]
    package internal(set) var platformRotation = Matrix3.identity
    package internal(set) var platformHeading = 0.0
    package internal(set) var inflowHeading = 0.0
    package internal(set) var turbineHeading = 0.0
    /// Nacelle yaw relative to the platform [rad].
    package internal(set) var yaw = 0.0
    /// `R_q` (rotor axis frame → global), `q` (shaft unit vector, global), `q_rel` (platform frame).
    package internal(set) var axisRotation = Matrix3.identity
    package internal(set) var q = Vec3(1, 0, 0)
    package internal(set) var qRel = Vec3(1, 0, 0)
    /// `r_RRP_rel`, `r_hub_rel_RRP`, `r_CG_rel`, `r_hub_rel` [m], global axes.
    package internal(set) var rRRPRel = Vec3.zero
    package internal(set) var rHubRelRRP = Vec3.zero
    package internal(set) var rCGRel = Vec3.zero
    package internal(set) var rHubRel = Vec3.zero
    /// `r3`: global hub position [m] (updated by `setPosition` only).
    package internal(set) var r3 = Vec3.zero
    /// Last steady operating point and control quantities (`U_case`, `Omega_case` [rpm], `pitch_case` [deg], …).
    package internal(set) var operatingPoint: OperatingPoint?
    /// Memo of `turbineConstants` shared by copies of this rotor in a sweep (nil: every call computes).
    package var aeroMemo: RotorAeroMemo?

    /// Builds rotor `index` of `turbine` (RAFT `Rotor(turbine, w, ir)` followed by nothing else; the node starts at
    /// the reference pose and `setPosition()` has been applied).
    package init(turbine t: TurbineInput, site: Site, frequencies w: [Double], index ir: Int) throws(RotorError) {
        guard ir >= 0 && ir < t.rotorCount else { throw .unsupported("rotor index \(ir) out of range") }
        omega = w
        var rRel = t.rRNA?[ir] ?? .zero
        overhang = t.overhang[ir]; xCGRNA = t.xCGRNA[ir]
        massRNA = t.massRNA[ir]; inertiaAxialRNA = t.inertiaAxialRNA[ir]; inertiaRadialRNA = t.inertiaRadialRNA[ir]
        speedGain = t.speedGain[ir]; bladeCount = t.bladeCount[ir]
        yawMode = t.yawMode[ir]
        bladeHeadingsDeg = t.bladeHeadingsDeg
        hubRadius = t.hubRadius[ir]
        precone = t.preconeDeg[ir] * Double.pi / 180
        shaftTilt = t.shaftTiltDeg[ir] * Double.pi / 180
        shaftToe = t.shaftToeDeg[ir] * Double.pi / 180
        aeroServoMod = t.aeroServoMod[ir]
        let q0 = rotationMatrix(roll: 0, pitch: -shaftTilt, yaw: shaftToe) * Vec3(1, 0, 0)
        if let h = t.hubHeight?[ir] { rRel.z = h - q0.z * overhang }
        hubHeight = rRel.z + q0.z * overhang
        self.rRel = rRel
        nodePose = [rRel.x, rRel.y, rRel.z, 0, 0, 0]
        qRel = q0; q = q0

        let blade = t.blades[ir]
        tipRadius = blade.tipRadius
        // Geometry check over all blade entries; rtip comes from the LAST entry (spec 03 P11).
        var rtip = 0.0
        for (ib, b) in t.blades.enumerated() {
            let r0 = b.geometry[0][0]
            rtip = b.geometry[b.geometry.count - 1][0]
            if !(r0 >= hubRadius && rtip <= tipRadius) {
                throw .invalidBladeGeometry("blade \(ib): first radius \(r0) must be >= Rhub (\(hubRadius)) and last radius \(rtip) <= Rtip (\(tipRadius))")
            }
        }
        let ops = t.schedules[ir]
        let vmax = ops.windSpeed.max() ?? 0
        scheduleWindSpeed = ops.windSpeed + [vmax * 1.4, 100]
        scheduleRotorSpeedRPM = ops.rotorSpeedRPM + [0, 0]
        schedulePitchDeg = ops.pitchDeg + [90, 90]
        drivetrainInertia = t.drivetrainInertia[ir]
        gearRatio = t.gearRatio

        // Gains (setControlGains; rad2deg = 57.2958, spec 03 P5).
        let pc = t.pitchControl
        let pcAngles = pc.angles.map { $0 * 57.2958 }
        guard zip(pcAngles, pcAngles.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .unsupported("pitch_control.GS_Angles must increase")
        }
        kp0 = schedulePitchDeg.map { numpyInterp($0, pcAngles, pc.kp, left: 0, right: 0) }
        ki0 = schedulePitchDeg.map { numpyInterp($0, pcAngles, pc.ki, left: 0, right: 0) }
        kFloat = -pc.floatingKp
        kpTau = -t.torqueKp
        kiTau = -t.torqueKi

        // Hub position at the reference pose (what setPosition() gives in RAFT's constructor: no rotation, yaw 0).
        let r3Init = rRel + q0 * overhang

        // Airfoils and blade discretisation (spec 03 §3.1–3.2).
        let nr = blade.elementCount
        let grid = numpyLinspace(0, 1, nr, endpoint: false).map { $0 + 0.5 / Double(nr) }
        let polars = t.airfoils.map { AirfoilPolar.resampled($0.data) }
        var stationThickness: [Double] = [], stationPolar: [AirfoilPolar] = []
        for st in blade.stations {
            guard let j = t.airfoils.firstIndex(where: { $0.name == st.name }) else {
                throw .unsupported("airfoil '\(st.name)' not found")
            }
            stationThickness.append(t.airfoils[j].relativeThickness)
            stationPolar.append(polars[j])
        }
        for k in 1..<stationThickness.count where stationThickness[k] > stationThickness[k - 1] {
            throw .unsupportedAirfoilOrder("airfoil thicknesses must not increase from root to tip (RAFT has no supported path otherwise; spec 03 P25)")
        }
        // unique thicknesses ascending, index of first occurrence
        var uniq: [(Double, Int)] = []
        for (k, th) in stationThickness.enumerated() where !uniq.contains(where: { $0.0 == th }) { uniq.append((th, k)) }
        uniq.sort { $0.0 < $1.0 }
        guard uniq.count >= 2 else { throw .unsupportedAirfoilOrder("at least two distinct airfoil thicknesses are needed") }
        let positions = blade.stations.map { $0.position }
        let thickSpline = Pchip(x: positions, y: stationThickness)
        let rThick = grid.map { thickSpline($0) }
        let ux = uniq.map(\.0)
        let naoa = AirfoilPolar.angleGrid.count
        let elementPolars = Self.elementPolars(thickness: ux, polars: uniq.map { stationPolar[$0.1] },
                                               angleCount: naoa, at: rThick)
        elementThickness = rThick

        let dr = (rtip - hubRadius) / Double(nr)
        let br = numpyLinspace(hubRadius, rtip, nr, endpoint: false).map { $0 + dr / 2 }
        let geo = blade.geometry
        let rIn = geo.map { $0[0] }
        func col(_ c: Int) -> [Double] { let f = geo.map { $0[c] }; return br.map { numpyInterp($0, rIn, f) } }
        elementRadius = br
        elementChord = col(1)
        elementTwistDeg = col(2)
        let precurve = col(3), presweep = col(4)

        if r3Init.z < 0 {
            rho = site.rhoWater; mu = site.muWater; shearExp = site.shearExpWater
        } else {
            rho = site.rhoAir; mu = site.muAir; shearExp = site.shearExpAir
        }
        var afs: [ElementAirfoil] = []
        for (e, fit) in ElementAirfoil.fitAll(elementPolars).enumerated() {
            switch fit {
            case .success(let af): afs.append(af)
            case .failure(let error): throw .airfoilFit(element: e, coefficient: "cl/cd", error)
            }
        }
        let rad2degNP = 180.0 / Double.pi  // numpy degrees()
        ccblade = CCBlade(r: br, chord: elementChord, twistDeg: elementTwistDeg, airfoils: afs, hubRadius: hubRadius,
                          tipRadius: blade.tipRadius, blades: bladeCount, rho: rho, mu: mu,
                          preconeDeg: -precone * rad2degNP, tiltDeg: -shaftTilt * rad2degNP, yawDeg: 0,
                          shearExp: shearExp, hubHeight: r3Init.z, sectors: blade.sectorCount,
                          precurve: precurve, precurveTip: blade.precurveTip,
                          presweep: presweep, presweepTip: blade.presweepTip)
        if r3Init.z + tipRadius < 0 {
            throw .unsupported("underwater rotors (blade members) are not supported (RAFT 2.x rejects them too; spec 03 §9.4)")
        }
        setPosition()
    }

    // MARK: Pose

    /// RAFT `setPosition()`: pose from the node's 6-vector, then yaw and hub position (spec 03 §4).
    package mutating func setPosition(nodePose pose: [Double]? = nil) {
        if let pose { nodePose = pose }
        platformRotation = rotationMatrix(roll: nodePose[3], pitch: nodePose[4], yaw: nodePose[5])
        platformHeading = nodePose[5]
        rRRPRel = platformRotation * rRel
        setYaw()
        r3 = Vec3(nodePose[0], nodePose[1], nodePose[2]) + rHubRelRRP
    }

    /// RAFT `setYaw(yaw)`: optional new command [deg], then nacelle yaw by `yawMode` and the derived axis quantities.
    @discardableResult
    package mutating func setYaw(commandDeg: Double? = nil) -> Double {
        if let c = commandDeg { yawCommand = c * 0.017453292519943295 }
        switch yawMode {
        case 0: yaw = inflowHeading - platformHeading + yawCommand
        case 1: yaw = turbineHeading - platformHeading
        case 2: yaw = yawCommand
        default: yaw = yawCommand - platformHeading
        }
        turbineHeading = platformHeading + yaw
        let rqRel = rotationMatrix(roll: 0, pitch: -shaftTilt, yaw: shaftToe + yaw)
        axisRotation = rqRel * platformRotation  // R_q = R_q_rel·R_ptfm (spec 03 P16)
        qRel = rqRel * Vec3(1, 0, 0)
        q = platformRotation * qRel
        rHubRelRRP = q * overhang
        rCGRel = rRRPRel + q * xCGRNA
        rHubRel = rRRPRel + rHubRelRRP
        return yaw
    }

    /// Scheduled rotor speed [rpm] and pitch [deg] at an inflow speed (np.interp on the extended schedule).
    package func scheduledOperatingPoint(windSpeed u: Double) -> (rotorSpeedRPM: Double, pitchDeg: Double) {
        (numpyInterp(u, scheduleWindSpeed, scheduleRotorSpeedRPM), numpyInterp(u, scheduleWindSpeed, schedulePitchDeg))
    }
}

extension Rotor {
    /// RNA mass matrix about the rotor node, global axes (spec 06 "RNA per rotor", 03 §9.3):
    /// `translate6(rotateMatrix6(diag(mRNA, mRNA, mRNA, IxRNA, IrRNA, IrRNA), R_q), r_CG_rel − r_RRP_rel)`.
    package func rnaMassMatrix() -> Matrix6 {
        let m = Matrix6.diagonal([massRNA, massRNA, massRNA, inertiaAxialRNA, inertiaRadialRNA, inertiaRadialRNA])
        return translateMatrix6to6DOF(rotateMatrix6(m, axisRotation), rCGRel - rRRPRel)
    }

    /// Steady operating points along the schedule for a `raft rotor`-style report: rotor aligned with the inflow at
    /// the current shaft tilt (same tilt RAFT passes to CCBlade), no platform motion. Does not change this rotor.
    package func steadyCurve(windSpeeds: [Double]) -> [OperatingPoint] {
        var copy = self
        copy.yawMode = 2
        copy.yawCommand = 0
        copy.setPosition(nodePose: [rRel.x, rRel.y, rRel.z, 0, 0, 0])
        let tilt = -atan2(copy.q.z, (copy.q.x * copy.q.x + copy.q.y * copy.q.y).squareRoot())
        return windSpeeds.map { u in
            let loads = copy.runCCBlade(speed: u, tilt: tilt, yawMisalignment: 0)
            let (om, pitch) = copy.scheduledOperatingPoint(windSpeed: u * speedGain)
            return OperatingPoint(windSpeed: u * speedGain, rotorSpeedRPM: om, pitchDeg: pitch, loads: loads,
                                  dTdU: loads.dThrust.x, dTdOmega: loads.dThrust.y / Self.raftRpm2Radps,
                                  dTdPitch: loads.dThrust.z * Self.raftRad2Deg, dQdU: loads.dTorque.x,
                                  dQdOmega: loads.dTorque.y / Self.raftRpm2Radps, dQdPitch: loads.dTorque.z * Self.raftRad2Deg)
        }
    }
}
