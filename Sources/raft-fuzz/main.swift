import Foundation
import RAFT
import RAFTFuzz

// raft-fuzz: deterministic, seeded mutation fuzzing of the raft executable over the shipped designs.
//
//   raft-fuzz [--n 1000] [--seed 1] [--mode check|run] [--jobs 2] [--raft .build/release/raft]
//             [--designs designs] [--keep DIR] [--time-limit S]
//
// Prints the exit-code histogram and every defect (signal, time-out, unexpected exit code, non-finite output, files
// left after a failure); defects' designs are saved under --keep (default fuzz-defects/). Exit 1 when any defect.

/// A line on stdout, unbuffered (progress appears in logs as it happens).
func say(_ s: String) { FileHandle.standardOutput.write(Data((s + "\n").utf8)) }

var options: [String: String] = ["--n": "1000", "--seed": "1", "--mode": "check", "--jobs": "2",
                                 "--raft": ".build/release/raft", "--designs": "designs", "--keep": "fuzz-defects"]
var args = Array(CommandLine.arguments.dropFirst())
while !args.isEmpty {
    let k = args.removeFirst()
    guard options.keys.contains(k) || k == "--time-limit", let v = args.first else {
        FileHandle.standardError.write(Data("usage: raft-fuzz [--n N] [--seed S] [--mode check|run] [--jobs K] [--raft PATH] [--designs DIR] [--keep DIR] [--time-limit S]\n".utf8))
        exit(64)
    }
    options[k] = v
    args.removeFirst()
}
guard let n = Int(options["--n"]!), let seed = UInt64(options["--seed"]!), let jobs = Int(options["--jobs"]!),
      let mode = FuzzHarness.Mode(rawValue: options["--mode"]!) else {
    FileHandle.standardError.write(Data("raft-fuzz: bad --n, --seed, --jobs or --mode\n".utf8)); exit(64)
}
let timeLimit = Double(options["--time-limit"] ?? "") ?? (mode == .check ? 20 : 120)
let designDir = options["--designs"]!
let names = ((try? FileManager.default.contentsOfDirectory(atPath: designDir)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
var bases: [(name: String, root: YAMLNode, directory: String)] = []
for name in names {
    let path = (designDir as NSString).appendingPathComponent(name)
    do { bases.append((name, try YAMLNode.load(contentsOf: URL(fileURLWithPath: path)), designDir)) } catch {
        FileHandle.standardError.write(Data("raft-fuzz: cannot read \(path): \(error)\n".utf8)); exit(2)
    }
}
guard !bases.isEmpty else { FileHandle.standardError.write(Data("raft-fuzz: no designs in \(designDir)\n".utf8)); exit(2) }
let work = NSTemporaryDirectory() + "raft-fuzz-\(getpid())"
let harness = FuzzHarness(executable: URL(fileURLWithPath: options["--raft"]!), mode: mode, seed: seed, workDirectory: work,
                          timeLimit: timeLimit, bases: bases)

final class Tally: @unchecked Sendable {
    let lock = NSLock()
    var histogram: [String: Int] = [:]
    var defects: [FuzzHarness.Outcome] = []
    var done = 0
    var next = 0
    var slowest = 0.0
}
let tally = Tally()
let start = Date()
say("raft-fuzz: \(n) \(mode.rawValue) mutations, seed \(seed), \(jobs) jobs, designs \(names.joined(separator: ", "))")
DispatchQueue.concurrentPerform(iterations: max(1, jobs)) { _ in
    while true {
        tally.lock.lock()
        let i = tally.next
        tally.next += 1
        tally.lock.unlock()
        guard i < n else { return }
        let o = harness.run(i)
        tally.lock.lock()
        let key = o.status.map { $0 < 0 ? "signal \(-$0)" : "exit \($0)" } ?? "time-out"
        tally.histogram[key, default: 0] += 1
        if o.defect != nil { tally.defects.append(o) }
        tally.slowest = max(tally.slowest, o.seconds)
        tally.done += 1
        if tally.done % max(1, n / 20) == 0 {
            say("  \(tally.done)/\(n) (\(String(format: "%.0f", Date().timeIntervalSince(start))) s), defects so far: \(tally.defects.count)")
        }
        tally.lock.unlock()
    }
}
try? FileManager.default.removeItem(atPath: work)
say("exit-code histogram (\(mode.rawValue), seed \(seed), \(n) mutations, \(String(format: "%.1f", Date().timeIntervalSince(start))) s, slowest \(String(format: "%.2f", tally.slowest)) s):")
for (k, v) in tally.histogram.sorted(by: { $0.key < $1.key }) { say("  \(k): \(v)") }
say("defects: \(tally.defects.count)")
if !tally.defects.isEmpty {
    let keep = options["--keep"]!
    try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
    for d in tally.defects.sorted(by: { $0.index < $1.index }) {
        let file = (keep as NSString).appendingPathComponent("\(mode.rawValue)-seed\(seed)-m\(d.index).yaml")
        try? ("# \(d.defect!)\n# edits: \(d.edits.map { $0.description }.joined(separator: "; "))\n" + d.design).write(toFile: file, atomically: true, encoding: .utf8)
        say("  m\(d.index): \(d.defect!) — \(d.edits.map { $0.description }.joined(separator: "; ")) — \(d.stderr.prefix(300)) [\(file)]")
    }
    exit(1)
}
