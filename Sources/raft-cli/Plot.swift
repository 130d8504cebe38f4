import ArgumentParser
import Foundation
import RAFT
import RAFTIO
import RAFTReport

struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the PSDs of a `raft run` output folder as SVG plots.",
        discussion: """
        Reads DIR/summary.json and the spectra CSVs it names (case<i>_fowt<j>_psd.csv) and writes one SVG
        per case, FOWT and channel group (motions, tensions, rotor, tower) into DIR/plots/, PSD against
        frequency in Hz on a logarithmic axis. Open the files in any web browser.

        Example:
          raft plot out/VolturnUS-S
        """
    )

    @Argument(help: "Output folder of `raft run` (contains summary.json).")
    var directory: String

    func run() throws {
        do {
            let written = try RunPlots.write(runDirectory: directory)
            for p in written { print(p) }
            if written.isEmpty { printError("warning: no spectra found in \(directory)") }
        } catch let e as RunFolderError {
            printError("error: \(e)")
            throw ExitCode(ExitCodes.badInput)
        }
    }
}
