import RAFT

/// JSON forms of the library's typed results (the CLI's `--json` and `summary.json` layouts).
extension JSONValue {
    /// A scalar, a list or a list of rows.
    package init(_ v: ResultValue) {
        switch v {
        case .scalar(let x): self = .number(x)
        case .vector(let xs): self = .numbers(xs)
        case .matrix(let rows): self = .matrix(rows)
        }
    }

    /// An input value as written in the YAML.
    package init(_ v: InputValue) {
        switch v {
        case .null: self = .null
        case .number(let x): self = .number(x)
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        case .list(let items): self = .array(items.map(JSONValue.init))
        case .map(let pairs): self = .object(pairs.map { ($0.0, JSONValue($0.1)) })
        }
    }

    /// `{name: value, …}` in RAFT's order.
    package init(_ p: FOWTProperties) {
        self = .object(p.entries.map { ($0.name, JSONValue($0.value)) })
    }

    /// `raft mooring --json`: pose, per-line ends/tensions/seabed length, net force and stiffness.
    package init(_ m: MooringPoseReport) {
        let lines: [JSONValue] = m.lines.map { l in
            .object([
                ("line", .int(l.index)), ("type", .string(l.type)), ("length_m", .number(l.length)),
                ("endA_m", .numbers(l.endA)), ("endB_m", .numbers(l.endB)),
                ("tensionA_N", .number(l.tensionA)), ("tensionB_N", .number(l.tensionB)),
                ("length_on_seabed_m", .number(l.lengthOnSeabed)),
            ])
        }
        self = .object([
            ("pose", .numbers(m.pose)), ("lines", .array(lines)), ("force_N_Nm", .numbers(m.force)),
            ("stiffness", .matrix(m.stiffness)),
        ])
    }

    /// `{natural_frequencies_Hz, periods_s, modes}`.
    package init(_ e: EigenResult) {
        self = .object([("natural_frequencies_Hz", .numbers(e.frequenciesHz)), ("periods_s", .numbers(e.periodsS)),
                        ("modes", .matrix(e.modes))])
    }
}
