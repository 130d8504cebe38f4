import Foundation
import Testing
@testable import RAFT

/// `FileName` gives what `URL(fileURLWithPath:)` gives, on plain names (read from the bytes) and on everything
/// else (through `URL`).
@Suite("File names as URL gives them")
struct FileNameTests {
    static let paths = [
        "OC3spar.yaml", "designs/OC3spar.yaml", "/work/main/designs/OC3spar.yaml", "./OC3spar.yaml", "../x/OC3spar.yaml",
        "VolturnUS-S.yaml", "a_b+c-1.json", "a//b.yaml", "a/b/", "a/b.yaml/", "/a.yaml", "a.b.c", ".hidden", "dir/.hidden",
        "a.", "a..b", "...", "..", ".", "x/..", "x/.", "x/...", "", "/", "//", "~", "~/a.yaml", "a b/c d.yaml", "c d.yaml",
        "é/ü.yaml", "ü.yaml", "a%20b/c.yaml", "c%20d.yaml", "/tmp//x//y.yaml", "a/./b.yaml", "a/../b.yaml", "a.y-ml",
        "a.yaml1", "a.c++", "a.b_c", "<string>", "x.tar.gz", "Makefile", "a:b.yaml", "a\\b.yaml", "-q.yaml",
        "/x/.../y", "/.../y", "x/.../y.yaml", "/a", "/a/b", "a/b/c/d.e",
    ]

    @Test func lastComponentMatchesURL() {
        for p in Self.paths {
            #expect(FileName.last(of: p) == URL(fileURLWithPath: p).lastPathComponent, "last component of '\(p)'")
        }
    }

    @Test func stemMatchesURL() {
        for p in Self.paths {
            #expect(FileName.stem(of: p) == URL(fileURLWithPath: p).deletingPathExtension().lastPathComponent,
                    "stem of '\(p)'")
        }
    }

    @Test func parentDirectoryMatchesURL() {
        for p in Self.paths {
            #expect(FileName.parentDirectory(of: p) == URL(fileURLWithPath: p).deletingLastPathComponent().path,
                    "parent of '\(p)'")
        }
        // The text is read for plain paths only: relative ones from the working folder, the others through URL.
        #expect(FileName.plainParentDirectory("designs/OC3spar.yaml", workingFolder: { "/w" }) == "/w/designs")
        #expect(FileName.plainParentDirectory("OC3spar.yaml", workingFolder: { "/w" }) == "/w")
        #expect(FileName.plainParentDirectory("/a.yaml") == "/")
        #expect(FileName.plainParentDirectory("a.yaml", workingFolder: { "/" }) == nil)
        #expect(FileName.plainParentDirectory("a.yaml", workingFolder: { "/my folder" }) == nil)
        for p in ["a//b", "./a", "a/../b", "~/a", "a/", "", "/"] { #expect(FileName.plainParentDirectory(p) == nil, "'\(p)'") }
    }

    /// Random names from the plain alphabet and a few others (slash, space, tilde, percent, non-ASCII), so both
    /// the byte path and the fallback are compared.
    @Test func randomNamesMatchURL() {
        var rng = SplitMix64(seed: 29)
        let alphabet = Array("ab.Z9-_+./ ~%é")
        for _ in 0..<2_000 {
            let n = Int(rng.next() % 10)
            let p = String((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            let url = URL(fileURLWithPath: p)
            #expect(FileName.last(of: p) == url.lastPathComponent, "last component of '\(p)'")
            #expect(FileName.stem(of: p) == url.deletingPathExtension().lastPathComponent, "stem of '\(p)'")
            #expect(FileName.parentDirectory(of: p) == url.deletingLastPathComponent().path, "parent of '\(p)'")
        }
    }

    /// A file's bytes as `Data(contentsOf:)` reads them; nil (the caller reads through URL for the error) for a
    /// missing file and a folder.
    @Test func contentsMatchData() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("filecontents-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SplitMix64(seed: 31)
        for size in [0, 1, 4095, 4096, 4097, 100_003] {
            let path = dir.appendingPathComponent("f\(size)").path
            let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            #expect(FileName.contents(of: path) == (try Data(contentsOf: URL(fileURLWithPath: path))), "size \(size)")
        }
        #expect(FileName.contents(of: dir.appendingPathComponent("missing").path) == nil)
        #expect(FileName.contents(of: dir.path) == nil)
        #if os(Linux)
        // A file whose size reads as 0 (procfs, like the cgroup files `ActiveProcessors` reads) is read to its end.
        let cmdline = try #require(FileName.contents(of: "/proc/self/cmdline"))
        #expect(!cmdline.isEmpty)
        #expect(cmdline == (try Data(contentsOf: URL(fileURLWithPath: "/proc/self/cmdline"))))
        #endif
    }

    /// The design's file name: what `YAMLNode.load(path:)` names in nodes and messages is the URL's last component.
    @Test func loadByPathNamesTheFileAsURL() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("filename-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["d.yaml", "d.e.yaml", "d e.yaml"] {
            let path = dir.appendingPathComponent(name).path
            try "a: 1\n".write(toFile: path, atomically: false, encoding: .utf8)
            let byPath = try YAMLNode.load(path: path), byURL = try YAMLNode.load(contentsOf: URL(fileURLWithPath: path))
            #expect(byPath.file == name)
            #expect(byPath.file == byURL.file)
            #expect(byPath["a"]?.description == "1")
        }
        // A file that cannot be read gives the error reading through URL gave.
        let missing = dir.appendingPathComponent("missing.yaml").path
        #expect(throws: InputError.self) { try YAMLNode.load(path: missing) }
        do { _ = try YAMLNode.load(path: missing) } catch {
            do { _ = try YAMLNode.load(contentsOf: URL(fileURLWithPath: missing)) } catch let expected {
                #expect(error.description == expected.description)
            }
        }
    }
}
