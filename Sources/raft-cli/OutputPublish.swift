#if canImport(FoundationEssentials)
import Dispatch
import FoundationEssentials
import Glibc
#else
import Foundation
#endif
import RAFT
import RAFTIO

/// Publishing a run's files into its output folder as one set.
///
/// - A new output folder: the files are written into a fresh temporary folder beside it, which is then renamed to
///   the output folder's name in one step, refusing to replace anything that appeared there meanwhile (then the
///   files are published as into an existing folder, below).
/// - An existing output folder: the files are written into it under temporary names (`.<name>.tmp-<pid>-<n>`,
///   as `AtomicFile` names its temporaries), then, under an exclusive lock on the folder, the outputs of an
///   earlier run (`summary.json`, `case*_psd.csv`, `case*_rao.csv` and the `plots/` that `raft plot` drew from
///   them) are removed and the new files renamed to their names, the summary last.
///
/// A reused folder therefore never shows old case CSVs beside a new summary (its summary goes first, the new one
/// comes last), two concurrent runs into one folder leave one complete set, and a failure or a signal leaves no
/// partial file (the temporary folder or files are removed; see `Interrupts`, which also lets a publishing step
/// finish first). A process killed outright leaves its temporaries, named as above, and never a summary beside a
/// mixed set.
///
/// Why not a temporary folder and renames over the old files every time: on ext4, renaming a file over another
/// makes the file system write the new one out at once (`auto_da_alloc`), and removing the emptied temporary
/// folder frees its block (a discard that waits for this machine's disk). An earlier file removed just before its
/// successor is renamed in triggers no write-out (and frees no block if it was never written back, as when runs
/// follow each other). `perf trace -s`, OC3spar, 8–10 runs each, three sessions at load 7–8: into an existing
/// folder the renames, `rmdir`, unlink and the `stat`s around them took 8–27 ms per run, now 0.4–2.9 ms (7 unlinks,
/// 7 renames; the unlinks wait for discards when the earlier files had been written back); into a new folder
/// 4.7–10 ms, now 0.25–0.8 ms (one `mkdir`, one `renameat2`).
enum RunPublisher {
    /// Publish `files` (name and text; `summary.json` among them) into `dir`. Returns the published paths.
    /// - Parameter early: the temporaries already written while the run computed (`EarlyFiles`, made for `dir`
    ///   before the run); they are published instead of writing those files again, or removed when `dir` changed
    ///   meanwhile (appeared or vanished), and then every file is written here.
    static func publish(into dir: String, files: [(name: String, text: String)], early: EarlyFiles? = nil) throws -> [String] {
        var st = stat()
        let isNew = stat(dir, &st) != 0 && errno == ENOENT
        var written = early?.close(folderIsNew: isNew) ?? FilePaths()
        for (name, path) in written where !files.contains(where: { $0.name == name }) {
            unlink(path)  // (not expected: every case file the formatter wrote is among the run's files)
            written[name] = nil
        }
        if isNew {
            return try publishNewFolder(dir, files, tmpFolder: written.isEmpty ? nil : early?.tmpFolder, written: written)
        }
        return try publishIntoFolder(dir, files, written: written)
    }

    /// The temporary folder of a new output folder `dir`: beside it, named after it, this process and `n`.
    static func temporaryFolder(for dir: String, _ n: UInt32) -> String {
        let parent = dir.pathDeletingLastComponent
        return (parent.isEmpty ? "." : parent).pathAppending(".\(dir.pathLastComponent)\(AtomicFile.temporaryMarker(n))")
    }

    /// `dir` did not exist: a temporary folder beside it, renamed to `dir` when complete. `tmpFolder` is the one the
    /// early files (`written`, by name) are in, if any.
    private static func publishNewFolder(_ dir: String, _ files: [(name: String, text: String)], tmpFolder: String?,
                                         written: FilePaths) throws -> [String] {
        let tmp = tmpFolder ?? temporaryFolder(for: dir, UInt32.random(in: 0...UInt32.max))
        Interrupts.register(tmp)
        var published = false
        defer {
            if !published { try? FileManager.default.removeItem(atPath: tmp) }
            Interrupts.unregister(tmp)
        }
        if tmpFolder == nil && mkdir(tmp, 0o777) != 0 {
            // A missing parent folder (or an error, worded as before): FileManager creates the chain or says why.
            try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        }
        for file in files where written[file.name] == nil {
            try AtomicFile.writeNew(file.text, to: tmp.pathAppending(file.name))
        }
        published = Interrupts.whilePublishing { renameNoReplace(tmp, dir) }
        if published { return files.map { dir.pathAppending($0.name) } }
        // `dir` appeared meanwhile (another run), or this file system cannot refuse to replace: file by file.
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw OutputFolder.Problem(description: "cannot create the output folder '\(dir)' (\(OutputFolder.reason(error)))")
        }
        return try lockedReplace(in: dir, files.map { (tmp.pathAppending($0.name), $0.name) })
    }

    /// `dir` exists: the files beside their targets under temporary names, then renamed under the lock.
    /// `written`: the early temporaries in `dir` (`EarlyFiles`), by name.
    private static func publishIntoFolder(_ dir: String, _ files: [(name: String, text: String)],
                                          written: FilePaths) throws -> [String] {
        Interrupts.watch(folder: dir)
        let marker = AtomicFile.temporaryMarker(.random(in: 0...UInt32.max))
        var moves: [(from: String, name: String)] = []
        var done = false
        defer { if !done { for m in moves { unlink(m.from) } } }
        for file in files where written[file.name] != nil { moves.append((written[file.name]!, file.name)) }
        for file in files where written[file.name] == nil {
            let tmp = dir.pathAppending(".\(file.name)\(marker)")
            try AtomicFile.writeNew(file.text, to: tmp, reportedPath: dir.pathAppending(file.name))
            moves.append((tmp, file.name))
        }
        let out = try lockedReplace(in: dir, moves)
        done = true
        return out
    }

    /// Under an exclusive lock on `dir`: remove the earlier run's outputs that are not replaced, and its summary;
    /// then move each file to its name in `dir` (`summary.json` last).
    private static func lockedReplace(in dir: String, _ moves: [(from: String, name: String)]) throws -> [String] {
        // The lock is taken on the folder itself (no lock file is left behind).
        let fd = open(dir, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw OutputFolder.Problem(description: "cannot lock the output folder '\(dir)' (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw OutputFolder.Problem(description: "cannot lock '\(dir)' (\(String(cString: strerror(errno))))") }
        defer { flock(fd, LOCK_UN) }
        let ordered = moves.filter { $0.name != "summary.json" } + moves.filter { $0.name == "summary.json" }
        return try Interrupts.whilePublishing {
            let names = Set(moves.map { $0.name })
            var present: Set<String> = []
            for (f, isFolder) in entries(of: fd) where isRunOutput(f) {
                let path = dir.pathAppending(f)
                if f == "summary.json" || !names.contains(f) {
                    if isFolder || unlink(path) != 0 { try? FileManager.default.removeItem(atPath: path) }
                } else {
                    present.insert(f)
                }
            }
            var out: [String] = []
            for m in ordered {
                let target = dir.pathAppending(m.name)
                // An earlier file of the same name goes just before its replacement arrives (rather than being
                // renamed over): ext4 writes a file out at once when it is renamed over another.
                if present.contains(m.name) { unlink(target) }
                guard rename(m.from, target) == 0 else {
                    throw OutputFolder.Problem(description: "cannot move \(m.name) into '\(dir)' (\(String(cString: strerror(errno))))")
                }
                out.append(target)
            }
            return out
        }
    }

    /// Names in the open folder `fd` (without "." and ".."), each with whether it is a folder (a symbolic link
    /// or an unknown type counts as a folder: it is then removed as `FileManager` removes it).
    private static func entries(of fd: Int32) -> [(name: String, isFolder: Bool)] {
        let copy = dup(fd)
        guard copy >= 0, let d = fdopendir(copy) else { return [] }
        defer { closedir(d) }
        rewinddir(d)
        var out: [(name: String, isFolder: Bool)] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            out.append((name, e.pointee.d_type != UInt8(DT_REG)))
        }
        return out
    }

    /// `renameat2(from, to, RENAME_NOREPLACE)`: false when it is unavailable or refused (`to` exists, or the file
    /// system cannot do it). Looked up in the C library, whose header Swift does not import.
    private static func renameNoReplace(_ from: String, _ to: String) -> Bool {
        typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let f = renameat2 else { return false }
        return unsafeBitCast(f, to: Renameat2.self)(AT_FDCWD, from, AT_FDCWD, to, 1 /* RENAME_NOREPLACE */) == 0
    }
    nonisolated(unsafe) private static let renameat2 = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2")

    /// Files a `raft run` writes (and a later run into the same folder replaces).
    static func isRunOutput(_ name: String) -> Bool {
        name == "summary.json" || name == "plots"
            || (name.hasPrefix("case") && (name.hasSuffix("_psd.csv") || name.hasSuffix("_rao.csv")))
    }
}

/// The case files of a `raft run` written as temporaries as soon as they are formatted (on the formatter's threads,
/// while the later cases are computed), for `RunPublisher.publish` to publish with the summary: the main thread
/// then writes only `summary.json` before the renames (it wrote every file after the last case).
///
/// Where they go is decided when the run starts, as `publish` decides it at the end: into a new output folder's
/// temporary folder (made at the first write; no early files when its parent folder is missing), or beside their
/// targets in an existing output folder (`.<name>.tmp-<pid>-<n>`). The temporaries are removed when the run fails
/// (`discard`), when `publish` finds that the folder appeared or vanished meanwhile (it then writes every file
/// itself), and by `Interrupts` on SIGINT/SIGTERM; each write holds off that clean-up (`Interrupts.whilePublishing`),
/// so no temporary is created after it. A file that cannot be written early is written by `publish` as before,
/// which reports the error. A process killed outright leaves the temporaries written so far (as it may leave those
/// of `publish`).
final class EarlyFiles: @unchecked Sendable {
    let dir: String
    /// The temporary folder of a new output folder; nil when `dir` existed at the start.
    let tmpFolder: String?
    private let marker: String
    // Guarded by `Interrupts`' lock (`whilePublishing`):
    private var accepting = true
    private var folderMade = false
    private var written = FilePaths()

    init(for dir: String) {
        self.dir = dir
        let n = UInt32.random(in: 0...UInt32.max)
        var st = stat()
        if stat(dir, &st) != 0 && errno == ENOENT {
            let tmp = RunPublisher.temporaryFolder(for: dir, n)
            Interrupts.register(tmp)
            tmpFolder = tmp
        } else {
            Interrupts.watch(folder: dir)
            tmpFolder = nil
        }
        marker = AtomicFile.temporaryMarker(n)
    }

    /// Writes `text` as the temporary of the run's file `name` (nothing once the run has ended or failed, or when
    /// the temporary folder cannot be made).
    func write(_ name: String, _ text: String) {
        Interrupts.whilePublishing {
            guard accepting else { return }
            let path: String
            if let tmpFolder {
                if !folderMade {
                    guard mkdir(tmpFolder, 0o777) == 0 else { accepting = false; return }
                    folderMade = true
                }
                path = tmpFolder.pathAppending(name)
            } else {
                path = dir.pathAppending(".\(name)\(marker)")
            }
            // writeNew removes a partial file on failure
            if (try? AtomicFile.writeNew(text, to: path)) != nil { written[name] = path }
        }
    }

    /// Ends the early writing and returns the temporaries written (path by file name) for `publish`: none when
    /// whether `dir` is new (`folderIsNew`) changed since the start; those are removed.
    func close(folderIsNew: Bool) -> FilePaths {
        let out: FilePaths = Interrupts.whilePublishing {
            accepting = false
            if folderIsNew == (tmpFolder != nil) && !written.isEmpty { return written }
            removeWritten()
            return FilePaths()
        }
        if out.isEmpty, let tmpFolder { Interrupts.unregister(tmpFolder) }
        return out
    }

    /// Ends the early writing and removes every temporary written so far (the run failed).
    func discard() {
        Interrupts.whilePublishing {
            accepting = false
            removeWritten()
        }
        if let tmpFolder { Interrupts.unregister(tmpFolder) }
    }

    /// Under `Interrupts`' lock.
    private func removeWritten() {
        if let tmpFolder {
            if folderMade { try? FileManager.default.removeItem(atPath: tmpFolder) }
            folderMade = false
        } else {
            for (_, path) in written { unlink(path) }
        }
        written = FilePaths()
    }
}

/// SIGINT/SIGTERM: remove this process's temporary files and folders, then exit 128 + signal.
///
/// Registered paths are removed whole; registered folders are also scanned for `AtomicFile` temporaries of this
/// process (`.<name>.tmp-<pid>-<n>`), so an interrupted sweep leaves finished variant files only and resumes.
/// A publishing step (`whilePublishing`) finishes before the clean-up starts.
enum Interrupts {
    nonisolated(unsafe) private static var paths: Set<String> = []
    nonisolated(unsafe) private static var folders: Set<String> = []
    private static let lock = MutexLock()

    /// `path` (a temporary file or folder about to be made) is removed on a signal. The handlers are installed
    /// first if they are not yet (`install`), so nothing registered can outlive an interrupt.
    static func register(_ path: String) { install(); lock.lock(); paths.insert(path); lock.unlock() }
    static func unregister(_ path: String) { lock.lock(); paths.remove(path); lock.unlock() }
    /// This process's temporaries in `folder` (and its `variants`) are removed on a signal; handlers as `register`.
    static func watch(folder: String) { install(); lock.lock(); folders.insert(folder); lock.unlock() }

    /// Runs `body` (the renames that publish a set of files) with the clean-up held off, so that a signal never
    /// removes files halfway through it.
    static func whilePublishing<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Installs the handlers: the first call does it, later ones return at once (a concurrent call waits for the
    /// first). `raft run` calls it on its start-up thread; `register` and `watch` call it too, so no temporary can
    /// exist before the handlers that remove it, however late that thread runs.
    static func install() { _ = sources }

    /// The handlers' dispatch sources, made once (kept alive for the process).
    nonisolated(unsafe) private static let sources: [DispatchSourceSignal] = [SIGINT, SIGTERM].map { sig in
        signal(sig, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        s.setEventHandler { cleanUpAndExit(sig) }
        s.resume()
        return s
    }

    static func cleanUpAndExit(_ sig: Int32) {
        lock.lock()
        let fm = FileManager.default
        for p in paths { try? fm.removeItem(atPath: p) }
        let marker = AtomicFile.processMarker
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
