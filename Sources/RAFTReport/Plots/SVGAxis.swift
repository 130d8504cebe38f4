#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// One axis: data range → pixels, and tick positions with labels.
struct SVGAxis {
    var scale: SVGPlot.Scale
    var low: Double, high: Double
    var pixelLow: Double, pixelHigh: Double
    /// Linear tick spacing to use instead of the automatic one.
    var fixedStep: Double?

    /// Data range to show for the given values (nice rounded limits; log: whole decades).
    static func range(_ values: [Double], scale: SVGPlot.Scale, decades: Double) -> (low: Double, high: Double) {
        switch scale {
        case .linear:
            let v = values.filter { $0.isFinite }
            guard var lo = v.min(), var hi = v.max() else { return (0, 1) }
            if lo == hi { let d = lo == 0 ? 1 : abs(lo) * 0.1; lo -= d; hi += d }
            let step = niceStep((hi - lo) / 6)
            return ((lo / step).rounded(.down) * step, (hi / step).rounded(.up) * step)
        case .log:
            let v = values.filter { $0.isFinite && $0 > 0 }
            guard let maxV = v.max(), let minV = v.min() else { return (0.1, 10) }
            var hiE = log10(maxV).rounded(.up)
            let loE = max(log10(minV).rounded(.down), (log10(maxV) - decades).rounded(.down))
            if hiE <= loE { hiE = loE + 1 }
            return (pow(10, loE), pow(10, hiE))
        }
    }

    /// 1, 2 or 5 × 10ⁿ not smaller than `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let e = pow(10, log10(raw).rounded(.down))
        let m = raw / e
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * e
    }

    func t(_ v: Double) -> Double { scale == .log ? log10(v) : v }

    func pixel(_ v: Double) -> Double {
        let a = t(low), b = t(high)
        return pixelLow + (t(v) - a) / (b - a) * (pixelHigh - pixelLow)
    }

    /// Pixel of `v`, or nil for a gap (non-finite; ≤ 0 on a log axis). With `clampLow`, values below the axis
    /// floor on a log axis are drawn on the floor so curves do not break at tiny values.
    func pixelIfValid(_ v: Double, clampLow: Bool = false) -> Double? {
        guard v.isFinite else { return nil }
        if scale == .log {
            guard v > 0 else { return nil }
            if clampLow && v < low { return pixel(low) }
        }
        return pixel(v)
    }

    struct Tick { var value: Double; var label: String }

    func ticks() -> [Tick] {
        switch scale {
        case .linear:
            let step = fixedStep ?? SVGAxis.niceStep((high - low) / 6)
            var values: [Double] = []
            var k = (low / step).rounded(.up)
            while k * step <= high + step * 1e-9 {
                values.append(abs(k * step) < step * 1e-9 ? 0 : k * step)
                k += 1
            }
            // One exponent for the whole axis when the values are large or small: "2.5×10¹⁷", "0.5×10⁻⁴".
            let top = values.map(abs).max() ?? 0
            let exponent = top >= 1e5 || (top > 0 && top < 1e-3) ? Int(log10(top).rounded(.down)) : nil
            return values.map { Tick(value: $0, label: SVGText.tickMarkup($0, step: step, exponent: exponent)) }
        case .log:
            let lo = Int(log10(low).rounded()), hi = Int(log10(high).rounded())
            let every = max(1, Int((Double(hi - lo) / 10).rounded(.up)))
            return stride(from: lo, through: hi, by: every).map { e in
                let label = e == 0 ? "1" : e == 1 ? "10" : "10<tspan dy=\"-5\" font-size=\"9\">\(e)</tspan>"
                return Tick(value: pow(10, Double(e)), label: label)
            }
        }
    }
}
