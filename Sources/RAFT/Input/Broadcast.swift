/// RAFT's `helpers.getFromDict` broadcasting rules, implemented once (spec 01 §1.3).
///
/// Every per-station member input (`d`, `t`, `Cd`, `Ca`, `CdEnd`, ...) goes through these, so scalar-or-list
/// inputs broadcast exactly as RAFT does, including the `index` quirk for `Cd`/`Ca`
/// (a 1-D list gives element `index` at every station; spec 01 P3).
extension YAMLNode {
    /// Shape 0: a scalar. A list is an error. Absent → `default` (nil default → missing-key error).
    package func getScalar(_ key: String, default d: Double?, _ what: String = "a number") throws(InputError) -> Double {
        guard let v = optional(key) else {
            if let d { return d }
            _ = try required(key, what)
            return 0
        }
        if v.isList { throw v.error("expected a single value (\(what)), got \(v.kindName)") }
        return try v.double(what)
    }

    /// Shape n: scalar tiled to n values, or a list of exactly n values.
    ///
    /// With `index` set (RAFT's `Cd`/`Ca` pairs): a 1-D list of length n returns element `index` tiled to n
    /// (RAFT quirk, spec 01 P3); a 2-D list [n × k] returns column `index`.
    package func getStations(_ key: String, count n: Int, default d: Double?, index: Int? = nil,
                            _ what: String = "values") throws(InputError) -> [Double] {
        guard let v = optional(key) else {
            if let d { return Array(repeating: d, count: n) }
            _ = try required(key, what)
            return []
        }
        if v.isScalar { return Array(repeating: try v.double(what), count: n) }
        let items = try v.list(what)
        if let index {
            if items.allSatisfy({ $0.isList }) && !items.isEmpty {
                guard items.count == n else {
                    throw v.error("expected \(n) rows (one per station) of \(what), got \(items.count)")
                }
                var out: [Double] = []
                for row in items {
                    let r = try row.doubles("a row of \(what)")
                    guard index < r.count else { throw row.error("expected at least \(index + 1) values in this row of \(what), got \(r.count)") }
                    out.append(r[index])
                }
                return out
            }
            guard items.count == n else {
                throw v.error("expected 1 value or \(n) values for \(what), got \(items.count)")
            }
            let x = try items[index].double(what)
            return Array(repeating: x, count: n)
        }
        guard items.count == n else {
            throw v.error("expected 1 or \(n) values (\(what)), got \(items.count)")
        }
        var out: [Double] = []
        for item in items { out.append(try item.double(what)) }
        return out
    }

    /// Shape [n, m]: scalar tiled, exact n×m table, or a single row of m values tiled to n rows.
    package func getTable(_ key: String, rows n: Int, columns m: Int, default d: Double?,
                         _ what: String = "values") throws(InputError) -> [[Double]] {
        guard let v = optional(key) else {
            if let d { return Array(repeating: Array(repeating: d, count: m), count: n) }
            _ = try required(key, what)
            return []
        }
        if v.isScalar { return Array(repeating: Array(repeating: try v.double(what), count: m), count: n) }
        let items = try v.list(what)
        if !items.isEmpty && items.allSatisfy({ $0.isScalar }) {
            guard items.count == m else {
                throw v.error("expected \(m) values (one row, used at every station) or \(n) rows of \(m) for \(what), got \(items.count) values")
            }
            let row = try v.doubles(what)
            return Array(repeating: row, count: n)
        }
        guard items.count == n else { throw v.error("expected \(n) rows of \(m) values for \(what), got \(items.count) rows") }
        var out: [[Double]] = []
        for item in items {
            let r = try item.doubles("a row of \(what)")
            guard r.count == m else { throw item.error("expected \(m) values in this row of \(what), got \(r.count)") }
            out.append(r)
        }
        return out
    }
}
