import Foundation
import Testing
@testable import RAFT
import RAFTFuzz

/// The short, in-process fuzz run of the test suite (issue 14): 1,200 seeded mutations of the shipped designs are
/// loaded; each either loads or fails with an `InputError` naming the file and a YAML path. Loaded variants are
/// round-tripped through the YAML emitter, and every 40th is run on one case: the run either succeeds with finite
/// results or fails with an `InputError`/`SolveError`. (A trap would end the test process: it fails loudly.)
/// The long run against the `raft` executable is `make fuzz` (see README).
@Suite("Seeded mutation fuzzing, short run (issue 14)")
struct FuzzTests {
    static let seed: UInt64 = 20261205
    static let count = 1200

    @Test("1,200 mutations: every outcome is a design or a located InputError; sampled runs are finite or a SolveError")
    func shortRun() throws {
        let names = ["OC3spar", "OC4semi", "VolturnUS-S"]
        let bases = try names.map { try YAMLNode.load(contentsOf: DomainMutation.designURL($0)) }
        let dir = DomainMutation.designURL("OC3spar").deletingLastPathComponent().path
        var loaded = 0, rejected = 0, ran = 0, runFailures = 0
        for i in 0..<Self.count {
            var g = SeededGenerator.forMutation(seed: Self.seed, index: i)
            let b = Int(g.next() % UInt64(bases.count))
            let (root, edits) = DesignMutator().mutate(bases[b], using: &g)
            do {
                let design = try Design(root: root, baseDirectory: dir)
                loaded += 1
                // The emitter writes what the mutator built: parsing it back gives the same design.
                let again = try Design(root: YAMLNode.parse(YAMLEmitter.text(root), file: names[b] + ".yaml"), baseDirectory: dir)
                #expect(again.platforms.count == design.platforms.count && again.cases?.cases.count == design.cases?.cases.count)
                if loaded % 40 == 0 {
                    ran += 1
                    var one = design
                    if var t = one.cases, !t.cases.isEmpty { t.cases = [t.cases[0]]; one.cases = t }
                    do {
                        let r = try runDesign(one)
                        #expect(throws: Never.self) { try r.requireFinite() }
                    } catch is SolveError { runFailures += 1 } catch is InputError { runFailures += 1 } catch {
                        Issue.record("mutation \(i) (\(edits)): run failed with \(type(of: error)): \(error)")
                    }
                }
            } catch {
                rejected += 1
                #expect(!error.file.isEmpty, "mutation \(i): no file in \(error)")
                #expect(!error.message.isEmpty, "mutation \(i): empty message")
            }
        }
        #expect(loaded + rejected == Self.count)
        #expect(rejected > Self.count / 4, "the mutations should mostly be rejected (got \(rejected) of \(Self.count))")
        #expect(ran >= 5)
        print("fuzz short run (seed \(Self.seed)): \(Self.count) mutations, \(rejected) rejected, \(loaded) loaded, \(ran) run (\(runFailures) physics failures)")
    }

    @Test("the same seed gives the same mutations")
    func deterministic() throws {
        let base = try YAMLNode.load(contentsOf: DomainMutation.designURL("OC3spar"))
        for i in [0, 7, 999] {
            var a = SeededGenerator.forMutation(seed: 5, index: i), b = SeededGenerator.forMutation(seed: 5, index: i)
            let x = DesignMutator().mutate(base, using: &a), y = DesignMutator().mutate(base, using: &b)
            #expect(YAMLEmitter.text(x.0) == YAMLEmitter.text(y.0))
            #expect(x.1.map(\.description) == y.1.map(\.description))
        }
    }

    @Test("run-mode mutations bound a native BEM solve: platform min_freq_BEM 0.1 Hz, dz_BEM = da_BEM = 8 m")
    func runModeBoundsBEM() throws {
        let url = DomainMutation.designURL("VolturnUS-S")
        let base = try YAMLNode.load(contentsOf: url)
        let harness = FuzzHarness(executable: URL(fileURLWithPath: "/bin/true"), mode: .run, seed: 3, workDirectory: NSTemporaryDirectory(),
                                  timeLimit: 1, bases: [("VolturnUS-S", base, url.deletingLastPathComponent().path)])
        var checked = 0
        for i in 0..<20 {
            let m = harness.mutation(i)
            if m.edits.contains(where: { $0.path.hasPrefix("platform") }) { continue }
            let root = try YAMLNode.parse(m.text, file: "m.yaml")
            for (key, value) in [("min_freq_BEM", "0.1"), ("dz_BEM", "8.0"), ("da_BEM", "8.0")] {
                guard case .scalar(let s, _)? = root["platform"]?[key]?.value else { Issue.record("mutation \(i): no platform.\(key)"); continue }
                #expect(s == value, "mutation \(i): platform.\(key) = \(s)")
            }
            checked += 1
        }
        #expect(checked >= 5)
    }
}
