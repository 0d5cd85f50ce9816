import Foundation
import InstallModel

/// Tells which versions a system package manager could install, so `tool@version` can be checked at plan time.
///
/// Contract: nil means "not known here" (another system's profile, a manager this probe does not ask);
/// otherwise every version the manager offers for the package, newest first (possibly empty).
public protocol PackageVersionProbe: Sendable {
    func availableVersions(manager: PackageManager, package: String) -> [String]?
}

/// For planning another system: no version is known.
public struct UnknownPackageVersions: PackageVersionProbe {
    public init() {}
    public func availableVersions(manager: PackageManager, package: String) -> [String]? { nil }
}

/// This machine's apt archive, read with `apt-cache madison` (other managers: unknown).
public struct AptVersionProbe: PackageVersionProbe {
    public static let timeoutSeconds = 10.0
    public let searchPath: String

    public init(searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") {
        self.searchPath = searchPath
    }

    public func availableVersions(manager: PackageManager, package: String) -> [String]? {
        guard manager == .apt, let aptCache = ExecutableSearch.find("apt-cache", path: searchPath) else { return nil }
        guard let result = CommandCapture.run([aptCache, "madison", package], timeoutSeconds: Self.timeoutSeconds),
            result.status == 0
        else { return nil }
        return Self.parseMadison(result.output)
    }

    /// `   tree |    2.1.0-1 | http://deb.debian.org/debian bookworm/main amd64 Packages` → `2.1.0-1`, each once.
    static func parseMadison(_ output: String) -> [String] {
        var versions: [String] = []
        for line in output.split(whereSeparator: \.isNewline) {
            let columns = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard columns.count >= 3, !columns[1].isEmpty, !versions.contains(columns[1]) else { continue }
            versions.append(columns[1])
        }
        return versions
    }
}
