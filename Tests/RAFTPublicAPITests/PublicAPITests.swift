import Foundation
import Testing
import RAFT     // deliberately not @testable: only what a library user can reach
import RAFTIO   // SweepRunner (sweep folders on disk)

/// The library API as the README documents it, used from outside the module.
@Suite("Public API (import RAFT, no @testable)")
struct PublicAPITests {
    /// Repository root (this file is Tests/RAFTPublicAPITests/PublicAPITests.swift).
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let oc3Path = repoRoot.appendingPathComponent("designs/OC3spar.yaml").path

    /// designs/OC3spar.yaml as YAML text, with only the first load case kept (a shorter run).
    static func oc3Text(firstCaseOnly: Bool) throws -> String {
        let text = try String(contentsOfFile: oc3Path, encoding: .utf8)
        guard firstCaseOnly else { return text }
        // The case rows are the `- [...]` lines of the top-level `cases:` block; drop all but the first.
        var out: [Substring] = [], inCases = false, kept = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first != " ", first != "#" { inCases = line.hasPrefix("cases:") }
            if inCases && line.trimmingCharacters(in: .whitespaces).hasPrefix("- [") {
                if kept { continue }
                kept = true
            }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    @Test("Design.parse from YAML text → runDesign → typed results (one case, 6 DOFs, finite statistics, periods = 1/fn)")
    func parseAndRun() throws {
        let design = try Design.parse(Self.oc3Text(firstCaseOnly: true), file: "OC3spar-one-case.yaml",
                                      baseDirectory: Self.repoRoot.appendingPathComponent("designs").path)
        let result = try runDesign(design)
        #expect(result.cases.count == 1)
        let fowt = try #require(result.cases.first?.fowts.first)
        let pitchStd = try #require(fowt.metrics["pitch_std"]).values
        #expect(pitchStd.count == 1 && pitchStd[0] > 0 && pitchStd[0].isFinite)
        #expect(fowt.r6.count == 6)
        let surgePSD = try #require(fowt.metrics.psd("surge_PSD"))
        #expect(surgePSD.count == result.grid.omega.count && surgePSD.allSatisfy { $0 >= 0 })
        let unloaded = try #require(result.unloaded)
        #expect(unloaded.eigen.frequenciesHz.count == 6)
        for (f, t) in zip(unloaded.eigen.frequenciesHz, unloaded.eigen.periodsS) {
            #expect(f > 0 && abs(f * t - 1) < 1e-12)
        }
        // The same design parsed from the file gives the same first case, bit for bit.
        let whole = try runDesign(Design.load(path: Self.oc3Path))
        #expect(whole.cases.count == 3)
        #expect(whole.cases[0].fowts[0].metrics["pitch_std"] == fowt.metrics["pitch_std"])
        #expect(whole.cases[0].fowts[0].r6 == fowt.r6)
    }

    @Test("a bad design is an InputError naming the file and YAML path")
    func badInput() throws {
        let text = try Self.oc3Text(firstCaseOnly: true).replacingOccurrences(of: "water_depth", with: "water_dept", options: [], range: nil)
        #expect {
            _ = try Design.parse(text, file: "broken.yaml")
        } throws: { error in
            let message = "\(error)"
            return error is InputError && message.contains("broken.yaml") && message.contains("water_depth")
        }
    }

    @Test("Design.setting edits by YAML path: heavier ballast lowers the mean heave offset; a negative depth is rejected")
    func editAndCompare() throws {
        let base = try Design.parse(Self.oc3Text(firstCaseOnly: true), file: "OC3spar.yaml",
                                    baseDirectory: Self.repoRoot.appendingPathComponent("designs").path)
        let metrics = try [1750.0, 1850.0].map { rho in
            Dictionary(try SweepMetrics.evaluate(base.setting("platform.members[0].rho_fill[0]", to: rho)),
                       uniquingKeysWith: { a, _ in a })
        }
        let heave = try metrics.map { try #require($0["offset_heave"]) }
        #expect(heave[1] < heave[0], "offset_heave \(heave)")
        #expect(throws: InputError.self) { try base.setting("site.water_depth", to: -5) }
    }

    @Test("SweepRunner: a 2-variant sweep writes results.csv with one ok row per variant, values equal to SweepMetrics.evaluate")
    func sweep() throws {
        let dir = NSTemporaryDirectory() + "raft-public-api-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let designPath = dir + "/oc3.yaml"
        try Self.oc3Text(firstCaseOnly: true).write(toFile: designPath, atomically: true, encoding: .utf8)
        try """
        design: oc3.yaml
        combine: zip
        parameters:
          - path: mooring.lines[*].length
            values: [900, 905]
        metrics: [pitch_std, surge_avg]
        """.write(toFile: dir + "/sweep.yaml", atomically: true, encoding: .utf8)
        let spec = try SweepSpec.load(path: dir + "/sweep.yaml")
        #expect(spec.variantCount == 2)
        let base = try Design.load(path: designPath)
        var runner = SweepRunner(spec: spec, outputDirectory: dir + "/out")
        runner.jobs = 2
        let counts = try runner.run(base: base, evaluate: { try SweepMetrics.evaluate($0) })
        #expect(counts.computed == 2 && counts.skipped == 0)
        let rows = try String(contentsOfFile: dir + "/out/results.csv", encoding: .utf8).split(separator: "\n")
        try #require(rows.count == 3, "\(rows)")
        let header = rows[0].split(separator: ",").map(String.init)
        let pitchColumn = try #require(header.firstIndex(of: "pitch_std"))
        for (row, length) in zip(rows.dropFirst(), [900.0, 905.0]) {
            #expect(row.contains(",ok,"), "\(row)")
            let direct = Dictionary(try SweepMetrics.evaluate(base.setting("mooring.lines[*].length", to: length)),
                                    uniquingKeysWith: { a, _ in a })
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            let value = try #require(Double(fields[pitchColumn]))
            let want = try #require(direct["pitch_std"])
            #expect(abs(value - want) <= 1e-12 * abs(want), "length \(length): \(value) vs \(want)")
        }
        // Running again skips both finished variants (resumable).
        #expect(try runner.run(base: base, evaluate: { try SweepMetrics.evaluate($0) }).skipped == 2)
    }

    @Test("Model's RAFT steps: analyzeUnloaded → solveEigen → analyzeCases give runDesign's numbers bit for bit")
    func modelSteps() throws {
        let design = try Design.parse(Self.oc3Text(firstCaseOnly: true), file: "OC3spar-one-case.yaml",
                                      baseDirectory: Self.repoRoot.appendingPathComponent("designs").path)
        var model = try Model(design: design)
        #expect(model.fowtCount == 1 && !model.isFlexible)
        let unloaded = try model.analyzeUnloaded()
        #expect(unloaded.offset.count == 6 && unloaded.mooringForce.count == 6)
        #expect(unloaded.mooringStiffness[0, 0] > 0 && unloaded.mooringStiffness.maxAbs.isFinite)
        let eigen = try model.solveEigen()
        let cases = try model.analyzeCases()
        let whole = try runDesign(design)
        #expect(eigen == whole.unloaded?.eigen)
        #expect(cases.count == 1)
        #expect(cases[0].fowts[0].r6 == whole.cases[0].fowts[0].r6)
        #expect(cases[0].fowts[0].metrics["surge_std"] == whole.cases[0].fowts[0].metrics["surge_std"])
        // A parked, still-water statics solve moves the platform back toward its unloaded pose.
        #expect(try model.solveStatics(nil) > 0)
        #expect(zip(model.fowtPoses[0], unloaded.offset).allSatisfy { abs($0 - $1) < 1e-3 }, "\(model.fowtPoses[0])")
    }

    @Test("errors are classified: a bad input is .badInput")
    func failureKinds() throws {
        let text = try Self.oc3Text(firstCaseOnly: true).replacingOccurrences(of: "water_depth: 200", with: "water_depth: -200")
        do {
            _ = try Design.parse(text, file: "bad.yaml")
            Issue.record("a negative depth was accepted")
        } catch let e as InputError {
            #expect(e.failureKind == .badInput)
        }
    }
}
