#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The WAMIT `.1` (added mass, damping) and `.3` (excitation) files named by `platform.hydroPath`, read and parsed
/// when the design is loaded (RAFT `readHydro()` at FOWT construction, spec 05 §3), so `raft check` finds a
/// missing or malformed file.
package struct WAMITFiles: Sendable {
    /// The resolved path prefix the files were read from.
    package var prefix: String
    /// `prefix.1` and its table; `prefix.3` and its table.
    package var radiationPath: String
    package var radiation: WAMITRadiationData
    package var excitationPath: String
    package var excitation: WAMITExcitationData
    /// The `hydroPath` value, for errors found later (frequencies outside the tabulated range, NaN).
    package var location: InputLocation

    /// Where RAFT would look for `hydroPath` (a path prefix, relative to the working directory; spec 05 §1,
    /// pitfall 12), followed by the same prefix relative to the design's folder, so that a design runs from any
    /// directory. Absolute prefixes are used as they are.
    static func candidatePrefixes(_ hydroPath: String, baseDirectory: String?) -> [String] {
        if hydroPath.hasPrefix("/") { return [hydroPath] }
        let cwd = FileManager.default.currentDirectoryPath
        var out = [URL(fileURLWithPath: cwd).appendingPathComponent(hydroPath).standardizedFileURL.path]
        if let base = baseDirectory {
            let p = URL(fileURLWithPath: base).appendingPathComponent(hydroPath).standardizedFileURL.path
            if !out.contains(p) { out.append(p) }
        }
        return out
    }

    /// The prefix whose `.1` file exists (first candidate that has one).
    static func resolvePrefix(_ hydroPath: String, baseDirectory: String?) -> String? {
        candidatePrefixes(hydroPath, baseDirectory: baseDirectory).first { FileManager.default.fileExists(atPath: $0 + ".1") }
    }

    /// Reads `hydroPath.1` and `hydroPath.3`.
    ///
    /// - Parameters:
    ///   - node: the `platform.hydroPath` node; every failure (missing or malformed file) is an `InputError` located there.
    ///   - baseDirectory: the design's folder (second place to look).
    init(hydroPath node: YAMLNode, baseDirectory: String?) throws(InputError) {
        let hydroPath = try node.string("a WAMIT file prefix (the .1 and .3 files without extension)")
        guard let prefix = Self.resolvePrefix(hydroPath, baseDirectory: baseDirectory) else {
            let tried = Self.candidatePrefixes(hydroPath, baseDirectory: baseDirectory).map { "'\($0).1'" }.joined(separator: ", ")
            throw node.error("WAMIT file '\(hydroPath).1' not found (looked for \(tried)); hydroPath is the path prefix of the .1/.3 files, relative to the working directory as in RAFT, or to the design's folder")
        }
        func key(_ ext: String) throws(InputError) -> WAMITFileCache.Key {
            let path = prefix + ext
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
                throw node.error("WAMIT file '\(path)' not found (RAFT reads both \(hydroPath).1 and \(hydroPath).3)")
            }
            return WAMITFileCache.Key(path: path, size: Self.fileSize(attributes[.size]),
                                      modified: attributes[.modificationDate] as? Date)
        }
        func text(_ path: String) throws(WAMITFileError) -> String {
            do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw WAMITFileError(file: path, line: nil, message: "cannot be read: \(FileProblem.readReason(path: path, error: error))")
            }
        }
        let key1 = try key(".1"), key3 = try key(".3")
        do {
            radiation = try WAMITFileCache.shared.radiation(key1) { () throws(WAMITFileError) in
                try WAMITRadiationData(text: text(key1.path), file: key1.path)
            }
            excitation = try WAMITFileCache.shared.excitation(key3) { () throws(WAMITFileError) in
                try WAMITExcitationData(text: text(key3.path), file: key3.path)
            }
        } catch {
            throw node.error("WAMIT file \(error)")
        }
        self.prefix = prefix
        radiationPath = key1.path
        excitationPath = key3.path
        location = node.location
    }
}

/// Parsed WAMIT files shared by the models of one process (a sweep builds many models from the same files),
/// keyed by path, size and modification date so that an edited file is read again.
final class WAMITFileCache: @unchecked Sendable {
    static let shared = WAMITFileCache()

    struct Key: Hashable, Sendable {
        var path: String
        var size: Int
        var modified: Date?
    }

    private let lock = MutexLock()
    private var radiationTables: [Key: WAMITRadiationData] = [:]
    private var excitationTables: [Key: WAMITExcitationData] = [:]
    /// Entries kept per kind; the cache is emptied when it would grow beyond this.
    private let capacity = 8

    func radiation(_ key: Key, parse: () throws(WAMITFileError) -> WAMITRadiationData) throws(WAMITFileError) -> WAMITRadiationData {
        if let hit = lock.withLock({ radiationTables[key] }) { return hit }
        let data = try parse()
        lock.withLock {
            if radiationTables.count >= capacity { radiationTables.removeAll() }
            radiationTables[key] = data
        }
        return data
    }

    func excitation(_ key: Key, parse: () throws(WAMITFileError) -> WAMITExcitationData) throws(WAMITFileError) -> WAMITExcitationData {
        if let hit = lock.withLock({ excitationTables[key] }) { return hit }
        let data = try parse()
        lock.withLock {
            if excitationTables.count >= capacity { excitationTables.removeAll() }
            excitationTables[key] = data
        }
        return data
    }
}

extension WAMITFiles {
    /// `FileAttributeKey.size` as an Int (an `Int`, `Int64` or `UInt64` depending on the Foundation; -1 if absent).
    static func fileSize(_ v: Any?) -> Int {
        if let n = v as? Int { return n }
        if let n = v as? Int64 { return Int(n) }
        if let n = v as? UInt64 { return Int(truncatingIfNeeded: n) }
        return -1
    }
}
