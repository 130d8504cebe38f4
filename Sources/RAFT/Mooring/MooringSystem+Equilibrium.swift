#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK

extension MooringSystem {
    /// MoorPy `mooringEq(X, DOFtype, tol)`: set positions, solve every line (warm-started), return the net
    /// forces on the selected DOFs.
    @discardableResult
    package mutating func mooringEquation(_ x: [Double], _ sel: DOFSelection, linesOnly: Bool = false,
                                         tolerance: Double) throws(MooringError) -> [Double] {
        setPositions(x, sel)
        try solveLines(tolerance: tolerance)
        return forces(sel, linesOnly: linesOnly)
    }

    /// MoorPy `System.solveEquilibrium(DOFtype="free", tol)` (spec 04 §6.2): Newton iterations on the free
    /// points/bodies with MoorPy's step limits; line tolerance `0.01·tol`. Without free DOFs the lines are just
    /// re-solved (every single-FOWT RAFT system).
    package mutating func solveEquilibrium(tolerance tol: Double = 0.05, maxIterations maxIter: Int = 500) throws(MooringError) {
        let lineTol = 0.01 * tol
        let x0 = positions(.free)
        let n = x0.count
        if n == 0 {
            try mooringEquation([], .free, tolerance: lineTol)
            return
        }
        if bodies.contains(where: { $0.kind == .free }) {
            // MoorPy would include the body's own weight, buoyancy and hydrostatics; RAFT never has free bodies.
            throw .configuration("free mooring bodies are not supported (RAFT's mooring bodies are coupled to the FOWTs)")
        }
        // Max steps: 30 m for translations, 0.02 rad for body rotations; tolerances per DOF; z indices.
        var db: [Double] = [], tols: [Double] = [], zIndices: [Int] = []
        var i = 0
        for b in bodies where b.kind == .free {
            let rMax = b.attachments.map { norm($0.relative) }.max() ?? 1
            db += [30, 30, 30, 0.02, 0.02, 0.02]
            tols += [tol, tol, tol, tol / rMax, tol / rMax, tol / rMax]
            zIndices.append(i + 2); i += 6
        }
        for p in points where p.kind == .free {
            let m = p.planar ? 2 : 3
            db += Array(repeating: 30, count: m); tols += Array(repeating: tol, count: m); zIndices.append(i + m - 1); i += m
        }
        let depth = self.depth
        let solver = GenericSolve(tolerances: tols, aMax: 1.4, maxIterations: maxIter, dodamping: true)
        var evalError: MooringError?
        let result = solver.run(x0: x0, evaluate: { x in
            do throws(MooringError) { return try self.mooringEquation(x, .free, tolerance: lineTol) } catch {
                evalError = error; return nil
            }
        }, step: { x, y in
            var k = self.systemStiffness(.free, linesOnly: false)
            return MooringSystem.equilibriumStep(k: &k, x: x, y: y, n: n, zIndices: zIndices, depth: depth, maxStep: db)
        })
        if let e = evalError { throw e }
        let f = try mooringEquation(result.x, .free, tolerance: lineTol)
        if result.iterations == maxIter - 1 {
            throw .equilibrium("solveEquilibrium failed to find equilibrium after \(result.iterations) iterations, with residual forces \(f)")
        }
    }

    /// MoorPy `step_func_equil` ("modified approach 2"): Newton step K⁻¹·Y on the active DOFs, with
    /// MoorPy's handling of grounded z DOFs, zero stiffness, backward steps and step-size limits.
    static func equilibriumStep(k: inout [Double], x: [Double], y: [Double], n: Int, zIndices: [Int], depth: Double,
                                maxStep db: [Double]) -> [Double] {
        var kmean = 0.0
        for i in 0..<n { kmean += k[i * n + i] }
        kmean /= Double(n)
        var mask = [Bool](repeating: true, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            if zIndices.contains(i) {
                if x[i] <= -depth && y[i] <= 0 { mask[i] = false }
            } else if k[i * n + i] == 0 {
                if abs(y[i]) == 0 { mask[i] = false } else { k[i * n + i] = kmean }
            }
        }
        let active = (0..<n).filter { mask[$0] }
        let n2 = active.count
        var k2 = [Double](repeating: 0, count: n2 * n2)  // column-major for LAPACK
        for (a, r) in active.enumerated() { for (b, c) in active.enumerated() { k2[b * n2 + a] = k[r * n + c] } }
        let y2 = active.map { y[$0] }
        var dx2: [Double]
        if let s = try? RealLAPACK.solve(k2, y2, n: n2) {
            dx2 = s
            // Backward step (Σ dX·Y < 0): strengthen the diagonal, up to 10 times (dense path only in
            // MoorPy; the sparse path for n > 20 skips it — same up to round-off otherwise).
            if n2 <= 20 {
                for _ in 0..<10 {
                    if zip(dx2, y2).reduce(0, { $0 + $1.0 * $1.1 }) < 0 {
                        for q in 0..<n2 { k2[q * n2 + q] += 0.1 * abs(k2[q * n2 + q]) }
                        dx2 = (try? RealLAPACK.solve(k2, y2, n: n2)) ?? dx2
                    } else { break }
                }
            }
        } else {
            for q in 0..<n2 { k2[q * n2 + q] += k2[q * n2 + q] }
            dx2 = (try? RealLAPACK.solve(k2, y2, n: n2)) ?? (0..<n2).map { y2[$0] / k2[$0 * n2 + $0] }
        }
        var dx = [Double](repeating: 0, count: n)
        for (a, r) in active.enumerated() { dx[r] = dx2[a] }
        let over = (0..<n).map { abs(dx[$0]) / db[$0] }.max() ?? 0
        if over > 1 { dx = dx.map { $0 / over } }
        for i in zIndices where x[i] + dx[i] <= -depth || (x[i] <= -depth && y[i] <= 0) { dx[i] = -depth - x[i] }
        return dx
    }

    /// MoorPy `getCoupledStiffness(dx=0.1, dth=0.1, solveOption=1, lines_only, tensions, nTries=3)` (spec 04 §7):
    /// adaptive central finite differences of the coupled forces, with equilibrium of the free DOFs at each
    /// perturbation, and the tension Jacobian (original step in its denominator, spec 04 pitfall 7).
    ///
    /// - Returns: `K` (row-major, nC×nC) and `J` (row-major, 2·nLines × nC, rows as `tensions()`).
    package mutating func coupledStiffnessFiniteDifference(dx: Double = 0.1, dth: Double = 0.1, linesOnly: Bool = true,
                                                          tries nTries: Int = 3) throws(MooringError) -> (k: [Double], j: [Double]) {
        let lineTol = 0.05 * dx, eqTol = 0.05 * dx
        let x1 = positions(.coupled)
        var steps: [Double] = []
        for b in bodies where b.kind == .coupled { steps += [dx, dx, dx, dth, dth, dth] }
        for p in points where p.kind == .coupled { steps += Array(repeating: dx, count: p.planar ? 2 : 3) }
        let n = x1.count
        try solveEquilibrium(tolerance: eqTol)
        let f1 = forces(.coupled, linesOnly: linesOnly)
        let nT = 2 * lines.count
        var k = [Double](repeating: 0, count: n * n), jac = [Double](repeating: 0, count: nT * n)
        for i in 0..<n {
            var dXi = steps[i]
            var f2p: [Double] = [], f2m: [Double] = [], t2p: [Double] = [], t2m: [Double] = []
            var f2pi: [Double] = [], f2mi: [Double] = []
            for j in 0..<nTries {
                var x2 = x1
                x2[i] += dXi
                setPositions(x2, .coupled)
                try solveEquilibrium(tolerance: eqTol)
                f2p = forces(.coupled, linesOnly: linesOnly); t2p = tensions()
                x2[i] -= 2 * dXi
                setPositions(x2, .coupled)
                try solveEquilibrium(tolerance: eqTol)
                f2m = forces(.coupled, linesOnly: linesOnly); t2m = tensions()
                if j == 0 { f2pi = f2p; f2mi = f2m }
                if abs(f1[i]) < 1 || abs(f2m[i] - 2 * f1[i] + f2p[i]) < 0.1 * abs(f2pi[i] - f2mi[i]) { break }
                if j < nTries - 1 { dXi *= 0.1 }
            }
            for r in 0..<n { k[r * n + i] = -0.5 * (f2p[r] - f2m[r]) / dXi }
            for r in 0..<nT { jac[r * n + i] = 0.5 * (t2p[r] - t2m[r]) / steps[i] }
        }
        try mooringEquation(x1, .coupled, tolerance: lineTol)
        try solveEquilibrium(tolerance: eqTol)
        return (k, jac)
    }
}
