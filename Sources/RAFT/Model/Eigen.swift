#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK

/// Natural frequencies and mode shapes (RAFT `Model.solveEigen`, spec 06 §11).
public struct EigenResult: Sendable, Equatable {
    /// Natural frequencies `fn` [Hz], entry j belonging to DOF j for rigid FOWTs.
    public var frequenciesHz: [Double]
    /// Natural periods 1/fn [s].
    public var periodsS: [Double] { frequenciesHz.map { 1 / $0 } }
    /// Mode shapes, `modes[i][j]` = component i of mode j (column j ↔ frequency j), unit 2-norm.
    public var modes: [[Double]]
}

/// Eigen-analysis of `M⁻¹C` with RAFT's checks and DOF-dominance ordering.
///
/// - Parameters:
///   - mass: total mass `M_struc + A_hydro_morison + A_BEM(w0)`, row-major n×n [kg, kg·m, kg·m²].
///   - stiffness: `C_struc + C_hydro + C_moor + C_elast` (+ yaw stiffness), row-major n×n.
///   - rigid: true when every FOWT is rigid (6 DOFs each): λ ≤ 0 is an error and modes are ordered by the DOF
///     that dominates them; otherwise eigenvalues are sorted ascending.
public func solveEigen(mass: [Double], stiffness: [Double], n: Int, rigid: Bool = true) throws -> EigenResult {
    precondition(mass.count == n * n && stiffness.count == n * n, "dimension mismatch")
    let dofNames = ["surge", "sway", "heave", "roll", "pitch", "yaw"]
    func name(_ j: Int) -> String { n <= 6 ? dofNames[j] : "DOF \(j) (\(dofNames[j % 6]) of FOWT \(j / 6))" }
    var bad: [String] = []
    for j in 0..<n {
        if mass[j * n + j] < 1 { bad.append("mass diagonal \(name(j)) = \(mass[j * n + j])") }
        if stiffness[j * n + j] < 1 { bad.append("stiffness diagonal \(name(j)) = \(stiffness[j * n + j])") }
    }
    if !bad.isEmpty {
        throw SolveError.unstable("eigen analysis needs positive mass and restoring stiffness in every DOF; " + bad.joined(separator: ", "))
    }
    // Column-major copies for LAPACK (transpose of row-major).
    var mc = [Double](repeating: 0, count: n * n), cc = mc
    for i in 0..<n { for j in 0..<n { mc[i + j * n] = mass[i * n + j]; cc[i + j * n] = stiffness[i * n + j] } }
    let mInvC = try RealLAPACK.solve(mc, cc, n: n)
    let (lambda, vectors) = try RealLAPACK.eigen(mInvC, n: n)
    func v(_ i: Int, _ j: Int) -> Double { vectors[i + j * n].real }

    var order: [Int]
    if rigid {
        for (j, l) in lambda.enumerated() where l.real <= 0 || abs(l.imaginary) > 1e-9 * abs(l.real) {
            throw SolveError.unstable("eigenvalue \(j) of M⁻¹C is \(l.real)\(l.imaginary == 0 ? "" : " + \(l.imaginary)i") (must be real and positive)")
        }
        var claimed: [Int] = []
        for r in stride(from: n - 1, through: 0, by: -1) {
            var row = (0..<n).map { abs(v(r, $0)) }
            for _ in 0..<n {
                var c = 0
                for k in 1..<n where row[k] > row[c] { c = k }
                if claimed.contains(c) { row[c] = 0 } else { claimed.append(c); break }
            }
        }
        order = claimed.reversed()
    } else {
        order = (0..<n).sorted { lambda[$0].real < lambda[$1].real }
    }
    let fn = order.map { lambda[$0].real.squareRoot() / (2 * Double.pi) }
    let modes = (0..<n).map { i in order.map { v(i, $0) } }
    return EigenResult(frequenciesHz: fn, modes: modes)
}
