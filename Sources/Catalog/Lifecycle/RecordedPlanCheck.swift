import InstallModel

/// A log's plan (a `plan_created`, or the steps a `remediation_applied` adds) as `evlog import` reads it: the
/// values a later uninstall, upgrade or `outdated` may take from it (package names, the installed file, the
/// repository files, the command a verify step runs, shell-profile entries) pass the grammars recipes pass at
/// load, so a hostile export is refused at the one boundary for logs instead of reaching a lifecycle plan.
extension Step {
    /// What is wrong with this step's values as a log records them, naming the field, or nil: its action's values,
    /// the adjustment a remediation made, the files it backs up (only those its action changes) and each of its
    /// rollback steps, by the same rules.
    public var problemAsRecorded: String? {
        // The id names a directory (backups, work files): one path element. Other characters are only shown, and
        // views neutralise them (an imported log with escapes in its ids is still read).
        let name = id.rawValue
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.unicodeScalars.contains("\u{0}") else {
            return "id \(GrammarText.shown(name)) is not one path element (no '/', not '.' or '..')"
        }
        if let problem = actionProblemAsRecorded ?? adjustment.flatMap(\.problemAsRecorded) { return problem }
        guard (1...StepAdjustment.timeoutSecondsMax).contains(timeoutSeconds) else {
            return "timeout \(timeoutSeconds) s is outside 1 s to \(StepAdjustment.timeoutSecondsMax) s"
        }
        let changed = action.filesChanged
        if let stray = backupBefore.first(where: { !changed.contains($0) }) {
            return "backs up \(GrammarText.shown(stray)), a file its action does not change"
        }
        for undo in rollback {
            // evlog undoes only a shell-profile step, by removing the block it added (`PlanAssembler.shellStep`).
            guard case .shellConfig = action, case .shellConfig(let parameters) = undo.action, parameters.removeBlock == true else {
                return "rollback \(GrammarText.shown(undo.id.rawValue)) is not the removal of a shell-profile block, the only undo evlog makes"
            }
            if let problem = undo.problemAsRecorded { return "rollback \(GrammarText.shown(undo.id.rawValue)): \(problem)" }
        }
        return nil
    }

    private var actionProblemAsRecorded: String? {
        switch action {
        case .packages(let parameters):
            if let extra = parameters.extraArguments, let problem = StepAdjustment.problem(withArguments: extra) {
                return "extra arguments: \(problem)"
            }
            return InstallKind.packages(parameters.manager, parameters.packages.map(InstallKind.packageName)).problemAsRecorded
                .map { "packages: \($0)" }
        case .tool(let parameters):
            if let url = parameters.scriptURL, let problem = DownloadURLGrammar.problem(with: url) {
                return "script URL: \(GrammarText.shown(url)) \(problem)"
            }
            guard let installer = parameters.installer, let package = parameters.package else { return nil }
            let name = ToolParameters.unpinned(package, installer: installer)
            let rest = package.dropFirst(name.count)
            // Python extras (`huggingface_hub[cli]`) are checked with the name, as the recipe grammar checks them.
            let extras = rest.first == "[" ? rest.prefix(through: rest.firstIndex(of: "]") ?? rest.index(before: rest.endIndex)) : ""
            if let problem = InstallKind.language(installer, name + extras).problemAsRecorded { return "package: \(problem)" }
            // Evlog's own placement first and replacing flags last (`PlanAssembler`), the recipe's options between them.
            var options = parameters.arguments[...]
            let placement = PlanAssembler.placementArguments(installer)
            if options.starts(with: placement) { options = options.dropFirst(placement.count) }
            let replacing = PlanAssembler.replacingArguments(installer, reinstall: true, versionRequested: true)
            if !replacing.isEmpty, options.suffix(replacing.count).elementsEqual(replacing) { options = options.dropLast(replacing.count) }
            if let problem = InstallerOptionGrammar.problem(with: Array(options), for: installer) { return "arguments: \(problem)" }
            // The pin runs too (`pipx install black==24.*`, `go install …@v1.2`): a version, or a series with `*`.
            let pin = rest.dropFirst(extras.count).drop { $0 == "=" || $0 == "@" }
            guard pin.isEmpty || VersionTextGrammar.problem(with: pin.replacingOccurrences(of: "*", with: "0")) == nil else {
                return "package: \(GrammarText.shown(package)) pins something that is not a version"
            }
            return nil
        case .githubRelease(let parameters):
            return InstallKind.file(parameters.installedPath).problemAsRecorded.map { "install name: \($0)" } ?? parameters.problemAsRecorded
        case .repoSetup(let parameters):
            if let problem = parameters.problemAsRecorded { return "repository: \(problem)" }
            if let url = parameters.keyURL, let problem = DownloadURLGrammar.problem(with: url) { return "key URL: \(GrammarText.shown(url)) \(problem)" }
            if let entry = parameters.sourceEntry, let problem = SourceEntryGrammar.problem(with: entry, for: parameters.manager) {
                return "source: \(GrammarText.shown(entry)) \(problem)"
            }
            return nil
        case .service(let parameters):
            return SystemNameGrammar.problem(withService: parameters.name).map { "service: \(GrammarText.shown(parameters.name)) \($0)" }
        case .notification(let parameters):
            return DisplayTextGrammar.problem(with: parameters.message).map { "message: \($0)" }
        case .verify(let parameters):
            return CommandNameGrammar.problem(withRecordedCommand: parameters.binary).map { "binary: \(GrammarText.shown(parameters.binary)) \($0)" }
        case .shellConfig(let parameters):
            for (name, value) in parameters.environment.sorted(by: { $0.key < $1.key }) {
                if let problem = ShellProfileGrammar.problem(withName: name) { return "variable \(GrammarText.shown(name)) \(problem)" }
                if let problem = ShellProfileGrammar.problem(withValue: value, of: name) { return "value of \(name): \(GrammarText.shown(value)) \(problem)" }
            }
            for entry in parameters.pathEntries {
                if let problem = ShellProfileGrammar.problem(withPathEntry: entry) { return "path entry: \(GrammarText.shown(entry)) \(problem)" }
            }
            return nil
        case .cleanup(let parameters):
            // evlog removes only what it placed: a link or file in ~/.local/bin or /usr/local/bin, a repository's
            // keyring or source file in its manager's directory (`LifecyclePlanner`, `AddedConfigCleanup`).
            let stray = parameters.paths.first { path in
                InstallKind.file(path).problemAsRecorded != nil && RepositoryFileGrammar.problem(withKeyring: path) != nil
                    && !PackageManager.allCases.contains { RepositoryFileGrammar.problem(withRepositoryFile: path, for: $0) == nil }
            }
            return stray.map { "cleanup: \(GrammarText.shown($0)) is not a file evlog places (a tool's file or link, a repository's file)" }
        case .download, .source, .build, .install, .config:
            // No recipe or remediation makes these (the model has them; evlog's planner does not): a log holding one
            // did not come from evlog's plans.
            return "is a \(kind.rawValue) step, which evlog's plans never hold"
        case .postInstall(let parameters):
            // `evlog run` records the directory its caller ran it in; any other step runs in `/` (trust19 #10).
            guard let directory = parameters.workingDirectory else { return nil }
            return RecordedPlanGrammar.plainAbsolutePathProblem(directory).map { "working directory: \($0)" }
        }
    }
}
