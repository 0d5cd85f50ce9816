import Foundation

/// The probe for this machine: finds the binary on PATH and runs its version command with a short deadline.
public struct PathInstalledProbe: InstalledProbe {
    /// A version command that takes longer is treated as "installed, version unknown".
    public static let versionTimeoutSeconds = 3.0
    /// Only this much of the output is kept: a version is in the first lines.
    public static let outputBytesMax = 4096
    public let searchPath: String

    public init(searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") {
        self.searchPath = searchPath
    }

    public func versionOutput(binary: String, arguments: [String]) -> String? {
        guard let path = ExecutableSearch.find(binary, path: searchPath) else { return nil }
        guard let result = CommandCapture.run([path] + arguments, timeoutSeconds: Self.versionTimeoutSeconds) else {
            return ""
        }
        return String(result.output.prefix(Self.outputBytesMax))
    }
}
