import ArgumentParser
import EvlogKit
import Foundation
import Orchestrator
import Sealing

/// The keys a reader checks a log's seals against (`--key`, `--keyring`): `verify` and the commands that show a plan
/// (`status`, `what-failed`, `replay`, `export`, `list`) take them alike. Given one, a reader marks what its seals do
/// not cover as `verify --key` fails it, and does not take those records as the plan's state (integrity26).
struct ReaderKeyOptions: ParsableArguments {
    @Option(help: "The public key every seal must be signed by (base64, or a file holding it, e.g. host.pub): what it does not seal is marked, not taken as the plan's state.")
    var key: String?

    @Option(help: "A fleet's keyring: a directory of <host>.pub files; every seal must be signed by one of them (verify names the host that sealed).")
    var keyring: String?

    /// The keys given, nil when none; a bad key or keyring is a usage error (exit 2). A keyring's unusable entries are
    /// named on stderr and left out; the other hosts' keys are still used (integrity18 #4).
    func trusted() throws -> TrustedKeys? {
        guard key == nil || keyring == nil else { throw UserFacingError("give --key or --keyring, not both") }
        do throws(SealingError) {
            let single = try key.map { text throws(SealingError) in TrustedKeys(try SealPublicKey(text: text)) }
            let ring = try keyring.map { directory throws(SealingError) in try TrustedKeys(keyringDirectory: directory) }
            for entry in ring?.unusable ?? [] { Terminal.print("evlog: warning: \(entry.warning)", to: STDERR_FILENO) }
            return single ?? ring
        } catch {
            throw UserFacingError(error.description, code: .usage)
        }
    }
}
