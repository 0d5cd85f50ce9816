import InstallModel

/// The parts of a recorded step beside its action's names (`Step.problemAsRecorded`): a release's download, the
/// files an action changes (the only ones it may back up), and what a remediation's adjustment adds to a run.
extension GitHubReleaseParameters {
    /// What is wrong with this release as a log records it (where it downloads from, what it takes from the
    /// archive), or nil.
    var problemAsRecorded: String? {
        let problems: [String?] = [
            ArchivePathGrammar.problem(withRepository: repository).map { "repository: \(GrammarText.shown(repository)) \($0)" },
            VersionTextGrammar.problem(with: version).map { "version: \(GrammarText.shown(version)) \($0)" },
            DownloadURLGrammar.problem(with: assetURL).map { "asset URL: \(GrammarText.shown(assetURL)) \($0)" },
            checksumFileURL.flatMap { url in DownloadURLGrammar.problem(with: url).map { "checksum URL: \(GrammarText.shown(url)) \($0)" } },
            ArchivePathGrammar.problem(with: binaryInArchive).map { "binary in archive: \(GrammarText.shown(binaryInArchive)) \($0)" },
        ]
        return problems.compactMap { $0 }.first
    }
}

extension StepAction {
    /// The files this action writes or removes, as its step's `backupBefore` names them: a shell profile, a
    /// repository's source list and keyring, a config file, the paths a cleanup removes. Other actions change
    /// no file a backup would keep.
    var filesChanged: Set<String> {
        switch self {
        case .shellConfig(let parameters): ["~/" + parameters.shell.profileFileName]
        case .repoSetup(let parameters): Set([parameters.keyringPath, parameters.sourcePath].compactMap { $0 })
        case .config(let parameters): [parameters.path]
        case .cleanup(let parameters): Set(parameters.paths)
        default: []
        }
    }
}

extension StepAdjustment {
    /// What is wrong with this adjustment as a log records it, or nil: environment names are on the remediation
    /// allow-list, arguments are bare long options.
    var problemAsRecorded: String? {
        if let name = environment?.keys.sorted().first(where: { !RemediationEnvironment.isAllowed($0) }) {
            return "adjustment: \(RemediationEnvironment.refusal(forName: name) ?? name)"
        }
        return extraArguments.flatMap(StepAdjustment.problem(withArguments:)).map { "adjustment: \($0)" }
    }

    /// What is wrong with `arguments` as the extra arguments a remediation adds to an install command, or nil:
    /// each a bare long option (`--break-system-packages`), so none can carry a value the installer acts on
    /// (`-oDPkg::Pre-Invoke=…`, `--index-url=…`).
    static func problem(withArguments arguments: [String]) -> String? {
        for argument in arguments {
            let name = argument.dropFirst(2)
            guard argument.hasPrefix("--"), let first = name.first, GrammarText.isLowercaseAlphanumeric(first),
                name.allSatisfy({ GrammarText.isLowercaseAlphanumeric($0) || $0 == "-" })
            else { return "\(GrammarText.shown(argument)) is not a bare long option (--name: lowercase letters, digits, '-')" }
        }
        return nil
    }
}
