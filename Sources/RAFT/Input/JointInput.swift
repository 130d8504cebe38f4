/// Kind of a structural joint (RAFT `joints[i].type`).
package enum JointKind: String, Sendable, Equatable { case cantilever, ball, universal }

/// One entry of the top-level `joints` list (flexible FOWTs, spec 06 §1.1 item 6): where members meet.
package struct JointInput: Sendable, Equatable {
    /// `name` (unique).
    package var name: String
    /// `type`.
    package var kind: JointKind
    /// `location` relative to the PRP [m].
    package var position: Vec3
    /// `members`: names of the members attached.
    package var members: [String]
    /// `heading` [deg]: one joint copy per heading (default [0]).
    package var headingsDeg: [Double]
    /// Where the entry was written.
    package var location: InputLocation

    /// Parses the `joints` list; names must be unique.
    static func list(_ node: YAMLNode) throws(InputError) -> [JointInput] {
        var out: [JointInput] = []
        for j in try node.list("a list of joints") {
            let name = try j.string(key: "name")
            let typeNode = try j.required("type", "cantilever, ball or universal")
            guard let kind = JointKind(rawValue: try typeNode.string()) else {
                throw typeNode.error("expected a joint type cantilever, ball or universal")
            }
            let position = try j.required("location").vector3()
            let names = try j.required("members", "a list of member names").list().map { n throws(InputError) in try n.string("a member name") }
            var headings = [0.0]
            if let h = j.optional("heading") { headings = h.isList ? try h.doubles("a list of headings in deg") : [try h.double("a heading in deg")] }
            if out.contains(where: { $0.name == name }) {
                throw (j["name"] ?? j).error("joint names must be unique; '\(name)' is used twice")
            }
            out.append(JointInput(name: name, kind: kind, position: position, members: names, headingsDeg: headings, location: j.location))
        }
        return out
    }
}
