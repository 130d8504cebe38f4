#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

extension MooringSystem {
    /// Runs `work(&system, l)` for every line `l`, the lines side by side on the cores (moorMod 1/2: each line's
    /// lumped-mass dynamics is independent of the others').
    ///
    /// Each line works on its own copy of the system and may change only its own `lines[l]` (profile solve warm
    /// start, lumped matrices, memos); those are copied back in line order. The numbers are the ones the sequential
    /// loop gives: no line reads another line's state. On failure the error of the first failing line (in line
    /// order) is thrown, as the sequential loop would.
    mutating func forEachLineConcurrently(_ work: @escaping @Sendable (inout MooringSystem, Int) throws(MooringError) -> Void) throws(MooringError) {
        let n = lines.count
        guard n > 1, ActiveProcessors.count > 1 else {
            for l in 0..<n { try work(&self, l) }
            return
        }
        let out = UnsafeMutableBufferPointer<Result<MooringLine, MooringError>?>.allocate(capacity: n)
        out.initialize(repeating: nil)
        defer { out.deinitialize(); out.deallocate() }
        let slots = LineSlots(buffer: out)
        let base = self
        DispatchQueue.concurrentPerform(iterations: n) { l in
            var system = base
            slots.buffer[l] = Result { () throws(MooringError) -> MooringLine in
                try work(&system, l)
                return system.lines[l]
            }
        }
        for l in 0..<n {
            switch out[l]! {
            case .success(let line): lines[l] = line
            case .failure(let error): throw error
            }
        }
    }
}

/// The lines finished by `forEachLineConcurrently`'s workers (each index written by exactly one worker).
private struct LineSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Result<MooringLine, MooringError>?>
}
