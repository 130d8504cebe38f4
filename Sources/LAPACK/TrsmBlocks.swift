/// The row blocks in which OpenBLAS 0.3.21's generic `trsm_kernel_LT` / `trsm_kernel_LN` (`ZGEMM_UNROLL_M` = 4)
/// walk an n-row triangular solve, shared by `SmallZgesv.substitute` and `SmallZgesvLanes.substitute` so the
/// two mirrors cannot drift apart. Each element is a half-open row range `start..<end` (0-based); the solve
/// updates the block from the rows already solved, then solves inside it.
///
/// - `forward` (`trsm_kernel_LT`, unit lower L): blocks of 4 from the top, then one of 2, then one of 1
///   (n = 7: 0..<4, 4..<6, 6..<7).
/// - `backward` (`trsm_kernel_LN`, upper U): the odd row at the bottom, then the pair above it, then blocks of 4
///   upwards (n = 7: 6..<7, 4..<6, 0..<4; n = 6: 4..<6, 0..<4).
package struct TrsmBlocks: Sequence, IteratorProtocol {
    private let n: Int
    private let backward: Bool
    /// Forward: the next block's first row. Backward: the next block's end.
    private var cursor: Int
    /// Forward: the current block size (4, 2, 1). Backward: the next bit of n to test (1, 2, then 4 = full blocks).
    private var size: Int

    /// Blocks of `trsm_kernel_LT`, top down.
    package static func forward(_ n: Int) -> TrsmBlocks { TrsmBlocks(n: n, backward: false, cursor: 0, size: 4) }
    /// Blocks of `trsm_kernel_LN`, bottom up.
    package static func backward(_ n: Int) -> TrsmBlocks { TrsmBlocks(n: n, backward: true, cursor: n, size: 1) }

    @inline(__always)
    package mutating func next() -> (start: Int, end: Int)? {
        if backward {
            let end = cursor
            guard end > 0 else { return nil }
            var bs = 4
            while size <= 2 {
                let bit = size
                size <<= 1
                if n & bit != 0 { bs = bit; break }
            }
            cursor = end - bs
            return (end - bs, end)
        }
        let start = cursor
        guard start < n else { return nil }
        while start + size > n { size >>= 1 }
        cursor = start + size
        return (start, cursor)
    }
}
