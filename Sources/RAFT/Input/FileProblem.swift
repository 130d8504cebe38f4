import Foundation

/// File-system failures in plain words ("no such file", "is a folder, not a file", "permission denied") instead of
/// Foundation's `NSCocoaErrorDomain` codes.
package enum FileProblem {
    /// Why `path` could not be read, looking at the file system first, then at the error's POSIX cause.
    package static func readReason(path: String, error: Error?) -> String {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if !fm.fileExists(atPath: path, isDirectory: &isDir) {
            let parent = (path as NSString).deletingLastPathComponent
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
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return "\(error)" }
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        return path.map { "\($0): \(reason(error))" } ?? reason(error)
    }

    /// The POSIX reason inside a Foundation error (`No space left on device`, `Permission denied`), without the
    /// `NSCocoaErrorDomain` wrapping; the error's own text when it is not a Foundation error.
    package static func reason(_ error: Error) -> String {
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return "\(error)" }
        if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(u.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case 4, 260: return "no such file"
            case 513, 257: return "permission denied"
            case 516: return "a file of that name exists"
            case 640: return "no space left on device"
            case 642: return "read-only file system"
            default:
                if let d = ns.userInfo[NSLocalizedDescriptionKey] as? String, !d.isEmpty { return d }
                if let path = ns.userInfo[NSFilePathErrorKey] as? String { return "cannot access \(path)" }
                return "file operation failed"
            }
        }
        return ns.localizedDescription
    }
}
