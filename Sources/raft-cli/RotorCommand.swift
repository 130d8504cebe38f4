import ArgumentParser
#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import RAFTIO
import RAFTReport

struct RotorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotor",
        abstract: "Steady rotor operating point (BEM, CCBlade-equivalent) or the power/thrust curve.",
        usage: """
        raft rotor <design> --wind <m/s> [--ti <TI>] [--yaw-misalign <deg>]
                   [--platform-pitch <deg>] [--rotor <i>] [--json]
        raft rotor <design> --curve [--speeds <list>] [-o <csv>] [--json]
        """,
        discussion: """
        Evaluates the rotor of the design's turbine as RAFT's calcAero does: rotor speed and blade pitch from the operating schedule (wt_ops), blade-element momentum with tip/hub losses and RAFT's airfoil smoothing, platform pitched by --platform-pitch.

        Examples:
          raft rotor designs/VolturnUS-S.yaml --wind 10.5
          raft rotor designs/VolturnUS-S.yaml --wind 12 --platform-pitch 4 --json
          raft rotor designs/VolturnUS-S.yaml --curve
          raft rotor designs/VolturnUS-S.yaml --curve --speeds 4:24:2 -o curve.csv
          raft rotor designs/VolturnUS-S.yaml --curve --json

        JSON keys (SI units, named with them): Omega_rpm, pitch_deg, thrust_N, torque_Nm, power_W, Cp, Ct; with --curve the same keys plus wind_m_s, each a list over the wind speeds (also the CSV columns).
        """
    )

    @Argument(help: "Design YAML file with a turbine section.")
    var design: String

    @Option(help: ArgumentHelp("Hub-height wind speed [m/s].", valueName: "m/s"))
    var wind: Double?

    @Option(help: ArgumentHelp("Turbulence intensity (number) or IEC class such as IB_NTM (affects only the excitation).", valueName: "TI"))
    var ti: String = "0"

    @Option(name: .customLong("yaw-misalign"), help: ArgumentHelp("Wind direction relative to the rotor axis [deg].", valueName: "deg"))
    var yawMisalign: Double = 0

    @Option(name: .customLong("platform-pitch"), help: ArgumentHelp("Platform pitch [deg] (positive tilts the rotor downwind).", valueName: "deg"))
    var platformPitch: Double = 0

    @Option(help: "Rotor index for multi-rotor turbines (0-based).")
    var rotor: Int = 0

    @Flag(help: "Steady power/thrust curve (a table of wind speed, rotor speed, pitch, thrust, torque, power, Cp, Ct) instead of one operating point; wind speeds from --speeds.")
    var curve = false

    @Option(name: .customLong("speeds"), help: ArgumentHelp(
        "Wind speeds for --curve [m/s]: a list (4,6,8) or START:STOP:STEP (3:25:0.5), or 'schedule' for the wind speeds of the design's wt_ops table.",
        discussion: "Default: every whole m/s from cut-in to cut-out (the first and last wt_ops speeds with a non-zero rotor speed).",
        valueName: "LIST"))
    var speeds: String?

    @Option(name: .shortAndLong, help: "CSV file for --curve (default: a table on stdout).")
    var output: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if !curve && wind == nil { throw ValidationError("give --wind U (m/s) for an operating point, or --curve") }
        if let w = wind, !(w.isFinite && w >= 0) { throw ValidationError("--wind must be a non-negative speed in m/s") }
    }

    /// The --curve wind speeds [m/s].
    func curveSpeeds(_ r: Rotor) throws -> [Double] {
        let operating = zip(r.scheduleWindSpeed, r.scheduleRotorSpeedRPM).filter { $0.0 > 0 && $0.1 > 0 }.map(\.0)
        guard let spec = speeds else {
            guard let lo = operating.min(), let hi = operating.max() else { return r.scheduleWindSpeed.filter { $0 > 0 } }
            let first = lo.rounded(.up), last = hi.rounded(.down)
            return first <= last ? stride(from: first, through: last, by: 1).map { $0 } : [lo, hi]
        }
        if spec == "schedule" { return r.scheduleWindSpeed.filter { $0 > 0 } }
        let bad = ValidationError("--speeds: expected a list of wind speeds in m/s (4,6,8), START:STOP:STEP (3:25:0.5) or 'schedule', got '\(spec)'")
        if spec.contains(":") {
            let p = spec.split(separator: ":").map { Double($0.trimmingWhitespace()) }
            guard p.count == 3, let a = p[0], let b = p[1], let h = p[2], a.isFinite, b.isFinite, h.isFinite, a >= 0, b >= a, h > 0,
                  (b - a) / h <= 10_000 else { throw bad }
            return stride(from: a, through: b + h * 1e-9, by: h).map { min($0, b) }
        }
        let list = spec.split(separator: ",").map { Double($0.trimmingWhitespace()) }
        guard !list.isEmpty, list.allSatisfy({ $0 != nil && $0!.isFinite && $0! >= 0 }) else { throw bad }
        return list.map { $0! }
    }

    func run() throws {
        let d = try loadDesign(design, quiet: json)
        guard let ti0 = d.fowts.first?.turbineIndex else {
            printError("error: \(d.file): turbine: this design has no turbine section")
            throw ExitCode(ExitCodes.badInput)
        }
        let turbine = d.turbines[ti0]
        guard rotor >= 0 && rotor < turbine.rotorCount else {
            throw ValidationError("--rotor must be in 0..<\(turbine.rotorCount)")
        }
        let grid = FrequencyGrid(settings: d.settings)
        var r = try withExitCodes { try Rotor(turbine: turbine, site: d.site, frequencies: grid.omega, index: rotor) }
        let radius = r.tipRadius
        let area = Double.pi * radius * radius
        func coefficients(_ op: OperatingPoint) -> (cp: Double, ct: Double) {
            let u = op.windSpeed
            guard u > 0 else { return (0, 0) }
            let q = 0.5 * d.site.rhoAir * area
            return (op.power / (q * u * u * u), op.thrust / (q * u * u))
        }
        if curve {
            let speeds = try curveSpeeds(r)
            let ops = r.steadyCurve(windSpeeds: speeds)
            let cols: [[Double]] = [ops.map { $0.windSpeed }, ops.map { $0.rotorSpeedRPM }, ops.map { $0.pitchDeg }, ops.map { $0.thrust },
                                    ops.map { $0.torque }, ops.map { $0.power }, ops.map { coefficients($0).cp }, ops.map { coefficients($0).ct }]
            try withExitCodes { try requireFinite(.array(cols.map { .numbers($0) }), "power/thrust curve") }
            let header = ["wind_m_s", "Omega_rpm", "pitch_deg", "thrust_N", "torque_Nm", "power_W", "Cp", "Ct"]
            if let output {
                let text = CSV.table(header: header, columns: cols)
                try withExitCodes { try AtomicFile.write(text, to: output) }
                if !json { writeStdout("wrote \(output)") }
            }
            if json {
                writeStdout(JSONValue.object(zip(header, cols).map { ($0.0, .numbers($0.1)) }).serialized())
            } else if output == nil {
                writeStdout(RotorTable.curve(cols))
            }
            return
        }
        let u = wind!
        guard let turbulence = Turbulence.parse(ti) else {
            throw ValidationError("--ti: expected a turbulence intensity in [0, 1] (e.g. 0.1) or an IEC class such as IB_NTM, got '\(ti)'")
        }
        let op = try withExitCodes { () throws -> OperatingPoint in
            let p = platformPitch * Double.pi / 180
            let node = rotationMatrix(roll: 0, pitch: p, yaw: 0) * r.rRel
            r.setPosition(nodePose: [node.x, node.y, node.z, 0, p, 0])
            _ = try r.calcAero(RotorCase(windSpeed: u, windHeadingDeg: yawMisalign, turbulence: turbulence))
            guard let op = r.operatingPoint else { throw SolveError.unsupported("the rotor produced no operating point") }
            return op
        }
        let (cp, ct) = coefficients(op)
        let values: [(String, Double)] = [("Omega_rpm", op.rotorSpeedRPM), ("pitch_deg", op.pitchDeg), ("thrust_N", op.thrust),
                                          ("torque_Nm", op.torque), ("power_W", op.power), ("Cp", cp), ("Ct", ct)]
        try withExitCodes { try requireFinite(.object(values.map { ($0.0, .number($0.1)) }), "rotor operating point at --wind \(u)") }
        if json {
            writeStdout(JSONValue.object(values.map { ($0.0, .number($0.1)) }).serialized())
        } else {
            writeStdout(RotorTable.operatingPoint(values, wind: u))
        }
    }
}

/// `raft rotor` as text.
enum RotorTable {
    /// Names, units and display factors of the rotor quantities.
    static let columns: [(label: String, unit: String)] = [
        ("wind speed", "m/s"), ("rotor speed", "rpm"), ("blade pitch", "deg"), ("thrust", "N"), ("torque", "N*m"),
        ("power", "W"), ("Cp", "-"), ("Ct", "-"),
    ]

    static func operatingPoint(_ values: [(String, Double)], wind: Double) -> String {
        var t = TextTable(header: ["", ""])
        t.indent = 0
        let all = [wind] + values.map(\.1)
        for (i, c) in columns.enumerated() where i < all.count {
            let (u, k) = NumberFormat.prefixed(c.unit, scale: abs(all[i]))
            t.append([c.label, NumberFormat(values: [all[i] * k]).string(all[i] * k)], trailer: u)
        }
        return t.render(width: RunTable.width).dropFirst().joined(separator: "\n")
    }

    /// The steady power/thrust curve: one row per wind speed, one format and unit per column (units in the
    /// second header line).
    static func curve(_ cols: [[Double]]) -> String {
        let names = ["wind", "rotor", "pitch", "thrust", "torque", "power", "Cp", "Ct"]
        var units: [String] = []
        var scaled: [[Double]] = []
        for (i, c) in columns.enumerated() where i < cols.count {
            let (u, k) = NumberFormat.prefixed(c.unit, scale: NumberFormat.scale(cols[i]))
            units.append(u)
            scaled.append(cols[i].map { $0 * k })
        }
        let formats = scaled.enumerated().map { NumberFormat(values: $0.element, digits: $0.offset == 0 ? 3 : 4) }
        var t = TextTable(header: Array(names.prefix(scaled.count)))
        t.indent = 0
        t.append(units)
        for r in 0..<(cols.first?.count ?? 0) {
            t.append(scaled.indices.map { formats[$0].string(scaled[$0][r]) })
        }
        var lines = ["steady power/thrust curve (rigid rotor, no platform motion; rotor speed and blade pitch from wt_ops)"]
        lines = MatrixText.wrap(text: lines[0], first: "", width: RunTable.width, indent: 0)
        return (lines + t.render(width: RunTable.width)).joined(separator: "\n")
    }
}
