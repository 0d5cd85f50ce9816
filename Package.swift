// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "evlog",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "evlog", targets: ["evlog"]),
        .library(name: "EventLog", targets: ["EventLog"]),
        .library(name: "InstallModel", targets: ["InstallModel"]),
        .library(name: "Diagnosis", targets: ["Diagnosis"]),
        .library(name: "Catalog", targets: ["Catalog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    ],
    targets: [
        // liblz4 through pkg-config; no C logic here (see Docs/FORMAT.md §4).
        .systemLibrary(
            name: "CLZ4",
            pkgConfig: "liblz4",
            providers: [.apt(["liblz4-dev"]), .brew(["lz4"])]
        ),
        // prctl(PR_SET_PDEATHSIG) with fixed arguments (prctl is variadic); no other C logic.
        .systemLibrary(name: "CProcessControl"),
        // The vector compares of the secret scan (SSE2/NEON): the one hot loop of redaction.
        .systemLibrary(name: "CSecretScan"),
        // lgetxattr (<sys/xattr.h>, which the Glibc module leaves out), to read a file's POSIX ACL; no C logic.
        .systemLibrary(name: "CExtendedAttributes"),
        // UTC calendar time and its three written forms (`UTCTime`): no I/O, no dependencies.
        .target(name: "CivilTime"),
        // Whether a path only root and this user can change (run a program named by its path only then).
        .target(name: "PathSafety", dependencies: ["CExtendedAttributes"]),
        .target(
            name: "EventLog",
            dependencies: ["CLZ4", "CivilTime", .product(name: "SystemPackage", package: "swift-system")]
        ),
        .target(name: "InstallModel", dependencies: ["CivilTime"]),
        // Hash chain, host key and seal records (Docs/FORMAT.md §8).
        .target(name: "Sealing", dependencies: ["CivilTime", "EventLog", "InstallModel", .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "Catalog",
            dependencies: ["InstallModel", "PathSafety", "Rendering", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "Diagnosis",
            dependencies: ["InstallModel", "Rendering", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "Orchestrator",
            dependencies: [
                "CivilTime", "InstallModel", "EventLog", "Diagnosis", "CProcessControl", "CSecretScan", "PathSafety", "Sealing",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            // The BIP39 word list (SecretScan.mnemonics).
            resources: [.copy("Resources")]
        ),
        // Fixtures/sim and Fixtures/failures as resources, so a simulation works outside the source tree.
        .target(
            name: "SimulatorFixtures",
            path: "Fixtures",
            exclude: ["golden", "logs", "plans", "apt", "prose", "versions"],
            sources: ["FixtureBundle.swift"],
            resources: [.copy("sim"), .copy("failures")]
        ),
        .target(name: "Simulator", dependencies: ["EventLog", "InstallModel", "Orchestrator", "SimulatorFixtures"]),
        .target(name: "Rendering", dependencies: ["InstallModel"]),
        // What the CLI and `evlog serve` both use: errors, output, plan-log access, reports, history, fleet, plan execution.
        .target(
            name: "EvlogKit",
            dependencies: ["EventLog", "InstallModel", "Catalog", "Diagnosis", "Orchestrator", "PathSafety", "Rendering", "Sealing", "Simulator"]
        ),
        // `evlog serve`: the browser view over SwiftNIO's HTTP/1 (no HTTP parsing here).
        .target(
            name: "Server",
            dependencies: [
                "EvlogKit", "EventLog", "InstallModel", "Orchestrator", "Rendering", "Diagnosis", "CProcessControl", "Sealing",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "evlog",
            dependencies: [
                "CivilTime", "EventLog", "InstallModel", "Catalog", "Diagnosis", "Orchestrator", "PathSafety", "Simulator", "Rendering", "Sealing", "EvlogKit",
                "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helper for EventLog's SIGKILL, lock and fuzz tests (Tests/EventLogTests).
        .executableTarget(name: "evlog-log-torture", dependencies: ["EventLog", "InstallModel"], path: "Tools/LogTorture"),
        // What the secret policy costs a recording (README, bench section): `swift build -c release --product evlog-redaction-bench`.
        .executableTarget(name: "evlog-redaction-bench", dependencies: ["EventLog", "Orchestrator"], path: "Tools/RedactionBenchmark"),
        // A log written again under an older evlog's header, read through the policy (`Tools/ServeBenchmark/older.sh`).
        .executableTarget(name: "evlog-older-log", dependencies: ["EventLog", "InstallModel", "Orchestrator"], path: "Tools/OlderLog"),
        .testTarget(name: "EventLogTests", dependencies: ["EventLog", .product(name: "SystemPackage", package: "swift-system")]),
        .testTarget(name: "InstallModelTests", dependencies: ["CivilTime", "InstallModel"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "InstallModel", "PathSafety", "CExtendedAttributes"]),
        .testTarget(name: "DiagnosisTests", dependencies: ["Diagnosis", "InstallModel"]),
        .testTarget(name: "OrchestratorTests", dependencies: ["Orchestrator", "Simulator", "EventLog", "InstallModel", "Rendering", "Sealing"]),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "Orchestrator", "InstallModel", "Catalog"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "InstallModel", "EventLog", "Orchestrator", "Simulator", "Catalog"]),
        .testTarget(name: "evlogTests", dependencies: ["evlog"]),
        .testTarget(name: "EvlogKitTests", dependencies: ["EvlogKit", "Catalog", "Diagnosis", "InstallModel", "Orchestrator", "Rendering", "Sealing", "EventLog"]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "EvlogKit", "EventLog", "Orchestrator", "InstallModel", "Catalog", "Diagnosis", "Rendering", "Sealing"]),
        .testTarget(name: "SealingTests", dependencies: ["Sealing", "EventLog", "InstallModel", .product(name: "Crypto", package: "swift-crypto")]),
    ],
    swiftLanguageModes: [.v6]
)
