import InstallModel

/// What an uninstall or upgrade starts from when a past plan's log says how a tool was installed: the log may come
/// from another machine or an import, so its values pass the grammars recipes pass at load before a lifecycle plan
/// uses them. A record that fails is not used (the system is asked instead); a repository that fails is left alone.
extension InstallKind {
    /// What is wrong with this install as a log records it, or nil.
    public var problemAsRecorded: String? {
        switch self {
        case .packages(let manager, let names):
            guard !names.isEmpty else { return "names no package" }
            for name in names {
                if let problem = PackageNameGrammar.problem(with: name, for: manager) { return "\(GrammarText.shown(name)) \(problem)" }
            }
            return nil
        case .language(let installer, let package):
            return PackageNameGrammar.problem(with: package, for: installer).map { "\(GrammarText.shown(package)) \($0)" }
        case .file(let path):
            let directories = [PlanAssembler.userBinDirectory + "/", PlanAssembler.systemBinDirectory + "/"]
            let placed = directories.contains { path.hasPrefix($0) && GrammarText.isPlainFileName(path.dropFirst($0.count)) }
            return placed ? nil : "\(GrammarText.shown(path)) is not a file evlog places (a plain name in ~/.local/bin or /usr/local/bin)"
        }
    }
}

extension RepoSetupParameters {
    /// What is wrong with this repository as a log records it (the files an uninstall would remove, the names it
    /// would pass to the package manager), or nil.
    public var problemAsRecorded: String? {
        let problems: [String?] = [
            SystemNameGrammar.problem(withRepositoryName: name),
            keyringPath.flatMap(RepositoryFileGrammar.problem(withKeyring:)),
            sourcePath.flatMap { RepositoryFileGrammar.problem(withSourcePath: $0, for: manager) },
            ppa.flatMap(SystemNameGrammar.problem(withPPA:)),
        ]
        return problems.compactMap { $0 }.first
    }
}
