import InstallModel

/// How one tool is installed on a system, as found in past plan logs or on the system itself.
public struct InstallRecord: Hashable, Sendable {
    public var tool: String
    public var how: InstallKind
    /// Where the fact came from: `plan p-…` or `system`.
    public var source: String
    /// Repositories the install plan added for this tool (its `repo_setup` steps); uninstall removes them
    /// when no other installed tool uses them.
    public var repositories: [RepoSetupParameters]
    /// The shell-profile block the install plan wrote (its `shell_config` step), if any.
    public var shellBlock: AddedShellBlock?
    /// Links the install plan made to the command under its usual name (`--link-names`: `~/.local/bin/fd`).
    public var links: [String]
    /// The command those links point at (`fdfind`), as the link step named it; nil when the log did not say.
    public var linkedCommand: String?
    /// What the install step's log recorded adding beyond the tool's own packages (its dependencies); nil for a
    /// log that recorded no package set (an older evlog, a manager it does not read).
    public var pulledIn: [String]?
    /// Packages of the install whose configuration files were on the machine before it (the user's): removed,
    /// never purged.
    public var keepConfig: [String]
    /// The other tools the same batched step installed: `pulledIn` goes with the last of them still installed.
    public var sharedWith: [String]
    /// For a file install (a release binary): the SHA-256 of the bytes the install put there, as its log recorded
    /// them (`file_installed`); the removal deletes the file only while it holds them. nil when the log recorded
    /// none (an older evlog's), and for a removal forced past that check.
    public var fileSHA256: String?
    /// The inverses of the post-install commands the install ran (`git lfs uninstall`), as the recipe names them
    /// (`CommandSpec.undo`); the removal runs them first, while the tool is still there.
    public var undoCommands: [[String]] = []
    /// The groups the install added a user to (its `group-<name>` steps, planned only for a user not in the group):
    /// the removal takes the user out again, unless a tool that stays joined the same group.
    public var joinedGroups: [GroupJoin] = []

    public init(
        tool: String, how: InstallKind, source: String, repositories: [RepoSetupParameters] = [],
        shellBlock: AddedShellBlock? = nil, links: [String] = [], pulledIn: [String]? = nil, keepConfig: [String] = [],
        sharedWith: [String] = [], fileSHA256: String? = nil
    ) {
        self.tool = tool
        self.how = how
        self.source = source
        self.repositories = repositories
        self.shellBlock = shellBlock
        self.links = links
        self.pulledIn = pulledIn
        self.keepConfig = keepConfig
        self.sharedWith = sharedWith
        self.fileSHA256 = fileSHA256
    }

    /// Where `--link-names` links a command under its usual name (`fd` → `~/.local/bin/fd`).
    public static func linkPath(usualName: String) -> String { PlanAssembler.userBinDirectory + "/" + usualName }

    /// The id of the install step that makes that link.
    public static func linkStepID(tool: String) -> StepID { StepID("link-\(tool)") }
}

/// The block of PATH and environment lines one install plan wrote between evlog's markers in a shell profile.
public struct AddedShellBlock: Hashable, Sendable {
    /// The plan whose markers (`# >>> evlog p-… >>>`) enclose the block.
    public var plan: PlanID
    public var shell: Shell
    /// The directories the block puts on PATH (`~/.local/bin`).
    public var pathEntries: [String]

    public init(plan: PlanID, shell: Shell, pathEntries: [String]) {
        self.plan = plan
        self.shell = shell
        self.pathEntries = pathEntries
    }
}

/// The install methods that can be undone or upgraded.
public enum InstallKind: Hashable, Sendable, CustomStringConvertible {
    /// System packages (version pins like `tree=2.1.0-1` already stripped to `tree`).
    case packages(PackageManager, [String])
    /// A language installer's package (`pipx` `black`).
    case language(PackageManager, String)
    /// A file evlog placed (a release binary in ~/.local/bin, a `go install` result); `~` is the home directory.
    case file(String)

    /// `apt`, `pipx`, `file`.
    public var methodName: String {
        switch self {
        case .packages(let manager, _), .language(let manager, _): manager.rawValue
        case .file: "file"
        }
    }

    public var description: String {
        switch self {
        case .packages(let manager, let names): "\(manager.rawValue) package \(names.joined(separator: " "))"
        case .language(let installer, let package): "\(installer.rawValue) package \(package)"
        case .file(let path): "file \(path)"
        }
    }

    /// A package name without its version pin: `tree=2.1.0-1` → `tree`, `tree-2.1*` stays (dnf names hold dashes).
    public static func packageName(_ pinned: String) -> String {
        for separator in ["=", "~"] {
            if let range = pinned.range(of: separator) { return String(pinned[..<range.lowerBound]) }
        }
        return pinned
    }
}

/// A user an install's `group-<name>` step added to a group (`usermod -aG GROUP USER`).
public struct GroupJoin: Hashable, Sendable {
    public var user: String
    public var group: String

    public init(user: String, group: String) {
        self.user = user
        self.group = group
    }

    /// The join an install step's argv made, or nil for any other command.
    public init?(argv: [String]) {
        guard argv.count == 4, argv[0] == "usermod", argv[1] == "-aG" else { return nil }
        self.init(user: argv[3], group: argv[2])
    }
}
