import InstallModel

/// Something to do after a tool is installed.
public enum PostInstallSpec: Hashable, Sendable {
    /// Enable and/or start a service with whatever init system the profile has; skipped without one.
    case service(name: String, actions: [ServiceAction])
    /// Add the user to a group (Linux, not when root); takes effect at the next login.
    case group(String)
    /// PATH entries and variables for the user's shell profile; may hold `{brew_prefix}`.
    case shellEnvironment(path: [String], environment: [String: String])
    /// One command, as argv.
    case command(CommandSpec)
    /// A message for the user.
    case notify(message: String, conditions: [Condition])
}

/// A post-install command and how to treat it.
public struct CommandSpec: Hashable, Sendable {
    public var argv: [String]
    public var needsRoot: Bool
    /// The package manager the command runs, so the scheduler takes its lock.
    public var lock: PackageManager?
    public var risk: Risk?
    public var conditions: [Condition]
    /// The least risk of the command when the plan runs as root (evlog itself is root, so the command is too):
    /// an overlay's command is at least high there (`OverlayCommandPolicy`); nil for the built-in catalog's.
    public var riskAsRoot: Risk?
    /// The command's own inverse (`git lfs uninstall` for `git lfs install`, which writes the user's ~/.gitconfig):
    /// an uninstall of a tool whose install ran this command runs it before removing the tool (truth20 #9).
    public var undo: [String]?

    public init(
        argv: [String], needsRoot: Bool = false, lock: PackageManager? = nil, risk: Risk? = nil,
        conditions: [Condition] = [], undo: [String]? = nil
    ) {
        self.undo = undo
        self.argv = argv
        self.needsRoot = needsRoot
        self.lock = lock
        self.risk = risk
        self.conditions = conditions
    }
}

/// A fact about the profile a post-install item can require.
public enum Condition: String, Hashable, Sendable, CaseIterable {
    case linux, macos, systemd, openrc
    case notRoot = "not_root"
    case notContainer = "not_container"

    /// Whether the profile has this property.
    public func holds(on profile: SystemProfile) -> Bool {
        switch self {
        case .linux: !profile.isMacOS
        case .macos: profile.isMacOS
        case .systemd: profile.initSystem == .systemd
        case .openrc: profile.initSystem == .openrc
        case .notRoot: !profile.isRoot
        case .notContainer: !profile.inContainer
        }
    }
}
