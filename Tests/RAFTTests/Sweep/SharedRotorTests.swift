import Foundation
import Testing
@testable import RAFT

/// A sweep whose parameters leave the turbine, site and settings alone builds the rotors once from its base design
/// (`SweepMetrics.evaluator`, issue 17); the variants' metrics must keep the bits of building them per variant.
@Suite("Sweep: rotors shared between variants")
struct SharedRotorTests {
    static let base: Design? = try? Design.load(path: Reference.repoRoot.appendingPathComponent("designs/OC3spar.yaml").path)

    static func spec(_ yaml: String) throws -> SweepSpec {
        try SweepSpec(root: YAMLNode.parse(yaml, file: "shared-rotors.yaml"), baseDirectory: Reference.repoRoot.path)
    }

    @Test("platform and mooring variants: the same metric bits as a per-variant build", .enabled(if: base != nil))
    func sameBits() throws {
        let base = try #require(Self.base)
        let spec = try Self.spec("""
        design: designs/OC3spar.yaml
        parameters:
          - path: platform.members[0].rA[2]
            values: [-122, -118]
          - path: mooring.lines[*].length
            values: [897, 904]
        metrics: [surge_avg, pitch_std, Tmoor_max, AxRNA_std, Mbase_avg, fn_pitch]
        """)
        #expect(SweepMetrics.sharesRotors(spec))
        let shared = SweepMetrics.evaluator(spec: spec, base: base)
        for i in 0..<spec.variantCount {
            let design = try base.setting(zip(spec.parameters, spec.values(ofVariant: i)).map { ($0.path, $1) })
            // The evaluator keeps the spec's metrics only (`metrics(of:named:)`).
            let all = try SweepMetrics.evaluate(design)
            let a = try shared(design), b = spec.metrics.compactMap { n in all.first { $0.0 == n } }
            #expect(a.map(\.0) == b.map(\.0), "variant \(i): metric names")
            #expect(a.map(\.1.bitPattern) == b.map(\.1.bitPattern), "variant \(i): metric bits")
            // The rotor's mean thrust pushes the spar downwind by metres (15–19 m in examples/sweep-oc3.yaml).
            #expect(a.contains { $0.0 == "surge_avg" && $0.1 > 5 }, "variant \(i): the rotor is in the run")
        }
    }

    @Test("a parameter in the turbine, site or settings sections builds the rotors per variant", .enabled(if: base != nil))
    func notShared() throws {
        for path in ["turbine.mRNA", "site.rho_air", "settings.max_freq", "platform.members[0].Cd"] {
            let spec = try Self.spec("""
            design: designs/OC3spar.yaml
            parameters:
              - path: \(path)
                values: [1]
              - path: mooring.lines[*].length
                values: [900]
            metrics: [pitch_std]
            """)
            #expect(SweepMetrics.sharesRotors(spec) == path.hasPrefix("platform"), "\(path)")
        }
    }
}
