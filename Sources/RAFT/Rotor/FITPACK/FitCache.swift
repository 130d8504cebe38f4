#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Process-wide memo of fitted smoothing splines, keyed by the exact bits of the data and smoothing factor.
///
/// A rotor smooths the lift and drag tables of every blade element; elements with the same interpolated
/// thickness share tables, and a parameter sweep rebuilds the same rotor for every variant. The fit is a pure
/// function of `(x, z, s)`, so returning a stored result is bit-identical to refitting. Keys compare bit
/// patterns (not `==`), so `-0.0` and `0.0` or different NaN payloads never share an entry. Failed fits are
/// not stored. Thread-safe; bounded (cleared when full).
package final class FitCache: @unchecked Sendable {
    static let shared = FitCache()

    /// The exact bits of a fit's inputs (data abscissae, ordinates, smoothing factor).
    package struct Key: Hashable, Sendable {
        package let s: UInt64
        package let x: [UInt64]
        package let z: [UInt64]
        /// A multiply–rotate digest of every bit, computed once: hashing the key feeds this word alone to the
        /// `Hasher` (the ~400 words through `Hasher.combine` cost ~5 % of a rotor's fits on every look-up).
        private let digest: UInt64
        package init(x: [Double], z: [Double], s: Double) {
            self.s = s.bitPattern
            self.x = Self.bits(x)
            self.z = Self.bits(z)
            var h = s.bitPattern ^ UInt64(x.count) &* 0x9E37_79B9_7F4A_7C15
            for v in self.x { h = (h ^ v) &* 0xFF51_AFD7_ED55_8CCD; h = (h << 29) | (h >> 35) }
            for v in self.z { h = (h ^ v) &* 0xC4CE_B9FE_1A85_EC53; h = (h << 31) | (h >> 33) }
            digest = h
        }
        package func hash(into hasher: inout Hasher) { hasher.combine(digest) }

        /// The bit patterns of `values`, copied as bytes (`map { $0.bitPattern }` appended them one by one: ~25
        /// instructions per value, ~0.5 M of an OC3spar rotor's 70 keys, 40 of them on the main thread before the
        /// fits start; callgrind).
        static func bits(_ values: [Double]) -> [UInt64] {
            [UInt64](unsafeUninitializedCapacity: values.count) { out, count in
                values.withUnsafeBytes { UnsafeMutableRawBufferPointer(out).copyMemory(from: $0) }
                count = values.count
            }
        }
        package static func == (a: Key, b: Key) -> Bool {
            a.digest == b.digest && a.s == b.s && a.x == b.x && a.z == b.z
        }
    }

    /// Upper bound on stored fits (each holds a few hundred doubles).
    static let capacity = 4096

    private let lock = MutexLock()
    private var entries: [Key: SmoothingSpline] = [:]
    private var store: (any SplineFitStore)?

    /// The persistent store consulted after the in-process memo (nil: none, the library default).
    var persistentStore: (any SplineFitStore)? {
        get { lock.lock(); defer { lock.unlock() }; return store }
        set { lock.lock(); store = newValue; lock.unlock() }
    }

    subscript(key: Key) -> SmoothingSpline? {
        get { lock.lock(); defer { lock.unlock() }; return entries[key] }
        set {
            lock.lock(); defer { lock.unlock() }
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = newValue
        }
    }

    /// Every stored fit with its key (tests compare them with a reference fit).
    var all: [(key: Key, fit: SmoothingSpline)] {
        lock.lock(); defer { lock.unlock() }
        return entries.map { ($0.key, $0.value) }
    }

    /// Number of stored fits (for tests and benchmarks).
    var count: Int { lock.lock(); defer { lock.unlock() }; return entries.count }

    /// Forget every stored fit (benchmarks use it to time cold rotor construction).
    func removeAll() { lock.lock(); defer { lock.unlock() }; entries.removeAll() }
}

extension SmoothingSpline {
    /// Forget the process-wide memo of fitted airfoil splines (see `FitCache`); only useful for timing.
    package static func clearFitCache() { FitCache.shared.removeAll() }
}

extension SmoothingSpline {
    /// Number of distinct fits currently memoised (benchmarks report it).
    package static var fitCacheCount: Int { FitCache.shared.count }

    /// The inputs of every memoised fit, ordered by the bits of their ordinates and smoothing factor (benchmarks
    /// refit them in a fixed order).
    package static var fitCacheInputs: [(x: [Double], z: [Double], s: Double)] {
        FitCache.shared.all.map { $0.key }
            .sorted { $0.z.lexicographicallyPrecedes($1.z) || ($0.z == $1.z && $0.s < $1.s) }
            .map { (x: $0.x.map(Double.init(bitPattern:)), z: $0.z.map(Double.init(bitPattern:)), s: Double(bitPattern: $0.s)) }
    }
}

/// A fitted spline as stored: knots, coefficients, FITPACK residual `fp` and status `ier` (exact bits).
package struct StoredSplineFit: Sendable, Equatable {
    package var knots: [Double]
    package var coefficients: [Double]
    package var residual: Double
    package var status: Int
    package init(knots: [Double], coefficients: [Double], residual: Double, status: Int) {
        self.knots = knots
        self.coefficients = coefficients
        self.residual = residual
        self.status = status
    }
}

/// A persistent store of fitted airfoil splines, injected by the caller (the CLI injects RAFTIO's on-disk cache).
/// A store must return a fit only for exactly the key it was stored under, so results stay bit-identical.
package protocol SplineFitStore: Sendable {
    func load(_ key: FitCache.Key) -> StoredSplineFit?
    func store(_ key: FitCache.Key, _ fit: StoredSplineFit)
}

extension SmoothingSpline {
    /// The persistent fit store used after the in-process memo (nil by default: every process fits anew).
    package static var persistentStore: (any SplineFitStore)? {
        get { FitCache.shared.persistentStore }
        set { FitCache.shared.persistentStore = newValue }
    }
}
