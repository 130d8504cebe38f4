import Foundation
import Testing
@testable import RAFT

@Suite("raft run, eigen, properties, rotor, sweep (CLI)")
struct RunCommandTests {
    static func tempDir() -> String {
        let d = NSTemporaryDirectory() + "raft-cli-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }
    static var designs: String { Reference.repoRoot.appendingPathComponent("designs").path }

    @Test("raft run writes the contract files; values match RAFT 2.0.4 (designs-e2e OC3spar)", .needsReference, .needsRaftExecutable)
    func runOC3() throws {
        let exe = try #require(RaftExecutable.url)
        let dir = Self.tempDir() + "/out"
        let r = try RaftExecutable.run(exe, ["run", Self.designs + "/OC3spar.yaml", "-o", dir])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("surge") && r.stdout.contains("Tmoor"))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(files == ["case0_fowt0_psd.csv", "case0_fowt0_rao.csv", "case1_fowt0_psd.csv", "case1_fowt0_rao.csv",
                          "case2_fowt0_psd.csv", "case2_fowt0_rao.csv", "summary.json"])
        let csv = try String(contentsOfFile: dir + "/case0_fowt0_psd.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv[0] == "freq_Hz,omega_rad_s,wave_PSD,surge_PSD,sway_PSD,heave_PSD,roll_PSD,pitch_PSD,yaw_PSD,AxRNA_PSD,AyRNA_PSD,AzRNA_PSD,Mbase_PSD,Tmoor0_PSD,Tmoor1_PSD,Tmoor2_PSD,Tmoor3_PSD,Tmoor4_PSD,Tmoor5_PSD,omega_PSD,torque_PSD,bPitch_PSD")
        #expect(csv.count == 81)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/summary.json"))) as! [String: Any]
        for key in ["design", "frequencies_Hz", "omega_rad_s", "unloaded", "cases", "eigen_after_cases"] { #expect(summary[key] != nil, "\(key)") }
        let cases = summary["cases"] as! [[String: Any]]
        #expect(cases.count == 3)
        let fowt = (cases[0]["fowts"] as! [[String: Any]])[0]
        #expect(fowt.keys.allSatisfy { !$0.hasSuffix("_PSD") && !$0.hasSuffix("_RA") })
        #expect(fowt["rao_csv"] as? String == "case0_fowt0_rao.csv")
        let units = summary["units"] as! [String: String]
        for channel in ["surge", "sway", "heave", "roll", "pitch", "yaw", "Tmoor", "AxRNA", "AyRNA", "AzRNA", "Mbase", "omega",
                        "torque", "power", "bPitch", "RA", "RAO"] {
            #expect(units[channel] != nil, "units.\(channel)")
        }
        let unloaded = summary["unloaded"] as! [String: Any]
        #expect(unloaded["dofs"] as? [String] == ["surge", "sway", "heave", "roll", "pitch", "yaw"])
        let ref = try Reference.json("designs-e2e/OC3spar.json") as! [String: Any]
        let cm = ((ref["case_metrics"] as! [String: Any])["0"] as! [String: Any])["0"] as! [String: Any]
        for key in ["surge_avg", "pitch_std", "heave_max"] {
            let want = try ReferenceArray(cm[key]).scalar
            #expect(abs((fowt[key] as! Double) - want) <= 1e-5 * abs(want), "\(key)")
        }
        // PSD column from the CSV against RAFT's surge_PSD.
        let header = csv[0].split(separator: ",").map(String.init)
        let col = header.firstIndex(of: "pitch_PSD")!
        let values = csv.dropFirst().map { Double($0.split(separator: ",")[col])! }
        expectAllClose(values, try ReferenceArray(cm["pitch_PSD"]).re, rtol: 1e-5, atol: 1e-3, "CSV pitch_PSD")
    }

    @Test("raft run --json prints exactly the summary.json it writes (one newline at the end)", .needsRaftExecutable)
    func runJSONIsTheSummaryFile() throws {
        let exe = try #require(RaftExecutable.url)
        let dir = Self.tempDir() + "/out"
        let r = try RaftExecutable.run(exe, ["run", Self.designs + "/OC3spar.yaml", "-o", dir, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let file = try String(contentsOfFile: dir + "/summary.json", encoding: .utf8)
        #expect(file.count > 1000 && file.hasSuffix("}\n") && !file.hasSuffix("\n\n"))
        #expect(r.stdout == file)
    }

    @Test("raft eigen --json matches eigen_unloaded; an unstable design exits 3 naming the DOFs, no partial output", .needsReference, .needsRaftExecutable)
    func eigen() throws {
        let exe = try #require(RaftExecutable.url)
        let r = try RaftExecutable.run(exe, ["eigen", Self.designs + "/VolturnUS-S.yaml", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let fn = obj["natural_frequencies_Hz"] as! [Double]
        #expect(fn.count == 6 && (obj["modes"] as! [[Double]]).count == 6)
        let ref = try Reference.json("designs-e2e/VolturnUS-S.json") as! [String: Any]
        expectAllClose(fn, try ReferenceArray((ref["eigen_unloaded"] as! [String: Any])["fn_Hz"]).re, rtol: 1e-5, atol: 1e-6, "fn")
        let cyl = Reference.url("reference/designs-e2e/inputs/Vertical_cylinder.yaml").path
        let bad = try RaftExecutable.run(exe, ["eigen", cyl])
        #expect(bad.status == 3)
        #expect(bad.stderr.contains("unstable") && bad.stderr.contains("roll") && bad.stderr.contains("pitch"), "\(bad.stderr)")
        let dir = Self.tempDir() + "/cyl"
        let run = try RaftExecutable.run(exe, ["run", cyl, "-o", dir, "-q"])
        #expect(run.status == 3)
        #expect(!FileManager.default.fileExists(atPath: dir + "/summary.json"))
    }

    @Test("raft properties --json --pose undisplaced reproduces RAFT's statics; default pose adds the unloaded mooring", .needsReference, .needsRaftExecutable)
    func properties() throws {
        let exe = try #require(RaftExecutable.url)
        let ref = try Reference.json("designs-e2e/OC4semi_patched.json") as! [String: Any]
        let u = ref["unloaded"] as! [String: Any]
        let f = SolverFromReferenceTests.fowt0(u["fowt"])
        let r = try RaftExecutable.run(exe, ["properties", Self.designs + "/OC4semi.yaml", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["fowts"] as! [[String: Any]]
        for key in ["M_struc", "C_hydro", "C_struc", "A_hydro_morison", "C_moor0"] {
            let got = (obj[0][key] as! [[Double]]).flatMap { $0 }
            let want = try ReferenceArray(key == "C_moor0" ? u[key] : f[key]).re
            let scale = want.map(abs).max()!
            expectAllClose(got, want, rtol: 0, atol: 1e-5 * scale, "OC4semi \(key)")
        }
        expectAllClose(obj[0]["offset_unloaded"] as! [Double], try ReferenceArray(u["offset_unloaded"]).re, rtol: 1e-5, atol: 1e-8, "offset")
        let und = try RaftExecutable.run(exe, ["properties", Self.designs + "/OC4semi.yaml", "--json", "--pose", "undisplaced"])
        let o2 = (try JSONSerialization.jsonObject(with: Data(und.stdout.utf8)) as! [String: Any])["fowts"] as! [[String: Any]]
        #expect(o2[0]["offset_unloaded"] == nil && o2[0]["V"] != nil)
    }

    @Test("raft rotor --json reproduces RAFT's operating point (VolturnUS-S case 0 rotor state)", .needsReference, .needsRaftExecutable)
    func rotor() throws {
        let exe = try #require(RaftExecutable.url)
        let ref = try Reference.json("designs-e2e/VolturnUS-S.json") as! [String: Any]
        let ci = (ref["case_internals"] as! [[String: Any]])[0]
        let rr = ((ci["fowt"] as! [[String: Any]])[0]["rotors"] as! [[String: Any]])[0]
        let wind = (ref["cases"] as! [[String: Any]])[0]["wind_speed"] as! Double
        let r = try RaftExecutable.run(exe, ["rotor", Self.designs + "/VolturnUS-S.yaml", "--wind", "\(wind)", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Double]
        for (k, rk) in [("thrust_N", "aero_thrust"), ("torque_Nm", "aero_torque"), ("power_W", "aero_power"), ("Omega_rpm", "Omega_case")] {
            let want = try ReferenceArray(rr[rk]).scalar
            #expect(abs(obj[k]! - want) <= 1e-5 * abs(want), "\(k): \(obj[k]!) vs \(want)")
        }
        let noWind = try RaftExecutable.run(exe, ["rotor", Self.designs + "/VolturnUS-S.yaml"])
        #expect(noWind.status == 64)
    }

    @Test("raft sweep: sharded runs merge to the unsharded table; failures recorded", .needsReference, .needsRaftExecutable)
    func sweep() throws {
        let exe = try #require(RaftExecutable.url)
        let dir = Self.tempDir()
        let spec = """
        design: \(Self.designs)/OC3spar.yaml
        parameters:
          - path: mooring.lines[*].length
            values: [880, 902.2]
          - path: platform.members[0].rho_fill[0]
            values: [1750, 1800.0]
        metrics: [pitch_std, Tmoor_max, fn_heave, case1.surge_std]
        """
        try spec.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        let whole = try RaftExecutable.run(exe, ["sweep", dir + "/s.yaml", "-o", dir + "/whole", "-q"])
        #expect(whole.status == 0, "\(whole.stderr)")
        for i in 0..<2 {
            let r = try RaftExecutable.run(exe, ["sweep", dir + "/s.yaml", "-o", dir + "/shard\(i)", "--shard", "\(i)/2", "-q"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let m = try RaftExecutable.run(exe, ["sweep", "merge", dir + "/s.yaml", dir + "/shard0", dir + "/shard1", "-o", dir + "/merged"])
        #expect(m.status == 0, "\(m.stderr)")
        let a = try String(contentsOfFile: dir + "/whole/results.csv", encoding: .utf8)
        let b = try String(contentsOfFile: dir + "/merged/results.csv", encoding: .utf8)
        #expect(a == b)
        let rows = a.split(separator: "\n")
        #expect(rows.count == 5 && rows.dropFirst().allSatisfy { $0.contains(",ok,") })
        // The base-design variant (902.2 m, 1800 kg/m³) reproduces RAFT's OC3spar pitch_std of case 2.
        let ref = try Reference.json("designs-e2e/OC3spar.json") as! [String: Any]
        let cm = ref["case_metrics"] as! [String: Any]
        let pitchStd = try (0..<3).map { try ReferenceArray(((cm["\($0)"] as! [String: Any])["0"] as! [String: Any])["pitch_std"]).scalar }.max()!
        let last = rows[4].split(separator: ",", omittingEmptySubsequences: false)
        #expect(abs(Double(last[5])! - pitchStd) <= 1e-5 * pitchStd, "\(last)")
    }
}
