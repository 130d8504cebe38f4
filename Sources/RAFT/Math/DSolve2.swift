/// MoorPy's generic solver `dsolve2`, shared by the mooring equilibrium and RAFT's `solveStatics`
/// (spec 04 §4.4): anti-reversal plane, per-component acceleration limit, optional damping; converged when every
/// |dX| is below its absolute tolerance, leaving X at the last evaluated point.
struct GenericSolve {
    var tolerances: [Double]
    var aMax: Double
    var maxIterations: Int
    var dodamping: Bool

    struct Result { var x: [Double]; var iterations: Int }

    /// `evaluate` returns Y (nil stops the iteration, e.g. on an error); `step` returns dX.
    func run(x0: [Double], evaluate: ([Double]) -> [Double]?, step: ([Double], [Double]) -> [Double]) -> Result {
        let n = x0.count
        var x = x0
        var dXLast = [Double](repeating: 0, count: n)
        var history: [[Double]] = []
        var damper = 1.0
        var iter = 0
        while iter < maxIterations {
            guard let y = evaluate(x) else { break }
            history.append(x)
            let tols = tolerances
            if iter == maxIterations - 1 { break }
            var dX = step(x, y)
            var crossed = 0.0, limit = 0.0
            for i in 0..<n { crossed += (x[i] + dX[i]) * dXLast[i]; limit += (x[i] - 0.62 * dXLast[i]) * dXLast[i] }
            if crossed < limit {
                var num = 0.0, den = 0.0
                for i in 0..<n { num += ((x[i] - 0.62 * dXLast[i]) - x[i]) * dXLast[i]; den += dX[i] * dXLast[i] }
                let alpha = num / den
                for i in 0..<n { dX[i] = alpha * dX[i] }
            }
            for i in 0..<n where abs(dXLast[i]) > tols[i] {
                let dXMax = aMax * dXLast[i]
                if dXMax == 0 { dX[i] = 0 } else {
                    let a = dX[i] / dXMax
                    if a > 1 { dX[i] = dX[i] / a }
                }
            }
            if dodamping && iter == maxIterations / 2 {
                if iter - 1 > 2 {
                    for j in 2 ..< (iter - 1) {
                        let past = history[iter - j]
                        if (0..<n).allSatisfy({ abs(x[$0] - past[$0]) < tols[$0] }) { damper *= 0.9; break }
                    }
                }
            }
            for i in 0..<n { dX[i] *= damper }
            if (0..<n).allSatisfy({ abs(dX[$0]) < tols[$0] }) { break }
            dXLast = dX
            for i in 0..<n { x[i] += dX[i] }
            iter += 1
        }
        return Result(x: x, iterations: iter)
    }
}
