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
        unusable = []
        description = key.fingerprint
    }

    /// Any of `keys` (the host's own and one the user named for a log from elsewhere).
    public init(anyOf keys: [SealPublicKey]) {
        hosts = keys.map { Host(name: nil, key: $0) }
        unusable = []
        description = keys.map(\.fingerprint).joined(separator: " or ")
    }

    /// Every `<host>.pub` in `directory` (base64 public keys, as `evlog key generate` writes `host.pub`). A host
    /// name is a host name (`hostNameIsValid`), a file holds one public key, and a key belongs to one host: an entry
    /// that is not so is left out and kept in `unusable` with its one-line error (integrity18 #4: one bad file must not
    /// stop a fleet's page), the rest are read. A directory with no `.pub` file, or none usable, is refused (with its
    /// first entry's error): nothing could be checked against it.
    public init(keyringDirectory directory: String) throws(SealingError) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".pub") }.sorted()
        guard !names.isEmpty else { throw .emptyKeyring(directory) }
        var problems: [String: SealingError] = [:]
        var read: [(file: String, host: Host)] = []
        for name in names {
            guard let host = TrustedKeys.host(ofFile: name) else {
                problems[name] = .badKeyringName(directory, TrustedKeys.shown(name))
                continue
            }
            do throws(SealingError) {
                read.append((name, Host(name: host, key: try SealPublicKey(text: directory + "/" + name))))
            } catch {
                problems[name] = error
            }
        }
        for problem in TrustedKeys.sharedKeys(read, in: directory) where problems[problem.file] == nil { problems[problem.file] = problem.error }
        unusable = names.compactMap { name in
            problems[name].map { Unusable(host: TrustedKeys.host(ofFile: name), problem: $0) }
        }
        hosts = read.filter { problems[$0.file] == nil }.map(\.host)
        if hosts.isEmpty, let first = unusable.first { throw first.problem }
        description = "a key of the keyring \(directory)"
    }

    /// A keyring entry left out, with why.
    public struct Unusable: Sendable, Equatable {
        /// The host its file names, nil when the file's name is not `<host>.pub`.
        public let host: String?
        /// Why, as one line naming the file.
        public let problem: SealingError

        /// The line a command prints for it.
        public var warning: String { "\(problem); that keyring entry is not used" }
    }

    /// The entries left out when the keyring was read (bad names, files that hold no public key, a key under two names,
    /// a private key), in file name order.
    public let unusable: [Unusable]

    /// The entries of `read` whose key another entry also gives: the same key under two names (a seal could not say
    /// which host made it: neither is used), or one entry's key that is the private half of another's. Both halves of a
    /// key are base64 of 32 bytes: a host.key copied in as `<host>.pub` is told by deriving each entry's public half once
    /// (integrity18 #4); it is not used, nor is the key it exposes to whoever reads the keyring.
    private static func sharedKeys(_ read: [(file: String, host: Host)], in directory: String) -> [(file: String, error: SealingError)] {
        var found: [(file: String, error: SealingError)] = []
        var first: [Data: String] = [:]
        for entry in read {
            if let earlier = first[entry.host.key.raw] {
                let error = SealingError.duplicateKeyringKey(directory, first: earlier, second: entry.file)
                found += [(earlier, error), (entry.file, error)]
            } else {
                first[entry.host.key.raw] = entry.file
            }
        }
        for entry in read {
            guard let exposed = first[SealPublicKey.derivedFromPrivate(entry.host.key.raw).raw] else { continue }
            found += [(entry.file, .privateKeyGiven(directory + "/" + entry.file)),
                      (exposed, .privateKeyExposed(directory + "/" + exposed, in: directory + "/" + entry.file))]
        }
        return found
    }

    /// The host a keyring file `<host>.pub` names, nil when that is not a host name.
    private static func host(ofFile name: String) -> String? {
        let host = String(name.dropLast(".pub".count))
        return hostNameIsValid(host) ? host : nil
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
