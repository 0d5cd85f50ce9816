import EvlogKit
import ArgumentParser
import Foundation
import Sealing

/// `evlog key generate|show`: the host's Ed25519 key that seals every log this host writes.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Create or show the host key that seals logs (tamper-evident, signed).",
        discussion: """
            The key lives in $XDG_CONFIG_HOME/evlog (default ~/.config/evlog): host.key (mode 0600) and host.pub.
            While it exists, every log this host writes is sealed at each step's start and end and finally at its close;
            `evlog verify` reports who sealed what, `evlog verify --key PUB` checks against a given key.

            Examples:
              evlog key generate
              evlog key show
            """,
        subcommands: [Generate.self, Show.self])

    /// `evlog key generate`.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the host key (refuses to replace one without --force).")

        @Flag(help: "Replace an existing key.")
        var force = false

        func run() throws {
            let directory = HostKey.directory()
            if !force, let key = try KeyCommand.userFacing({ () throws(SealingError) in try HostKey.completePair(in: directory) }) {
                print("\(HostKey.publicPath(in: directory)) did not hold the public half of the host key at \(HostKey.privatePath(in: directory)) "
                    + "(a `key generate` cut short); written again" + KeyCommand.keptNote(directory))
                return KeyCommand.printPublic(key.publicKey)
            }
            let old = force ? try? HostKey.load(from: directory) : nil
            let key = try KeyCommand.userFacing { () throws(SealingError) in try HostKey.generate(in: directory, replacing: force) }
            print("host key written to \(HostKey.privatePath(in: directory)) (mode 0600)")
            if let old {
                print("the key it replaced, \(old.publicKey.fingerprint), is kept in \(HostKey.previousPath(of: old.publicKey.fingerprint, in: directory)): "
                    + "logs it sealed verify with `--key` that file")
            }
            KeyCommand.printPublic(key.publicKey)
        }
    }

    /// `evlog key show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the host's public key and its fingerprint.")

        func run() throws {
            guard let key = try KeyCommand.hostKey() else {
                throw UserFacingError("no host key in \(HostKey.directory()); create one with `evlog key generate`")
            }
            KeyCommand.printPublic(key.publicKey)
        }
    }

    /// Where the keys host.pub held before are kept, when there are any.
    static func keptNote(_ directory: String) -> String {
        let kept = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/previous-keys")) ?? []
        return kept.isEmpty ? "" : "; the keys this host had before are kept in \(directory)/previous-keys/"
    }

    static func printPublic(_ key: SealPublicKey) {
        print("public key: \(key.base64)")
        print("fingerprint: \(key.fingerprint)")
    }

    /// The host key when there is one; a broken key file is a usage error, never a silent unsealed log.
    static func hostKey() throws -> HostKey? {
        try HostKeySource.hostDirectory.load()
    }

    static func userFacing<T>(_ body: () throws(SealingError) -> T) throws -> T {
        do { return try body() } catch { throw UserFacingError(error.description) }
    }
}
