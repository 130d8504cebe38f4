#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT

/// An optional on-disk store of fitted airfoil splines, so that repeated runs of the same turbine skip the
/// smoothing fits (about a third of a short `raft run`'s CPU time).
///
/// Off by default for library users; the `raft` CLI injects it (`SmoothingSpline.persistentStore`) (`$RAFT_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/swift-raft/fits`, else `~/.cache/swift-raft/fits`; `RAFT_NO_CACHE=1` disables it).
/// Entries are keyed by the exact bits of the fit's inputs and store the exact bits of its result, and a loaded
/// entry is used only if its stored inputs equal the request bit for bit, so results are identical to a fresh
/// fit. Every failure (unreadable, corrupt, unwritable) silently falls back to fitting.
package struct DiskFitCache: SplineFitStore {
    /// Folder of the cache files.
    package var directory: String

    package init(directory: String) { self.directory = directory }

    /// The store the CLI injects: `defaultDirectory()`'s folder, or nil when disabled.
    package static func fromEnvironment() -> DiskFitCache? {
        defaultDirectory(lookup: environmentValue).map(DiskFitCache.init(directory:))
    }

    /// The store for the given variables (tests).
    package static func fromEnvironment(_ env: [String: String]) -> DiskFitCache? {
        defaultDirectory(lookup: { env[$0] }).map(DiskFitCache.init(directory:))
    }

    /// One of the variables the disk caches read (`RAFT_NO_CACHE`, `RAFT_CACHE_DIR`, `XDG_CACHE_HOME`, `HOME`), by
    /// `getenv`, or nil when unset. No dictionary on the way: `ProcessInfo.environment` builds one of the whole
    /// environment (~2 % of a short `raft run`), and even a four-entry `[String: String]` made the Swift runtime look
    /// up `String: Hashable` for the dictionary's storage type (the standard library's specialization names its type
    /// by mangled name) — a scan of all ~4,000 conformance records, ~0.25 M instructions on the main thread before the
    /// design is read (callgrind), which nothing later in a run needs.
    package static func environmentValue(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Folder of the store currently injected into the rotor code, or nil (the library default: no disk cache).
    package static var directory: String? { (SmoothingSpline.persistentStore as? DiskFitCache)?.directory }

    /// The CLI's default folder from the environment, or nil when `RAFT_NO_CACHE` is set or no home is known.
    package static func defaultDirectory(environment env: [String: String]) -> String? {
        defaultDirectory(lookup: { env[$0] })
    }

    /// `defaultDirectory(environment:)` with the variables read through `lookup` (name -> value, nil if unset).
    package static func defaultDirectory(lookup env: (String) -> String?) -> String? {
        cacheFolder("fits", lookup: env)
    }

    /// The folder of one of the CLI's disk caches (`kind`: "fits", "bem") from the variables read through `lookup`,
    /// in this order: nil when `RAFT_NO_CACHE` is set (and not "0"); `RAFT_CACHE_DIR` itself (every cache shares that
    /// folder); `$XDG_CACHE_HOME/swift-raft/<kind>`; `$HOME/.cache/swift-raft/<kind>`; nil when no home is known.
    package static func cacheFolder(_ kind: String, lookup env: (String) -> String?) -> String? {
        if let off = env("RAFT_NO_CACHE"), !off.isEmpty, off != "0" { return nil }
        if let d = env("RAFT_CACHE_DIR"), !d.isEmpty { return d }
        if let x = env("XDG_CACHE_HOME"), !x.isEmpty { return x + "/swift-raft/" + kind }
        if let h = env("HOME"), !h.isEmpty { return h + "/.cache/swift-raft/" + kind }
        return nil
    }

    package func load(_ key: FitCache.Key) -> StoredSplineFit? {
        Self.load(key, from: directory).map { StoredSplineFit(knots: $0.knots, coefficients: $0.coefficients, residual: $0.residual, status: $0.status) }
    }

    package func store(_ key: FitCache.Key, _ fit: StoredSplineFit) {
        Self.store(key, knots: fit.knots, coefficients: fit.coefficients, residual: fit.residual, status: fit.status, in: directory)
    }

    static let magic: UInt64 = 0x5241_4654_4649_5432  // "RAFTFIT2" (version 2: a checksum word at the end)

    /// FNV-1a over the key's bits: the file name.
    static func name(_ key: FitCache.Key) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ v: UInt64) { for b in 0..<8 { h = (h ^ ((v >> (8 * UInt64(b))) & 0xff)) &* 0x100_0000_01b3 } }
        mix(UInt64(key.x.count)); mix(key.s)
        for v in key.x { mix(v) }
        for v in key.z { mix(v) }
        return String(h, radix: 16) + ".fit"
    }

    /// Layout (UInt64 words): magic, nx, s, x…, z…, nk, nc, residual, status, knots…, coefficients….
    static func encode(_ key: FitCache.Key, knots: [Double], coefficients: [Double], residual: Double, status: Int) -> [UInt64] {
        var w: [UInt64] = [magic, UInt64(key.x.count), key.s]
        w += key.x
        w += key.z
        w += [UInt64(knots.count), UInt64(coefficients.count), residual.bitPattern, UInt64(bitPattern: Int64(status))]
        w += knots.map { $0.bitPattern }
        w += coefficients.map { $0.bitPattern }
        w.append(checksum(w))
        return w
    }

    /// FNV-1a over every byte of the words: a file whose contents were damaged after a valid header is not trusted.
    static func checksum<C: Collection>(_ words: C) -> UInt64 where C.Element == UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for v in words { for b in 0..<8 { h = (h ^ ((v >> (8 * UInt64(b))) & 0xff)) &* 0x100_0000_01b3 } }
        return h
    }

    static func decode(_ stored: [UInt64], key: FitCache.Key) -> (knots: [Double], coefficients: [Double], residual: Double, status: Int)? {
        guard let sum = stored.last, checksum(stored.dropLast()) == sum else { return nil }
        let w = Array(stored.dropLast())
        let nx = key.x.count
        guard w.count >= 3 + 2 * nx + 4, w[0] == magic, w[1] == UInt64(nx), w[2] == key.s,
              Array(w[3 ..< 3 + nx]) == key.x, Array(w[3 + nx ..< 3 + 2 * nx]) == key.z else { return nil }
        var i = 3 + 2 * nx
        let nk = Int(w[i]), nc = Int(w[i + 1])
        guard nk >= 8, nk < 10_000, nc >= 1, nc < 10_000, w.count == i + 4 + nk + nc else { return nil }
        let residual = Double(bitPattern: w[i + 2]), status = Int(Int64(bitPattern: w[i + 3]))
        i += 4
        let knots = w[i ..< i + nk].map { Double(bitPattern: $0) }
        let coefficients = w[i + nk ..< i + nk + nc].map { Double(bitPattern: $0) }
        guard knots.allSatisfy({ $0.isFinite }), coefficients.allSatisfy({ $0.isFinite }), zip(knots, knots.dropFirst()).allSatisfy({ $0 <= $1 }) else { return nil }
        return (knots, coefficients, residual, status)
    }

    static func load(_ key: FitCache.Key, from dir: String?) -> (knots: [Double], coefficients: [Double], residual: Double, status: Int)? {
        guard let dir, let data = FileManager.default.contents(atPath: dir + "/" + name(key)), data.count % 8 == 0 else { return nil }
        let words = data.withUnsafeBytes { raw in (0 ..< data.count / 8).map { raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self) } }
        return decode(words, key: key)
    }

    static func store(_ key: FitCache.Key, knots: [Double], coefficients: [Double], residual: Double, status: Int, in dir: String?) {
        guard let dir else { return }
        let words = encode(key, knots: knots, coefficients: coefficients, residual: residual, status: status)
        words.withUnsafeBytes { try? AtomicFile.write(bytes: $0, to: dir + "/" + name(key)) }
    }
}
