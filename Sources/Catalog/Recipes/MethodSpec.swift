import InstallModel

/// One way to install a tool, plus what to do after it.
public struct MethodSpec: Hashable, Sendable {
    public var kind: MethodKind
    public var postInstall: [PostInstallSpec]
    /// A remark the resolver adds to the plan's notes when it picks this method.
    public var note: String?
    public var origin: SourceLocation

    public init(kind: MethodKind, postInstall: [PostInstallSpec] = [], note: String? = nil, origin: SourceLocation) {
        self.kind = kind
        self.postInstall = postInstall
        self.note = note
        self.origin = origin
    }
}

/// The kinds of install method a recipe can list.
public enum MethodKind: Hashable, Sendable {
    /// System packages: keys are package managers (`apt`) or distribution ids (`rhel`), which win.
    /// A `nil` entry says "not packaged there" and stops the lookup.
    case packages([String: PackageEntry?])
    /// A language installer: pipx, pip, cargo, npm, go or gem.
    case language(LanguagePackage)
    /// A prebuilt binary for this OS and arch.
    case release(ReleaseSpec)
    /// A `curl … | sh` installer; refused unless its checksum is pinned.
    case script(ScriptSpec)
    /// Install another recipe instead (`cargo` via `rustup`).
    case via(String)

    /// The name used in plan notes (`packages`, `pipx`, `release`).
    public var label: String {
        switch self {
        case .packages: "packages"
        case .language(let package): package.installer.rawValue
        case .release: "release"
        case .script: "script"
        case .via(let tool): "via \(tool)"
        }
    }
}

/// The packages one package manager (or one distribution) installs for a tool.
public struct PackageEntry: Hashable, Sendable {
    public var names: [String]
    /// The command under another name (`fdfind`, `batcat`).
    public var binary: String?
    /// A repository from `repos.yaml` that must be set up first.
    public var repository: String?
    /// The version this distribution ships, when known; compared with the recipe's `min_version`.
    public var version: String?
    /// The release series a versioned repository serves by default (`1.32` for pkgs.k8s.io), filling `{channel}`.
    public var channel: String?

    public init(names: [String], binary: String? = nil, repository: String? = nil, version: String? = nil, channel: String? = nil) {
        self.names = names
        self.binary = binary
        self.repository = repository
        self.version = version
        self.channel = channel
    }
}

/// A package for a language installer (`pipx install black`).
public struct LanguagePackage: Hashable, Sendable {
    public var installer: PackageManager
    public var package: String
    public var arguments: [String]
    /// The command under another name than the recipe's.
    public var binary: String?

    public init(installer: PackageManager, package: String, arguments: [String] = [], binary: String? = nil) {
        self.installer = installer
        self.package = package
        self.arguments = arguments
        self.binary = binary
    }
}

extension MethodSpec {
    /// This method as `--method wanted` allows it: whole when its kind matches (`pipx`, `release`, `packages`,
    /// `via`), only that manager's entries when `wanted` is a system package manager (`apt`), else nil.
    public func restricted(to wanted: String) -> MethodSpec? {
        switch kind {
        case .packages(let entries):
            if wanted == "packages" { return self }
            guard let manager = PackageManager(rawValue: wanted), manager.isSystem else { return nil }
            let kept = entries.filter { key, _ in
                key == wanted || CatalogVocabulary.manager(forDistribution: key) == manager
            }
            guard !kept.isEmpty else { return nil }
            var copy = self
            copy.kind = .packages(kept)
            return copy
        case .via: return wanted == "via" ? self : nil
        default: return kind.label == wanted ? self : nil
        }
    }
}
