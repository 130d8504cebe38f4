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

struct BEMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bem",
        abstract: "Mesh the potential-flow (potMod) members and solve them with the panel method; write WAMIT files.",
        usage: """
        raft bem <design> [--output <output>] [--headings <headings>]
                 [--mesh-hydrostatics] [--quiet]
        """,
        discussion: """
        Does natively what RAFT 2.0.4 does with pyHAMS for potModMaster 0/2:
        meshes the platform members flagged potMod (potModMaster 2 or 3: every
        platform member; rectangular members only with platform setting
        rectangularMesh_BEM: closed) with RAFT's mesher (dz_BEM, da_BEM), and
        solves radiation and diffraction in infinite depth (HAMS's
        formulation, as in RAFT's pyHAMS runs; settings bem_depth: finite
        solves in site.water_depth) at RAFT's BEM frequencies
        ω_k = k·2π·min_freq_BEM up to the design's max_freq, heading 0 (or
        --headings), plus the zero- and infinite-frequency added mass
        (platform setting lid_BEM: true removes the irregular frequencies with
        an interior waterplane lid). One solve per platform type; progress on
        stderr.

        Files (per platform type; NAME = design file stem, NAME_platform<k>
        when the design has several platform types):
          NAME.1    added mass and damping as pyHAMS writes Buoy.1:
                    PER I J A/ρ B/(ρω); PER -1 = zero, PER 0 = infinite frequency
          NAME.3    excitation X/(ρg) per unit amplitude: PER β I |X| phase Re Im
          NAME.hst  RAFT's C_hydro/(ρg), as pyHAMS writes it (not the mesh's);
                    with --mesh-hydrostatics the mesh's own hydrostatic
                    stiffness/(ρg) (waterplane and buoyancy, WAMIT's
                    convention, no body weight: C33 = Awp, C44 = ∫y²dA + V zB,
                    C46 = −V xB, ...)
          NAME.pnl  the mesh in HAMS format (RAFT's HullMesh.pnl)
          NAME.gdf  the mesh in WAMIT low-order format
        SI units, ULEN = 1, g = 9.80665 (HAMS's), about the platform reference
        point.

        Read them back instead of re-solving (or use them in OpenFAST/HydroDyn):
          platform: {potModMaster: 3, potFirstOrder: 1, hydroPath: DIR/NAME}

        Results are cached in ~/.cache/swift-raft/bem, keyed by the exact mesh,
        frequencies, headings, depth and lid setting (RAFT_CACHE_DIR moves it,
        RAFT_NO_CACHE=1 turns it off); `raft run` uses the same cache.

        Examples:
          raft bem examples/VolturnUS-S_BEM.yaml    (writes bem-out/VolturnUS-S_BEM/)
          raft bem examples/VolturnUS-S_BEM.yaml -o hydro --headings 0,30,60,90
        """
    )

    @Argument(help: "Design YAML file (RAFT input format) with potMod members.")
    var design: String

    @Option(name: .shortAndLong, help: "Output folder (default bem-out/<design file stem>).")
    var output: String?

    @Option(help: "Wave headings in deg, comma separated (default 0, as RAFT).")
    var headings: String?

    @Flag(help: "Write NAME.hst from the mesh's hydrostatics (waterplane and buoyancy integrated over the panels) instead of RAFT's C_hydro.")
    var meshHydrostatics = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    func run() throws {
        let d = try loadDesign(design, quiet: quiet)
        let stem = URL(fileURLWithPath: design).deletingPathExtension().lastPathComponent
        let dir = output ?? "bem-out/\(stem)"
        var heads: [Double]?
        if let h = headings {
            let parts = h.split(separator: ",").map { Double($0.trimmingWhitespace()) }
            guard !parts.isEmpty, parts.allSatisfy({ $0?.isFinite == true }) else {
                printError("error: --headings: expected degrees separated by commas (e.g. 0,30,60), got '\(h)'")
                throw ExitCode(ExitCodes.badInput)
            }
            heads = parts.map { $0! }
        }
        try withExitCodes { try OutputFolder.requireWritable(dir) }
        let runs = try withExitCodes { try Model(design: d).bemRuns() }
        guard !runs.isEmpty else {
            printError("error: \(design): no platform member is potential flow: set potMod: true on the members to mesh (with potModMaster: 0), or potModMaster: 2")
            throw ExitCode(ExitCodes.badInput)
        }
        let status = BEMStatusPrinter.make(quiet: quiet)
        for run in runs {
            var problem = run.problem
            if let heads { problem.headingsDeg = heads }
            let name = runs.count == 1 ? stem : "\(stem)_platform\(run.platform + 1)"
            let start = Date()
            let nf = problem.omega.count, panels = problem.mesh.panels.count
            status?(.solving(platform: run.platform, panels: panels, frequencies: nf))
            let (c, cached) = try withExitCodes { try problem.solve(progress: status.map { s in { s(.frequency(done: $0, total: $1)) } }) }
            status?(.done(platform: run.platform, panels: panels, frequencies: nf, seconds: Date().timeIntervalSince(start), cached: cached))
            let files = try withExitCodes {
                try BEMFiles.write(c, mesh: problem.mesh, hydrostaticStiffness: run.hydrostaticStiffness, rho: run.rho,
                                   gravity: problem.gravity, to: dir, name: name, meshHydrostatics: meshHydrostatics)
            }
            if !quiet {
                writeStdout(String(cFormat: "platform %d: %d panels, %d frequencies %.4g…%.4g rad/s, headings ",
                                   run.platform + 1, panels, nf, problem.omega.first ?? 0, problem.omega.last ?? 0)
                            + problem.headingsDeg.map { fmt($0) }.joined(separator: ",") + " deg, "
                            + (problem.waterDepth.map { "water depth \(fmt($0)) m (settings.bem_depth: finite)" } ?? "infinite depth"))
                writeStdout("wrote " + files.joined(separator: ", "))
                writeStdout("use: platform: {potModMaster: 3, potFirstOrder: 1, hydroPath: \((dir).pathAppending(name))}")
            }
        }
    }
}

/// BEM progress on stderr: panel and frequency counts, a frequency counter on a terminal, the time taken.
enum BEMStatusPrinter {
    static func make(quiet: Bool) -> (@Sendable (BEMStatus) -> Void)? {
        guard !quiet else { return nil }
        let tty = isatty(2) != 0
        return { s in
            switch s {
            case .solving(let p, let panels, let nf):
                printError("BEM platform \(p + 1): \(panels) panels, \(nf) frequencies")
            case .frequency(let done, let total):
                if tty { writeAll(2, "\r  frequency \(done)/\(total)") }
            case .done(let p, _, _, let seconds, let cached):
                if tty { writeAll(2, "\r\u{1B}[K") }
                printError(cached ? String(cFormat: "BEM platform %d: coefficients from the cache (%.2f s)", p + 1, seconds)
                                  : String(cFormat: "BEM platform %d: solved in %.1f s", p + 1, seconds))
            }
        }
    }
}
