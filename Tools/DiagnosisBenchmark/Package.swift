// swift-tools-version:6.1
import PackageDescription

// A plain timed executable (no benchmark framework): build and run it in release mode,
// `swift run -c release diagnosis-benchmark`. Results and the machine they came from: RESULTS.md.
let package = Package(
    name: "DiagnosisBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "evlog", path: "../..")],
    targets: [
        .executableTarget(
            name: "diagnosis-benchmark",
            dependencies: [.product(name: "Diagnosis", package: "evlog"), .product(name: "InstallModel", package: "evlog")],
            path: "Sources/DiagnosisBenchmark"
        )
    ],
    swiftLanguageModes: [.v6]
)
