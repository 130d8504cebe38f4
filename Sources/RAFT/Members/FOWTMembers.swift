#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// The ordered members of one FOWT (platform members × headings, then towers, then nacelles; spec 06 §1.1),
/// plus the turbine's RNA data.
package struct FOWTMembers: Sendable {
    /// Members in RAFT's `memberList` order, at the reference pose (first node at `rA0`).
    package var members: [Member]
    /// Number of platform member copies (RAFT `nplatmems`); towers start at this index.
    package var platformCount: Int
    /// Number of towers (RAFT `ntowers`).
    package var towerCount: Int
    /// RNA data per rotor (empty without a turbine).
    package var rnas: [RNAInput]

    /// Build the member list of FOWT `index` of `design`.
    package init(design: Design, fowt index: Int) throws(InputError) {
        let entry = design.fowts[index]
        let platform = design.platforms[entry.platformIndex]
        members = []
        for mi in platform.members {
            for h in mi.headingsDeg ?? [0] {
                members.append(Member(mi, headingDeg: h + entry.headingAdjustDeg, part: .platform))
            }
        }
        platformCount = members.count
        if let t = entry.turbineIndex {
            let parts = design.turbines[t].structure
            for m in parts.towers { members.append(Member(m, part: .tower)) }
            for m in parts.nacelles { members.append(Member(m, part: .nacelle)) }
            towerCount = parts.towers.count
            rnas = parts.rnas
        } else {
            towerCount = 0
            rnas = []
        }
    }

    /// Members placed for a rigid-body pose of the FOWT: translation `t` of the PRP [m] and rotations
    /// (roll, pitch, yaw) [rad]. Each member's first node goes to `t + R·rA0` (spec 06 §3.1).
    package func placed(translation t: Vec3, rotation: Vec3 = .zero) -> [Member] {
        let R = rotationMatrix(roll: rotation.x, pitch: rotation.y, yaw: rotation.z)
        return members.map { m in
            var m = m
            m.setPosition(node: t + R * m.rA0, rotation: rotation)
            return m
        }
    }
}
