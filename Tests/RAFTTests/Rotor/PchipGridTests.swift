import Foundation
import Testing
@testable import RAFT

/// `PchipGrid` (shared knots and points, value-dependent work only) gives the very bits of a `Pchip` per value set,
/// and `Rotor.elementPolars` the very bits of `Rotor.elementPolarsReference` on the repository's designs.
@Suite struct PchipGridTests {
    static func bits(_ v: [Double]) -> [UInt64] { v.map(\.bitPattern) }

    /// Knot counts 2…9, value sets with zeros, plateaus, sign changes, steep edges; points outside, on and
    /// between the knots.
    @Test func sameBitsAsPchip() {
        var rng = SystemRandomNumberGenerator()
        var checked = 0
        for n in 2...9 {
            for trial in 0..<40 {
                var x = [Double.random(in: 0.1...0.3, using: &rng)]
                for _ in 1..<n { x.append(x[x.count - 1] + Double.random(in: 0.001...0.2, using: &rng)) }
                var points = x + [x[0] - 0.05, x[n - 1] + 0.05, x[n - 1]]
                for _ in 0..<20 { points.append(Double.random(in: (x[0] - 0.02)...(x[n - 1] + 0.02), using: &rng)) }
                var grid = PchipGrid(x: x, points: points)
                #expect(grid.pointCount == points.count)
                for kind in 0..<6 {
                    let y: [Double] = (0..<n).map { k in
                        switch kind {
                        case 0: return Double.random(in: -2...2, using: &rng)
                        case 1: return k % 2 == 0 ? 0 : Double.random(in: -1...1, using: &rng)  // zeros, sign flips
                        case 2: return k < n / 2 ? 1.5 : -0.5                                  // plateau and step
                        case 3: return Double(k * k) * 1e-3 - Double(trial) * 1e-4              // monotone
                        case 4: return k == n - 1 ? 40 : Double.random(in: 0...0.01, using: &rng) // steep end
                        default: return k == 0 ? -0.0 : Double.random(in: -1e-8...1e-8, using: &rng)
                        }
                    }
                    let reference = Pchip(x: x, y: y)
                    var out = [Double](repeating: .nan, count: points.count * 3)
                    grid.evaluate({ y[$0] }, into: &out, base: 1, stride: 3)
                    let got = (0..<points.count).map { out[1 + 3 * $0] }
                    #expect(Self.bits(got) == Self.bits(points.map { reference($0) }), "n \(n) kind \(kind) x \(x) y \(y)")
                    checked += 1
                }
            }
        }
        #expect(checked == 8 * 40 * 6)
    }

    /// The blade polars of every repository design (the thickness blend of `Rotor.init`), both ways.
    @Test func elementPolarsSameBitsOnDesigns() throws {
        let dir = Reference.repoRoot.appendingPathComponent("designs")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var compared = 0
        for name in names {
            let design = try Design.load(path: dir.appendingPathComponent(name).path)
            for t in design.turbines {
                for blade in t.blades {
                    let polars = t.airfoils.map { AirfoilPolar(table: $0.data) }
                    let stations = blade.stations.map { st in t.airfoils.firstIndex { $0.name == st.name }! }
                    let thickness = stations.map { t.airfoils[$0].relativeThickness }
                    var uniq: [(Double, Int)] = []
                    for (k, th) in thickness.enumerated() where !uniq.contains(where: { $0.0 == th }) { uniq.append((th, stations[k])) }
                    uniq.sort { $0.0 < $1.0 }
                    let nr = blade.elementCount
                    let spline = Pchip(x: blade.stations.map(\.position), y: thickness)
                    let elementThickness = (0..<nr).map { spline((Double($0) + 0.5) / Double(nr)) }
                    let ux = uniq.map(\.0), up = uniq.map { polars[$0.1] }
                    let naoa = AirfoilPolar.angleGrid.count
                    let fast = Rotor.elementPolars(thickness: ux, polars: up, angleCount: naoa, at: elementThickness)
                    let slow = Rotor.elementPolarsReference(thickness: ux, polars: up, angleCount: naoa, at: elementThickness)
                    #expect(fast.count == nr && slow.count == nr)
                    for e in 0..<nr {
                        #expect(Self.bits(fast[e].cl) == Self.bits(slow[e].cl), "\(name) element \(e) cl")
                        #expect(Self.bits(fast[e].cd) == Self.bits(slow[e].cd), "\(name) element \(e) cd")
                        #expect(fast[e].cl.count == naoa && fast[e].cm.isEmpty)
                    }
                    compared += 1
                }
            }
        }
        #expect(compared >= 3)
    }
}
