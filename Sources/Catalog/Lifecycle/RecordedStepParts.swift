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
            checksumFileBytesMax.flatMap { bytes in
                (1...Self.checksumFileBytesCap).contains(bytes)
                    ? nil : "checksum file bound: \(bytes) bytes is not between 1 and \(Self.checksumFileBytesCap)"
            },
            ArchivePathGrammar.problem(with: binaryInArchive).map { "binary in archive: \(GrammarText.shown(binaryInArchive)) \($0)" },
        ]
        return problems.compactMap { $0 }.first
    }
}

extension StepAction {
    /// The files this action writes or removes, as its step's `backupBefore` names them: a shell profile, a
    /// repository's source list and keyring, a config file, the paths a cleanup removes, the file a release replaces.
    /// Other actions change no file a backup would keep.
    var filesChanged: Set<String> {
        switch self {
        case .shellConfig(let parameters): ["~/" + parameters.shell.profileFileName]
        case .repoSetup(let parameters): Set([parameters.keyringPath, parameters.sourcePath].compactMap { $0 })
        case .config(let parameters): [parameters.path]
        case .cleanup(let parameters): Set(parameters.paths)
        case .githubRelease(let parameters): [parameters.installedPath]
        default: []
        }
    }
}

extension StepAdjustment {
    /// What is wrong with this adjustment as a log records it, or nil: environment names are on the remediation
    /// allow-list and none of them changes what runs or where code is fetched from (`MAKEFLAGS`, `GOFLAGS`,
    /// `PIP_INDEX_URL`, `npm_config_*`, proxies, certificate files: a log's value there would be the author's), values
    /// are plain words, arguments are bare long options.
    var problemAsRecorded: String? {
        if let problem = numbersProblem { return "adjustment \(GrammarText.shown(remediation)) \(problem)" }
        for (name, value) in (environment ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let refusal = RemediationEnvironment.refusal(forName: name) { return "adjustment: \(refusal)" }
            guard Self.remediationEnvironmentNames.contains(name) else {
                return "adjustment: \(name) is not a variable an evlog remediation sets (\(Self.remediationEnvironmentNames.sorted().joined(separator: " "))); a log's value for it is not evlog's"
            }
            if ShellProfileGrammar.changesWhatRuns(name) || name.uppercased().hasSuffix("FLAGS") || name.uppercased().hasPrefix("NPM_CONFIG_") {
                return "adjustment: \(name) changes what runs or where it is fetched from; a log's value for it is not evlog's"
            }
            if let problem = ShellProfileGrammar.problem(withValue: value) { return "adjustment: \(name)=\(GrammarText.shown(value)) \(problem)" }
        }
        return extraArguments.flatMap(StepAdjustment.problem(withArguments:)).map { "adjustment: \($0)" }
    }

    /// The variables evlog's remediations set for a re-run, with a value (`env: NAME=value` in the remediation
    /// catalog; `RemediationArgumentsTests` keeps the two the same). A log's adjustment sets these or nothing: the
    /// allow-list says what a rule may set, not what a log's author may (trust19 #8: `RUSTUP_TOOLCHAIN=/tmp/x` ran
    /// that directory's cargo as root; `GONOSUMDB` turns off Go's checksum database).
    public static let remediationEnvironmentNames: Set<String> = ["COMPOSER_MEMORY_LIMIT", "DOCKER_API_VERSION", "npm_config_prefix"]

    /// The options evlog's remediations add to an install command (`extra_args` in the remediation catalog;
    /// `RemediationArgumentsTests` keeps the two the same). A log's extra arguments are these or nothing: the shape
    /// of an option says nothing of what it does (`--allow-unauthenticated`, `--allow-remove-essential`).
    public static let remediationArguments: Set<String> = [
        "--allowerasing", "--break-system-packages", "--legacy-peer-deps", "--no-cache-dir", "--user", "--user-install",
    ]

    /// What is wrong with `arguments` as the extra arguments a remediation adds to an install command, or nil:
    /// each one of `remediationArguments`, so none can carry a value the installer acts on (`-oDPkg::Pre-Invoke=…`,
    /// `--index-url=…`) or weaken its checks.
    static func problem(withArguments arguments: [String]) -> String? {
        guard let stray = arguments.first(where: { !remediationArguments.contains($0) }) else { return nil }
        return "\(GrammarText.shown(stray)) is not an option an evlog remediation adds (\(remediationArguments.sorted().joined(separator: " ")))"
    }
}
