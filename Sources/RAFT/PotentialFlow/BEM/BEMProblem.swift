#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// One panel-method run as RAFT 2.0.4's `FOWT.calcBEM` sets up pyHAMS for a platform (spec 05 §8): the mesh of
/// the potMod members (`intersectMesh: 0`), the frequencies `k·dw_BEM` (k = 1…⌈max w / dw_BEM⌉), heading 0,
/// infinite depth (pyHAMS is given `−depth`, which HAMS reads as deep water; spec 05 pitfall 1; finite depth
/// only with `settings.bem_depth: finite`) and HAMS's g = 9.80665 m/s².
package struct BEMProblem: Sendable, Equatable {
    /// Panels of the potMod members about the PRP (undisplaced, including the FOWT's `heading_adjust`).
    package var mesh: PanelMesh
    /// Wave frequencies ω [rad/s], ascending.
    package var omega: [Double]
    /// Wave headings β [deg] (RAFT: [0]).
    package var headingsDeg: [Double]
    /// Gravity of the solver [m/s²] (HAMS: 9.80665; X̄ = X/(ρg) with this g).
    package var gravity: Double
    /// Water depth of the Green function [m]; nil: infinite depth (RAFT's pyHAMS runs, `settings.bem_depth: deep`).
    package var waterDepth: Double?
    /// Irregular-frequency removal with a lid on the interior waterplane (`platform.lid_BEM`; RAFT: false).
    package var lid: Bool

    package init(mesh: PanelMesh, omega: [Double], headingsDeg: [Double] = [0], gravity: Double = 9.80665,
                 waterDepth: Double? = nil, lid: Bool = false) {
        self.mesh = mesh
        self.omega = omega
        self.headingsDeg = headingsDeg
        self.gravity = gravity
        self.waterDepth = waterDepth
        self.lid = lid
    }

    /// RAFT's HAMS frequency grid (spec 05 §8.2): `dw_BEM = 2π·min_freq_BEM`, with `min_freq_BEM` defaulting to
    /// `(w₁ − w₀)/2/π`; `nw = ⌈max w / dw_BEM⌉`; `dw_BEM` rounded to 15 decimals; `ω_k = k·dw_BEM`, k = 1…nw.
    /// - Parameters: grid: RAFT's frequencies; minFreqHz: `min_freq_BEM` [Hz] (nil: RAFT's default).
    package static func raftFrequencies(grid: FrequencyGrid, minFreqHz: Double?) -> [Double] {
        let w = grid.omega
        let minFreq = minFreqHz ?? (w[1] - w[0]) / 2 / Double.pi
        var dw = 2.0 * Double.pi * minFreq
        let wMax = w.max() ?? 0
        let nw = Int((wMax / dw).rounded(.up))
        dw = numpyRound(dw, decimals: 15)
        return (0..<max(nw, 0)).map { dw + Double($0) * dw }
    }

    /// `numpy.round(x, d)`: `rint(x·10^d)/10^d`.
    static func numpyRound(_ x: Double, decimals d: Int) -> Double {
        let f = pow(10.0, Double(d))
        let y = (x * f).rounded(.toNearestOrEven) / f
        return y.isFinite ? y : x
    }

    /// The run RAFT's `calcBEM` makes for one FOWT: every potMod platform member meshed in member order.
    ///
    /// - Throws: `SolveError.unsupported` for `intersectMesh: 1`, rectangular potMod members (RAFT's rectangular
    ///   mesher makes duplicate panels with inward normals, spec 05 §8.1) or potMod members with no panel below
    ///   the waterline; `SolveError.unsupported` naming the member when the mesher cannot mesh it.
    /// - Parameter waterDepth: the site's depth h [m] for `settings.bem_depth: finite`, nil for deep water.
    /// - Throws: also `SolveError.unsupported` when a panel reaches the sea bed in finite depth.
    package init(members: [Member], platform: PlatformInput, grid: FrequencyGrid, waterDepth: Double? = nil) throws {
        let s = platform.bem
        if s.intersectMesh != 0 {
            throw SolveError.unsupported("platform.intersectMesh 1 (gmsh/meshmagick union mesh) is not supported; use intersectMesh: 0 (RAFT's per-member mesher) or WAMIT files with potModMaster: 3")
        }
        let potMembers = members.filter { $0.potMod && $0.part == .platform }
        if s.rectangularMesh == .raft, let rect = potMembers.first(where: { $0.shape == .rectangular }) {
            throw SolveError.unsupported("potential flow for the rectangular member '\(rect.name)': RAFT 2.0.4's rectangular panel mesher makes duplicate panels with inward normals, which no panel method can solve; set platform.rectangularMesh_BEM: closed (swift-raft's closed box mesher), potMod: false for it (strip theory) or give WAMIT files with potModMaster: 3")
        }
        // Bound the work before meshing: RAFT's mesher makes about ⌈L/dz⌉ + caps rings of up to 4π r/da panels.
        var estimate = 0.0
        for m in potMembers {
            let length = norm(m.rB0 - m.rA0), r = 0.5 * (m.sizes.map { $0.x }.max() ?? 0)
            let dz = s.dz == 0 ? length / 20 : s.dz, da = s.da == 0 ? r / 8 : s.da
            estimate += (length / max(dz, 1e-300) + 2 * r / max(0.6 * da, 1e-300) + 2) * (4 * Double.pi * r / max(da, 1e-300) + 8)
        }
        guard estimate <= Double(4 * Self.maxPanels) else {
            throw SolveError.unsupported("BEM mesh: dz_BEM \(s.dz) m and da_BEM \(s.da) m would give about \(Int(min(estimate, 1e15))) panels; the solver takes at most \(Self.maxPanels) (about 2 GB); increase dz_BEM/da_BEM")
        }
        let mesh: PanelMesh
        do { mesh = try MemberMesher.mesh(members: members, dz: s.dz, da: s.da, closedRectangles: s.rectangularMesh == .closed) } catch {
            throw SolveError.unsupported("BEM mesh: \(error.description)")
        }
        guard !mesh.panels.isEmpty else {
            throw SolveError.unsupported("the potential-flow (potMod) members \(potMembers.map { "'\($0.name)'" }.joined(separator: ", ")) have no panel below the waterline, so there is nothing for the BEM solver (RAFT: \"no panels to mesh\", then pyHAMS fails)")
        }
        guard mesh.panels.count <= Self.maxPanels else {
            throw SolveError.unsupported("BEM mesh: \(mesh.panels.count) panels with dz_BEM \(s.dz) m and da_BEM \(s.da) m; the solver takes at most \(Self.maxPanels) (about 2 GB); increase dz_BEM/da_BEM")
        }
        if let h = waterDepth, let zMin = mesh.nodes.map({ $0.z }).min(), zMin <= -h {
            throw SolveError.unsupported("BEM in finite depth (settings.bem_depth: finite): the potMod members reach z = \(zMin) m, at or below the sea bed at −\(h) m (site.water_depth); the panel method needs the hull clear of the bottom")
        }
        let omega = try Self.boundedFrequencies(grid: grid, minFreqHz: s.minFreqHz)
        if s.lid && waterDepth != nil {
            throw SolveError.unsupported("BEM irregular-frequency lid (platform.lid_BEM) in finite depth (settings.bem_depth: finite): the lid is implemented with the deep-water Green function only; use one of the two")
        }
        self.init(mesh: mesh, omega: omega, waterDepth: waterDepth, lid: s.lid)
        if lid { _ = try lidPanels() }   // reject a waterline the lid mesher cannot close before any solve
    }

    /// The lid panels (`WaterplaneLid`) when `lid` is set, else none.
    /// - Throws: `SolveError.unsupported` naming the waterline the lid mesher cannot close.
    package func lidPanels() throws -> [PanelGeometry] {
        guard lid else { return [] }
        do { return try WaterplaneLid.panels(closing: mesh.geometry) } catch {
            throw SolveError.unsupported("BEM irregular-frequency lid (platform.lid_BEM): \(error.description)")
        }
    }

    /// Largest panel count solved (influence matrices ≈ 56·N² bytes: 2 GB at 6,000 panels).
    package static let maxPanels = 6000
    /// Largest BEM frequency count.
    package static let maxFrequencies = 2000

    static func boundedFrequencies(grid: FrequencyGrid, minFreqHz: Double?) throws -> [Double] {
        let w = grid.omega
        let minFreq = minFreqHz ?? (w[1] - w[0]) / 2 / Double.pi
        let n = (w.max() ?? 0) / (2 * Double.pi * minFreq)
        guard n.isFinite, n <= Double(maxFrequencies) else {
            throw SolveError.unsupported("BEM frequencies: min_freq_BEM \(minFreq) Hz up to max_freq gives \(n.isFinite ? String(Int(n.rounded(.up))) : "too many") frequencies; at most \(maxFrequencies); increase platform.min_freq_BEM")
        }
        return raftFrequencies(grid: grid, minFreqHz: minFreqHz)
    }

    /// Exact bits of everything the result depends on (mesh nodes and connectivity, frequencies, headings, g,
    /// the depth model and the solver formulation's version).
    package var cacheKey: BEMCacheKey {
        var w: [UInt64] = [BEMCacheKey.formulationVersion, gravity.bitPattern, (waterDepth ?? Double.infinity).bitPattern,
                           UInt64(mesh.nodes.count), UInt64(mesh.panels.count), UInt64(omega.count), UInt64(headingsDeg.count)]
        for p in mesh.nodes { w += [p.x.bitPattern, p.y.bitPattern, p.z.bitPattern] }
        for p in mesh.panels { w.append(UInt64(p.count)); w += p.map { UInt64($0) } }
        w += omega.map { $0.bitPattern }
        w += headingsDeg.map { $0.bitPattern }
        // the lid (and its mesher's version) only when set, so the keys of RAFT's default runs are unchanged
        if lid { w += [0x4C49_4400_0000_0001] }
        return BEMCacheKey(words: w)
    }

    /// Solve (or take from the cache: the process memo, then `BEMCache.persistentStore`).
    /// - Parameters: workers: threads for the influence-matrix assembly; progress: called with (done, total)
    ///   frequencies (not called for a cached result).
    /// - Returns: the coefficients and whether they came from a cache.
    package func solve(workers: Int = ActiveProcessors.count,
                      progress: ((Int, Int) -> Void)? = nil) throws -> (coefficients: BEMCoefficients, cached: Bool) {
        let key = cacheKey
        // One solve at a time (each already uses every core): concurrent sweep variants with the same hull wait
        // for the first one's result instead of solving it again.
        BEMCache.shared.solveLock.lock()
        defer { BEMCache.shared.solveLock.unlock() }
        if let c = BEMCache.shared.lookup(key) { return (c, true) }
        let solver = BEMSolver(panels: mesh.geometry, gravity: gravity, workers: workers, depth: waterDepth, lid: try lidPanels())
        let c: BEMCoefficients
        do {
            c = try solver.solve(omega: omega, headingsDeg: headingsDeg, progress: { progress?($0, omega.count) })
        } catch {
            throw SolveError.unsupported("BEM solve on \(mesh.panels.count) panels failed: \(error)")
        }
        let finite = (c.addedMass + c.damping + [c.addedMassZero]).allSatisfy { $0.allSatisfy { $0.isFinite } }
            && c.excitation.allSatisfy { $0.allSatisfy { $0.allSatisfy { $0.real.isFinite && $0.imaginary.isFinite } } }
        guard finite else { throw SolveError.nonFinite("BEM coefficients on \(mesh.panels.count) panels (degenerate panels?)") }
        BEMCache.shared.insert(key, c)
        return (c, false)
    }
}

/// The exact bits a BEM result depends on (`BEMProblem.cacheKey`); equal keys give bit-identical results.
package struct BEMCacheKey: Hashable, Sendable {
    /// Bumped whenever the solver's numbers change, so stale disk entries are never used.
    static let formulationVersion: UInt64 = 2   // 2: half-mesh systems, tabulated J₀/J₁ (round-off-level changes)
    package let words: [UInt64]
    package init(words: [UInt64]) { self.words = words }
}

/// A persistent store of BEM results, injected by the caller (the `raft` CLI injects RAFTIO's `DiskBEMCache`).
/// A store must return a result only for exactly the key it was stored under.
package protocol BEMResultStore: Sendable {
    func load(_ key: BEMCacheKey) -> BEMCoefficients?
    func store(_ key: BEMCacheKey, _ coefficients: BEMCoefficients)
}

/// Process-wide memo of BEM results (a sweep rebuilds the same hull for every variant) in front of an optional
/// persistent store. Thread-safe; bounded.
package final class BEMCache: @unchecked Sendable {
    package static let shared = BEMCache()
    static let capacity = 16
    private let lock = MutexLock()
    /// Held by `BEMProblem.solve` around look-up and solve.
    let solveLock = MutexLock()
    private var entries: [BEMCacheKey: BEMCoefficients] = [:]
    private var persistent: (any BEMResultStore)?

    /// The persistent store consulted after the in-process memo (nil: none, the library default).
    package static var persistentStore: (any BEMResultStore)? {
        get { shared.lock.lock(); defer { shared.lock.unlock() }; return shared.persistent }
        set { shared.lock.lock(); shared.persistent = newValue; shared.lock.unlock() }
    }

    func lookup(_ key: BEMCacheKey) -> BEMCoefficients? {
        lock.lock()
        if let c = entries[key] { lock.unlock(); return c }
        let store = persistent
        lock.unlock()
        guard let c = store?.load(key) else { return nil }
        remember(key, c)
        return c
    }

    func insert(_ key: BEMCacheKey, _ c: BEMCoefficients) {
        remember(key, c)
        let store: (any BEMResultStore)? = { lock.lock(); defer { lock.unlock() }; return persistent }()
        store?.store(key, c)
    }

    private func remember(_ key: BEMCacheKey, _ c: BEMCoefficients) {
        lock.lock(); defer { lock.unlock() }
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = c
    }

    /// Forget the in-process memo (tests and benchmarks time cold solves).
    package func removeAll() { lock.lock(); defer { lock.unlock() }; entries.removeAll() }
}
