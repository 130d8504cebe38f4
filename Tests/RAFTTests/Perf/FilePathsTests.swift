import Testing
@testable import RAFTIO

/// `FilePaths` reads and writes as the `[String: String]` it replaces (`EarlyFiles`' temporaries by file name).
@Suite("File paths by name")
struct FilePathsTests {
    @Test func randomOperationsMatchADictionary() {
        var rng = SplitMix64(seed: 37)
        let names = ["summary.json", "case0_fowt0_psd.csv", "case0_fowt0_rao.csv", "case1_fowt0_psd.csv", "a", ""]
        for _ in 0..<200 {
            var paths = FilePaths(), dictionary: [String: String] = [:]
            for step in 0..<30 {
                let name = names[Int(rng.next() % UInt64(names.count))]
                let value: String? = rng.next() % 4 == 0 ? nil : "/tmp/.\(name).tmp-\(step)"
                paths[name] = value
                dictionary[name] = value
                #expect(paths[name] == dictionary[name])
                #expect(paths.isEmpty == dictionary.isEmpty && paths.count == dictionary.count)
            }
            for name in names { #expect(paths[name] == dictionary[name], "\(name)") }
            let listed = paths.map { "\($0.name)=\($0.path)" }.sorted()
            #expect(listed == dictionary.map { "\($0.key)=\($0.value)" }.sorted())
            #expect(Set(paths.map(\.name)).count == paths.count)  // one path per name
        }
    }

    /// Removing entries while iterating works on the value at the loop's start, as with a dictionary
    /// (`RunPublisher.publish` drops the temporaries of files the run does not publish).
    @Test func removingWhileIterating() {
        var paths = FilePaths()
        paths["a"] = "1"; paths["b"] = "2"; paths["c"] = "3"
        for (name, _) in paths where name != "b" { paths[name] = nil }
        #expect(paths.count == 1 && paths["b"] == "2" && paths["a"] == nil)
    }
}
