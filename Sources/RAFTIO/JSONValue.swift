#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// A JSON value with ordered object keys, written with shortest round-trip numbers (like Python's repr).
///
/// Non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity" (the references' convention).
package indirect enum JSONValue: Sendable, Equatable {
    case number(Double)
    case int(Int)
    case string(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    package static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    package static func numbers(_ xs: [Double]) -> JSONValue { .array(xs.map { .number($0) }) }
    package static func matrix(_ rows: [[Double]]) -> JSONValue { .array(rows.map { numbers($0) }) }

    /// Serialise; `indent` nil gives one line.
    package func serialized(indent: Int? = 2) -> String {
        var s = TextBytes(capacity: 4096)
        write(into: &s, level: 0, indent: indent)
        return s.string
    }

    /// `serialized(indent:) + "\n"` (a file's text, e.g. summary.json) without copying the text a second time.
    package func serializedLine(indent: Int? = 2) -> String {
        var s = TextBytes(capacity: 16_384)
        write(into: &s, level: 0, indent: indent)
        s.append(UInt8(ascii: "\n"))
        return s.string
    }

    private func write(into s: inout TextBytes, level: Int, indent: Int?) {
        func newline(_ l: Int) {
            guard let indent else { return }
            s.append(UInt8(ascii: "\n"))
            s.append(UInt8(ascii: " "), count: indent * l)
        }
        switch self {
        case .number(let x):
            if x.isNaN { s.write("\"NaN\"") } else if x.isInfinite { s.write(x > 0 ? "\"Infinity\"" : "\"-Infinity\"") } else if x == 0 {
                s.write(x.sign == .minus ? "-0.0" : "0.0")  // what "%.1f" writes
            } else if x == x.rounded() && abs(x) < 1e15 {
                // What "%.1f" writes: a whole number below 1e15 < 2^53 is an exact Int, so its digits, then ".0"
                // (no `String(cFormat:)`, which was most of summary.json's formatting; JSONValueFastPathTests).
                s.appendDecimal(Int(x))
                s.write(".0")
            } else {
                s.append(x)  // = "\(x)"
            }
        case .int(let i): s.appendDecimal(i)
        case .string(let t): JSONValue.quote(t, into: &s)
        case .bool(let b): s.write(b ? "true" : "false")
        case .null: s.write("null")
        case .array(let items):
            if items.isEmpty { s.write("[]"); return }
            // Arrays of numbers stay on one line (matrices: one row per line).
            let flat = items.allSatisfy { if case .number = $0 { return true }; if case .int = $0 { return true }; return false }
            s.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { s.write(flat ? ", " : ",") }
                if !flat { newline(level + 1) }
                item.write(into: &s, level: level + 1, indent: indent)
            }
            if !flat { newline(level) }
            s.append(UInt8(ascii: "]"))
        case .object(let pairs):
            if pairs.isEmpty { s.write("{}"); return }
            s.append(UInt8(ascii: "{"))
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { s.append(UInt8(ascii: ",")) }
                newline(level + 1)
                JSONValue.quote(k, into: &s)
                s.write(indent == nil ? ":" : ": ")
                v.write(into: &s, level: level + 1, indent: indent)
            }
            newline(level)
            s.append(UInt8(ascii: "}"))
        }
    }

    /// `t` as a JSON string: in quotes, with `"`, `\`, newline, carriage return and tab escaped as `\"`, `\\`,
    /// `\n`, `\r`, `\t` and other control characters (below U+0020) as `\u00xx` (lowercase hex); everything else
    /// as is.
    static func quote(_ t: String) -> String {
        var s = TextBytes(capacity: t.utf8.count + 2)
        quote(t, into: &s)
        return s.string
    }

    /// `quote(t)` appended to `s`. Works on the UTF-8 bytes: every escaped character is ASCII and the bytes of a
    /// non-ASCII character are all ≥ 0x80, so the other bytes are copied unchanged; a string without any byte to
    /// escape (every key of summary.json) is copied in one piece.
    static func quote(_ t: String, into s: inout TextBytes) {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        s.append(quote)
        // The escape scan over the contiguous UTF-8 buffer (through `String.UTF8View` it was ~400 instructions per
        // summary.json key; `withUTF8` copies only a non-native string).
        var t = t
        let plain = t.withUTF8 { bytes in
            for b in bytes where b < 0x20 || b == quote || b == backslash { return false }
            s.append(contentsOf: bytes)  // copied in one piece
            return true
        }
        if !plain {
            for b in t.utf8 {
                switch b {
                case quote, backslash: s.append(backslash); s.append(b)
                case 0x0A: s.write("\\n")
                case 0x0D: s.write("\\r")
                case 0x09: s.write("\\t")
                case ..<0x20:
                    s.write("\\u00")  // then two lowercase hex digits, as "\\u%04x" writes
                    let lo = b & 0x0F
                    s.append(UInt8(ascii: "0") + (b >> 4))
                    s.append(lo < 10 ? UInt8(ascii: "0") + lo : UInt8(ascii: "a") + lo - 10)
                default: s.append(b)
                }
            }
        }
        s.append(quote)
    }
}

/// Writes files atomically: content goes to a temporary file in the same folder, then is renamed over the target,
/// so a failure (or a killed process) never leaves a partial output file.
///
/// No `fsync`: the rename is atomic and the page cache outlives the process, which is what "no partial file" needs;
/// forcing every file to disk cost 5–20 ms per `raft run` (ext4 flushes on rename-over) and about a quarter of a
/// 1,000-variant sweep. After an OS crash a file may be empty (sweeps treat empty variant files as unfinished).
package enum AtomicFile {
    package struct WriteError: Error, CustomStringConvertible {
        package var path: String
        package var code: Int32
        package var description: String { "cannot write \(path) (\(String(cString: strerror(code))))" }
    }

    /// Write `text` to `path`, creating the folder if needed (`creatingFolder: false`: the caller made it, as a
    /// sweep does once for its thousands of variant files; this skips `FileManager`'s checks of the path).
    package static func write(_ text: String, to path: String, creatingFolder: Bool = true) throws {
        var utf8 = text
        try utf8.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0), to: path, creatingFolder: creatingFolder) }
    }

    /// Write raw bytes to `path` atomically, creating the folder if needed (see `write(_:to:creatingFolder:)`).
    package static func write(bytes buf: UnsafeRawBufferPointer, to path: String, creatingFolder: Bool = true) throws {
        try withTemporaryFile(for: path, creatingFolder: creatingFolder) { fd in try writeAll(fd, buf, path: path) }
    }

    /// Write `text` to a new file `path` in a folder that only this process writes to and that is removed when the
    /// process fails (`raft run`'s temporary folder, published by renaming its files): no temporary file of its
    /// own is needed. An existing file is an error; on a failure the partial file is removed. Errors name
    /// `reportedPath` when given (the file a temporary `path` stands for).
    package static func writeNew(_ text: String, to path: String, reportedPath: String? = nil) throws {
        let named = reportedPath ?? path
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw WriteError(path: named, code: errno) }
        var utf8 = text
        try fillAndClose(fd, file: path, path: named) { fd in
            try utf8.withUTF8 { try writeAll(fd, UnsafeRawBufferPointer($0), path: named) }
        }
    }

    /// Runs `body` on the open descriptor `fd` of `file`, then closes it; if `body` throws or the close fails, the
    /// descriptor is closed and `file` removed (errors name `path`, the file the caller was asked to write).
    private static func fillAndClose(_ fd: Int32, file: String, path: String, _ body: (Int32) throws -> Void) throws {
        do { try body(fd) } catch {
            close(fd)
            unlink(file)
            throw error
        }
        if close(fd) != 0 {
            let e = errno
            unlink(file)
            throw WriteError(path: path, code: e)
        }
    }

    /// Write `path` atomically from pieces: `body` emits the content in order (e.g. one table row at a time, so a
    /// large file never sits in memory), into a temporary file that is renamed over `path` when `body` returns.
    /// If `body` throws, the temporary file is removed and `path` is left as it was.
    package static func stream(to path: String, _ body: (_ emit: (String) throws -> Void) throws -> Void) throws {
        try withTemporaryFile(for: path) { fd in
            var buffer = ""  // pieces are gathered into writes of ~64 KB
            func flush() throws {
                try buffer.withUTF8 { try writeAll(fd, UnsafeRawBufferPointer($0), path: path) }
                buffer.removeAll(keepingCapacity: true)
            }
            try body { text in
                buffer += text
                if buffer.utf8.count >= 65_536 { try flush() }
            }
            try flush()
        }
    }

    /// What every temporary file or folder of this process carries in its name (`.<name>.tmp-<pid>-<n>`): the
    /// part before `n`, by which an interrupted command finds and removes its own temporaries (`raft`'s `Interrupts`).
    package static var processMarker: String { ".tmp-\(getpid())-" }

    /// The marker of one temporary (`n`: a random number, so that concurrent writers do not collide).
    package static func temporaryMarker(_ n: UInt32) -> String { processMarker + "\(n)" }

    /// Creates the folder, opens a temporary file beside `path`, lets `body` write it, then renames it over `path`;
    /// on any failure the temporary file is removed.
    private static func withTemporaryFile(for path: String, creatingFolder: Bool = true, _ body: (Int32) throws -> Void) throws {
        let dir = path.pathDeletingLastComponent
        if creatingFolder && !dir.isEmpty {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                let cocoa = error as? CocoaError
                let posix = (error as? POSIXError) ?? (cocoa?.userInfo["NSUnderlyingError"] as? POSIXError)
                throw WriteError(path: path, code: posix?.code.rawValue ?? (cocoa?.code.rawValue == 513 ? EACCES : EIO))
            }
        }
        let tmp = (dir.isEmpty ? "." : dir).pathAppending(
            ".\(path.pathLastComponent)\(temporaryMarker(.random(in: 0...UInt32.max)))")
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, code: errno) }
        try fillAndClose(fd, file: tmp, path: path, body)
        if rename(tmp, path) != 0 {
            let e = errno
            unlink(tmp)
            throw WriteError(path: path, code: e)
        }
    }

    /// `write(2)` until every byte is written (retrying on EINTR); a failure names `path`.
    private static func writeAll(_ fd: Int32, _ buf: UnsafeRawBufferPointer, path: String) throws {
        guard let base = buf.baseAddress else { return }
        var offset = 0
        while offset < buf.count {
            let n = posixWrite(fd, base + offset, buf.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: path, code: errno)
            }
            offset += n
        }
    }
}

/// CSV text with a header and one row per entry; numbers with shortest round-trip formatting (≥ 15 significant digits).
package enum CSV {
    /// Longest text of one finite `Double` (`"\(x)"`: at most 17 digits, a sign, a point and an exponent such as
    /// "e-308", e.g. "-2.2250738585072014e-308" has 24 characters), with room to spare.
    static let maxNumberBytes = 32

    package static func table(header: [String], columns: [[Double]]) -> String {
        table(header: header, leading: nil, columns: columns)
    }

    /// The text of a table's first columns, row by row, made once and written into several tables (`RunWriter`'s
    /// frequency columns, the same in every case CSV of a run): row i holds `"\(x)"` of each of its cells with a comma
    /// between them, exactly what `table` writes for those cells.
    package struct LeadingColumns: Sendable {
        /// The cells' values, column by column (what the text was made from).
        package let columns: [[Double]]
        /// Row i's text, without a trailing comma.
        package let rows: [[UInt8]]

        package init(_ columns: [[Double]]) {
            self.columns = columns
            let n = columns.first?.count ?? 0
            rows = (0..<n).map { i in
                [UInt8](unsafeUninitializedCapacity: columns.count * (CSV.maxNumberBytes + 1)) { out, count in
                    var sink = ByteSink(start: out.baseAddress!)
                    for (c, col) in columns.enumerated() {
                        if c > 0 { sink.put(UInt8(ascii: ",")) }
                        sink.cell(col[i])
                    }
                    count = sink.start.distance(to: sink.end)
                }
            }
        }
    }

    /// `table(header:columns:)` of `leading.columns + columns`, with the leading cells' text taken from `leading`.
    package static func table(header: [String], leading: LeadingColumns?, columns: [[Double]]) -> String {
        let lead = leading?.columns.count ?? 0
        precondition(lead + columns.count == header.count, "one column per header entry")
        precondition(leading.map { l in columns.allSatisfy { $0.count == l.rows.count } } ?? true, "rows of the same length")
        let rows = leading?.rows.count ?? columns.first?.count ?? 0, width = columns.count
        let leadBytes = leading?.rows.reduce(0) { $0 + $1.count + 1 } ?? 0
        // The numbers row by row in one buffer, read in writing order (going through `columns[c][i]` retained and
        // released a column for every number), written straight into the string's own storage: every cell has
        // room for its number and a separator, so no write checks for space (the CSV texts were about a tenth of a
        // short `raft run`'s instructions, a third of them outside the number formatter).
        var cells = [Double](repeating: 0, count: rows * width)
        cells.withUnsafeMutableBufferPointer { cells in
            for (c, col) in columns.enumerated() {
                col.withUnsafeBufferPointer { col in
                    for i in 0..<rows { cells[i * width + c] = col[i] }
                }
            }
        }
        // The header's names with a comma between them, written one by one (what `joined(separator: ",")` makes;
        // that generic call was ~47,000 instructions per table, mostly run-time metadata look-ups).
        var headBytes = max(header.count - 1, 0)
        for name in header { headBytes += name.utf8.count }
        let capacity = headBytes + 1 + leadBytes + rows * (width * (maxNumberBytes + 1) + 1)
        return String(unsafeUninitializedCapacity: capacity) { out in
            var sink = ByteSink(start: out.baseAddress!)
            for (c, name) in header.enumerated() {
                if c > 0 { sink.put(UInt8(ascii: ",")) }
                sink.write(name)
            }
            sink.put(UInt8(ascii: "\n"))
            cells.withUnsafeBufferPointer { cells in
                var k = 0
                for i in 0..<rows {
                    if let leading {
                        leading.rows[i].withUnsafeBufferPointer { sink._writeASCII($0) }
                        if width > 0 { sink.put(UInt8(ascii: ",")) }
                    }
                    for c in 0..<width {
                        if c > 0 { sink.put(UInt8(ascii: ",")) }
                        sink.cell(cells[k])
                        k += 1
                    }
                    sink.put(UInt8(ascii: "\n"))
                }
            }
            return sink.start.distance(to: sink.end)
        }
    }

    /// Bytes written at a pointer with room for all of them (`table` sizes the buffer for its longest text).
    struct ByteSink: TextOutputStream {
        let start: UnsafeMutablePointer<UInt8>
        var end: UnsafeMutablePointer<UInt8>

        init(start: UnsafeMutablePointer<UInt8>) {
            self.start = start
            end = start
        }

        mutating func write(_ string: String) {
            var s = string
            s.withUTF8 { _writeASCII($0) }
        }

        /// The digits of `Double.write(to:)`.
        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
            guard let base = buffer.baseAddress else { return }
            end.update(from: base, count: buffer.count)
            end += buffer.count
        }

        mutating func put(_ byte: UInt8) {
            end.pointee = byte
            end += 1
        }

        mutating func put(_ text: StaticString) {
            _writeASCII(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }

        /// One cell: what `"\(x)"` writes (at most `maxNumberBytes`).
        @inline(__always)
        mutating func cell(_ x: Double) {
            if x.isFinite {
                end += ShortestDouble.write(x, to: end)  // `x.write(to: &self)`'s characters, a quarter of its work
            } else {
                put(x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf"))
            }
        }
    }
}
