import Foundation
import Testing
@testable import RAFT
@testable import RAFTReport

enum ValidationFolder {
    static let root = Reference.repoRoot.appendingPathComponent("validation").path
    static func path(_ name: String) -> String { (root as NSString).appendingPathComponent(name) }

    /// Copy a case folder to a temporary place, editing its expected.json.
    static func copy(_ name: String, edit: (inout [String: Any]) -> Void) throws -> String {
        let dir = SyntheticRun.temporaryDirectory("case")
        let target = (dir as NSString).appendingPathComponent(name)
        try FileManager.default.copyItem(atPath: path(name), toPath: target)
        let file = (target as NSString).appendingPathComponent("expected.json")
        var obj = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any] ?? [:]
        edit(&obj)
        try JSONSerialization.data(withJSONObject: obj).write(to: URL(fileURLWithPath: file))
        return target
    }
}

@Suite("validation cases")
struct ValidationTests {
    @Test("every case folder loads; every quantity names its source and a tolerance")
    func allCasesLoad() throws {
        let folders = try ValidationCase.discover(root: ValidationFolder.root)
        #expect(folders.count >= 8)
        for f in folders {
            let c = try ValidationCase.load(directory: f)
            #expect(!c.title.isEmpty && !c.reference.isEmpty, "\(c.name)")
            #expect(c.enabled || c.disabledReason?.isEmpty == false, "\(c.name): a disabled case must say why")
            if let d = c.designPath { #expect(FileManager.default.fileExists(atPath: d), "\(c.name): \(d)") }
            for q in c.quantities { #expect(!q.source.isEmpty && (q.rtol > 0 || q.atol > 0), "\(c.name): \(q.name)") }
            if c.reference == "published" {
                for q in c.quantities { #expect(q.note?.isEmpty == false, "\(c.name): \(q.name) needs a note on the expected difference") }
            }
        }
    }

    @Test("the analytic 1-DOF oscillator matches its exact transfer function")
    func oscillator() throws {
        let c = try ValidationCase.load(directory: ValidationFolder.path("oscillator-1dof"))
        let o = ValidationRunner().run(c, includeDisabled: false)
        #expect(o.status == .passed, "\(ValidationReportText.table([o]))")
        #expect(o.quantities.count == 4)
        for q in o.quantities {
            #expect(q.passed)
            #expect((q.worstRelativeError ?? 1) < 1e-12, "\(q.quantity.name): \(q.worstRelativeError ?? -1)")
            #expect(q.curve?.values.count == 60)
        }
    }

    @Test("a wrong expected value fails with the worst relative error reported")
    func detectsMismatch() throws {
        let dir = try ValidationFolder.copy("oscillator-1dof") { obj in
            var qs = obj["quantities"] as? [[String: Any]] ?? []
            var e = qs[0]["expected"] as? [Double] ?? []
            e[10] *= 1.001
            qs[0]["expected"] = e
            obj["quantities"] = qs
        }
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        let o = ValidationRunner().run(try ValidationCase.load(directory: dir), includeDisabled: false)
        #expect(o.status == .failed)
        #expect(o.quantities[0].status == .failed && o.quantities[0].violations == 1)
        #expect(abs((o.quantities[0].worstRelativeError ?? 0) - 0.001 / 1.001) < 1e-6)
        #expect(o.quantities[1].passed)
        #expect(ValidationReportText.table([o]).contains("FAIL (1 of 60 values outside)"))
    }

    @Test("cases needing an unwired hook are pending, never passed; disabled cases are skipped unless named")
    func pendingAndDisabled() throws {
        // A copy explicitly disabled (the repository's cases get enabled once their hooks are wired).
        let dir = try ValidationFolder.copy("analytic-catenary-suspended") { obj in
            obj["enabled"] = false
            obj["disabled_reason"] = "waiting for the catenary hook"
        }
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        let c = try ValidationCase.load(directory: dir)
        #expect(!c.enabled)
        // Hooks without the catenary and body-statics functions, whatever `.standard` wires.
        let runner = ValidationRunner(hooks: ValidationHooks(run: { try runDesign($0) }))
        let skipped = runner.run(c, includeDisabled: false)
        #expect(skipped.status == .disabled && !skipped.isFailure && skipped.message == "waiting for the catenary hook")
        let explicit = runner.run(c, includeDisabled: true)
        #expect(explicit.status == .pending && explicit.isFailure)
        #expect(ValidationReportText.Summary([explicit]).allPassed == false)
        let s = try ValidationCase.load(directory: ValidationFolder.path("analytic-cylinder-hydrostatics"))
        #expect(runner.run(s, includeDisabled: true).status == .pending)
    }

    @Test("a wired catenary hook is called with the case's line and compared")
    func catenaryHookPlumbing() throws {
        let c = try ValidationCase.load(directory: ValidationFolder.path("analytic-catenary-seabed"))
        let expected = Dictionary(uniqueKeysWithValues: c.quantities.map { ($0.key, $0.expected[0]) })
        // A stand-in solver that returns the closed-form forces: tests the plumbing, not the physics.
        let hooks = ValidationHooks(run: { try runDesign($0) }, catenary: { p in
            #expect(p.length == 400 && p.weightPerLength == 500 && p.seabedFriction == 0)
            return CatenaryEndForces(fairleadHorizontal: expected["HF"] ?? 0, fairleadVertical: expected["VF"] ?? 0,
                                    anchorHorizontal: expected["HA"] ?? 0, anchorVertical: 0.5)
        })
        let o = ValidationRunner(hooks: hooks).run(c, includeDisabled: true)
        #expect(o.status == .passed, "\(ValidationReportText.table([o]))")
        let bad = ValidationHooks(run: { try runDesign($0) }, catenary: { _ in
            CatenaryEndForces(fairleadHorizontal: 1, fairleadVertical: 1, anchorHorizontal: 1, anchorVertical: 1)
        })
        #expect(ValidationRunner(hooks: bad).run(c, includeDisabled: true).status == .failed)
    }

    @Test("RAFT 2.0.4 design cases and published natural frequencies", arguments: ["raft204-oc3spar", "raft204-oc4semi",
                                                                                    "raft204-volturnus-s", "published-oc3-hywind-periods"])
    func designCase(_ name: String) throws {
        let c = try ValidationCase.load(directory: ValidationFolder.path(name))
        let o = ValidationRunner().run(c, includeDisabled: false)
        if o.unsupported {
            // What can be computed without the system solve (unloaded equilibrium, eigen) must pass already.
            let computed = o.quantities.filter { if case .error = $0.status { return false }; return true }
            for q in computed { #expect(q.passed, "\(name): \(q.quantity.name): \(ValidationReportText.table([o]))") }
            print("partly skipped \(name): \(o.quantities.count - computed.count) quantities need runDesign (\(o.message ?? "SolveError.unsupported"))")
            return
        }
        #expect(o.status == .passed, "\(ValidationReportText.table([o]))")
    }

    @Test("malformed expected.json files are rejected with the file and the reason")
    func malformed() throws {
        let dir = try ValidationFolder.copy("oscillator-1dof") { obj in
            var qs = obj["quantities"] as? [[String: Any]] ?? []
            qs[1].removeValue(forKey: "source")
            obj["quantities"] = qs
        }
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        do {
            _ = try ValidationCase.load(directory: dir)
            Issue.record("expected an error")
        } catch let e as ValidationCaseError {
            #expect(e.file.hasSuffix("expected.json") && e.reason.contains("quantities[1].source"))
        }
        let dir2 = try ValidationFolder.copy("oscillator-1dof") { obj in
            var qs = obj["quantities"] as? [[String: Any]] ?? []
            qs[0]["indices"] = [1.5]
            qs[0]["expected"] = [1.0]
            obj["quantities"] = qs
        }
        defer { try? FileManager.default.removeItem(atPath: (dir2 as NSString).deletingLastPathComponent) }
        #expect(throws: ValidationCaseError.self) { try ValidationCase.load(directory: dir2) }
    }
}

@Suite("validation report")
struct ValidationReportTests {
    /// Outcomes: the oscillator (4 curves) and a synthetic design run with two PSD channels and fn.
    static func outcomes() throws -> [CaseOutcome] {
        let osc = ValidationRunner().run(try ValidationCase.load(directory: ValidationFolder.path("oscillator-1dof")), includeDisabled: false)
        let run = SyntheticRun.make()
        var fake = try ValidationCase.load(directory: ValidationFolder.path("raft204-oc4semi"))
        let m = run.cases[0].fowts[0].metrics
        fake.quantities = [
            ValidationQuantity(name: "case 0 surge PSD", key: "case[0].surge_PSD", indices: [2, 5, 9], expected: [2, 5, 9].map { m.psd("surge_PSD")![$0] },
                               rtol: 1e-5, atol: 1e-3, source: "synthetic"),
            ValidationQuantity(name: "case 0 fairlead tension PSD", key: "case[0].Tmoor3_PSD", indices: [4], expected: [m.psd("Tmoor3_PSD")![4] * 2],
                               rtol: 1e-5, atol: 1e-3, source: "synthetic"),
            ValidationQuantity(name: "case 1 surge mean", key: "case[1].surge_avg", expected: [11], rtol: 1e-5, atol: 0, source: "synthetic <&>"),
        ]
        let hooks = ValidationHooks(run: { _ in run })
        let design = ValidationRunner(hooks: hooks).run(fake, includeDisabled: false)
        let dir = try ValidationFolder.copy("analytic-catenary-seabed") { obj in obj["enabled"] = false; obj["disabled_reason"] = "test" }
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        let disabled = ValidationRunner().run(try ValidationCase.load(directory: dir), includeDisabled: false)
        return [osc, design, disabled]
    }

    @Test("report.html is well-formed XHTML with one plot per channel and the table")
    func html() throws {
        let outcomes = try Self.outcomes()
        #expect(outcomes[1].status == .failed, "the doubled tension point must fail")
        let html = ValidationReportHTML.render(outcomes)
        let xml = XMLCheck.parse(html)
        #expect(xml.error == nil, "\(xml.error ?? "")")
        let channels = outcomes.flatMap(\.quantities).filter { $0.curve != nil }.count
        #expect(channels == 6, "4 oscillator curves + 2 PSD channels")
        #expect(xml.counts["svg"] == channels)
        #expect(xml.text.contains("swift-raft (computed)") && xml.text.contains("RAFT 2.0.4 (reference)"))
        #expect(xml.text.contains("synthetic <&>"))
        #expect(xml.text.contains("FAIL (1 of 1)"))
        #expect(xml.text.contains("disabled"))
        #expect(!html.contains("<script") && !html.contains("href=\"http"), "self-contained")
    }

    @Test("report.json lists every quantity with expected, computed and status")
    func json() throws {
        let text = ValidationReportText.json(try Self.outcomes()).serialized()
        let obj = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let summary = obj?["summary"] as? [String: Any]
        #expect(summary?["passed"] as? Int == 1 && summary?["failed"] as? Int == 1 && summary?["disabled"] as? Int == 1)
        #expect(summary?["all_passed"] as? Bool == false)
        let cases = obj?["cases"] as? [[String: Any]] ?? []
        #expect(cases.count == 3)
        let q = (cases.first?["quantities"] as? [[String: Any]])?.first
        #expect(q?["status"] as? String == "passed" && (q?["computed"] as? [Any])?.count == 60)
    }
}
