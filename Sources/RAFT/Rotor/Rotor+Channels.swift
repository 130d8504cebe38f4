#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import ComplexModule

/// Rotor output channels of one case (RAFT `FOWT.saveTurbineOutputs` rotor branch; spec 03 §9.5, 07 §2.7).
package struct RotorChannels: Sendable {
    /// Rotor speed [rpm]: mean, std, mean ± 2·std, PSD [rpm²/(rad/s)].
    package var omegaAvg: Double, omegaStd: Double, omegaMax: Double, omegaMin: Double, omegaPSD: [Double]
    /// Generator torque [N·m]: mean (aero torque / gear ratio), std, PSD.
    package var torqueAvg: Double, torqueStd: Double, torquePSD: [Double]
    /// Mean aerodynamic power [W].
    package var powerAvg: Double
    /// Blade pitch [deg]: mean, std, PSD [deg²/(rad/s)].
    package var bPitchAvg: Double, bPitchStd: Double, bPitchPSD: [Double]
    /// Rotor-averaged wind PSD [(m/s)²/(rad/s)].
    package var windPSD: [Double]
}

extension Rotor {
    /// Rotor channels from the rotor node's surge response rows (`XiHub[h, ir]`, one row per wave train, last row
    /// the wind source) using the state of the last `calcAero` (stale for parked cases: spec 03 P20, P21).
    ///
    /// The caller applies RAFT's branch condition (`aeroServoMod > 1` and inflow speed > 0) and RAFT's row choice
    /// (index `ir` of the stacked node DOFs — surge of the first rotor's node for ir = 0; P21).
    /// - Parameters:
    ///   - hubResponse: complex amplitudes [rows][nw] [m]; the last row is the wind source.
    ///   - dw: frequency step `w[1] − w[0]` [rad/s].
    /// - Returns: nil when `calcAero` never ran (RAFT would crash).
    package func controlChannels(hubResponse: [[Complex]], dw: Double) -> RotorChannels? {
        guard let op = operatingPoint, !op.controlTransfer.isEmpty else { return nil }
        let nw = omega.count
        let c = op.controlTransfer, vw = op.windAmplitude
        var sumW = 0.0, sumT = 0.0, sumB = 0.0
        var psdW = [Double](repeating: 0, count: nw), psdT = psdW, psdB = psdW
        let rows = hubResponse.count
        for h in 0..<rows {
            for k in 0..<nw {
                let iw = Complex(0, omega[k])
                var u = hubResponse[h][k]
                if h == rows - 1 { u = u - Complex(vw[k], 0) / iw }
                let phi = c[k] * u
                let om = iw * phi
                let tau = (iw * Complex(kpTau, 0) + Complex(kiTau, 0)) * phi
                let beta = (iw * Complex(op.kpBeta, 0) + Complex(op.kiBeta, 0)) * phi
                let a2 = om.lengthSquared, t2 = tau.lengthSquared, b2 = beta.lengthSquared
                sumW += a2; sumT += t2; sumB += b2
                psdW[k] += 0.5 * a2 / dw; psdT[k] += 0.5 * t2 / dw; psdB[k] += 0.5 * b2 / dw
            }
        }
        let radps2rpm1 = 1 / 0.1047  // helpers.radps2rpm (spec 03 P5)
        let rad2deg = 57.29577951308232
        let omegaStd = (0.5 * sumW).squareRoot() / 0.1047
        return RotorChannels(
            omegaAvg: op.rotorSpeedRPM, omegaStd: omegaStd, omegaMax: op.rotorSpeedRPM + 2 * omegaStd,
            omegaMin: op.rotorSpeedRPM - 2 * omegaStd, omegaPSD: psdW.map { radps2rpm1 * radps2rpm1 * $0 },
            torqueAvg: op.torque / gearRatio, torqueStd: (0.5 * sumT).squareRoot(), torquePSD: psdT,
            powerAvg: op.power,
            bPitchAvg: op.pitchDeg, bPitchStd: (0.5 * sumB).squareRoot() * rad2deg,
            bPitchPSD: psdB.map { rad2deg * rad2deg * $0 },
            windPSD: vw.map { 0.5 * $0 * $0 / dw })
    }
}
