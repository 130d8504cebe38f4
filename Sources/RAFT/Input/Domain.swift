/// The allowed range of an input value, checked where the value is read.
///
/// Rendered in messages as `> 0`, `≥ 0`, `in [0, 1]`, `in (0, 1]`, so a rejected value reads
/// `platform.members[0].d[1]: expected a diameter in m > 0, got -3`.
package struct Domain: Sendable, Equatable, CustomStringConvertible {
    package var lower: Double?
    package var lowerInclusive: Bool
    package var upper: Double?
    package var upperInclusive: Bool

    package init(lower: Double?, lowerInclusive: Bool = true, upper: Double? = nil, upperInclusive: Bool = true) {
        self.lower = lower; self.lowerInclusive = lowerInclusive; self.upper = upper; self.upperInclusive = upperInclusive
    }

    /// x > 0.
    package static let positive = Domain(lower: 0, lowerInclusive: false)
    /// x ≥ 0.
    package static let nonNegative = Domain(lower: 0)
    /// lo ≤ x ≤ hi.
    package static func closed(_ lo: Double, _ hi: Double) -> Domain { Domain(lower: lo, upper: hi) }
    /// lo < x ≤ hi.
    package static func leftOpen(_ lo: Double, _ hi: Double) -> Domain { Domain(lower: lo, lowerInclusive: false, upper: hi) }

    /// True for finite values inside the range.
    package func contains(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        if let lower, lowerInclusive ? !(x >= lower) : !(x > lower) { return false }
        if let upper, upperInclusive ? !(x <= upper) : !(x < upper) { return false }
        return true
    }

    package var description: String {
        switch (lower, upper) {
        case (let lo?, nil): return (lowerInclusive ? "≥ " : "> ") + Domain.format(lo)
        case (nil, let hi?): return (upperInclusive ? "≤ " : "< ") + Domain.format(hi)
        case (let lo?, let hi?):
            return "in " + (lowerInclusive ? "[" : "(") + Domain.format(lo) + ", " + Domain.format(hi) + (upperInclusive ? "]" : ")")
        case (nil, nil): return "finite"
        }
    }

    /// Shortest rendering of a bound (`0`, `1`, `0.5`, `1e+06`).
    static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e6 { return String(Int(x)) }
        return "\(x)"
    }
}

extension YAMLNode {
    /// Throws unless `value` (read from this node) lies in `domain`.
    package func check(_ value: Double, _ domain: Domain, _ what: String) throws(InputError) {
        guard !domain.contains(value) else { return }
        throw error("expected \(what) \(domain), got \(value)")
    }

    /// Throws unless every value read from child `key` (after RAFT's broadcasting) lies in `domain`.
    ///
    /// The error points at the offending list element when the child is a list with one entry per value (or a
    /// table with one row per value), else at the child itself, else at this mapping (for defaults).
    package func check(_ key: String, _ values: [Double], _ domain: Domain, _ what: String) throws(InputError) {
        guard let i = values.firstIndex(where: { !domain.contains($0) }) else { return }
        let (at, exact) = elementNode(key, index: i, count: values.count)
        let which = values.count > 1 && !exact ? " (entry \(i))" : ""
        throw at.error("expected \(what) \(domain)\(which), got \(values[i])")
    }

    /// The node a per-entry value `index` of child `key` was read from (see `check(_:_:_:_:)`).
    /// `exact` is true when the node is the entry itself.
    func elementNode(_ key: String, index i: Int, count: Int) -> (node: YAMLNode, exact: Bool) {
        guard let child = self[key] else { return (self, false) }
        if case .list(let items) = child.value, items.count == count, i < items.count { return (items[i], true) }
        return (child, count == 1 || child.isScalar)  // a scalar broadcast to every entry is the value itself
    }
}
