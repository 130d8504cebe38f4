import Foundation
import RAFT

/// Per-variant result files of a sweep, written with `AtomicFile` (no partial file after a kill). After an OS
/// crash a file can be empty; empty files do not count as finished, so a rerun computes those variants again.
enum VariantFile {
    static func write(_ text: String, to path: String) throws { try AtomicFile.write(text, to: path) }

    /// A variant counts as finished when its file exists and is not empty.
    static func isFinished(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_size > 0
    }
}

/// The C `write(2)` (inside `AtomicFile`/`VariantFile` the name would resolve to their own `write(_:to:)`).
func posixWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
