#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Second-order wave loads of one FOWT for one sea state (RAFT `FOWT.calcHydroForce_2ndOrd`, spec 05 §6, 06 §9).
package struct SecondOrderForce: Sendable, Equatable {
    /// Mean drift force `Fhydro_2nd_mean` [N, N·m] (enters the second statics solve of the case).
    package var mean: [Double]
    /// Slow-drift force amplitudes `Fhydro_2nd[dof][j]` [N, N·m] on the main grid, real and phase-less,
    /// shifted one bin down (difference frequency μ·dw lands on w_{μ−1}; the last bin is 0) (spec 06 P9).
    package var slowDrift: [[Double]]

    /// Bilinear interpolation of the QTF's real and imaginary parts onto the main grid with scipy
    /// `RegularGridInterpolator` semantics (linear, 0 outside the QTF grid), then Pinkster's force spectrum
    /// per difference frequency (interpMode 'qtf').
    /// - Parameters:
    ///   - qtf: difference-frequency QTF for the wave heading [N/m², N·m/m²].
    ///   - omega: RAFT's frequency grid `w` [rad/s]; `dw = w[1] − w[0]`.
    ///   - spectrum: wave spectrum `S(w)` [m²/(rad/s)] of the sea state.
    package init(qtf: SlenderBodyQTF, omega w: [Double], spectrum s: [Double]) {
        let nw = w.count, n2 = qtf.omega.count
        let dw = nw > 1 ? w[1] - w[0] : w[0]
        let grid = qtf.omega
        // Interval index and weight per main-grid frequency (nil outside the QTF grid).
        let locate: [(Int, Double)?] = w.map { x in
            guard n2 >= 2, x >= grid[0], x <= grid[n2 - 1] else { return nil }
            // scipy: i = searchsorted(grid, x) - 1, clipped to [0, n-2]
            var lo = 0, hi = n2
            while lo < hi { let mid = (lo + hi) / 2; if grid[mid] < x { lo = mid + 1 } else { hi = mid } }
            let i = min(max(lo - 1, 0), n2 - 2)
            return (i, (x - grid[i]) / (grid[i + 1] - grid[i]))
        }
        func interp(_ a: Int, _ b: Int, _ dof: Int) -> Complex {
            guard let (i, t) = locate[a], let (j, u) = locate[b] else { return .zero }
            let q00 = qtf[i, j, dof], q01 = qtf[i, j + 1, dof], q10 = qtf[i + 1, j, dof], q11 = qtf[i + 1, j + 1, dof]
            let re = q00.real * (1 - t) * (1 - u) + q01.real * (1 - t) * u + q10.real * t * (1 - u) + q11.real * t * u
            let im = q00.imaginary * (1 - t) * (1 - u) + q01.imaginary * (1 - t) * u + q10.imaginary * t * (1 - u)
                + q11.imaginary * t * u
            return Complex(re, im)
        }
        var mean = [Double](repeating: 0, count: 6)
        var f = [[Double]](repeating: [Double](repeating: 0, count: nw), count: 6)
        for d in 0..<6 {
            for mu in 1..<max(nw, 1) {
                var sum = 0.0
                for a in 0..<(nw - mu) {
                    let q = interp(a, a + mu, d)
                    sum += s[a] * s[a + mu] * (q.real * q.real + q.imaginary * q.imaginary)
                }
                f[d][mu] = 4 * sum.squareRoot() * dw
            }
            var m = 0.0
            for a in 0..<nw { m += s[a] * interp(a, a, d).real }
            mean[d] = 2 * m * dw
            // shift one bin down; the last bin has no load
            for j in 0..<(nw - 1) { f[d][j] = f[d][j + 1] }
            if nw > 0 { f[d][nw - 1] = 0 }
        }
        self.mean = mean
        slowDrift = f
    }
}

/// RAFT `getRAO(Xi, zeta)`: response per unit wave amplitude where |zeta| > 1e-6, else 0 (spec 06 §8.3).
func responseAmplitudeOperator(_ xi: [Complex], zeta: [Double]) -> ComplexSeries6 {
    let nw = zeta.count
    var rao = ComplexSeries6(frequencyCount: nw)
    for j in 0..<nw where abs(zeta[j]) > 1e-6 {
        for d in 0..<6 { rao[d, j] = xi[j * 6 + d].divided(by: zeta[j]) }
    }
    return rao
}
