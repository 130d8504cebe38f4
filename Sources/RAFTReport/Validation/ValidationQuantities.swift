#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import RAFTIO

/// A parsed quantity key: dot-separated segments, each a name with optional `[n]` selectors
/// (`case[0].fowt[0].Tmoor_avg[3]` → ("case",[0]), ("fowt",[0]), ("Tmoor_avg",[3])).
struct QuantityKey {
    struct Segment { var name: String; var selectors: [Int] }
    var segments: [Segment]

    init(_ key: String) throws {
        segments = []
        for part in key.split(separator: ".", omittingEmptySubsequences: false) {
            var name = "", selectors: [Int] = [], rest = Substring(part)
            if let open = rest.firstIndex(of: "[") { name = String(rest[..<open]); rest = rest[open...] } else { name = String(rest); rest = "" }
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]"),
                      let n = Int(rest[rest.index(after: rest.startIndex)..<close]), n >= 0 else {
                    throw ValidationKeyError(description: "malformed key '\(key)': expected name[index] segments")
                }
                selectors.append(n)
                rest = rest[rest.index(after: close)...]
            }
            guard !name.isEmpty else { throw ValidationKeyError(description: "malformed key '\(key)': empty segment") }
            segments.append(Segment(name: name, selectors: selectors))
        }
    }

    /// Apply `[k]` selectors to a flat vector (one selector) or a row-major matrix with `columns` (two).
    static func select(_ values: [Double], _ sel: [Int], columns: Int? = nil, key: String) throws -> [Double] {
        switch sel.count {
        case 0: return values
        case 1:
            guard sel[0] < values.count else { throw ValidationKeyError(description: "'\(key)': index \(sel[0]) out of range (\(values.count) values)") }
            return [values[sel[0]]]
        case 2 where columns != nil:
            let n = columns ?? 1, i = sel[0] * n + sel[1]
            guard sel[1] < n, i < values.count else { throw ValidationKeyError(description: "'\(key)': index out of range") }
            return [values[i]]
        default: throw ValidationKeyError(description: "'\(key)': too many indices")
        }
    }
}

/// Quantities of a design run (`RunResult`) and of the body-statics hook.
enum DesignQuantities {
    static func resolve(_ key: String, run r: RunResult) throws -> ResolvedValue {
        let k = try QuantityKey(key)
        let s = k.segments
        func eigen(_ e: EigenResult, _ seg: QuantityKey.Segment) throws -> [Double] {
            switch seg.name {
            case "fn_Hz": return try QuantityKey.select(e.frequenciesHz, seg.selectors, key: key)
            case "T_s": return try QuantityKey.select(e.periodsS, seg.selectors, key: key)
            default: throw ValidationKeyError(description: "'\(key)': expected fn_Hz or T_s after '\(s[0].name)'")
            }
        }
        switch s[0].name {
        case "unloaded":
            guard let u = r.unloaded else { throw ValidationKeyError(description: "'\(key)': the run has no unloaded analysis (farm design?)") }
            guard s.count == 2 else { throw ValidationKeyError(description: "'\(key)': expected unloaded.fn_Hz, unloaded.T_s or unloaded.offset") }
            if s[1].name == "offset" { return ResolvedValue(values: try QuantityKey.select(u.offset, s[1].selectors, key: key)) }
            return ResolvedValue(values: try eigen(u.eigen, s[1]))
        case "eigen_after_cases":
            guard let e = r.eigenAfterCases, s.count == 2 else { throw ValidationKeyError(description: "'\(key)': no eigen analysis after the cases") }
            return ResolvedValue(values: try eigen(e, s[1]))
        case "case":
            guard s[0].selectors.count == 1 else { throw ValidationKeyError(description: "'\(key)': expected case[i]") }
            let i = s[0].selectors[0]
            guard let c = r.cases.first(where: { $0.index == i }) else {
                throw ValidationKeyError(description: "'\(key)': the run has \(r.cases.count) cases, no case \(i)")
            }
            var rest = Array(s.dropFirst())
            var j = 0
            if rest.first?.name == "fowt" {
                guard rest[0].selectors.count == 1 else { throw ValidationKeyError(description: "'\(key)': expected fowt[j]") }
                j = rest[0].selectors[0]
                rest.removeFirst()
            }
            guard j < c.fowts.count else { throw ValidationKeyError(description: "'\(key)': case \(i) has \(c.fowts.count) FOWTs") }
            guard rest.count == 1 else { throw ValidationKeyError(description: "'\(key)': expected case[i].<metric>") }
            let m = c.fowts[j].metrics, name = rest[0].name
            if let v = m[name] { return ResolvedValue(values: try QuantityKey.select(v.values, rest[0].selectors, key: key)) }
            if let p = m.psd(name) {
                guard rest[0].selectors.isEmpty else { throw ValidationKeyError(description: "'\(key)': select PSD points with \"indices\"") }
                return ResolvedValue(values: p, hz: r.grid.hz)
            }
            if name == "r6" { return ResolvedValue(values: try QuantityKey.select(c.fowts[j].r6, rest[0].selectors, key: key)) }
            throw ValidationKeyError(description: "'\(key)': case \(i) FOWT \(j) has no metric or PSD named '\(name)'")
        default:
            throw ValidationKeyError(description: "'\(key)': unknown quantity (expected unloaded.*, eigen_after_cases.*, case[i].*, statics.*)")
        }
    }

    static func resolveStatics(_ key: String, _ st: FloatingBodyStatics) throws -> ResolvedValue {
        let k = try QuantityKey(key)
        guard k.segments.count == 1 else { throw ValidationKeyError(description: "'\(key)': unknown statics quantity") }
        let seg = k.segments[0]
        let v: [Double]
        switch seg.name {
        case "volume": v = [st.volume]
        case "buoyancy": v = [st.buoyancy]
        case "mass": v = [st.mass]
        case "substructure_mass": v = [st.substructureMass]
        // Total pitch restoring of a free body: C_hydro[4][4] − m·g·z_G (hydrostatic + gravity terms).
        case "C55_total": v = [st.hydrostaticStiffness[4, 4] - st.mass * st.gravity * st.centerOfGravity.z]
        case "zG": v = [st.centerOfGravity.z]
        case "zB": v = [st.centerOfBuoyancy.z]
        case "waterplane_area": v = [st.waterplaneArea]
        case "C_hydro": return ResolvedValue(values: try QuantityKey.select(st.hydrostaticStiffness.storage, seg.selectors, columns: 6, key: key))
        default: throw ValidationKeyError(description: "'\(key)': unknown statics quantity (volume, buoyancy, mass, substructure_mass, zG, zB, waterplane_area, C_hydro[r][c], C55_total)")
        }
        return ResolvedValue(values: try QuantityKey.select(v, seg.selectors, key: key))
    }
}

/// The 1-DOF mass–spring–damper solved per frequency with `FrequencyDomainSolver` (n = 1, unit force).
struct OscillatorResponse {
    var omega: [Double]
    var response: [Complex]

    init(parameters p: [String: [Double]]) throws {
        guard let m = p["mass"]?.first, let c = p["damping"]?.first, let k = p["stiffness"]?.first, let w = p["omega_rad_s"], !w.isEmpty else {
            throw ValidationKeyError(description: "oscillator parameters need mass, damping, stiffness and omega_rad_s")
        }
        var sys = LinearSystem(n: 1, omega: w)
        for j in w.indices { sys.mass[j] = m; sys.damping[j] = c }
        sys.stiffness[0] = k
        let solver = FrequencyDomainSolver(n: 1)
        var x: [Complex] = []
        try solver.solve(sys, extraDamping: nil, force: [Complex](repeating: Complex(1, 0), count: w.count), into: &x)
        omega = w
        response = x
    }

    func resolve(_ key: String) throws -> ResolvedValue {
        let hz = omega.map { $0 / (2 * Double.pi) }
        switch key {
        case "H_abs": return ResolvedValue(values: response.map { $0.length }, hz: hz)
        case "H_re": return ResolvedValue(values: response.map { $0.real }, hz: hz)
        case "H_im": return ResolvedValue(values: response.map { $0.imaginary }, hz: hz)
        case "H_phase_deg": return ResolvedValue(values: response.map { atan2($0.imaginary, $0.real) * 180 / Double.pi }, hz: hz)
        default: throw ValidationKeyError(description: "'\(key)': oscillator quantities are H_abs, H_re, H_im, H_phase_deg")
        }
    }
}

/// A single catenary line through the mooring hook.
enum CatenaryQuantities {
    static func resolve(_ key: String, parameters p: [String: [Double]],
                        hook: (@Sendable (CatenaryLineCase) throws -> CatenaryEndForces)?) throws -> ResolvedValue {
        guard let hook else { throw ValidationPending(description: "pending: the catenary hook (ValidationHooks.catenary) is not wired yet") }
        guard let xf = p["XF"]?.first, let zf = p["ZF"]?.first, let l = p["L"]?.first, let w = p["w"]?.first, let ea = p["EA"]?.first else {
            throw ValidationKeyError(description: "catenary parameters need XF, ZF, L, w, EA (and optionally CB)")
        }
        let s = try hook(CatenaryLineCase(horizontalSpan: xf, verticalSpan: zf, length: l, weightPerLength: w,
                                         axialStiffness: ea, seabedFriction: p["CB"]?.first ?? 0))
        switch key {
        case "HF": return ResolvedValue(values: [s.fairleadHorizontal])
        case "VF": return ResolvedValue(values: [s.fairleadVertical])
        case "HA": return ResolvedValue(values: [s.anchorHorizontal])
        case "VA": return ResolvedValue(values: [s.anchorVertical])
        default: throw ValidationKeyError(description: "'\(key)': catenary quantities are HF, VF, HA, VA")
        }
    }
}
