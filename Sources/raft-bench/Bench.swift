import Foundation
import LAPACK
import RAFT

/// raft-bench: wall-clock timings of swift-raft against Python RAFT 2.0.4 on the same machine
/// (figures from ../shared/reference/timing/python_raft_timing.json).
///
/// Usage: swift run -c release raft-bench [--runs N] [--shared PATH]
@main
struct RAFTBench {
    struct Timing { var min: Double; var median: Double }

    static func measure(runs: Int, _ body: () throws -> Void) rethrows -> Timing {
        var t: [Double] = []
        try body()  // warm-up
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            t.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }
        t.sort()
        return Timing(min: t[0], median: t[t.count / 2])
    }

    static func fmt(_ s: Double) -> String {
        if s < 1e-3 { return String(format: "%7.1f µs", s * 1e6) }
        if s < 1 { return String(format: "%7.2f ms", s * 1e3) }
        return String(format: "%7.2f s ", s)
    }

    static func main() throws {
        BLAS.setSingleThreaded()
        var args = CommandLine.arguments.dropFirst()
        var runs = 20
        var shared = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).deletingLastPathComponent().appendingPathComponent("shared").path
        while let a = args.popFirst() {
            switch a {
            case "--runs": runs = Int(args.popFirst() ?? "") ?? runs
            case "--shared": shared = args.popFirst() ?? shared
            case "-h", "--help":
                print("usage: raft-bench [--runs N] [--shared PATH]   (run from the repository root, release build)")
                return
            default: print("unknown argument \(a)"); exit(64)
            }
        }
        var python: [String: Any] = [:]
        if let data = FileManager.default.contents(atPath: shared + "/reference/timing/python_raft_timing.json"),
           let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any], let d = obj["designs"] as? [String: Any] {
            python = d
        } else {
            print("note: \(shared)/reference/timing not found; ratios against Python RAFT are not shown")
        }
        func pyMedian(_ design: String, _ key: String) -> Double? {
            ((python[design] as? [String: Any])?[key] as? [String: Any])?["median"] as? Double
        }

        print("raft-bench: median (min) over \(runs) runs; ratio = Python RAFT median / swift-raft median")
        print(String(repeating: "-", count: 92))
        let designs = [("designs/OC3spar.yaml", "OC3spar.yaml"), ("designs/VolturnUS-S.yaml", "VolturnUS-S.yaml"),
                       ("designs/OC4semi.yaml", "OC4semi_patched.yaml")]
        for (path, pyName) in designs {
            guard FileManager.default.fileExists(atPath: path) else { print("\(path): not found (run from the repository root)"); continue }
            let load = try measure(runs: runs) { _ = try Design.load(path: path) }
            print("\(path.padding(toLength: 26, withPad: " ", startingAt: 0)) load          \(fmt(load.median)) (\(fmt(load.min)))")
            let design = try Design.load(path: path)
            do {
                let run = try measure(runs: runs) { _ = try runDesign(design) }
                var line = "\(path.padding(toLength: 26, withPad: " ", startingAt: 0)) whole run     \(fmt(run.median)) (\(fmt(run.min)))"
                if let py = pyMedian(pyName, "in_process_total") {
                    line += String(format: "   Python %.2f s in-process → ×%.0f", py, py / run.median)
                }
                print(line)
            } catch {
                print("\(path.padding(toLength: 26, withPad: " ", startingAt: 0)) whole run     n/a (\(error))")
            }
        }
        // Micro-benchmark: 80 per-frequency 6x6 complex solves on preallocated buffers.
        var s = LinearSystem(n: 6, omega: (1...80).map { Double($0) * 0.0314 })
        for j in 0..<80 { for i in 0..<6 { s.mass[j * 36 + i * 7] = 1e7; s.damping[j * 36 + i * 7] = 1e5 } }
        for i in 0..<6 { s.stiffness[i * 7] = 1e6 }
        let force = [Complex](repeating: Complex(1e5, 0), count: 6 * 80)
        var out: [Complex] = []
        let solver = FrequencyDomainSolver(n: 6)
        let micro = try measure(runs: max(runs, 200)) { try solver.solve(s, extraDamping: nil, force: force, into: &out) }
        print(String(repeating: "-", count: 92))
        print("per-frequency solve: 80 × zgesv 6x6 \(fmt(micro.median)) (\(fmt(micro.min)))  = \(fmt(micro.median / 80)) per frequency")
    }
}
