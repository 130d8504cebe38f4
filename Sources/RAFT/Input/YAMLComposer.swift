import CLibYAML

/// The general YAML path of `YAMLNode.parse`: libyaml events composed into a node tree (anchors, aliases, tags,
/// complex keys, several documents), with the rules and messages the package had while it used Yams's `compose`
/// (so `raft` needs neither Yams nor full Foundation, whose ICU data was most of the executable).
///
/// What it reproduces: a libyaml error becomes "PROBLEM at line L, column C" at that mark (1-based; a reader error
/// is its problem alone); an alias names the node last anchored under that name *before* it (an anchor is
/// registered when its node ends); a second document is "but found another document"; keys of one mapping that are
/// equal — same text and same resolved tag (YAML 1.1 core rules: `1` is an int, `"1"` a str) — are the
/// "duplicated key(s)" error, checked when the mapping ends.
enum YAMLComposer {
    /// Where an event starts (1-based).
    struct Mark { var line: Int; var column: Int }

    /// A composed node: the text of a scalar with its tag (nil = implicit) and whether it was plain.
    indirect enum Node {
        case scalar(String, tag: String?, plain: Bool, mark: Mark)
        case sequence([Node], tag: String?, mark: Mark)
        case mapping([(key: Node, value: Node)], tag: String?, mark: Mark)

        var mark: Mark {
            switch self {
            case .scalar(_, _, _, let m), .sequence(_, _, let m), .mapping(_, _, let m): return m
            }
        }

        /// The scalar's text (nil for collections).
        var string: String? { if case .scalar(let s, _, _, _) = self { return s }; return nil }
    }

    /// A failure with its message and position (nil: the whole file).
    struct Failure: Error { var message: String; var mark: Mark? }

    /// The single document of `text`, or nil for an empty stream.
    static func compose(_ text: String) throws(Failure) -> Node? {
        var utf8 = text
        let result: Result<Node?, Failure> = utf8.withUTF8 { bytes in
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else { return .failure(Failure(message: "Memory error", mark: nil)) }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
            var composer = Composer(parser: parser, text: text)
            do throws(Failure) { return .success(try composer.singleDocument()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private struct Composer {
        let parser: UnsafeMutablePointer<yaml_parser_t>
        let text: String
        var anchors: [String: Node] = [:]

        init(parser: UnsafeMutablePointer<yaml_parser_t>, text: String) { self.parser = parser; self.text = text }

        /// One event (type, start mark and the payload the composer needs), released from libyaml at once.
        struct Event {
            var type: yaml_event_type_t
            var mark: Mark
            var anchor: String?
            var tag: String?
            var value = ""
            var plain = false
        }

        mutating func next() throws(Failure) -> Event {
            var e = yaml_event_t()
            guard yaml_parser_parse(parser, &e) == 1 else { throw libyamlFailure() }
            defer { yaml_event_delete(&e) }
            var out = Event(type: e.type, mark: Mark(line: Int(e.start_mark.line) + 1, column: Int(e.start_mark.column) + 1))
            switch e.type {
            case YAML_ALIAS_EVENT:
                out.anchor = Self.string(e.data.alias.anchor)
            case YAML_SCALAR_EVENT:
                let s = e.data.scalar
                out.anchor = Self.string(s.anchor)
                out.tag = s.quoted_implicit == 1 ? YAMLComposer.strTag : Self.string(s.tag)
                out.value = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
                out.plain = s.style == YAML_PLAIN_SCALAR_STYLE
            case YAML_SEQUENCE_START_EVENT:
                out.anchor = Self.string(e.data.sequence_start.anchor)
                out.tag = Self.string(e.data.sequence_start.tag)
            case YAML_MAPPING_START_EVENT:
                out.anchor = Self.string(e.data.mapping_start.anchor)
                out.tag = Self.string(e.data.mapping_start.tag)
            default: break
            }
            return out
        }

        static func string(_ p: UnsafeMutablePointer<UInt8>?) -> String? {
            p.map { String(cString: UnsafePointer($0)) }
        }

        func libyamlFailure() -> Failure {
            let p = parser.pointee
            let problem = p.problem.map { String(cString: $0) } ?? ""
            switch p.error {
            case YAML_MEMORY_ERROR: return Failure(message: "Memory error", mark: nil)
            case YAML_READER_ERROR: return Failure(message: problem, mark: nil)
            default:
                let mark = Mark(line: Int(p.problem_mark.line) + 1, column: Int(p.problem_mark.column) + 1)
                return Failure(message: "\(problem) at line \(mark.line), column \(mark.column)", mark: mark)
            }
        }

        mutating func singleDocument() throws(Failure) -> Node? {
            _ = try next()  // stream start
            guard try next().type != YAML_STREAM_END_EVENT else { return nil }  // document start
            let root = try node(try next())
            _ = try next()  // document end
            let after = try next()
            if after.type != YAML_STREAM_END_EVENT {
                throw Failure(message: "but found another document at line \(after.mark.line), column \(after.mark.column)",
                              mark: after.mark)
            }
            return root
        }

        mutating func node(_ first: Event) throws(Failure) -> Node {
            let result: Node
            switch first.type {
            case YAML_ALIAS_EVENT:
                guard let name = first.anchor, let target = anchors[name] else {
                    throw Failure(message: "found undefined alias at line \(first.mark.line), column \(first.mark.column)",
                                  mark: first.mark)
                }
                return target
            case YAML_SCALAR_EVENT:
                result = .scalar(first.value, tag: first.tag, plain: first.plain, mark: first.mark)
            case YAML_SEQUENCE_START_EVENT:
                var items: [Node] = []
                while true {
                    let e = try next()
                    if e.type == YAML_SEQUENCE_END_EVENT { break }
                    items.append(try node(e))
                }
                result = .sequence(items, tag: first.tag, mark: first.mark)
            default:  // mapping start (libyaml emits no other event here)
                var pairs: [(key: Node, value: Node)] = []
                while true {
                    let e = try next()
                    if e.type == YAML_MAPPING_END_EVENT { break }
                    let key = try node(e)
                    let value = try node(try next())
                    pairs.append((key, value))
                }
                try checkDuplicates(pairs.map { $0.key })
                result = .mapping(pairs, tag: first.tag, mark: first.mark)
            }
            if let name = first.anchor { anchors[name] = result }
            return result
        }

        /// Equal keys in one mapping (text and resolved tag) are an error naming them, sorted.
        func checkDuplicates(_ keys: [Node]) throws(Failure) {
            guard keys.count > 1 else { return }
            // Cheap pre-check: only keys sharing a text (or collection keys) can be equal.
            var texts = Set<String>()
            var candidate = false
            for k in keys {
                guard let s = k.string else { candidate = true; break }
                if !texts.insert(s).inserted { candidate = true; break }
            }
            guard candidate else { return }
            var groups: [(key: Node, count: Int)] = []
            for k in keys {
                if let i = groups.firstIndex(where: { YAMLComposer.equal($0.key, k) }) { groups[i].count += 1 } else { groups.append((k, 1)) }
            }
            let dups = groups.filter { $0.count > 1 }.map { $0.key }
            guard let first = dups.min(by: YAMLComposer.less) else { return }
            let names = dups.map { $0.string ?? "<uncovertable>" }.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw Failure(message: "Parser: expected all keys to be unique but found the following duplicated key(s): \(names).\n"
                          + "Context:\n\(text) in line \(first.mark.line), column \(first.mark.column)\n", mark: nil)
        }
    }

    // MARK: Key equality (YAML 1.1 tag resolution of plain scalars)

    static let strTag = "tag:yaml.org,2002:str"

    static func equal(_ a: Node, _ b: Node) -> Bool {
        switch (a, b) {
        case let (.scalar(s1, _, _, _), .scalar(s2, _, _, _)):
            return s1 == s2 && resolvedTag(a) == resolvedTag(b)
        case let (.sequence(n1, t1, _), .sequence(n2, t2, _)):
            return n1.count == n2.count && zip(n1, n2).allSatisfy { equal($0, $1) }
                && (t1 ?? "tag:yaml.org,2002:seq") == (t2 ?? "tag:yaml.org,2002:seq")
        case let (.mapping(p1, t1, _), .mapping(p2, t2, _)):
            return p1.count == p2.count && zip(p1, p2).allSatisfy { equal($0.key, $1.key) && equal($0.value, $1.value) }
                && (t1 ?? "tag:yaml.org,2002:map") == (t2 ?? "tag:yaml.org,2002:map")
        default: return false
        }
    }

    /// Ordering of duplicated keys for the reported position: scalars by text, collections element-wise.
    static func less(_ a: Node, _ b: Node) -> Bool {
        switch (a, b) {
        case let (.scalar(s1, _, _, _), .scalar(s2, _, _, _)): return s1 < s2
        case let (.sequence(n1, _, _), .sequence(n2, _, _)):
            for (x, y) in zip(n1, n2) { if less(x, y) { return true }; if less(y, x) { return false } }
            return n1.count < n2.count
        case let (.mapping(p1, _, _), .mapping(p2, _, _)):
            for (x, y) in zip(p1, p2) { if less(x.key, y.key) { return true }; if less(y.key, x.key) { return false } }
            return p1.count < p2.count
        default: return false
        }
    }

    /// The tag of a scalar: its explicit tag, else the YAML 1.1 rule its plain text matches (bool, int, float,
    /// merge, null, timestamp, value), else str.
    static func resolvedTag(_ n: Node) -> String {
        guard case .scalar(let s, let tag, _, _) = n else { return "" }
        if let tag { return tag }
        for (name, rule) in rules where (try? rule.wholeMatch(in: s)) != nil { return "tag:yaml.org,2002:" + name }
        return strTag
    }

    nonisolated(unsafe) static let rules: [(String, Regex<AnyRegexOutput>)] = [
        ("bool", #"yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"#),
        ("int", #"[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"#),
        ("float", #"[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"#),
        ("merge", #"<<"#),
        ("null", #"~|null|Null|NULL|"#),
        ("timestamp", #"[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?"#),
        ("value", #"="#),
    ].map { ($0.0, try! Regex("(?:" + $0.1 + ")")) }
}
