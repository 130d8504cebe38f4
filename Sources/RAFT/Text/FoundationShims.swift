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

extension Unicode.Scalar {
    /// Foundation's `.whitespaces`: a tab or a Unicode space separator (category Zs; the only ASCII one is " ",
    /// so other ASCII scalars are answered without reading their properties).
    var isHorizontalSpace: Bool {
        self == "\t" || self == " " || (!isASCII && properties.generalCategory == .spaceSeparator)
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` (full Foundation only): without leading and trailing tabs and
    /// Unicode space separators (category Zs).
    package func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isHorizontalSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isHorizontalSpace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension StringProtocol {
    /// `padded(toLength:)` of the `String` with these characters (a substring's, say).
    package func padded(toLength newLength: Int) -> String { String(self).padded(toLength: newLength) }
}

extension String {
    /// NSString's `padding(toLength:withPad: " ", startingAt: 0)` (full Foundation only): lengths in UTF-16 units,
    /// cut when longer, else filled with spaces. On `String` itself, not generic: called from another module, a
    /// generic version ran unspecialized and instantiated generic metadata at its first calls (the tables of
    /// `raft run` spent ~0.7 M instructions in 43 calls).
    package func padded(toLength newLength: Int) -> String {
        let n = utf16.count
        if n >= newLength { return String(decoding: Array(utf16).prefix(newLength), as: UTF16.self) }
        return self + String(repeating: " ", count: newLength - n)
    }

    /// `trimmingWhitespace().isEmpty` without building the trimmed string: nothing but tabs and Unicode space
    /// separators (category Zs), or empty.
    package var isWhitespaceOnly: Bool { unicodeScalars.allSatisfy { $0.isHorizontalSpace } }
}
