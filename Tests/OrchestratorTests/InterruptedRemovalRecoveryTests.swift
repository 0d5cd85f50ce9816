import InstallModel
import Testing

@testable import Orchestrator

/// Resuming a plan whose apt step was cut off while dpkg worked first finishes what dpkg left (`dpkg --audit`,
/// `dpkg --configure -a`), for an uninstall's `apt-get purge` as for an install's packages step (truth12 F14,
/// repro13 F7: the uninstall's resume went straight into "dpkg was interrupted"); a step that runs no apt gets none.
struct InterruptedRemovalRecoveryTests {
    static let steps = [
        Step(id: "apt-packages", label: "Install", action: .packages(PackagesParameters(manager: .apt, packages: ["bat"])), lock: .apt),
        Step(
            id: "remove-bat", label: "Remove bat", action: .postInstall(CommandParameters(argv: ["apt-get", "purge", "-y", "--", "bat"])),
            needsRoot: true, idempotent: true, lock: .apt),
        Step(
            id: "remove-ruff", label: "Remove ruff", action: .postInstall(CommandParameters(argv: ["pipx", "uninstall", "ruff"])),
            idempotent: true, lock: .pipx),
        Step(id: "dpkg-configure", label: "Finish", action: .postInstall(CommandParameters(argv: ["dpkg", "--configure", "-a"])), lock: .apt),
    ]

    @Test(arguments: steps)
    func aCutOffAptStepIsRecoveredFirst(step: Step) throws {
        let plan = Plan(id: PlanID("p-000000000001"), tools: ["bat"], profile: .debianRoot, steps: [step])
        let bodies: [EventBody] = [.planCreated(plan), .planStarted, .stepStarted(step: step.id, attempt: 1, command: [])]
        let state = PlanState.fold(bodies.enumerated().map { Event(sequence: UInt64($0.offset + 1), time: Timestamp(microseconds: Int64($0.offset)), body: $0.element) })
        let events = try ResumePreparation.events(for: state, acknowledged: false, confirmed: true, finishPackageManagers: true)
        let recovered = events.contains { body in
            if case .remediationApplied(step.id, ResumePreparation.dpkgRecoveryID, _, _) = body { return true }
            return false
        }
        #expect(recovered == (step.id == "apt-packages" || step.id == "remove-bat"), "\(step.id): \(events)")
    }
}
