import RAFT
import RAFTIO

/// RAFT's `results` layout built from swift-raft's typed results, with RAFT's names, shapes and units.
enum RAFTResults {
    /// Motion channels and the sea-state spectra: one PSD per FOWT, shape `[nw]` in RAFT.
    static let oneDimensionalPSDs: Set<String> = [
        "wave_PSD", "wind_PSD", "surge_PSD", "sway_PSD", "heave_PSD", "roll_PSD", "pitch_PSD", "yaw_PSD",
    ]

    /// One FOWT's (or the shared mooring's) `case_metrics` entry: statistics as numbers (motions) or arrays (per
    /// rotor, per line end); `Tmoor_PSD` as `[line ends, nw]`; per-rotor PSDs as `[nw, rotors]`; motion PSDs `[nw]`.
    static func caseMetrics(_ m: CaseMetrics, nw: Int, into p: PackedResult) -> JSONValue {
        var out: [(String, JSONValue)] = []
        for (key, value) in m.values {
            switch value {
            case .scalar(let x): out.append((key, .number(x)))
            case .vector(let v): out.append((key, p.vector(v)))
            }
        }
        var tmoor: [[Double]] = []
        var perRotor: [(name: String, columns: [[Double]])] = []
        for (key, values) in m.psd {
            if key.hasPrefix("Tmoor"), key.hasSuffix("_PSD"), Int(key.dropFirst(5).dropLast(4)) != nil {
                tmoor.append(values)
            } else if oneDimensionalPSDs.contains(key) {
                out.append((key, p.vector(values)))
            } else {
                // `<name>_PSD` (one rotor) or `<name>_PSD_r<k>` (several rotors)
                let name: String
                if let r = key.range(of: "_PSD_r"), Int(key[r.upperBound...]) != nil { name = String(key[..<r.lowerBound]) + "_PSD" } else { name = key }
                if let i = perRotor.firstIndex(where: { $0.name == name }) { perRotor[i].columns.append(values) } else { perRotor.append((name, [values])) }
            }
        }
        for (name, columns) in perRotor {
            let nr = columns.count
            var flat = [Double](repeating: 0, count: nw * nr)
            for (r, c) in columns.enumerated() where c.count == nw { for j in 0..<nw { flat[j * nr + r] = c[j] } }
            out.append((name, p.array(flat, shape: [nw, nr])))
        }
        // `<dof>_RA`: response amplitudes per excitation source [sources, nw], complex (RAFT's layout)
        for (key, sources) in m.responseAmplitudes where sources.allSatisfy({ $0.count == nw }) {
            out.append((key, p.complexArray(sources)))
        }
        if !tmoor.isEmpty, tmoor.allSatisfy({ $0.count == nw }) {
            out.append(("Tmoor_PSD", p.array(tmoor.flatMap { $0 }, shape: [tmoor.count, nw])))
        }
        return .object(out)
    }

    /// `results['case_metrics']` as a list over cases of lists over FOWTs (plus `array_mooring` per case, keyed
    /// by the string in the JSON; the Python side turns each case into RAFT's dict `{0: ..., 1: ..., 'array_mooring': ...}`).
    static func cases(_ cases: [CaseResult], nw: Int, into p: PackedResult) -> JSONValue {
        .array(cases.map { c in
            var o: [(String, JSONValue)] = [
                ("fowts", .array(c.fowts.map { caseMetrics($0.metrics, nw: nw, into: p) })),
                ("r6", .array(c.fowts.map { p.vector($0.r6) })),
            ]
            if let am = c.arrayMooring { o.append(("array_mooring", caseMetrics(am, nw: nw, into: p))) }
            return .object(o)
        })
    }

    /// `results['properties']` of one FOWT: swift-raft's property names (`M_struc`, `C_hydro`, `rCG`, ...), plus
    /// RAFT's `calcOutputs` names where they are the same quantity.
    static func properties(_ props: FOWTProperties, rho: Double, g: Double, into p: PackedResult) -> JSONValue {
        var out: [(String, JSONValue)] = []
        func put(_ key: String, _ v: ResultValue) {
            switch v {
            case .scalar(let x): out.append((key, .number(x)))
            case .vector(let xs): out.append((key, p.vector(xs)))
            case .matrix(let rows): out.append((key, p.matrix(rows)))
            }
        }
        for (name, v) in props.entries { put(name, v) }
        // RAFT `calcOutputs` names (raft_model.py results['properties']) of the same quantities
        let aliases: [(String, String)] = [
            ("tower mass", "mtower"), ("tower CG", "rCG_tow"), ("substructure mass", "m_sub"), ("substructure CG", "rCG_sub"),
            ("shell mass", "m_shell"), ("ballast mass", "m_ballast"), ("ballast densities", "pb"), ("total CG", "rCG"),
            ("center of buoyancy", "rCB"), ("C hydrostatic", "C_hydro"), ("F_lines0", "F_moor0"), ("C_lines0", "C_moor0"),
            ("M support structure", "M_struc_sub"),
        ]
        for (raftName, ours) in aliases where props[raftName] == nil { if let v = props[ours] { put(raftName, v) } }
        if props["total mass"] == nil, case .matrix(let m)? = props["M_struc"], !m.isEmpty { out.append(("total mass", .number(m[0][0]))) }
        if props["buoyancy (pgV)"] == nil, case .scalar(let v)? = props["V"] { out.append(("buoyancy (pgV)", .number(rho * g * v))) }
        if case .vector(let i)? = props["Ixx_Iyy_Izz_sub_about_subCG"], i.count == 3 {
            out.append(("roll inertia at subCG", .number(i[0])))
            out.append(("pitch inertia at subCG", .number(i[1])))
            out.append(("yaw inertia at subCG", .number(i[2])))
        }
        // 'C support structure' = C_struc_sub + C_hydro + C_moor0, 'C system' = C_struc + C_hydro + C_moor0 (rigid: 6×6)
        for (raftName, structural) in [("C support structure", "C_struc_sub"), ("C system", "C_struc")] {
            if case .matrix(let a)? = props[structural], case .matrix(let b)? = props["C_hydro"], case .matrix(let c)? = props["C_moor0"],
               a.count == 6, b.count == 6, c.count == 6 {
                var sum = a
                for r in 0..<6 { for k in 0..<6 { sum[r][k] += b[r][k] + c[r][k] } }
                put(raftName, .matrix(sum))
            }
        }
        return .object(out)
    }
}
