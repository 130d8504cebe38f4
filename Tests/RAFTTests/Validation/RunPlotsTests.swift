import Foundation
import Testing
@testable import RAFT
@testable import RAFTReport
@testable import RAFTIO

/// A synthetic run result (two cases, one FOWT, three lines, rotor channels zero in the parked case).
enum SyntheticRun {
    /// Unloaded natural frequencies [Hz] (surge and sway, roll and pitch coincide as for a symmetric platform).
    static let naturalFrequencies = [0.008, 0.00799, 0.032, 0.034, 0.034, 0.15]  // sway below surge: label still "surge/sway"

    static func make() -> RunResult {
        let grid = FrequencyGrid(minHz: 0.01, maxHz: 0.2)
        let w = grid.omega
        func peak(_ w0: Double, _ a: Double) -> [Double] { w.map { a / (1 + pow(($0 - w0) / (0.1 * w0), 2)) } }
        var cases: [CaseResult] = []
        for i in 0..<2 {
            var m = CaseMetrics()
            m.set("surge_avg", 10.0 + Double(i))
            m.set("surge_std", 1.5)
            m.set("Tmoor_avg", [1e6, 2e6, 3e6, 1.1e6, 2.1e6, 3.1e6])
            m.psd = [("wave_PSD", peak(0.6, 2)), ("surge_PSD", peak(0.05, 30)), ("sway_PSD", w.map { _ in 0 }),
                     ("heave_PSD", peak(0.2, 0.5)), ("roll_PSD", w.map { _ in 0 }), ("pitch_PSD", peak(0.21, 3)),
                     ("yaw_PSD", w.map { _ in 0 })]
            for k in 0..<6 { m.psd.append(("Tmoor\(k)_PSD", peak(0.6, 1e10 * Double(k + 1)))) }
            m.psd.append(("AxRNA_PSD", peak(0.6, 0.01)))
            m.psd.append(("Mbase_PSD", peak(0.6, 1e14)))
            m.psd.append(("omega_PSD", i == 0 ? peak(0.05, 0.3) : w.map { _ in 0 }))
            m.psd.append(("torque_PSD", i == 0 ? peak(0.05, 1e12) : w.map { _ in 0 }))
            cases.append(CaseResult(index: i, inputs: [("wind_speed", .number(12)), ("turbulence", .number(0.1)),
                                                       ("turbine_status", .string(i == 0 ? "operating" : "parked")),
                                                       ("wave_spectrum", .string("JONSWAP")), ("wave_period", .number(8 + 2 * Double(i))),
                                                       ("wave_height", .number(2 + 4 * Double(i))), ("wave_heading", .number(0))],
                                    fowts: [FOWTCaseResult(metrics: m, r6: [10, 0, -0.5, 0, 0.05, 0], dynamicsIterations: 3, dynamicsConverged: true)],
                                    arrayMooring: nil, staticsIterations: 5))
        }
        let eigen = EigenResult(frequenciesHz: naturalFrequencies, modes: (0..<6).map { i in (0..<6).map { $0 == i ? 1 : 0 } })
        let unloaded = UnloadedResult(offset: [0, 0, 0, 0, 0, 0], eigen: eigen, mooringForce: [0, 0, 0, 0, 0, 0], mooringStiffness: Matrix6())
        return RunResult(designName: "synthetic", grid: grid, unloaded: unloaded, cases: cases, eigenAfterCases: nil, warnings: [])
    }

    static func temporaryDirectory(_ tag: String) -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("raft-\(tag)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }
}

@Suite("raft plot")
struct RunPlotsTests {
    static func figure(_ dir: String, _ name: String) throws -> SVGTree.Element {
        let t = try SVGTree.parse(file: (dir as NSString).appendingPathComponent("plots/\(name)"))
        #expect(t.error == nil, "\(name): \(t.error ?? "")")
        return try #require(t.root)
    }

    static func series(_ panel: SVGTree.Element) -> [SVGTree.Element] {
        panel.all("polyline").filter { $0.attributes["class"] == "series" }
    }

    @Test("one figure per channel group; one panel per non-zero channel with one curve per case, PSD per Hz with units")
    func plotsOfRunFolder() throws {
        let dir = SyntheticRun.temporaryDirectory("plot")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try RunWriter.write(SyntheticRun.make(), to: dir)
        let written = try RunPlots.write(runDirectory: dir)
        let names = written.map { ($0 as NSString).lastPathComponent }.sorted()
        #expect(names == ["fowt0_motions.svg", "fowt0_rotor.svg", "fowt0_tensions.svg", "fowt0_tower.svg", "index.html"])
        for p in written where p.hasSuffix(".svg") {
            let root = try Self.figure(dir, (p as NSString).lastPathComponent)
            let panels = root.panels
            #expect(!panels.isEmpty, "\(p)")
            // Legend: each case by its sea state and wind.
            #expect(root.allText.contains("case 0: JONSWAP Hs 2 m, Tp 8 s; wind 12 m/s, TI 0.1, operating"), "\(p)")
            #expect(root.allText.contains("case 1: JONSWAP Hs 6 m, Tp 10 s; wind 12 m/s, TI 0.1, parked"), "\(p)")
            // Aligned x-axes: every panel's plot area (its clip rectangle) starts and ends at the same pixels.
            let clips = Set(panels.compactMap { $0.all("clipPath").first?.all("rect").first }.map { "\($0.attributes["x"] ?? "")/\($0.attributes["width"] ?? "")" })
            #expect(clips.count == 1, "\(p): \(clips)")
            for panel in panels {
                let channel = panel.attributes["data-channel"] ?? "?"
                let text = panel.allText
                // No empty frames: every panel draws one curve per case.
                #expect(Self.series(panel).count == 2, "\(p) \(channel)")
                #expect(text.contains("PSD [") && text.contains("/Hz]"), "\(p) \(channel): y label with unit")
                // Natural-frequency markers, surge/sway and roll/pitch merged.
                let markers = panel.all("line").filter { $0.attributes["class"] == "marker" }
                #expect(markers.count == 4, "\(p) \(channel): \(markers.count) markers")
                #expect(text.contains("surge/sway") && text.contains("roll/pitch") && text.contains("heave"), "\(p) \(channel)")
            }
            #expect(panels.last?.allText.contains("frequency [Hz]") == true, "\(p): x label on the bottom panel")
        }
        let motions = try Self.figure(dir, "fowt0_motions.svg")
        #expect(motions.panels.compactMap { $0.attributes["data-channel"] } == ["wave", "surge", "heave", "pitch"])
        #expect(motions.allText.contains("zero in every case, not drawn: sway, roll, yaw"))
        #expect(motions.allText.contains("surge [") == false && motions.allText.contains("PSD [m²/Hz]") && motions.allText.contains("PSD [deg²/Hz]"))
        #expect(motions.allText.contains("natural frequencies at the unloaded equilibrium: surge 0.008 Hz (125.0 s)"))
        let tensions = try Self.figure(dir, "fowt0_tensions.svg")
        #expect(tensions.panels.count == 6)
        #expect(tensions.allText.contains("Tmoor[0]: line 1, anchor (end A)") && tensions.allText.contains("Tmoor[5]: line 3, fairlead (end B)"))
        #expect(tensions.allText.contains("PSD [N²/Hz]"))
        let rotor = try Self.figure(dir, "fowt0_rotor.svg")
        #expect(rotor.panels.compactMap { $0.attributes["data-channel"] } == ["omega", "torque"])
        let index = try String(contentsOfFile: (dir as NSString).appendingPathComponent("plots/index.html"), encoding: .utf8)
        #expect(index.contains("src=\"fowt0_tensions.svg\""))
        // No temporary files left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (dir as NSString).appendingPathComponent("plots")).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test("per-rad/s option: rad/s on x, PSDs per rad/s; the summary.json path is accepted for its folder")
    func perRadPerSecond() throws {
        let dir = SyntheticRun.temporaryDirectory("plotrad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try RunWriter.write(SyntheticRun.make(), to: dir)
        let written = try RunPlots.write(runDirectory: (dir as NSString).appendingPathComponent("summary.json"), unit: .radPerSecond)
        #expect(written.count == 5)
        let motions = try Self.figure(dir, "fowt0_motions.svg")
        #expect(motions.allText.contains("frequency [rad/s]") && motions.allText.contains("PSD [m²/(rad/s)]"))
        #expect(!motions.allText.contains("/Hz]"))
        #expect(SpectraChannels.FrequencyUnit.hertz.densityFactor == 2 * Double.pi)
    }

    @Test("log y-axis only when the peaks differ by more than 30×, floor 4 decades below the highest")
    func yScaleChoice() throws {
        let x = (0..<100).map { Double($0) * 0.004 }
        func peak(_ f0: Double, _ a: Double) -> [Double] { x.map { a / (1 + pow(($0 - f0) / (0.05 * f0), 2)) } }
        #expect(SVGPlot.autoScale([peak(0.1, 1)]) == .linear)
        #expect(SVGPlot.autoScale([peak(0.1, 1), peak(0.1, 0.5)]) == .linear)
        #expect(SVGPlot.autoScale([zip(peak(0.1, 1), peak(0.3, 0.005)).map { $0 + $1 }]) == .log)
        #expect(SVGPlot.autoScale([peak(0.1, 1), peak(0.1, 0.01)]) == .log)
        #expect(SVGPlot.autoScale([x.map { _ in 0 }]) == .linear)
        let r = SVGAxis.range([3.0, 1e-12], scale: .log, decades: 4)
        #expect(r.low == 1e-4 && r.high == 10)
    }

    @Test("RAO figure from case<i>_fowt<j>_rao.csv: |RAO| and phase per DOF, zero DOFs in a note; absent files tolerated")
    func raoFigure() throws {
        let dir = SyntheticRun.temporaryDirectory("plotrao")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = SyntheticRun.make()
        try RunWriter.write(run, to: dir)
        let dofs = ["surge", "sway", "heave", "roll", "pitch", "yaw"]
        for i in 0..<2 {
            var header = ["freq_Hz", "omega_rad_s"]
            for d in dofs { header += ["\(d)_RA_re", "\(d)_RA_im", "\(d)_RAO_mag", "\(d)_RAO_phase_deg"] }
            var rows = [header.joined(separator: ",")]
            for w in run.grid.omega {
                var row = [w / (2 * Double.pi), w]
                for (k, _) in dofs.enumerated() {
                    let mag = [1.0, 0, 0.8, 0, 0.5, 0][k] / (1 + pow(w - 0.2 * Double(k + 1), 2)) * Double(i + 1)
                    row += [mag, 0, mag, mag > 0 ? -90 * w : 0]
                }
                rows.append(row.map { "\($0)" }.joined(separator: ","))
            }
            try rows.joined(separator: "\n").write(toFile: (dir as NSString).appendingPathComponent("case\(i)_fowt0_rao.csv"), atomically: true, encoding: .utf8)
        }
        let written = try RunPlots.write(runDirectory: dir)
        #expect(written.contains { $0.hasSuffix("plots/fowt0_rao.svg") })
        let rao = try Self.figure(dir, "fowt0_rao.svg")
        #expect(rao.panels.compactMap { $0.attributes["data-channel"] } == ["surge_RAO_mag", "surge_RAO_phase_deg", "heave_RAO_mag",
                                                                              "heave_RAO_phase_deg", "pitch_RAO_mag", "pitch_RAO_phase_deg"])
        for panel in rao.panels { #expect(Self.series(panel).count == 2) }
        #expect(rao.allText.contains("|RAO| [m/m]") && rao.allText.contains("|RAO| [deg/m]") && rao.allText.contains("phase [deg]"))
        #expect(rao.allText.contains("zero in every case, not drawn: sway, roll, yaw"))
        // A phase wrapping from +170° to −170° is a gap, not a line across the panel.
        let w = RunPlots.breakingWraps([0, 1, 2, 3], [160, 170, -170, -160])
        #expect(w.x == [0, 1, 1.5, 2, 3] && w.y[2].isNaN && w.y.filter(\.isFinite) == [160, 170, -170, -160])
    }

    @Test("a folder without summary.json and a malformed CSV are reported, not crashed on")
    func badFolders() throws {
        let dir = SyntheticRun.temporaryDirectory("plotbad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: RunFolderError.self) { try RunPlots.write(runDirectory: dir) }
        let other = (dir as NSString).appendingPathComponent("other.json")
        try "{}".write(toFile: other, atomically: true, encoding: .utf8)
        #expect(throws: RunFolderError.self) { try RunPlots.write(runDirectory: other) }
        try RunWriter.write(SyntheticRun.make(), to: dir)
        try "freq_Hz,omega_rad_s,surge_PSD\n0.01,0.06,abc\n".write(toFile: (dir as NSString).appendingPathComponent("case0_fowt0_psd.csv"), atomically: true, encoding: .utf8)
        do {
            try RunPlots.write(runDirectory: dir)
            Issue.record("expected an error for a malformed CSV")
        } catch let e as RunFolderError {
            #expect(e.description.contains("case0_fowt0_psd.csv") && e.description.contains("abc"))
        }
    }
}

@Suite("raft plot --geometry")
struct GeometryPlotTests {
    static let designs = Reference.repoRoot.appendingPathComponent("designs").path

    @Test("members, tower, rotor disc and catenary mooring lines at the unloaded pose; SVG views in metres",
          arguments: ["OC3spar.yaml", "OC4semi.yaml", "VolturnUS-S.yaml"])
    func geometry(_ file: String) throws {
        let design = try Design.load(path: (Self.designs as NSString).appendingPathComponent(file))
        let g = try DesignGeometry.build(design)
        #expect(g.solids.contains { $0.part == .platform } && g.solids.contains { $0.part == .tower } && g.solids.contains { $0.part == .rotor })
        #expect(g.lines.count == 3)
        for l in g.lines {
            #expect(l.nodes.count >= 41, "catenary profile, not a chord")
            // End A on the seabed (the anchor), end B near the waterline (the fairlead).
            #expect(abs(l.nodes[0].z + g.waterDepth) < 1e-6, "\(l.name) anchor z = \(l.nodes[0].z)")
            #expect(l.nodes[l.nodes.count - 1].z > -80 && l.nodes[l.nodes.count - 1].z < 0)
            #expect(l.nodes.allSatisfy { $0.z >= -g.waterDepth - 1e-6 }, "no node below the seabed")
        }
        #expect(g.notes.contains { $0.contains("unloaded equilibrium") })
        let t = SVGTree.parse(GeometrySVG.render(g))
        #expect(t.error == nil, "\(t.error ?? "")")
        let root = try #require(t.root)
        let views = root.all("g").filter { $0.attributes["class"] == "view" }
        #expect(views.compactMap { $0.attributes["data-view"] } == ["side", "top", "side-close-up", "top-close-up"])
        for v in views {
            #expect(v.all("polyline").filter { $0.attributes["class"] == "mooring-line" }.count == 3)
            let members = v.all("g").filter { ($0.attributes["class"] ?? "").hasPrefix("member ") }
            #expect(members.filter { $0.attributes["class"] == "member platform" }.count > 0)
            #expect(members.contains { $0.attributes["class"] == "member tower" } && members.contains { $0.attributes["class"] == "member rotor" })
            #expect(members.allSatisfy { !$0.all("polygon").isEmpty })
            #expect(v.allText.contains("x [m]") && (v.allText.contains("z [m]") || v.allText.contains("y [m]")))
            #expect(v.allText.contains(" m"), "scale bar")
        }
    }
}

extension GeometryPlotTests {
    @Test("a farm: both FOWTs at their reference positions, the shared lines solved between them", .enabled(if: Reference.isAvailable))
    func farm() throws {
        let design = try Design.load(path: Reference.url("reference/raft-regression/test_data/VolturnUS-S_farm.yaml").path)
        let g = try DesignGeometry.build(design)
        #expect(g.poses.count == 2 && g.poses[1][0] == design.fowts[1].x)
        let shared = g.lines.filter(\.shared)
        #expect(!shared.isEmpty)
        // Every shared-line end is at an anchor on the seabed, within 100 m of a FOWT's reference point, or a connection
        // with another line; both FOWTs have lines attached (the system was solved at their positions).
        let ends = shared.flatMap { [$0.nodes[0], $0.nodes[$0.nodes.count - 1]] }
        func near(_ e: Vec3, _ f: ArrayEntry) -> Bool { ((e.x - f.x) * (e.x - f.x) + (e.y - f.y) * (e.y - f.y)).squareRoot() < 100 }
        for (i, e) in ends.enumerated() {
            let connection = ends.indices.contains { $0 != i && norm(ends[$0] - e) < 1e-3 }  // profile nodes: catenary tolerance
            #expect(design.fowts.contains { near(e, $0) } || abs(e.z + g.waterDepth) < 1e-6 || connection, "end at \(e), depth \(g.waterDepth), all ends \(ends)")
        }
        #expect(design.fowts.allSatisfy { f in ends.contains { near($0, f) } })
        #expect(g.notes.contains { $0.contains("undisplaced") })
    }
}

@Suite("raft plot on the designs")
struct DesignPlotTests {
    @Test("every panel of every figure: PSD per Hz, one curve per case (or named in a below-floor note), natural-frequency markers",
          arguments: [("OC3spar.yaml", 3), ("OC4semi.yaml", 1), ("VolturnUS-S.yaml", 1)])
    func designFigures(_ file: String, _ caseCount: Int) throws {
        let design = try Design.load(path: Reference.repoRoot.appendingPathComponent("designs/\(file)").path)
        let dir = SyntheticRun.temporaryDirectory("designplot")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try RunWriter.write(try runDesign(design), to: dir)
        var skipped: [String] = []
        let written = try RunPlots.write(runDirectory: dir) { skipped.append($0) }
        // RAO figures (|RAO| and phase, from the run's RAO CSVs) are checked by the RAO tests; here: they exist.
        let svgs = written.filter { $0.hasSuffix(".svg") && !$0.hasSuffix("_rao.svg") }
        #expect(svgs.count >= 3, "\(written)")
        #expect(written.contains { $0.hasSuffix("_rao.svg") }, "\(written): no RAO figure")
        for p in svgs {
            let root = try RunPlotsTests.figure(dir, (p as NSString).lastPathComponent)
            #expect(!root.panels.isEmpty, "\(p): no empty figure")
            #expect(root.all("g").first { $0.attributes["class"] == "legend" }?.all("text").count == caseCount, "\(p): one legend entry per case")
            for panel in root.panels {
                let channel = panel.attributes["data-channel"] ?? "?"
                let curves = RunPlotsTests.series(panel).count
                let belowFloor = panel.allText.contains("below the axis floor")
                #expect(curves == caseCount || (belowFloor && curves > 0), "\(p) \(channel): \(curves) curves for \(caseCount) cases")
                #expect(panel.allText.contains("PSD [") && panel.allText.contains("/Hz]"), "\(p) \(channel)")
                #expect(panel.all("line").contains { $0.attributes["class"] == "marker" }, "\(p) \(channel): natural-frequency markers")
            }
            #expect(root.panels.last?.allText.contains("frequency [Hz]") == true)
        }
        // OC3 and OC4 have no rotor-speed/torque/pitch response: no figure, a note instead.
        #expect(skipped.allSatisfy { $0.contains("zero in every case") })
    }
}
