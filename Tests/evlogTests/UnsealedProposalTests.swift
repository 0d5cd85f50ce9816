import EventLog
import Foundation
import InstallModel
import Testing

/// integrity18 #6: a `remediation_proposed` appended after a plan's final seal is not offered as what to do: `remedy`
/// and `what-failed` leave that step's remediations out and say which record was not the host's.
@Suite("unsealed proposals")
struct UnsealedProposalTests {
    @Test func aProposalAfterTheFinalSealIsNotOfferedByRemedyOrWhatFailed() async throws {
        let (host, plan) = try await RollbackCLITests.failedPlanOfAKeyedHome()
        defer { host.home.remove() }
        let log = host.home.path + "/plans/\(plan).evlog"
        let (record, step) = try Self.appendForgedProposal(to: log, id: "evil-fix")
        let note = "record \(record) (remediation_proposed for step \(step)) comes after the log's last seal (after final seal)"

        let listed = try await Evlog.run(["remedy", plan, "--no-color", "--home", host.home.path], environment: host.environment, mergeStandardError: false)
        #expect(!listed.stdout.contains("evil-fix"), "\(listed.stdout)")
        #expect(listed.stderr.contains(note), "\(listed.stderr)")
        let failed = try await Evlog.run(["what-failed", plan, "--no-color", "--home", host.home.path], environment: host.environment, mergeStandardError: false)
        #expect(!failed.stdout.contains("evil-fix") && failed.stderr.contains(note), "\(failed.allOutput)")
        let json = try await Evlog.run(["what-failed", plan, "--json", "--home", host.home.path], environment: host.environment, mergeStandardError: false)
        #expect(!json.stdout.contains("evil-fix"), "\(json.stdout)")
    }

    /// integrity18 #2: every export of a bundle with records after its final seal says so, as `replay` does.
    @Test func everyExportOfABundleWithAForgedTailWarns() async throws {
        let (host, plan) = try await RollbackCLITests.failedPlanOfAKeyedHome()
        defer { host.home.remove() }
        let bundle = host.home.path + "/forged.evb"
        #expect(try await host.evlog(["bundle", plan, "-o", bundle, "--home", host.home.path]).exitCode == 0)
        let (record, _) = try Self.appendForgedProposal(to: bundle, id: "evil-fix")
        for format in ["--jsonl", "--asciicast", "--html", "--trace"] {
            let exported = try await Evlog.run(["export", bundle, format, "--home", host.home.path], environment: host.environment, mergeStandardError: false)
            #expect(exported.stderr.contains("the bundle's seals do not cover record \(record) on"), "\(format): \(exported.stderr)")
        }
    }

    /// Appends, after the log's final seal, a copy of its last `remediation_proposed` whose one remediation is `id`
    /// (numbered on from the last event, as a forger would); returns the record's index and the step it names.
    static func appendForgedProposal(to path: String, id: String) throws -> (record: UInt64, step: String) {
        let reader = try LogReader(path: path)
        var last: Event?
        var proposal: (step: StepID, remediation: Remediation, depth: Int)?
        var records: UInt64 = 0
        try reader.forEachRecord { _, _, payload in
            records += 1
            guard let event = try? EventPayload.decode(payload) else { return }
            if event.sequence >= (last?.sequence ?? 0) { last = event }
            if case .remediationProposed(let step, let remediations, let depth) = event.body, let first = remediations.first {
                proposal = (step, first, depth)
            }
        }
        let (step, original, depth) = try #require(proposal, "the failed plan proposes no remediation")
        let previous = try #require(last)
        var forged = original
        forged.id = id
        let event = Event(
            sequence: previous.sequence + 1, time: Timestamp(microseconds: previous.time.microseconds + 1),
            body: .remediationProposed(step: step, remediations: [forged], chainDepth: depth))
        let writer = try LogWriter.open(path: path, label: "", creator: "forger", createdAtMicros: 0)
        try writer.append(try EventPayload.encode(event))
        try writer.close()
        return (records, step.rawValue)
    }
}
