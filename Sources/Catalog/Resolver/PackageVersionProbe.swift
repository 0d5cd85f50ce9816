import Foundation
import PathSafety
import InstallModel

/// Tells which versions a system package manager could install, so `tool@version` can be checked at plan time.
///
/// Contract: nil means "not known here" (another system's profile, a manager this probe does not ask);
/// otherwise every version the manager offers for the package, newest first (possibly empty).
public protocol PackageVersionProbe: Sendable {
    func availableVersions(manager: PackageManager, package: String) -> [String]?
    /// The version of `package` installed here; nil when it is not installed or that is not known.
    func installedVersion(manager: PackageManager, package: String) -> String?
    /// What installing `packages` again (`--reinstall`) would change, as the manager's own dry run says; nil when
    /// not known.
    func reinstallEffect(manager: PackageManager, packages: [String]) -> ReinstallEffect?
    /// Why the manager's own dry run cannot install `packages` (pinned versions) here, in its words; nil when it can
    /// or that is not known.
    func installProblem(manager: PackageManager, packages: [String]) -> String?
}

extension PackageVersionProbe {
    public func installedVersion(manager: PackageManager, package: String) -> String? { nil }
    public func reinstallEffect(manager: PackageManager, packages: [String]) -> ReinstallEffect? { nil }
    public func installProblem(manager: PackageManager, packages: [String]) -> String? { nil }
}

/// What a reinstall would change besides installing the same versions again: what a dry run shows upgraded or
/// downgraded, newly installed, or removed.
public struct ReinstallEffect: Sendable, Equatable {
    public var changed: [PackageUpgrade] = []
    public var added: [String] = []
    public var removed: [String] = []

    /// Nothing but the same versions again.
    public var isEmpty: Bool { changed.isEmpty && added.isEmpty && removed.isEmpty }

    /// `jq 1.6-2.1+deb12u1→1.6-2.1+deb12u3, libjq1 …; adds libfoo 2.0; removes libbar`.
    public var description: String {
        var parts: [String] = []
        if !changed.isEmpty { parts.append(changed.map(\.description).joined(separator: ", ")) }
        if !added.isEmpty { parts.append("adds " + added.joined(separator: ", ")) }
        if !removed.isEmpty { parts.append("removes " + removed.joined(separator: " ")) }
        return parts.joined(separator: "; ")
    }

    /// An `apt-get --simulate` run's `Inst name [from] (to …)` (a version change: `from` is the installed one),
    /// `Inst name (to …)` (newly installed) and `Remv name [from]` lines; an `Inst` to the installed version is the
    /// reinstall itself.
    static func parsingApt(_ output: String) -> ReinstallEffect {
        var effect = ReinstallEffect()
        for line in output.split(whereSeparator: \.isNewline) {
            let words = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard words.count >= 2, ["Inst", "Remv"].contains(words[0]) else { continue }
            let rest = words.count > 2 ? words[2] : ""
            let from: Substring? = rest.hasPrefix("[") ? rest.dropFirst().prefix { $0 != "]" } : nil
            if words[0] == "Remv" {
                effect.removed.append(words[1])
                continue
            }
            let afterFrom = from.map { rest.dropFirst($0.count + 2).drop { $0 == " " } } ?? Substring(rest)
            guard afterFrom.hasPrefix("(") else { continue }
            let to = String(afterFrom.dropFirst().prefix { $0 != " " && $0 != ")" })
            if let from {
                if from != to { effect.changed.append(PackageUpgrade(package: words[1], from: String(from), to: to)) }
            } else {
                effect.added.append("\(words[1]) \(to)")
            }
        }
        return effect
    }
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
        guard manager == .apt, let aptCache = ProgramSearch.find("apt-cache", path: searchPath) else { return nil }
        guard let result = CommandCapture.run([aptCache, "madison", package], timeoutSeconds: Self.timeoutSeconds),
            result.status == 0
        else { return nil }
        return Self.parseMadison(result.output)
    }

    /// dpkg's version of an installed package (`ii` in its status), else nil.
    public func installedVersion(manager: PackageManager, package: String) -> String? {
        guard manager == .apt, let dpkgQuery = ProgramSearch.find("dpkg-query", path: searchPath),
            let result = CommandCapture.run([dpkgQuery, "-W", "-f=${db:Status-Abbrev}|${Version}", "--", package], timeoutSeconds: Self.timeoutSeconds),
            result.status == 0
        else { return nil }
        let fields = result.output.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard fields.count == 2, fields[0] == "ii", !fields[1].isEmpty else { return nil }
        return fields[1]
    }

    /// `apt-get --simulate install --reinstall` of the packages, read by `ReinstallEffect.parsingApt`.
    public func reinstallEffect(manager: PackageManager, packages: [String]) -> ReinstallEffect? {
        guard manager == .apt, let aptGet = ProgramSearch.find("apt-get", path: searchPath),
            let result = CommandCapture.run(
                [aptGet, "--simulate", "install", "--reinstall", "--allow-downgrades", "--"] + packages, timeoutSeconds: AptRemovalProbe.simulationSeconds),
            result.status == 0
        else { return nil }
        return ReinstallEffect.parsingApt(result.output)
    }

    /// `apt-get --simulate install` of the pinned packages: when apt refuses, its unmet dependencies
    /// (`jq : Depends: libjq1 (= 1.6-2.1+deb12u2) but 1.6-2.1+deb12u3 is to be installed`) or its error line.
    public func installProblem(manager: PackageManager, packages: [String]) -> String? {
        guard manager == .apt, let aptGet = ProgramSearch.find("apt-get", path: searchPath),
            let result = CommandCapture.run(
                [aptGet, "--simulate", "install", "--allow-downgrades", "--"] + packages, timeoutSeconds: AptRemovalProbe.simulationSeconds),
            result.status != 0
        else { return nil }
        return Self.unmet(result.output)
    }

    /// The `Depends:`/`Conflicts:`/`Breaks:` lines of apt's "unmet dependencies" answer, else its `E:` lines,
    /// each trimmed, at most three, joined by `; `.
    static func unmet(_ output: String) -> String {
        let lines = output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let relations = lines.filter { line in [" Depends: ", " Conflicts: ", " Breaks: ", " PreDepends: "].contains { line.contains($0) } }
        let chosen = relations.isEmpty ? lines.filter { $0.hasPrefix("E: ") } : relations
        return chosen.isEmpty ? "apt-get --simulate install refused it" : chosen.prefix(3).joined(separator: "; ")
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
