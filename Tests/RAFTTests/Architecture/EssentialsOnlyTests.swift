import Foundation
import Testing

/// The modules linked into `raft` import FoundationEssentials, never full Foundation (whose ICU data made the
/// executable 87 MB and whose start-up cost milliseconds): `import Foundation` may appear only as the fallback
/// branch of `#if canImport(FoundationEssentials)`, for platforms without it.
@Suite("Architecture: raft links FoundationEssentials only")
struct EssentialsOnlyTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    @Test(arguments: ["RAFT", "RAFTIO", "RAFTReport", "raft-cli", "LAPACK"])
    func noFullFoundationImport(module: String) throws {
        let dir = Self.sources.appendingPathComponent(module)
        let files = try FileManager.default.subpathsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty)
        var offenders: [String] = []
        for f in files {
            let lines = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (i, line) in lines.enumerated() where line.hasPrefix("import Foundation") && line != "import FoundationEssentials" {
                // Allowed: inside `#else` of `#if canImport(FoundationEssentials)`.
                let before = lines[..<i].reversed().first { $0.hasPrefix("#") }
                if before != "#else" { offenders.append("\(module)/\(f):\(i + 1)") }
            }
            for word in ["import Yams", "String(format:", "NSString", "JSONSerialization"] {
                for (i, line) in lines.enumerated() where line.contains(word) && !line.trimmingCharacters(in: .whitespaces).hasPrefix("///") {
                    offenders.append("\(module)/\(f):\(i + 1): \(word)")
                }
            }
        }
        #expect(offenders.isEmpty, "full Foundation in the raft executable's modules: \(offenders)")
    }
}
