// swift-tools-version:6.1
// EventLog benchmarks: a plain release executable, run with
//   swift run -c release --package-path Tools/Benchmarks evlog-bench [--corpus FILE] [--megabytes N]
import PackageDescription

let package = Package(
    name: "evlog-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "evlog", path: "../..")],
    targets: [
        // liblz4 directly, only to measure the alternatives FORMAT.md §3.3 compares (linked blocks).
        .systemLibrary(name: "CLZ4Bench", pkgConfig: "liblz4"),
        .executableTarget(
            name: "evlog-bench",
            dependencies: [.product(name: "EventLog", package: "evlog"), "CLZ4Bench"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
