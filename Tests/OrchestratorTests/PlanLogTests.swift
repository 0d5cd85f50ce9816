import EventLog
import Foundation
import InstallModel
import Orchestrator
import Testing

/// `PlanLog`: finding a log the ways a user names it, and reading it as a stream.
struct PlanLogTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/logs/rendering")

    /// A home whose plans are copies of fixture logs, written in the order given (the last is newest).
    struct Home {
        let path: String

        init(_ plans: [(id: String, fixture: String)]) throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-planlog-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path + "/plans", withIntermediateDirectories: true)
            for (index, plan) in plans.enumerated() {
                let target = path + "/plans/" + plan.id + ".evlog"
                try FileManager.default.copyItem(atPath: PlanLogTests.fixtures.appendingPathComponent(plan.fixture + ".evlog").path, toPath: target)
                let written = Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 60)
                try FileManager.default.setAttributes([.modificationDate: written], ofItemAtPath: target)
            }
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    static let mixed: [(id: String, fixture: String)] = [
        ("p-aaaa00000001", "failed"), ("p-aaaa00000002", "done"), ("p-bbbb00000003", "parallel"),
    ]

    @Test func opensByIDUniquePrefixLatestLatestFailedAndPath() throws {
        let home = try Home(Self.mixed)
        defer { home.remove() }
        #expect(try PlanLog.open("p-aaaa00000002", home: home.path).id.rawValue == "p-aaaa00000002")
        #expect(try PlanLog.open("p-bb", home: home.path).id.rawValue == "p-bbbb00000003")
        #expect(try PlanLog.open("latest", home: home.path).id.rawValue == "p-bbbb00000003")
        #expect(try PlanLog.open("latest-failed", home: home.path).id.rawValue == "p-aaaa00000001")
        let path = home.path + "/plans/p-aaaa00000002.evlog"
        #expect(try PlanLog.open(path, home: "/nonexistent").path == path)
    }

    @Test func ambiguousAndUnknownNamesSayWhatToDo() throws {
        let home = try Home(Self.mixed)
        defer { home.remove() }
        #expect(throws: PlanLogError.ambiguous("p-aaaa", matches: ["p-aaaa00000001", "p-aaaa00000002"])) {
            try PlanLog.open("p-aaaa", home: home.path)
        }
        #expect(throws: PlanLogError.noSuchPlan("p-zz", known: Self.mixed.map(\.id))) { try PlanLog.open("p-zz", home: home.path) }
        #expect(throws: PlanLogError.noSuchLog("/no/such.evlog")) { try PlanLog.open("/no/such.evlog", home: home.path) }
        // A link to nothing is said to be a link (integrity10 finding 7), its target shown quoted with escapes.
        let link = home.path + "/gone.evlog"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/no/such\u{1b}[2J.evlog")
        #expect(throws: PlanLogError.danglingLink(link, target: "/no/such\u{1b}[2J.evlog")) { try PlanLog.open(link, home: home.path) }
        #expect(PlanLogError.danglingLink(link, target: "/x\u{1b}").description.contains(#""/x\u{1B}""#))
        let empty = try Home([])
        defer { empty.remove() }
        #expect(throws: PlanLogError.noPlans(empty.path + "/plans")) { try PlanLog.open("latest", home: empty.path) }
        let noFailure = try Home([("p-000000000001", "done")])
        defer { noFailure.remove() }
        #expect(throws: PlanLogError.noFailedPlan(noFailure.path + "/plans")) { try PlanLog.open("latest-failed", home: noFailure.path) }
    }

    @Test func listsNewestLast() throws {
        let home = try Home(Self.mixed.reversed())
        defer { home.remove() }
        #expect(PlanLog.all(home: home.path).map(\.id.rawValue) == Self.mixed.reversed().map(\.id))
    }

    @Test(arguments: ["done", "failed", "resumed", "parallel"])
    func streamHoldsEveryRecordAndTheCheckpointStateEqualsTheFold(_ fixture: String) throws {
        let log = PlanLog(path: Self.fixtures.appendingPathComponent(fixture + ".evlog").path)
        var expected: [Event] = []
        let reader = try LogReader(path: log.path)
        while let record = try reader.next() { expected.append(try EventPayload.decode(record.payload)) }
        let stream = try log.events()
        #expect(Array(stream) == expected)
        #expect(stream.damage == nil && stream.stopReason == nil && stream.eventCount == expected.count)
        #expect(try log.stateFromLastCheckpoint() == PlanState.fold(expected))
        #expect(log.writer == .none)
    }

    /// A copy of a fixture log with a checkpoint after every `interval` events, so that there are
    /// several to choose from; the writer is left open.
    struct Checkpointed {
        let directory: String
        let path: String
        let writer: LogWriter
        var checkpoints: [UInt64] = []
        var lastSequence: UInt64 = 0

        init(_ fixture: String, interval: UInt64 = 10) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-planlog-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let source = try Array(PlanLog(path: PlanLogTests.fixtures.appendingPathComponent(fixture + ".evlog").path).events())
            path = directory + "/p-checkpoints.evlog"
            writer = try LogWriter.open(path: path, label: "p-checkpoints", creator: "test", createdAtMicros: 0)
            var state = PlanState()
            for event in source where !event.isCheckpoint {
                lastSequence += 1
                let renumbered = Event(sequence: lastSequence, time: event.time, body: event.body)
                try writer.append(try EventPayload.encode(renumbered), checkpoint: false)
                state.apply(renumbered)
                if lastSequence % interval == 0 {
                    lastSequence += 1
                    checkpoints.append(lastSequence)
                    let checkpoint = Event(sequence: lastSequence, time: event.time, body: .checkpoint(state))
                    try writer.append(try EventPayload.encode(checkpoint), checkpoint: true)
                    state.apply(checkpoint)
                }
            }
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    @Test func seekingToACheckpointBeforeAnEventFoldsToTheSameState() throws {
        let copy = try Checkpointed("parallel")
        defer { copy.remove() }
        let (path, writer, checkpoints, sequence) = (copy.path, copy.writer, copy.checkpoints, copy.lastSequence)
        let log = PlanLog(path: path)
        #expect(log.writer == .running(pid: getpid()))
        try writer.close()
        #expect(log.writer == .none)
        let all = try Array(log.events())
        for target in [UInt64(1), 15, 33, sequence] {
            let stream = try log.eventsFromCheckpoint(atOrBefore: target)
            let first = try #require(stream.next())
            let nearest = checkpoints.last { $0 <= target }
            #expect(first.sequence == nearest ?? 1)
            var folded = PlanState.fold(from: PlanState(), [first])
            while let event = stream.next(), event.sequence <= target { folded.apply(event) }
            #expect(folded == PlanState.fold(all.prefix { $0.sequence <= target }))
        }
    }
}

extension PlanLogTests {
    @Test func theFailedStepsLastAttemptsAreReadFromTheCheckpointBeforeThem() throws {
        let copy = try Checkpointed("failed", interval: 2)
        defer { copy.remove() }
        try copy.writer.close()
        let log = PlanLog(path: copy.path)
        let all = try Array(log.events())
        let failed = PlanState.fold(all).steps.filter { $0.status == .failed }
        try #require(!failed.isEmpty, "the fixture has failed steps")
        let events = try Array(log.eventsCoveringLastAttempts(of: failed))
        #expect(PlanState.fold(events) == PlanState.fold(all))
        // Each failed step's last attempt starts inside what was read…
        for step in failed {
            #expect(events.contains { event in
                if case .stepStarted(step.id, step.attempt, _, _) = event.body { true } else { false }
            })
        }
        // …and nothing before the latest checkpoint that allows that was decoded.
        let starts = all.compactMap { event -> UInt64? in
            guard case .stepStarted(let id, let attempt, _, _) = event.body,
                  failed.contains(where: { $0.id == id && $0.attempt == attempt }) else { return nil }
            return event.sequence
        }
        let expectedStart = try #require(copy.checkpoints.last { $0 < starts.min()! }, "a checkpoint lies before the failed attempt")
        #expect(events.first?.sequence == expectedStart)
    }
}

extension Event {
    fileprivate var isCheckpoint: Bool {
        if case .checkpoint = body { true } else { false }
    }
}

extension PlanLogTests {
    /// The checkpoint flag is outside the seal chain, so it is only a hint (FORMAT.md §5.3): with the
    /// flags of any records set or cleared (seeded), the state read from the last checkpoint is the
    /// state of the whole log.
    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func checkpointFlagsOnAnyRecordsChangeNoState(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let home = try Home([("p-aaaa00000001", "failed")])
        defer { home.remove() }
        let original = home.path + "/plans/p-aaaa00000001.evlog"
        let reader = try LogReader(path: original)
        var records: [(payload: [UInt8], checkpoint: Bool)] = []
        try reader.forEachRecord { _, checkpoint, payload in records.append((Array(payload), checkpoint)) }
        let flagged = home.path + "/flagged.evlog"
        let writer = try LogWriter.open(
            path: flagged, label: reader.header.label, creator: reader.header.creator, createdAtMicros: reader.header.createdAtMicros)
        for record in records { try writer.append(record.payload, checkpoint: random.next() % 3 == 0 ? !record.checkpoint : record.checkpoint) }
        try writer.close()
        let whole = PlanState.fold(try PlanLog(path: original).events())
        #expect(try PlanLog(path: flagged).stateFromLastCheckpoint() == whole)
    }
}
