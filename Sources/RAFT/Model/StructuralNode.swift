#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// A dense real matrix, row-major (used for the full ↔ reduced DOF transformation of flexible FOWTs).
struct DenseMatrix: Sendable, Equatable {
    var rows: Int, cols: Int
    var storage: [Double]
    init(rows: Int, cols: Int) { self.rows = rows; self.cols = cols; storage = Array(repeating: 0, count: rows * cols) }
    subscript(r: Int, c: Int) -> Double {
        get { storage[r * cols + c] }
        set { storage[r * cols + c] = newValue }
    }
    /// `Tᵀ·A·T` for a square `A` (nFull × nFull) and `T` (nFull × nRed); zero entries of A are skipped.
    func congruence(_ t: DenseMatrix) -> DenseMatrix {
        let n = rows, m = t.cols
        var at = DenseMatrix(rows: n, cols: m)  // A·T
        for i in 0..<n {
            for k in 0..<n {
                let a = storage[i * n + k]
                if a == 0 { continue }
                for j in 0..<m { at.storage[i * m + j] += a * t.storage[k * m + j] }
            }
        }
        var out = DenseMatrix(rows: m, cols: m)
        for k in 0..<n {
            for i in 0..<m {
                let tki = t.storage[k * m + i]
                if tki == 0 { continue }
                for j in 0..<m { out.storage[i * m + j] += tki * at.storage[k * m + j] }
            }
        }
        return out
    }
    /// `Tᵀ·f` (this matrix is T).
    func transposedTimes(_ f: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: cols)
        for k in 0..<rows where f[k] != 0 {
            for j in 0..<cols { out[j] += storage[k * cols + j] * f[k] }
        }
        return out
    }
    /// `A·x`.
    func times(_ x: [Double]) -> [Double] {
        (0..<rows).map { i in var s = 0.0; for j in 0..<cols { s += storage[i * cols + j] * x[j] }; return s }
    }
    /// (A + Aᵀ)/2, as RAFT symmetrises reduced matrices.
    var symmetrized: DenseMatrix {
        var o = self
        for i in 0..<rows { for j in 0..<cols { o[i, j] = (self[i, j] + self[j, i]) / 2 } }
        return o
    }
    static func + (a: DenseMatrix, b: DenseMatrix) -> DenseMatrix {
        var o = a
        for i in o.storage.indices { o.storage[i] += b.storage[i] }
        return o
    }
    /// Add a square block at (r0, r0).
    mutating func addBlock(_ m: MemberMatrix, at r0: Int) {
        for i in 0..<m.size { for j in 0..<m.size { self[r0 + i, r0 + j] += m[i, j] } }
    }
    mutating func addBlock(_ m: Matrix6, at r0: Int) {
        for i in 0..<6 { for j in 0..<6 { self[r0 + i, r0 + j] += m[i, j] } }
    }
}

/// How a node is attached to the nodes sharing its joint (RAFT joint `type`).
/// A structural node of a flexible FOWT (RAFT `raft_node.Node`): 6 full DOFs (x, y, z, rx, ry, rz; global axes).
struct StructuralNode: Sendable {
    /// Reference position relative to the PRP [m].
    var r0: Vec3
    /// Owning member index in `FOWTMembers.members`, or nil (rigid-link node, rotor node).
    var member: Int?
    /// False for the internal nodes of a beam member.
    var endNode: Bool
    var jointID: Int?
    var jointKind: JointKind?
    var rigidLinkID: Int?
}

/// One reduced DOF: (node index, dof index 0..5).
struct NodeDOF: Hashable, Comparable, Sendable {
    var node: Int, dof: Int
    static func < (a: NodeDOF, b: NodeDOF) -> Bool { a.node != b.node ? a.node < b.node : a.dof < b.dof }
}

/// The node graph of a FOWT and its full → reduced DOF transformation (RAFT `FOWT.reduceDOF`,
/// `computeTransformationMatrix`, `computeDerivativeTransformationMatrix`; spec 06 §2).
struct NodeGraph: Sendable {
    var nodes: [StructuralNode]
    /// Node indices of each member (in member order), after renumbering.
    var memberNodes: [[Int]]
    /// Node index of each rotor.
    var rotorNodes: [Int]
    /// Whether each member is a beam.
    var memberIsBeam: [Bool]

    var fullDOFCount: Int { 6 * nodes.count }

    /// Reduced DOFs and T (6·nNodes × nDOF) at the node positions `r` (3-vectors) [m].
    func reduce(positions r: [Vec3]) throws -> (dofs: [NodeDOF], t: DenseMatrix, parents: [Int]) {
        let n = nodes.count
        var nodeDOFs = [[NodeDOF]?](repeating: nil, count: n)
        var tAux = [[[Double]]](repeating: [], count: n)  // 6 rows × k columns, stored as rows
        var parent = [Int?](repeating: nil, count: n)
        var visited = Set<Int>()
        var queue = [0]
        var head = 0

        func rigidPartner(_ i: Int) throws -> Int? {
            guard let id = nodes[i].rigidLinkID else { return nil }
            let others = nodes.indices.filter { $0 != i && nodes[$0].rigidLinkID == id }
            guard others.count == 1 else { throw SolveError.unsupported("node \(i) is rigidly linked to \(others.count) nodes") }
            return others[0]
        }
        func equivalent(_ d: NodeDOF) throws -> NodeDOF? {
            guard d.dof >= 3, let p = try rigidPartner(d.node) else { return nil }
            return NodeDOF(node: p, dof: d.dof)
        }
        func attach(_ child: Int, to par: Int, rigidLink: Bool) throws {
            guard nodes[child].endNode else { return }
            if parent[par] == child { return }
            guard var dofs = nodeDOFs[par] else { return }
            var ta = tAux[par]
            if rigidLink {
                let h = Matrix3.skew(r[child] - r[par])
                let k = dofs.count
                for a in 0..<3 {
                    for c in 0..<k {
                        var s = 0.0
                        for b in 0..<3 { s += h[a, b] * tAux[par][3 + b][c] }
                        ta[a][c] += s
                    }
                }
            } else {
                switch nodes[child].jointKind {
                case .cantilever: break
                case .ball, .universal:
                    throw SolveError.unsupported("ball/universal joints in flexible FOWTs are not supported yet")
                case nil: throw SolveError.unsupported("node \(child) has no joint assigned")
                }
            }
            let order = dofs.indices.sorted { dofs[$0] < dofs[$1] }
            dofs = order.map { dofs[$0] }
            ta = ta.map { row in order.map { row[$0] } }
            for i in dofs.indices {
                if let eq = try equivalent(dofs[i]), eq.node <= dofs[i].node { dofs[i] = eq }
            }
            if nodeDOFs[child] == nil {
                nodeDOFs[child] = dofs
                tAux[child] = ta
                parent[child] = par
                return
            }
            if nodeDOFs[child] != dofs {
                throw SolveError.unsupported("closed kinematic loop at node \(child) (RAFT's experimental compatibility path)")
            }
        }

        while head < queue.count {
            let i = queue[head]; head += 1
            if nodeDOFs[i] == nil {
                nodeDOFs[i] = (0..<6).map { NodeDOF(node: i, dof: $0) }
                tAux[i] = (0..<6).map { a in (0..<6).map { $0 == a ? 1.0 : 0.0 } }
                parent[i] = i
                visited.insert(i)
            }
            if let p = try rigidPartner(i), !visited.contains(p) {
                try attach(p, to: i, rigidLink: true)
                queue.append(p); visited.insert(p)
            }
            if let j = nodes[i].jointID {
                for k in nodes.indices where k != i && nodes[k].jointID == j && !visited.contains(k) {
                    try attach(k, to: i, rigidLink: false)
                    queue.append(k); visited.insert(k)
                }
            }
            if let m = nodes[i].member, memberIsBeam[m], nodes[i].endNode {
                for k in memberNodes[m] where k != i && !visited.contains(k) { queue.append(k) }
            }
        }
        guard visited.count == n else {
            let missing = nodes.indices.filter { !visited.contains($0) }
            throw SolveError.unsupported("could not reach all structural nodes from node 0; unvisited: \(missing)")
        }
        var reduced: [NodeDOF] = []
        var seen = Set<NodeDOF>()
        for i in 0..<n { for d in nodeDOFs[i] ?? [] where !seen.contains(d) { seen.insert(d); reduced.append(d) } }
        var index: [NodeDOF: Int] = [:]
        for (j, d) in reduced.enumerated() { index[d] = j }
        var t = DenseMatrix(rows: 6 * n, cols: reduced.count)
        for i in 0..<n {
            guard let dofs = nodeDOFs[i] else { continue }
            for a in 0..<6 {
                for (c, d) in dofs.enumerated() {
                    guard let col = index[d] else { throw SolveError.unsupported("node \(i) has a DOF outside the reduced set") }
                    t[6 * i + a, col] = tAux[i][a][c]
                }
            }
        }
        return (reduced, t, parent.map { $0 ?? -1 })
    }

    /// `dT[:, :, i]` for each reduced DOF i (RAFT `computeDerivativeTransformationMatrix` at the pose with reduced
    /// displacement `x`): nodes placed linearly at `r0 + T·(x + e_i)` and T rebuilt there; zero for translations and
    /// internal beam nodes' rotations. Returned as one `DenseMatrix` per DOF (nil when zero).
    func derivative(dofs: [NodeDOF], t: DenseMatrix, displacement x: [Double]) throws -> [DenseMatrix?] {
        var out = [DenseMatrix?](repeating: nil, count: dofs.count)
        for (i, d) in dofs.enumerated() where d.dof > 2 && nodes[d.node].endNode {
            var xi = x
            xi[i] += 1
            let disp = t.times(xi)
            let pos = nodes.indices.map { k in nodes[k].r0 + Vec3(disp[6 * k], disp[6 * k + 1], disp[6 * k + 2]) }
            let (d2, t2, _) = try reduce(positions: pos)
            guard d2 == dofs else { throw SolveError.unsupported("reduced DOFs change with the pose") }
            var dt = t2
            for k in dt.storage.indices { dt.storage[k] -= t.storage[k] }
            out[i] = dt
        }
        return out
    }

    /// RAFT `setNodesPosition(linear=False)` (spec 06 §3.1 step 2): mean displacement `Xi0` (6 per node) of every
    /// node for the reduced displacement `x`, placing rigid links nonlinearly; `parents` from `reduce`.
    func placeNodes(_ x: [Double], t: DenseMatrix, parents: [Int]) -> [[Double]] {
        let n = nodes.count
        func linear(_ k: Int) -> [Double] {
            (0..<6).map { a in var s = 0.0; for j in 0..<x.count { s += t[6 * k + a, j] * x[j] }; return s }
        }
        var xi0 = [[Double]](repeating: [Double](repeating: 0, count: 6), count: n)
        xi0[0] = linear(0)
        var visited: Set<Int> = [0]
        var queue = [0], head = 0
        while head < queue.count {
            let i = queue[head]; head += 1
            guard nodes[i].endNode else { continue }
            if let id = nodes[i].rigidLinkID, let p = nodes.indices.first(where: { $0 != i && nodes[$0].rigidLinkID == id }),
               p != parents[i], !visited.contains(p) {
                let rot = Array(linear(i)[3..<6])
                let rm = rotationMatrix(roll: rot[0], pitch: rot[1], yaw: rot[2]) - Matrix3.identity
                let dd = rm * (nodes[p].r0 - nodes[i].r0)
                var v = xi0[i]
                for a in 0..<3 { v[a] += dd[a] }
                xi0[p] = v
                queue.append(p); visited.insert(p)
            }
            if let j = nodes[i].jointID {
                for k in nodes.indices where k != i && nodes[k].jointID == j && k != parents[i] && !visited.contains(k) {
                    xi0[k] = xi0[i]
                    queue.append(k); visited.insert(k)
                }
            }
            if let m = nodes[i].member, memberIsBeam[m] {
                let ids = memberNodes[m]
                for k in [ids[0], ids[ids.count - 1]] where k != i && !visited.contains(k) { queue.append(k) }
                let lin = linear(i)
                let dR = (0..<6).map { xi0[i][$0] - lin[$0] }
                for k in ids where k != i && !visited.contains(k) {
                    let l = linear(k)
                    xi0[k] = (0..<6).map { l[$0] + dR[$0] }
                    visited.insert(k)
                }
            }
        }
        return xi0
    }
}
