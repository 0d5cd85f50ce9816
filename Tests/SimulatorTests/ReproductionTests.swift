import EventLog
import Foundation
import InstallModel
import Orchestrator
import Simulator
import Testing

/// `Reproduction`: a log, whatever its schedule and sessions, reproduces; a run that went otherwise is
/// reported at the first difference.
@Suite("reproduction of a log")
struct ReproductionTests {
    /// Reproduces `events` into a memory store with the harness's analyser.
    static func reproduce(_ events: [Event]) async throws -> (compared: Int, outline: ReproductionOutline) {
        let outline = try ReproductionOutline.read(events)
        let compared = try await Reproduction.run(
            outline, events: events, into: MemoryEventStore(), analyser: LastLinesAnalyser())
        return (compared, outline)
    }

    /// The parallel plan's fixtures with every command's output delayed by a seeded amount, so each seed
    /// records the steps finishing, and their output interleaving, in another order.
    static func fixtures(seed: UInt64) -> FixtureSet {
        var generator = SplitMix64(seed: seed)
        var set = Samples.parallelFixtures()
        for index in set.fixtures.indices {
            for response in set.fixtures[index].responses.indices {
                for chunk in set.fixtures[index].responses[response].chunks.indices {
                    set.fixtures[index].responses[response].chunks[chunk].delayMilliseconds = Int(generator.next() % 3000)
                }
            }
        }
        return set
    }

    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func aParallelLogReproducesInTheOrderItRecorded(seed: UInt64) async throws {
        var original = SimulationHarness(plan: Samples.parallelPlan(), fixtures: ReproductionTests.fixtures(seed: seed))
        original.faults = seed % 2 == 0 ? [SimulationFault(command: "pipx install -- black", kind: .fail(Samples.response("ERROR: no black\n", exit: 1)))] : []
        let (store, _) = try await original.run()
        let events = try store.events()
        let (compared, outline) = try await ReproductionTests.reproduce(events)
        #expect(outline.sessions.count == 1)
        #expect(compared == events.filter { if case .checkpoint = $0.body { false } else { true } }.count)
    }

    /// A command whose output order was not known when it was recorded (`output_order` on its `command_finished`, a note
    /// on its `step_done`) reproduces: the order's loss is a fact of the recording, carried through (repro20 #1: such a
    /// real log never reproduced).
    @Test(arguments: 1...3 as ClosedRange<UInt64>)
    func aCommandWhoseOutputOrderWasGuessedReproduces(seed: UInt64) async throws {
        let (store, _) = try await SimulationHarness(plan: Samples.parallelPlan(), fixtures: ReproductionTests.fixtures(seed: seed)).run()
        var events = try store.events()
        var generator = SplitMix64(seed: seed)
        let finished = events.indices.filter { if case .commandFinished = events[$0].body { true } else { false } }
        let chosen = finished[Int(generator.next() % UInt64(finished.count))]
        guard case .commandFinished(let step, let exitCode, nil, let timedOut) = events[chosen].body else {
            Issue.record("no command to mark")
            return
        }
        let why = "a channel kept writing while its notices were read: some output is in a guessed order"
        events[chosen].body = .commandFinished(step: step, exitCode: exitCode, outputOrder: why, timedOut: timedOut)
        if let done = events.indices.first(where: { if case .stepDone(step, _, _, _) = events[$0].body { true } else { false } }),
           case .stepDone(_, let code, let duration, let note) = events[done].body {
            events[done].body = .stepDone(step: step, exitCode: code, durationMicros: duration, note: ([note].compactMap { $0 } + ["output order: \(why)"]).joined(separator: "; "))
        }
        let (compared, _) = try await ReproductionTests.reproduce(events)
        #expect(compared == events.filter { if case .checkpoint = $0.body { false } else { true } }.count)
    }

    /// A non-root user's release into `~/.local/bin`, run by its verify step by its full path, reproduces: the plan's
    /// recorded facts found the file absent, so it is not there before the release puts it there (repro20 #6: the
    /// reproduction backed up a `~/.local/bin/TOOL` that never existed, and no such log reproduced).
    @Test func aReleaseIntoTheUsersHomeRunByItsPathReproduces() async throws {
        let release = GitHubReleaseParameters(
            repository: "example/tool", version: "1.2.3", assetURL: "https://example.invalid/example/tool/tool-1.2.3-linux.tar.gz",
            sha256: nil, checksumFileURL: "https://example.invalid/example/tool/SHA256SUMS", binaryInArchive: "tool-1.2.3/bin/tool",
            installDirectory: "~/.local/bin")
        var plan = Plan(
            id: PlanID("p-userrelease"), tools: [], profile: Samples.profile,
            steps: [
                Step(id: "release-tool", label: "Download tool", action: .githubRelease(release), backupBefore: ["~/.local/bin/tool"]),
                Step(id: "verify-tool", label: "Check tool", action: .verify(VerifyParameters(binary: PlanEnvironment.simulated.userHome + "/.local/bin/tool")), dependsOn: ["release-tool"]),
            ],
            simulation: Simulation(fixtureSet: Simulation.syntheticSet, seed: 1))
        // The simulated host's user (`PlanEnvironment.simulated`), with its facts recorded: nothing of interest was there.
        var environment = PlanEnvironment.simulated
        environment.factsRevision = FileFacts.revision
        plan.environment = environment
        let (store, status) = try await CatalogPlans.uncrashed(try CatalogPlans.harness(plan))
        try #require(status == .done)
        let events = try store.events()
        let (compared, _) = try await ReproductionTests.reproduce(events)
        #expect(compared == events.filter { if case .checkpoint = $0.body { false } else { true } }.count)
    }

    @Test(arguments: [(UInt64(9), UInt64(30)), (14, 41), (22, 35)])
    func aPlanThatCrashedAndResumedTwiceReproducesAsThreeSessions(firstCrash: UInt64, secondCrash: UInt64) async throws {
        let harness = SimulationHarness(plan: Samples.parallelPlan(), fixtures: ReproductionTests.fixtures(seed: firstCrash))
        let (crashed, _) = try await harness.run(crashAfter: firstCrash)
        let (crashedAgain, _) = try await harness.run(records: crashed.survivingRecords, crashAfter: secondCrash)
        let (finished, status) = try await harness.run(records: crashedAgain.survivingRecords)
        #expect(status == .done)
        let (_, outline) = try await ReproductionTests.reproduce(try finished.events())
        #expect(outline.sessions.map(\.end) == [.crashed, .crashed, .concluded])
    }

    /// Requests an interruption (as SIGINT would) once the recorder has stored `afterEvent` events.
    final class InterruptAfter: EventObserver, @unchecked Sendable {
        let interruption = Interruption()
        let afterEvent: UInt64
        init(afterEvent: UInt64) { self.afterEvent = afterEvent }
        func observe(_ event: Event, state: PlanState) {
            if event.sequence == afterEvent { interruption.request("SIGINT") }
        }
    }

    @Test(arguments: [UInt64(6), 11, 17, 23])
    func aPlanInterruptedBySIGINTAndResumedReproducesBothSessions(afterEvent: UInt64) async throws {
        let harness = SimulationHarness(plan: Samples.parallelPlan(), fixtures: ReproductionTests.fixtures(seed: afterEvent))
        let store = MemoryEventStore()
        let interrupt = InterruptAfter(afterEvent: afterEvent)
        let host = PlanHost.simulated(fixtures: harness.fixtures, start: SimulationHarness.start)
        let session = PlanSession(
            store: store, host: host, settings: .init(run: RunSettings(jobs: 4), analyser: LastLinesAnalyser()), observers: [interrupt])
        #expect(try await session.start(harness.plan, interruption: interrupt.interruption) == .interrupted)
        let (finished, status) = try await harness.run(records: store.records)
        #expect(status == .done)
        let (_, outline) = try await ReproductionTests.reproduce(try finished.events())
        #expect(outline.sessions.map(\.end) == [.interrupted(signal: "SIGINT"), .concluded])
    }

    @Test func aStepThatEndsOtherwiseIsReportedWithTheLinesBeforeIt() async throws {
        let (store, _) = try await SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures()).run()
        var events = try store.events()
        // The log now says `jq --version` failed, yet its step is done: a run the executor cannot give.
        let index = try #require(events.firstIndex { event in
            if case .commandFinished("verify-jq", _, _, _) = event.body { true } else { false }
        })
        events[index].body = .commandFinished(step: "verify-jq", exitCode: 3)
        await #expect {
            _ = try await ReproductionTests.reproduce(events)
        } throws: { error in
            guard let difference = error as? LogComparison.Difference else { return false }
            return difference.original.hasPrefix("step_done verify-jq") && difference.reproduced.hasPrefix("step_failed verify-jq")
                && difference.context.last == "command_finished verify-jq exit 3"
        }
    }

    @Test func commandsThatTimedOutOrWereNotFoundEndSoAgain() async throws {
        var original = SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures())
        let pastTimeout = Fixture.Response(exitCode: 0, chunks: [Fixture.Chunk(delayMilliseconds: 700_000, stream: .stdout, text: "late\n")])
        original.faults = [
            SimulationFault(command: "jq --version", kind: .fail(Samples.response("", exit: 127))),
            SimulationFault(command: "rg --version", kind: .fail(pastTimeout)),
        ]
        let (store, status) = try await original.run()
        #expect(status == .failed)
        let events = try store.events()
        let outline = try ReproductionOutline.read(events)
        #expect(Set(outline.terminations.values) == [.notFound, .timedOut])
        _ = try await ReproductionTests.reproduce(events)
    }

    /// Whether a command stopped at its timeout is decided by the reproduction from the plan's timeout
    /// and how long the log shows it running, not taken from the log (F13): a log that says a command
    /// was stopped at its timeout before that timeout, or ran past it and ended by itself, differs.
    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func aRecordedTimeoutTheStepsOwnTimeoutCannotGiveIsADifference(seed: UInt64) async throws {
        var generator = SplitMix64(seed: seed)
        func isTimeoutContradiction(_ error: any Error) -> Bool {
            guard let difference = error as? LogComparison.Difference else { return false }
            return difference.original.contains("timeout") && difference.reproduced.hasPrefix("command_finished")
        }
        // A step stopped at its timeout, in a plan that now gives it longer than the command ran.
        var timingOut = SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures())
        let pastTimeout = Fixture.Response(exitCode: 0, chunks: [Fixture.Chunk(delayMilliseconds: 700_000, stream: .stdout, text: "late\n")])
        timingOut.faults = [SimulationFault(command: "rg --version", kind: .fail(pastTimeout))]
        var stopped = try await timingOut.run().0.events()
        let timedOutStep = try #require(stopped.lazy.compactMap { event -> StepID? in
            if case .stepFailed(let step, let cause, _) = event.body, cause.kind == .stepTimeout { step } else { nil }
        }.first)
        guard case .planCreated(var plan) = stopped[0].body, let index = plan.steps.firstIndex(where: { $0.id == timedOutStep }) else {
            Issue.record("no plan_created first")
            return
        }
        plan.steps[index].timeoutSeconds += 2 + Int(generator.next() % 100_000)
        stopped[0].body = .planCreated(plan)
        await #expect(performing: { _ = try await ReproductionTests.reproduce(stopped) }, throws: isTimeoutContradiction)

        // A command that ended by itself, recorded as running past its step's timeout.
        var events = try await SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures()).run().0.events()
        let finishes = events.indices.filter { if case .commandFinished = events[$0].body { true } else { false } }
        let finish = finishes[Int(generator.next() % UInt64(finishes.count))]
        guard case .planCreated(let created) = events[0].body, let step = events[finish].stepID,
            let timeout = created.steps.first(where: { $0.id == step })?.timeoutSeconds
        else {
            Issue.record("no plan or step")
            return
        }
        let late = Int64(timeout + 2 + Int(generator.next() % 100_000)) * 1_000_000
        for later in finish..<events.count { events[later].time = Timestamp(microseconds: events[later].time.microseconds + late) }
        await #expect(performing: { _ = try await ReproductionTests.reproduce(events) }, throws: isTimeoutContradiction)
    }

    /// Whether a command was stopped at its timeout is what its `command_finished` says, not what its times
    /// suggest: an installed-check that timed out lets its step go on (no step failure names the timeout),
    /// and its end may be stamped up to the SIGKILL grace after the timeout. Read from the times, that was a
    /// command ending by itself past its timeout, a difference; a command exiting 124 by itself is no timeout.
    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func aCommandStoppedAtItsTimeoutIsOneWhateverItsEndsTime(seed: UInt64) async throws {
        var generator = SplitMix64(seed: seed)
        var original = SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures())
        original.faults = [
            SimulationFault(command: "dpkg-query -W -f=${Status} tree", kind: .hang),
            SimulationFault(command: "jq --version", kind: .fail(Samples.response("", exit: 124))),
        ]
        var events = try await original.run().0.events()
        let ends = events.compactMap { event -> (StepID, Bool?)? in
            if case .commandFinished(let step, 124, _, let timedOut) = event.body { (step, timedOut) } else { nil }
        }
        #expect(ends.contains { $0 == ("apt-extra", true) } && ends.contains { $0 == ("verify-jq", false) })
        let stopped = try #require(events.firstIndex { event in
            if case .commandFinished("apt-extra", _, _, true) = event.body { true } else { false }
        })
        let lateMicros = 1_000_001 + Int64(generator.next() % UInt64(SubprocessRunner.terminateGraceSeconds * 1_000_000 - 1_000_001))
        for later in stopped..<events.count { events[later].time = Timestamp(microseconds: events[later].time.microseconds + lateMicros) }
        _ = try await ReproductionTests.reproduce(events)
    }

    /// Counts what a run asks of its analyser: a reproduction gets its rules ready only for a failure (F10).
    final class PreparationCount: FailureAnalysing, @unchecked Sendable {
        var prepared = 0
        var sessions = 0
        func prepare() { prepared += 1 }
        func makeSession(for step: Step, command: [String], profile: SystemProfile) -> any FailureAnalysisSession {
            sessions += 1
            return LastLinesAnalyser().makeSession(for: step, command: command, profile: profile)
        }
        func propose(for diagnosis: Diagnosis, step: Step, profile: SystemProfile, chain: [String]) -> [Remediation] {
            LastLinesAnalyser().propose(for: diagnosis, step: step, profile: profile, chain: chain)
        }
    }

    @Test func aReproductionPreparesNoAnalysisUpFrontAndAnalysesItsFailures() async throws {
        for events in [try await SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures()).run().0.events(),
                       try await ComparedFieldsTests.failedRun()] {
            let analyser = PreparationCount()
            _ = try await Reproduction.run(try ReproductionOutline.read(events), events: events, into: DiscardingEventStore(), analyser: analyser)
            #expect(analyser.prepared == 0)
            let failures = events.count { if case .stepFailed = $0.body { true } else { false } }
            #expect(analyser.sessions == failures)
        }
    }

    @Test func aLogWithoutAPlanSaysSo() throws {
        #expect(throws: ReproductionOutline.Obstacle.self) { try ReproductionOutline.read([Event(sequence: 1, time: SimulationHarness.start, body: .planStarted)]) }
    }
}

/// A log that cannot be reproduced says why, before anything runs: which evlog wrote it, which record's type
/// does not decode and which field it lacks (e.g. a `command_started` from before it carried argv).
@Suite("logs that cannot be reproduced")
struct UnreproducibleLogTests {
    /// Writes `events` to a log an older evlog (`creator`) wrote, each JSON event with `drop` applied to its fields.
    static func write(_ events: [Event], creator: String, drop: (Event, inout [String: Any]) -> Void) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-old-\(UUID().uuidString).evlog").path
        let writer = try LogWriter.open(path: path, label: "p-old", creator: creator, createdAtMicros: 0)
        for event in events {
            var payload = try EventPayload.encode(event)
            if payload.first == EventPayload.jsonTag, var fields = try JSONSerialization.jsonObject(with: Data(payload.dropFirst())) as? [String: Any] {
                drop(event, &fields)
                payload = [EventPayload.jsonTag] + Array(try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]))
            }
            try writer.append(payload, checkpoint: false)
        }
        try writer.close()
        return path
    }

    @Test func recordsAnOlderEvlogWroteWithoutArgvStopItAndSaySo() throws {
        let created = Event(sequence: 1, time: SimulationHarness.start, body: .planCreated(Samples.parallelPlan()))
        let started = Event(sequence: 2, time: SimulationHarness.start, body: .commandStarted(step: "apt-packages", argv: ["apt-get", "update"]))
        let path = try UnreproducibleLogTests.write([created, started], creator: "evlog 0.0.9") { event, fields in
            if case .commandStarted = event.body { fields["argv"] = nil }
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            _ = try ReproductionOutline.read(PlanLog(path: path))
        } throws: { error in
            "\(error)".contains("written by evlog 0.0.9") && "\(error)".contains("1 of its records do not decode")
                && "\(error)".contains("a command_started") && "\(error)".contains("'argv'")
        }
    }

    /// Any required field of any event a run records, left out as an older evlog would have: the refusal names
    /// the evlog, the event's type and the field.
    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func aRecordWithoutARequiredFieldIsNamedWithItsTypeAndField(seed: UInt64) async throws {
        var original = SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures())
        original.faults = [SimulationFault(command: "pipx install -- black", kind: .fail(Samples.response("ERROR: no black\n", exit: 1)))]
        let events = try await original.run().0.events().filter { if case .checkpoint = $0.body { false } else { true } }
        var generator = SplitMix64(seed: seed)
        let creator = "evlog 0.0.\(seed)"
        var victim: (sequence: UInt64, type: String, field: String)?
        for event in events.shuffled(using: &generator) where victim == nil {
            guard case let payload = try EventPayload.encode(event), payload.first == EventPayload.jsonTag,
                let fields = try JSONSerialization.jsonObject(with: Data(payload.dropFirst())) as? [String: Any],
                let type = fields["type"] as? String
            else { continue }
            for field in fields.keys.sorted().shuffled(using: &generator) where !["seq", "time", "type", "v"].contains(field) {
                var without = fields
                without[field] = nil
                let data = [EventPayload.jsonTag] + Array(try JSONSerialization.data(withJSONObject: without))
                if (try? EventPayload.decode(data)) == nil {
                    victim = (event.sequence, type, field)
                    break
                }
            }
        }
        let (sequence, type, field) = try #require(victim)
        let path = try UnreproducibleLogTests.write(events, creator: creator) { event, fields in
            if event.sequence == sequence { fields[field] = nil }
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            _ = try ReproductionOutline.read(PlanLog(path: path))
        } throws: { error in
            "\(error)".contains("written by \(creator)") && "\(error)".contains("a \(type)") && "\(error)".contains("'\(field)'")
        }
    }
}

/// Every field a run decides is compared, not only an event's kind: a diagnosis, the remediations, the
/// command a step started and every argv word — a log changed in any one of them does not reproduce.
@Suite("what a reproduction compares")
struct ComparedFieldsTests {
    /// A failed run of the parallel plan: it holds a diagnosis and remediations.
    static func failedRun() async throws -> [Event] {
        var original = SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures())
        original.faults = [SimulationFault(command: "pipx install -- black", kind: .fail(Samples.response("ERROR: no black\n", exit: 1)))]
        let (store, status) = try await original.run()
        #expect(status == .failed)
        return try store.events()
    }

    /// One field of one event changed, as a seed picks it; nil when the event has no such field.
    static func changed(_ body: EventBody, _ generator: inout SplitMix64) -> EventBody? {
        let word = "w\(generator.next() % 1000)"
        switch body {
        case .failureAnalysed(let step, var diagnosis):
            switch generator.next() % 3 {
            case 0: diagnosis.confidence += 0.25
            case 1: diagnosis.evidence.append(word)
            default: diagnosis.remediations.removeLast()
            }
            return .failureAnalysed(step: step, diagnosis: diagnosis)
        case .remediationProposed(let step, let remediations, let depth):
            return generator.next() % 2 == 0
                ? .remediationProposed(step: step, remediations: Array(remediations.dropLast()), chainDepth: depth)
                : .remediationProposed(step: step, remediations: remediations, chainDepth: depth + 1)
        case .stepStarted(let step, let attempt, let command, let adjustment) where !command.isEmpty:
            return .stepStarted(step: step, attempt: attempt, command: command + [word], adjustment: adjustment)
        case .commandStarted(let step, let argv, let process) where argv.count > 1:
            // Two words joined into one: the same text once joined with a space, another argv.
            let joined = argv.dropLast(2) + [argv.suffix(2).joined(separator: " ")]
            return .commandStarted(step: step, argv: Array(joined), process: process)
        default:
            return nil
        }
    }

    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func aLogChangedInOneFieldDoesNotReproduce(seed: UInt64) async throws {
        var events = try await ComparedFieldsTests.failedRun()
        var generator = SplitMix64(seed: seed)
        let candidates = events.indices.filter { var probe = SplitMix64(seed: 0); return ComparedFieldsTests.changed(events[$0].body, &probe) != nil }
        let index = candidates[Int(generator.next() % UInt64(candidates.count))]
        events[index].body = try #require(ComparedFieldsTests.changed(events[index].body, &generator))
        await #expect(throws: LogComparison.Difference.self, "event \(events[index].body.typeName) changed") {
            _ = try await ReproductionTests.reproduce(events)
        }
    }

    @Test func theUnchangedRunReproduces() async throws {
        _ = try await ReproductionTests.reproduce(try await ComparedFieldsTests.failedRun())
    }

    @Test func anEventOfANewerEvlogStopsItAndSaysWhichButSealsDoNot() async throws {
        var events = try await ComparedFieldsTests.failedRun()
        let sealed = events + [Event(sequence: 999, time: SimulationHarness.start, body: .unknown(type: "log_sealed"))]
        _ = try await ReproductionTests.reproduce(sealed)
        events.insert(Event(sequence: 2, time: SimulationHarness.start, body: .unknown(type: "martian")), at: 1)
        #expect {
            _ = try ReproductionOutline.read(events)
        } throws: { error in
            "\(error)".contains("event 2 has the type 'martian'") && "\(error)".contains("newer evlog")
        }
    }

    /// A plan whose steps do not form a graph (a step depending on itself, on a step that depends on it, or
    /// on a step not in the plan) could not have run: the log cannot be reproduced, which is no difference.
    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func aPlanWithABrokenDependencyGraphCannotBeReproduced(seed: UInt64) async throws {
        var events = try await ComparedFieldsTests.failedRun()
        guard case .planCreated(var plan) = events[0].body else { Issue.record("no plan_created first"); return }
        var generator = SplitMix64(seed: seed)
        let index = Int(generator.next() % UInt64(plan.steps.count))
        let other = (index + 1 + Int(generator.next() % UInt64(plan.steps.count - 1))) % plan.steps.count
        let (id, otherID) = (plan.steps[index].id, plan.steps[other].id)
        let expected: String
        switch generator.next() % 3 {
        case 0:
            plan.steps[index].dependsOn.append(id)
            expected = "dependency cycle"
        case 1:
            plan.steps[index].dependsOn.append(otherID)
            plan.steps[other].dependsOn.append(id)
            expected = "dependency cycle"
        default:
            plan.steps[index].dependsOn.append(StepID("ghost-\(generator.next() % 100)"))
            expected = "step '\(id)' depends on 'ghost-"
        }
        events[0].body = .planCreated(plan)
        #expect {
            _ = try ReproductionOutline.read(events)
        } throws: { error in
            error is ReproductionOutline.Obstacle && "\(error)".contains("cannot have run as recorded") && "\(error)".contains(expected)
        }
    }

    /// A log without how a step ended, or without the `plan_started` its steps ran under, says just that.
    @Test func aLogMissingAnEventSaysWhichIsMissing() async throws {
        let events = try await ComparedFieldsTests.failedRun()
        let failed = try #require(events.firstIndex { if case .stepFailed = $0.body { true } else { false } })
        let step = try #require(events[failed].body.stepID)
        await #expect {
            _ = try await ReproductionTests.reproduce(events.filter { $0.sequence != events[failed].sequence })
        } throws: { error in
            (error as? LogComparison.Difference)?.original.contains("without how \(step) ended before it") == true
        }
        let withoutStart = events.filter { if case .planStarted = $0.body { false } else { true } }
        #expect {
            _ = try ReproductionOutline.read(withoutStart)
        } throws: { error in
            "\(error)".contains("(step_started) is recorded where no run was going on")
        }
        // Output and a second end after the plan ended, with no resume: no run to replay them in.
        let end = try #require(events.last)
        let afterEnd = events + [
            Event(sequence: end.sequence + 1, time: end.time, body: .outputChunk(step: "apt-packages", stream: .stdout, data: Array("FORGED\n".utf8), redacted: false)),
            Event(sequence: end.sequence + 2, time: end.time, body: .planDone),
        ]
        #expect {
            _ = try ReproductionOutline.read(afterEnd)
        } throws: { error in
            "\(error)".contains("its event \(end.sequence + 1) (output_chunk) is recorded where no run was going on")
        }
    }

    @Test func aLongLineThatDiffersLateIsShownFromWhereItDiffers() {
        let common = String(repeating: "x", count: 500)
        let (original, reproduced) = LogComparison.around(common + "A" + common, common + "B")
        #expect(original.hasPrefix("…") && original.contains("xA") && original.count <= LogComparison.shownCharactersMax + 2)
        #expect(reproduced.hasPrefix("…") && reproduced.hasSuffix("xB"))
    }
}
