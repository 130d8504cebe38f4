#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

extension Model {
    /// Starts computing, on another thread, each load case's rotor aerodynamics (`Rotor.turbineConstants`: the
    /// operating point, the blade-element derivatives, the turbulence and control terms) in case order, so that
    /// `analyzeCases` finds them ready (issue 17: they depend only on the case and the rotor's own state, not on the
    /// platform's statics or dynamics).
    ///
    /// The results go through `RotorAeroMemo`, whose key holds every bit of rotor state a call reads: a case finds its
    /// entry only when its call would have computed exactly that (a hit restores the state the call leaves), and
    /// otherwise computes it as before, so every result keeps its bits. The worker replays, on copies of the rotors,
    /// what `FOWT.turbineConstants` does (`Rotor.placedTurbineConstants`, the same code path); a
    /// lookup that misses while the worker is still running waits for its next entry (`RotorAeroMemo.entry`).
    /// Only the first `lookahead` cases are prefetched (bounded memory); nothing is started on one core, without
    /// cases or rotors, or when the rotors already have a memo (a sweep's shared one).
    mutating func prefetchCaseAerodynamics(lookahead: Int = 16) {
        guard let table = design.cases, !table.cases.isEmpty,
              fowts.contains(where: { !$0.rotors.isEmpty }),
              fowts.allSatisfy({ $0.rotors.allSatisfy { $0.aeroMemo == nil } }),
              ActiveProcessors.count > 1 else { return }
        var memos: [RotorAeroMemo] = []
        for i in fowts.indices {
            for r in fowts[i].rotors.indices {
                let memo = RotorAeroMemo(producing: true)
                fowts[i].rotors[r].aeroMemo = memo
                memos.append(memo)
            }
        }
        let start = fowts.map { f in
            (x: f.entry.x, y: f.entry.y, aboutRotorNode: !f.isRigid,
             rotors: f.rotors.map { r in var copy = r; copy.aeroMemo = r.aeroMemo?.producerView; return copy })
        }
        let cases = Array(table.cases.prefix(lookahead)), producers = memos
        DispatchQueue.global().async {
            var work = start
            defer { for m in producers { m.finishProducing() } }
            for c in cases {
                for k in work.indices {
                    for r in work[k].rotors.indices {
                        do {
                            _ = try work[k].rotors[r].placedTurbineConstants(RotorCase(c), fowtX: work[k].x, fowtY: work[k].y,
                                                                             aboutRotorNode: work[k].aboutRotorNode)
                        } catch { return }
                    }
                }
            }
        }
    }
}
