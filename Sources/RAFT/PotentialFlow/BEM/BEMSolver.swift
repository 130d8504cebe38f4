#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK
import Numerics

/// Raw pointer shared by the workers of a parallel assembly; each worker writes disjoint elements.
struct SharedBuffer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

/// First-order potential-flow coefficients from the panel method, nondimensional as in WAMIT files with
/// ULEN = 1 (spec 05 §2): `Ā = A/ρ`, `B̄ = B/(ρω)`, `X̄ = X/(ρg)` per unit wave amplitude, about the PRP.
package struct BEMCoefficients: Sendable {
    /// Wave frequencies ω [rad/s], ascending.
    package var omega: [Double]
    /// Wave headings β (direction of propagation from +x) [deg].
    package var headingsDeg: [Double]
    /// Ā per frequency, row-major 6×6 (index 6·i + j) [m³, m⁴, m⁵].
    package var addedMass: [[Double]]
    /// B̄ per frequency, row-major 6×6 [m³, m⁴, m⁵].
    package var damping: [[Double]]
    /// X̄ per frequency and heading, 6 DOFs, phase relative to the incident elevation at the origin, e^{iωt} [m², m³].
    package var excitation: [[[ComplexDouble]]]
    /// Zero-frequency (ω → 0) and infinite-frequency (ω → ∞) Ā, row-major 6×6.
    package var addedMassZero: [Double]
    package var addedMassInfinite: [Double]

    package init(omega: [Double], headingsDeg: [Double], addedMass: [[Double]], damping: [[Double]],
                 excitation: [[[ComplexDouble]]], addedMassZero: [Double], addedMassInfinite: [Double]) {
        self.omega = omega; self.headingsDeg = headingsDeg; self.addedMass = addedMass; self.damping = damping
        self.excitation = excitation; self.addedMassZero = addedMassZero; self.addedMassInfinite = addedMassInfinite
    }
}

/// Linear potential flow around a fixed body in infinite depth (or, with `depth`, finite depth: the wave part
/// of G from `FiniteDepthGreenFunction`, incident wave cosh k₀(z+h)/cosh k₀h) on constant panels (the formulation of HAMS,
/// spec 05 §9.1): direct (potential) boundary integral equation collocated at panel centroids,
///
///     2π φᵢ − Σⱼ φⱼ ∫_{Sⱼ} ∂G/∂n_ξ dS = −Σⱼ (∂φ/∂n)ⱼ ∫_{Sⱼ} G dS          (radiation, ∂φₖ/∂n = nₖ)
///     2π φ_T,ᵢ − Σⱼ φ_T,ⱼ ∫_{Sⱼ} ∂G/∂n_ξ dS = 4π φ_I(xᵢ)                    (diffraction, total potential)
///
/// with n out of the body, G = 1/r + 1/r₁ + wave part (`DeepWaterGreenFunction`); Rankine parts integrated
/// exactly over each panel (`RankinePanelIntegrals`, once per mesh), the wave part with the centroid rule;
/// one complex LU per frequency for all right-hand sides. Pressure `p = −iωρφ`, forces `−∫ p n dS`.
package final class BEMSolver: @unchecked Sendable {
    package let panels: [PanelGeometry]
    package let gravity: Double
    /// Water depth h [m] of the finite-depth Green function, nil for deep water (RAFT's pyHAMS runs).
    package let depth: Double?
    package let n: Int
    /// Rankine influence of the direct (1/r) and image (1/r₁) singularities, column-major N×N (empty when the
    /// half-mesh path is used).
    let sDirect: [Double], sImage: [Double], dDirect: [Double], dImage: [Double]
    /// Generalised normals times area, [6][N].
    let normalArea: [[Double]]
    /// Generalised normals, [6][N].
    let generalizedNormals: [[Double]]
    let workers: Int
    /// Mirror panel about the xz-plane for each panel (nil when the mesh is not xz-symmetric or `useSymmetry` is off).
    package let mirror: [Int]?
    /// Panels with centroid y > 0 (the independent half when `mirror` is set).
    let half: [Int]
    /// The half-mesh systems (Rankine parts precomputed) when `mirror` is set; the full N×N Rankine
    /// matrices above are then empty.
    let halfSystem: BEMHalfSystem?
    /// The irregular-frequency lid's extension of the system (nil: no lid, the default).
    let lidSystem: BEMLidSystem?

    /// Wall time of the phases of the last `solve` (half-mesh path): influence-matrix assembly with the
    /// right-hand sides, and LU factorisation + solution; `rankineSeconds`: the per-mesh Rankine integrals.
    package struct Profile: Sendable {
        package var rankineSeconds = 0.0, assemblySeconds = 0.0, solveSeconds = 0.0
    }
    package var profile = Profile()

    /// - Parameters: panels below z = 0; gravity g [m/s²] (HAMS uses 9.80665); parallel workers.
    /// - Parameter useSymmetry: solve the symmetric and antisymmetric halves separately when the panels are
    ///   mirror images about the xz-plane (4× less LU work); results are identical up to round-off.
    /// - Parameter depth: water depth h [m] for the finite-depth Green function (every panel above z = −h);
    ///   nil (default): infinite depth.
    /// - Parameter lid: panels on the interior waterplane (`WaterplaneLid`) for irregular-frequency removal
    ///   (`BEMLidSystem`, deep water only: `BEMProblem` rejects a lid with a depth); empty: none, as in RAFT/pyHAMS.
    package init(panels: [PanelGeometry], gravity: Double = 9.80665, workers: Int = ActiveProcessors.count,
                useSymmetry: Bool = true, depth: Double? = nil, lid: [PanelGeometry] = []) {
        precondition(lid.isEmpty || depth == nil, "BEMSolver: the lid's extended equation uses the deep-water Green function")
        var symmetry = useSymmetry ? Self.xzMirror(panels) : (nil, [])
        let lidSymmetry = symmetry.0 != nil && !lid.isEmpty ? Self.xzMirror(lid) : (nil, Array(lid.indices))
        if !lid.isEmpty && lidSymmetry.0 == nil { symmetry = (nil, []) }
        (mirror, half) = symmetry
        self.panels = panels
        self.gravity = gravity
        self.depth = depth
        self.workers = max(1, workers)
        let n = panels.count
        self.n = n
        if let mirror {
            let t0 = DispatchTime.now().uptimeNanoseconds
            halfSystem = BEMHalfSystem(panels: panels, half: half, mirror: mirror, workers: self.workers)
            lidSystem = lid.isEmpty ? nil : BEMLidSystem(hull: panels, half: halfSystem!.half, mirror: mirror, lid: lid,
                                                         lidHalf: lidSymmetry.1, lidMirror: lidSymmetry.0, workers: self.workers)
            profile = Profile(rankineSeconds: Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
            sDirect = []; sImage = []; dDirect = []; dImage = []
            normalArea = (0..<6).map { k in panels.map { $0.generalizedNormal(k) * $0.area } }
            generalizedNormals = (0..<6).map { k in panels.map { $0.generalizedNormal(k) } }
            return
        }
        halfSystem = nil
        lidSystem = lid.isEmpty ? nil : BEMLidSystem(hull: panels, half: Array(0..<n), mirror: nil, lid: lid,
                                                     lidHalf: Array(lid.indices), lidMirror: nil, workers: self.workers)
        var sd = [Double](repeating: 0, count: n * n), si = sd, dd = sd, di = sd
        let chunks = min(n, 8 * self.workers)
        sd.withUnsafeMutableBufferPointer { sdp in si.withUnsafeMutableBufferPointer { sip in
        dd.withUnsafeMutableBufferPointer { ddp in di.withUnsafeMutableBufferPointer { dip in
            let b = (SharedBuffer(base: sdp.baseAddress!), SharedBuffer(base: sip.baseAddress!),
                     SharedBuffer(base: ddp.baseAddress!), SharedBuffer(base: dip.baseAddress!))
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var verts = [Vec3](repeating: .zero, count: 4), image = verts
                for j in stride(from: c, to: n, by: chunks) {
                    let pj = panels[j]
                    let m = pj.vertices.count
                    for k in 0..<m { verts[k] = pj.vertices[k]; image[k] = Vec3(pj.vertices[k].x, pj.vertices[k].y, -pj.vertices[k].z) }
                    let nImage = Vec3(pj.normal.x, pj.normal.y, -pj.normal.z)
                    verts.withUnsafeBufferPointer { vp in image.withUnsafeBufferPointer { ip in
                        let vv = UnsafeBufferPointer(rebasing: vp[0..<m]), iv = UnsafeBufferPointer(rebasing: ip[0..<m])
                        for i in 0..<n {
                            let x = panels[i].centroid
                            var r = RankinePanelIntegrals.sourceAndDipole(at: x, vertices: vv, normal: pj.normal)
                            if i == j { r.d = 0 }
                            let q = RankinePanelIntegrals.sourceAndDipole(at: x, vertices: iv, normal: nImage)
                            b.0.base[i + n * j] = r.s; b.1.base[i + n * j] = q.s
                            b.2.base[i + n * j] = r.d; b.3.base[i + n * j] = q.d
                        }
                    }}
                }
            }
        }}}}
        sDirect = sd; sImage = si; dDirect = dd; dImage = di
        normalArea = (0..<6).map { k in panels.map { $0.generalizedNormal(k) * $0.area } }
        generalizedNormals = (0..<6).map { k in panels.map { $0.generalizedNormal(k) } }
    }

    /// Mirror index of every panel about the xz-plane, or nil (a panel on the plane, or one without an image).
    static func xzMirror(_ panels: [PanelGeometry]) -> ([Int]?, [Int]) {
        let tol = 1e-6
        func key(_ p: Vec3) -> SIMD3<Int> { SIMD3(Int((p.x / tol).rounded()), Int((p.y / tol).rounded()), Int((p.z / tol).rounded())) }
        var index: [SIMD3<Int>: Int] = [:]
        for (i, p) in panels.enumerated() { index[key(p.centroid)] = i }
        var m = [Int](repeating: -1, count: panels.count)
        for (i, p) in panels.enumerated() {
            guard abs(p.centroid.y) > 1e-3 * max(p.radius, 1e-9), let j = index[key(Vec3(p.centroid.x, -p.centroid.y, p.centroid.z))],
                  abs(panels[j].area - p.area) <= 1e-9 * p.area else { return (nil, []) }
            m[i] = j
        }
        return (m, panels.indices.filter { panels[$0].centroid.y > 0 })
    }

    /// Solve all frequencies (ascending ω [rad/s]) and headings [deg], plus the zero/infinite-frequency limits.
    package func solve(omega: [Double], headingsDeg: [Double], progress: ((Int) -> Void)? = nil) throws(LAPACKError) -> BEMCoefficients {
        let nh = headingsDeg.count
        var out = BEMCoefficients(omega: omega, headingsDeg: headingsDeg, addedMass: [], damping: [], excitation: [],
                                  addedMassZero: [], addedMassInfinite: [])
        profile.assemblySeconds = 0; profile.solveSeconds = 0
        // potentials φ (column-major N × (6 + nh)) of the current frequency
        var phi = [ComplexDouble](repeating: .zero, count: n * (6 + nh))
        var step: (Double) throws(LAPACKError) -> Void
        if let hs = halfSystem {
            let even = ComplexLUSolver(n: hs.h, nrhs: 6 + nh), odd = ComplexLUSolver(n: hs.h, nrhs: 6 + nh)
            for sign in [1.0, -1.0] {
                hs.limitSystems(sign: sign, even: even, odd: odd, gn: generalizedNormals,
                                extra: sign < 0 ? depth.map { InfiniteFrequencyImageKernel(images: .init(depth: $0)) } : nil)
                try hs.solveAndUnfold(even: even, odd: odd, n: n, into: &phi)
                let a = addedMass(phi)
                if sign > 0 { out.addedMassZero = a } else { out.addedMassInfinite = a }
            }
            var sE = [ComplexDouble](repeating: .zero, count: hs.h * hs.h), sO = sE
            let extended = lidSystem.map { ls in [even, odd].map { _ in ComplexLUSolver(n: ls.nb + ls.m, nrhs: 6 + nh) } }
            var lidScratch = [ComplexDouble](repeating: .zero, count: lidSystem.map { $0.m * $0.nb } ?? 0)
            step = { [self] (w: Double) throws(LAPACKError) in
                let t0 = DispatchTime.now().uptimeNanoseconds
                if let kernel = finiteDepthKernel(omega: w) {
                    hs.assemble(kernel: kernel, workers: workers, even: even, odd: odd, sEvenOut: &sE, sOddOut: &sO)
                } else {
                    hs.assemble(nu: w * w / gravity, workers: workers, even: even, odd: odd, sEvenOut: &sE, sOddOut: &sO)
                }
                hs.radiationRHS(s: sE, odd: false, gn: generalizedNormals, into: even)
                hs.radiationRHS(s: sO, odd: true, gn: generalizedNormals, into: odd)
                hs.diffractionRHS(omega: w, gravity: gravity, headingsDeg: headingsDeg, panels: panels, even: even, odd: odd, depth: depth)
                if let ls = lidSystem, let ext = extended {
                    for (k, base) in [even, odd].enumerated() {
                        ls.extend(parity: k, nu: w * w / gravity, omega: w, gravity: gravity, headingsDeg: headingsDeg,
                                  gn: generalizedNormals, base: base, into: ext[k], workers: workers, scratch: &lidScratch)
                    }
                }
                let t1 = DispatchTime.now().uptimeNanoseconds
                if let ls = lidSystem, let ext = extended { try ls.solveAndUnfold(ext, n: n, into: &phi) }
                else { try hs.solveAndUnfold(even: even, odd: odd, n: n, into: &phi) }
                profile.assemblySeconds += Double(t1 - t0) * 1e-9
                profile.solveSeconds += Double(DispatchTime.now().uptimeNanoseconds - t1) * 1e-9
            }
        } else {
            let lu = ComplexLUSolver(n: n, nrhs: 6 + nh)
            var s = [ComplexDouble](repeating: .zero, count: n * n)
            out.addedMassZero = try limit(sign: 1, lu: lu)
            out.addedMassInfinite = try limit(sign: -1, lu: lu,
                                              extra: depth.map { InfiniteFrequencyImageKernel(images: .init(depth: $0)) })
            let extended = lidSystem.map { ls in ComplexLUSolver(n: ls.nb + ls.m, nrhs: 6 + nh) }
            var lidScratch = [ComplexDouble](repeating: .zero, count: lidSystem.map { $0.m * $0.nb } ?? 0)
            step = { [self] (w: Double) throws(LAPACKError) in
                assemble(omega: w, headingsDeg: headingsDeg, lu: lu, s: &s)
                if let ls = lidSystem, let ext = extended {
                    ls.extend(parity: 0, nu: w * w / gravity, omega: w, gravity: gravity, headingsDeg: headingsDeg,
                              gn: generalizedNormals, base: lu, into: ext, workers: workers, scratch: &lidScratch)
                    try ls.solveAndUnfold([ext], n: n, into: &phi)
                    return
                }
                try lu.factorize()
                try lu.solve()
                phi = lu.rhs
            }
        }
        for (k, w) in omega.enumerated() {
            try step(w)
            var b = [Double](repeating: 0, count: 36)
            for j in 0..<6 { for i in 0..<6 { b[6 * i + j] = integrate(column: j, row: i, phi).imaginary } }
            var x: [[ComplexDouble]] = []
            for h in 0..<nh {
                x.append((0..<6).map { i in
                    let p = integrate(column: 6 + h, row: i, phi)   // X̄ = (iω/g) ∫ φ_T n dS
                    return ComplexDouble(-p.imaginary * w / gravity, p.real * w / gravity)
                })
            }
            out.addedMass.append(addedMass(phi)); out.damping.append(b); out.excitation.append(x)
            progress?(k + 1)
        }
        if depth != nil, let first = out.addedMass.first {
            // In finite depth the ω → 0 limit of the heave added mass is infinite (logarithmically, the
            // source's net flux spreads in a layer); the zero-frequency row repeats the lowest frequency's.
            out.addedMassZero = first
        }
        return out
    }

    /// The finite-depth kernel at ω (nil in deep water): tables over the mesh's horizontal extent and heights.
    func finiteDepthKernel(omega w: Double) -> FiniteDepthKernel? {
        guard let depth else { return nil }
        var lo = Vec3(repeating: .infinity), hi = Vec3(repeating: -.infinity)
        for p in panels { lo = pointwiseMin(lo, p.centroid); hi = pointwiseMax(hi, p.centroid) }
        let rMax = ((hi.x - lo.x) * (hi.x - lo.x) + (hi.y - lo.y) * (hi.y - lo.y)).squareRoot()
        return FiniteDepthKernel(green: FiniteDepthGreenFunction(nu: w * w / gravity, depth: depth, maxHorizontalDistance: rMax,
                                                                 zRange: (lo.z, hi.z)))
    }

    /// Ā = −Re ∫ φⱼ nᵢ dS from the radiation potentials in `phi`, row-major 6×6.
    func addedMass(_ phi: [ComplexDouble]) -> [Double] {
        var a = [Double](repeating: 0, count: 36)
        for j in 0..<6 { for i in 0..<6 { a[6 * i + j] = -integrate(column: j, row: i, phi).real } }
        return a
    }

    /// Radiation potentials φₖ (unit velocity, k = surge…yaw) at ω on every panel, [6][N].
    package func potentials(omega w: Double) throws(LAPACKError) -> [[ComplexDouble]] {
        if let hs = halfSystem {
            let even = ComplexLUSolver(n: hs.h, nrhs: 6), odd = ComplexLUSolver(n: hs.h, nrhs: 6)
            var sE = [ComplexDouble](repeating: .zero, count: hs.h * hs.h), sO = sE
            var phi = [ComplexDouble](repeating: .zero, count: n * 6)
            if let kernel = finiteDepthKernel(omega: w) {
                hs.assemble(kernel: kernel, workers: workers, even: even, odd: odd, sEvenOut: &sE, sOddOut: &sO)
            } else {
                hs.assemble(nu: w * w / gravity, workers: workers, even: even, odd: odd, sEvenOut: &sE, sOddOut: &sO)
            }
            hs.radiationRHS(s: sE, odd: false, gn: generalizedNormals, into: even)
            hs.radiationRHS(s: sO, odd: true, gn: generalizedNormals, into: odd)
            if let ls = lidSystem {
                let ext = [even, odd].map { _ in ComplexLUSolver(n: ls.nb + ls.m, nrhs: 6) }
                var scratch: [ComplexDouble] = []
                for (k, base) in [even, odd].enumerated() {
                    ls.extend(parity: k, nu: w * w / gravity, omega: w, gravity: gravity, headingsDeg: [],
                              gn: generalizedNormals, base: base, into: ext[k], workers: workers, scratch: &scratch)
                }
                try ls.solveAndUnfold(ext, n: n, into: &phi)
            } else {
                try hs.solveAndUnfold(even: even, odd: odd, n: n, into: &phi)
            }
            return (0..<6).map { k in Array(phi[(n * k)..<(n * k + n)]) }
        }
        let lu = ComplexLUSolver(n: n, nrhs: 6)
        var s = [ComplexDouble](repeating: .zero, count: n * n)
        assemble(omega: w, headingsDeg: [], lu: lu, s: &s)
        if let ls = lidSystem {
            let ext = ComplexLUSolver(n: ls.nb + ls.m, nrhs: 6)
            var scratch: [ComplexDouble] = []
            ls.extend(parity: 0, nu: w * w / gravity, omega: w, gravity: gravity, headingsDeg: [], gn: generalizedNormals,
                      base: lu, into: ext, workers: workers, scratch: &scratch)
            var phi = [ComplexDouble](repeating: .zero, count: n * 6)
            try ls.solveAndUnfold([ext], n: n, into: &phi)
            return (0..<6).map { k in Array(phi[(n * k)..<(n * k + n)]) }
        }
        try lu.factorize()
        try lu.solve()
        return (0..<6).map { k in Array(lu.rhs[(n * k)..<(n * k + n)]) }
    }

    /// Σ_panels φ(column) · n_row · area.
    func integrate(column: Int, row: Int, _ phi: [ComplexDouble]) -> ComplexDouble {
        var re = 0.0, im = 0.0
        let na = normalArea[row]
        for p in 0..<n {
            let z = phi[p + n * column]
            re += z.real * na[p]; im += z.imaginary * na[p]
        }
        return ComplexDouble(re, im)
    }

    /// Zero-frequency (`sign` +1: G = 1/r + 1/r₁) or infinite-frequency (−1: 1/r − 1/r₁) added mass Ā.
    /// `extra`: a real smooth part added at the centroids (finite depth: the bottom images of the ω → ∞ limit).
    func limit(sign: Double, lu: ComplexLUSolver, extra: InfiniteFrequencyImageKernel? = nil) throws(LAPACKError) -> [Double] {
        var sExtra = [Double](repeating: 0, count: extra == nil ? 0 : n * n)
        for j in 0..<n {
            for i in 0..<n {
                var m = (i == j ? 2 * Double.pi : 0) - dDirect[i + n * j] - sign * dImage[i + n * j]
                if let extra {
                    let (pi, pj) = (panels[i], panels[j])
                    let dx = pj.centroid.x - pi.centroid.x, dy = pj.centroid.y - pi.centroid.y
                    let rh = (dx * dx + dy * dy).squareRoot()
                    let t = extra.terms(rh: rh, zField: pi.centroid.z, zSource: pj.centroid.z, pf: 0, ps: 0)
                    let hij = rh > 0 ? (pj.normal.x * dx + pj.normal.y * dy) / rh : 0
                    m -= (t.dR.real * hij + t.dZeta.real * pj.normal.z) * pj.area
                    sExtra[i + n * j] = t.g.real * pj.area
                }
                lu.matrix[i + n * j] = ComplexDouble(m, 0)
            }
        }
        for c in 0..<lu.nrhs {
            var col = [Double](repeating: 0, count: n)
            if c < 6 {
                for j in 0..<n {
                    let f = -generalizedNormals[c][j]
                    for i in 0..<n { col[i] += (sDirect[i + n * j] + sign * sImage[i + n * j] + (extra == nil ? 0 : sExtra[i + n * j])) * f }
                }
            }
            for i in 0..<n { lu.rhs[i + n * c] = ComplexDouble(col[i], 0) }
        }
        try lu.factorize()
        try lu.solve()
        var a = [Double](repeating: 0, count: 36)
        for j in 0..<6 { for i in 0..<6 { a[6 * i + j] = -integrate(column: j, row: i, lu.rhs).real } }
        return a
    }

    /// Influence matrix (into `lu.matrix`) and right-hand sides (into `lu.rhs`) at ω.
    func assemble(omega w: Double, headingsDeg: [Double], lu: ComplexLUSolver, s: inout [ComplexDouble]) {
        if let kernel = finiteDepthKernel(omega: w) {
            assemble(kernel: kernel, omega: w, headingsDeg: headingsDeg, lu: lu, s: &s)
        } else {
            assemble(kernel: DeepWaterFullKernel(nu: w * w / gravity), omega: w, headingsDeg: headingsDeg, lu: lu, s: &s)
        }
    }

    func assemble<K: BEMWaveKernel>(kernel: K, omega w: Double, headingsDeg: [Double], lu: ComplexLUSolver, s: inout [ComplexDouble]) {
        let n = self.n, nu = w * w / gravity
        let twoPi = 2 * Double.pi
        let symmetricDerivative = kernel.dependsOnHeightSumOnly
        let k0 = depth.map { FiniteDepthGreenFunction.waveNumber(nu: nu, depth: $0) } ?? nu
        let chunks = min(n, 16 * workers)
        let panels = self.panels
        s.withUnsafeMutableBufferPointer { sp in lu.matrix.withUnsafeMutableBufferPointer { mp in
            let mb = SharedBuffer(base: mp.baseAddress!)
            let sb = SharedBuffer(base: sp.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for i in stride(from: c, to: n, by: chunks) {
                    let pi = panels[i], xi = pi.centroid
                    for j in i..<n {
                        let pj = panels[j], cj = pj.centroid
                        let dx = cj.x - xi.x, dy = cj.y - xi.y
                        let rh = (dx * dx + dy * dy).squareRoot()
                        let t = kernel.terms(rh: rh, zField: xi.z, zSource: cj.z, pf: 0, ps: 0)
                        let gw = t.g, dR = t.dR, dZ = t.dZeta
                        // field j, source i: ∂/∂ζ differs unless G depends on z + ζ only
                        let dZji = symmetricDerivative ? dZ : kernel.terms(rh: rh, zField: cj.z, zSource: xi.z, pf: 0, ps: 0).dZeta
                        // field i, source j: ∇_ξ G = dR·(c_j − x_i)_h/R + dZ ẑ
                        var hij = 0.0, hji = 0.0
                        if rh > 0 {
                            hij = (pj.normal.x * dx + pj.normal.y * dy) / rh
                            hji = -(pi.normal.x * dx + pi.normal.y * dy) / rh
                        }
                        let ij = i + n * j, ji = j + n * i
                        let aj = pj.area, nzj = pj.normal.z
                        sb.base[ij] = ComplexDouble(sDirect[ij] + sImage[ij] + gw.real * aj, gw.imaginary * aj)
                        mb.base[ij] = ComplexDouble((i == j ? twoPi : 0) - dDirect[ij] - dImage[ij] - (dR.real * hij + dZ.real * nzj) * aj,
                                                    -(dR.imaginary * hij + dZ.imaginary * nzj) * aj)
                        if j != i {
                            let ai = pi.area, nzi = pi.normal.z
                            sb.base[ji] = ComplexDouble(sDirect[ji] + sImage[ji] + gw.real * ai, gw.imaginary * ai)
                            mb.base[ji] = ComplexDouble(-dDirect[ji] - dImage[ji] - (dR.real * hji + dZji.real * nzi) * ai,
                                                        -(dR.imaginary * hji + dZji.imaginary * nzi) * ai)
                        }
                    }
                }
            }
        }}
        // right-hand sides: radiation −S·nₖ, diffraction 4π φ_I(xᵢ), φ_I = (ig/ω) e^{νz} e^{−iν(x cosβ + y sinβ)}
        for k in 0..<6 {
            for i in 0..<n { lu.rhs[i + n * k] = .zero }
            let gn = generalizedNormals[k]
            lu.rhs.withUnsafeMutableBufferPointer { r in
                let col = r.baseAddress! + n * k
                for j in 0..<n {
                    let f = -gn[j]
                    if f == 0 { continue }
                    for i in 0..<n {
                        let z = s[i + n * j]
                        col[i] = ComplexDouble(col[i].real + z.real * f, col[i].imaginary + z.imaginary * f)
                    }
                }
            }
        }
        for (h, beta) in headingsDeg.enumerated() {
            let cb = cos(beta * Double.pi / 180), sbeta = sin(beta * Double.pi / 180)
            for i in 0..<n {
                let x = panels[i].centroid
                let amp = depth.map { 4 * Double.pi * gravity / w * FiniteDepthGreenFunction.depthFactor(k0: k0, depth: $0, z: x.z) }
                    ?? 4 * Double.pi * gravity / w * exp(nu * x.z)
                let ph = -k0 * (x.x * cb + x.y * sbeta)
                // i·amp·e^{i ph}
                lu.rhs[i + n * (6 + h)] = ComplexDouble(-amp * sin(ph), amp * cos(ph))
            }
        }
    }
}
