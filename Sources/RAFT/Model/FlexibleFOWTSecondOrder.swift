#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Second-order wave loads (potSecOrder 1) of a FOWT with beam members. RAFT 2.0.4 has no slender-body QTF for
/// nDOF > 6 (it prints a notice and uses a zero QTF, i.e. gives the potSecOrder 0 results); here the FOWT gets the
/// rigid FOWT's QTF (`SlenderBodyQTF`, RAFT `calcQTF_slenderBody`, spec 02 §11, 06 §7.1) with the body taken as rigid
/// at its PRP node: members placed rigidly at the mean PRP pose, moving with the PRP node's RAO, `M_struc` projected
/// on the rigid-body motions. The loads act on the PRP node (the first 6 reduced DOFs): the slow drift in the
/// dynamics of wave train 0, the mean drift in the second statics solve of the case, as for a rigid FOWT. The
/// elastic deflections' own second-order contribution (their motion in the wave kinematics, loads on beam nodes
/// reaching the beams rather than the PRP node) is neglected, which is small while the elastic modes lie well above
/// the wave frequencies; with stiff beams this is the rigid model's second-order load.
extension FOWT {
    /// The slender-body QTF for wave heading `beta` [rad] with the PRP node's motion `rao` (per unit wave amplitude,
    /// main grid) and the members placed rigidly at the absolute PRP pose `r6` [m, rad] (absolute positions, moments
    /// about the global origin, as RAFT's rigid QTF: spec 02 PF21).
    func slenderBodyQTF(heading beta: Double, rao: ComplexSeries6, pose r6: [Double], grid: FrequencyGrid,
                        waveNumbers k: [Double]) throws -> SlenderBodyQTF {
        guard let lo = platform.minFreq2ndHz, let hi = platform.maxFreq2ndHz else {
            throw SolveError.unsupported("platform.potSecOrder 1 needs min_freq2nd and max_freq2nd")
        }
        let depth = site.waterDepth
        let w2 = SlenderBodyQTF.grid(minHz: lo, maxHz: hi, stepHz: platform.dFreq2ndHz)
        let k2 = w2.map { waveNumber(omega: $0, depth: depth) }
        // end areas a_i of the strip nodes from the strip model at the reference position (as the rigid FOWT's
        // `hydroReference`): they depend on the member geometry only
        let t = referencePosition
        let hydro = StripHydrodynamics(members: members.placed(translation: t), reference: t, rho: site.rhoWater,
                                       omega: grid.omega, waveNumbers: k)
        let placed = members.placed(translation: Vec3(r6[0], r6[1], r6[2]), rotation: Vec3(r6[3], r6[4], r6[5]))
        return SlenderBodyQTF(members: placed, endAreas: hydro.endAreas(for: placed), structuralMass: structure.nodes.statics.rigidBodyMass,
                              rao: rao, mainOmega: grid.omega, omega: w2, waveNumbers: k2, heading: beta, depth: depth,
                              rho: site.rhoWater, g: site.g)
    }

    /// The drag loop's potSecOrder-1 hook for wave train `sea` (nil without potSecOrder 1): given the converged
    /// first-order response (frequency-major over the reduced DOFs, the PRP node's 6 first), the QTF at the mean pose
    /// `r6` and the second-order force of the sea state, 6 DOFs about the PRP.
    func secondOrderHook(sea: SeaState, pose r6: [Double], grid: FrequencyGrid,
                         waveNumbers k: [Double]) -> (([Complex]) throws -> SecondOrderForce)? {
        guard platform.potSecOrder == 1 else { return nil }
        let n = structure.nodes.statics.nDOF, nw = grid.count
        return { xi in
            var prp = [Complex](repeating: .zero, count: 6 * nw)
            for j in 0..<nw { for d in 0..<6 { prp[j * 6 + d] = xi[j * n + d] } }
            let rao = responseAmplitudeOperator(prp, zeta: sea.amplitude)
            let qtf = try slenderBodyQTF(heading: sea.heading, rao: rao, pose: r6, grid: grid, waveNumbers: k)
            return SecondOrderForce(qtf: qtf, omega: grid.omega, spectrum: sea.spectrum)
        }
    }
}

extension FlexibleFOWTStatics {
    /// `R` [nDOF × 6]: the reduced-DOF displacement of a rigid-body motion (u, θ) of the whole FOWT about the PRP
    /// (node k at `r0_k` relative to the PRP: translations `u + θ × r0_k`, rotations `θ`).
    var rigidBodyMap: DenseMatrix {
        var r = DenseMatrix(rows: nDOF, cols: 6)
        for (j, d) in dofs.enumerated() {
            let p = graph.nodes[d.node].r0
            switch d.dof {
            case 0: r[j, 0] = 1; r[j, 4] = p.z; r[j, 5] = -p.y
            case 1: r[j, 1] = 1; r[j, 5] = p.x; r[j, 3] = -p.z
            case 2: r[j, 2] = 1; r[j, 3] = p.y; r[j, 4] = -p.x
            default: r[j, d.dof] = 1
            }
        }
        return r
    }

    /// `Rᵀ·M_struc·R`: the structural mass on the rigid-body motions about the PRP [kg, kg·m, kg·m²] (the rigid
    /// twin's `M_struc`, up to the beams' lumped rotary inertia: 1.1e-3 in yaw for VolturnUS-S-flexible).
    var rigidBodyMass: Matrix6 {
        let m = structuralMass.congruence(rigidBodyMap)
        var out = Matrix6()
        for a in 0..<6 { for b in 0..<6 { out[a, b] = m[a, b] } }
        return out
    }
}
