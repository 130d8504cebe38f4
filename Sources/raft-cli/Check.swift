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
          raft check -q designs/*.yaml && echo all valid
        """
    )

    @Argument(help: "Design YAML file (RAFT input format).")
    var design: String

    @Flag(name: .shortAndLong, help: "Print only errors (no warnings, no summary); the exit code tells whether the design is valid.")
    var quiet = false

    func run() throws {
        let d = try loadDesign(design, quiet: quiet, sanity: true)
        if !quiet { print(DesignSummary(d).text) }
    }
}
