/// Options of a whole RAFT run.
public struct RunOptions: Sendable {
    /// Evaluate the unloaded equilibrium and eigen analysis first (single-FOWT designs), as RAFT's examples do.
    public var analyzeUnloaded: Bool = true
    public init() {}
}

/// Run a design as RAFT's standard flow does: unloaded equilibrium and eigen analysis, every load case
/// (statics, drag-linearised dynamics, outputs), then eigen analysis again (spec 00 §2).
///
/// - Throws: `SolveError` for unstable or non-converging designs, `InputError` for inputs only detected here.
public func runDesign(_ design: Design, options: RunOptions = RunOptions()) throws -> RunResult {
    // The system solve is being assembled (issue 7); until then this reports clearly instead of guessing.
    throw SolveError.unsupported("the system solve (raft run) is not implemented yet")
}
