extension YAMLNode {
    /// The node as JSON: numeric-looking plain scalars become numbers, booleans stay booleans, the rest text.
    public var jsonValue: JSONValue {
        switch value {
        case .null: return .null
        case .scalar(let s, let quoted):
            if !quoted, let x = YAMLNode.number(s) { return .number(x) }
            if !quoted, let b = YAMLNode.boolean(s), s.count > 1 { return .bool(b) }
            return .string(s)
        case .list(let items): return .array(items.map(\.jsonValue))
        case .map(let pairs): return .object(pairs.map { ($0.key, $0.value.jsonValue) })
        }
    }
}
