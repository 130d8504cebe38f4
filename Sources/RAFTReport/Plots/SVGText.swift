#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Text helpers for SVG/XHTML output.
package enum SVGText {
    /// XML-escape text content and attribute values.
    package static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // XML 1.0 forbids most control characters.
                if c.value < 0x20 && c != "\n" && c != "\t" && c != "\r" { out += " " } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// A string usable as an XML id (letters, digits, '-', '_'; starts with a letter).
    package static func id(_ s: String) -> String {
        let body = String(s.unicodeScalars.map { c -> Character in
            (c.properties.isAlphabetic && c.isASCII) || ("0"..."9").contains(c) || c == "-" || c == "_" ? Character(c) : "-"
        })
        return body.first?.isLetter == true ? body : "p-" + body
    }

    /// Coordinates with two decimals, no trailing zeros.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let r = (x * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        var s = String(cFormat: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }

    /// Tick label markup (XML-escaped, superscript exponent as a `tspan`) for `v` on a linear axis with spacing
    /// `step`; with `exponent`, the mantissa `v / 10^exponent` with the decimals the step needs, then "×10^exponent".
    static func tickMarkup(_ v: Double, step: Double, exponent: Int?) -> String {
        guard let e = exponent else { return escape(tickLabel(v, step: step)) }
        if v == 0 { return "0" }
        let scale = pow(10, Double(e))
        let decimals = max(0, min(4, -Int(log10(step / scale).rounded(.down))))
        return String(cFormat: "%.\(decimals)f", v / scale) + "×10<tspan dy=\"-5\" font-size=\"9\">\(e)</tspan>"
    }

    /// Tick label for value `v` on a linear axis with tick spacing `step`.
    static func tickLabel(_ v: Double, step: Double) -> String {
        if v == 0 { return "0" }
        let a = abs(v)
        if a >= 1e5 || a < 1e-3 {
            // Scientific: mantissa with as many digits as the step needs.
            let e = Int(log10(a).rounded(.down))
            let m = v / pow(10, Double(e))
            let digits = max(0, min(4, e - Int(log10(step).rounded(.down))))
            return String(cFormat: "%.\(digits)fe%d", m, e)
        }
        let decimals = max(0, min(6, -Int(log10(step).rounded(.down))))
        return String(cFormat: "%.\(decimals)f", v)
    }

    /// "10⁷", "10⁻³": a power of ten with Unicode superscript digits (for plain-text notes).
    package static func powerOfTen(_ e: Int) -> String {
        let sup: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷",
                                           "8": "⁸", "9": "⁹", "-": "⁻"]
        return "10" + String(String(e).map { sup[$0] ?? $0 })
    }
}
