import Foundation

/// The keys a log's seals must be signed by: one key (`verify --key`), or a fleet's keyring (`verify
/// --keyring DIR`: one `<host>.pub` per host, so the report names the host that sealed).
public struct TrustedKeys: Sendable, Equatable {
    /// The keys, with the host each belongs to (nil for a single key given as such).
    let hosts: [Host]
    /// A single key's fingerprint, or which keyring.
    public let description: String

    struct Host: Sendable, Equatable {
        var name: String?
        var key: SealPublicKey
    }

    /// Exactly `key`.
    public init(_ key: SealPublicKey) {
        hosts = [Host(name: nil, key: key)]
        description = key.fingerprint
    }

    /// Any of `keys` (the host's own and one the user named for a log from elsewhere).
    public init(anyOf keys: [SealPublicKey]) {
        hosts = keys.map { Host(name: nil, key: $0) }
        description = keys.map(\.fingerprint).joined(separator: " or ")
    }

    /// Every `<host>.pub` in `directory` (base64 public keys, as `evlog key generate` writes `host.pub`). A host
    /// name is a host name (`hostNameIsValid`), and a key belongs to one host: anything else is refused, the file
    /// named with its unsafe characters shown as `?`.
    public init(keyringDirectory directory: String) throws(SealingError) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".pub") }.sorted()
        guard !names.isEmpty else { throw .emptyKeyring(directory) }
        var hosts: [Host] = []
        for name in names {
            let host = String(name.dropLast(".pub".count))
            guard TrustedKeys.hostNameIsValid(host) else { throw .badKeyringName(directory, TrustedKeys.shown(name)) }
            let key = try SealPublicKey(text: directory + "/" + name)
            if let same = hosts.first(where: { $0.key == key }) {
                throw .duplicateKeyringKey(directory, first: (same.name ?? "") + ".pub", second: name)
            }
            hosts.append(Host(name: host, key: key))
        }
        // Both halves of a key are base64 of 32 bytes: a host.key copied in as `<host>.pub` is told by being the private
        // half of another entry (integrity18 #4), and would hand whoever reads the keyring that host's sealing key.
        let keys = Set(hosts.map(\.key.raw))
        if let leaked = hosts.first(where: { keys.contains(SealPublicKey.derivedFromPrivate($0.key.raw).raw) }) {
            throw .privateKeyGiven(directory + "/" + (leaked.name ?? "") + ".pub")
        }
        self.hosts = hosts
        description = "a key of the keyring \(directory)"
    }

    /// A keyring's host name: 1–64 letters, digits, `.`, `-` and `_`, starting with a letter or digit — what a
    /// report can print as it is.
    public static func hostNameIsValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 64, isNameScalar(first), first != ".", first != "-", first != "_" else {
            return false
        }
        return name.unicodeScalars.allSatisfy(isNameScalar)
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-_".unicodeScalars.contains(scalar))
    }

    /// `name` with every scalar a host name may not hold shown as `?`: safe in a one-line message.
    static func shown(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.map { isNameScalar($0) ? $0 : "?" }))
    }

    /// Whether a seal signed with `key` is trusted.
    func trusts(_ key: SealPublicKey) -> Bool { hosts.contains { $0.key == key } }

    /// Why a seal signed with `key` is not trusted, or nil when it is.
    func distrust(_ key: SealPublicKey) -> String? {
        guard !trusts(key) else { return nil }
        if hosts.contains(where: { $0.key.isPrivateHalf(of: key) }) {
            return "it is signed by \(key.fingerprint), whose private key was given in place of its public key: pass host.pub, not host.key"
        }
        let wanted = hosts.count == 1 && hosts[0].name == nil ? "the expected key \(description)" : description
        return "it is signed by \(key.fingerprint), not by \(wanted)"
    }

    /// The hosts the keyring names (`<name>.pub`), sorted.
    public var hostNames: [String] { hosts.compactMap(\.name).sorted() }

    /// Whether the keyring holds a key for the host `name` (`<name>.pub`).
    public func holds(host name: String) -> Bool { hosts.contains { $0.name == name } }

    /// The host whose key `fingerprint` is, when the keyring names it.
    public func host(of fingerprint: String) -> String? {
        hosts.first { $0.key.fingerprint == fingerprint }?.name
    }
}
