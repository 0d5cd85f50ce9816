import Catalog
import EvlogKit
import InstallModel
import Testing

/// A plan that found the user's own pipx tool (its venv was here: pipx added none) but wrote the ~/.bashrc block:
/// the tool stays the user's, and the history keeps the block evlog wrote so the refusal can say how to remove it
/// (truth11 F4). A plan whose block step did not run wrote none.
struct FoundPresentBlockTests {
    static func state(blockWritten: Bool, id: String, at second: Int64) throws -> PlanState {
        var options = ResolveOptions(reinstall: true)
        options.method = "pipx"
        let plan = try Resolver(catalog: try Catalog.bundled()).resolve(
            tools: ["yamllint"], profile: InstallRecordPlansTests.profile, planID: PlanID(id), options: options)
        try #require(plan.steps.contains { $0.kind == .shellConfig }, "\(plan.steps.map(\.id))")
        var bodies: [EventBody] = [.planCreated(plan), .planStarted]
        for step in plan.steps {
            if step.kind == .shellConfig && !blockWritten {
                bodies.append(.stepSkipped(step: step.id, reason: .alreadySatisfied, detail: "~/.bashrc already has every line"))
                continue
            }
            bodies.append(.stepStarted(step: step.id, attempt: 1, command: []))
            if step.kind == .tool { bodies.append(.packageSetChanged(step: step.id, change: PackageSetChange(manager: .pipx, added: []))) }
            bodies.append(.stepDone(step: step.id, exitCode: 0, durationMicros: 1, note: nil))
        }
        bodies.append(.planDone)
        return PlanState.fold(bodies.enumerated().map {
            Event(sequence: UInt64($0.offset + 1), time: Timestamp(microseconds: second * 1_000_000 + Int64($0.offset)), body: $0.element)
        })
    }

    @Test(arguments: [true, false])
    func theBlockAPlanWroteForTheUsersToolIsKept(written: Bool) throws {
        let first = try Self.state(blockWritten: written, id: "p-000000000001", at: 1)
        let history = InstallHistory(plans: [first], catalog: try Catalog.bundled())
        #expect(history.foundPresent["yamllint"] == PlanID("p-000000000001"))
        #expect(history.foundPresentBlocks["yamllint"]?.plan == (written ? PlanID("p-000000000001") : nil))
        // A later plan that found the tool again and wrote no block of its own leaves the earlier block on record.
        let again = try Self.state(blockWritten: false, id: "p-000000000002", at: 2)
        let later = InstallHistory(plans: [first, again], catalog: try Catalog.bundled())
        #expect(later.foundPresentBlocks["yamllint"]?.plan == (written ? PlanID("p-000000000001") : nil))
    }
}
