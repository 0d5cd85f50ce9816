import Sealing

/// Where a run finds the host key that seals its log: this host's key directory, or anything a caller
/// gives (a test's fixed key, none at all). A broken key file is a usage error, never a silent unsealed log.
public struct HostKeySource: Sendable {
    private let loadKey: @Sendable () throws -> HostKey?

    /// A source that calls `load` each time the key is needed.
    public init(_ load: @escaping @Sendable () throws -> HostKey?) {
        loadKey = load
    }

    /// The host key when there is one.
    public func load() throws -> HostKey? {
        try loadKey()
    }

    /// The key in `HostKey.directory()`, as `evlog key generate` made it.
    public static let hostDirectory = HostKeySource {
        do {
            return try HostKey.load(from: HostKey.directory())
        } catch let error as SealingError {
            throw UserFacingError(error.description)
        }
    }
}
