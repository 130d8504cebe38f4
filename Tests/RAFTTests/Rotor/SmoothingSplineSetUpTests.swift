import Foundation
import Testing
@testable import RAFT

/// A fit's set-up: the fit-cache key's bit copies and the workspace's zeroed buffers and memo check, written with
/// byte copies and `memset` instead of element-wise `map`/`initialize` (issue 17): the same bits as before.
@Suite struct SmoothingSplineSetUpTests {
    /// Values whose bits `==` on doubles would not tell apart: signed zeros, NaN payloads, infinities, subnormals.
    static let awkward: [Double] = [0.0, -0.0, .nan, -Double.nan, Double(nan: 0x1234, signaling: false),
                                    .signalingNaN, .infinity, -.infinity, .leastNonzeroMagnitude,
                                    -.leastNormalMagnitude, .greatestFiniteMagnitude, 1.0, -0.1, 0.3]

    @Test func keyHoldsTheBitPatternsOfItsInputs() {
        var rng = SplitMix64(seed: 14)
        let z = Self.awkward + (0..<200).map { _ in Double(bitPattern: rng.next()) }
        let x = AirfoilPolar.angleGridRad
        let key = FitCache.Key(x: x, z: z, s: 0.001)
        #expect(key.x == x.map { $0.bitPattern })
        #expect(key.z == z.map { $0.bitPattern })
        #expect(key.s == 0.001.bitPattern)
        #expect(FitCache.Key.bits([]).isEmpty)
        // Keys differing in one bit (a signed zero) differ; equal inputs give equal keys and hashes.
        var flipped = z
        flipped[0] = -0.0
        #expect(FitCache.Key(x: x, z: flipped, s: 0.001) != key)
        let again = FitCache.Key(x: x, z: z, s: 0.001)
        #expect(again == key && again.hashValue == key.hashValue)
    }

    @Test func freshWorkspaceIsZeroedAndChecksTheMemosAbscissae() {
        let x = AirfoilPolar.angleGridRad
        let z = x.map { sin(2 * $0) }
        let w = SmoothingSpline.Workspace(x: x, z: z, memo: LeastSquaresMemo(x: x))
        #expect(w.memo != nil)
        let m = w.m, nest = w.nest
        func zeros<T: BitwiseCopyable & Equatable>(_ p: UnsafeMutablePointer<T>, _ count: Int, _ zero: T) -> Bool {
            (0..<count).allSatisfy { p[$0] == zero }
        }
        #expect(zeros(w.t, nest + 2, 0.0) && zeros(w.c, nest + 2, 0.0) && zeros(w.fpint, nest + 2, 0.0))
        #expect(zeros(w.nrdata, nest + 2, 0) && zeros(w.num, m + 1, 0) && zeros(w.q, nest + 2, 0.0))
        #expect(zeros(w.b, 5 * (nest + 1), 0.0) && zeros(w.h, 10, 0.0) && zeros(w.rowKnots, nest + 2, 0.0))
        #expect(zeros(w.rhs, nest + 4, 0.0) && zeros(w.quickCoefficients, nest + 8, 0.0))
        #expect(zeros(w.fpintLineage, nest + 2, UInt64(0)) && zeros(w.stages, m + 1, UInt8(0)))
        #expect(zeros(w.flightH, 8, SIMD8<Double>.zero) && zeros(w.lanes, 3, SIMD4<Double>.zero))
        #expect((0...m).allSatisfy { w.x[$0].bitPattern == ($0 == 0 ? 0 : x[$0 - 1].bitPattern) })
        // One abscissa one ulp off, or one abscissa fewer: not the memo's abscissae.
        var shifted = x
        shifted[100] = x[100].nextUp
        #expect(SmoothingSpline.Workspace(x: x, z: z, memo: LeastSquaresMemo(x: shifted)).memo == nil)
        #expect(SmoothingSpline.Workspace(x: x, z: z, memo: LeastSquaresMemo(x: Array(x.dropLast()))).memo == nil)
        #expect(SmoothingSpline.Workspace(x: x, z: z).memo == nil)
    }
}
