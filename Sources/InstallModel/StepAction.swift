/// What a step does: its kind together with that kind's typed parameters.
public indirect enum StepAction: Hashable, Sendable {
    case packages(PackagesParameters)
    case repoSetup(RepoSetupParameters)
    case tool(ToolParameters)
    case postInstall(CommandParameters)
    case verify(VerifyParameters)
    case source(SourceParameters)
    case build(BuildParameters)
    case install(InstallParameters)
    case cleanup(CleanupParameters)
    case download(DownloadParameters)
    case service(ServiceParameters)
    case config(ConfigParameters)
    case notification(NotificationParameters)
    case shellConfig(ShellConfigParameters)
    case githubRelease(GitHubReleaseParameters)

    public var kind: StepKind {
        switch self {
        case .packages: .packages
        case .repoSetup: .repoSetup
        case .tool: .tool
        case .postInstall: .postInstall
        case .verify: .verify
        case .source: .source
        case .build: .build
        case .install: .install
        case .cleanup: .cleanup
        case .download: .download
        case .service: .service
        case .config: .config
        case .notification: .notification
        case .shellConfig: .shellConfig
        case .githubRelease: .githubRelease
        }
    }

    /// The package-manager lock this action takes by its nature (a step may add one explicitly).
    public var inherentLock: PackageManager? {
        switch self {
        case .packages(let p): p.manager.isSystem ? p.manager.lockDomain : nil
        case .repoSetup(let p): p.manager.isSystem ? p.manager.lockDomain : nil
        default: nil
        }
    }
}

extension StepAction: Codable {
    private enum CodingKeys: String, CodingKey { case kind, parameters }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(StepKind.self, forKey: .kind)
        func p<T: Decodable>(_ type: T.Type) throws -> T { try container.decode(T.self, forKey: .parameters) }
        switch kind {
        case .packages: self = .packages(try p(PackagesParameters.self))
        case .repoSetup: self = .repoSetup(try p(RepoSetupParameters.self))
        case .tool: self = .tool(try p(ToolParameters.self))
        case .postInstall: self = .postInstall(try p(CommandParameters.self))
        case .verify: self = .verify(try p(VerifyParameters.self))
        case .source: self = .source(try p(SourceParameters.self))
        case .build: self = .build(try p(BuildParameters.self))
        case .install: self = .install(try p(InstallParameters.self))
        case .cleanup: self = .cleanup(try p(CleanupParameters.self))
        case .download: self = .download(try p(DownloadParameters.self))
        case .service: self = .service(try p(ServiceParameters.self))
        case .config: self = .config(try p(ConfigParameters.self))
        case .notification: self = .notification(try p(NotificationParameters.self))
        case .shellConfig: self = .shellConfig(try p(ShellConfigParameters.self))
        case .githubRelease: self = .githubRelease(try p(GitHubReleaseParameters.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .packages(let v): try container.encode(v, forKey: .parameters)
        case .repoSetup(let v): try container.encode(v, forKey: .parameters)
        case .tool(let v): try container.encode(v, forKey: .parameters)
        case .postInstall(let v): try container.encode(v, forKey: .parameters)
        case .verify(let v): try container.encode(v, forKey: .parameters)
        case .source(let v): try container.encode(v, forKey: .parameters)
        case .build(let v): try container.encode(v, forKey: .parameters)
        case .install(let v): try container.encode(v, forKey: .parameters)
        case .cleanup(let v): try container.encode(v, forKey: .parameters)
        case .download(let v): try container.encode(v, forKey: .parameters)
        case .service(let v): try container.encode(v, forKey: .parameters)
        case .config(let v): try container.encode(v, forKey: .parameters)
        case .notification(let v): try container.encode(v, forKey: .parameters)
        case .shellConfig(let v): try container.encode(v, forKey: .parameters)
        case .githubRelease(let v): try container.encode(v, forKey: .parameters)
        }
    }
}
