import Testing
@testable import RAFT

/// "did you mean" hints: the nearest candidate by edit distance, ties broken alphabetically, so the message is the
/// same whatever order the candidates come in (they often come from a `Set`, whose order changes between runs).
@Suite("Input: did-you-mean suggestions")
struct SuggestionTests {
    @Test("a tie goes to the alphabetically first candidate, in every candidate order")
    func tieIsDeterministic() {
        // 'Hs' is one edit from both 'Hs1' and 'Hsx' (and two from 'Tp'): both orders must give 'Hs1'.
        let candidates = ["Tp", "Hsx", "Hs1"]
        for order in [candidates, candidates.reversed(), ["Hsx", "Tp", "Hs1"]] {
            #expect(suggestion(for: "Hs", among: order) == "Hs1")
        }
    }

    @Test("the nearest candidate wins over an alphabetically earlier one; nothing when none is close")
    func nearestWins() {
        #expect(suggestion(for: "wind_speed", among: ["aaa_speed", "wind_sped"]) == "wind_sped")
        #expect(suggestion(for: "turbine", among: ["platform", "mooring"]) == nil)
    }
}
