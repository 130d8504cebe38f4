extension Design {
    /// A copy of the design with the value at `path` replaced (e.g. `platform.members[0].d`, `mooring.lines[*].length`),
    /// re-validated as a whole.
    public func setting(_ path: String, to number: Double) throws(InputError) -> Design {
        let p = try YAMLEditPath(path)
        return try Design(root: root.setting(p, number: number), baseDirectory: baseDirectory)
    }

    /// Apply several edits at once (one re-validation).
    public func setting(_ edits: [(path: String, value: Double)]) throws(InputError) -> Design {
        var r = root
        for e in edits { r = try r.setting(YAMLEditPath(e.path), number: e.value) }
        return try Design(root: r, baseDirectory: baseDirectory)
    }
}
