#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// One edge of the spanning tree of a FOWT's node graph, from the node nearer the rigid-body node 0 (`parent`) to
/// the node beyond it (`child`).
struct NodeTreeEdge: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// Nodes sharing a joint: same DOFs, no lever arm.
        case joint
        /// A rigid link: the child follows the parent's rotation with the lever `r_child − r_parent`.
        case rigidLink
        /// Consecutive nodes of a beam member.
        case beamSegment
    }
    var parent: Int
    var child: Int
    var kind: Kind
}

extension NodeGraph {
    /// The tree that `reduce` walks (breadth first from node 0: rigid partner, joint mates, then a beam member's nodes
    /// as a chain from the end reached first), as edges in visiting order (every parent before its children).
    func spanningTree() -> [NodeTreeEdge] {
        var edges: [NodeTreeEdge] = []
        var visited = [Bool](repeating: false, count: nodes.count)
        var queue = [0], head = 0
        visited[0] = true
        while head < queue.count {
            let i = queue[head]; head += 1
            if let id = nodes[i].rigidLinkID {
                for p in nodes.indices where p != i && nodes[p].rigidLinkID == id && !visited[p] {
                    edges.append(NodeTreeEdge(parent: i, child: p, kind: .rigidLink))
                    visited[p] = true; queue.append(p)
                }
            }
            if let j = nodes[i].jointID {
                for k in nodes.indices where k != i && nodes[k].jointID == j && !visited[k] {
                    edges.append(NodeTreeEdge(parent: i, child: k, kind: .joint))
                    visited[k] = true; queue.append(k)
                }
            }
            if let m = nodes[i].member, memberIsBeam[m], nodes[i].endNode {
                let ids = memberNodes[m]
                let chain = ids.first == i ? ids : ids.reversed()
                for (a, b) in zip(chain, chain.dropFirst()) where !visited[b] {
                    edges.append(NodeTreeEdge(parent: a, child: b, kind: .beamSegment))
                    visited[b] = true; queue.append(b)
                }
            }
        }
        return edges
    }

    /// Weight/buoyancy geometric stiffness of the `consistent` formulation, in full DOFs (rotation blocks only):
    /// each rigid link carries the force `F` of everything beyond its child node, on the parent's rotations, and each
    /// beam segment `L` carries what lies beyond it, half on each end node's rotations (Lee et al.'s split), with
    /// the block `K(F, d) = (d·F)·I − d·Fᵀ` (the second-order work of a dead force at lever `d`).
    ///
    /// For a rigid FOWT this equals RAFT's transformation (dT) stiffness; with stiff beams it gives the rigid model's
    /// `C_struc`/`C_hydro`, because every force is carried along its whole path to node 0. RAFT instead gives a rigid
    /// link only the loads at its own end (plus the member weight of a beam's free end), so loads reaching a link
    /// through a beam (the RNA on the tower, the outer columns on the pontoons) miss the link's lever.
    /// - Parameters:
    ///   - loads: full-DOF load vector (6 per node; forces [N] used) at the nodes' reference positions.
    ///   - positions: node positions [m] (relative to the PRP).
    func consistentGeometricStiffness(tree: [NodeTreeEdge], loads: [Double], positions: [Vec3]) -> DenseMatrix {
        var beyond = nodes.indices.map { Vec3(loads[6 * $0], loads[6 * $0 + 1], loads[6 * $0 + 2]) }
        for e in tree.reversed() { beyond[e.parent] += beyond[e.child] }
        var k = DenseMatrix(rows: fullDOFCount, cols: fullDOFCount)
        func add(_ f: Vec3, lever d: Vec3, at node: Int) {
            let df = d.x * f.x + d.y * f.y + d.z * f.z
            let dv = [d.x, d.y, d.z], fv = [f.x, f.y, f.z]
            for a in 0..<3 {
                for b in 0..<3 { k[6 * node + 3 + a, 6 * node + 3 + b] += (a == b ? df : 0) - dv[a] * fv[b] }
            }
        }
        for e in tree {
            let d = positions[e.child] - positions[e.parent]
            switch e.kind {
            case .joint: break
            case .rigidLink: add(beyond[e.child], lever: d, at: e.parent)
            case .beamSegment:
                add(beyond[e.child], lever: d / 2, at: e.parent)
                add(beyond[e.child], lever: d / 2, at: e.child)
            }
        }
        return k
    }
}
