import Foundation
import RAFT

/// Runs mutated designs through the `raft` executable and classifies what happened.
///
/// A mutation passes when the process exits 0, 2 (bad input, message on stderr) or 3 (physics failure, message),
/// within its time limit, and: after exit 0 every number in the written files is finite; after a non-zero exit no
/// output folder exists. Anything else (a signal such as a Swift trap, a time-out, exit 1 or 64, a NaN in an output,
/// files left behind, an empty message) is a defect, saved with its design for reproduction.
package struct FuzzHarness: Sendable {
    package enum Mode: String, Sendable { case check, run }

    package struct Outcome: Sendable {
        package var index: Int
        /// Exit status, or `-signal` for a signal, or nil for a time-out.
        package var status: Int32?
        package var defect: String?
        package var edits: [DesignMutator.Edit]
        package var design: String
        package var seconds: Double
        package var stderr: String
    }

    package var executable: URL
    package var mode: Mode
    package var seed: UInt64
    package var workDirectory: String
    package var timeLimit: Double
    package var bases: [(name: String, root: YAMLNode, directory: String)]

    package init(executable: URL, mode: Mode, seed: UInt64, workDirectory: String, timeLimit: Double,
                bases: [(name: String, root: YAMLNode, directory: String)]) {
        self.executable = executable; self.mode = mode; self.seed = seed; self.workDirectory = workDirectory
        self.timeLimit = timeLimit; self.bases = bases
    }

    /// Mutation `index`: the mutated design text and the edits (deterministic in seed and index).
    package func mutation(_ index: Int) -> (text: String, base: Int, edits: [DesignMutator.Edit]) {
        var g = SeededGenerator.forMutation(seed: seed, index: index)
        let b = Int(g.next() % UInt64(bases.count))
        var root = bases[b].root
        if mode == .run { root = FuzzHarness.coarseBEM(FuzzHarness.oneCase(root)) }
        let (m, edits) = DesignMutator().mutate(root, using: &g)
        return (YAMLEmitter.text(m), b, edits)
    }

    /// Keep only the first load case (a run then takes a fraction of a second).
    static func oneCase(_ root: YAMLNode) -> YAMLNode {
        guard let path = try? YAMLEditPath("cases.data"), case .list(let rows)? = root.node(at: path)?.value, let first = rows.first,
              let r = try? root.setting(path, to: .list([first])) else { return root }
        return r
    }

    /// Bound the cost of a native BEM solve that a mutation can start (e.g. `potModMaster: 0` on a design whose
    /// columns are flagged potMod): a coarse mesh (`dz_BEM`, `da_BEM` = 8 m: a few hundred panels) and a coarse
    /// frequency step (`min_freq_BEM` = 0.1 Hz: a handful of frequencies),
    /// so such a run takes seconds, not the minute the design's own settings need. Later edits may still change
    /// these keys (that is fuzzed too). Designs without a `platform` mapping are returned unchanged.
    static func coarseBEM(_ root: YAMLNode) -> YAMLNode {
        guard case .map? = root["platform"]?.value else { return root }
        var r = root
        for (key, value) in [("min_freq_BEM", coarseBEMStepHz), ("dz_BEM", coarsePanelSize), ("da_BEM", coarsePanelSize)] {
            if let p = try? YAMLEditPath("platform." + key), let next = try? r.setting(p, number: value) { r = next }
        }
        return r
    }

    static let coarseBEMStepHz = 0.1
    static let coarsePanelSize = 8.0

    package func run(_ index: Int) -> Outcome {
        let (text, b, edits) = mutation(index)
        let fm = FileManager.default
        let dir = (workDirectory as NSString).appendingPathComponent("m\(index)")
        try? fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: dir) }
        // The design goes beside its base so that relative file names (mooring files) resolve the same way.
        let designPath = (bases[b].directory as NSString).appendingPathComponent(".fuzz-\(getpid())-\(index).yaml")
        try? text.write(toFile: designPath, atomically: true, encoding: .utf8)
        defer { try? fm.removeItem(atPath: designPath) }
        let out = (dir as NSString).appendingPathComponent("out")
        let args = mode == .check ? ["check", "-q", designPath] : ["run", "-q", designPath, "-o", out]
        let start = Date()
        let (status, stderr) = Self.execute(executable, args, timeLimit: timeLimit, cacheDirectory: (workDirectory as NSString).appendingPathComponent("fit-cache"))
        var outcome = Outcome(index: index, status: status, defect: nil, edits: edits, design: text,
                              seconds: Date().timeIntervalSince(start), stderr: stderr)
        guard let status else { outcome.defect = "time-out after \(timeLimit) s"; return outcome }
        if status < 0 { outcome.defect = "signal \(-status)"; return outcome }
        switch status {
        case 0:
            if mode == .run, let bad = Self.nonFiniteToken(in: out) { outcome.defect = "non-finite value in \(bad)" }
        case 2, 3:
            if !stderr.contains("error: ") { outcome.defect = "exit \(status) without an error message" }
            else if fm.fileExists(atPath: out) { outcome.defect = "output folder left after exit \(status)" }
        default:
            outcome.defect = "exit \(status) (expected 0, 2 or 3)"
        }
        return outcome
    }

    /// The first output file with a value that is not a finite number where a number belongs, or nil: every JSON
    /// number (and no "NaN"/"Infinity" text value) in `.json` files, every cell below the header in `.csv` files.
    static func nonFiniteToken(in folder: String) -> String? {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        if files.isEmpty { return "\(folder) (no files written after exit 0)" }
        let words: Set<String> = ["nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"]
        func walk(_ v: Any, _ path: String) -> String? {
            if let n = v as? NSNumber { return n.doubleValue.isFinite ? nil : "\(path) = \(n)" }
            if let s = v as? String { return words.contains(s.lowercased()) ? "\(path) = '\(s)'" : nil }
            if let a = v as? [Any] { for (i, x) in a.enumerated() { if let p = walk(x, "\(path)[\(i)]") { return p } }; return nil }
            if let o = v as? [String: Any] { for (k, x) in o { if let p = walk(x, "\(path).\(k)") { return p } }; return nil }
            return nil
        }
        for f in files.sorted() {
            let path = (folder as NSString).appendingPathComponent(f)
            guard let data = FileManager.default.contents(atPath: path) else { return "\(f) (unreadable)" }
            if f.hasSuffix(".json") {
                guard let obj = try? JSONSerialization.jsonObject(with: data) else { return "\(f) (not valid JSON)" }
                if let p = walk(obj, "") { return "\(f): \(p)" }
            } else if f.hasSuffix(".csv") {
                for (r, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated().dropFirst() {
                    for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
                        guard let x = Double(cell), x.isFinite else { return "\(f) row \(r): '\(cell)'" }
                    }
                }
            }
        }
        return nil
    }

    /// Run a process with a time limit. Returns (exit status or −signal, nil on time-out; stderr).
    static func execute(_ exe: URL, _ args: [String], timeLimit: Double, cacheDirectory: String) -> (Int32?, String) {
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["RAFT_CACHE_DIR"] = cacheDirectory
        p.environment = env
        let errPipe = Pipe()
        p.standardError = errPipe
        p.standardOutput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        do { try p.run() } catch { return (127, "cannot start \(exe.path): \(error)") }
        let errData = ReadAll(errPipe.fileHandleForReading)
        if done.wait(timeout: .now() + timeLimit) == .timedOut {
            p.terminate()
            if done.wait(timeout: .now() + 5) == .timedOut { kill(p.processIdentifier, SIGKILL); done.wait() }
            return (nil, errData.text())
        }
        let status = p.terminationReason == .uncaughtSignal ? -p.terminationStatus : p.terminationStatus
        return (status, errData.text())
    }
}

/// Reads a pipe to its end on a background thread (so a chatty child never blocks on a full pipe).
final class ReadAll: @unchecked Sendable {
    private var data = Data()
    private let finished = DispatchSemaphore(value: 0)
    init(_ h: FileHandle) {
        DispatchQueue.global().async {
            self.data = h.readDataToEndOfFile()
            self.finished.signal()
        }
    }
    func text() -> String {
        _ = finished.wait(timeout: .now() + 5)
        return String(decoding: data.prefix(4000), as: UTF8.self)
    }
}
