import InstallModel

/// What a plan's decisions depend on in the files its steps change: whether each exists, which of the
/// lines the plan itself would write it already holds (a shell profile's PATH line and block markers, a
/// config step's `ensure_line`), and whether it already is the text a config step writes whole (`write`,
/// `template`) or already ends with the text one appends. `PlanEnvironment` records it so a reproduction
/// decides the same way; nothing else of a file (which may hold the user's secrets) is read into the log.
public enum FileFacts {
    /// Which files `interest` names, as `PlanEnvironment.factsRevision` records it.
    public static let revision = pipxVenvsSince
    /// The revision that added the metadata file of each pipx venv a step installs.
    public static let pipxVenvsSince = 2

    /// What the plan's steps look for in one file.
    public struct Interest: Hashable, Sendable {
        /// Lines a step adds unless the file holds them.
        public var lines: Set<String> = []
        /// Texts a step writes as the whole file unless it already is one.
        public var wholeTexts: Set<String> = []
        /// Texts a step appends unless the file already ends with one.
        public var endings: Set<String> = []

        public init(lines: Set<String> = [], wholeTexts: Set<String> = [], endings: Set<String> = []) {
            self.lines = lines
            self.wholeTexts = wholeTexts
            self.endings = endings
        }

        /// Nothing of the file's content matters, only whether it exists.
        public var isEmpty: Bool { lines.isEmpty && wholeTexts.isEmpty && endings.isEmpty }
    }

    /// The files `plan`'s steps (and their rollbacks) read before changing them, with `~` as `userHome` (and
    /// pipx's home as `environment` sets it), each with what a step of the plan looks for in it.
    public static func interest(in plan: Plan, userHome: String, environment: [String: String] = [:]) -> [String: Interest] {
        var files: [String: Interest] = [:]
        for step in plan.steps + plan.steps.flatMap(\.rollback) {
            for path in step.backupBefore.map({ PlanEnvironment.expandingHome($0, userHome: userHome) }) { files[path] = files[path] ?? Interest() }
            switch step.action {
            case .shellConfig(let p):
                let block = ShellBlock(planID: p.blockPlan ?? plan.id)
                files[ShellConfigExecutor.profileFile(p.shell, home: userHome), default: Interest()].lines
                    .formUnion(ShellConfigExecutor.lines(p) + [block.begin, block.end])
            case .githubRelease(let p):
                // Whether the binary's place was taken before: an uninstall removes only a file evlog put there.
                let path = PlanEnvironment.expandingHome(p.installedPath, userHome: userHome)
                files[path] = files[path] ?? Interest()
            case .tool(let p) where p.installer == .pipx:
                // Whether pipx had a whole venv for the package: a step run again after an interrupted attempt owns
                // the venv only when the plan found none (truth12 F6).
                for path in p.package.map({ PipxVenvName.metadataPaths($0, environment: environment, userHome: userHome) }) ?? [] {
                    files[path] = files[path] ?? Interest()
                }
            case .repoSetup(let p):
                // Whether its files are there, and evlog's for this repository (`RepositoryFiles`): replacing them depends on it.
                if let keyring = p.keyringPath { files[keyring] = files[keyring] ?? Interest() }
                if let path = p.sourcePath {
                    files[path, default: Interest()].lines.insert(RepositoryFiles.marker(for: p.name))
                    if let entry = p.sourceEntry { files[path, default: Interest()].wholeTexts.insert(entry + "\n") }
                }
            case .config(let p):
                let path = PlanEnvironment.expandingHome(p.path, userHome: userHome)
                var interest = files[path] ?? Interest()
                switch p.action {
                case .ensureLine: interest.lines.insert(p.content)
                case .append where !p.content.isEmpty: interest.endings.insert(p.content)
                case .write, .template: if case .success(let text) = ConfigEditing.apply(p, to: "") { interest.wholeTexts.insert(text) }
                case .append: break
                }
                files[path] = interest
            default:
                continue
            }
        }
        return files
    }

    /// Those of `interest` that exist in `fileSystem`, each with what of interest it holds: its lines of
    /// interest in its order, the whole text it is, or the ending it has.
    public static func record(_ interest: [String: Interest], in fileSystem: any FileSystem) -> [PlanEnvironment.RecordedFile] {
        interest.keys.sorted().compactMap { path -> PlanEnvironment.RecordedFile? in
            guard fileSystem.exists(path) else { return nil }
            let wanted = interest[path] ?? Interest()
            // A file only known to exist (a release's binary) is not read at all.
            guard !wanted.isEmpty else { return PlanEnvironment.RecordedFile(path: path, lines: []) }
            let text = String(decoding: ((try? fileSystem.read(path)) ?? nil) ?? [], as: UTF8.self)
            return PlanEnvironment.RecordedFile(
                path: path, lines: text.split(separator: "\n").map(String.init).filter(wanted.lines.contains),
                text: wanted.wholeTexts.contains(text) ? text : nil,
                ending: wanted.endings.sorted().first { text.hasSuffix($0) })
        }
    }
}
