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

extension Design {
    /// A tight drag-linearisation tolerance for finite differences (`raft sensitivity --smooth`).
    ///
    /// RAFT 2.0.4 stops the drag linearisation at a 1 % change between passes, so a response statistic can move by
    /// up to about that much when a small design change changes the number of passes. This copy sets
    /// `settings.dragTolerance` to 1e-6 and `settings.nIter` to at least 100.
    public func withSmoothSolverSettings() throws(InputError) -> Design {
        var r = root
        if r["settings"] == nil {
            r = try r.setting(YAMLEditPath("settings"), to: .map([]))
        }
        r = try r.setting(YAMLEditPath("settings.dragTolerance"), number: 1e-6)
        r = try r.setting(YAMLEditPath("settings.nIter"), to: .scalar(String(max(settings.nIter, 100)), quoted: false))
        return try Design(root: r, baseDirectory: baseDirectory)
    }
}
