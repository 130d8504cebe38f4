import Foundation
import Testing
@testable import RAFT

/// The FITPACK fit on abscissae other than the airfoil angle grid: other sizes (so other band and knot storage
/// sizes), uneven spacing and smoothing factors from 0.1 to 1e-4, against the legacy fit bit for bit.
@Suite struct SmoothingSplineRandomAbscissaeTests {
    /// Fits of random polars on random non-uniform abscissae of several sizes equal the legacy fit bit for bit:
    /// knots, coefficients, fp and ier (or both fail alike). 40 tables in release (the Makefile's release filter), 12
    /// in debug.
    @Test func randomAbscissaeFitsEqualTheLegacyFit() throws {
        var rng = SplitMix64(seed: 4242)
        var fitted = 0
        let trials = BuildMode.isRelease ? 40 : 12
        for trial in 0..<trials {
            let m = 12 + rng.below(180)
            var x = (0..<m).map { _ in -3 + 6 * rng.unit() }.sorted()
            for i in 1..<m where !(x[i] > x[i - 1]) { x[i] = x[i - 1].nextUp }
            let w = 1 + 8 * rng.unit(), amp = 0.1 + rng.unit()
            let z = x.map { amp * sin(w * $0) + 0.3 * cos(2 * $0) + 0.02 * (rng.unit() - 0.5) }
            let s = [0.1, 0.01, 0.001, 1e-4][trial % 4]
            let new = try? SmoothingSpline.Workspace(x: x, z: z).run(s: s)
            let legacy = try? SmoothingSpline.LegacyWorkspace(x: x, z: z).run(s: s)
            #expect((new == nil) == (legacy == nil), "trial \(trial): same failure")
            guard let new, let legacy else { continue }
            #expect(SmoothingSplineFitIdentityTests.sameBits(new.t, legacy.t), "trial \(trial) (m \(m), s \(s)): knots")
            #expect(SmoothingSplineFitIdentityTests.sameBits(new.c, legacy.c), "trial \(trial) (m \(m), s \(s)): coefficients")
            #expect(new.fp.bitPattern == legacy.fp.bitPattern && new.ier == legacy.ier, "trial \(trial): fp, ier")
            fitted += 1
        }
        #expect(fitted >= trials * 3 / 4)
    }
}
