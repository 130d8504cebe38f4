import Foundation
import RAFT
import RAFTIO

/// A result tree for the C ABI: small metadata as JSON text, every numeric array in one flat `Double` buffer.
///
/// Layout (documented in `include/swiftraft.h` and read by `python/swiftraft/_native.py`): the metadata is JSON in
/// which a numeric array is replaced by `{"__nd__": [offset, d0, d1, ...]}` — `offset` the index of its first element
/// in the buffer, `d0, d1, ...` its shape, elements row-major (C order). Scalars and strings stay in the JSON
/// (numbers written shortest round-trip, so they read back bit-exact).
final class PackedResult {
    var data: [Double] = []
    /// The metadata JSON as a C string (owned; freed with the result).
    private(set) var metaCString: UnsafeMutablePointer<CChar>?

    deinit { free(metaCString) }

    /// Appends `values` to the buffer and returns the reference node for an array of `shape`.
    func array(_ values: [Double], shape: [Int]) -> JSONValue {
        precondition(shape.reduce(1, *) == values.count, "packed array shape does not match its element count")
        let offset = data.count
        data.append(contentsOf: values)
        return .object([("__nd__", .array(([offset] + shape).map { .int($0) }))])
    }

    func vector(_ values: [Double]) -> JSONValue { array(values, shape: [values.count]) }

    /// A complex array: `{"__cnd__": [offset, d0, ...]}`, elements as (re, im) pairs from `offset` (numpy complex128).
    func complexArray(_ rows: [[Complex]]) -> JSONValue {
        let cols = rows.first?.count ?? 0
        let offset = data.count
        for r in rows { for z in r { data.append(z.real); data.append(z.imaginary) } }
        return .object([("__cnd__", .array([offset, rows.count, cols].map { .int($0) }))])
    }

    func matrix(_ rows: [[Double]]) -> JSONValue {
        let cols = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == cols }) else { return .array(rows.map { vector($0) }) }
        return array(rows.flatMap { $0 }, shape: [rows.count, cols])
    }

    /// The same tree with every rectangular numeric array (1-D or 2-D) moved into the buffer.
    func packing(_ v: JSONValue) -> JSONValue {
        switch v {
        case .array(let items):
            if let xs = Self.numbers(items) { return vector(xs) }
            let rows = items.map { item -> [Double]? in if case .array(let r) = item { return Self.numbers(r) } else { return nil } }
            if !rows.isEmpty, rows.allSatisfy({ $0 != nil && !$0!.isEmpty }), Set(rows.map { $0!.count }).count == 1 {
                return matrix(rows.map { $0! })
            }
            return .array(items.map(packing))
        case .object(let pairs): return .object(pairs.map { ($0.0, packing($0.1)) })
        default: return v
        }
    }

    private static func numbers(_ items: [JSONValue]) -> [Double]? {
        guard !items.isEmpty else { return nil }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for item in items {
            switch item {
            case .number(let x): out.append(x)
            case .int(let i): out.append(Double(i))
            default: return nil
            }
        }
        return out
    }

    /// Fixes the metadata (call once, after the tree is complete).
    func finish(_ tree: JSONValue) -> PackedResult {
        free(metaCString)
        metaCString = strdup(tree.serialized(indent: nil))
        return self
    }
}
