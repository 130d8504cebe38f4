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

struct Eigen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Natural frequencies, periods and mode shapes at the unloaded equilibrium.",
        discussion: """
        Solves the unloaded equilibrium (weight, buoyancy, mooring), then the eigenproblem of M⁻¹C with M = M_struc + A_hydro_morison and C = C_struc + C_hydro + C_moor (+ platform yaw_stiffness), as RAFT's solveEigen does. Modes are ordered by the DOF that dominates them (surge, sway, heave, roll, pitch, yaw); for flexible (beam) FOWTs, by ascending frequency over the reduced DOFs. An unstable design (a non-positive restoring stiffness, e.g. a free cylinder with negative pitch stiffness) exits with code 3 and says which DOF.

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
            let e = try analyzeUnloadedEigen(d).eigen
            try requireFinite(.object([("natural_frequencies_Hz", .numbers(e.frequenciesHz)), ("modes", .matrix(e.modes))]), "eigen analysis")
            return e
        }
        if json {
            writeStdout(JSONValue(e).serialized())
            return
        }
        writeStdout(EigenTable.text(e))
    }
}

/// `raft eigen` as text: labelled natural frequencies and periods, then the mode shapes (rows: DOFs of the PRP,
/// columns: modes), both wrapped by column blocks to 80 characters.
enum EigenTable {
    static func text(_ e: EigenResult) -> String {
        let rigid = e.frequenciesHz.count == 6
        var lines = MatrixText.wrap(text: rigid ? "natural frequencies and periods at the unloaded equilibrium (mode j is dominated by DOF j)"
                                    : "natural frequencies and periods at the unloaded equilibrium (\(e.frequenciesHz.count) modes of the reduced DOFs, ascending)",
                                    first: "", width: RunTable.width, indent: 0)
        lines += RunTable.eigenTable(e)
        lines.append("")
        lines += MatrixText.wrap(text: rigid ? "mode shapes (column j = mode j; translations in m, rotations in rad; unit length)"
                                 : "mode shapes at the PRP (column j = mode j; translations in m, rotations in rad)",
                                 first: "", width: RunTable.width, indent: 0)
        let modeNames = rigid ? MatrixText.dofs : e.frequenciesHz.indices.map { "mode \($0)" }
        let rows = Array(e.modes.prefix(6))
        let f = NumberFormat(values: rows.flatMap { $0 }, digits: 4)
        var t = TextTable(header: [""] + modeNames)
        for (i, r) in rows.enumerated() { t.append([MatrixText.dofs[i]] + r.map(f.string)) }
        lines += t.render(width: RunTable.width)
        return lines.joined(separator: "\n")
    }
}

struct Properties: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mass, hydrostatics, strip-theory added mass and mooring stiffness of each FOWT.",
        discussion: """
        Prints RAFT's static properties under RAFT's names: M_struc, C_struc, C_hydro, A_hydro_morison, W_struc, W_hydro, rCG, rCG_sub, rCB, V, m_sub, m_shell, m_ballast, total mass, AWP, metacentric heights. Matrices are 6x6 row-major (SI units, rotations in rad) about the platform reference point (flexible FOWTs: nDOF x nDOF in the reduced DOFs listed under dofs as [node, dof]). At the unloaded pose the unloaded equilibrium is solved and offset_unloaded, C_moor (at that pose), C_moor0 and F_moor0 (undisplaced, finite differences) are added.

        The text output labels every matrix row and column by DOF and gives its units; --json gives full precision.

        Examples:
          raft properties designs/OC3spar.yaml
          raft properties designs/OC4semi.yaml --pose undisplaced
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
            let props = try designProperties(d, pose: p).map { JSONValue($0) }
            try requireFinite(.array(props), "properties")
            return props
        }
        if json {
            writeStdout(JSONValue.object([("fowts", .array(props))]).serialized())
            return
        }
        writeStdout(PropertiesTable.text(props))
    }
}

/// `raft properties` as text: every entry with its unit; 6×6 matrices labelled by DOF and wrapped by column blocks.
enum PropertiesTable {
    /// Units of RAFT's property names.
    static func unit(_ name: String) -> String {
        switch name {
        case "M_struc", "M_struc_sub", "A_hydro_morison", "A support structure", "M support structure":
            return "kg, kg·m, kg·m² (rows and columns surge … yaw)"
        case let n where n.hasPrefix("C_") || n.hasPrefix("C "):
            return "N/m, N/rad, N·m/m, N·m/rad (rows: force, columns: displacement)"
        case let n where n.hasPrefix("B_"): return "N·s/m, N·m·s/rad"
        case "W_struc", "W_hydro", "F_moor0", "F_lines0": return "N, N·m"
        case "rCG", "rCG_sub", "rCB", "rCG_tow", "zMeta", "GM_roll", "GM_pitch", "center of buoyancy": return "m"
        case "V": return "m³"
        case "AWP": return "m²"
        case "m_sub", "m_shell", "total mass", "m_ballast", "mtower": return "kg"
        case "pb": return "kg/m³"
        case "buoyancy (pgV)": return "N"
        case let n where n.hasPrefix("Ixx"): return "kg·m²"
        case "offset_unloaded": return "m, rad"
        default: return ""
        }
    }

    static func text(_ props: [JSONValue]) -> String {
        var lines: [String] = []
        for (i, obj) in props.enumerated() {
            if props.count > 1 { lines.append("FOWT \(i)") }
            guard case .object(let pairs) = obj else { continue }
            var scalars = TextTable(header: ["", ""])
            scalars.indent = 0
            func flushScalars() {
                guard !scalars.rows.isEmpty else { return }
                lines += scalars.render(width: RunTable.width).dropFirst()
                scalars.rows = []
                scalars.trailers = []
            }
            for (k, v) in pairs {
                let u = unit(k)
                let label = u.isEmpty ? "\(k):" : "\(k) [\(u)]:"
                switch v {
                case .number(let x):
                    scalars.append([k, NumberFormat(values: [x]).string(x)], trailer: u)
                case .array(let items) where items.allSatisfy({ if case .array = $0 { return true }; return false }):
                    flushScalars()
                    let rows: [[Double]] = items.map { row in
                        guard case .array(let xs) = row else { return [] }
                        return xs.compactMap { if case .number(let x) = $0 { return x }; return nil }
                    }
                    lines.append(label)
                    if rows.count == 1 || rows.allSatisfy({ $0.count == 3 }) && rows.count != 3 {
                        for r in rows { lines += MatrixText.vector(r, labels: ["x", "y", "z"].prefix(r.count).map { $0 }) }
                    } else {
                        lines += MatrixText.matrix(rows)
                    }
                case .array(let items) where items.allSatisfy({ if case .number = $0 { return true }; return false }):
                    let xs = items.compactMap { if case .number(let x) = $0 { return x }; return nil }
                    if xs.count == 1 {
                        scalars.append([k, NumberFormat(values: xs).string(xs[0])], trailer: u)
                        continue
                    }
                    flushScalars()
                    lines.append(label)
                    let labels = xs.count == 6 ? MatrixText.dofs : xs.count == 3 && (k.hasPrefix("r") || k.hasPrefix("Ixx"))
                        ? (k.hasPrefix("Ixx") ? ["Ixx", "Iyy", "Izz"] : ["x", "y", "z"]) : xs.indices.map(String.init)
                    lines += MatrixText.vector(xs, labels: labels)
                default:
                    flushScalars()
                    lines += MatrixText.wrap(text: v.serialized(indent: nil), first: label, width: RunTable.width)
                }
            }
            flushScalars()
        }
        return lines.joined(separator: "\n")
    }
}
