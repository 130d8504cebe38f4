#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// RAFT `Model.analyzeCases()` (no unloaded equilibrium first) for a design whose FOWT has flexible (beam) members:
/// the same as `Model(design:).analyzeCases()`, kept for callers of the earlier flexible-only entry point.
package func analyzeFlexibleCases(_ design: Design, progress: ((Int, Int) -> Void)? = nil) throws -> [CaseResult] {
    var model = try Model(design: design)
    guard model.isFlexible else { throw SolveError.unsupported("analyzeFlexibleCases needs a design with flexible (beam) members") }
    return try model.analyzeCases(progress: progress)
}
