/// Parameters of a `packages` step: one batched install through a system package manager.
public struct PackagesParameters: Hashable, Codable, Sendable {
    public var manager: PackageManager
    public var packages: [String]
    /// Refresh the manager's index (`apt-get update`) before installing.
    public var refreshIndex: Bool
    /// `--reinstall`: install again even what is installed (`apt-get install --reinstall`, `dnf reinstall`).
    /// Absent (nil) in logs written before the flag reached the step.
    public var reinstall: Bool?
    /// Arguments a remediation added to the install command (`--allowerasing`); absent when none.
    public var extraArguments: [String]?
    public init(
        manager: PackageManager, packages: [String], refreshIndex: Bool = false, reinstall: Bool? = nil,
        extraArguments: [String]? = nil
    ) {
        self.manager = manager
        self.packages = packages
        self.refreshIndex = refreshIndex
        self.reinstall = reinstall
        self.extraArguments = extraArguments
    }
}

/// Parameters of a `repo_setup` step: a signing key plus a source entry, a PPA, or an RPM repo file.
public struct RepoSetupParameters: Hashable, Codable, Sendable {
    public var manager: PackageManager
    public var name: String
    public var keyURL: String?
    /// The primary-key fingerprints the fetched key must have (upper-case hex); nil or empty: not pinned.
    /// Absent in logs written before key pinning.
    public var keyFingerprints: [String]?
    /// Where the key is stored: dearmored for a `.gpg` name, ASCII-armored for `.asc` (`/etc/apt/keyrings/docker.asc`).
    public var keyringPath: String?
    /// The line for `sources.list.d` or the `.repo` file contents; may hold `{arch}` and `{codename}`.
    public var sourceEntry: String?
    public var sourcePath: String?
    public var ppa: String?
    public init(
        manager: PackageManager, name: String, keyURL: String? = nil, keyFingerprints: [String]? = nil,
        keyringPath: String? = nil, sourceEntry: String? = nil, sourcePath: String? = nil, ppa: String? = nil
    ) {
        self.manager = manager
        self.name = name
        self.keyURL = keyURL
        self.keyFingerprints = keyFingerprints
        self.keyringPath = keyringPath
        self.sourceEntry = sourceEntry
        self.sourcePath = sourcePath
        self.ppa = ppa
    }
}

/// Parameters of a `tool` step: a tool's own installer (pipx, cargo, npm, go, gem) or a pinned script.
public struct ToolParameters: Hashable, Codable, Sendable {
    /// pip, pipx, cargo, npm, go, gem; `nil` for a script installer.
    public var installer: PackageManager?
    public var package: String?
    public var version: String?
    /// A `curl … | sh` installer is downloaded first and must match `scriptSHA256`.
    public var scriptURL: String?
    public var scriptSHA256: String?
    public var arguments: [String]
    public init(
        installer: PackageManager?, package: String? = nil, version: String? = nil, scriptURL: String? = nil,
        scriptSHA256: String? = nil, arguments: [String] = []
    ) {
        self.installer = installer
        self.package = package
        self.version = version
        self.scriptURL = scriptURL
        self.scriptSHA256 = scriptSHA256
        self.arguments = arguments
    }
}

/// Parameters of a step that is one command (`post_install`): argv, never a shell string to guess from.
public struct CommandParameters: Hashable, Codable, Sendable {
    public var argv: [String]
    public var workingDirectory: String?
    public init(argv: [String], workingDirectory: String? = nil) {
        self.argv = argv
        self.workingDirectory = workingDirectory
    }
}

/// Parameters of a `verify` step: the binary must run and exit 0, optionally printing a matching version.
public struct VerifyParameters: Hashable, Codable, Sendable {
    public var binary: String
    public var arguments: [String]
    /// A regular expression the output must match (`ripgrep 1[4-9]\.`).
    public var versionPattern: String?
    /// The version the user asked for (`ruff@0.4` → `0.4`): the output must name it (`0.4`, `0.4.10`), else the
    /// install did not do what was asked. Absent when no version was asked for.
    public var requestedVersion: String?
    public init(binary: String, arguments: [String] = ["--version"], versionPattern: String? = nil, requestedVersion: String? = nil) {
        self.binary = binary
        self.arguments = arguments
        self.versionPattern = versionPattern
        self.requestedVersion = requestedVersion
    }

    /// Whether `output` names the requested version: a dotted number whose leading components are the requested
    /// ones, compared as numbers (`1.33` is in `yamllint 1.33.0` and `v1.33`, not in `11.33`, `1.330` or `1.3`;
    /// `2024.3.10` is in yt-dlp's `2024.03.10`); true when nothing was requested. A request that is no dotted
    /// number (an older log's) must appear as written.
    ///
    /// With a `versionPattern`, only the version the pattern reads counts (truth20 #2: `zzacme 1.2.3 (api 2.0.0)` does
    /// not name 2.0.0): the first dotted number on the line holding the pattern's first match, the reading `outdated`
    /// makes of the same output (`InstalledVersion.line`, `Version.first`).
    public func namesRequestedVersion(_ output: String) -> Bool {
        guard let requested = requestedVersion, !requested.isEmpty else { return true }
        guard let wanted = Self.components(Substring(requested)) else { return output.contains(requested) }
        // Each maximal run of digits and dots is one candidate (so no digit or dot touches it on either side).
        let runs = output.split { !($0.isASCII && ($0.isNumber || $0 == ".")) }
        guard let read = versionLine(in: output).flatMap(Self.firstDottedRun) else { return runs.contains { Self.begins($0, with: wanted) } }
        return Self.begins(read, with: wanted)
    }

    /// The line of `output` holding the version pattern's first match (`^` and `$` at each line), or nil.
    private func versionLine(in output: String) -> Substring? {
        guard let pattern = versionPattern, let regex = try? Regex(pattern),
            let range = output.firstMatch(of: regex.anchorsMatchLineEndings())?.range
        else { return nil }
        let start = output[..<range.lowerBound].lastIndex(where: \.isNewline).map { output.index(after: $0) } ?? output.startIndex
        let end = output[range.lowerBound...].firstIndex(where: \.isNewline) ?? output.endIndex
        return output[start..<end]
    }

    /// The first run of digits and dots on `line` that holds a dot (`1.2.3` in `zzacme 1.2.3 (api 2.0.0)`), as `Version.first` reads.
    private static func firstDottedRun(_ line: Substring) -> Substring? {
        line.split { !($0.isASCII && ($0.isNumber || $0 == ".")) }.first { run in
            (run.hasSuffix(".") ? run.dropLast() : run).contains(".") && !run.hasPrefix(".")
        }
    }

    /// Whether a run of digits and dots (`2024.03.10`, `1.33.`) starts with exactly `wanted` as whole components.
    private static func begins(_ run: Substring, with wanted: [Int]) -> Bool {
        let trimmed = run.hasSuffix(".") ? run.dropLast() : run
        guard !trimmed.hasPrefix("."), let found = components(trimmed) else { return false }
        return found.count >= wanted.count && Array(found.prefix(wanted.count)) == wanted
    }

    /// The numbers of `N(.N)*`, or nil for anything else (or a component too long to be a version's).
    private static func components(_ text: Substring) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 18 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        return parts.compactMap { Int($0) }
    }
}

/// Parameters of a `source` step: a git clone at a ref, or a tarball with a checksum.
public struct SourceParameters: Hashable, Codable, Sendable {
    public var gitURL: String?
    public var gitRef: String?
    public var tarballURL: String?
    public var sha256: String?
    public var destination: String
    public init(
        gitURL: String? = nil, gitRef: String? = nil, tarballURL: String? = nil, sha256: String? = nil,
        destination: String
    ) {
        self.gitURL = gitURL
        self.gitRef = gitRef
        self.tarballURL = tarballURL
        self.sha256 = sha256
        self.destination = destination
    }
}

/// How a `build` step builds.
public enum BuildSystem: String, Hashable, Codable, Sendable {
    case make, cmake, ninja, cargo, configureMake = "configure_make"
}

/// Parameters of a `build` step.
public struct BuildParameters: Hashable, Codable, Sendable {
    public var system: BuildSystem
    public var directory: String
    public var arguments: [String]
    /// Parallel jobs; `nil` means one per core.
    public var jobs: Int?
    public init(system: BuildSystem, directory: String, arguments: [String] = [], jobs: Int? = nil) {
        self.system = system
        self.directory = directory
        self.arguments = arguments
        self.jobs = jobs
    }
}

/// How an `install` step places its results.
public enum InstallMethod: String, Hashable, Codable, Sendable {
    case makeInstall = "make_install", cmakeInstall = "cmake_install", copyBinary = "copy_binary"
}

/// Parameters of an `install` step.
public struct InstallParameters: Hashable, Codable, Sendable {
    public var method: InstallMethod
    public var directory: String
    /// For `copy_binary`: the file to copy and where to, with its mode.
    public var source: String?
    public var destination: String?
    public var mode: String?
    public init(
        method: InstallMethod, directory: String, source: String? = nil, destination: String? = nil,
        mode: String? = nil
    ) {
        self.method = method
        self.directory = directory
        self.source = source
        self.destination = destination
        self.mode = mode
    }
}

/// Parameters of a `cleanup` step: paths to remove.
public struct CleanupParameters: Hashable, Codable, Sendable {
    public var paths: [String]
    public init(paths: [String]) { self.paths = paths }
}

/// Parameters of a `download` step: a file with a checksum and the space it needs.
public struct DownloadParameters: Hashable, Codable, Sendable {
    public var url: String
    public var destination: String
    public var sha256: String?
    public var sizeBytes: Int64?
    public init(url: String, destination: String, sha256: String? = nil, sizeBytes: Int64? = nil) {
        self.url = url
        self.destination = destination
        self.sha256 = sha256
        self.sizeBytes = sizeBytes
    }
}

/// What a `service` step does to a unit.
public enum ServiceAction: String, Hashable, Codable, Sendable, CaseIterable {
    case start, stop, restart, enable, disable, status
}

/// Parameters of a `service` step.
public struct ServiceParameters: Hashable, Codable, Sendable {
    public var name: String
    public var action: ServiceAction
    public init(name: String, action: ServiceAction) {
        self.name = name
        self.action = action
    }
}

/// How a `config` step changes its file.
public enum ConfigAction: String, Hashable, Codable, Sendable {
    case write, append, ensureLine = "ensure_line", template
}

/// Parameters of a `config` step; written atomically (temp file + rename).
public struct ConfigParameters: Hashable, Codable, Sendable {
    public var path: String
    public var action: ConfigAction
    /// The text to write or append, the line to ensure, or the template with `{{name}}` holes.
    public var content: String
    public var templateValues: [String: String]
    /// Octal file mode such as `0644`.
    public var mode: String?
    public var owner: String?
    public init(
        path: String, action: ConfigAction, content: String, templateValues: [String: String] = [:],
        mode: String? = nil, owner: String? = nil
    ) {
        self.path = path
        self.action = action
        self.content = content
        self.templateValues = templateValues
        self.mode = mode
        self.owner = owner
    }
}

/// Parameters of a `notification` step.
public struct NotificationParameters: Hashable, Codable, Sendable {
    public var message: String
    /// The plan pauses until the user acknowledges (`evlog resume --ack`).
    public var requiresAcknowledgement: Bool
    public init(message: String, requiresAcknowledgement: Bool = false) {
        self.message = message
        self.requiresAcknowledgement = requiresAcknowledgement
    }
}

/// A shell whose profile file a `shell_config` step edits.
public enum Shell: String, Hashable, Codable, Sendable, CaseIterable {
    case bash, zsh, fish, sh

    /// The profile file a `shell_config` step edits, relative to the user's home.
    public var profileFileName: String {
        switch self {
        case .bash: ".bashrc"
        case .zsh: ".zshrc"
        case .fish: ".config/fish/config.fish"
        case .sh: ".profile"
        }
    }
}

/// Parameters of a `shell_config` step: PATH entries and environment variables for a shell profile.
public struct ShellConfigParameters: Hashable, Codable, Sendable {
    public var shell: Shell
    public var pathEntries: [String]
    public var environment: [String: String]
    /// The rollback form: remove this plan's marked block from the profile file instead of writing it.
    /// Absent (nil) in logs written before rollback existed.
    public var removeBlock: Bool?
    /// With `removeBlock`: the plan whose block to remove (`evlog uninstall` removes an install's block);
    /// nil: this plan's own. Absent in logs written before uninstall cleaned rc files.
    public var blockPlan: PlanID?
    public init(
        shell: Shell, pathEntries: [String] = [], environment: [String: String] = [:], removeBlock: Bool? = nil,
        blockPlan: PlanID? = nil
    ) {
        self.shell = shell
        self.pathEntries = pathEntries
        self.environment = environment
        self.removeBlock = removeBlock
        self.blockPlan = blockPlan
    }
}

/// Parameters of a `github_release` step: the asset for this OS/arch, its checksum, where the binary goes.
public struct GitHubReleaseParameters: Hashable, Codable, Sendable {
    public var repository: String
    public var version: String
    /// The resolved asset URL for the plan's OS and arch.
    public var assetURL: String
    public var sha256: String?
    /// The project's checksum file, `{version}` and `{asset}` filled in; consulted when `sha256` is nil.
    /// Absent in logs written before checksum files.
    public var checksumFileURL: String?
    /// The most bytes of the checksum file fetched (curl's `--max-filesize`, with a `--max-time`): a checksum file
    /// is a few lines, and every byte of it is the step's output (trust13 #3). Set by plans made since
    /// (`checksumFileBytesCap`), never above it; absent in older logs, whose fetch stays as it ran, so that they
    /// reproduce byte for byte.
    public var checksumFileBytesMax: Int?
    /// The binary's path inside the archive (or the asset itself when it is a bare binary).
    public var binaryInArchive: String
    public var installDirectory: String
    /// The command's name once installed (`kind-linux-amd64` becomes `kind`); default: the binary's own name.
    public var installName: String?
    public init(
        repository: String, version: String, assetURL: String, sha256: String?, checksumFileURL: String? = nil,
        checksumFileBytesMax: Int? = nil, binaryInArchive: String, installDirectory: String, installName: String? = nil
    ) {
        self.repository = repository
        self.version = version
        self.assetURL = assetURL
        self.sha256 = sha256
        self.checksumFileURL = checksumFileURL
        self.checksumFileBytesMax = checksumFileBytesMax
        self.binaryInArchive = binaryInArchive
        self.installDirectory = installDirectory
        self.installName = installName
    }

    /// The bound a plan puts on its checksum file: 256 KiB, what an executor reads of a command's output
    /// (`CapturingIO.capturedBytesMax`) — thousands of lines, where a project's file has a few dozen.
    public static let checksumFileBytesCap = 256 * 1024

    /// The command's name once installed.
    public var installedName: String { installName ?? binaryInArchive.split(separator: "/").last.map(String.init) ?? binaryInArchive }

    /// Where the binary is installed (`~/.local/bin/kind`).
    public var installedPath: String { installDirectory + "/" + installedName }
}
