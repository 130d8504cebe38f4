#if canImport(FoundationEssentials)
import FoundationEssentials

/// The `isDirectory` flag of `fileExists(atPath:isDirectory:)`: `Bool` in FoundationEssentials, `ObjCBool` in Foundation.
package typealias DirectoryFlag = Bool

extension Bool {
    /// `ObjCBool.boolValue`, so code reading a `DirectoryFlag` compiles with either Foundation.
    package var boolValue: Bool { self }
}

#else
import Foundation

package typealias DirectoryFlag = ObjCBool
#endif

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` (full Foundation only): without leading and trailing tabs and
    /// Unicode space separators (category Zs).
    package func trimmingWhitespace() -> String {
        func isSpace(_ u: Unicode.Scalar) -> Bool { u == "\t" || u.properties.generalCategory == .spaceSeparator }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension StringProtocol {
    /// NSString's `padding(toLength:withPad: " ", startingAt: 0)` (full Foundation only): lengths in UTF-16 units,
    /// cut when longer, else filled with spaces.
    package func padded(toLength newLength: Int) -> String {
        let units = Array(utf16)
        if units.count >= newLength { return String(decoding: units.prefix(newLength), as: UTF16.self) }
        return String(self) + String(repeating: " ", count: newLength - units.count)
    }
}

extension String {
    /// `padded(toLength:)` of `StringProtocol` for a `String`, without the generic code: called from another
    /// module, the generic version ran unspecialized and instantiated generic metadata at its first calls (the
    /// tables of `raft run` spent ~0.7 M instructions in 43 calls). Same result: UTF-16 length, cut or space-filled.
    package func padded(toLength newLength: Int) -> String {
        let n = utf16.count
        if n >= newLength { return String(decoding: Array(utf16).prefix(newLength), as: UTF16.self) }
        return self + String(repeating: " ", count: newLength - n)
    }

    /// `trimmingWhitespace().isEmpty` without building the trimmed string: nothing but tabs and Unicode space
    /// separators (category Zs), or empty.
    package var isWhitespaceOnly: Bool {
        !unicodeScalars.contains { !($0 == "\t" || $0 == " " || (!$0.isASCII && $0.properties.generalCategory == .spaceSeparator)) }
    }
}
