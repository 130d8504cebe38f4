import Foundation
import Testing
@testable import RAFT

/// FITPACK smoothing-spline port vs SciPy `RectBivariateSpline(s=...)` (fixture made by make_spline_fixture.py).
@Suite struct SmoothingSplineTests {
    static let fixtureURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/spline_fits.json")

    static func fixture() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: fixtureURL)) as! [String: Any]
    }

    /// RAFT's 200-point angle-of-attack grid [deg] (spec 03 §3.1).
    static var aoaGrid: [Double] { AirfoilPolar.angleGrid }

    static func check(_ spline: SmoothingSpline, _ ref: [String: Any], probes: [Double], _ ctx: String) {
        let knots = (ref["knots"] as! [String]).map { Double($0)! }
        #expect(spline.knots == knots, "\(ctx): knots \(spline.knots.count) vs \(knots.count)")
        expectAllClose([spline.residual], [ref["fp"] as! Double], rtol: 1e-12, "\(ctx) fp")
        // coefficients (SciPy stores both Re columns interleaved; entry 2q is coefficient q): bit-exact in SciPy-vs-recipe comparisons except a few ulps (spec 03 §5.2)
        let c = spline.coefficients
        expectAllClose([c[0], c[(knots.count - 4) / 2]], [ref["coef0"] as! Double, ref["coef_mid"] as! Double],
                       rtol: 0, atol: 1e-14, "\(ctx) coefficients")
        expectAllClose(probes.map { spline.value($0, re: 1e7) }, ref["value"] as! [Double], rtol: 1e-12, atol: 1e-14, "\(ctx) value")
        expectAllClose(probes.map { spline.slope($0, re: 1e7) }, ref["slope"] as! [Double], rtol: 1e-11, atol: 1e-13, "\(ctx) slope")
    }

    @Test(.needsReference) func rawAirfoilFitsMatchSciPy() throws {
        let fx = try Self.fixture()
        let probes = fx["probe_alpha"] as! [Double]
        var diags = Diagnostics()
        let root = try YAMLNode.load(contentsOf: Reference.url("reference/raft-regression/test_data/IEA15MW.yaml"))
        let turbine = try TurbineInput(node: root.required("turbine"), diagnostics: &diags)
        let refs = fx["airfoils"] as! [[String: Any]]
        #expect(turbine.airfoils.count == refs.count)
        for (af, ref) in zip(turbine.airfoils, refs) {
            let polar = AirfoilPolar(table: af.data)
            let alpha = Self.aoaGrid.map { $0 * 0.017453292519943295 }
            let cl = try SmoothingSpline(x: alpha, z: polar.cl, s: 0.1)
            let cd = try SmoothingSpline(x: alpha, z: polar.cd, s: 0.001)
            Self.check(cl, ref["cl"] as! [String: Any], probes: probes, "\(af.name) cl")
            Self.check(cd, ref["cd"] as! [String: Any], probes: probes, "\(af.name) cd")
        }
    }

    @Test func leastSquaresPolynomialIsReturnedWhenSmoothEnough() throws {
        // A cubic polynomial is fitted exactly by the n = 8 least-squares stage (ier −2).
        let x = numpyLinspace(-3, 3, 50)
        let z = x.map { 0.5 + 0.1 * $0 - 0.02 * $0 * $0 * $0 }
        let sp = try SmoothingSpline(x: x, z: z, s: 0.1)
        #expect(sp.status == -2)
        #expect(sp.knots.count == 8)
        #expect(abs(sp.value(1.0) - 0.58) < 1e-12)
        #expect(abs(sp.slope(1.0) - (0.1 - 0.06)) < 1e-12)
    }
}
