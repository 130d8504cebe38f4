import CLibYAML

/// A direct libyaml event → `YAMLNode` builder for the common shape of design files.
///
/// `YAMLNode.parse` first tries this path; it builds exactly the tree that `YAMLComposer` and conversion
/// would build (same values, scalar styles, null spellings, paths, 1-based line/column of each node's start).
/// Anything outside the plain shape — a parse error, anchors, aliases, explicit tags, non-scalar or repeated
/// mapping keys, scalars with non-ASCII or NUL bytes, not exactly one document — returns nil, and the caller
/// falls back to `YAMLComposer`, which decides messages and edge cases.
enum FastYAML {
    static func parse(_ text: String, file: String) -> YAMLNode? {
        var text = text
        return text.withUTF8 { bytes -> YAMLNode? in
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else { return nil }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
            var builder = Builder(parser: parser, file: file)
            return builder.document()
        }
    }

    private struct Builder {
        let parser: UnsafeMutablePointer<yaml_parser_t>
        let file: String
        var event = yaml_event_t()

        init(parser: UnsafeMutablePointer<yaml_parser_t>, file: String) { self.parser = parser; self.file = file }

        /// Next event into `event` (the previous one is released); false on a parse error.
        mutating func next() -> Bool {
            yaml_parser_parse(parser, &event) == 1
        }

        mutating func document() -> YAMLNode? {
            guard next() else { return nil }
            defer { yaml_event_delete(&event) }
            guard event.type == YAML_STREAM_START_EVENT else { return nil }
            yaml_event_delete(&event)
            guard next(), event.type == YAML_DOCUMENT_START_EVENT else { return nil }
            yaml_event_delete(&event)
            guard next() else { return nil }
            guard let root = node(path: .root) else { return nil }
            yaml_event_delete(&event)
            guard next(), event.type == YAML_DOCUMENT_END_EVENT else { return nil }
            yaml_event_delete(&event)
            guard next(), event.type == YAML_STREAM_END_EVENT else { return nil }
            return root
        }

        /// The node starting at the current event; on return `event` holds its last event.
        mutating func node(path: YAMLPath) -> YAMLNode? {
            let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                guard s.anchor == nil, s.tag == nil, let text = Self.ascii(s.value, s.length) else { return nil }
                let plain = s.style == YAML_PLAIN_SCALAR_STYLE
                if plain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL") {
                    return YAMLNode(value: .null, path: path, file: file, line: line, column: column)
                }
                return YAMLNode(value: .scalar(text, quoted: !plain), path: path, file: file, line: line, column: column)
            case YAML_SEQUENCE_START_EVENT:
                let s = event.data.sequence_start
                guard s.anchor == nil, s.tag == nil else { return nil }
                var items: [YAMLNode] = []
                let children = path.children
                while true {
                    yaml_event_delete(&event)
                    guard next() else { return nil }
                    if event.type == YAML_SEQUENCE_END_EVENT { break }
                    guard let child = node(path: children.appending(index: items.count)) else { return nil }
                    items.append(child)
                }
                return YAMLNode(value: .list(items), path: path, file: file, line: line, column: column)
            case YAML_MAPPING_START_EVENT:
                let s = event.data.mapping_start
                guard s.anchor == nil, s.tag == nil else { return nil }
                var pairs: [(key: String, value: YAMLNode)] = []
                var seen: Set<String>? = nil  // built only for long mappings; short ones are scanned
                let children = path.children
                while true {
                    yaml_event_delete(&event)
                    guard next() else { return nil }
                    if event.type == YAML_MAPPING_END_EVENT { break }
                    // Keys: plain or quoted scalars only; a repeated key goes to the composer (its duplicate rules).
                    guard event.type == YAML_SCALAR_EVENT else { return nil }
                    let k = event.data.scalar
                    guard k.anchor == nil, k.tag == nil, let key = Self.ascii(k.value, k.length) else { return nil }
                    guard !Self.repeats(key, in: pairs, seen: &seen) else { return nil }
                    yaml_event_delete(&event)
                    guard next(), let child = node(path: children.appending(key: key)) else { return nil }
                    pairs.append((key, child))
                }
                return YAMLNode(value: .map(pairs), path: path, file: file, line: line, column: column)
            default:
                return nil  // aliases (and anything unexpected)
            }
        }

        /// Whether `key` is already a key of `pairs`: a linear scan while the mapping is short (no set to
        /// allocate for the usual mapping of a few keys), a set from `hashFrom` keys on (no quadratic time).
        static func repeats(_ key: String, in pairs: [(key: String, value: YAMLNode)], seen: inout Set<String>?) -> Bool {
            if seen == nil {
                if pairs.count < hashFrom { return pairs.contains { $0.key == key } }
                seen = Set(pairs.map { $0.key })
            }
            return !seen!.insert(key).inserted
        }
        static let hashFrom = 16

        /// The scalar's bytes as a String when they are ASCII without NUL (else nil → the general path).
        static func ascii(_ p: UnsafeMutablePointer<UInt8>?, _ count: Int) -> String? {
            guard let p else { return count == 0 ? "" : nil }
            let buf = UnsafeBufferPointer(start: p, count: count)
            for b in buf where b == 0 || b >= 0x80 { return nil }
            return String(decoding: buf, as: UTF8.self)
        }
    }
}
