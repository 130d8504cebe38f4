import Foundation
import Testing
@testable import RAFT
@testable import RAFTIO

@Suite("On-disk airfoil fit cache")
struct DiskFitCacheTests {
    static func sample() -> (x: [Double], z: [Double]) {
        let x = (0..<40).map { -0.5 + Double($0) * 0.025 }
        let z = x.map { 2 * Double.pi * sin($0) * (1 - 0.3 * $0 * $0) + 0.01 * cos(17 * $0) }
        return (x, z)
    }

    @Test("a stored fit is restored with identical bits; off by default for library users")
    func roundTrip() throws {
        #expect(DiskFitCache.directory == nil)
        let dir = NSTemporaryDirectory() + "raft-fits-\(UUID().uuidString)"
        let (x, z) = Self.sample()
        let fresh = try SmoothingSpline(x: x, z: z, s: 0.1)
        let key = FitCache.Key(x: x, z: z, s: 0.1)
        DiskFitCache.store(key, knots: fresh.knots, coefficients: fresh.coefficients, residual: fresh.residual,
                           status: fresh.status, in: dir)
        let loaded = try #require(DiskFitCache.load(key, from: dir))
        #expect(loaded.knots.map(\.bitPattern) == fresh.knots.map(\.bitPattern))
        #expect(loaded.coefficients.map(\.bitPattern) == fresh.coefficients.map(\.bitPattern))
        #expect(loaded.residual.bitPattern == fresh.residual.bitPattern && loaded.status == fresh.status)
        let restored = SmoothingSpline(knots: loaded.knots, coefficients: loaded.coefficients, residual: loaded.residual,
                                       status: loaded.status)
        for a in stride(from: -0.45, to: 0.45, by: 0.01) {
            #expect(restored.value(a, re: 1e7).bitPattern == fresh.value(a, re: 1e7).bitPattern)
            #expect(restored.slope(a, re: 1e7).bitPattern == fresh.slope(a, re: 1e7).bitPattern)
        }
    }

    @Test("entries for other inputs, truncated or corrupt files are ignored")
    func rejects() throws {
        let dir = NSTemporaryDirectory() + "raft-fits-\(UUID().uuidString)"
        let (x, z) = Self.sample()
        let fresh = try SmoothingSpline(x: x, z: z, s: 0.1)
        let key = FitCache.Key(x: x, z: z, s: 0.1)
        DiskFitCache.store(key, knots: fresh.knots, coefficients: fresh.coefficients, residual: fresh.residual,
                           status: fresh.status, in: dir)
        // Same file name forced for a different key: the stored inputs must not match.
        var z2 = z; z2[3] = z2[3].nextUp
        let other = FitCache.Key(x: x, z: z2, s: 0.1)
        let path = dir + "/" + DiskFitCache.name(key)
        try FileManager.default.copyItem(atPath: path, toPath: dir + "/" + DiskFitCache.name(other))
        #expect(DiskFitCache.load(other, from: dir) == nil)
        let data = try #require(FileManager.default.contents(atPath: path))
        try data.prefix(data.count - 8).write(to: URL(fileURLWithPath: path))
        #expect(DiskFitCache.load(key, from: dir) == nil)
        try Data("not a fit".utf8).write(to: URL(fileURLWithPath: path))
        #expect(DiskFitCache.load(key, from: dir) == nil)
        #expect(DiskFitCache.load(key, from: dir + "/missing") == nil)
    }

    @Test("the CLI's default folder follows RAFT_NO_CACHE, RAFT_CACHE_DIR, XDG_CACHE_HOME and HOME")
    func defaults() {
        #expect(DiskFitCache.defaultDirectory(environment: ["RAFT_NO_CACHE": "1", "HOME": "/h"]) == nil)
        #expect(DiskFitCache.defaultDirectory(environment: ["RAFT_CACHE_DIR": "/c", "HOME": "/h"]) == "/c")
        #expect(DiskFitCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/x/swift-raft/fits")
        #expect(DiskFitCache.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.cache/swift-raft/fits")
        #expect(DiskFitCache.defaultDirectory(environment: [:]) == nil)
    }
}
