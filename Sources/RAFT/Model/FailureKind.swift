/// What a thrown error means for the user: the input is wrong, or the physics cannot be solved as asked.
/// The CLI maps `.badInput` to exit code 2 and `.physics` to exit code 3.
public enum FailureKind: Sendable, Equatable {
    /// The design (or a file it names) is invalid; fix the input.
    case badInput
    /// The design is valid but cannot be solved as asked (unstable, not converged, not supported).
    case physics
}

/// An error that says which `FailureKind` it is. Errors keep their own type and message through every layer.
public protocol ClassifiedError: Error, CustomStringConvertible {
    var failureKind: FailureKind { get }
}

extension InputError: ClassifiedError { public var failureKind: FailureKind { .badInput } }
extension SolveError: ClassifiedError { public var failureKind: FailureKind { .physics } }
extension MooringError: ClassifiedError { public var failureKind: FailureKind { .physics } }
extension MemberError: ClassifiedError { public var failureKind: FailureKind { .physics } }
extension WAMITFileError: ClassifiedError { public var failureKind: FailureKind { .badInput } }
extension SmoothingSpline.FitError: ClassifiedError { public var failureKind: FailureKind { .physics } }

extension FOWTStaticsError: ClassifiedError {
    public var failureKind: FailureKind {
        switch self {
        case .member: return .physics
        case .input: return .badInput
        }
    }
}

extension RotorError: ClassifiedError {
    public var failureKind: FailureKind {
        switch self {
        case .invalidBladeGeometry, .unsupportedAirfoilOrder: return .badInput
        case .airfoilFit, .unsupported: return .physics
        }
    }
}

/// An error from a deeper layer with the step that hit it ("array mooring tensions: mooring line 2: …").
/// Keeps the underlying error (its type and kind) rather than collapsing it into a string.
public struct ContextualError: ClassifiedError, Sendable {
    /// What was being computed.
    public var context: String
    /// The original error.
    public var underlying: any Error & Sendable

    public init(_ context: String, _ underlying: any Error & Sendable) {
        self.context = context
        self.underlying = underlying
    }

    public var failureKind: FailureKind { (underlying as? any ClassifiedError)?.failureKind ?? .physics }
    public var description: String { "\(context): \(underlying)" }
}
