import Foundation
import Testing
@testable import RAFT

/// potModMaster 0/2 designs in the model: RAFT's `calcBEM` (mesh, HAMS frequency grid, heading 0), the WAMIT
/// table path and the timing (BEM terms only from `analyzeCases` on), against `designs-e2e/VolturnUS-S_BEM.json`.
@Suite("BEM in the model (potModMaster 0/2)")
struct BEMIntegrationTests {
    static let hams = "reference/designs-e2e/inputs/VolturnUS-S_BEM_hams"

    /// pyHAMS's own `Buoy.1`/`Buoy.3` for the VolturnUS-S columns.
    static func pyHAMS() throws -> BEMCoefficients {
        let t1 = try String(contentsOf: Reference.url(hams + "/Buoy.1"), encoding: .utf8)
        let t3 = try String(contentsOf: Reference.url(hams + "/Buoy.3"), encoding: .utf8)
        return try BEMCoefficients(radiation: WAMITRadiationData(text: t1, file: "Buoy.1"),
                                   excitation: WAMITExcitationData(text: t3, file: "Buoy.3"))
    }

    /// RAFT's example flow (`analyzeUnloaded`, `solveEigen`, `analyzeCases`, `solveEigen`) with the BEM solver
    /// replaced by `provider` (nil: the native solver).
    static func run(_ design: Design, provider: ((BEMProblem) throws -> BEMCoefficients)?) throws -> (RunResult, Model) {
        var model = try Model(design: design)
        let (offset, c0, f0) = try model.analyzeUnloaded()
        let unloaded = UnloadedResult(offset: offset, eigen: try model.solveEigen(), mooringForce: f0, mooringStiffness: c0)
        #expect(model.fowts[0].potentialFlow == nil, "no BEM coefficients before analyzeCases (RAFT's calcBEM runs there)")
        try model.solvePotentialFlow(status: nil, using: provider)
        let cases = try model.analyzeCases()
        let after = try model.solveEigen()
        return (RunResult(designName: "VolturnUS-S_BEM", grid: model.grid, unloaded: unloaded, cases: cases,
                          eigenAfterCases: after, warnings: []), model)
    }

    /// max |a − b| / max |b| (0 when both are 0).
    static func relative(_ a: [Double], _ b: [Double]) -> Double {
        #expect(a.count == b.count)
        let scale = b.map(abs).max() ?? 0
        let d = zip(a, b).map { abs($0 - $1) }.max() ?? 0
        return scale > 0 ? d / scale : d
    }

    /// Worst relative difference (per quantity, by its own scale) of `bem_after_cases`, every case statistic and
    /// PSD, the unloaded offset and both eigen analyses; keyed by quantity.
    static func differences(_ result: RunResult, _ model: Model, _ ref: [String: Any]) throws -> [String: Double] {
        var out: [String: Double] = [:]
        let bem = (ref["bem_after_cases"] as! [[String: Any]])[0]
        let pf = try #require(model.fowts[0].potentialFlow)
        out["A_BEM"] = relative(pf.coefficients.radiation.addedMass.flatMap(\.storage), Self.transposedFrequency(try ReferenceArray(bem["A_BEM"])))
        out["B_BEM"] = relative(pf.coefficients.radiation.damping.flatMap(\.storage), Self.transposedFrequency(try ReferenceArray(bem["B_BEM"])))
        let x = try ReferenceArray(bem["X_BEM"])
        let ours = pf.coefficients.excitation.coefficients.flatMap(\.values)
        out["X_BEM"] = max(relative(ours.map(\.real), x.re), relative(ours.map(\.imaginary), x.im ?? []))
        #expect(pf.coefficients.excitation.headingsDeg == (try ReferenceArray(bem["BEM_headings_deg"]).re))
        let metrics = ref["case_metrics"] as! [String: Any]
        for c in result.cases {
            let want = (metrics["\(c.index)"] as! [String: Any])["0"] as! [String: Any]
            let f = c.fowts[0]
            for (key, value) in f.metrics.values {
                guard let w = want[key] else { continue }
                out["case\(c.index).\(key)"] = relative(value.values, try ReferenceArray(w).re)
            }
            for (key, values) in f.metrics.psd {
                var refKey = key, column: Int?
                if key.hasPrefix("Tmoor"), let k = Int(key.dropFirst(5).dropLast(4)) { refKey = "Tmoor_PSD"; column = k }
                guard let w = want[refKey] else { continue }
                let d = try ReferenceArray(w)
                var desired = d.re
                if let column { desired = Array(d.re[column * d.shape[1] ..< (column + 1) * d.shape[1]]) }
                else if d.shape.count == 2 { desired = (0..<d.shape[0]).map { d.re[$0 * d.shape[1]] } }
                out["case\(c.index).\(key)"] = relative(values, desired)
            }
        }
        let u = ref["unloaded"] as! [String: Any]
        out["offset_unloaded"] = relative(result.unloaded!.offset, try ReferenceArray(u["offset_unloaded"]).re)
        out["eigen_unloaded"] = relative(result.unloaded!.eigen.frequenciesHz, try ReferenceArray((ref["eigen_unloaded"] as! [String: Any])["fn_Hz"]).re)
        out["eigen_after_cases"] = relative(result.eigenAfterCases!.frequenciesHz, try ReferenceArray((ref["eigen_after_cases"] as! [String: Any])["fn_Hz"]).re)
        return out
    }

    /// Reference [6, 6, nw] → our [nw][36] order.
    static func transposedFrequency(_ a: ReferenceArray) -> [Double] {
        let nw = a.shape[2]
        return (0..<nw).flatMap { k in (0..<36).map { q in a.re[q * nw + k] } }
    }

    static func report(_ d: [String: Double], _ title: String) {
        let worst = d.sorted { $0.value > $1.value }.prefix(8).map { String(format: "%@ %.2e", $0.key, $0.value) }
        print("\(title): worst relative differences: \(worst.joined(separator: ", "))")
    }

    @Test("VolturnUS-S_BEM with pyHAMS's Buoy.1/.3 through the model's BEM path: RAFT's A/B/X_BEM, case_metrics, eigen to 1e-6",
          .needsReference)
    func pyHAMSThroughTheModel() throws {
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/VolturnUS-S_BEM.yaml").path)
        let ref = try Reference.json("designs-e2e/VolturnUS-S_BEM.json") as! [String: Any]
        let hams = try Self.pyHAMS()
        let (result, model) = try Self.run(design) { problem in
            // RAFT's mesh and HAMS grid: 1,168 panels, ω_k = k·0.04π, k = 1…20 (pyHAMS: 2π/PER, PER with 7 digits)
            #expect(problem.mesh.panels.count == 1168)
            #expect(problem.headingsDeg == [0])
            #expect(problem.omega.count == hams.omega.count)
            for (a, b) in zip(problem.omega, hams.omega) { #expect(abs(a / b - 1) < 5e-7, "BEM frequency \(a) vs pyHAMS \(b)") }
            return hams
        }
        let d = try Self.differences(result, model, ref)
        Self.report(d, "pyHAMS through the model")
        #expect(d.count > 40)
        for (k, v) in d { #expect(v < 1e-6, "\(k): relative difference \(v)") }
    }

    @Test("coarse column mesh: runs, BEM terms only after the unloaded analysis, second solve cached bit for bit", .needsReference)
    func coarseNative() throws {
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/VolturnUS-S_BEM.yaml").path)
            .setting([("platform.dz_BEM", 12), ("platform.da_BEM", 9), ("settings.max_freq", 0.2),
                      ("platform.min_freq_BEM", 0.05)])
        let model0 = try Model(design: design)
        let problem = try BEMProblem(members: model0.fowts[0].members.members, platform: model0.fowts[0].platform, grid: model0.grid)
        #expect(problem.mesh.panels.count > 50 && problem.mesh.panels.count < 600, "\(problem.mesh.panels.count) panels")
        #expect(problem.omega.count == 4)   // ⌈0.2/0.05⌉ frequencies k·2π·0.05
        BEMCache.shared.removeAll()
        let first = try problem.solve()
        let second = try problem.solve()
        #expect(!first.cached && second.cached)
        #expect(first.coefficients.addedMass == second.coefficients.addedMass)
        let (result, model) = try Self.run(design, provider: nil)
        let a = try #require(model.fowts[0].potentialFlow).coefficients.radiation.addedMass
        #expect(a.count == model.grid.count)
        #expect(a[0][0, 0] > 1e6 && a[0][2, 2] > 1e6, "A11 \(a[0][0, 0]), A33 \(a[0][2, 2])")
        // strip-theory added mass of the pontoons and braces only (spec 05 §7: diag 5.4485e6, 5.4485e6, 1.0897e7)
        let morison = model.fowts[0].structure.rigid.hydroReference.addedMass
        #expect(abs(morison[0, 0] / 5.4485e6 - 1) < 1e-4 && abs(morison[2, 2] / 1.0897e7 - 1) < 1e-4, "\(morison[0, 0]) \(morison[2, 2])")
        // eigen after the cases has the BEM added mass: longer heave period than the unloaded one (none there)
        #expect(result.eigenAfterCases!.frequenciesHz[2] < result.unloaded!.eigen.frequenciesHz[2])
        #expect(result.cases.allSatisfy { $0.fowts[0].metrics["surge_std"]!.values[0] > 0 })
    }

    @Test("BEM frequency grid as RAFT builds it for pyHAMS (default min_freq_BEM = w₁ − w₀)")
    func frequencyGrid() throws {
        let grid = FrequencyGrid(settings: try Design.load(path: Reference.url("reference/designs-e2e/inputs/VolturnUS-S.yaml").path).settings)
        let w = BEMProblem.raftFrequencies(grid: grid, minFreqHz: nil)
        #expect(w.count == grid.count || w.count == grid.count + 1)
        #expect(w.last! >= grid.omega.last! * (1 - 1e-12))
        let w2 = BEMProblem.raftFrequencies(grid: grid, minFreqHz: 0.02)
        #expect(w2.count == 20)
        #expect(abs(w2[19] - 2 * Double.pi * 0.4) < 1e-12)
    }

    @Test("a rectangular potMod member and intersectMesh 1 are rejected with a message naming the cause", .needsReference)
    func rejected() throws {
        let all = try Design.load(path: Reference.url("reference/designs-e2e/inputs/VolturnUS-S_BEM.yaml").path)
            .setting("platform.potModMaster", to: 2)
        var m2 = try Model(design: all)
        do {
            try m2.solvePotentialFlow()
            Issue.record("potModMaster 2 meshes the rectangular pontoons, which should be rejected")
        } catch let SolveError.unsupported(m) { #expect(m.contains("rectangular member 'pontoon"), "\(m)") }
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/VolturnUS-S_BEM.yaml").path)
            .setting("platform.intersectMesh", to: 1)
        var model = try Model(design: design)
        do {
            try model.solvePotentialFlow()
            Issue.record("intersectMesh 1 should be rejected")
        } catch let SolveError.unsupported(m) { #expect(m.contains("intersectMesh 1"), "\(m)") }
    }

    @Test("farm: one solve per platform type; the second FOWT reuses the first one's coefficients (RAFT: potModMaster 3 + its hydroPath)",
          .needsReference)
    func farmSolvesOnce() throws {
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/VolturnUS-S_farm_testdata.yaml").path)
            .setting([("platform.potModMaster", 0), ("platform.dz_BEM", 12), ("platform.da_BEM", 9), ("platform.min_freq_BEM", 0.05)])
        var model = try Model(design: design)
        #expect(model.fowtCount == 2 && model.fowts[0].entry.platformIndex == model.fowts[1].entry.platformIndex)
        let solves = Counter()
        try model.solvePotentialFlow(status: { if case .solving = $0 { solves.add() } })
        #expect(solves.value == 1)
        let a = try #require(model.fowts[0].potentialFlow).coefficients, b = try #require(model.fowts[1].potentialFlow).coefficients
        #expect(a.radiation.addedMass == b.radiation.addedMass && a.excitation.coefficients.map(\.values) == b.excitation.coefficients.map(\.values))
        // FOWT 0 is turned by heading_adjust 180°: its mesh (the one solved) differs from FOWT 1's own
        let m0 = try BEMProblem(members: model.fowts[0].members.members, platform: model.fowts[0].platform, grid: model.grid).mesh
        let m1 = try BEMProblem(members: model.fowts[1].members.members, platform: model.fowts[1].platform, grid: model.grid).mesh
        #expect(m0 != m1)
    }
}

/// A thread-safe counter for status callbacks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
