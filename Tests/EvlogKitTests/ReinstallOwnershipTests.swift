import Catalog
import EvlogKit
import InstallModel
import Testing

/// truth12 F15: `install --reinstall` of a package the machine already had adds nothing, so it does not make the
/// package evlog's: ownership comes only from what a step recorded adding.
struct ReinstallOwnershipTests {
    /// A real plan reinstalling `psmisc`, its packages step done, recording `change` (nil: it recorded none, as a
    /// manager evlog reads no package set of).
    static func reinstalled(recording change: PackageSetChange?, id: String, at second: Int64) throws -> PlanState {
        var options = ResolveOptions(reinstall: true)
        options.installedProbe = NothingInstalled()
        let plan = try Resolver(catalog: try Catalog.bundled()).resolve(
            tools: ["psmisc"], profile: InstallRecordPlansTests.profile, planID: PlanID(id), options: options)
        var bodies: [EventBody] = [.planCreated(plan), .planStarted]
        for step in plan.steps {
            bodies.append(.stepStarted(step: step.id, attempt: 1, command: []))
            if step.kind == .packages, let change { bodies.append(.packageSetChanged(step: step.id, change: change)) }
            bodies.append(.stepDone(step: step.id, exitCode: 0, durationMicros: 1, note: nil))
        }
        bodies.append(.planDone)
        return PlanState.fold(bodies.enumerated().map {
            Event(sequence: UInt64($0.offset + 1), time: Timestamp(microseconds: second * 1_000_000 + Int64($0.offset)), body: $0.element)
        })
    }

    @Test(arguments: [PackageSetChange(manager: .apt, added: []), nil])
    func aReinstallThatAddedNothingLeavesThePackageTheUsers(change: PackageSetChange?) throws {
        let plan = try Self.reinstalled(recording: change, id: "p-000000000001", at: 1)
        let step = try #require(plan.plan?.steps.first { $0.kind == .packages })
        guard case .packages(let parameters) = step.action else { throw Failure() }
        try #require(parameters.reinstall == true, "the plan is a reinstall")
        let history = InstallHistory(plans: [plan], catalog: try Catalog.bundled())
        #expect(history.installs(of: "psmisc").isEmpty, "\(history.installs(of: "psmisc"))")
        #expect(history.foundPresent["psmisc"] == PlanID("p-000000000001"))
    }

    /// What a reinstall step did add (a package the machine lacked) is still its own.
    @Test func aReinstallOwnsWhatItAdded() throws {
        let plan = try Self.reinstalled(recording: PackageSetChange(manager: .apt, added: ["psmisc"]), id: "p-000000000001", at: 1)
        let history = InstallHistory(plans: [plan], catalog: try Catalog.bundled())
        #expect(history.installs(of: "psmisc").map(\.how) == [.packages(.apt, ["psmisc"])])
    }

    /// A reinstall over evlog's own earlier install keeps that install what uninstall undoes.
    @Test func aReinstallOverEvlogsInstallKeepsItEvlogs() throws {
        let first = try Self.reinstalled(recording: PackageSetChange(manager: .apt, added: ["psmisc"]), id: "p-000000000001", at: 1)
        let again = try Self.reinstalled(recording: PackageSetChange(manager: .apt, added: []), id: "p-000000000002", at: 2)
        let history = InstallHistory(plans: [first, again], catalog: try Catalog.bundled())
        #expect(history.installs(of: "psmisc").map(\.source) == ["plan p-000000000001"])
    }

    struct Failure: Error {}
}
