#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK
import Numerics

/// The panel method on an xz-symmetric mesh, solved on the half y > 0 (spec 05 §9.2 item 5, "use the xz-plane
/// symmetry"): with `Pᵢ` = the half's panels and `P'ᵢ` their mirror images, every influence splits into the
/// half acting on itself (slot 0) and the mirrored half acting on it (slot 1); potentials even in y (surge,
/// heave, pitch and the even part of diffraction) solve `(K₀ + K₁) φ = b`, odd ones (sway, roll, yaw, odd part of
/// diffraction) solve `(K₀ − K₁) φ = b`. Two h×h systems (h = N/2) instead of one N×N: 4× less LU work.
///
/// Storage is column-major h×h in the half's order, so the assembly walks memory contiguously: the
/// frequency-independent Rankine parts (exact panel integrals of 1/r and 1/r₁, computed once) are kept as
/// their even and odd combinations.
struct BEMHalfSystem: Sendable {
    /// Half size h.
    let h: Int
    /// Full-mesh index of the half's panels and of their mirror images.
    let half: [Int], mirror: [Int]
    /// Rankine parts with the image sign +1 (finite ω and ω → 0), even/odd combinations, h×h column-major:
    /// `m = 2πδ − D − D₁` (left-hand side), `s = S + S₁` (source influence).
    let mEven: [Double], mOdd: [Double], sEven: [Double], sOdd: [Double]
    /// The image parts alone (D₁, S₁), even/odd, to flip the image sign for ω → ∞.
    let dImageEven: [Double], dImageOdd: [Double], sImageEven: [Double], sImageOdd: [Double]
    /// Field points (the half's centroids), structure of arrays.
    let fx: [Double], fy: [Double], fz: [Double]
    /// Source panels of slot 0 (the half) and slot 1 (mirrors): centroid, unit normal, area.
    let src: [SourcePanels]

    struct SourcePanels: Sendable {
        let cx: [Double], cy: [Double], cz: [Double], nx: [Double], ny: [Double], nz: [Double], area: [Double]
        init(_ p: [PanelGeometry]) {
            cx = p.map { $0.centroid.x }; cy = p.map { $0.centroid.y }; cz = p.map { $0.centroid.z }
            nx = p.map { $0.normal.x }; ny = p.map { $0.normal.y }; nz = p.map { $0.normal.z }; area = p.map { $0.area }
        }
    }

    /// Rankine integrals of the half (field points) against every panel, in parallel over `workers` threads.
    init(panels: [PanelGeometry], half: [Int], mirror: [Int], workers: Int) {
        let h = half.count
        self.h = h
        self.half = half
        let mir = half.map { mirror[$0] }
        self.mirror = mir
        let fieldPanels = half.map { panels[$0] }
        fx = fieldPanels.map { $0.centroid.x }; fy = fieldPanels.map { $0.centroid.y }; fz = fieldPanels.map { $0.centroid.z }
        src = [SourcePanels(fieldPanels), SourcePanels(mir.map { panels[$0] })]
        // eight h×h blocks in one allocation: 0/1 m even/odd, 2/3 s even/odd, 4/5 D₁ even/odd, 6/7 S₁ even/odd
        let hh = h * h
        var all = [Double](repeating: 0, count: 8 * hh)
        let chunks = max(1, min(h, 8 * workers))
        all.withUnsafeMutableBufferPointer { bp in
            let out = SharedBuffer(base: bp.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var verts = [Vec3](repeating: .zero, count: 4), image = verts
                for col in stride(from: c, to: h, by: chunks) {
                    for slot in 0..<2 {
                        let pj = slot == 0 ? panels[half[col]] : panels[mir[col]]
                        let m = pj.vertices.count
                        for k in 0..<m { verts[k] = pj.vertices[k]; image[k] = Vec3(pj.vertices[k].x, pj.vertices[k].y, -pj.vertices[k].z) }
                        let nImage = Vec3(pj.normal.x, pj.normal.y, -pj.normal.z)
                        let sign = slot == 0 ? 1.0 : -1.0
                        verts.withUnsafeBufferPointer { vp in image.withUnsafeBufferPointer { ip in
                            let vv = UnsafeBufferPointer(rebasing: vp[0..<m]), iv = UnsafeBufferPointer(rebasing: ip[0..<m])
                            for a in 0..<h {
                                let x = fieldPanels[a].centroid
                                var r = RankinePanelIntegrals.sourceAndDipole(at: x, vertices: vv, normal: pj.normal)
                                if slot == 0 && a == col { r.d = 0 }
                                let q = RankinePanelIntegrals.sourceAndDipole(at: x, vertices: iv, normal: nImage)
                                let e = a + h * col
                                let diag = slot == 0 && a == col ? 2 * Double.pi : 0
                                let values = (diag - r.d - q.d, r.s + q.s, q.d, q.s)
                                out.base[e] += values.0;          out.base[e + hh] += sign * values.0
                                out.base[e + 2 * hh] += values.1; out.base[e + 3 * hh] += sign * values.1
                                out.base[e + 4 * hh] += values.2; out.base[e + 5 * hh] += sign * values.2
                                out.base[e + 6 * hh] += values.3; out.base[e + 7 * hh] += sign * values.3
                            }
                        }}
                    }
                }
            }
        }
        func block(_ k: Int) -> [Double] { Array(all[(k * hh)..<((k + 1) * hh)]) }
        mEven = block(0); mOdd = block(1); sEven = block(2); sOdd = block(3)
        dImageEven = block(4); dImageOdd = block(5); sImageEven = block(6); sImageOdd = block(7)
    }

    /// Even and odd left-hand matrices (into `even.matrix`, `odd.matrix`) and source influences
    /// (into `sEvenOut`, `sOddOut`, complex h×h) at ν = ω²/g: Rankine parts plus the wave part of G
    /// (`DeepWaterGreenFunction`, centroid rule), in parallel over columns.
    func assemble(nu: Double, workers: Int, even: ComplexLUSolver, odd: ComplexLUSolver,
                  sEvenOut: inout [ComplexDouble], sOddOut: inout [ComplexDouble]) {
        assemble(kernel: DeepWaterHalfKernel(nu: nu), workers: workers, even: even, odd: odd, sEvenOut: &sEvenOut, sOddOut: &sOddOut)
    }

    /// The same with any wave part of the Green function (deep water, finite depth).
    /// `rankine` false: the kernel's part alone (without the Rankine parts of finite ω).
    func assemble<K: BEMWaveKernel>(kernel: K, workers: Int, even: ComplexLUSolver, odd: ComplexLUSolver,
                                    sEvenOut: inout [ComplexDouble], sOddOut: inout [ComplexDouble], rankine: Bool = true) {
        let h = self.h
        // per-point factors (deep water: e^{ν z}, so that e^{−V} = e^{ν(z + ζ)} is their product)
        let ef = fz.map { kernel.pointFactor(z: $0) }
        let es = src.map { s in s.cz.map { kernel.pointFactor(z: $0) } }
        let chunks = max(1, min(h, 16 * workers))
        let fx = self.fx, fy = self.fy, fz = self.fz, src = self.src
        let zeros = rankine ? [] : [Double](repeating: 0, count: h * h)
        let mEven = rankine ? self.mEven : zeros, mOdd = rankine ? self.mOdd : zeros
        let sEven = rankine ? self.sEven : zeros, sOdd = rankine ? self.sOdd : zeros
        even.matrix.withUnsafeMutableBufferPointer { mep in odd.matrix.withUnsafeMutableBufferPointer { mop in
        sEvenOut.withUnsafeMutableBufferPointer { sep in sOddOut.withUnsafeMutableBufferPointer { sop in
            let me = SharedBuffer(base: mep.baseAddress!), mo = SharedBuffer(base: mop.baseAddress!)
            let se = SharedBuffer(base: sep.baseAddress!), so = SharedBuffer(base: sop.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for b in stride(from: c, to: h, by: chunks) {
                    // source panel b of each slot: centroid, normal, area, e^{νζ}
                    let sources = (0..<2).map { slot in
                        let sp = src[slot]
                        return (cx: sp.cx[b], cy: sp.cy[b], cz: sp.cz[b], nx: sp.nx[b], ny: sp.ny[b], nz: sp.nz[b],
                                area: sp.area[b], e: es[slot][b])
                    }
                    for a in 0..<h {
                        var mw = (ComplexDouble.zero, ComplexDouble.zero), sw = mw
                        let xa = fx[a], ya = fy[a], za = fz[a], ea = ef[a]
                        for slot in 0..<2 {
                            let sp = sources[slot]
                            let dx = sp.cx - xa, dy = sp.cy - ya
                            let rh = (dx * dx + dy * dy).squareRoot()
                            let t = kernel.terms(rh: rh, zField: za, zSource: sp.cz, pf: ea, ps: sp.e)
                            let hij = rh > 0 ? (sp.nx * dx + sp.ny * dy) / rh : 0
                            let area = sp.area, nz = sp.nz
                            // ∇_ξ G · n: radial (dR) and vertical (dZ) derivatives of the wave part
                            let m = ComplexDouble(-(t.dR.real * hij + t.dZeta.real * nz) * area,
                                                  -(t.dR.imaginary * hij + t.dZeta.imaginary * nz) * area)
                            let s = ComplexDouble(t.g.real * area, t.g.imaginary * area)
                            if slot == 0 { mw.0 = m; sw.0 = s } else { mw.1 = m; sw.1 = s }
                        }
                        let k = a + h * b
                        me.base[k] = ComplexDouble(mEven[k] + mw.0.real + mw.1.real, mw.0.imaginary + mw.1.imaginary)
                        mo.base[k] = ComplexDouble(mOdd[k] + mw.0.real - mw.1.real, mw.0.imaginary - mw.1.imaginary)
                        se.base[k] = ComplexDouble(sEven[k] + sw.0.real + sw.1.real, sw.0.imaginary + sw.1.imaginary)
                        so.base[k] = ComplexDouble(sOdd[k] + sw.0.real - sw.1.real, sw.0.imaginary - sw.1.imaginary)
                    }
                }
            }
        }}}}
    }

    /// Even (surge, heave, pitch) or odd (sway, roll, yaw) radiation right-hand sides `−s·nₖ` into `rhs`
    /// columns 0…5 (the other parity's columns are zero). `gn`: generalised normals [6][N] of the full mesh.
    func radiationRHS(s: [ComplexDouble], odd: Bool, gn: [[Double]], into solver: ComplexLUSolver) {
        let h = self.h
        solver.rhs.withUnsafeMutableBufferPointer { r in
            for k in 0..<6 {
                let col = r.baseAddress! + h * k
                for a in 0..<h { col[a] = .zero }
                let isOdd = k == 1 || k == 3 || k == 5
                guard isOdd == odd else { continue }
                s.withUnsafeBufferPointer { sp in
                    for b in 0..<h {
                        let f = -gn[k][half[b]]
                        if f == 0 { continue }
                        let colS = sp.baseAddress! + h * b
                        for a in 0..<h {
                            let z = colS[a]
                            col[a] = ComplexDouble(col[a].real + z.real * f, col[a].imaginary + z.imaginary * f)
                        }
                    }
                }
            }
        }
    }

    /// Zero-frequency (`sign` +1) or infinite-frequency (−1) systems: Rankine parts only, real.
    /// `extra`: a real smooth part added at the centroids (finite depth: the bottom images of the ω → ∞ limit).
    func limitSystems(sign: Double, even: ComplexLUSolver, odd: ComplexLUSolver, gn: [[Double]],
                      extra: InfiniteFrequencyImageKernel? = nil) {
        let h = self.h
        var sE = [ComplexDouble](repeating: .zero, count: h * h), sO = sE
        let flip = sign < 0
        for k in 0..<(h * h) {
            even.matrix[k] = ComplexDouble(flip ? mEven[k] + 2 * dImageEven[k] : mEven[k], 0)
            odd.matrix[k] = ComplexDouble(flip ? mOdd[k] + 2 * dImageOdd[k] : mOdd[k], 0)
            sE[k] = ComplexDouble(flip ? sEven[k] - 2 * sImageEven[k] : sEven[k], 0)
            sO[k] = ComplexDouble(flip ? sOdd[k] - 2 * sImageOdd[k] : sOdd[k], 0)
        }
        if let extra {
            // the Rankine parts above plus the kernel: assemble the kernel alone, then add
            let e2 = ComplexLUSolver(n: h, nrhs: 1), o2 = ComplexLUSolver(n: h, nrhs: 1)
            var sE2 = sE, sO2 = sO
            assemble(kernel: extra, workers: ActiveProcessors.count, even: e2, odd: o2,
                     sEvenOut: &sE2, sOddOut: &sO2, rankine: false)
            for k in 0..<(h * h) {
                even.matrix[k] = even.matrix[k] + e2.matrix[k]; odd.matrix[k] = odd.matrix[k] + o2.matrix[k]
                sE[k] = sE[k] + sE2[k]; sO[k] = sO[k] + sO2[k]
            }
        }
        radiationRHS(s: sE, odd: false, gn: gn, into: even)
        radiationRHS(s: sO, odd: true, gn: gn, into: odd)
        for solver in [even, odd] {
            for c in 6..<solver.nrhs { for a in 0..<h { solver.rhs[a + h * c] = .zero } }
        }
    }

    /// Diffraction right-hand sides `4π φ_I(xᵢ)` split into even/odd parts, columns 6… .
    /// `depth`: nil in deep water, else h [m] (incident wave `cosh k₀(z+h)/cosh k₀h · e^{−ik₀(x cosβ + y sinβ)}`).
    func diffractionRHS(omega w: Double, gravity: Double, headingsDeg: [Double], panels: [PanelGeometry],
                        even: ComplexLUSolver, odd: ComplexLUSolver, depth: Double? = nil) {
        let nu = w * w / gravity, h = self.h
        let k0 = depth.map { FiniteDepthGreenFunction.waveNumber(nu: nu, depth: $0) } ?? nu
        for (hh, beta) in headingsDeg.enumerated() {
            let cb = cos(beta * Double.pi / 180), sbeta = sin(beta * Double.pi / 180)
            func incident(_ x: Vec3) -> ComplexDouble {
                if let depth {
                    let amp = 4 * Double.pi * gravity / w * FiniteDepthGreenFunction.depthFactor(k0: k0, depth: depth, z: x.z)
                    let ph = -k0 * (x.x * cb + x.y * sbeta)
                    return ComplexDouble(-amp * sin(ph), amp * cos(ph))
                }
                let amp = 4 * Double.pi * gravity / w * exp(nu * x.z), ph = -nu * (x.x * cb + x.y * sbeta)
                return ComplexDouble(-amp * sin(ph), amp * cos(ph))
            }
            for a in 0..<h {
                let p = incident(panels[half[a]].centroid), q = incident(panels[mirror[a]].centroid)
                even.rhs[a + h * (6 + hh)] = ComplexDouble((p.real + q.real) / 2, (p.imaginary + q.imaginary) / 2)
                odd.rhs[a + h * (6 + hh)] = ComplexDouble((p.real - q.real) / 2, (p.imaginary - q.imaginary) / 2)
            }
        }
    }

    /// Factorise and solve both systems, one per thread, then unfold into the full potentials `phi`
    /// (column-major N × nrhs).
    func solveAndUnfold(even: ComplexLUSolver, odd: ComplexLUSolver, n: Int, into phi: inout [ComplexDouble]) throws(LAPACKError) {
        let errors = ErrorSlots()
        let pair = SendablePair(even: even, odd: odd)
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let s = k == 0 ? pair.even : pair.odd
            do throws(LAPACKError) { try s.factorize(); try s.solve() } catch { errors.set(k, error) }
        }
        if let e = errors.first { throw e }
        let h = self.h
        for c in 0..<even.nrhs {
            for a in 0..<h {
                let s = even.rhs[a + h * c], t = odd.rhs[a + h * c]
                phi[half[a] + n * c] = s + t
                phi[mirror[a] + n * c] = s - t
            }
        }
    }
}

/// The two half-systems handed to two threads (each thread touches only its own solver).
private struct SendablePair: @unchecked Sendable {
    let even: ComplexLUSolver, odd: ComplexLUSolver
}

/// First LAPACK error of the two parallel factorisations.
private final class ErrorSlots: @unchecked Sendable {
    private let lock = MutexLock()
    private var errors: [Int: LAPACKError] = [:]
    func set(_ k: Int, _ e: LAPACKError) { lock.lock(); errors[k] = e; lock.unlock() }
    var first: LAPACKError? { lock.lock(); defer { lock.unlock() }; return errors.keys.sorted().first.map { errors[$0]! } }
}
