import Foundation

/// Per-variant result files of a sweep: written atomically (temporary file + rename in the same folder) but
/// without `fsync`. A killed sweep never leaves a partial file (the rename is atomic, and the page cache
/// outlives the process), which is what resuming needs; forcing every one of thousands of small files to disk
/// cost about a quarter of a 1,000-variant OC3spar sweep's wall time. After an OS crash a file can be empty;
/// empty files do not count as finished, so the rerun computes those variants again.
enum VariantFile {
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var code: Int32
        var description: String { "cannot write \(path) (\(String(cString: strerror(code))))" }
    }

    static func write(_ text: String, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = (dir as NSString).appendingPathComponent(
            ".\((path as NSString).lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, code: errno) }
        let bytes = Array(text.utf8)
        var offset = 0
        let ok = bytes.withUnsafeBytes { buf -> Bool in
            guard let base = buf.baseAddress else { return true }
            while offset < buf.count {
                let n = posixWrite(fd, base + offset, buf.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        let writeErrno = errno
        if close(fd) != 0 || !ok {
            unlink(tmp)
            throw WriteError(path: path, code: ok ? errno : writeErrno)
        }
        if rename(tmp, path) != 0 {
            let e = errno
            unlink(tmp)
            throw WriteError(path: path, code: e)
        }
    }

    /// A variant counts as finished when its file exists and is not empty.
    static func isFinished(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_size > 0
    }
}

/// The C `write(2)` (inside `VariantFile` the name would resolve to its own `write(_:to:)`).
private func posixWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
