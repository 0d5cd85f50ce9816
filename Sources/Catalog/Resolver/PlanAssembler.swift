import InstallModel

/// Turns the chosen methods into steps: shared repositories, one batched `packages` step per package
/// manager, each tool's own installer and post-install steps, PATH lines, then one `verify` per tool.
///
/// Step ids are short and deterministic: `repo-<name>`, `<pm>-packages`, `<installer>-<tool>`,
/// `release-<tool>`, `setup-<tool>`, `script-<tool>`, `service-<name>-<action>`, `group-<name>`,
/// `post-<tool>[-n]`, `notify-<tool>`, `shell-path`, `verify-<tool>`.
struct PlanAssembler {
    let profile: SystemProfile
    let options: ResolveOptions
    /// The versions the user asked for (`ruff@0.4` → `0.4`), by tool: the install replaces whatever version is
    /// there, and the verify step checks the output names the one asked for.
    var requestedVersions: [String: String] = [:]
    /// The command a tool's verify step and its post-install commands run when not its bare name: a second copy's
    /// own file (`~/.local/bin/x`), a release installed again (`/usr/local/bin/x`) — the file the plan installed,
    /// not whichever copy comes first on PATH (trust20 #2).
    var verifiedCommands: [String: String] = [:]

    /// Where user-level installs put binaries.
    static let userBinDirectory = "~/.local/bin"
    /// Where root installs release binaries.
    static let systemBinDirectory = "/usr/local/bin"

    private var repoSteps: [Step] = []
    private var batches: [(manager: PackageManager, packages: [String], tools: [String], repos: [StepID])] = []
    private var toolSteps: [Step] = []
    private var verifySteps: [Step] = []
    private var notes: [String] = []
    /// The steps a dependent of each tool must wait for.
    private var terminal: [String: [StepID]] = [:]
    private var pathEntries: [String] = []
    private var environment: [String: String] = [:]
    /// Tools whose verify needs the PATH lines.
    private var needsShellPath: Set<String> = []
    private var placeholders: Placeholders

    init(profile: SystemProfile, options: ResolveOptions) {
        self.profile = profile
        self.options = options
        placeholders = Placeholders(profile: profile, userName: options.userName)
    }

    /// Adds the tools in dependency order (every tool after the tools it needs).
    mutating func add(_ tools: [ToolChoice]) {
        for tool in tools { add(tool) }
    }

    /// The steps in a topological order, verify steps last.
    mutating func steps() -> (steps: [Step], notes: [String]) {
        var steps = repoSteps
        for batch in batches {
            let step = Step(
                id: Self.packagesID(batch.manager),
                label: "Install \(batch.packages.joined(separator: " ")) with \(batch.manager.rawValue)",
                action: .packages(PackagesParameters(
                    manager: batch.manager, packages: batch.packages, refreshIndex: true,
                    reinstall: options.reinstall ? true : nil)),
                dependsOn: batch.repos, needsRoot: batch.manager != .brew, idempotent: true, risk: .medium,
                timeoutSeconds: 1800, tool: batch.tools.count == 1 ? batch.tools.first : nil)
            steps.append(step)
        }
        steps += toolSteps
        if let shellStep = shellStep() {
            steps.append(shellStep)
            for index in verifySteps.indices where needsShellPath.contains(verifySteps[index].tool ?? "") {
                verifySteps[index].dependsOn.append(shellStep.id)
            }
        }
        return (steps + verifySteps, notes)
    }

    static func packagesID(_ manager: PackageManager) -> StepID { StepID("\(manager.rawValue)-packages") }

    // MARK: one tool

    private mutating func add(_ tool: ToolChoice) {
        let name = tool.name
        let after = tool.dependencies.flatMap { terminal[$0.name] ?? [] }
        var installIDs: [StepID]
        switch tool.work {
        case .packages(let manager, let names, let repository):
            installIDs = [addPackages(manager: manager, names: names, repository: repository, tool: name)]
        case .language(let package):
            installIDs = [addLanguage(package, tool: name, after: after)]
        case .release(let spec, let asset, let platform):
            installIDs = addRelease(spec, asset: asset, platform: platform, tool: tool, after: after)
        case .script(let spec):
            installIDs = [addScript(spec, tool: name, after: after)]
        case .delegated:
            installIDs = after
        }
        installIDs += addNameLink(for: tool, after: installIDs)
        let postIDs = addPostInstall(tool.method.postInstall, tool: name, after: installIDs)
        terminal[name] = postIDs.isEmpty ? installIDs : postIDs
        addVerify(tool, after: terminal[name] ?? [])
    }

    private mutating func addPackages(manager: PackageManager, names: [String], repository: RepoSpec?, tool: String) -> StepID {
        var repoID: StepID?
        if let repository {
            let id = StepID("repo-\(repository.name)")
            repoID = id
            if !repoSteps.contains(where: { $0.id == id }) {
                var extra = repository.channel.map { ["channel": $0] } ?? [:]
                // A derivative (Mint, Pop!_OS) set up from its parent's entry uses the parent's URLs (`{distro}`).
                if CatalogVocabulary.manager(forDistribution: repository.variantKey) != nil && repository.variantKey != profile.distribution {
                    extra["distro"] = repository.variantKey
                }
                let placeholders = Placeholders(profile: profile, userName: options.userName, extra: extra)
                let parameters = RepoSetupParameters(
                    manager: repository.manager, name: repository.name, keyURL: placeholders.expand(repository.keyURL),
                    keyFingerprints: repository.keyFingerprints.isEmpty ? nil : repository.keyFingerprints,
                    keyringPath: placeholders.expand(repository.keyringPath),
                    sourceEntry: placeholders.expand(repository.sourceEntry),
                    sourcePath: placeholders.expand(repository.sourcePath), ppa: repository.ppa)
                repoSteps.append(
                    Step(
                        id: id, label: "Add the \(repository.name) \(repository.manager.rawValue) repository and its signing key",
                        action: .repoSetup(parameters), needsRoot: true, idempotent: true, risk: .high,
                        timeoutSeconds: 120, tool: tool))
            } else if let index = repoSteps.firstIndex(where: { $0.id == id }), repoSteps[index].tool != tool {
                repoSteps[index].tool = nil
            }
        }
        if let index = batches.firstIndex(where: { $0.manager == manager }) {
            for package in names where !batches[index].packages.contains(package) { batches[index].packages.append(package) }
            if !batches[index].tools.contains(tool) { batches[index].tools.append(tool) }
            if let repoID, !batches[index].repos.contains(repoID) { batches[index].repos.append(repoID) }
        } else {
            batches.append((manager, names, [tool], repoID.map { [$0] } ?? []))
        }
        return Self.packagesID(manager)
    }

    private mutating func addLanguage(_ package: LanguagePackage, tool: String, after: [StepID]) -> StepID {
        var arguments = Self.placementArguments(package.installer) + package.arguments
        let timeoutSeconds = package.installer == .cargo ? 1800 : 600
        arguments += Self.replacingArguments(package.installer, reinstall: options.reinstall, versionRequested: requestedVersions[tool] != nil)
        let binDirectory: String =
            switch package.installer {
            case .cargo: "~/.cargo/bin"
            case .go: "~/go/bin"
            default: Self.userBinDirectory
            }
        addPath(binDirectory, for: tool)
        let id = StepID("\(package.installer.rawValue)-\(tool)")
        toolSteps.append(
            Step(
                id: id, label: "Install \(package.package) with \(package.installer.rawValue)",
                action: .tool(ToolParameters(installer: package.installer, package: package.package, arguments: arguments)),
                dependsOn: after, needsRoot: false, lock: package.installer, risk: .low, timeoutSeconds: timeoutSeconds,
                tool: tool))
        return id
    }

    /// What makes an installer replace a copy it already has: pipx refuses any second install without
    /// `--force` (even of another version), cargo and pip one of the same version.
    /// What evlog puts before a recipe's own arguments so that the installer installs for the user.
    static func placementArguments(_ installer: PackageManager) -> [String] {
        switch installer {
        case .pip: ["--user"]
        case .npm: ["--prefix", "~/.local"]
        case .gem: ["--user-install", "--bindir", userBinDirectory]
        default: []
        }
    }

    static func replacingArguments(_ installer: PackageManager, reinstall: Bool, versionRequested: Bool) -> [String] {
        switch installer {
        case .pipx where reinstall || versionRequested: ["--force"]
        case .cargo where reinstall: ["--force"]
        case .pip where reinstall: ["--force-reinstall"]
        default: []
        }
    }

    private mutating func addRelease(
        _ spec: ReleaseSpec, asset: ReleaseAsset, platform: String, tool: ToolChoice, after: [StepID]
    ) -> [StepID] {
        let name = tool.name
        let checksumFile = spec.checksumFile(forAssetURL: asset.url, profile: profile, userName: options.userName)
        let pinned = asset.sha256 != nil || checksumFile != nil
        let id = StepID("release-\(name)")
        let directory = Self.releaseDirectory(profile)
        // A plain binary is installed under the tool's command (`kind-linux-amd64` → `kind`); an installer
        // that a setup command then runs keeps its own name (rustup-init looks at its argv[0]).
        let installName = spec.setupCommand == nil ? tool.binary : nil
        let installed = directory + "/" + (installName ?? asset.path.split(separator: "/").last.map(String.init) ?? tool.binary)
        let checked = asset.sha256 != nil ? "" : checksumFile != nil ? " (checked against the published checksums)" : " (checksum not pinned)"
        toolSteps.append(
            Step(
                id: id, label: "Download \(name) \(spec.version) for \(platform)\(checked)",
                action: .githubRelease(
                    GitHubReleaseParameters(
                        repository: spec.repository, version: spec.version, assetURL: asset.url, sha256: asset.sha256,
                        checksumFileURL: asset.sha256 == nil ? checksumFile : nil,
                        checksumFileBytesMax: asset.sha256 == nil && checksumFile != nil ? GitHubReleaseParameters.checksumFileBytesCap : nil,
                        binaryInArchive: asset.path,
                        installDirectory: directory, installName: installName)),
                // A file already at that name (the user's own build, another copy) is copied away before it is replaced.
                dependsOn: after, needsRoot: false, idempotent: true, risk: pinned ? .low : .high, backupBefore: [installed],
                timeoutSeconds: 300, tool: name))
        if directory == Self.userBinDirectory { addPath(directory, for: name) }
        guard let setup = spec.setupCommand else { return [id] }
        let setupID = StepID("setup-\(name)")
        let argv = setup.map { Placeholders(profile: profile, userName: options.userName, extra: ["bin": installed]).expand($0) }
        toolSteps.append(
            Step(
                id: setupID, label: "Run \(argv.joined(separator: " "))", action: .postInstall(CommandParameters(argv: argv)),
                dependsOn: [id], needsRoot: false, idempotent: false, risk: .low, timeoutSeconds: 900, tool: name))
        return [setupID]
    }

    /// Where a release's binary goes: root puts it where every user's PATH already looks; anyone else gets ~/.local/bin.
    static func releaseDirectory(_ profile: SystemProfile) -> String {
        profile.isRoot ? systemBinDirectory : userBinDirectory
    }

    private mutating func addScript(_ spec: ScriptSpec, tool: String, after: [StepID]) -> StepID {
        let id = StepID("script-\(tool)")
        toolSteps.append(
            Step(
                id: id, label: "Run the \(tool) installer script from \(spec.url) (sha256 checked first)",
                action: .tool(
                    ToolParameters(installer: nil, scriptURL: spec.url, scriptSHA256: spec.sha256, arguments: spec.arguments)),
                dependsOn: after, needsRoot: spec.needsRoot, idempotent: false, risk: .critical, timeoutSeconds: 900,
                tool: tool))
        if !spec.needsRoot { addPath(Self.userBinDirectory, for: tool) }
        return id
    }

    // MARK: after the install

    /// A package that installs the command under another name (Debian's `fdfind`) is said so in the notes;
    /// with `linkRenamedBinaries` a `link-<tool>` step puts the usual name in ~/.local/bin.
    private mutating func addNameLink(for tool: ToolChoice, after: [StepID]) -> [StepID] {
        guard case .packages(let manager, _, _) = tool.work, tool.binary != tool.recipe.binary else { return [] }
        let usual = tool.recipe.binary
        if let system = SystemProgram.path(named: usual) {
            // ~/.local/bin comes first in PATH: the link would stand in for the system's program (`ls` → `rm`, trust19 #5).
            notes.append(
                "\(tool.name): \(manager.rawValue) installs the command as \(tool.binary); not linking ~/.local/bin/\(usual) to it, "
                    + "which would stand in for the system's \(system)")
            return []
        }
        guard options.linkRenamedBinaries else {
            notes.append(
                "\(tool.name): \(manager.rawValue) installs the command as \(tool.binary), not \(usual); "
                    + "pass --link-names to add ~/.local/bin/\(usual)")
            return []
        }
        notes.append("\(tool.name): \(manager.rawValue) installs the command as \(tool.binary); linking ~/.local/bin/\(usual) to it")
        let id = InstallRecord.linkStepID(tool: tool.name)
        toolSteps.append(
            Step(
                id: id, label: "Link ~/.local/bin/\(usual) to \(tool.binary)",
                action: .postInstall(CommandParameters(argv: CommandNameLink.makeArgv(installed: tool.binary, usual: usual))),
                dependsOn: after, needsRoot: false,
                idempotent: true, risk: .low, timeoutSeconds: 30, tool: tool.name))
        addPath(Self.userBinDirectory, for: tool.name)
        return [id]
    }

    private mutating func addPostInstall(_ items: [PostInstallSpec], tool: String, after: [StepID]) -> [StepID] {
        var leaves: [StepID] = []
        var commandCount = 0
        for item in items {
            switch item {
            case .service(let service, let actions):
                guard [.systemd, .openrc, .sysv].contains(profile.initSystem) else {
                    let how = profile.isMacOS ? "run `brew services start \(service)`" : "start it by hand"
                    notes.append("\(tool): no service step for \(service) (init system: \(profile.initSystem.rawValue)); \(how)")
                    continue
                }
                var previous = after
                for action in actions {
                    let id = StepID("service-\(service)-\(action.rawValue)")
                    toolSteps.append(
                        Step(
                            id: id, label: "\(action.rawValue.capitalized) the \(service) service",
                            action: .service(ServiceParameters(name: service, action: action)), dependsOn: previous,
                            needsRoot: true, idempotent: true, risk: .high, timeoutSeconds: 120, tool: tool))
                    previous = [id]
                }
                leaves += previous
            case .group(let group):
                if profile.isMacOS { continue }
                if profile.isRoot {
                    notes.append("\(tool): running as root, so no need to join the \(group) group")
                    continue
                }
                // Only a membership the install adds is its to take back (truth20 #10).
                if options.groupMembership.isMember(options.userName, of: group) {
                    notes.append("\(tool): \(options.userName) is already in the \(group) group (uninstall leaves it)")
                    continue
                }
                let id = StepID("group-\(group)")
                toolSteps.append(
                    Step(
                        id: id, label: "Add \(options.userName) to the \(group) group (log out and in to use it)",
                        action: .postInstall(CommandParameters(argv: ["usermod", "-aG", group, options.userName])),
                        dependsOn: after, needsRoot: true, idempotent: true, risk: .high, restartRequired: .session,
                        timeoutSeconds: 60, tool: tool))
                leaves.append(id)
            case .shellEnvironment(let path, let variables):
                for entry in path { addPath(placeholders.expand(entry), for: tool) }
                for (key, value) in variables { environment[key] = placeholders.expand(value) }
                needsShellPath.insert(tool)
            case .command(let spec):
                guard spec.conditions.allSatisfy({ $0.holds(on: profile) }) else { continue }
                if spec.needsRoot && !profile.canBecomeRoot {
                    notes.append("\(tool): skipped `\(spec.argv.joined(separator: " "))`: needs root")
                    continue
                }
                commandCount += 1
                let id = StepID(commandCount == 1 ? "post-\(tool)" : "post-\(tool)-\(commandCount)")
                var argv = spec.argv.map { placeholders.expand($0) }
                if let own = verifiedCommands[tool], argv.first == own.split(separator: "/").last.map(String.init) { argv[0] = own }
                // Run by a root evlog, the command is root's whatever the recipe says: shown so, with its root floor.
                let asRoot = profile.isRoot ? spec.riskAsRoot : nil
                toolSteps.append(
                    Step(
                        id: id, label: "Run \(argv.joined(separator: " "))", action: .postInstall(CommandParameters(argv: argv)),
                        dependsOn: after, needsRoot: spec.needsRoot || asRoot != nil, lock: spec.lock,
                        risk: asRoot.map { max(spec.risk ?? .low, $0) } ?? spec.risk, timeoutSeconds: 300,
                        tool: tool))
                leaves.append(id)
                if let undo = spec.undo {
                    notes.append("\(tool): `\(argv.joined(separator: " "))` changes your configuration; `evlog uninstall \(tool)` runs `\(undo.joined(separator: " "))` to undo it")
                }
            case .notify(let message, let conditions):
                guard conditions.allSatisfy({ $0.holds(on: profile) }) else { continue }
                let id = StepID("notify-\(tool)")
                toolSteps.append(
                    Step(
                        id: id, label: "Tell the user about \(tool)",
                        action: .notification(NotificationParameters(message: placeholders.expand(message))),
                        dependsOn: after, risk: .low, timeoutSeconds: 10, tool: tool))
            }
        }
        return leaves
    }

    private mutating func addVerify(_ tool: ToolChoice, after: [StepID]) {
        let verify = tool.recipe.verify
        let named = verify.command?.first ?? tool.binary
        let binary = named == tool.binary ? verifiedCommands[tool.name] ?? named : named
        let arguments = verify.command.map { Array($0.dropFirst()) } ?? verify.arguments
        verifySteps.append(
            Step(
                id: StepID("verify-\(tool.name)"), label: "Check that \(binary) runs",
                action: .verify(
                    VerifyParameters(
                        binary: binary, arguments: arguments, versionPattern: verify.pattern, requestedVersion: requestedVersions[tool.name])),
                dependsOn: after, needsRoot: false, idempotent: true, risk: .low, timeoutSeconds: 60, tool: tool.name))
    }

    private mutating func addPath(_ directory: String, for tool: String) {
        needsShellPath.insert(tool)
        if !pathEntries.contains(directory) { pathEntries.append(directory) }
    }

    /// One `shell_config` step for every PATH entry not already on PATH, and the recipes' variables.
    private mutating func shellStep() -> Step? {
        let known = options.pathDirectories ?? []
        let missing = pathEntries.filter { !known.contains($0) }
        guard !missing.isEmpty || !environment.isEmpty else { return nil }
        let shell = options.shell ?? (profile.isMacOS ? .zsh : .bash)
        let parameters = ShellConfigParameters(shell: shell, pathEntries: missing, environment: environment)
        var undo = parameters
        undo.removeBlock = true
        let rollback = Step(
            id: "shell-path-rollback", label: "Remove evlog's block from the \(shell.rawValue) profile",
            action: .shellConfig(undo), idempotent: true, risk: .low, timeoutSeconds: 30)
        // The profile file is copied first; the lines go between markers naming evlog and the plan. The label (the
        // consent line) names everything the block sets.
        let variables = environment.keys.sorted().map { "\($0)=\(environment[$0] ?? "")" }.joined(separator: ", ")
        let settings = [missing.isEmpty ? nil : "Add \(missing.joined(separator: ", ")) to PATH", variables.isEmpty ? nil : "set \(variables)"]
            .compactMap { $0 }.joined(separator: " and ")
        return Step(
            id: "shell-path", label: "\(settings.prefix(1).uppercased() + settings.dropFirst()) in the \(shell.rawValue) profile",
            action: .shellConfig(parameters), needsRoot: false, idempotent: true, risk: .high, rollback: [rollback],
            backupBefore: ["~/" + shell.profileFileName], restartRequired: .shell, timeoutSeconds: 30)
    }
}
