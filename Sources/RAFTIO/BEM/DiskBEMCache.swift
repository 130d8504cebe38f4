#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK
import RAFT

/// An optional on-disk store of BEM results, so that repeated runs and sweep variants with the same hull mesh,
/// frequencies and headings skip the panel-method solve (seconds to minutes).
///
/// Off by default for library users; the `raft` CLI injects it (`BEMCache.persistentStore`) into the folder of the
/// airfoil-fit cache (`$RAFT_CACHE_DIR`, else `$XDG_CACHE_HOME/swift-raft/bem`, else `~/.cache/swift-raft/bem`;
/// `RAFT_NO_CACHE=1` disables it). An entry holds its whole key (the exact bits of mesh, frequencies, headings,
/// g and solver version) and is used only when that key equals the request bit for bit, so cached results are
/// identical to a fresh solve. Every failure (unreadable, corrupt, unwritable) silently falls back to solving.
package struct DiskBEMCache: BEMResultStore {
    package var directory: String

    package init(directory: String) { self.directory = directory }

    /// The store the CLI injects, or nil when disabled (variables by `getenv`, see `DiskFitCache.environmentValue`).
    package static func fromEnvironment() -> DiskBEMCache? {
        fromEnvironment(lookup: DiskFitCache.environmentValue)
    }

    /// The store for the given variables (name -> value, nil if unset).
    package static func fromEnvironment(lookup env: (String) -> String?) -> DiskBEMCache? {
        DiskFitCache.cacheFolder("bem", lookup: env).map(DiskBEMCache.init(directory:))
    }

    static let magic: UInt64 = 0x5241_4654_4245_4D31  // "RAFTBEM1"

    /// FNV-1a over the key's words: the file name.
    static func name(_ key: BEMCacheKey) -> String {
        String(DiskFitCache.checksum(key.words), radix: 16) + ".bem"
    }

    /// Layout (UInt64 words): magic, key count, key…, nω, nβ, ω…, β…, Ā(0), Ā(∞), per ω: Ā, B̄, X̄ (re, im per
    /// heading and DOF), checksum.
    static func encode(_ key: BEMCacheKey, _ c: BEMCoefficients) -> [UInt64] {
        var w: [UInt64] = [magic, UInt64(key.words.count)] + key.words
        w += [UInt64(c.omega.count), UInt64(c.headingsDeg.count)]
        w += c.omega.map { $0.bitPattern } + c.headingsDeg.map { $0.bitPattern }
        w += c.addedMassZero.map { $0.bitPattern } + c.addedMassInfinite.map { $0.bitPattern }
        for k in c.omega.indices {
            w += c.addedMass[k].map { $0.bitPattern } + c.damping[k].map { $0.bitPattern }
            for h in c.headingsDeg.indices { for x in c.excitation[k][h] { w += [x.real.bitPattern, x.imaginary.bitPattern] } }
        }
        w.append(DiskFitCache.checksum(w))
        return w
    }

    static func decode(_ stored: [UInt64], key: BEMCacheKey) -> BEMCoefficients? {
        guard let sum = stored.last, DiskFitCache.checksum(stored.dropLast()) == sum else { return nil }
        let w = stored.dropLast()
        var i = w.startIndex
        func take(_ n: Int) -> ArraySlice<UInt64>? {
            guard n >= 0, w.endIndex - i >= n else { return nil }
            defer { i += n }
            return w[i ..< i + n]
        }
        func doubles(_ n: Int) -> [Double]? { take(n).map { $0.map { Double(bitPattern: $0) } } }
        guard let head = take(2), head.first == magic, head.last == UInt64(key.words.count),
              let k = take(key.words.count), k.elementsEqual(key.words),
              let counts = take(2), let nw = Int(exactly: counts.first!), let nh = Int(exactly: counts.last!),
              nw < 100_000, nh < 10_000,
              let omega = doubles(nw), let heads = doubles(nh), let a0 = doubles(36), let aInf = doubles(36) else { return nil }
        var a: [[Double]] = [], b: [[Double]] = [], x: [[[ComplexDouble]]] = []
        for _ in 0..<nw {
            guard let ak = doubles(36), let bk = doubles(36), let xk = doubles(12 * nh) else { return nil }
            a.append(ak); b.append(bk)
            x.append((0..<nh).map { h in (0..<6).map { d in ComplexDouble(xk[12 * h + 2 * d], xk[12 * h + 2 * d + 1]) } })
        }
        guard i == w.endIndex else { return nil }
        return BEMCoefficients(omega: omega, headingsDeg: heads, addedMass: a, damping: b, excitation: x,
                               addedMassZero: a0, addedMassInfinite: aInf)
    }

    package func load(_ key: BEMCacheKey) -> BEMCoefficients? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + Self.name(key)), data.count % 8 == 0 else { return nil }
        let words = data.withUnsafeBytes { raw in (0 ..< data.count / 8).map { raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self) } }
        return Self.decode(words, key: key)
    }

    package func store(_ key: BEMCacheKey, _ c: BEMCoefficients) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let words = Self.encode(key, c)
        words.withUnsafeBytes { try? AtomicFile.write(bytes: $0, to: directory + "/" + Self.name(key)) }
    }
}
