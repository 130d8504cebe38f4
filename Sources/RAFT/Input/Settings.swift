/// `settings` section (spec 01 §3). Frequencies in Hz as in the YAML.
package struct Settings: Sendable, Equatable {
    /// First frequency and frequency step, `min_freq` [Hz].
    package var minFreqHz: Double = 0.01
    /// Last frequency, `max_freq` [Hz].
    package var maxFreqHz: Double = 1.0
    /// Initial response amplitude for the drag-linearisation loop, `XiStart` [m, rad].
    package var xiStart: Double = 0.1
    /// Drag-linearisation iterations, `nIter` (the loop runs at most nIter + 1 times).
    package var nIter: Int = 15
    /// `staticsMod`: 0 linear hydrostatics about the reference pose, 1 re-evaluated.
    package var staticsMod: Int = 0
    /// `forcingsMod` (RAFT reads this spelling; the documented `forcingMod` has no effect, spec 01 P1).
    package var forcingsMod: Int = 0
    /// `flexible_formulation` (swift-raft only): how the statics of flexible (beam) FOWTs carry the weight and
    /// buoyancy geometric stiffness; `raft` (default) reproduces RAFT 2.0.4, `consistent` reduces to the rigid model.
    package var flexibleFormulation: FlexibleFormulation = .raft
    /// `dragTolerance` (swift-raft only): convergence threshold of the drag-linearisation loop, used by RAFT both as
    /// the relative change and as the absolute floor, `|X − X_last| / (|X| + tol) < tol` [-]. RAFT 2.0.4 hard-codes
    /// 0.01 (the default). Smaller values (with a larger `nIter`) make results smooth functions of the design, which
    /// finite-difference sensitivities need: at 1 % a tiny design change can change the number of passes and move a
    /// standard deviation by up to about the tolerance.
    package var dragTolerance: Double = 0.01
    /// `bem_depth` (swift-raft only): the water depth of the native panel method. `deep` (default) is what RAFT 2.0.4's
    /// pyHAMS runs use (infinite depth whatever `site.water_depth` is, spec 05 pitfall 1); `finite` uses
    /// `site.water_depth` (finite-depth Green function and incident wave).
    package var bemDepth: BEMDepthModel = .deep

    package init() {}

    static let knownKeys: Set<String> = ["min_freq", "max_freq", "XiStart", "nIter", "staticsMod", "forcingsMod",
                                         "flexible_formulation", "dragTolerance", "bem_depth"]

    package init(node: YAMLNode?, diagnostics: inout Diagnostics) throws(InputError) {
        guard let node, !node.isNull else { return }
        _ = try node.requireMap("the settings section (a mapping)")
        minFreqHz = try node.double("min_freq", default: 0.01, "the first frequency and step in Hz")
        maxFreqHz = try node.double("max_freq", default: 1.0, "the last frequency in Hz")
        xiStart = try node.double("XiStart", default: 0.1)
        nIter = try node.int("nIter", default: 15, "a number of iterations")
        staticsMod = try node.int("staticsMod", default: 0, "0 or 1")
        forcingsMod = try node.int("forcingsMod", default: 0, "0 or 1")
        dragTolerance = try node.double("dragTolerance", default: 0.01, "a convergence tolerance between 0 and 1")
        if let f = node["flexible_formulation"] {
            let name = try f.string("raft or consistent")
            guard let v = FlexibleFormulation(rawValue: name) else {
                throw f.error("expected raft or consistent, got '\(name)'")
            }
            flexibleFormulation = v
        }
        if let d = node["bem_depth"] {
            let name = try d.string("deep or finite")
            guard let v = BEMDepthModel(rawValue: name) else {
                throw d.error("expected deep (infinite depth, as RAFT's pyHAMS runs) or finite (site.water_depth), got '\(name)'")
            }
            bemDepth = v
        }
        if minFreqHz <= 0 { throw node["min_freq"]!.error("expected a positive frequency in Hz, got \(minFreqHz)") }
        if maxFreqHz < minFreqHz {
            throw (node["max_freq"] ?? node).error("expected max_freq ≥ min_freq (\(minFreqHz) Hz), got \(maxFreqHz)")
        }
        let n = (maxFreqHz + 0.5 * minFreqHz - minFreqHz) / minFreqHz
        if !(n < 100_000) {
            throw (node["min_freq"] ?? node).error("min_freq \(minFreqHz) Hz to max_freq \(maxFreqHz) Hz gives \(n.rounded(.up)) frequencies; at most 100000 are supported")
        }
        try (node["XiStart"] ?? node).check(xiStart, .nonNegative, "a starting response amplitude")
        if !(dragTolerance > 0 && dragTolerance < 1) {
            throw node["dragTolerance"]!.error("expected a convergence tolerance between 0 and 1 (exclusive), got \(dragTolerance)")
        }
        if nIter < 0 { throw node["nIter"]!.error("expected a non-negative number of iterations, got \(nIter)") }
        if node.has("forcingMod") {
            diagnostics.warn(node["forcingMod"]!, "RAFT reads 'forcingsMod' (with an s); 'forcingMod' has no effect")
        }
        node.warnUnknownKeys(Settings.knownKeys.union(["forcingMod"]), &diagnostics)
    }
}

/// Geometric-stiffness formulation of flexible FOWTs (`settings.flexible_formulation`).
package enum FlexibleFormulation: String, Sendable, Equatable, CaseIterable {
    /// RAFT 2.0.4: rigid links carry only the loads applied at their own end nodes (plus each beam's weight and
    /// buoyancy at its free end); loads that reach a link through a beam get no geometric stiffness there.
    case raft
    /// Every rigid link and beam segment carries the weight/buoyancy of everything beyond it (the spanning tree
    /// from the PRP node); with stiff beams this gives the rigid model's statics.
    case consistent
}

/// Water depth of the native panel method (`settings.bem_depth`).
package enum BEMDepthModel: String, Sendable, Equatable, CaseIterable {
    /// Infinite depth, as RAFT 2.0.4 runs pyHAMS (default).
    case deep
    /// `site.water_depth`: finite-depth Green function and incident wave.
    case finite
}

/// `site` section (spec 01 §4).
package struct Site: Sendable, Equatable {
    /// `water_depth` [m] (required).
    package var waterDepth: Double
    /// `rho_water` [kg/m³].
    package var rhoWater: Double = 1025
    /// `g` [m/s²] (wave numbers and MoorPy always use 9.81).
    package var g: Double = 9.81
    /// `shearExp_water`: power-law exponent of the current profile.
    package var shearExpWater: Double = 0.12
    /// `rho_air` [kg/m³].
    package var rhoAir: Double = 1.225
    /// `mu_air` [Pa·s].
    package var muAir: Double = 1.81e-5
    /// `shearExp_air`: wind shear exponent.
    package var shearExpAir: Double = 0.12
    /// `mu_water` [Pa·s].
    package var muWater: Double = 1.0e-3

    static let knownKeys: Set<String> = ["water_depth", "rho_water", "g", "shearExp_water", "rho_air", "mu_air",
                                         "shearExp_air", "mu_water", "shearExp"]

    package init(waterDepth: Double) { self.waterDepth = waterDepth }

    package init(node: YAMLNode, diagnostics: inout Diagnostics) throws(InputError) {
        _ = try node.requireMap("the site section (a mapping with water_depth, ...)")
        waterDepth = try node.double(key: "water_depth", "the water depth in m")
        if waterDepth <= 0 { throw node["water_depth"]!.error("expected a positive water depth in m, got \(waterDepth)") }
        rhoWater = try node.double("rho_water", default: 1025, "a density in kg/m^3")
        g = try node.double("g", default: 9.81, "gravity in m/s^2")
        shearExpWater = try node.double("shearExp_water", default: 0.12)
        rhoAir = try node.double("rho_air", default: 1.225, "a density in kg/m^3")
        muAir = try node.double("mu_air", default: 1.81e-5, "a dynamic viscosity in Pa·s")
        shearExpAir = try node.double("shearExp_air", default: 0.12)
        muWater = try node.double("mu_water", default: 1.0e-3, "a dynamic viscosity in Pa·s")
        for (key, value) in [("rho_water", rhoWater), ("g", g)] where value <= 0 {
            throw node[key]!.error("expected a positive value, got \(value)")
        }
        if rhoAir < 0 { throw node["rho_air"]!.error("expected a non-negative air density, got \(rhoAir)") }
        try (node["mu_air"] ?? node).check(muAir, .nonNegative, "a dynamic viscosity of air in Pa·s")
        try (node["mu_water"] ?? node).check(muWater, .nonNegative, "a dynamic viscosity of water in Pa·s")
        // Power-law profiles (z/z_ref)^α: beyond |α| = 1 they overflow or vanish over a rotor or a draft.
        try (node["shearExp_air"] ?? node).check(shearExpAir, .closed(-1, 1), "a wind shear exponent")
        try (node["shearExp_water"] ?? node).check(shearExpWater, .closed(-1, 1), "a current shear exponent")
        node.warnUnknownKeys(Site.knownKeys, &diagnostics)
    }
}
