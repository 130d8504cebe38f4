import Foundation

extension FlexibleFOWTStatics {
    /// RAFT `saveTurbineOutputs` channels of a flexible FOWT for one case with one wave train (spec 07 §2.1–2.3,
    /// §2.6): platform motions (rigid-body node 0 = PRP), mooring tensions (moorMod 0), rotor-node accelerations and
    /// flexible tower-base loads. Keys as RAFT's `case_metrics`; PSD arrays flattened row-major (`Tmoor_PSD` lines ×
    /// frequencies); complex `*_RA` as `*_RA_re` / `*_RA_im` over [nWaves + 1, nw] (the wind row is zero).
    func caseChannels(equilibrium eq: FlexibleEquilibrium, response xi: [Complex], members fm: FOWTMembers,
                      omega w: [Double], dw: Double, g: Double, mooring: inout MooringSystem?) throws -> [String: [Double]] {
        let nw = w.count, n = nDOF
        var out: [String: [Double]] = [:]
        func stats(_ name: String, avg: Double, rows: [[Complex]], ra: Bool = false) {
            let std = Statistics.rms(sources: rows)
            out["\(name)_avg"] = [avg]
            out["\(name)_std"] = [std]
            out["\(name)_max"] = [avg + 3 * std]
            out["\(name)_min"] = [avg - 3 * std]
            out["\(name)_PSD"] = Statistics.psd(sources: rows, dw: dw)
            if ra {
                let zero = [Double](repeating: 0, count: nw)
                out["\(name)_RA_re"] = rows.flatMap { $0.map(\.real) } + zero
                out["\(name)_RA_im"] = rows.flatMap { $0.map(\.imaginary) } + zero
            }
        }
        // platform motions (node 0 is the PRP, spec 07 §2.1)
        let names = ["surge", "sway", "heave", "roll", "pitch", "yaw"]
        let deg = 57.29577951308232
        var prp: [[Complex]] = []
        for d in 0..<6 {
            let s = d >= 3 ? deg : 1
            let row = (0..<nw).map { xi[d * nw + $0].multiplied(by: s) }
            prp.append((0..<nw).map { xi[d * nw + $0] })
            stats(names[d], avg: eq.x[d] * s, rows: [row], ra: true)
        }
        // full-DOF response at the mean pose: Xi_fullDOF = T·Xi
        let t2 = eq.t
        func full(_ row: Int) -> [Complex] {
            var r = [Complex](repeating: .zero, count: nw)
            for j in 0..<n {
                let c = t2[row, j]
                if c == 0 { continue }
                for m in 0..<nw { r[m] += xi[j * nw + m].multiplied(by: c) }
            }
            return r
        }
        // mooring tensions, moorMod 0: J·X_PRP (07 §2.2)
        if mooring != nil {
            guard mooring!.moorMod == 0 else { throw SolveError.unsupported("flexible FOWTs with moorMod \(mooring!.moorMod)") }
            let (tens, jac) = try mooring!.tensionsAndJacobian()
            let nd = jac.count / max(tens.count, 1)
            var std: [Double] = [], psd: [Double] = []
            for k in tens.indices {
                let row = (0..<nw).map { m in (0..<6).reduce(Complex.zero) { $0 + prp[$1][m].multiplied(by: jac[k * nd + $1]) } }
                std.append(Statistics.rms(sources: [row]))
                psd += Statistics.psd(sources: [row], dw: w[0])
            }
            out["Tmoor_avg"] = tens
            out["Tmoor_std"] = std
            out["Tmoor_max"] = zip(tens, std).map { $0 + 3 * $1 }
            out["Tmoor_min"] = zip(tens, std).map { $0 - 3 * $1 }
            out["Tmoor_PSD"] = psd
        }
        // rotor-node accelerations (07 §2.3)
        for (r, node) in graph.rotorNodes.enumerated() where r == 0 {
            let xi0 = eq.nodeDisplacements[node]
            let avgs = [abs(sin(xi0[4]) * g), abs(sin(xi0[3]) * g), abs(g)]
            for (k, name) in ["AxRNA", "AyRNA", "AzRNA"].enumerated() {
                let x = full(6 * node + k)
                stats(name, avg: avgs[k], rows: [(0..<nw).map { x[$0].multiplied(by: w[$0] * w[$0]) }])
            }
        }
        // flexible tower-base loads (07 §2.6)
        let (placed, _) = meanPose(eq, members: fm)
        if let m = fm.members.indices.first(where: { fm.members[$0].part == .tower }), fm.members[m].type == .beam {
            let ids = graph.memberNodes[m]
            let kf = try placed[m].beamStiffness()
            let xi0 = ids.flatMap { eq.nodeDisplacements[$0] }
            let rows = ids.flatMap { k in (0..<6).map { full(6 * k + $0) } }
            let base = graph.nodes[ids[0]].r0.z <= graph.nodes[ids[ids.count - 1]].r0.z ? 0 : ids.count - 1
            for (k, name) in ["FbaseX", "FbaseY", "FbaseZ", "MbaseX", "MbaseY", "MbaseZ"].enumerated() {
                let i = 6 * base + k
                var f0 = 0.0
                var f = [Complex](repeating: .zero, count: nw)
                for j in 0..<kf.size {
                    let c = kf[i, j]
                    if c == 0 { continue }
                    f0 -= c * xi0[j]
                    for mm in 0..<nw { f[mm] -= rows[j][mm].multiplied(by: c) }
                }
                stats(name, avg: f0, rows: [f])
            }
            for key in ["avg", "std", "max", "min", "PSD"] { out["Mbase_\(key)"] = out["MbaseY_\(key)"] }
        }
        return out
    }
}
