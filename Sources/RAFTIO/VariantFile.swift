#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT

/// Per-variant result files of a sweep, written with `AtomicFile` (no partial file after a kill). After an OS
/// crash a file can be empty; empty files do not count as finished, so a rerun computes those variants again.
enum VariantFile {
    /// Writes a variant file into the sweep's `variants` folder, which `SweepRunner.run` created before the first
    /// variant (a missing folder fails the write like any other write error: the variant is recomputed next run).
    static func write(_ text: String, to path: String) throws { try AtomicFile.write(text, to: path, creatingFolder: false) }

    /// The variant file's content when it is a complete JSON object for `index` written under `fingerprint`
    /// (a finished variant of this definition), else nil (missing, empty, truncated, or another definition).
    static func finished(_ path: String, index: Int, fingerprint: String) -> [String: Any]? {
        guard let obj = read(path), obj["index"] as? Int == index, obj["fingerprint"] as? String == fingerprint else { return nil }
        return obj
    }

    /// The parsed JSON object in `path`, or nil.
    static func read(_ path: String) -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return nil }
        return (try? JSONObject.parse(data)) as? [String: Any]
    }
}

/// The C `write(2)` (inside `AtomicFile`/`VariantFile` the name would resolve to their own `write(_:to:)`).
func posixWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
