/// Variant indices `first, first + step, …` (`count` of them), held as three numbers instead of a list, so a sweep's
/// memory stays flat however many variants it has (a shard's indices, or all of a sweep's when merging).
package struct VariantIndices: RandomAccessCollection, Sendable, Equatable {
    package let first: Int
    package let step: Int
    package let count: Int

    /// `first, first + step, …` below `end` (`step` ≥ 1).
    package init(from first: Int, below end: Int, step: Int = 1) {
        precondition(step >= 1, "variant index step must be positive")
        self.first = first
        self.step = step
        count = first < end ? (end - first + step - 1) / step : 0
    }

    package var startIndex: Int { 0 }
    package var endIndex: Int { count }
    package subscript(position: Int) -> Int { first + position * step }
}

/// A set of variant indices as one bit each (which of a run's variants are already finished: 12.5 kB for 100,000).
package struct VariantBitSet: Sendable {
    private var words: [UInt64]
    /// Members below `capacity` (every index of a sweep of `capacity` variants).
    package init(capacity: Int) { words = [UInt64](repeating: 0, count: (max(capacity, 0) + 63) / 64) }
    package mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }
    package func contains(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
}
