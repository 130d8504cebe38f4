#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import ArgumentParser
import RAFT
import RAFTIO
import RAFTReport

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load and validate a design; print a short summary.",
        discussion: """
        Exits 0 when the design is valid, 2 with a message naming the file, the YAML path and what was expected when it is not. Unknown keys and design sanity checks (wind on a design without a turbine, a floating platform without mooring, angles that look like degrees where RAFT expects radians) are reported as warnings on stderr. The WAMIT files named by hydroPath and the array_mooring file are read too.

        Examples:
          raft check designs/OC3spar.yaml
          raft check designs/VolturnUS-S.yaml --json
          raft check -q designs/*.yaml && echo all valid
        """
    )

    @Argument(help: "Design YAML file (RAFT input format).")
    var design: String

    @Flag(name: .shortAndLong, help: "Print only errors (no warnings, no summary); the exit code tells whether the design is valid.")
    var quiet = false

    @Flag(help: "Print the summary as JSON (counts, frequency grid, cases, warnings) instead of text.")
    var json = false

    func run() throws {
        let d = try loadDesign(design, quiet: quiet || json, sanity: true)
        if json {
            writeStdout(Self.summaryJSON(d).serialized())
        } else if !quiet {
            print(DesignSummary(d).text)
        }
    }

    /// `raft check --json`: what the text summary says, with units in the key names.
    static func summaryJSON(_ d: Design) -> JSONValue {
        let grid = FrequencyGrid(settings: d.settings)
        let cases: [JSONValue] = (d.cases?.cases ?? []).map { c in
            let w = c.waves[0]
            return .object([
                ("index", .int(c.index)), ("wind_speed_m_s", .number(c.windSpeed)), ("turbine_status", .string(c.turbineStatus)),
                ("wave_spectrum", .string(w.spectrum.rawValue)), ("wave_height_m", .number(w.heightM)),
                ("wave_period_s", .number(w.periodS)), ("wave_heading_deg", .number(w.headingDeg)), ("wave_trains", .int(c.waves.count)),
            ])
        }
        return .object([
            ("file", .string(d.file)), ("name", d.name.map { .string($0) } ?? .null), ("valid", .bool(true)),
            ("fowts", .int(d.fowts.count)), ("array", .bool(d.isArray)), ("platforms", .int(d.platforms.count)),
            ("member_definitions", .int(d.platforms.map { $0.memberCount }.reduce(0, +))),
            ("turbines", .int(d.turbines.count)), ("rotors", .int(d.turbines.map { $0.rotorCount }.reduce(0, +))),
            ("mooring_lines", .int(d.moorings.map { $0.lineCount }.reduce(0, +))),
            ("shared_mooring_file", d.arrayMooring.map { .string($0.file) } ?? .null),
            ("frequencies", .int(grid.count)), ("min_frequency_Hz", .number(grid.hz.first ?? 0)),
            ("max_frequency_Hz", .number(grid.hz.last ?? 0)), ("frequency_step_Hz", .number(d.settings.minFreqHz)),
            ("water_depth_m", .number(d.site.waterDepth)), ("cases", .array(cases)),
            ("warnings", .array((d.diagnostics.warnings + d.sanityWarnings).map { .string($0.description) })),
        ])
    }
}
