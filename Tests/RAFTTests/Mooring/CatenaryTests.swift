import Foundation
import Testing
@testable import RAFT

@Suite("Catenary kernel (MoorPy catenary)")
struct CatenaryTests {
    static func solve(_ c: MoorPyCase) throws -> CatenarySolution {
        try Catenary.solve(xf: c.xf, zf: c.zf, length: c.length, ea: c.ea, w: c.w, cb: c.cb, alphaDeg: c.alphaDeg,
                           hf0: c.hf0, vf0: c.vf0, tolerance: c.tol, maxIterations: c.maxIter, depth: c.depth)
    }

    static func close(_ a: Double, _ b: Double, scale: Double, rtol: Double = 1e-9) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        return abs(a - b) <= rtol * max(scale, 1e-300)
    }

    static func entries(_ k: PlanarStiffness) -> [Double] { [k.xx, k.xz, k.zx, k.zz] }

    @Test("every regime matches MoorPy 1.3.0 (forces, warm-start values, stiffness, profile type)",
          arguments: MoorPyCase.all)
    func matchesMoorPy(_ c: MoorPyCase) throws {
        let s = try Self.solve(c)
        #expect(s.profile.moorPyCode == c.profile, "\(c.name): profile \(s.profile.moorPyCode) vs \(c.profile)")
        let fScale = [c.fxA, c.fzA, c.fxB, c.fzB, c.hf, c.vf].map(abs).max()!
        for (a, b, what) in [(s.fxA, c.fxA, "fxA"), (s.fzA, c.fzA, "fzA"), (s.fxB, c.fxB, "fxB"), (s.fzB, c.fzB, "fzB"),
                             (s.hf, c.hf, "HF"), (s.vf, c.vf, "VF")] {
            #expect(Self.close(a, b, scale: fScale), "\(c.name) \(what): \(a) vs \(b)")
        }
        #expect(Self.close(s.lBot, c.lBot, scale: c.length), "\(c.name) LBot: \(s.lBot) vs \(c.lBot)")
        for (k, ref, what) in [(s.stiffnessA, c.kA, "A"), (s.stiffnessB, c.kB, "B"), (s.stiffnessBA, c.kBA, "BA")] {
            let kScale = (Self.entries(ref) + Self.entries(c.kB)).filter { !$0.isNaN }.map(abs).max()!
            for (a, b) in zip(Self.entries(k), Self.entries(ref)) {
                #expect(Self.close(a, b, scale: kScale, rtol: 1e-8), "\(c.name) stiffness\(what): \(k) vs \(ref)")
            }
        }
    }

    @Test("spec 04 §4.8 worked example: OC3spar line 1 from a fresh guess")
    func oc3WorkedExample() throws {
        let s = try Catenary.solve(xf: 848.670017264613, zf: 249.33413839769258, length: 902.2, ea: 384.243e6,
                                   w: 698.3330094517323, cb: 0, tolerance: 1e-4)
        #expect(s.profile == .touchdown)
        #expect(abs(s.hf - 731443.742154) < 2e-6 * 731443.742154)
        #expect(abs(s.vf - 533256.559136) < 2e-6 * 533256.559136)
        #expect(abs(s.lBot - 138.586435) < 1e-5)
        #expect(s.fzA == 0 && s.fxA == s.hf)  // no friction: the anchor carries horizontal tension only
        #expect(abs(s.stiffnessB.xx - 26414.894001) < 1e-3 && abs(s.stiffnessB.zz - 3973.707252) < 1e-3)
    }

    /// Inextensible catenary through (0,0) and (XF, ZF) with horizontal tension H and vertical tension V at end B.
    static func inextensibleSpan(h: Double, v: Double, w: Double, length: Double) -> (Double, Double) {
        let va = v - w * length
        return (h / w * (asinh(v / h) - asinh(va / h)),
                h / w * ((1 + (v / h) * (v / h)).squareRoot() - (1 + (va / h) * (va / h)).squareRoot()))
    }

    @Test("zero-stretch limit equals the closed-form catenary (suspended and touchdown)")
    func zeroStretchLimit() throws {
        let w = 700.0, length = 900.0, ea = 1e16
        // Suspended: both ends off the seabed (end A 500 m above it).
        let (h1, v1) = (8.0e5, 4.5e5)
        let (xf1, zf1) = Self.inextensibleSpan(h: h1, v: v1, w: w, length: length)
        let s1 = try Catenary.solve(xf: xf1, zf: zf1, length: length, ea: ea, w: w, cb: -500, tolerance: 1e-9)
        #expect(s1.profile == .suspended)
        #expect(abs(-s1.fxB - h1) < 1e-7 * h1 && abs(-s1.fzB - v1) < 1e-7 * h1)
        #expect(abs(s1.fzA - (v1 - w * length)) < 1e-7 * h1)
        // Touchdown: the closed form with a grounded length L − V/w.
        let (h2, v2) = (5.0e5, 3.0e5)
        let xf2 = length - v2 / w + h2 / w * asinh(v2 / h2)
        let zf2 = h2 / w * ((1 + (v2 / h2) * (v2 / h2)).squareRoot() - 1)
        let s2 = try Catenary.solve(xf: xf2, zf: zf2, length: length, ea: ea, w: w, cb: 0, tolerance: 1e-9)
        #expect(s2.profile == .touchdown)
        #expect(abs(-s2.fxB - h2) < 1e-7 * h2 && abs(-s2.fzB - v2) < 1e-7 * h2)
        #expect(abs(s2.lBot - (length - v2 / w)) < 1e-6)
    }

    @Test("a line longer than the span lies on the seabed without tension")
    func slackOnSeabed() throws {
        let flat = try Catenary.solve(xf: 500, zf: 0, length: 600, ea: 1e9, w: 800, cb: 0)
        #expect(flat.profile == .onSeabed)
        #expect(flat.fxA == 0 && flat.fxB == 0 && flat.fzA == 0 && flat.fzB == 0 && flat.lBot == 600)
        // End B lifted 40 m: the hanging part carries its own weight (≈ 40 m of line for a stiff line).
        let lifted = try Catenary.solve(xf: 500, zf: 40, length: 600, ea: 1e12, w: 800, cb: 0)
        #expect(lifted.profile == .slackHanging)
        #expect(lifted.fxB == 0 && abs(-lifted.fzB - 800 * 40) < 1e-3)
        #expect(abs(lifted.lBot - 560) < 1e-6)
    }

    @Test("vertical lines: hanging weight and taut stretch closed forms")
    func verticalLines() throws {
        let w = 500.0, ea = 1e8
        let slack = try Catenary.solve(xf: 0, zf: 50, length: 60, ea: ea, w: w, cb: -100)
        #expect(slack.profile == .vertical)
        #expect(abs((slack.fzA - slack.fzB) - w * 60) < 1e-6)  // total support = line weight
        let taut = try Catenary.solve(xf: 0, zf: 50, length: 49.9, ea: ea, w: w, cb: -100)
        // Tension at the bottom = EA·(mean strain) minus half the weight effect: EA·(ZF − L − wL²/2EA)/L.
        let tBottom = ea * (50 - 49.9 - 0.5 * w / ea * 49.9 * 49.9) / 49.9
        #expect(abs(taut.fzA - tBottom) < 1e-6 * tBottom)
        #expect(abs(-taut.fzB - (tBottom + w * 49.9)) < 1e-6 * tBottom)
    }

    /// Central difference of the end forces w.r.t. the position of end B (span) and end A.
    @Test("analytic stiffness equals finite differences of the end forces",
          arguments: [(848.67, 249.33, 902.2, 0.0), (400.0, 200.0, 420.0, -50.0), (300.0, 100.0, 380.0, -300.0),
                      (300.0, -80.0, 330.0, -200.0)])
    func stiffnessVsFiniteDifferences(_ p: (Double, Double, Double, Double)) throws {
        let (xf, zf, length, cb) = p
        let ea = 4e8, w = 700.0, tol = 1e-11, d = 1e-3
        func f(_ dxB: Double, _ dzB: Double, _ dxA: Double = 0, _ dzA: Double = 0) throws -> CatenarySolution {
            try Catenary.solve(xf: xf + dxB - dxA, zf: zf + dzB - dzA, length: length, ea: ea, w: w,
                               cb: cb == 0 ? 0 : cb - dzA, tolerance: tol)
        }
        let s = try f(0, 0)
        let kB = s.stiffnessB
        let (px, mx, pz, mz) = (try f(d, 0), try f(-d, 0), try f(0, d), try f(0, -d))
        let fd = PlanarStiffness(-(px.fxB - mx.fxB) / (2 * d), -(pz.fxB - mz.fxB) / (2 * d),
                                 -(px.fzB - mx.fzB) / (2 * d), -(pz.fzB - mz.fzB) / (2 * d))
        let scale = max(abs(kB.xx), abs(kB.zz))
        for (a, b) in zip(Self.entries(kB), Self.entries(fd)) { #expect(abs(a - b) < 1e-5 * scale, "KB \(kB) vs FD \(fd)") }
        // Force at B due to motion of A, and (suspended lines) the A self-stiffness.
        let (ax, amx) = (try f(0, 0, d), try f(0, 0, -d))
        #expect(abs(s.stiffnessBA.xx - -(ax.fxB - amx.fxB) / (2 * d)) < 1e-5 * scale)
        #expect(abs(s.stiffnessA.xx - -(ax.fxA - amx.fxA) / (2 * d)) < 1e-5 * scale)
        if s.profile == .suspended {
            let (az, amz) = (try f(0, 0, 0, d), try f(0, 0, 0, -d))
            let fdA = PlanarStiffness(-(ax.fxA - amx.fxA) / (2 * d), -(az.fxA - amz.fxA) / (2 * d),
                                      -(ax.fzA - amx.fzA) / (2 * d), -(az.fzA - amz.fzA) / (2 * d))
            for (a, b) in zip(Self.entries(s.stiffnessA), Self.entries(fdA)) { #expect(abs(a - b) < 1e-5 * scale, "KA \(s.stiffnessA) vs FD \(fdA)") }
        }
    }

    @Test("invalid geometry throws a catenary error")
    func errors() {
        #expect(throws: MooringError.self) { try Catenary.solve(xf: 100, zf: -50, length: 120, ea: 1e8, w: 500, cb: -10) }
        #expect(throws: MooringError.self) { try Catenary.solve(xf: 100, zf: 10, length: 0, ea: 1e8, w: 500) }
        #expect(throws: MooringError.self) { try Catenary.solve(xf: 100, zf: 10, length: 120, ea: 0, w: 500) }
    }
}

@Suite("Catenary node profiles (MoorPy plots=1)")
struct CatenaryNodeTests {
    @Test("node positions and tensions match MoorPy 1.3.0 for every regime", arguments: MoorPyCase.all)
    func nodes(_ c: MoorPyCase) throws {
        let ref = try #require(MoorPyCatenaryNodes.all[c.name])
        let s = try Catenary.solve(xf: c.xf, zf: c.zf, length: c.length, ea: c.ea, w: c.w, cb: c.cb, alphaDeg: c.alphaDeg,
                                   hf0: c.hf0, vf0: c.vf0, tolerance: c.tol, maxIterations: c.maxIter, depth: c.depth, nodeCount: 11)
        let n = try #require(s.nodes)
        let lScale = max(c.length, abs(c.xf), abs(c.zf))
        expectAllClose(n.s, ref.s, rtol: 0, atol: 1e-9 * lScale, "\(c.name) s")
        expectAllClose(n.x, ref.x, rtol: 0, atol: 1e-9 * lScale, "\(c.name) X")
        expectAllClose(n.z, ref.z, rtol: 0, atol: 1e-9 * lScale, "\(c.name) Z")
        let tScale = max(ref.t.map(abs).max() ?? 0, 1)
        expectAllClose(n.tension, ref.t, rtol: 0, atol: 1e-9 * tScale, "\(c.name) Te")
    }
}

@Suite("Catenary kernel on random problems (MoorPy 1.3.0)")
struct CatenaryRandomTests {
    @Test("forces, warm-start values, stiffness and profile type match MoorPy on random problems")
    func randomProblems() throws {
        var checked = 0
        for (v, profile) in MoorPyRandomCatenary.rows {
            let s = try Catenary.solve(xf: v[0], zf: v[1], length: v[2], ea: v[3], w: v[4], cb: v[5], hf0: v[6], vf0: v[7],
                                       tolerance: v[8], maxIterations: Int(v[10]), depth: v[9])
            let ref = Array(v[11..<17]), kRef = Array(v[18..<26])
            let mine = [s.fxA, s.fzA, s.fxB, s.fzB, s.hf, s.vf]
            let kMine = [s.stiffnessA.xx, s.stiffnessA.xz, s.stiffnessA.zx, s.stiffnessA.zz,
                         s.stiffnessB.xx, s.stiffnessB.xz, s.stiffnessB.zx, s.stiffnessB.zz]
            #expect(s.profile.moorPyCode == profile, "\(v.prefix(6)): \(s.profile.moorPyCode) vs \(profile)")
            expectAllClose(mine, ref, rtol: 0, atol: 1e-8 * (ref.map(abs).max()! + 1e-9), "forces \(v.prefix(6))")
            expectAllClose(kMine, kRef, rtol: 0, atol: 1e-7 * (kRef.map(abs).max()! + 1e-9), "stiffness \(v.prefix(6))")
            checked += 1
        }
        #expect(checked == MoorPyRandomCatenary.rows.count && checked > 50)
    }
}
