import EventLog
import Foundation
import InstallModel
import Orchestrator
import Testing

/// An event larger than a record (the `plan_created` of a plan of 50,000 steps) is stored as parts,
/// each within the record limit, and read back whole; parts that do not join are records that are not
/// events, never a crash (FORMAT.md §7.9).
struct EventPartsTests {
    struct Clock: EventClock {
        func now() -> Timestamp { Timestamp(microseconds: 1_000) }
    }

    /// A plan of `count` generated steps, each depending on a seeded earlier one.
    static func plan(steps count: Int, seed: UInt64) -> Plan {
        var generator = SplitMix64(seed: seed)
        let profile = SystemProfile(
            name: "test", osFamily: "debian", distribution: "debian", version: "12", arch: "x86_64", initSystem: .none,
            packageManagers: [.apt], isRoot: true, hasSudo: false, inContainer: true, externallyManagedPython: true)
        let steps = (0..<count).map { index in
            Step(
                id: StepID("step-\(index)"), label: "run generated step \(index) of \(count)",
                action: .postInstall(CommandParameters(argv: ["printf", "%s\\n", String(generator.next(), radix: 36)])),
                dependsOn: index == 0 ? [] : [StepID("step-\(Int(generator.next() % UInt64(index)))")])
        }
        return Plan(id: PlanID("p-parts\(seed)"), tools: [], profile: profile, steps: steps)
    }

    @Test(arguments: [UInt64(7)])
    func aPlanOfFiftyThousandStepsIsRecordedWithinTheLimitAndReadBackWhole(seed: UInt64) throws {
        let plan = Self.plan(steps: 50_000, seed: seed)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-parts-\(UUID().uuidString).evlog").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try LogWriter.open(path: path, label: plan.id.rawValue, creator: "test", createdAtMicros: 0, mayHoldEventParts: true)
        let memory = MemoryEventStore()
        for store in [LogEventStore(writer: writer), memory] as [any EventStore] {
            let recorder = EventRecorder(store: store, clock: Clock())
            try recorder.record(.planCreated(plan))
            try recorder.record(.planCancelled(reason: "declined"))
            try recorder.close()
        }
        #expect(memory.records.count > 3, "the plan was not cut into parts")
        #expect(memory.records.allSatisfy { $0.count <= LogFormat.recordBytesMax })
        let stream = try PlanLog(path: path).events()
        let events = Array(stream)
        #expect(stream.undecodableRecords == 0)
        guard events.count == 2, case .planCreated(let read) = events[0].body else {
            Issue.record("read \(events.count) events")
            return
        }
        #expect(read == plan)
        #expect(try memory.events().map(\.body) == events.map(\.body))
        #expect(PlanState.fold(events).status == .cancelled)
    }

    /// A log whose plan needs parts is created in the format that has them, so an evlog from before parts (which
    /// reads formats up to 2) refuses it as written by a newer evlog; a small plan's log stays readable by it. An
    /// event that needs parts in a log created without them is refused, never stored as parts its readers would
    /// not know.
    @Test func aLogHoldingPartsSaysSoInItsHeader() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-parts-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let archive = PlanArchive(home: home)
        for (steps, parts) in [(3, false), (20_000, true)] {
            let plan = Self.plan(steps: steps, seed: UInt64(steps))
            #expect(EventParts.mayBeNeeded(for: plan) == parts, "\(steps) steps")
            let writer = try archive.create(plan, createdAt: Timestamp(microseconds: 1))
            #expect(writer.header.mayHoldEventParts == parts, "\(steps) steps")
            #expect((writer.header.readVersion > 2) == parts, "\(steps) steps: read version \(writer.header.readVersion)")
            let recorder = EventRecorder(store: LogEventStore(writer: writer), clock: Clock())
            try recorder.record(.planCreated(plan))
            try recorder.close()
            #expect(try LogReader(path: writer.path).header.readVersion == writer.header.readVersion)
        }
        let path = home + "/without-parts.evlog"
        let writer = try LogWriter.open(path: path, label: "p", creator: "test", createdAtMicros: 0)
        let recorder = EventRecorder(store: LogEventStore(writer: writer), clock: Clock())
        #expect(throws: EventNeedsParts.self) { try recorder.record(.planCreated(Self.plan(steps: 20_000, seed: 3))) }
        try writer.close()
        #expect(try LogReader(path: path).next() == nil, "parts went into a log created without them")
    }

    /// A plan larger than the parts of one event may hold (FORMAT.md §7.9: 64 MiB) is refused before its log
    /// exists, so no reader meets a plan it cannot join; one just within the limit is created. A log created for
    /// a plan that was then never stored is removed whole, with its lock file (whole or absent, repro12 F2).
    @Test func aPlanLargerThanAnEventMayBeIsRefusedAndLeavesNoLog() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-parts-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let archive = PlanArchive(home: home)
        var plan = Self.plan(steps: 2, seed: 11)
        let smallBytes = try EventPayload.encode(Event(sequence: 0, time: Timestamp(microseconds: 0), body: .planCreated(plan))).count
        for (extraBytes, refused) in [(EventParts.payloadBytesMax - smallBytes, false), (EventParts.payloadBytesMax - smallBytes + 1, true)] {
            plan.steps[0].label = String(repeating: "l", count: extraBytes + plan.steps[0].label.utf8.count)
            if refused {
                #expect(throws: PlanTooLarge.self) { try archive.create(plan, createdAt: Timestamp(microseconds: 1)) }
                #expect(!FileManager.default.fileExists(atPath: archive.logPath(for: plan.id)))
            } else {
                let writer = try archive.create(plan, createdAt: Timestamp(microseconds: 1))
                #expect(writer.header.mayHoldEventParts)
                archive.discard(writer)
                #expect(!FileManager.default.fileExists(atPath: writer.path))
                #expect(!FileManager.default.fileExists(atPath: LogWriter.lockFilePath(for: writer.path)))
            }
        }
    }

    /// Parts dropped, repeated, swapped, cut off by another record or claiming more parts than allowed
    /// (a repeated last part after a whole event is only a record that is no event, so it is not tried).
    @Test(arguments: 1...15 as ClosedRange<UInt64>)
    func partsThatDoNotJoinAreNoEventAndNeverAHalfOne(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let plan = Self.plan(steps: 4_500 + Int(generator.next() % 3_000), seed: seed)
        let created = Event(sequence: 1, time: Timestamp(microseconds: 1), body: .planCreated(plan))
        let limit = 1 << 20
        var records = Array(EventParts.records(try EventPayload.encode(created), of: created, recordBytesMax: limit))
        #expect(records.count >= 2)
        var joiner = EventRecordJoiner()
        #expect(try records.compactMap { try joiner.event(from: $0) }.map(\.body) == [created.body])
        let other = try EventPayload.encode(Event(sequence: 2, time: Timestamp(microseconds: 2), body: .planStarted))
        // Any part, and a part before the last (what follows it then breaks the order).
        let at = Int(generator.next() % UInt64(records.count))
        let before = Int(generator.next() % UInt64(records.count - 1))
        switch generator.next() % 5 {
        case 0: records.remove(at: at)
        case 1: records.insert(records[before], at: before)
        case 2: records.swapAt(before, before + 1)
        case 3: records.insert(other, at: before + 1)
        default:
            for index in records.indices { records[index].replaceSubrange(21..<25, with: [0xff, 0xff, 0, 0]) }
        }
        joiner = EventRecordJoiner()
        var joined: [Event] = []
        for record in records {
            if let event = try? joiner.event(from: record) { joined.append(event) }
        }
        #expect(!joined.contains { if case .planCreated = $0.body { true } else { false } }, "a broken plan_created was read")
    }
}
