import InstallModel
import Rendering
import Testing

@testable import Server

/// A plan page draws one page of steps in plan order, plus every failed, running and recent one, so its
/// size does not grow with the plan's step count (serve10 #13: 20,000 steps never loaded).
@Suite struct StepPageTests {
    /// A plan of `count` steps, some started and some failed (seeded), folded.
    private static func state(steps count: Int, seed: UInt64) -> (PlanState, running: Set<StepID>, failed: Set<StepID>) {
        var generator = SplitMix64(seed: seed)
        let ids = (0..<count).map { StepID("s\($0)") }
        let plan = RecordedPlan.plan(PlanID("p-steppage0001"), ids[0], others: Array(ids.dropFirst()))
        var bodies: [EventBody] = [.planCreated(plan), .planStarted]
        var running: Set<StepID> = []
        var failed: Set<StepID> = []
        for id in ids where generator.next() % 7 == 0 {
            bodies.append(.stepStarted(step: id, attempt: 1, command: ["true"]))
            if generator.next() % 2 == 0 {
                bodies.append(.stepFailed(step: id, cause: FailureCause(exitCode: 1, message: "exited with 1"), durationMicros: 1))
                failed.insert(id)
            } else {
                running.insert(id)
            }
        }
        let events = bodies.enumerated().map { Event(sequence: UInt64($0.offset + 1), time: Timestamp(microseconds: 1), body: $0.element) }
        return (PlanState.fold(events), running, failed)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func thePagesCoverEveryStepOnceAndEachDrawsTheUrgentOnes(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let count = 1 + Int(generator.next() % UInt64(3 * StepPage.stepsMax))
        let (state, running, failed) = Self.state(steps: count, seed: seed)
        let planned = state.plan!.steps.map(\.id)
        let recent = (0..<5).map { _ in planned[Int(generator.next() % UInt64(count))] } + [StepID("remedy-added")]
        let first = StepPage(state, windowSteps: recent, asked: 0)
        #expect(first.count == (count + StepPage.stepsMax - 1) / StepPage.stepsMax)
        var sliced: [StepID] = []
        for number in 0..<first.count {
            let page = StepPage(state, windowSteps: recent, asked: number)
            #expect(page.number == number)
            #expect(Set(page.ids).count == page.ids.count, "a step drawn twice")
            #expect(page.ids.last == StepID("remedy-added"), "a step only the window knows is drawn last")
            let urgent = running.union(failed)
            #expect(Set(recent).isSubset(of: Set(page.ids)))
            #expect(urgent.count > StepPage.stepsMax || urgent.isSubset(of: Set(page.ids)))
            #expect(page.ids.count <= 2 * StepPage.stepsMax + recent.count)
            let inPlan = page.ids.compactMap { state.graph?.index(of: $0) }
            #expect(inPlan == inPlan.sorted(), "steps drawn out of plan order")
            let slice = (number * StepPage.stepsMax)..<min(count, (number + 1) * StepPage.stepsMax)
            #expect(Set(slice.map { planned[$0] }).isSubset(of: Set(page.ids)))
            sliced += slice.map { planned[$0] }
        }
        #expect(sliced == planned)
        let past = StepPage(state, windowSteps: [], asked: Int.max)
        #expect(past.number == first.count - 1, "a page past the last is the last")
        #expect((first.count > 1) == !first.navigation(base: "/plans/p").isEmpty)
        guard first.count > 1 else { return }
        // Past the last is named as asked (serve14 #1); the links keep the page's other parameters (serve14 #2).
        #expect(past.navigation(base: "/plans/p").contains("there is no page \(Int.max) of steps: this is the last, page \(first.count)"))
        #expect(!first.navigation(base: "/plans/p").contains("there is no page"))
        let second = StepPage(state, windowSteps: [], asked: 1)
        let links = second.navigation(base: "/plans/p", query: "at=7")
        #expect(links.contains("href=\"/plans/p?at=7&amp;steps=1\""), "\(links)")
        #expect((first.count > 2) == links.contains("href=\"/plans/p?at=7&amp;steps=3\""), "\(links)")
        #expect(second.query == "?steps=2" && first.query.isEmpty)
    }
}

/// The plan page's failure section draws the first `StepPage.stepsMax` failed steps and says how many more
/// there are, so a plan whose every step failed is no bigger a page than one page of steps.
@Suite struct FailureSectionTests {
    @Test func manyFailedStepsAreCountedNotAllDrawn() {
        let ids = (0..<(StepPage.stepsMax + 37)).map { StepID("f\($0)") }
        let plan = RecordedPlan.plan(PlanID("p-failures0001"), ids[0], others: Array(ids.dropFirst()))
        var bodies: [EventBody] = [.planCreated(plan), .planStarted]
        for id in ids {
            bodies.append(.stepStarted(step: id, attempt: 1, command: ["true"]))
            bodies.append(.stepFailed(step: id, cause: FailureCause(exitCode: 1, message: "exited with 1"), durationMicros: 1))
        }
        let state = PlanState.fold(bodies.enumerated().map { Event(sequence: UInt64($0.offset + 1), time: Timestamp(microseconds: 1), body: $0.element) })
        let html = HTMLReport.failures(state, limit: StepPage.stepsMax)
        #expect(html.components(separatedBy: "<div class=\"failure\">").count - 1 == StepPage.stepsMax)
        #expect(html.contains("… and 37 more failed steps"))
        #expect(HTMLReport.failures(state).components(separatedBy: "<div class=\"failure\">").count - 1 == ids.count)
    }
}
