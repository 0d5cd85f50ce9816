import InstallModel

/// One copy of a tool's command on this machine: where it is and what put it there.
public struct InstalledCopy: Hashable, Sendable {
    public var path: String
    /// The package manager, installer or placed file behind it; nil when nothing evlog knows put it there (a
    /// version manager's shim, a file in `~/bin`).
    public var how: InstallKind?

    public init(path: String, how: InstallKind?) {
        self.path = path
        self.how = how
    }
}

/// Tells which method installed each copy of a tool's command, so that `--method pipx` is not answered with
/// "already installed" by apt's copy: `SystemInstallFinder` on this machine, `NoInstalledCopies` elsewhere.
public protocol InstalledCopiesProbe: Sendable {
    /// Every copy of `recipe`'s command (under each of its names), first on PATH first; empty when unknown.
    func copies(of recipe: Recipe) -> [InstalledCopy]
    /// The copy of `recipe`'s command that a bare name runs rather than the file a plan places at `placed` (`~/…` in the
    /// home): the first on PATH, when it is another file in a directory before `placed`'s, or anywhere on PATH when
    /// `placed`'s directory is not on it; nil when `placed` would run, or when unknown.
    func copy(shadowing placed: String, of recipe: Recipe) -> InstalledCopy?
}

/// For planning another system or a test: which method installed a copy is unknown.
public struct NoInstalledCopies: InstalledCopiesProbe {
    public init() {}
    public func copies(of recipe: Recipe) -> [InstalledCopy] { [] }
}

extension InstalledCopiesProbe {
    /// Unknown: no copy is said to shadow a plan's.
    public func copy(shadowing placed: String, of recipe: Recipe) -> InstalledCopy? { nil }
}

extension InstallKind {
    /// Whether this is how `--method wanted` installs: `packages` or the manager's name for a system package, the
    /// installer's name for a language package, `release` or `script` for a placed file.
    public func isMethod(_ wanted: String) -> Bool {
        switch self {
        case .packages(let manager, _): wanted == "packages" || wanted == manager.rawValue
        case .language(let installer, _): wanted == installer.rawValue
        case .file: wanted == "release" || wanted == "script"
        }
    }
}
