import EvlogKit
import ArgumentParser
import CivilTime
import EventLog
import Foundation
import InstallModel
import Orchestrator
import Rendering
import Sealing

/// `evlog verify <file>`: checks every checksum of a log and says how much of it is intact.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every checksum of a log and report how much of it is intact.",
        discussion: """
            Exit status: 0 the log is intact; 1 it is damaged (the good records, the first bad byte \
            and the bytes after it are printed), or a seal fails (an edited record: the first record not covered is \
            named), or --key was given and not every record is covered by a valid seal of that key ending in a \
            final seal (records after the last seal, a file cut back to an earlier seal, a bundle without \
            bundle_info; a log whose writer is still running passes with what it has not sealed yet named), or \
            the log is rolled back: it ends before a seal of the same log seen before, or forked: a seal seen before \
            signs another history here (with --key the \
            seals seen are kept in <home>/last-seen-seals.jsonl, with --keyring in DIR/last-seen-seals.jsonl), or, with --keyring, \
            a bundle older than the newest bundle of the same host seen before, of another plan (kept in DIR/last-seen-hosts.jsonl: \
            an earlier run's bundle put back as the host's current one), or it was sealed in \
            this home and that record has no entry for it (removed or replaced); --accept-rollback records the file as the \
            latest of its log instead, a decision kept in accepted-rollbacks.jsonl beside the record; \
            2 the file is missing, unreadable or not an evlog log.
            Also printed: the records and the event times the check covered, and how many blocks after
            the damage still verify on their own (recovery keeps them in <log>.damaged-<UTC time>); last, what
            the seals prove: `sealed by <fingerprint>` with the records and time range covered and what is not
            covered, or `not sealed: integrity only` (Docs/FORMAT.md §9). Without --key it also says the key was
            not checked: anyone can make a key.
            With --json, one line: {"records": N, "valid_bytes": B, "total_bytes": T, "damaged": bool, "reason": "...",
            "first_time_us": T0, "last_time_us": T1, "intact_blocks_after_damage": K, "records_after_damage": R,
            "sealed": bool, "covered": bool (every record covered by a valid seal, or a live writer still sealing; a rolled-back \
            log is covered and fails with "why": "rolled_back", a forked one with "why": "forked"),
            "first_uncovered": N or null, "why": null or seal_broken / not_sealed / after_final_seal / unsealed_tail /
            forged_tail / ends_at_open_seal / format_1_no_final_seal / incomplete_bundle / unsealed_bundle / damaged (bytes after the last seal that are no valid block) / rolled_back / forked / \
            unrecorded (sealed in this home, but its record of seals seen has no entry for it: the record was removed or replaced), \
            "key_checked": bool (--key or --keyring given), "header_covered": bool (false for a format-1 log: its header is \
            outside the seals' chain), "unsealed_at_crash": [[N, M], …] (records a crashed writer \
            left unsealed, sealed later behind a mark), "seal": "..."}.

            Examples:
              evlog verify ~/.local/state/evlog/plans/p-3f2a9c01b7de.evlog
              evlog verify run.evlog --json
              evlog verify host.evb --key "$(cat ~/.config/evlog/host.pub)"
              evlog verify web1.evb --keyring fleet-keys/          fleet-keys/web1.pub, fleet-keys/web2.pub, …
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The .evlog file (or .evb bundle) to check.")
    var file: String

    @OptionGroup var keys: ReaderKeyOptions

    var key: String? { keys.key }
    var keyring: String? { keys.keyring }

    @Flag(help: "Trust this file as the latest of its log: record it as seen even when it ends before (or forks from) what was seen, or the record does not name it; the decision is kept in accepted-rollbacks.jsonl beside the record. Needs --key or --keyring.")
    var acceptRollback = false

    func run() throws {
        let verdict: LogVerification
        let seals: SealReport
        var unrecorded = false
        do {
            let trusted = try keys.trusted()
            guard !acceptRollback || lastSeenDirectory != nil else {
                throw UserFacingError("--accept-rollback records the file in the record of seals seen, which --key or --keyring names: give one")
            }
            verdict = try LogVerifier.verify(path: file)
            var report = try SealVerifier.verify(path: file, trusting: trusted)
            report.damagedBytes = verdict.damaged ? verdict.bytesAfterValid : 0
            let checked = try lastSeenDirectory.map { try checkRollback(report, damaged: verdict.damaged, recordIn: $0) }
            seals = checked?.report ?? report
            unrecorded = checked?.unrecorded ?? false
            if keyring != nil, let ring = trusted, let mismatch = FleetKeyring.hostMismatch(name: FleetHost.name(ofFile: file), report: seals, keys: ring) {
                Terminal.print("evlog: warning: \(file): \(mismatch)", to: STDERR_FILENO)
            }
        } catch let error as UserFacingError {
            throw error
        } catch let error as SealingError {
            throw UserFacingError(error.description, code: .usage)
        } catch {
            throw UserFacingError(String(describing: error), code: .usage)
        }
        let times = verdict.records > 0 ? VerifyCommand.timeRange(file) : nil
        print(global.json
            ? VerifyCommand.json(verdict, times: times, seals: seals)
            : VerifyCommand.text(verdict, file: file, times: times) + "\n" + seals.summary)
        // A record of seals seen that could not be written leaves a later, older copy of this log unflagged: as a
        // writer stops when it cannot record a seal, the check says it is not complete (integrity18 #8).
        if verdict.damaged || seals.failed || unrecorded { throw ExitCode.planFailed }
    }

    /// Where the seals seen with the trusted keys are recorded: beside the keyring, or in the evlog home for --key.
    var lastSeenDirectory: String? { keyring ?? key.map { _ in global.homeDirectory } }

    /// `report` checked against the seals seen before (kept in `directory`), which then remember how far it goes; with
    /// --accept-rollback, recorded as it ends whatever was seen. A log sealed in the home (its header names it) must be in
    /// the home's record. A record that cannot be written is said on stderr and in `unrecorded`; the verdict stands.
    func checkRollback(_ report: SealReport, damaged: Bool, recordIn directory: String) throws -> (report: SealReport, unrecorded: Bool) {
        let path = LastSeenSeals.path(in: directory)
        if keyring == nil { PlanArchive(home: directory).startSealRecord() }
        let home = keyring == nil ? HomeIdentity(archive: PlanArchive(home: directory)).existing : nil
        let sealedHere = home != nil && PlanLog(path: file).creatingHome == home
        if acceptRollback {
            // The decision overrides only what the record says (older, forked, unrecorded): a file that fails on its
            // own — a seal broken, records after its seals that no crash left, damage, or (for this home's log)
            // another key than this host's — is never recorded as the latest (integrity10 finding 3).
            if let refusal = try Self.unacceptable(report, file: file, damaged: damaged, sealedHere: sealedHere) {
                Terminal.print("evlog: \(file) \(refusal): nothing was accepted", to: STDERR_FILENO)
                return (report, false)
            }
            let accepted = try LastSeenSeals.accept(report, from: file, recordedAt: path, sealedHere: sealedHere, now: SystemClock().now().microseconds)
            Terminal.print("evlog: \(file) is recorded as the latest of its log, as you decided (\(LastSeenSeals.decisionsPath(besideRecordAt: path)))",
                           to: STDERR_FILENO)
            return try checkHost(accepted, accepting: true)
        }
        let (checked, unrecorded) = try LastSeenSeals.check(report, recordedAt: path, sealedHere: sealedHere)
        if let unrecorded { Terminal.print("evlog: could not record the seals seen in \(path): \(unrecorded)", to: STDERR_FILENO) }
        let host = try checkHost(checked, accepting: false)
        return (host.report, unrecorded != nil || host.unrecorded)
    }

    /// With --keyring, `report` checked against the newest bundle seen of the host that sealed it (`LastSeenHosts`, in
    /// DIR/last-seen-hosts.jsonl), which then remembers it when it is that host's newest (or, `accepting`, as decided).
    func checkHost(_ report: SealReport, accepting: Bool) throws -> (report: SealReport, unrecorded: Bool) {
        guard let keyring else { return (report, false) }
        let path = LastSeenHosts.path(in: keyring)
        let (checked, unrecorded) = try LastSeenHosts.check(report, recordedAt: path, accepting: accepting)
        if let unrecorded { Terminal.print("evlog: could not record the host's newest bundle in \(path): \(unrecorded)", to: STDERR_FILENO) }
        return (checked, unrecorded != nil)
    }

    /// Why `report`'s file may not be accepted as the latest of its log whatever the record says, or nil: what the
    /// seals say (`SealReport.acceptanceProblem`), or the damage `run` already found in it.
    static func unacceptable(_ report: SealReport, file: String, damaged: Bool, sealedHere: Bool) throws -> String? {
        let host = sealedHere ? try KeyCommand.hostKey()?.publicKey.fingerprint : nil
        if let problem = report.acceptanceProblem(hostFingerprint: host) { return problem }
        return damaged ? "is damaged (see `evlog verify \(file)`)" : nil
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
            + #""sealed": \#(seals.isSealed), "covered": \#(seals.isCovered), "#
            + #""first_uncovered": \#(seals.isCovered ? "null" : seals.firstUncovered.map(String.init) ?? String(seals.totalRecords)), "#
            + #""why": \#((seals.uncoveredReason ?? seals.recordVerdict).map(JSONText.quoted) ?? "null"), "key_checked": \#(seals.expected != nil), "#
            + #""header_covered": \#(seals.headerCovered), "#
            + #""unsealed_at_crash": [\#(seals.crashTails.map { "[\($0.lowerBound), \($0.upperBound)]" }.joined(separator: ", "))], "#
            + #""seal": \#(JSONText.quoted(seals.summary))}"#
    }

    static func text(_ verdict: LogVerification, file: String, times: ClosedRange<Int64>?) -> String {
        let about = verdict.header.map { " (label \(shown: $0.label), by \(shown: $0.creator), format \($0.writeVersion))" } ?? ""
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

    /// An event time as `2026-11-30T01:46:43Z` (`UTCTime.iso`, as seal times are written).
    static func utc(_ micros: Int64) -> String { UTCTime(microseconds: micros).iso }
}
