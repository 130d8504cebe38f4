import Foundation

extension PotentialFlowCoefficients {
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

    /// Find and parse `hydroPath.1` and `hydroPath.3` as `load` would (through the same cache), without putting
    /// them on a frequency grid: `raft check` reports a missing or malformed file at `platform.hydroPath`.
    public static func checkFiles(hydroPath node: YAMLNode, baseDirectory: String?) throws(InputError) {
        let hydroPath = try node.string("a WAMIT file prefix (the .1 and .3 files without extension)")
        guard let prefix = resolvePrefix(hydroPath, baseDirectory: baseDirectory) else {
            let tried = candidatePrefixes(hydroPath, baseDirectory: baseDirectory).map { "'\($0).1'" }.joined(separator: ", ")
            throw node.error("WAMIT file '\(hydroPath).1' not found (looked for \(tried)); hydroPath is the path prefix of the .1/.3 files, relative to the working directory as in RAFT, or to the design's folder")
        }
        func key(_ ext: String) throws(InputError) -> WAMITFileCache.Key {
            let path = prefix + ext
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
                throw node.error("WAMIT file '\(path)' not found (RAFT reads both \(hydroPath).1 and \(hydroPath).3)")
            }
            return WAMITFileCache.Key(path: path, size: (attributes[.size] as? NSNumber)?.intValue ?? -1,
                                      modified: attributes[.modificationDate] as? Date)
        }
        func text(_ path: String) throws(WAMITFileError) -> String {
            do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw WAMITFileError(file: path, line: nil, message: "cannot be read: \(error.localizedDescription)")
            }
        }
        let key1 = try key(".1"), key3 = try key(".3")
        do {
            _ = try WAMITFileCache.shared.radiation(key1) { () throws(WAMITFileError) in
                try WAMITRadiationData(text: text(key1.path), file: key1.path)
            }
            _ = try WAMITFileCache.shared.excitation(key3) { () throws(WAMITFileError) in
                try WAMITExcitationData(text: text(key3.path), file: key3.path)
            }
        } catch {
            throw node.error("WAMIT file \(error)")
        }
    }

    /// RAFT `readHydro()`: read `hydroPath.1` and `hydroPath.3` and put them on RAFT's grid (spec 05 §3, §4).
    ///
    /// - Parameters:
    ///   - node: the `platform.hydroPath` node; every failure (missing or malformed file, frequencies outside the
    ///     tabulated range, NaN) is an `InputError` located there.
    ///   - baseDirectory: the design's folder (second place to look).
    ///   - omega: RAFT's frequencies [rad/s]; rho [kg/m³]; g [m/s²].
    ///   - referenceNode: `r0` of the first reduced-DOF node [m] (0 for rigid FOWTs).
    public static func load(hydroPath node: YAMLNode, baseDirectory: String?, omega: [Double], rho: Double, g: Double,
                            referenceNode: Vec3 = .zero) throws(InputError) -> PotentialFlowCoefficients {
        let hydroPath = try node.string("a WAMIT file prefix (the .1 and .3 files without extension)")
        guard let prefix = resolvePrefix(hydroPath, baseDirectory: baseDirectory) else {
            let tried = candidatePrefixes(hydroPath, baseDirectory: baseDirectory).map { "'\($0).1'" }.joined(separator: ", ")
            throw node.error("WAMIT file '\(hydroPath).1' not found (looked for \(tried)); hydroPath is the path prefix of the .1/.3 files, relative to the working directory as in RAFT, or to the design's folder")
        }
        func key(_ ext: String) throws(InputError) -> WAMITFileCache.Key {
            let path = prefix + ext
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
                throw node.error("WAMIT file '\(path)' not found (RAFT reads both \(hydroPath).1 and \(hydroPath).3)")
            }
            return WAMITFileCache.Key(path: path, size: (attributes[.size] as? NSNumber)?.intValue ?? -1,
                                      modified: attributes[.modificationDate] as? Date)
        }
        func text(_ path: String) throws(WAMITFileError) -> String {
            do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw WAMITFileError(file: path, line: nil, message: "cannot be read: \(error.localizedDescription)")
            }
        }
        let key1 = try key(".1"), key3 = try key(".3")
        do {
            let data1 = try WAMITFileCache.shared.radiation(key1) { () throws(WAMITFileError) in
                try WAMITRadiationData(text: text(key1.path), file: key1.path)
            }
            let data3 = try WAMITFileCache.shared.excitation(key3) { () throws(WAMITFileError) in
                try WAMITExcitationData(text: text(key3.path), file: key3.path)
            }
            let radiation = try RadiationCoefficients(data1, omega: omega, rho: rho, referenceNode: referenceNode, file: key1.path)
            let excitation = try ExcitationCoefficients(data3, omega: omega, rho: rho, g: g, referenceNode: referenceNode, file: key3.path)
            return PotentialFlowCoefficients(radiation: radiation, excitation: excitation, source: prefix)
        } catch {
            throw node.error("WAMIT file \(error)")
        }
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

    private let lock = NSLock()
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
