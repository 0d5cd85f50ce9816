import Foundation

/// The `evlog` executable these tests run: the product `swift test` builds beside the test bundle.
///
/// `evlogTests` depends on the `evlog` target, so SwiftPM builds the executable into the same
/// directory as the test bundle (`.build/<triple>/debug/`). `EVLOG_BINARY` overrides the search.
enum EvlogBinary {
    /// The absolute path of the binary, or the first place looked when none was found (running it then
    /// fails with a message naming that path).
    static let path: String = locate()

    static var exists: Bool { FileManager.default.isExecutableFile(atPath: path) }

    private static func locate() -> String {
        if let explicit = ProcessInfo.processInfo.environment["EVLOG_BINARY"], !explicit.isEmpty { return explicit }
        var starts: [String] = []
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(parent(of: executable))
        }
        if let executable = Bundle.main.executablePath { starts.append(parent(of: executable)) }
        starts.append(Bundle.main.bundlePath)
        // Walk up from each start (a macOS bundle nests the executable three levels deep).
        var candidates: [String] = []
        for start in starts {
            var directory = start
            for _ in 0..<4 {
                candidates.append(directory + "/evlog")
                directory = parent(of: directory)
            }
        }
        // Last resort: the default scratch path below the package root, found from this file.
        let packageRoot = parent(of: parent(of: parent(of: parent(of: #filePath))))
        candidates.append(packageRoot + "/.build/debug/evlog")
        return candidates.first(where: isExecutableFile) ?? candidates[0]
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }

    /// The resource bundles the binary loads its catalog and diagnosis rules from (`evlog_*.resources`).
    static var resourceBundles: [String] {
        let directory = parent(of: path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("evlog_") && $0.hasSuffix(".resources") }.map { directory + "/" + $0 }
    }

    static func parent(of path: String) -> String { (path as NSString).deletingLastPathComponent }
}
