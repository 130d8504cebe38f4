// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swift-raft",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "RAFT", targets: ["RAFT"]),
        .executable(name: "raft", targets: ["RAFTCLI"]),
        .executable(name: "raft-bench", targets: ["RAFTBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics.git", from: "1.1.1"),
    ],
    targets: [
        // Fortran prototypes of the LAPACK/BLAS routines we call (libopenblas exports them all).
        .systemLibrary(name: "CLapack", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "LAPACK", dependencies: ["CLapack", .product(name: "Numerics", package: "swift-numerics")]),
        .target(name: "RAFT", dependencies: [
            "LAPACK", "Yams", .product(name: "Numerics", package: "swift-numerics"),
        ]),
        .executableTarget(name: "RAFTCLI", dependencies: [
            "RAFT", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/raft-cli"),
        .executableTarget(name: "RAFTBench", dependencies: ["RAFT", "LAPACK"], path: "Sources/raft-bench"),
        .testTarget(name: "RAFTTests", dependencies: [
            "RAFT", "LAPACK", .product(name: "Numerics", package: "swift-numerics"),
        ], exclude: ["Input/Fixtures", "Rotor/Fixtures"]),
    ]
)
