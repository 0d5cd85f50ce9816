import Foundation
import InstallModel
import Orchestrator
import Simulator
import Testing

/// Remediations that change something: the re-run of a failed step carries the remediation's modifiers
/// (and its `step_started` says so), or another method's install takes its place. Failures play real
/// outputs captured in Fixtures/failures; the re-run's recording differs because of what the remediation did.
enum CapturedFailure {
    static func output(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("Fixtures/failures/\(name).out"), encoding: .utf8)
    }

    static func response(_ name: String, exit: Int32, delayMs: Int = 200) throws -> Fixture.Response {
        Samples.response(try output(name), exit: exit, delayMs: delayMs, stream: .stderr)
    }
}

/// The rule-based analyser, with one named remediation made the automatic first choice: how a test
/// accepts a remediation that `--remediate` would not pick by itself (high risk, or needs the user).
struct ChoosingAnalyser: FailureAnalysing {
    let chosen: String
    let rules = RuleBasedAnalyser()

    func makeSession(for step: Step, command: [String], profile: SystemProfile) -> any FailureAnalysisSession {
        rules.makeSession(for: step, command: command, profile: profile)
    }

    func propose(for diagnosis: Diagnosis, step: Step, profile: SystemProfile, chain: [String]) -> [Remediation] {
        let all = rules.propose(for: diagnosis, step: step, profile: profile, chain: chain)
        return all.filter { $0.id == chosen }.map { remediation in
            var automatic = remediation
            automatic.automatic = true
            return automatic
        } + all.filter { $0.id != chosen }
    }
}

/// Another method from a table, as the recipe catalog would answer.
struct TableAlternatives: AlternativeMethods {
    let steps: [Step]
    func steps(replacing failedStep: Step, in plan: Plan) -> Result<[Step], AlternativeMethodUnavailable> { .success(steps) }
}

enum RemediationRuns {
    /// Runs `plan` on recorded outputs with `--remediate`, the rule-based analyser (or `analyser`).
    static func remediated(
        _ plan: Plan, _ fixtures: [Fixture], analyser: any FailureAnalysing = RuleBasedAnalyser(),
        alternatives: (any AlternativeMethods)? = nil
    ) async throws -> (events: [Event], status: PlanStatus?) {
        var harness = SimulationHarness(plan: plan, fixtures: FixtureSet(name: "remediation", fixtures: fixtures))
        harness.analyser = analyser
        harness.alternatives = alternatives
        harness.autoRemediate = true
        let (store, status) = try await harness.run()
        return (try store.events(), status)
    }

    static func profile(with managers: [PackageManager]) -> SystemProfile {
        var profile = Samples.profile
        profile.packageManagers = managers
        return profile
    }

    static func plan(_ step: Step, verify binary: String, profile: SystemProfile = Samples.profile) -> Plan {
        let verify = Step(id: StepID("verify-\(binary)"), label: "Check \(binary)", action: .verify(VerifyParameters(binary: binary)), dependsOn: [step.id])
        return Plan(id: PlanID("p-effect"), tools: [step.tool ?? binary], profile: profile, steps: [step, verify])
    }

    static func commands(_ events: [Event]) -> [String] {
        events.compactMap { event in
            if case .commandStarted(_, let argv, _) = event.body { return argv.joined(separator: " ") }
            return nil
        }
    }

    static func adjustments(_ events: [Event], of step: StepID) -> [StepAdjustment?] {
        events.compactMap { event in
            if case .stepStarted(step, _, _, let adjustment) = event.body { return .some(adjustment) }
            return nil
        }
    }

    static func applied(_ events: [Event]) -> [(id: String, newSteps: [Step], retriedAs: Step?)] {
        events.compactMap { event in
            if case .remediationApplied(_, let id, let newSteps, let retriedAs) = event.body { return (id, newSteps, retriedAs) }
            return nil
        }
    }

    static func output(_ events: [Event]) -> String {
        events.compactMap { event in
            if case .outputChunk(_, _, let data, _) = event.body { return String(decoding: data, as: UTF8.self) }
            return nil
        }.joined()
    }
}

private let pipStep = Step(
    id: "pip-httpie", label: "Install httpie with pip", action: .tool(ToolParameters(installer: .pip, package: "httpie")),
    tool: "httpie")

@Test func pep668ReplacesThePipStepWithPipxWhenPipxIsThere() async throws {
    let profile = RemediationRuns.profile(with: [.apt, .pip, .pipx])
    let (events, status) = try await RemediationRuns.remediated(
        RemediationRuns.plan(pipStep, verify: "http", profile: profile),
        [
            Samples.fixture("python3 -m pip install --user -- httpie", try CapturedFailure.response("pip3-user-pep668", exit: 1)),
            Samples.fixture("pipx install -- httpie", Samples.response("  installed package httpie 3.2.4\n")),
            Samples.fixture("http --version", Samples.response("3.2.4\n")),
        ])
    #expect(status == .done)
    let applied = RemediationRuns.applied(events)
    #expect(applied.map(\.id) == ["use-pipx"])
    #expect(applied.first?.newSteps.isEmpty == true)
    #expect(applied.first?.retriedAs?.id == "pip-httpie")
    #expect(RemediationRuns.commands(events) == ["python3 -m pip install --user -- httpie", "pipx install -- httpie", "http --version"])
    let state = PlanState.fold(events)
    if case .tool(let p) = state.plan?.step("pip-httpie")?.action { #expect(p.installer == .pipx) } else { Issue.record("not a tool step") }
}

@Test func pep668WithoutPipxInstallsPipxFirstThenSwitches() async throws {
    let profile = RemediationRuns.profile(with: [.apt, .pip])
    let (events, status) = try await RemediationRuns.remediated(
        RemediationRuns.plan(pipStep, verify: "http", profile: profile),
        [
            Samples.fixture("python3 -m pip install --user -- httpie", try CapturedFailure.response("pip3-user-pep668", exit: 1)),
            Samples.fixture("dpkg-query -W -f=${Status} pipx", Samples.response("dpkg-query: no packages found matching pipx\n", exit: 1)),
            Samples.fixture("apt-get install -y -o DPkg::Lock::Timeout=600 pipx", Samples.response("Setting up pipx (1.1.0-1) ...\n")),
            Samples.fixture("pipx install -- httpie", Samples.response("  installed package httpie 3.2.4\n")),
            Samples.fixture("http --version", Samples.response("3.2.4\n")),
        ])
    #expect(status == .done)
    let proposed = PlanState.fold(events).step("pip-httpie")?.proposedRemediations ?? []
    #expect(proposed.first { $0.id == "use-pipx" }?.availability == .locked(reason: "pipx is not installed", unlockDependencies: ["pipx"]))
    #expect(RemediationRuns.applied(events).map(\.id) == ["install-pipx-then-use-pipx"])
    #expect(RemediationRuns.commands(events).filter { !$0.hasPrefix("dpkg-query") } == [
        "python3 -m pip install --user -- httpie", "apt-get install -y -o DPkg::Lock::Timeout=600 pipx", "pipx install -- httpie",
        "http --version",
    ])
}

@Test func breakSystemPackagesIsPassedToTheReRunAndRecordedWhenItStarts() async throws {
    let (events, status) = try await RemediationRuns.remediated(
        RemediationRuns.plan(pipStep, verify: "http"),
        [
            Samples.fixture("python3 -m pip install --user -- httpie", try CapturedFailure.response("pip3-user-pep668", exit: 1)),
            Samples.fixture("python3 -m pip install --user --break-system-packages -- httpie", Samples.response("Successfully installed httpie-3.2.4\n")),
            Samples.fixture("http --version", Samples.response("3.2.4\n")),
        ], analyser: ChoosingAnalyser(chosen: "pip-break-system-packages"))
    #expect(status == .done)
    #expect(RemediationRuns.commands(events).dropFirst().first == "python3 -m pip install --user --break-system-packages -- httpie")
    let adjustments = RemediationRuns.adjustments(events, of: "pip-httpie")
    #expect(adjustments.count == 2)
    #expect(adjustments.first == .some(nil))
    #expect(adjustments.last??.extraArguments == ["--break-system-packages"])
    #expect(adjustments.last??.remediation == "pip-break-system-packages")
}

@Test func aTimedOutStepRunsAgainWithThreeTimesItsTimeoutAndFinishes() async throws {
    let build = Step(
        id: "build-tool", label: "Build the tool", action: .postInstall(CommandParameters(argv: ["cargo", "build", "--release"])),
        timeoutSeconds: 3, tool: "tool")
    let slow = Fixture.Response(
        exitCode: 0, chunks: [Fixture.Chunk(delayMilliseconds: 5_000, stream: .stdout, text: "    Finished `release` profile\n")],
        tailMilliseconds: 10)
    let (events, status) = try await RemediationRuns.remediated(
        RemediationRuns.plan(build, verify: "tool"),
        [
            Samples.fixture("cargo build --release", slow), Samples.fixture("tool --version", Samples.response("tool 1.0\n")),
        ])
    #expect(status == .done)
    #expect(PlanState.fold(events).step("build-tool")?.diagnosis?.kind == .stepTimeout)
    #expect(RemediationRuns.applied(events).first?.retriedAs?.timeoutSeconds == 9)
    #expect(RemediationRuns.adjustments(events, of: "build-tool").last??.timeoutSeconds == 9)
}

@Test func aNetworkFlakeIsRetriedWithBackoffInsideTheReRun() async throws {
    let fetch = Step(
        id: "pip-httpie", label: "Install httpie", action: .postInstall(CommandParameters(argv: ["pip", "install", "httpie"])),
        tool: "httpie")
    let flake = try CapturedFailure.response("pip-dns", exit: 1)
    let (events, status) = try await RemediationRuns.remediated(
        RemediationRuns.plan(fetch, verify: "http"),
        [
            Samples.fixture("pip install httpie", flake, flake, Samples.response("Successfully installed httpie-3.2.4\n")),
            Samples.fixture("http --version", Samples.response("3.2.4\n")),
        ])
    #expect(status == .done)
    #expect(RemediationRuns.applied(events).map(\.id) == ["retry-with-backoff"])
    let adjustment = RemediationRuns.adjustments(events, of: "pip-httpie").last ?? nil
    #expect(adjustment?.attempts == 3)
    #expect(adjustment?.backoffSeconds == [10, 30, 90])
    #expect(RemediationRuns.output(events).contains("evlog: waiting 10 s before run 2 of 3 (remediation retry-with-backoff)"))
    #expect(RemediationRuns.commands(events).filter { $0 == "pip install httpie" }.count == 3)
    // The wait happened on the step's clock: the re-run lasted at least the 10 s backoff.
    let starts = events.filter { if case .stepStarted("pip-httpie", _, _, _) = $0.body { true } else { false } }.map(\.time)
    let ends = events.filter { if case .stepDone("pip-httpie", _, _, _) = $0.body { true } else { false } }.map(\.time)
    if let start = starts.last, let end = ends.last { #expect(end.microseconds(since: start) >= 10_000_000) } else { Issue.record("no re-run") }
}

@Test func anEnvironmentAdditionReachesTheReRunsCommandAndShowsInIt() async throws {
    let npm = Step(
        id: "npm-typescript", label: "Install typescript with npm",
        action: .tool(ToolParameters(installer: .npm, package: "typescript")), tool: "typescript")
    var profile = Samples.profile
    profile.isRoot = false
    profile.packageManagers = [.apt, .npm]
    let (events, status) = try await RemediationRuns.remediated(
        RemediationRuns.plan(npm, verify: "tsc", profile: profile),
        [
            Samples.fixture("npm install -g -- typescript", try CapturedFailure.response("npm-global-eacces", exit: 243), Samples.response("added 1 package in 2s\n")),
            Samples.fixture("tsc --version", Samples.response("Version 5.6.3\n")),
        ], analyser: ChoosingAnalyser(chosen: "npm-user-prefix"))
    #expect(status == .done)
    let reRun = RemediationRuns.commands(events).dropFirst().first ?? ""
    #expect(reRun.hasPrefix("env npm_config_prefix=") && reRun.hasSuffix("/.local npm install -g -- typescript"))
    #expect(!reRun.contains("$HOME"))
    #expect(RemediationRuns.adjustments(events, of: "npm-typescript").last??.environment == ["npm_config_prefix": "$HOME/.local"])
}

@Test func switchMethodPutsTheOtherMethodsInstallInTheFailedStepsPlace() async throws {
    let release = Step(
        id: "install-jq", label: "Install jq 1.7 for arm64",
        action: .postInstall(CommandParameters(argv: ["sh", "-c", "./jq-linux-arm64 --version"])), tool: "jq")
    let apt = Step(
        id: "apt-jq", label: "Install jq with apt",
        action: .packages(PackagesParameters(manager: .apt, packages: ["jq"])), needsRoot: true, tool: "jq")
    let (events, status) = try await RemediationRuns.remediated(
        RemediationRuns.plan(release, verify: "jq"),
        [
            Samples.fixture("sh -c ./jq-linux-arm64 --version", try CapturedFailure.response("exec-aarch64-binary-sh", exit: 126)),
            Samples.fixture("dpkg-query -W -f=${Status} jq", Samples.response("dpkg-query: no packages found matching jq\n", exit: 1)),
            Samples.fixture("apt-get install -y -o DPkg::Lock::Timeout=600 jq", Samples.response("Setting up jq (1.6-2.1) ...\n")),
            Samples.fixture("jq --version", Samples.response("jq-1.6\n")),
        ], analyser: ChoosingAnalyser(chosen: "switch-install-method"), alternatives: TableAlternatives(steps: [apt]))
    #expect(status == .done)
    #expect(PlanState.fold(events).step("install-jq")?.diagnosis?.kind == .archMismatch)
    let applied = RemediationRuns.applied(events)
    #expect(applied.map(\.id) == ["switch-install-method"])
    #expect(applied.first?.retriedAs?.id == "install-jq")
    #expect(applied.first?.retriedAs?.kind == .packages)
    #expect(RemediationRuns.commands(events).contains("apt-get install -y -o DPkg::Lock::Timeout=600 jq"))
}

@Test func switchMethodWithNoCatalogIsImpossibleAndSaysWhy() async throws {
    let release = Step(
        id: "install-jq", label: "Install jq 1.7 for arm64",
        action: .postInstall(CommandParameters(argv: ["sh", "-c", "./jq-linux-arm64 --version"])), tool: "jq")
    var harness = SimulationHarness(
        plan: RemediationRuns.plan(release, verify: "jq"),
        fixtures: FixtureSet(name: "arch", fixtures: [
            Samples.fixture("sh -c ./jq-linux-arm64 --version", try CapturedFailure.response("exec-aarch64-binary-sh", exit: 126)),
        ]))
    harness.analyser = RuleBasedAnalyser()
    let (store, status) = try await harness.run()
    #expect(status == .failed)
    let proposed = PlanState.fold(try store.events()).step("install-jq")?.proposedRemediations ?? []
    #expect(proposed.first { $0.id == "switch-install-method" }?.availability
        == .impossible(reason: "no recipe catalog to plan another method from"))
}

@Test func aHeldAptLockIsWaitedForBeforeTheReRunWhichThenFinishes() async throws {
    let (events, status) = try await RemediationRuns.remediated(
        RepositoryFixtures.ripgrepPlan(),
        [
            Samples.fixture("dpkg-query -W -f=${Status} ripgrep", Samples.response("dpkg-query: no packages found matching ripgrep\n", exit: 1)),
            Samples.fixture("apt-get update", Samples.response("Reading package lists...\n")),
            Samples.fixture(
                "apt-get install -y -o DPkg::Lock::Timeout=600 ripgrep", try CapturedFailure.response("apt-dpkg-lock", exit: 100),
                Samples.response("Setting up ripgrep (13.0.0-4+b2) ...\n")),
            Samples.fixture("rg --version", Samples.response("ripgrep 13.0.0\n")),
        ])
    #expect(status == .done)
    #expect(PlanState.fold(events).step("apt-packages")?.diagnosis?.kind == .packageManagerLocked)
    #expect(RemediationRuns.applied(events).map(\.id) == ["wait-for-lock"])
    #expect(RemediationRuns.adjustments(events, of: "apt-packages").last??.waitSeconds == 300)
    #expect(RemediationRuns.output(events).contains("evlog: waiting 300 s before run 1 of 1 (remediation wait-for-lock)"))
}
