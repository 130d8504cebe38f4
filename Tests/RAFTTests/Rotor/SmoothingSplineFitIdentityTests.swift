import Foundation
import Testing
@testable import RAFT

/// The FITPACK fit gives exactly the bits of the fit before its Givens reduction was unrolled and paired
/// (`LegacyWorkspace`), for every blade-element polar (lift and drag) of designs/*.yaml and of every reference
/// design with a turbine: knots, coefficients, residual `fp` and status, compared as bit patterns.
@Suite(.serialized) struct SmoothingSplineFitIdentityTests {
    static var designFiles: [String] {
        let designs = Reference.repoRoot.appendingPathComponent("designs")
        var out = ((try? FileManager.default.contentsOfDirectory(atPath: designs.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted().map { designs.appendingPathComponent($0).path }
        out += RotorAllDesignsTests.files
        return out
    }

    static func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    @Test func everyDesignAirfoilFitEqualsTheLegacyFit() throws {
        var compared = 0, designsWithRotors = 0
        for path in Self.designFiles {
            let design: Design
            do { design = try Design.load(path: path) } catch { continue }  // input errors belong to other suites
            guard !design.turbines.isEmpty else { continue }
            SmoothingSpline.clearFitCache()
            let grid = FrequencyGrid(settings: design.settings)
            for t in design.turbines {
                for ir in 0..<t.rotorCount {
                    _ = try? Rotor(turbine: t, site: design.site, frequencies: grid.omega, index: ir)  // underwater rotors throw after fitting
                }
            }
            let fits = FitCache.shared.all
            if !fits.isEmpty { designsWithRotors += 1 }
            for (key, fit) in fits {
                let x = key.x.map(Double.init(bitPattern:)), z = key.z.map(Double.init(bitPattern:))
                let legacy = try SmoothingSpline.LegacyWorkspace(x: x, z: z).run(s: Double(bitPattern: key.s))
                let name = "\((path as NSString).lastPathComponent) s=\(Double(bitPattern: key.s))"
                #expect(Self.sameBits(fit.knots, legacy.t), "\(name): knots")
                #expect(Self.sameBits(fit.coefficients, legacy.c), "\(name): coefficients")
                #expect(fit.residual.bitPattern == legacy.fp.bitPattern, "\(name): fp")
                #expect(fit.status == legacy.ier, "\(name): ier")
                compared += 1
            }
        }
        SmoothingSpline.clearFitCache()
        // designs/*.yaml alone: OC3spar, VolturnUS-S and OC4semi, 30 or more distinct fits each.
        #expect(designsWithRotors >= 3)
        #expect(compared >= 90)
    }

    /// Fits sharing a `LeastSquaresMemo` (replayed least-squares reductions) equal fits made alone, bit for bit,
    /// whatever the order: a family of lift- and drag-like polars (which pass through common knot sets), fitted
    /// forwards and backwards through one memo each, against lone fits and the legacy fit.
    @Test func fitsSharingLeastSquaresReductionsEqualLoneFits() throws {
        let x = AirfoilPolar.angleGridRad
        var tables: [([Double], Double)] = []
        for k in 0..<8 {
            let f = 1 + 0.02 * Double(k)
            tables.append((x.map { f * (1.2 * sin(2 * $0) + 0.3 * sin(5 * $0) * exp(-$0 * $0)) + 0.02 * cos(17 * $0) }, 0.1))
            tables.append((x.map { 0.9 * f - 0.88 * cos(2 * $0) + 0.01 * sin(23 * $0) }, 0.001))
        }
        var lone: [SmoothingSpline] = []
        for (z, s) in tables {
            SmoothingSpline.clearFitCache()
            lone.append(try SmoothingSpline(x: x, z: z, s: s))
        }
        for order in [Array(tables.indices), Array(tables.indices.reversed())] {
            let memo = LeastSquaresMemo(x: x)
            for i in order {
                SmoothingSpline.clearFitCache()
                let fit = try SmoothingSpline(x: x, z: tables[i].0, s: tables[i].1, memo: memo)
                let legacy = try SmoothingSpline.LegacyWorkspace(x: x, z: tables[i].0).run(s: tables[i].1)
                #expect(Self.sameBits(fit.knots, lone[i].knots) && Self.sameBits(fit.knots, legacy.t), "table \(i): knots")
                #expect(Self.sameBits(fit.coefficients, lone[i].coefficients) && Self.sameBits(fit.coefficients, legacy.c),
                        "table \(i): coefficients")
                #expect(fit.residual.bitPattern == legacy.fp.bitPattern && fit.status == legacy.ier, "table \(i): fp, ier")
            }
            #expect(memo.replayed > 0, "the family shares knot sets, so some solves are replays")
        }
        SmoothingSpline.clearFitCache()
    }

    /// The wavefront reduction, the kept observation rows and the residual sums in registers (issue 17, fitfast)
    /// against the legacy fit, on every distinct airfoil table of OC3spar, VolturnUS-S and OC4semi (lift and drag):
    /// each table fitted alone (no memo), and all tables of a design through one `LeastSquaresMemo` in reverse
    /// order (replayed solves then precede recorded ones differently than in `Rotor`). Bits of knots,
    /// coefficients, fp and ier.
    @Test func designTablesAloneAndThroughOneMemoEqualTheLegacyFit() throws {
        var compared = 0
        for name in ["OC3spar", "VolturnUS-S", "OC4semi"] {
            let path = Reference.repoRoot.appendingPathComponent("designs/\(name).yaml").path
            let design = try Design.load(path: path)
            SmoothingSpline.clearFitCache()
            let grid = FrequencyGrid(settings: design.settings)
            _ = try Rotor(turbine: design.turbines[0], site: design.site, frequencies: grid.omega, index: 0)
            let keys = FitCache.shared.all.map(\.key).sorted { $0.z.lexicographicallyPrecedes($1.z) || ($0.z == $1.z && $0.s < $1.s) }
            SmoothingSpline.clearFitCache()
            #expect(keys.count >= 30, "\(name): distinct fits")
            let x = keys[0].x.map(Double.init(bitPattern:))
            let memo = LeastSquaresMemo(x: x)
            var throughMemo: [Int: SmoothingSpline.Workspace.Result] = [:]
            for i in keys.indices.reversed() {
                throughMemo[i] = try SmoothingSpline.Workspace(x: x, z: keys[i].z.map(Double.init(bitPattern:)), memo: memo)
                    .run(s: Double(bitPattern: keys[i].s))
            }
            #expect(memo.replayed > 0, "\(name): some solves are replays")
            for (i, key) in keys.enumerated() {
                let z = key.z.map(Double.init(bitPattern:)), s = Double(bitPattern: key.s)
                let legacy = try SmoothingSpline.LegacyWorkspace(x: x, z: z).run(s: s)
                for (label, fit) in [("alone", try SmoothingSpline.Workspace(x: x, z: z).run(s: s)), ("memo", throughMemo[i]!)] {
                    #expect(SmoothingSplineFitIdentityTests.sameBits(fit.t, legacy.t), "\(name) table \(i) \(label): knots")
                    #expect(SmoothingSplineFitIdentityTests.sameBits(fit.c, legacy.c), "\(name) table \(i) \(label): coefficients")
                    #expect(fit.fp.bitPattern == legacy.fp.bitPattern && fit.ier == legacy.ier, "\(name) table \(i) \(label): fp, ier")
                }
                compared += 1
            }
        }
        #expect(compared >= 90)
    }

    /// The quick knot search (approximate least squares, decisions taken only outside their error bounds) reaches the
    /// end of part 1 without falling back on every distinct table of the three designs, and its fits equal
    /// FITPACK's knot search on exact solves (`runExactly`) and the legacy fit, bit for bit.
    @Test func quickKnotSearchDecidesAloneOnDesignTablesAndEqualsTheExactSearch() throws {
        var quick = 0, compared = 0
        for name in ["OC3spar", "VolturnUS-S", "OC4semi"] {
            let design = try Design.load(path: Reference.repoRoot.appendingPathComponent("designs/\(name).yaml").path)
            SmoothingSpline.clearFitCache()
            let grid = FrequencyGrid(settings: design.settings)
            _ = try Rotor(turbine: design.turbines[0], site: design.site, frequencies: grid.omega, index: 0)
            let keys = FitCache.shared.all.map(\.key)
            SmoothingSpline.clearFitCache()
            for key in keys {
                let x = key.x.map(Double.init(bitPattern:)), z = key.z.map(Double.init(bitPattern:))
                let s = Double(bitPattern: key.s)
                if try SmoothingSpline.Workspace(x: x, z: z).searchKnotsQuickly(s: s) != nil { quick += 1 }
                let fast = try SmoothingSpline.Workspace(x: x, z: z).run(s: s)
                let exact = try SmoothingSpline.Workspace(x: x, z: z).runExactly(s: s)
                let legacy = try SmoothingSpline.LegacyWorkspace(x: x, z: z).run(s: s)
                for (label, r) in [("exact search", exact), ("legacy", SmoothingSpline.Workspace.Result(t: legacy.t, c: legacy.c, fp: legacy.fp, ier: legacy.ier))] {
                    #expect(Self.sameBits(fast.t, r.t) && Self.sameBits(fast.c, r.c), "\(name) s=\(s): knots/coefficients vs \(label)")
                    #expect(fast.fp.bitPattern == r.fp.bitPattern && fast.ier == r.ier, "\(name) s=\(s): fp, ier vs \(label)")
                }
                compared += 1
            }
        }
        #expect(compared >= 90)
        #expect(quick == compared, "every design table's knot search decided without the exact fallback")
    }

    /// Symmetric tables (mirrored intervals whose residual sums may tie, a tie FITPACK breaks by rounding), a
    /// constant table and a family of perturbed polars (random but seeded): every fit, whether the quick search
    /// decided alone or fell back on the exact one, equals the legacy fit bit for bit.
    @Test func quickKnotSearchFallsBackOnTiesAndAgreesOnPerturbedPolars() throws {
        let x = AirfoilPolar.angleGridRad
        var tables: [([Double], Double)] = [
            (x.map { 0.5 + 0.4 * cos(2 * $0) }, 0.001),  // even in α on a symmetric grid
            (x.map { sin(2 * $0) }, 0.1),                  // odd
            (x.map { _ in 0.3 }, 0.001),                   // constant: least-squares polynomial
        ]
        var rng = SplitMix64(seed: 17)
        for k in 0..<24 {
            let a1 = 1 + 0.3 * rng.unit(), a2 = 0.2 * rng.unit(), w = 3 + 20 * rng.unit()
            let noise = (0..<x.count).map { _ in 0.01 * (rng.unit() - 0.5) }
            tables.append((x.indices.map { a1 * sin(2 * x[$0]) + a2 * sin(w * x[$0]) * exp(-x[$0] * x[$0]) + noise[$0] }, 0.1))
            tables.append((x.indices.map { 0.9 * a1 - 0.88 * cos(2 * x[$0]) + 0.05 * a2 * cos(w * x[$0]) + 0.1 * noise[$0] }, k % 2 == 0 ? 0.001 : 0.01))
        }
        var fellBack = 0
        for (i, (z, s)) in tables.enumerated() {
            if try SmoothingSpline.Workspace(x: x, z: z).searchKnotsQuickly(s: s) == nil { fellBack += 1 }
            let fast = try? SmoothingSpline.Workspace(x: x, z: z).run(s: s)
            let legacy = try? SmoothingSpline.LegacyWorkspace(x: x, z: z).run(s: s)
            #expect((fast == nil) == (legacy == nil), "table \(i): same failure")
            if let fast, let legacy {
                #expect(Self.sameBits(fast.t, legacy.t) && Self.sameBits(fast.c, legacy.c), "table \(i): knots/coefficients")
                #expect(fast.fp.bitPattern == legacy.fp.bitPattern && fast.ier == legacy.ier, "table \(i): fp, ier")
            }
        }
        #expect(fellBack < tables.count, "the quick search decides most tables")
    }
}
