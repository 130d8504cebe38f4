import Foundation
import Testing
@testable import RAFT

/// `LumpedMassLine.blocks` (node blocks written through pointers, element matrices row by row, σ directions as lane
/// vectors kept in `ElementGeometry`) against a plain assembly of `get_dynamic_matrices` written here with the
/// `Matrix3` operators, array-indexed block additions (`add`) and a scalar σ integral per node and direction: the same bits.
@Suite("Lumped-mass line matrices: blocks = a plain Matrix3 assembly, bit for bit")
struct LumpedBlocksReferenceTests {
    /// `blocks[node] += sign·blk` entry by entry through the array's subscript (the plain dense-order addition the
    /// assembly's `Blocks.add` makes through a pointer).
    static func add(_ blocks: inout [Double], _ node: Int, _ blk: Matrix3, _ sign: Double = 1) {
        for r in 0..<3 { for c in 0..<3 { blocks[9 * node + 3 * r + c] += sign * blk[r, c] } }
    }

    /// The reference: σ per node and direction by the scalar loop (the operations each SIMD lane makes), then every
    /// element's matrices through the `Matrix3` operators and `add` in MoorPy's order.
    static func reference(_ line: LumpedMassLine, omegas: [Double], spectrum: [Double], rDynamic: [Complex]?,
                          selection: LumpedMassLine.BlockSelection, kbot: Double = 0, cbot: Double = 0,
                          seabedTolerance: Double = 1e-4) -> LumpedMassLine.Blocks {
        let n = line.count, nw = omegas.count, d3 = 3 * n, t = line.lineType
        let geo = line.elementGeometry()
        func direction(_ node: Int, _ slot: Int) -> Vec3 {
            if slot == 0 { return geo.h }
            let e = geo.elements[2 * node + (slot - 1) / 2]
            return slot % 2 == 1 ? e.tangent : e.normal
        }
        func sigma(_ node: Int, _ slot: Int) -> Double {
            let d = direction(node, slot)
            var sum = 0.0, previous = 0.0
            for k in 0..<nw {
                let w = omegas[k]
                var re = [1.0, 1.0, 1.0], im = [0.0, 0.0, 0.0]
                if let r = rDynamic {
                    for c in 0..<3 { re[c] = r[k * d3 + 3 * node + c].real; im[c] = r[k * d3 + 3 * node + c].imaginary }
                }
                let vre = im.map { -w * $0 }, vim = re.map { w * $0 }
                let ure = (vre[0] * d.x + vre[1] * d.y) + vre[2] * d.z
                let uim = (vim[0] * d.x + vim[1] * d.y) + vim[2] * d.z
                let y = (ure * ure + uim * uim) * spectrum[k]
                if k > 0 { sum += 0.5 * (previous + y) * (omegas[k] - omegas[k - 1]) }
                previous = y
            }
            return sum.squareRoot()
        }
        func element(_ node: Int, _ k: Int) -> (Double, Matrix3, Matrix3, Matrix3) {
            let e = geo.elements[2 * node + k]
            let le = e.length, tt = e.tt, pp = e.pp, hh = geo.hh
            let st = sigma(node, k == 0 ? 1 : 3), sh = sigma(node, 0), sp = sigma(node, k == 0 ? 2 : 4)
            let damp = e.dragScale * (t.transverseDrag * (sh * hh + sp * pp) + (t.tangentialDrag * st) * tt)
            let added = (1025 * Double.pi / 4 * t.diameter * t.diameter * le / 2) * (t.transverseAddedMass * (hh + pp) + t.tangentialAddedMass * tt)
            let stiff = (t.stiffness / le) * tt + (line.nodeTensions[node] / le) * (hh + pp)
            return (le, added, damp, stiff)
        }
        let all = selection == .all
        var out = LumpedMassLine.Blocks(count: n, dampingOnly: !all)
        func seabed(_ node: Int) {
            if abs(line.nodes[node].z - -line.depth) <= 1e-8 + seabedTolerance * abs(-line.depth) {
                if all { out.k[9 * node + 8] += kbot }
                out.b[9 * node + 8] += cbot
            }
        }
        for i in 0..<n {
            let first = element(i, 0)
            let second = i > 0 && i < n - 1 ? element(i, 1) : nil
            if all {
                add(&out.m, i, (t.massDensity * first.0 / 2) * Matrix3.identity)
                if let second { add(&out.m, i, (t.massDensity * second.0 / 2) * Matrix3.identity) }
                add(&out.a, i, second.map { first.1 + $0.1 } ?? first.1)
            }
            add(&out.b, i, second.map { first.2 + $0.2 } ?? first.2)
            if all {
                add(&out.k, i, second.map { first.3 + $0.3 } ?? first.3)
                if i == 0 { add(&out.kAbove, i, first.3, -1) }
                if i == n - 1 { add(&out.kBelow, i, first.3, -1) }
                if let second {
                    add(&out.kBelow, i, first.3, -1); add(&out.kAbove, i, second.3, -1)
                }
            }
            seabed(i)
        }
        return out
    }

    static func bits(_ b: LumpedMassLine.Blocks) -> [[UInt64]] {
        [b.m, b.a, b.b, b.k, b.kBelow, b.kAbove].map { $0.map(\.bitPattern) }
    }

    @Test("all four matrices (statics at ω = 0, and unit motions over a frequency grid; seabed springs and dampers)",
          .needsReference)
    func allMatrices() throws {
        let line = try LumpedMassSolverTests.line()
        let d3 = 3 * line.count
        let statics = line.blocks(omegas: [0], spectrum: [0], rDynamic: nil, stride: d3)
        #expect(Self.bits(statics) == Self.bits(Self.reference(line, omegas: [0], spectrum: [0], rDynamic: nil, selection: .all)))
        #expect(statics.k.contains { $0 != 0 } && statics.a.contains { $0 != 0 } && statics.m.contains { $0 != 0 })
        let omegas = LumpedMassSolverTests.omegas, spectrum = LumpedMassSolverTests.spectrum
        let grid = line.blocks(omegas: omegas, spectrum: spectrum, rDynamic: nil, stride: d3, kbot: 3e4, cbot: 2e3)
        let ref = Self.reference(line, omegas: omegas, spectrum: spectrum, rDynamic: nil, selection: .all, kbot: 3e4, cbot: 2e3)
        #expect(Self.bits(grid) == Self.bits(ref))
        #expect(grid.b.contains { $0 != 0 } && grid != statics)
    }

    @Test("drag damping from node motions (the iteration's updates), with and without a kept geometry", .needsReference)
    func dampingFromMotions() throws {
        let line = try LumpedMassSolverTests.line()
        let n = line.count, d3 = 3 * n, omegas = LumpedMassSolverTests.omegas, spectrum = LumpedMassSolverTests.spectrum
        #expect(n % 8 != 0)  // a partial last lane group
        let x = (0 ..< omegas.count * d3).map { Complex(0.01 * sin(Double($0)), 0.02 * cos(0.7 * Double($0))) }
        let ref = Self.reference(line, omegas: omegas, spectrum: spectrum, rDynamic: x, selection: .dampingOnly, cbot: 5e2)
        let fresh = line.blocks(omegas: omegas, spectrum: spectrum, rDynamic: x, stride: d3, cbot: 5e2, selection: .dampingOnly)
        let kept = line.blocks(omegas: omegas, spectrum: spectrum, rDynamic: x, stride: d3, cbot: 5e2, selection: .dampingOnly,
                               geometry: line.elementGeometry())
        #expect(fresh.b.map(\.bitPattern) == ref.b.map(\.bitPattern))
        #expect(kept.b.map(\.bitPattern) == ref.b.map(\.bitPattern))
        #expect(fresh.m.isEmpty && fresh.b.allSatisfy(\.isFinite) && fresh.b.contains { $0 != 0 })
    }
}
