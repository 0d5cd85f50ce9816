import InstallModel
import Simulator
import Testing

/// repro22 #9: an event `evlog import` kept apart as not sealed is evlog's own record: a log holding one is refused
/// saying what it is, not as "a type this evlog does not know (written by a newer evlog?)".
@Suite struct NotSealedRecordTests {
    @Test func aRecordKeptApartByAnImportIsNamed() async throws {
        let (store, _) = try await SimulationHarness(plan: Samples.parallelPlan(), fixtures: Samples.parallelFixtures()).run()
        var events = try store.events()
        let last = try #require(events.last)
        events.append(Event(sequence: last.sequence + 1, time: last.time, body: .unknown(type: NotSealedMark.key)))
        #expect {
            _ = try ReproductionOutline.read(events)
        } throws: { error in
            let text = "\(error)"
            return text.contains("kept apart as not sealed") && !text.contains("newer evlog")
        }
    }
}
