import Foundation
import Testing

/// The built `raft` executable, found beside the test bundle (the build products folder).
enum RaftExecutable {
    static let url: URL? = {
        let fm = FileManager.default
        if let s = ProcessInfo.processInfo.environment["RAFT_EXECUTABLE"], fm.isExecutableFile(atPath: s) {
            return URL(fileURLWithPath: s)
        }
        var folders: [URL] = []
        // Linux: the test process is the .xctest executable itself, directly in the products folder.
        if let arg0 = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: arg0).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        // macOS: the .xctest bundle is a folder in the products folder.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(Bundle.main.bundleURL)
        folders.append(Reference.repoRoot.appendingPathComponent(".build/debug"))
        for folder in folders {
            let exe = folder.appendingPathComponent("raft")
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: exe.path, isDirectory: &isDir), !isDir.boolValue, fm.isExecutableFile(atPath: exe.path) {
                return exe
            }
        }
        return nil
    }()

    static let skipMessage = "raft executable not found beside the test bundle (build it with `swift build`): CLI tests skipped"

    /// The environment the tests run `raft` in: the caller's, with the CLI's disk caches (airfoil fits, BEM) kept
    /// in the temporary folder (the first run writes them, later runs read them) and switched on even when the
    /// caller has set `RAFT_NO_CACHE` (tests such as `raft bem`'s second run expect the cache).
    static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["RAFT_CACHE_DIR"] = NSTemporaryDirectory() + "raft-test-fit-cache"
        env["RAFT_NO_CACHE"] = nil
        return env
    }
}

extension Trait where Self == ConditionTrait {
    /// The test runs the `raft` executable: skipped when it is not built beside the test bundle.
    static var needsRaftExecutable: Self { .enabled(if: RaftExecutable.url != nil, Comment(rawValue: RaftExecutable.skipMessage)) }
}

extension RaftExecutable {
    struct Result { var status: Int32; var stdout: String; var stderr: String }

    /// Run `raft` with `arguments` and wait for it.
    static func run(_ exe: URL, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = exe
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }
}

/// Signs of a crash instead of a clean input error.
private let crashMarkers = ["Fatal error", "Stack dump", "Current stack trace", "Illegal instruction", "Segmentation fault"]

@Suite("raft check")
struct CheckCommandTests {
    @Test("a valid design: exit 0 and a summary with frequencies and cases", .needsRaftExecutable,
          arguments: [("OC3spar.yaml", 3), ("OC4semi.yaml", 1), ("VolturnUS-S.yaml", 1)])
    func validDesign(_ name: String, _ caseCount: Int) throws {
        let exe = try #require(RaftExecutable.url)
        let path = Reference.repoRoot.appendingPathComponent("designs/\(name)").path
        let r = try RaftExecutable.run(exe, ["check", path])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("\(name)") && r.stdout.contains("valid"))
        // 0.005 .. 0.40 Hz in steps of 0.005 Hz: 80 frequencies.
        #expect(r.stdout.contains("frequencies:   80 from 0.005"), "summary: \(r.stdout)")
        #expect(r.stdout.contains("cases:         \(caseCount)"), "summary: \(r.stdout)")
        #expect(r.stderr.isEmpty, "no warnings expected for our designs: \(r.stderr)")
    }

    @Test("a malformed design: exit 2, the file and YAML path on stderr, no crash", .needsRaftExecutable,
          arguments: ["missing_site.yaml", "wave_spectrum_lowercase.yaml", "not_yaml.yaml", "cases_row_too_short.yaml"])
    func malformedDesign(_ name: String) throws {
        let exe = try #require(RaftExecutable.url)
        let fixture = MalformedFixture(name: name)
        let (path, fragments) = try fixture.expectation()
        let r = try RaftExecutable.run(exe, ["check", fixture.url.path])
        #expect(r.status == 2, "stdout: \(r.stdout) stderr: \(r.stderr)")
        #expect(r.stderr.hasPrefix("error: \(name)"), "stderr: \(r.stderr)")
        #expect(r.stderr.contains("\(path): "), "stderr lacks the YAML path \(path): \(r.stderr)")
        #expect(containsInOrder(r.stderr, fragments), "stderr lacks the message: \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "one line expected: \(r.stderr)")
        for marker in crashMarkers { #expect(!r.stderr.contains(marker), "crash output: \(r.stderr)") }
        #expect(r.stdout.isEmpty, "nothing on stdout for a failed check: \(r.stdout)")
    }

    @Test("a missing file: exit 2 with a message, no crash", .needsRaftExecutable)
    func missingFile() throws {
        let exe = try #require(RaftExecutable.url)
        let path = Reference.repoRoot.appendingPathComponent("designs/no-such-design.yaml").path
        let r = try RaftExecutable.run(exe, ["check", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no-such-design.yaml") && r.stderr.contains("cannot read the file"), "stderr: \(r.stderr)")
        for marker in crashMarkers { #expect(!r.stderr.contains(marker), "crash output: \(r.stderr)") }
    }
}
