#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// An airfoil polar resampled on RAFT's fixed 200-point angle-of-attack grid (spec 03 §3.1).
struct AirfoilPolar: Sendable {
    /// RAFT's grid [deg]: unique(linspace(−180,−30,51) ∪ linspace(−30,30,100) ∪ linspace(30,180,51)).
    static let angleGrid: [Double] = {
        let all = numpyLinspace(-180, -30, 51) + numpyLinspace(-30, 30, 100) + numpyLinspace(30, 180, 51)
        return Array(Set(all)).sorted()
    }()
    /// The grid in radians (numpy deg2rad).
    static let angleGridRad: [Double] = angleGrid.map { $0 * 0.017453292519943295 }

    var cl: [Double]
    var cd: [Double]
    var cm: [Double]

    /// `init(table:)` through a memo keyed by the table's storage (see `PolarMemo`).
    static func resampled(_ table: [[Double]]) -> AirfoilPolar {
        if let p = PolarMemo.shared.polar(for: table) { return p }
        let p = AirfoilPolar(table: table)
        PolarMemo.shared.store(p, for: table)
        return p
    }

    /// Resample `[aoa_deg, cl, cd, cm, …]` rows with numpy interp and make the −180° value equal the +180° one.
    init(table: [[Double]]) {
        let aoa = table.map { $0[0] }
        func column(_ j: Int) -> [Double] {
            let f = table.map { $0[j] }
            var c = Self.angleGrid.map { numpyInterp($0, aoa, f) }
            if abs(c[0] - c[c.count - 1]) > 1.0e-5 { c[0] = c[c.count - 1] }
            return c
        }
        cl = column(1); cd = column(2); cm = column(3)
    }

    init(cl: [Double], cd: [Double], cm: [Double]) { self.cl = cl; self.cd = cd; self.cm = cm }
}

/// Resampled polars keyed by the identity of the polar table's storage: a sweep re-validates the design for
/// every variant, and the airfoil tables it did not edit come back as the very same arrays (`MatrixMemo`).
/// Each entry keeps its table alive, so its storage cannot be reused for other content, and shared storage is
/// never mutated in place (copy-on-write): same storage, same numbers, same resampled polar. Thread-safe; bounded.
final class PolarMemo: @unchecked Sendable {
    static let shared = PolarMemo()
    static let capacity = 1024

    private let lock = MutexLock()
    private var entries: [UnsafeRawPointer: (table: [[Double]], polar: AirfoilPolar)] = [:]

    private static func key(_ table: [[Double]]) -> UnsafeRawPointer? {
        guard !table.isEmpty else { return nil }
        return table.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }

    func polar(for table: [[Double]]) -> AirfoilPolar? {
        guard let k = Self.key(table) else { return nil }
        lock.lock(); defer { lock.unlock() }
        return entries[k]?.polar
    }

    func store(_ polar: AirfoilPolar, for table: [[Double]]) {
        guard let k = Self.key(table) else { return }
        lock.lock(); defer { lock.unlock() }
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[k] = (table, polar)
    }
}
