#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// One instantiated joint (RAFT `FOWT.addJoint`): name, kind and location relative to the PRP [m].
private struct JointInstance {
    var name: String
    var kind: JointKind
    var r: Vec3
}

extension NodeGraph {
    /// Build the node graph of a FOWT as RAFT's `FOWT.__init__` does (spec 06 §1.1 items 5–9): member nodes in
    /// member order, joints (YAML `joints` or the synthetic `origin_joint`), rigid links for offset attachments,
    /// one node per rotor at the RNA reference point joined to its tower top, and the rigid-body node moved first.
    init(members fm: FOWTMembers, joints jointInputs: [JointInput]?) throws {
        let mems = fm.members
        var nodes: [StructuralNode] = []
        var memberNodes: [[Int]] = []
        for (m, mem) in mems.enumerated() {
            let first = nodes.count
            if mem.type == .beam {
                for (i, p) in mem.r.enumerated() {
                    nodes.append(StructuralNode(r0: p, member: m, endNode: i == 0 || i == mem.r.count - 1))
                }
            } else {
                nodes.append(StructuralNode(r0: mem.rA0, member: m, endNode: true))
            }
            memberNodes.append(Array(first..<nodes.count))
        }

        // joint data: YAML or a single cantilever at the origin with every platform member and tower
        struct JointData { var name: String; var kind: JointKind; var location: Vec3; var members: [String]; var headings: [Double] }
        var data: [JointData] = []
        if let jointInputs {
            data = jointInputs.map { JointData(name: $0.name, kind: $0.kind, location: $0.position, members: $0.members, headings: $0.headingsDeg) }
        } else {
            if let b = mems[0..<fm.platformCount].first(where: { $0.type == .beam }) {
                throw SolveError.unsupported("flexible platform member '\(b.name)' needs joints in the input")
            }
            var names: [String] = []
            for mem in mems[0..<fm.platformCount] where !names.contains(mem.name) { names.append(mem.name) }
            for mem in mems where mem.part == .tower { names.append(mem.name) }
            data = [JointData(name: "origin_joint", kind: .cantilever, location: .zero, members: names, headings: [0])]
        }

        var joints: [JointInstance] = []
        var linkCount = 0
        func addJoint(_ name: String, _ kind: JointKind, _ r: Vec3) -> Int {
            if let k = joints.firstIndex(where: { $0.name == name && norm($0.r - r) <= 1e-3 }) { return k }
            joints.append(JointInstance(name: name, kind: kind, r: r))
            return joints.count - 1
        }
        func attach(node: Int, joint j: Int) {
            let dist = norm(nodes[node].r0 - joints[j].r)
            if dist <= 1e-3 {
                nodes[node].jointID = j; nodes[node].jointKind = joints[j].kind
                return
            }
            let link = linkCount; linkCount += 1
            nodes.append(StructuralNode(r0: joints[j].r, member: nil, endNode: true, jointID: j, jointKind: joints[j].kind, rigidLinkID: link))
            let jb = nodes[node].jointID ?? addJoint("joint4rigidLink", .cantilever, nodes[node].r0)
            nodes.append(StructuralNode(r0: nodes[node].r0, member: nil, endNode: true, jointID: jb, jointKind: joints[jb].kind, rigidLinkID: link))
            nodes[node].jointID = jb; nodes[node].jointKind = joints[jb].kind
        }
        func attach(member m: Int, joint j: Int) {
            let ids = memberNodes[m]
            if mems[m].type == .beam {
                let a = ids[0], b = ids[ids.count - 1]
                let da = norm(nodes[a].r0 - joints[j].r), db = norm(nodes[b].r0 - joints[j].r)
                attach(node: da < db ? a : b, joint: j)
            } else {
                attach(node: ids[0], joint: j)
            }
        }
        for jd in data {
            for (count, h) in jd.headings.enumerated() {
                let c = cos(h * (Double.pi / 180)), s = sin(h * (Double.pi / 180))
                let p = jd.location
                let r = h == 0 ? p : Vec3(c * p.x + (-s) * p.y, s * p.x + c * p.y, p.z)
                let j = addJoint(jd.name, jd.kind, r)
                for name in jd.members {
                    let ms = mems.indices.filter { mems[$0].name == name }
                    guard !ms.isEmpty else { throw SolveError.unsupported("joint '\(jd.name)' lists unknown member '\(name)'") }
                    if ms.count == 1 { attach(member: ms[0], joint: j); continue }
                    if jd.headings.count == 1 {
                        for m in ms { attach(member: m, joint: j) }
                    } else {
                        guard count < ms.count else { throw SolveError.unsupported("joint '\(jd.name)' has more headings than member '\(name)'") }
                        attach(member: ms[count], joint: j)
                    }
                }
            }
        }

        // rotors: one node at the RNA reference point, cantilevered to the top of tower ir
        let towers = mems.indices.filter { mems[$0].part == .tower }
        var rotorNodes: [Int] = []
        for (ir, rna) in fm.rnas.enumerated() {
            nodes.append(StructuralNode(r0: rna.referencePoint, member: nil, endNode: true))
            let rn = nodes.count - 1
            rotorNodes.append(rn)
            let j = addJoint("tower2rotor", .cantilever, rna.referencePoint)
            guard ir < towers.count else { throw SolveError.unsupported("rotor \(ir + 1) has no tower to attach to") }
            attach(member: towers[ir], joint: j)
            attach(node: rn, joint: j)
        }

        // rigid-body node: closest to the PRP (first in list order); moved to index 0 unless it is a beam/rotor node
        var best = 0, bd = Double.infinity
        for (i, n) in nodes.enumerated() { let d = norm(n.r0); if d < bd { bd = d; best = i } }
        let movable = rotorNodes.contains(best) ? false : (nodes[best].member.map { mems[$0].type != .beam } ?? true)
        if movable && best != 0 {
            var order = Array(nodes.indices)
            order.remove(at: best)
            order.insert(best, at: 0)
            var newIndex = [Int](repeating: 0, count: nodes.count)
            for (k, old) in order.enumerated() { newIndex[old] = k }
            nodes = order.map { nodes[$0] }
            memberNodes = memberNodes.map { $0.map { newIndex[$0] } }
            rotorNodes = rotorNodes.map { newIndex[$0] }
        }
        self.init(nodes: nodes, memberNodes: memberNodes, rotorNodes: rotorNodes, memberIsBeam: mems.map { $0.type == .beam })
    }
}
