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
        sortedUnique(numpyLinspace(-180, -30, 51) + numpyLinspace(-30, 30, 100) + numpyLinspace(30, 180, 51))
    }()

    /// numpy `unique`: the distinct values of `values` (no NaN) in increasing order — what `Array(Set(values)).sorted()`
    /// gives, by an insertion sort (the three ranges come already in order, so it is one pass) and dropping repeats.
    /// Not the standard library's: its sort's specialization, shared with a dependency's, names its run-stack type
    /// `[Range<Int>]` by mangled name, and the Swift runtime then scans all ~4,000 conformance records for
    /// `Int: Comparable` (~0.2 M instructions on the main thread before the fits, callgrind), needed nowhere else.
    static func sortedUnique(_ values: [Double]) -> [Double] {
        var v = values
        for i in v.indices.dropFirst() {
            let x = v[i]
            var j = i
            while j > 0 && x < v[j - 1] { v[j] = v[j - 1]; j -= 1 }
            v[j] = x
        }
        var out: [Double] = []
        out.reserveCapacity(v.count)
        for x in v where out.isEmpty || out[out.count - 1] != x { out.append(x) }
        return out
    }

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
        let brackets = Self.brackets(Self.angleGrid, in: aoa)
        func column(_ j: Int) -> [Double] {
            let f = table.map { $0[j] }
            var c: [Double]
            if let brackets {
                let grid = Self.angleGrid
                c = (0..<grid.count).map { k in
                    let b = brackets[k], i = b.row
                    guard b.between else { return f[i] }
                    // `numpyInterp`'s expression, operation for operation
                    let slope = (f[i + 1] - f[i]) / (aoa[i + 1] - aoa[i])
                    return slope * (grid[k] - aoa[i]) + f[i]
                }
            } else {
                c = Self.angleGrid.map { numpyInterp($0, aoa, f) }
            }
            if abs(c[0] - c[c.count - 1]) > 1.0e-5 { c[0] = c[c.count - 1] }
            return c
        }
        cl = column(1); cd = column(2); cm = column(3)
    }

    /// Where `numpyInterp(x, xp, fp)` takes each `x` of the increasing `points` from, for any `fp` of `xp`'s length:
    /// `between` false = the value `fp[row]`, true = the line through rows `row` and `row + 1`. Found in one walk along
    /// `xp` for all points (and shared by the polar's three columns) instead of a scan of the whole table per point
    /// and column: `numpyInterp` was ~1.1 M instructions of the main thread before the airfoil fits (OC3spar,
    /// callgrind: 4,200 calls). Nil (use `numpyInterp`) when `xp` is empty or not non-decreasing (or has a NaN):
    /// only for a non-decreasing `xp` is the last row with `xp[i] <= x` the walk's row.
    static func brackets(_ points: [Double], in xp: [Double]) -> [Bracket]? {
        let n = xp.count
        guard n > 0, !xp[0].isNaN else { return nil }
        for i in 1..<n where !(xp[i - 1] <= xp[i]) { return nil }
        var out: [Bracket] = []
        out.reserveCapacity(points.count)
        var j = 0  // last row with xp[j] <= x once x >= xp[0]; x only grows
        for x in points {
            if x < xp[0] { out.append(Bracket(row: 0, between: false)); continue }
            if x >= xp[n - 1] { out.append(Bracket(row: n - 1, between: false)); continue }  // numpyInterp: x > or == xp[n - 1]
            while j + 1 < n && xp[j + 1] <= x { j += 1 }
            out.append(Bracket(row: j, between: xp[j] != x))
        }
        return out
    }

    /// One point's place in a table (`brackets`).
    struct Bracket {
        var row: Int
        var between: Bool
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
