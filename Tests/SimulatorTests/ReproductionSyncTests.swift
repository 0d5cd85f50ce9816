import InstallModel
import Orchestrator
import Simulator
import Testing

/// A reproduction's log is the record of a check: nothing is made durable before it closes (repro13 F6: a seal and an
/// fsync at every quiet moment of the replayed output made reproduce cost four times the recording's CPU).
@Suite struct ReproductionSyncTests {
    /// Counts what a reproduction asks of its store.
    final class CountingStore: EventStore {
        var appended = 0
        var syncs = 0
        var closed = false
        var acceptsEventParts: Bool { true }
        func append(_ payload: [UInt8], checkpoint: Bool) throws { appended += 1 }
        func sync() throws { syncs += 1 }
        func close() throws { closed = true }
    }

    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func aReproductionSyncsNothingAndClosesItsStoreOnce(seed: UInt64) async throws {
        let (recorded, _) = try await SimulationHarness(plan: Samples.parallelPlan(), fixtures: ReproductionTests.fixtures(seed: seed)).run()
        #expect(recorded.syncedCount > 0, "the original run synced nothing, so this proves nothing")
        let events = try recorded.events()
        let store = CountingStore()
        _ = try await Reproduction.run(try ReproductionOutline.read(events), events: events, into: store, analyser: LastLinesAnalyser())
        #expect(store.appended > 0 && store.closed)
        #expect(store.syncs == 0)
    }
}
