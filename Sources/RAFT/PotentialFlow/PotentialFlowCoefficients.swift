#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Python/numpy `a % b` for floats: the result has the sign of `b` (e.g. −180 % 360 = 180).
func pythonModulo(_ a: Double, _ b: Double) -> Double {
    var r = fmod(a, b)
    if r != 0, (r < 0) != (b < 0) { r += b }
    return r == 0 ? (b < 0 ? -0.0 : 0.0) : r
}

/// Radiation added mass and damping on RAFT's frequency grid, from a WAMIT `.1` table (RAFT `readHydro`,
/// `A_BEM`/`B_BEM`, spec 05 §3).
package struct RadiationCoefficients: Sendable {
    /// `A_BEM(ω_k)` about the PRP [kg, kg·m, kg·m²].
    package var addedMass: [Matrix6]
    /// `B_BEM(ω_k)` about the PRP [N·s/m, N·s, N·m·s/rad].
    package var damping: [Matrix6]

    /// RAFT's table: the first two sorted entries are dropped unconditionally and entry 0 (the `PER = −1`
    /// zero-frequency block of a HAMS file) is placed at ω = 0 with zero damping (spec 05 §3, pitfall 3); linear
    /// interpolation without extrapolation; `A = ρ·Ā`, `B = ω·ρ·B̄` (ULEN = 1, pitfall 4); then
    /// `translateMatrix6to6DOF(·, −r0)`, which rebuilds the lower-left block even at r0 = 0 (pitfall 5).
    /// - Parameters:
    ///   - omega: RAFT's frequencies [rad/s]. - rho: water density [kg/m³].
    ///   - referenceNode: undisplaced position of the FOWT's first reduced-DOF node `r0` [m] (0 for rigid FOWTs).
    package init(_ data: WAMITRadiationData, omega: [Double], rho: Double, referenceNode r0: Vec3 = .zero,
                file: String) throws(WAMITFileError) {
        let n = data.omega.count
        guard n >= 3 else {
            throw WAMITFileError(file: file, line: nil, message: "has \(n) distinct period(s); RAFT drops the first two sorted ones (the zero/infinite-frequency limits), so at least 3 are needed")
        }
        let xs = Array(data.omega[2...]) + [0.0]
        let aTab = Array(data.addedMass[2...]) + [data.addedMass[0]]
        let bTab = Array(data.damping[2...]) + [Matrix6()]
        let table = TableInterpolation(x: xs)
        addedMass = []
        damping = []
        addedMass.reserveCapacity(omega.count)
        damping.reserveCapacity(omega.count)
        for w in omega {
            let st: TableInterpolation.Stencil
            do { st = try table.stencil(at: w) } catch {
                throw WAMITFileError(file: file, line: nil, message: Self.rangeMessage(w, error))
            }
            var a = Matrix6(), b = Matrix6()
            for q in 0..<36 {
                a.storage[q] = rho * st.apply(aTab[st.lo].storage[q], aTab[st.hi].storage[q])
                b.storage[q] = w * rho * st.apply(bTab[st.lo].storage[q], bTab[st.hi].storage[q])
            }
            addedMass.append(translateMatrix6to6DOF(a, -r0))
            damping.append(translateMatrix6to6DOF(b, -r0))
        }
        if addedMass.contains(where: { $0.storage.contains { !$0.isFinite } }) {
            throw WAMITFileError(file: file, line: nil, message: "added mass is NaN or infinite at some of RAFT's frequencies")
        }
        if damping.contains(where: { $0.storage.contains { !$0.isFinite } }) {
            throw WAMITFileError(file: file, line: nil, message: "damping is NaN or infinite at some of RAFT's frequencies")
        }
    }

    static func rangeMessage(_ w: Double, _ e: TableInterpolation.OutOfRange) -> String {
        "RAFT's frequency \(w) rad/s is outside the tabulated range \(e.lower)...\(e.upper) rad/s (RAFT does not extrapolate; adjust settings.max_freq or the file's periods)"
    }
}

/// Wave excitation per unit wave amplitude on RAFT's frequency grid for each tabulated heading, expressed in that
/// heading's wave frame (RAFT `X_BEM`, `BEM_headings`, spec 05 §4, §4.1).
package struct ExcitationCoefficients: Sendable {
    /// Tabulated headings taken mod 360 and sorted, duplicates kept (`BEM_headings`) [deg].
    package var headingsDeg: [Double]
    /// `X_BEM` per heading, surge/sway and roll/pitch rotated into the heading's wave frame [N/m, N·m/m].
    package var coefficients: [ComplexSeries6]

    /// - Parameters: see `RadiationCoefficients.init`; `g` [m/s²].
    /// Excitation is forced to 0 at ω = 0 and interpolated linearly from there (RAFT's table; spec 05 pitfall 4).
    package init(_ data: WAMITExcitationData, omega: [Double], rho: Double, g: Double, referenceNode r0: Vec3 = .zero,
                file: String) throws(WAMITFileError) {
        let nw = omega.count
        let table = TableInterpolation(x: data.omega + [0.0])
        var stencils: [TableInterpolation.Stencil] = []
        for w in omega {
            do { stencils.append(try table.stencil(at: w)) } catch {
                throw WAMITFileError(file: file, line: nil, message: RadiationCoefficients.rangeMessage(w, error))
            }
        }
        let wrapped = data.headingsDeg.map { pythonModulo($0, 360) }
        let order = wrapped.indices.sorted { wrapped[$0] < wrapped[$1] || (wrapped[$0] == wrapped[$1] && $0 < $1) }
        headingsDeg = order.map { wrapped[$0] }
        coefficients = []
        let rg = rho * g
        for (sortedIndex, h) in order.enumerated() {
            // ρ·g·X̄(ω), Re and Im interpolated separately, with 0 appended at ω = 0.
            var x = [[Complex]](repeating: [Complex](repeating: .zero, count: nw), count: 6)
            for mode in 0..<6 {
                let (re, im) = data.series(heading: h, mode: mode)
                let reTab = Array(re) + [0.0], imTab = Array(im) + [0.0]
                for (k, st) in stencils.enumerated() {
                    x[mode][k] = Complex(rg * st.apply(reTab[st.lo], reTab[st.hi]), rg * st.apply(imTab[st.lo], imTab[st.hi]))
                }
            }
            // Rotate into the wave frame of this heading (c, s of the mod-360 heading).
            let beta = headingsDeg[sortedIndex] * (Double.pi / 180)
            let c = cos(beta), s = sin(beta)
            var series = ComplexSeries6(frequencyCount: nw)
            for k in 0..<nw {
                let f = [x[0][k].multiplied(by: c) + x[1][k].multiplied(by: s), x[1][k].multiplied(by: c) - x[0][k].multiplied(by: s), x[2][k]]
                let m = [x[3][k].multiplied(by: c) + x[4][k].multiplied(by: s), x[4][k].multiplied(by: c) - x[3][k].multiplied(by: s), x[5][k]]
                // transformForce(·, offset = −r0): moment += offset × force (real and imaginary parts).
                let d = -r0
                let fr = Vec3(f[0].real, f[1].real, f[2].real), fi = Vec3(f[0].imaginary, f[1].imaginary, f[2].imaginary)
                let mr = cross(d, fr), mi = cross(d, fi)
                for j in 0..<3 {
                    series[j, k] = f[j]
                    series[3 + j, k] = m[j] + Complex(mr[j], mi[j])
                }
            }
            if series.values.contains(where: { !($0.real.isFinite && $0.imaginary.isFinite) }) {
                throw WAMITFileError(file: file, line: nil, message: "excitation is NaN or infinite at some of RAFT's frequencies")
            }
            coefficients.append(series)
        }
        if coefficients.isEmpty { throw WAMITFileError(file: file, line: nil, message: "no wave headings") }
    }

    /// Indices and weight of the periodic heading interpolation for a platform-relative heading `b` in [0, 360)
    /// (RAFT `calcHydroExcitation`, spec 05 §4.1): value = (1 − f2)·X[i1] + f2·X[i2].
    func headingStencil(_ b: Double) -> (i1: Int, i2: Int, f2: Double) {
        let h = headingsDeg, n = h.count
        if b <= h[0] {
            let hLast = h[n - 1] - 360
            return (n - 1, 0, (b - hLast) / (h[0] - hLast))
        }
        if b >= h[n - 1] {
            return (n - 1, 0, (b - h[n - 1]) / (h[0] + 360 - h[n - 1]))
        }
        for i in 0..<(n - 1) where h[i + 1] > b {
            return (i, i + 1, (b - h[i]) / (h[i + 1] - h[i]))
        }
        return (n - 1, 0, 0)  // unreachable: b < h[n − 1]
    }

    /// Excitation of one wave train `F_BEM[h]` (RAFT `calcHydroExcitation`, spec 05 §4.1, 06 §6.4) [N, N·m].
    /// - Parameters:
    ///   - heading: wave direction β [rad] (global). - headingAdjustDeg: the FOWT's `heading_adjust` [deg].
    ///   - amplitude: component amplitudes ζ(ω) [m]. - waveNumbers: k(ω) [rad/m].
    ///   - referenceX, referenceY: the FOWT's array position (phase only; the mean offset is not used) [m].
    package func waveExcitation(heading beta: Double, headingAdjustDeg: Double, amplitude: [Double], waveNumbers: [Double],
                               referenceX: Double, referenceY: Double) -> ComplexSeries6 {
        let nw = amplitude.count
        let b = pythonModulo(beta * (180 / Double.pi) - headingAdjustDeg, 360)
        let (i1, i2, f2) = headingStencil(b)
        let f1 = 1 - f2
        let c = cos(beta), s = sin(beta)
        let along = referenceX * c + referenceY * s
        var out = ComplexSeries6(frequencyCount: nw)
        let x1 = coefficients[i1], x2 = coefficients[i2]
        for k in 0..<nw {
            func p(_ d: Int) -> Complex { x1[d, k].multiplied(by: f1) + x2[d, k].multiplied(by: f2) }
            let p0 = p(0), p1 = p(1), p3 = p(3), p4 = p(4)
            let a = waveNumbers[k] * along
            let phase = Complex(cos(a), -sin(a))
            func set(_ d: Int, _ v: Complex) { out[d, k] = v.multiplied(by: amplitude[k]) * phase }
            // Back to the global frame with the global heading.
            set(0, p0.multiplied(by: c) - p1.multiplied(by: s))
            set(1, p0.multiplied(by: s) + p1.multiplied(by: c))
            set(2, p(2))
            set(3, p3.multiplied(by: c) - p4.multiplied(by: s))
            set(4, p3.multiplied(by: s) + p4.multiplied(by: c))
            set(5, p(5))
        }
        return out
    }
}

/// First-order potential-flow coefficients of one FOWT (RAFT `A_BEM`, `B_BEM`, `X_BEM`).
package struct PotentialFlowCoefficients: Sendable {
    package var radiation: RadiationCoefficients
    package var excitation: ExcitationCoefficients
    /// Path prefix the files were read from (`hydroPath`, resolved).
    package var source: String
}

extension PotentialFlowCoefficients {
    /// RAFT `readHydro()`: the WAMIT tables put on RAFT's grid (spec 05 §3, §4).
    ///
    /// - Parameters:
    ///   - files: the parsed `.1`/`.3` files; a failure here (frequencies outside the tabulated range, NaN) is an
    ///     `InputError` located at `hydroPath`.
    ///   - omega: RAFT's frequencies [rad/s]; rho [kg/m³]; g [m/s²].
    ///   - referenceNode: `r0` of the first reduced-DOF node [m] (0 for rigid FOWTs).
    package init(files: WAMITFiles, omega: [Double], rho: Double, g: Double, referenceNode: Vec3 = .zero) throws(InputError) {
        do {
            let radiation = try RadiationCoefficients(files.radiation, omega: omega, rho: rho, referenceNode: referenceNode,
                                                      file: files.radiationPath)
            let excitation = try ExcitationCoefficients(files.excitation, omega: omega, rho: rho, g: g,
                                                        referenceNode: referenceNode, file: files.excitationPath)
            self.init(radiation: radiation, excitation: excitation, source: files.prefix)
        } catch {
            throw files.location.error("WAMIT file \(error)")
        }
    }
}
