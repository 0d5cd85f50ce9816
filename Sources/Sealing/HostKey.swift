import Crypto
import Foundation

/// The host's Ed25519 signing key: `<config>/evlog/host.key` (mode 0600, base64 of the raw private key)
/// and `<config>/evlog/host.pub` (base64 of the raw public key), where `<config>` is `$XDG_CONFIG_HOME`
/// or `~/.config`.
public struct HostKey: Sendable {
    /// The raw 32 bytes (swift-crypto's key types are not `Sendable`).
    private let raw: Data
    public var privateKey: Curve25519.Signing.PrivateKey {
        // Cannot fail: `raw` came from a valid key.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: raw)
    }
    public var publicKey: SealPublicKey { SealPublicKey(privateKey.publicKey) }

    public init(_ privateKey: Curve25519.Signing.PrivateKey) { raw = privateKey.rawRepresentation }

    /// The directory keys live in, from the environment.
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return config + "/evlog"
    }

    public static func privatePath(in directory: String) -> String { directory + "/host.key" }
    public static func publicPath(in directory: String) -> String { directory + "/host.pub" }

    /// The key in `directory`, or nil when there is none (logs are then not sealed).
    public static func load(from directory: String) throws(SealingError) -> HostKey? {
        let path = privatePath(in: directory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else { throw .badKeyFile(path) }
        return HostKey(key)
    }

    /// Creates a new key in `directory`; refuses to replace one unless `replacing`.
    public static func generate(in directory: String, replacing: Bool = false) throws(SealingError) -> HostKey {
        let path = privatePath(in: directory)
        if FileManager.default.fileExists(atPath: path), !replacing { throw .keyExists(path) }
        let key = HostKey(Curve25519.Signing.PrivateKey())
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try write(key.privateKey.rawRepresentation.base64EncodedString() + "\n", to: path, mode: 0o600)
            try write(key.publicKey.base64 + "\n", to: publicPath(in: directory), mode: 0o644)
        } catch {
            throw .cannotWrite(directory, String(describing: error))
        }
        return key
    }

    /// Creates the file with `mode` before any byte is in it, so the secret is never readable by others.
    private static func write(_ text: String, to path: String, mode: mode_t) throws {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw SealingError.cannotWrite(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        fchmod(fd, mode)
        let bytes = Array(text.utf8)
        guard Foundation.write(fd, bytes, bytes.count) == bytes.count else {
            throw SealingError.cannotWrite(path, String(cString: strerror(errno)))
        }
    }

    public func signature(for message: [UInt8]) throws -> [UInt8] { Array(try privateKey.signature(for: message)) }
}

/// An Ed25519 public key as evlog prints and reads it: base64 of the 32 raw bytes; its fingerprint is
/// `ed25519:` and the first 16 hex digits of the SHA-256 of those bytes.
public struct SealPublicKey: Sendable, Equatable {
    /// The raw 32 bytes (swift-crypto's key types are not `Sendable`).
    public let raw: Data
    var key: Curve25519.Signing.PublicKey {
        // Cannot fail: `raw` came from a valid key.
        try! Curve25519.Signing.PublicKey(rawRepresentation: raw)
    }

    public init(_ key: Curve25519.Signing.PublicKey) { raw = key.rawRepresentation }

    /// Reads the base64 form, or a file holding it.
    public init(text: String) throws(SealingError) {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if FileManager.default.fileExists(atPath: body), let contents = try? String(contentsOfFile: body, encoding: .utf8) {
            body = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let raw = Data(base64Encoded: body), (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else {
            throw .badPublicKey(text)
        }
        self.raw = raw
    }

    public var base64: String { raw.base64EncodedString() }

    public var fingerprint: String {
        "ed25519:" + SHA256.hash(data: raw).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    public func isValid(signature: [UInt8], for message: [UInt8]) -> Bool { key.isValidSignature(signature, for: message) }
}

/// Keys and seals that cannot be used; each reads as one line for the user.
public enum SealingError: Error, Equatable, CustomStringConvertible {
    case keyExists(String)
    case badKeyFile(String)
    case badPublicKey(String)
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .keyExists(let path): "a host key already exists at \(path); pass --force to replace it (logs it sealed stay verifiable only with its public key)"
        case .badKeyFile(let path): "\(path) is not an evlog host key (base64 of a 32-byte Ed25519 private key)"
        case .badPublicKey(let text): "'\(text)' is not an Ed25519 public key (base64 of 32 bytes, or a file holding it)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
