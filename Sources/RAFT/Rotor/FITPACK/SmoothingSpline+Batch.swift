#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

extension SmoothingSpline {
    /// Fits every `(x, tables[j].z, tables[j].s)` as `init(x:z:s:memo:)` does, on up to `workers` threads, each thread
    /// keeping two fits in flight: while both are in their smoothing-parameter iteration (FITPACK `fpcurf` part 2),
    /// their solves run side by side (`Workspace.solvePair`: one fit's divisions and square roots run while the
    /// other's rotations wait for theirs). Every fit's values get the same operations as in a fit alone, so each
    /// result has the bits of `init(x:z:s:memo:)`'s (`SmoothingSplineBatchTests`).
    /// - Returns: per table, the fit or its error (in table order).
    package static func fitBatch(x: [Double], tables: [(z: [Double], s: Double)], memo: LeastSquaresMemo?,
                         workers: Int) -> [Result<SmoothingSpline, FitError>] {
        let queue = FitQueue(x: x, tables: tables, memo: memo, workers: max(1, min(workers, tables.count)))
        if queue.workers > 1 {
            DispatchQueue.concurrentPerform(iterations: queue.workers) { _ in queue.work() }
        } else {
            queue.work()
        }
        return queue.results()
    }
}

/// The fits of one `fitBatch`: the next table to take, and the results (each slot written by the one worker that
/// took its table).
private final class FitQueue: @unchecked Sendable {
    typealias Fit = Result<SmoothingSpline, SmoothingSpline.FitError>
    typealias Workspace = SmoothingSpline.Workspace

    let x: [Double]
    let tables: [(z: [Double], s: Double)]
    let memo: LeastSquaresMemo?
    let workers: Int
    private let lock = MutexLock()
    private var taken = 0
    private let out: UnsafeMutableBufferPointer<Fit?>

    init(x: [Double], tables: [(z: [Double], s: Double)], memo: LeastSquaresMemo?, workers: Int) {
        self.x = x
        self.tables = tables
        self.memo = memo
        self.workers = workers
        out = .allocate(capacity: tables.count)
        out.initialize(repeating: nil)
    }

    deinit { out.deinitialize(); out.deallocate() }

    func results() -> [Fit] { out.map { $0! } }

    /// A fit in its smoothing-parameter iteration.
    struct Smoothing {
        let table: Int
        let workspace: Workspace
        let key: FitCache.Key
        var iteration: SmoothingSpline.SmoothingIteration
    }

    /// The next table, or nil when all are taken. A worker that has a fit in flight (`second`) leaves the last
    /// tables to idle workers (one each), so that a small batch is spread over the threads before fits are paired.
    private func take(second: Bool) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard taken < tables.count, !second || tables.count - taken >= workers else { return nil }
        taken += 1
        return taken - 1
    }

    /// Takes tables until one reaches its smoothing-parameter iteration (fits that end before it, fail, or are
    /// memoised are finished on the way); nil when none is left.
    private func start(second: Bool) -> Smoothing? {
        while let j = take(second: second) {
            let (z, s) = tables[j]
            do {
                switch try SmoothingSpline.prepare(x: x, z: z, s: s, memo: memo) {
                case .known(let fit):
                    out[j] = .success(fit)
                case .fit(let w, let key):
                    switch try w.searchKnots(s: s) {
                    case .done(let r):
                        out[j] = .success(SmoothingSpline.finish(key, r))
                    case .smooth(let fp0, let fpms):
                        return Smoothing(table: j, workspace: w, key: key,
                                         iteration: .init(s: s, fp0: fp0, fpms: fpms))
                    }
                }
            } catch {
                out[j] = .failure(error)
            }
        }
        return nil
    }

    /// Feeds `fp` of the solve at the fit's `p` to its iteration: false when the fit has ended (result stored).
    private func proceed(_ f: inout Smoothing, fp: Double) -> Bool {
        do {
            guard try f.iteration.accepts(fp: fp) else { return true }
            out[f.table] = .success(SmoothingSpline.finish(f.key, f.workspace.result(fp: fp, ier: 0)))
        } catch {
            out[f.table] = .failure(error)
        }
        return false
    }

    /// One worker: two fits in flight until no table is left.
    func work() {
        var first = start(second: false)
        var second = first == nil ? nil : start(second: true)
        while var u = first {
            if var v = second {
                let (fu, fv) = Workspace.solvePair(u.workspace, u.iteration.p, v.workspace, v.iteration.p)
                second = proceed(&v, fp: fv) ? v : start(second: true)
                first = proceed(&u, fp: fu) ? u : (second == nil ? start(second: false) : start(second: true))
            } else {
                let fp = u.workspace.solve(p: u.iteration.p)
                first = proceed(&u, fp: fp) ? u : start(second: false)
                if first != nil { second = start(second: true) }
            }
            if first == nil { first = second; second = nil }
        }
    }
}
