/// A 2×2 matrix in a line's catenary plane (x′ horizontal from end A toward end B, z up), row-major.
///
/// Used for MoorPy's `stiffnessA`, `stiffnessB`, `stiffnessBA` [N/m].
package struct PlanarStiffness: Equatable, Sendable {
    package var xx: Double, xz: Double, zx: Double, zz: Double

    @inlinable package init(_ xx: Double, _ xz: Double, _ zx: Double, _ zz: Double) {
        self.xx = xx; self.xz = xz; self.zx = zx; self.zz = zz
    }
    package static let zero = PlanarStiffness(0, 0, 0, 0)
    package static let nan = PlanarStiffness(.nan, .nan, .nan, .nan)

    @inlinable package static func diagonal(_ a: Double, _ b: Double) -> PlanarStiffness { PlanarStiffness(a, 0, 0, b) }
    @inlinable package static prefix func - (k: PlanarStiffness) -> PlanarStiffness { PlanarStiffness(-k.xx, -k.xz, -k.zx, -k.zz) }
    /// The same matrix with both off-diagonal terms negated (MoorPy's reverse/flip bookkeeping).
    @inlinable package var offDiagonalsNegated: PlanarStiffness { PlanarStiffness(xx, -xz, -zx, zz) }
    /// Matrix–vector product.
    @inlinable package func times(_ x: Double, _ z: Double) -> (Double, Double) { (xx * x + xz * z, zx * x + zz * z) }
}

/// MoorPy's catenary `ProfileType`: which closed form or iterative branch produced the solution.
package enum CatenaryProfile: Sendable, Equatable, CustomStringConvertible {
    /// 0: the whole line lies on a flat seabed.
    case onSeabed
    /// 1: fully suspended (no seabed contact).
    case suspended
    /// 2: part of the line on the seabed, non-zero anchor tension.
    case touchdown
    /// 3: part of the line on the seabed, zero anchor tension (seabed friction only).
    case touchdownSlackAnchor
    /// 4: fully slack, lying on the seabed and hanging vertically to end B.
    case slackHanging
    /// 5: fully slack U shape, both ends hanging, middle on the seabed.
    case slackU
    /// 6: vertical line without seabed contact.
    case vertical
    /// 7: partly on a sloped seabed (bathymetry only).
    case slopedTouchdown
    /// 8: entirely on a sloped seabed (bathymetry only).
    case slopedOnSeabed
    /// 'U': suspended between two ends off the seabed but touching it in the middle (two sub-catenaries).
    case uShapeContact
    /// −1: last resort, straight massless spring (taut).
    case straightSpring
    /// −2: last resort, bilinear shape with seabed contact (nearly taut).
    case bilinear

    /// MoorPy's code for the profile type (`"U"` for the U shape with contact).
    package var moorPyCode: String {
        switch self {
        case .onSeabed: return "0"
        case .suspended: return "1"
        case .touchdown: return "2"
        case .touchdownSlackAnchor: return "3"
        case .slackHanging: return "4"
        case .slackU: return "5"
        case .vertical: return "6"
        case .slopedTouchdown: return "7"
        case .slopedOnSeabed: return "8"
        case .uShapeContact: return "U"
        case .straightSpring: return "-1"
        case .bilinear: return "-2"
        }
    }
    package var description: String { "ProfileType \(moorPyCode)" }
}

/// Result of `Catenary.solve` (MoorPy `catenary` return tuple and `info`).
///
/// Forces are those ON the line ends in the catenary plane: x′ positive from end A toward end B, z positive up.
package struct CatenarySolution: Sendable, Equatable {
    /// `FxA`, `FzA`: force on end A [N].
    package var fxA: Double, fzA: Double
    /// `FxB`, `FzB`: force on end B [N].
    package var fxB: Double, fzB: Double
    /// `info['HF']`, `info['VF']`: the solved variables, possibly of the flipped/reversed problem [N].
    /// MoorPy keeps them as the warm start of the next solve of the same line.
    package var hf: Double, vf: Double
    /// `stiffnessA`: −∂(FxA, FzA)/∂(xA, zA) [N/m].
    package var stiffnessA: PlanarStiffness
    /// `stiffnessB`: −∂(FxB, FzB)/∂(xB, zB) [N/m].
    package var stiffnessB: PlanarStiffness
    /// `stiffnessBA`: force at one end due to motion of the other [N/m].
    package var stiffnessBA: PlanarStiffness
    /// `LBot`: unstretched length resting on the seabed [m].
    package var lBot: Double
    /// `ProfileType`.
    package var profile: CatenaryProfile
    /// `Zextreme`: extreme elevation of the line relative to end A [m].
    package var zExtreme: Double
    /// Node profile (`info['s'/'X'/'Z'/'Te']`), when requested with `nodeCount > 0`.
    package var nodes: CatenaryNodes? = nil
}
