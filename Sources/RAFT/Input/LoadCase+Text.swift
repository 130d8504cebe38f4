extension LoadCase {
    /// One load case given as a mapping from RAFT's case keys to values (`{wind_speed: 8, wave_height: 4, ...}`, YAML
    /// or JSON text), as RAFT's `Model.solveStatics(case)` takes a case dictionary. Keys RAFT does not know are
    /// ignored (as RAFT does); values are checked as in the design's `cases` table.
    /// - Parameters:
    ///   - text: the mapping as YAML or JSON text.
    ///   - file: name used in messages.
    ///   - index: case index used in messages.
    package static func parse(mapping text: String, file: String = "<case>", index: Int = 0) throws(InputError) -> LoadCase {
        let root = try YAMLNode.parse(text, file: file)
        guard case .map(let pairs) = try root.requireMap("a load case (a mapping from case keys such as wind_speed, wave_height to values)").value else {
            throw root.error("expected a load case mapping")
        }
        return try LoadCase(index: index, cells: pairs, row: root)
    }
}
