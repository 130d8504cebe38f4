import Foundation
import Testing
@testable import RAFT
import RAFTIO

@Suite struct SensitivityTests {
    /// 1-DOF oscillator m·ẍ + c·ẋ + k·x = F under white-noise force of one-sided PSD S0 per rad/s:
    /// σ² = π·S0/(2·k·c) and f_n = √(k/m)/2π, so ∂σ/∂k = −σ/2k, ∂σ/∂c = −σ/2c, ∂σ/∂m = 0, ∂f_n/∂k = f_n/2k,
    /// ∂f_n/∂m = −f_n/2m: central differences with a 1e-4 relative step reproduce them to 1e-6 (truncation error
    /// h²·|f‴/6f′| ≈ 1e-8).
    @Test func oscillatorClosedForm() throws {
        let s0 = 2.0e6
        let p0 = [1.0e3, 4.0e2, 4.0e4]           // m [kg], c [N·s/m], k [N/m]
        @Sendable func metrics(_ p: [Double]) -> [Double] {
            [(Double.pi * s0 / (2 * p[2] * p[1])).squareRoot(), (p[2] / p[0]).squareRoot() / (2 * .pi)]
        }
        let (sigma, fn) = (metrics(p0)[0], metrics(p0)[1])
        var options = Sensitivity.Options()
        options.step = 1e-4
        let r = try Sensitivity.centralDifferences(parameters: ["m", "c", "k"], baseValues: p0, metrics: ["sigma", "fn"],
                                                   options: options, evaluate: metrics)
        let exact = [[0, -sigma / (2 * p0[1]), -sigma / (2 * p0[2])], [-fn / (2 * p0[0]), 0, fn / (2 * p0[2])]]
        let elasticity = [[0, -0.5, -0.5], [-0.5, 0, 0.5]]
        for k in 0..<2 {
            for i in 0..<3 {
                let scale = r.values[k] / p0[i]
                #expect(abs(r.derivatives[k][i] - exact[k][i]) < 1e-6 * max(abs(exact[k][i]), scale), "\(r.metrics[k]), \(r.parameters[i])")
                #expect(abs(r.elasticities[k][i] - elasticity[k][i]) < 1e-6)
                #expect(r.converged[k][i])
            }
        }
        #expect(r.runs == 13)
    }

    /// A kink inside the 2h stencil makes the two step sizes disagree: the row is flagged.
    @Test func nonSmoothMetricIsFlagged() throws {
        let r = try Sensitivity.centralDifferences(parameters: ["x"], baseValues: [1], metrics: ["f"]) { x in
            [x[0] < 1.0015 ? x[0] : 1.0015 + 10 * (x[0] - 1.0015)]
        }
        #expect(r.converged[0][0] == false)
    }

    /// Ishigami function (a = 7, b = 0.1, x_i ∈ [−π, π]): analytic Sobol indices S = (0.3139, 0.4424, 0),
    /// ST = (0.5576, 0.4424, 0.2437) (Saltelli et al. 2008, *Global Sensitivity Analysis*, §4.9), reproduced within
    /// 0.02 with N = 16384 base samples (16384·5 evaluations).
    @Test func ishigamiIndices() {
        let a = 7.0, b = 0.1, pi4 = pow(Double.pi, 4), pi8 = pow(Double.pi, 8)
        let v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5
        let s1 = 0.5 * pow(1 + b * pi4 / 5, 2) / v, s2 = a * a / 8 / v
        let st3 = 8 * b * b * pi8 / 225 / v
        let firstExact = [s1, s2, 0], totalExact = [s1 + st3, s2, st3]
        let rows = Sobol.saltelliSample(ranges: Array(repeating: Sobol.Range(-.pi, .pi), count: 3), baseSamples: 16384, seed: 42)
        let y = rows.map { x in sin(x[0]) + a * pow(sin(x[1]), 2) + b * pow(x[2], 4) * sin(x[0]) }
        let (first, total) = Sobol.indices(outputs: y, parameterCount: 3)
        for i in 0..<3 {
            #expect(abs(first[i] - firstExact[i]) < 0.02, "S\(i + 1) = \(first[i]), exact \(firstExact[i])")
            #expect(abs(total[i] - totalExact[i]) < 0.02, "ST\(i + 1) = \(total[i]), exact \(totalExact[i])")
        }
    }
}

/// OC3spar: ∂(pitch_std)/∂(ballast density) from `Sensitivity.local` (central difference, relative step 1e-3)
/// equals the least-squares slope of a fine five-point sweep (relative spacing 2e-4) run by `SweepRunner`,
/// within 1e-3 relative.
@Suite struct SensitivityDesignTests {
    @Test func oc3sparBallastSlopeMatchesFineSweep() throws {
        let designPath = Reference.repoRoot.appendingPathComponent("designs/OC3spar.yaml").path
        let design = try Design.load(path: designPath)
        let param = "platform.members[0].rho_fill[0]"
        let r = try Sensitivity.local(design: design, parameters: [param], metrics: ["pitch_std", "Mbase_DEL_m4"])
        #expect(r.converged[0][0] && r.converged[1][0])
        let p0 = r.baseValues[0]
        #expect(p0 == 1800)
        let offsets = [-2.0, -1, 0, 1, 2], dp = 2e-4 * p0
        let dir = NSTemporaryDirectory() + "raft-sens-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let yaml = """
        design: \(designPath)
        parameters:
          - path: \(param)
            values: [\(offsets.map { "\(p0 + $0 * dp)" }.joined(separator: ", "))]
        metrics: [pitch_std, Mbase_DEL_m4]
        """
        let spec = try SweepSpec(root: YAMLNode.parse(yaml, file: "fine.yaml"), baseDirectory: dir)
        try SweepRunner(spec: spec, outputDirectory: dir).run(base: design, evaluate: { try SweepMetrics.evaluate($0) })
        let csv = try String(contentsOfFile: dir + "/results.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        let rows = csv.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 5)
        for (k, column) in [(0, 4), (1, 5)] {            // variant, param, status, error, pitch_std, Mbase_DEL_m4
            let y = rows.map { Double($0[column])! }
            let slope = zip(offsets, y).reduce(0) { $0 + $1.0 * $1.1 } / (offsets.reduce(0) { $0 + $1 * $1 } * dp)
            #expect(abs(r.derivatives[k][0] / slope - 1) < 1e-3, "\(r.metrics[k]): sensitivity \(r.derivatives[k][0]), sweep slope \(slope)")
        }
    }
}

/// A Sobol study run through the sweep runner in two shards gives the indices of the same rows evaluated directly;
/// an unfinished study names the missing variants.
@Suite struct SobolStudyTests {
    @Test func shardedStudyMatchesDirectIndices() throws {
        let design = try Design.parse(miniSparYAML, file: "mini.yaml")
        let study = SobolStudy(parameters: [
            .init(path: "platform.members[0].d", range: Sobol.Range(9, 10)),
            .init(path: "platform.members[0].rho_fill", range: Sobol.Range(1800, 2200)),
        ], metrics: ["f"], baseSamples: 64, seed: 3)
        @Sendable func f(_ d: Double, _ rho: Double) -> Double { d * d + 1e-3 * rho + 0.1 * d * rho / 2000 }
        let evaluate: @Sendable (Design) throws -> [(String, Double)] = { v in
            let d = try Sensitivity.baseValue(of: "platform.members[0].d", in: v)
            let rho = try Sensitivity.baseValue(of: "platform.members[0].rho_fill", in: v)
            return [("f", f(d, rho))]
        }
        let dir = NSTemporaryDirectory() + "raft-sobol-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var runner = SweepRunner(spec: study.sweep(designPath: "mini.yaml"), outputDirectory: dir)
        runner.shardCount = 2
        try runner.run(base: design, evaluate: evaluate)
        #expect(throws: SobolError.self) { try study.indices(directories: [dir]) }
        runner.shardIndex = 1
        try runner.run(base: design, evaluate: evaluate)
        let got = try study.indices(directories: [dir])[0]
        let rows = Sobol.saltelliSample(ranges: study.parameters.map(\.range), baseSamples: 64, seed: 3)
        let direct = Sobol.indices(outputs: rows.map { f($0[0], $0[1]) }, parameterCount: 2)
        for i in 0..<2 {
            #expect(abs(got.firstOrder[i] - direct.firstOrder[i]) < 1e-12)
            #expect(abs(got.total[i] - direct.total[i]) < 1e-12)
        }
        #expect(got.firstOrder[0] > got.firstOrder[1])   // d dominates f
    }
}

/// `settings.dragTolerance` / `raft sensitivity --smooth`: RAFT's 1 % drag-linearisation tolerance leaves the response
/// within about 1 % of the loop's fixed point; a tight tolerance reaches it.
@Suite struct DragToleranceTests {
    @Test func tightToleranceReachesTheFixedPoint() throws {
        let designPath = Reference.repoRoot.appendingPathComponent("designs/OC3spar.yaml").path
        let raft = try Design.load(path: designPath)
        #expect(raft.settings.dragTolerance == 0.01)
        let smooth = try raft.withSmoothSolverSettings()
        #expect(smooth.settings.dragTolerance == 1e-6 && smooth.settings.nIter == 100)
        let a = try runDesign(raft), b = try runDesign(smooth)
        for (ca, cb) in zip(a.cases, b.cases) {
            for key in ["surge_std", "pitch_std", "heave_std"] {
                let x = try #require(ca.fowts[0].metrics[key]?.values[0]), y = try #require(cb.fowts[0].metrics[key]?.values[0])
                // RAFT's stopping rule leaves at most ~1 % (tolerance as relative change and floor) from the fixed point.
                #expect(abs(x / y - 1) < 0.02, "\(key): \(x) vs \(y)")
            }
            // The mean offsets do not depend on the drag loop.
            #expect(ca.fowts[0].metrics["pitch_avg"]?.values == cb.fowts[0].metrics["pitch_avg"]?.values)
        }
        // A tighter tolerance than 1e-6 changes the statistics by far less than RAFT's 1 %.
        var tighter = smooth
        tighter.settings.dragTolerance = 1e-9
        tighter.settings.nIter = 400
        let c = try runDesign(tighter)
        for (cb, cc) in zip(b.cases, c.cases) {
            let y = cb.fowts[0].metrics["pitch_std"]!.values[0], z = cc.fowts[0].metrics["pitch_std"]!.values[0]
            #expect(abs(y / z - 1) < 1e-5, "pitch_std \(y) vs \(z)")
        }
    }
}
