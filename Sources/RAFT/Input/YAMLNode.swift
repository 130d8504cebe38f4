#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// A YAML value that knows where it came from (file, path, line/column).
///
/// The whole input layer reads YAML through this type: every accessor that fails throws an
/// `InputError` naming the file, the YAML path and what was expected. Only `Input/` reads YAML.
package struct YAMLNode: Sendable, CustomStringConvertible {
    /// Not `indirect`: the collections' arrays already hold their elements out of line, so a scalar needs no box.
    package enum Value: Sendable {
        /// A scalar's text; `quoted` is true for '...' or "..." scalars (never numbers or booleans).
        case scalar(String, quoted: Bool)
        case list([YAMLNode])
        case map([(key: String, value: YAMLNode)])
        case null
    }

    package var value: Value
    package var path: YAMLPath
    package var file: String
    package var line: Int?
    package var column: Int?

    package init(value: Value, path: YAMLPath, file: String, line: Int? = nil, column: Int? = nil) {
        self.value = value; self.path = path; self.file = file; self.line = line; self.column = column
    }

    // MARK: Parsing

    /// Parse YAML text into a node tree. `file` is used in messages only.
    package static func parse(_ text: String, file: String) throws(InputError) -> YAMLNode {
        // Plain design files: our byte scanner; else the tree straight from libyaml events; anything else goes
        // through the general composer (which decides errors and their messages).
        if let tree = PlainYAML.parse(text, file: file) ?? FastYAML.parse(text, file: file) { return tree }
        return try parseGeneral(text, file: file)
    }

    /// The tree of the libyaml route alone (event builder, else the composer): what `parse` does when the byte
    /// scanner declines; raft-bench's reference row and the scanner's tests compare against it.
    package static func parseWithLibYAML(_ text: String, file: String) throws(InputError) -> YAMLNode {
        if let tree = FastYAML.parse(text, file: file) { return tree }
        return try parseGeneral(text, file: file)
    }

    /// The general parser: compose (anchors, aliases, tags, duplicate keys; `YAMLComposer`), then conversion
    /// (every error and edge case is decided here).
    static func parseGeneral(_ text: String, file: String) throws(InputError) -> YAMLNode {
        let root: YAMLComposer.Node?
        do {
            root = try YAMLComposer.compose(text)
        } catch {
            throw InputError(file: file, path: .root, line: error.mark?.line, column: error.mark?.column,
                             message: "not valid YAML: \(error.message)")
        }
        guard let root else {
            throw InputError(file: file, path: .root, message: "the file is empty; expected a RAFT design (a mapping with site, platform, ...)")
        }
        let limit = YAMLNode.aliasNodeAllowance + text.utf8.count
        var budget = limit
        return try convert(root, path: .root, file: file, budget: &budget, limit: limit)
    }

    /// Nodes a document may expand to beyond one per byte of its text. Without aliases a node takes at least a
    /// byte, so only aliases can exceed the budget: they let a few kilobytes of YAML stand for billions of nodes
    /// ("billion laughs"); a RAFT design has a few tens of thousands.
    static let aliasNodeAllowance = 200_000

    /// Read and parse a YAML file.
    package static func load(contentsOf url: URL) throws(InputError) -> YAMLNode {
        try load(contentsOf: url, name: url.lastPathComponent)
    }

    /// Read and parse the YAML file at `path`: what `load(contentsOf: URL(fileURLWithPath: path))` gives, without
    /// `URL` on the way of a readable file (`FileName.last`, `FileName.contents`): `URL.path` and
    /// `.lastPathComponent` build a `Set<UInt8>`, whose first use in a process scans all protocol conformance records
    /// (see `FileName`). A file that cannot be read that way is read through `URL` as before, for the same error.
    package static func load(path: String) throws(InputError) -> YAMLNode {
        let name = FileName.last(of: path)
        guard let data = FileName.contents(of: path) else { return try load(contentsOf: URL(fileURLWithPath: path), name: name) }
        return try parse(data, name: name)
    }

    /// Read and parse a YAML file; `name` (the URL's last component) is the file named in messages and nodes.
    private static func load(contentsOf url: URL, name: String) throws(InputError) -> YAMLNode {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputError(file: url.path, path: .root, message: "cannot read the file: \(FileProblem.readReason(path: url.path, error: error))",
                             wholeFile: true)
        }
        return try parse(data, name: name)
    }

    /// Parse a file's bytes (UTF-8 text expected); `name` as in `load(contentsOf:name:)`.
    private static func parse(_ data: Data, name: String) throws(InputError) -> YAMLNode {
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: name, path: .root, message: "the file is not UTF-8 text; expected a YAML design")
        }
        return try parse(text, file: name)
    }

    private static func convert(_ node: YAMLComposer.Node, path: YAMLPath, file: String, budget: inout Int, limit: Int) throws(InputError) -> YAMLNode {
        let mark = node.mark
        budget -= 1
        guard budget >= 0 else {
            throw InputError(file: file, path: path, line: mark.line, column: mark.column,
                             message: "the document expands to more than \(limit) YAML nodes through aliases (nested aliases?); a RAFT design has far fewer")
        }
        func make(_ v: Value) -> YAMLNode { YAMLNode(value: v, path: path, file: file, line: mark.line, column: mark.column) }
        switch node {
        case .scalar(let t, _, let plain, _):
            if plain && (t.isEmpty || t == "~" || t == "null" || t == "Null" || t == "NULL") { return make(.null) }
            return make(.scalar(t, quoted: !plain))
        case .sequence(let seq, _, _):
            var items: [YAMLNode] = []
            items.reserveCapacity(seq.count)
            let children = path.children
            for (i, child) in seq.enumerated() { items.append(try convert(child, path: children.appending(index: i), file: file, budget: &budget, limit: limit)) }
            return make(.list(items))
        case .mapping(let m, _, _):
            var pairs: [(key: String, value: YAMLNode)] = []
            let children = path.children
            for (k, v) in m {
                guard let key = k.string else {
                    throw InputError(file: file, path: path, line: k.mark.line, column: k.mark.column,
                                     message: "mapping keys must be plain strings")
                }
                let child = try convert(v, path: children.appending(key: key), file: file, budget: &budget, limit: limit)
                if let i = pairs.firstIndex(where: { $0.key == key }) {
                    pairs[i].value = child  // PyYAML keeps the last of duplicated keys
                } else {
                    pairs.append((key, child))
                }
            }
            return make(.map(pairs))
        }
    }

    // MARK: Errors

    /// An `InputError` located at this node.
    package func error(_ message: String) -> InputError {
        InputError(file: file, path: path, line: line, column: column, message: message)
    }

    /// Short rendering of the value for messages, e.g. `"abc"`, `[3 items]`.
    package var description: String {
        switch value {
        case .scalar(let s, let q): return q ? "\"\(s)\"" : s
        case .list(let l): return "a list of \(l.count)"
        case .map: return "a mapping"
        case .null: return "null"
        }
    }

    var kindName: String {
        switch value {
        case .scalar(let s, let q):
            if !q, YAMLNode.number(s) != nil { return "the number \(s)" }
            return "the text \"\(s)\""
        case .list(let l): return "a list of \(l.count) item\(l.count == 1 ? "" : "s")"
        case .map: return "a mapping"
        case .null: return "null (no value)"
        }
    }

    // MARK: Structure

    package var isNull: Bool { if case .null = value { return true }; return false }
    package var isList: Bool { if case .list = value { return true }; return false }
    package var isMap: Bool { if case .map = value { return true }; return false }
    package var isScalar: Bool { if case .scalar = value { return true }; return false }

    /// Keys of a mapping in document order (empty for non-mappings).
    package var keys: [String] { if case .map(let p) = value { return p.map { $0.key } }; return [] }

    /// Child of a mapping, or nil when absent (or when this is not a mapping).
    package subscript(key: String) -> YAMLNode? {
        guard case .map(let pairs) = value else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    /// True when the key is present (even with a null value).
    package func has(_ key: String) -> Bool { self[key] != nil }

    /// A required child of a mapping.
    package func required(_ key: String, _ what: String = "") throws(InputError) -> YAMLNode {
        guard isMap else { throw error("expected a mapping with key '\(key)', got \(kindName)") }
        guard let v = self[key] else {
            var msg = "missing required key '\(key)'"
            if !what.isEmpty { msg += " (\(what))" }
            if let s = suggestion(for: key, among: keys) { msg += "; found '\(s)' — did you mean '\(key)'?" }
            throw path.appending(key: key).errorAt(self, msg)
        }
        if v.isNull { throw v.error("'\(key)' is null; expected a value\(what.isEmpty ? "" : " (\(what))")") }
        return v
    }

    /// A child that is present and not null, or nil.
    package func optional(_ key: String) -> YAMLNode? {
        guard let v = self[key], !v.isNull else { return nil }
        return v
    }

    /// This node as a mapping (throws otherwise).
    package func requireMap(_ what: String = "a mapping") throws(InputError) -> YAMLNode {
        guard isMap else { throw error("expected \(what), got \(kindName)") }
        return self
    }

    /// Elements of a list (throws if not a list).
    package func list(_ what: String = "a list") throws(InputError) -> [YAMLNode] {
        guard case .list(let items) = value else { throw error("expected \(what), got \(kindName)") }
        return items
    }

    /// Elements of a list, or the node itself as a one-element list when it is a single mapping/scalar.
    package func oneOrMany() -> [YAMLNode] {
        if case .list(let items) = value { return items }
        return [self]
    }

    /// Warn about keys not in `known` (with a "did you mean" hint).
    package func warnUnknownKeys(_ known: Set<String>, _ diagnostics: inout Diagnostics) {
        guard case .map(let pairs) = value else { return }
        for (k, v) in pairs where !known.contains(k) {
            var msg = "unknown key '\(k)' is ignored"
            if let s = suggestion(for: k, among: Array(known)) { msg += "; did you mean '\(s)'?" }
            diagnostics.warn(v, msg)
        }
    }

    // MARK: Scalars

    /// Parse a numeric-looking scalar (YAML 1.1 and 1.2 forms: `1e8`, `3.`, `.5`, `1_000`, `0x10`, `.inf`).
    static func number(_ text: String) -> Double? {
        if let x = plainDecimal(text) { return x }
        // Text starting with an ASCII letter is no number (`foundationNumber` trims only whitespace and its special
        // words and hex start with `.`, a sign or `0`): a case's words (`operating`, `JONSWAP`) skip its copies.
        if let first = text.utf8.first, (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A { return nil }
        return foundationNumber(text)
    }

    /// Fast path of `number` for the common spelling: only ASCII digits, signs, `.`, `e`/`E`, starting with a
    /// digit, sign or `.`. Such text needs no trimming, underscore removal or special-word checks, so the general
    /// path would reach `Double(text)` unchanged; this returns exactly that (nil = not this form, or not a number),
    /// converting short numbers exactly without strtod (`ShortDecimal`).
    @inline(__always)
    private static func plainDecimal(_ text: String) -> Double? {
        let form: (plain: Bool, value: Double?) = text.utf8.withContiguousStorageIfAvailable { buf -> (plain: Bool, value: Double?) in
            if let x = ShortDecimal.value(buf) { return (true, x) }  // its form is within the one checked below
            guard let first = buf.first else { return (false, nil) }
            guard (first >= 0x30 && first <= 0x39) || first == 0x2B || first == 0x2D || first == 0x2E else { return (false, nil) }
            for b in buf {
                switch b {
                case 0x30...0x39, 0x2B, 0x2D, 0x2E, 0x65, 0x45: continue
                default: return (false, nil)
                }
            }
            return (true, nil)
        } ?? (false, nil)
        guard form.plain else { return nil }
        return form.value ?? Double(text)
    }

    /// The general path of `number` (YAML 1.1/1.2 spellings, whitespace, underscores, hex, specials).
    private static func foundationNumber(_ text: String) -> Double? {
        let t = text.trimmingWhitespace()
        if t.isEmpty { return nil }
        switch t.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: break
        }
        let cleaned = t.contains("_") ? t.replacing("_", with: "") : t
        if cleaned.hasPrefix("0x") || cleaned.hasPrefix("0X") { return Int(cleaned.dropFirst(2), radix: 16).map(Double.init) }
        // Reject words Double(String) would accept ("nan", "inf", "infinity").
        guard let first = cleaned.unicodeScalars.first, "0123456789+-.".unicodeScalars.contains(first) else { return nil }
        if cleaned.lowercased().contains("n") || cleaned.lowercased().contains("i") { return nil }
        return Double(cleaned)
    }

    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on", "y": return true
        case "false", "no", "off", "n": return false
        default: return nil
        }
    }

    /// The node as a finite number.
    package func double(_ what: String = "a number") throws(InputError) -> Double {
        guard case .scalar(let s, _) = value, let x = YAMLNode.number(s) else {
            throw error("expected \(what), got \(kindName)")
        }
        guard x.isFinite else { throw error("expected \(what), got \(s) (values must be finite)") }
        return x
    }

    /// The node as an integer (Python `int()`: truncation toward zero).
    package func int(_ what: String = "an integer") throws(InputError) -> Int {
        let x = try double(what)
        guard abs(x) < 1e15 else { throw error("expected \(what), got \(x)") }
        return Int(x.rounded(.towardZero))
    }

    /// The node as a boolean (YAML 1.1 forms; also 0/1).
    package func bool(_ what: String = "true or false") throws(InputError) -> Bool {
        guard case .scalar(let s, _) = value else { throw error("expected \(what), got \(kindName)") }
        if let b = YAMLNode.boolean(s) { return b }
        if let x = YAMLNode.number(s), x == 0 || x == 1 { return x == 1 }
        throw error("expected \(what), got \(kindName)")
    }

    /// The node as text (numbers are accepted and returned as written).
    package func string(_ what: String = "text") throws(InputError) -> String {
        guard case .scalar(let s, _) = value else { throw error("expected \(what), got \(kindName)") }
        return s
    }

    /// A list of finite numbers (a scalar is not accepted).
    package func doubles(_ what: String = "a list of numbers") throws(InputError) -> [Double] {
        let items = try list(what)
        if let out = YAMLNode.finiteNumbers(items) { return out }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for item in items { out.append(try item.element(of: what)) }
        return out
    }

    /// The numbers of `items` when each is a finite number, else nil (the caller's checked loop then throws the
    /// message). Reads the nodes in place through a buffer pointer: iterating the array copied each node (a retain
    /// and release of each of its references), a third of reading a number table.
    private static func finiteNumbers(_ items: [YAMLNode]) -> [Double]? {
        items.withUnsafeBufferPointer { buf -> [Double]? in
            var out: [Double] = []
            out.reserveCapacity(buf.count)
            for i in buf.indices {
                guard case .scalar(let s, _) = buf[i].value, let x = YAMLNode.number(s), x.isFinite else { return nil }
                out.append(x)
            }
            return out
        }
    }

    /// A list element as a finite number; the message string is only built on failure.
    @inline(__always)
    private func element(of what: @autoclosure () -> String) throws(InputError) -> Double {
        if case .scalar(let s, _) = value, let x = YAMLNode.number(s), x.isFinite { return x }
        return try double("a number (element of \(what()))")
    }

    /// A list of exactly `count` finite numbers.
    package func doubles(count: Int, _ what: String) throws(InputError) -> [Double] {
        let items: [YAMLNode]
        if case .list(let l) = value { items = l } else { items = try list("\(what) (a list of \(count) numbers)") }
        guard items.count == count else { throw error("expected \(what) (\(count) numbers), got \(items.count)") }
        if let out = YAMLNode.finiteNumbers(items) { return out }
        var out: [Double] = []
        out.reserveCapacity(count)
        for item in items { out.append(try item.element(of: what)) }
        return out
    }

    /// A 3-vector `[x, y, z]`.
    package func vector3(_ what: String = "a position [x, y, z] in m") throws(InputError) -> SIMD3<Double> {
        let v = try doubles(count: 3, what)
        return SIMD3(v[0], v[1], v[2])
    }

    /// A list of rows of numbers (each row a list).
    package func matrix(_ what: String = "a table of numbers") throws(InputError) -> [[Double]] {
        let items = try list(what)
        if let memo = MatrixMemo.shared.rows(for: items) { return memo }
        var rows: [[Double]] = []
        rows.reserveCapacity(items.count)
        for item in items {
            if case .list(let cells) = item.value {
                if let row = YAMLNode.finiteNumbers(cells) { rows.append(row); continue }
                var row: [Double] = []
                row.reserveCapacity(cells.count)
                for cell in cells { row.append(try cell.element(of: "a row of \(what)")) }
                rows.append(row)
            } else {
                rows.append(try item.doubles("a row of \(what)"))
            }
        }
        MatrixMemo.shared.store(rows, for: items)
        return rows
    }

    // MARK: Typed children with defaults

    package func double(_ key: String, default d: Double, _ what: String = "a number") throws(InputError) -> Double {
        guard let v = optional(key) else { return d }
        return try v.double(what)
    }
    /// Required child `key` as a number (label `key:` avoids confusion with `double(_ what:)`, which reads this node).
    package func double(key: String, _ what: String = "a number") throws(InputError) -> Double {
        try required(key, what).double(what)
    }
    package func int(_ key: String, default d: Int, _ what: String = "an integer") throws(InputError) -> Int {
        guard let v = optional(key) else { return d }
        return try v.int(what)
    }
    package func bool(_ key: String, default d: Bool) throws(InputError) -> Bool {
        guard let v = optional(key) else { return d }
        return try v.bool()
    }
    package func string(_ key: String, default d: String) throws(InputError) -> String {
        guard let v = optional(key) else { return d }
        return try v.string()
    }
    /// Required child `key` as text.
    package func string(key: String, _ what: String = "text") throws(InputError) -> String {
        try required(key, what).string(what)
    }
}

extension YAMLPath {
    /// An error at this path, taking the file and position from a nearby node.
    func errorAt(_ near: YAMLNode, _ message: String) -> InputError {
        InputError(file: near.file, path: self, line: near.line, column: near.column, message: message)
    }
}
