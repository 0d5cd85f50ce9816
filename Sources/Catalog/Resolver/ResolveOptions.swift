import InstallModel

/// The user's choices and the facts about this run that a plan depends on.
public struct ResolveOptions: Sendable {
    /// Install even when a satisfying version is already on PATH.
    public var reinstall: Bool
    /// Tells which tools are already installed; `NothingInstalled` for named profiles and tests.
    public var installedProbe: any InstalledProbe
    /// The login added to groups (`usermod -aG docker <user>`): the run's user (`CatalogCLI.loginName`), a
    /// simulation's (`PlanEnvironment.simulated`), or the logged plan's. A plan never holds a `{user}` to
    /// fill later: without one given, a plan is for the simulated machine's user.
    public var userName: String
    /// The shell whose profile gets PATH lines; nil picks zsh on macOS, bash elsewhere.
    public var shell: Shell?
    /// Directories already on PATH (with `~` for the home directory); nil means unknown, so PATH lines are added.
    public var pathDirectories: [String]?
    /// `--method`: only methods of this kind for the requested tools (`apt`, `packages`, `pipx`, `release`, …).
    public var method: String?
    /// Which versions system package managers offer, for `tool@version`; unknown when planning another system.
    public var packageVersions: any PackageVersionProbe
    /// `--link-names`: when a package installs a command under another name (`fdfind`), link the usual name.
    public var linkRenamedBinaries: Bool
    /// Which method installed each copy already here: with `--method`, only a copy that method installed counts as
    /// installed (apt's `ruff` does not stop `--method pipx ruff`).
    public var installedCopies: any InstalledCopiesProbe = NoInstalledCopies()
    /// Methods (by label: `packages`, `pip`, `release`, …) not to use for the requested tools: a
    /// `switch_method` remediation plans a tool again without the method that failed.
    public var excludedMethods: Set<String> = []
    /// `install --reinstall` on this machine: an installed apt package is reinstalled at its installed version, or
    /// the plan says what the reinstall changes (`ReinstallPin`). Off wherever installed tools are only resolved again
    /// (`catalog`, `upgrade`, method switches, simulations), which must not ask apt about every package.
    public var pinsReinstalledVersions = false
    /// Who already belongs to which group: a `group:` step is planned only to add the user (`NoGroupMembership` for
    /// another system).
    public var groupMembership: any GroupMembershipProbe = NoGroupMembership()

    public init(
        reinstall: Bool = false, installedProbe: any InstalledProbe = NothingInstalled(), userName: String = PlanEnvironment.simulated.user,
        shell: Shell? = nil, pathDirectories: [String]? = nil, method: String? = nil,
        packageVersions: any PackageVersionProbe = UnknownPackageVersions(), linkRenamedBinaries: Bool = false
    ) {
        self.reinstall = reinstall
        self.installedProbe = installedProbe
        self.userName = userName
        self.shell = shell
        self.pathDirectories = pathDirectories
        self.method = method
        self.packageVersions = packageVersions
        self.linkRenamedBinaries = linkRenamedBinaries
    }
}
