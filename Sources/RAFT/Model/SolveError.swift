/// A physics failure: the design or case cannot be solved as asked.
public enum SolveError: Error, CustomStringConvertible, Sendable {
    /// The system has no stable equilibrium or non-positive restoring/inertia (e.g. a free vertical cylinder).
    case unstable(String)
    /// The static equilibrium iteration did not converge.
    case staticsNotConverged(iterations: Int, residual: Double, detail: String)
    /// The impedance matrix is singular at a frequency.
    case singularSystem(omegaRadPerS: Double, detail: String)
    /// A NaN or infinity appeared in a result.
    case nonFinite(String)
    /// A feature the design asks for is not supported yet.
    case unsupported(String)

    public var description: String {
        switch self {
        case .unstable(let s): return "unstable system: \(s)"
        case .staticsNotConverged(let n, let r, let d):
            return r.isNaN ? "static equilibrium did not converge after \(n) evaluations: \(d)"
                : "static equilibrium did not converge after \(n) evaluations (residual \(r)): \(d)"
        case .singularSystem(let w, let d): return "singular system at ω = \(w) rad/s: \(d)"
        case .nonFinite(let s): return "non-finite result: \(s)"
        case .unsupported(let s): return "not supported: \(s)"
        }
    }
}

extension SolveError {
    /// The same failure with `prefix` (e.g. `case 2`) in front of its detail, so a message names the load case.
    public func located(_ prefix: String) -> SolveError {
        switch self {
        case .unstable(let s): return .unstable("\(prefix): \(s)")
        case .staticsNotConverged(let n, let r, let d): return .staticsNotConverged(iterations: n, residual: r, detail: "\(prefix): \(d)")
        case .singularSystem(let w, let d): return .singularSystem(omegaRadPerS: w, detail: "\(prefix): \(d)")
        case .nonFinite(let s): return .nonFinite("\(prefix): \(s)")
        case .unsupported(let s): return .unsupported("\(prefix): \(s)")
        }
    }
}
