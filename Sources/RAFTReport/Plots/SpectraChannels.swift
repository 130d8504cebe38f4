#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import RAFTIO

/// Channel groups, names and units of the spectra columns `raft run` writes (RAFT's `case_metrics` `_PSD` names).
package enum SpectraChannels {
    /// Plot groups, in the order they are written.
    package enum Group: String, CaseIterable, Sendable {
        /// Platform motions and the wave elevation.
        case motions
        /// Hub-node accelerations and tower-base loads.
        case tower
        /// Mooring line-end tensions.
        case tensions
        /// Rotor speed, generator torque, blade pitch, wind.
        case rotor

        package var title: String {
            switch self {
            case .motions: return "wave elevation and platform motions"
            case .tensions: return "mooring line tensions"
            case .rotor: return "rotor and controller"
            case .tower: return "nacelle acceleration and tower-base moment"
            }
        }
    }

    /// Frequency unit of a plot: x in Hz and PSDs per Hz (default), or x in rad/s and PSDs per rad/s as RAFT stores them.
    package enum FrequencyUnit: String, Sendable, CaseIterable {
        case hertz = "Hz"
        case radPerSecond = "rad/s"

        package var axisLabel: String { self == .hertz ? "frequency [Hz]" : "frequency [rad/s]" }
        /// Factor from RAFT's per-rad/s densities to this unit's densities (S_f = 2π S_ω).
        package var densityFactor: Double { self == .hertz ? 2 * Double.pi : 1 }
        /// Factor from Hz to this unit's frequency.
        package var frequencyFactor: Double { self == .hertz ? 1 : 2 * Double.pi }
    }

    /// Channel name without `_PSD` ("surge", "Tmoor3", "AxRNA").
    package static func channel(_ column: String) -> String {
        column.hasSuffix("_PSD") ? String(column.dropLast(4)) : column
    }

    /// Group of a PSD column, nil for non-PSD columns (`freq_Hz`, `omega_rad_s`).
    package static func group(ofColumn column: String) -> Group? {
        guard column.hasSuffix("_PSD") else { return nil }
        let c = channel(column)
        if ["surge", "sway", "heave", "roll", "pitch", "yaw", "wave"].contains(c) { return .motions }
        if c.hasPrefix("Tmoor") || c.hasPrefix("T_") || c.hasPrefix("Tline") { return .tensions }
        if ["omega", "torque", "bPitch", "power", "wind"].contains(where: { c.hasPrefix($0) }) { return .rotor }
        return .tower
    }

    /// Unit of the channel's signal (RAFT's output units: summary.json `units`).
    package static func signalUnit(_ column: String) -> String {
        let c = channel(column)
        if ["surge", "sway", "heave", "wave"].contains(c) { return "m" }
        if ["roll", "pitch", "yaw"].contains(c) || c.hasPrefix("bPitch") { return "deg" }
        if c.hasPrefix("Tmoor") || c.hasPrefix("Fbase") { return "N" }
        if c.hasPrefix("A") && c.contains("RNA") { return "m/s²" }
        if c.hasPrefix("Mbase") || c.hasPrefix("torque") { return "N·m" }
        if c.hasPrefix("omega") { return "rpm" }
        if c.hasPrefix("wind") { return "m/s" }
        if c.hasPrefix("power") { return "W" }
        return "-"
    }

    /// PSD unit, e.g. "m²/Hz" or "m²/(rad/s)".
    package static func psdUnit(_ column: String, _ unit: FrequencyUnit = .radPerSecond) -> String {
        let u = signalUnit(column)
        let squared = u.contains("/") || u.contains("·") ? "(\(u))²" : "\(u)²"
        return unit == .hertz ? "\(squared)/Hz" : "\(squared)/(rad/s)"
    }

    /// A readable channel name for a panel title. Tensions follow RAFT's order (ends A of all `lineCount`
    /// lines, then ends B) and RAFT's designs' convention that end A is the anchor and end B the fairlead.
    package static func displayName(_ column: String, lineCount: Int?, sharedLines: Bool = false) -> String {
        var c = channel(column)
        var rotor = ""
        if let r = c.ranges(of: "_r").last, let n = Int(c[r.upperBound...]) {
            rotor = " (rotor \(n))"
            c = String(c[..<r.lowerBound])
        }
        let names = ["wave": "wave elevation", "surge": "surge", "sway": "sway", "heave": "heave", "roll": "roll",
                     "pitch": "pitch", "yaw": "yaw", "AxRNA": "AxRNA: nacelle acceleration, x",
                     "AyRNA": "AyRNA: nacelle acceleration, y", "AzRNA": "AzRNA: nacelle acceleration, z",
                     "Mbase": "Mbase: tower-base bending moment", "omega": "omega: rotor speed",
                     "torque": "torque: generator torque", "bPitch": "bPitch: blade pitch"]
        if let n = names[c] { return n + rotor }
        if c.hasPrefix("Tmoor"), let k = Int(c.dropFirst(5)) {
            guard let nl = lineCount, nl > 0, k < 2 * nl else { return "Tmoor[\(k)]: line-end tension" + rotor }
            let line = k % nl + 1
            let end = sharedLines ? (k < nl ? "end A" : "end B") : (k < nl ? "anchor (end A)" : "fairlead (end B)")
            return "Tmoor[\(k)]: line \(line), \(end)" + rotor
        }
        return c + rotor
    }
}
