import EventLog
import Foundation
import InstallModel
import Testing

/// integrity20 #2 and #3: a plan's log edited in place before its final seal (checksums recomputed, seals left as they
/// were, so one is broken) is not shown as what evlog recorded: `status` (text and JSON), `list`, `what-failed` and
/// `remedy` say the seal is broken, `ok` is false, the remediation the edit planted is not offered; and `resume` names
/// the broken seal instead of calling the file an older copy cut back.
@Suite("edited log readers")
struct EditedLogReaderTests {
    @Test func aLogEditedBeforeItsFinalSealIsSaidToBeSoByEveryReader() async throws {
        let (host, plan) = try await RollbackCLITests.failedPlanOfAKeyedHome()
        defer { host.home.remove() }
        let home = host.home.path
        let log = home + "/plans/\(plan).evlog"
        try Self.editProposals(of: log, to: "evil-fix")
        let note = "the log's seals do not cover record"

        func run(_ arguments: [String]) async throws -> (stdout: String, stderr: String, exitCode: Int32) {
            let result = try await Evlog.run(arguments + ["--home", home], environment: host.environment, mergeStandardError: false)
            return (result.stdout, result.stderr, result.exitCode)
        }
        let status = try await run(["status", plan, "--no-color"])
        #expect(status.stderr.contains(note) && status.stdout.contains("not as recorded"), "\(status)")
        let json = try await run(["status", plan, "--json"])
        #expect(json.stdout.contains(#""sealed":false"#) && json.stdout.contains(#""ok":false"#), "\(json.stdout)")
        let listed = try await run(["list", "--no-color"])
        #expect(listed.stdout.contains("not as recorded: the log's seals do not cover record"), "\(listed.stdout)")
        let failed = try await run(["what-failed", plan, "--no-color"])
        #expect(failed.stderr.contains(note) && !failed.stdout.contains("evil-fix"), "\(failed)")
        let remedies = try await run(["remedy", plan, "--no-color"])
        #expect(remedies.stderr.contains(note) && !remedies.stdout.contains("evil-fix"), "\(remedies)")
        let before = try Data(contentsOf: URL(fileURLWithPath: log))
        let resumed = try await run(["resume", plan, "--yes", "--no-color"])
        let said = resumed.stdout + resumed.stderr
        #expect(resumed.exitCode != 0 && said.contains("is broken") && !said.contains("cut back") && !said.contains("--accept-rollback"), "\(said)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: log)) == before, "nothing was written")
    }

    /// Writes the log at `path` again with every `remediation_proposed`'s first remediation renamed `id`, every record
    /// in place and every checksum recomputed (a seal after them no longer holds).
    static func editProposals(of path: String, to id: String) throws {
        let edited = try edit(path) { event in
            guard case .remediationProposed(let step, var remediations, let depth) = event.body, !remediations.isEmpty else { return nil }
            remediations[0].id = id
            var changed = event
            changed.body = .remediationProposed(step: step, remediations: remediations, chainDepth: depth)
            return changed
        }
        try #require(edited > 0, "the failed plan proposes no remediation")
    }

    /// Writes the log at `path` again with each event `change` returns a new one for replaced by it, every other record
    /// as it was, every checksum recomputed; returns how many were changed.
    @discardableResult
    static func edit(_ path: String, _ change: (Event) -> Event?) throws -> Int {
        let reader = try LogReader(path: path)
        var records: [[UInt8]] = []
        var edited = 0
        try reader.forEachRecord { _, _, payload in
            if let event = try? EventPayload.decode(payload), let changed = change(event), let encoded = try? EventPayload.encode(changed) {
                records.append(encoded)
                edited += 1
            } else {
                records.append(Array(payload))
            }
        }
        let header = reader.header
        let copy = path + ".edit"
        let writer = try LogWriter.open(
            path: copy, label: header.label, creator: header.creator, createdAtMicros: header.createdAtMicros, mayHoldEventParts: header.mayHoldEventParts)
        for record in records { try writer.append(record) }
        try writer.close()
        unlink(LogWriter.lockFilePath(for: copy))
        #expect(rename(copy, path) == 0)
        return edited
    }

    /// A done plan whose log was edited after it was sealed is no plan that finished: `status` exits 1 as its `--json`
    /// says `ok:false` (review15 R6: the exit was 0, so `evlog status p && deploy` went on).
    @Test func statusOfAnEditedDonePlanFails() async throws {
        let host = try KeyedHome.make(mergeStandardError: false, noColor: true)
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        #expect(try await host.evlog(["install", "--simulate", "--yes", "--home", host.home.path, "ripgrep"]).exitCode == 0)
        let plan = try #require(host.home.onlyPlan())
        let before = try await host.evlog(["status", plan, "--home", host.home.path])
        try #require(before.exitCode == 0, "\(before.stdout)")
        let edited = try Self.edit(host.home.path + "/plans/\(plan).evlog") { event in
            guard case .planCreated(var created) = event.body else { return nil }
            created.notes.append("edited")
            var changed = event
            changed.body = .planCreated(created)
            return changed
        }
        try #require(edited == 1)
        let after = try await host.evlog(["status", plan, "--home", host.home.path])
        #expect(after.exitCode == 1 && after.stdout.contains("not as recorded"), "\(after.stdout)\(after.stderr)")
    }
}
