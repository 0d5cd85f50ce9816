import ArgumentParser
import EventLog
import Foundation
import InstallModel
import Rendering
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
            not an evlog log.
            Also printed: the records and the event times the check covered, and how many blocks after
            the damage still verify on their own (recovery keeps them in <log>.damaged-<UTC time>); last, what
            the seals prove: `sealed by <fingerprint>` with the records and time range covered and any unsealed
            tail, or `not sealed: integrity only` (Docs/FORMAT.md §9).
            With --json, one line: {"records": N, "valid_bytes": B, "total_bytes": T, "damaged": bool, "reason": "...",
            "first_time_us": T0, "last_time_us": T1, "intact_blocks_after_damage": K, "records_after_damage": R,
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
        let times = verdict.records > 0 ? VerifyCommand.timeRange(file) : nil
        print(global.json
            ? VerifyCommand.json(verdict, times: times, seals: seals)
            : VerifyCommand.text(verdict, file: file, times: times) + "\n" + seals.summary)
        if verdict.damaged || seals.failed { throw ExitCode.planFailed }
    }

    /// The times of the first and last event in the valid part (nil when none decodes).
    static func timeRange(_ file: String) -> ClosedRange<Int64>? {
        guard let reader = try? LogReader(path: file) else { return nil }
        var first: Int64?
        var last: Int64?
        try? reader.forEachRecord { _, _, payload in
            guard let time = try? EventPayload.decode(payload).time.microseconds else { return }
            first = first ?? time
            last = max(last ?? time, time)
        }
        guard let first, let last, first <= last else { return nil }
        return first...last
    }

    static func json(_ verdict: LogVerification, times: ClosedRange<Int64>?, seals: SealReport) -> String {
        let firstBad = verdict.firstBadOffset.map(String.init) ?? "null"
        return #"{"records": \#(verdict.records), "valid_bytes": \#(verdict.validBytes), "total_bytes": \#(verdict.totalBytes), "#
            + #""damaged": \#(verdict.damaged), "reason": \#(JSONText.quoted(verdict.reason)), "first_bad_offset": \#(firstBad), "#
            + #""first_time_us": \#(times.map { String($0.lowerBound) } ?? "null"), "last_time_us": \#(times.map { String($0.upperBound) } ?? "null"), "#
            + #""intact_blocks_after_damage": \#(verdict.intactBlocksAfterDamage), "records_after_damage": \#(verdict.recordsInIntactBlocksAfterDamage), "#
            + #""sealed": \#(seals.isSealed), "seal": \#(JSONText.quoted(seals.summary))}"#
    }

    static func text(_ verdict: LogVerification, file: String, times: ClosedRange<Int64>?) -> String {
        let about = verdict.header.map { " (label \(shown: $0.label), by \(shown: $0.creator), format \($0.readVersion))" } ?? ""
        let covered = verdict.records == 0 ? "no records" : "records 0-\(verdict.records - 1)"
            + (times.map { ", events from \(utc($0.lowerBound)) to \(utc($0.upperBound))" } ?? "")
        guard verdict.damaged else {
            return "\(file): intact, \(verdict.records) records in \(verdict.blocks) blocks, \(verdict.totalBytes) bytes\(about)\nchecked \(covered)"
        }
        let after = verdict.intactBlocksAfterDamage == 0
            ? "no intact block follows the damage"
            : "\(verdict.intactBlocksAfterDamage) intact blocks (\(verdict.recordsInIntactBlocksAfterDamage) records) follow the damage; "
                + "`evlog resume` keeps them, with the damage, in \(file).damaged-<UTC time>"
        return "\(file): damaged, \(verdict.records) records good, first bad byte at offset \(verdict.firstBadOffset ?? verdict.validBytes), "
            + "\(verdict.bytesAfterValid) bytes after it (\(verdict.reason))\(about)\nchecked \(covered); \(after)"
    }

    /// An event time as `2026-11-30T01:46:43Z`.
    static func utc(_ micros: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(micros) / 1_000_000))
    }
}
