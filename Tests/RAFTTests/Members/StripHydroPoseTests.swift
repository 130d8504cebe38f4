import Foundation
import Testing
@testable import RAFT

/// Strip hydrodynamics at the cases' mean poses (designs-e2e `case_internals[k].fowt[0]`): `A_hydro_morison`
/// and `Imat` from the reference pose, kinematics and excitation at the mean pose `r6` (spec 06 §3.3).
@Suite("Members: strip hydrodynamics at the mean pose (designs-e2e)")
struct StripHydroPoseTests {
    @Test("A_hydro_morison, F_hydro_iner and D_hydro per case", .needsReference, arguments: ["OC3spar", "VolturnUS-S", "OC4semi_patched", "Vertical_cylinder", "VolturnUS-S_BEM", "VolturnUS-S_WAMITcoefs"])
    func cases(name: String) throws {
        let ref = try Reference.json("designs-e2e/\(name).json") as! [String: Any]
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/\(name).yaml").path)
        let fm = try FOWTMembers(design: design, fowt: 0)
        let grid = FrequencyGrid(settings: design.settings)
        let depth = design.site.waterDepth
        let k = grid.omega.map { waveNumber(omega: $0, depth: depth) }
        let atRef = StripHydrodynamics(members: fm.members, rho: design.site.rhoWater, omega: grid.omega, waveNumbers: k)
        let internals = ref["case_internals"] as! [Any]
        #expect(!internals.isEmpty)
        for (ic, ci) in internals.enumerated() {
            let f = ((ci as! [String: Any])["fowt"] as! [Any])[0] as! [String: Any]
            expectAllClose(atRef.addedMass.storage, try ReferenceArray(f["A_hydro_morison"]).re, rtol: 1e-9, atol: 1e-6,
                           "\(name) case \(ic) A_hydro_morison")
            let lc = design.cases!.cases[ic]
            let D = atRef.currentLoads(speed: lc.currentSpeed ?? 0, headingDeg: lc.currentHeadingDeg, shearExponent: design.site.shearExpWater, depth: depth)
            expectAllClose(D, try ReferenceArray(f["D_hydro"]).re, rtol: 1e-9, atol: 1e-6, "\(name) case \(ic) D_hydro")

            let r6 = try ReferenceArray(f["r6"]).re
            let t = Vec3(r6[0], r6[1], r6[2])
            let moved = atRef.moved(to: fm.placed(translation: t, rotation: Vec3(r6[3], r6[4], r6[5])), reference: t)
            let Fref = try ReferenceArray(f["F_hydro_iner"])
            let nw = grid.count
            for (h, train) in lc.waves.enumerated() {
                let sea = SeaState(train: train, grid: grid)
                let kin = moved.waveKinematics(amplitude: sea.amplitude, heading: sea.heading, depth: depth)
                let F = moved.inertialExcitation(kin)
                let slice = h * 6 * nw ..< (h + 1) * 6 * nw
                let scale = Fref.re[slice].map(abs).max() ?? 0
                expectAllClose(F.values.map(\.real), Array(Fref.re[slice]), rtol: 1e-6, atol: 1e-9 * scale, "\(name) case \(ic) F_hydro_iner[\(h)] re")
                expectAllClose(F.values.map(\.imaginary), Array(Fref.im![slice]), rtol: 1e-6, atol: 1e-9 * scale, "\(name) case \(ic) F_hydro_iner[\(h)] im")
            }
        }
    }
}

@Suite("Members: strip hydrodynamics of a farm (designs-e2e VolturnUS-S_farm_testdata)")
struct StripHydroFarmTests {
    @Test("every FOWT's A_hydro_morison and F_hydro_iner at its mean pose in the array", .needsReference)
    func farm() throws {
        let name = "VolturnUS-S_farm_testdata"
        let ref = try Reference.json("designs-e2e/\(name).json") as! [String: Any]
        let design = try Design.load(path: Reference.url("reference/designs-e2e/inputs/\(name).yaml").path)
        let grid = FrequencyGrid(settings: design.settings)
        let depth = design.site.waterDepth
        let k = grid.omega.map { waveNumber(omega: $0, depth: depth) }
        let internals = ref["case_internals"] as! [Any]
        #expect(design.fowts.count == 2)
        for (i, entry) in design.fowts.enumerated() {
            let fm = try FOWTMembers(design: design, fowt: i)
            let ref0 = Vec3(entry.x, entry.y, 0)
            let atRef = StripHydrodynamics(members: fm.placed(translation: ref0), reference: ref0, rho: design.site.rhoWater,
                                           omega: grid.omega, waveNumbers: k)
            for (ic, ci) in internals.enumerated() {
                let f = ((ci as! [String: Any])["fowt"] as! [Any])[i] as! [String: Any]
                expectAllClose(atRef.addedMass.storage, try ReferenceArray(f["A_hydro_morison"]).re, rtol: 1e-9, atol: 1e-6,
                               "farm fowt \(i) case \(ic) A_hydro_morison")
                let r6 = try ReferenceArray(f["r6"]).re
                let t = Vec3(r6[0], r6[1], r6[2])
                let moved = atRef.moved(to: fm.placed(translation: t, rotation: Vec3(r6[3], r6[4], r6[5])), reference: t)
                let Fref = try ReferenceArray(f["F_hydro_iner"])
                let nw = grid.count
                for (h, train) in design.cases!.cases[ic].waves.enumerated() {
                    let sea = SeaState(train: train, grid: grid)
                    let F = moved.inertialExcitation(moved.waveKinematics(amplitude: sea.amplitude, heading: sea.heading, depth: depth))
                    let slice = h * 6 * nw ..< (h + 1) * 6 * nw
                    let scale = Fref.re[slice].map(abs).max() ?? 0
                    expectAllClose(F.values.map(\.real), Array(Fref.re[slice]), rtol: 1e-6, atol: 1e-9 * scale, "farm fowt \(i) case \(ic) F re")
                    expectAllClose(F.values.map(\.imaginary), Array(Fref.im![slice]), rtol: 1e-6, atol: 1e-9 * scale, "farm fowt \(i) case \(ic) F im")
                }
            }
        }
    }
}
