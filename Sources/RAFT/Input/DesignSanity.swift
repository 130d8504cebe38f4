#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

extension Design {
    /// Design sanity warnings that RAFT does not give: inputs that are valid but almost certainly not what the
    /// engineer meant. They change no number (RAFT runs such designs as they are, or fails later with a less
    /// helpful message); `raft check` and `raft run` print them on stderr.
    ///
    /// * cases with wind (`wind_speed > 0`) on a design where no FOWT has a turbine: the wind loads nothing;
    /// * a FOWT without mooring (neither its own nor a shared array mooring): surge and sway (and yaw, unless
    ///   `yaw_stiffness` is given) have no restoring stiffness, so the unloaded equilibrium and eigen analysis fail;
    /// * `pitch_control.GS_Angles` beyond 2π: RAFT reads them in radians; values like 5 … 90 are degrees.
    package var sanityWarnings: [Diagnostics.Warning] {
        var out: [Diagnostics.Warning] = []
        func warn(_ path: YAMLPath, _ message: String) { out.append(.init(file: (file).pathLastComponent, path: path, message: message)) }
        let casesPath = YAMLPath.root.appending(key: "cases").appending(key: "data")
        if let table = cases, fowts.allSatisfy({ $0.turbineIndex == nil }) {
            let windy = table.cases.filter { $0.windSpeed > 0 }
            if let first = windy.first {
                let list = windy.prefix(8).map { "\($0.index)" }.joined(separator: ", ") + (windy.count > 8 ? ", ..." : "")
                warn(casesPath.appending(index: first.index),
                     "case\(windy.count > 1 ? "s" : "") \(list) \(windy.count > 1 ? "have" : "has") wind (wind_speed > 0) but the design has no turbine: the wind loads nothing (add a turbine section, or set wind_speed to 0)")
            }
        }
        for (i, f) in fowts.enumerated() where f.mooringIndex == nil && arrayMooring == nil {
            let yaw = platforms.indices.contains(f.platformIndex) && platforms[f.platformIndex].yawStiffness > 0
            let dofs = yaw ? "surge and sway have" : "surge, sway and yaw have"
            warn(isArray ? YAMLPath.root.appending(key: "array").appending(key: "data").appending(index: i) : YAMLPath.root.appending(key: "mooring"),
                 "\(fowts.count > 1 ? "FOWT \(i) has" : "the design has") no mooring: \(dofs) no restoring stiffness, so the unloaded equilibrium and the eigen analysis will fail (unstable system); add a mooring section\(yaw ? "" : " (or platform.yaw_stiffness for yaw)")")
        }
        for (t, turbine) in turbines.enumerated() {
            let angles = turbine.pitchControl.angles
            if let big = angles.map(abs).max(), big > 2 * Double.pi {
                let path = (turbines.count > 1 ? YAMLPath.root.appending(key: "turbines").appending(index: t) : YAMLPath.root.appending(key: "turbine"))
                    .appending(key: "pitch_control").appending(key: "GS_Angles")
                warn(path, "values up to \(String(cFormat: "%g", big)) look like degrees: RAFT reads the gain-schedule pitch angles in radians (\(String(cFormat: "%g", big)) rad = \(String(cFormat: "%.0f", big * 180 / Double.pi)) deg); convert with × π/180")
            }
        }
        return out
    }
}
