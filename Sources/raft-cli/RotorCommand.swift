import ArgumentParser
import Foundation
import RAFT
import RAFTIO
import RAFTReport

struct RotorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotor",
        abstract: "Steady rotor operating point (BEM, CCBlade-equivalent) or the power/thrust curve.",
        discussion: """
        Evaluates the rotor of the design's turbine as RAFT's calcAero does: rotor speed and blade pitch from the operating schedule (wt_ops), blade-element momentum with tip/hub losses and RAFT's airfoil smoothing, platform pitched by --platform-pitch.

        Examples:
          raft rotor designs/VolturnUS-S.yaml --wind 10.5
          raft rotor designs/VolturnUS-S.yaml --wind 12 --platform-pitch 4 --json
          raft rotor designs/VolturnUS-S.yaml --curve -o curve.csv

        JSON keys: Omega_rpm, pitch_deg, thrust_N, torque_Nm, power_W, Cp, Ct.
        """
    )

    @Argument(help: "Design YAML file with a turbine section.")
    var design: String

    @Option(help: "Hub-height wind speed [m/s].")
    var wind: Double?

    @Option(help: "Turbulence intensity (number) or IEC class such as IB_NTM (affects only the excitation).")
    var ti: String = "0"

    @Option(name: .customLong("yaw-misalign"), help: "Wind direction relative to the rotor axis [deg].")
    var yawMisalign: Double = 0

    @Option(name: .customLong("platform-pitch"), help: "Platform pitch [deg] (positive tilts the rotor downwind).")
    var platformPitch: Double = 0

    @Option(help: "Rotor index for multi-rotor turbines (0-based).")
    var rotor: Int = 0

    @Flag(help: "Steady power/thrust curve over the schedule's wind speeds instead of one operating point.")
    var curve = false

    @Option(name: .shortAndLong, help: "CSV file for --curve (default: print to stdout).")
    var output: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if !curve && wind == nil { throw ValidationError("give --wind U (m/s) for an operating point, or --curve") }
        if let w = wind, !(w.isFinite && w >= 0) { throw ValidationError("--wind must be a non-negative speed in m/s") }
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
            let speeds = r.scheduleWindSpeed.filter { $0 > 0 }
            let ops = r.steadyCurve(windSpeeds: speeds)
            let cols: [[Double]] = [ops.map(\.windSpeed), ops.map(\.rotorSpeedRPM), ops.map(\.pitchDeg), ops.map(\.thrust),
                                    ops.map(\.torque), ops.map(\.power), ops.map { coefficients($0).cp }, ops.map { coefficients($0).ct }]
            let text = CSV.table(header: ["wind_m_s", "Omega_rpm", "pitch_deg", "thrust_N", "torque_Nm", "power_W", "Cp", "Ct"], columns: cols)
            if let output { try withExitCodes { try AtomicFile.write(text, to: output) }; writeStdout("wrote \(output)") } else { print(text, terminator: "") }
            return
        }
        let u = wind!
        let turbulence: Turbulence = Double(ti).map { .intensity($0) } ?? .iec(ti)
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
        if json {
            writeStdout(JSONValue.object(values.map { ($0.0, .number($0.1)) }).serialized())
        } else {
            for (k, v) in values { writeStdout(k.padding(toLength: 11, withPad: " ", startingAt: 0) + fmt(v)) }
        }
    }
}
