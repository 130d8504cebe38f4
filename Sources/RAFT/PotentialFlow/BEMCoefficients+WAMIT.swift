#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import LAPACK

/// A value as a WAMIT file written by pyHAMS holds it: 7 significant digits (`%.6E`).
func wamitFileValue(_ x: Double) -> Double {
    guard x.isFinite else { return x }
    return Double(String(cFormat: "%.6E", x)) ?? x
}

extension WAMITRadiationData {
    /// The `.1` table RAFT reads back after pyHAMS wrote these coefficients (spec 05 §3, §8.2): periods
    /// `2π/ω` and values with 7 significant digits, entries in ascending period (PER −1 zero-frequency, PER 0
    /// infinite-frequency, then the frequencies from highest to lowest). Rounding like the file makes the in-model
    /// path identical to `raft bem` + `potModMaster: 3`, and to RAFT reading pyHAMS's files; values already
    /// rounded (a parsed file) are unchanged.
    package init(bem c: BEMCoefficients) {
        let wave = c.omega.indices.map { k in (period: wamitFileValue(2 * Double.pi / c.omega[k]), k: k) }
            .sorted { $0.period < $1.period }
        periods = [-1, 0] + wave.map { $0.period }
        omega = periods.map(wamitOmega)
        func matrix(_ a: [Double]) -> Matrix6 { var m = Matrix6(); m.storage = a.map(wamitFileValue); return m }
        let noDamping = Matrix6(rows: Array(repeating: Array(repeating: .nan, count: 6), count: 6))
        addedMass = [matrix(c.addedMassZero), matrix(c.addedMassInfinite.isEmpty ? c.addedMassZero : c.addedMassInfinite)]
            + wave.map { matrix(c.addedMass[$0.k]) }
        damping = [noDamping, noDamping] + wave.map { matrix(c.damping[$0.k]) }
    }
}

extension WAMITExcitationData {
    /// The `.3` table RAFT reads back after pyHAMS wrote these coefficients (see `WAMITRadiationData.init(bem:)`).
    package init(bem c: BEMCoefficients) {
        let wave = c.omega.indices.map { k in (period: wamitFileValue(2 * Double.pi / c.omega[k]), k: k) }
            .sorted { $0.period < $1.period }
        periods = wave.map { $0.period }
        omega = periods.map(wamitOmega)
        let heads = c.headingsDeg.indices.map { (deg: wamitFileValue(c.headingsDeg[$0]), h: $0) }.sorted { $0.deg < $1.deg }
        headingsDeg = heads.map { $0.deg }
        let np = periods.count
        real = Array(repeating: 0, count: heads.count * 6 * np)
        imaginary = real
        for (h, head) in heads.enumerated() {
            for mode in 0..<6 {
                for (p, w) in wave.enumerated() {
                    let x = c.excitation[w.k][head.h][mode]
                    real[(h * 6 + mode) * np + p] = wamitFileValue(x.real)
                    imaginary[(h * 6 + mode) * np + p] = wamitFileValue(x.imaginary)
                }
            }
        }
    }
}

extension PotentialFlowCoefficients {
    /// RAFT `readHydro()` applied to a BEM result as pyHAMS would have written it (spec 05 §3, §4, §8.2).
    /// - Parameters: omega: RAFT's frequencies [rad/s]; rho [kg/m³]; g: RAFT's `site.g` [m/s²]; source: a label.
    /// - Throws: `SolveError.unsupported` when RAFT's grid reaches above the BEM grid (RAFT's interpolation raises).
    package init(bem c: BEMCoefficients, omega: [Double], rho: Double, g: Double, source: String,
                referenceNode: Vec3 = .zero) throws {
        do {
            let radiation = try RadiationCoefficients(WAMITRadiationData(bem: c), omega: omega, rho: rho,
                                                      referenceNode: referenceNode, file: source)
            let excitation = try ExcitationCoefficients(WAMITExcitationData(bem: c), omega: omega, rho: rho, g: g,
                                                        referenceNode: referenceNode, file: source)
            self.init(radiation: radiation, excitation: excitation, source: source)
        } catch {
            throw SolveError.unsupported("BEM coefficients: \(error)")
        }
    }
}

extension BEMCoefficients {
    /// Coefficients as tabulated in WAMIT `.1`/`.3` files in HAMS's layout (PER −1 and PER 0 limit rows, then
    /// the same periods in both files): the inverse of `WAMITRadiationData(bem:)` for values already rounded.
    /// - Throws: a description of the first layout mismatch.
    package init(radiation r: WAMITRadiationData, excitation x: WAMITExcitationData) throws(WAMITFileError) {
        guard r.periods.count >= 3, r.periods[0] < 0, r.periods[1] == 0 else {
            throw WAMITFileError(file: ".1", line: nil, message: "expected HAMS's layout: PER = −1 and PER = 0 limit rows, then wave periods")
        }
        let wavePeriods = Array(r.periods[2...])
        guard wavePeriods == x.periods else {
            throw WAMITFileError(file: ".3", line: nil, message: "has periods \(x.periods) that differ from the .1 file's \(wavePeriods)")
        }
        // ascending ω = descending period
        let order = Array(wavePeriods.indices.reversed())
        let np = wavePeriods.count
        self.init(omega: order.map { r.omega[2 + $0] }, headingsDeg: x.headingsDeg,
                  addedMass: order.map { r.addedMass[2 + $0].storage }, damping: order.map { r.damping[2 + $0].storage },
                  excitation: order.map { p in x.headingsDeg.indices.map { h in (0..<6).map { m in
                      ComplexDouble(x.real[(h * 6 + m) * np + p], x.imaginary[(h * 6 + m) * np + p]) } } },
                  addedMassZero: r.addedMass[0].storage, addedMassInfinite: r.addedMass[1].storage)
    }
}
