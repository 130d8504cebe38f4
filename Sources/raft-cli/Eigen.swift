import ArgumentParser
import Foundation
import RAFT
import RAFTIO
import RAFTReport

struct Eigen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Natural frequencies, periods and mode shapes at the unloaded equilibrium.",
        discussion: """
        Solves the unloaded equilibrium (weight, buoyancy, mooring), then the eigenproblem of M⁻¹C with M = M_struc + A_hydro_morison and C = C_struc + C_hydro + C_moor (+ platform yaw_stiffness), as RAFT's solveEigen does. Modes are ordered by the DOF that dominates them (surge, sway, heave, roll, pitch, yaw). An unstable design (a non-positive restoring stiffness, e.g. a free cylinder with negative pitch stiffness) exits with code 3 and says which DOF.

        Examples:
          raft eigen designs/OC3spar.yaml
          raft eigen designs/VolturnUS-S.yaml --json > eigen.json
        """
    )

    @Argument(help: "Design YAML file (single FOWT).")
    var design: String

    @Flag(help: "Print JSON: {natural_frequencies_Hz, periods_s, modes} (modes[i][j] = DOF i of mode j).")
    var json = false

    func run() throws {
        let d = try loadDesign(design, quiet: json)
        let e = try withExitCodes { () throws -> EigenResult in
            var model = try Model(design: d)
            guard model.fowtCount == 1, d.arrayMooring == nil else {
                throw SolveError.unsupported("raft eigen needs a single-FOWT design (RAFT has no unloaded equilibrium for farms); `raft run` reports eigen_after_cases for farms")
            }
            _ = try model.analyzeUnloaded()
            return try model.solveEigen()
        }
        if json {
            writeStdout(JSONValue(e).serialized())
            return
        }
        let names = ["surge", "sway", "heave", "roll", "pitch", "yaw"]
        writeStdout("mode    frequency [Hz]   period [s]   shape (surge, sway, heave, roll, pitch, yaw)")
        for j in e.frequenciesHz.indices {
            let shape = e.modes.map { fmt($0[j]) }.joined(separator: ", ")
            let name = j < names.count ? names[j] : "\(j)"
            writeStdout(name.padding(toLength: 8, withPad: " ", startingAt: 0) + fmt(e.frequenciesHz[j]).leftPad(14)
                        + fmt(e.periodsS[j]).leftPad(13) + "   [" + shape + "]")
        }
    }
}

struct Properties: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mass, hydrostatics, strip-theory added mass and mooring stiffness of each FOWT.",
        discussion: """
        Prints RAFT's static properties under RAFT's names: M_struc, C_struc, C_hydro, A_hydro_morison, W_struc, W_hydro, rCG, rCG_sub, rCB, V, m_sub, m_shell, m_ballast, total mass, AWP, metacentric heights. Matrices are 6x6 row-major (SI units, rotations in rad) about the platform reference point. With --pose unloaded (the default) the unloaded equilibrium is solved and offset_unloaded, C_moor (at that pose), C_moor0 and F_moor0 (undisplaced, finite differences) are added.

        Examples:
          raft properties designs/OC3spar.yaml
          raft properties designs/VolturnUS-S.yaml --json --pose undisplaced
        """
    )

    @Argument(help: "Design YAML file.")
    var design: String

    @Flag(help: "Print JSON: {\"fowts\": [{...}]}.")
    var json = false

    @Option(help: "undisplaced (zero offsets) or unloaded (equilibrium without environment; needs a mooring).")
    var pose: String = "unloaded"

    func run() throws {
        guard let p = PropertiesPose(rawValue: pose) else {
            throw ValidationError("--pose must be undisplaced or unloaded, got '\(pose)'")
        }
        let d = try loadDesign(design, quiet: json)
        let props = try withExitCodes { () throws -> [JSONValue] in
            var model = try Model(design: d)
            if p == .unloaded && model.fowtCount > 1 {
                throw SolveError.unsupported("--pose unloaded needs a single-FOWT design; use --pose undisplaced for farms")
            }
            return try (0..<model.fowtCount).map { JSONValue(try model.properties(fowt: $0, pose: p)) }
        }
        if json {
            writeStdout(JSONValue.object([("fowts", .array(props))]).serialized())
            return
        }
        for (i, obj) in props.enumerated() {
            if props.count > 1 { writeStdout("FOWT \(i)") }
            guard case .object(let pairs) = obj else { continue }
            for (k, v) in pairs {
                if case .array(let rows) = v, case .array = rows.first {
                    writeStdout("\(k):")
                    for r in rows { writeStdout("    " + r.serialized(indent: nil)) }
                } else {
                    writeStdout("\(k): \(v.serialized(indent: nil))")
                }
            }
        }
    }
}
