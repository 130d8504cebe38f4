import Foundation
import Testing

/// The layering the compiler cannot check by itself: inside the RAFT target, only `Input/` parses YAML or reads
/// files; physics code gets typed values. (Target boundaries — RAFT ↛ RAFTIO/RAFTReport — are enforced by
/// Package.swift.)
@Suite("Architecture: Input is the only boundary")
struct BoundaryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/RAFT")

    @Test("no file of the RAFT target outside Input/ names YAMLNode or reads files")
    func physicsHasNoYAMLOrFiles() throws {
        let forbidden = ["YAMLNode", "FileManager", "contentsOfFile", "contentsOf:", "JSONSerialization", "fopen("]
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.root.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50, "found only \(files.count) source files under \(Self.root.path)")
        var offenders: [String] = []
        for f in files where !f.hasPrefix("Input/") {
            let text = try String(contentsOf: Self.root.appendingPathComponent(f), encoding: .utf8)
            for word in forbidden where text.contains(word) { offenders.append("\(f): \(word)") }
        }
        #expect(offenders.isEmpty, "outside Input/: \(offenders)")
    }
}
