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
            if case .commandFinished("verify-jq", _) = event.body { true } else { false }
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

    @Test func aLogWithoutAPlanSaysSo() throws {
        #expect(throws: ReproductionOutline.Obstacle.self) { try ReproductionOutline.read([Event(sequence: 1, time: SimulationHarness.start, body: .planStarted)]) }
    }
}

/// A log that cannot be reproduced says why, before anything runs.
@Suite("logs that cannot be reproduced")
struct UnreproducibleLogTests {
    @Test func recordsAnOlderEvlogWroteWithoutArgvStopItAndSaySo() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-old-\(UUID().uuidString).evlog").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try LogWriter.open(path: path, label: "p-old", creator: "evlog 0.0.9", createdAtMicros: 0)
        let created = Event(sequence: 1, time: SimulationHarness.start, body: .planCreated(Samples.parallelPlan()))
        try writer.append(try EventPayload.encode(created), checkpoint: false)
        // `command_started` as written before it carried the command's argv.
        let old = #"{"seq":2,"step":"apt-packages","time":1764000000000001,"type":"command_started","v":1}"#
        try writer.append([EventPayload.jsonTag] + Array(old.utf8), checkpoint: false)
        try writer.close()
        #expect {
            _ = try ReproductionOutline.read(PlanLog(path: path))
        } throws: { error in
            "\(error)".contains("1 of its records do not decode") && "\(error)".contains("command_started without its argv")
        }
    }
}
