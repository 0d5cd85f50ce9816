import Foundation
import PathSafety
import InstallModel

/// What a package registry offers now, asked over the network with a short deadline: PyPI's JSON API for
/// pipx and pip packages, crates.io for cargo. `outdated --offline` never asks.
public struct RegistryVersions: Sendable {
    /// The registry's newest version, or why it could not say (`offline: …` when it did not answer).
    public enum Answer: Equatable, Sendable {
        case version(String)
        case unknown(String)
    }

    /// Seconds a registry has to answer: `outdated` stays quick offline.
    public static let timeoutSeconds = 5.0
    public let searchPath: String

    public init(searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") {
        self.searchPath = searchPath
    }

    /// The newest version `installer`'s registry has of `package`; nil for installers this does not ask.
    public func latest(_ package: String, installer: PackageManager) -> Answer? {
        guard let url = Self.url(package, installer: installer) else { return nil }
        let registry = installer == .cargo ? "crates.io" : "PyPI"
        guard Self.isPackageName(package) else { return .unknown("\(package) is not a name \(registry) could hold") }
        guard let curl = ProgramSearch.find("curl", path: searchPath) else { return .unknown("offline: curl is not on PATH to ask \(registry)") }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-registry-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let seconds = String(Int(Self.timeoutSeconds))
        let argv = [curl, "-fsSL", "--max-time", seconds, "-A", "evlog", "-o", file, url]
        guard let result = CommandCapture.run(argv, timeoutSeconds: Self.timeoutSeconds + 2), result.status == 0 else {
            return .unknown("offline: \(registry) did not answer within \(seconds) s")
        }
        let object = FileManager.default.contents(atPath: file).flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any]
        guard let version = Self.version(in: object, installer: installer) else {
            return .unknown("\(registry) answered without a version for \(package)")
        }
        return .version(version)
    }

    /// PyPI: `info.version`; crates.io: `crate.max_stable_version` (else `max_version`).
    static func version(in object: [String: Any]?, installer: PackageManager) -> String? {
        if installer == .cargo {
            let crate = object?["crate"] as? [String: Any]
            return (crate?["max_stable_version"] as? String) ?? (crate?["max_version"] as? String)
        }
        return (object?["info"] as? [String: Any])?["version"] as? String
    }

    /// Whether `installer` has a registry this asks.
    public static func asks(_ installer: PackageManager) -> Bool { url("x", installer: installer) != nil }

    static func url(_ package: String, installer: PackageManager) -> String? {
        switch installer {
        case .pipx, .pip: "https://pypi.org/pypi/\(package)/json"
        case .cargo: "https://crates.io/api/v1/crates/\(package)"
        default: nil
        }
    }

    /// Registry names are letters, digits, `.`, `_` and `-` (PEP 508, crates.io), so one goes into a URL as is.
    static func isPackageName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 214 && name.first != "." && name.first != "-"
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }
    }
}
