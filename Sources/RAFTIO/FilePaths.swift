/// Paths by file name (`raft run`'s early temporaries, `EarlyFiles`; a run has a few dozen files at most), kept in a
/// list rather than a `[String: String]`: that dictionary's growth is a standard-library specialization the linker takes from
/// FoundationEssentials, which names its storage type by mangled name, and its first use in a process scanned all
/// ~4,000 protocol conformance records for `String: Hashable` (~0.24 M instructions and the page faults of the
/// records, on the thread that wrote the first case file). Same reads and writes as the dictionary's: one path per
/// name, the last one set.
package struct FilePaths: Sequence, Sendable {
    private var entries: [(name: String, path: String)] = []

    /// The path of `name`; setting nil removes it.
    package subscript(name: String) -> String? {
        get { entries.first { $0.name == name }?.path }
        set {
            let i = entries.firstIndex { $0.name == name }
            switch (i, newValue) {
            case let (i?, path?): entries[i].path = path
            case let (i?, nil): entries.remove(at: i)
            case let (nil, path?): entries.append((name, path))
            case (nil, nil): break
            }
        }
    }

    package init() {}

    package var isEmpty: Bool { entries.isEmpty }
    package var count: Int { entries.count }

    package func makeIterator() -> IndexingIterator<[(name: String, path: String)]> { entries.makeIterator() }
}
