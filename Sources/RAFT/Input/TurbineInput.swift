/// `turbine` section (spec 01 §7, 03 §2). PLACEHOLDER: the rotor issue replaces this file;
/// the initialiser signature below is what `Design` calls and must be kept.
public struct TurbineInput: Sendable {
    public var node: YAMLNode
    /// Number of rotors on this turbine (`nrotors`, default 1).
    public var rotorCount: Int

    public init(node: YAMLNode, diagnostics: inout Diagnostics) throws(InputError) {
        self.node = try node.requireMap("the turbine section (a mapping)")
        rotorCount = try node.int("nrotors", default: 1)
    }
}
