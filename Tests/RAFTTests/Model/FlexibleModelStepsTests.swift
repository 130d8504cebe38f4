import Foundation
import Testing
@testable import RAFT

/// `Model`'s RAFT steps on a flexible FOWT against the values RAFT 2.0.4's tests/test_model.py expects for
/// VolturnUS-S-flexible (`desired_X0['wind']`, `desired_fn['unloaded'/'loaded']`, first 12 frequencies), with that
/// test's tolerances (r6: rtol 1e-5, atol 1e-10; fn: rtol 1e-5, atol 1e-5). Reference numbers copied from RAFT's test.
@Suite("Model: flexible FOWT solveStatics(case) and solveEigen (RAFT test_model.py expectations)")
struct FlexibleModelStepsTests {
    static func model() throws -> Model {
        try Model(design: Design.load(path: Reference.url("reference/raft-regression/test_data/VolturnUS-S-flexible.yaml").path))
    }

    /// test_model.py's 'wind' case (`cases4solveStatics`) and 'loaded' eigen case, as case mappings.
    static let wind = "{wind_speed: 8, wind_heading: 30, turbulence: 0, turbine_status: operating, yaw_misalign: 0, wave_spectrum: JONSWAP, wave_period: 0, wave_height: 0, wave_heading: 0, current_speed: 0, current_heading: 0}"
    static let loaded = "{wind_speed: 8, wind_heading: 30, turbulence: 0, turbine_status: operating, yaw_misalign: 0, wave_spectrum: JONSWAP, wave_period: 10, wave_height: 4, wave_heading: -30, current_speed: 0.6, current_heading: 15}"
    static let unloaded = "{wind_speed: 0, wind_heading: 0, turbulence: 0, turbine_status: idle, yaw_misalign: 0, wave_spectrum: JONSWAP, wave_period: 0, wave_height: 0, wave_heading: 0, current_speed: 0, current_heading: 0}"

    @Test("solveStatics(wind case): PRP mean pose", .needsReference)
    func staticsWind() throws {
        var m = try Self.model()
        #expect(m.isFlexible)
        try m.solveStatics(LoadCase.parse(mapping: Self.wind))
        expectAllClose(m.fowtPoses[0], [1.32671572e+01, 1.09164076e+01, -9.85707428e-01, -1.63068292e-02, 3.38604795e-02, -1.04893762e-03],
                       rtol: 1e-5, atol: 1e-10, "r6")
    }

    @Test("solveEigen after solveStatics: first 12 natural frequencies, unloaded and loaded", .needsReference)
    func eigen() throws {
        var m = try Self.model()
        try m.solveStatics(LoadCase.parse(mapping: Self.unloaded))
        expectAllClose(Array(try m.solveEigen().frequenciesHz.prefix(12)),
                       [0.00841995, 0.00843999, 0.01358328, 0.0374836, 0.03753538, 0.04995812, 0.43542245, 0.43659318, 1.16944889, 1.43151485, 1.43158417, 1.55760813],
                       rtol: 1e-5, atol: 1e-5, "unloaded fn")
        try m.solveStatics(LoadCase.parse(mapping: Self.loaded))
        expectAllClose(Array(try m.solveEigen().frequenciesHz.prefix(12)),
                       [0.00768953, 0.01067194, 0.01452767, 0.03734246, 0.0379516, 0.04997057, 0.43542912, 0.43660933, 1.16944895, 1.43151701, 1.4315858, 1.55762490],
                       rtol: 1e-5, atol: 1e-5, "loaded fn")
    }

    @Test("a case mapping is checked like a cases-table row (path-qualified errors)")
    func caseMappingErrors() throws {
        #expect(throws: InputError.self) { try LoadCase.parse(mapping: "[1, 2]") }
        do {
            _ = try LoadCase.parse(mapping: "{wind_speed: -1, wave_heading: 0, wave_period: 0, wave_height: 0}", file: "<case>")
            Issue.record("a negative wind speed was accepted")
        } catch {
            #expect(error.description.hasPrefix("<case>:1:"), "\(error)")
            #expect(error.description.contains("wind_speed"), "\(error)")
        }
        let c = try LoadCase.parse(mapping: "{wind_speed: 8, turbine_status: parked, wave_heading: 0, wave_period: 0, wave_height: 0, current_speed: 0.6}")
        #expect(c.windSpeed == 8 && c.turbineStatus == "parked" && c.currentSpeed == 0.6)
    }
}
