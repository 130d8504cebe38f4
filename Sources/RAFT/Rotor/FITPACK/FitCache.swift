import Foundation

/// Process-wide memo of fitted smoothing splines, keyed by the exact bits of the data and smoothing factor.
///
/// A rotor smooths the lift and drag tables of every blade element; elements with the same interpolated
/// thickness share tables, and a parameter sweep rebuilds the same rotor for every variant. The fit is a pure
/// function of `(x, z, s)`, so returning a stored result is bit-identical to refitting. Keys compare bit
/// patterns (not `==`), so `-0.0` and `0.0` or different NaN payloads never share an entry. Failed fits are
/// not stored. Thread-safe; bounded (cleared when full).
final class FitCache: @unchecked Sendable {
    static let shared = FitCache()

    struct Key: Hashable {
        let s: UInt64
        let x: [UInt64]
        let z: [UInt64]
        init(x: [Double], z: [Double], s: Double) {
            self.s = s.bitPattern
            self.x = x.map(\.bitPattern)
            self.z = z.map(\.bitPattern)
        }
    }

    /// Upper bound on stored fits (each holds a few hundred doubles).
    static let capacity = 4096

    private let lock = NSLock()
    private var entries: [Key: SmoothingSpline] = [:]

    subscript(key: Key) -> SmoothingSpline? {
        get { lock.lock(); defer { lock.unlock() }; return entries[key] }
        set {
            lock.lock(); defer { lock.unlock() }
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = newValue
        }
    }

    /// Number of stored fits (for tests and benchmarks).
    var count: Int { lock.lock(); defer { lock.unlock() }; return entries.count }

    /// Forget every stored fit (benchmarks use it to time cold rotor construction).
    func removeAll() { lock.lock(); defer { lock.unlock() }; entries.removeAll() }
}

extension SmoothingSpline {
    /// Forget the process-wide memo of fitted airfoil splines (see `FitCache`); only useful for timing.
    public static func clearFitCache() { FitCache.shared.removeAll() }
}

extension SmoothingSpline {
    /// Number of distinct fits currently memoised (benchmarks report it).
    public static var fitCacheCount: Int { FitCache.shared.count }
}
