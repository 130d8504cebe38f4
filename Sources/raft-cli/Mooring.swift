import ArgumentParser
import Foundation
import RAFT
import RAFTIO
import RAFTReport

struct Mooring: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mooring line ends, tensions, seabed lengths and the 6x6 coupled stiffness at a platform offset.",
        discussion: """
        Solves the quasi-static catenary mooring (MoorPy 1.3.0 equivalent) with the platform at the given offset from its reference position and prints, per line, end positions, end tensions and the length lying on the seabed, then the mooring force and the analytic 6x6 stiffness about the platform reference point [N/m, N, N·m/rad].

        Examples:
          raft mooring designs/OC3spar.yaml
          raft mooring designs/OC3spar.yaml --offset 20,0,0,0,3,0
              (surge 20 m, pitch 3 deg)
          raft mooring designs/VolturnUS-S.yaml --json
        """
    )

    @Argument(help: "Design YAML file (single FOWT with a mooring section).")
    var design: String

    @Option(help: "Platform offset x,y,z,rx,ry,rz (m and deg; default all zero).")
    var offset: String = "0,0,0,0,0,0"

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let parts = offset.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 6, parts.allSatisfy({ $0 != nil && $0!.isFinite }) else {
            throw ValidationError("--offset needs 6 comma-separated numbers x,y,z,rx,ry,rz (m, deg), got '\(offset)'")
        }
        let o = parts.map { $0! }
        let d = try loadDesign(design, quiet: json)
        let report = try withExitCodes { () throws -> MooringPoseReport in
            var model = try Model(design: d)
            let e = d.fowts[0]
            let deg = Double.pi / 180
            return try model.mooringReport(fowt: 0, pose: [e.x + o[0], e.y + o[1], o[2], o[3] * deg, o[4] * deg, o[5] * deg])
        }
        if json { writeStdout(JSONValue(report).serialized()); return }
        func list(_ xs: [Double]) -> String { JSONValue.numbers(xs).serialized(indent: nil) }
        writeStdout("line  type          length [m]   tension A [N]   tension B [N]   on seabed [m]   end A [m] -> end B [m]")
        for l in report.lines {
            writeStdout("\(l.index)".padding(toLength: 6, withPad: " ", startingAt: 0) + l.type.padding(toLength: 12, withPad: " ", startingAt: 0)
                        + fmt(l.length).leftPad(12) + fmt(l.tensionA).leftPad(16) + fmt(l.tensionB).leftPad(16)
                        + fmt(l.lengthOnSeabed).leftPad(16) + "   " + list(l.endA) + " -> " + list(l.endB))
        }
        writeStdout("mooring force on the platform [N, N·m]: " + list(report.force))
        writeStdout("stiffness about the PRP:")
        for r in report.stiffness { writeStdout("    " + list(r)) }
    }
}
