import Catalog
import EvlogKit
import InstallModel
import Testing

/// truth20 #10: `install docker` as a user joined the docker group (root-equivalent), and `uninstall docker` left the
/// membership. A `group:` step is planned only when the user is not in the group yet, so a join the log records is the
/// install's own; uninstall takes it back unless a tool that stays joined the same group.
struct GroupJoinUndoTests {
    /// A probe answering from a fixed set of (user, group) memberships.
    struct Members: GroupMembershipProbe {
        var pairs: Set<[String]>
        func isMember(_ user: String, of group: String) -> Bool { pairs.contains([user, group]) }
    }

    static let profile = NamedProfiles.named("ubuntu-desktop")!

    static func plan(_ tool: String, id: String, members: Set<[String]> = []) throws -> Plan {
        var options = ResolveOptions(reinstall: true, userName: "alice")
        options.groupMembership = Members(pairs: members)
        return try Resolver(catalog: try Catalog.bundled()).resolve(tools: [tool], profile: profile, planID: PlanID(id), options: options)
    }

    static func removal(_ record: InstallRecord, keeping kept: [InstallRecord] = []) throws -> Plan {
        LifecyclePlanner(profile: profile).removal([record], keeping: kept, catalog: try Catalog.bundled(), planID: PlanID("p-0000000000ff"))
    }

    @Test func aJoinTheInstallMadeIsTakenBackByTheUninstall() throws {
        let plan = try Self.plan("docker", id: "p-000000000001")
        let join = try #require(plan.step(StepID("group-docker")))
        #expect(join.action == .postInstall(CommandParameters(argv: ["usermod", "-aG", "docker", "alice"])))
        let history = InstallHistory(plans: [InstallRecordPlansTests.ran(plan, at: 1)], catalog: try Catalog.bundled())
        let record = try #require(history.installed["docker"] ?? nil)
        #expect(record.joinedGroups == [GroupJoin(user: "alice", group: "docker")])
        let removal = try Self.removal(record)
        let leave = try #require(removal.step(StepID("leave-docker-docker")), "\(removal.steps.map(\.id))")
        #expect(leave.action == .postInstall(CommandParameters(argv: ["gpasswd", "-d", "alice", "docker"])) && leave.needsRoot)
        #expect(removal.step(StepID("remove-docker"))?.dependsOn.contains(leave.id) == true)
    }

    @Test func aUserAlreadyInTheGroupIsNotJoinedAndStaysAfterTheUninstall() throws {
        let plan = try Self.plan("docker", id: "p-000000000002", members: [["alice", "docker"]])
        #expect(plan.step(StepID("group-docker")) == nil)
        #expect(plan.notes.contains("docker: alice is already in the docker group (uninstall leaves it)"), "\(plan.notes)")
        let history = InstallHistory(plans: [InstallRecordPlansTests.ran(plan, at: 1)], catalog: try Catalog.bundled())
        let record = try #require(history.installed["docker"] ?? nil)
        #expect(record.joinedGroups.isEmpty)
        #expect(!(try Self.removal(record)).steps.contains { $0.id.rawValue.hasPrefix("leave-") })
    }

    /// A join step that did not finish (skipped, failed) added nobody, and a tool that stays with the same join keeps it.
    @Test func aJoinNotDoneOrSharedWithAToolThatStaysIsLeft() throws {
        let plan = try Self.plan("docker", id: "p-000000000003")
        let skipped = InstallRecordPlansTests.events(plan, at: 1).map { event in
            guard case .stepDone(let step, _, _, _) = event.body, step.rawValue.hasPrefix("group-") else { return event }
            return Event(sequence: event.sequence, time: event.time, body: .stepSkipped(step: step, reason: .alreadySatisfied, detail: "not run"))
        }
        let notJoined = InstallHistory(plans: [PlanState.fold(skipped)], catalog: try Catalog.bundled())
        #expect((notJoined.installed["docker"] ?? nil)?.joinedGroups == [])
        let record = try #require(InstallHistory(plans: [InstallRecordPlansTests.ran(plan, at: 1)], catalog: try Catalog.bundled()).installed["docker"] ?? nil)
        var other = InstallRecord(tool: "podman-docker", how: .packages(.apt, ["podman-docker"]), source: "plan p-000000000004")
        other.joinedGroups = record.joinedGroups
        let removal = try Self.removal(record, keeping: [other])
        #expect(!removal.steps.contains { $0.id.rawValue.hasPrefix("leave-") })
        #expect(removal.notes.contains("docker: alice stays in the docker group, which podman-docker's install joined too"), "\(removal.notes)")
    }
}
