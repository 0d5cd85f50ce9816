import Catalog
import EvlogKit
import InstallModel
import Testing

/// Shell-profile blocks evlog wrote for a tool no evlog install of it owns (`InstallHistory.strayBlocks`): a plan
/// that found the user's own pipx tool (its venv was here: pipx added none) but wrote the ~/.bashrc block (truth11
/// F4), or a plan that stopped before its install step finished. The block is kept on record until an uninstall
/// removes it (that uninstall installs nothing), and a later install of the tool makes it its own.
struct StrayBlockTests {
    /// How far the plan's pipx step got.
    enum Install { case foundPresent, added, interrupted }

    static func state(blockWritten: Bool, install: Install, id: String, at second: Int64) throws -> PlanState {
        var options = ResolveOptions(reinstall: true)
        options.method = "pipx"
        let plan = try Resolver(catalog: try Catalog.bundled()).resolve(
            tools: ["yamllint"], profile: InstallRecordPlansTests.profile, planID: PlanID(id), options: options)
        try #require(plan.steps.contains { $0.kind == .shellConfig }, "\(plan.steps.map(\.id))")
        var bodies: [EventBody] = [.planCreated(plan), .planStarted]
        // The shell step needs no other step: it may end before the install step does, as in the interrupted plan.
        for step in plan.steps.filter({ $0.kind == .shellConfig }) + plan.steps.filter({ $0.kind != .shellConfig }) {
            if step.kind == .shellConfig && !blockWritten {
                bodies.append(.stepSkipped(step: step.id, reason: .alreadySatisfied, detail: "~/.bashrc already has every line"))
                continue
            }
            bodies.append(.stepStarted(step: step.id, attempt: 1, command: []))
            if step.kind == .tool && install == .interrupted { break }
            if step.kind == .tool {
                bodies.append(.packageSetChanged(step: step.id, change: PackageSetChange(manager: .pipx, added: install == .added ? ["yamllint"] : [])))
            }
            bodies.append(.stepDone(step: step.id, exitCode: 0, durationMicros: 1, note: nil))
        }
        bodies.append(install == .interrupted ? .planInterrupted(cause: .signal("SIGINT")) : .planDone)
        return PlanState.fold(bodies.enumerated().map {
            Event(sequence: UInt64($0.offset + 1), time: Timestamp(microseconds: second * 1_000_000 + Int64($0.offset)), body: $0.element)
        })
    }

    @Test(arguments: [true, false])
    func theBlockAPlanWroteForTheUsersToolIsKept(written: Bool) throws {
        let first = try Self.state(blockWritten: written, install: .foundPresent, id: "p-000000000001", at: 1)
        let history = InstallHistory(plans: [first], catalog: try Catalog.bundled())
        #expect(history.foundPresent["yamllint"] == PlanID("p-000000000001"))
        #expect(history.strayBlocks["yamllint"]?.plan == (written ? PlanID("p-000000000001") : nil))
        // A later plan that found the tool again and wrote no block of its own leaves the earlier block on record.
        let again = try Self.state(blockWritten: false, install: .foundPresent, id: "p-000000000002", at: 2)
        let later = InstallHistory(plans: [first, again], catalog: try Catalog.bundled())
        #expect(later.strayBlocks["yamllint"]?.plan == (written ? PlanID("p-000000000001") : nil))
    }

    /// An install interrupted in its pipx step installed nothing, but its block is evlog's: on record, and gone from
    /// the record once an uninstall plan removed it; that plan, which installed nothing, makes no tool evlog's.
    @Test(arguments: [Install.foundPresent, .interrupted])
    func anUninstallOfTheStrayBlockTakesItOffTheRecord(install: Install) throws {
        let catalog = try Catalog.bundled()
        let first = try Self.state(blockWritten: true, install: install, id: "p-000000000001", at: 1)
        let history = InstallHistory(plans: [first], catalog: catalog)
        let block = try #require(history.strayBlocks["yamllint"], "\(install)")
        #expect(history.recordPlans.contains(PlanID("p-000000000001")))
        let removal = LifecyclePlanner(profile: InstallRecordPlansTests.profile).removal(
            [], stray: [("yamllint", block, "is yours")], catalog: catalog, planID: PlanID("p-000000000002"))
        #expect(removal.kind == .uninstall && removal.tools == ["yamllint"])
        #expect(removal.steps.map(\.id) == [StepID("remove-shell-block-p-000000000001")], "\(removal.steps.map(\.id))")
        #expect(removal.notes.contains { $0.hasPrefix("yamllint: is yours, so it stays as it is") }, "\(removal.notes)")
        let after = InstallHistory(plans: [first, InstallRecordPlansTests.ran(removal, at: 2)], catalog: catalog)
        #expect(after.strayBlocks["yamllint"] == nil)
        #expect(after.foundPresent["yamllint"] == history.foundPresent["yamllint"])
        if case .some(.some) = after.installed["yamllint"] { Issue.record("an uninstall of a block made yamllint evlog's") }
    }

    /// A later install that found the stray block in place (its own shell step skipped) owns it: its uninstall removes it.
    @Test func aLaterInstallAdoptsTheStrayBlock() throws {
        let catalog = try Catalog.bundled()
        let interrupted = try Self.state(blockWritten: true, install: .interrupted, id: "p-000000000001", at: 1)
        let installed = try Self.state(blockWritten: false, install: .added, id: "p-000000000002", at: 2)
        let history = InstallHistory(plans: [interrupted, installed], catalog: catalog)
        #expect(history.strayBlocks["yamllint"] == nil)
        #expect(history.installs(of: "yamllint").first?.shellBlock?.plan == PlanID("p-000000000001"))
    }
}
