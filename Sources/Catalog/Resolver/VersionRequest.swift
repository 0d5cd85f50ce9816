import InstallModel

/// A tool named with a version (`kubectl@1.30`, `ripgrep@14`): which installs can provide it.
struct VersionRequest: Sendable {
    /// As typed, without a leading `v`.
    let text: String
    let version: Version

    /// `name@version` split in two; nil version when there is no `@`. Throws for `name@` or `name@abc`.
    static func split(_ argument: String) throws(CatalogError) -> (name: String, request: VersionRequest?) {
        guard let at = argument.firstIndex(of: "@") else { return (argument, nil) }
        let name = String(argument[..<at])
        var text = String(argument[argument.index(after: at)...])
        if text.first == "v" { text.removeFirst() }
        guard !name.isEmpty, let version = Version(text), version.description == text || text.hasPrefix(version.description)
        else {
            throw .badVersionRequest(argument)
        }
        return (name, VersionRequest(text: text, version: version))
    }

    /// What follows the numeric components as typed (`-4+b2` of `13.0.0-4+b2`, `-rc1`), or nil: a request with a
    /// tail names one package or release version exactly, revision included.
    var tail: Substring? {
        let rest = text.dropFirst(version.description.count)
        return rest.isEmpty ? nil : rest
    }

    /// Whether `offered` (a package or release version) is the requested one: without a tail, one whose upstream
    /// part has the requested components as its prefix (`14` matches 14.1.0, `2.1.0` matches `1:2.1.0-1`: epoch
    /// and Debian revision ignored); with a tail, exactly the one typed, epoch ignored (`13.0.0-5` is not
    /// `13.0.0-4+b2`: a revision the archive does not have is not met by another one).
    func isMet(by offered: String) -> Bool {
        if tail != nil {
            let withoutEpoch = offered.firstIndex(of: ":").map { offered[offered.index(after: $0)...] } ?? Substring(offered)
            return withoutEpoch == text
        }
        guard let found = Version.upstream(of: offered) else { return false }
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
        if namesPackageRevision {
            if case .packages = work {} else {
                return .failure(Rejection("\(work.summary): \(text) names a package revision, which only a package manager has"))
            }
        }
        switch work {
        case .packages(let manager, let names, let repository):
            return pinPackages(manager, names, repository, versions)
        case .language(var package):
            switch package.installer {
            case .pipx, .pip: package.package += isFull ? "==\(text)" : "==\(text).*"
            case .npm: package.package += "@\(text)"
            // cargo reads `--version` as a semver requirement and a bare `14` as a malformed exact version.
            case .cargo: package.arguments += ["--version", isFull || tail != nil ? text : "~\(text)"]
            case .go:
                let path = package.package.split(separator: "@").first.map(String.init) ?? package.package
                package.package = path + "@v\(text)"
            case .gem: package.arguments += ["-v", isFull ? text : "~> \(text).0"]
            default: return .failure(Rejection("\(package.installer.rawValue): cannot choose a version"))
            }
            return .success((.language(package), "\(package.installer.rawValue) asks its index for \(text); the install fails if it has no such version"))
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
            guard let match = offered.first(where: isMet) else {
                let have = offered.isEmpty ? "no version of it" : offered.joined(separator: ", ")
                return .failure(Rejection("\(label): \(name) \(text) is not available (the archive has \(have))"))
            }
            return .success((.packages(manager: manager, names: [Self.exact(manager, name, match)], repository: repository), nil))
        }
        let pattern: String
        switch manager {
        case .apt: pattern = "\(name)=\(text)*"
        case .dnf, .yum: pattern = "\(name)-\(text)*"
        case .apk: pattern = "\(name)~\(text)"
        default: return .failure(Rejection("\(label): cannot pin \(name) to \(text) without knowing what the repositories hold"))
        }
        return .success((.packages(manager: manager, names: [pattern], repository: repository),
            "\(label): \(text) is not checked against the archive when planning for another system"))
    }

    /// The manager's syntax for one exact version.
    static func exact(_ manager: PackageManager, _ name: String, _ version: String) -> String {
        switch manager {
        case .dnf, .yum: "\(name)-\(version)"
        default: "\(name)=\(version)"
        }
    }
}
