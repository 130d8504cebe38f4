import Foundation
import LAPACK
import RAFT
import RAFTIO

/// raft-bench: wall-clock timings of swift-raft against Python RAFT 2.0.4 on the same machine
/// (figures from ../shared/reference/timing/python_raft_timing.json).
///
/// Per design: load (YAML → `Design`), model construction (members, rotor with its airfoil fits — cold, i.e.
/// with the process-wide fit memo cleared, and warm), unloaded statics, eigen, per-case statics and
/// dynamics + outputs, a whole `runDesign`, and a whole `raft run` process (spawned). Then a micro-benchmark of
/// the per-frequency solve and an N-variant OC3spar sweep (draft × ballast × line length) on all cores.
///
/// Usage: swift run -c release raft-bench [--runs N] [--shared PATH] [--sweep N] [--raft PATH] [--quick] [--only LIST]
@main
struct RAFTBench {
    /// Wall-clock median and minimum of the timed repetitions, and the mean CPU time per repetition (user + system
    /// of this process, or of the spawned children for whole-process rows) — the machine is shared, so CPU time
    /// says what the work costs when wall time includes waiting for a core.
    struct Timing { var min: Double; var median: Double; var cpu: Double? = nil }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// CPU seconds (user + system) used so far by this process, or by its waited-for children.
    static func cpuSeconds(children: Bool = false) -> Double {
        var u = rusage()
        getrusage(__rusage_who_t((children ? RUSAGE_CHILDREN : RUSAGE_SELF).rawValue), &u)
        func sec(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return sec(u.ru_utime) + sec(u.ru_stime)
    }

    static func measure(runs: Int, children: Bool = false, _ body: () throws -> Void) rethrows -> Timing {
        var t: [Double] = []
        try body()  // warm-up
        let cpu0 = cpuSeconds(children: children)
        for _ in 0..<runs {
            let start = now()
            try body()
            t.append(Double(now() - start) * 1e-9)
        }
        var s = summary(t)
        s.cpu = (cpuSeconds(children: children) - cpu0) / Double(runs)
        return s
    }

    static func summary(_ samples: [Double]) -> Timing {
        let t = samples.sorted()
        return Timing(min: t[0], median: t[t.count / 2])
    }

    static func fmt(_ s: Double) -> String {
        if s < 1e-3 { return String(format: "%7.1f µs", s * 1e6) }
        if s < 1 { return String(format: "%7.2f ms", s * 1e3) }
        return String(format: "%7.2f s ", s)
    }

    /// The Python RAFT figure a row compares with: its median [s] and what it is (`python_raft_timing.json` key).
    struct Anchor { var seconds: Double; var what: String }

    static let header: String = {
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: n, withPad: " ", startingAt: 0) }
        return pad("design", 16) + " " + pad("stage", 28) + "     median        min        CPU"
            + "   Python RAFT (median)                 ratio"
    }()

    /// One table row: wall median and min, CPU per run, then the Python RAFT anchor and the ratio
    /// (Python median / swift-raft median), or "—" where Python RAFT has no comparable figure; `note` after it.
    static func row(_ design: String, _ stage: String, _ t: Timing, _ anchor: Anchor? = nil, _ note: String = "") {
        let d = design.padding(toLength: 16, withPad: " ", startingAt: 0)
        let s = stage.padding(toLength: 28, withPad: " ", startingAt: 0)
        let cpu = t.cpu.map(fmt) ?? "         —"
        let py: String
        if let a = anchor {
            let label = "\(fmt(a.seconds)) \(a.what)".padding(toLength: 36, withPad: " ", startingAt: 0)
            py = label + String(format: " ×%-6.0f", a.seconds / t.median)
        } else {
            py = "—".padding(toLength: 36, withPad: " ", startingAt: 0) + " —      "
        }
        print("\(d) \(s) \(fmt(t.median)) \(fmt(t.min)) \(cpu)   \(py)\(note.isEmpty ? "" : " " + note)")
    }

    /// Errors end the run with a message on stderr and exit 1, not a crash; outside the repository root, exit 2.
    static func main() {
        do {
            try run()
        } catch {
            FileHandle.standardError.write(Data("raft-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run() throws {
        BLAS.setSingleThreaded()
        _ = HeapSettings.applied  // as `raft` does
        var args = CommandLine.arguments.dropFirst()
        var runs = 20
        var sweepVariants = 1000
        var quick = false
        var bemRuns = 1
        var bemOnly = false
        var only: Set<String>?
        var casesDesign = "designs/OC3spar.yaml"
        var shared = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).deletingLastPathComponent()
            .appendingPathComponent("shared").path
        let exeDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var raftExe = exeDir.appendingPathComponent("raft").path
        while let a = args.popFirst() {
            switch a {
            case "--runs": runs = max(1, Int(args.popFirst() ?? "") ?? runs)
            case "--shared": shared = args.popFirst() ?? shared
            case "--sweep": sweepVariants = max(0, Int(args.popFirst() ?? "") ?? sweepVariants)
            case "--raft": raftExe = args.popFirst() ?? raftExe
            case "--quick": quick = true
            case "--bem": bemRuns = max(0, Int(args.popFirst() ?? "") ?? bemRuns)
            case "--bem-only": bemOnly = true
            case "--only": only = Set((args.popFirst() ?? "").split(separator: ",").map(String.init))
            case "--cases-design": casesDesign = args.popFirst() ?? casesDesign
            case "-h", "--help":
                print("""
                usage: raft-bench [--runs N] [--shared PATH] [--sweep N] [--raft PATH] [--quick] [--only LIST] [--cases-design PATH]
                  run from the repository root with a release build (swift build -c release)
                  --runs N     repetitions per timing (default 20; the median and min are shown)
                  --sweep N    variants of the OC3spar sweep (default 1000; 0 skips it)
                  --raft PATH  the raft executable for whole-process timings (default: next to raft-bench)
                  --quick      OC3spar only, fewer repetitions (no BEM)
                  --bem N      repetitions of the BEM solve (VolturnUS-S_BEM, 1,168 panels, 20 frequencies;
                               default 1, 0 skips it)
                  --bem-only   only the BEM solve and the BEM scaling table (panel count vs time per frequency)
                  --only LIST  only these sections, comma-separated: designs, moormod, micro, bem, sweep, cases, fits,
                               format
                               (e.g. --only sweep under perf record; `cases` runs only OC3spar's cases,
                               --runs N times, for perf record or callgrind; `fits` only the airfoil-fit rows)
                  --cases-design PATH  the design `--only cases` runs (default designs/OC3spar.yaml)
                """)
                return
            default: print("unknown argument \(a)"); exit(64)
            }
        }
        if quick { runs = min(runs, 5) }
        guard bemOnly || FileManager.default.fileExists(atPath: "designs/OC3spar.yaml") else {
            FileHandle.standardError.write(Data("""
                raft-bench: designs/OC3spar.yaml not found in \(FileManager.default.currentDirectoryPath): run it from \
                the repository root

                """.utf8))
            exit(2)
        }
        let python = PythonAnchors(shared: shared)
        if !python.found { print("note: \(shared)/reference/timing not found; ratios against Python RAFT are not shown") }
        if bemOnly { try benchBEM(shared: shared, runs: max(1, bemRuns), python: python.bemPreamble); return }

        print("raft-bench: wall-clock median and min over \(runs) runs, CPU time per run (user + system), the Python RAFT")
        print("figure measured on this machine (\(shared)/reference/timing, medians) and ratio = Python / swift-raft median")
        print(header)
        print(String(repeating: "-", count: 137))
        var designs = [("designs/OC3spar.yaml", "OC3spar.yaml"), ("designs/VolturnUS-S.yaml", "VolturnUS-S.yaml"),
                       ("designs/OC4semi.yaml", "OC4semi_patched.yaml")]
        if quick { designs = Array(designs.prefix(1)) }
        func wanted(_ section: String) -> Bool { only?.contains(section) ?? true }
        if !wanted("designs") { designs = [] }
        for (path, pyName) in designs {
            guard FileManager.default.fileExists(atPath: path) else { print("\(path): not found (run from the repository root)"); continue }
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            do {
                try benchDesign(path: path, name: name, runs: runs, raftExe: raftExe, python: python.of(pyName))
            } catch {
                print("\(name): failed (\(error))")
            }
            print(String(repeating: "-", count: 137))
        }
        if !designs.isEmpty, let size = (try? FileManager.default.attributesOfItem(atPath: raftExe))?[.size] as? Int {
            print("raft executable: \(raftExe), " + String(format: "%.1f MB", Double(size) / 1e6) + " (goal ≤ 25 MB)")
        }

        if only?.contains("cases") == true { try benchCases(path: casesDesign, runs: runs) }
        if !quick && wanted("moormod") { try benchMoorMod(shared: shared, runs: runs, raftExe: raftExe) }
        if wanted("micro") { try benchMicro(runs: runs) } else if only?.contains("fits") == true { try benchFits(runs: runs) }
        if !wanted("micro") && only?.contains("format") == true { benchFormat(runs: runs) }

        if bemRuns > 0 && !quick && wanted("bem") { try benchBEM(shared: shared, runs: bemRuns, python: python.bemPreamble) }

        if sweepVariants > 0 && wanted("sweep") { try benchSweep(variants: sweepVariants, python: python.of("OC3spar.yaml")) }
    }

    /// Only the per-case work (statics, dynamics, outputs) of one design, `runs` times: a profile of it alone.
    static func benchCases(path: String, runs: Int) throws {
        var base = try Model(design: Design.load(path: path))
        _ = try base.analyzeUnloaded()
        let count = base.design.cases?.cases.count ?? 0
        guard count > 0 else { return }
        var t = try measure(runs: runs) { var m = base; _ = try m.analyzeCases() }
        t = Timing(min: t.min / Double(count), median: t.median / Double(count), cpu: t.cpu.map { $0 / Double(count) })
        row(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, "whole case (cases only)", t, nil,
            "analyzeCases / \(count) cases after analyzeUnloaded")
    }

    /// The per-frequency solve and the kernel micro-benchmarks.
    static func benchMicro(runs: Int) throws {
        // Micro-benchmark: 80 per-frequency 6x6 complex solves on preallocated buffers.
        var s = LinearSystem(n: 6, omega: (1...80).map { Double($0) * 0.0314 })
        for j in 0..<80 { for i in 0..<6 { s.mass[j * 36 + i * 7] = 1e7; s.damping[j * 36 + i * 7] = 1e5 } }
        for i in 0..<6 { s.stiffness[i * 7] = 1e6 }
        let force = [Complex](repeating: Complex(1e5, 0), count: 6 * 80)
        var out: [Complex] = []
        let solver = FrequencyDomainSolver(n: 6)
        let micro = try measure(runs: max(runs, 200)) { try solver.solve(s, extraDamping: nil, force: force, into: &out) }
        row("micro", "80 × zgesv 6x6", micro, nil, "= \(fmt(micro.median / 80)) per frequency")
        // The same 80 impedance matrices solved alone, by OpenBLAS's zgesv and by its mirror (SmallZgesv).
        let z = solver.impedances(s, extraDamping: nil)
        let lu = ComplexLinearSolver(n: 6)
        func solveAll(_ solve: (ComplexLinearSolver) throws -> Void) throws {
            for j in 0..<80 {
                for r in 0..<6 { for c in 0..<6 { lu.matrix[r + 6 * c] = z[j * 36 + r * 6 + c] } }
                for r in 0..<6 { lu.rhs[r] = force[j * 6 + r] }
                try solve(lu)
            }
        }
        let library = try measure(runs: max(runs, 200)) { try solveAll { try $0.solveInPlaceWithOpenBLAS() } }
        row("micro", "80 × 6x6 solve, OpenBLAS zgesv", library, nil, "= \(fmt(library.median / 80)) per solve")
        let mirrored = try measure(runs: max(runs, 200)) { try solveAll { try $0.solveInPlaceMirrored() } }
        row("micro", "80 × 6x6 solve, SmallZgesv", mirrored, nil,
            "= \(fmt(mirrored.median / 80)) per solve\(ComplexLinearSolver.mirrorsOpenBLAS ? "" : " (not in use here)")")
        // The same systems four at a time (SmallZgesvLanes: one frequency per SIMD lane, each lane the bits of
        // the solve above); what the drag loop's pass solve uses where the mirror is in use.
        let lanes = SmallZgesvLanes(n: 6)
        // The systems laid out in lanes beforehand (as the drag loop's FixedImpedance does once per case).
        var zRe = [SIMD4<Double>](repeating: .zero, count: 20 * 36), zIm = zRe
        var fRe = [SIMD4<Double>](repeating: .zero, count: 20 * 6), fIm = fRe
        for g in 0..<20 { for l in 0..<4 {
            let j = 4 * g + l
            for r in 0..<6 { for c in 0..<6 {
                zRe[g * 36 + r + 6 * c][l] = z[j * 36 + r * 6 + c].real
                zIm[g * 36 + r + 6 * c][l] = z[j * 36 + r * 6 + c].imaginary
            } }
            for r in 0..<6 { fRe[g * 6 + r][l] = force[j * 6 + r].real; fIm[g * 6 + r][l] = force[j * 6 + r].imaginary }
        } }
        let laned = measure(runs: max(runs, 200)) {
            for g in 0..<20 {
                for q in 0..<36 { lanes.re[q] = zRe[g * 36 + q]; lanes.im[q] = zIm[g * 36 + q] }
                for r in 0..<6 { lanes.bRe[r] = fRe[g * 6 + r]; lanes.bIm[r] = fIm[g * 6 + r] }
                _ = lanes.solveInPlace()
            }
        }
        row("micro", "80 × 6x6 solve, lanes of 4", laned, nil,
            "= \(fmt(laned.median / 80)) per solve; ×\(String(format: "%.2f", mirrored.median / laned.median)) vs one at a time\(SmallZgesvLanes.mirrorsOpenBLAS ? " (in use here)" : " (not in use here)")")

        try benchKernels(runs: runs)
    }

    /// Lumped-mass mooring lines (moorMod 2) against the quasi-static twin (moorMod 0) of the same design, in-process
    /// (issue 17 goal: ≤ 3×).
    static func benchMoorMod(shared: String, runs: Int, raftExe: String) throws {
        let path = shared + "/reference/raft-regression/test_data/VolturnUS-S-moorMod2.yaml"
        guard FileManager.default.fileExists(atPath: path) else { return }
        let lumped = try Design.load(path: path)
        var twin = lumped
        for i in twin.moorings.indices { twin.moorings[i].moorMod = 0 }
        let t2 = try measure(runs: runs) { _ = try runDesign(lumped) }
        let t0 = try measure(runs: runs) { _ = try runDesign(twin) }
        let cases = lumped.cases?.cases.count ?? 1, lines = (try MooringSystem(design: lumped, fowtIndex: 0))?.lines.count ?? 1
        row("moorMod2", "runDesign moorMod 2 vs 0", t2, nil,
            "moorMod 0: \(fmt(t0.median)) (CPU \(fmt(t0.cpu ?? 0))); CPU ×" + String(format: "%.2f", (t2.cpu ?? 0) / (t0.cpu ?? 1))
                + "; line work \(fmt(((t2.cpu ?? 0) - (t0.cpu ?? 0)) / Double(cases * lines))) CPU per line per case (goal ≤ 2 ms)")
        try benchMoorModProcesses(path: path, runs: runs, raftExe: raftExe)
        // One line's dynamic tension (line 1, 51 nodes, the design's 40 frequencies, a JONSWAP-like spectrum, the
        // fairlead moving): a first call, and a repeat call on the same line with other end motions, which reuses the
        // kept matrices and first-sweep factors (LumpedDynamicsMemo; a drag iteration's calls within a case).
        // Then the node-velocity RMS of each sweep: DOF lanes over contiguous rows vs the scalar loop (same bits).
        guard var ms = try MooringSystem(design: lumped, fowtIndex: 0) else { return }
        let model = try ms.lumpedMassLine(0)
        let omegas = FrequencyGrid(settings: lumped.settings).omega
        let spectrum = omegas.map { 3 * exp(-(($0 - 0.52) / 0.12) * (($0 - 0.52) / 0.12)) }
        let zero = omegas.map { _ in [Complex(0, 0), Complex(0, 0), Complex(0, 0)] }
        func raoB(_ s: Double) -> [[Complex]] { omegas.map { [Complex(s / (1 + $0 * $0), 0.1 * $0), Complex(0, 0.02 * $0), Complex(0.3 * s, -0.05)] } }
        var sink = 0.0
        let tFresh = try measure(runs: max(runs, 50)) {
            sink += try model.dynamicTension(omegas: omegas, spectrum: spectrum, raoA: zero, raoB: raoB(1)).tensionAmplitudes[0][0].real
        }
        var memo: LumpedDynamicsMemo?
        var flip = 1.0
        let tKept = try measure(runs: max(runs, 50)) {
            flip = -flip
            sink += try model.dynamicTension(omegas: omegas, spectrum: spectrum, raoA: zero, raoB: raoB(flip), memo: &memo,
                                             repeatable: true, refresh: { nil }).tensionAmplitudes[0][0].real
        }
        row("moorMod2", "line dynamic tension", tFresh, nil, "51 nodes, \(omegas.count) w, first call")
        row("moorMod2", "  same line, kept M/A/K/B0", tKept, nil, String(format: "first-sweep factors reused; ×%.2f", (tFresh.cpu ?? 0) / (tKept.cpu ?? 1)))
        let sweeps = model.sweepBenchmarks(omegas: omegas, spectrum: spectrum, raoA: zero, raoB: raoB(1))
        let tSweep = try measure(runs: max(runs, 200)) { sink += try sweeps.fast() }
        let tSweepScalar = try measure(runs: max(runs, 50)) { sink += try sweeps.reference() }
        row("micro", "line solver sweep, \(omegas.count) w", tSweep, nil, "factor + substitute, 4 w per lane group, K columns real")
        row("micro", "  same, scalar reference", tSweepScalar, nil, String(format: "solveInterior per w (same values); lanes ×%.2f", (tSweepScalar.cpu ?? 0) / (tSweep.cpu ?? 1)))
        let d3 = 3 * model.count
        let x = (0 ..< omegas.count * d3).map { Complex(0.01 * sin(Double($0)), 0.02 * cos(0.7 * Double($0))) }
        var sigma = [Double](repeating: 0, count: d3), rows = [Double](repeating: 0, count: 2 * d3)
        let tRMS = measure(runs: max(runs, 500)) {
            LumpedMassLine.velocityRMS(x, omegas: omegas, spectrum: spectrum, dofs: d3, into: &sigma, rows: &rows); sink += sigma[7]
        }
        let tRMSScalar = measure(runs: max(runs, 500)) {
            for dof in 0..<d3 { sink += LumpedMassLine.velocityRMSReference(x, omegas: omegas, spectrum: spectrum, dofs: d3, dof: dof) }
        }
        row("micro", "line velocity RMS, \(d3) DOFs", tRMS, nil, "rows of 4-DOF lanes")
        row("micro", "  same, scalar reference", tRMSScalar, nil, String(format: "one DOF at a time (same bits); lanes ×%.2f", tRMSScalar.median / tRMS.median))
        // One drag-damping update of a sweep (`blocks(selection: .dampingOnly)` from these motions): the node σ along
        // five directions, eight nodes per lane group, then each node's B block.
        let damping = model.dampingUpdateBenchmark(omegas: omegas, spectrum: spectrum, motions: x)
        let tDamping = measure(runs: max(runs, 200)) { sink += damping() }
        row("micro", "line drag damping update, \(model.count) nodes", tDamping, nil, "node σ in 8-node lane groups + B blocks")
        if sink == 0.123 { print(sink) }
    }

    /// Issue 17's process goal: fresh `raft run` processes of the moorMod 2 design and of its moorMod 0 twin (the same
    /// text with `moorMod: 0`, written to a temporary folder with a copy of the MoorDyn file it names), alternated run
    /// by run so both see the same machine load; the ratio is of the minimum CPU (user + system) per process.
    static func benchMoorModProcesses(path: String, runs: Int, raftExe: String) throws {
        guard FileManager.default.isExecutableFile(atPath: raftExe) else {
            print("moorMod2: \(raftExe) not found; build it (swift build -c release) or pass --raft PATH"); return
        }
        let dir = NSTemporaryDirectory() + "raft-bench-moormod-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: path)
        let text = try String(contentsOf: source, encoding: .utf8)
        var twinText = "", replaced = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let key = line.drop { $0 == " " }
            if key.hasPrefix("moorMod"), let colon = key.firstIndex(of: ":"),
               key[key.index(after: colon)...].drop(while: { $0 == " " }).hasPrefix("2") {
                twinText += line.prefix { $0 == " " } + "moorMod: 0" + "\n"; replaced += 1
            } else {
                twinText += line + "\n"
            }
        }
        guard replaced > 0 else { print("moorMod2: no `moorMod: 2` line in \(path)"); return }
        let twinPath = dir + "/" + source.deletingPathExtension().lastPathComponent + "-moorMod0.yaml"
        try twinText.write(toFile: twinPath, atomically: true, encoding: .utf8)
        // The MoorDyn file beside the twin (the design names it relative to its own folder; the reader falls back to
        // the file name in the design's folder).
        let base = source.deletingLastPathComponent()
        for line in text.split(separator: "\n") {
            let key = line.drop { $0 == " " }
            guard key.hasPrefix("file"), let q0 = key.firstIndex(where: { $0 == "'" || $0 == "\"" }) else { continue }
            let rest = key[key.index(after: q0)...]
            guard let q1 = rest.firstIndex(of: key[q0]) else { continue }
            let named = String(rest[..<q1])
            let candidates = [base.appendingPathComponent(named).path,
                              base.appendingPathComponent(URL(fileURLWithPath: named).lastPathComponent).path]
            if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) {
                try? FileManager.default.copyItem(atPath: found, toPath: dir + "/" + URL(fileURLWithPath: found).lastPathComponent)
            }
        }
        let out = dir + "/out"
        func once(_ design: String) throws -> (wall: Double, cpu: Double) {
            let c0 = cpuSeconds(children: true), t0 = now()
            let status = try spawnAndWait(raftExe, ["run", design, "-o", out, "--quiet"], extraEnvironment: ["RAFT_NO_CACHE=1"])
            if status != 0 { throw CocoaError(.executableLoad) }
            return (Double(now() - t0) * 1e-9, cpuSeconds(children: true) - c0)
        }
        _ = try once(path); _ = try once(twinPath)  // warm-up
        var s2: [(wall: Double, cpu: Double)] = [], s0: [(wall: Double, cpu: Double)] = []
        for _ in 0..<max(runs, 10) { s2.append(try once(path)); s0.append(try once(twinPath)) }
        func timing(_ s: [(wall: Double, cpu: Double)]) -> Timing {
            var t = summary(s.map(\.wall)); t.cpu = s.map(\.cpu).min(); return t
        }
        let p2 = timing(s2), p0 = timing(s0)
        row("moorMod2", "raft run process, moorMod 2", p2, nil,
            String(format: "fit cache off; CPU = min over %d; ×%.2f the twin's CPU (goal ≤ 3×)", s2.count, p2.cpu! / p0.cpu!))
        row("moorMod2", "  same file with moorMod 0", p0, nil, "temporary twin, alternated run by run with the row above")
    }

    /// Kernel micro-benchmarks named in the issues' speed goals.
    static func benchKernels(runs: Int) throws {
        // One catenary solve: an OC3-Hywind line (902.2 m, EA 384.2 MN, 698 N/m wet weight) from 70 m below the
        // surface to an anchor 320 m deep, 848.7 m away. Goal ≤ 2 µs (issue 5).
        let cold = try Catenary.solve(xf: 848.67, zf: 250, length: 902.2, ea: 3.842e8, w: 698.1, cb: 0, tolerance: 5e-4)
        var sink = 0.0
        let tCold = try measure(runs: max(runs, 2000)) {
            sink += try Catenary.solve(xf: 848.67, zf: 250, length: 902.2, ea: 3.842e8, w: 698.1, cb: 0, tolerance: 5e-4).hf
        }
        row("micro", "catenary solve, fresh", tCold, nil, "goal ≤ 2 µs")
        let tWarm = try measure(runs: max(runs, 2000)) {
            sink += try Catenary.solve(xf: 848.77, zf: 250, length: 902.2, ea: 3.842e8, w: 698.1, cb: 0, hf0: cold.hf,
                                       vf0: cold.vf, tolerance: 5e-4).hf
        }
        row("micro", "catenary solve, warm", tWarm)
        // Coupled 6x6 stiffness of the 3-line OC3 system at a new pose (re-solve + analytic stiffness). Goal ≤ 50 µs.
        let oc3 = try Design.load(path: "designs/OC3spar.yaml")
        if var ms = try MooringSystem(design: oc3, fowtIndex: 0) {
            var k = 0
            let tK = try measure(runs: max(runs, 2000)) {
                k += 1
                try ms.setPose([Double(k % 7), 0, 0, 0, 0.01, 0])
                sink += try ms.stiffness6()[0, 0]
            }
            row("micro", "OC3 mooring pose + 6x6 K", tK, nil, "goal ≤ 50 µs")
        }
        // One drag linearisation of OC3spar's strip model, moving, 80 frequencies: what each pass of the drag loop
        // runs (StripHydrodynamics.linearizeDrag: 4 frequencies per SIMD lane group, issue 17).
        let oc3Members = try FOWTMembers(design: oc3, fowt: 0)
        let oc3Grid = FrequencyGrid(settings: oc3.settings)
        let oc3K = oc3Grid.omega.map { waveNumber(omega: $0, depth: oc3.site.waterDepth) }
        let strips = StripHydrodynamics(members: oc3Members.members, rho: oc3.site.rhoWater, omega: oc3Grid.omega, waveNumbers: oc3K)
        let kin = strips.waveKinematics(amplitude: oc3Grid.omega.map { _ in 1.0 }, heading: 0, depth: oc3.site.waterDepth)
        var xi = ComplexSeries6(frequencyCount: oc3Grid.count)
        for i in xi.values.indices { xi.values[i] = Complex(0.1 * cos(Double(i)), 0.1 * sin(Double(i))) }
        var lin = DragLinearization(nodeCount: 0, frequencyCount: 0)
        let tDrag = measure(runs: max(runs, 500)) { strips.linearizeDrag(kin, response: xi, into: &lin); sink += lin.damping[0, 0] }
        let tDragScalar = measure(runs: max(runs, 500)) { sink += strips.linearizeDragReference(kin, response: xi).damping[0, 0] }
        row("micro", "OC3 linearizeDrag, \(oc3Grid.count) w", tDrag, nil, "\(strips.nodes.count) strip nodes, moving; 4-frequency lanes")
        row("micro", "  same, scalar reference", tDragScalar, nil, String(format: "the loop before the lanes (same bits); lanes ×%.2f", tDragScalar.median / tDrag.median))
        // The wave kinematics and the inertial excitation of the same strip model: once per case and wave train
        // (the libm calls scalar, the products and stores in 4-frequency lanes; issue 17).
        let zeta = oc3Grid.omega.map { _ in 1.0 }
        let tKin = measure(runs: max(runs, 500)) {
            sink += strips.waveKinematics(amplitude: zeta, heading: 0, depth: oc3.site.waterDepth).uRe[0]
        }
        let tKinScalar = measure(runs: max(runs, 500)) {
            sink += strips.waveKinematicsReference(amplitude: zeta, heading: 0, depth: oc3.site.waterDepth).uRe[0]
        }
        row("micro", "OC3 wave kinematics, \(oc3Grid.count) w", tKin, nil, "libm calls scalar, products and stores in 4-frequency lanes")
        row("micro", "  same, scalar reference", tKinScalar, nil, String(format: "the loop before the lanes and the sinh/cosh(kh) hoist (same bits); ×%.2f", tKinScalar.median / tKin.median))
        let tIner = measure(runs: max(runs, 500)) { sink += strips.inertialExcitation(kin).values[0].real }
        let tInerScalar = measure(runs: max(runs, 500)) { sink += strips.inertialExcitationReference(kin).values[0].real }
        row("micro", "OC3 inertial excitation, \(oc3Grid.count) w", tIner, nil, "4-frequency lanes")
        row("micro", "  same, scalar reference", tInerScalar, nil, String(format: "the loop before the lanes (same bits); lanes ×%.2f", tInerScalar.median / tIner.median))
        // Members, statics and strip-theory constants of VolturnUS-S. Goal well under 1 ms (issue 4).
        let vus = try Design.load(path: "designs/VolturnUS-S.yaml")
        let grid = FrequencyGrid(settings: vus.settings)
        let k = grid.omega.map { waveNumber(omega: $0, depth: vus.site.waterDepth) }
        let tM = try measure(runs: max(runs, 200)) {
            let fm = try FOWTMembers(design: vus, fowt: 0)
            let st = try FOWTStatics(members: fm, platform: vus.platforms[0], rho: vus.site.rhoWater, g: vus.site.g)
            let h = StripHydrodynamics(members: fm.members, rho: vus.site.rhoWater, omega: grid.omega, waveNumbers: k)
            sink += st.mass + h.addedMass[0, 0]
        }
        row("micro", "VUS members+statics+A", tM, nil, "goal ≪ 1 ms")
        // One full calcAero (with derivatives, control, turbulence) of the IEA-15MW rotor. Goal ≤ 1 ms (issue 6).
        var rotor = try Rotor(turbine: vus.turbines[0], site: vus.site, frequencies: grid.omega, index: 0)
        let rc = RotorCase(windSpeed: 10.59, windHeadingDeg: 0, turbulence: .intensity(0.1))
        let tA = try measure(runs: max(runs, 200)) { sink += try rotor.calcAero(rc).meanForce[0] }
        row("micro", "IEA-15MW calcAero, 80 w", tA, nil, "goal ≤ 1 ms")
        // Its aero matrices moved to the PRP as FOWT.turbineConstants does (2·nω `translateMatrix6to6DOF`, one matrix
        // per frequency with aeroServoMod 2; Matrix3 products by rows since issue 17, `Matrix3RowOpsTests`).
        let aero = try rotor.calcAero(rc)
        let tT = measure(runs: max(runs, 500)) { sink += aero.transferred(toPRPFrom: Vec3(0, 0, 150)).damping[3][4, 0] }
        row("micro", "IEA-15MW aero to PRP, 2·80 6x6", tT, nil, "row products, block copies through one pointer")
        // The Kaimal spectrum's Bessel functions I1, I2 at the IEA-15MW case's 80 arguments x = 2·R·κ(ω) (12 m/s),
        // four arguments per lane group and both orders side by side, and one series at a time (same bits; issue 17).
        let besselX = grid.omega.map { w -> Double in
            let fv = w / 2 / Double.pi / 12, c = 0.12 / (8.1 * 42)
            return 2 * 120 * (12 * (fv * fv + c * c).squareRoot())
        }
        let tB = measure(runs: max(runs, 500)) { sink += RotorTurbulence.besselI12(besselX).i2[40] }
        let tBRef = measure(runs: max(runs, 500)) {
            sink += besselX.map { RotorTurbulence.besselI(order: 1, x: $0) + RotorTurbulence.besselI(order: 2, x: $0) }[40]
        }
        row("micro", "Kaimal Bessel I1+I2, 80 x", tB, nil, "4 arguments × 2 orders per pass")
        row("micro", "  same, one series at a time", tBRef, nil, String(format: "the scalar series (same bits); lanes ×%.2f", tBRef.median / tB.median))
        benchFormat(runs: runs)
        try benchFits(runs: runs)
        if sink.isNaN { print("(nan)") }
    }

    /// The number text of the run files: `ShortestDouble` (the characters of `Double.description`) against the
    /// standard library's `Double.write(to:)` into the same kind of byte stream, on 1,000 numbers like a spectra
    /// CSV's (magnitudes over 40 decades, 17 digits, some short decimals and whole numbers). `--only format` alone.
    static func benchFormat(runs: Int) {
        var rng = SystemRandomNumberGenerator()
        let xs: [Double] = (0..<1000).map { i in
            switch i % 10 {
            case 0: return Double(Int.random(in: -100_000...100_000, using: &rng)) / 8
            case 1: return Double(Int.random(in: 1...999, using: &rng)) / 100
            default: return Double.random(in: -1...1, using: &rng) * pow(10, Double(Int.random(in: -20...20, using: &rng)))
            }
        }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: xs.count * ShortestDouble.maxBytes)
        defer { buffer.deallocate() }
        var sink = 0
        let tMine = measure(runs: max(runs, 2000)) {
            var p = buffer
            for x in xs { p += ShortestDouble.write(x, to: p) }
            sink &+= buffer.distance(to: p)
        }
        struct Stream: TextOutputStream {
            var end: UnsafeMutablePointer<UInt8>
            mutating func write(_ string: String) {}
            mutating func _writeASCII(_ b: UnsafeBufferPointer<UInt8>) {
                end.update(from: b.baseAddress!, count: b.count)
                end += b.count
            }
        }
        let tStd = measure(runs: max(runs, 2000)) {
            var stream = Stream(end: buffer)
            for x in xs { x.write(to: &stream) }
            sink &+= buffer.distance(to: stream.end)
        }
        row("micro", "shortest Double text, 1000 x", tMine, nil, "ShortestDouble (Schubfach), the characters of description")
        row("micro", "  same, Double.write(to:)", tStd, nil,
            String(format: "the standard library's formatter into a byte stream; ×%.2f", tStd.median / tMine.median))
        if sink == 42 { print("(sink)") }
    }

    /// The airfoil fits (FITPACK smoothing splines; `--only fits` runs these rows alone, e.g. under callgrind).
    static func benchFits(runs: Int) throws {
        var sink = 0.0
        let oc3 = try Design.load(path: "designs/OC3spar.yaml")
        let oc3Grid = FrequencyGrid(settings: oc3.settings)
        // One cold FITPACK smoothing fit of a 200-point lift-like and drag-like polar (the Givens reduction of
        // SmoothingSpline+Fit.swift: a wavefront of rows with SIMD-lane divisions since issue 17's fitfast branch;
        // unrolled and paired rows before, ×1.2 of now in CPU).
        let alpha = (0..<200).map { -Double.pi + 2 * Double.pi * Double($0) / 199 }
        let clLike = alpha.map { 1.2 * sin(2 * $0) + 0.3 * sin(5 * $0) * exp(-$0 * $0) + 0.02 * cos(17 * $0) }
        let cdLike = alpha.map { 0.9 - 0.88 * cos(2 * $0) + 0.01 * sin(23 * $0) }
        let tFit = try measure(runs: max(runs, 50)) {
            SmoothingSpline.clearFitCache()
            sink += try SmoothingSpline(x: alpha, z: clLike, s: 0.1).residual + SmoothingSpline(x: alpha, z: cdLike, s: 0.001).residual
        }
        row("micro", "airfoil fits cl+cd, 200 pts", tFit)
        // 16 fits of a family of lift- and drag-like polars (as a rotor's element tables), each alone and sharing
        // their least-squares reductions (`LeastSquaresMemo`: replayed Givens rotations, same bits; issue 17).
        let family: [([Double], Double)] = (0..<8).flatMap { k -> [([Double], Double)] in
            let f = 1 + 0.02 * Double(k)
            return [(alpha.map { f * (1.2 * sin(2 * $0) + 0.3 * sin(5 * $0) * exp(-$0 * $0)) + 0.02 * cos(17 * $0) }, 0.1),
                    (alpha.map { 0.9 * f - 0.88 * cos(2 * $0) + 0.01 * sin(23 * $0) }, 0.001)]
        }
        // The same fits with FITPACK's knot search on exact Givens solves throughout (before issue 17's fits7 branch
        // the knot search's intermediate least squares were exact; now they come from the normal equations).
        let tExactSearch = try measure(runs: max(runs, 20)) {
            for (z, s) in family { sink += try SmoothingSpline.residualWithExactKnotSearch(x: alpha, z: z, s: s) }
        }
        row("micro", "16 polar fits, exact search", tExactSearch, nil, "reference for the quick knot search (same bits)")
        var replayed = 0
        for shared in [false, true] {
            let t = try measure(runs: max(runs, 20)) {
                SmoothingSpline.clearFitCache()
                let memo = shared ? LeastSquaresMemo(x: alpha) : nil
                for (z, s) in family { sink += try SmoothingSpline(x: alpha, z: z, s: s, memo: memo).residual }
                replayed = memo?.replayed ?? 0
            }
            row("micro", shared ? "16 polar fits, shared LS" : "16 polar fits, alone", t, nil,
                shared ? "\(replayed) least-squares solves replayed" : "")
        }
        // A whole rotor's fits (OC3spar: 20 elements, 15 distinct tables, 30 fits on 2 threads) and construction.
        let tRotor = try measure(runs: max(runs, 20)) {
            SmoothingSpline.clearFitCache()
            sink += try Rotor(turbine: oc3.turbines[0], site: oc3.site, frequencies: oc3Grid.omega, index: 0).elementRadius[0]
        }
        row("micro", "OC3spar rotor, cold fits", tRotor, nil, "CPU: both threads")
        // The same distinct (table, s) fits of OC3spar one after the other on one thread through one memo, in a fixed
        // order: the fits' work without the threads (deterministic, so callgrind counts compare between builds).
        SmoothingSpline.clearFitCache()
        _ = try Rotor(turbine: oc3.turbines[0], site: oc3.site, frequencies: oc3Grid.omega, index: 0)
        let inputs = SmoothingSpline.fitCacheInputs
        var oneThreadReplayed = 0
        let tSerial = try measure(runs: max(runs, 20)) {
            SmoothingSpline.clearFitCache()
            let memo = LeastSquaresMemo(x: inputs[0].x)
            for f in inputs { sink += try SmoothingSpline(x: f.x, z: f.z, s: f.s, memo: memo).residual }
            oneThreadReplayed = memo.replayed
        }
        row("micro", "OC3spar \(inputs.count) fits, one thread", tSerial, nil,
            "shared LS, \(oneThreadReplayed) least-squares solves replayed")
        // The same fits as one batch on one thread (`SmoothingSpline.fitBatch`, as a rotor fits them): two fits in
        // flight, their smoothing solves interleaved step by step (same bits).
        let tPaired = try measure(runs: max(runs, 20)) {
            SmoothingSpline.clearFitCache()
            let fits = SmoothingSpline.fitBatch(x: inputs[0].x, tables: inputs.map { (z: $0.z, s: $0.s) },
                                                memo: LeastSquaresMemo(x: inputs[0].x), workers: 1)
            for f in fits { sink += try f.get().residual }
        }
        row("micro", "OC3spar \(inputs.count) fits, one thread, paired", tPaired, nil, "two fits in flight")
        if sink.isNaN { print("(nan)") }
    }

    /// Stage timings of one design.
    static func benchDesign(path: String, name: String, runs: Int, raftExe: String, python: DesignAnchors) throws {
        let load = try measure(runs: runs) { _ = try Design.load(path: path) }
        row(name, "load (YAML → Design)", load)
        // Its parts: the text to a node tree (our byte scanner; libyaml's route as the reference), the tree to a Design.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let repeats = max(runs, 50)
        let parse = try measure(runs: repeats) { _ = try YAMLNode.parse(text, file: name) }
        row(name, "parse YAML (scanner)", parse)
        let parseLib = try measure(runs: repeats) { _ = try YAMLNode.parseWithLibYAML(text, file: name) }
        row(name, "parse YAML (libyaml route)", parseLib, nil, "reference")
        // A fresh tree for each repetition: the number-table memo (keyed by the tree's storage) must miss, as in a
        // process's only build.
        var trees = try (0...repeats).map { _ in try YAMLNode.parse(text, file: name) }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fromTree = try measure(runs: repeats) { _ = try Design(root: trees.removeLast(), baseDirectory: dir) }
        row(name, "Design from tree", fromTree)
        let design = try Design.load(path: path)

        let buildCold = try measure(runs: runs) { SmoothingSpline.clearFitCache(); _ = try Model(design: design) }
        row(name, "model (cold airfoil fits)", buildCold, python.phase("construct", "construct"),
            "\(SmoothingSpline.fitCacheCount) distinct fits")
        let buildWarm = try measure(runs: runs) { _ = try Model(design: design) }
        row(name, "model (memoised fits)", buildWarm, python.phase("construct", "construct"))

        let base = try Model(design: design)
        if base.fowtCount == 1 {
            let unloaded = try measure(runs: runs) { var m = base; _ = try m.analyzeUnloaded() }
            row(name, "unloaded statics", unloaded, python.phase("analyzeUnloaded", "analyzeUnloaded"))
            var eq = base
            _ = try eq.analyzeUnloaded()
            let eigen = try measure(runs: runs) { _ = try eq.solveEigen() }
            row(name, "eigen", eigen, python.phase("solveEigen", "solveEigen"))
        }

        // Per case: statics alone, then statics + dynamics + outputs, on the state RAFT carries from case to case.
        let cases = design.cases?.cases ?? []
        if !cases.isEmpty {
            var statics: [Double] = [], all: [Double] = []
            var staticsCPU = 0.0, allCPU = 0.0
            for _ in 0..<runs {
                var m = base
                var st = 0.0
                let c0 = cpuSeconds()
                for c in cases {
                    let t0 = now()
                    _ = try m.solveStatics(c)
                    st += Double(now() - t0) * 1e-9
                }
                statics.append(st / Double(cases.count))
                var m2 = base
                let c1 = cpuSeconds()
                let t1 = now()
                _ = try m2.analyzeCases()
                all.append(Double(now() - t1) * 1e-9 / Double(cases.count))
                staticsCPU += c1 - c0
                allCPU += cpuSeconds() - c1
            }
            let perCase = Double(runs * cases.count)
            var st = summary(statics), ca = summary(all)
            st.cpu = staticsCPU / perCase
            ca.cpu = allCPU / perCase
            row(name, "statics per case", st)
            let dyn = Timing(min: max(0, ca.min - st.min), median: max(0, ca.median - st.median), cpu: max(0, ca.cpu! - st.cpu!))
            row(name, "dynamics+outputs per case", dyn)
            row(name, "whole case", ca, python.perCase, "mean of \(cases.count) case\(cases.count == 1 ? "" : "s")\(name == "OC3spar" ? "; goal ≤ 0.5 ms" : "")")
        }

        let run = try measure(runs: runs) { SmoothingSpline.clearFitCache(); _ = try runDesign(design) }
        row(name, "runDesign (cold fits)", run, python.inProcess)
        let loadAndRun = try measure(runs: runs) { SmoothingSpline.clearFitCache(); _ = try runDesign(Design.load(path: path)) }
        row(name, "load + runDesign", loadAndRun, python.phase("in_process_total", "in-process incl. import"))

        var channelsOnly = RunOptions()
        channelsOnly.fatigueAndExtremes = false
        let plain = try runDesign(design, options: channelsOnly)
        let post = measure(runs: max(runs, 20)) { var r = plain; r.addFatigue(design.fatigue) }
        row(name, "fatigue + extremes", post, nil, String(format: "%.2f %% of runDesign", 100 * post.median / run.median))
        if name == "OC3spar" {
            // 10-parameter local sensitivity without the 2h check: 1 + 2·10 = 21 runs on all cores.
            let params = ["platform.members[0].rho_fill[0]", "platform.members[0].l_fill[0]", "platform.members[0].Cd",
                          "platform.members[0].Ca", "platform.members[0].t", "mooring.lines[*].length",
                          "turbine.mRNA", "turbine.tower.rho_shell", "mooring.line_types[0].mass_density", "mooring.line_types[0].stiffness"]
            var options = Sensitivity.Options()
            options.checkConvergence = false
            let sens = try measure(runs: runs) {
                _ = try Sensitivity.local(design: design, parameters: params, metrics: ["pitch_std", "Mbase_DEL_m4"], options: options)
            }
            row(name, "sensitivity 10 params", sens, python.repeated(21), "21 runs, \(options.jobs) threads")
        }

        let result = try runDesign(design)
        let writeDir = NSTemporaryDirectory() + "raft-bench-write-\(getpid())-\(name)"
        defer { try? FileManager.default.removeItem(atPath: writeDir) }
        let write = try measure(runs: runs) { _ = try RunWriter.write(result, to: writeDir) }
        row(name, "write outputs (overwrite)", write, nil, "summary.json + spectra CSV, atomic replace")

        if FileManager.default.isExecutableFile(atPath: raftExe) {
            let outDir = NSTemporaryDirectory() + "raft-bench-\(getpid())-\(name)"
            defer { try? FileManager.default.removeItem(atPath: outDir) }
            let cacheDir = NSTemporaryDirectory() + "raft-bench-fits-\(getpid())"
            defer { try? FileManager.default.removeItem(atPath: cacheDir) }
            // Cold: no airfoil-fit cache (every process fits its splines); warm: the CLI's on-disk fit cache filled
            // by the warm-up run (what a user re-running a design gets).
            for (label, env) in [("raft run process (cold fits)", "RAFT_NO_CACHE=1"),
                                 ("raft run process (fit cache)", "RAFT_CACHE_DIR=\(cacheDir)")] {
                let proc = try measure(runs: runs, children: true) {
                    let status = try spawnAndWait(raftExe, ["run", path, "-o", outDir, "--quiet"], extraEnvironment: [env])
                    if status != 0 { throw CocoaError(.executableLoad) }
                }
                row(name, label, proc, python.phase("process_wall_s", "process"),
                    label.contains("cold") ? "goal ≤ 10 ms, ×500" : "")
            }
        } else {
            print("\(name): \(raftExe) not found; build it (swift build -c release) or pass --raft PATH")
        }
    }

    /// posix_spawn + waitpid (Foundation's `Process.waitUntilExit` polls a run loop and adds tens of ms).
    static func spawnAndWait(_ exe: String, _ arguments: [String], extraEnvironment: [String] = []) throws -> Int32 {
        let argv: [UnsafeMutablePointer<CChar>?] = ([exe] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var envList: [String] = []
        var e = environ
        while let p = e.pointee { envList.append(String(cString: p)); e += 1 }
        let names = Set(extraEnvironment.map { String($0.prefix { $0 != "=" }) } + ["RAFT_NO_CACHE", "RAFT_CACHE_DIR"])
        envList = envList.filter { !names.contains(String($0.prefix { $0 != "=" })) } + extraEnvironment
        let envp: [UnsafeMutablePointer<CChar>?] = envList.map { strdup($0) } + [nil]
        defer { for p in envp { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, exe, &actions, nil, argv, envp)
        guard rc == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }

    /// An OC3spar sweep: draft × ballast fill × mooring line length, factorial, `variants` in all (rounded to a cube).
    static func benchSweep(variants: Int, python: DesignAnchors) throws {
        let path = "designs/OC3spar.yaml"
        guard FileManager.default.fileExists(atPath: path) else { return }
        var n1 = max(1, Int(pow(Double(variants), 1.0 / 3.0).rounded())), n2 = n1, n3 = n1
        while n1 * n2 * n3 < variants { if n3 <= n2 { n3 += 1 } else { n2 += 1 } }
        func range(_ a: Double, _ b: Double, _ n: Int) -> String {
            "{start: \(a), stop: \(b), count: \(n)}"
        }
        let yaml = """
        design: \(FileManager.default.currentDirectoryPath)/\(path)
        parameters:
          - path: platform.members[0].rA[2]
            range: \(range(-125, -115, n1))
          - path: platform.members[0].l_fill[0]
            range: \(range(50, 56, n2))
          - path: mooring.lines[*].length
            range: \(range(895, 910, n3))
        metrics: [surge_avg, pitch_std, Tmoor_max, fn_pitch]
        """
        let spec = try SweepSpec(root: YAMLNode.parse(yaml, file: "bench-sweep.yaml"), baseDirectory: ".")
        let base = try Design.load(path: path)
        let dir = NSTemporaryDirectory() + "raft-bench-sweep-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        SmoothingSpline.clearFitCache()
        let runner = SweepRunner(spec: spec, outputDirectory: dir)
        let t0 = now(), cpu0 = cpuSeconds()
        let computed = try runner.run(base: base, evaluate: SweepMetrics.evaluator(spec: spec, base: base)).computed
        let dt = Double(now() - t0) * 1e-9, cpu = cpuSeconds() - cpu0
        let failed = (try? String(contentsOfFile: dir + "/results.csv", encoding: .utf8))?
            .split(separator: "\n").filter { $0.contains(",failed,") }.count ?? 0
        let t = Timing(min: dt, median: dt, cpu: cpu)
        row("OC3spar sweep", "\(computed) variants, \(runner.jobs) jobs", t, python.repeated(computed),
            String(format: "one run; %.2f ms per variant; %d failed; goal ≤ 1.5 s for 1,000", dt / Double(max(1, computed)) * 1e3, failed))
    }

    /// The native BEM solve of RAFT's VolturnUS-S_BEM run (mesh + 20 frequencies + zero/infinite-frequency limits,
    /// no cache) next to pyHAMS's share of Python RAFT's run (`analyzeCases` preamble = calcStatics + calcBEM).
    static func benchBEM(shared: String, runs: Int, python pyPreamble: Double?) throws {
        let candidates = ["Tests/RAFTTests/Reference/designs-e2e/inputs/VolturnUS-S_BEM.yaml",
                          shared + "/reference/designs-e2e/inputs/VolturnUS-S_BEM.yaml"]
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            print("BEM: VolturnUS-S_BEM.yaml not found (run from the repository root)"); return
        }
        let model = try Model(design: try Design.load(path: path))
        guard let run = try model.bemRuns().first else { print("BEM: no potMod members"); return }
        let n = run.problem.mesh.panels.count, nf = run.problem.omega.count
        let saved = BEMCache.persistentStore
        BEMCache.persistentStore = nil
        defer { BEMCache.persistentStore = saved }
        let t = try measure(runs: runs) { BEMCache.shared.removeAll(); _ = try run.problem.solve() }
        row("VolturnUS-S_BEM", "BEM \(n) panels × \(nf) freqs", t,
            pyPreamble.map { Anchor(seconds: $0, what: "pyHAMS (statics + calcBEM)") },
            "= \(fmt(t.median / Double(nf))) per frequency on \(ActiveProcessors.count) cores")
        benchBEMScaling()
    }

    /// Time per frequency against panel count on floating hemispheres (2 frequencies each): Rankine integrals
    /// (once per mesh, ∝ N²), wave-part assembly (∝ N² per frequency) and LU (∝ N³ per frequency), with the
    /// process's peak memory after the largest mesh.
    static func benchBEMScaling() {
        print("BEM scaling (hemispheres, 2 frequencies; wall s, CPU s of the whole solve):")
        print("  panels   Rankine/mesh   assembly/freq   LU/freq    CPU total   peak RSS")
        for (np, na) in [(8, 32), (16, 64), (24, 96), (30, 100)] {
            let panels = AnalyticHulls.hemisphere(radius: 1, nPolar: np, nAz: na)
            let cpu0 = clock()
            let solver = BEMSolver(panels: panels)
            guard (try? solver.solve(omega: [1.5, 3.0], headingsDeg: [0])) != nil else { print("  \(panels.count): solve failed"); continue }
            let cpu = Double(clock() - cpu0) / Double(CLOCKS_PER_SEC)
            let p = solver.profile
            print(String(format: "  %6d   %10.3f   %12.3f   %9.3f   %9.2f   %6.0f MB", panels.count, p.rankineSeconds,
                         p.assemblySeconds / 2, p.solveSeconds / 2, cpu, peakResidentMB()))
        }
    }

    /// VmHWM of this process [MB] (Linux), 0 when unavailable.
    static func peakResidentMB() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return (Double(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }
}
