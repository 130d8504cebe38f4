#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The operations RAFT performs on its MoorPy systems (spec 04 §6.4, §7, §8, §9), in RAFT's terms.
///
/// Call them in RAFT's order to reproduce its warm-start history (spec 04 §6.3); results then agree with the
/// references to ~1e-14 where RAFT's sequence is replayed, ~1e-6 otherwise:
///
/// | RAFT / MoorPy call | here |
/// |---|---|
/// | `FOWT.__init__`: parseYAML/load, body, transform, `initialize()` | `MooringSystem(design:fowtIndex:)` |
/// | `Model.__init__` array system (+ `initialize()`) | `MooringSystem(arrayOf:)` |
/// | `FOWT.setPosition` → body pose, `solveEquilibrium(ms_tol)` | `setPose(r6)` |
/// | → `getCoupledStiffnessA(lines_only)`, `body.getForces(lines_only)` | `stiffness6()`, `force6()` |
/// | statics step: `fowt.ms.solveEquilibrium()` (tol 0.05) | `solveEquilibrium()` |
/// | array statics: all bodies then `solveEquilibrium(ms_tol)` | `setPoses(_:)`, `force6(body:)`, `coupledStiffness()` |
/// | `analyzeUnloaded`: `getCoupledStiffness(lines_only)`, `getForces("coupled")` | `unloadedStiffnessAndForce()` |
/// | output: `getCoupledStiffness(tensions=True)`, `getTensions()` | `tensionsAndJacobian()` |
/// | array output: `lines2ss(ms)` first | `convertCompositeLines()` (then `tensionsAndJacobian()`) |
/// | moorMod 2: `updateSystemDynamicMatrices()`, `getCoupledDynamicMatrices` | `updateSystemDynamicMatrices()`, `coupledDynamicMatrices()` / `coupledDynamicMatricesAll()` |
/// | moorMod 1/2: `getLineEndsRAO`, `line.dynamicSolve`, `line.updateLumpedMass` | `lineEndRAOs`, `lumpedMassLine(_:).dynamicTension`, `updateLumpedMass(line:...)` |
/// | case current: `ms.currentMod = 1; ms.current = U` | `current = U` (nil for currentMod 0) |
///
/// The RAFT-side transformations (`translateMatrix6to6DOF`, `transformForce`, yaw stiffness, tension
/// statistics) are not applied here.
extension MooringSystem {
    /// RAFT `FOWT.setPosition` for this FOWT's own system: move coupled body `body` to `r6` [m, rad] and
    /// re-solve (`solveEquilibrium(tol = ms_tol)`, lines with Tol 0.01·ms_tol, warm-started).
    package mutating func setPose(_ r6: [Double], body: Int = 0) throws(MooringError) {
        guard r6.count == 6 else { throw .configuration("setPose needs 6 values (surge, sway, heave, roll, pitch, yaw)") }
        guard bodies.indices.contains(body) else { throw .configuration("no mooring body \(body + 1)") }
        setBodyPosition(body, r6)
        try solveEquilibrium(tolerance: equilibriumTolerance)
    }

    /// Array systems: set every coupled body (FOWT order) then solve the free points once (RAFT solveStatics).
    package mutating func setPoses(_ r6s: [[Double]]) throws(MooringError) {
        let coupled = bodies.indices.filter { bodies[$0].kind == .coupled }
        guard r6s.count == coupled.count, r6s.allSatisfy({ $0.count == 6 }) else {
            throw .configuration("setPoses needs one 6-DOF pose per coupled body (\(coupled.count))")
        }
        for (b, r6) in zip(coupled, r6s) { setBodyPosition(b, r6) }
        try solveEquilibrium(tolerance: equilibriumTolerance)
    }

    /// `body.getForces(lines_only=True)`: mooring force and moment on a body about its reference point (the
    /// PRP), global axes [N, N·m] — RAFT's `F_moor0` before `transformForce`.
    package func force6(body: Int = 0) -> [Double] { bodyForce(body, linesOnly: true) }

    /// `getCoupledStiffnessA(lines_only=True)` for a single-body system: the analytic 6×6 mooring stiffness
    /// about the PRP [N/m, N, N·m/rad] — RAFT's `C_moor` before `translateMatrix6to6DOF`.
    package func stiffness6() throws(MooringError) -> Matrix6 {
        let k = try coupledStiffness(linesOnly: true)
        guard k.count == 36 else { throw .configuration("stiffness6 needs exactly one coupled body; use coupledStiffness()") }
        return Matrix6(rows: (0..<6).map { Array(k[6 * $0 ..< 6 * $0 + 6]) })
    }

    /// `getForces("coupled", lines_only=True)`: forces on all coupled DOFs (6 per coupled body) [N, N·m].
    package func coupledForces() -> [Double] { forces(.coupled, linesOnly: true) }

    /// RAFT `analyzeUnloaded` mooring part (`C_moor0`, `F_moor0`): finite-difference coupled stiffness with
    /// 0.1 m / 0.1 rad central steps at the current pose, then the coupled forces (spec 04 §7, §8).
    /// Call after `setPose([0, 0, 0, 0, 0, 0])`, as RAFT does.
    package mutating func unloadedStiffnessAndForce() throws(MooringError) -> (stiffness: [Double], force: [Double]) {
        let (k, _) = try coupledStiffnessFiniteDifference(linesOnly: true)
        return (k, coupledForces())
    }

    /// RAFT `saveTurbineOutputs` mooring part: `C, J = getCoupledStiffness(lines_only=True, tensions=True)`;
    /// `T = getTensions()` (spec 04 §9; call `convertCompositeLines()` first for RAFT's array output).
    ///
    /// - Returns: mean tensions `Tmoor_avg` (all ends A, then all ends B) [N] and the tension Jacobian `J`
    ///   (row-major, 2·nLines × coupled DOFs) [N/m, N/rad].
    package mutating func tensionsAndJacobian() throws(MooringError) -> (tensions: [Double], jacobian: [Double]) {
        let (_, j) = try coupledStiffnessFiniteDifference(linesOnly: true)
        return (tensions(), j)
    }

    /// Snapshot of every line's warm start (the state that makes RAFT's cases history-dependent).
    package var warmStarts: [LineWarmStart] {
        get { lines.map { $0.warmStart } }
        set { for (i, w) in newValue.enumerated() where lines.indices.contains(i) { lines[i].warmStart = w } }
    }
}

extension MooringSystem {
    /// The array-level (shared) mooring system of a farm design (RAFT `Model.__init__`, spec 04 §1.3), or nil
    /// when the design has no `array_mooring`: one coupled body per FOWT at (x_location, y_location), then the
    /// MoorDyn-style file (`TurbineN`/`BodyN` points relative to the bodies, not rotated by heading_adjust),
    /// then `initialize()`. Depth: `site.water_depth` unless the file's options set it.
    ///
    /// Throws `InputError` for a bad file and `MooringError` for an unsolvable system.
    package init?(arrayOf design: Design) throws {
        guard let am = design.arrayMooring else { return nil }
        if am.bathymetry != nil {
            throw MooringError.configuration("array_mooring.bathymetry (sloped seabed) is not supported; only a flat seabed")
        }
        let layout = am.layout
        self.init(depth: layout.optionDepth ?? design.site.waterDepth, rho: layout.optionRho ?? 1025, g: layout.optionG ?? 9.81)
        equilibriumTolerance = design.mooringTolerance
        moorMod = am.moorMod
        for (i, f) in design.fowts.enumerated() {
            var body = MooringBody(number: i + 1, kind: .coupled)
            body.r6 = [f.x, f.y, 0, 0, 0, 0]
            bodies.append(body)
        }
        try add(layout)
        try initialize()
    }
}

/// Everything in a mooring system that RAFT's call history changes (spec 04 §6.3): poses, point positions,
/// each line's warm start and lagged current drag. Composite lines keep their interior state internally.
package struct MooringState: Sendable, Equatable {
    package var bodyPoses: [[Double]]
    package var pointPositions: [Vec3]
    package var lineWarmStarts: [LineWarmStart]
    package var lineCurrentForces: [Vec3]
}

extension MooringSystem {
    /// The history-dependent state. Setting it moves bodies and points back (line results are stale until
    /// the next solve, e.g. `solveEquilibrium()`); the topology must be the same.
    package var state: MooringState {
        get {
            MooringState(bodyPoses: bodies.map { $0.r6 }, pointPositions: points.map { $0.position },
                         lineWarmStarts: lines.map { $0.warmStart }, lineCurrentForces: lines.map { $0.currentForce })
        }
        set {
            for b in bodies.indices where newValue.bodyPoses.indices.contains(b) { setBodyPosition(b, newValue.bodyPoses[b]) }
            for p in points.indices where newValue.pointPositions.indices.contains(p) && points[p].body == nil {
                setPointPosition(p, newValue.pointPositions[p])
            }
            for l in lines.indices where newValue.lineWarmStarts.indices.contains(l) {
                lines[l].warmStart = newValue.lineWarmStarts[l]
                if newValue.lineCurrentForces.indices.contains(l) { lines[l].currentForce = newValue.lineCurrentForces[l] }
            }
        }
    }
}
