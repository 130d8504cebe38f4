/// A location inside a YAML document, rendered like `platform.members[2].d`.
///
/// Stored as its last component and a shared reference to the path above it, so the parser gives each node its
/// path without copying the components of every ancestor: the children of one list or mapping share one
/// `Parent` record (one allocation per collection, none per scalar), and the text is built only when a message
/// needs it.
package struct YAMLPath: Hashable, Sendable, CustomStringConvertible {
    package enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    /// The path above `last`, shared between siblings (nil: this is the root or a top-level path).
    private var parent: Parent?
    /// The last component (nil: the document root).
    private var last: Component?

    /// A boxed path: the common prefix of sibling paths.
    package final class Parent: Sendable {
        let path: YAMLPath
        init(_ path: YAMLPath) { self.path = path }
    }

    private init(parent: Parent?, last: Component?) { self.parent = parent; self.last = last }

    package init(_ components: [Component] = []) {
        var p = YAMLPath(parent: nil, last: nil)
        for c in components { p = p.appending(c) }
        self = p
    }

    package static let root = YAMLPath(parent: nil, last: nil)

    /// The components from the root down.
    package var components: [Component] {
        var out: [Component] = []
        var cur: YAMLPath? = self
        while let p = cur, let c = p.last { out.append(c); cur = p.parent?.path }
        return out.reversed()
    }

    /// Makes the paths of one node's children; they share a single record of this path.
    package struct Children {
        let parent: Parent?
        package func appending(key: String) -> YAMLPath { YAMLPath(parent: parent, last: .key(key)) }
        package func appending(index: Int) -> YAMLPath { YAMLPath(parent: parent, last: .index(index)) }
    }

    /// The factory of this path's child paths (boxes this path once, unless it is the root).
    package var children: Children { Children(parent: last == nil ? nil : Parent(self)) }

    package func appending(key: String) -> YAMLPath { appending(.key(key)) }
    package func appending(index: Int) -> YAMLPath { appending(.index(index)) }

    private func appending(_ c: Component) -> YAMLPath {
        YAMLPath(parent: last == nil ? nil : Parent(self), last: c)
    }

    package static func == (a: YAMLPath, b: YAMLPath) -> Bool {
        var x: YAMLPath? = a, y: YAMLPath? = b
        while let p = x, let q = y {
            if p.last != q.last { return false }
            if p.parent === q.parent { return true }  // same record (or both nil): same prefix
            x = p.parent?.path; y = q.parent?.path
        }
        return x == nil && y == nil
    }

    package func hash(into hasher: inout Hasher) { hasher.combine(components) }

    package var description: String {
        var s = ""
        for c in components {
            switch c {
            case .key(let k): s += s.isEmpty ? k : "." + k
            case .index(let i): s += "[\(i)]"
            }
        }
        return s.isEmpty ? "(document root)" : s
    }
}
