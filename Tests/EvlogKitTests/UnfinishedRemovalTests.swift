import Catalog
import EvlogKit
import InstallModel
import Testing

/// An uninstall whose remove step did not finish (truth12 F14: kill -9 during `apt-get purge`): the history names
/// that plan, says whether the step was cut off (uncertain) or failed, and forgets it once a later plan removed or
/// installed the tool. `outdated`, `upgrade` and `uninstall` say it from there.
struct UnfinishedRemovalTests {
    /// How the remove step of an uninstall of bat ended, and what the history must then say.
    enum Ending: CaseIterable, CustomTestStringConvertible {
        case interrupted, crashed, failed, done, neverStarted

        var testDescription: String { "\(self)" }

        /// The events after `step_started` (none for a step that never started).
        func events(_ step: StepID) -> [EventBody] {
            switch self {
            case .interrupted: [.stepStarted(step: step, attempt: 1, command: []), .planInterrupted(cause: .signal("SIGKILL"))]
            case .crashed: [.stepStarted(step: step, attempt: 1, command: [])]
            case .failed:
                [.stepStarted(step: step, attempt: 1, command: []),
                 .stepFailed(step: step, cause: FailureCause(exitCode: 100, message: "apt-get exited with 100"), durationMicros: 1),
                 .planFailed(reason: "remove-bat failed")]
            case .done: [.stepStarted(step: step, attempt: 1, command: []), .stepDone(step: step, exitCode: 0, durationMicros: 1, note: nil), .planDone]
            case .neverStarted: []
            }
        }

        var expected: UnfinishedStep? {
            switch self {
            case .interrupted, .crashed: UnfinishedStep(purpose: .removal, plan: PlanID("p-000000000002"), step: StepID("remove-bat"), cutOff: true)
            case .failed: UnfinishedStep(purpose: .removal, plan: PlanID("p-000000000002"), step: StepID("remove-bat"), cutOff: false)
            case .done, .neverStarted: nil
            }
        }
    }

    static func removal(of history: InstallHistory, ending: Ending, id: String, at second: Int64, catalog: Catalog) throws -> PlanState {
        let record = try #require(history.installs(of: "bat").first)
        let plan = LifecyclePlanner(profile: InstallRecordPlansTests.profile).removal([record], catalog: catalog, planID: PlanID(id))
        let remove = try #require(plan.step(StepID("remove-bat")))
        let bodies: [EventBody] = [.planCreated(plan)] + (ending == .neverStarted ? [] : [.planStarted]) + ending.events(remove.id)
        return PlanState.fold(bodies.enumerated().map {
            Event(sequence: UInt64($0.offset + 1), time: Timestamp(microseconds: second * 1_000_000 + Int64($0.offset)), body: $0.element)
        })
    }

    @Test(arguments: Ending.allCases)
    func anUninstallThatDidNotFinishIsNamedWithWhetherItWasCutOff(_ ending: Ending) throws {
        let catalog = try Catalog.bundled()
        let install = try InstallRecordPlansTests.ran(["bat"], id: "p-000000000001", at: 1, method: "apt")
        let installed = InstallHistory(plans: [install], catalog: catalog)
        let removal = try Self.removal(of: installed, ending: ending, id: "p-000000000002", at: 2, catalog: catalog)
        let history = InstallHistory(plans: [install, removal], catalog: catalog)
        #expect(history.unfinishedRemovals["bat"] == ending.expected)
        // The record stays until the removal is done: resuming the uninstall removes what the install added.
        #expect(history.installs(of: "bat").isEmpty == (ending == .done))
        if let unfinished = ending.expected {
            #expect(unfinished.sentence.contains("evlog resume p-000000000002"))
            #expect(unfinished.sentence.contains("uncertain") == unfinished.cutOff)
        }

        // A later uninstall that finished, or a later install, ends it.
        let finished = try Self.removal(of: installed, ending: .done, id: "p-000000000003", at: 3, catalog: catalog)
        #expect(InstallHistory(plans: [install, removal, finished], catalog: catalog).unfinishedRemovals["bat"] == nil)
        let reinstalled = try InstallRecordPlansTests.ran(["bat"], id: "p-000000000004", at: 4, method: "apt")
        let after = InstallHistory(plans: [install, removal, reinstalled], catalog: catalog)
        #expect(after.unfinishedRemovals["bat"] == nil)
        #expect(after.installs(of: "bat").count == 1)
    }
}

/// An install cut off in its install step (truth12 F6, F18): the tool is not evlog's on record yet, and the history
/// names the plan installing it, so `uninstall` points at `evlog resume` instead of "not installed by evlog".
struct CutOffInstallTests {
    @Test func anInstallCutOffInItsInstallStepIsNamedUntilAPlanEndsIt() throws {
        let catalog = try Catalog.bundled()
        let cut = try StrayBlockTests.state(blockWritten: true, install: .interrupted, id: "p-000000000001", at: 1)
        let history = InstallHistory(plans: [cut], catalog: catalog)
        let unfinished = try #require(history.cutOffInstalls["yamllint"])
        #expect(unfinished.plan == PlanID("p-000000000001") && unfinished.cutOff && unfinished.purpose == .install)
        #expect(unfinished.sentence.contains("was installing it") && unfinished.sentence.contains("evlog resume p-000000000001"))
        // A later install that ran (the resumed plan's final state, or another plan) ends it.
        let installed = try StrayBlockTests.state(blockWritten: true, install: .added, id: "p-000000000002", at: 2)
        #expect(InstallHistory(plans: [cut, installed], catalog: catalog).cutOffInstalls["yamllint"] == nil)
        #expect(InstallHistory(plans: [installed], catalog: catalog).cutOffInstalls.isEmpty)
    }
}
