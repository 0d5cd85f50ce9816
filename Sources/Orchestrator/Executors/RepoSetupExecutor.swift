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
            if let keyURL = p.keyURL, let keyring = p.keyringPath {
                let directory = parentDirectory(of: keyring)
                let fetched = await context.runAll(
                    [["install", "-d", "-m", "0755", directory], ["curl", "-fsSL", "-o", keyring, expand(keyURL, profile: context.profile)]],
                    asRoot: true)
                guard case .done = fetched else { return fetched }
            }
            guard let entry, let path = p.sourcePath else { return .done(exitCode: 0, note: nil) }
            return await FileWriter.write(path, contents: Array((entry + "\n").utf8), mode: "0644", owner: nil, asRoot: true, context: context)
        case .dnf, .yum, .zypper:
            var commands: [[String]] = []
            if let keyURL = p.keyURL { commands.append(["rpm", "--import", expand(keyURL, profile: context.profile)]) }
            if let entry, entry.hasPrefix("http") {
                commands.append(p.manager == .zypper
                    ? ["zypper", "--non-interactive", "addrepo", "--refresh", entry, p.name]
                    : [p.manager.rawValue, "config-manager", "--add-repo", entry])
            }
            let added = await context.runAll(commands, asRoot: true)
            guard case .done = added, let entry, !entry.hasPrefix("http"), let path = p.sourcePath else { return added }
            return await FileWriter.write(path, contents: Array((entry + "\n").utf8), mode: "0644", owner: nil, asRoot: true, context: context)
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

    /// Fills `{arch}`, `{codename}`, `{distro}`, `{version}` from the profile.
    static func expand(_ template: String, profile: SystemProfile) -> String {
        template
            .replacingOccurrences(of: "{arch}", with: profile.debianArch)
            .replacingOccurrences(of: "{codename}", with: profile.codename ?? "")
            .replacingOccurrences(of: "{distro}", with: profile.distribution)
            .replacingOccurrences(of: "{version}", with: profile.version)
    }
}
