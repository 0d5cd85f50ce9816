import Foundation

/// The probe for this machine: finds the binary on PATH and runs `<binary> --version` with a short deadline.
public struct PathInstalledProbe: InstalledProbe {
    /// A `--version` that takes longer is treated as "installed, version unknown".
    public static let versionTimeoutSeconds = 3.0
    public let searchPath: String

    public init(searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") {
        self.searchPath = searchPath
    }

    public func installedVersion(binary: String) -> String? {
        guard let path = ExecutableSearch.find(binary, path: searchPath) else { return nil }
        guard let result = CommandCapture.run([path, "--version"], timeoutSeconds: Self.versionTimeoutSeconds) else {
            return ""
        }
        let firstLine = result.output.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return firstLine.trimmingCharacters(in: .whitespaces)
    }
}
