/// Editing a design's YAML tree by path, for sweeps and programmatic design changes.
///
/// Paths look like the ones in error messages: `platform.members[0].d`, `mooring.lines[*].length`
/// (`[*]` edits every element), `settings.max_freq`, `platform.members[2].d[1]` (one station).
package struct YAMLEditPath: Sendable, Hashable, CustomStringConvertible {
    package enum Step: Sendable, Hashable { case key(String), index(Int), all }
    package var steps: [Step]
    package let text: String
    package var description: String { text }

    package init(_ text: String) throws(InputError) {
        self.text = text
        steps = []
        var i = text.startIndex
        var key = ""
        func flushKey() { if !key.isEmpty { steps.append(.key(key)); key = "" } }
        while i < text.endIndex {
            let c = text[i]
            if c == "." {
                flushKey()
            } else if c == "[" {
                flushKey()
                guard let close = text[i...].firstIndex(of: "]") else {
                    throw InputError(file: "<path>", path: .root, message: "unbalanced '[' in parameter path '\(text)'")
                }
                let inner = text[text.index(after: i)..<close].trimmingWhitespace()
                if inner == "*" { steps.append(.all) } else if let n = Int(inner), n >= 0 { steps.append(.index(n)) } else {
                    throw InputError(file: "<path>", path: .root, message: "expected a list index or * inside [] in '\(text)', got '\(inner)'")
                }
                i = close
            } else {
                key.append(c)
            }
            i = text.index(after: i)
        }
        flushKey()
        if steps.isEmpty { throw InputError(file: "<path>", path: .root, message: "empty parameter path") }
    }
}

extension YAMLNode {
    /// A copy of this tree with the node(s) at `path` replaced by `value` (a scalar written as YAML text).
    /// Missing final keys of a mapping are created (so defaults can be overridden).
    package func setting(_ path: YAMLEditPath, to value: YAMLNode.Value) throws(InputError) -> YAMLNode {
        try replacing(path.steps[...], value: value, fullPath: path)
    }

    /// Convenience: set a number.
    package func setting(_ path: YAMLEditPath, number: Double) throws(InputError) -> YAMLNode {
        try setting(path, to: .scalar("\(number)", quoted: false))
    }

    private func replacing(_ steps: ArraySlice<YAMLEditPath.Step>, value: YAMLNode.Value, fullPath: YAMLEditPath) throws(InputError) -> YAMLNode {
        guard let step = steps.first else {
            var copy = self
            copy.value = value
            return copy
        }
        let rest = steps.dropFirst()
        var copy = self
        switch step {
        case .key(let k):
            guard case .map(var pairs) = value_ else {
                throw error("cannot apply '\(fullPath)': expected a mapping here to find key '\(k)', got \(kindName)")
            }
            if let i = pairs.firstIndex(where: { $0.key == k }) {
                pairs[i].value = try pairs[i].value.replacing(rest, value: value, fullPath: fullPath)
            } else if rest.isEmpty {
                pairs.append((k, YAMLNode(value: value, path: path.appending(key: k), file: file, line: line, column: column)))
            } else {
                var msg = "cannot apply '\(fullPath)': no key '\(k)' here"
                if let s = suggestion(for: k, among: pairs.map({ $0.key })) { msg += "; did you mean '\(s)'?" }
                throw error(msg)
            }
            copy.value = .map(pairs)
        case .index(let n):
            guard case .list(var items) = value_ else {
                throw error("cannot apply '\(fullPath)': expected a list here for index [\(n)], got \(kindName)")
            }
            guard n < items.count else { throw error("cannot apply '\(fullPath)': index [\(n)] is out of range (the list has \(items.count) items)") }
            items[n] = try items[n].replacing(rest, value: value, fullPath: fullPath)
            copy.value = .list(items)
        case .all:
            guard case .list(var items) = value_ else {
                throw error("cannot apply '\(fullPath)': expected a list here for [*], got \(kindName)")
            }
            for n in items.indices { items[n] = try items[n].replacing(rest, value: value, fullPath: fullPath) }
            copy.value = .list(items)
        }
        return copy
    }

    /// Read the node(s) at a path (the first match for `[*]`), or nil.
    package func node(at path: YAMLEditPath) -> YAMLNode? {
        var cur: YAMLNode? = self
        for step in path.steps {
            guard let c = cur else { return nil }
            switch step {
            case .key(let k): cur = c[k]
            case .index(let n): if case .list(let l) = c.value, n < l.count { cur = l[n] } else { return nil }
            case .all: if case .list(let l) = c.value { cur = l.first } else { return nil }
            }
        }
        return cur
    }

    private var value_: Value { value }
}
