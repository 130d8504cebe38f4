import Foundation
import Testing
@testable import RAFT

/// Expected values computed with MoorPy 1.3.0's `moorpy.Catenary.catenary` (the reference implementation RAFT
/// 2.0.4 uses), one call per regime. Generator (run in a venv with `pip install --no-deps moorpy==1.3.0`):
///
///     from moorpy.Catenary import catenary
///     fAH, fAV, fBH, fBV, info = catenary(XF, ZF, L, EA, W, CB=.., alpha=.., HF0=.., VF0=.., Tol=.., MaxIter=.., depth=..)
///     # printed: fAH fAV fBH fBV info['HF'] info['VF'] info['LBot'] info['ProfileType'] and the three 2x2 stiffnesses
struct MoorPyCase: Sendable, CustomStringConvertible {
    var name: String
    var xf, zf, length, ea, w, cb, alphaDeg, hf0, vf0, tol: Double
    var maxIter: Int
    var depth: Double
    var fxA, fzA, fxB, fzB, hf, vf, lBot: Double
    var profile: String
    var kA, kB, kBA: PlanarStiffness
    var description: String { name }

    init(_ name: String, xf: Double, zf: Double, length: Double, ea: Double, w: Double, cb: Double, alphaDeg: Double,
         hf0: Double, vf0: Double, tol: Double, maxIter: Int, depth: Double, fxA: Double, fzA: Double, fxB: Double,
         fzB: Double, hf: Double, vf: Double, lBot: Double, profile: String, kA: PlanarStiffness, kB: PlanarStiffness,
         kBA: PlanarStiffness) {
        self.name = name; self.xf = xf; self.zf = zf; self.length = length; self.ea = ea; self.w = w; self.cb = cb
        self.alphaDeg = alphaDeg; self.hf0 = hf0; self.vf0 = vf0; self.tol = tol; self.maxIter = maxIter; self.depth = depth
        self.fxA = fxA; self.fzA = fzA; self.fxB = fxB; self.fzB = fzB; self.hf = hf; self.vf = vf; self.lBot = lBot
        self.profile = profile; self.kA = kA; self.kB = kB; self.kBA = kBA
    }

    static let all: [MoorPyCase] = [
        MoorPyCase("onSeabedSlack", xf: 100.0, zf: 0.0, length: 120.0, ea: 100000000.0, w: 500.0, cb: 0.0, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 100, depth: 0.0,
                   fxA: 0.0, fzA: 0.0, fxB: -0.0, fzB: -0.0, hf: 0.0, vf: 0.0, lBot: 120.0, profile: "0",
                   kA: PlanarStiffness(0.0, 0.0, 0.0, 500.0),
                   kB: PlanarStiffness(0.0, 0.0, 0.0, 500.0),
                   kBA: PlanarStiffness(-0.0, 0.0, 0.0, 0.0)),
        MoorPyCase("onSeabedTaut", xf: 120.6, zf: 0.0, length: 120.0, ea: 100000000.0, w: 500.0, cb: 0.0, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 100, depth: 0.0,
                   fxA: 499999.99999998935, fzA: 0.0, fxB: -499999.99999998935, fzB: -0.0, hf: 499999.99999998935, vf: 0.0, lBot: 120.0, profile: "0",
                   kA: PlanarStiffness(833333.3333333334, 0.0, 0.0, 500.0),
                   kB: PlanarStiffness(833333.3333333334, 0.0, 0.0, 500.0),
                   kBA: PlanarStiffness(-833333.3333333334, 0.0, 0.0, 0.0)),
        MoorPyCase("suspendedTaut", xf: 400.0, zf: 200.0, length: 420.0, ea: 1000000000.0, w: 500.0, cb: -50.0, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 100, depth: 0.0,
                   fxA: 57954065.02540035, fzA: 28872056.334072527, fxB: -57954065.02540035, fzB: -29082056.334072527, hf: 57954065.02540035, vf: 29082056.334072527, lBot: 0.0, profile: "1",
                   kA: PlanarStiffness(1933719.035068924, 894416.0580446336, 894416.0580447294, 592092.8715891998),
                   kB: PlanarStiffness(1933719.035068924, 894416.0580446336, 894416.0580447294, 592092.8715891998),
                   kBA: PlanarStiffness(-1933719.035068924, -894416.0580446336, -894416.0580447294, -592092.8715891998)),
        MoorPyCase("suspendedSlackNoContact", xf: 300.0, zf: 100.0, length: 380.0, ea: 1000000000.0, w: 500.0, cb: -300.0, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 100, depth: 0.0,
                   fxA: 67021.4413576423, fzA: -64032.51392723789, fxB: -67021.4413576423, fzB: -125967.48607276211, hf: 67021.4413576423, vf: 125967.48607276211, lBot: 0.0, profile: "1",
                   kA: PlanarStiffness(801.6829104425914, 129.04729710109444, 129.04729710109476, 338.4727777524178),
                   kB: PlanarStiffness(801.6829104425914, 129.04729710109444, 129.04729710109476, 338.4727777524178),
                   kBA: PlanarStiffness(-801.6829104425914, -129.04729710109444, -129.04729710109476, -338.4727777524178)),
        MoorPyCase("touchdownOC3", xf: 848.670017264613, zf: 249.33413839769258, length: 902.2, ea: 384243000.0, w: 698.3330094517323, cb: 0.0, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 0.0005, maxIter: 100, depth: 0.0,
                   fxA: 731443.7406695563, fzA: 0.0, fxB: -731443.7406695563, fzB: -533256.558817917, hf: 731443.7406695563, vf: 533256.558817917, lBot: 138.58643512415142, profile: "2",
                   kA: PlanarStiffness(26414.893911222913, 0.0, 0.0, 698.3330094517323),
                   kB: PlanarStiffness(26414.893911222913, 8586.400751686238, 8586.40075168624, 3973.707247578371),
                   kBA: PlanarStiffness(-26414.893911222913, 0.0, 0.0, 0.0)),
        MoorPyCase("touchdownWarm", xf: 848.670017264613, zf: 249.33413839769258, length: 902.2, ea: 384243000.0, w: 698.3330094517323, cb: 0.0, alphaDeg: 0.0, hf0: 731000.0, vf0: 533000.0, tol: 5e-05, maxIter: 100, depth: 0.0,
                   fxA: 731443.7184816169, fzA: 0.0, fxB: -731443.7184816169, fzB: -533256.5543256104, hf: 731443.7184816169, vf: 533256.5543256104, lBot: 138.58644155705167, profile: "2",
                   kA: PlanarStiffness(26414.89253812244, 0.0, 0.0, 698.3330094517323),
                   kB: PlanarStiffness(26414.89253812244, 8586.400457824831, 8586.400457824833, 3973.7071847645198),
                   kBA: PlanarStiffness(-26414.89253812244, 0.0, 0.0, 0.0)),
        MoorPyCase("touchdownFriction", xf: 400.0, zf: 100.0, length: 450.0, ea: 1000000000.0, w: 500.0, cb: 0.5, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 100, depth: 0.0,
                   fxA: 0.0, fzA: 0.0, fxB: -30183.597218681516, fzB: -74282.68496944221, hf: 30183.597218681516, vf: 74282.68496944221, lBot: 301.43463006111557, profile: "3",
                   kA: PlanarStiffness.nan,
                   kB: PlanarStiffness(1743.901227744118, 1173.611852112511, 1173.6686642407851, 1329.5138054799042),
                   kBA: PlanarStiffness.nan),
        MoorPyCase("slackHanging", xf: 100.0, zf: 50.0, length: 400.0, ea: 1000000000.0, w: 500.0, cb: 0.0, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 100, depth: 0.0,
                   fxA: 0.0, fzA: 0.0, fxB: -0.0, fzB: -24999.68750786502, hf: 0.0, vf: 24999.68750786502, lBot: 350.00062498426996, profile: "4",
                   kA: PlanarStiffness(5.0, 0.0, 0.0, 500.0),
                   kB: PlanarStiffness(5.0, 0.0, 0.0, 499.98750046873045),
                   kBA: PlanarStiffness(0.0, 0.0, 0.0, 0.0)),
        MoorPyCase("slackU", xf: 100.0, zf: 50.0, length: 400.0, ea: 1000000000.0, w: 500.0, cb: -20.0, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 100, depth: 0.0,
                   fxA: 0.0, fzA: -9999.950000550598, fxB: -0.0, fzB: -34999.387521413155, hf: 0.0, vf: 34999.387521413155, lBot: 310.0013249560725, profile: "5",
                   kA: PlanarStiffness(5.0, 0.0, 0.0, 499.99500007499876),
                   kB: PlanarStiffness(5.0, 0.0, 0.0, 499.98250091869636),
                   kBA: PlanarStiffness(0.0, 0.0, 0.0, 0.0)),
        MoorPyCase("verticalSlack", xf: 0.001, zf: 50.0, length: 60.0, ea: 100000000.0, w: 500.0, cb: -100.0, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 100, depth: 0.0,
                   fxA: 0.0, fzA: 2501.874718792184, fxB: -0.0, fzB: -27498.125281207816, hf: 0.0, vf: 27498.125281207816, lBot: 0.0, profile: "6",
                   kA: PlanarStiffness(549.9625056241563, 0.0, 0.0, 250.0),
                   kB: PlanarStiffness(549.9625056241563, 0.0, 0.0, 250.0),
                   kBA: PlanarStiffness(-549.9625056241563, 0.0, 0.0, -250.0)),
        MoorPyCase("verticalTaut", xf: 0.001, zf: 50.0, length: 49.9, ea: 100000000.0, w: 500.0, cb: -100.0, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 100, depth: 0.0,
                   fxA: 0.0, fzA: 187925.80160321106, fxB: -0.0, fzB: -212875.80160321106, hf: 0.0, vf: 212875.80160321106, lBot: 0.0, profile: "6",
                   kA: PlanarStiffness(4257.516032064221, 0.0, 0.0, 2004008.016032064),
                   kB: PlanarStiffness(4257.516032064221, 0.0, 0.0, 2004008.016032064),
                   kBA: PlanarStiffness(-4257.516032064221, 0.0, 0.0, -2004008.016032064)),
        MoorPyCase("buoyantReversed", xf: 1.0, zf: 2.0, length: 1.0, ea: 1000.0, w: -78.04739, cb: -10.0, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 100, depth: 12.0,
                   fxA: 552.7355563631164, fzA: 1144.6591058475487, fxB: -552.7355563631164, fzB: -1066.6117158475488, hf: 552.7355563631164, vf: 1144.6591058475487, lBot: 0.0, profile: "1",
                   kA: PlanarStiffness(642.2647045307406, 178.93304616927335, 178.93304616927574, 910.4334726547323),
                   kB: PlanarStiffness(642.2647045307406, 178.93304616927335, 178.93304616927574, 910.4334726547323),
                   kBA: PlanarStiffness(-642.2647045307406, -178.93304616927335, -178.93304616927574, -910.4334726547323)),
        MoorPyCase("reversedSuspended", xf: 300.0, zf: -80.0, length: 330.0, ea: 1000000000.0, w: 400.0, cb: -200.0, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 100, depth: 0.0,
                   fxA: 95344.58653457757, fzA: -94695.02100187531, fxB: -95344.58653457757, fzB: -37304.97899812469, hf: 95344.58653457757, vf: 94695.02100187531, lBot: 0.0, profile: "1",
                   kA: PlanarStiffness(2786.401539110874, -577.8650714291559, -577.8650714291554, 493.9587260914909),
                   kB: PlanarStiffness(2786.401539110874, -577.8650714291559, -577.8650714291554, 493.9587260914909),
                   kBA: PlanarStiffness(-2786.401539110874, 577.8650714291559, 577.8650714291554, -493.9587260914909)),
        MoorPyCase("uShapeContact", xf: 400.0, zf: 0.0, length: 410.0, ea: 1000000000.0, w: 500.0, cb: -10.0, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 100, depth: 0.0,
                   fxA: 3018.9640558577103, fzA: -7428.943275916825, fxB: -3018.964055858348, fzB: -7428.9438156219785, hf: 257711.32567678468, vf: 102500.00067626862, lBot: 380.2842258169224, profile: "U",
                   kA: PlanarStiffness(872.3419766282674, -587.1159173207529, -587.1159173207534, 934.8538116579136),
                   kB: PlanarStiffness(872.3419766282674, 587.1159333785262, 587.1159333785259, 934.8538277151647),
                   kBA: PlanarStiffness(-872.3419766282673, -587.1159173207529, -587.1159333785259, 395.1490574046434)),
        MoorPyCase("slopedTouchdown", xf: 400.0, zf: 150.0, length: 460.0, ea: 1000000000.0, w: 500.0, cb: 0.0, alphaDeg: 5.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 100, depth: 0.0,
                   fxA: 35469.18283647375, fzA: 3103.151402719731, fxB: -47108.52932517593, fzB: -100064.81226689219, hf: 47108.52932517593, vf: 100064.81226689219, lBot: 268.1133000088785, profile: "7",
                   kA: PlanarStiffness(2560.968108140615, 0.0, 0.0, 500.0),
                   kB: PlanarStiffness(2560.968108140615, 1786.0100914669035, 1786.010091466902, 1857.0343051758598),
                   kBA: PlanarStiffness(-2560.968108140615, 0.0, 0.0, 0.0)),
        MoorPyCase("slopedOnSeabed", xf: 100.0, zf: 8.748866352592401, length: 120.0, ea: 100000000.0, w: 500.0, cb: 0.0, alphaDeg: 5.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 100, depth: 0.0,
                   fxA: -2604.7226650039547, fzA: -227.88370481687906, fxB: -2604.7226650039547, fzB: -227.88370481687906, hf: 2604.7226650039547, vf: 227.88370481687906, lBot: 120.0, profile: "8",
                   kA: PlanarStiffness(833333.3333333334, 0.0, 0.0, 500.0),
                   kB: PlanarStiffness(833333.3333333334, 0.0, 0.0, 500.0),
                   kBA: PlanarStiffness(-833333.3333333334, 0.0, 0.0, 0.0)),
        MoorPyCase("fallbackSpring", xf: 400.0, zf: 300.0, length: 499.0, ea: 1000000000.0, w: 500.0, cb: -50.0, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 3, depth: 0.0,
                   fxA: 1603206.4128255642, fzA: 1202404.809619173, fxB: -1603206.4128255642, fzB: -1202404.809619173, hf: 1603206.4128255642, vf: 1202404.809619173, lBot: 0.0, profile: "-1",
                   kA: PlanarStiffness(1284008.0160320643, 960000.0, 960000.0000000001, 724008.0160320639),
                   kB: PlanarStiffness(1284008.0160320643, 960000.0, 960000.0000000001, 724008.0160320639),
                   kBA: PlanarStiffness(-1284008.0160320643, -960000.0, -960000.0000000001, -724008.0160320639)),
        MoorPyCase("fallbackBilinear", xf: 460.0, zf: 150.0, length: 500.0, ea: 1000000000.0, w: 500.0, cb: 0.0, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 2, depth: 0.0,
                   fxA: 262338.54166666605, fzA: 0.0, fxB: -262338.54166666605, fzB: -150624.99999999983, hf: 262338.54166666605, vf: 150624.99999999983, lBot: 0.0, profile: "-2",
                   kA: PlanarStiffness(1807834.5468898802, 589307.3895377013, 589307.3895377012, 192790.67208438314),
                   kB: PlanarStiffness(1807834.5468898802, 589307.3895377013, 589307.3895377012, 192790.67208438314),
                   kBA: PlanarStiffness(-1807834.5468898802, -589307.3895377013, -589307.3895377012, -192790.67208438314)),
        MoorPyCase("nearlyTautChain", xf: 780.0, zf: 186.0, length: 850.0, ea: 3270000000.0, w: 3200.0, cb: 0.0, alphaDeg: 0.0, hf0: 0.0, vf0: 0.0, tol: 1e-06, maxIter: 100, depth: 0.0,
                   fxA: 754278.8068732608, fzA: 0.0, fxB: -754278.8068732608, fzB: -1118767.1945934603, hf: 754278.8068732608, vf: 1118767.1945934603, lBot: 500.3852516895437, profile: "2",
                   kA: PlanarStiffness(26087.146025612103, 0.0, 0.0, 3200.0),
                   kB: PlanarStiffness(26087.146025612103, 13868.546199428349, 13868.54619942836, 11230.611611970091),
                   kBA: PlanarStiffness(-26087.146025612103, 0.0, 0.0, 0.0)),
    ]
}
