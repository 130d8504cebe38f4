#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// A file path's last component, stem and parent folder exactly as `URL(fileURLWithPath:)` gives them, read from
/// the path's bytes when the path is plain; and a file's bytes read without `URL`.
///
/// Why: `URL.lastPathComponent` and `URL.path` build a `Set<UInt8>` literal inside FoundationEssentials, whose
/// storage type the Swift runtime instantiates by mangled name; the first such use in a process scans all ~4,000
/// protocol conformance records of the executable for `UInt8: Hashable` (~0.24 M instructions, callgrind, and the
/// page faults of the records), on the main thread of `raft run` while the design is read (`Design.load`: its
/// name, bytes and folder), and the case name (`runDesign`) and the output folder's name are taken.
///
/// The plain case, read from the bytes: the text after the last "/" is not empty, not "." or "..", and consists of
/// ASCII letters, digits, "-", "_", "+" and "." only (no escaping, no tilde, no trailing slash; the components
/// before it do not matter, URL takes its last component from the text after the last slash whatever they are).
/// Every other path goes through `URL` as before. `Tests/RAFTTests/Input/FileNameTests` compares the functions
/// with `URL` on a corpus of paths (relative, absolute, dotted, hidden, escaped, trailing slashes, non-ASCII).
package enum FileName {
    /// `URL(fileURLWithPath: path).lastPathComponent`.
    package static func last(of path: String) -> String {
        if let name = plainLastComponent(path) { return String(decoding: name, as: UTF8.self) }
        return URL(fileURLWithPath: path).lastPathComponent
    }

    /// `URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent`: the last component without its
    /// extension. Read from the bytes when the plain name has exactly one dot, neither first nor last, followed by
    /// ASCII letters and digits only ("OC3spar.yaml" → "OC3spar"); other names (no dot, several dots, a leading dot)
    /// go through `URL`.
    package static func stem(of path: String) -> String {
        if let name = plainLastComponent(path), let dot = name.firstIndex(of: UInt8(ascii: ".")), dot > name.startIndex,
           name[(dot + 1)...].allSatisfy(isASCIIAlphanumeric), dot + 1 < name.endIndex {
            return String(decoding: name[..<dot], as: UTF8.self)
        }
        return URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    /// `URL(fileURLWithPath: path).deletingLastPathComponent().path`: the folder a design's relative file names are
    /// resolved against (absolute; a relative path is taken from the working folder). Read from the text when every
    /// component is a plain name (see the type) after an optional leading "/" (and, for a relative path, the working
    /// folder's are too): "/work/designs/OC3spar.yaml" → "/work/designs", "designs/OC3spar.yaml" →
    /// "<working folder>/designs". Paths with "//", ".", "..", "~", escapes or other bytes go through `URL`.
    package static func parentDirectory(of path: String) -> String {
        if let parent = plainParentDirectory(path) { return parent }
        return URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    /// `parentDirectory`'s reading from the text, or nil when the path (or the working folder, for a relative
    /// path) is not plain.
    static func plainParentDirectory(_ path: String, workingFolder: () -> String? = currentFolder) -> String? {
        guard isPlainPath(path) else { return nil }
        // The path without its last component and the slash before it ("" when there is no slash).
        let head = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[..<$0] } ?? ""
        if path.utf8.first == UInt8(ascii: "/") { return head.isEmpty ? "/" : String(head) }
        guard let cwd = workingFolder(), cwd.utf8.first == UInt8(ascii: "/"), isPlainPath(cwd) else { return nil }
        return head.isEmpty ? cwd : cwd + "/" + head
    }

    /// Whether `path` has at least one component after an optional leading "/" and each is plain (not "", ".",
    /// ".."; see the type): false for "", "/", "a//b", "a/", "./a".
    static func isPlainPath(_ path: String) -> Bool {
        var components = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)[...]
        if path.utf8.first == UInt8(ascii: "/") { components = components.dropFirst() }
        return !components.isEmpty && components.allSatisfy(isPlainComponent)
    }

    /// The working folder (`getcwd`), or nil.
    static func currentFolder() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(cString: buffer)
    }

    /// The bytes of the regular file at `path`, read with `open`/`fstat`/`read`; nil when any step fails (the
    /// caller then reads through Foundation for its error). What `Data(contentsOf: URL(fileURLWithPath: path))`
    /// reads, without the URL (see the type). The bytes are read straight into the buffer the `Data` keeps (no
    /// zeroing, no copy: a design is ~60 KB).
    package static func contents(of path: String) -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        // One more byte than the size: the end is seen by a 0 read. At least a page: files of /proc and /sys (the
        // cgroup files `ActiveProcessors` reads) report a size of 0.
        var capacity = max(Int(st.st_size) + 1, 4096)
        guard var buffer = malloc(capacity) else { return nil }
        var count = 0
        while true {
            if count == capacity {  // the file grew meanwhile
                capacity *= 2
                guard let grown = realloc(buffer, capacity) else { free(buffer); return nil }
                buffer = grown
            }
            let n = read(fd, buffer + count, capacity - count)
            if n < 0 {
                if errno == EINTR { continue }
                free(buffer)
                return nil
            }
            if n == 0 { break }
            count += n
        }
        return Data(bytesNoCopy: buffer, count: count, deallocator: .free)
    }

    /// A component of a plain path: a plain name (see the type) other than "." and "..".
    static func isPlainComponent(_ c: Substring.UTF8View) -> Bool {
        !c.isEmpty && c.allSatisfy(isPlainNameByte) && !(c.allSatisfy { $0 == UInt8(ascii: ".") } && c.count <= 2)
    }

    /// The bytes after the last slash when they form a plain name (see the type), else nil.
    static func plainLastComponent(_ path: String) -> ArraySlice<UInt8>? {
        let bytes = Array(path.utf8)
        let start = (bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        let name = bytes[start...]
        guard !name.isEmpty, name.allSatisfy(isPlainNameByte) else { return nil }
        if name.allSatisfy({ $0 == UInt8(ascii: ".") }) && name.count <= 2 { return nil }  // "." and ".."
        return name
    }

    static func isASCIIAlphanumeric(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    static func isPlainNameByte(_ b: UInt8) -> Bool {
        isASCIIAlphanumeric(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: "+")
            || b == UInt8(ascii: ".")
    }
}
