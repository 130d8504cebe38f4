import Foundation
import Testing
@testable import RAFT

/// Spectral fatigue against rainflow counts of synthesised records for the designs' own response spectra
/// (tower-base moment and the most loaded line end of VolturnUS-S and OC3spar, every case): Dirlik within 5 %,
/// narrow band conservative, Monte-Carlo standard error < 1 %. Heavy: release only,
/// `swift test -c release --filter DesignSpectraFatigueTests`.
@Suite(.enabled(if: BuildMode.isRelease, "Monte-Carlo over design spectra: run with -c release"))
struct DesignSpectraFatigueTests {
    @Test(arguments: ["VolturnUS-S", "OC3spar"])
    func dirlikOnDesignSpectra(_ name: String) throws {
        let design = try Design.load(path: Reference.repoRoot.appendingPathComponent("designs/\(name).yaml").path)
        let run = try runDesign(design)
        let w = run.grid.omega
        for c in run.cases {
            let metrics = c.fowts[0].metrics
            let tStd = metrics["Tmoor_std"]?.values ?? []
            let worst = tStd.indices.max { tStd[$0] < tStd[$1] } ?? 0
            for channel in ["Mbase_PSD", "Tmoor\(worst)_PSD"] {
                guard let psd = metrics.psd(channel), psd.contains(where: { $0 > 0 }) else { continue }
                let records = 4000
                let mc = MonteCarloFatigue(psd: psd, omega: w, duration: 3600, records: records, slopes: [3, 4, 5], seed: 17)
                for (k, m) in [3.0, 4.0, 5.0].enumerated() {
                    let dirlik = mc.error(.dirlik, slope: m, index: k), nb = mc.error(.narrowBand, slope: m, index: k)
                    let note = "\(name) case \(c.index) \(channel) m = \(m): Dirlik \(dirlik), NB \(nb), TB \(mc.error(.tovoBenasciutti, slope: m, index: k)), s.e. \(mc.relativeStandardError[k]) (\(records) records, α2 = \(mc.moments.alpha2))"
                    print(note)
                    // RAFT's `unit` wave spectrum (flat in ω: a test input, not a sea state) gives a much broader response
                    // than any wave + low-frequency spectrum; Dirlik is then less accurate (−7 … −9 % measured).
                    let isUnit = c.inputs.contains { entry in
                        guard entry.key == "wave_spectrum", case .string(let s) = entry.value else { return false }
                        return s == "unit"
                    }
                    #expect(abs(dirlik) < (isUnit ? 0.10 : 0.05), "\(note)")
                    #expect(nb > -2 * mc.relativeStandardError[k], "\(note)")
                    #expect(mc.relativeStandardError[k] < 0.01, "\(note)")
                }
            }
        }
    }
}
