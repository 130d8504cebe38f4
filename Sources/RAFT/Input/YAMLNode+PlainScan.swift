#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte scanner for the plain YAML that design files are written in: the first try of `YAMLNode.parse`.
///
/// It reads block mappings and sequences by indentation, flow sequences and mappings (`[1, 2]`, `{a: 1}`), plain
/// and quoted scalars on one line, comments and one leading `---`, and builds exactly the tree of the libyaml
/// route (`FastYAML`, or `YAMLComposer` and conversion): same values, scalar styles, null spellings, paths and
/// 1-based line/column of each node's start (a mapping at its first key, a sequence at its first `-`, an empty
/// value just after its `:` or `-`). It does not parse YAML in general: at anything outside that subset or open
/// to doubt — tabs, anchors, aliases, tags, block scalars, directives, a plain scalar that could go on to the next
/// line, quotes with escapes or across lines, a repeated key, indentation that does not line up, `...` or a
/// second `---`, control characters, non-ASCII outside comments, any syntax error — it returns nil and the libyaml
/// route parses the text, deciding the tree, or the error and its message.
///
/// Why: in a `raft run` of OC3spar libyaml's scanner took 1.25 ms of a 2.0 ms parse on the main thread's critical
/// path; this scanner looks at each byte about once (raft-bench row "OC3spar / parse YAML").
enum PlainYAML {
    static func parse(_ text: String, file: String) -> YAMLNode? {
        var text = text
        return text.withUTF8 { bytes -> YAMLNode? in
            // A NUL byte is the scanner's end-of-text sentinel (and libyaml's reader rejects it): decline.
            guard let base = bytes.baseAddress, !bytes.isEmpty, memchr(base, 0, bytes.count) == nil else { return nil }
            var scanner = Scanner(base: base, end: bytes.count, file: file)
            do { return try scanner.document() } catch { return nil }
        }
    }

    /// The text is outside the subset (or not valid YAML): the libyaml route decides.
    fileprivate struct Decline: Error {}

    /// Where a block node starts: first on its line, after a `- ` entry indicator, or after a `key: ` on its line.
    fileprivate enum Start { case lineStart, afterDash, afterColon }

    private struct Scanner {
        let base: UnsafePointer<UInt8>
        let end: Int
        let file: String
        /// The current byte offset, its 1-based line and the offset of that line's first byte.
        var p = 0
        var line = 1
        var lineStart = 0
        /// Items of the last flow sequence closed: the capacity to reserve for the next one (table rows have equal
        /// lengths, so each row is allocated once instead of grown 1 → 2 → 4).
        var flowCountHint = 0
        /// Set by `blockSequence` just before an item that opens a flow sequence: that sequence (and no sequence
        /// inside it) converts its plain scalars to numbers as it reads them, into `rowNumbers`.
        var rowWanted = false
        /// The numbers of the last flow sequence read with `rowWanted`: each item a plain scalar that
        /// `ShortDecimal` converts; nil when any item is not (`matrix` then converts the table itself).
        var rowNumbers: [Double]? = nil

        init(base: UnsafePointer<UInt8>, end: Int, file: String) { self.base = base; self.end = end; self.file = file }

        // MARK: Bytes

        /// The byte at `i`, 0 past the end (the text holds no NUL).
        @inline(__always) func byte(_ i: Int) -> UInt8 { i < end ? base[i] : 0 }
        @inline(__always) var cur: UInt8 { byte(p) }
        /// 0-based column of `p` (a byte count: only ASCII is accepted before `p` on its line).
        @inline(__always) var column: Int { p - lineStart }

        @inline(__always) static func isBreakOrEnd(_ c: UInt8) -> Bool { c == 0 || c == 0x0A || c == 0x0D }
        @inline(__always) static func isBlankOrEnd(_ c: UInt8) -> Bool { c == 0x20 || isBreakOrEnd(c) }

        mutating func skipSpaces() { while cur == 0x20 { p += 1 } }

        /// A `#` at `p` opens a comment when it starts the line or follows a space.
        func commentStarts() -> Bool { cur == 0x23 && (p == lineStart || base[p - 1] == 0x20) }

        /// Consumes a line break (CR LF or LF; a lone CR declines); nothing at the end of the text.
        mutating func takeBreak() throws(Decline) {
            switch cur {
            case 0x0A: p += 1
            case 0x0D: guard byte(p + 1) == 0x0A else { throw Decline() }; p += 2
            default: return
            }
            line += 1
            lineStart = p
        }

        /// Skips a comment's text up to its line break. Tabs and UTF-8 text are fine there; control characters, and
        /// the characters libyaml takes as line breaks (NEL, LS, PS) or refuses (BOM, U+FFFE/FFFF, C1), decline.
        mutating func skipComment() throws(Decline) {
            while true {
                let c = cur
                if Self.isBreakOrEnd(c) { return }
                if c < 0x80 {
                    guard c >= 0x20 || c == 0x09, c != 0x7F else { throw Decline() }
                } else {
                    let c1 = byte(p + 1), c2 = byte(p + 2)
                    if c == 0xC2 && c1 < 0xA0 { throw Decline() }
                    if c == 0xE2 && c1 == 0x80 && (c2 == 0xA8 || c2 == 0xA9) { throw Decline() }
                    if c == 0xEF && ((c1 == 0xBB && c2 == 0xBF) || (c1 == 0xBF && c2 >= 0xBE)) { throw Decline() }
                }
                p += 1
            }
        }

        /// The rest of a line after a node: spaces, an optional comment, the break.
        mutating func endLine() throws(Decline) {
            skipSpaces()
            if commentStarts() { try skipComment() }
            guard Self.isBreakOrEnd(cur) else { throw Decline() }
            try takeBreak()
        }

        /// `---` or `...` at the start of a line, followed by a blank or the end.
        func atDocumentMarker() -> Bool {
            guard p == lineStart, p + 2 < end else { return false }
            let c = base[p]
            return (c == 0x2D || c == 0x2E) && base[p + 1] == c && base[p + 2] == c && Self.isBlankOrEnd(byte(p + 3))
        }

        /// Skips blank and comment lines to the next content; its 0-based column, or nil at the end of the text.
        /// Idempotent when `p` is already at content.
        mutating func nextContent() throws(Decline) -> Int? {
            while true {
                skipSpaces()
                let c = cur
                if c == 0 { return nil }
                if commentStarts() { try skipComment(); try takeBreak(); continue }
                if c == 0x0A || c == 0x0D { try takeBreak(); continue }
                if atDocumentMarker() { throw Decline() }
                return column
            }
        }

        /// Text of the bytes `from..<to` (ASCII).
        @inline(__always) func text(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(start: base + from, count: to - from), as: UTF8.self)
        }

        /// The node value of the plain scalar `from..<to` (YAML's null spellings → `.null`).
        @inline(__always) func plainValue(_ from: Int, _ to: Int) -> YAMLNode.Value {
            let n = to - from, c = base[from]
            if (n == 1 && c == 0x7E) || (n == 4 && (c == 0x6E || c == 0x4E)) {
                let s = text(from, to)
                if s == "~" || s == "null" || s == "Null" || s == "NULL" { return .null }
                return .scalar(s, quoted: false)
            }
            return .scalar(text(from, to), quoted: false)
        }

        /// A plain scalar may start with any printable ASCII byte but an indicator; `-` only when a digit, letter
        /// or `.` follows (`-5`, `-.inf`).
        func plainStarts() -> Bool {
            let c = cur
            guard c > 0x20 && c < 0x7F else { return false }
            switch c {
            case 0x2D:  // -
                let n = byte(p + 1)
                return (n >= 0x30 && n <= 0x39) || n == 0x2E || ((n | 0x20) >= 0x61 && (n | 0x20) <= 0x7A)
            case 0x3F, 0x3A, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40, 0x60:
                return false  // ? : , [ ] { } # & * ! | > ' " % @ `
            default: return true
            }
        }

        // MARK: Document

        mutating func document() throws(Decline) -> YAMLNode {
            // Leading blank and comment lines, then an optional `---` alone on its line.
            while true {
                skipSpaces()
                if commentStarts() { try skipComment(); try takeBreak(); continue }
                if cur == 0x0A || cur == 0x0D { try takeBreak(); continue }
                break
            }
            if atDocumentMarker() {
                guard cur == 0x2D else { throw Decline() }
                p += 3
                try endLine()
            }
            guard try nextContent() != nil else { throw Decline() }  // empty: the composer's message
            let root = try blockNode(path: .root, start: .lineStart)
            guard root.isMap || root.isList, try nextContent() == nil else { throw Decline() }
            return root
        }

        // MARK: Block context

        /// The node starting at `p`; consumes through the break of its last line.
        mutating func blockNode(path: YAMLPath, start: Start) throws(Decline) -> YAMLNode {
            let line0 = line, column0 = column
            switch cur {
            case 0x2D where Self.isBlankOrEnd(byte(p + 1)):  // "- ": a block sequence (not inline after "key: ")
                guard start != .afterColon else { throw Decline() }
                return try blockSequence(column: column0, indentless: false, path: path)
            case 0x5B, 0x7B:  // [ {
                let node = try flowNode(path: path)
                try endLine()  // a ':' here would make the collection a key: declined
                return node
            case 0x27, 0x22:  // ' "
                let s = try quoted()
                let after = p
                skipSpaces()
                if cur == 0x3A && Self.isBlankOrEnd(byte(p + 1)) {
                    guard start != .afterColon else { throw Decline() }
                    return try blockMapping(column: column0, line: line0, firstKey: s, path: path)
                }
                p = after
                try endLine()
                return YAMLNode(value: .scalar(s, quoted: true), path: path, file: file, line: line0, column: column0 + 1)
            default:
                let (r, isKey) = try plainOnLine()
                if isKey {
                    guard start != .afterColon else { throw Decline() }
                    return try blockMapping(column: column0, line: line0, firstKey: text(r.lowerBound, r.upperBound), path: path)
                }
                try endLine()
                return YAMLNode(value: plainValue(r.lowerBound, r.upperBound), path: path, file: file, line: line0, column: column0 + 1)
            }
        }

        /// A plain scalar of the block context, on one line. Returns its bytes and whether a `: ` follows it (a key;
        /// `p` is then at the `:`); otherwise `p` is just after its last non-space byte.
        mutating func plainOnLine() throws(Decline) -> (Range<Int>, isKey: Bool) {
            guard plainStarts() else { throw Decline() }
            let start = p
            while true {
                let c = cur
                if c == 0x20 {
                    var q = p + 1
                    while byte(q) == 0x20 { q += 1 }
                    let n = byte(q)
                    if n == 0x23 || Self.isBreakOrEnd(n) { break }  // trailing spaces, a comment
                    if n == 0x3A && Self.isBlankOrEnd(byte(q + 1)) {
                        let r = start..<p
                        p = q
                        guard p - start <= Self.keyLimit else { throw Decline() }
                        return (r, true)
                    }
                    p = q
                    continue
                }
                if c == 0x3A && Self.isBlankOrEnd(byte(p + 1)) {
                    guard p - start <= Self.keyLimit else { throw Decline() }
                    return (start..<p, true)
                }
                if Self.isBreakOrEnd(c) { break }
                guard c > 0x20 && c < 0x7F else { throw Decline() }  // tabs, controls, non-ASCII
                p += 1
            }
            return (start..<p, false)
        }

        /// Longest key taken: libyaml limits a simple key to 1024 characters; well below that is certain.
        static let keyLimit = 1000

        /// A single- or double-quoted scalar on one line, without escapes (`''`, `\`).
        mutating func quoted() throws(Decline) -> String {
            let q = cur
            p += 1
            let start = p
            while true {
                let c = cur
                if c == q {
                    if q == 0x27 && byte(p + 1) == 0x27 { throw Decline() }
                    break
                }
                guard c >= 0x20 && c < 0x7F, !(c == 0x5C && q == 0x22) else { throw Decline() }
                p += 1
            }
            let s = text(start, p)
            p += 1
            return s
        }

        /// Whether `key` is already a key of `pairs`: a scan while the mapping is short, a set from 16 keys on.
        static func repeats(_ key: String, in pairs: [(key: String, value: YAMLNode)], seen: inout Set<String>?) -> Bool {
            if seen == nil {
                if pairs.count < 16 { return pairs.contains { $0.key == key } }
                seen = Set(pairs.map { $0.key })
            }
            return !seen!.insert(key).inserted
        }

        /// A block mapping at `column` whose first key has been read (`p` at its `:`).
        mutating func blockMapping(column c: Int, line line0: Int, firstKey: String, path: YAMLPath) throws(Decline) -> YAMLNode {
            var pairs: [(key: String, value: YAMLNode)] = []
            var seen: Set<String>? = nil
            let children = path.children
            var key = firstKey
            while true {
                guard !Self.repeats(key, in: pairs, seen: &seen) else { throw Decline() }
                p += 1  // the ':'
                let emptyLine = line, emptyColumn = column + 1
                let childPath = children.appending(key: key)
                skipSpaces()
                let value: YAMLNode
                if commentStarts() || Self.isBreakOrEnd(cur) {
                    try endLine()
                    let k = try nextContent()
                    if let k, k > c {
                        value = try blockNode(path: childPath, start: .lineStart)
                    } else if k == c && cur == 0x2D && Self.isBlankOrEnd(byte(p + 1)) {
                        value = try blockSequence(column: c, indentless: true, path: childPath)
                    } else {
                        value = YAMLNode(value: .null, path: childPath, file: file, line: emptyLine, column: emptyColumn)
                    }
                } else {
                    value = try blockNode(path: childPath, start: .afterColon)
                }
                pairs.append((key, value))
                guard let k = try nextContent(), k >= c else { break }
                guard k == c else { throw Decline() }
                key = try blockKey()
            }
            return YAMLNode(value: .map(pairs), path: path, file: file, line: line0, column: c + 1)
        }

        /// A key of a block mapping (plain or quoted, then `: `); `p` ends at the `:`.
        mutating func blockKey() throws(Decline) -> String {
            if cur == 0x27 || cur == 0x22 {
                let s = try quoted()
                skipSpaces()
                guard cur == 0x3A && Self.isBlankOrEnd(byte(p + 1)) else { throw Decline() }
                return s
            }
            let (r, isKey) = try plainOnLine()
            guard isKey else { throw Decline() }
            return text(r.lowerBound, r.upperBound)
        }

        /// A block sequence at `column` (`p` at its first `-`). An indentless one (a mapping value at the mapping's
        /// column) ends at the first line of that column without `- `.
        mutating func blockSequence(column c: Int, indentless: Bool, path: YAMLPath) throws(Decline) -> YAMLNode {
            var items: [YAMLNode] = []
            let children = path.children
            let line0 = line
            // The numbers of a table of number rows (`- [1, 2.5, -3e-2]` lines: airfoil polars), read from the
            // bytes as the rows are scanned and handed to `MatrixMemo`, so `YAMLNode.matrix` need not convert each
            // scalar's text again (nil as soon as an item is anything else).
            var rows: [[Double]]? = []
            while true {
                p += 1  // the '-'
                let emptyLine = line, emptyColumn = column + 1
                let childPath = children.appending(index: items.count)
                skipSpaces()
                if commentStarts() || Self.isBreakOrEnd(cur) {
                    rows = nil
                    try endLine()
                    if let k = try nextContent(), k > c {
                        items.append(try blockNode(path: childPath, start: .lineStart))
                    } else {
                        items.append(YAMLNode(value: .null, path: childPath, file: file, line: emptyLine, column: emptyColumn))
                    }
                } else if rows != nil && cur == 0x5B {  // [
                    rowWanted = true
                    rowNumbers = nil
                    items.append(try blockNode(path: childPath, start: .afterDash))
                    rowWanted = false
                    if let row = rowNumbers { rows!.append(row) } else { rows = nil }
                    rowNumbers = nil
                } else {
                    rows = nil
                    items.append(try blockNode(path: childPath, start: .afterDash))
                }
                guard let k = try nextContent(), k >= c else { break }
                guard k == c else { throw Decline() }
                guard cur == 0x2D && Self.isBlankOrEnd(byte(p + 1)) else {
                    if indentless { break }
                    throw Decline()
                }
            }
            if let rows, items.count >= MatrixMemo.minimumRows { MatrixMemo.shared.store(rows, for: items) }
            return YAMLNode(value: .list(items), path: path, file: file, line: line0, column: c + 1)
        }

        // MARK: Flow context

        /// Spaces, line breaks and comments between flow tokens.
        mutating func skipFlowSpace() throws(Decline) {
            while true {
                switch cur {
                case 0x20: p += 1
                case 0x0A, 0x0D:
                    try takeBreak()
                    if atDocumentMarker() { throw Decline() }
                case 0x23:
                    guard commentStarts() else { throw Decline() }
                    try skipComment()
                default: return
                }
            }
        }

        /// A flow node: `[...]`, `{...}`, a quoted or a plain scalar.
        mutating func flowNode(path: YAMLPath) throws(Decline) -> YAMLNode {
            let line0 = line, column0 = column + 1
            switch cur {
            case 0x5B:  // [
                p += 1
                var items: [YAMLNode] = []
                items.reserveCapacity(flowCountHint)
                let children = path.children
                // A row of a number table (see `rowWanted`): each plain scalar's bytes converted where they lie.
                let collect = rowWanted
                rowWanted = false
                var numbers: [Double]? = nil
                if collect { numbers = []; numbers!.reserveCapacity(flowCountHint) }
                try skipFlowSpace()
                if cur != 0x5D {
                    while true {
                        let itemStart = p, first = cur
                        items.append(try flowNode(path: children.appending(index: items.count)))
                        if numbers != nil {
                            // An item not opened by [ { ' " is a plain scalar (or a null spelling, which is no
                            // number) whose text is exactly the bytes itemStart..<p (`plainInFlow` stops there), so
                            // this is the conversion `YAMLNode.number` tries first on that text: the same bits.
                            if first != 0x5B && first != 0x7B && first != 0x27 && first != 0x22,
                               let x = ShortDecimal.value(UnsafeBufferPointer(start: base + itemStart, count: p - itemStart)) {
                                numbers!.append(x)
                            } else {
                                numbers = nil
                            }
                        }
                        try skipFlowSpace()
                        guard cur == 0x2C else { break }  // ,
                        p += 1
                        try skipFlowSpace()
                        guard cur != 0x5D else { throw Decline() }  // a trailing comma
                    }
                    guard cur == 0x5D else { throw Decline() }  // a ':' here would be a one-pair mapping
                }
                p += 1
                flowCountHint = items.count
                if collect { rowNumbers = numbers }
                return YAMLNode(value: .list(items), path: path, file: file, line: line0, column: column0)
            case 0x7B:  // {
                p += 1
                var pairs: [(key: String, value: YAMLNode)] = []
                var seen: Set<String>? = nil
                let children = path.children
                try skipFlowSpace()
                if cur != 0x7D {
                    while true {
                        let key: String
                        if cur == 0x27 || cur == 0x22 { key = try quoted() } else { let r = try plainInFlow(); key = text(r.lowerBound, r.upperBound) }
                        skipSpaces()
                        guard cur == 0x3A && Self.isBlankOrEnd(byte(p + 1)),
                              !Self.repeats(key, in: pairs, seen: &seen) else { throw Decline() }
                        p += 1
                        try skipFlowSpace()
                        guard cur != 0x2C && cur != 0x7D else { throw Decline() }  // an empty value
                        pairs.append((key, try flowNode(path: children.appending(key: key))))
                        try skipFlowSpace()
                        guard cur == 0x2C else { break }
                        p += 1
                        try skipFlowSpace()
                        guard cur != 0x7D else { throw Decline() }
                    }
                    guard cur == 0x7D else { throw Decline() }
                }
                p += 1
                return YAMLNode(value: .map(pairs), path: path, file: file, line: line0, column: column0)
            case 0x27, 0x22:
                return YAMLNode(value: .scalar(try quoted(), quoted: true), path: path, file: file, line: line0, column: column0)
            default:
                let r = try plainInFlow()
                return YAMLNode(value: plainValue(r.lowerBound, r.upperBound), path: path, file: file, line: line0, column: column0)
            }
        }

        /// A plain scalar in a flow collection: ends before `,` `[` `]` `{` `}`, `: `, a comment or the line's
        /// end; at a line end the next content must be `,` `]` `}` or a comment (else it could go on: declined).
        mutating func plainInFlow() throws(Decline) -> Range<Int> {
            guard plainStarts() else { throw Decline() }
            let start = p
            var stop = p
            scan: while true {
                switch cur {
                case 0x20:
                    var q = p + 1
                    while byte(q) == 0x20 { q += 1 }
                    let n = byte(q)
                    if n == 0x23 || Self.isBreakOrEnd(n) || n == 0x2C || n == 0x5B || n == 0x5D || n == 0x7B || n == 0x7D
                        || (n == 0x3A && Self.isBlankOrEnd(byte(q + 1))) { break scan }
                    p = q
                case 0x2C, 0x5B, 0x5D, 0x7B, 0x7D: break scan
                case 0x3F: throw Decline()  // '?' ends flow plain scalars in some libyaml versions
                case 0x3A:
                    guard Self.isBlankOrEnd(byte(p + 1)) else { throw Decline() }
                    break scan
                case 0x0A, 0x0D, 0:
                    break scan
                case 0x21...0x7E: p += 1; stop = p
                default: throw Decline()
                }
            }
            p = stop
            // Followed by the line's end (perhaps after spaces): only a flow terminator or comment may come next.
            var q = p
            while byte(q) == 0x20 { q += 1 }
            if Self.isBreakOrEnd(byte(q)) {
                let save = (p, line, lineStart)
                try skipFlowSpace()
                let n = cur
                guard n == 0x2C || n == 0x5D || n == 0x7D else { throw Decline() }
                (p, line, lineStart) = save
            }
            return start..<stop
        }
    }
}
