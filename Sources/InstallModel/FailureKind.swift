/// Why a step failed, as the stable ids of FAILURE-KINDS.md (new ones are added at the end, never renamed).
public enum FailureKind: String, Codable, Sendable, CaseIterable {
    case packageNotFound = "package-not-found"
    case versionNotAvailable = "version-not-available"
    case runtimeVersionIncompatible = "runtime-version-incompatible"
    case packageManagerLocked = "package-manager-locked"
    case needsRoot = "needs-root"
    case sudoAuthFailed = "sudo-auth-failed"
    case externallyManagedPython = "externally-managed-python"
    case diskFull = "disk-full"
    case networkUnreachable = "network-unreachable"
    case networkTimeout = "network-timeout"
    case tlsCertificateError = "tls-certificate-error"
    case httpError = "http-error"
    case commandNotFound = "command-not-found"
    case serviceUnitMissing = "service-unit-missing"
    case serviceFailed = "service-failed"
    case corruptDownload = "corrupt-download"
    case checksumMismatch = "checksum-mismatch"
    case gpgKeyError = "gpg-key-error"
    case repoUnavailable = "repo-unavailable"
    case dpkgInterrupted = "dpkg-interrupted"
    case brokenDependencies = "broken-dependencies"
    case compilerMissing = "compiler-missing"
    case missingHeaders = "missing-headers"
    case outOfMemory = "out-of-memory"
    case stepTimeout = "step-timeout"
    case interrupted
    case unknown
    case archMismatch = "arch-mismatch"
    case missingSharedLibrary = "missing-shared-library"
    case libcIncompatible = "libc-incompatible"
    case readOnlyFilesystem = "read-only-filesystem"

    /// A kind written by a newer evlog decodes as `unknown` instead of failing.
    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        self = FailureKind(rawValue: raw) ?? .unknown
    }
}
