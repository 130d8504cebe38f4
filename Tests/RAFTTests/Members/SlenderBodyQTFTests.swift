import Foundation
import Testing
@testable import RAFT

@Suite("Members: slender-body QTF")
struct SlenderBodyQTFTests {
    @Test("fixed-body QTF matches <D>_true_calcQTF_slenderBody (rtol 1e-5, atol 1e-3)", .needsReference, arguments: ["VolturnUS-S", "VolturnUS-S-pointInertia"])
    func qtf(name: String) throws {
        let design = try Design.load(path: Reference.url("reference/raft-regression/test_data/\(name).yaml").path)
        let platform = design.platforms[0]
        let fm = try FOWTMembers(design: design, fowt: 0)
        let grid = FrequencyGrid(settings: design.settings)
        let depth = design.site.waterDepth
        let k = grid.omega.map { waveNumber(omega: $0, depth: depth) }
        let hydro = StripHydrodynamics(members: fm.members, rho: design.site.rhoWater, omega: grid.omega, waveNumbers: k)
        let w2 = SlenderBodyQTF.grid(minHz: platform.minFreq2ndHz!, maxHz: platform.maxFreq2ndHz!, stepHz: platform.dFreq2ndHz)
        #expect(w2.count == 23)
        let k2 = w2.map { waveNumber(omega: $0, depth: depth) }
        let statics = try FOWTStatics(design: design, fowt: 0)
        let qtf = SlenderBodyQTF(members: fm.members, endAreas: hydro.endAreas(for: fm.members), structuralMass: statics.structuralMass,
                                 rao: nil, mainOmega: grid.omega, omega: w2, waveNumbers: k2,
                                 heading: 30 * (Double.pi / 180), depth: depth, rho: design.site.rhoWater, g: design.site.g)
        let data = (try Reference.json("raft-regression/json/\(name)_true_calcQTF_slenderBody.json") as! [String: Any])["data"] as! [String: Any]
        let ref = try ReferenceArray(data["qtf"])
        #expect(ref.shape == [23, 23, 1, 6])
        let re = qtf.values.map(\.real), im = qtf.values.map(\.imaginary)
        var bad = 0, worst = 0.0, at = 0
        for i in 0..<ref.re.count {
            let d = Complex(ref.re[i], ref.im![i])
            let err = (Complex(re[i], im[i]) - d).length, tol = 1e-3 + 1e-5 * d.length
            if err > tol { bad += 1; if err / tol > worst { worst = err / tol; at = i } }
        }
        #expect(bad == 0, "\(name) qtf: \(bad)/\(ref.re.count) outside tolerance; worst [\(at)] \(re[at]) + \(im[at])i vs \(ref.re[at]) + \(ref.im![at])i")
    }
}
