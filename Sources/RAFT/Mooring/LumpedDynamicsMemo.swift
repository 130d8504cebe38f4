import Numerics

/// What `LumpedMassLine.dynamicTension` keeps of its last call on a line, to skip work a repeated call would redo
/// with the same bits.
///
/// Within a case RAFT re-solves every line at the same mean position for each drag iteration (moorMod 2, spec 06
/// §7.1) and again for the tension outputs, so each call starts from the same M, A, K and the drag damping `B₀` of
/// unit node motions: the same matrices, and the same factors of its first sweep (`LineSolver.Kept`). With
/// `XiStart = 0` the first two calls also get the same (zero) end motions, and then return the same solution.
/// Everything is reused only when every input bit is equal (`±0` and NaN payloads included), which makes the kept
/// results the ones the computation would give.
package struct LumpedDynamicsMemo: Sendable {
    /// The settings of a call besides the line model and the end motions.
    struct Settings: Sendable {
        var omegas: [Double], spectrum: [Double]
        var kbot: Double, cbot: Double, seabedTolerance: Double, tolerance: Double
        var maxIterations: Int, relaxation: Double

        func same(_ o: Settings) -> Bool {
            LumpedDynamicsMemo.same(omegas, o.omegas) && LumpedDynamicsMemo.same(spectrum, o.spectrum)
                && LumpedDynamicsMemo.same([kbot, cbot, seabedTolerance, tolerance, relaxation],
                                           [o.kbot, o.cbot, o.seabedTolerance, o.tolerance, o.relaxation])
                && maxIterations == o.maxIterations
        }
    }

    let model: LumpedMassLine
    let settings: Settings
    /// M, A, K and `B₀` (`blocks(rDynamic: nil)`).
    let blocks: LumpedMassLine.Blocks
    /// The solver after the first sweep: M + A and K loaded, the first sweep's factors kept.
    let solver: LineSolver
    /// The last call's end motions and solution (only for calls whose `refresh` never changes the model); `complete`:
    /// with its tension amplitudes and motions (not a `matricesOnly` call).
    var last: (raoA: [[Complex]], raoB: [[Complex]], solution: LumpedMassLine.DynamicSolution, complete: Bool)?

    init(model: LumpedMassLine, settings: Settings, blocks: LumpedMassLine.Blocks, solver: LineSolver) {
        self.model = model; self.settings = settings; self.blocks = blocks; self.solver = solver
    }

    /// `line` and `settings` are bit for bit the kept ones.
    func matches(_ line: LumpedMassLine, _ settings: Settings) -> Bool {
        self.settings.same(settings) && Self.same(model, line)
    }

    static func same(_ a: [Double], _ b: [Double]) -> Bool { DoubleScan.sameBits(a, b) }

    static func same(_ a: [[Complex]], _ b: [[Complex]]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { p, q in
            p.count == q.count && zip(p, q).allSatisfy {
                $0.real.bitPattern == $1.real.bitPattern && $0.imaginary.bitPattern == $1.imaginary.bitPattern
            }
        }
    }

    /// Every input of the line matrices: nodes, node tensions, line type, depth, and a composite's parts.
    static func same(_ a: LumpedMassLine, _ b: LumpedMassLine) -> Bool {
        func vec(_ u: Vec3, _ v: Vec3) -> Bool {
            u.x.bitPattern == v.x.bitPattern && u.y.bitPattern == v.y.bitPattern && u.z.bitPattern == v.z.bitPattern
        }
        func type(_ s: LineType) -> [Double] {
            [s.diameter, s.massDensity, s.stiffness, s.transverseDrag, s.transverseAddedMass, s.tangentialDrag,
             s.tangentialAddedMass]
        }
        return a.nodes.count == b.nodes.count && zip(a.nodes, b.nodes).allSatisfy(vec)
            && same(a.nodeTensions, b.nodeTensions) && same(type(a.lineType), type(b.lineType))
            && a.depth.bitPattern == b.depth.bitPattern
            && a.parts.count == b.parts.count && zip(a.parts, b.parts).allSatisfy { same($0, $1) }
    }
}
