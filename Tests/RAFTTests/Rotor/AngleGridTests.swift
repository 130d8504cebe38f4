import Testing
@testable import RAFT
@testable import RAFTIO

/// `AirfoilPolar.sortedUnique` (numpy `unique` without the standard library's sort) gives exactly
/// `Array(Set(values)).sorted()`, and the CLI's cache variables are read without a dictionary as with one.
@Suite struct AngleGridTests {
    static func bits(_ v: [Double]) -> [UInt64] { v.map(\.bitPattern) }

    @Test("RAFT's 200-point angle grid: the distinct values of its three ranges in order")
    func angleGrid() {
        let all = numpyLinspace(-180, -30, 51) + numpyLinspace(-30, 30, 100) + numpyLinspace(30, 180, 51)
        #expect(AirfoilPolar.angleGrid.count == 200)
        #expect(Self.bits(AirfoilPolar.angleGrid) == Self.bits(Array(Set(all)).sorted()))
    }

    @Test("sortedUnique equals Set then sorted on shuffled inputs with repeats")
    func randomInputs() {
        var rng = SystemRandomNumberGenerator()
        for n in [0, 1, 2, 3, 7, 50, 300] {
            for _ in 0..<20 {
                let pool = (0..<max(1, n / 2)).map { _ in Double.random(in: -200...200, using: &rng) }
                let values = (0..<n).map { _ in pool.randomElement(using: &rng)! }
                #expect(Self.bits(AirfoilPolar.sortedUnique(values)) == Self.bits(Array(Set(values)).sorted()))
            }
        }
        #expect(AirfoilPolar.sortedUnique([3, 1, 2, 1, 3]) == [1, 2, 3])
    }

    @Test("the disk caches' folders from getenv-style look-ups")
    func cacheLookups() {
        let env = ["RAFT_CACHE_DIR": "/c", "HOME": "/h"]
        #expect(DiskFitCache.defaultDirectory(lookup: { env[$0] }) == "/c")
        #expect(DiskFitCache.fromEnvironment(["HOME": "/h"])?.directory == "/h/.cache/swift-raft/fits")
        #expect(DiskBEMCache.fromEnvironment(lookup: { ["XDG_CACHE_HOME": "/x"][$0] })?.directory == "/x/swift-raft/bem")
        #expect(DiskBEMCache.fromEnvironment(lookup: { ["RAFT_NO_CACHE": "1", "HOME": "/h"][$0] }) == nil)
        #expect(DiskFitCache.environmentValue("RAFT_SURELY_UNSET_VARIABLE_17") == nil)
    }
}

/// `AirfoilPolar(table:)` (one walk per table) gives the bits of `numpyInterp` per grid point and column.
@Suite struct AirfoilPolarResampleTests {
    static func reference(_ table: [[Double]]) -> [[UInt64]] {
        let aoa = table.map { $0[0] }
        return (1...3).map { j in
            let f = table.map { $0[j] }
            var c = AirfoilPolar.angleGrid.map { numpyInterp($0, aoa, f) }
            if abs(c[0] - c[c.count - 1]) > 1.0e-5 { c[0] = c[c.count - 1] }
            return c.map(\.bitPattern)
        }
    }

    static func bits(_ p: AirfoilPolar) -> [[UInt64]] { [p.cl, p.cd, p.cm].map { $0.map(\.bitPattern) } }

    @Test("random tables: sorted, with repeated angles, grid points hit exactly, narrow, unsorted, NaN")
    func sameBitsAsNumpyInterp() {
        var rng = SystemRandomNumberGenerator()
        let grid = AirfoilPolar.angleGrid
        var checked = 0
        for n in [1, 2, 3, 5, 20, 64, 150] {
            for trial in 0..<30 {
                var aoa = (0..<n).map { _ in Double.random(in: -200...200, using: &rng) }
                switch trial % 6 {
                case 0: aoa.sort()
                case 1: aoa.sort(); if n > 2 { aoa[1] = aoa[0]; aoa[n - 1] = aoa[n - 2] }  // repeated rows
                case 2: aoa = (0..<n).map { grid[($0 * 7) % grid.count] }.sorted()  // on grid points
                case 3: aoa = aoa.map { $0 / 20 }.sorted()  // narrower than the grid
                case 4: break  // unsorted (numpyInterp's own answer)
                default: aoa.sort(); aoa[n / 2] = .nan
                }
                let table = aoa.map { [$0, Double.random(in: -2...2, using: &rng), Double.random(in: 0...1, using: &rng),
                                       Double.random(in: -0.5...0.5, using: &rng)] }
                #expect(Self.bits(AirfoilPolar(table: table)) == Self.reference(table))
                checked += 1
            }
        }
        #expect(checked == 210)
    }
}
