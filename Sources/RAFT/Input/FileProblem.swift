#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// File-system failures in plain words ("no such file", "is a folder, not a file", "permission denied") instead of
/// Foundation's `NSCocoaErrorDomain` codes.
package enum FileProblem {
    /// Why `path` could not be read, looking at the file system first, then at the error's POSIX cause.
    package static func readReason(path: String, error: Error?) -> String {
        let fm = FileManager.default
        var isDir: DirectoryFlag = false
        if !fm.fileExists(atPath: path, isDirectory: &isDir) {
            let parent = (path).pathDeletingLastComponent
            if !parent.isEmpty && !fm.fileExists(atPath: parent) { return "no such file (the folder \(parent) does not exist)" }
            return "no such file"
        }
        if isDir.boolValue { return "is a folder, not a file" }
        if access(path, R_OK) != 0 { return "permission denied" }
        return error.map(reason) ?? "cannot be read"
    }

    /// `reason(error)` preceded by the file the error is about, when Foundation names it
    /// (`out/variants: a file of that name exists`).
    package static func describe(_ error: Error) -> String {
        if let c = error as? CocoaError {
            let path = c.filePath ?? c.url?.path
            return path.map { "\($0): \(reason(error))" } ?? reason(error)
        }
        if error is POSIXError { return reason(error) }
        return "\(error)"
    }

    /// The POSIX reason inside a Foundation error (`No space left on device`, `Permission denied`), without the
    /// `NSCocoaErrorDomain` wrapping; the error's own text when it is not a Foundation error.
    package static func reason(_ error: Error) -> String {
        if let p = error as? POSIXError { return String(cString: strerror(p.code.rawValue)) }
        guard let c = error as? CocoaError else { return "\(error)" }
        // FoundationEssentials attaches the POSIX cause (EEXIST) to "file exists"; the plain words stay ours.
        if c.code.rawValue == 516 { return "a file of that name exists" }
        if let u = c.userInfo["NSUnderlyingError"] as? POSIXError { return String(cString: strerror(u.code.rawValue)) }
        switch c.code.rawValue {
        case 4, 260: return "no such file"
        case 513, 257: return "permission denied"
        case 516: return "a file of that name exists"
        case 640: return "no space left on device"
        case 642: return "read-only file system"
        default:
            if let d = c.userInfo["NSLocalizedDescription"] as? String, !d.isEmpty { return d }
            if let path = c.filePath { return "cannot access \(path)" }
            return "file operation failed"
        }
    }
}
