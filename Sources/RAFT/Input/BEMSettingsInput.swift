/// Panel-mesh and BEM settings of the `platform` section (RAFT `FOWT.__init__` / `calcBEM`, spec 05 §1, §8).
package struct BEMSettingsInput: Sendable, Equatable {
    /// `min_freq_BEM`: first frequency and step of the BEM grid [Hz]; nil = RAFT's `settings.min_freq`.
    package var minFreqHz: Double?
    /// `dz_BEM`: target axial panel size [m] (RAFT default 3; 0 = member length / 20).
    package var dz: Double
    /// `da_BEM`: target azimuthal (circular) or width (rectangular) panel size [m] (default 2; 0 = max radius / 8).
    package var da: Double
    /// `intersectMesh`: 0 = RAFT's per-member mesher (supported); 1 = gmsh union (not supported).
    package var intersectMesh: Int

    package init(minFreqHz: Double? = nil, dz: Double = 3, da: Double = 2, intersectMesh: Int = 0) {
        self.minFreqHz = minFreqHz; self.dz = dz; self.da = da; self.intersectMesh = intersectMesh
    }

    init(platform node: YAMLNode) throws(InputError) {
        minFreqHz = try node.optional("min_freq_BEM")?.double("a frequency step in Hz")
        if let f = minFreqHz, !(f > 0) { throw (node["min_freq_BEM"] ?? node).error("expected a positive frequency in Hz, got \(f)") }
        dz = try node.double("dz_BEM", default: 3.0, "an axial panel size in m")
        da = try node.double("da_BEM", default: 2.0, "an azimuthal panel size in m")
        for (key, v) in [("dz_BEM", dz), ("da_BEM", da)] where !(v >= 0) || !v.isFinite {
            throw (node[key] ?? node).error("expected a panel size >= 0 in m (0 = RAFT's default), got \(v)")
        }
        intersectMesh = try node.int("intersectMesh", default: 0, "0 or 1")
        guard intersectMesh == 0 || intersectMesh == 1 else {
            throw (node["intersectMesh"] ?? node).error("expected 0 or 1, got \(intersectMesh)")
        }
    }
}
