import Catalog
import EvlogKit
import InstallModel
import Testing

/// `prune` keeps the logs that are the record of what is installed: the install plan of a tool still there
/// (a later plan that found it present does not replace that record), never one a later uninstall undid.
struct InstallRecordPlansTests {
    static let profile = NamedProfiles.named("debian-container")!

    /// A real (not simulated) plan for `tools` that ran: every step done (or skipped, when `skipped`), the
    /// packages step recording what it added.
    static func ran(_ tools: [String], id: String, at second: Int64, skipped: Bool = false, method: String? = nil) throws -> PlanState {
        var options = ResolveOptions(reinstall: true)
        options.installedProbe = NothingInstalled()
        options.method = method
        return ran(try Resolver(catalog: try Catalog.bundled()).resolve(tools: tools, profile: profile, planID: PlanID(id), options: options), at: second, skipped: skipped)
    }

    /// `plan` run to its end, every step done (or skipped, when `skipped`).
    static func ran(_ plan: Plan, at second: Int64, skipped: Bool = false) -> PlanState {
        PlanState.fold(events(plan, at: second, skipped: skipped))
    }

    /// The events of `plan` run to its end, every step done (or skipped, when `skipped`).
    static func events(_ plan: Plan, at second: Int64, skipped: Bool = false) -> [Event] {
        var bodies: [EventBody] = [.planCreated(plan), .planStarted]
        for step in plan.steps {
            if skipped && step.kind != .verify {
                bodies.append(.stepSkipped(step: step.id, reason: .alreadySatisfied, detail: "already installed"))
                continue
            }
            bodies.append(.stepStarted(step: step.id, attempt: 1, command: []))
            if case .packages(let parameters) = step.action {
                bodies.append(.packageSetChanged(step: step.id, change: PackageSetChange(manager: .apt, added: parameters.packages + ["libdep"])))
            }
            bodies.append(.stepDone(step: step.id, exitCode: 0, durationMicros: 1, note: nil))
        }
        bodies.append(.planDone)
        return bodies.enumerated().map { Event(sequence: UInt64($0.offset + 1), time: Timestamp(microseconds: second * 1_000_000 + Int64($0.offset)), body: $0.element) }
    }

    @Test func theInstallPlanOfAToolStillInstalledIsItsRecord() throws {
        let install = try Self.ran(["jq"], id: "p-000000000001", at: 1)
        let history = InstallHistory(plans: [install], catalog: try Catalog.bundled())
        #expect(history.recordPlans == [PlanID("p-000000000001")])
    }

    /// The case prune broke: a later plan found jq present; the first plan is still the record of evlog's install.
    @Test func aLaterPlanThatFoundTheToolPresentKeepsTheInstallPlanTheRecord() throws {
        let install = try Self.ran(["jq"], id: "p-000000000001", at: 1)
        let again = try Self.ran(["jq"], id: "p-000000000002", at: 2, skipped: true)
        let history = InstallHistory(plans: [install, again], catalog: try Catalog.bundled())
        #expect(history.recordPlans.contains(PlanID("p-000000000001")))
        // Without the first log, the tool would look like the user's (what pruning it did).
        let pruned = InstallHistory(plans: [again], catalog: try Catalog.bundled())
        #expect(pruned.foundPresent["jq"] == PlanID("p-000000000002"))
    }

    /// truth11 F10: the install step failed and a remediation's repair command for the tool (`apt-get install -f`)
    /// succeeded: the plan installed nothing, so the tool is not evlog's to remove or upgrade.
    @Test func aFailedInstallWhoseRepairCommandRanInstallsNothing() throws {
        var options = ResolveOptions(reinstall: true)
        options.installedProbe = NothingInstalled()
        let plan = try Resolver(catalog: try Catalog.bundled()).resolve(tools: ["jq"], profile: Self.profile, planID: PlanID("p-000000000001"), options: options)
        let install = try #require(plan.steps.first { $0.kind == .packages })
        let repair = Step(
            id: StepID("fix-apt-fix-broken-1-for-\(install.id.rawValue)"), label: "Repair", action: .postInstall(CommandParameters(argv: ["apt-get", "install", "-f", "-y"])),
            needsRoot: true, tool: "jq")
        let bodies: [EventBody] = [
            .planCreated(plan), .planStarted, .stepStarted(step: install.id, attempt: 1, command: []),
            .stepFailed(step: install.id, cause: FailureCause(message: "apt-get exited with 100"), durationMicros: 1),
            .remediationApplied(step: install.id, remediationID: "apt-fix-broken", newSteps: [repair], retriedAs: nil),
            .stepStarted(step: repair.id, attempt: 1, command: []), .stepDone(step: repair.id, exitCode: 0, durationMicros: 1, note: nil),
            .stepStarted(step: install.id, attempt: 2, command: []),
            .stepFailed(step: install.id, cause: FailureCause(message: "apt-get exited with 100"), durationMicros: 1), .planFailed(reason: "apt-packages failed"),
        ]
        let events = bodies.enumerated().map { Event(sequence: UInt64($0.offset + 1), time: Timestamp(microseconds: Int64($0.offset)), body: $0.element) }
        let state = PlanState.fold(events)
        #expect(state.step(repair.id)?.status == .done, "the repair step is part of the plan")
        let history = InstallHistory(plans: [state], catalog: try Catalog.bundled())
        #expect(history.installed["jq"] == nil && history.recordPlans.isEmpty, "\(history.installed)")
    }

    @Test func aPlanWhoseToolsWereReplacedIsNoRecord() throws {
        let first = try Self.ran(["jq"], id: "p-000000000001", at: 1)
        let second = try Self.ran(["jq"], id: "p-000000000002", at: 2)
        let history = InstallHistory(plans: [first, second], catalog: try Catalog.bundled())
        #expect(history.recordPlans == [PlanID("p-000000000002")])
        #expect(InstallHistory(plans: [], catalog: try Catalog.bundled()).recordPlans.isEmpty)
    }

    /// yamllint by apt, then by pipx: two installs on record; uninstalling one (by its method) leaves the other.
    @Test func aToolInstalledByTwoMethodsKeepsBothUntilEachIsRemoved() throws {
        let catalog = try Catalog.bundled()
        let byApt = try Self.ran(["yamllint"], id: "p-000000000001", at: 1, method: "apt")
        let byPipx = try Self.ran(["yamllint"], id: "p-000000000002", at: 2, method: "pipx")
        let both = InstallHistory(plans: [byApt, byPipx], catalog: catalog)
        #expect(both.installs(of: "yamllint").map(\.how.methodName) == ["pipx", "apt"])
        #expect(both.recordPlans == [PlanID("p-000000000001"), PlanID("p-000000000002")])
        // A pipx plan after an apt install says it makes a second copy; another apt plan does not.
        let onlyApt = InstallHistory(plans: [byApt], catalog: catalog)
        let pipxPlan = try #require(byPipx.plan)
        let notes = onlyApt.secondMethodNotes(for: pipxPlan, catalog: catalog)
        #expect(notes.count == 1 && notes[0].contains("apt package yamllint") && notes[0].contains("--method pipx yamllint"), "\(notes)")
        #expect(onlyApt.secondMethodNotes(for: try #require(byApt.plan), catalog: catalog).isEmpty)

        for (removed, left) in [("pipx", "apt"), ("apt", "pipx")] {
            let record = try #require(both.installs(of: "yamllint").first { $0.how.methodName == removed })
            let removal = LifecyclePlanner(profile: Self.profile).removal([record], catalog: catalog, planID: PlanID("p-000000000003"))
            let after = InstallHistory(plans: [byApt, byPipx, Self.ran(removal, at: 3)], catalog: catalog)
            #expect(after.installs(of: "yamllint").map(\.how.methodName) == [left], "removed \(removed)")
            #expect(after.recordPlans == [PlanID(left == "apt" ? "p-000000000001" : "p-000000000002")], "removed \(removed)")
        }
        // The same method again replaces its own record: still one install.
        let again = try Self.ran(["yamllint"], id: "p-000000000004", at: 4, method: "apt")
        #expect(InstallHistory(plans: [byApt, again], catalog: catalog).installs(of: "yamllint").count == 1)
    }

    /// repro13 F10: a plan that failed at a later verify, after its batched packages step recorded adding both tools'
    /// packages, installed both: they are evlog's to remove. Where the step failed having recorded adding only one
    /// tool's packages, only that one is, and the other is nobody's (not "found on this machine").
    @Test func aPlanThatFailedAfterItsPackagesStepInstalledWhatTheStepRecorded() throws {
        let catalog = try Catalog.bundled()
        var options = ResolveOptions(reinstall: true)
        options.installedProbe = NothingInstalled()
        let plan = try Resolver(catalog: catalog).resolve(tools: ["jq", "htop"], profile: Self.profile, planID: PlanID("p-000000000001"), options: options)
        let packages = try #require(plan.steps.first { $0.kind == .packages })
        let verify = try #require(plan.steps.first { $0.kind == .verify && $0.tool == "htop" })
        #expect(packages.tool == nil, "one step installs both tools' packages")
        for added in [["htop", "jq", "libdep"], ["jq", "libdep"]] {
            let failing: Set<StepID> = added.contains("htop") ? [verify.id] : [packages.id]
            let events = Self.events(plan, at: 1).map { event -> Event in
                let body: EventBody
                switch event.body {
                case .packageSetChanged(let step, _): body = .packageSetChanged(step: step, change: PackageSetChange(manager: .apt, added: added))
                case .stepDone(let step, _, _, _) where failing.contains(step):
                    body = .stepFailed(step: step, cause: FailureCause(message: "exited with 1"), durationMicros: 1)
                case .planDone: body = .planFailed(reason: "a step failed")
                default: body = event.body
                }
                return Event(sequence: event.sequence, time: event.time, body: body)
            }
            let history = InstallHistory(plans: [PlanState.fold(events)], catalog: catalog)
            #expect(history.installs(of: "jq").map(\.how.methodName) == ["apt"], "\(added)")
            #expect(history.installs(of: "htop").map(\.how.methodName) == (added.contains("htop") ? ["apt"] : []), "\(added)")
            #expect(history.foundPresent["htop"] == nil && history.foundPresent["jq"] == nil, "\(added)")
        }
    }
}
