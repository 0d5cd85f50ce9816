import InstallModel

/// Picks an install method for each tool on one profile, resolving the tools a method needs first.
///
/// Pure apart from the installed probe: the same catalog, profile and options give the same choices.
struct MethodEvaluator {
    let catalog: Catalog
    let profile: SystemProfile
    let options: ResolveOptions
    /// Versions the user asked for (`jq@1.7`), by tool name; only the requested tools are pinned.
    let requests: [String: VersionRequest]
    /// Choices and failures already worked out, by tool name.
    private var memo: [String: Result<ToolChoice, CatalogError>] = [:]

    /// Dependencies nest at most this deep (tool → language manager → its installer …).
    static let dependencyDepthMax = 6

    init(catalog: Catalog, profile: SystemProfile, options: ResolveOptions, requests: [String: VersionRequest] = [:]) {
        self.catalog = catalog
        self.profile = profile
        self.options = options
        self.requests = requests
    }

    /// The tool that provides each language installer.
    static func provider(of installer: PackageManager) -> String {
        switch installer {
        case .npm: "node"
        case .gem: "ruby"
        default: installer.rawValue
        }
    }

    mutating func choose(_ recipe: Recipe, chain: [String] = []) -> Result<ToolChoice, CatalogError> {
        if let known = memo[recipe.name] { return known }
        if chain.contains(recipe.name) { return .failure(.dependencyCycle(chain: chain + [recipe.name])) }
        if chain.count >= Self.dependencyDepthMax {
            return .failure(.dependencyTooDeep(chain: chain + [recipe.name], depthMax: Self.dependencyDepthMax))
        }
        var rejected: [String] = []
        var fallback: ToolChoice?
        var result: Result<ToolChoice, CatalogError>?
        // `--method` and `tool@version` apply to what the user named, not to the tools it needs.
        let requested = chain.isEmpty
        var methods = recipe.methods
        if requested, !options.excludedMethods.isEmpty {
            methods = methods.filter { !options.excludedMethods.contains($0.kind.label) }
        }
        if requested, let wanted = options.method {
            methods = methods.compactMap { $0.restricted(to: wanted) }
            if methods.isEmpty {
                let offered = recipe.methods.map(\.kind.label).joined(separator: ", ")
                rejected.append("--method \(wanted): the recipe has no such method (it has: \(offered))")
            }
        }
        for method in methods {
            var outcome = evaluate(method, of: recipe, chain: chain + [recipe.name])
            if requested, let request = requests[recipe.name], case .success(let choice) = outcome {
                outcome = request.pin(choice.work, versions: options.packageVersions).map { pinned in
                    choice.replacing(work: pinned.work, note: pinned.note.map { "\(recipe.name): \($0)" })
                }
            } else if requested, options.pinsReinstalledVersions, case .success(let choice) = outcome {
                let pinned = ReinstallPin.apply(choice.work, versions: options.packageVersions)
                outcome = .success(choice.replacing(work: pinned.work, note: pinned.note.map { "\(recipe.name): \($0)" }))
            }
            switch outcome {
            case .failure(let reason):
                rejected.append(reason.text)
            case .success(let choice) where choice.unpinned:
                // An unverifiable download ranks below any later method that is fully checked.
                if fallback == nil { fallback = choice }
                let why = choice.work.isUnpinned ? "checksum not pinned" : "needs a download without a pinned checksum"
                rejected.append("\(choice.work.summary): \(why) (ranked lower)")
            case .success(let choice):
                result = .success(choice.adding(notes: skippedNotes(recipe, rejected)))
            }
            if result != nil { break }
        }
        if result == nil, let fallback {
            let others = rejected.filter { !$0.hasPrefix(fallback.work.summary + ":") }
            let warning = "\(recipe.name): warning: \(fallback.work.summary) has no pinned checksum; review it before running"
            result = .success(fallback.adding(notes: skippedNotes(recipe, others)).appending(note: warning))
        }
        let final = result ?? .failure(.unavailable(tool: recipe.name, profile: profile.name, reasons: rejected))
        memo[recipe.name] = final
        return final
    }

    private func skippedNotes(_ recipe: Recipe, _ rejected: [String]) -> [String] {
        rejected.map { "\(recipe.name): skipped \($0)" }
    }

    private mutating func evaluate(_ method: MethodSpec, of recipe: Recipe, chain: [String]) -> Result<ToolChoice, Rejection> {
        switch method.kind {
        case .packages(let entries):
            return packages(entries, method, recipe, requested: chain.count == 1).map { choice($0.work, $0.binary, recipe, method) }
        case .language(let package):
            return language(package, method, recipe, chain: chain)
        case .release(let spec):
            return release(spec, recipe).map { choice($0, recipe.binary, recipe, method, unpinned: $0.isUnpinned) }
        case .script(let spec):
            guard spec.sha256 != nil else { return .failure("script: installer checksum not pinned (refused)") }
            if spec.needsRoot, let missing = missingRoot() { return .failure("script: \(missing)") }
            return .success(choice(.script(spec), recipe.binary, recipe, method))
        case .via(let target):
            guard let other = catalog.recipe(named: target) else { return .failure("via \(target): no such recipe") }
            switch choose(other, chain: chain) {
            case .success(let dependency):
                return .success(
                    choice(.delegated(target), recipe.binary, recipe, method, dependencies: [dependency],
                        unpinned: dependency.unpinned))
            case .failure(let error):
                return .failure(Rejection("via \(target): \(Self.shortReason(error))"))
            }
        }
    }

    private func choice(
        _ work: ChosenWork, _ binary: String, _ recipe: Recipe, _ method: MethodSpec, dependencies: [ToolChoice] = [],
        unpinned: Bool = false
    ) -> ToolChoice {
        var notes = ["\(recipe.name): chose \(work.summary)"]
        if let note = method.note { notes.append("\(recipe.name): note: \(note)") }
        return ToolChoice(
            recipe: recipe, method: method, work: work, binary: binary, dependencies: dependencies, unpinned: unpinned,
            notes: notes)
    }

    // MARK: packages

    /// The first package manager of the profile that packages the tool and can run here.
    private func packages(_ entries: [String: PackageEntry?], _ method: MethodSpec, _ recipe: Recipe, requested: Bool)
        -> Result<(work: ChosenWork, binary: String), Rejection>
    {
        var candidates: [(key: String, manager: PackageManager)] = []
        let systemManagers = profile.usableSystemManagers(asked: requested ? options.method : nil)
        // The distribution's own entry, else the nearest one it derives from (ID_LIKE) or follows (Rocky → rhel).
        for key in CatalogVocabulary.entryKeys(for: profile) where entries[key] != nil {
            guard let primary = CatalogVocabulary.manager(forDistribution: key), systemManagers.contains(primary) else { continue }
            candidates.append((key, primary))
            break
        }
        for manager in systemManagers where entries[manager.rawValue] != nil {
            if candidates.contains(where: { $0.manager == manager }) { continue }
            candidates.append((manager.rawValue, manager))
        }
        guard !candidates.isEmpty else {
            let managers = systemManagers.map(\.rawValue).joined(separator: "/")
            // A manager `--method` named that this system does not have: that is the reason, not the recipe's list
            // (truth12 F18: `--method pacman ripgrep` said "only for pacman, not apt" of a recipe with apt too).
            if requested, let asked = options.method, let manager = PackageManager(rawValue: asked), manager.isSystem,
                !profile.packageManagers.contains(manager)
            {
                return .failure(Rejection("packages: --method \(asked) asks for \(asked), which this system does not have (its package managers: \(managers.isEmpty ? "none" : managers))"))
            }
            let listed = entries.keys.sorted().joined(separator: "/")
            let foreign = profile.packageManagers.filter { profile.isForeign($0) && entries[$0.rawValue] != nil }.map(\.rawValue)
            let hint = foreign.isEmpty
                ? "" : "; \(foreign.joined(separator: "/")) is installed but belongs to another system (--method \(foreign[0]) uses it)"
            return .failure(Rejection("packages: only for \(listed), not \(managers.isEmpty ? "this system" : managers)\(hint)"))
        }
        var reasons: [String] = []
        for candidate in candidates {
            let label = candidate.manager.rawValue
            guard let entry = entries[candidate.key] ?? nil else {
                reasons.append("\(label): not packaged for \(profile.distribution)")
                continue
            }
            if let problem = managerProblem(candidate.manager) {
                reasons.append("\(label): \(problem)")
                continue
            }
            if let minimum = recipe.minimumVersion.flatMap(Version.init), let shipped = entry.version.flatMap(Version.init),
                shipped < minimum
            {
                reasons.append("\(label): ships \(shipped), older than the required \(minimum)")
                continue
            }
            var repository: RepoSpec?
            if let name = entry.repository {
                guard let family = catalog.repositories[name],
                    let variant = family.variant(for: profile, manager: candidate.manager)
                else {
                    reasons.append("\(label): the \(name) repository does not support \(profile.distribution)")
                    continue
                }
                repository = variant
                repository?.channel = entry.channel
            }
            return .success((.packages(manager: candidate.manager, names: entry.names, repository: repository), entry.binary ?? recipe.binary))
        }
        return .failure(Rejection(reasons.joined(separator: ", ")))
    }

    /// Why a system package manager cannot run on this profile, or nil when it can.
    private func managerProblem(_ manager: PackageManager) -> String? {
        switch manager {
        case .brew:
            return profile.isRoot ? "Homebrew refuses to run as root" : nil
        case .snap:
            if profile.initSystem != .systemd || profile.inContainer { return "snapd needs systemd outside a container" }
            return missingRoot()
        default:
            if profile.readOnlyRoot { return "the root filesystem is read-only" }
            return missingRoot()
        }
    }

    private func missingRoot() -> String? {
        profile.canBecomeRoot ? nil : "needs root (not root, no sudo)"
    }

    // MARK: language installers

    private mutating func language(_ package: LanguagePackage, _ method: MethodSpec, _ recipe: Recipe, chain: [String])
        -> Result<ToolChoice, Rejection>
    {
        let label = package.installer.rawValue
        if package.installer == .pip && profile.externallyManagedPython {
            return .failure("pip: refused under PEP 668 (externally managed Python)")
        }
        let binary = package.binary ?? recipe.binary
        let providerName = Self.provider(of: package.installer)
        let provider = catalog.recipe(named: providerName)
        let present = profile.has(package.installer)
            || options.installedProbe.installedVersion(binary: provider?.binary ?? providerName) != nil
        if present {
            return .success(choice(.language(package), binary, recipe, method))
        }
        guard let provider else { return .failure(Rejection("\(label): not installed, and no recipe installs it")) }
        switch choose(provider, chain: chain) {
        case .success(let dependency):
            var made = choice(.language(package), binary, recipe, method, dependencies: [dependency], unpinned: dependency.unpinned)
            made = made.adding(notes: ["\(recipe.name): needs \(label), which is not installed: installing \(provider.name) first"])
            return .success(made)
        case .failure(let error):
            return .failure(Rejection("\(label): not installed, and \(provider.name) cannot be installed (\(Self.shortReason(error)))"))
        }
    }

    // MARK: releases

    private func release(_ spec: ReleaseSpec, _ recipe: Recipe) -> Result<ChosenWork, Rejection> {
        let arch = profile.arch
        var keys: [String]
        if profile.isMacOS {
            keys = ["macos-\(arch)"]
        } else if profile.osFamily == "alpine" {
            keys = ["linux-musl-\(arch)"] + (spec.isStatic ? ["linux-\(arch)"] : [])
        } else {
            keys = ["linux-\(arch)", "linux-musl-\(arch)"]
        }
        for key in keys {
            guard let asset = spec.assets[key] else { continue }
            return .success(.release(spec, asset: spec.filled(asset, profile: profile, userName: options.userName).asset, platform: key))
        }
        if profile.osFamily == "alpine" && spec.assets["linux-\(arch)"] != nil {
            return .failure("release: only a glibc build, and alpine uses musl")
        }
        let platform = profile.isMacOS ? "macos-\(arch)" : "linux-\(arch)"
        return .failure(Rejection("release: no asset for \(platform)"))
    }

    /// The part of an error worth repeating inside another tool's reason.
    static func shortReason(_ error: CatalogError) -> String {
        switch error {
        case .unavailable(_, _, let reasons): reasons.joined(separator: "; ")
        default: error.description
        }
    }
}

/// Why one method was not chosen, as the text that goes into the plan's notes.
struct Rejection: Error, ExpressibleByStringInterpolation {
    let text: String
    init(_ text: String) { self.text = text }
    init(stringLiteral value: String) { text = value }
}

extension ChosenWork {
    var isUnpinned: Bool {
        if case .release(let spec, let asset, _) = self {
            return spec.checksumUnpinned && asset.sha256 == nil && spec.checksumFile == nil
        }
        return false
    }
}

extension ToolChoice {
    /// A copy installing `work` instead (a version pinned), with an optional note.
    func replacing(work: ChosenWork, note: String?) -> ToolChoice {
        // The choice names the work as it is now (truth12 F18: "chose release 1.9.8", then "release 1.11.4 instead").
        let chose = "\(recipe.name): chose \(self.work.summary)"
        return ToolChoice(
            recipe: recipe, method: method, work: work, binary: binary, dependencies: dependencies, unpinned: unpinned,
            notes: notes.map { $0 == chose ? "\(recipe.name): chose \(work.summary)" : $0 } + (note.map { [$0] } ?? []))
    }

    /// A copy with one more note at the end.
    func appending(note: String) -> ToolChoice {
        ToolChoice(
            recipe: recipe, method: method, work: work, binary: binary, dependencies: dependencies, unpinned: unpinned,
            notes: notes + [note])
    }

    /// A copy with `notes` placed before its own (the reasons come before the choice).
    func adding(notes earlier: [String]) -> ToolChoice {
        ToolChoice(
            recipe: recipe, method: method, work: work, binary: binary, dependencies: dependencies, unpinned: unpinned,
            notes: earlier + notes)
    }
}
