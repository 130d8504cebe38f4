import Testing
@testable import RAFT

/// The sweep's index ranges and finished-variant bits, against the lists they replace.
@Suite struct VariantIndicesTests {
    @Test func shardStridesMatchTheListTheyReplace() {
        for total in [0, 1, 2, 7, 64, 65, 1000] {
            for count in 1...5 {
                for shard in 0..<count {
                    let indices = VariantIndices(from: shard, below: total, step: count)
                    #expect(Array(indices) == Array(stride(from: shard, to: total, by: count)), "total \(total), shard \(shard)/\(count)")
                    #expect(indices.count == Array(stride(from: shard, to: total, by: count)).count)
                }
            }
        }
        let all = VariantIndices(from: 0, below: 10)
        #expect(Array(all[3..<6]) == [3, 4, 5])
        #expect(VariantIndices(from: 5, below: 3).isEmpty)
    }

    @Test func bitSetHoldsExactlyWhatWasInserted() {
        var bits = VariantBitSet(capacity: 200)
        let members: Set = [0, 1, 63, 64, 65, 127, 128, 199]
        for i in members { bits.insert(i) }
        for i in 0..<200 { #expect(bits.contains(i) == members.contains(i), "index \(i)") }
    }
}
