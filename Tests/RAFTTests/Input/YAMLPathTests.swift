import Testing
@testable import RAFT

/// `YAMLPath` keeps its last component and a shared reference to the path above it; whatever way a path is built,
/// its components, text, equality and hash must be those of the plain component list.
@Suite("YAML paths")
struct YAMLPathTests {
    @Test("built by appending, by a shared children factory or from components: the same path")
    func constructionsAgree() {
        let comps: [YAMLPath.Component] = [.key("turbine"), .key("blade"), .index(0), .key("airfoils"), .index(3)]
        let fromList = YAMLPath(comps)
        let appended = YAMLPath.root.appending(key: "turbine").appending(key: "blade").appending(index: 0)
            .appending(key: "airfoils").appending(index: 3)
        let viaChildren = YAMLPath.root.children.appending(key: "turbine").children.appending(key: "blade")
            .children.appending(index: 0).children.appending(key: "airfoils").children.appending(index: 3)
        for p in [fromList, appended, viaChildren] {
            #expect(p.components == comps)
            #expect(p.description == "turbine.blade[0].airfoils[3]")
            #expect(p == fromList)
            #expect(p.hashValue == fromList.hashValue)
        }
        #expect(YAMLPath.root.description == "(document root)")
        #expect(YAMLPath([]) == .root)
        #expect(YAMLPath.root.components.isEmpty)
    }

    @Test("siblings and prefixes differ")
    func differences() {
        let list = YAMLPath.root.appending(key: "cases").appending(key: "data")
        let rows = list.children
        #expect(rows.appending(index: 1) != rows.appending(index: 2))
        #expect(rows.appending(index: 1) != list)
        #expect(list.appending(index: 1) == rows.appending(index: 1))
        #expect(YAMLPath([.key("data"), .index(1)]) != rows.appending(index: 1))  // same tail, other prefix
        #expect(YAMLPath([.key("a"), .key("b")]) != YAMLPath([.key("a"), .index(0)]))
        #expect(Set([rows.appending(index: 0), list.appending(index: 0), rows.appending(index: 1)]).count == 2)
    }

    @Test("every parsed node's path names the way to it from the root")
    func parsedPaths() throws {
        let text = "a:\n  b: [1, [2, 3]]\n  c: {d: x}\nlist:\n  - {k: 1}\n  - 2\n"
        let root = try YAMLNode.parse(text, file: "t.yaml")
        var seen = 0
        func walk(_ n: YAMLNode, _ expected: [YAMLPath.Component]) {
            #expect(n.path.components == expected)
            #expect(n.path == YAMLPath(expected))
            seen += 1
            switch n.value {
            case .list(let items): for (i, c) in items.enumerated() { walk(c, expected + [.index(i)]) }
            case .map(let pairs): for p in pairs { walk(p.value, expected + [.key(p.key)]) }
            default: break
            }
        }
        walk(root, [])
        #expect(seen == 13)
        #expect(try root.required("a").required("b").list()[1].path.description == "a.b[1]")
    }
}
