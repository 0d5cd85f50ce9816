import InstallModel

/// The steps of an uninstall that take out what the installs added beside the tools: third-party repositories
/// (source list and keyring, PPA, tap, zypper repo) and the shell-profile block between evlog's markers.
///
/// A repository stays while a kept tool (one still installed) came from it. A block stays while a kept tool was
/// installed by the same plan or lives in a directory the block puts on PATH. Files are backed up first (the
/// orchestrator copies `backupBefore` for high-risk steps, as for the install's own repo and profile steps).
/// `stray` blocks (written for a tool no evlog install owns, `InstallHistory.strayBlocks`) go the same way, with no
/// removal step to wait for.
struct AddedConfigCleanup {
    private(set) var steps: [Step] = []
    private(set) var notes: [String] = []

    init(removed: [InstallRecord], kept: [InstallRecord], stray: [AddedShellBlock] = []) {
        var seen: Set<String> = []
        for repository in removed.flatMap(\.repositories) where seen.insert(repository.name).inserted {
            let after = Self.removalSteps(of: removed) { $0.repositories.contains { $0.name == repository.name } }
            let users = kept.filter { $0.repositories.contains { $0.name == repository.name } }.map(\.tool)
            if users.isEmpty {
                addRemoval(of: repository, after: after)
            } else {
                notes.append("the \(repository.name) repository stays: still used by \(users.joined(separator: ", "))")
            }
        }
        var blocks: Set<PlanID> = []
        for block in removed.compactMap(\.shellBlock) + stray where blocks.insert(block.plan).inserted {
            let users = kept.filter { $0.shellBlock?.plan == block.plan || Self.lives(in: block.pathEntries, $0.how) }.map(\.tool)
            guard users.isEmpty else {
                notes.append(
                    "the ~/\(block.shell.profileFileName) block from plan \(block.plan) stays: still needed by \(users.joined(separator: ", "))")
                continue
            }
            let profile = "~/" + block.shell.profileFileName
            steps.append(
                Step(
                    id: StepID("remove-shell-block-\(block.plan.rawValue)"),
                    label: "Remove the lines plan \(block.plan) added to \(profile)",
                    action: .shellConfig(ShellConfigParameters(shell: block.shell, removeBlock: true, blockPlan: block.plan)),
                    dependsOn: Self.removalSteps(of: removed) { $0.shellBlock?.plan == block.plan }, idempotent: true,
                    risk: .high, backupBefore: [profile], timeoutSeconds: 30))
            notes.append("removes the block plan \(block.plan) added to \(profile) (backed up first); open a new shell")
        }
    }

    private mutating func addRemoval(of repository: RepoSetupParameters, after: [StepID]) {
        let id = StepID("remove-repo-\(repository.name)")
        let label = "Remove the \(repository.name) \(repository.manager.rawValue) repository evlog added"
        let command = { (argv: [String]) in
            Step(
                id: id, label: label, action: .postInstall(CommandParameters(argv: argv)), dependsOn: after, needsRoot: true,
                idempotent: true, lock: repository.manager, risk: .medium, timeoutSeconds: 300)
        }
        let byURL = repository.sourceEntry?.hasPrefix("http") == true
        switch repository.manager {
        case .apt where repository.ppa != nil:
            let ppa = repository.ppa ?? ""
            steps.append(command(["add-apt-repository", "--remove", "-y", ppa.hasPrefix("ppa:") ? ppa : "ppa:" + ppa]))
        case .brew:
            steps.append(command(["brew", "untap", repository.name]))
        case .zypper where byURL:
            steps.append(command(["zypper", "--non-interactive", "removerepo", repository.name]))
        case .apt, .dnf, .yum, .zypper:
            // The keyring is apt's alone; rpm keeps an imported key in its database (left, like any other key).
            let files = [repository.sourcePath, repository.manager == .apt ? repository.keyringPath : nil].compactMap { $0 }
            guard !byURL, !files.isEmpty else {
                notes.append("the \(repository.name) repository stays: it was added by URL; remove its file by hand if unused")
                return
            }
            steps.append(
                Step(
                    id: id, label: label, action: .cleanup(CleanupParameters(paths: files)), dependsOn: after, needsRoot: true,
                    idempotent: true, lock: repository.manager, risk: .high, backupBefore: files, timeoutSeconds: 60))
            notes.append("removes \(files.joined(separator: " and ")) (the \(repository.name) repository; backed up first)")
        default:
            notes.append("the \(repository.name) repository stays: its line sits in a file other repositories share")
        }
    }

    /// The `remove-<tool>` steps of the removed tools that `uses` holds for.
    private static func removalSteps(of removed: [InstallRecord], where uses: (InstallRecord) -> Bool) -> [StepID] {
        removed.filter(uses).map { StepID("remove-\($0.tool)") }
    }

    /// Whether an install puts its command in one of `directories` (`~/.local/bin`): a placed file there, or a
    /// user-level installer whose bin directory it is.
    private static func lives(in directories: [String], _ how: InstallKind) -> Bool {
        switch how {
        case .file(let path):
            let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            return directories.contains(directory)
        case .language(let installer, _):
            return LifecyclePlanner.userBinDirectory(of: installer).map(directories.contains) ?? !directories.isEmpty
        case .packages: return false
        }
    }
}
