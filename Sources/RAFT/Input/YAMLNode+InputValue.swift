extension YAMLNode {
    /// The node as an `InputValue`: numeric-looking plain scalars become numbers, booleans stay booleans, the rest text.
    package var inputValue: InputValue {
        switch value {
        case .null: return .null
        case .scalar(let s, let quoted):
            if !quoted, let x = YAMLNode.number(s) { return .number(x) }
            if !quoted, let b = YAMLNode.boolean(s), s.count > 1 { return .bool(b) }
            return .string(s)
        case .list(let items): return .list(items.map { $0.inputValue })
        case .map(let pairs): return .map(pairs.map { ($0.key, $0.value.inputValue) })
        }
    }
}
