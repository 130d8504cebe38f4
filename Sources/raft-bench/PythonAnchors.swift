import Foundation

/// Python RAFT 2.0.4 timings measured on the project machine (`../shared/reference/timing`, see its README):
/// fresh processes, `raft.Model(design)` → `analyzeUnloaded()` → `solveEigen()` → `analyzeCases()`, medians [s].
struct PythonAnchors {
    /// `designs` of `python_raft_timing.json`: design file name → phase → {min, median, all}.
    private var designs: [String: Any] = [:]
    /// pyHAMS share of the VolturnUS-S_BEM run (`analyzeCases_preamble` of `python_raft_timing_bem20.json`).
    private(set) var bemPreamble: Double?
    let found: Bool

    init(shared: String) {
        let dir = shared + "/reference/timing/"
        func load(_ file: String) -> [String: Any]? {
            guard let data = FileManager.default.contents(atPath: dir + file),
                  let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return obj["designs"] as? [String: Any]
        }
        designs = load("python_raft_timing.json") ?? [:]
        found = !designs.isEmpty
        let bem = load("python_raft_timing_bem20.json")?["VolturnUS-S_BEM.yaml"] as? [String: Any]
        bemPreamble = (bem?["analyzeCases_preamble"] as? [String: Any])?["median"] as? Double
    }

    /// Median [s] of one phase of one design (e.g. "construct", "process_wall_s").
    func median(_ design: String, _ phase: String) -> Double? {
        ((designs[design] as? [String: Any])?[phase] as? [String: Any])?["median"] as? Double
    }

    /// The anchors of one design (nil members where Python RAFT has no such figure).
    func of(_ design: String) -> DesignAnchors { DesignAnchors(python: self, design: design) }
}

/// The Python RAFT figures that the rows of one design compare with.
struct DesignAnchors {
    let python: PythonAnchors
    let design: String

    func phase(_ key: String, _ what: String) -> RAFTBench.Anchor? {
        python.median(design, key).map { RAFTBench.Anchor(seconds: $0, what: what) }
    }

    /// Mean over the cases of the per-case medians (statics + drag-linearised dynamics + outputs of one case).
    var perCase: RAFTBench.Anchor? {
        guard let d = (python.designsValue(design))?["per_case"] as? [[String: Any]], !d.isEmpty else { return nil }
        let m = d.compactMap { $0["median"] as? Double }
        guard m.count == d.count else { return nil }
        return RAFTBench.Anchor(seconds: m.reduce(0, +) / Double(m.count), what: "per case (mean)")
    }

    /// `construct + analyzeUnloaded + solveEigen + analyzeCases` medians: one design's work in a warm interpreter
    /// (the in-process total without `import raft`), what `runDesign` does.
    var modelAndAnalyses: Double? {
        let keys = ["construct", "analyzeUnloaded", "solveEigen", "analyzeCases"]
        let v = keys.compactMap { python.median(design, $0) }
        return v.count == keys.count ? v.reduce(0, +) : nil
    }

    var inProcess: RAFTBench.Anchor? { modelAndAnalyses.map { RAFTBench.Anchor(seconds: $0, what: "model+analyses") } }

    /// `runs` designs analysed one after another in one warm interpreter (derived: runs × `modelAndAnalyses`).
    func repeated(_ runs: Int) -> RAFTBench.Anchor? {
        modelAndAnalyses.map { RAFTBench.Anchor(seconds: Double(runs) * $0, what: "\(runs) × model+analyses") }
    }
}

extension PythonAnchors {
    fileprivate func designsValue(_ design: String) -> [String: Any]? { designs[design] as? [String: Any] }
}
