/// A prebuilt binary published per OS and arch (GitHub releases, dl.k8s.io, releases.hashicorp.com).
public struct ReleaseSpec: Hashable, Sendable {
    /// `owner/name` on GitHub, or the project the download belongs to.
    public var repository: String
    public var version: String
    /// Statically linked, so the Linux build also runs on musl (Alpine).
    public var isStatic: Bool
    /// Assets by platform key: `linux-x86_64`, `linux-aarch64`, `linux-musl-x86_64`, `linux-musl-aarch64`,
    /// `macos-x86_64`, `macos-aarch64`.
    public var assets: [String: ReleaseAsset]
    /// The recipe says some asset has no known checksum; such a method ranks below pinned ones.
    public var checksumUnpinned: Bool
    /// The project's published checksum file (`SHA256SUMS`, `checksums.txt`, `<asset>.sha256`); may hold
    /// `{version}` and `{asset}`. Assets without a pinned sha256 are checked against it before extraction.
    public var checksumFile: String?
    /// Run after placing the binary (`rustup-init -y`); `{bin}` is the installed file.
    public var setupCommand: [String]?

    public init(
        repository: String, version: String, isStatic: Bool, assets: [String: ReleaseAsset],
        checksumUnpinned: Bool, checksumFile: String? = nil, setupCommand: [String]? = nil
    ) {
        self.repository = repository
        self.version = version
        self.isStatic = isStatic
        self.assets = assets
        self.checksumUnpinned = checksumUnpinned
        self.checksumFile = checksumFile
        self.setupCommand = setupCommand
    }

    /// Every platform key a recipe may use.
    public static let platformKeys: Set<String> = [
        "linux-x86_64", "linux-aarch64", "linux-musl-x86_64", "linux-musl-aarch64", "macos-x86_64", "macos-aarch64",
    ]
}

/// One downloadable file of a release.
public struct ReleaseAsset: Hashable, Sendable {
    /// May hold `{version}`.
    public var url: String
    public var sha256: String?
    /// The binary's path inside the archive, or its name when the asset is the bare binary.
    public var path: String

    public init(url: String, sha256: String? = nil, path: String) {
        self.url = url
        self.sha256 = sha256
        self.path = path
    }
}

/// A vendor's install script, fetched and checked against a pinned SHA-256 before it runs.
public struct ScriptSpec: Hashable, Sendable {
    public var url: String
    /// Without it the resolver refuses the method.
    public var sha256: String?
    public var arguments: [String]
    public var needsRoot: Bool

    public init(url: String, sha256: String?, arguments: [String] = [], needsRoot: Bool = false) {
        self.url = url
        self.sha256 = sha256
        self.arguments = arguments
        self.needsRoot = needsRoot
    }
}
