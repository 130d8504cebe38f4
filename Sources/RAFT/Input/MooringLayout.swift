/// A mooring line type (MoorPy `System.lineTypes` entry; spec 04 §1.1–1.2).
package struct LineType: Sendable, Equatable {
    package var name: String
    /// `d_vol`: volume-equivalent diameter [m].
    package var diameter: Double
    /// `m`: mass per unit length [kg/m].
    package var massDensity: Double
    /// `EA`: axial stiffness [N].
    package var stiffness: Double
    /// `Cd`, `Ca`, `CdAx`, `CaAx` (transverse/tangential drag and added mass; 0 when not given).
    package var transverseDrag: Double = 0, transverseAddedMass: Double = 0
    package var tangentialDrag: Double = 0, tangentialAddedMass: Double = 0
    /// `MBL` [N] and `cost` (YAML only; informational).
    package var breakingLoad: Double = 0, cost: Double = 0

    package init(name: String, diameter: Double, massDensity: Double, stiffness: Double) {
        self.name = name; self.diameter = diameter; self.massDensity = massDensity; self.stiffness = stiffness
    }

    /// Wet weight per length `w = (m − π/4·d²·ρ)·g` [N/m] (MoorPy recomputes it on every line solve).
    package func wetWeight(rho: Double, g: Double) -> Double {
        (massDensity - Double.pi / 4 * diameter * diameter * rho) * g
    }
}

/// How a mooring point is held, as written in the input (MoorPy's point `type` string rules).
package enum PointAttachment: Sendable, Equatable {
    /// `anchor`/`fixed`: fixed in space (MoorPy type 1 on the ground body).
    case fixed
    /// Fixed to body N (1-based), position relative to the body reference: YAML `vessel`/`fairlead` (body 1,
    /// created on first use) or `bodyN`; MoorDyn `BodyN`/`TurbineN`.
    case body(Int)
    /// MoorDyn `Vessel`/`Fairlead`/`Coupled`: a coupled point, re-attached by RAFT to the FOWT body with its
    /// absolute position as relative position (spec 04 §1.1).
    case coupled
    /// `free`/`connection`: a free point whose equilibrium is solved.
    case free
}

/// One mooring point from the input.
package struct MooringPointInput: Sendable, Equatable {
    /// MoorPy point number (YAML: list index + 1; MoorDyn: the ID column).
    package var number: Int
    package var name: String
    package var attachment: PointAttachment
    /// `location` [m]: absolute for fixed/free points, relative to the body reference for body points.
    package var location: Vec3
    /// Point mass [kg] and volume [m³].
    package var mass: Double = 0, volume: Double = 0
}

/// One body from a MoorDyn `BODIES` section.
package struct MooringBodyInput: Sendable, Equatable {
    package var number: Int
    /// `fair|coupled|ves` → coupled, `fix|anchor` → fixed, otherwise free.
    package var kind: DOFKind
    /// Reference position and orientation [m, rad].
    package var r6: [Double]
    /// Mass [kg] and volume [m³] (read, but unused: RAFT's bodies are coupled and only line loads count).
    package var mass: Double, volume: Double
}

/// One mooring line from the input.
package struct MooringLineInput: Sendable, Equatable {
    package var number: Int
    /// Index into `MooringLayout.lineTypes`.
    package var typeIndex: Int
    /// Indices (0-based, into `MooringLayout.points`) of the points at ends A and B.
    package var endA: Int, endB: Int
    /// Unstretched length [m].
    package var length: Double
    /// Number of segments (`nSegs`; 100 for YAML lines, `NumSegs` in MoorDyn files).
    package var segments: Int

    /// Most segments a line may have (lumped-mass models allocate per node and per frequency).
    package static let maxSegments = 10_000
}

/// Degree-of-freedom kind of a mooring body or point (MoorPy type 1 / 0 / −1).
package enum DOFKind: Sendable, Equatable {
    case fixed, free, coupled
}

/// The objects of a mooring system as read from YAML or a MoorDyn-style file, before MoorPy's assembly.
package struct MooringLayout: Sendable, Equatable {
    package var lineTypes: [LineType] = []
    package var bodies: [MooringBodyInput] = []
    package var points: [MooringPointInput] = []
    package var lines: [MooringLineInput] = []
    /// MoorDyn `OPTIONS` values used by MoorPy (nil when absent): depth [m], rho [kg/m³], g [m/s²].
    package var optionDepth: Double? = nil, optionRho: Double? = nil, optionG: Double? = nil

    package init() {}
}
