import InstallModel

/// A tool named with a version (`kubectl@1.30`, `ripgrep@14`): which installs can provide it.
///
/// The grammar is the union of what the managers accept, each pin then written the way its manager reads it:
/// `[epoch:]N(.N)*[tail]` (Debian policy's epoch and revision, PEP 440's zero-padded calendar versions such as
/// yt-dlp's `2024.03.10`, which dpkg and pip compare numerically), the tail in `VersionTextGrammar`'s letters.
struct VersionRequest: Sendable {
    /// As typed, without a leading `v` and without the epoch.
    let text: String
    let version: Version
    /// A package epoch typed before a colon (`1` of `1:2.39.5-0+deb12u2`): only a package manager has one.
    let epoch: Int?
    /// How many characters of `text` are the numeric components as typed (`2024.03.10`: 10).
    private let numericLength: Int

    /// `name@version` split in two; nil version when there is no `@`. Throws for `name@` or `name@abc`.
    static func split(_ argument: String) throws(CatalogError) -> (name: String, request: VersionRequest?) {
        guard let at = argument.firstIndex(of: "@") else { return (argument, nil) }
        let name = String(argument[..<at])
        var text = Substring(argument[argument.index(after: at)...])
        if text.first == "v" { text.removeFirst() }
        var epoch: Int?
        if let colon = text.firstIndex(of: ":"), colon > text.startIndex, text[..<colon].allSatisfy({ $0.isASCII && $0.isNumber }) {
            epoch = Int(text[..<colon])
            text = text[text.index(after: colon)...]
        }
        let numeric = numericPrefix(text)
        guard !name.isEmpty, epoch.map({ $0 <= 99_999 }) ?? true, VersionTextGrammar.problem(with: String(text)) == nil,
            !numeric.isEmpty, let version = Version(String(numeric))
        else {
            throw .badVersionRequest(argument)
        }
        return (name, VersionRequest(text: String(text), version: version, epoch: epoch, numericLength: numeric.count))
    }

    /// The leading `N(.N)*` of `text`, as typed (leading zeros kept).
    private static func numericPrefix(_ text: Substring) -> Substring {
        var end = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let run = text[index...].prefix { $0.isASCII && $0.isNumber }
            guard !run.isEmpty, run.count <= 18 else { break }
            end = run.endIndex
            guard end < text.endIndex, text[end] == ".", text.index(after: end) < text.endIndex else { break }
            index = text.index(after: end)
        }
        return text[..<end]
    }

    /// What follows the numeric components as typed (`-4+b2` of `13.0.0-4+b2`, `-rc1`), or nil: a request with a
    /// tail names one package or release version exactly, revision included.
    var tail: Substring? {
        let rest = text.dropFirst(numericLength)
        return rest.isEmpty ? nil : rest
    }

    /// The request as a language installer's index spells versions: components without leading zeros (PEP 440
    /// normalises `2024.03.10` to `2024.3.10`; semver, which npm, cargo and go read, forbids leading zeros).
    var normalized: String { version.description + (tail ?? "") }

    /// Whether `offered` (a package or release version) is the requested one: without a tail, one whose upstream
    /// part has the requested components as its prefix, compared as numbers (`14` matches 14.1.0, `2.1.0` matches
    /// `1:2.1.0-1`, `16.02` matches `16.02+dfsg-1`); with a tail, exactly the one typed, as dpkg compares versions
    /// (`13.0.0-5` is not `13.0.0-4+b2`: a revision the archive does not have is not met by another one). An epoch
    /// typed must be the offered one's; none typed matches any.
    func isMet(by offered: String) -> Bool {
        let colon = offered.firstIndex(of: ":")
        let withoutEpoch = colon.map { offered[offered.index(after: $0)...] } ?? Substring(offered)
        if let epoch, epoch != colon.flatMap({ Int(offered[..<$0]) }) ?? 0 { return false }
        if tail != nil {
            guard let offered = DebianVersion(String(withoutEpoch)), let wanted = DebianVersion(text) else { return false }
            return offered == wanted
        }
        guard let found = Version.upstream(of: String(withoutEpoch)) else { return false }
        let wanted = version.components
        return found.components.count >= wanted.count && Array(found.components.prefix(wanted.count)) == wanted
    }

    /// Whether the tail is a distribution package's revision (`-4`, `-0ubuntu1`, `-4+b2`, `~bpo12`: a digit after
    /// the dash, or `+`/`~`), which only a package manager has — not a release's pre-release tag (`-rc1`, `-beta.2`).
    var namesPackageRevision: Bool {
        guard let tail else { return false }
        let afterDash = tail.first == "-" ? tail.dropFirst() : tail
        return afterDash.first?.isNumber == true || tail.contains("+") || tail.contains("~")
    }

    /// The version a tool's own `--version` output can show: the numeric components (`13.0.0` of `13.0.0-4+b2`;
    /// a program does not print its package's revision).
    var shownByTool: String { version.description }

    /// A full version (`1.2.3`) names one release exactly; `1.2` or `14` name a series.
    var isFull: Bool { version.components.count >= 3 }

    /// Fits the chosen install to this version, or says why the method cannot provide it.
    func pin(_ work: ChosenWork, versions: any PackageVersionProbe) -> Result<(work: ChosenWork, note: String?), Rejection> {
        if case .packages = work {} else {
            if epoch != nil {
                return .failure(Rejection("\(work.summary): \(typed) names a package epoch, which only a package manager has"))
            }
            if namesPackageRevision {
                return .failure(Rejection("\(work.summary): \(text) names a package revision, which only a package manager has"))
            }
        }
        switch work {
        case .packages(let manager, let names, let repository):
            return pinPackages(manager, names, repository, versions)
        case .language(var package):
            switch package.installer {
            case .pipx, .pip: package.package += isFull ? "==\(normalized)" : "==\(normalized).*"
            case .npm: package.package += "@\(normalized)"
            // cargo reads `--version` as a semver requirement and a bare `14` as a malformed exact version.
            case .cargo: package.arguments += ["--version", isFull || tail != nil ? normalized : "~\(normalized)"]
            case .go:
                let path = package.package.split(separator: "@").first.map(String.init) ?? package.package
                package.package = path + "@v\(normalized)"
            case .gem: package.arguments += ["-v", isFull ? normalized : "~> \(normalized).0"]
            default: return .failure(Rejection("\(package.installer.rawValue): cannot choose a version"))
            }
            return .success((.language(package), "\(package.installer.rawValue) asks its index for \(normalized); the install fails if it has no such version"))
        case .release(var spec, var asset, let platform):
            if isMet(by: spec.version) { return .success((work, nil)) }
            if asset.sha256 != nil {
                return .failure(Rejection("release: only \(spec.version) has a pinned checksum, not \(text)"))
            }
            guard isFull else {
                return .failure(Rejection("release: downloads \(spec.version); name a full version (like \(spec.version)) to fetch another"))
            }
            asset.url = asset.url.replacingAll(spec.version, with: text)
            asset.path = asset.path.replacingAll(spec.version, with: text)
            let tested = spec.version
            spec.version = text
            return .success((.release(spec, asset: asset, platform: platform), "release \(text) instead of the catalog's \(tested), which is the one evlog was checked with"))
        case .script:
            return .failure("script: an installer script cannot choose a version")
        case .delegated(let tool):
            return .failure(Rejection("via \(tool): the version is whatever \(tool) provides"))
        }
    }

    private func pinPackages(
        _ manager: PackageManager, _ names: [String], _ repository: RepoSpec?, _ versions: any PackageVersionProbe
    ) -> Result<(work: ChosenWork, note: String?), Rejection> {
        let label = manager.rawValue
        var repository = repository
        if repository?.channel != nil {
            // A repository per release series (pkgs.k8s.io): `kubectl@1.30` reads the v1.30 one.
            repository?.channel = version.components.prefix(2).map(String.init).joined(separator: ".")
        }
        guard names.count == 1, let name = names.first else {
            return .failure(Rejection("\(label): installs several packages (\(names.joined(separator: " "))), so no one version applies"))
        }
        if [.pacman, .brew, .snap].contains(manager) {
            return .failure(Rejection("\(label): installs only the current version of \(name)"))
        }
        if let offered = versions.availableVersions(manager: manager, package: name) {
            // The installed version stays one the manager has, when the archive no longer offers it (truth11 F5).
            let installed = versions.installedVersion(manager: manager, package: name)
            guard let match = (offered + (installed.map { [$0] } ?? [])).first(where: isMet) else {
                let have = offered.isEmpty ? "no version of it" : offered.joined(separator: ", ")
                return .failure(Rejection("\(label): \(name) \(typed) is not available (the archive has \(have))"))
            }
            let pinned = Self.exact(manager, name, match)
            guard match != installed else { return .success((.packages(manager: manager, names: [pinned], repository: repository), nil)) }
            // A version whose package pins its libraries at that version (jq and libjq1) cannot go in alone (truth11 F3).
            if let problem = versions.installProblem(manager: manager, packages: [pinned]) {
                return .failure(Rejection("\(label): \(pinned) cannot be installed here: \(problem)"))
            }
            let replaced = installed.map { installed in
                let down = DebianVersion(match).flatMap { new in DebianVersion(installed).map { new < $0 } } ?? false
                return "\(label): replaces the installed \(name) \(installed) with \(match)\(down ? " (a downgrade)" : "")"
            }
            return .success((.packages(manager: manager, names: [pinned], repository: repository), replaced))
        }
        let pattern: String
        switch manager {
        case .apt: pattern = "\(name)=\(typed)*"
        case .dnf, .yum: pattern = "\(name)-\(typed)*"
        case .apk: pattern = "\(name)~\(typed)"
        default: return .failure(Rejection("\(label): cannot pin \(name) to \(typed) without knowing what the repositories hold"))
        }
        return .success((.packages(manager: manager, names: [pattern], repository: repository),
            "\(label): \(typed) is not checked against the archive when planning for another system"))
    }

    /// The request as typed, epoch included (`1:2.39.5-0+deb12u2`).
    var typed: String { (epoch.map { "\($0):" } ?? "") + text }

    /// The package version already installed that this request names exactly (`jq 1.6-2.1+deb12u3`): installing it
    /// would change nothing, so the tool is left alone as any installed tool is. Nil for anything else.
    func installedAlready(_ work: ChosenWork, versions: any PackageVersionProbe) -> String? {
        guard case .packages(let manager, let names, _) = work, names.count == 1, let pinned = names.first else { return nil }
        let name = InstallKind.packageName(pinned)
        guard let installed = versions.installedVersion(manager: manager, package: name), Self.exact(manager, name, installed) == pinned
        else { return nil }
        return "\(name) \(installed)"
    }

    /// The manager's syntax for one exact version.
    static func exact(_ manager: PackageManager, _ name: String, _ version: String) -> String {
        switch manager {
        case .dnf, .yum: "\(name)-\(version)"
        default: "\(name)=\(version)"
        }
    }
}
