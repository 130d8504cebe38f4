/// `platform` section (spec 01 §6). PLACEHOLDER: the members issue replaces this file with the full
/// member map; the initialiser signature below is what `Design` calls and must be kept.
public struct PlatformInput: Sendable {
    /// The raw `platform` node.
    public var node: YAMLNode
    /// Number of entries in `platform.members` (before heading copies).
    public var memberCount: Int

    public init(node: YAMLNode, diagnostics: inout Diagnostics) throws(InputError) {
        self.node = try node.requireMap("the platform section (a mapping with members, ...)")
        memberCount = try node.required("members", "list of platform members").list("a list of member mappings").count
    }
}
