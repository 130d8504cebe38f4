/// A numeric result: a scalar, a vector or a row-major matrix (SI units; the owner names the quantity).
package enum ResultValue: Sendable, Equatable {
    case scalar(Double)
    case vector([Double])
    case matrix([[Double]])

    /// Every number, row-major.
    package var flattened: [Double] {
        switch self {
        case .scalar(let x): return [x]
        case .vector(let v): return v
        case .matrix(let m): return m.flatMap { $0 }
        }
    }
}

/// Named static properties of one FOWT, in RAFT's names and order (`M_struc`, `C_hydro`, `rCG`, …; spec 07 §5).
package struct FOWTProperties: Sendable {
    package var entries: [(name: String, value: ResultValue)]

    package init(entries: [(name: String, value: ResultValue)]) { self.entries = entries }

    /// The value named `name`, or nil.
    package subscript(name: String) -> ResultValue? { entries.first { $0.name == name }?.value }
}

/// One mooring line at a platform pose (MoorPy `Line` state after `solveEquilibrium`).
package struct MooringLineState: Sendable {
    /// Line index in the design's `mooring.lines` order.
    package var index: Int
    /// Line type name.
    package var type: String
    /// Unstretched length [m].
    package var length: Double
    /// End A and end B positions in the global frame [m].
    package var endA: [Double], endB: [Double]
    /// Effective tension at end A and end B [N].
    package var tensionA: Double, tensionB: Double
    /// Length resting on the seabed [m].
    package var lengthOnSeabed: Double
}

/// The mooring system of one FOWT at an absolute pose.
package struct MooringPoseReport: Sendable {
    /// Absolute platform pose [m, rad].
    package var pose: [Double]
    package var lines: [MooringLineState]
    /// Net mooring force and moment on the platform about the PRP [N, N·m].
    package var force: [Double]
    /// 6×6 mooring stiffness about the PRP [N/m, N/rad, N·m/m, N·m/rad].
    package var stiffness: [[Double]]
}
