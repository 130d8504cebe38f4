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

struct Mooring: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mooring line ends, tensions, seabed lengths and the 6x6 coupled stiffness at a platform offset.",
        discussion: """
        Solves the quasi-static catenary mooring (MoorPy 1.3.0 equivalent) with the platform at the given offset from its reference position and prints, per line, end positions, end tensions and the length lying on the seabed, then the mooring force and the analytic 6x6 stiffness about the platform reference point [N/m, N/rad, N·m/m, N·m/rad].

        Units: --offset is in m and deg (surge, sway, heave, roll, pitch, yaw), relative to the FOWT's reference position. The JSON gives it back as offset (m, deg) beside pose, the absolute pose the lines were solved at in RAFT's units (m and rad, reference position included), and lists both under units.

        Examples:
          raft mooring designs/OC3spar.yaml
          raft mooring designs/OC3spar.yaml --offset 20,0,0,0,3,0
              (surge 20 m, pitch 3 deg)
          raft mooring designs/VolturnUS-S.yaml --json
        """
    )

    @Argument(help: "Design YAML file (single FOWT with a mooring section).")
    var design: String

    @Option(help: ArgumentHelp("Platform offset from its reference position: surge, sway, heave in m, roll, pitch, yaw in deg (default: none).", valueName: "x,y,z,rx,ry,rz"))
    var offset: String?

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let offset = self.offset ?? "0,0,0,0,0,0"
        let parts = offset.split(separator: ",").map { Double($0.trimmingWhitespace()) }
        guard parts.count == 6, parts.allSatisfy({ $0 != nil && $0!.isFinite }) else {
            throw ValidationError("--offset needs 6 comma-separated numbers x,y,z,rx,ry,rz (m, deg), got '\(offset)'")
        }
        let o = parts.map { $0! }
        // Beyond these the catenary equations lose all precision (or overflow); no mooring is designed for them.
        guard o[0..<3].allSatisfy({ abs($0) <= 1e5 }), o[3..<6].allSatisfy({ abs($0) <= 360 }) else {
            throw ValidationError("--offset: translations must be within ±100000 m and rotations within ±360 deg, got '\(offset)'")
        }
        let d = try loadDesign(design, quiet: json)
        let report = try withExitCodes { () throws -> MooringPoseReport in
            var model = try Model(design: d)
            let e = d.fowts[0]
            let deg = Double.pi / 180
            let r = try model.mooringReport(fowt: 0, pose: [e.x + o[0], e.y + o[1], o[2], o[3] * deg, o[4] * deg, o[5] * deg])
            try requireFinite(JSONValue(r), "mooring at offset \(offset)")
            return r
        }
        if json {
            // `pose` is the absolute pose the lines were solved at (reference position + offset; m and rad, as
            // RAFT's r6); `offset` echoes --offset in the units it was given (m and deg).
            guard case .object(var pairs) = JSONValue(report) else { return }
            pairs.insert(("offset", .numbers(o)), at: 0)
            pairs.append(("units", .object([
                ("offset", .string("m, m, m, deg, deg, deg (surge, sway, heave, roll, pitch, yaw from the reference position)")),
                ("pose", .string("m, m, m, rad, rad, rad (absolute: reference position x, y + offset)")),
                ("endA_m", .string("m")), ("endB_m", .string("m")), ("force_N_Nm", .string("N, N, N, N·m, N·m, N·m")),
                ("stiffness", .string("N/m, N/rad (rows 0-2); N·m/m, N·m/rad (rows 3-5); about the PRP")),
            ])))
            writeStdout(JSONValue.object(pairs).serialized())
            return
        }
        writeStdout(MooringTable.text(report))
    }
}

/// `raft mooring` as text, 80 columns: per line its length, end tensions and length on the seabed, then its end
/// positions, the mooring force on the platform and the 6×6 stiffness labelled by DOF.
enum MooringTable {
    static func text(_ r: MooringPoseReport) -> String {
        var lines: [String] = []
        let tensions = r.lines.flatMap { [$0.tensionA, $0.tensionB] }
        let (tu, k) = NumberFormat.prefixed("N", scale: NumberFormat.scale(tensions))
        let ft = NumberFormat(values: tensions.map { $0 * k })
        let lengths = r.lines.flatMap { [$0.length, $0.lengthOnSeabed] }
        let fl = NumberFormat(values: lengths)
        var t = TextTable(header: ["line", "type", "length [m]", "on seabed [m]", "T anchor [\(tu)]", "T fairlead [\(tu)]"])
        for l in r.lines {
            t.append(["\(l.index)", l.type, fl.string(l.length), fl.string(l.lengthOnSeabed), ft.string(l.tensionA * k), ft.string(l.tensionB * k)])
        }
        lines.append("mooring lines (end A = anchor, end B = fairlead)")
        lines += t.render(width: RunTable.width)
        lines.append("")
        let ends = r.lines.flatMap { $0.endA + $0.endB }
        let fe = NumberFormat(values: ends)
        var e = TextTable(header: ["line", "A x [m]", "A y [m]", "A z [m]", "B x [m]", "B y [m]", "B z [m]"])
        for l in r.lines { e.append(["\(l.index)"] + (l.endA + l.endB).map(fe.string)) }
        lines.append("line end positions (global, m)")
        lines += e.render(width: RunTable.width)
        lines.append("")
        lines.append("mooring force on the platform about the PRP [N, N·m]")
        lines += MatrixText.vector(r.force, labels: MatrixText.dofs, indent: 2)
        lines.append("")
        lines.append("mooring stiffness about the PRP [N/m, N/rad, N·m/m, N·m/rad]")
        lines.append("(rows: force and moment, columns: displacement and rotation)")
        lines += MatrixText.matrix(r.stiffness, indent: 2)
        return lines.joined(separator: "\n")
    }
}
