import LAPACK

/// The linearised equations of motion of one case, per frequency (spec 06 §7.1).
///
/// Layout: matrices are row-major n×n; frequency-dependent ones are stacked frequency-major
/// (`mass[j*n*n + r*n + c]` at ω_j). Complex vectors are frequency-major too (`x[j*n + dof]`).
package struct LinearSystem: Sendable {
    /// Number of DOFs n.
    package var n: Int
    /// Frequencies ω [rad/s].
    package var omega: [Double]
    /// `M_lin` = M_struc + A_hydro_morison + A_BEM + A_aero (+ mooring mass) per frequency [kg, kg·m, kg·m²].
    package var mass: [Double]
    /// `B_lin` = B_struc + B_BEM + B_aero + B_gyro per frequency, without drag [N·s/m, N·s, N·m·s/rad].
    package var damping: [Double]
    /// `C_lin` = C_struc + C_hydro + C_moor + C_elast [N/m, N, N·m/rad].
    package var stiffness: [Double]

    package init(n: Int, omega: [Double]) {
        self.n = n
        self.omega = omega
        mass = [Double](repeating: 0, count: n * n * omega.count)
        damping = mass
        stiffness = [Double](repeating: 0, count: n * n)
    }

    /// Add a frequency-independent matrix (row-major n×n) to every frequency of `mass` or `damping`.
    package static func addToAll(_ m: [Double], _ target: inout [Double], n: Int) {
        let nn = n * n
        precondition(m.count >= nn, "an n×n matrix")
        // through buffer pointers (an element update of `target` checks uniqueness each time)
        m.withUnsafeBufferPointer { m in
            target.withUnsafeMutableBufferPointer { t in
                for j in 0..<(t.count / nn) { for k in 0..<nn { t[j &* nn &+ k] += m[k] } }
            }
        }
    }
}

/// Solves `Z(ω)·X = F` at every frequency, `Z = −ω²·M + iω·(B + B_extra) + C`, on preallocated buffers.
///
/// One instance per thread (it owns its LAPACK workspace).
package final class FrequencyDomainSolver {
    package let n: Int
    /// LAPACK buffers (impedance and right-hand side of one frequency), reused so that `solve` allocates nothing.
    private let lu: ComplexLinearSolver
    /// Four frequencies per solve where the OpenBLAS mirror is in use (`SmallZgesvLanes`: each lane the bits of
    /// the one-frequency solve); nil elsewhere.
    private let lanes: SmallZgesvLanes?

    package init(n: Int) {
        self.n = n
        lu = ComplexLinearSolver(n: n)
        lanes = n <= 6 && SmallZgesvLanes.mirrorsOpenBLAS ? SmallZgesvLanes(n: n) : nil
    }

    /// Impedance `Z(ω_j)` row-major into `z` (n×n complex).
    @inline(__always)
    func impedance(_ s: LinearSystem, frequency j: Int, extraDamping: [Double]?, into z: inout [Complex]) {
        let nn = n * n, w = s.omega[j]
        for k in 0..<nn {
            var b = s.damping[j * nn + k]
            if let extraDamping { b += extraDamping[k] }
            z[k] = Complex(-w * w * s.mass[j * nn + k] + s.stiffness[k], w * b)
        }
    }

    /// Impedance at every frequency (frequency-major, row-major blocks), as RAFT's `fowt.Z`.
    package func impedances(_ s: LinearSystem, extraDamping: [Double]?) -> [Complex] {
        let nn = n * n
        var out = [Complex](repeating: .zero, count: nn * s.omega.count)
        var z = [Complex](repeating: .zero, count: nn)
        for j in 0..<s.omega.count {
            impedance(s, frequency: j, extraDamping: extraDamping, into: &z)
            for k in 0..<nn { out[j * nn + k] = z[k] }
        }
        return out
    }

    /// Solve for the response amplitudes to `force` (frequency-major, n per frequency).
    /// Allocates nothing when `result` already has n·nω entries.
    /// - Parameter result: receives X, same layout as `force` (resized if needed).
    package func solve(_ s: LinearSystem, extraDamping: [Double]?, force: [Complex], into result: inout [Complex]) throws {
        let nw = s.omega.count, nn = n * n
        if result.count != n * nw { result = [Complex](repeating: .zero, count: n * nw) }
        for j in 0..<nw {
            // Z(ω_j) as in `impedance`, written transposed (LAPACK is column-major) straight into the solver's
            // buffer: element-wise stores into a class's array property cost an exclusivity and a uniqueness check
            // each, about half of this function's own time in a sweep profile.
            let w = s.omega[j]
            s.mass.withUnsafeBufferPointer { mass in
                s.damping.withUnsafeBufferPointer { damping in
                    lu.matrix.withUnsafeMutableBufferPointer { a in
                        for r in 0..<n {
                            for c in 0..<n {
                                let k = r * n + c
                                var b = damping[j * nn + k]
                                if let extraDamping { b += extraDamping[k] }
                                a[r + c * n] = Complex(-w * w * mass[j * nn + k] + s.stiffness[k], w * b)
                            }
                        }
                    }
                }
            }
            lu.rhs.withUnsafeMutableBufferPointer { rhs in for r in 0..<n { rhs[r] = force[j * n + r] } }
            do { try lu.solveInPlace() } catch {
                throw SolveError.singularSystem(omegaRadPerS: s.omega[j], detail: error.description)
            }
            lu.rhs.withUnsafeBufferPointer { x in for r in 0..<n { result[j * n + r] = x[r] } }
        }
    }
}

/// The parts of `Z(ω) = −ω²·M + iω·(B + B_drag) + C` that stay the same through the passes of a drag-linearisation
/// loop, laid out as the LAPACK buffer wants them: per frequency, column-major n×n blocks of `−ω²·M + C` (`real`) and
/// of `B` (`damping`). A pass then fills the buffer with one contiguous sweep,
/// `Complex(real[q], ω·(damping[q] + B_drag[q]))`: the values `solve(_:extraDamping:force:into:)` computes at every
/// pass, with their bits (the same expressions on the same numbers), without the row-major to column-major index
/// arithmetic (overflow-checked) and the mass term at every pass (the loop's own time in a sweep profile was mostly
/// that, 4 % of the sweep).
package struct FixedImpedance: Sendable {
    package var real: [Double]
    package var damping: [Double]
    /// The same values for `SmallZgesvLanes`, four frequencies per lane group (group g: frequencies 4g…4g+3 in
    /// lanes 0…3): `laneReal[g·n² + q]`, `laneDamping[g·n² + q]` (q column-major as above) and `laneOmega[g]`. Whole
    /// groups only (the last nω mod 4 frequencies are solved one at a time); empty for n > 6.
    package var laneReal: [SIMD4<Double>] = []
    package var laneDamping: [SIMD4<Double>] = []
    package var laneOmega: [SIMD4<Double>] = []

    /// - Parameter lanes: also lay out the lane groups (the solver leaves them unread where `SmallZgesvLanes` is
    ///   not in use, so it asks for them only where it is).
    package init(_ s: LinearSystem, lanes withLanes: Bool = true) {
        let n = s.n, nn = n * n, nw = s.omega.count
        precondition(s.mass.count == nn * nw && s.damping.count == nn * nw && s.stiffness.count == nn, "system of n×n blocks")
        // Every entry written once, through buffer pointers taken once (index arithmetic within the checked sizes wraps).
        var re = [Double](unsafeUninitializedCapacity: nn * nw) { _, count in count = nn * nw }
        var b = re
        re.withUnsafeMutableBufferPointer { re in
            b.withUnsafeMutableBufferPointer { b in
                s.mass.withUnsafeBufferPointer { mass in
                    s.damping.withUnsafeBufferPointer { damping in
                        s.stiffness.withUnsafeBufferPointer { stiffness in
                            for j in 0..<nw {
                                let w = s.omega[j], o = j &* nn
                                for r in 0..<n {
                                    for c in 0..<n {
                                        let k = r &* n &+ c
                                        re[o &+ r &+ c &* n] = -w * w * mass[o &+ k] + stiffness[k]
                                        b[o &+ r &+ c &* n] = damping[o &+ k]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        real = re
        damping = b
        guard n <= 6, withLanes else { return }
        let groups = nw / 4
        laneOmega = (0..<groups).map { g in SIMD4(s.omega[4 * g], s.omega[4 * g + 1], s.omega[4 * g + 2], s.omega[4 * g + 3]) }
        func lanes(_ values: [Double]) -> [SIMD4<Double>] {
            [SIMD4<Double>](unsafeUninitializedCapacity: groups * nn) { out, count in
                values.withUnsafeBufferPointer { v in
                    for g in 0..<groups {
                        let o = 4 &* g &* nn
                        for q in 0..<nn {
                            out[g &* nn &+ q] = SIMD4(v[o &+ q], v[o &+ nn &+ q], v[o &+ 2 &* nn &+ q], v[o &+ 3 &* nn &+ q])
                        }
                    }
                }
                count = groups * nn
            }
        }
        laneReal = lanes(real)
        laneDamping = lanes(damping)
    }
}

extension FrequencyDomainSolver {
    /// `solve(s, extraDamping: dragDamping, force:, into:)` with the fixed parts of the impedance taken from `fixed`
    /// (`FixedImpedance(s)`): the same LAPACK calls on the same numbers, so the same bits (`FixedImpedanceTests`).
    /// Allocates nothing when `result` already has n·nω entries.
    package func solve(_ s: LinearSystem, fixed: FixedImpedance, dragDamping: [Double], force: [Complex],
                       into result: inout [Complex]) throws {
        let nw = s.omega.count, nn = n * n
        precondition(fixed.real.count == nn * nw && dragDamping.count == nn, "impedance parts of this system")
        if result.count != n * nw { result = [Complex](repeating: .zero, count: n * nw) }
        guard nn <= 36 else { return try solve(s, extraDamping: dragDamping, force: force, into: &result) }
        // B_drag column-major, as the blocks of `fixed` (n ≤ 6: on the stack).
        var dragT = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
                     0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        try withUnsafeMutableBytes(of: &dragT) { raw in
            let bT = raw.bindMemory(to: Double.self)
            for r in 0..<n { for c in 0..<n { bT[r + c * n] = dragDamping[r * n + c] } }
            try fixed.real.withUnsafeBufferPointer { zr in
                try fixed.damping.withUnsafeBufferPointer { b in
                    try force.withUnsafeBufferPointer { f in
                        try result.withUnsafeMutableBufferPointer { x in
                            // Groups of four frequencies through the lanes; a group with a non-finite entry or a
                            // zero pivot is redone below one frequency at a time (OpenBLAS, or the error as before).
                            var first = 0
                            if let lanes, fixed.laneOmega.count == nw / SmallZgesvLanes.width {
                                for g in 0..<fixed.laneOmega.count {
                                    if !solveGroup(lanes, g, fixed: fixed, bT: bT, f: f, into: x) { break }
                                    first += SmallZgesvLanes.width
                                }
                            }
                            for j in first..<nw {
                                let w = s.omega[j], o = j &* nn
                                lu.matrix.withUnsafeMutableBufferPointer { a in
                                    for q in 0..<nn { a[q] = Complex(zr[o &+ q], w * (b[o &+ q] + bT[q])) }
                                }
                                lu.rhs.withUnsafeMutableBufferPointer { rhs in for r in 0..<n { rhs[r] = f[j &* n &+ r] } }
                                do { try lu.solveInPlace() } catch {
                                    throw SolveError.singularSystem(omegaRadPerS: w, detail: String(describing: error))
                                }
                                lu.rhs.withUnsafeBufferPointer { v in for r in 0..<n { x[j &* n &+ r] = v[r] } }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension FrequencyDomainSolver {
    /// Lane group `g` (frequencies 4g…4g+3) of `solve(_:fixed:dragDamping:force:into:)` in the four lanes: per lane the
    /// impedance `(real, ω·(B + B_drag))` and right-hand side the one-frequency path builds (the same expressions),
    /// solved with the bits of one-frequency solves. Returns false, writing nothing, when a lane's system is not
    /// finite or is singular (the caller then solves the rest one frequency at a time, as before).
    private func solveGroup(_ lanes: SmallZgesvLanes, _ g: Int, fixed: FixedImpedance, bT: UnsafeMutableBufferPointer<Double>,
                            f: UnsafeBufferPointer<Complex>, into x: UnsafeMutableBufferPointer<Complex>) -> Bool {
        let nn = n * n, w4 = SmallZgesvLanes.width, first = w4 * g
        let w = fixed.laneOmega[g]
        let re = lanes.re, im = lanes.im, bRe = lanes.bRe, bIm = lanes.bIm
        fixed.laneReal.withUnsafeBufferPointer { zr in
            fixed.laneDamping.withUnsafeBufferPointer { b in
                for q in 0..<nn {
                    re[q] = zr[g &* nn &+ q]
                    im[q] = w * (b[g &* nn &+ q] + SIMD4(repeating: bT[q]))
                }
            }
        }
        for r in 0..<n {
            let z0 = f[first &* n &+ r], z1 = f[(first &+ 1) &* n &+ r]
            let z2 = f[(first &+ 2) &* n &+ r], z3 = f[(first &+ 3) &* n &+ r]
            bRe[r] = SIMD4(z0.real, z1.real, z2.real, z3.real)
            bIm[r] = SIMD4(z0.imaginary, z1.imaginary, z2.imaginary, z3.imaginary)
        }
        guard lanes.isFinite, lanes.solveInPlace() == .zero else { return false }
        for l in 0..<w4 {
            let j = first &+ l
            for r in 0..<n { x[j &* n &+ r] = Complex(bRe[r][l], bIm[r][l]) }
        }
        return true
    }
}

/// Result of the drag-linearisation fixed point.
package struct DragLinearizedResponse: Sendable {
    /// Final response `Xi` to the primary wave train (frequency-major) [m, rad].
    package var response: [Complex]
    /// The iterate the last linearisation used (`XiLast`).
    package var lastIterate: [Complex]
    /// Linearised drag damping `B_hydro_drag` of the last pass (row-major n×n).
    package var dragDamping: [Double]
    /// Drag excitation `F_hydro_drag` of the last pass (frequency-major).
    package var dragForce: [Complex]
    /// The whole right-hand side of the last pass's solve (`F_lin` + `F_hydro_drag`, frequency-major): `response` is
    /// the solution of `Z(B + dragDamping)·X = lastForce`.
    package var lastForce: [Complex]
    /// Passes run (≤ nIter + 1) and whether the 1 % criterion was met.
    package var iterations: Int
    package var converged: Bool
}

extension FrequencyDomainSolver {
    /// RAFT's drag-linearisation loop (`Model.solveDynamics`, spec 06 §7.1, 00 P5).
    ///
    /// At most `nIter + 1` passes; convergence when `|X − X_last| / (|X| + tol) < tol` for every DOF and
    /// frequency (tol = 0.01, RAFT's value both as relative threshold and absolute floor); otherwise
    /// `X_last ← 0.2·X_last + 0.8·X`. No error when not converged (RAFT only warns).
    /// - Parameters:
    ///   - linearize: given `X_last`, returns (`B_hydro_drag` n×n row-major, `F_hydro_drag` frequency-major).
    ///   - secondOrder: potSecOrder 1 (spec 06 §7.1): called once, at the first convergence, with the converged
    ///     first-order response; returns the slow-drift force (frequency-major) added to `force`, after which the
    ///     iteration counter restarts (resuming at 1) while `X_last` is kept (spec 06 P8c).
    package func solveDragLinearized(_ s: LinearSystem, force: [Complex], xiStart: Double, nIter: Int, tol: Double = 0.01,
                                    linearize: ([Complex]) throws -> (damping: [Double], force: [Complex]),
                                    secondOrder: (([Complex]) throws -> [Complex])? = nil) throws -> DragLinearizedResponse {
        let count = n * s.omega.count
        var last = [Complex](repeating: Complex(xiStart, 0), count: count)
        var xi = [Complex](repeating: .zero, count: count)
        var base = force
        var total = force
        var bDrag = [Double](repeating: 0, count: n * n)
        var fDrag = [Complex](repeating: .zero, count: count)
        var passes = 0, converged = false
        var iteration = 0, secondOrderDone = secondOrder == nil
        // Only the drag damping changes from pass to pass: the rest of Z(ω) is laid out once (6×6 systems; larger
        // ones, flexible FOWTs and farms, keep the general fill).
        let fixed = n <= 6 ? FixedImpedance(s, lanes: lanes != nil) : nil
        while iteration < nIter + 1 {
            (bDrag, fDrag) = try linearize(last)
            for k in 0..<count { total[k] = base[k] + fDrag[k] }
            if let fixed {
                try solve(s, fixed: fixed, dragDamping: bDrag, force: total, into: &xi)
            } else {
                try solve(s, extraDamping: bDrag, force: total, into: &xi)
            }
            passes += 1
            for k in 0..<count where !(xi[k].real.isFinite && xi[k].imaginary.isFinite) {
                throw SolveError.nonFinite("response at DOF \(k % n), ω = \(s.omega[k / n]) rad/s (frequency index \(k / n)) during drag linearisation")
            }
            var ok = true
            for k in 0..<count where (xi[k] - last[k]).length / (xi[k].length + tol) >= tol { ok = false; break }
            if ok {
                if secondOrderDone { converged = true; break }
                if let secondOrder {
                    let extra = try secondOrder(xi)
                    for k in 0..<count { base[k] = base[k] + extra[k] }
                }
                secondOrderDone = true
                iteration = 0
            } else {
                for k in 0..<count { last[k] = last[k].multiplied(by: 0.2) + xi[k].multiplied(by: 0.8) }
            }
            iteration += 1
        }
        return DragLinearizedResponse(response: xi, lastIterate: last, dragDamping: bDrag, dragForce: fDrag,
                                      lastForce: total, iterations: passes, converged: converged)
    }
}
