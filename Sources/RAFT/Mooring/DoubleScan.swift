#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Whole-array checks of the lumped-mass line code (bit-for-bit memo keys, finiteness guards), four doubles per step.
///
/// `zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }` and `allSatisfy { $0.isFinite }` went element by element
/// through the generic sequence code (~6–16 instructions per double); the Guyan memo's key alone (K's three block
/// arrays and the node heights, ~700 doubles per line) was compared 120 times per VolturnUS-S-moorMod2 case.
enum DoubleScan {
    /// `a` and `b` hold the same bits (`±0` and NaN payloads told apart): `memcmp` of their storage, which is exactly
    /// the element-wise `bitPattern` comparison.
    static func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { p in b.withUnsafeBytes { q in memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 } }
    }

    /// Every element is finite (`isFinite`: the exponent bits are not all ones).
    static func allFinite(_ v: [Double]) -> Bool {
        v.withUnsafeBufferPointer { allFinite($0) }
    }

    /// `allFinite` of a buffer.
    static func allFinite(_ p: UnsafeBufferPointer<Double>) -> Bool {
        let n = p.count
        guard n > 0, let base = p.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let exponent: UInt64 = 0x7ff0_0000_0000_0000, lanes = SIMD4<UInt64>(repeating: exponent)
        var bad = SIMDMask<SIMD4<Int64>>(repeating: false)
        var i = 0
        while i &+ 4 <= n {
            let bits = raw.loadUnaligned(fromByteOffset: 8 &* i, as: SIMD4<UInt64>.self)
            bad = bad .| ((bits & lanes) .== lanes)
            i &+= 4
        }
        if any(bad) { return false }
        while i < n {
            if base[i].bitPattern & exponent == exponent { return false }
            i &+= 1
        }
        return true
    }
}
