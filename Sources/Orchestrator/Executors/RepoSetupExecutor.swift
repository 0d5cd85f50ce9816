import InstallModel

/// `repo_setup`: a signing key plus a source entry (apt), a repo file or URL (dnf/zypper), a PPA, a tap.
enum RepoSetupExecutor {
    static func execute(_ p: RepoSetupParameters, needsRoot: Bool, context: ExecutionContext) async -> StepOutcome {
        let entry = p.sourceEntry.map { expand($0, profile: context.profile) }
        switch p.manager {
        case .apt:
            if let ppa = p.ppa {
                return await context.runAll([["add-apt-repository", "-y", ppa.hasPrefix("ppa:") ? ppa : "ppa:" + ppa]], asRoot: true)
            }
            if let decided = RepositoryFiles.outcome(p, keyring: p.keyringPath, entry: entry, context: context) { return decided }
            if let keyURL = p.keyURL, let keyring = p.keyringPath {
                // The key is checked and converted before anything is written: a bad key leaves no source list.
                let key = SigningKey(repository: p.name, context: context)
                let checked = await key.fetchAndCheck(
                    url: expand(keyURL, profile: context.profile), pinned: p.keyFingerprints ?? [], keyringPath: keyring,
                    context: context)
                guard case .done = checked else { return checked }
                let stored = await key.install(at: keyring, context: context)
                guard case .done = stored else { return stored }
            }
            guard let entry, let path = p.sourcePath else { return .done(exitCode: 0, note: nil) }
            return await RepositoryFiles.writeSource(entry, to: path, repository: p.name, context: context)
        case .dnf, .yum, .zypper:
            if let entry, !entry.hasPrefix("http"), let decided = RepositoryFiles.outcome(p, keyring: nil, entry: entry, context: context) {
                return decided
            }
            var commands: [[String]] = []
            if let keyURL = p.keyURL {
                let key = SigningKey(repository: p.name, context: context)
                // rpm reads armored keys; the checked export is what it imports, never the URL itself.
                let checked = await key.fetchAndCheck(
                    url: expand(keyURL, profile: context.profile), pinned: p.keyFingerprints ?? [], keyringPath: "key.asc",
                    context: context)
                guard case .done = checked else { return checked }
                commands.append(["rpm", "--import", key.exportPath])
            }
            if let entry, entry.hasPrefix("http") {
                commands.append(addRepositoryCommand(p.manager, url: entry, name: p.name, profile: context.profile))
            }
            let added = await context.runAll(commands, asRoot: true)
            guard case .done = added, let entry, !entry.hasPrefix("http"), let path = p.sourcePath else { return added }
            return await RepositoryFiles.writeSource(entry, to: path, repository: p.name, context: context)
        case .brew:
            return await context.runAll([["brew", "tap", p.name]])
        case .apk, .pacman:
            guard let entry, let path = p.sourcePath else { return .done(exitCode: 0, note: nil) }
            let existing = String(decoding: ((try? context.fileSystem.read(path)) ?? nil) ?? [], as: UTF8.self)
            if existing.split(separator: "\n").contains(Substring(entry)) {
                return .skipped(detail: "\(path) already lists \(entry)")
            }
            let updated = existing + (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + entry + "\n"
            return await FileWriter.write(path, contents: Array(updated.utf8), mode: "0644", owner: nil, asRoot: true, context: context)
        case .snap, .pip, .pipx, .cargo, .npm, .go, .gem:
            return .failed(.unexplained("repo_setup does not apply to \(p.manager.rawValue)"))
        }
    }

    /// The command that adds a repository file by URL: zypper's `addrepo`, dnf5's
    /// `config-manager addrepo --from-repofile=` (Fedora 41 and later), dnf4's and yum's `config-manager --add-repo`.
    static func addRepositoryCommand(_ manager: PackageManager, url: String, name: String, profile: SystemProfile) -> [String] {
        switch manager {
        case .zypper: return ["zypper", "--non-interactive", "addrepo", "--refresh", url, name]
        case .dnf where usesDNF5(profile): return ["dnf", "config-manager", "addrepo", "--from-repofile=" + url]
        default: return [manager.rawValue, "config-manager", "--add-repo", url]
        }
    }

    /// Fedora 41 made dnf5 its `dnf`, whose config-manager takes subcommands.
    static func usesDNF5(_ profile: SystemProfile) -> Bool {
        profile.distribution == "fedora" && (Int(profile.version.split(separator: ".").first ?? "") ?? 0) >= 41
    }

    /// Fills `{arch}`, `{codename}`, `{distro}`, `{version}` from the profile.
    static func expand(_ template: String, profile: SystemProfile) -> String {
        template
            .replacingOccurrences(of: "{arch}", with: profile.debianArch)
            .replacingOccurrences(of: "{codename}", with: profile.codename ?? "")
            .replacingOccurrences(of: "{distro}", with: profile.distribution)
            .replacingOccurrences(of: "{version}", with: profile.version)
    }
}
