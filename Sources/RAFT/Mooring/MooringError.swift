/// A failure of the quasi-static mooring model (MoorPy's `CatenaryError`, `LineError`, `SolveError`).
///
/// These are physics failures (a line that cannot be solved, an equilibrium that does not converge);
/// bad input is reported as `InputError` while reading the design.
package enum MooringError: Error, Equatable, Sendable, CustomStringConvertible {
    /// MoorPy `CatenaryError`: the planar catenary problem has no solution or the solver failed.
    case catenary(String)
    /// MoorPy `LineError`: a line (0-based index in the system) could not be solved.
    case line(index: Int, message: String)
    /// MoorPy `SolveError`: the equilibrium of the free mooring objects did not converge.
    case equilibrium(String)
    /// The system is not set up for the requested operation (e.g. no coupled body).
    case configuration(String)

    package var description: String {
        switch self {
        case .catenary(let m): return "catenary: \(m)"
        case .line(let i, let m): return "mooring line \(i + 1): \(m)"
        case .equilibrium(let m): return "mooring equilibrium: \(m)"
        case .configuration(let m): return "mooring system: \(m)"
        }
    }
}
