import Foundation
import Testing

/// `linker/hot-sections.txt` is read by gold (`--section-ordering-file`, release `raft` link): one input-section
/// name a line, in the order the sections are placed. A line gold would read as a glob pattern (`*`, `?`, `[`) or a
/// whole object's `.text` would move unrelated code; the list is written by `make hot-sections`.
@Suite("Architecture: the release link's hot-section list")
struct HotSectionsTests {
    static let list = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("linker/hot-sections.txt")

    @Test("every line names one function's code section, once, and none is a pattern")
    func oneFunctionSectionPerLine() throws {
        let text = try String(contentsOf: Self.list, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(text.hasSuffix("\n"))
        #expect(lines.count > 500, "only \(lines.count) sections listed")
        let bad = lines.filter { line in
            !line.hasPrefix(".text.") || line.count <= ".text.".count
                || line.contains { "*?[ \t".contains($0) }
        }
        #expect(bad.isEmpty, "not one function's section: \(bad.prefix(5))")
        #expect(Set(lines).count == lines.count, "a section is listed twice")
    }
}
