#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// RAFT's use of MoorPy's lumped-mass line model (moorMod 1/2, spec 04 §10, 06 §7.1/§7.2, 07 §2.2/§3) and of the
/// steady current on mooring lines (mooring.currentMod 1, spec 04 §11), as the Model calls them.
///
/// | moorMod | statics / eigen stiffness | dynamics | `Tmoor_*` amplitudes |
/// |---|---|---|---|
/// | 0 | analytic `getCoupledStiffnessA` | `C_moor` only | `J·Xi` (finite-difference Jacobian) |
/// | 1 | analytic | `C_moor` only | lumped-mass `dynamicSolve` per line and wave train |
/// | 2 | lumped K (`updateSystemDynamicMatrices`) | lumped M, A, B (iterated with the drag), K | lumped-mass |
extension MooringSystem {
    /// RAFT `C_moor` of a single-body system at the current pose (`FOWT.setPosition`, statics step): the analytic
    /// stiffness, or for moorMod 2 the K block of `getCoupledDynamicMatrices` after `updateSystemDynamicMatrices()`
    /// (which re-solves every line with profiles, as MoorPy does) [N/m, N, N·m/rad].
    mutating func raftStiffness6() throws(MooringError) -> Matrix6 {
        guard moorMod == 2 else { return try stiffness6() }
        try updateSystemDynamicMatrices()
        return try coupledDynamicMatrices().k
    }

    /// The array-level counterpart of `raftStiffness6()` over all coupled DOFs (row-major, 6 per FOWT).
    mutating func raftCoupledStiffness() throws(MooringError) -> [Double] {
        guard moorMod == 2 else { return try coupledStiffness(linesOnly: true) }
        try updateSystemDynamicMatrices()
        return try coupledDynamicMatricesAll()[3]
    }

    /// RAFT `analyzeUnloaded` mooring part: `C_moor0` (finite differences, or the lumped K for moorMod 2) and `F_moor0`.
    mutating func raftUnloadedStiffnessAndForce() throws(MooringError) -> (stiffness: [Double], force: [Double]) {
        guard moorMod == 2 else { return try unloadedStiffnessAndForce() }
        try updateSystemDynamicMatrices()
        return (try coupledDynamicMatricesAll()[3], coupledForces())
    }

    /// RAFT `updateMooringDynamicMatrices(Xi, S)` (FOWT and Model versions): every line's end-reduced lumped matrices
    /// from the converged dynamic-tension iteration driven by the line-end RAOs of the body motions
    /// `xi[body][dof][iω]` (about `bodyReferences`), then MoorPy `getCoupledDynamicMatrices(lines_only=True)`:
    /// (M, A, B, K) row-major over the coupled DOFs [kg…, N·s/m…, N/m…].
    mutating func raftDynamicMatrices(omegas: [Double], spectrum: [Double], xi: [[[Complex]]],
                                      bodyReferences: [Vec3]) throws(MooringError) -> [[Double]] {
        try forEachLineConcurrently { (system: inout MooringSystem, l: Int) throws(MooringError) in
            let (a, b) = system.lineEndRAOs(l, omegas: omegas, spectrum: spectrum, xi: xi, bodyReference: bodyReferences)
            try system.updateLumpedMass(line: l, omegas: omegas, spectrum: spectrum, raoA: a, raoB: b)
        }
        return try coupledDynamicMatricesAll()
    }

    /// moorMod 1/2 line-end tension amplitudes (RAFT `saveTurbineOutputs` / `analyzeCases` array part): for each line
    /// and wave train h, line-end RAOs from `xi[h][body][dof][iω]` and `spectra[h]`, then `line.dynamicSolve`; entry
    /// `[k][h]` is end A of line k (k < nLines) or end B of line k − nLines, over the frequencies [N].
    /// Each line is re-solved with profiles per wave train, as MoorPy's `dynamicSolve` does.
    mutating func lumpedTensionAmplitudes(omegas: [Double], spectra: [[Double]], xi: [[[[Complex]]]],
                                          bodyReferences: [Vec3]) throws(MooringError) -> [[[Complex]]] {
        let n = lines.count, nw = omegas.count
        // Per line and wave train: the end A and end B amplitudes (each line's slot written by its own worker).
        let ends = UnsafeMutableBufferPointer<[(a: [Complex], b: [Complex])]>.allocate(capacity: n)
        ends.initialize(repeating: [])
        defer { ends.deinitialize(); ends.deallocate() }
        let slots = TensionSlots(buffer: ends)
        try forEachLineConcurrently { (system: inout MooringSystem, l: Int) throws(MooringError) in
            for h in spectra.indices {
                let (a, b) = system.lineEndRAOs(l, omegas: omegas, spectrum: spectra[h], xi: xi[h], bodyReference: bodyReferences)
                let model = try system.lumpedMassLine(l)
                let withCurrent = system.current != nil  // MoorPy re-solves the line at each damping update (lagged current)
                var memo = system.lines[l].lumpedDynamicsMemo
                let sol = try model.dynamicTension(omegas: omegas, spectrum: spectra[h], raoA: a, raoB: b, memo: &memo,
                                                   repeatable: !withCurrent,
                                                   refresh: { () throws(MooringError) -> LumpedMassLine? in withCurrent ? try system.lumpedMassLine(l) : nil })
                system.lines[l].lumpedDynamicsMemo = memo
                slots.buffer[l].append(((0..<nw).map { sol.tensionAmplitudes[$0][0] },
                                        (0..<nw).map { sol.tensionAmplitudes[$0][model.count - 1] }))
            }
        }
        var out = [[[Complex]]](repeating: [], count: 2 * n)
        for l in 0..<n { out[l] = ends[l].map({ $0.a }); out[l + n] = ends[l].map({ $0.b }) }
        return out
    }
}

/// The end tension amplitudes of `lumpedTensionAmplitudes`'s line workers (each index written by exactly one worker).
private struct TensionSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<[(a: [Complex], b: [Complex])]>
}

/// Frequency-major 6-DOF series (`[iω·6 + dof]`) as MoorPy's `[dof][iω]`.
func dofMajor(_ row: [Complex], nw: Int, dofs: Int = 6, offset: Int = 0, stride: Int = 6) -> [[Complex]] {
    (0..<dofs).map { d in (0..<nw).map { row[$0 * stride + offset + d] } }
}

/// The moorMod-2 mooring matrices of one FOWT's own system inside the drag-linearisation loop (spec 06 §7.1):
/// M, A, K once from the starting iterate, B refreshed from every iterate; all translated with RAFT's
/// `translateMatrix6to6DOF` (zero offset for rigid FOWTs: lower-left block = transpose of the upper-right, P6).
struct LumpedMooringDynamics {
    var system: MooringSystem
    let omegas: [Double], spectrum: [Double]
    let bodyReference: Vec3
    var mass = Matrix6(), addedMass = Matrix6(), damping = Matrix6(), stiffness = Matrix6()

    /// nil unless the FOWT has its own moorMod-2 system. `spectrum` is S of wave train 0; `xiStart` the
    /// `XiStart` setting (the first iterate on every DOF and frequency).
    init?(mooring: MooringSystem?, pose r6: [Double], omegas: [Double], spectrum: [Double], xiStart: Double) throws {
        guard let ms = mooring, ms.moorMod == 2 else { return nil }
        system = ms
        self.omegas = omegas
        self.spectrum = spectrum
        bodyReference = Vec3(r6[0], r6[1], r6[2])
        let start = [Complex](repeating: Complex(xiStart, 0), count: 6 * omegas.count)
        let all = try update(start)
        mass = Self.translated(all[0]); addedMass = Self.translated(all[1])
        damping = Self.translated(all[2]); stiffness = Self.translated(all[3])
    }

    /// Refresh from iterate `xiLast` (frequency-major 6 DOFs); returns and keeps B_moor.
    @discardableResult
    mutating func refreshDamping(_ xiLast: [Complex]) throws -> Matrix6 {
        damping = Self.translated(try update(xiLast)[2])
        return damping
    }

    private mutating func update(_ xi: [Complex]) throws -> [[Double]] {
        do {
            return try system.raftDynamicMatrices(omegas: omegas, spectrum: spectrum,
                                                  xi: [dofMajor(xi, nw: omegas.count)], bodyReferences: [bodyReference])
        } catch { throw ContextualError("lumped-mass mooring matrices", error) }
    }

    static func translated(_ v: [Double]) -> Matrix6 {
        translateMatrix6to6DOF(Matrix6(rows: (0..<6).map { Array(v[6 * $0 ..< 6 * $0 + 6]) }), .zero)
    }
}

extension Model {
    /// RAFT `solveStatics` current set-up (spec 06 §5.1, 04 §11): with `mooring.currentMod > 0` and a loaded case
    /// with `current_speed > 0`, every mooring system gets `U = speed·(cos h, sin h, 0)`; otherwise no current.
    mutating func applyMooringCurrent(_ c: LoadCase?) {
        var u: Vec3?
        if let c, design.mooringCurrentMod > 0, let speed = c.currentSpeed, speed > 0 {
            let h = c.currentHeadingDeg * .pi / 180
            u = Vec3(speed * cos(h), speed * sin(h), 0)
        }
        arrayMooring?.current = u
        for i in fowts.indices where fowts[i].mooring != nil {
            fowts[i].mooring!.current = u
        }
    }

    /// Array-level mooring stiffness for statics steps and eigen (moorMod 2: lumped K), updating the system state.
    static func arrayMooringStiffness(_ am: inout MooringSystem) throws -> [Double] {
        do { return try am.raftCoupledStiffness() } catch {
            throw ContextualError("array mooring stiffness", error)
        }
    }

    /// Array-level mooring impedance terms of the coupled system (spec 06 §7.2): moorMod 2 → `M, A, B, C` from
    /// `Model.updateMooringDynamicMatrices(XiLast_all, S[0] of FOWT 0)`; otherwise `C` = analytic stiffness.
    /// `lastIterates` are the FOWTs' final drag-loop iterates of their PRP DOFs (frequency-major 6 DOFs); the body
    /// references are the FOWTs' mean PRP positions.
    /// - Returns: nil without array mooring; `M + A` and `B` are nil unless moorMod 2 (row-major, 6 DOFs per FOWT).
    mutating func arrayMooringImpedance(lastIterates: [[Complex]], spectrum: [Double]) throws -> (massPlusAdded: [Double]?, damping: [Double]?, stiffness: [Double])? {
        guard var am = arrayMooring else { return nil }
        defer { arrayMooring = am }
        guard am.moorMod == 2 else { return (nil, nil, try Self.arrayMooringStiffness(&am)) }
        do {
            let nw = grid.count
            let mats = try am.raftDynamicMatrices(omegas: grid.omega, spectrum: spectrum,
                                                  xi: lastIterates.map { dofMajor($0, nw: nw) },
                                                  bodyReferences: fowts.map { let p = $0.pose; return Vec3(p[0], p[1], p[2]) })
            return (zip(mats[0], mats[1]).map { $0 + $1 }, mats[2], mats[3])
        } catch { throw ContextualError("array lumped-mass mooring matrices", error) }
    }

    /// Array-level tension amplitudes `[k][source][iω]` (spec 07 §3): `J·Xi_sys` (moorMod 0) or lumped-mass line
    /// dynamics driven by each FOWT's block of `Xi_sys` and S of FOWT 0 (wave trains only). `rows`: per source, the
    /// FOWTs' PRP responses stacked (6 per FOWT, frequency-major).
    mutating func arrayTensionAmplitudes(jacobian jac: [Double], count: Int, systemRows rows: [[Complex]],
                                         responses: [FOWTResponse]) throws -> [[[Complex]]] {
        let nw = grid.count, n = 6 * fowts.count
        guard arrayMooring!.moorMod != 0 else {
            return (0..<count).map { k in
                rows.map { row in
                    (0..<nw).map { j in
                        var s = Complex.zero
                        for d in 0..<n { s = s + row[j * n + d].multiplied(by: jac[k * n + d]) }
                        return s
                    }
                }
            }
        }
        let seas = responses[0].seas
        return try arrayMooring!.lumpedTensionAmplitudes(
            omegas: grid.omega, spectra: seas.map { $0.spectrum },
            xi: seas.indices.map { h in fowts.indices.map { i in dofMajor(rows[h], nw: nw, offset: 6 * i, stride: n) } },
            bodyReferences: fowts.map { let p = $0.pose; return Vec3(p[0], p[1], p[2]) })
    }
}

extension MooringSystem {
    /// `Tmoor_*` channels of a FOWT's own mooring, rigid or flexible (spec 07 §2.2): moorMod 0 `J·X_PRP`, 1/2 the
    /// lumped-mass line dynamics driven by the PRP motion of each wave train.
    /// - Parameters:
    ///   - pose: mean PRP pose r6 [m, rad] (the body reference of the lumped-mass lines).
    ///   - rows: PRP response per source (wave trains, then the wind row), frequency-major 6-DOF blocks.
    mutating func tensionChannels(pose r6: [Double], rows: [[Complex]], seas: [SeaState], omega w: [Double],
                                  into out: inout CaseMetrics) throws {
        let nw = w.count
        do {
            let (t, jac) = try tensionsAndJacobian()
            if moorMod == 0 {
                let nDOF = jac.count / max(t.count, 1)
                let rowsJ = (0..<t.count).map { Array(jac[$0 * nDOF ..< $0 * nDOF + 6]) }
                CaseChannels.tensions(mean: t, jacobian: rowsJ, response: rows, nw: nw, w0: w[0], into: &out)
                return
            }
            let amps = try lumpedTensionAmplitudes(omegas: w, spectra: seas.map { $0.spectrum },
                                                   xi: seas.indices.map { [dofMajor(rows[$0], nw: nw)] },
                                                   bodyReferences: [Vec3(r6[0], r6[1], r6[2])])
            CaseChannels.tensions(mean: t, amplitudes: amps, w0: w[0], into: &out)
        } catch {
            throw ContextualError("mooring tensions", error)
        }
    }
}
