import Foundation
import Testing
@testable import RAFT

/// Checks the generic solvers (eigen, per-frequency impedance and response) on matrices taken from RAFT's own
/// intermediate values (designs-e2e `unloaded` and `case_internals`), independent of our model builders.
@Suite("Solvers on RAFT's intermediate matrices")
struct SolverFromReferenceTests {
    static let designs = ["OC3spar", "VolturnUS-S", "OC4semi_patched"]

    static func load(_ name: String) throws -> [String: Any] {
        try Reference.json("designs-e2e/\(name).json") as! [String: Any]
    }
    static func fowt0(_ any: Any?) -> [String: Any] {
        if let l = any as? [Any] { return l[0] as! [String: Any] }
        return (any as! [String: Any])["0"] as! [String: Any]
    }

    @Test("eigen_unloaded fn_Hz (rtol 1e-5) and |modes| from the unloaded matrices", .needsReference, arguments: designs)
    func eigenUnloaded(name: String) throws {
        let ref = try Self.load(name)
        let f = Self.fowt0((ref["unloaded"] as! [String: Any])["fowt"])
        let m = try ReferenceArray(f["M_struc"]).re, a = try ReferenceArray(f["A_total_eigen"]).re
        var c = try ReferenceArray(f["C_struc"]).re
        for key in ["C_hydro", "C_moor", "C_elast"] { let x = try ReferenceArray(f[key]).re; for k in 0..<36 { c[k] += x[k] } }
        c[35] += ReferenceArray.number(f["yawstiff"]!) ?? 0
        let result = try solveEigen(mass: zip(m, a).map { $0 + $1 }, stiffness: c, n: 6)
        let e = ref["eigen_unloaded"] as! [String: Any]
        expectAllClose(result.frequenciesHz, try ReferenceArray(e["fn_Hz"]).re, rtol: 1e-5, atol: 1e-5, "\(name) fn_Hz")
        let modes = try ReferenceArray(e["modes"])
        expectAllClose(result.modes.flatMap { $0.map(abs) }, modes.re.map(abs), rtol: 1e-5, atol: 1e-6, "\(name) |modes|")
    }

    @Test("a free vertical cylinder is reported unstable (negative roll/pitch stiffness)", .needsReference)
    func verticalCylinderUnstable() throws {
        let ref = try Self.load("Vertical_cylinder")
        let f = Self.fowt0((ref["unloaded"] as! [String: Any])["fowt"])
        let m = try ReferenceArray(f["M_struc"]).re, a = try ReferenceArray(f["A_total_eigen"]).re
        var c = try ReferenceArray(f["C_struc"]).re
        for key in ["C_hydro", "C_moor"] { let x = try ReferenceArray(f[key]).re; for k in 0..<36 { c[k] += x[k] } }
        #expect {
            try solveEigen(mass: zip(m, a).map { $0 + $1 }, stiffness: c, n: 6)
        } throws: { error in
            guard case SolveError.unstable(let msg) = error else { return false }
            return msg.contains("roll") && msg.contains("pitch")
        }
    }

    @Test("impedance Z and response Xi rebuilt from case_internals (rtol 1e-6)", .needsReference, arguments: designs)
    func responseFromInternals(name: String) throws {
        let ref = try Self.load(name)
        let omega = try ReferenceArray(ref["w_rad_s"]).re
        let nw = omega.count
        for (k, ciAny) in (ref["case_internals"] as! [Any]).enumerated() {
            let f = Self.fowt0((ciAny as! [String: Any])["fowt"])
            var s = LinearSystem(n: 6, omega: omega)
            let m = try ReferenceArray(f["M_struc"]).re, am = try ReferenceArray(f["A_hydro_morison"]).re
            LinearSystem.addToAll(zip(m, am).map { $0 + $1 }, &s.mass, n: 6)
            let bStruc = try ReferenceArray(f["B_struc"]).re
            LinearSystem.addToAll(bStruc, &s.damping, n: 6)
            // Rotor terms: A_aero, B_aero [6,6,nw,nrotors], B_gyro [6,6,nrotors].
            let aAero = try ReferenceArray(f["A_aero"]), bAero = try ReferenceArray(f["B_aero"]), bGyro = try ReferenceArray(f["B_gyro"])
            let nr = aAero.shape.count > 3 ? aAero.shape[3] : 1
            for r in 0..<6 { for c in 0..<6 { for j in 0..<nw { for q in 0..<nr {
                let idx = ((r * 6 + c) * nw + j) * nr + q
                s.mass[j * 36 + r * 6 + c] += aAero.re[idx]
                s.damping[j * 36 + r * 6 + c] += bAero.re[idx]
            } }
                for q in 0..<nr { for j in 0..<nw { s.damping[j * 36 + r * 6 + c] += bGyro.re[(r * 6 + c) * nr + q] } }
            } }
            for key in ["C_struc", "C_hydro", "C_moor", "C_elast"] {
                let x = try ReferenceArray(f[key]).re; for q in 0..<36 { s.stiffness[q] += x[q] }
            }
            let bDrag = try ReferenceArray(f["B_hydro_drag"]).re
            let solver = FrequencyDomainSolver(n: 6)
            let z = solver.impedances(s, extraDamping: bDrag)
            let zRef = try ReferenceArray(f["Z"])   // [6, 6, nw]
            var zr: [Double] = [], zi: [Double] = [], zRe: [Double] = [], zIm: [Double] = []
            for r in 0..<6 { for c in 0..<6 { for j in 0..<nw {
                zr.append(z[j * 36 + r * 6 + c].real); zi.append(z[j * 36 + r * 6 + c].imaginary)
                zRe.append(zRef.re[(r * 6 + c) * nw + j]); zIm.append(zRef.im![(r * 6 + c) * nw + j])
            } } }
            let zScale = zRe.map(abs).max()!
            expectAllClose(zr, zRe, rtol: 1e-6, atol: 1e-9 * zScale, "\(name) case \(k) Re Z")
            expectAllClose(zi, zIm, rtol: 1e-6, atol: 1e-9 * zScale, "\(name) case \(k) Im Z")
            // Xi[0] = solve(Z, F_hydro_iner[0] + F_hydro_drag + F_BEM[0]).
            let fi = try ReferenceArray(f["F_hydro_iner"]), fd = try ReferenceArray(f["F_hydro_drag"]), fb = try ReferenceArray(f["F_BEM"])
            var force = [Complex](repeating: .zero, count: 6 * nw)
            for d in 0..<6 { for j in 0..<nw {
                let i3 = d * nw + j
                force[j * 6 + d] = Complex(fi.re[i3] + fd.re[i3] + fb.re[i3], fi.im![i3] + fd.im![i3] + fb.im![i3])
            } }
            var xi: [Complex] = []
            try solver.solve(s, extraDamping: bDrag, force: force, into: &xi)
            let xiRef = try ReferenceArray(f["Xi"])   // [nWaves+1, 6, nw]
            var got: [Double] = [], want: [Double] = []
            for d in 0..<6 { for j in 0..<nw {
                got.append(xi[j * 6 + d].real); got.append(xi[j * 6 + d].imaginary)
                want.append(xiRef.re[d * nw + j]); want.append(xiRef.im![d * nw + j])
            } }
            let scale = want.map(abs).max()!
            expectAllClose(got, want, rtol: 1e-6, atol: 1e-9 * scale, "\(name) case \(k) Xi")
        }
    }
}
