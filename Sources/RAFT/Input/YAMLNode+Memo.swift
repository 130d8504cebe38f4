#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Memo of parsed number tables (`YAMLNode.matrix`) keyed by the identity of the YAML list's storage.
///
/// A sweep edits one value of a design and re-validates the whole tree; the untouched subtrees (airfoil polar
/// tables above all) still share their array storage with the base design, so their numbers need not be parsed
/// again. Each entry keeps its list alive, so the storage cannot be freed and reused for other content, and a
/// shared storage is never mutated in place (copy-on-write): the same storage address means the same table.
/// Only successful parses of tables with at least `minimumRows` rows are stored. Thread-safe; bounded.
/// `PlainYAML` also stores the tables it converts while scanning (rows of plain numbers in `ShortDecimal`'s form,
/// the conversion `matrix` would make first), so the first `matrix` of such a table is a memo hit too.
final class MatrixMemo: @unchecked Sendable {
    static let shared = MatrixMemo()
    static let minimumRows = 16
    /// Entries keep their YAML lists alive (tens of kB each for a polar table), hence a modest bound.
    static let capacity = 256

    private let lock = MutexLock()
    private var entries: [UnsafeRawPointer: (items: [YAMLNode], rows: [[Double]])] = [:]

    private static func key(_ items: [YAMLNode]) -> UnsafeRawPointer? {
        items.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }

    func rows(for items: [YAMLNode]) -> [[Double]]? {
        guard items.count >= Self.minimumRows, let k = Self.key(items) else { return nil }
        lock.lock(); defer { lock.unlock() }
        return entries[k]?.rows
    }

    func store(_ rows: [[Double]], for items: [YAMLNode]) {
        guard items.count >= Self.minimumRows, let k = Self.key(items) else { return }
        lock.lock(); defer { lock.unlock() }
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[k] = (items, rows)
    }
}
