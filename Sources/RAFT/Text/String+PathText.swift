/// Path text as NSString's path methods treat it (Foundation's NSString is not in FoundationEssentials):
/// repeated slashes collapse and a trailing slash is ignored when a component is read or removed; appending
/// inserts one slash unless the path is empty or already ends with one. `Tests/RAFTTests/Perf/PathTextTests`
/// compares every method with NSString's on a corpus of paths.
extension String {
    /// `(self).pathAppending(component)`.
    package func pathAppending(_ component: String) -> String {
        if component.isEmpty { return self }
        if isEmpty { return component }
        if hasSuffix("/") { return self + component }
        return self + "/" + component
    }

    /// `(self).pathLastComponent`.
    package var pathLastComponent: String {
        let fixed = pathFixingSlashes
        if fixed.utf8.count <= 1 { return fixed }
        return String(fixed[fixed.pathStartOfLastComponent...])
    }

    /// `(self).pathDeletingLastComponent`.
    package var pathDeletingLastComponent: String {
        let fixed = pathFixingSlashes
        if fixed == "/" || fixed.isEmpty { return fixed }
        let start = fixed.pathStartOfLastComponent
        if start == fixed.startIndex { return "" }
        if start == fixed.index(after: fixed.startIndex) { return "/" }
        return String(fixed[..<fixed.index(before: start)])
    }

    /// `(self as NSString).deletingPathExtension`: the last component without its final `.ext` (a leading dot
    /// names a hidden file, not an extension).
    package var pathDeletingExtension: String {
        let fixed = pathFixingSlashes
        let start = fixed.utf8.count <= 1 ? fixed.startIndex : fixed.pathStartOfLastComponent
        let last = fixed[start...]
        guard let dot = last.lastIndex(of: "."), dot > last.startIndex, !last.allSatisfy({ $0 == "." }) else { return fixed }
        return String(fixed[..<dot])
    }

    /// Slashes collapsed, a trailing slash removed (a lone "/" stays).
    var pathFixingSlashes: String {
        // Nothing to fix (the usual path): no two slash bytes in a row and no trailing slash. Decided on the bytes,
        // without the per-Character loop below (~36,000 instructions per output path in `raft run`); exact, since a
        // Character "/" is the byte alone, so the loop could only drop bytes this check has seen.
        var previous: UInt8 = 0, repeated = false
        for b in utf8 {
            if b == UInt8(ascii: "/") && previous == b { repeated = true; break }
            previous = b
        }
        if !repeated && (utf8.count <= 1 || previous != UInt8(ascii: "/")) { return self }
        if utf8.count > 1 && utf8.allSatisfy({ $0 == UInt8(ascii: "/") }) { return "" }  // "//" → "", as Foundation does
        var out = ""
        out.reserveCapacity(utf8.count)
        var previousSlash = false
        for c in self {
            if c == "/" { if previousSlash { continue }; previousSlash = true } else { previousSlash = false }
            out.append(c)
        }
        if out.count > 1 && out.hasSuffix("/") { out.removeLast() }
        return out
    }

    /// Index after the last slash (startIndex when there is none).
    private var pathStartOfLastComponent: String.Index {
        guard let slash = lastIndex(of: "/") else { return startIndex }
        return index(after: slash)
    }
}
