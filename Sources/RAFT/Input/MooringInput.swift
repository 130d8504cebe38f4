/// FOWT-level `mooring` section (spec 01 §9, 04 §1). PLACEHOLDER: the mooring issue replaces this file;
/// the initialiser signature below is what `Design` calls and must be kept.
///
/// `baseDirectory` is the folder of the design file (MoorDyn `file:` paths are resolved against it,
/// then against the working directory as RAFT does).
public struct MooringInput: Sendable {
    public var node: YAMLNode
    /// Number of mooring lines.
    public var lineCount: Int

    public init(node: YAMLNode, baseDirectory: String?, diagnostics: inout Diagnostics) throws(InputError) {
        self.node = try node.requireMap("the mooring section (a mapping)")
        lineCount = try node.optional("lines")?.list("a list of lines").count ?? 0
    }
}
