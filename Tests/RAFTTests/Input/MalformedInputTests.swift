import Foundation
import Testing
@testable import RAFT

/// One malformed design under `Tests/RAFTTests/Input/Fixtures/malformed/`.
///
/// Line 1 of each file states what loading it must report: `# expect: <YAML path>: <message fragment>`.
/// The fragment may contain ` ... ` to stand for any text between two parts that must appear in order.
struct MalformedFixture: CustomTestStringConvertible, Sendable {
    static let directory = Reference.repoRoot.appendingPathComponent("Tests/RAFTTests/Input/Fixtures/malformed")

    let name: String
    var url: URL { Self.directory.appendingPathComponent(name) }
    var testDescription: String { name }

    /// File names of all fixtures, sorted (read at test discovery; the folder is part of the repository).
    static func all() -> [MalformedFixture] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map(MalformedFixture.init(name:))
    }

    /// The expected YAML path and message parts from line 1.
    func expectation() throws -> (path: String, fragments: [String]) {
        let text = try String(contentsOf: url, encoding: .utf8)
        let first = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let prefix = "# expect: "
        guard first.hasPrefix(prefix), let sep = first.range(of: ": ", range: first.index(first.startIndex, offsetBy: prefix.count)..<first.endIndex) else {
            throw FixtureError.badHeader(name, first)
        }
        let path = String(first[first.index(first.startIndex, offsetBy: prefix.count)..<sep.lowerBound])
        let fragment = String(first[sep.upperBound...])
        return (path, fragment.components(separatedBy: " ... "))
    }

    enum FixtureError: Error { case badHeader(String, String) }
}

/// True when `parts` occur in `text` in this order (non-overlapping).
func containsInOrder(_ text: String, _ parts: [String]) -> Bool {
    var rest = text[...]
    for part in parts {
        guard let r = rest.range(of: part) else { return false }
        rest = rest[r.upperBound...]
    }
    return true
}

@Suite("Malformed design files")
struct MalformedInputTests {
    @Test("the fixture set covers the required cases")
    func fixtureCount() throws {
        let all = MalformedFixture.all()
        #expect(all.count >= 20, "expected at least 20 malformed fixtures in \(MalformedFixture.directory.path)")
        for f in all { _ = try f.expectation() }  // every header is well formed
    }

    @Test("loading fails with an InputError naming the path and the problem", arguments: MalformedFixture.all())
    func rejects(_ fixture: MalformedFixture) throws {
        let (path, fragments) = try fixture.expectation()
        do {
            let design = try Design.load(path: fixture.url.path)
            Issue.record("\(fixture.name) loaded without error (\(design.fowts.count) FOWTs); expected \(path): \(fragments.joined(separator: " ... "))")
        } catch {
            #expect(error.file == fixture.name, "the message should name the file")
            #expect(error.path.description == path, "wrong YAML path in: \(error)")
            #expect(containsInOrder(error.message, fragments), "message lacks '\(fragments.joined(separator: " ... "))': \(error)")
            // The rendered message (what `raft check` prints) carries the path too.
            #expect(error.description.contains("\(path): "), "rendered message lacks the path: \(error)")
        }
    }

    @Test("the ' ... ' matcher needs every part, in order")
    func matcher() {
        #expect(containsInOrder("expected 6 values (one per key), got 5", ["expected 6 values", "got 5"]))
        #expect(!containsInOrder("expected 6 values (one per key), got 5", ["got 5", "expected 6 values"]))
        #expect(!containsInOrder("expected 6 values", ["expected 6 values", "got 5"]))
    }
}
