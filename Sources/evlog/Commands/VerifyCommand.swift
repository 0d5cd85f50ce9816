import ArgumentParser
import EventLog
import Sealing

/// `evlog verify <file>`: checks every checksum of a log and says how much of it is intact.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every checksum of a log and report how much of it is intact.",
        discussion: """
            Exit status: 0 the log is intact; 1 it is damaged (the good records, the first bad byte \
            and the bytes after it are printed), or a seal fails (an edited record: the first broken link is \
            named), or --key was given and the log is not sealed by it; 2 the file is missing, unreadable or \
            not an evlog log. The second line says what the seals prove: `sealed by <fingerprint>` with the \
            records and time range covered and any unsealed tail, or `not sealed: integrity only`.
            With --json, one line: {"records": N, "valid_bytes": B, "total_bytes": T, "damaged": bool, "reason": "...", \
            "sealed": bool, "seal": "..."}.

            Examples:
              evlog verify ~/.local/state/evlog/plans/p-3f2a9c01b7de.evlog
              evlog verify run.evlog --json
              evlog verify host.evb --key "$(cat ~/.config/evlog/host.pub)"
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The .evlog file (or .evb bundle) to check.")
    var file: String

    @Option(help: "The public key every seal must be signed by (base64, or a file holding it, e.g. host.pub).")
    var key: String?

    func run() throws {
        let verdict: LogVerification
        let seals: SealReport
        do {
            let expected = try key.map { text throws(SealingError) in try SealPublicKey(text: text) }
            verdict = try LogVerifier.verify(path: file)
            seals = try SealVerifier.verify(path: file, expected: expected)
        } catch let error as SealingError {
            throw UserFacingError(error.description, code: .usage)
        } catch {
            throw UserFacingError(String(describing: error), code: .usage)
        }
        print(global.json ? VerifyCommand.json(verdict, seals: seals) : VerifyCommand.text(verdict, file: file) + "\n" + seals.summary)
        if verdict.damaged || seals.failed { throw ExitCode.planFailed }
    }

    static func json(_ verdict: LogVerification, seals: SealReport) -> String {
        let firstBad = verdict.firstBadOffset.map(String.init) ?? "null"
        return #"{"records": \#(verdict.records), "valid_bytes": \#(verdict.validBytes), "total_bytes": \#(verdict.totalBytes), "#
            + #""damaged": \#(verdict.damaged), "reason": \#(JSONText.quoted(verdict.reason)), "first_bad_offset": \#(firstBad), "#
            + #""sealed": \#(seals.isSealed), "seal": \#(JSONText.quoted(seals.summary))}"#
    }

    static func text(_ verdict: LogVerification, file: String) -> String {
        let about = verdict.header.map { " (label \($0.label), by \($0.creator), format \($0.readVersion))" } ?? ""
        guard verdict.damaged else {
            return "\(file): intact, \(verdict.records) records in \(verdict.blocks) blocks, \(verdict.totalBytes) bytes\(about)"
        }
        return "\(file): damaged, \(verdict.records) records good, first bad byte at offset \(verdict.firstBadOffset ?? verdict.validBytes), "
            + "\(verdict.bytesAfterValid) bytes after it (\(verdict.reason))\(about)"
    }
}
