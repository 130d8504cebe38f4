import Foundation
import Testing
@testable import RAFT

/// The README's sweep example is `examples/sweep-oc3.yaml` itself, and that file is a valid sweep of its design.
@Suite("README sweep example")
struct ReadmeSweepExampleTests {
    static let root = Reference.repoRoot

    @Test("the README's yaml block after 'examples/sweep-oc3.yaml' is the file, byte for byte")
    func identical() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let file = try String(contentsOf: Self.root.appendingPathComponent("examples/sweep-oc3.yaml"), encoding: .utf8)
        let marker = "`examples/sweep-oc3.yaml`"
        let start = try #require(readme.range(of: marker), "README names examples/sweep-oc3.yaml before its copy")
        let rest = readme[start.upperBound...]
        let open = try #require(rest.range(of: "```yaml\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```\n"))
        #expect(String(rest[open.upperBound..<close.lowerBound]) == file,
                "README.md's copy of examples/sweep-oc3.yaml differs from the file: paste the file into the README")
    }

    @Test("examples/sweep-oc3.yaml loads and every path and metric is valid for its design")
    func valid() throws {
        let spec = try SweepSpec.load(path: Self.root.appendingPathComponent("examples/sweep-oc3.yaml").path)
        let base = try Design.load(path: spec.designPath)
        try spec.validate(against: base)
        #expect(spec.diagnostics.warnings.isEmpty)
    }

    @Test("the Slurm script takes the total shard count explicitly and prints how to rerun a failed shard")
    func slurmScript() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("examples/slurm/sweep.sbatch"), encoding: .utf8)
        #expect(text.contains("--shard \"$TASK/$SHARDS\"") && !text.contains("SLURM_ARRAY_TASK_COUNT}\""))
        #expect(text.contains("sbatch --array=$TASK examples/slurm/sweep.sbatch $SWEEP $SHARDS"))
    }
}
