import Foundation
import PathSafety

/// The probe for this machine: finds the binary on PATH and runs its version command with a short deadline.
///
/// A binary named by its path (an overlay's `/opt/acme/bin/acme`, a copy found for `--method`) runs only when
/// nobody but root and this user can change it or any directory on its way (`LockedPath`); otherwise it counts as
/// there, version unknown, and is not run — the probe runs before any consent, as root in `sudo evlog plan`. A
/// plain name is the one the user's own PATH finds.
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
        guard let path = ProgramSearch.find(binary, path: searchPath) else { return nil }
        if notRun(binary: binary) != nil { return "" }
        guard let result = CommandCapture.run([path] + arguments, timeoutSeconds: Self.versionTimeoutSeconds) else {
            return ""
        }
        return String(result.output.prefix(Self.outputBytesMax))
    }

    public func notRun(binary: String) -> String? {
        guard binary.contains("/"), ProgramSearch.find(binary, path: searchPath) != nil else { return nil }
        return LockedPath.problem(binary).map { "\(binary) was not run: \($0)" }
    }
}
