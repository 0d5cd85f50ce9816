import InstallModel
import Orchestrator
import Testing

private let caller = [
    "PATH": "/opt/tools/bin:/usr/bin", "HOME": "/home/me", "EDITOR": "vi",
    "GITHUB_TOKEN": "ghp_callerToken0123456789abcdef", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG",
    "DB_PASSWORD": "hunter2-db", "SSH_AUTH_SOCK": "/tmp/ssh-x/agent.1", "PASSWORD_STORE_DIR": "/home/me/.pw",
    "FEATURE_KEY_ENABLED": "true", "https_proxy": "http://me:proxyS3cret@proxy.invalid:3128",
    "npm_config_registry": "https://npm.invalid/", "PIP_INDEX_URL": "https://u:pipS3cret@pypi.invalid/simple",
]

@Test func evlogRunGivesTheChildTheCallersEnvironmentMinusNothing() {
    let environment = ChildEnvironment.passingCaller(caller)
    #expect(environment.variables == caller)
}

@Test func secretLookingValuesAndURLPasswordsAreRegistered() {
    let secrets = Set(ChildEnvironment.passingCaller(caller).secrets)
    #expect(secrets == ["ghp_callerToken0123456789abcdef", "wJalrXUtnFEMI/K7MDENG", "hunter2-db", "proxyS3cret", "pipS3cret"])
}

@Test func anInstallPlanGetsTheAllowListWithEnglishMessages() {
    let environment = ChildEnvironment.forInstall(caller: caller)
    #expect(environment.variables["PATH"] == "/opt/tools/bin:/usr/bin")
    #expect(environment.variables["GITHUB_TOKEN"] == caller["GITHUB_TOKEN"])
    #expect(environment.variables["npm_config_registry"] == caller["npm_config_registry"])
    #expect(environment.variables["PIP_INDEX_URL"] == caller["PIP_INDEX_URL"])
    #expect(environment.variables["DB_PASSWORD"] == nil)
    #expect(environment.variables["EDITOR"] == nil)
    #expect(environment.variables["LC_ALL"] == "C.UTF-8")
    #expect(Set(environment.secrets) == ["ghp_callerToken0123456789abcdef", "proxyS3cret", "pipS3cret"])
}

@Test func theRecordedCommandNoteSelectsTheCallersEnvironment() {
    let profile = SystemProfile(
        name: "t", osFamily: "debian", distribution: "debian", version: "12", arch: "x86_64", initSystem: .none,
        packageManagers: [.apt], isRoot: true, hasSudo: false, inContainer: true, externallyManagedPython: false)
    let step = Step(id: "run", label: "run", action: .postInstall(CommandParameters(argv: ["true"])))
    let run = Plan(id: PlanID("p-run"), tools: [], profile: profile, steps: [step], notes: [ChildEnvironment.recordedCommandNote])
    let install = Plan(id: PlanID("p-install"), tools: [], profile: profile, steps: [step])
    #expect(ChildEnvironment.forPlan(run, caller: caller).variables["EDITOR"] == "vi")
    #expect(ChildEnvironment.forPlan(install, caller: caller).variables["EDITOR"] == nil)
}
