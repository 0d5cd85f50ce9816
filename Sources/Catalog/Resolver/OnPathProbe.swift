import Foundation
import PathSafety

/// A probe that only looks for the binary on PATH and never runs it: "installed, version unknown" or nil.
/// For listings that judge hundreds of methods, where running each installer's `--version` would be slow.
public struct OnPathProbe: InstalledProbe {
    public let searchPath: String

    public init(searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") {
        self.searchPath = searchPath
    }

    public func versionOutput(binary: String, arguments: [String]) -> String? {
        ProgramSearch.find(binary, path: searchPath) == nil ? nil : ""
    }
}
