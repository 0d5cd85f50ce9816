import InstallModel
import Rendering
import Testing

/// `replay --at`: the state at a point is the fold of exactly the events up to it.
struct TimeTravelTests {
    @Test(arguments: FixtureLogs.names)
    func stateAtEverySequenceEqualsFoldOfThePrefix(_ name: String) throws {
        let events = try FixtureLogs.events(name)
        var incremental = PlanState()
        for (index, event) in events.enumerated() {
            incremental.apply(event)
            let atPoint = try TimeTravel.state(events, at: String(event.sequence))
            #expect(atPoint == PlanState.fold(events.prefix(index + 1)))
            #expect(atPoint == incremental)
        }
    }

    @Test func stateAtAStepIsWhenItEnded() throws {
        let events = try FixtureLogs.events("parallel")
        let state = try TimeTravel.state(events, at: "apt-packages")
        #expect(state.step("apt-packages")?.status == .done)
        #expect(state.step("verify-bat")?.status == .pending)
        let end = try #require(events.lastIndex { TimeTravel.ends($0, step: "apt-packages") })
        #expect(state == PlanState.fold(events.prefix(end + 1)))
    }

    @Test func unknownPointsAreReported() throws {
        let events = try FixtureLogs.events("done")
        #expect(throws: TimeTravel.Miss.noEventEndsStep("nope")) { try TimeTravel.state(events, at: "nope") }
        #expect(throws: TimeTravel.Miss.beforeFirstEvent(0)) { try TimeTravel.state(events, at: "0") }
    }
}
