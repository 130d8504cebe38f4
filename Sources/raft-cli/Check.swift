import ArgumentParser
import RAFT
import RAFTIO
import RAFTReport

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load and validate a design; print a short summary.",
        discussion: """
        Exits 0 when the design is valid, 2 with a message naming the file, the YAML path and what was
        expected when it is not. Unknown keys are reported as warnings on stderr.

        Example:
          raft check designs/OC3spar.yaml
        """
    )

    @Argument(help: "Design YAML file (RAFT input format).")
    var design: String

    @Flag(name: .shortAndLong, help: "Do not print warnings about unknown keys.")
    var quiet = false

    func run() throws {
        let d = try loadDesign(design, quiet: quiet)
        print(DesignSummary(d).text)
    }
}
