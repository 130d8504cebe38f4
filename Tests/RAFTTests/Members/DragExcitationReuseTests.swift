import Foundation
import Testing
@testable import RAFT

/// `Model.solveDynamics` takes a rigid FOWT's drag excitation of wave train 0 from its last drag pass
/// (`DragLinearization.excitation`) instead of calling `dragExcitation` on the same kinematics and `Bmat` again
/// (issue 17). Both must hold the same bits: designs at rest and moving, frequency counts that leave 0 to 3
/// frequencies to `linearizeDrag`'s scalar tail.
@Suite("Members: drag excitation of the linearised train is the pass's own")
struct DragExcitationReuseTests {
    @Test("dragExcitation(kin, lin) is bit-identical to lin.excitation", arguments: DragLinearizationIdentityTests.designs)
    func sameBits(name: String) throws {
        for nw in [80, 81, 82, 83, 3] {
            let (hydro, kin) = try DragLinearizationIdentityTests.setup(name, nw: nw)
            for response in [nil, DragLinearizationIdentityTests.response(nw: nw, seed: 7),
                             DragLinearizationIdentityTests.response(nw: nw, seed: 99)] {
                var lin = DragLinearization(nodeCount: 0, frequencyCount: 0)
                hydro.linearizeDrag(kin, response: response, into: &lin)
                let again = hydro.dragExcitation(kin, linearization: lin)
                let ctx = "\(name), nw \(nw), \(response == nil ? "at rest" : "moving")"
                #expect(again.values.map { [$0.real.bitPattern, $0.imaginary.bitPattern] }
                        == lin.excitation.values.map { [$0.real.bitPattern, $0.imaginary.bitPattern] }, "\(ctx): F_hydro_drag")
                #expect(again.values.contains { $0 != .zero }, "\(ctx): some drag excitation")
            }
        }
    }
}
