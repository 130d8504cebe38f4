#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
#else
import Foundation
#endif

/// The per-case part of `RunResult.addFatigue` (`CaseFatigue.append` on each FOWT's metrics), computed on another
/// thread as soon as a case is known, while the later cases run (`raft run`, issue 17): at the end the calling
/// thread adds only what is left (the last case, any case no worker has started) and the lifetime fatigue.
///
/// Each case is computed exactly once, by whichever thread takes it first (a worker, or `finish()` for the cases
/// still waiting), by the same function on the same metrics and plan as `addFatigue`: the results keep their bits.
final class EarlyCaseFatigue: @unchecked Sendable {
    private let settings: FatigueSettings
    private let plan: CaseFatigue.Plan
    private let lock = MutexLock()
    private let group = DispatchGroup()
    /// Cases added and not yet taken (by position in the run's cases).
    private var waiting: [Int: (case: CaseResult, grid: FrequencyGrid)] = [:]
    /// Per position, each FOWT's metrics with the fatigue channels appended.
    private var done: [Int: [CaseMetrics]] = [:]

    /// `plan` as `addFatigue` would take it (nil or built for other settings: built from `settings`).
    init(_ settings: FatigueSettings, plan given: CaseFatigue.Plan?) {
        self.settings = settings
        plan = given.flatMap { $0.matches(settings) ? $0 : nil } ?? CaseFatigue.Plan(settings)
    }

    /// Start the fatigue of the case at `position` in the background.
    func add(_ position: Int, _ c: CaseResult, grid: FrequencyGrid) {
        lock.lock()
        waiting[position] = (c, grid)
        lock.unlock()
        DispatchQueue.global().async(group: group) { [self] in compute(position) }
    }

    private func compute(_ position: Int) {
        lock.lock()
        guard let item = waiting.removeValue(forKey: position) else { lock.unlock(); return }
        lock.unlock()
        let metrics = item.case.fowts.map { f in
            var m = f.metrics
            CaseFatigue.append(to: &m, grid: item.grid, settings: settings, plan: plan, caseIndex: position)
            return m
        }
        lock.lock()
        done[position] = metrics
        lock.unlock()
    }

    /// Every case added so far: the ones no worker has taken are computed here, the others waited for.
    func finish() -> [Int: [CaseMetrics]] {
        lock.lock()
        let positions = Array(waiting.keys)
        lock.unlock()
        for p in positions.sorted() { compute(p) }
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        return done
    }
}
