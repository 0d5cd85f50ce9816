import Crypto
import EventLog
import Foundation
import InstallModel

/// The host's Ed25519 signing key: `<config>/evlog/host.key` (mode 0600, base64 of the raw private key)
/// and `<config>/evlog/host.pub` (base64 of the raw public key), where `<config>` is `$XDG_CONFIG_HOME` (when
/// absolute) or `~/.config`.
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
        // A relative value is ignored, as the XDG base directory specification says (integrity20 #12: the host key
        // was looked up under the current directory).
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? UserHomeRule.home(environment: environment, passwordDatabase: NSHomeDirectory) + "/.config"
        return config + "/evlog"
    }

    public static func privatePath(in directory: String) -> String { directory + "/host.key" }
    public static func publicPath(in directory: String) -> String { directory + "/host.pub" }

    /// The key in `directory`, or nil when there is none, neither half (logs are then not sealed). The public key
    /// file must hold this key's public half: a pair that does not match (a `key generate` killed
    /// between its two files) would seal logs nobody can verify, so it is an error.
    public static func load(from directory: String) throws(SealingError) -> HostKey? {
        let path = privatePath(in: directory)
        guard FileManager.default.fileExists(atPath: path) else {
            // A public key alone is half a pair: logs this host sealed before must not go on unsealed.
            if FileManager.default.fileExists(atPath: publicPath(in: directory)) {
                throw .keyPairMismatch(privatePath: path, publicPath: publicPath(in: directory))
            }
            return nil
        }
        let hostKey = try readPrivate(path)
        // Anyone who can read the private key can seal logs as this host (integrity10 finding 6): as ssh does, a key
        // others may read is not used.
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & 0o077 != 0 {
            throw .keyReadableByOthers(path, mode: Int(status.st_mode & 0o777))
        }
        let publicPath = publicPath(in: directory)
        guard let published = try? String(contentsOfFile: publicPath, encoding: .utf8),
            published.trimmingCharacters(in: .whitespacesAndNewlines) == hostKey.publicKey.base64
        else { throw .keyPairMismatch(privatePath: path, publicPath: publicPath) }
        return hostKey
    }

    /// The private key in the file at `path`, or `badKeyFile`.
    private static func readPrivate(_ path: String) throws(SealingError) -> HostKey {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else { throw .badKeyFile(path) }
        return HostKey(key)
    }

    /// The key in `directory` with its public half written again, when `generate` was cut short between its two
    /// files (integrity10 finding 5, integrity13 #5): `host.key` holds a key and `host.pub` is missing, empty or
    /// holds another key (a `generate --force` killed between its renames: the old key's public half). The public half
    /// is derived from the private key, and another key `host.pub` held is kept first (`keepPrevious`), so nothing is
    /// lost. Nil when there is nothing to complete (the pair matches, or there is no private key).
    public static func completePair(in directory: String) throws(SealingError) -> HostKey? {
        let path = privatePath(in: directory)
        let publicPath = publicPath(in: directory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let key = try readPrivate(path)
        let published = ((try? String(contentsOfFile: publicPath, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard published != key.publicKey.base64 else { return nil }
        if let other = try? SealPublicKey(text: published) { try keepPrevious(other, in: directory) }
        do {
            try WholeFile.write(Array((key.publicKey.base64 + "\n").utf8), to: publicPath, mode: 0o644)
        } catch {
            throw .cannotWrite(publicPath, String(describing: error))
        }
        return key
    }

    /// Where the public keys this host had before `key generate --force` are kept: `previous-keys/<hex>.pub`, named
    /// by their fingerprint's hex digits, so a log an earlier key sealed can still be verified (`--key FILE`).
    public static func previousPath(of fingerprint: String, in directory: String) -> String {
        directory + "/previous-keys/" + fingerprint.dropFirst("ed25519:".count) + ".pub"
    }

    /// Keeps `key` in `previous-keys/` (integrity13 #19), whole or absent; a key kept already stays as it is.
    static func keepPrevious(_ key: SealPublicKey, in directory: String) throws(SealingError) {
        let path = previousPath(of: key.fingerprint, in: directory)
        guard !FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory + "/previous-keys", withIntermediateDirectories: true)
            try WholeFile.write(Array((key.base64 + "\n").utf8), to: path, mode: 0o644)
        } catch {
            throw .cannotWrite(path, String(describing: error))
        }
    }

    /// Creates a new key in `directory`; refuses to replace one unless `replacing`. Both files are written and
    /// fsynced beside their names before either is renamed into place (`WholeFile.write(all:)`), so a full disk, which
    /// fails the writes, changes neither. The private key is renamed first, so what stops between the two renames — a
    /// kill, or a second rename that fails (an I/O error, a read-only remount) — leaves a pair that `load` reports as
    /// not matching rather than a key nobody can verify; a failed rename or directory fsync after the first rename
    /// says so, and `evlog key generate` then writes host.pub again from host.key (`completePair`).
    /// Two at once take turns on `generationLockPath` (an exclusive `flock`): the second finds the first's
    /// key and refuses, so the printed key is the one on disk and the pair on disk is one run's.
    public static func generate(in directory: String, replacing: Bool = false) throws(SealingError) -> HostKey {
        let path = privatePath(in: directory)
        if FileManager.default.fileExists(atPath: path), !replacing { throw .keyExists(path) }
        let key = HostKey(Curve25519.Signing.PrivateKey())
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let lock = open(generationLockPath(in: directory), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard lock >= 0 else { throw SealingError.cannotWrite(directory, String(cString: strerror(errno))) }
            defer { close(lock) }
            while flock(lock, LOCK_EX) != 0 {
                guard errno == EINTR else { throw SealingError.cannotWrite(directory, String(cString: strerror(errno))) }
            }
            if FileManager.default.fileExists(atPath: path), !replacing { throw SealingError.keyExists(path) }
            // The key replaced, and whatever host.pub held, stay verifiable: their public halves are kept first.
            if let old = try? readPrivate(path) { try keepPrevious(old.publicKey, in: directory) }
            if let published = try? String(contentsOfFile: publicPath(in: directory), encoding: .utf8),
               let old = try? SealPublicKey(text: published) {
                try keepPrevious(old, in: directory)
            }
            // Both written before either is in place: a full disk leaves the pair as it was (integrity16 #5).
            try WholeFile.write(all: [
                (Array((key.privateKey.rawRepresentation.base64EncodedString() + "\n").utf8), path, 0o600),
                (Array((key.publicKey.base64 + "\n").utf8), publicPath(in: directory), 0o644),
            ])
        } catch let error as SealingError {
            throw error
        } catch EventLogError.partlyReplaced(let replaced, let cause) {
            throw .cannotWrite(directory, "the new key went into \(replaced.joined(separator: " and ")), then \(cause.failure): host.key and host.pub may "
                + "not match; once that is mended, run `evlog key generate`, which writes host.pub again from host.key")
        } catch {
            throw .cannotWrite(directory, String(describing: error))
        }
        return key
    }

    /// The file `generate` locks while it writes the pair.
    static func generationLockPath(in directory: String) -> String { directory + "/host.key.lock" }

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

    /// The most bytes a public key file may hold: a key and a line break, with room for blanks around them.
    static let fileBytesMax = 1024

    /// Reads the base64 form, or — when `text` spells no key — a file holding it.
    public init(text: String) throws(SealingError) {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // A key written out is that key, whatever file of that name the current directory holds: read as a path
        // first, a file planted under a trusted key's base64 substituted another key (integrity20 #4).
        if let literal = Self.literal(body) {
            self = literal
            return
        }
        // Both halves are base64 of 32 bytes: the private one is told by its file's name (integrity10 finding 18).
        if (body as NSString).lastPathComponent == "host.key" { throw .privateKeyGiven(text) }
        if FileManager.default.fileExists(atPath: body) {
            // A key is 44 characters: a file much longer is no key, and is not read whole (integrity18 #4).
            // Only a regular file is opened: a FIFO would hold the open until someone writes to it.
            guard (try? FileManager.default.attributesOfItem(atPath: body)[.type] as? FileAttributeType) == .typeRegular,
                let handle = FileHandle(forReadingAtPath: body)
            else { throw .badPublicKey(text) }
            defer { try? handle.close() }
            guard let bytes = try? handle.read(upToCount: Self.fileBytesMax + 1), bytes.count <= Self.fileBytesMax,
                let contents = String(data: bytes, encoding: .utf8)
            else { throw .badPublicKey(text) }
            body = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        } else if body.contains("/") || body.hasSuffix(".pub") {
            // Base64 holds '/', but never ends in `.pub`, and 32 bytes of it are 44 characters with one '='.
            if body.hasSuffix(".pub") || !(body.count == 44 && body.hasSuffix("=")) { throw .noSuchKeyFile(text) }
        }
        guard let raw = Data(base64Encoded: body), (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else {
            throw .badPublicKey(text)
        }
        self.raw = raw
    }

    /// The key `text` spells as base64 (44 characters), or nil when it spells none.
    private static func literal(_ text: String) -> SealPublicKey? {
        guard text.utf8.count == 44, let raw = Data(base64Encoded: text),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else { return nil }
        return SealPublicKey(key)
    }

    public var base64: String { raw.base64EncodedString() }

    public var fingerprint: String {
        "ed25519:" + SHA256.hash(data: raw).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    public func isValid(signature: [UInt8], for message: [UInt8]) -> Bool { key.isValidSignature(signature, for: message) }

    /// The public key of these 32 bytes read as a private key (any 32 bytes are one).
    static func derivedFromPrivate(_ raw: Data) -> SealPublicKey {
        // Cannot fail: every 32 bytes are an Ed25519 private key.
        SealPublicKey(try! Curve25519.Signing.PrivateKey(rawRepresentation: raw).publicKey)
    }

    /// Whether these 32 bytes, read as a private key, are the private half of `other`: a host.key given where its
    /// public key was wanted (under another name than host.key).
    func isPrivateHalf(of other: SealPublicKey) -> Bool { Self.derivedFromPrivate(raw) == other }
}

/// Keys and seals that cannot be used; each reads as one line for the user.
public enum SealingError: Error, Equatable, CustomStringConvertible {
    case keyExists(String)
    case badKeyFile(String)
    case badPublicKey(String)
    case cannotWrite(String, String)
    case keyPairMismatch(privatePath: String, publicPath: String)
    case emptyKeyring(String)
    case badKeyringName(String, String)
    case duplicateKeyringKey(String, first: String, second: String)
    case badLastSeen(String, line: Int)
    case badLastSeenFile(String, String)
    case keyReadableByOthers(String, mode: Int)
    case privateKeyGiven(String)
    case privateKeyExposed(String, in: String)
    case noSuchKeyFile(String)

    public var description: String {
        switch self {
        case .keyExists(let path): "a host key already exists at \(path); pass --force to replace it (logs it sealed stay verifiable with its public key, which is kept in previous-keys/)"
        case .badKeyFile(let path): "\(path) is not an evlog host key (base64 of a 32-byte Ed25519 private key)"
        case .badPublicKey(let text): "'\(text)' is not an Ed25519 public key (base64 of 32 bytes, or a file holding it)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .emptyKeyring(let directory):
            "\(directory) holds no <host>.pub file; a keyring is a directory of public keys, one per host (each host's host.pub)"
        case .badKeyringName(let directory, let name):
            "\(directory) holds '\(name)', which is not <host>.pub with a host name of letters, digits, '.', '-' and '_' (at most 64, starting with a letter or digit); rename or remove it"
        case .duplicateKeyringKey(let directory, let first, let second):
            "\(directory)/\(first) and \(second) hold the same key; a key belongs to one host, so a seal could not say which: remove one"
        case .badLastSeen(let path, let line):
            "\(path) is not a record of seals seen (line \(line) is not {\"key\", \"plan\", \"seal\"}): it protects this home's logs "
                + "from being cut back unnoticed, so restore it from a backup or mend that line; removing it gives up that protection"
        case .badLastSeenFile(let path, let reason):
            "\(path) cannot be the record of seals seen: \(reason); it protects this home's logs from being cut back unnoticed: put the record back (from a backup) in its place"
        case .keyReadableByOthers(let path, let mode):
            "\(path) is readable by others (mode \(String(mode, radix: 8))): anyone who read it can seal logs as this host, so it is not used; "
                + "run `chmod 600 \(path)`, and `evlog key generate --force` if others may have read it"
        case .noSuchKeyFile(let text):
            "'\(text)' does not exist: name a file holding the host's public key (its host.pub), or give the key itself (base64 of 32 bytes)"
        case .privateKeyGiven(let text):
            "'\(text)' is a private key (host.key), not a public one: pass the public key, host.pub (`evlog key show` prints it), "
                + "and keep host.key on its host"
        case .privateKeyExposed(let path, let copy):
            "'\(path)' is not used: its private key is in '\(copy)', where whoever reads the keyring can seal as that host; "
                + "run `evlog key generate --force` on that host and put its new host.pub here"
        case .keyPairMismatch(let privatePath, let publicPath):
            "\(publicPath) does not hold the public half of \(privatePath) (missing, empty or from another key: a `key generate` cut short?); nothing is sealed with a key nobody can verify: run `evlog key generate` (it writes host.pub again from host.key, keeping any other key it held in previous-keys/) or `evlog key generate --force`"
        }
    }
}
