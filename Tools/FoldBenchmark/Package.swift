// swift-tools-version:6.1
import PackageDescription

// A plain timed executable (no benchmark framework): build and run it in release mode,
// `swift run -c release fold-benchmark`. Results and the machine they came from: RESULTS.md.
let package = Package(
    name: "FoldBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "evlog", path: "../..")],
    targets: [
        .executableTarget(
            name: "fold-benchmark",
            dependencies: [.product(name: "InstallModel", package: "evlog")],
            path: "Sources/FoldBenchmark"
        )
    ],
    swiftLanguageModes: [.v6]
)
