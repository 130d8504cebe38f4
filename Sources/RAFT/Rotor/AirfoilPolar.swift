/// An airfoil polar resampled on RAFT's fixed 200-point angle-of-attack grid (spec 03 §3.1).
struct AirfoilPolar: Sendable {
    /// RAFT's grid [deg]: unique(linspace(−180,−30,51) ∪ linspace(−30,30,100) ∪ linspace(30,180,51)).
    static let angleGrid: [Double] = {
        let all = numpyLinspace(-180, -30, 51) + numpyLinspace(-30, 30, 100) + numpyLinspace(30, 180, 51)
        return Array(Set(all)).sorted()
    }()
    /// The grid in radians (numpy deg2rad).
    static let angleGridRad: [Double] = angleGrid.map { $0 * 0.017453292519943295 }

    var cl: [Double]
    var cd: [Double]
    var cm: [Double]

    /// Resample `[aoa_deg, cl, cd, cm, …]` rows with numpy interp and make the −180° value equal the +180° one.
    init(table: [[Double]]) {
        let aoa = table.map { $0[0] }
        func column(_ j: Int) -> [Double] {
            let f = table.map { $0[j] }
            var c = Self.angleGrid.map { numpyInterp($0, aoa, f) }
            if abs(c[0] - c[c.count - 1]) > 1.0e-5 { c[0] = c[c.count - 1] }
            return c
        }
        cl = column(1); cd = column(2); cm = column(3)
    }

    init(cl: [Double], cd: [Double], cm: [Double]) { self.cl = cl; self.cd = cd; self.cm = cm }
}
