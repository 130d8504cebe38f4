// swift-tools-version:6.0
import PackageDescription

/// Our modules reach the metadata of concrete generic types (`_DictionaryStorage<String, YAMLNode>`, `Set<String>`'s
/// storage, ...) through the types' metadata accessors, with the conformances passed in, instead of by mangled name
/// (the default). By mangled name, the runtime demangles the name and, for each generic requirement such as
/// `String: Hashable` first met in the process, scans all ~4,000 protocol conformance records of the executable
/// (~200,000 instructions per pair), and writes its caches into pages shared with the loader thread (see
/// `StartupPages`). `raft run` of OC3spar: 106.4 -> 103.6 M instructions (callgrind; the main thread's part before
/// the airfoil fits 13.2 M, of which 2.4 M were `swift_getTypeByMangledName`); fresh processes at real-time priority,
/// exec to the last thread's exit, 25 each (medians): 10.62 -> 10.24 ms. Code generation only: no number changes.
let startupCodegen: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"],
                                                   .when(platforms: [.linux]))]

/// Executables link the Swift runtime and Foundation statically on Linux: a `raft run` process is short, and
/// resolving the symbols of a dozen shared Swift libraries at start-up was most of its fixed cost.
/// (The executables' own modules are compiled against the static SDK too, so that their autolink entries name
/// the static libraries' dependencies.)
let staticRuntime: [LinkerSetting] = [.unsafeFlags(["-static-stdlib", "-Xclang-linker", "-no-pie"], .when(platforms: [.linux]))]
/// The Python bridge's shared library carries the Swift runtime too, so `import swiftraft` needs no toolchain libraries.
let staticRuntimeLibrary: [LinkerSetting] = [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))]
/// In release each function of our modules gets its own section (`.text.<symbol>`), so that the `raft` link can
/// place the functions a run executes next to each other (`linker/hot-sections.txt`, see `raftExecutable`).
/// Code generation and numbers are unchanged; only where the linker puts each function.
let functionSections: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-function-sections"],
                                                     .when(platforms: [.linux], configuration: .release))]
let staticRuntimeCompile: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))] + startupCodegen
    + functionSections
/// The `raft` executable: the static runtime; a fixed-address (non-PIE) executable, so the loader does not apply
/// ~40,000 relative relocations (and dirty their pages) at every start; in release no symbol table (a third of
/// the file).
/// libstdc++ (which the Swift runtime needs) is linked statically too: `linker/libstdc++.so` is a linker script that
/// sends the toolchain's `-lstdc++` to `libstdc++.a`, so the loader has one library and ~5,000 relocations less to
/// process at every start (`raft --version`: 3.5 → 2.9 ms of CPU).
/// In release the executable exports no symbols (`--no-export-dynamic` overrides the `-export-dynamic` of the static
/// runtime's link arguments): its ~14,700 exported Swift symbols made the loader's look-ups slower (OpenBLAS's
/// `dlopen` resolves its ~14,000 relocations through the executable's symbol table first) and the Swift runtime's
/// start-up `dladdr` walk over them (looking for `swift-backtrace`) longer; nothing looks the executable's own symbols
/// up. A fresh `raft run` of OC3spar, 40 processes at real-time priority on the loaded machine (medians): start to the
/// first thread 1.62 → 1.21 ms, the background `dlopen` 4.1 → 3.6 ms, start to the last thread's exit 14.0 → 12.2 ms;
/// the file is 1.2 MB smaller. The one visible difference: a crash report of the stripped release binary names no
/// Swift functions (these exported names were all it had).
/// The executable has no run path: SwiftPM links every executable with `-rpath=$ORIGIN`, and with it the loader reads
/// /proc/self/exe's link and tries ~14 paths under the executable's folder (`glibc-hwcaps/x86-64-v4/libm.so.6`,
/// `tls/...`) for libm, libgcc_s, libc and then libopenblas before the system paths, at every start; raft needs no
/// library from its folder. `linker/ld-without-origin` is the toolchain's gold linker called without that one
/// argument. Fresh processes alternated at real-time priority, wall (CPU) medians: `raft --version` (100 each)
/// 2.72 (2.71) → 2.48 (2.47) ms; `raft run` (30-40 each, two batches) OC3spar 10.24 (16.01) → 9.73 (15.58) and
/// 9.41 (14.89) → 9.28 (14.84) ms, VolturnUS-S 10.16 (15.21) → 9.55 (14.51) and 9.27 (13.94) → 8.89 (13.47),
/// OC4semi 10.11 (14.87) → 9.60 (14.34) and 9.30 (13.82) → 8.94 (13.39); the process's instructions are unchanged
/// (the saving is system time: the /proc link and the failed path look-ups of a fresh process).
/// In release gold places the functions a `raft run` executes one after the other (`--section-ordering-file`,
/// `linker/hot-sections.txt`, written by `make hot-sections`): each first call into a page of the executable's code
/// costs a page fault (the kernel maps the 64 KB around it), and the run's code was spread over ~135 such windows.
/// The main thread's faults on the code of a fresh OC3spar run: 137 → 75 (VolturnUS-S, OC4semi 134 → 74).
let raftExecutable: [LinkerSetting] = [.unsafeFlags(["-static-stdlib", "-Xclang-linker", "-no-pie",
                                                     "-L", Context.packageDirectory + "/linker",
                                                     "-use-ld=" + Context.packageDirectory + "/linker/ld-without-origin"],
                                                    .when(platforms: [.linux]))]
    + [.unsafeFlags(["-Xlinker", "-s", "-Xlinker", "--no-export-dynamic",
                     "-Xlinker", "--section-ordering-file=" + Context.packageDirectory + "/linker/hot-sections.txt"],
                    .when(platforms: [.linux], configuration: .release))]

/// The physics library on x86-64 Linux is compiled for AVX2 (`-mavx2`, read by Swift's code generation too): `SIMD4<Double>`
/// is then one 256-bit register instead of two SSE halves, which halves the lumped-mass line solver's time (moorMod 1/2).
/// Outputs keep every bit: IEEE operations give the same results at any vector width, and without `-mfma` the compiler
/// has no fused multiply-add to contract `a * b + c` into (Swift does not contract anyway). Needs a CPU with AVX2
/// (Intel Haswell 2013, AMD Zen 2017 and later).
#if arch(x86_64)
let physicsCodegen: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-mavx2"], .when(platforms: [.linux]))] + startupCodegen
    + functionSections
/// The LAPACK target (its `SmallZgesv` mirror) adds `-mfma`: the mirror's explicit fused multiply-adds
/// (`addingProduct`, where OpenBLAS's kernels issue `vfmadd`) become one instruction instead of a call to libm's
/// `fma`. The bits stay: an FMA rounds once either way, and Swift never contracts `a * b + c` on its own
/// (`SmallZgesvTests`, release: 1,125,000 systems against OpenBLAS). AVX2 CPUs (Haswell, Zen) all have FMA3.
let mirrorCodegen: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-mavx2", "-Xcc", "-mfma"], .when(platforms: [.linux]))] + startupCodegen
    + functionSections
#else
let physicsCodegen: [SwiftSetting] = []
let mirrorCodegen: [SwiftSetting] = []
#endif

let package = Package(
    name: "swift-raft",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "RAFT", targets: ["RAFT"]),
        .library(name: "RAFTIO", targets: ["RAFTIO"]),
        .library(name: "RAFTReport", targets: ["RAFTReport"]),
        // The C ABI for the Python package (python/): libRAFTBridge.so, Swift runtime linked in statically.
        .library(name: "RAFTBridge", type: .dynamic, targets: ["RAFTBridge"]),
        .executable(name: "raft", targets: ["RAFTCLI"]),
        .executable(name: "raft-bench", targets: ["RAFTBench"]),
        .executable(name: "raft-fuzz", targets: ["RAFTFuzzTool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics.git", from: "1.1.1"),
    ],
    targets: [
        // Fortran prototypes of the LAPACK/BLAS routines we call (libopenblas exports them all). Not linked on Linux:
        // the LAPACK module opens libopenblas.so.0 at run time (`BLAS`), so no process pays for loading it at start.
        .systemLibrary(name: "CLapack", providers: [.apt(["libopenblas-dev"])]),
        // The system libyaml's event parser (YAML is composed in Swift: Input/YAMLComposer, Input/YAMLNode+FastParse).
        // (No pkgConfig: its `-lyaml` would link the shared library; RAFT links libyaml.a instead.)
        .systemLibrary(name: "CLibYAML", providers: [.apt(["libyaml-dev"])]),
        // libm's `sincos` (glibc declares it only for _GNU_SOURCE, which Swift's Glibc module leaves undefined).
        .systemLibrary(name: "CMathShim"),
        // glibc's processor-affinity calls (GNU extensions as well): where `raft`'s helper threads start.
        .systemLibrary(name: "CSchedShim"),
        .target(name: "LAPACK", dependencies: ["CLapack", .product(name: "Numerics", package: "swift-numerics")],
                swiftSettings: mirrorCodegen, linkerSettings: [.linkedLibrary("openblas", .when(platforms: [.macOS]))]),
        // Physics and typed results: Input (the only place that parses YAML or reads files), Members, Mooring,
        // Rotor, PotentialFlow, Model, Results, Sweep. No file formats, JSON, HTML or SVG.
        .target(name: "RAFT", dependencies: [
            "LAPACK", "CLibYAML", "CMathShim", "CSchedShim", .product(name: "Numerics", package: "swift-numerics"),
        ], swiftSettings: physicsCodegen, linkerSettings: [
            // libyaml-dev's static archive (position-independent), so binaries need no libyaml at run time.
            .linkedLibrary(":libyaml.a", .when(platforms: [.linux])), .linkedLibrary("yaml", .when(platforms: [.macOS])),
        ]),
        // Files: JSON/CSV encoding, atomic writes, the run-folder writer and reader, the sweep folder, the disk
        // cache of airfoil fits (injected into RAFT's rotor code).
        .target(name: "RAFTIO", dependencies: ["RAFT", "LAPACK"], swiftSettings: startupCodegen + functionSections),
        // Validation cases and runner, SVG plots, text/HTML reports.
        .target(name: "RAFTReport", dependencies: ["RAFT", "RAFTIO"], swiftSettings: startupCodegen + functionSections),
        // `@_cdecl` functions over RAFT for Python (ctypes): models, RAFT's steps, whole runs; packed numeric results.
        .target(name: "RAFTBridge", dependencies: ["RAFT", "RAFTIO", "LAPACK"],
                swiftSettings: staticRuntimeCompile, linkerSettings: staticRuntimeLibrary),
        .executableTarget(name: "RAFTCLI", dependencies: [
            "RAFT", "RAFTIO", "RAFTReport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/raft-cli",
                         swiftSettings: staticRuntimeCompile, linkerSettings: raftExecutable),
        .executableTarget(name: "RAFTBench", dependencies: ["RAFT", "RAFTIO", "LAPACK"], path: "Sources/raft-bench",
                          swiftSettings: staticRuntimeCompile, linkerSettings: staticRuntimeLibrary),
        // Counts this thread's heap allocations (a malloc interposer; linked into the test executable only).
        .target(name: "AllocationCounter", path: "Tests/AllocationCounter"),
        // Seeded mutation fuzzing of the raft executable (`make fuzz`), and the mutator the test suite uses in-process.
        .target(name: "RAFTFuzz", dependencies: ["RAFT"]),
        .executableTarget(name: "RAFTFuzzTool", dependencies: ["RAFT", "RAFTFuzz"], path: "Sources/raft-fuzz"),
        .testTarget(name: "RAFTTests", dependencies: [
            "RAFT", "RAFTIO", "RAFTReport", "RAFTFuzz", "LAPACK", "AllocationCounter", "CMathShim", "CSchedShim",
            .product(name: "Numerics", package: "swift-numerics"),
        ], exclude: ["Input/Fixtures", "Rotor/Fixtures", "Reference", "CLI/Golden"]),
        // The library as a user sees it: `import RAFT` / `import RAFTIO` without @testable.
        .testTarget(name: "RAFTPublicAPITests", dependencies: ["RAFT", "RAFTIO"]),
    ]
)
