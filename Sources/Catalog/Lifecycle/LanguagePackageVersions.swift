import Foundation
import PathSafety
import InstallModel

/// What a language installer itself records about a package it installed, asked without the network:
/// `pipx list --json`, `npm ls -g --json` (and `npm outdated -g --json --offline` for npm's cached view of the
/// registry), `cargo install --list`. Each is asked only when its command is on PATH.
public struct LanguagePackageVersions: Sendable {
    /// The installed version, what the installer would install now when it can say so offline, and otherwise why not.
    public struct Answer: Equatable, Sendable {
        public var installed: String?
        public var available: String?
        public var reason: String?
    }

    public static let timeoutSeconds = 20.0
    /// The PATH and home directory searched, the same as for finding the install.
    public let system: SystemInstallFinder
    private var searchPath: String { system.searchPath }
    private var home: String { system.home }

    public init(system: SystemInstallFinder = SystemInstallFinder()) { self.system = system }

    /// The installer's own answer for `package`; nil for installers this does not ask (pip, go, gem, system managers).
    public func answer(for package: String, installer: PackageManager) -> Answer? {
        let command: [String]
        switch installer {
        case .pipx: command = ["pipx", "list", "--json"]
        case .npm: command = ["npm", "ls", "-g", "--json", "--prefix", home + "/.local", package]
        case .cargo: command = ["cargo", "install", "--list"]
        default: return nil
        }
        guard let executable = ProgramSearch.find(command[0], path: searchPath) else {
            return Answer(reason: "\(command[0]) is not on PATH, so it cannot say which version it installed")
        }
        let shown = command.joined(separator: " ")
        guard let result = CommandCapture.run([executable] + command.dropFirst(), timeoutSeconds: Self.timeoutSeconds) else {
            return Answer(reason: "`\(shown)` did not finish in \(Int(Self.timeoutSeconds)) s")
        }
        let installed: String? =
            switch installer {
            case .pipx: Self.pipxVersion(of: package, listJSON: result.output)
            case .npm: Self.npmVersion(of: package, lsJSON: result.output)
            default: Self.cargoVersion(of: package, list: result.output)
            }
        guard let installed else { return Answer(reason: "`\(shown)` does not list \(package)") }
        if installer == .npm, let latest = npmCachedLatest(package, executable: executable) {
            return Answer(installed: installed, available: latest)
        }
        let registry = [PackageManager.pipx: "PyPI", .npm: "the npm registry (not in npm's cache)", .cargo: "crates.io"][installer] ?? ""
        return Answer(
            installed: installed,
            reason: "\(installer.rawValue) records \(installed); what \(registry) offers now needs the network (`evlog upgrade` takes the newest)")
    }

    /// `npm outdated --offline`: the registry's latest as npm's cache knows it. An empty answer is no answer:
    /// npm also prints `{}` for packages it has no registry entry for (a folder install).
    private func npmCachedLatest(_ package: String, executable: String) -> String? {
        let argv = [executable, "outdated", "-g", "--json", "--offline", "--prefix", home + "/.local", package]
        guard let result = CommandCapture.run(argv, timeoutSeconds: Self.timeoutSeconds) else { return nil }
        return (Self.jsonObject(in: result.output)?[package] as? [String: Any])?["latest"] as? String
    }

    /// `pipx list --json`: `venvs.<package>.metadata.main_package.package_version`.
    public static func pipxVersion(of package: String, listJSON: String) -> String? {
        let venvs = jsonObject(in: listJSON)?["venvs"] as? [String: Any]
        let venv = venvs?[package] ?? venvs?.first { normalized($0.key) == normalized(package) }?.value
        let metadata = (venv as? [String: Any])?["metadata"] as? [String: Any]
        return (metadata?["main_package"] as? [String: Any])?["package_version"] as? String
    }

    /// `npm ls -g --json`: `dependencies.<package>.version`.
    public static func npmVersion(of package: String, lsJSON: String) -> String? {
        let dependencies = jsonObject(in: lsJSON)?["dependencies"] as? [String: Any]
        return (dependencies?[package] as? [String: Any])?["version"] as? String
    }

    /// `cargo install --list`: a `<crate> v<version>:` (or `<crate> v<version> (<source>):`) line per crate.
    public static func cargoVersion(of package: String, list: String) -> String? {
        for line in list.split(whereSeparator: \.isNewline) where !line.hasPrefix(" ") {
            let words = line.split(separator: " ")
            guard words.count >= 2, words[0] == package, words[1].hasPrefix("v") else { continue }
            return String(words[1].dropFirst().trimmingCharacters(in: CharacterSet(charactersIn: ":")))
        }
        return nil
    }

    /// The JSON object in a command's output, skipping any warning lines around it.
    private static func jsonObject(in output: String) -> [String: Any]? {
        guard let start = output.firstIndex(of: "{"), let end = output.lastIndex(of: "}") else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(output[start...end].utf8))) as? [String: Any]
    }

    /// PyPI names compare case-insensitively with `-`, `_` and `.` alike (PEP 503).
    private static func normalized(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: ".", with: "-")
    }
}
