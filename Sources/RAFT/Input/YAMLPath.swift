/// A location inside a YAML document, rendered like `platform.members[2].d`.
package struct YAMLPath: Hashable, Sendable, CustomStringConvertible {
    package enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }
    package var components: [Component]

    package init(_ components: [Component] = []) { self.components = components }

    package static let root = YAMLPath()

    package func appending(key: String) -> YAMLPath { appending(.key(key)) }
    package func appending(index: Int) -> YAMLPath { appending(.index(index)) }

    private func appending(_ c: Component) -> YAMLPath {
        var out: [Component] = []
        out.reserveCapacity(components.count + 1)
        out.append(contentsOf: components)
        out.append(c)
        return YAMLPath(out)
    }

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
