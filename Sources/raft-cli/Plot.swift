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

struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the spectra and RAOs of a `raft run` output folder, or the geometry of a design, as SVG.",
        discussion: """
        With a run folder (or its summary.json): reads summary.json and the CSV files it names and writes into \
        RUN/plots/ one figure per FOWT and channel group (wave and platform motions, nacelle acceleration and \
        tower-base moment, mooring line tensions, rotor), one panel per channel with every case of the run \
        overlaid, a legend naming each case's sea state and wind, and dotted lines at the unloaded natural \
        frequencies; RAO magnitude and phase when the run wrote case<i>_fowt<j>_rao.csv; and index.html showing \
        them all. PSDs are one-sided per Hz against frequency in Hz (--per-rad-s: per rad/s against rad/s, as \
        RAFT stores them); the y-axis is logarithmic where the curves' peaks differ by more than 30x. Channels \
        that are zero in every case are listed in a note instead of drawn.

        With --geometry DESIGN.yaml: side and top views of the platform members, tower, rotor discs and mooring \
        lines (catenary profiles from the mooring solution) at the unloaded equilibrium, whole system and close-up, \
        in metres.

        Examples:
          raft plot out/VolturnUS-S
          raft plot out/VolturnUS-S/summary.json --per-rad-s
          raft plot --geometry designs/OC4semi.yaml -o OC4semi-geometry.svg
        """
    )

    @Argument(help: ArgumentHelp("Output folder of `raft run`, or its summary.json.", valueName: "RUN"))
    var runFolder: String?

    @Option(name: .long, help: ArgumentHelp("Draw this design's geometry instead of a run's spectra.", valueName: "DESIGN"))
    var geometry: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Geometry SVG file to write (default: <design>-geometry.svg in the current folder).", valueName: "FILE"))
    var output: String?

    @Flag(name: .customLong("per-rad-s"), help: "Frequency in rad/s and PSDs per rad/s (default: Hz and per Hz).")
    var perRadS = false

    func validate() throws {
        if geometry == nil && runFolder == nil { throw ValidationError("give a `raft run` output folder, or --geometry DESIGN.yaml") }
        if geometry != nil && runFolder != nil { throw ValidationError("give either a run folder or --geometry DESIGN.yaml, not both") }
        if output != nil && geometry == nil { throw ValidationError("-o/--output names the geometry SVG; it needs --geometry") }
    }

    func run() throws {
        if let designPath = geometry {
            let design = try loadDesign(designPath)
            let g = try withExitCodes { try DesignGeometry.build(design) }
            let stem = designPath.pathLastComponent.pathDeletingExtension
            let out = output ?? "\(stem)-geometry.svg"
            do { try AtomicFile.write(GeometrySVG.render(g), to: out) } catch {
                printError("error: cannot write \(out): \(OutputFolder.reason(error))")
                throw ExitCode(ExitCodes.badInput)
            }
            print(out)
            return
        }
        guard let run = runFolder else { return }
        do {
            let written = try RunPlots.write(runDirectory: run, unit: perRadS ? .radPerSecond : .hertz) { printError("note: \($0)") }
            for p in written { print(p) }
            if written.isEmpty { printError("warning: no spectra found in \(run)") }
        } catch let e as RunFolderError {
            printError("error: \(e)")
            throw ExitCode(ExitCodes.badInput)
        }
    }
}
