import CLapack
#if canImport(Glibc)
import Glibc
#endif
import Numerics
import Synchronization

/// Complex double as used across swift-raft (same 16-byte layout as LAPACK's `COMPLEX*16`).
public typealias ComplexDouble = Complex<Double>

/// A LAPACK routine returned a non-zero `info`.
///
/// `info < 0`: argument number `-info` was illegal (a bug on our side).
/// `info > 0`: routine-specific failure, e.g. an exactly singular factor `U(info,info)` in `zgesv`.
public struct LAPACKError: Error, CustomStringConvertible, Equatable, Sendable {
    public let routine: String
    public let info: Int
    public init(routine: String, info: Int) { self.routine = routine; self.info = info }
    public var description: String {
        if info < 0 { return "\(routine): argument \(-info) had an illegal value" }
        switch routine {
        case "zgesv", "zgetrf", "dgesv":
            return "\(routine): matrix is singular (zero pivot at row \(info))"
        case "dgeev", "zggev":
            return "\(routine): QR algorithm failed to converge (info \(info))"
        case "dsygv":
            return "\(routine): failed (info \(info)); B may not be positive definite"
        default:
            return "\(routine): failed with info \(info)"
        }
    }
}

/// Loading and threading control for OpenBLAS.
///
/// OpenBLAS is not linked into the programs: it is opened (`dlopen`) on first use, or on a background thread when
/// an executable calls `loadInBackground()` first thing. Linking it cost every process about 2 ms of CPU before
/// `main` (the loader resolving its 16,000 relocations, libgfortran's and libquadmath's, and its constructor
/// starting a worker pool), also for commands that never solve anything; loaded in the background, that work
/// overlaps with reading the design. The routines are the same library's, so every result keeps its bits.
///
/// swift-raft runs OpenBLAS single-threaded: its threads make the small solves here 4-7x slower, and swift-raft
/// parallelises over cases, frequencies and designs instead. The setting is applied exactly once per process,
/// right after loading and before any routine is handed out: every wrapper in this module gets the routines
/// through `routines`, so no solve can be running on OpenBLAS's worker pool while the pool is being shut down
/// (a solve caught that way waited forever). Code outside this module must not call OpenBLAS directly.
public enum BLAS {
    /// Load OpenBLAS and apply the single-thread setting now (idempotent, thread-safe). Library users need not
    /// call it: the first LAPACK call does the same.
    public static func setSingleThreaded() { _ = routines }

    /// Start loading OpenBLAS (and applying the single-thread setting) on a detached background thread and return
    /// at once; the first LAPACK call waits for it if it has not finished. For executables, first thing in `main`.
    public static func loadInBackground() {
        #if canImport(Glibc)
        var thread = pthread_t()
        expectLoadElsewhere()
        if pthread_create(&thread, nil, { _ in BLAS.loadHere(); return nil }, nil) == 0 {
            pthread_detach(thread)
        } else {
            cancelLoadElsewhere()  // no thread: the first LAPACK call loads the library, as before
        }
        #endif
    }

    /// Number of threads OpenBLAS currently uses (1 once loaded).
    public static var threadCount: Int { Int(routines.getNumThreads()) }

    /// The OpenBLAS routines, loaded and set to one thread. While another thread loads them (`expectLoadElsewhere`),
    /// a caller sleeps until they are there (`LoadSignal`); otherwise the first caller loads them.
    static var routines: Routines {
        if !isLoaded { loadSignal.waitIfExpected() }
        return loadedRoutines
    }

    /// The routines, lazily initialised under `swift_once`. Concurrent first callers would wait in the runtime's lock,
    /// which on Linux is a priority-inheriting futex: the kernel spins the waiter on its core for as long as the
    /// loading thread runs (`rt_mutex` optimistic spinning; in a fresh `raft run` the main thread spun ~0.6 ms there,
    /// a core the load or the airfoil fits could have had). `routines` therefore sleeps first when it can.
    private static let loadedRoutines: Routines = {
        let r = Routines.load()
        loaded.store(true, ordering: .releasing)
        loadSignal.announce()
        return r
    }()

    /// Loads the routines on this thread (the thread that `expectLoadElsewhere` promised).
    package static func loadHere() { _ = loadedRoutines }

    /// Says that another thread will load the library soon (`loadHere`): until it has, callers of `routines` sleep
    /// instead of loading it themselves. Call before starting that thread; `cancelLoadElsewhere` if it cannot start.
    package static func expectLoadElsewhere() { loadSignal.expect(true) }
    package static func cancelLoadElsewhere() { loadSignal.expect(false) }

    private static let loadSignal = LoadSignal()

    /// Set once `routines` is loaded (read without waiting for the load, unlike `routines`).
    private static let loaded = Atomic<Bool>(false)

    /// Whether OpenBLAS is loaded and set up (`routines` then returns at once, or after the few instructions that
    /// publish it).
    static var isLoaded: Bool { loaded.load(ordering: .acquiring) }
}

/// The sleeping wait for a library another thread loads (`BLAS.routines`): a plain (not priority-inheriting) mutex
/// and condition variable, so a waiter blocks at once and leaves its core to the others.
private final class LoadSignal: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Guarded by `mutex`.
    private var expected = false, announced = false

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    func expect(_ value: Bool) {
        pthread_mutex_lock(mutex)
        expected = value
        pthread_mutex_unlock(mutex)
    }

    /// Called once the routines are loaded: wakes every sleeper.
    func announce() {
        pthread_mutex_lock(mutex)
        announced = true
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
    }

    /// Sleeps while a load is expected on another thread and not announced yet.
    func waitIfExpected() {
        pthread_mutex_lock(mutex)
        while expected && !announced { pthread_cond_wait(condition, mutex) }
        pthread_mutex_unlock(mutex)
    }
}

/// Entry points of the loaded OpenBLAS (the prototypes in CLapack's shim.h).
struct Routines: @unchecked Sendable {
    let zgesv: lpk_zgesv_fn
    let zgetrf: lpk_zgetrf_fn
    let zgetrs: lpk_zgetrs_fn
    let dgesv: lpk_dgesv_fn
    let dgeev: lpk_dgeev_fn
    let dsygv: lpk_dsygv_fn
    let zggev: lpk_zggev_fn
    let getNumThreads: lpk_get_num_threads_fn
    /// The core whose kernels `SmallZgesv` mirrors to reproduce this library's `zgesv` bits on this CPU (see there),
    /// or nil: set when the library says it is "OpenBLAS 0.3.21" built with `DYNAMIC_ARCH` and runs one of the cores
    /// of `OpenBLASCore`. `RAFT_ZGESV=openblas` turns the mirror off.
    let zgesvCore: OpenBLASCore?
    /// Whether `SmallZgesv` is in use (`zgesvCore` is set).
    var zgesvMirrored: Bool { zgesvCore != nil }
    /// `RAFT_ZGESV=check`: every mirrored solve is also solved by OpenBLAS, and any bit of difference stops the
    /// process (for proving the identity on real systems, e.g. a whole run of every design).
    let zgesvCheck: Bool
    /// The core whose kernels `SmallDgesv` mirrors (as `zgesvCore`, with `RAFT_DGESV=openblas` turning it off).
    let dgesvCore: OpenBLASCore?
    /// `RAFT_DGESV=check`: as `zgesvCheck`, for the mirrored real solves.
    let dgesvCheck: Bool

    /// Linux: `dlopen` of the system's `libopenblas.so.0` (Debian's alternatives link: the pthread, OpenMP or serial
    /// build, whichever is installed), local symbols. Elsewhere the library is linked (Package.swift) and its
    /// symbols are looked up in the process. A missing library or routine ends the process with exit code 1.
    /// `RTLD_LAZY`: the library's ~2,000 calls into libc/libgfortran are bound when first called instead of all at
    /// load (its ~14,000 data relocations are bound at load either way): `dlopen` 1.8 → 1.55 ms of CPU (minimum of 25).
    /// `RTLD_DEEPBIND` (see `bindFlags`): each of those relocations looks its symbol up in OpenBLAS and its own
    /// dependencies first, where nearly all of them are defined, instead of first in the executable, libm, libgcc_s
    /// and libc: `dlopen` + pool shutdown in a fresh C process, minimum of 60: 1.76 → 1.50 ms of CPU.
    static func load() -> Routines {
        #if os(Linux)
        guard let handle = dlopen("libopenblas.so.0", RTLD_LAZY | RTLD_LOCAL | bindFlags) else {
            fail("cannot load OpenBLAS: \(dlerror().map { String(cString: $0) } ?? "dlopen failed") "
                 + "(Debian/Ubuntu: apt-get install libopenblas0)")
        }
        #else
        let handle = dlopen(nil, RTLD_NOW)
        #endif
        func symbol<T>(_ name: String, as: T.Type) -> T {
            guard let p = dlsym(handle, name) else { fail("OpenBLAS has no routine \(name)") }
            return unsafeBitCast(p, to: T.self)
        }
        let routines = Routines(
            zgesv: symbol("zgesv_", as: lpk_zgesv_fn.self), zgetrf: symbol("zgetrf_", as: lpk_zgetrf_fn.self),
            zgetrs: symbol("zgetrs_", as: lpk_zgetrs_fn.self), dgesv: symbol("dgesv_", as: lpk_dgesv_fn.self),
            dgeev: symbol("dgeev_", as: lpk_dgeev_fn.self), dsygv: symbol("dsygv_", as: lpk_dsygv_fn.self),
            zggev: symbol("zggev_", as: lpk_zggev_fn.self),
            getNumThreads: symbol("openblas_get_num_threads", as: lpk_get_num_threads_fn.self),
            zgesvCore: mirroredCore(handle, switch: "RAFT_ZGESV"),
            zgesvCheck: getenv("RAFT_ZGESV").map { String(cString: $0) == "check" } ?? false,
            dgesvCore: mirroredCore(handle, switch: "RAFT_DGESV"),
            dgesvCheck: getenv("RAFT_DGESV").map { String(cString: $0) == "check" } ?? false)
        // OpenBLAS (Debian's pthread build) starts a worker pool when it is loaded (unless OPENBLAS_NUM_THREADS=1,
        // which `raft` sets for itself); its idle worker spins on another core. When the library's internal symbols
        // are present we shut the pool down and size it to one thread, so that `openblas_set_num_threads(1)` does
        // not restart a worker. Only safe while no BLAS call is in flight: no caller has the routines before this
        // function returns.
        if let shutdown = dlsym(handle, "blas_thread_shutdown_"),
           let poolSize = dlsym(handle, "blas_num_threads"), let cpuNumber = dlsym(handle, "blas_cpu_number") {
            _ = unsafeBitCast(shutdown, to: lpk_thread_shutdown_fn.self)()
            poolSize.assumingMemoryBound(to: Int32.self).pointee = 1
            cpuNumber.assumingMemoryBound(to: Int32.self).pointee = 1
        }
        symbol("openblas_set_num_threads", as: lpk_set_num_threads_fn.self)(1)
        return routines
    }

    /// `RTLD_DEEPBIND`, unless a sanitizer runtime is in the process (they stop a process that opens a library
    /// with it, and intercept the symbols it would bypass). With deep binding, a symbol OpenBLAS uses that the
    /// program or an `LD_PRELOAD` library also defines (say `malloc` of a preloaded allocator) is taken from
    /// OpenBLAS's own dependencies (libc); OpenBLAS frees only what it allocated, and its routines compute the same.
    private static var bindFlags: Int32 {
        #if os(Linux)
        // Every sanitizer runtime (ASan, TSan, UBSan, MSan, LSan) exports this sanitizer_common entry point.
        return dlsym(nil /* RTLD_DEFAULT */, "__sanitizer_set_report_path") == nil ? RTLD_DEEPBIND : 0
        #else
        return 0
        #endif
    }

    /// See `zgesvCore`; `name`: the environment variable whose value `openblas` turns the mirror off.
    private static func mirroredCore(_ handle: UnsafeMutableRawPointer?, switch name: String) -> OpenBLASCore? {
        #if arch(x86_64)
        if let setting = getenv(name), String(cString: setting) == "openblas" { return nil }
        guard let core = dlsym(handle, "openblas_get_corename"), let config = dlsym(handle, "openblas_get_config")
        else { return nil }
        typealias Text = @convention(c) () -> UnsafePointer<CChar>?
        guard let coreName = unsafeBitCast(core, to: Text.self)(), let configText = unsafeBitCast(config, to: Text.self)()
        else { return nil }
        let words = String(cString: configText).split(separator: " ")
        guard words.count > 2 && words[0] == "OpenBLAS" && words[1] == "0.3.21" && words.contains("DYNAMIC_ARCH")
        else { return nil }
        return OpenBLASCore(coreName: String(cString: coreName))
        #else
        return nil
        #endif
    }

    private static func fail(_ message: String) -> Never {
        #if canImport(Glibc)
        var text = "error: \(message)\n"
        _ = text.withUTF8 { write(2, $0.baseAddress, $0.count) }
        exit(1)
        #else
        fatalError(message)
        #endif
    }
}

/// Complex LU solve `A x = b` (LAPACK `zgesv`) on caller-owned, reusable buffers.
///
/// One instance per thread: it owns its pivot array and a column-major copy of `A`, so repeated
/// solves of the same size allocate nothing.
public final class ComplexLinearSolver {
    public let n: Int
    private var pivots: [Int32]
    /// Scratch copy of A (column-major, n*n).
    public var matrix: [ComplexDouble]
    /// Right-hand sides, overwritten by the solution (column-major, n*nrhs).
    public var rhs: [ComplexDouble]
    public let nrhs: Int

    public init(n: Int, nrhs: Int = 1) {
        self.n = n
        self.nrhs = nrhs
        pivots = [Int32](repeating: 0, count: max(n, 1))
        matrix = [ComplexDouble](repeating: .zero, count: n * n)
        rhs = [ComplexDouble](repeating: .zero, count: n * nrhs)
    }

    /// Solve in place: `matrix` is destroyed (holds the LU factors), `rhs` becomes the solution.
    ///
    /// One right-hand side of order ≤ 9 with finite entries goes to `SmallZgesv` where it reproduces this
    /// OpenBLAS's bits (`BLAS.routines.zgesvCore`); everything else calls OpenBLAS's `zgesv`.
    /// While OpenBLAS is still loading, a run that predicts its core (`CorePrediction`) mirrors the predicted core.
    public func solveInPlace() throws(LAPACKError) {
        if nrhs == 1 && n <= SmallZgesv.maxOrder && isFinite {
            if let core = CorePrediction.coreWhileLoading() { return try solveInPlaceMirrored(core: core) }
            if BLAS.routines.zgesvMirrored {
                if BLAS.routines.zgesvCheck { return try solveAndCheck() }
                return try solveInPlaceMirrored()
            }
        }
        try solveInPlaceWithOpenBLAS()
    }

    /// `RAFT_ZGESV=check`: the mirror, compared bit for bit with OpenBLAS on a copy; a difference ends the process.
    private func solveAndCheck() throws(LAPACKError) {
        let reference = ComplexLinearSolver(n: n, nrhs: nrhs)
        reference.matrix = matrix
        reference.rhs = rhs
        var referenceInfo = 0, info = 0
        do { try reference.solveInPlaceWithOpenBLAS() } catch { referenceInfo = error.info }
        do { try solveInPlaceMirrored() } catch { info = error.info }
        func same(_ a: [ComplexDouble], _ b: [ComplexDouble]) -> Bool {
            zip(a, b).allSatisfy { $0.real.bitPattern == $1.real.bitPattern && $0.imaginary.bitPattern == $1.imaginary.bitPattern }
        }
        if info != referenceInfo || pivots != reference.pivots || !same(matrix, reference.matrix)
            || (info == 0 && !same(rhs, reference.rhs)) {
            fatalError("RAFT_ZGESV=check: SmallZgesv differs from OpenBLAS zgesv (n = \(n), info \(info) vs \(referenceInfo))")
        }
        if info != 0 { throw LAPACKError(routine: "zgesv", info: info) }
    }

    /// Whether every entry of `matrix` and `rhs` is finite (read through pointers: no allocation in debug builds).
    private var isFinite: Bool {
        func allFinite(_ values: [ComplexDouble]) -> Bool {
            values.withUnsafeBufferPointer { p in p.withMemoryRebound(to: Double.self) { everyValueFinite($0) } }
        }
        return allFinite(matrix) && allFinite(rhs)
    }

    /// `solveInPlace` always through OpenBLAS's `zgesv` (the reference of the identity tests).
    package func solveInPlaceWithOpenBLAS() throws(LAPACKError) {
        var n32 = Int32(n), nr = Int32(nrhs), lda = Int32(max(n, 1)), info: Int32 = 0
        matrix.withUnsafeMutableBufferPointer { ap in
            rhs.withUnsafeMutableBufferPointer { bp in
                pivots.withUnsafeMutableBufferPointer { pp in
                    ap.withMemoryRebound(to: lpk_z.self) { a in
                        bp.withMemoryRebound(to: lpk_z.self) { b in
                            BLAS.routines.zgesv(&n32, &nr, a.baseAddress, &lda, pp.baseAddress, b.baseAddress, &lda, &info)
                        }
                    }
                }
            }
        }
        if info != 0 { throw LAPACKError(routine: "zgesv", info: Int(info)) }
    }

    /// `solveInPlace` always through `SmallZgesv` (n ≤ 9, one right-hand side), whatever the CPU: for the identity
    /// tests and benchmarks. `core`: the kernels to mirror; by default this machine's (`BLAS.routines.zgesvCore`),
    /// Zen's where the mirror is off.
    package func solveInPlaceMirrored(core: OpenBLASCore? = nil) throws(LAPACKError) {
        precondition(nrhs == 1 && n <= SmallZgesv.maxOrder, "SmallZgesv: one right-hand side, n <= 9")
        let core = core ?? BLAS.routines.zgesvCore ?? .zen
        let info = matrix.withUnsafeMutableBufferPointer { ap in
            rhs.withUnsafeMutableBufferPointer { bp in
                pivots.withUnsafeMutableBufferPointer { pp in
                    ap.withMemoryRebound(to: Double.self) { a in
                        bp.withMemoryRebound(to: Double.self) { b in
                            SmallZgesv.solve(n: n, a: a.baseAddress!, pivots: pp.baseAddress!, b: b.baseAddress!, core: core)
                        }
                    }
                }
            }
        }
        if info != 0 { throw LAPACKError(routine: "zgesv", info: info) }
    }

    /// Row interchanges of the last solve (1-based, as LAPACK's `ipiv`).
    package var pivotRows: [Int32] { pivots }

    /// Whether `solveInPlace` takes the mirrored path on this machine for one right-hand side of order ≤ 9.
    package static var mirrorsOpenBLAS: Bool { BLAS.routines.zgesvMirrored }

    /// The OpenBLAS core `solveInPlace` mirrors on this machine, if any.
    package static var mirroredCore: OpenBLASCore? { BLAS.routines.zgesvCore }

    /// Convenience: solve `A x = b` for column-major `a` (n*n) and `b` (n*nrhs).
    public static func solve(_ a: [ComplexDouble], _ b: [ComplexDouble], n: Int) throws(LAPACKError) -> [ComplexDouble] {
        precondition(a.count == n * n && b.count % max(n, 1) == 0, "dimension mismatch")
        let s = ComplexLinearSolver(n: n, nrhs: b.count / max(n, 1))
        s.matrix = a
        s.rhs = b
        try s.solveInPlace()
        return s.rhs
    }
}

/// Real dense solves and eigen-problems.
public enum RealLAPACK {
    /// Solve `A x = b` (LAPACK `dgesv`); `a` column-major n*n, `b` n*nrhs column-major.
    ///
    /// One right-hand side of order ≤ 9 with finite entries goes to `SmallDgesv` where it reproduces this OpenBLAS's
    /// bits (`BLAS.routines.dgesvCore`, or while the library is loading a run's `CorePrediction`); everything else,
    /// and a mirrored solve whose factors or solution are not all finite, calls OpenBLAS's `dgesv`.
    public static func solve(_ a: [Double], _ b: [Double], n: Int) throws(LAPACKError) -> [Double] {
        precondition(a.count == n * n && b.count % max(n, 1) == 0, "dimension mismatch")
        if n >= 1 && n <= SmallDgesv.maxOrder && b.count == n, let x = try solveMirrored(a, b, n: n) { return x }
        return try solveGeneral(a, b, n: n)
    }

    /// OpenBLAS's `dgesv` with everything it leaves: factors, pivots, `info` (not thrown) and the right-hand side
    /// (the reference of the identity tests).
    package static func openBLASDgesv(_ a: [Double], _ b: [Double], n: Int)
        -> (lu: [Double], pivots: [Int32], x: [Double], info: Int)
    {
        var a = a, b = b
        var ipiv = [Int32](repeating: 0, count: max(n, 1))
        var n32 = Int32(n), nrhs = Int32(b.count / max(n, 1)), lda = Int32(max(n, 1)), info: Int32 = 0
        BLAS.routines.dgesv(&n32, &nrhs, &a, &lda, &ipiv, &b, &lda, &info)
        return (a, ipiv, b, Int(info))
    }

    /// `SmallDgesv` for one right-hand side, or nil where OpenBLAS must solve (no mirrored core, a value or a result
    /// that is not finite). `core`: the kernels to mirror; by default the loaded library's or the run's prediction.
    package static func solveMirrored(_ a: [Double], _ b: [Double], n: Int, core: OpenBLASCore? = nil)
        throws(LAPACKError) -> [Double]?
    {
        precondition(a.count == n * n && b.count == n && n >= 1 && n <= SmallDgesv.maxOrder)
        guard allFinite(a) && allFinite(b) else { return nil }
        let chosen: OpenBLASCore
        if let core { chosen = core } else if let predicted = CorePrediction.coreWhileLoading() { chosen = predicted } else {
            guard let loaded = BLAS.routines.dgesvCore else { return nil }
            if BLAS.routines.dgesvCheck { return try solveAndCheck(a, b, n: n, core: loaded) }
            chosen = loaded
        }
        let s = mirrored(a, b, n: n, core: chosen)
        guard allFinite(s.lu) && allFinite(s.x) else { return nil }
        if s.info != 0 { throw LAPACKError(routine: "dgesv", info: s.info) }
        return s.x
    }

    /// `SmallDgesv` on copies, with everything it leaves (as `openBLASDgesv`).
    package static func mirrored(_ a: [Double], _ b: [Double], n: Int, core: OpenBLASCore)
        -> (lu: [Double], pivots: [Int32], x: [Double], info: Int)
    {
        var lu = a, x = b
        var pivots = [Int32](repeating: 0, count: n)
        let info = lu.withUnsafeMutableBufferPointer { ap in
            x.withUnsafeMutableBufferPointer { bp in
                pivots.withUnsafeMutableBufferPointer { pp in
                    SmallDgesv.solve(n: n, a: ap.baseAddress!, pivots: pp.baseAddress!, b: bp.baseAddress!, core: core)
                }
            }
        }
        return (lu, pivots, x, info)
    }

    /// The OpenBLAS core `solve` mirrors on this machine once the library is loaded, if any.
    package static var mirroredCore: OpenBLASCore? { BLAS.routines.dgesvCore }

    /// `RAFT_DGESV=check`: the mirror and OpenBLAS on copies, bit for bit; a difference ends the process.
    private static func solveAndCheck(_ a: [Double], _ b: [Double], n: Int, core: OpenBLASCore)
        throws(LAPACKError) -> [Double]?
    {
        let reference = openBLASDgesv(a, b, n: n), s = mirrored(a, b, n: n, core: core)
        func same(_ u: [Double], _ v: [Double]) -> Bool { zip(u, v).allSatisfy { $0.bitPattern == $1.bitPattern } }
        guard allFinite(s.lu) && allFinite(s.x) else { return nil }
        if s.info != reference.info || s.pivots != reference.pivots || !same(s.lu, reference.lu)
            || (s.info == 0 && !same(s.x, reference.x)) {
            fatalError("RAFT_DGESV=check: SmallDgesv differs from OpenBLAS dgesv (n = \(n), info \(s.info) vs \(reference.info))")
        }
        if s.info != 0 { throw LAPACKError(routine: "dgesv", info: s.info) }
        return s.x
    }

    private static func allFinite(_ values: [Double]) -> Bool {
        values.withUnsafeBufferPointer { everyValueFinite($0) }
    }

    /// The general path of `solve` (any order and number of right-hand sides): OpenBLAS's `dgesv`.
    private static func solveGeneral(_ a: [Double], _ b: [Double], n: Int) throws(LAPACKError) -> [Double] {
        let s = openBLASDgesv(a, b, n: n)
        if s.info != 0 { throw LAPACKError(routine: "dgesv", info: s.info) }
        return s.x
    }

    /// `solve` on the caller's arrays: `a` is overwritten with its LU factors and `b` with the solution (LAPACK
    /// `dgesv`, the same call and bits; no copies of a large `a`). After a throw both hold what `dgesv` left.
    package static func solveInPlace(_ a: inout [Double], _ b: inout [Double], n: Int) throws(LAPACKError) {
        precondition(a.count == n * n && b.count % max(n, 1) == 0, "dimension mismatch")
        var ipiv = [Int32](repeating: 0, count: max(n, 1))
        var n32 = Int32(n), nrhs = Int32(b.count / max(n, 1)), lda = Int32(max(n, 1)), info: Int32 = 0
        BLAS.routines.dgesv(&n32, &nrhs, &a, &lda, &ipiv, &b, &lda, &info)
        if info != 0 { throw LAPACKError(routine: "dgesv", info: Int(info)) }
    }

    /// Eigenvalues and right eigenvectors of a general real matrix (LAPACK `dgeev`), as numpy.linalg.eig.
    ///
    /// - Parameter a: column-major n*n.
    /// - Returns: eigenvalues as complex numbers and right eigenvectors, column-major n*n complex
    ///   (column j belongs to value j, unit 2-norm as LAPACK returns them).
    public static func eigen(_ a: [Double], n: Int) throws(LAPACKError) -> (values: [ComplexDouble], vectors: [ComplexDouble]) {
        precondition(a.count == n * n, "dimension mismatch")
        var a = a
        var wr = [Double](repeating: 0, count: n), wi = [Double](repeating: 0, count: n)
        var vl = [Double](repeating: 0, count: 1), vr = [Double](repeating: 0, count: n * n)
        var n32 = Int32(n), lda = Int32(max(n, 1)), one: Int32 = 1, info: Int32 = 0
        var lwork: Int32 = -1
        var query = [Double](repeating: 0, count: 1)
        BLAS.routines.dgeev("N", "V", &n32, &a, &lda, &wr, &wi, &vl, &one, &vr, &lda, &query, &lwork, &info, 1, 1)
        if info != 0 { throw LAPACKError(routine: "dgeev", info: Int(info)) }
        lwork = Int32(query[0])
        var work = [Double](repeating: 0, count: Int(lwork))
        BLAS.routines.dgeev("N", "V", &n32, &a, &lda, &wr, &wi, &vl, &one, &vr, &lda, &work, &lwork, &info, 1, 1)
        if info != 0 { throw LAPACKError(routine: "dgeev", info: Int(info)) }
        var values = [ComplexDouble](repeating: .zero, count: n)
        var vectors = [ComplexDouble](repeating: .zero, count: n * n)
        var j = 0
        while j < n {
            values[j] = ComplexDouble(wr[j], wi[j])
            if wi[j] == 0 || j == n - 1 {
                for i in 0..<n { vectors[i + j * n] = ComplexDouble(vr[i + j * n], 0) }
                j += 1
            } else {
                // Complex pair: columns j and j+1 hold real and imaginary parts.
                values[j + 1] = ComplexDouble(wr[j + 1], wi[j + 1])
                for i in 0..<n {
                    let re = vr[i + j * n], im = vr[i + (j + 1) * n]
                    vectors[i + j * n] = ComplexDouble(re, im)
                    vectors[i + (j + 1) * n] = ComplexDouble(re, -im)
                }
                j += 2
            }
        }
        return (values, vectors)
    }

    /// Generalised symmetric-definite eigen-problem `K v = λ M v` (LAPACK `dsygv`, itype 1).
    /// - Returns: ascending eigenvalues and M-orthonormal eigenvectors (column-major).
    public static func symmetricEigen(k: [Double], m: [Double], n: Int) throws(LAPACKError) -> (values: [Double], vectors: [Double]) {
        precondition(k.count == n * n && m.count == n * n, "dimension mismatch")
        var a = k, b = m
        var w = [Double](repeating: 0, count: n)
        var itype: Int32 = 1, n32 = Int32(n), lda = Int32(max(n, 1)), info: Int32 = 0, lwork: Int32 = -1
        var query = [Double](repeating: 0, count: 1)
        BLAS.routines.dsygv(&itype, "V", "U", &n32, &a, &lda, &b, &lda, &w, &query, &lwork, &info, 1, 1)
        if info != 0 { throw LAPACKError(routine: "dsygv", info: Int(info)) }
        lwork = Int32(query[0])
        var work = [Double](repeating: 0, count: Int(lwork))
        BLAS.routines.dsygv(&itype, "V", "U", &n32, &a, &lda, &b, &lda, &w, &work, &lwork, &info, 1, 1)
        if info != 0 { throw LAPACKError(routine: "dsygv", info: Int(info)) }
        return (w, a)
    }
}

/// Complex generalised eigen-problem `A v = λ B v` (LAPACK `zggev`); returns (alpha, beta, right vectors).
public enum ComplexLAPACK {
    public static func generalizedEigen(a: [ComplexDouble], b: [ComplexDouble], n: Int) throws(LAPACKError)
        -> (alpha: [ComplexDouble], beta: [ComplexDouble], vectors: [ComplexDouble])
    {
        precondition(a.count == n * n && b.count == n * n, "dimension mismatch")
        var a = a, b = b
        var alpha = [ComplexDouble](repeating: .zero, count: n), beta = alpha
        var vl = [ComplexDouble](repeating: .zero, count: 1), vr = [ComplexDouble](repeating: .zero, count: n * n)
        var rwork = [Double](repeating: 0, count: 8 * max(n, 1))
        var n32 = Int32(n), lda = Int32(max(n, 1)), one: Int32 = 1, info: Int32 = 0, lwork: Int32 = -1
        var query = [ComplexDouble](repeating: .zero, count: 1)
        func call(_ work: inout [ComplexDouble]) {
            a.withUnsafeMutableBufferPointer { ap in b.withUnsafeMutableBufferPointer { bp in
            alpha.withUnsafeMutableBufferPointer { alp in beta.withUnsafeMutableBufferPointer { bep in
            vl.withUnsafeMutableBufferPointer { vlp in vr.withUnsafeMutableBufferPointer { vrp in
            work.withUnsafeMutableBufferPointer { wp in
                func z(_ p: UnsafeMutableBufferPointer<ComplexDouble>) -> UnsafeMutablePointer<lpk_z> {
                    UnsafeMutableRawPointer(p.baseAddress!).assumingMemoryBound(to: lpk_z.self)
                }
                BLAS.routines.zggev("N", "V", &n32, z(ap), &lda, z(bp), &lda, z(alp), z(bep), z(vlp), &one, z(vrp), &lda,
                       z(wp), &lwork, &rwork, &info, 1, 1)
            }}}}}}}
        }
        call(&query)
        if info != 0 { throw LAPACKError(routine: "zggev", info: Int(info)) }
        lwork = Int32(query[0].real)
        var work = [ComplexDouble](repeating: .zero, count: max(Int(lwork), 1))
        call(&work)
        if info != 0 { throw LAPACKError(routine: "zggev", info: Int(info)) }
        return (alpha, beta, vr)
    }
}

/// Complex LU factorisation reused for many right-hand sides (LAPACK `zgetrf` once, `zgetrs` per solve).
///
/// Owns its column-major matrix, pivots and right-hand-side buffers: a BEM frequency factorises the
/// influence matrix once and solves the radiation and diffraction problems with it, allocating nothing.
public final class ComplexLUSolver {
    public let n: Int
    public let nrhs: Int
    /// The matrix (column-major n*n); overwritten by its LU factors in `factorize()`.
    public var matrix: [ComplexDouble]
    /// Right-hand sides (column-major n*nrhs); overwritten by the solutions in `solve()`.
    public var rhs: [ComplexDouble]
    private var pivots: [Int32]

    public init(n: Int, nrhs: Int) {
        self.n = n
        self.nrhs = nrhs
        matrix = [ComplexDouble](repeating: .zero, count: n * n)
        rhs = [ComplexDouble](repeating: .zero, count: n * nrhs)
        pivots = [Int32](repeating: 0, count: max(n, 1))
    }

    /// `zgetrf`: factorise `matrix` in place.
    public func factorize() throws(LAPACKError) {
        var n32 = Int32(n), lda = Int32(max(n, 1)), info: Int32 = 0
        matrix.withUnsafeMutableBufferPointer { ap in
            pivots.withUnsafeMutableBufferPointer { pp in
                ap.withMemoryRebound(to: lpk_z.self) { a in BLAS.routines.zgetrf(&n32, &n32, a.baseAddress, &lda, pp.baseAddress, &info) }
            }
        }
        if info != 0 { throw LAPACKError(routine: "zgetrf", info: Int(info)) }
    }

    /// `zgetrs`: solve with the factors for all columns of `rhs` in place.
    public func solve() throws(LAPACKError) {
        var n32 = Int32(n), nr = Int32(nrhs), lda = Int32(max(n, 1)), info: Int32 = 0
        matrix.withUnsafeBufferPointer { ap in
            rhs.withUnsafeMutableBufferPointer { bp in
                pivots.withUnsafeBufferPointer { pp in
                    ap.withMemoryRebound(to: lpk_z.self) { a in
                        bp.withMemoryRebound(to: lpk_z.self) { b in
                            BLAS.routines.zgetrs("N", &n32, &nr, a.baseAddress, &lda, pp.baseAddress, b.baseAddress, &lda, &info, 1)
                        }
                    }
                }
            }
        }
        if info != 0 { throw LAPACKError(routine: "zgetrs", info: Int(info)) }
    }
}

/// Whether every value is finite, read through the buffer (no allocation in debug builds): the guard in front of the
/// mirrored real and complex solves.
private func everyValueFinite(_ values: UnsafeBufferPointer<Double>) -> Bool {
    var k = 0
    while k < values.count {
        if !values[k].isFinite { return false }
        k += 1
    }
    return true
}
