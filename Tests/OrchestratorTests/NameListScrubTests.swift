import InstallModel
import Orchestrator
import Testing

/// A plan's lists of names (a step's `dependsOn`, the plan's tools) are not command lines: a step named for a tool
/// whose name ends in a credential word (`pipx-detect-secrets`) does not make the next name (`shell-path`) a secret
/// (repro12 F1: the consent gate showed "[redacted]" and the plan could not be resumed). A command's argv still is one.
struct NameListScrubTests {
    @Test(arguments: ["detect-secrets", "aws-secrets", "vault-token", "git-credentials", "db-password"])
    func aStepNamedForACredentialWordKeepsTheNamesAfterIt(tool: String) throws {
        let install = Step(id: StepID("pipx-\(tool)"), label: "Install \(tool)", action: .postInstall(CommandParameters(argv: ["true"])), tool: tool)
        let shell = Step(id: "shell-path", label: "PATH", action: .postInstall(CommandParameters(argv: ["true"])))
        let verify = Step(
            id: StepID("verify-\(tool)"), label: "Check", action: .verify(VerifyParameters(binary: "true")), dependsOn: [install.id, shell.id], tool: tool)
        let profile = SystemProfile(
            name: "test", osFamily: "debian", distribution: "debian", version: "12", arch: "x86_64", initSystem: .sysv,
            packageManagers: [.apt], isRoot: true, hasSudo: false, inContainer: true, externallyManagedPython: true)
        let plan = Plan(id: PlanID("p-000000000001"), tools: [tool, "shell-path"], profile: profile, steps: [install, shell, verify])
        let store = MemoryEventStore()
        let recorder = EventRecorder(store: store, clock: SystemClock())
        try recorder.record(.planCreated(plan))
        try recorder.record(.commandStarted(step: install.id, argv: ["mysql", "--password", "Hunter2Secret9"]))
        try recorder.close()
        let events = try store.events()
        guard case .planCreated(let stored) = events.first?.body else {
            Issue.record("no plan")
            return
        }
        #expect(stored.steps.last?.dependsOn == [install.id, shell.id])
        #expect(stored.tools == [tool, "shell-path"])
        let started = String(decoding: try EventPayload.encode(events[1]), as: UTF8.self)
        #expect(!started.contains("Hunter2Secret9"), "\(started)")
    }
}
