#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// A case-metrics value: a number or a list (per rotor, per line end).
public enum MetricValue: Sendable, Equatable {
    case scalar(Double)
    case vector([Double])
    public var values: [Double] { switch self { case .scalar(let x): return [x]; case .vector(let v): return v } }
}

/// One FOWT's statistics for one case under RAFT's `case_metrics` names (spec 07 §2).
public struct CaseMetrics: Sendable {
    /// Statistics in RAFT's key order (`surge_avg`, `surge_std`, ..., `Tmoor_avg`, ...).
    public var values: [(key: String, value: MetricValue)] = []
    /// PSD columns for the spectra CSV (`wave_PSD`, `surge_PSD`, ..., `Tmoor0_PSD`, ...) [unit²/(rad/s)].
    public var psd: [(key: String, values: [Double])] = []
    /// RAFT's `<dof>_RA` (`surge_RA` … `yaw_RA`): complex response amplitudes of the PRP per excitation source
    /// (rows: the wave trains, then RAFT's wind row, which RAFT 2.0.4 leaves at zero), per frequency [m, deg].
    public var responseAmplitudes: [(key: String, sources: [[Complex]])] = []
    /// Wave component amplitudes ζ per wave train and frequency [m]: the RAO of wave train k is `RA[k] / ζ[k]`.
    public var waveAmplitudes: [[Double]] = []

    public init() {}

    /// The response amplitudes of channel `key` (e.g. `pitch_RA`), [source][iω].
    public func responseAmplitude(_ key: String) -> [[Complex]]? { responseAmplitudes.first { $0.key == key }?.sources }

    public subscript(key: String) -> MetricValue? { values.first { $0.key == key }?.value }
    public func psd(_ key: String) -> [Double]? { psd.first { $0.key == key }?.values }

    mutating func set(_ key: String, _ v: Double) { values.append((key, .scalar(v))) }
    mutating func set(_ key: String, _ v: [Double]) { values.append((key, .vector(v))) }

    /// `<name>_avg`, `<name>_std` and RAFT's Gaussian-style extremes `<name>_max/_min` = avg ± spread·std
    /// (spread 3; RAFT uses 2 for the rotor speed).
    mutating func setStatistics(_ name: String, mean: [Double], std: [Double], spread: Double = 3) {
        set("\(name)_avg", mean)
        set("\(name)_std", std)
        set("\(name)_max", zip(mean, std).map { $0 + spread * $1 })
        set("\(name)_min", zip(mean, std).map { $0 - spread * $1 })
    }
}

/// Inputs for the platform-motion channels (spec 07 §2.1).
public struct MotionChannelInputs: Sendable {
    /// Mean absolute pose r6 [m, rad].
    public var r6: [Double]
    /// FOWT reference position (x_ref, y_ref) [m].
    public var xRef: Double, yRef: Double
    /// PRP response per excitation source (rows: wave trains then wind), each frequency-major with 6 DOFs.
    public var response: [[Complex]]
    /// Frequencies [rad/s] and `dw` (FOWT's w[1] − w[0]).
    public var omega: [Double]
    public var dw: Double
    /// Wave component amplitudes per train [m].
    public var zeta: [[Double]]
}

/// RAFT's per-case channels computed from responses (spec 07 §2).
public enum CaseChannels {
    static let dofNames = ["surge", "sway", "heave", "roll", "pitch", "yaw"]

    /// Response of DOF `d` for every source (rows) from frequency-major 6-DOF blocks, optionally scaled.
    static func dof(_ response: [[Complex]], _ d: Int, nw: Int, n: Int = 6, scale: Double = 1) -> [[Complex]] {
        response.map { row in (0..<nw).map { row[$0 * n + d].multiplied(by: scale) } }
    }

    /// `wave_PSD` and the six motion channels (avg/std/max/min/PSD).
    public static func motions(_ m: MotionChannelInputs, into out: inout CaseMetrics) {
        let nw = m.omega.count
        let offset = [m.r6[0] - m.xRef, m.r6[1] - m.yRef, m.r6[2], m.r6[3], m.r6[4], m.r6[5]]
        for d in 0..<6 {
            let rot = d >= 3
            let scale = rot ? Statistics.rad2deg : 1
            let x = dof(m.response, d, nw: nw, scale: scale)
            let avg = offset[d] * scale
            let std = Statistics.rms(sources: x)
            let name = dofNames[d]
            out.set("\(name)_avg", avg)
            out.set("\(name)_std", std)
            out.set("\(name)_max", avg + 3 * std)
            out.set("\(name)_min", avg - 3 * std)
            out.psd.append(("\(name)_PSD", Statistics.psd(sources: x, dw: m.dw)))
            out.responseAmplitudes.append(("\(name)_RA", x))
        }
        out.waveAmplitudes = m.zeta
        var wave = [Double](repeating: 0, count: nw)
        for z in m.zeta { for j in 0..<nw { wave[j] += 0.5 * z[j] * z[j] / m.dw } }
        out.psd.insert(("wave_PSD", wave), at: 0)
    }

    /// Mooring line-end tensions for moorMod 0 (spec 07 §2.2): `Tamp = J · X_PRP`.
    /// - Parameters:
    ///   - mean: mean end tensions [TA_0 … TA_{n−1}, TB_0 … TB_{n−1}] [N].
    ///   - jacobian: tension Jacobian [2·nLines][n DOFs] [N/m, N/rad].
    ///   - response: response rows, frequency-major with `n` DOFs.
    ///   - w0: RAFT uses `w[0]` as dω for tension PSDs.
    public static func tensions(mean: [Double], jacobian: [[Double]], response: [[Complex]], nw: Int, n: Int = 6,
                                w0: Double, into out: inout CaseMetrics) {
        let amplitudes: [[[Complex]]] = jacobian.map { jk in
            response.map { row in
                (0..<nw).map { j in
                    var t = Complex.zero
                    for d in 0..<jk.count { t = t + row[j * n + d].multiplied(by: jk[d]) }
                    return t
                }
            }
        }
        tensions(mean: mean, amplitudes: amplitudes, w0: w0, into: &out)
    }

    /// `Tmoor_avg/std/max/min` and `Tmoor<k>_PSD` from tension amplitudes `[k][source][iω]` (spec 07 §2.2).
    public static func tensions(mean: [Double], amplitudes: [[[Complex]]], w0: Double, into out: inout CaseMetrics) {
        out.setStatistics("Tmoor", mean: mean, std: amplitudes.map { Statistics.rms(sources: $0) })
        for (k, a) in amplitudes.enumerated() { out.psd.append(("Tmoor\(k)_PSD", Statistics.psd(sources: a, dw: w0))) }
    }
}

extension CaseChannels {
    /// The rotor control channels (spec 07 §2.7) of a rigid FOWT or a node graph: `omega_avg/std/max/min`,
    /// `torque_avg/std`, `power_avg`, `bPitch_avg/std` (one value per channel) and `omega_PSD`, `torque_PSD`,
    /// `bPitch_PSD` (suffixed `_r<k>` with more than one channel). Channel r is zero unless rotor r exists, has
    /// aeroServoMod > 1 and an inflow speed > 0 (the case's current speed, default 1 m/s, for a submerged hub, else its
    /// wind speed); `turbine_status` is not checked, so a parked case reports the previous case's rotor state (spec 03
    /// P20).
    /// - Parameters:
    ///   - channels: the number of channels (rotors past `rotors.count` give zero ones).
    ///   - hubResponse: translation DOF `dof` (0–2) of rotor 0's hub per excitation source [m], or nil (zero channels).
    ///     RAFT picks column r of the stacked rotor-node array for rotor r, i.e. DOF min(r, 2) of rotor 0's node.
    static func rotorControl(rotors: [Rotor], channels nr: Int, windSpeed: Double, currentSpeed: Double?, nw: Int, dw: Double,
                             hubResponse: (_ dof: Int) -> [[Complex]]?, into out: inout CaseMetrics) {
        var channels: [RotorChannels?] = []
        for r in 0..<nr {
            guard r < rotors.count else { channels.append(nil); continue }
            let rotor = rotors[r]
            let speed = rotor.r3.z < 0 ? (currentSpeed ?? 1.0) : windSpeed
            guard rotor.aeroServoMod > 1 && speed > 0, let hub = hubResponse(min(r, 2)) else { channels.append(nil); continue }
            channels.append(rotor.controlChannels(hubResponse: hub, dw: dw))
        }
        // (closures, not key paths: each key path was instantiated by the runtime at every call, ~8,000 instructions)
        let scalars: [(String, (RotorChannels) -> Double)] = [
            ("omega_avg", { $0.omegaAvg }), ("omega_std", { $0.omegaStd }), ("omega_max", { $0.omegaMax }),
            ("omega_min", { $0.omegaMin }), ("torque_avg", { $0.torqueAvg }), ("torque_std", { $0.torqueStd }),
            ("power_avg", { $0.powerAvg }), ("bPitch_avg", { $0.bPitchAvg }), ("bPitch_std", { $0.bPitchStd })]
        for (key, value) in scalars {
            out.set(key, channels.map { $0.map(value) ?? 0 })
        }
        let zero = [Double](repeating: 0, count: nw)
        let suffix: (Int) -> String = { r in nr > 1 ? "_r\(r)" : "" }
        let spectra: [(String, (RotorChannels) -> [Double])] = [
            ("omega_PSD", { $0.omegaPSD }), ("torque_PSD", { $0.torquePSD }), ("bPitch_PSD", { $0.bPitchPSD })]
        for (key, value) in spectra {
            for r in 0..<nr { out.psd.append(("\(key)\(suffix(r))", channels[r].map(value) ?? zero)) }
        }
    }
}
