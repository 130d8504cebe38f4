/// A numeric result: a scalar, a vector or a row-major matrix (SI units; the owner names the quantity).
public enum ResultValue: Sendable, Equatable {
    case scalar(Double)
    case vector([Double])
    case matrix([[Double]])

    /// Every number, row-major.
    public var flattened: [Double] {
        switch self {
        case .scalar(let x): return [x]
        case .vector(let v): return v
        case .matrix(let m): return m.flatMap { $0 }
        }
    }
}

/// Named static properties of one FOWT, in RAFT's names and order (`M_struc`, `C_hydro`, `rCG`, …; spec 07 §5).
public struct FOWTProperties: Sendable {
    public var entries: [(name: String, value: ResultValue)]

    public init(entries: [(name: String, value: ResultValue)]) { self.entries = entries }

    /// The value named `name`, or nil.
    public subscript(name: String) -> ResultValue? { entries.first { $0.name == name }?.value }
}

/// One mooring line at a platform pose (MoorPy `Line` state after `solveEquilibrium`).
public struct MooringLineState: Sendable {
    /// Line index in the design's `mooring.lines` order.
    public var index: Int
    /// Line type name.
    public var type: String
    /// Unstretched length [m].
    public var length: Double
    /// End A and end B positions in the global frame [m].
    public var endA: [Double], endB: [Double]
    /// Effective tension at end A and end B [N].
    public var tensionA: Double, tensionB: Double
    /// Length resting on the seabed [m].
    public var lengthOnSeabed: Double
}

/// The mooring system of one FOWT at an absolute pose.
public struct MooringPoseReport: Sendable {
    /// Absolute platform pose [m, rad].
    public var pose: [Double]
    public var lines: [MooringLineState]
    /// Net mooring force and moment on the platform about the PRP [N, N·m].
    public var force: [Double]
    /// 6×6 mooring stiffness about the PRP [N/m, N/rad, N·m/m, N·m/rad].
    public var stiffness: [[Double]]
}
