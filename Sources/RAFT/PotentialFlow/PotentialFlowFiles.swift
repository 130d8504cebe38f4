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
        func text(_ ext: String) throws(InputError) -> String {
            let path = prefix + ext
            guard FileManager.default.fileExists(atPath: path) else {
                throw node.error("WAMIT file '\(path)' not found (RAFT reads both \(hydroPath).1 and \(hydroPath).3)")
            }
            do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw node.error("cannot read WAMIT file '\(path)': \(error.localizedDescription)")
            }
        }
        let text1 = try text(".1"), text3 = try text(".3")
        do {
            let file1 = prefix + ".1", file3 = prefix + ".3"
            let radiation = try RadiationCoefficients(WAMITRadiationData(text: text1, file: file1), omega: omega, rho: rho,
                                                      referenceNode: referenceNode, file: file1)
            let excitation = try ExcitationCoefficients(WAMITExcitationData(text: text3, file: file3), omega: omega, rho: rho,
                                                        g: g, referenceNode: referenceNode, file: file3)
            return PotentialFlowCoefficients(radiation: radiation, excitation: excitation, source: prefix)
        } catch {
            throw node.error("WAMIT file \(error)")
        }
    }
}
