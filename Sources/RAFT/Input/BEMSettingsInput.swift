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
    /// `lid_BEM` (swift-raft only): remove the irregular frequencies with a lid on the interior waterplane of the
    /// surface-piercing potMod members (`BEMLidSystem`). Default false, as RAFT/pyHAMS.
    package var lid: Bool
    /// `rectangularMesh_BEM` (swift-raft only): how rectangular potMod members are meshed.
    package var rectangularMesh: RectangularMesh

    /// Mesher for rectangular potMod members.
    package enum RectangularMesh: String, Sendable, Equatable, CaseIterable {
        /// RAFT 2.0.4's mesher (duplicate, inward-facing panels): the panel method rejects such members.
        case raft
        /// A closed box mesh with outward normals and no duplicates (`MemberMesher.addClosedRectangular`).
        case closed
    }

    package init(minFreqHz: Double? = nil, dz: Double = 3, da: Double = 2, intersectMesh: Int = 0, lid: Bool = false,
                 rectangularMesh: RectangularMesh = .raft) {
        self.minFreqHz = minFreqHz; self.dz = dz; self.da = da; self.intersectMesh = intersectMesh
        self.lid = lid; self.rectangularMesh = rectangularMesh
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
        lid = try node.bool("lid_BEM", default: false)
        rectangularMesh = .raft
        if let r = node["rectangularMesh_BEM"] {
            let name = try r.string("raft or closed")
            guard let v = RectangularMesh(rawValue: name) else { throw r.error("expected raft or closed, got '\(name)'") }
            rectangularMesh = v
        }
    }
}
