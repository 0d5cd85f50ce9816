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

    /// Every `<host>.pub` in `directory` (base64 public keys, as `evlog key generate` writes `host.pub`).
    public init(keyringDirectory directory: String) throws(SealingError) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".pub") }.sorted()
        guard !names.isEmpty else { throw .emptyKeyring(directory) }
        var hosts: [Host] = []
        for name in names {
            hosts.append(Host(name: String(name.dropLast(".pub".count)), key: try SealPublicKey(text: directory + "/" + name)))
        }
        self.hosts = hosts
        description = "a key of the keyring \(directory)"
    }

    /// Why a seal signed with `key` is not trusted, or nil when it is.
    func distrust(_ key: SealPublicKey) -> String? {
        guard !hosts.contains(where: { $0.key == key }) else { return nil }
        let wanted = hosts.count == 1 && hosts[0].name == nil ? "the expected key \(description)" : description
        return "it is signed by \(key.fingerprint), not by \(wanted)"
    }

    /// The host whose key `fingerprint` is, when the keyring names it.
    func host(of fingerprint: String) -> String? {
        hosts.first { $0.key.fingerprint == fingerprint }?.name
    }
}
