import ArgumentParser
import EventLog

/// `evlog verify <file>`: checks every checksum of a log and says how much of it is intact.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every checksum of a log and report how much of it is intact.",
        discussion: """
            Exit status: 0 the log is intact; 1 it is damaged (the good records, the first bad byte \
            and the bytes after it are printed); 2 the file is missing, unreadable or not an evlog log.
            With --json, one line: {"records": N, "valid_bytes": B, "total_bytes": T, "damaged": bool, "reason": "..."}.

            Examples:
              evlog verify ~/.local/state/evlog/plans/p-3f2a9c01b7de.evlog
              evlog verify run.evlog --json
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The .evlog file to check.")
    var file: String

    func run() throws {
        let verdict: LogVerification
        do {
            verdict = try LogVerifier.verify(path: file)
        } catch {
            throw UserFacingError(error.description, code: .usage)
        }
        print(global.json ? VerifyCommand.json(verdict) : VerifyCommand.text(verdict, file: file))
        if verdict.damaged { throw ExitCode.planFailed }
    }

    static func json(_ verdict: LogVerification) -> String {
        let firstBad = verdict.firstBadOffset.map(String.init) ?? "null"
        return #"{"records": \#(verdict.records), "valid_bytes": \#(verdict.validBytes), "total_bytes": \#(verdict.totalBytes), "#
            + #""damaged": \#(verdict.damaged), "reason": \#(JSONText.quoted(verdict.reason)), "first_bad_offset": \#(firstBad)}"#
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
