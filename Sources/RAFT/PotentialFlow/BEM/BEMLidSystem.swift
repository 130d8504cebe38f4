#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK
import Numerics

/// Irregular-frequency removal for the potential (direct) formulation by an interior free-surface lid: the
/// extended boundary integral equation, derived here in the spirit of Lee, Newman & Zhu (1996).
///
/// Unknowns: the potential φ on the hull S_B (N panels) and a source density σ on the lid S_L (the waterplane
/// inside the hull, `WaterplaneLid`, M panels). With `W(x) = ∫_{S_B} φ ∂G/∂n_ξ dS − ∫_{S_L} σ G dS`:
///
///     x on S_B:   2π φ(x) − W(x)        = −∫_{S_B} G ∂φ/∂n dS        (radiation)   or 4π φ_I(x)   (diffraction)
///     x on S_L:        − W(x) + α σ(x)  = −∫_{S_B} G ∂φ/∂n dS                      or 4π φ_I(x),    α = 4πi/ν
///
/// The exact potentials with σ = 0 satisfy both (Green's identity gives 0, resp. −4π φ_I, for a point inside the
/// hull, and by continuity on the lid). Uniqueness at every frequency: for zero data the hull rows make W = 0
/// on S_B from inside; on the lid the single layer gives ∂W/∂z − νW = −4πσ (from below) and the lid rows
/// σ = W/α, so inside the hull ∂W/∂z = (ν − 4π/α) W = (1 + i) ν W on S_L. Green's identity in the interior,
/// ∫|∇W|² dV = (1 + i) ν ∫_{S_L} |W|² dS, has a real left side, so W = 0 on S_L, W = 0 inside, σ = 0 and
/// φ = 0 (exterior Neumann problem). Without the lid, W ≠ 0 is possible at the eigenfrequencies of the interior
/// sloshing problem with W = 0 on the hull and ∂W/∂z = νW on the waterplane: the irregular frequencies
/// (truncated vertical cylinder radius a, draft T: ν = k coth(kT) with J_m(ka) = 0). Any α with
/// Im(ν − 4π/α) ≠ 0 or Re(ν − 4π/α) < 0 removes them; α = 0 (a Dirichlet lid) does too but, measured on a
/// truncated cylinder, moves the results away from the irregular frequencies by up to 2.5 % of the surge damping
/// (the first-kind lid rows amplify the waterline discretisation error), α = 4πi/ν by < 0.3 %.
///
/// The lid is used at finite frequencies only: ω → 0 and ω → ∞ have no irregular frequencies (and for ω → ∞,
/// G = 1/r − 1/r₁ vanishes on z = 0). Influences as in `BEMSolver`: Rankine parts exactly per panel (precomputed
/// once), wave part with the centroid rule, except lid on lid (both at z = ζ = 0, where the wave part has the
/// logarithmic singularity −2ν ln(νR/2)): there its logarithm is integrated exactly over the panel
/// (`logIntegral`) and the regular rest with the centroid rule.
///
/// With xz-symmetry the hull rows/columns are the half system's (`BEMHalfSystem`) and the lid is split the same
/// way into its half (y > 0) and mirror images: one extended system per parity, of size h + M/2.
struct BEMLidSystem: Sendable {
    /// Number of independent hull panels (field points / unknowns) and lid panels.
    let nb: Int, m: Int
    /// Parities solved: [+1] (no symmetry) or [+1, −1] (even, odd).
    let parities: [Double]
    /// Hull panels: independent ones (full-mesh indices) and, with symmetry, their mirror images.
    let bodyHalf: [Int], bodyMirror: [Int]?
    /// Lid field points (independent lid panels' centroids) and lid panels of each slot (0: independent, 1: mirrors).
    let lidField: [Vec3]
    let lidSources: [BEMHalfSystem.SourcePanels]
    let bodySources: [BEMHalfSystem.SourcePanels]
    /// Sub-panel quadrature points (centroid, area) of every slot's panels, for the wave part of near pairs.
    let lidSub: [[[SubPoint]]], bodySub: [[[SubPoint]]]
    let lidRadius: [[Double]], bodyRadius: [[Double]]
    let bodyField: [Vec3]
    /// Rankine parts per parity, column-major: hull field × lid source (nb × m, source `2∫1/r`); lid field × hull
    /// source (m × nb: dipole D + D₁, source S + S₁); lid × lid (m × m: `2∫1/r` and `∫ ln r`).
    let sBL: [[Double]], dLB: [[Double]], sLB: [[Double]], sLL: [[Double]], logLL: [[Double]]
    /// Lid panel areas per slot (lid on lid), and the lid mirror map for the diffraction right-hand side.
    let lidFieldMirror: [Vec3]?

    /// - Parameters: hull panels (full mesh); `half`/`mirror`: the hull's independent panels and their mirrors
    ///   (nil mirror: no symmetry, `half` = all); lid panels; `lidHalf`/`lidMirror` likewise.
    init(hull: [PanelGeometry], half: [Int], mirror: [Int]?, lid: [PanelGeometry], lidHalf: [Int], lidMirror: [Int]?, workers: Int) {
        nb = half.count; m = lidHalf.count
        bodyHalf = half; bodyMirror = mirror
        parities = mirror == nil ? [1] : [1, -1]
        let lidSlots: [[PanelGeometry]] = [lidHalf.map { lid[$0] }] + (lidMirror.map { lm in [lidHalf.map { lid[lm[$0]] }] } ?? [])
        let bodySlots: [[PanelGeometry]] = [half.map { hull[$0] }] + (mirror.map { mi in [half.map { hull[mi[$0]] }] } ?? [])
        lidSources = lidSlots.map(BEMHalfSystem.SourcePanels.init)
        lidSub = lidSlots.map { $0.map { Self.subdivide($0) } }
        bodySub = bodySlots.map { $0.map { Self.subdivide($0) } }
        lidRadius = lidSlots.map { $0.map { $0.radius } }
        bodyRadius = bodySlots.map { $0.map { $0.radius } }
        bodySources = bodySlots.map(BEMHalfSystem.SourcePanels.init)
        lidField = lidSlots[0].map { $0.centroid }
        lidFieldMirror = lidMirror.map { lm in lidHalf.map { lid[lm[$0]].centroid } }
        bodyField = bodySlots[0].map { $0.centroid }
        let nb = self.nb, m = self.m, np = parities.count, parities = self.parities
        let lidField = self.lidField, bodyField = self.bodyField
        // hull field × lid source: the lid's image is itself (z = 0), so S + S₁ = 2∫1/r
        var sbl = [[Double]](repeating: [Double](repeating: 0, count: nb * m), count: np)
        var dlb = [[Double]](repeating: [Double](repeating: 0, count: m * nb), count: np), slb = dlb
        var sll = [[Double]](repeating: [Double](repeating: 0, count: m * m), count: np), lll = sll
        Self.fill(&sbl, columns: m, workers: workers) { b, out in
            for (slot, sources) in lidSlots.enumerated() {
                let p = sources[b]
                p.vertices.withUnsafeBufferPointer { vv in
                    for a in 0..<nb {
                        let s = 2 * RankinePanelIntegrals.sourceAndDipole(at: bodyField[a], vertices: vv, normal: p.normal).s
                        for (k, sign) in parities.enumerated() { out[k][a] += (slot == 0 ? 1 : sign) * s }
                    }
                }
            }
        }
        Self.fill(&dlb, &slb, columns: nb, workers: workers) { b, d, s in
            for (slot, sources) in bodySlots.enumerated() {
                let p = sources[b]
                let image = p.vertices.map { Vec3($0.x, $0.y, -$0.z) }, nImage = Vec3(p.normal.x, p.normal.y, -p.normal.z)
                p.vertices.withUnsafeBufferPointer { vv in image.withUnsafeBufferPointer { iv in
                    for a in 0..<m {
                        let r = RankinePanelIntegrals.sourceAndDipole(at: lidField[a], vertices: vv, normal: p.normal)
                        let q = RankinePanelIntegrals.sourceAndDipole(at: lidField[a], vertices: iv, normal: nImage)
                        for (k, sign) in parities.enumerated() {
                            let f = slot == 0 ? 1 : sign
                            d[k][a] += f * (r.d + q.d); s[k][a] += f * (r.s + q.s)
                        }
                    }
                }}
            }
        }
        Self.fill(&sll, &lll, columns: m, workers: workers) { b, s, l in
            for (slot, sources) in lidSlots.enumerated() {
                let p = sources[b]
                p.vertices.withUnsafeBufferPointer { vv in
                    for a in 0..<m {
                        let sv = 2 * RankinePanelIntegrals.sourceAndDipole(at: lidField[a], vertices: vv, normal: p.normal).s
                        let lv = Self.logIntegral(at: lidField[a], vertices: p.vertices)
                        for (k, sign) in parities.enumerated() {
                            let f = slot == 0 ? 1 : sign
                            s[k][a] += f * sv; l[k][a] += f * lv
                        }
                    }
                }
            }
        }
        sBL = sbl; dLB = dlb; sLB = slb; sLL = sll; logLL = lll
    }

    /// Fill column `b` (length = rows) of every parity's matrix in parallel over columns.
    private static func fill(_ a: inout [[Double]], columns: Int, workers: Int,
                             _ body: @Sendable (Int, inout [[Double]]) -> Void) {
        var dummy = a
        fill(&a, &dummy, columns: columns, workers: workers) { b, x, _ in body(b, &x) }
    }

    private static func fill(_ a: inout [[Double]], _ c: inout [[Double]], columns: Int, workers: Int,
                             _ body: @Sendable (Int, inout [[Double]], inout [[Double]]) -> Void) {
        let np = a.count, rows = columns == 0 ? 0 : a[0].count / columns
        guard rows > 0 else { return }
        let outA = a.map { SharedBox($0) }, outC = c.map { SharedBox($0) }
        let chunks = max(1, min(columns, 8 * workers))
        DispatchQueue.concurrentPerform(iterations: chunks) { ch in
            var colA = [[Double]](repeating: [Double](repeating: 0, count: rows), count: np), colC = colA
            for b in stride(from: ch, to: columns, by: chunks) {
                for k in 0..<np { for i in 0..<rows { colA[k][i] = 0; colC[k][i] = 0 } }
                body(b, &colA, &colC)
                for k in 0..<np {
                    for i in 0..<rows { outA[k].base[i + rows * b] = colA[k][i]; outC[k].base[i + rows * b] = colC[k][i] }
                }
            }
        }
        a = outA.map { $0.result }; c = outC.map { $0.result }
    }

    /// ∫ ln|P − ξ| dS over a flat polygon in the plane z = const through P (P anywhere in that plane): the sum over
    /// edges of the signed triangles (P, a, b), each `sign(d)·[G(t_b) − G(t_a)]` with d the distance of P to the
    /// edge's line, t the abscissa along it, ρ² = d² + t², `G(t) = ½|d| t (ln ρ − 3/2) + ½ d² atan(t/|d|)` [m² ln m].
    static func logIntegral(at p: Vec3, vertices v: [Vec3]) -> Double {
        let n = v.count
        // orientation of the polygon about +z
        var area2 = 0.0
        for k in 0..<n { let a = v[k], b = v[(k + 1) % n]; area2 += a.x * b.y - b.x * a.y }
        let orient = area2 >= 0 ? 1.0 : -1.0
        var sum = 0.0
        for k in 0..<n {
            let a = v[k], b = v[(k + 1) % n]
            let ex = b.x - a.x, ey = b.y - a.y, len = (ex * ex + ey * ey).squareRoot()
            guard len > 0 else { continue }
            let ux = ex / len, uy = ey / len
            // outward normal of a counter-clockwise edge: (u_y, −u_x)
            let d = orient * ((a.x - p.x) * uy - (a.y - p.y) * ux)
            let ad = abs(d)
            guard ad > 1e-14 * len else { continue }
            let ta = (a.x - p.x) * ux + (a.y - p.y) * uy, tb = ta + len
            func g(_ t: Double) -> Double {
                let rho2 = d * d + t * t
                return 0.5 * ad * t * (0.5 * log(rho2) - 1.5) + 0.5 * d * d * atan(t / ad)
            }
            sum += (d > 0 ? 1 : -1) * (g(tb) - g(ta))
        }
        return sum
    }

    /// The extended system of parity index `k` at ν = ω²/g, from the hull system `base` (matrix and right-hand
    /// sides of size nb, as `BEMHalfSystem`/`BEMSolver` assembled them) into `ext` (size nb + m, same nrhs).
    /// `gn`: generalised normals [6][N]; right-hand-side columns 6… are diffraction at `headingsDeg`;
    /// `scratch`: m·nb work space (the hull panels' source influences at the lid points), reused across frequencies.
    func extend(parity k: Int, nu: Double, omega w: Double, gravity: Double, headingsDeg: [Double], gn: [[Double]],
                base: ComplexLUSolver, into ext: ComplexLUSolver, workers: Int, scratch sLBc: inout [ComplexDouble]) {
        let nb = self.nb, m = self.m, ne = nb + m, sign = parities[k]
        let gf = DeepWaterGreenFunction.shared
        let twoPi = 2 * Double.pi
        let slots = bodySources.count
        let sBL = self.sBL[k], dLB = self.dLB[k], sLB = self.sLB[k], sLL = self.sLL[k], logLL = self.logLL[k]
        let lidSources = self.lidSources, bodySources = self.bodySources, lidField = self.lidField, bodyField = self.bodyField
        let lidSub = self.lidSub, bodySub = self.bodySub, lidRadius = self.lidRadius, bodyRadius = self.bodyRadius
        // hull block
        for b in 0..<nb {
            for a in 0..<nb { ext.matrix[a + ne * b] = base.matrix[a + nb * b] }
        }
        // source influences of the hull panels at the lid points (radiation right-hand side), m × nb
        if sLBc.count != m * nb { sLBc = [ComplexDouble](repeating: .zero, count: m * nb) }
        let lnHalfNu = log(nu / 2) + DeepWaterGreenFunction.eulerGamma
        ext.matrix.withUnsafeMutableBufferPointer { mp in sLBc.withUnsafeMutableBufferPointer { sp in
            let mat = SharedBuffer(base: mp.baseAddress!), slbOut = SharedBuffer(base: sp.baseAddress!)
            let columns = nb + m
            let chunks = max(1, min(columns, 16 * workers))
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for col in stride(from: c, to: columns, by: chunks) {
                    if col < nb {
                        // hull source b: rows lid a (dipole −D for the matrix, source for the right-hand side)
                        let b = col
                        for a in 0..<m {
                            let x = lidField[a]
                            var mw = ComplexDouble.zero, sw = ComplexDouble.zero
                            for slot in 0..<slots {
                                let sp = bodySources[slot], f = slot == 0 ? 1 : sign
                                let (mv, sv) = Self.nearWave(gf: gf, nu: nu, field: x, sources: sp, b, sub: bodySub[slot][b],
                                                             radius: bodyRadius[slot][b])
                                mw = ComplexDouble(mw.real + f * mv.real, mw.imaginary + f * mv.imaginary)
                                sw = ComplexDouble(sw.real + f * sv.real, sw.imaginary + f * sv.imaginary)
                            }
                            let e = a + m * b
                            mat.base[(nb + a) + ne * b] = ComplexDouble(-dLB[e] + mw.real, mw.imaginary)
                            slbOut.base[e] = ComplexDouble(sLB[e] + sw.real, sw.imaginary)
                        }
                    } else {
                        // lid source b: hull rows (source) and lid rows (source, logarithm integrated exactly)
                        let b = col - nb
                        for a in 0..<nb {
                            var sw = ComplexDouble.zero
                            for slot in 0..<slots {
                                let sp = lidSources[slot], f = slot == 0 ? 1 : sign
                                let (_, sv) = Self.nearWave(gf: gf, nu: nu, field: bodyField[a], sources: sp, b, sub: lidSub[slot][b],
                                                            radius: lidRadius[slot][b])
                                sw = ComplexDouble(sw.real + f * sv.real, sw.imaginary + f * sv.imaginary)
                            }
                            let e = a + nb * b
                            mat.base[a + ne * col] = ComplexDouble(sBL[e] + sw.real, sw.imaginary)
                        }
                        for a in 0..<m {
                            let x = lidField[a]
                            var re = 0.0, im = 0.0
                            for slot in 0..<slots {
                                let sp = lidSources[slot], f = slot == 0 ? 1 : sign
                                let dx = sp.cx[b] - x.x, dy = sp.cy[b] - x.y
                                let X = nu * (dx * dx + dy * dy).squareRoot()
                                // regular part R = F(X, 0) + ln(X/2) + γ (→ 0 as X → 0)
                                let reg = X > 0 ? gf.evaluate(x: X, v: 0, expMinusV: 1).f + log(X / 2) + DeepWaterGreenFunction.eulerGamma : 0
                                re += f * 2 * nu * reg * sp.area[b]
                                im += f * (-twoPi * nu * gf.bessel(X).j0 * sp.area[b])
                            }
                            // −2ν ∫ (ln(ν r/2) + γ) dS = −2ν [(ln(ν/2) + γ) A + ∫ ln r dS], A and ∫ln r per parity
                            let e = a + m * b
                            var areaSum = lidSources[0].area[b]
                            if slots == 2 { areaSum += sign * lidSources[1].area[b] }
                            re -= 2 * nu * (lnHalfNu * areaSum + logLL[e])
                            // the lid rows' impedance α σ(x) = (4πi/ν) σ(x) on the diagonal
                            let diag = a == b ? 4 * Double.pi / nu : 0
                            mat.base[(nb + a) + ne * col] = ComplexDouble(sLL[e] + re, im + diag)
                        }
                    }
                }
            }
        }}
        // right-hand sides: hull rows as assembled; lid rows −Σ_b S_LB nₖ (radiation), 4π φ_I (diffraction)
        let nr = ext.nrhs
        for c in 0..<nr {
            for a in 0..<nb { ext.rhs[a + ne * c] = base.rhs[a + nb * c] }
            for a in 0..<m { ext.rhs[nb + a + ne * c] = .zero }
        }
        for kk in 0..<min(6, nr) {
            let isOdd = kk == 1 || kk == 3 || kk == 5
            guard parities.count == 1 || isOdd == (sign < 0) else { continue }
            for b in 0..<nb {
                let f = -gn[kk][bodyHalf[b]]
                if f == 0 { continue }
                for a in 0..<m {
                    let z = sLBc[a + m * b]
                    let r = ext.rhs[nb + a + ne * kk]
                    ext.rhs[nb + a + ne * kk] = ComplexDouble(r.real + z.real * f, r.imaginary + z.imaginary * f)
                }
            }
        }
        for (hh, beta) in headingsDeg.enumerated() where 6 + hh < nr {
            let cb = cos(beta * Double.pi / 180), sb = sin(beta * Double.pi / 180)
            func incident(_ x: Vec3) -> ComplexDouble {
                let amp = 4 * Double.pi * gravity / w * exp(nu * x.z), ph = -nu * (x.x * cb + x.y * sb)
                return ComplexDouble(-amp * sin(ph), amp * cos(ph))
            }
            for a in 0..<m {
                var v = incident(lidField[a])
                if let mir = lidFieldMirror {
                    let q = incident(mir[a])
                    v = ComplexDouble((v.real + sign * q.real) / 2, (v.imaginary + sign * q.imaginary) / 2)
                }
                ext.rhs[nb + a + ne * (6 + hh)] = v
            }
        }
    }

    /// A sub-panel: centroid and area.
    struct SubPoint: Sendable { var c: Vec3; var area: Double }

    /// The panel split into 4×4 bilinear sub-quadrilaterals (triangles: 16 similar sub-triangles).
    static func subdivide(_ p: PanelGeometry) -> [SubPoint] {
        let v = p.vertices, k = 4
        var out: [SubPoint] = []
        if v.count == 4 {
            func at(_ s: Double, _ t: Double) -> Vec3 {
                (1 - s) * (1 - t) * v[0] + s * (1 - t) * v[1] + s * t * v[2] + (1 - s) * t * v[3]
            }
            for i in 0..<k { for j in 0..<k {
                let s0 = Double(i) / Double(k), s1 = Double(i + 1) / Double(k), t0 = Double(j) / Double(k), t1 = Double(j + 1) / Double(k)
                let g = PanelGeometry(vertices: [at(s0, t0), at(s1, t0), at(s1, t1), at(s0, t1)])
                out.append(SubPoint(c: g.centroid, area: g.area))
            }}
        } else {
            // barycentric grid: k² sub-triangles
            func at(_ i: Int, _ j: Int) -> Vec3 {
                let a = Double(i) / Double(k), b = Double(j) / Double(k)
                return v[0] + a * (v[1] - v[0]) + b * (v[2] - v[0])
            }
            for i in 0..<k { for j in 0..<(k - i) {
                let g = PanelGeometry(vertices: [at(i, j), at(i + 1, j), at(i, j + 1)])
                out.append(SubPoint(c: g.centroid, area: g.area))
                if i + j + 1 < k {
                    let h = PanelGeometry(vertices: [at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)])
                    out.append(SubPoint(c: h.centroid, area: h.area))
                }
            }}
        }
        // keep the panel's area exactly (warped quadrilaterals)
        let total = out.reduce(0) { $0 + $1.area }
        return total > 0 ? out.map { SubPoint(c: $0.c, area: $0.area * p.area / total) } : out
    }

    /// Wave part for source panel `b` of `sources`: sub-panel rule when the field point is within 4 panel radii
    /// of the centroid (the logarithmic behaviour of the wave part near z = ζ = 0), centroid rule otherwise.
    @inline(__always)
    static func nearWave(gf: DeepWaterGreenFunction, nu: Double, field x: Vec3, sources sp: BEMHalfSystem.SourcePanels, _ b: Int,
                         sub: [SubPoint], radius: Double) -> (ComplexDouble, ComplexDouble) {
        let dx = sp.cx[b] - x.x, dy = sp.cy[b] - x.y, dz = sp.cz[b] - x.z
        guard dx * dx + dy * dy + dz * dz < 16 * radius * radius else {
            return wave(gf: gf, nu: nu, field: x, cx: sp.cx[b], cy: sp.cy[b], cz: sp.cz[b], nx: sp.nx[b], ny: sp.ny[b], nz: sp.nz[b], area: sp.area[b])
        }
        var mr = 0.0, mi = 0.0, sr = 0.0, si = 0.0
        for q in sub {
            let (mv, sv) = wave(gf: gf, nu: nu, field: x, cx: q.c.x, cy: q.c.y, cz: q.c.z, nx: sp.nx[b], ny: sp.ny[b], nz: sp.nz[b], area: q.area)
            mr += mv.real; mi += mv.imaginary; sr += sv.real; si += sv.imaginary
        }
        return (ComplexDouble(mr, mi), ComplexDouble(sr, si))
    }

    /// Wave part of G (deep water) for field point `field` and the source panel (centroid, normal, area), centroid
    /// rule: (−∂G/∂n_ξ·area, G·area), as `BEMHalfSystem.assemble` forms them.
    @inline(__always)
    static func wave(gf: DeepWaterGreenFunction, nu: Double, field x: Vec3, cx: Double, cy: Double, cz: Double,
                     nx: Double, ny: Double, nz: Double, area: Double) -> (ComplexDouble, ComplexDouble) {
        let twoPi = 2 * Double.pi, nu2 = nu * nu
        let dx = cx - x.x, dy = cy - x.y
        let rh = (dx * dx + dy * dy).squareRoot()
        let X = nu * rh, V = -nu * (x.z + cz)
        let e = exp(-V)
        let g = gf.evaluate(x: X, v: V, expMinusV: e)
        let (j0v, j1v) = gf.bessel(X)
        let hij = rh > 0 ? (nx * dx + ny * dy) / rh : 0
        let dRr = 2 * nu2 * g.fx, dRi = twoPi * nu2 * e * j1v
        let dZr = -2 * nu2 * g.fv, dZi = -twoPi * nu2 * e * j0v
        let mv = ComplexDouble(-(dRr * hij + dZr * nz) * area, -(dRi * hij + dZi * nz) * area)
        let sv = ComplexDouble(2 * nu * g.f * area, -twoPi * nu * e * j0v * area)
        return (mv, sv)
    }

    /// Solve every parity's extended system (in parallel) and unfold the hull potentials into `phi`
    /// (column-major N × nrhs); the lid densities are dropped.
    func solveAndUnfold(_ systems: [ComplexLUSolver], n: Int, into phi: inout [ComplexDouble]) throws(LAPACKError) {
        let errors = LidErrorSlots()
        let boxed = LidSolvers(systems: systems)
        DispatchQueue.concurrentPerform(iterations: systems.count) { k in
            let s = boxed.systems[k]
            do throws(LAPACKError) { try s.factorize(); try s.solve() } catch { errors.set(k, error) }
        }
        if let e = errors.first { throw e }
        let ne = nb + m, nb = self.nb
        for c in 0..<systems[0].nrhs {
            if let mirror = bodyMirror {
                for a in 0..<nb {
                    let s = systems[0].rhs[a + ne * c], t = systems[1].rhs[a + ne * c]
                    phi[bodyHalf[a] + n * c] = s + t
                    phi[mirror[bodyHalf[a]] + n * c] = s - t
                }
            } else {
                for a in 0..<nb { phi[bodyHalf[a] + n * c] = systems[0].rhs[a + ne * c] }
            }
        }
    }
}

/// A column-major buffer shared by the workers of `BEMLidSystem.fill` (each writes its own columns).
private final class SharedBox: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    let count: Int
    init(_ a: [Double]) {
        base = .allocate(capacity: max(a.count, 1))
        base.initialize(from: a, count: a.count)
        count = a.count
    }
    deinit { base.deallocate() }
    var result: [Double] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

private struct LidSolvers: @unchecked Sendable { let systems: [ComplexLUSolver] }

private final class LidErrorSlots: @unchecked Sendable {
    private let lock = MutexLock()
    private var errors: [Int: LAPACKError] = [:]
    func set(_ k: Int, _ e: LAPACKError) { lock.lock(); errors[k] = e; lock.unlock() }
    var first: LAPACKError? { lock.lock(); defer { lock.unlock() }; return errors.keys.sorted().first.map { errors[$0]! } }
}
