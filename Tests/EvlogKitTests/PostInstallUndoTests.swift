import Catalog
import EvlogKit
import InstallModel
import Testing

/// truth20 #9: `install git-lfs` ran `git lfs install` (which writes `[filter "lfs"] required = true` into
/// ~/.gitconfig), and `uninstall git-lfs` removed the package and left the filter pointing at a program that was gone.
/// A recipe command with an `undo` is undone by the uninstall, first, when the install's log shows it ran.
struct PostInstallUndoTests {
    /// Every catalog recipe with an undoable post-install command (git-lfs among them).
    static var undoable: [String] {
        let catalog = try? Catalog.bundled()
        return (catalog?.recipes.values.filter { recipe in
            recipe.methods.flatMap(\.postInstall).contains { if case .command(let spec) = $0 { spec.undo != nil } else { false } }
        }.map(\.name).sorted()) ?? []
    }

    @Test func gitLFSIsAmongThem() { #expect(Self.undoable.contains("git-lfs")) }

    /// The install's plan says so before consent; the uninstall runs the inverse before the removal, recorded as a step.
    @Test(arguments: undoable)
    func anUndoableCommandTheInstallRanIsUndoneFirst(tool: String) throws {
        let catalog = try Catalog.bundled()
        let state = try InstallRecordPlansTests.ran([tool], id: "p-000000000009", at: 1)
        let plan = try #require(state.plan)
        let ran = plan.steps.compactMap { step -> [String]? in
            guard step.tool == tool, step.id.rawValue.hasPrefix("post-"), case .postInstall(let command) = step.action else { return nil }
            return command.argv
        }
        try #require(!ran.isEmpty, "\(tool): the profile runs none of its post-install commands")
        #expect(plan.notes.contains { $0.hasPrefix("\(tool): `") && $0.contains("evlog uninstall \(tool)` runs") }, "\(plan.notes)")
        let history = InstallHistory(plans: [state], catalog: catalog)
        let record = try #require(history.installed[tool] ?? nil)
        #expect(!record.undoCommands.isEmpty)
        let removal = LifecyclePlanner(profile: InstallRecordPlansTests.profile).removal([record], catalog: catalog, planID: PlanID("p-00000000000a"))
        let undo = try #require(removal.step(StepID("undo-\(tool)")))
        if case .postInstall(let command) = undo.action { #expect(command.argv == record.undoCommands.first) } else { Issue.record("\(undo.action)") }
        #expect(removal.step(StepID("remove-\(tool)"))?.dependsOn.contains(undo.id) == true)
    }

    /// A post-install command that did not run (its step skipped) has nothing to undo.
    @Test(arguments: undoable)
    func aCommandThatDidNotRunIsNotUndone(tool: String) throws {
        let state = try InstallRecordPlansTests.ran([tool], id: "p-00000000000b", at: 1)
        let plan = try #require(state.plan)
        var events = InstallRecordPlansTests.events(plan, at: 1)
        events = events.map { event in
            guard case .stepDone(let step, _, _, _) = event.body, step.rawValue.hasPrefix("post-") else { return event }
            return Event(sequence: event.sequence, time: event.time, body: .stepSkipped(step: step, reason: .alreadySatisfied, detail: "not run"))
        }
        let history = InstallHistory(plans: [PlanState.fold(events)], catalog: try Catalog.bundled())
        #expect((history.installed[tool] ?? nil)?.undoCommands == [])
    }
}
