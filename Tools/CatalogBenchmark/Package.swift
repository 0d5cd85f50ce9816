// swift-tools-version:6.1
import PackageDescription

// A plain timed executable: resolves every catalog tool on every named profile in one process, as
// `evlog plan <tool> --profile <p>` would, and reports the time. `swift run -c release catalog-benchmark`.
// Results and the machine they came from: RESULTS.md.
let package = Package(
    name: "CatalogBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "evlog", path: "../..")],
    targets: [
        .executableTarget(
            name: "catalog-benchmark",
            dependencies: [.product(name: "Catalog", package: "evlog"), .product(name: "InstallModel", package: "evlog")],
            path: "Sources/CatalogBenchmark"
        )
    ],
    swiftLanguageModes: [.v6]
)
