import Foundation
import Testing
import ComplexModule
@testable import RAFT

/// IEA-15MW rotor (raft-regression/test_data/IEA15MW.yaml) vs the spec's worked numbers and RAFT's calcAero references.
@Suite struct RotorTests {
    static func makeRotor() throws -> Rotor {
        var diags = Diagnostics()
        let root = try YAMLNode.load(contentsOf: Reference.url("reference/raft-regression/test_data/IEA15MW.yaml"))
        let turbine = try TurbineInput(node: root.required("turbine"), diagnostics: &diags)
        var site = Site(waterDepth: 200)
        let s = try root.required("site")
        site.rhoAir = try s.double("rho_air", default: 1.225)
        site.muAir = try s.double("mu_air", default: 1.81e-5)
        let grid = FrequencyGrid(minHz: 0.02, maxHz: 0.2)
        return try Rotor(turbine: turbine, site: site, frequencies: grid.omega, index: 0)
    }

    @Test(.needsReference) func geometryAndPose() throws {
        let rotor = try Self.makeRotor()
        expectAllClose([rotor.elementRadius[0], rotor.elementRadius[19]], [6.79415, 114.11185000000002], rtol: 1e-15, "r_e")
        expectAllClose([rotor.elementChord[10], rotor.elementTwistDeg[10]], [4.118984382746653, 1.6040603495290024], rtol: 1e-14, "element 10")
        expectAllClose([rotor.elementChord[0], rotor.elementTwistDeg[0]], [5.228, 15.474], rtol: 0, "element 0 clamped")
        expectAllClose([0, 1, 2, 5, 10, 19].map { rotor.elementThickness[$0] },
                       [0.9982226195084287, 0.8351633597438826, 0.5822882950812889, 0.34633988916687675, 0.27389577783366975, 0.211],
                       rtol: 1e-15, "r_thick (PCHIP)")
        expectAllClose([rotor.r3.x, rotor.r3.y, rotor.r3.z], [-11.96539128, 0, 150.0], rtol: 1e-9, atol: 1e-12, "hub r3")
        expectAllClose([rotor.rRel.z], [148.7423867], rtol: 1e-9, "RRP z")
        expectAllClose([rotor.ccblade.precone, rotor.ccblade.hubHeight], [0.06981317007977318, 150.0], rtol: 1e-15, "CCBlade precone, hubHt")
        #expect(rotor.ccblade.sectorCount == 4)
        expectAllClose(Array(rotor.ccblade.precurve[17...19]), [-2.36251989, -2.82990423, -3.33833305], rtol: 1e-8, "precurve")
    }

    @Test(.needsReference) func elementSplinesMatchSciPy() throws {
        let rotor = try Self.makeRotor()
        let fx = try SmoothingSplineTests.fixture()
        let probes = fx["probe_alpha"] as! [Double]
        for el in fx["elements"] as! [[String: Any]] {
            let e = el["element"] as! Int
            let af = rotor.ccblade.airfoils[e]
            SmoothingSplineTests.check(af.lift, el["cl"] as! [String: Any], probes: probes, "element \(e) cl")
            SmoothingSplineTests.check(af.drag, el["cd"] as! [String: Any], probes: probes, "element \(e) cd")
        }
    }

    /// Spec 03 §11 table (CCBlade at yaw 0, tilt 0.10471975511965977, scheduled operating points).
    @Test(.needsReference, arguments: [
        (5.0, [539526.3855187392, 4223705.730671666, 122301.08017598912, 130564.63515092454, -30943.87726206344,
               2645933.025896538, -1335465.1212547862, 17124.368008930316]),
        (10.59, [2404227.1138413344, 19109550.119851895, 255651.45496115292, 279152.52540206467, -137807.69467885874,
                 5594028.219975719, -2792934.2875923757, 41453.64166633316]),
        (15.0, [1263578.955910261, 20151820.15935933, 208449.7240217322, -79310.57519913504, -208210.0133503019,
                4845547.825974883, -4283012.840066743, -3286064.5016664574]),
        (25.0, [719838.0185627202, 18422627.357214436, 199191.9568057706, -468270.22262153774, -234841.9499666212,
                6676512.277438225, -17204702.674805127, -7103899.497184838]),
    ])
    func ccbladeLoadsAndDerivatives(speed: Double, expected: [Double]) throws {
        var rotor = try Self.makeRotor()
        let loads = rotor.runCCBlade(speed: speed, tilt: 0.10471975511965977, yawMisalignment: 0)
        let got = [loads.thrust, loads.torque, loads.dThrust.x, loads.dThrust.y, loads.dThrust.z,
                   loads.dTorque.x, loads.dTorque.y, loads.dTorque.z]
        expectAllClose(got, expected, rtol: 1e-10, "CCBlade U=\(speed)")
        if speed == 10.59 {
            expectAllClose([loads.sideForce, loads.verticalForce, loads.momentY, loads.momentZ, loads.power],
                           [28838.22168834704, 10627.871695108392, 9153604.85823465, 1517414.7398205101, 15062093.600554671],
                           rtol: 1e-10, "CCBlade Y Z My Mz P")
        }
    }

    @Test(.needsReference) func turbulenceAmplitudes() throws {
        let rotor = try Self.makeRotor()
        let dw = rotor.omega[1] - rotor.omega[0]
        for (v, expected) in [(5.0, [1.311807883, 0.412138476, 0.2032523167]),
                              (10.59, [3.9758240278, 1.4306330499, 0.7373695499]),
                              (15.0, [6.4246721738, 2.5544084125, 1.3648907903])] {
            let sigma = try RotorTurbulence.sigma(turbulence: .intensity(0.5), speed: v)
            let s = RotorTurbulence.spectrum(omega: rotor.omega, speed: v, sigma: sigma, hubHeight: 150, radius: rotor.tipRadius)
            expectAllClose(s.prefix(3).map { (2 * $0 * dw).squareRoot() }, expected, rtol: 1e-9, "V_w at \(v) m/s")
        }
    }

    @Test(.needsReference, arguments: [0, 1, 2, 3])
    func calcAeroMatchesRAFT(yawMode: Int) throws {
        var rotor = try Self.makeRotor()
        rotor.setPosition()
        rotor.yawMode = yawMode
        let ref = try Reference.json("raft-regression/json/IEA15MW_true_calcAero-yaw_mode\(yawMode).json") as! [String: Any]
        let tol = ref["tolerance"] as! [String: Any]
        let rtol = tol["rtol"] as! Double, atol = tol["atol"] as! Double
        let entries = ref["data"] as! [[String: Any]]
        for (n, entry) in entries.enumerated() {
            let c = entry["case"] as! [String: Any]
            let ti = ReferenceArray.number(c["turbulence"]!)!
            let rc = RotorCase(windSpeed: ReferenceArray.number(c["wind_speed"]!)!,
                               windHeadingDeg: ReferenceArray.number(c["wind_heading"]!)!,
                               turbulence: .intensity(ti),
                               turbineHeadingDeg: c["turbine_heading"].flatMap { ReferenceArray.number($0) } ?? 0)
            let r = try rotor.calcAero(rc)
            let ctx = "yaw_mode \(yawMode) entry \(n) \(c)"
            let f0 = try ReferenceArray(entry["f_aero0"])
            expectAllClose(r.meanForce, f0.re, rtol: rtol, atol: atol, "\(ctx) f_aero0")
            let f = try ReferenceArray(entry["f_aero"])
            let nw = rotor.omega.count
            var re: [Double] = [], im: [Double] = []
            for d in 0..<6 { for k in 0..<nw { re.append(r.excitation[d][k].real); im.append(r.excitation[d][k].imaginary) } }
            expectAllClose(re, f.re, rtol: rtol, atol: atol, "\(ctx) f_aero re")
            expectAllClose(im, f.im ?? [], rtol: rtol, atol: atol, "\(ctx) f_aero im")
            let a = try ReferenceArray(entry["a_aero"]), b = try ReferenceArray(entry["b_aero"])
            var av: [Double] = [], bv: [Double] = []
            for i in 0..<6 { for j in 0..<6 { for k in 0..<nw { av.append(r.addedMass[k][i, j]); bv.append(r.damping[k][i, j]) } } }
            expectAllClose(av, a.re, rtol: rtol, atol: atol, "\(ctx) a_aero")
            expectAllClose(bv, b.re, rtol: rtol, atol: atol, "\(ctx) b_aero")
        }
    }
}

extension RotorTests {
    @Test(.needsReference) func steadyCurveUsesShaftTilt() throws {
        let rotor = try Self.makeRotor()
        let curve = rotor.steadyCurve(windSpeeds: [5.0, 10.59])
        // spec 03 §11: thrust at tilt 0.10471975511965977 (= −atan2 of the tilted shaft), yaw 0
        expectAllClose(curve.map(\.thrust), [539526.3855187392, 2404227.1138413344], rtol: 1e-10, "steady thrust")
        expectAllClose(curve.map(\.rotorSpeedRPM), [3.5809648578811366, 7.526728682170543], rtol: 1e-14, "schedule rpm")
        #expect(curve.allSatisfy { $0.loads.powerCoefficient > 0.3 && $0.loads.powerCoefficient < 0.6 })
        #expect(rotor.operatingPoint == nil)  // the rotor itself is unchanged
    }
}
