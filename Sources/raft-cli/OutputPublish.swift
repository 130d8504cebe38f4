#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT

/// Publishing a run's files into its output folder as one set.
///
/// The files are written into a fresh temporary folder beside the output folder, then, under an exclusive lock on
/// the output folder, the outputs of an earlier run (`summary.json`, `case*_psd.csv`, `case*_rao.csv` and the `plots/`
/// that `raft plot` drew from them) are removed and the new files
/// renamed in. A reused folder therefore never shows old case CSVs beside a new summary, two concurrent runs into
/// one folder leave one complete set, and a failure or a signal leaves no partial file (the temporary folder is
/// removed; see `Interrupts`). `write` may therefore write its files under their own names
/// (`RunWriter.write(_:to:formatted:freshFolder:)`).
enum RunPublisher {
    /// Write with `write(tmpFolder)` and publish into `dir`. Returns the published paths.
    static func publish(into dir: String, _ write: (String) throws -> [String]) throws -> [String] {
        let fm = FileManager.default
        let parent = (dir).pathDeletingLastComponent
        let name = (dir).pathLastComponent
        let tmp = (parent.isEmpty ? "." : parent)
            .pathAppending(".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        Interrupts.register(tmp)
        defer {
            try? fm.removeItem(atPath: tmp)
            Interrupts.unregister(tmp)
        }
        try fm.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        let written = try write(tmp)
        do { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw OutputFolder.Problem(description: "cannot create the output folder '\(dir)' (\(OutputFolder.reason(error)))")
        }
        // The lock is taken on the folder itself (no lock file is left behind).
        let lockPath = dir
        let fd = open(dir, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw OutputFolder.Problem(description: "cannot lock the output folder '\(dir)' (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw OutputFolder.Problem(description: "cannot lock '\(lockPath)' (\(String(cString: strerror(errno))))") }
        defer { flock(fd, LOCK_UN) }
        // An earlier run's outputs go, except the files of the same names, which the renames below replace (one
        // step each); its summary goes first, so that no summary.json is ever seen beside a mixed set of case files.
        let names = Set(written.map(\.pathLastComponent))
        for f in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] where isRunOutput(f) && (f == "summary.json" || !names.contains(f)) {
            try? fm.removeItem(atPath: (dir).pathAppending(f))
        }
        var out: [String] = []
        for p in written {
            let target = (dir).pathAppending((p).pathLastComponent)
            guard rename(p, target) == 0 else {
                throw OutputFolder.Problem(description: "cannot move \((p).pathLastComponent) into '\(dir)' (\(String(cString: strerror(errno))))")
            }
            out.append(target)
        }
        return out
    }

    /// Files a `raft run` writes (and a later run into the same folder replaces).
    static func isRunOutput(_ name: String) -> Bool {
        name == "summary.json" || name == "plots"
            || (name.hasPrefix("case") && (name.hasSuffix("_psd.csv") || name.hasSuffix("_rao.csv")))
    }
}

/// SIGINT/SIGTERM: remove this process's temporary files and folders, then exit 128 + signal.
///
/// Registered paths are removed whole; registered folders are also scanned for `AtomicFile` temporaries of this
/// process (`.<name>.tmp-<pid>-<n>`), so an interrupted sweep leaves finished variant files only and resumes.
enum Interrupts {
    nonisolated(unsafe) private static var paths: Set<String> = []
    nonisolated(unsafe) private static var folders: Set<String> = []
    private static let lock = MutexLock()
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func register(_ path: String) { lock.lock(); paths.insert(path); lock.unlock() }
    static func unregister(_ path: String) { lock.lock(); paths.remove(path); lock.unlock() }
    static func watch(folder: String) { lock.lock(); folders.insert(folder); lock.unlock() }

    /// Install the handlers (once, at start-up).
    static func install() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler { cleanUpAndExit(sig) }
            s.resume()
            sources.append(s)
        }
    }

    static func cleanUpAndExit(_ sig: Int32) {
        lock.lock()
        let fm = FileManager.default
        for p in paths { try? fm.removeItem(atPath: p) }
        let marker = ".tmp-\(getpid())-"
        for folder in folders {
            for sub in [folder, (folder).pathAppending("variants")] {
                for f in (try? fm.contentsOfDirectory(atPath: sub)) ?? [] where f.hasPrefix(".") && f.contains(marker) {
                    try? fm.removeItem(atPath: (sub).pathAppending(f))
                }
            }
        }
        printError("interrupted (signal \(sig)); temporary files removed")
        _exit(128 + sig)
    }
}
