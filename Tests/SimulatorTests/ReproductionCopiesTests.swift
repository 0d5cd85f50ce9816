import InstallModel
import Orchestrator
@testable import Simulator
import Testing

/// What a reproduction holds of a large event (repro13 F5: a log whose plan carried 4.5 MB of arguments took reproduce
/// past 64 MB): the original's `plan_created` as the plan's id only (the outline holds the plan), and the recorder's
/// events compared as the recorder made them, never joined from their records and decoded again.
@Suite struct ReproductionCopiesTests {
    static let argv = ["sh", "-c", "echo n=$#"] + (0..<3).map { "x\($0)_" + String(repeating: "a", count: 1_000) }
    static let plan = Plan(
        id: PlanID("p-copies000001"), tools: [], profile: Samples.profile,
        steps: [Step(id: "run", label: "run", action: .postInstall(CommandParameters(argv: argv)))])

    @Test func theOriginalsPlanIsKeptAsItsIdOnly() {
        let created = Event(sequence: 1, time: Timestamp(microseconds: 1), body: .planCreated(Self.plan))
        guard case .planCreated(let kept) = Reproduction.comparedPart(created).body else {
            Issue.record("plan_created became another event")
            return
        }
        #expect(kept.id == Self.plan.id && kept.steps.isEmpty)
        let started = Event(sequence: 4, time: Timestamp(microseconds: 4), body: .commandStarted(step: "run", argv: Self.argv, process: nil))
        #expect(Reproduction.comparedPart(started) == started)
    }

    @Test func aReproductionComparesTheRecordersEventNotItsRecordsDecoded() throws {
        let started = Event(sequence: 4, time: Timestamp(microseconds: 4), body: .commandStarted(step: "run", argv: Self.argv, process: nil))
        let inner = MemoryEventStore()
        let store = ComparingEventStore(storingIn: inner, comparison: LogComparison(original: [started]))
        // Records that decode as nothing: the store compares the event it is handed, and stores the records as they are.
        let records: [[UInt8]] = [[EventParts.tag, 0xFF], [EventParts.tag, 0xFE]]
        try store.append(records: records, of: started)
        #expect(inner.records == records)
        // A different event is still a difference, stored, then thrown.
        let other = Event(sequence: 5, time: Timestamp(microseconds: 5), body: .commandStarted(step: "run", argv: ["true"], process: nil))
        #expect(throws: LogComparison.Difference.self) { try store.append(records: [[0x01]], of: other) }
        #expect(inner.records.count == 3)
    }

    /// A store around the comparing one that hands on records without their event (the default of
    /// `append(records:of:)`) stops the run: no record is stored uncompared (review15 R9).
    @Test func aRecordWithoutItsEventIsRefusedNotStoredUncompared() throws {
        final class Forwarding: EventStore {
            let inner: any EventStore
            init(_ inner: any EventStore) { self.inner = inner }
            func append(_ payload: [UInt8], checkpoint: Bool) throws { try inner.append(payload, checkpoint: checkpoint) }
            var acceptsEventParts: Bool { inner.acceptsEventParts }
            func sync() throws {}
            func close() throws {}
        }
        let started = Event(sequence: 4, time: Timestamp(microseconds: 4), body: .commandStarted(step: "run", argv: ["true"], process: nil))
        let inner = MemoryEventStore()
        let wrapped = Forwarding(ComparingEventStore(storingIn: inner, comparison: LogComparison(original: [started])))
        let other = Event(sequence: 4, time: Timestamp(microseconds: 4), body: .commandStarted(step: "run", argv: ["false"], process: nil))
        #expect(throws: (any Error).self) { try wrapped.append(records: [[0x01]], of: other) }
        #expect(inner.records.isEmpty)
        try wrapped.append([0x02], checkpoint: true)
        #expect(inner.records == [[0x02]])
    }
}
