import Foundation
import Testing
@testable import RAFT

/// Spectra used by the fatigue tests: one-sided per rad/s on RAFT-like grids.
enum TestSpectra {
    /// A grid like RAFT's: ω_i = i·dω, i = 1…n.
    static func grid(dfHz: Double, maxHz: Double) -> [Double] {
        (1...Int((maxHz / dfHz).rounded())).map { Double($0) * dfHz * 2 * .pi }
    }
    /// JONSWAP-shaped response bump (peak enhancement 3.3) of variance ≈ `variance` at peak `wp` [rad/s].
    static func jonswap(_ w: [Double], wp: Double, variance: Double) -> [Double] {
        let raw = w.map { x -> Double in
            let s = x <= wp ? 0.07 : 0.09
            let r = exp(-(x - wp) * (x - wp) / (2 * s * s * wp * wp))
            return pow(wp / x, 5) * exp(-1.25 * pow(wp / x, 4)) * pow(3.3, r)
        }
        let dw = w[1] - w[0]
        let total = raw.reduce(0, +) * dw
        return raw.map { $0 * variance / total }
    }
    /// A lightly damped resonance (1-DOF |H|²) of variance ≈ `variance` at `wn` with damping ratio `zeta`.
    static func resonance(_ w: [Double], wn: Double, zeta: Double, variance: Double) -> [Double] {
        let raw = w.map { x in 1 / (pow(1 - x * x / (wn * wn), 2) + pow(2 * zeta * x / wn, 2)) }
        let dw = w[1] - w[0]
        let total = raw.reduce(0, +) * dw
        return raw.map { $0 * variance / total }
    }
    /// A Gaussian bump of standard deviation `width` [rad/s] around `wc`, zero beyond 4 widths: narrow band.
    static func bump(_ w: [Double], wc: Double, width: Double, variance: Double) -> [Double] {
        let raw = w.map { x in abs(x - wc) < 4 * width ? exp(-0.5 * (x - wc) * (x - wc) / (width * width)) : 0 }
        let dw = w[1] - w[0]
        let total = raw.reduce(0, +) * dw
        return raw.map { $0 * variance / total }
    }
    /// Wave-frequency JONSWAP response plus a low-frequency resonance, like a FOWT's tower-base moment.
    static func bimodal(_ w: [Double]) -> [Double] {
        zip(jonswap(w, wp: 2 * .pi / 10, variance: 1), resonance(w, wn: 2 * .pi * 0.03, zeta: 0.08, variance: 0.6)).map { $0 + $1 }
    }
}

/// Monte-Carlo comparison of spectral estimates with rainflow counts of synthesised records.
struct MonteCarloFatigue {
    var moments: SpectralMoments
    /// Mean rainflow Σ n·S^m per second, per slope, and its relative standard error.
    var rainflowIntensity: [Double]
    var relativeStandardError: [Double]
    /// Maxima of the records.
    var maxima: [Double]

    /// `samplesPerPeriod` of the highest frequency: sampling misses peaks by up to 1 − cos(π/n) of their amplitude,
    /// which biases rainflow damage low by ~m·π²/(6n²) (1.6 % at m = 5 with 23 samples per period), so keep n ≳ 48.
    init(psd: [Double], omega: [Double], duration: Double, records: Int, slopes: [Double], seed: UInt64,
         samplesPerPeriod: Double = 48) {
        let synth = GaussianSynthesis(psd: psd, omega: omega, dw: omega[1] - omega[0], duration: duration,
                                      samplesPerPeriod: samplesPerPeriod)
        moments = SpectralMoments(psd: synth.spectrum.psd, omega: synth.spectrum.omega, dw: synth.spectrum.dw)
        var rng = SeededGenerator(seed: seed)
        var sums = [[Double]](repeating: [], count: slopes.count)
        maxima = []
        for _ in 0..<records {
            let x = synth.record(using: &rng)
            maxima.append(x.max()!)
            let s = Rainflow.rangePowerSums(x, slopes: slopes)
            for k in 0..<slopes.count { sums[k].append(s[k] / duration) }
        }
        rainflowIntensity = sums.map { $0.reduce(0, +) / Double(records) }
        relativeStandardError = zip(sums, rainflowIntensity).map { s, mean in
            let v = s.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, records - 1))
            return (v / Double(records)).squareRoot() / mean
        }
    }

    /// Spectral damage intensity over the rainflow one, minus 1.
    func error(_ method: SpectralFatigueMethod, slope m: Double, index k: Int) -> Double {
        SpectralFatigue.damageRate(moments, slope: m, method: method).intensity / rainflowIntensity[k] - 1
    }
}

enum BuildMode {
    #if DEBUG
    static let isRelease = false
    #else
    static let isRelease = true
    #endif
}

@Suite struct SpectralFatigueTests {
    @Test func momentsFollowRAFTRectangleRule() {
        let w = TestSpectra.grid(dfHz: 0.005, maxHz: 0.5)
        let s = TestSpectra.bimodal(w)
        let dw = w[1] - w[0]
        let mom = SpectralMoments(psd: s, omega: w, dw: dw)
        let m0 = zip(s, w).reduce(0) { $0 + $1.0 * dw }
        let m2w = zip(s, w).reduce(0) { $0 + $1.0 * $1.1 * $1.1 * dw }
        #expect(abs(mom.m0 / m0 - 1) < 1e-14)
        #expect(abs(mom.m2 / (m2w / (4 * .pi * .pi)) - 1) < 1e-14)
        #expect(abs(mom.std - (1.6).squareRoot()) < 0.01)    // the parts' variances, 1 + 0.6
        #expect(mom.alpha2 > 0 && mom.alpha2 < mom.alpha1 && mom.alpha1 < 1)
    }

    /// Dirlik's closed-form E[S^m] is the moment of its range density, and the density integrates to 1.
    @Test func dirlikClosedFormMatchesDensity() {
        let w = TestSpectra.grid(dfHz: 0.005, maxHz: 0.5)
        let mom = SpectralMoments(psd: TestSpectra.bimodal(w), omega: w, dw: w[1] - w[0])
        let ds = 1e-3 * mom.std, n = 20_000
        for m in [3.0, 4.0, 5.0] {
            var mass = 0.0, moment = 0.0
            for i in 0..<n {
                let s = (Double(i) + 0.5) * ds
                let p = SpectralFatigue.dirlikRangeDensity(mom, range: s)
                mass += p * ds; moment += p * pow(s, m) * ds
            }
            let closed = SpectralFatigue.damageRate(mom, slope: m).meanRangePower
            #expect(abs(mass - 1) < 1e-6)
            #expect(abs(moment / closed - 1) < 1e-6, "m = \(m)")
        }
    }

    /// For a narrow-band spectrum all three methods coincide with the Rayleigh result.
    @Test func methodsAgreeOnNarrowBand() {
        let mom = SpectralMoments(psd: [1], omega: [1], dw: 0.01)
        for m in [3.0, 4.0, 5.0] {
            let nb = SpectralFatigue.damageEquivalentLoad(mom, slope: m, duration: 3600, method: .narrowBand)
            let expected = pow(1 / (2 * .pi) * pow(2 * (2 * 0.01).squareRoot(), m) * tgamma(1 + m / 2), 1 / m)
            #expect(abs(nb / expected - 1) < 1e-14)
            for method in [SpectralFatigueMethod.dirlik, .tovoBenasciutti] {
                let d = SpectralFatigue.damageEquivalentLoad(mom, slope: m, duration: 3600, method: method)
                #expect(abs(d / nb - 1) < 1e-12)
            }
        }
    }

    @Test func dnvChainCurve() {
        // 0.1 m studless chain: A = 2·π·100²/4 mm² = 15 708 mm²; 1e6 cycles at s = (6e10/1e6)^(1/3) = 39.15 MPa.
        let c = SNCurve.dnvMooring(.studlessChain, nominalDiameter: 0.1)
        let tensionRange = pow(6e10 / 1e6, 1.0 / 3) * 2 * Double.pi * 100 * 100 / 4
        #expect(abs(c.intercept * pow(tensionRange, -c.slope) / 1e6 - 1) < 1e-12)
    }

    /// Narrow band (α2 = 0.997): the Rayleigh estimate is exact (rainflow of synthesised records).
    @Test func narrowBandMatchesRainflow() {
        let w = TestSpectra.grid(dfHz: 0.001, maxHz: 0.3)
        let s = TestSpectra.bump(w, wc: 2 * .pi * 0.1, width: 2 * .pi * 0.004, variance: 1)
        let records = BuildMode.isRelease ? 4000 : 40
        let mc = MonteCarloFatigue(psd: s, omega: w, duration: 3600, records: records, slopes: [3, 4, 5], seed: 11)
        for (k, m) in [3.0, 4.0, 5.0].enumerated() {
            let e = mc.error(.narrowBand, slope: m, index: k)
            // Debug: a seeded smoke test within 3 Monte-Carlo standard errors. Release: s.e. < 1 %, error < 2.5 %
            // (measured < 2 % for m = 3, 4 and +2.2 % for m = 5: at ε = √(1 − α2²) = 0.08 the Rayleigh ranges are still slightly
            // conservative; a narrower band needs longer records for the same standard error).
            let tol = BuildMode.isRelease ? 0.025 : 0.01 + 3 * mc.relativeStandardError[k]
            #expect(abs(e) < tol, "m = \(m): narrow-band/rainflow − 1 = \(e), MC s.e. \(mc.relativeStandardError[k])")
            if BuildMode.isRelease { #expect(mc.relativeStandardError[k] < 0.01) }
        }
    }

    /// Bimodal (wave + low-frequency resonance): Dirlik within 5 %, narrow band conservative.
    @Test func bimodalDirlikWithinFivePercent() {
        let w = TestSpectra.grid(dfHz: 0.005, maxHz: 0.5)
        let records = BuildMode.isRelease ? 1000 : 16
        let mc = MonteCarloFatigue(psd: TestSpectra.bimodal(w), omega: w, duration: 3600, records: records,
                                   slopes: [3, 4, 5], seed: 7)
        for (k, m) in [3.0, 4.0, 5.0].enumerated() {
            let e = mc.error(.dirlik, slope: m, index: k)
            let tol = BuildMode.isRelease ? 0.05 : 0.08
            #expect(abs(e) < tol, "m = \(m): Dirlik/rainflow − 1 = \(e), MC s.e. \(mc.relativeStandardError[k])")
            #expect(mc.error(.narrowBand, slope: m, index: k) > 0)
            if BuildMode.isRelease { #expect(mc.relativeStandardError[k] < 0.01) }
        }
    }

    /// Most-probable maximum = the 1/e quantile of the maxima of synthesised records, within 3 %.
    @Test func mostProbableMaximumMatchesEmpiricalMaxima() {
        let w = TestSpectra.grid(dfHz: 0.005, maxHz: 0.5)
        for (psd, seed) in [(TestSpectra.jonswap(w, wp: 2 * .pi / 10, variance: 1), UInt64(3)), (TestSpectra.bimodal(w), 5)] {
            let records = BuildMode.isRelease ? 2000 : 60
            let mc = MonteCarloFatigue(psd: psd, omega: w, duration: 3600, records: records, slopes: [], seed: seed)
            let est = ExtremeEstimate(mean: 0, moments: mc.moments, duration: 3600)
            let sorted = mc.maxima.sorted()
            let quantile = sorted[Int((exp(-1) * Double(records)).rounded(.down))]
            #expect(abs(quantile / est.mostProbableMaximum - 1) < 0.03,
                    "empirical 1/e quantile \(quantile), MPM \(est.mostProbableMaximum)")
            #expect(abs(est.exceedanceProbability(of: est.mostProbableMaximum) - (1 - exp(-1))) < 1e-12)
            #expect(abs(est.maximum(exceedanceProbability: 1 - exp(-1)) - est.mostProbableMaximum) < 1e-12)
        }
    }

    /// The synthesiser reproduces its discrete spectrum's variance (every record: random phases only).
    @Test func synthesisedVariance() {
        let w = TestSpectra.grid(dfHz: 0.005, maxHz: 0.5)
        let s = TestSpectra.bimodal(w)
        let synth = GaussianSynthesis(psd: s, omega: w, dw: w[1] - w[0], duration: 1800)
        var rng = SeededGenerator(seed: 1)
        let x = synth.record(mean: 2, using: &rng)
        let mean = x.reduce(0, +) / Double(x.count)
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)
        let target = SpectralMoments(psd: synth.spectrum.psd, omega: synth.spectrum.omega, dw: synth.spectrum.dw)
        #expect(abs(mean - 2) < 1e-10)
        #expect(abs(variance / target.m0 - 1) < 1e-10)
        #expect(abs(target.m0 / SpectralMoments(psd: s, omega: w, dw: w[1] - w[0]).m0 - 1) < 0.01)
    }
}
