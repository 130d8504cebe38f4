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
        var sections: Set<String> = []
        for e in edits {
            let p = try YAMLEditPath(e.path)
            r = try r.setting(p, number: e.value)
            if case .key(let top)? = p.steps.first { sections.insert(top) } else { sections.insert("") }
        }
        if let d = try revalidated(root: r, sections: sections) { return d }
        return try Design(root: r, baseDirectory: baseDirectory)
    }

    /// `setting(_:)` with the paths already read (a sweep reads its parameter paths once for all variants).
    package func setting(parsed edits: [(path: YAMLEditPath, value: Double)]) throws(InputError) -> Design {
        var r = root
        var sections: Set<String> = []
        for (p, value) in edits {
            r = try r.setting(p, number: value)
            if case .key(let top)? = p.steps.first { sections.insert(top) } else { sections.insert("") }
        }
        if let d = try revalidated(root: r, sections: sections) { return d }
        return try Design(root: r, baseDirectory: baseDirectory)
    }

    /// Top-level sections whose typed values `revalidated` can read again on their own.
    static let sectionsReadAlone: Set<String> = ["cases", "platform", "platforms", "turbine", "turbines", "mooring", "moorings"]

    /// This design with `root` (this design's tree with edits inside `sections` only) read again section by section:
    /// the edited sections and what depends on them, in the order `init(root:)` reads them, the others kept (issue 17:
    /// a sweep variant re-read only what its parameters touch). The result is what `init(root:)` gives, the same
    /// values or the same first error; nil when that cannot be shown this way (then read the whole tree): a farm
    /// design, a section outside `sectionsReadAlone`, a changed list of top-level keys, or warnings (their order
    /// would follow the whole reading).
    func revalidated(root r: YAMLNode, sections: Set<String>) throws(InputError) -> Design? {
        guard !isArray, diagnostics.warnings.isEmpty, sections.isSubset(of: Design.sectionsReadAlone),
              r.keys == root.keys else { return nil }
        var d = self
        d.root = r
        var diagnostics = Diagnostics()
        if sections.contains("cases") {
            (d.cases, d.fatigue) = try Design.casesSection(r, diagnostics: &diagnostics)
        }
        let platformsEdited = !sections.isDisjoint(with: ["platform", "platforms"])
        let turbinesEdited = !sections.isDisjoint(with: ["turbine", "turbines"])
        let mooringsEdited = !sections.isDisjoint(with: ["mooring", "moorings"])
        if platformsEdited {
            d.platforms = try Design.platformsSection(r, baseDirectory: baseDirectory, readingHydroFiles: true, diagnostics: &diagnostics)
        }
        if turbinesEdited {
            d.turbines = try Design.turbinesSection(r, diagnostics: &diagnostics)
        }
        if mooringsEdited {
            d.moorings = try Design.mooringsSection(r, baseDirectory: baseDirectory, diagnostics: &diagnostics)
        }
        if turbinesEdited { d.turbineStrips = Design.turbineStrips(d.turbines) }
        if platformsEdited || turbinesEdited {
            try Design.checkModelSize(platforms: d.platforms, turbineStrips: d.turbineStrips, settings: d.settings, root: r)
        }
        if mooringsEdited { (d.mooringCurrentMod, d.mooringTolerance) = try Design.mooringSettings(r) }
        guard diagnostics.warnings.isEmpty else { return nil }
        d.fowts = [Design.singleFOWT(turbines: d.turbines, moorings: d.moorings)]
        return d
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
