#if canImport(FoundationEssentials)
import FoundationEssentials

/// `FileManager.fileExists(atPath:isDirectory:)`'s flag: `Bool` in FoundationEssentials, `ObjCBool` in Foundation.
package typealias DirectoryFlag = Bool

extension Bool {
    /// `ObjCBool.boolValue`, so code reading a `DirectoryFlag` compiles with either Foundation.
    package var boolValue: Bool { self }
}

extension StringProtocol {
    /// NSString's `padding(toLength:withPad:startingAt:)` (full Foundation only): lengths in UTF-16 units, cut
    /// when longer, else filled with `pad` repeated from `padIndex`.
    package func padding(toLength newLength: Int, withPad pad: String, startingAt padIndex: Int) -> String {
        let units = Array(utf16)
        if units.count >= newLength { return String(decoding: units.prefix(newLength), as: UTF16.self) }
        let padUnits = Array(pad.utf16)
        var out = units
        var k = padIndex
        while out.count < newLength { out.append(padUnits[k % padUnits.count]); k += 1 }
        return String(decoding: out, as: UTF16.self)
    }
}
#else
import Foundation

package typealias DirectoryFlag = ObjCBool
#endif

extension StringProtocol {
    /// `trimmingWhitespace()` (full Foundation only): without leading and trailing tabs and
    /// Unicode space separators (category Zs).
    package func trimmingWhitespace() -> String {
        func isSpace(_ u: Unicode.Scalar) -> Bool { u == "\t" || u.properties.generalCategory == .spaceSeparator }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
