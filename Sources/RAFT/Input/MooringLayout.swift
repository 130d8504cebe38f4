/// A mooring line type (MoorPy `System.lineTypes` entry; spec 04 §1.1–1.2).
public struct LineType: Sendable, Equatable {
    public var name: String
    /// `d_vol`: volume-equivalent diameter [m].
    public var diameter: Double
    /// `m`: mass per unit length [kg/m].
    public var massDensity: Double
    /// `EA`: axial stiffness [N].
    public var stiffness: Double
    /// `Cd`, `Ca`, `CdAx`, `CaAx` (transverse/tangential drag and added mass; 0 when not given).
    public var transverseDrag: Double = 0, transverseAddedMass: Double = 0
    public var tangentialDrag: Double = 0, tangentialAddedMass: Double = 0
    /// `MBL` [N] and `cost` (YAML only; informational).
    public var breakingLoad: Double = 0, cost: Double = 0

    public init(name: String, diameter: Double, massDensity: Double, stiffness: Double) {
        self.name = name; self.diameter = diameter; self.massDensity = massDensity; self.stiffness = stiffness
    }

    /// Wet weight per length `w = (m − π/4·d²·ρ)·g` [N/m] (MoorPy recomputes it on every line solve).
    public func wetWeight(rho: Double, g: Double) -> Double {
        (massDensity - Double.pi / 4 * diameter * diameter * rho) * g
    }
}

/// How a mooring point is held, as written in the input (MoorPy's point `type` string rules).
public enum PointAttachment: Sendable, Equatable {
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
public struct MooringPointInput: Sendable, Equatable {
    /// MoorPy point number (YAML: list index + 1; MoorDyn: the ID column).
    public var number: Int
    public var name: String
    public var attachment: PointAttachment
    /// `location` [m]: absolute for fixed/free points, relative to the body reference for body points.
    public var location: Vec3
    /// Point mass [kg] and volume [m³].
    public var mass: Double = 0, volume: Double = 0
}

/// One body from a MoorDyn `BODIES` section.
public struct MooringBodyInput: Sendable, Equatable {
    public var number: Int
    /// `fair|coupled|ves` → coupled, `fix|anchor` → fixed, otherwise free.
    public var kind: DOFKind
    /// Reference position and orientation [m, rad].
    public var r6: [Double]
    /// Mass [kg] and volume [m³] (read, but unused: RAFT's bodies are coupled and only line loads count).
    public var mass: Double, volume: Double
}

/// One mooring line from the input.
public struct MooringLineInput: Sendable, Equatable {
    public var number: Int
    /// Index into `MooringLayout.lineTypes`.
    public var typeIndex: Int
    /// Indices (0-based, into `MooringLayout.points`) of the points at ends A and B.
    public var endA: Int, endB: Int
    /// Unstretched length [m].
    public var length: Double
    /// Number of segments (`nSegs`; 100 for YAML lines, `NumSegs` in MoorDyn files).
    public var segments: Int

    /// Most segments a line may have (lumped-mass models allocate per node and per frequency).
    public static let maxSegments = 10_000
}

/// Degree-of-freedom kind of a mooring body or point (MoorPy type 1 / 0 / −1).
public enum DOFKind: Sendable, Equatable {
    case fixed, free, coupled
}

/// The objects of a mooring system as read from YAML or a MoorDyn-style file, before MoorPy's assembly.
public struct MooringLayout: Sendable, Equatable {
    public var lineTypes: [LineType] = []
    public var bodies: [MooringBodyInput] = []
    public var points: [MooringPointInput] = []
    public var lines: [MooringLineInput] = []
    /// MoorDyn `OPTIONS` values used by MoorPy (nil when absent): depth [m], rho [kg/m³], g [m/s²].
    public var optionDepth: Double? = nil, optionRho: Double? = nil, optionG: Double? = nil

    public init() {}
}
