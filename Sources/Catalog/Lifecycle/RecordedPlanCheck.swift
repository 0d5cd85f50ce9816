import InstallModel

/// A log's plan (a `plan_created`, or the steps a `remediation_applied` adds) as `evlog import` reads it: the
/// values a later uninstall, upgrade or `outdated` may take from it (package names, the installed file, the
/// repository files, the command a verify step runs, shell-profile entries) pass the grammars recipes pass at
/// load, so a hostile export is refused at the one boundary for logs instead of reaching a lifecycle plan.
extension Step {
    /// What is wrong with this step's values as a log records them, naming the field, or nil.
    public var problemAsRecorded: String? {
        switch action {
        case .packages(let parameters):
            return InstallKind.packages(parameters.manager, parameters.packages.map(InstallKind.packageName)).problemAsRecorded
                .map { "packages: \($0)" }
        case .tool(let parameters):
            guard let installer = parameters.installer, let package = parameters.package else { return nil }
            let name = ToolParameters.unpinned(package, installer: installer)
            let rest = package.dropFirst(name.count)
            // Python extras (`huggingface_hub[cli]`) are checked with the name, as the recipe grammar checks them.
            let extras = rest.first == "[" ? rest.prefix(through: rest.firstIndex(of: "]") ?? rest.index(before: rest.endIndex)) : ""
            if let problem = InstallKind.language(installer, name + extras).problemAsRecorded { return "package: \(problem)" }
            // The pin runs too (`pipx install black==24.*`, `go install …@v1.2`): a version, or a series with `*`.
            let pin = rest.dropFirst(extras.count).drop { $0 == "=" || $0 == "@" }
            guard pin.isEmpty || VersionTextGrammar.problem(with: pin.replacingOccurrences(of: "*", with: "0")) == nil else {
                return "package: \(GrammarText.shown(package)) pins something that is not a version"
            }
            return nil
        case .githubRelease(let parameters):
            return InstallKind.file(parameters.installedPath).problemAsRecorded.map { "install name: \($0)" }
        case .repoSetup(let parameters):
            return parameters.problemAsRecorded.map { "repository: \($0)" }
        case .verify(let parameters):
            return CommandNameGrammar.problem(withCommand: parameters.binary).map { "binary: \(GrammarText.shown(parameters.binary)) \($0)" }
        case .shellConfig(let parameters):
            for entry in parameters.pathEntries {
                if let problem = ShellProfileGrammar.problem(withValue: entry) { return "path entry: \(GrammarText.shown(entry)) \(problem)" }
                if entry.split(separator: "/").contains("..") { return "path entry: \(GrammarText.shown(entry)) climbs out with '..'" }
            }
            return nil
        case .postInstall, .source, .build, .install, .cleanup, .download, .service, .config, .notification:
            return nil
        }
    }
}
