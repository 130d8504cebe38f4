import Foundation
import Testing
@testable import RAFT
@testable import RAFTIO

@Suite("Table number format")
struct TableFormatTests {
    @Test("fixed significant digits; engineering exponents outside 1e-3..1e6; rounding to the next power of 1000")
    func digits() {
        let f = NumberFormat(values: [20.937, 1.0481, -0.0069])
        #expect(f.string(20.937) == "20.937" && f.string(1.0481) == "1.048" && f.string(-0.0069) == "-0.007")
        #expect(NumberFormat(values: [0.0072012]).string(0.0072012) == "0.0072012")
        #expect(NumberFormat(values: [3.1088e8]).string(3.1088025e8) == "310.88e6")
        #expect(NumberFormat(values: [3.1088e8]).string(-41193.14) == "-41.193e3")
        #expect(NumberFormat.engineering(999_999.7, digits: 5) == "1.0000e6")
        #expect(NumberFormat.engineering(6.84167e-6, digits: 5) == "6.8417e-6")
        #expect(NumberFormat(values: [99999]).string(99999) == "99999")
    }

    @Test("round-off where zero is meant prints 0, judged against the group's scale")
    func noise() {
        let stiffness = NumberFormat(values: [3.1088e8, 1.49e-8, -3.4e-15, -50.58])
        #expect(stiffness.string(1.49e-8) == "0" && stiffness.string(-3.4e-15) == "0" && stiffness.string(0) == "0")
        #expect(stiffness.string(-50.58) == "-50.580")
        // a row of noise beside real values of the same unit
        let sway = NumberFormat(values: [1.0259e-8, 1.2e-9], noiseScale: 7.2)
        #expect(sway.string(1.0259e-8) == "0")
        // without a wider scale the same numbers are values
        #expect(NumberFormat(values: [1.0259e-8]).string(1.0259e-8) == "10.259e-9")
        // a negative value rounding to zero at the group's precision is 0, not -0.000
        #expect(NumberFormat(values: [20.0, -0.00001]).string(-0.00001) == "0")
    }

    @Test("String's padded(toLength:) and isWhitespaceOnly give what the generic padding and trimming give")
    func stringPaddingAndBlankness() {
        let samples = ["", "a", "surge", "Tmoor[3]", "MN·m", "é", "e\u{301}", "😀x", "\t", " ", " \u{00A0} ", "\u{3000}",
                       " x ", "\u{2003}a", "\n", "a\tb", "\u{200B}"]
        for s in samples {
            for n in 0...9 {
                #expect(s.padded(toLength: n) == Substring(s).padded(toLength: n), "\(s.debugDescription) to \(n)")
            }
            #expect(s.isWhitespaceOnly == s.trimmingWhitespace().isEmpty, "\(s.debugDescription)")
        }
        #expect(" \u{00A0}\t".isWhitespaceOnly && !"\n".isWhitespaceOnly && "ab".padded(toLength: 4) == "ab  ")
        // NSString's padding: UTF-16 lengths, cut inside a surrogate pair gives U+FFFD, a combining mark counts alone.
        #expect("surge".padded(toLength: 3) == "sur" && "é".padded(toLength: 3) == "é  ")
        #expect("😀x".padded(toLength: 1) == "\u{FFFD}" && "😀x".padded(toLength: 4) == "😀x " && "e\u{301}".padded(toLength: 1) == "e")
        #expect(" x ".trimmingWhitespace() == "x" && "\u{3000}a\t".trimmingWhitespace() == "a" && "\u{200B}".trimmingWhitespace() == "\u{200B}")
    }

    @Test("SI prefixes for forces, moments and power; tables wrap by column blocks within the width")
    func prefixesAndWrapping() {
        #expect(NumberFormat.prefixed("N", scale: 3.77e6) == ("MN", 1e-6))
        #expect(NumberFormat.prefixed("N*m", scale: 2.6e4) == ("kN·m", 1e-3))
        #expect(NumberFormat.prefixed("m", scale: 2.6e4) == ("m", 1))
        let rows = (0..<12).map { i in (0..<12).map { j in i == j ? 1.234567e9 : 0 } }
        let lines = MatrixText.matrix(rows)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("0 ") || $0.hasPrefix("    11") }.count >= 2)
        #expect(lines.filter(\.isEmpty).count >= 1, "12 columns of 1.2346e9 do not fit 80 characters: at least two blocks")
    }
}
